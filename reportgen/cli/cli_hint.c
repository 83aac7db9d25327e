/* cli_hint.c: "did you mean" picks for mistyped command-line words, over core/suggest. */
#include <string.h>

#include "cli_hint.h"
#include "suggest.h"

const char *cli_suggest(const char *word, const char *const *cands, size_t ncands)
{
	const char *best = NULL;
	size_t bestd = 99;
	for (size_t i = 0; i < ncands && cands[i] != NULL; i++) {
		size_t d = suggest_distance(word, cands[i], SUGGEST_TRANSPOSE);
		if (d < bestd)
			best = cands[i], bestd = d;
	}
	size_t len = strlen(word);
	return bestd <= (len > 5 ? 2u : 1u) ? best : NULL;
}
