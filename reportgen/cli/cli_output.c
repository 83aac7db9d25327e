/* cli_output.c: atomic output files: mkstemp beside the target, fsync, rename; cleanup on
 * signals. */
#define _GNU_SOURCE /* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_output.h"
#include "cli_verify.h"

/* Temporary files currently open, for the signal handler. Slots are changed only with the
 * caught signals blocked, so the handler never sees a half-written entry. */
#define OUTPUT_LIVE_MAX 64
static char *volatile output_live[OUTPUT_LIVE_MAX];
static volatile sig_atomic_t output_signals_on;

static void output_block(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void output_live_set(const char *old, char *new)
{
	sigset_t mask;
	output_block(&mask);
	for (size_t i = 0; i < OUTPUT_LIVE_MAX; i++)
		if (output_live[i] == old) {
			output_live[i] = new;
			break;
		}
	sigprocmask(SIG_SETMASK, &mask, NULL);
}

static void output_on_signal(int sig)
{
	for (size_t i = 0; i < OUTPUT_LIVE_MAX; i++)
		if (output_live[i] != NULL)
			unlink(output_live[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Removes what is still open at exit(), e.g. the exit(3) of an allocation failure. */
static void output_at_exit(void)
{
	for (size_t i = 0; i < OUTPUT_LIVE_MAX; i++)
		if (output_live[i] != NULL)
			unlink(output_live[i]);
}

void output_catch_signals(void)
{
	if (output_signals_on)
		return;
	/* past a file-size limit (RLIMIT_FSIZE) a write then fails with EFBIG, which is
	 * reported and cleaned up, instead of the signal killing the process */
	signal(SIGXFSZ, SIG_IGN);
	atexit(output_at_exit);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = output_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGINT);
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaddset(&sa.sa_mask, SIGHUP);
	const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction cur;
		/* a signal ignored by the parent (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &cur) == 0 && cur.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
	output_signals_on = 1;
}

static void output_io(struct rg_diags *d, const char *path, const char *what, int err)
{
	rg_diag(d, path, (struct rg_pos){0, 0}, RG_F_IO, "", "%s: %s", what, strerror(err));
}

/* The mode a newly created file gets: 0666 less the umask (read once). */
static mode_t output_mode(void)
{
	static mode_t mask = (mode_t)-1;
	if (mask == (mode_t)-1) {
		mask = umask(022);
		umask(mask);
	}
	return 0666 & ~mask;
}

/* "dir/.name.XXXXXX" for "dir/name"; heap string. */
static char *output_tmpname(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = path + dirlen;
	size_t n = strlen(path) + sizeof("/..XXXXXX");
	char *t = rg_xmalloc(n);
	snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
	return t;
}

#define OUTPUT_BUFFER (64 * 1024)

int output_open(struct output *o, const char *path, struct rg_diags *d)
{
	memset(o, 0, sizeof(*o));
	char *tmp = output_tmpname(path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		output_io(d, path, "cannot create a temporary file beside it", errno);
		free(tmp);
		return 3;
	}
	output_live_set(NULL, tmp);
	if (fchmod(fd, output_mode()) != 0 || (o->fp = fdopen(fd, "wb")) == NULL) {
		output_io(d, path, "cannot open a temporary file beside it", errno);
		close(fd);
		output_live_set(tmp, NULL);
		unlink(tmp);
		free(tmp);
		return 3;
	}
	/* fewer, larger writes than the default 4 KiB (a 288 MB STIX 2.1 bundle took 70,000) */
	o->buf = rg_xmalloc(OUTPUT_BUFFER);
	setvbuf(o->fp, o->buf, _IOFBF, OUTPUT_BUFFER);
	o->path = rg_xstrdup(path);
	o->tmp = tmp;
	return 0;
}

void output_abort(struct output *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	free(o->buf);
	if (o->tmp != NULL) {
		unlink(o->tmp);
		output_live_set(o->tmp, NULL);
	}
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

/* Makes the renames in folder dir durable; file systems that cannot sync folders are fine. */
static void output_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

void output_written(struct output *o)
{
	if (o->fp == NULL || fflush(o->fp) != 0)
		return; /* output_seal reports it */
#ifdef SYNC_FILE_RANGE_WRITE
	sync_file_range(fileno(o->fp), 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

int output_seal(struct output *o, struct rg_diags *d)
{
	const char *what = NULL, *bad = NULL;
	int err = 0;
	char buf[256];
	if (fflush(o->fp) != 0 || ferror(o->fp))
		what = "cannot write", err = errno;
	if (what == NULL) { /* checked from the page cache while the disk takes the bytes */
		output_written(o);
		bad = verify_file(o->tmp, o->path, buf, sizeof(buf));
	}
	if (what == NULL && bad == NULL && fsync(fileno(o->fp)) != 0 && errno != EINVAL)
		what = "cannot sync", err = errno;
	int rc = fclose(o->fp);
	o->fp = NULL;
	free(o->buf);
	o->buf = NULL;
	if (what == NULL && bad == NULL && rc != 0)
		what = "cannot write", err = errno;
	if (bad != NULL) {
		rg_diag(d, o->path, (struct rg_pos){0, 0}, RG_F_IO, "",
		        "not written: %s (an internal failure; the old file, if any, is kept)",
		        bad);
		output_abort(o);
		return 3;
	}
	if (what != NULL) {
		output_io(d, o->path, what, err);
		output_abort(o);
		return 3;
	}
	return 0;
}

/* Renames a sealed output; its folder is synced by the caller. */
static int output_rename(struct output *o, struct rg_diags *d)
{
	if (rename(o->tmp, o->path) != 0) {
		output_io(d, o->path, "cannot rename the temporary file onto it", errno);
		output_abort(o);
		return 3;
	}
	output_live_set(o->tmp, NULL);
	free(o->tmp);
	o->tmp = NULL;
	return 0;
}

/* The length of path's folder part: 0 when it has none ("."), 1 for "/". */
static size_t output_dirlen(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash == NULL ? 0 : slash == path ? 1 : (size_t)(slash - path);
}

int output_rename_all(struct output *o, size_t n, struct rg_diags *d)
{
	int rc = 0;
	size_t renamed = 0;
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			rc = output_rename(&o[i], d);
		else
			output_abort(&o[i]);
		renamed += rc == 0;
	}
	for (size_t i = 0; i < renamed; i++) { /* each folder once */
		size_t len = output_dirlen(o[i].path);
		bool first = true;
		for (size_t j = 0; j < i && first; j++)
			first = output_dirlen(o[j].path) != len ||
			        memcmp(o[j].path, o[i].path, len) != 0;
		if (first) {
			char *dir = len > 0 ? rg_xstrdup(o[i].path) : rg_xstrdup(".");
			dir[len > 0 ? len : 1] = '\0';
			output_sync_dir(dir);
			free(dir);
		}
	}
	for (size_t i = 0; i < renamed; i++) {
		free(o[i].path);
		o[i].path = NULL;
	}
	return rc;
}

int output_commit(struct output *o, struct rg_diags *d)
{
	int rc = output_seal(o, d);
	return rc != 0 ? rc : output_rename_all(o, 1, d);
}

bool output_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int output_mkdirs(const char *dir, struct rg_diags *d)
{
	if (dir[0] == '\0')
		return 0;
	char *p = rg_xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		struct stat st;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			output_io(d, dir, "cannot create the folder", errno);
			rc = 3;
		} else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
			output_io(d, dir, "cannot create the folder", ENOTDIR);
			rc = 3;
		}
		*s = c;
		if (rc != 0 || c == '\0')
			break;
	}
	free(p);
	return rc;
}
