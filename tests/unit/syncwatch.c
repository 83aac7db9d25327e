/* syncwatch.c: a record of how outputs reach the disk, for tests, loaded with LD_PRELOAD:
 * with RG_SYNC_LOG=FILE in the environment, each fsync, sync_file_range and rename appends
 * a line to FILE ("fsync-dir DIR", "fsync FILE", "range FILE", "rename FROM TO", in the
 * order of the calls) and then does what the C library does. Built beside the tests, never
 * linked into reportgen. */
#define _GNU_SOURCE /* RTLD_NEXT, sync_file_range */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void watch_log(const char *what, const char *a, const char *b)
{
	const char *log = getenv("RG_SYNC_LOG");
	if (log == NULL)
		return;
	FILE *fp = fopen(log, "a");
	if (fp == NULL)
		return;
	fprintf(fp, "%s %s%s%s\n", what, a, b ? " " : "", b ? b : "");
	fclose(fp);
}

static void watch_fd(const char *what, int fd)
{
	char link[64], path[4096];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	path[n > 0 ? n : 0] = '\0';
	struct stat st;
	int dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
	char w[32];
	snprintf(w, sizeof(w), "%s%s", what, dir ? "-dir" : "");
	watch_log(w, path, NULL);
}

int fsync(int fd)
{
	static int (*real)(int);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	watch_fd("fsync", fd);
	return real(fd);
}

int sync_file_range(int fd, off_t off, off_t n, unsigned int flags)
{
	static int (*real)(int, off_t, off_t, unsigned int);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "sync_file_range");
	watch_fd("range", fd);
	return real(fd, off, n, flags);
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "rename");
	watch_log("rename", from, to);
	return real(from, to);
}
