/* name.h: --name TEMPLATE: output names made of placeholders. */
#ifndef RG_CLI_NAME_H
#define RG_CLI_NAME_H

#include <stdbool.h>
#include <stddef.h>

#include "reportgen.h"

/* {stem}: the input's file name without folder and last extension; {id}: report.id;
 * {date}: report.date as YYYY-MM-DD (or "undated"); {tlp}: report.tlp ("none" when absent);
 * {format}: the format's name. "{{" and "}}" are literal braces. */
enum { NAME_STEM = 1, NAME_ID = 2, NAME_DATE = 4, NAME_TLP = 8, NAME_FORMAT = 16 };

struct name_tpl {
	const char *text;
	unsigned uses; /* NAME_* bits of the placeholders it contains */
};

/* Checks the template's syntax; false with a message in err (a usage error). Beside
 * unknown placeholders and unbalanced braces it refuses what would leave the output
 * folder whatever the values: an absolute name, an empty, "." or ".." component. */
bool name_parse(struct name_tpl *, const char *text, char *err, size_t errlen);
/* True when a placeholder needs the loaded document ({id}, {date}, {tlp}). */
bool name_needs_doc(const struct name_tpl *);
/* The name (without the format's extension) for one input and format; heap string. doc
 * may be NULL when !name_needs_doc. NULL with a message in err when a value cannot be part
 * of a file name (it holds '/', a control character, or is empty, "." or ".."). */
char *name_expand(const struct name_tpl *, const char *file, const struct rg_doc *,
                  const char *format, char *err, size_t errlen);
/* The stem of a file name: no folder, no last extension ("a/ir-17.yaml" gives "ir-17"). */
void name_stem(const char *file, const char **stem, size_t *len);

#endif
