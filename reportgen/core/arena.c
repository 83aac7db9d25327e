/* arena.c: the one allocation policy: arenas that own a document, and exit-3 wrappers. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "reportgen.h"

#define ARENA_CHUNK (64u * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	_Alignas(max_align_t) unsigned char data[];
};

struct rg_arena {
	struct arena_chunk *head;
};

static _Noreturn void oom(void)
{
	fputs("reportgen: out of memory\n", stderr);
	exit(3);
}

void *rg_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *rg_xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);
	if (p == NULL)
		oom();
	return p;
}

void *rg_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *rg_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(rg_xmalloc(n), s, n);
}

struct rg_arena *rg_arena_new(void)
{
	return rg_xcalloc(1, sizeof(struct rg_arena));
}

void rg_arena_free(struct rg_arena *a)
{
	if (a == NULL)
		return;
	for (struct arena_chunk *c = a->head, *next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void rg_arena_reset(struct rg_arena *a)
{
	if (a == NULL || a->head == NULL)
		return;
	for (struct arena_chunk *c = a->head->next, *next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->head->used = 0;
}

void *rg_arena_alloc(struct rg_arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	struct arena_chunk *c = a->head;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		if (size > SIZE_MAX - sizeof(*c))
			oom();
		c = rg_xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		if (n > ARENA_CHUNK / 4 && a->head != NULL) {
			/* big block: keep the current chunk at the head for small allocations */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->used;
	c->used += n;
	return memset(p, 0, n);
}

char *rg_arena_strndup(struct rg_arena *a, const char *s, size_t n)
{
	char *p = rg_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *rg_arena_strdup(struct rg_arena *a, const char *s)
{
	return rg_arena_strndup(a, s, strlen(s));
}

char *rg_arena_printf(struct rg_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = rg_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
