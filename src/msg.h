/* Messages about the input: warnings and errors, counted so the exit status can say how bad it was. */
#ifndef QUIRE_MSG_H
#define QUIRE_MSG_H

enum msg_level {
	MSG_OK = 0,
	MSG_WARNING,            /* input repaired; output still complete */
	MSG_ERROR               /* something could not be done */
};

/* Prints "quire: FILE:LINE: warning: ..." to stderr (":LINE" when line > 0; no "FILE:" when file is
 * NULL) and records the level. */
void msg_warn(const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same, as an error. */
void msg_error(const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints "quire: FILE: note: ..." when notes are on (--check), else nothing: what quire left out
 * on purpose, such as a web archive's redirects and error pages. Does not count as a warning. */
void msg_note(const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Turns notes on (1) or off (0, the default). Set once, before any input is read. */
void msg_notes(int on);
/* Returns the worst level seen so far. */
enum msg_level msg_worst(void);
/* With mute 1, warnings still count towards the exit status but are not printed (the -q
 * option). Set once, before any input is read. */
void msg_mute(int mute);

/* Returns the number of warnings reported so far, muted ones included. */
unsigned msg_warnings(void);

/* Shows line (no newline) as a status line on stderr, below the messages: a message printed
 * while it is shown clears it and draws it again after itself. NULL removes it. For the
 * progress bar (progress.c), on a terminal only. */
void msg_status(const char *line);

#endif
