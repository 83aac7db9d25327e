/* formats.c: the table of output formats; each back end lives in its own file. */
#include <string.h>

#include "reportgen.h"

extern const struct rg_format format_pdf;
extern const struct rg_format format_stix1;
extern const struct rg_format format_stix2;
extern const struct rg_format format_tree;

const struct rg_format *const rg_formats[] = {
	&format_pdf,
	&format_stix1,
	&format_stix2,
	&format_tree,
	NULL,
};

const struct rg_format *rg_format_find(const char *name)
{
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		if (strcmp(rg_formats[i]->name, name) == 0)
			return rg_formats[i];
	return NULL;
}
