/* summary.h: what a run tells its user: each input's diagnostics in the chosen form,
 * "wrote" lines or a progress line, and one summary line (or the summary in the JSON). */
#ifndef RG_CLI_SUMMARY_H
#define RG_CLI_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "reportgen.h"
#include "workers.h"

/* --diagnostics=FORM */
enum diag_form { DIAG_GCC, DIAG_JSON, DIAG_GITHUB, DIAG_CODEQUALITY };

/* The form named s, or -1. */
int summary_form(const char *s);
/* True when the form prints on standard output (so that no output may go there). */
bool summary_form_uses_stdout(enum diag_form);

struct summary {
	enum diag_form form;
	bool quiet;    /* -q: diagnostics only */
	bool progress; /* a progress line on standard error (it is a terminal) */
	size_t total;  /* inputs to do */
	uint64_t files, pages, outputs, warnings, errors;
	int worst;
	double start;          /* monotonic seconds */
	struct rg_diags all;   /* kept for the JSON forms */
	bool progress_showing; /* a progress line is on screen */
};

void summary_init(struct summary *, enum diag_form, bool quiet, size_t total);
/* Diagnostics found before any input (folders that cannot be read, ...); sorted, moved. */
void summary_diags(struct summary *, struct rg_diags *);
/* One input's result, in input order: its diagnostics, its standard output bytes, its
 * "wrote" lines or the progress line. */
void summary_file(struct summary *, const char *name, struct job_result *);
/* The summary line (or the JSON document with the summary in it); returns the worst exit
 * status, 3 when standard output could not be written. */
int summary_end(struct summary *);

/* One diagnostic as a GitHub Actions workflow command:
 * "::error file=F,line=L,col=C,title=CODE::PATH: MESSAGE" (warning for warnings). */
void summary_github(const struct rg_diag *, FILE *);

#endif
