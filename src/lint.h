/* `quire --check`: what is wrong with an archive, found without writing anything. */
#ifndef QUIRE_LINT_H
#define QUIRE_LINT_H

#include "doc.h"

/* Checks the opened archive ar beyond what reading it reported (missing photos, dates, front
 * matter, unreadable files were warned about then): titles and sources that two articles share,
 * and links to articles that are not exported. Each finding is a warning naming the file and
 * line. Returns the number of findings. */
unsigned lint_archive(const struct archive *ar);

#endif
