/* fuzz_load.c: libFuzzer target: load, validate and every back end into memory, diagnostics
 * printed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "reportgen.h"

/* Prints the diagnostics both ways, so the printers see every message the loader builds. */
static void fuzz_print_diags(const struct rg_diags *d)
{
	for (int json = 0; json < 2; json++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		if (fp == NULL)
			continue;
		rg_diags_print(d, fp, json != 0);
		fclose(fp);
		free(buf);
	}
}

/* Runs one back end into a memory stream; the bytes are thrown away. */
static void fuzz_render(const struct rg_format *f, const struct rg_doc *doc,
                        const struct rg_render_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (fp == NULL)
		return;
	f->render(doc, o, fp);
	fclose(fp);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rg_diags d;
	rg_diags_init(&d);
	d.strict = size > 0 && (data[0] & 1); /* both modes, chosen by the input */
	struct rg_doc *doc = rg_load_buffer("fuzz.yaml", (const char *)data, size, &d);
	if (doc != NULL && rg_validate(doc, &d) && rg_diags_exit(&d) == 0) {
		struct rg_render_opts o = {.template_path = NULL,
		                           .no_defang = false,
		                           .max_tlp = RG_TLP_NONE,
		                           .epoch = 1726574700,
		                           .diags = &d};
		for (size_t i = 0; rg_formats[i] != NULL; i++) {
			o.no_defang = (i & 1) != 0;
			o.max_tlp = (enum rg_tlp)(i % (RG_TLP_RED + 1));
			fuzz_render(rg_formats[i], doc, &o);
		}
	}
	rg_doc_free(doc);
	rg_diags_sort(&d);
	fuzz_print_diags(&d);
	rg_diags_free(&d);
	return 0;
}
