/* A small YAML loader for flat mappings of scalars and lists: archive.yaml, front matter, styles. */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util.h"
#include "yamlmap.h"

/* The deepest nesting followed; deeper structures are skipped. */
#define MAXDEPTH 8

static struct yval *
add(struct ymap *m, const char *key, unsigned line)
{
	/* A repeated key replaces the earlier value, as most YAML loaders do. */
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->v[i].key, key) == 0) {
			struct yval *v = &m->v[i];
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
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (skip || depth >= MAXDEPTH || (depth > 0 && kind[depth - 1] == 2)) {
				if (!skip && out->dropped == NULL) {
					out->dropped = "nested too deeply";
					out->dropped_line = line;
				}
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
			if (skip || depth == 0)
				break;
			if (kind[depth - 1] == 2) {
				if (seq) {
					seq->list = xrealloc(seq->list, (seq->nlist + 1) * sizeof(char *));
					seq->list[seq->nlist++] = xstrdup(s);
				}
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
			if (!skip && out->dropped == NULL) {
				out->dropped = "an alias (not followed)";
				out->dropped_line = line;
			}
			if (!skip && depth > 0 && kind[depth - 1] == 1) {
				if (key == NULL) {
					key = xstrdup("");
					keyline = line;
				} else {
					free(key);
					key = NULL;
				}
			}
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
