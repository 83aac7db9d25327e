/* floor.c: the libharu-only floor the benchmarks compare reportgen with: ROWS lines of
 * table-like text (a time, two addresses, a count, a comment), 60 to an A4 page at 9 pt,
 * compressed, saved to OUT. FONT "-" uses the standard Helvetica (nothing embedded: the
 * floor proper); a TrueType file is embedded whole with UTF-8 codes, as libharu alone
 * would embed a face. No YAML, no validation, no layout beyond fixed lines, no exports:
 * what any program writing the same amount of text with libharu pays.
 * Usage: bench-floor FONT.ttf|- ROWS OUT.pdf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

static void floor_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	(void)data;
	fprintf(stderr, "bench-floor: libharu error 0x%04X (detail %u)\n", (unsigned)code,
	        (unsigned)detail);
	exit(3);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: bench-floor FONT.ttf|- ROWS OUT.pdf\n", stderr);
		return 2;
	}
	long rows = strtol(argv[2], NULL, 10);
	HPDF_Doc pdf = HPDF_New(floor_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_Font font;
	if (strcmp(argv[1], "-") == 0) {
		font = HPDF_GetFont(pdf, "Helvetica", NULL);
	} else {
		HPDF_UseUTFEncodings(pdf);
		HPDF_SetCurrentEncoder(pdf, "UTF-8");
		const char *name = HPDF_LoadTTFontFromFile(pdf, argv[1], HPDF_TRUE);
		font = HPDF_GetFont(pdf, name, "UTF-8");
	}
	HPDF_Page page = NULL;
	char line[160];
	for (long i = 0; i < rows; i++) {
		if (i % 60 == 0) {
			if (page != NULL)
				HPDF_Page_EndText(page);
			page = HPDF_AddPage(pdf);
			HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
			HPDF_Page_BeginText(page);
			HPDF_Page_SetFontAndSize(page, font, 9);
		}
		snprintf(line, sizeof(line),
		         "2025-01-01T%02ld:%02ld:%02ldZ  10.0.%ld.%ld  198.51.100.%ld  %ld  "
		         "Indicator %ld "
		         "from the proxy logs",
		         i / 3600 % 24, i / 60 % 60, i % 60, i / 250 % 256, i % 250 + 1,
		         i % 250 + 1, i * 37, i);
		HPDF_Page_TextOut(page, 50, (HPDF_REAL)(800 - (i % 60) * 12.5), line);
	}
	if (page != NULL)
		HPDF_Page_EndText(page);
	HPDF_STATUS st = HPDF_SaveToFile(pdf, argv[3]);
	HPDF_Free(pdf);
	return st == HPDF_OK ? 0 : 3;
}
