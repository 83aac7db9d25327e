/* test_fonts.c: the embedded fonts as PDF readers see them: every example and golden input
 * renders to a PDF that poppler reads without a word on stderr, with every face embedded,
 * subset and mapped to Unicode; text in many scripts draws real glyphs (checked with
 * fontTools, tests/font_glyphs.py) and extracts as written. Skips when poppler-utils, qpdf,
 * python3-fonttools or the executable are missing. */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

static bool have_tools;

/* Debian's python3, which python3-fonttools serves, when it is there. */
static const char *python(void)
{
	struct stat sb;
	return stat("/usr/bin/python3", &sb) == 0 ? "/usr/bin/python3" : "python3";
}

static int setup(void **state)
{
	(void)state;
	int st;
	free(tu_popen(&st,
	              "command -v pdftotext pdfinfo pdffonts qpdf >/dev/null 2>&1 && "
	              "'%s' -c 'import fontTools' 2>/dev/null",
	              python()));
	have_tools = st == 0;
	struct stat sb;
	if (stat(RG_BINARY, &sb) != 0)
		have_tools = false;
	if (!have_tools)
		printf("SKIP: test_fonts: poppler-utils, qpdf, python3-fonttools or the reportgen "
		       "executable missing\n");
	return 0;
}

#define NEED_TOOLS()             \
	do {                     \
		if (!have_tools) \
			skip();  \
	} while (0)

/* Fails unless every font pdffonts lists is embedded, subset and has a ToUnicode map, and
 * each subset's name has a tag of its own: six capitals and '+' (ISO 32000-1, 9.6.4). */
static void assert_fonts_embedded(const char *pdf)
{
	int st;
	char *o = tu_popen(&st, "pdffonts '%s' 2>/dev/null", pdf);
	assert_int_equal(st, 0);
	int fonts = 0;
	char tags[32][8];
	char *save = NULL;
	for (char *l = strtok_r(o, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
		if (strncmp(l, "name", 4) == 0 || l[0] == '-')
			continue;
		char *tok[16] = {NULL};
		int nt = 0;
		for (char *s2 = NULL, *t = strtok_r(l, " ", &s2); t != NULL && nt < 16;
		     t = strtok_r(NULL, " ", &s2))
			tok[nt++] = t;
		if (nt < 6 || strcmp(tok[nt - 5], "yes") != 0 || strcmp(tok[nt - 4], "yes") != 0 ||
		    strcmp(tok[nt - 3], "yes") != 0)
			fail_msg("%s: font %s is not embedded, subset and with ToUnicode", pdf,
			         nt > 0 ? tok[0] : "?");
		if (strspn(tok[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 6 || tok[0][6] != '+')
			fail_msg("%s: font %s has no subset tag", pdf, tok[0]);
		assert_true(fonts < 32);
		for (int k = 0; k < fonts; k++)
			if (memcmp(tags[k], tok[0], 6) == 0)
				fail_msg("%s: two subsets are tagged %.6s", pdf, tok[0]);
		memcpy(tags[fonts], tok[0], 6);
		fonts++;
	}
	if (fonts < 1)
		fail_msg("%s: no fonts", pdf);
	free(o);
}

/* Fails when pdftotext, pdffonts or pdfinfo print anything on stderr for pdf. */
static void assert_poppler_quiet(const char *pdf)
{
	static const char *const tools[] = {"pdftotext '%s' /dev/null", "pdffonts '%s' >/dev/null",
	                                    "pdfinfo '%s' >/dev/null"};
	for (size_t t = 0; t < sizeof(tools) / sizeof(tools[0]); t++) {
		char cmd[2048];
		snprintf(cmd, sizeof(cmd), tools[t], pdf);
		int st;
		char *err = tu_popen(&st, "%s 2>&1", cmd);
		if (st != 0 || *err != '\0')
			fail_msg("%s: %s (exit %d)", cmd, err, st);
		free(err);
	}
}

/* Renders every NAME.yaml matching pattern (from its folder, so relative image paths
 * resolve); each one that renders must give a PDF poppler reads silently. Returns the
 * number of PDFs checked. */
static size_t check_inputs(const char *pattern)
{
	glob_t g;
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	size_t checked = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *in = g.gl_pathv[i];
		char dir[1024];
		snprintf(dir, sizeof(dir), "%s", in);
		char *slash = strrchr(dir, '/');
		assert_non_null(slash);
		*slash = '\0';
		remove("fonts-in.pdf");
		int st;
		char cwd[1024];
		assert_non_null(getcwd(cwd, sizeof(cwd)));
		char *o = tu_popen(&st,
		                   "cd '%s' && '%s' render -f pdf -o '%s/fonts-in.pdf' '%s' 2>&1",
		                   dir, RG_BINARY, cwd, slash + 1);
		free(o);
		struct stat sb;
		if (st != 0 && st != 1)
			fail_msg("render %s: exit %d", in, st);
		if (stat("fonts-in.pdf", &sb) != 0)
			continue; /* rejected input: no output */
		assert_poppler_quiet("fonts-in.pdf");
		assert_fonts_embedded("fonts-in.pdf");
		checked++;
	}
	globfree(&g);
	remove("fonts-in.pdf");
	return checked;
}

static void test_examples_quiet(void **state)
{
	(void)state;
	NEED_TOOLS();
	assert_true(check_inputs(RG_SOURCE_DIR "/examples/*.yaml") >= 4);
}

static void test_goldens_quiet(void **state)
{
	(void)state;
	NEED_TOOLS();
	assert_true(check_inputs(RG_SOURCE_DIR "/tests/golden/*.yaml") >= 10);
}

/* An incident in many scripts: every string must come back from pdftotext as written. */
static const char *const scripts[] = {
        "Status ✅ done, ❌ blocked, 📧 mail, ✨ new, 📌 pinned, 🌐 web",
        "Symbols ★ ☎ ⚠ ♻ ⌛ ⬛ 🌍 ⟹ ∑ ∀x ≠ 𝐀𝐁𝐂",
        "Sender flag 🇩🇪 Germany.", /* regional indicators: libunibreak 1.1 aborts on them */
        "Ο χρήστης άνοιξε τον σύνδεσμο.",
        "Пользователь открыл письмо, ёлка.",
        "您的账户已被暂停，请立即验证您的身份信息。",
        "山田太郎（やまだ たろう）カスタマーサポート部",
        "안녕하세요 고객님, 비밀번호를 변경해 주세요.",
};

static void test_every_script(void **state)
{
	(void)state;
	NEED_TOOLS();
	FILE *fp = fopen("fonts-scripts.yaml", "w");
	assert_non_null(fp);
	fputs("reportgen: 1\nreport:\n  id: \"88\"\n  title: \"Phishing 🌐 国际 ✅\"\n"
	      "  date: 2024-09-17T12:05:00Z\nsummary: |\n",
	      fp);
	for (size_t i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++)
		fprintf(fp, "  %s\n\n", scripts[i]);
	fputs("lessons:\n  - "
	      "不要点击可疑链接。これは長い日本語の文章で、改行が文字の間で行われることを確認"
	      "するためのものです。한국어문장도올바르게줄바꿈되어야합니다그리고이문장은충분히길어서"
	      "여러줄로"
	      "나뉘어야합니다.\n",
	      fp);
	fclose(fp);
	int st;
	char *o =
	        tu_popen(&st, "'%s' render -q -f pdf -o fonts-scripts.pdf fonts-scripts.yaml 2>&1",
	                 RG_BINARY);
	if (st != 0 || *o != '\0')
		fail_msg("render: exit %d: %s", st, o); /* no missing-glyph warning either */
	free(o);
	char *text = tu_popen(&st, "pdftotext -enc UTF-8 fonts-scripts.pdf -");
	assert_int_equal(st, 0);
	for (size_t i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++)
		if (strstr(text, scripts[i]) == NULL)
			fail_msg("pdftotext lost \"%s\":\n%s", scripts[i], text);
	/* the long CJK item (no spaces) wraps between characters where UAX #14 allows it: never
	 * before an ideographic full stop or comma */
	const char *item = strstr(text, "不要点击");
	assert_non_null(item);
	int lines = 0;
	for (const char *l = item; *l != '\0' && *l != '\n';) {
		if (strncmp(l, "。", strlen("。")) == 0 || strncmp(l, "、", strlen("、")) == 0)
			fail_msg("a line starts with a closing mark:\n%s", item);
		lines++;
		const char *nl = strchr(l, '\n');
		if (nl == NULL)
			break;
		l = nl + 1;
	}
	if (lines < 2)
		fail_msg("the CJK item is set on %d line:\n%s", lines, item);
	free(text);
	assert_poppler_quiet("fonts-scripts.pdf");
	assert_fonts_embedded("fonts-scripts.pdf");
	o = tu_popen(&st, "pdffonts fonts-scripts.pdf");
	static const char *const faces[] = {"Symbola", "NotoSansSymbols2", "NotoSansMath",
	                                    "DroidSansFallback", "NanumGothic"};
	for (size_t i = 0; i < sizeof(faces) / sizeof(faces[0]); i++)
		if (strstr(o, faces[i]) == NULL)
			fail_msg("fallback %s not used:\n%s", faces[i], o);
	free(o);
	/* every code drawn maps to a real glyph of its embedded subset */
	o = tu_popen(&st, "'%s' '%s/tests/font_glyphs.py' fonts-scripts.pdf 2>&1", python(),
	             RG_SOURCE_DIR);
	if (st != 0 || strncmp(o, "ok: ", 4) != 0)
		fail_msg("font_glyphs.py: %s", o);
	free(o);
}

/* A character no face has: drawn as a mark and warned about where the input holds it. */
static void test_missing_glyph_position(void **state)
{
	(void)state;
	NEED_TOOLS();
	tu_spit("fonts-missing.yaml", "reportgen: 1\nreport:\n  id: \"9\"\n  title: x\n"
	                              "  date: 2024-09-17\nsummary: |\n  Tangut \xF0\x97\x80\x80 "
	                              "here.\n  Hebrew: שלום.\n");
	int st;
	char *o = tu_popen(&st, "'%s' render -f pdf -o fonts-missing.pdf fonts-missing.yaml 2>&1",
	                   RG_BINARY);
	assert_int_equal(st, 0);
	if (strstr(o, "fonts-missing.yaml:7:10: warning: U+17000 has no glyph") == NULL ||
	    strstr(o, "fonts-missing.yaml:8:11: warning: right-to-left text (U+05E9) is drawn "
	              "unshaped") == NULL)
		fail_msg("%s", o);
	free(o);
	assert_poppler_quiet("fonts-missing.pdf");
}

/* A template names its own fallbacks: none at all, or Symbola alone. */
static void test_template_fallbacks(void **state)
{
	(void)state;
	NEED_TOOLS();
	tu_spit("fonts-fb.yaml", "reportgen: 1\nreport:\n  id: \"9\"\n  title: x\n"
	                         "  date: 2024-09-17\nsummary: |\n  Web 🌐 and 中.\n");
	tu_spit("fonts-fb-none.yaml", "fonts:\n  fallback: []\n");
	tu_spit("fonts-fb-symbola.yaml", "fonts:\n  fallback: [Symbola.ttf]\n");
	tu_spit("fonts-fb-bad.yaml", "fonts:\n  fallback: [NoSuch.ttf]\n");
	int st;
	char *o = tu_popen(&st,
	                   "'%s' render -f pdf --template ./fonts-fb-none.yaml -o fonts-fb.pdf "
	                   "fonts-fb.yaml 2>&1",
	                   RG_BINARY);
	assert_int_equal(st, 0);
	if (strstr(o, "fonts-fb.yaml:7:7: warning: U+1F310 has no glyph") == NULL ||
	    strstr(o, "fonts-fb.yaml:7:13: warning: U+4E2D has no glyph") == NULL)
		fail_msg("no fallbacks: %s", o);
	free(o);
	o = tu_popen(&st, "pdffonts fonts-fb.pdf");
	assert_null(strstr(o, "Symbola"));
	free(o);
	o = tu_popen(&st,
	             "'%s' render -q -f pdf --template ./fonts-fb-symbola.yaml -o fonts-fb.pdf "
	             "fonts-fb.yaml 2>&1",
	             RG_BINARY);
	assert_int_equal(st, 0);
	if (*o != '\0') /* Symbola has both */
		fail_msg("Symbola alone: %s", o);
	free(o);
	o = tu_popen(&st, "pdffonts fonts-fb.pdf");
	if (strstr(o, "Symbola") == NULL || strstr(o, "DroidSansFallback") != NULL)
		fail_msg("%s", o);
	free(o);
	o = tu_popen(&st, "pdftotext fonts-fb.pdf -");
	assert_non_null(strstr(o, "Web 🌐 and 中."));
	free(o);
	o = tu_popen(&st,
	             "'%s' render -f pdf --template ./fonts-fb-bad.yaml -o fonts-fb-bad.pdf "
	             "fonts-fb.yaml 2>&1",
	             RG_BINARY);
	assert_int_equal(st, 1);
	if (strstr(o, "fonts-fb-bad.yaml:2:14: error: ") == NULL ||
	    strstr(o, "no font file \"NoSuch.ttf\"") == NULL)
		fail_msg("%s", o);
	free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_examples_quiet),
	        cmocka_unit_test(test_goldens_quiet),
	        cmocka_unit_test(test_every_script),
	        cmocka_unit_test(test_missing_glyph_position),
	        cmocka_unit_test(test_template_fallbacks),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
