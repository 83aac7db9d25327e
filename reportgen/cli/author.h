/* author.h: authoring aids: the editor schema, skeleton incidents, re-rendering on save. */
#ifndef RG_AUTHOR_H
#define RG_AUTHOR_H

#include <stddef.h>

/* A file compiled into the binary (build/generated/embedded.c), by file name; NULL if none. */
struct cli_embedded {
	const char *name, *data;
	size_t size;
};
const struct cli_embedded *author_embedded(const char *name);

/* `reportgen schema`: prints docs/incident.schema.json. Returns the exit status. */
int author_schema(int argc, char **argv);
/* `reportgen init [--kind K] [-o FILE [--force]]`: writes a skeleton incident that passes
 * check, dated today (SOURCE_DATE_EPOCH when set) in the local time zone. */
int author_init(int argc, char **argv);
/* init's option table (NULL-terminated) and its getopt short options. */
struct option;
const struct option *author_init_options(const char **shorts);

#endif
