/* Dates: parsing the forms archives use, comparing, and formatting for each output. */
#ifndef QUIRE_DATE_H
#define QUIRE_DATE_H

#include <stdint.h>
#include "doc.h"

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]][Z|+HH:MM|-HHMM]" (also with a space for T).
 * Leading and trailing blanks are allowed. Returns 0 on success, -1 (d zeroed) otherwise. */
int date_parse(const char *s, struct date *d);
/* Parses a leading "YYYY-MM-DD" of a file name. Returns 0 on success, -1 otherwise. */
int date_from_name(const char *name, struct date *d);
/* Seconds since 1970-01-01T00:00Z (a date without time counts as midnight UTC). */
int64_t date_epoch(const struct date *d);
/* Sets d to the UTC date and time of t. */
void date_from_epoch(int64_t t, struct date *d);
/* Orders two dates by the instant they denote; undated sorts after every date. */
int date_cmp(const struct date *a, const struct date *b);
/* Returns 1 if the calendar date is valid. */
int date_valid(int y, int m, int d);
/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void date_iso(const struct date *d, char out[11]);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" in UTC (21 bytes with NUL). */
void date_iso_utc(const struct date *d, char out[21]);
/* Writes "D:YYYYMMDDHHmmSSZ" for PDF in UTC (18 bytes with NUL). */
void date_pdf(const struct date *d, char out[18]);
/* Writes "1 March 2024" in English (at most 32 bytes with NUL). */
void date_long(const struct date *d, char out[32]);
/* Returns the English month name for 1..12. */
const char *date_month_name(int month);

#endif
