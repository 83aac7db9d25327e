/* cli_hint.h: "did you mean" picks for mistyped command-line words. */
#ifndef RG_CLI_HINT_H
#define RG_CLI_HINT_H

#include <stddef.h>

/* The candidate of cands[0..ncands) (stopping at a NULL) closest to word, compared with case (a
 * swap of two neighbouring letters is one edit: pfd -> pdf), when it is close enough to be a typo,
 * else NULL. */
const char *cli_suggest(const char *word, const char *const *cands, size_t ncands);

#endif
