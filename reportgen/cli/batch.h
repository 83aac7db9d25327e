/* batch.h: the inputs of one run: folders expanded into their incident files, shards. */
#ifndef RG_CLI_BATCH_H
#define RG_CLI_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "reportgen.h"

struct batch_inputs {
	char **v; /* heap strings */
	size_t n, cap;
};

/* Appends each argument in order. A folder is replaced by the *.yaml and *.yml files below
 * it, recursively, each folder's entries in byte order of their names; entries whose name
 * starts with '.' are skipped, and so are symbolic links to folders. Anything else (a file,
 * "-", a name that does not exist) is kept as written, for the loader to read or report. An
 * unreadable folder is an RG_F_IO diagnostic; a folder without incident files a warning. */
void batch_expand(struct batch_inputs *, char *const *args, size_t nargs, struct rg_diags *);
void batch_free(struct batch_inputs *);

/* Parses "K/N" (1 <= K <= N <= BATCH_MAX_SHARDS). */
#define BATCH_MAX_SHARDS 100000u
bool batch_parse_shard(const char *arg, unsigned *k, unsigned *n);
/* The shard (1..n) a path belongs to: the first 8 bytes of the SHA-256 of the path as
 * written, modulo n. It depends on nothing but the path, so adding or removing other files
 * never moves an input to another shard. */
unsigned batch_shard_of(const char *path, unsigned n);
/* Keeps only the inputs of shard k of n, in their order. */
void batch_keep_shard(struct batch_inputs *, unsigned k, unsigned n);

#endif
