/* Messages about the input: warnings and errors, counted so the exit status can say how bad it was. */
#ifndef QUIRE_MSG_H
#define QUIRE_MSG_H

struct buf;
struct strset;

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
/* A warning given once for key (a photo's path, say): while messages are captured, the
 * replay that is given a set of keys prints it only the first time. Not captured, it is
 * printed. */
void msg_warn_once(const char *key, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* From now on, the calling thread's messages are appended to b (the caller's) instead of
 * being printed and counted; NULL prints them again. A worker thread (export.c) captures
 * what it reports about an article so that the writer thread gives the messages in reading
 * order, whatever thread set the article. */
void msg_capture(struct buf *b);

/* Prints and counts the messages captured in b, in the order they were made, skipping a
 * keyed warning whose key is in once already (keys are added to once; NULL: none skipped). */
void msg_replay(const struct buf *b, struct strset *once);

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
