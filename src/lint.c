/* `quire --check`: what is wrong with an archive, found without writing anything. */
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "lint.h"
#include "msg.h"
#include "util.h"

/* Warns about every article whose field (title or source) an earlier article has already. */
static unsigned
shared(const struct archive *ar, const char *what, int source)
{
	struct strset seen = {0};
	unsigned n = 0;

	for (size_t i = 0; i < ar->narticles; i++) {
		const struct article *a = &ar->articles[i];
		const char *v = source ? a->source : a->title;
		size_t first;
		if (v == NULL || *v == '\0')
			continue;
		/* Titles compare as words, ignoring case and spacing. */
		char *key = strsquash(v);
		if (!source)
			for (char *p = key; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
		if (!strset_add(&seen, key, i) && strset_get(&seen, key, &first)) {
			char *label = path_join(ar->root, a->path);
			msg_warn(label, 0, "same %s as %s: %s", what, ar->articles[first].path, v);
			free(label);
			n++;
		}
		free(key);
	}
	strset_free(&seen);
	return n;
}

/* Warns about links to articles that are not exported (drafts, or left out by the selection). */
static unsigned
links(const struct archive *ar)
{
	unsigned n = 0;

	for (size_t i = 0; i < ar->narticles; i++) {
		const struct article *a = &ar->articles[i];
		struct node *body = archive_body(ar, a);
		struct node_iter it;
		char *label = path_join(ar->root, a->path);

		node_iter_init(&it, body);
		while (node_iter_next(&it) != NODE_EV_DONE) {
			const struct node *x = it.node;
			if (it.ev == NODE_EV_ENTER && x->type == NODE_LINK && x->link == LINK_ARTICLE &&
			    !archive_find(ar, x->url, NULL)) {
				/* Readers give blocks their lines; a link has its block's. */
				const struct node *l = x;
				while (l->line == 0 && l->parent)
					l = l->parent;
				msg_warn(label, l->line, "link to an article that is not exported "
				    "(a draft, or outside the selection): %s", x->url);
				n++;
			}
		}
		free(label);
		node_free(body);
	}
	return n;
}

unsigned
lint_archive(const struct archive *ar)
{
	return shared(ar, "title", 0) + shared(ar, "source", 1) + links(ar);
}
