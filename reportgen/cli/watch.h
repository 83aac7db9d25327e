/* watch.h: waiting for an incident, its images or its template to change (inotify). */
#ifndef RG_WATCH_H
#define RG_WATCH_H

#include <stddef.h>

struct watch;

/* Watches the folder trees of the n inputs (where their images must be) and the folder of
 * `template_file` (may be NULL). Blocks SIGINT and SIGTERM, which from then on end the wait
 * instead of the process, so no render is cut short. NULL (with a message) on failure. */
struct watch *watch_new(char *const *files, size_t n, const char *template_file);
/* Waits until an input, image or template is written or renamed into place (editors that
 * save by rename), then for a short quiet spell. Returns 0 on a change, 1 on SIGINT or
 * SIGTERM, 3 on failure. */
int watch_wait(struct watch *);
void watch_free(struct watch *);

#endif
