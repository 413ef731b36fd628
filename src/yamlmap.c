/* A small YAML loader for flat mappings of scalars and lists: archive.yaml, front matter, styles. */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "msg.h"
#include "util.h"
#include "yamlmap.h"

/* The deepest nesting followed; deeper structures are skipped. */
#define MAXDEPTH 8

static void
drop(struct ymap *m, const char *why, unsigned line)
{
	if (m->ndrops < YMAP_MAX_DROPS) {
		m->drops[m->ndrops].why = why;
		m->drops[m->ndrops].line = line;
	}
	m->ndrops++;
}

static struct yval *
add(struct ymap *m, const char *key, unsigned line)
{
	/* A repeated key replaces the earlier value, as most YAML loaders do, with a warning. */
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->v[i].key, key) == 0) {
			struct yval *v = &m->v[i];
			drop(m, "a repeated key (the earlier value is replaced)", line);
			free(v->scalar);
			for (size_t j = 0; j < v->nlist; j++)
				free(v->list[j]);
			free(v->list);
			v->scalar = NULL;
			v->list = NULL;
			v->nlist = 0;
			v->line = line;
			return v;
		}
	}
	m->v = xrealloc(m->v, (m->n + 1) * sizeof(*m->v));
	struct yval *v = &m->v[m->n++];
	memset(v, 0, sizeof(*v));
	v->key = xstrdup(key);
	v->line = line;
	return v;
}

/* In a mapping, a key or a value that is left out (an alias, a structure too deep, a key that is
 * not text) leaves its partner without a use: *key is the pending key, *nokey says that the next
 * value belongs to a key left out. Call when the item left out is at this point. */
static void
pair_dropped(char **key, int *nokey)
{
	if (*nokey)
		*nokey = 0;             /* the value of a key left out */
	else if (*key) {
		free(*key);             /* the value left out: its key goes too */
		*key = NULL;
	} else
		*nokey = 1;             /* the key left out: its value goes too */
}

int
ymap_parse(const char *text, size_t len, unsigned line0, struct ymap *out, const char **err,
           unsigned *errline)
{
	yaml_parser_t p;
	yaml_event_t ev;
	/* Per nesting level: 1 for a mapping, 2 for a sequence; the key prefix of mappings. */
	int kind[MAXDEPTH + 1];
	char *prefix[MAXDEPTH + 1] = {0};
	char *key = NULL;               /* pending key in the current mapping */
	int nokey = 0;                  /* the current mapping's pending key was left out */
	struct yval *seq = NULL;        /* list being filled */
	int depth = 0, skip = 0, rc = 0, done = 0;
	unsigned keyline = 0;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	*errline = 0;
	if (!yaml_parser_initialize(&p)) {
		*err = "cannot initialise YAML parser";
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			*err = p.problem ? p.problem : "YAML syntax error";
			/* Where the broken construct started says more than where it was noticed. */
			*errline = line0 + (unsigned)(p.context ? p.context_mark.line :
			    p.problem_mark.line) + 1;
			rc = -1;
			break;
		}
		unsigned line = line0 + (unsigned)ev.start_mark.line + 1;
		int in_map = depth > 0 && kind[depth - 1] == 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (skip) {
				skip++;
				break;
			}
			if (depth == 0 && ev.type == YAML_SEQUENCE_START_EVENT) {
				*err = "expected a mapping of keys to values";
				*errline = line;
				skip++;
				rc = -1;
				break;
			}
			/* The value of a key left out goes with it, unread. */
			if (in_map && nokey) {
				nokey = 0;
				skip++;
				break;
			}
			if (depth >= MAXDEPTH || (depth > 0 && kind[depth - 1] == 2) ||
			    (in_map && key == NULL)) {
				drop(out, in_map && key == NULL ? "a key that is not text" :
				    "nested too deeply", line);
				if (in_map)
					pair_dropped(&key, &nokey);
				skip++;
				break;
			}
			kind[depth] = ev.type == YAML_MAPPING_START_EVENT ? 1 : 2;
			if (kind[depth] == 1) {
				prefix[depth] = depth == 0 ? xstrdup("") :
				    xasprintf("%s%s.", prefix[depth - 1], key ? key : "");
			} else {
				seq = NULL;
				if (key) {
					char *full = xasprintf("%s%s", depth > 0 && prefix[depth - 1] ?
					    prefix[depth - 1] : "", key);
					seq = add(out, full, keyline);
					free(full);
				}
				prefix[depth] = NULL;
			}
			free(key);
			key = NULL;
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (skip) {
				skip--;
				break;
			}
			if (depth > 0) {
				depth--;
				free(prefix[depth]);
				prefix[depth] = NULL;
				if (kind[depth] == 2)
					seq = NULL;
			}
			break;
		case YAML_SCALAR_EVENT: {
			const char *s = (const char *)ev.data.scalar.value;
			if (skip)
				break;
			if (depth == 0) {
				/* A document that is one value, not keys and values. */
				*err = "expected a mapping of keys to values";
				*errline = line;
				rc = -1;
				break;
			}
			if (kind[depth - 1] == 2) {
				if (seq) {
					seq->list = xrealloc(seq->list, (seq->nlist + 1) * sizeof(char *));
					seq->list[seq->nlist++] = xstrdup(s);
				}
			} else if (nokey) {
				nokey = 0;
			} else if (key == NULL) {
				key = xstrdup(s);
				keyline = line;
			} else {
				char *full = xasprintf("%s%s", prefix[depth - 1], key);
				struct yval *v = add(out, full, keyline);
				free(full);
				/* A plain "~" or "null" is an empty value. */
				if (ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
				    (strcmp(s, "~") == 0 || strcmp(s, "null") == 0))
					v->scalar = xstrdup("");
				else
					v->scalar = xstrdup(s);
				free(key);
				key = NULL;
			}
			break;
		}
		case YAML_ALIAS_EVENT:
			/* Aliases are not followed (they could expand without bound). */
			if (skip)
				break;
			drop(out, "an alias (not followed)", line);
			if (in_map)
				pair_dropped(&key, &nokey);
			break;
		case YAML_NO_EVENT:
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		}
		if (ev.type == YAML_DOCUMENT_END_EVENT)
			done = 1;
		yaml_event_delete(&ev);
		if (rc)
			break;
	}
	free(key);
	for (int i = 0; i <= MAXDEPTH; i++)
		free(prefix[i]);
	yaml_parser_delete(&p);
	return rc;
}

void
ymap_warn_drops(const struct ymap *m, const char *file, const char *what)
{
	for (size_t i = 0; i < m->ndrops && i < YMAP_MAX_DROPS; i++)
		msg_warn(file, m->drops[i].line, "%s: %s", what, m->drops[i].why);
	if (m->ndrops > YMAP_MAX_DROPS)
		msg_warn(file, 0, "%zu more values ignored", m->ndrops - YMAP_MAX_DROPS);
}

const struct yval *
ymap_get(const struct ymap *m, const char *key)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].key, key) == 0)
			return &m->v[i];
	return NULL;
}

void
ymap_free(struct ymap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].key);
		free(m->v[i].scalar);
		for (size_t j = 0; j < m->v[i].nlist; j++)
			free(m->v[i].list[j]);
		free(m->v[i].list);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}
