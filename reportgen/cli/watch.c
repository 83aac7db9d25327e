/* watch.c: re-rendering on save: inotify on the inputs' folder trees, signals through a
 * signalfd, so that a stop between two renders leaves nothing half written. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "watch.h"

#define WATCH_MAX_DIRS 1024 /* folders watched at most (hidden folders are skipped) */
#define WATCH_QUIET_MS 150  /* editors write in bursts: wait this long for the last event */
#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)

struct watch {
	int ino, sig;
	size_t ndirs;
	sigset_t old;
};

/* Adds dir and, below it, every folder not starting with '.', up to the bound. */
static void watch_tree(struct watch *w, const char *dir, int depth)
{
	if (w->ndirs >= WATCH_MAX_DIRS || depth > 16)
		return;
	if (inotify_add_watch(w->ino, dir, WATCH_EVENTS | IN_ONLYDIR) < 0)
		return;
	w->ndirs++;
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.' || (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
			continue;
		char sub[PATH_MAX];
		struct stat st;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name) < sizeof(sub) &&
		    lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(w, sub, depth + 1);
	}
	closedir(d);
}

/* The folder of path (written into buf). */
static const char *watch_dir(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return ".";
	snprintf(buf, size, "%.*s", (int)(slash == path ? 1 : slash - path), path);
	return buf;
}

struct watch *watch_new(char *const *files, size_t n, const char *template_file)
{
	struct watch *w = calloc(1, sizeof(*w));
	if (w == NULL)
		return NULL;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	w->ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	w->sig = -1;
	if (w->ino < 0 || sigprocmask(SIG_BLOCK, &set, &w->old) != 0 ||
	    (w->sig = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
		fprintf(stderr, "reportgen: --watch: %s\n", strerror(errno));
		watch_free(w);
		return NULL;
	}
	char buf[PATH_MAX];
	for (size_t i = 0; i < n; i++)
		watch_tree(w, watch_dir(files[i], buf, sizeof(buf)), 0);
	if (template_file != NULL &&
	    inotify_add_watch(w->ino, watch_dir(template_file, buf, sizeof(buf)), WATCH_EVENTS) >=
	            0)
		w->ndirs++;
	if (w->ndirs == 0) {
		fprintf(stderr, "reportgen: --watch: cannot watch the inputs' folders\n");
		watch_free(w);
		return NULL;
	}
	return w;
}

/* True when an event names a file a render reads: an incident, an image or a template. */
static bool watch_relevant(const struct inotify_event *e)
{
	if (e->len == 0 || e->name[0] == '.' || (e->mask & IN_ISDIR))
		return false;
	const char *dot = strrchr(e->name, '.');
	static const char *const exts[] = {".yaml", ".yml", ".png", ".jpg", ".jpeg"};
	for (size_t i = 0; dot != NULL && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

/* Reads every pending event; returns whether one was relevant, or -1 on failure. */
static int watch_drain(struct watch *w)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	int hit = 0;
	for (;;) {
		ssize_t len = read(w->ino, buf, sizeof(buf));
		if (len < 0)
			return errno == EAGAIN ? hit : -1;
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *e = (const struct inotify_event *)p;
			hit = hit || watch_relevant(e);
			p += sizeof(*e) + e->len;
		}
	}
}

int watch_wait(struct watch *w)
{
	struct pollfd fds[2] = {{w->ino, POLLIN, 0}, {w->sig, POLLIN, 0}};
	bool changed = false;
	for (;;) {
		int r = poll(fds, 2, changed ? WATCH_QUIET_MS : -1);
		if (r < 0 && errno != EINTR)
			return 3;
		if (fds[1].revents & POLLIN)
			return 1;
		if (r == 0 && changed)
			return 0;
		if (fds[0].revents & POLLIN) {
			int hit = watch_drain(w);
			if (hit < 0)
				return 3;
			changed = changed || hit;
		}
	}
}

void watch_free(struct watch *w)
{
	if (w == NULL)
		return;
	if (w->ino >= 0)
		close(w->ino);
	if (w->sig >= 0) {
		close(w->sig);
		sigprocmask(SIG_SETMASK, &w->old, NULL);
	}
	free(w);
}
