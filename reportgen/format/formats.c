/* formats.c: the table of output formats; each back end lives in its own file. */
#include <string.h>

#include "reportgen.h"

extern const struct rg_format format_pdf;
extern const struct rg_format format_stix1;
extern const struct rg_format format_stix2;
extern const struct rg_format format_tree;
extern const struct rg_format format_navigator;
extern const struct rg_format format_layout;

const struct rg_format *const rg_formats[] = {
        &format_pdf, &format_stix1, &format_stix2, &format_tree, &format_navigator, NULL,
};

/* Formats for tests and debugging: found by name, never listed nor rendered by default. */
const struct rg_format *const rg_hidden_formats[] = {
        &format_layout,
        NULL,
};

static const struct rg_format *rg_format_in(const struct rg_format *const *v, const char *name)
{
	for (size_t i = 0; v[i] != NULL; i++)
		if (strcmp(v[i]->name, name) == 0)
			return v[i];
	return NULL;
}

const struct rg_format *rg_format_find(const char *name)
{
	const struct rg_format *f = rg_format_in(rg_formats, name);
	return f != NULL ? f : rg_format_in(rg_hidden_formats, name);
}
