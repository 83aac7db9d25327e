/* timing.c: opt-in per-phase timing on standard error (see timing.h). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "timing.h"

static bool timing_on(void)
{
	static int on = -1;
	if (on < 0) {
		const char *s = getenv("RG_TIMINGS");
		on = s != NULL && *s != '\0';
	}
	return on > 0;
}

uint64_t timing_start(void)
{
	if (!timing_on())
		return 0;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t t = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	return t != 0 ? t : 1;
}

void timing_end(const char *phase, uint64_t t0)
{
	if (t0 == 0 || !timing_on())
		return;
	uint64_t t1 = timing_start();
	struct rusage ru;
	long rss = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
	fprintf(stderr, "reportgen: timing: %s %.3f ms (peak RSS %ld KiB)\n", phase,
	        (double)(t1 - t0) / 1e6, rss);
}
