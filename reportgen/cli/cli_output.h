/* cli_output.h: writing output files atomically (temporary file beside the target, fsync, rename).
 */
#ifndef RG_CLI_OUTPUT_H
#define RG_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "reportgen.h"

/* One output being written. The bytes go to a temporary file in the target's folder; only
 * output_commit() makes them visible under `path`, so a failure never leaves a partial
 * file and never damages an older output of the same name. */
struct output {
	char *path; /* final name (owned) */
	char *tmp;  /* temporary name while open (owned), NULL otherwise */
	FILE *fp;   /* the stream to write to while open */
	char *buf;  /* its buffer (owned) */
};

/* Creates the temporary file beside `path`. Returns 0, or 3 after adding an RG_F_IO
 * diagnostic (nothing is left on disk then). */
int output_open(struct output *, const char *path, struct rg_diags *);
/* Flushes and syncs the temporary file, checks it is whole (cli_verify.c: not empty, a PDF
 * with its trailer and %%EOF, well-formed XML, one JSON value; by `path`'s extension) and
 * renames it over `path`. Returns 0, or 3 after an RG_F_IO diagnostic; the temporary file
 * is removed in every case. */
int output_commit(struct output *, struct rg_diags *);
/* Says the output is complete: its bytes start on their way to the disk now (Linux's
 * sync_file_range), so that the sync in output_seal, after the document's other formats
 * are made, has little left to wait for. Optional; harmless when it cannot. */
void output_written(struct output *);
/* The halves of output_commit, for the outputs of one document, which must all be whole
 * before any is renamed: output_seal flushes, checks, syncs and closes one; output_rename_all
 * renames each of n sealed outputs (aborting the rest after a failure) and then syncs each
 * of their folders once. Same returns. */
int output_seal(struct output *, struct rg_diags *);
int output_rename_all(struct output *, size_t n, struct rg_diags *);
/* Closes and removes the temporary file; harmless after commit or a failed open. */
void output_abort(struct output *);

/* Removes open temporary files when SIGINT, SIGTERM or SIGHUP arrives, then dies of it, and
 * at exit(); ignores SIGXFSZ, so that a file-size limit is a write error like any other. */
void output_catch_signals(void);

/* True when both names exist and are the same file (device and inode). */
bool output_same_file(const char *a, const char *b);

/* Creates `dir` and its missing parents (mode 0777 less the umask). Returns 0, or 3 after
 * an RG_F_IO diagnostic. */
int output_mkdirs(const char *dir, struct rg_diags *);

#endif
