/* timing.h: opt-in per-phase timing. When the environment variable RG_TIMINGS is set and not
 * empty, each phase that ends prints one line to standard error:
 *   reportgen: timing: PHASE MS ms (peak RSS KIB KiB)
 * Phases (load, validate, layout, draw, save, stix1, stix2, ...) are named by their callers.
 * Nothing is printed, and nothing is measured beyond one clock read, otherwise. */
#ifndef RG_TIMING_H
#define RG_TIMING_H

#include <stdint.h>

/* A start time in nanoseconds (monotonic); 0 when timing is off. */
uint64_t timing_start(void);
/* Prints the phase's time since t0 (nothing when timing is off or t0 is 0). */
void timing_end(const char *phase, uint64_t t0);

#endif
