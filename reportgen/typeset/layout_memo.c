/* layout_memo.c: the memo of measured text (layout.h, layout_int.h). Open addressing over
 * the blocks' hashes, each entry holding a copy of its block's key, compared byte for byte
 * on a match: a block is found by its content, never by where its runs are (runs built on
 * the stack or in a row's scratch arena come and go at the same addresses). */
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

struct memo_ent {
	uint64_t h;         /* 0: empty slot */
	unsigned char *key; /* its block's key (memo_key) */
	size_t keylen;
	void *v;
	size_t n;
};

struct lay_memo {
	struct memo_ent *t;
	size_t cap, used; /* slots (a power of two), filled */
	size_t bytes, max;
	unsigned char *key; /* the key of the block of the last lay_memo_get, and its hash */
	size_t keylen, keycap;
	uint64_t last;
	/* 8 x cap bits, one set for each entry's hash: most blocks of a document larger than
	 * the memo are not in it, and this says so without reading the table (a cache miss a
	 * block, 5 % of the time of 10,000 artifacts) */
	uint8_t *seen;
};

static size_t memo_bit(const struct lay_memo *m, uint64_t h)
{
	return (size_t)(h >> 24) & (8 * m->cap - 1);
}

static void memo_see(struct lay_memo *m, uint64_t h)
{
	size_t b = memo_bit(m, h);
	m->seen[b >> 3] |= (uint8_t)(1u << (b & 7));
}

static bool memo_seen(const struct lay_memo *m, uint64_t h)
{
	size_t b = memo_bit(m, h);
	return m->seen[b >> 3] >> (b & 7) & 1;
}

struct lay_memo *lay_memo_new(size_t max_bytes)
{
	struct lay_memo *m = rg_xcalloc(1, sizeof(*m));
	m->max = max_bytes;
	m->cap = 256;
	m->t = rg_xcalloc(m->cap, sizeof(*m->t));
	m->seen = rg_xcalloc(m->cap, 1);
	return m;
}

void lay_memo_free(struct lay_memo *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap; i++)
		if (m->t[i].h != 0) {
			free(m->t[i].key);
			free(m->t[i].v);
		}
	free(m->t);
	free(m->seen);
	free(m->key);
	free(m);
}

/* A block's key, the bytes of everything its measurement depends on besides the document's
 * fonts (the memo's for its life): the default size, pre, then each run's length, size,
 * font and value and its text. The structures are zeroed first: they are hashed and
 * compared as bytes. */
struct memo_head {
	size_t nruns;
	double size;
	unsigned char pre;
};

struct memo_run {
	size_t len;
	double size;
	unsigned char font, value;
};

static void memo_put(struct lay_memo *m, const void *p, size_t n)
{
	if (m->keylen + n > m->keycap) {
		m->keycap = (m->keylen + n) * 2;
		m->key = rg_xrealloc(m->key, m->keycap);
	}
	if (n > 0)
		memcpy(m->key + m->keylen, p, n);
	m->keylen += n;
}

/* Mixes n bytes into h, eight at a time. */
static uint64_t memo_mix(uint64_t h, const unsigned char *b, size_t n)
{
	for (; n >= 8; n -= 8, b += 8) {
		uint64_t w;
		memcpy(&w, b, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15u;
		h ^= h >> 29;
	}
	if (n > 0) {
		uint64_t w = 0;
		memcpy(&w, b, n);
		h = (h ^ w ^ (uint64_t)n << 56) * 0x9E3779B97F4A7C15u;
		h ^= h >> 29;
	}
	return h;
}

/* Writes the block's key into m->key and returns its hash (never 0). */
static uint64_t memo_key(struct lay_memo *m, const struct lay_run *runs, size_t nruns, double size,
                         bool pre)
{
	m->keylen = 0;
	struct memo_head hd;
	memset(&hd, 0, sizeof(hd));
	hd.nruns = nruns;
	hd.size = size;
	hd.pre = pre;
	memo_put(m, &hd, sizeof(hd));
	for (size_t r = 0; r < nruns; r++) {
		struct memo_run f;
		memset(&f, 0, sizeof(f));
		f.len = lay_run_len(&runs[r]);
		f.size = lay_run_size(&runs[r], size);
		f.font = (unsigned char)runs[r].font;
		f.value = runs[r].value;
		memo_put(m, &f, sizeof(f));
		memo_put(m, runs[r].text, f.len);
	}
	uint64_t h = memo_mix(0x243F6A8885A308D3u, m->key, m->keylen);
	return h != 0 ? h : 1;
}

/* The slot of the block whose key and hash m holds: its entry, or the empty slot where it
 * would go. */
static struct memo_ent *memo_slot(struct lay_memo *m)
{
	size_t i = (size_t)m->last & (m->cap - 1);
	while (m->t[i].h != 0 && (m->t[i].h != m->last || m->t[i].keylen != m->keylen ||
	                          memcmp(m->t[i].key, m->key, m->keylen) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->t[i];
}

static void memo_grow(struct lay_memo *m)
{
	struct memo_ent *old = m->t;
	size_t ocap = m->cap;
	m->cap *= 2;
	m->t = rg_xcalloc(m->cap, sizeof(*m->t));
	free(m->seen);
	m->seen = rg_xcalloc(m->cap, 1);
	for (size_t i = 0; i < ocap; i++)
		if (old[i].h != 0) {
			memo_see(m, old[i].h);
			size_t j = (size_t)old[i].h & (m->cap - 1);
			while (m->t[j].h != 0)
				j = (j + 1) & (m->cap - 1);
			m->t[j] = old[i];
		}
	free(old);
}

const void *lay_memo_get(struct lay_memo *m, const struct lay_run *runs, size_t nruns, double size,
                         bool pre, size_t *n)
{
	m->last = memo_key(m, runs, nruns, size, pre);
	if (!memo_seen(m, m->last))
		return NULL;
	struct memo_ent *e = memo_slot(m);
	if (e->h == 0)
		return NULL;
	*n = e->n;
	return e->v;
}

bool lay_memo_put(struct lay_memo *m, void *v, size_t n, size_t elem)
{
	size_t bytes = m->keylen + (n + 1) * elem + sizeof(struct memo_ent);
	if (m->bytes + bytes > m->max)
		return false;
	struct memo_ent *e = memo_slot(m);
	if (e->h != 0)
		return false; /* kept already: not the block of the last get */
	e->h = m->last;
	memo_see(m, e->h);
	e->key = rg_xmalloc(m->keylen ? m->keylen : 1);
	memcpy(e->key, m->key, m->keylen);
	e->keylen = m->keylen;
	e->v = v;
	e->n = n;
	m->bytes += bytes;
	if (++m->used * 2 > m->cap)
		memo_grow(m);
	return true;
}
