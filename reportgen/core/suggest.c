/* suggest.c: the one edit distance behind every "did you mean" hint. */
#include <string.h>

#include "suggest.h"

static int suggest_fold(int c, unsigned flags)
{
	return (flags & SUGGEST_NOCASE) && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

unsigned suggest_distance(const char *a, const char *b, unsigned flags)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > SUGGEST_MAXLEN || lb > SUGGEST_MAXLEN)
		return SUGGEST_FAR;
	unsigned d[SUGGEST_MAXLEN + 1][SUGGEST_MAXLEN + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			int ca = suggest_fold((unsigned char)a[i - 1], flags),
			    cb = suggest_fold((unsigned char)b[j - 1], flags);
			unsigned best = d[i - 1][j - 1] + (ca != cb);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if ((flags & SUGGEST_TRANSPOSE) && i > 1 && j > 1 &&
			    ca == suggest_fold((unsigned char)b[j - 2], flags) &&
			    suggest_fold((unsigned char)a[i - 2], flags) == cb &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb] > SUGGEST_FAR ? SUGGEST_FAR : d[la][lb];
}

const char *suggest_name(const char *s, const char *const *names, size_t n)
{
	size_t len = strlen(s);
	unsigned limit = len <= 3 ? 1 : len <= 6 ? 2 : 3, best = SUGGEST_FAR + 1;
	const char *pick = NULL;
	for (size_t i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		unsigned d = suggest_distance(s, names[i], SUGGEST_DOC);
		if (d < best && d <= limit && d < len && d < strlen(names[i])) {
			best = d;
			pick = names[i];
		}
	}
	return pick;
}
