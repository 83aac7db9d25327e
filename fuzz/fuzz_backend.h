/* fuzz_backend.h: one libFuzzer target per back end: an incident loaded, validated and, when
 * valid, rendered by the one format named FUZZ_FORMAT into memory (both TLP and defanging
 * settings chosen by the input's first byte). Included by fuzz_pdf.c, fuzz_stix1.c,
 * fuzz_stix2.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reportgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rg_format *f = NULL;
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		if (strcmp(rg_formats[i]->name, FUZZ_FORMAT) == 0)
			f = rg_formats[i];
	if (f == NULL)
		abort();
	struct rg_diags d;
	rg_diags_init(&d);
	unsigned mode = size > 0 ? data[0] : 0;
	d.strict = mode & 1;
	struct rg_doc *doc = rg_load_buffer("fuzz.yaml", (const char *)data, size, &d);
	if (doc != NULL && rg_validate(doc, &d) && rg_diags_exit(&d) == 0) {
		struct rg_render_opts o = {.no_defang = (mode & 2) != 0,
		                           .max_tlp = (enum rg_tlp)((mode >> 2) % (RG_TLP_RED + 1)),
		                           .epoch = 1726574700,
		                           .diags = &d};
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		if (fp != NULL) {
			f->render(doc, &o, fp);
			fclose(fp);
		}
		free(buf);
	}
	rg_doc_free(doc);
	rg_diags_free(&d);
	return 0;
}
