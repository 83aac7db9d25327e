/* workers.h: running one job per input, in this process or in parallel worker processes,
 * with the results handed back in input order. */
#ifndef RG_CLI_WORKERS_H
#define RG_CLI_WORKERS_H

#include <stddef.h>
#include <stdint.h>

#include "reportgen.h"

/* One output file a job wrote. */
struct job_output {
	char *path;
	uint64_t bytes;
	uint64_t pages; /* 0 for formats without pages */
};

/* Everything a job produces besides its files; a worker sends it to the parent whole. */
struct job_result {
	int status;            /* exit status of this input */
	struct rg_diags diags; /* its diagnostics, sorted */
	char *out;             /* bytes for standard output (heap), or NULL */
	size_t outlen;
	struct job_output *outputs;
	size_t noutputs;
	uint64_t warnings, errors; /* counted from diags by workers_run */
};

void job_result_init(struct job_result *);
void job_result_free(struct job_result *);
void job_result_add_output(struct job_result *, const char *path, uint64_t bytes, uint64_t pages);

/* Fills the result of input i (its diags are initialised, with `strict` as given). */
typedef void job_run_fn(size_t i, struct job_result *, void *ctx);
/* Receives the result of input i; called in input order, 0 to n-1. */
typedef void job_done_fn(size_t i, struct job_result *, void *ctx);

/* True when workers_run(n, jobs, ...) forks: jobs > 1 and more than one input. */
bool workers_fork(size_t n, unsigned jobs);

/* Runs inputs 0..n-1. With jobs <= 1 or a single input, in this process one after the
 * other. Otherwise each input runs in its own forked process, at most `jobs` at once; a
 * worker that dies without a result becomes an RG_F_LIBRARY diagnostic of its input
 * (status 3). Either way done() sees the same results in the same order. */
void workers_run(size_t n, unsigned jobs, bool strict, const char *const *names, job_run_fn *run,
                 job_done_fn *done, void *ctx);

/* The default for -j: the processors this process may run on. */
unsigned workers_default(void);

#endif
