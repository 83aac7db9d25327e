/* fuzz_template.c: libFuzzer target: a template YAML loaded (template_load) and, when it
 * loads, a small incident rendered to PDF with it (page size, margins, colours, fonts,
 * sections, titles, logo). The template is written to a temporary file, as it is read by
 * name or path; the file is made once per process (in $TMPDIR) and removed at exit. */
#define _GNU_SOURCE /* mkstemps */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "reportgen.h"
#include "template.h"

static const char fuzz_incident[] = "reportgen: 1\n"
                                    "report:\n"
                                    "  id: \"7\"\n"
                                    "  title: Fuzzed template\n"
                                    "  date: 2024-09-17T12:05:00Z\n"
                                    "summary: \"A **short** summary.\"\n"
                                    "analysis:\n"
                                    "  text: \"Some analysis with `code`.\"\n";

static char path[4096];

static void remove_template(void)
{
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (path[0] == '\0') {
		const char *dir = getenv("TMPDIR");
		snprintf(path, sizeof(path), "%s/rg-fuzz-template-XXXXXX.yaml",
		         dir != NULL && dir[0] != '\0' ? dir : "/tmp");
		int fd = mkstemps(path, 5);
		if (fd < 0) {
			path[0] = '\0';
			return 0;
		}
		close(fd);
		atexit(remove_template);
	}
	FILE *fp = fopen(path, "wb");
	if (fp == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	struct rg_diags d;
	rg_diags_init(&d);
	struct rg_arena *a = rg_arena_new();
	struct template *t = NULL;
	if (template_load(path, &t, a, &d) == 0) {
		struct rg_doc *doc =
		        rg_load_buffer("t.yaml", fuzz_incident, sizeof(fuzz_incident) - 1, &d);
		if (doc != NULL && rg_validate(doc, &d)) {
			struct rg_render_opts o = {.template_path = path,
			                           .max_tlp = RG_TLP_NONE,
			                           .epoch = 1726574700,
			                           .diags = &d};
			char *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);
			if (out != NULL) {
				rg_formats[0]->render(doc, &o, out);
				fclose(out);
			}
			free(buf);
		}
		rg_doc_free(doc);
	}
	rg_arena_free(a);
	rg_diags_free(&d);
	return 0;
}
