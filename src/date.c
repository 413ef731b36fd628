/* Dates: parsing the forms archives use, comparing, and formatting for each output. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "util.h"

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

const char *
date_month_name(int month)
{
	return month >= 1 && month <= 12 ? months[month - 1] : "";
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Reads exactly n digits at *s, advancing it. Returns the value or -1. */
static int
digits(const char **s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!ascii_isdigit((*s)[i]))
			return -1;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return v;
}

/* Reads two digits at *s, or with flex one digit that no other follows. Returns the value or
 * -1. */
static int
two(const char **s, int flex)
{
	if (flex && ascii_isdigit((*s)[0]) && !ascii_isdigit((*s)[1]))
		return digits(s, 1);
	return digits(s, 2);
}

static const char *
skipblank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int
date_parse(const char *str, struct date *d)
{
	const char *s = skipblank(str);
	struct date r = {0};

	memset(d, 0, sizeof(*d));
	if ((r.year = digits(&s, 4)) < 0 || *s++ != '-' || (r.month = digits(&s, 2)) < 0 ||
	    *s++ != '-' || (r.day = digits(&s, 2)) < 0)
		return -1;
	if (!date_valid(r.year, r.month, r.day))
		return -1;
	if ((*s == 'T' || *s == 't' || *s == ' ') && ascii_isdigit(s[1])) {
		s++;
		if ((r.hour = digits(&s, 2)) < 0 || *s++ != ':' || (r.min = digits(&s, 2)) < 0)
			return -1;
		if (*s == ':') {
			s++;
			if ((r.sec = digits(&s, 2)) < 0)
				return -1;
			if (*s == '.' || *s == ',') {
				s++;
				while (ascii_isdigit(*s))
					s++;
			}
		}
		if (r.hour > 23 || r.min > 59 || r.sec > 60)
			return -1;
		if (r.sec == 60)
			r.sec = 59;
		r.has_time = 1;
		s = skipblank(s);
		if (*s == 'Z' || *s == 'z') {
			r.has_tz = 1;
			s++;
		} else if (*s == '+' || *s == '-') {
			int sign = *s++ == '-' ? -1 : 1, h, m = 0;
			if ((h = digits(&s, 2)) < 0)
				return -1;
			if (*s == ':')
				s++;
			if (ascii_isdigit(*s) && (m = digits(&s, 2)) < 0)
				return -1;
			if (h > 14 || m > 59)
				return -1;
			r.has_tz = 1;
			r.tz_min = sign * (h * 60 + m);
		}
	}
	s = skipblank(s);
	if (*s != '\0')
		return -1;
	*d = r;
	return 0;
}

int
date_from_name(const char *name, struct date *d)
{
	const char *s = name;
	struct date r = {0};

	memset(d, 0, sizeof(*d));
	if ((r.year = digits(&s, 4)) < 0 || *s++ != '-' || (r.month = digits(&s, 2)) < 0 ||
	    *s++ != '-' || (r.day = digits(&s, 2)) < 0 || !date_valid(r.year, r.month, r.day))
		return -1;
	if (ascii_isdigit(*s))
		return -1;
	*d = r;
	return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t
date_epoch(const struct date *d)
{
	int64_t t = days_from_civil(d->year, d->month, d->day) * 86400;

	if (d->has_time)
		t += d->hour * 3600 + d->min * 60 + d->sec - (int64_t)d->tz_min * 60;
	return t;
}

void
date_from_epoch(int64_t t, struct date *d)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	memset(d, 0, sizeof(*d));
	d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d->year = (int)(yoe + era * 400 + (d->month <= 2));
	d->hour = (int)(secs / 3600);
	d->min = (int)(secs / 60 % 60);
	d->sec = (int)(secs % 60);
	d->has_time = 1;
	d->has_tz = 1;
}

int
date_cmp(const struct date *a, const struct date *b)
{
	if (a->year == 0 || b->year == 0)
		return (a->year == 0) - (b->year == 0);
	int64_t x = date_epoch(a), y = date_epoch(b);
	return (x > y) - (x < y);
}

void
date_iso(const struct date *d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000u, (unsigned)d->month % 100u, (unsigned)d->day % 100u);
}

void
date_iso_utc(const struct date *d, char out[21])
{
	struct date u;

	date_from_epoch(date_epoch(d), &u);
	snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)u.year % 10000u, (unsigned)u.month % 100u,
	    (unsigned)u.day % 100u, (unsigned)u.hour % 100u, (unsigned)u.min % 100u, (unsigned)u.sec % 100u);
}

void
date_pdf(const struct date *d, char out[18])
{
	struct date u;

	date_from_epoch(date_epoch(d), &u);
	snprintf(out, 18, "D:%04u%02u%02u%02u%02u%02uZ", (unsigned)u.year % 10000u, (unsigned)u.month % 100u,
	    (unsigned)u.day % 100u, (unsigned)u.hour % 100u, (unsigned)u.min % 100u, (unsigned)u.sec % 100u);
}

void
date_long(const struct date *d, char out[32])
{
	snprintf(out, 32, "%u %s %u", (unsigned)d->day % 100u, date_month_name(d->month), (unsigned)d->year % 10000u);
}

void
date_range(const struct date *from, const struct date *to, char out[80])
{
	char a[32], b[32];

	if (to->year == 0 || (from->year == to->year && from->month == to->month &&
	    from->day == to->day)) {
		date_long(from, out);
		return;
	}
	date_long(to, b);
	if (from->year != to->year)
		date_long(from, a);
	else if (from->month != to->month)
		snprintf(a, sizeof(a), "%u %s", (unsigned)from->day % 100u,
		    date_month_name(from->month));
	else {
		/* "1–30 November 2019": one month, an en dash between the days. */
		snprintf(out, 80, "%u\xe2\x80\x93%s", (unsigned)from->day % 100u, b);
		return;
	}
	snprintf(out, 80, "%s \xe2\x80\x93 %s", a, b);
}

/* ---- Dates written out in prose --------------------------------------------------------- */

static const char *
skipspaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

int
date_month_at(const char *s, const char **end)
{
	size_t n = 0;

	while (ascii_isalpha(s[n]))
		n++;
	if (n < 3)
		return 0;
	for (int m = 1; m <= 12; m++) {
		const char *full = months[m - 1];
		size_t fl = strlen(full);
		if ((n == fl && strncasecmp(s, full, n) == 0) ||
		    (n == 3 && strncasecmp(s, full, 3) == 0) ||
		    (m == 9 && n == 4 && strncasecmp(s, "sept", 4) == 0)) {
			if (s[n] == '.' && n < fl)
				n++;
			*end = s + n;
			return m;
		}
	}
	return 0;
}

size_t
date_weekday_at(const char *s)
{
	static const char *const days[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"tues", "thur", "thurs"
	};
	size_t n = 0;

	while (ascii_isalpha(s[n]))
		n++;
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		if ((n == strlen(days[i]) || (n == 3 && i < 7)) && strncasecmp(s, days[i], n) == 0)
			return n;
	return 0;
}

/* Returns s past a weekday name and its comma ("Tuesday, ", "Tue "), or s itself. */
static const char *
weekday(const char *s)
{
	size_t n = date_weekday_at(s);
	const char *p = s + n;

	if (n == 0)
		return s;
	if (*p == '.')
		p++;
	if (*p == ',')
		p++;
	return *p == ' ' ? skipspaces(p) : s;
}

/* Reads a day of the month, 1 or 2 digits with an optional "st", "nd", "rd" or "th". Returns
 * it and advances *sp, or returns -1. */
static int
dayno(const char **sp)
{
	const char *s = *sp;
	int d = 0, n = 0;

	while (ascii_isdigit(s[n]) && n < 3)
		d = d * 10 + (s[n++] - '0');
	if (n < 1 || n > 2)
		return -1;
	s += n;
	if (strncasecmp(s, "st", 2) == 0 || strncasecmp(s, "nd", 2) == 0 ||
	    strncasecmp(s, "rd", 2) == 0 || strncasecmp(s, "th", 2) == 0)
		s += 2;
	if (ascii_isalnum(*s))
		return -1;
	*sp = s;
	return d;
}

int
date_prose(const char *str, struct date *d, const char **end)
{
	struct date r = {0};
	const char *s = weekday(str), *p = s, *q;
	int m;

	memset(d, 0, sizeof(*d));
	if (ascii_isdigit(s[0]) && ascii_isdigit(s[1]) && ascii_isdigit(s[2]) &&
	    ascii_isdigit(s[3])) {
		/* "2023-09-05T10:00Z" is one word that date_parse reads whole. */
		size_t n = strcspn(s, " ");
		char tok[40], sep = s[4];
		if (sep == '-' && n < sizeof(tok)) {
			memcpy(tok, s, n);
			tok[n] = '\0';
			if (date_parse(tok, &r) == 0) {
				*d = r;
				*end = s + n;
				return 0;
			}
		}
		memset(&r, 0, sizeof(r));
		r.year = digits(&p, 4);
		/* "2024/3/1": slashes may take one-digit months and days; dashes are ISO's. */
		int flex = sep == '/';
		if ((sep != '-' && sep != '/') || *p++ != sep || (r.month = two(&p, flex)) < 0 ||
		    *p++ != sep || (r.day = two(&p, flex)) < 0 || ascii_isdigit(*p))
			return -1;
		goto check;
	}
	if ((m = date_month_at(p, &q)) != 0) {
		/* "September 5, 2023", "Sept. 5 2023", "Sep 5th, 2023". */
		p = skipspaces(q);
		if (p == q && q[-1] != '.')
			return -1;
		if ((r.day = dayno(&p)) < 0)
			return -1;
		if (*p == ',')
			p++;
		if (*p != ' ')
			return -1;
		p = skipspaces(p);
	} else {
		/* "5 September 2023", "5th Sep, 2023", "5. September 2023". */
		if ((r.day = dayno(&p)) < 0)
			return -1;
		if (*p == '.')
			p++;
		if (*p != ' ')
			return -1;
		if ((m = date_month_at(skipspaces(p), &q)) == 0)
			return -1;
		p = q;
		if (*p == ',')
			p++;
		if (*p != ' ')
			return -1;
		p = skipspaces(p);
	}
	r.month = m;
	if ((r.year = digits(&p, 4)) < 0 || ascii_isalnum(*p))
		return -1;
check:
	if (!date_valid(r.year, r.month, r.day))
		return -1;
	*d = r;
	*end = p;
	return 0;
}
