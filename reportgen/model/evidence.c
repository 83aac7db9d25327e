/* evidence.c: the list of files a document was made from. */
#include <string.h>

#include "evidence.h"

const char *const evidence_kind_names[] = {"incident file", "image", "attachment"};

struct ev_list {
	struct rg_arena *a;
	struct evidence_file *v;
	size_t n, cap;
};

static void ev_add(struct ev_list *l, const char *name, enum evidence_kind kind, const char *sha256)
{
	if (name == NULL || sha256 == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0 && strcmp(l->v[i].sha256, sha256) == 0)
			return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct evidence_file *v = rg_arena_alloc(l->a, cap * sizeof(*v));
		if (l->n > 0)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct evidence_file){name, kind, sha256};
}

static void ev_blocks(struct ev_list *l, const struct rg_blocks *bs, int depth)
{
	for (size_t i = 0; i < bs->n && depth < RG_MAX_DEPTH; i++) {
		const struct rg_block *b = &bs->v[i];
		if (b->kind == RG_BLOCK_GROUP)
			ev_blocks(l, &b->u.group, depth + 1);
		else if (b->kind == RG_BLOCK_IMAGE)
			ev_add(l, b->u.image.path.s, EVIDENCE_IMAGE, b->u.image.digest);
	}
}

size_t evidence_files(struct rg_arena *a, const struct rg_doc *d, struct evidence_file **out)
{
	struct ev_list l = {a, NULL, 0, 0};
	if (d->file != NULL) {
		const char *slash = strrchr(d->file, '/');
		ev_add(&l, slash != NULL ? slash + 1 : d->file, EVIDENCE_INCIDENT, d->digest);
	}
	const struct rg_section *secs[] = {&d->detection,     &d->verification, &d->analysis,
	                                   &d->containment.s, &d->eradication,  &d->recovery};
	for (size_t i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
		if (secs[i]->present)
			ev_blocks(&l, &secs[i]->blocks, 0);
	for (size_t i = 0; i < d->nsections; i++)
		ev_blocks(&l, &d->sections[i].s.blocks, 0);
	for (size_t i = 0; i < d->nemails; i++)
		for (size_t k = 0; k < d->emails[i].nattachments; k++) {
			const struct rg_attachment *at = &d->emails[i].attachments[k];
			ev_add(&l, at->path.s, EVIDENCE_ATTACHMENT, at->digest);
		}
	*out = l.v;
	return l.n;
}
