/* Dates: parsing the forms archives use, comparing, and formatting for each output. */
#ifndef QUIRE_DATE_H
#define QUIRE_DATE_H

#include <stddef.h>
#include <stdint.h>
#include "doc.h"

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]][Z|+HH:MM|-HHMM]" (also with a space for T).
 * Leading and trailing blanks are allowed. Returns 0 on success, -1 (d zeroed) otherwise. */
int date_parse(const char *s, struct date *d);
/*
 * Reads a date written out at the start of s, as articles and pages write them: "September 5,
 * 2023", "Sept. 5 2023", "Sep 5th, 2023", "5 September 2023", "5th Sep, 2023", "5. September
 * 2023", each perhaps after a weekday ("Tuesday, ", "Tue "); or "2023-09-05", "2023/09/05" and
 * an ISO 8601 word date_parse reads ("2023-09-05T10:00Z"). Month names are English, in full,
 * as three letters or "Sept", a dot allowed after an abbreviation; the year has four digits
 * and is followed by no letter or digit. Returns 0, sets *d and *end just past the date (the
 * rest of s, such as a time, is the caller's); or returns -1 with d zeroed and *end unset.
 */
int date_prose(const char *s, struct date *d, const char **end);
/* Reads an English month name at s as date_prose does. Returns 1..12 and sets *end past it
 * (and a dot after an abbreviation), or returns 0. */
int date_month_at(const char *s, const char **end);
/* Returns the length of an English weekday name at s ("Tuesday", "Tue", "Tues", "Thur",
 * "Thurs", any case, the letters only), or 0. */
size_t date_weekday_at(const char *s);
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
/* Writes a range of days in English, shortest first: "1–30 November 2019", "5 October – 2
 * November 2019", "30 December 2019 – 2 January 2020", or one day when to is undated or the
 * same day (at most 80 bytes with NUL). */
void date_range(const struct date *from, const struct date *to, char out[80]);
/* Returns the English month name for 1..12. */
const char *date_month_name(int month);

#endif
