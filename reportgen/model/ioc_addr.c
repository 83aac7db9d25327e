/* ioc_addr.c: email header address lists: split at commas outside quotes and angle brackets,
 * each entry a name-addr ("Name" <addr>), an addr-spec, or a name. A small parser of the
 * RFC 5322 forms reports carry, rather than a mail library and its start-up cost. */
#include <string.h>

#include "ioc.h"
#include "ioc_addr.h"

/* s[0..n) without blanks around, quotes removed (backslash escapes kept as the character),
 * comments in parentheses dropped; NULL when nothing is left. */
static const char *ioc_addr_name(struct rg_arena *a, const char *s, size_t n)
{
	char *out = rg_arena_alloc(a, n + 1), *o = out;
	int depth = 0;
	bool quoted = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < n && (quoted || depth > 0)) {
			if (depth == 0)
				*o++ = s[++i];
			else
				i++;
		} else if (c == '"' && depth == 0) {
			quoted = !quoted;
		} else if (!quoted && c == '(') {
			depth++;
		} else if (!quoted && c == ')' && depth > 0) {
			depth--;
		} else if (depth == 0) {
			*o++ = c;
		}
	}
	*o = '\0';
	while (o > out && (o[-1] == ' ' || o[-1] == '\t'))
		*--o = '\0';
	char *b = out + strspn(out, " \t");
	return *b != '\0' ? b : NULL;
}

static bool ioc_addr_is_email(struct rg_arena *a, const char *v)
{
	return v != NULL && ioc_check(a, RG_IOC_EMAIL, v, NULL, NULL) == NULL;
}

/* One entry s[0..n). */
static struct ioc_addr ioc_addr_one(struct rg_arena *a, const char *s, size_t n)
{
	struct ioc_addr r = {NULL, NULL};
	const char *lt = NULL, *gt = NULL;
	bool quoted = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && quoted)
			i++;
		else if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == '<' && lt == NULL)
			lt = s + i;
		else if (!quoted && s[i] == '>' && lt != NULL && gt == NULL)
			gt = s + i;
	}
	if (lt != NULL && gt != NULL) {
		const char *inner = ioc_addr_name(a, lt + 1, (size_t)(gt - lt - 1));
		const char *addr = inner ? ioc_refang(a, inner) : NULL;
		r.name = ioc_addr_name(a, s, (size_t)(lt - s));
		if (ioc_addr_is_email(a, addr))
			r.addr = addr;
		else if (inner != NULL) /* "Name <not an address>": all of it is the name */
			r.name = ioc_addr_name(a, s, n);
		return r;
	}
	const char *whole = ioc_addr_name(a, s, n);
	const char *addr = whole ? ioc_refang(a, whole) : NULL;
	if (ioc_addr_is_email(a, addr))
		r.addr = addr;
	else
		r.name = whole;
	return r;
}

size_t ioc_addr_list(struct rg_arena *a, const char *s, struct ioc_addr **out)
{
	size_t cap = 1, n = 0;
	for (const char *p = s ? s : ""; *p; p++)
		cap += *p == ',';
	*out = rg_arena_alloc(a, cap * sizeof(**out));
	if (s == NULL)
		return 0;
	bool quoted = false;
	int angle = 0, depth = 0;
	const char *start = s;
	for (const char *p = s;; p++) {
		char c = *p;
		if (c == '\\' && (quoted || depth) && p[1] != '\0') {
			p++;
			continue;
		}
		if (c == '"' && depth == 0)
			quoted = !quoted;
		else if (!quoted && c == '(')
			depth++;
		else if (!quoted && c == ')' && depth > 0)
			depth--;
		else if (!quoted && depth == 0 && c == '<')
			angle++;
		else if (!quoted && depth == 0 && c == '>' && angle > 0)
			angle--;
		if (c == '\0' || (c == ',' && !quoted && angle == 0 && depth == 0)) {
			struct ioc_addr e = ioc_addr_one(a, start, (size_t)(p - start));
			if ((e.name != NULL || e.addr != NULL) && n < cap)
				(*out)[n++] = e;
			if (c == '\0')
				break;
			start = p + 1;
		}
	}
	return n;
}

size_t ioc_addr_texts(struct rg_arena *a, const struct rg_texts *t, struct ioc_addr **out)
{
	size_t total = 0;
	struct ioc_addr **parts = rg_arena_alloc(a, (t->n + 1) * sizeof(*parts));
	size_t *counts = rg_arena_alloc(a, (t->n + 1) * sizeof(*counts));
	for (size_t i = 0; i < t->n; i++)
		total += counts[i] = ioc_addr_list(a, t->v[i].s, &parts[i]);
	*out = rg_arena_alloc(a, (total + 1) * sizeof(**out));
	for (size_t i = 0, k = 0; i < t->n; i++)
		for (size_t j = 0; j < counts[i]; j++)
			(*out)[k++] = parts[i][j];
	return total;
}
