/* Writing systems: the direction of a language, and an article's language and direction guessed
 * from the script of its text. */
#ifndef QUIRE_SCRIPT_H
#define QUIRE_SCRIPT_H

#include "doc.h"

/* Returns DIR_RTL for a BCP 47 tag whose language is written right to left (ar, fa, he, ur,
 * ps, yi, dv, ckb, sd, ug, syr, or a -Arab/-Hebr script subtag), DIR_LTR for any other tag,
 * and DIR_AUTO for NULL. */
enum dir script_lang_dir(const char *lang);

/* Fills in what article a (title and body, a->body) leaves unsaid, from the letters of its
 * text: its direction, when a->dir is DIR_AUTO and the letters' direction (the majority of
 * strongly directional letters; with no letters, the direction of a->lang) differs from base,
 * the direction of the archive; and its language, when a->lang is NULL and right-to-left
 * letters are the majority: "fa" for Arabic script with Persian letters (U+067E, U+0686,
 * U+0698, U+06AF, U+06A9, U+06CC), "ur" with Urdu letters, else "ar"; "he" for Hebrew. */
void script_detect(struct article *a, enum dir base);

#endif
