/* ioc_text.c: text primitives of indicator values shared by ioc.c and ioc_check.c. */
#include <stdio.h>
#include <string.h>

#include "ioc.h"
#include "ioc_syntax.h"

size_t ioc_utf8(const unsigned char *s, unsigned *cp)
{
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
	         : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	unsigned c = n == 1 ? s[0] : s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

const char *ioc_quote(struct rg_arena *a, const char *s)
{
	enum { IOC_QUOTE_CHARS = 80 };
	const unsigned char *p = (const unsigned char *)s;
	char *out = rg_arena_alloc(a, strlen(s) * 4 + 8), *o = out;
	size_t chars = 0;
	unsigned cp;
	*o++ = '"';
	while (*p != '\0' && chars++ < IOC_QUOTE_CHARS) {
		if (*p < 0x20 || *p == 0x7F) {
			o += sprintf(o, "\\x%02x", *p++);
		} else if (*p == '"' || *p == '\\') {
			*o++ = '\\';
			*o++ = (char)*p++;
		} else {
			size_t n = ioc_utf8(p, &cp);
			memcpy(o, p, n);
			o += n;
			p += n;
		}
	}
	*o++ = '"';
	if (*p != '\0')
		o = stpcpy(o, "...");
	*o = '\0';
	return out;
}
