/* workers.c: one forked worker process per input (the libraries' global state and the
 * exit-on-out-of-memory policy stay per process); results come back through a pipe and are
 * handed on in input order, so output does not depend on -j. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "workers.h"

void job_result_init(struct job_result *r)
{
	memset(r, 0, sizeof(*r));
	rg_diags_init(&r->diags);
}

void job_result_free(struct job_result *r)
{
	rg_diags_free(&r->diags);
	free(r->out);
	for (size_t i = 0; i < r->noutputs; i++)
		free(r->outputs[i].path);
	free(r->outputs);
	memset(r, 0, sizeof(*r));
}

void job_result_add_output(struct job_result *r, const char *path, uint64_t bytes, uint64_t pages)
{
	r->outputs = rg_xrealloc(r->outputs, (r->noutputs + 1) * sizeof(*r->outputs));
	r->outputs[r->noutputs++] = (struct job_output){rg_xstrdup(path), bytes, pages};
}

static void job_count(struct job_result *r)
{
	r->warnings = r->errors = 0;
	for (size_t i = 0; i < r->diags.n; i++) {
		if (r->diags.v[i].sev == RG_SEV_WARNING)
			r->warnings++;
		else if (r->diags.v[i].sev >= RG_SEV_ERROR)
			r->errors++;
	}
}

/* ---- Serialisation: numbers as 8 bytes, strings as a length and their bytes ---- */

struct wbuf {
	char *p;
	size_t len, cap;
	size_t pos; /* reading */
	bool bad;
};

static void w_bytes(struct wbuf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		while (b->len + n > b->cap)
			b->cap = b->cap ? b->cap * 2 : 4096;
		b->p = rg_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void w_num(struct wbuf *b, uint64_t v)
{
	w_bytes(b, &v, sizeof(v));
}

static void w_str(struct wbuf *b, const char *s, size_t n)
{
	w_num(b, n);
	w_bytes(b, s, n);
}

static uint64_t r_num(struct wbuf *b)
{
	uint64_t v = 0;
	if (b->bad || b->len - b->pos < sizeof(v)) {
		b->bad = true;
		return 0;
	}
	memcpy(&v, b->p + b->pos, sizeof(v));
	b->pos += sizeof(v);
	return v;
}

/* A heap copy of the next string (NUL-terminated), or NULL when the buffer is short. */
static char *r_str(struct wbuf *b, size_t *len)
{
	uint64_t n = r_num(b);
	if (b->bad || b->len - b->pos < n) {
		b->bad = true;
		return NULL;
	}
	char *s = rg_xmalloc((size_t)n + 1);
	memcpy(s, b->p + b->pos, (size_t)n);
	s[n] = '\0';
	b->pos += (size_t)n;
	if (len != NULL)
		*len = (size_t)n;
	return s;
}

static void job_encode(const struct job_result *r, struct wbuf *b)
{
	w_num(b, (uint64_t)r->status);
	w_num(b, r->diags.n);
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct rg_diag *g = &r->diags.v[i];
		w_str(b, g->file, strlen(g->file));
		w_num(b, (uint64_t)g->pos.line);
		w_num(b, (uint64_t)g->pos.col);
		w_num(b, (uint64_t)g->sev);
		w_num(b, (uint64_t)g->code);
		w_str(b, g->path, strlen(g->path));
		w_str(b, g->message, strlen(g->message));
	}
	w_num(b, r->out != NULL);
	if (r->out != NULL)
		w_str(b, r->out, r->outlen);
	w_num(b, r->noutputs);
	for (size_t i = 0; i < r->noutputs; i++) {
		w_str(b, r->outputs[i].path, strlen(r->outputs[i].path));
		w_num(b, r->outputs[i].bytes);
		w_num(b, r->outputs[i].pages);
	}
}

/* Decodes a worker's result into r (initialised); false when it is incomplete. */
static bool job_decode(struct wbuf *b, struct job_result *r)
{
	r->status = (int)r_num(b);
	uint64_t nd = r_num(b);
	for (uint64_t i = 0; i < nd && !b->bad; i++) {
		char *file = r_str(b, NULL);
		struct rg_pos pos;
		pos.line = (int)r_num(b);
		pos.col = (int)r_num(b);
		enum rg_severity sev = (enum rg_severity)r_num(b);
		enum rg_diag_code code = (enum rg_diag_code)r_num(b);
		char *path = r_str(b, NULL);
		char *msg = r_str(b, NULL);
		if (!b->bad && code < RG_DIAG__MAX && sev <= RG_SEV_FATAL) {
			rg_diag(&r->diags, file, pos, code, path, "%s", msg);
			r->diags.v[r->diags.n - 1].sev = sev; /* as the worker decided */
			if (sev > r->diags.worst)
				r->diags.worst = sev;
		} else {
			b->bad = true;
		}
		free(file);
		free(path);
		free(msg);
	}
	if (r_num(b) != 0)
		r->out = r_str(b, &r->outlen);
	uint64_t no = r_num(b);
	for (uint64_t i = 0; i < no && !b->bad; i++) {
		char *path = r_str(b, NULL);
		uint64_t bytes = r_num(b), pages = r_num(b);
		if (!b->bad)
			job_result_add_output(r, path, bytes, pages);
		free(path);
	}
	return !b->bad && b->pos == b->len;
}

/* ---- Running ---- */

unsigned workers_default(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

struct worker {
	pid_t pid;
	int fd;
	struct wbuf buf;
	bool finished; /* result decoded (or failure recorded) */
	struct job_result res;
};

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(3);
		p += w;
		n -= (size_t)w;
	}
}

/* The forked side: runs the job, sends the result, and leaves without running the
 * parent's exit handlers or flushing its streams. */
static void worker_child(size_t i, int fd, bool strict, job_run_fn *run, void *ctx, pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(3);
	struct job_result r;
	job_result_init(&r);
	r.diags.strict = strict;
	run(i, &r, ctx);
	struct wbuf b = {0};
	job_encode(&r, &b);
	write_all(fd, b.p, b.len);
	_exit(0);
}

static bool worker_start(struct worker *w, size_t i, bool strict, job_run_fn *run, void *ctx)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return false;
	pid_t parent = getpid();
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return false;
	}
	if (pid == 0) {
		close(p[0]);
		worker_child(i, p[1], strict, run, ctx, parent);
	}
	close(p[1]);
	w->pid = pid;
	w->fd = p[0];
	return true;
}

/* Records a worker that gave no complete result. */
static void worker_failed(struct worker *w, const char *name, const char *fmt, int v)
{
	job_result_free(&w->res);
	job_result_init(&w->res);
	char why[96];
	snprintf(why, sizeof(why), fmt, v);
	rg_diag(&w->res.diags, name, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
	        "the process working on this file %s", why);
	w->res.status = 3;
}

/* Reads what is available; at the end of the stream, reaps the worker and decodes. */
static void worker_read(struct worker *w, const char *name)
{
	char chunk[65536];
	ssize_t n = read(w->fd, chunk, sizeof(chunk));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n > 0) {
		w_bytes(&w->buf, chunk, (size_t)n);
		return;
	}
	close(w->fd);
	w->fd = -1;
	int st = 0;
	while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
		;
	w->finished = true;
	if (WIFSIGNALED(st))
		worker_failed(w, name, "was killed by signal %d", WTERMSIG(st));
	else if (WEXITSTATUS(st) != 0)
		worker_failed(w, name, "stopped with status %d", WEXITSTATUS(st));
	else if (!job_decode(&w->buf, &w->res))
		worker_failed(w, name, "sent an incomplete result (%d)", 0);
	free(w->buf.p);
	memset(&w->buf, 0, sizeof(w->buf));
}

static void workers_inline(size_t n, bool strict, job_run_fn *run, job_done_fn *done, void *ctx)
{
	for (size_t i = 0; i < n; i++) {
		struct job_result r;
		job_result_init(&r);
		r.diags.strict = strict;
		run(i, &r, ctx);
		job_count(&r);
		done(i, &r, ctx);
		job_result_free(&r);
	}
}

bool workers_fork(size_t n, unsigned jobs)
{
	return jobs > 1 && n > 1;
}

void workers_run(size_t n, unsigned jobs, bool strict, const char *const *names, job_run_fn *run,
                 job_done_fn *done, void *ctx)
{
	if (!workers_fork(n, jobs)) {
		workers_inline(n, strict, run, done, ctx);
		return;
	}
	struct worker *w = rg_xcalloc(n, sizeof(*w));
	struct pollfd *pf = rg_xcalloc(jobs, sizeof(*pf));
	size_t *slot = rg_xcalloc(jobs, sizeof(*slot));
	size_t next = 0, handed = 0, running = 0;
	while (handed < n) {
		while (running < jobs && next < n) {
			job_result_init(&w[next].res);
			w[next].res.diags.strict = strict;
			w[next].fd = -1;
			if (!worker_start(&w[next], next, strict, run, ctx)) {
				w[next].finished = true;
				worker_failed(&w[next], names[next], "could not be started (%d)",
				              errno);
			} else {
				running++;
			}
			next++;
		}
		size_t np = 0;
		for (size_t i = handed; i < next; i++)
			if (w[i].fd >= 0) {
				pf[np] = (struct pollfd){.fd = w[i].fd, .events = POLLIN};
				slot[np++] = i;
			}
		if (np > 0 && poll(pf, np, -1) > 0)
			for (size_t k = 0; k < np; k++)
				if (pf[k].revents != 0) {
					worker_read(&w[slot[k]], names[slot[k]]);
					running -= w[slot[k]].fd < 0;
				}
		while (handed < next && w[handed].finished) {
			job_count(&w[handed].res);
			done(handed, &w[handed].res, ctx);
			job_result_free(&w[handed].res);
			handed++;
		}
	}
	free(slot);
	free(pf);
	free(w);
}
