/* test_images.c: every PNG and JPEG kind drawn upright in its true colours and aspect (pages
 * rasterised with pdftoppm, quadrant by quadrant), equal x and y resolution (pdfimages),
 * reduction to 300 dpi, decompression bombs refused from the header at the `path` position,
 * decoder reasons for corrupt files, and images kept inside the incident's folder. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <math.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "imgmake.h"
#include "testutil.h"

static char tmpdir[] = "/tmp/rg-test-images.XXXXXX";

static char *in_tmp(const char *fmt, ...)
{
	static char buf[8][1024];
	static int k;
	k = (k + 1) % 8;
	int n = snprintf(buf[k], sizeof(buf[k]), "%s/", tmpdir);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf[k] + n, sizeof(buf[k]) - (size_t)n, fmt, ap);
	va_end(ap);
	return buf[k];
}

struct run {
	int status;
	char *err;
	double cpu; /* user + system seconds of the child */
};

/* Runs reportgen in dir with the NULL-terminated arguments; captures stderr. */
static struct run run_in(const char *dir, const char *arg0, ...)
{
	const char *argv[32] = {RG_BINARY, arg0};
	size_t n = 2;
	va_list ap;
	va_start(ap, arg0);
	while (n < 31 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	char *errp = in_tmp(".stderr");
	struct rusage before, after;
	getrusage(RUSAGE_CHILDREN, &before);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int o = open("/dev/null", O_WRONLY);
		if (e < 0 || o < 0 || dup2(e, 2) < 0 || dup2(o, 1) < 0 || chdir(dir) != 0)
			_exit(99);
		setenv("SOURCE_DATE_EPOCH", "1726574700", 1);
		execv(RG_BINARY, (char *const *)argv);
		_exit(98);
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	getrusage(RUSAGE_CHILDREN, &after);
	struct run r = {WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), tu_slurp(errp), 0};
	if (r.err == NULL)
		r.err = rg_xstrdup("");
	r.cpu = (double)(after.ru_utime.tv_sec - before.ru_utime.tv_sec) +
	        (double)(after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6 +
	        (double)(after.ru_stime.tv_sec - before.ru_stime.tv_sec) +
	        (double)(after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
	unlink(errp);
	return r;
}

static char *run_cmd(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *s = tu_read_stream(p);
	pclose(p);
	return s;
}

static bool have_tools(void)
{
	char *s = run_cmd("(command -v pdftoppm; command -v pdfimages) | wc -l");
	bool ok = atoi(s) == 2;
	free(s);
	if (!ok)
		printf("SKIP: pdftoppm and pdfimages (poppler-utils) not installed\n");
	return ok;
}

/* Number of entries in a folder other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return 0;
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static const char head_yaml[] = "reportgen: 1\n"
                                "report:\n"
                                "  id: \"7\"\n"
                                "  date: 2024-09-17T12:05:00Z\n"
                                "analysis:\n"
                                "  blocks:\n";

/* ---- The image set ---- */

/* Expected colour of each quadrant, as a name of the palette below. */
enum colour { RED, GREEN, BLUE, YELLOW, CYAN, MAGENTA, WHITE, BLACK, GRAY85, GRAY170, NCOLOURS };
static const char *const colour_names[] = {"red",     "green", "blue",  "yellow", "cyan",
                                           "magenta", "white", "black", "gray85", "gray170"};
static const uint8_t palette[NCOLOURS][3] = {
        {255, 0, 0},   {0, 255, 0},     {0, 0, 255}, {255, 255, 0}, {0, 255, 255},
        {255, 0, 255}, {255, 255, 255}, {0, 0, 0},   {85, 85, 85},  {170, 170, 170}};

struct kind {
	const char *name; /* file name */
	bool jpeg;
	struct im_png png;
	struct im_jpeg jpg;
	enum colour want[4];
};

#define RGBQ                             \
	{                                \
		RED, GREEN, BLUE, YELLOW \
	}
#define RGBA_HOLE                       \
	{                               \
		RED, GREEN, BLUE, WHITE \
	}
#define GRAYQ                                 \
	{                                     \
		BLACK, GRAY85, GRAY170, WHITE \
	}
#define W 64
#define H 40

static const struct kind kinds[] = {
        {"g1.png",
         false,
         {W, H, PNG_COLOR_TYPE_GRAY, 1, false, false, false},
         {0},
         {BLACK, WHITE, WHITE, BLACK}},
        {"g2.png", false, {W, H, PNG_COLOR_TYPE_GRAY, 2, false, false, false}, {0}, GRAYQ},
        {"g4.png", false, {W, H, PNG_COLOR_TYPE_GRAY, 4, false, false, false}, {0}, GRAYQ},
        {"g8.png", false, {W, H, PNG_COLOR_TYPE_GRAY, 8, false, false, false}, {0}, GRAYQ},
        {"g16.png", false, {W, H, PNG_COLOR_TYPE_GRAY, 16, false, false, false}, {0}, GRAYQ},
        {"ga8.png",
         false,
         {.w = W, .h = H, .color_type = PNG_COLOR_TYPE_GRAY_ALPHA, .depth = 8, .alpha_hole = true},
         {0},
         {BLACK, GRAY85, GRAY170, WHITE}},
        {"ga16.png",
         false,
         {.w = W, .h = H, .color_type = PNG_COLOR_TYPE_GRAY_ALPHA, .depth = 16, .alpha_hole = true},
         {0},
         {BLACK, GRAY85, GRAY170, WHITE}},
        {"p8.png", false, {W, H, PNG_COLOR_TYPE_PALETTE, 8, false, false, false}, {0}, RGBQ},
        {"p2.png", false, {W, H, PNG_COLOR_TYPE_PALETTE, 2, false, false, false}, {0}, RGBQ},
        {"p8t.png",
         false,
         {.w = W, .h = H, .color_type = PNG_COLOR_TYPE_PALETTE, .depth = 8, .trns = true},
         {0},
         RGBA_HOLE},
        {"rgb8.png", false, {W, H, PNG_COLOR_TYPE_RGB, 8, false, false, false}, {0}, RGBQ},
        {"rgb16.png", false, {W, H, PNG_COLOR_TYPE_RGB, 16, false, false, false}, {0}, RGBQ},
        {"rgba8.png",
         false,
         {.w = W, .h = H, .color_type = PNG_COLOR_TYPE_RGBA, .depth = 8, .alpha_hole = true},
         {0},
         RGBA_HOLE},
        {"rgba16.png",
         false,
         {.w = W, .h = H, .color_type = PNG_COLOR_TYPE_RGBA, .depth = 16, .alpha_hole = true},
         {0},
         RGBA_HOLE},
        {"adam7.png",
         false,
         {.w = W, .h = H, .color_type = PNG_COLOR_TYPE_RGB, .depth = 8, .interlace = true},
         {0},
         RGBQ},
        {"adam7a16.png",
         false,
         {.w = W,
          .h = H,
          .color_type = PNG_COLOR_TYPE_RGBA,
          .depth = 16,
          .interlace = true,
          .alpha_hole = true},
         {0},
         RGBA_HOLE},
        {"base.jpg", true, {0}, {W, H, IM_JPEG_RGB, false, 0}, RGBQ},
        {"prog.jpg", true, {0}, {W, H, IM_JPEG_RGB, true, 0}, RGBQ},
        {"gray.jpg", true, {0}, {W, H, IM_JPEG_GRAY, false, 0}, GRAYQ},
        {"cmyk.jpg", true, {0}, {W, H, IM_JPEG_CMYK, false, 0}, {CYAN, MAGENTA, YELLOW, BLACK}},
        {"adobe.jpg",
         true,
         {0},
         {W, H, IM_JPEG_CMYK_ADOBE, false, 0},
         {CYAN, MAGENTA, YELLOW, BLACK}},
        {"exif1.jpg", true, {0}, {W, H, IM_JPEG_RGB, false, 1}, RGBQ},
        {"exif2.jpg", true, {0}, {W, H, IM_JPEG_RGB, false, 2}, RGBQ},
        {"exif3.jpg", true, {0}, {W, H, IM_JPEG_RGB, false, 3}, RGBQ},
        {"exif4.jpg", true, {0}, {W, H, IM_JPEG_RGB, false, 4}, RGBQ},
        {"exif5.jpg", true, {0}, {W, H, IM_JPEG_RGB, false, 5}, RGBQ},
        {"exif6.jpg", true, {0}, {W, H, IM_JPEG_RGB, true, 6}, RGBQ},
        {"exif7.jpg", true, {0}, {W, H, IM_JPEG_RGB, false, 7}, RGBQ},
        {"exif8.jpg", true, {0}, {W, H, IM_JPEG_RGB, false, 8}, RGBQ},
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

struct placed {
	int page;
	double x, y, w, h, page_h; /* pt, PDF coordinates */
};

/* The image ops of a "layout" dump, in order. */
static size_t layout_images(const char *text, struct placed *out, size_t max)
{
	size_t n = 0;
	int page = 0;
	double ph = 0, pw = 0;
	for (const char *l = text; l != NULL && *l != '\0';
	     l = strchr(l, '\n'), l = l ? l + 1 : l) {
		if (sscanf(l, "page %d %lf x %lf", &page, &pw, &ph) == 3)
			continue;
		struct placed p = {page, 0, 0, 0, 0, ph};
		if (n < max && sscanf(l, " image %lf %lf %lf %lf", &p.x, &p.y, &p.w, &p.h) == 4)
			out[n++] = p;
	}
	return n;
}

struct raster {
	png_image img;
	uint8_t *px; /* RGB */
};

static bool raster_load(struct raster *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&r->img, path))
		return false;
	r->img.format = PNG_FORMAT_RGB;
	r->px = malloc(PNG_IMAGE_SIZE(r->img));
	return png_image_finish_read(&r->img, NULL, r->px, 0, NULL) != 0;
}

/* Nearest palette colour of the 5 x 5 mean around raster pixel (x, y). */
static enum colour raster_colour(const struct raster *r, int x, int y, uint8_t rgb[3])
{
	int sum[3] = {0}, n = 0;
	for (int dy = -2; dy <= 2; dy++)
		for (int dx = -2; dx <= 2; dx++) {
			int px = x + dx, py = y + dy;
			if (px < 0 || py < 0 || px >= (int)r->img.width || py >= (int)r->img.height)
				continue;
			const uint8_t *p = r->px + ((size_t)py * r->img.width + px) * 3;
			for (int c = 0; c < 3; c++)
				sum[c] += p[c];
			n++;
		}
	enum colour best = WHITE;
	long bestd = -1;
	for (int c = 0; c < 3; c++)
		rgb[c] = (uint8_t)(n ? sum[c] / n : 0);
	for (int k = 0; k < NCOLOURS; k++) {
		long d = 0;
		for (int c = 0; c < 3; c++)
			d += (long)(rgb[c] - palette[k][c]) * (rgb[c] - palette[k][c]);
		if (bestd < 0 || d < bestd)
			bestd = d, best = (enum colour)k;
	}
	return best;
}

/* Checks the four quadrants of each placed image on the rendered pages; returns failures. */
static int check_quadrants(const char *pdf, const struct placed *pl, const enum colour (*want)[4],
                           const char *const *names, size_t n)
{
	int bad = 0, loaded = -1;
	struct raster r = {0};
	char file[1100], prefix[1100];
	snprintf(file, sizeof(file), "%s", pdf); /* in_tmp's buffers are reused */
	snprintf(prefix, sizeof(prefix), "%s", in_tmp("page"));
	for (size_t i = 0; i < n; i++) {
		if (pl[i].page != loaded) {
			free(r.px);
			char *o = run_cmd("pdftoppm -r 72 -f %d -l %d -png %s %s 2>&1", pl[i].page,
			                  pl[i].page, file, prefix);
			free(o);
			char *png = run_cmd("ls %s-*.png | head -1 | tr -d '\\n'", prefix);
			assert_true(raster_load(&r, png));
			unlink(png);
			free(png);
			loaded = pl[i].page;
		}
		for (int q = 0; q < 4; q++) {
			double fx = q % 2 ? 0.75 : 0.25, fy = q / 2 ? 0.25 : 0.75;
			int x = (int)(pl[i].x + pl[i].w * fx);
			int y = (int)(pl[i].page_h - (pl[i].y + pl[i].h * fy));
			uint8_t rgb[3];
			enum colour got = raster_colour(&r, x, y, rgb);
			if (got != want[i][q]) {
				printf("%s quadrant %d: got %s (%u,%u,%u), want %s\n", names[i], q,
				       colour_names[got], rgb[0], rgb[1], rgb[2],
				       colour_names[want[i][q]]);
				bad++;
			}
		}
	}
	free(r.px);
	return bad;
}

/* Every row of `pdfimages -list` has equal x-ppi and y-ppi; returns the rows seen. */
static int check_ppi(const char *pdf, int *maxppi)
{
	char *list = run_cmd("pdfimages -list %s 2>/dev/null | tail -n +3", pdf);
	int rows = 0;
	*maxppi = 0;
	for (char *l = list; l != NULL && *l != '\0'; l = strchr(l, '\n'), l = l ? l + 1 : l) {
		int page, num, w, h, comp, bpc, obj, gen, xppi, yppi;
		char type[16], color[16], enc[16], interp[8];
		if (sscanf(l, "%d %d %15s %d %d %15s %d %d %15s %7s %d %d %d %d", &page, &num, type,
		           &w, &h, color, &comp, &bpc, enc, interp, &obj, &gen, &xppi, &yppi) != 14)
			continue;
		rows++;
		if (xppi != yppi)
			printf("unequal resolution: %s", l);
		assert_int_equal(xppi, yppi);
		*maxppi = xppi > *maxppi ? xppi : *maxppi;
	}
	free(list);
	return rows;
}

static void test_every_kind(void **state)
{
	(void)state;
	if (!have_tools())
		return;
	mkdir(in_tmp("kinds"), 0700);
	FILE *y = fopen(in_tmp("kinds/t.yaml"), "w");
	assert_non_null(y);
	fputs(head_yaml, y);
	enum colour want[NKINDS][4];
	const char *names[NKINDS];
	for (size_t i = 0; i < NKINDS; i++) {
		const struct kind *k = &kinds[i];
		char *p = in_tmp("kinds/%s", k->name);
		assert_true(k->jpeg ? im_write_jpeg(p, &k->jpg) : im_write_png(p, &k->png));
		fprintf(y, "    - image:\n        path: %s\n        width: 0.3\n", k->name);
		memcpy(want[i], k->want, sizeof(want[i]));
		names[i] = k->name;
	}
	fclose(y);
	struct run r = run_in(in_tmp("kinds"), "render", "t.yaml", "--format", "pdf,layout",
	                      "--outdir", "out", (const char *)NULL);
	if (r.status != 0)
		printf("%s", r.err);
	assert_int_equal(r.status, 0);
	free(r.err);
	char *layout = tu_slurp(in_tmp("kinds/out/t.layout"));
	assert_non_null(layout);
	struct placed pl[NKINDS + 1];
	assert_int_equal(layout_images(layout, pl, NKINDS + 1), NKINDS);
	free(layout);
	for (size_t i = 0; i < NKINDS; i++) /* true aspect: 64 x 40 shown 64:40 */
		assert_true(fabs(pl[i].w / pl[i].h - (double)W / H) < 0.01);
	assert_int_equal(check_quadrants(in_tmp("kinds/out/t.pdf"), pl, want, names, NKINDS), 0);
	int maxppi;
	assert_true(check_ppi(in_tmp("kinds/out/t.pdf"), &maxppi) >= (int)NKINDS);
	/* embedded at their own size: 64 x 40 (16-bit ones included), or 40 x 64 as stored */
	char *list = run_cmd("pdfimages -list %s 2>/dev/null | tail -n +3 | awk '{print $4 \"x\" "
	                     "$5}' | sort | uniq -c | tr -s ' '",
	                     in_tmp("kinds/out/t.pdf"));
	assert_null(strstr(list, "x20")); /* the half height 16-bit rows gave */
	assert_non_null(strstr(list, "64x40"));
	free(list);
}

/* Larger than 300 dpi at the printed size: reduced, deterministically, colours kept. */
static void test_downsample(void **state)
{
	(void)state;
	if (!have_tools())
		return;
	mkdir(in_tmp("big"), 0700);
	struct im_png s = {3000, 2000, PNG_COLOR_TYPE_RGB, 8, false, false, false};
	assert_true(im_write_png(in_tmp("big/big.png"), &s));
	struct im_jpeg j = {2400, 1600, IM_JPEG_RGB, false, 6};
	assert_true(im_write_jpeg(in_tmp("big/phone.jpg"), &j));
	char yaml[1024];
	snprintf(yaml, sizeof(yaml),
	         "%s    - image:\n        path: big.png\n        width: 0.5\n"
	         "    - image:\n        path: phone.jpg\n        width: 0.4\n",
	         head_yaml);
	tu_spit(in_tmp("big/t.yaml"), yaml);
	struct run r = run_in(in_tmp("big"), "render", "t.yaml", "--format", "pdf,layout",
	                      "--outdir", "out", (const char *)NULL);
	assert_int_equal(r.status, 0);
	free(r.err);
	char *layout = tu_slurp(in_tmp("big/out/t.layout"));
	struct placed pl[2];
	assert_int_equal(layout_images(layout, pl, 2), 2);
	free(layout);
	/* the phone photo is stored 1600 x 2400 and turned upright: 2400 x 1600 */
	assert_true(fabs(pl[1].w / pl[1].h - 1.5) < 0.01);
	static const enum colour want[2][4] = {RGBQ, RGBQ};
	static const char *const names[2] = {"big.png", "phone.jpg"};
	assert_int_equal(check_quadrants(in_tmp("big/out/t.pdf"), pl, want, names, 2), 0);
	int maxppi;
	assert_int_equal(check_ppi(in_tmp("big/out/t.pdf"), &maxppi), 2);
	assert_true(maxppi <= 301 && maxppi >= 295);
	char *list = run_cmd("pdfimages -list %s 2>/dev/null | tail -n +3 | awk '{print $4}'",
	                     in_tmp("big/out/t.pdf"));
	int w1 = 0, w2 = 0;
	assert_int_equal(sscanf(list, "%d %d", &w1, &w2), 2);
	free(list);
	/* 300 dpi over the printed width in points */
	assert_true(abs(w1 - (int)ceil(pl[0].w / 72 * 300)) <= 1);
	assert_true(abs(w2 - (int)ceil(pl[1].w / 72 * 300)) <= 1);
	/* the same bytes again */
	char *first = tu_slurp(in_tmp("big/out/t.pdf"));
	size_t n1 = 0;
	{
		struct stat st;
		stat(in_tmp("big/out/t.pdf"), &st);
		n1 = (size_t)st.st_size;
	}
	r = run_in(in_tmp("big"), "render", "t.yaml", "--format", "pdf", "--outdir", "out2",
	           (const char *)NULL);
	assert_int_equal(r.status, 0);
	free(r.err);
	char *second = tu_slurp(in_tmp("big/out2/t.pdf"));
	assert_non_null(second);
	assert_memory_equal(first, second, n1);
	free(first);
	free(second);
}

/* A line:col of the `path` value, the path as written, the numbers and the cap; within 1 s of
 * CPU (no pixel is decoded); no output file. */
static void expect_refused(const char *dir, const char *pathval, const char *cap)
{
	static const char *const cmds[] = {"check", "render"};
	for (int c = 0; c < 2; c++) {
		struct run r =
		        c == 0 ? run_in(dir, "check", "t.yaml", (const char *)NULL)
		               : run_in(dir, "render", "t.yaml", "--format", "pdf,stix1,stix2",
		                        "--outdir", "out", (const char *)NULL);
		printf("%s %s: exit %d in %.3f s CPU: %s", cmds[c], pathval, r.status, r.cpu,
		       r.err);
		assert_int_equal(r.status, 1);
		char want[256];
		snprintf(want, sizeof(want),
		         "t.yaml:8:15: error: analysis.blocks[0].image.path: image \"%s\": ",
		         pathval);
		assert_non_null(strstr(r.err, want));
		assert_non_null(strstr(r.err, cap));
		assert_true(r.cpu < 1.0);
		free(r.err);
	}
	char out[1100];
	snprintf(out, sizeof(out), "%s/out", dir);
	assert_int_equal(count_entries(out), 0);
}

static void write_case(const char *dir, const char *pathval)
{
	char yaml[1024];
	snprintf(yaml, sizeof(yaml), "%s    - image:\n        path: %s\n        width: 0.5\n",
	         head_yaml, pathval);
	char p[1100];
	snprintf(p, sizeof(p), "%s/t.yaml", dir);
	tu_spit(p, yaml);
}

static void test_bombs(void **state)
{
	(void)state;
	static const struct {
		const char *dir, *file;
		int kind; /* 0 PNG, 1 JPEG, 2 progressive JPEG */
		uint32_t w, h;
		const char *cap;
	} bombs[] = {
	        {"bomb-png", "bomb.png", 0, 30000, 30000,
	         "30000 x 30000 pixels (900,000,000) is over the cap of 67,108,864 pixels"},
	        {"bomb-jpg", "img/bomb.jpg", 1, 30000, 30000,
	         "30000 x 30000 pixels (900,000,000) is over the cap of 67,108,864 pixels"},
	        {"bomb-pjpg", "bomb.jpg", 2, 30000, 30000, "is over the cap of 67,108,864 pixels"},
	        {"wide-png", "wide.png", 0, 100000, 10, "is over the cap of 32768 pixels a side"},
	};
	for (size_t i = 0; i < sizeof(bombs) / sizeof(bombs[0]); i++) {
		mkdir(in_tmp("%s", bombs[i].dir), 0700);
		mkdir(in_tmp("%s/img", bombs[i].dir), 0700);
		char *p = in_tmp("%s/%s", bombs[i].dir, bombs[i].file);
		assert_true(bombs[i].kind == 0
		                    ? im_png_bomb(p, bombs[i].w, bombs[i].h)
		                    : im_jpeg_bomb(p, bombs[i].w, bombs[i].h, bombs[i].kind == 2));
		write_case(in_tmp("%s", bombs[i].dir), bombs[i].file);
		expect_refused(in_tmp("%s", bombs[i].dir), bombs[i].file, bombs[i].cap);
	}
	/* a tall screenshot is normal evidence: 1920 x 30000 passes the header check */
	mkdir(in_tmp("tall"), 0700);
	assert_true(im_png_bomb(in_tmp("tall/tall.png"), 1920, 30000));
	write_case(in_tmp("tall"), "tall.png");
	struct run r = run_in(in_tmp("tall"), "check", "t.yaml", (const char *)NULL);
	assert_int_equal(r.status, 0);
	free(r.err);
	/* each under the image cap, together over the document's: five distinct 8000 x 8000
	 * images (64,000,000 pixels each), the fifth refused at its path; the same file twice
	 * counts once */
	mkdir(in_tmp("many"), 0700);
	char yaml[2048];
	size_t len = (size_t)snprintf(yaml, sizeof(yaml), "%s", head_yaml);
	for (int i = 0; i < 5; i++) {
		assert_true(im_png_bomb(in_tmp("many/m%d.png", i), 8000, 8000));
		len += (size_t)snprintf(yaml + len, sizeof(yaml) - len,
		                        "    - image:\n        path: m%d.png\n        width: 0.5\n",
		                        i < 4 ? i : 0);
	}
	tu_spit(in_tmp("many/t.yaml"), yaml);
	r = run_in(in_tmp("many"), "check", "t.yaml", (const char *)NULL);
	printf("four distinct, one repeated: exit %d: %s", r.status, r.err);
	assert_int_equal(r.status, 0);
	free(r.err);
	len = (size_t)snprintf(yaml, sizeof(yaml), "%s", head_yaml);
	for (int i = 0; i < 5; i++)
		len += (size_t)snprintf(yaml + len, sizeof(yaml) - len,
		                        "    - image:\n        path: m%d.png\n        width: 0.5\n",
		                        i);
	tu_spit(in_tmp("many/t.yaml"), yaml);
	for (int c = 0; c < 2; c++) {
		r = c == 0 ? run_in(in_tmp("many"), "check", "t.yaml", (const char *)NULL)
		           : run_in(in_tmp("many"), "render", "t.yaml", "--format",
		                    "pdf,stix1,stix2", "--outdir", "out", (const char *)NULL);
		printf("five distinct: exit %d in %.3f s CPU: %s", r.status, r.cpu, r.err);
		assert_int_equal(r.status, 1);
		assert_non_null(strstr(r.err,
		                       "t.yaml:20:15: error: analysis.blocks[4].image.path: "
		                       "image \"m4.png\": the document's images add up to "
		                       "320000000 pixels, over the cap of 268435456 pixels a "
		                       "document"));
		assert_true(r.cpu < 1.0);
		free(r.err);
	}
	assert_int_equal(count_entries(in_tmp("many/out")), 0);
}

/* Corrupt files pass the header check where the header is fine, and fail render at the
 * `path` position with the decoder's reason, leaving no file. */
static void test_corrupt(void **state)
{
	(void)state;
	mkdir(in_tmp("bad"), 0700);
	struct im_png s = {200, 200, PNG_COLOR_TYPE_RGB, 8, false, false, false};
	assert_true(im_write_png(in_tmp("bad/full.png"), &s));
	char *full = tu_slurp(in_tmp("bad/full.png"));
	struct stat st;
	assert_int_equal(stat(in_tmp("bad/full.png"), &st), 0);
	size_t n = (size_t)st.st_size;
	/* cut inside IDAT */
	assert_true(im_spit(in_tmp("bad/cut.png"), full, n - 40));
	/* a byte of IDAT's CRC changed */
	unsigned char *idat = memmem(full, n, "IDAT", 4);
	assert_non_null(idat);
	uint32_t len = (uint32_t)idat[-4] << 24 | (uint32_t)idat[-3] << 16 |
	               (uint32_t)idat[-2] << 8 | idat[-1];
	idat[4 + len] ^= 0x55;
	assert_true(im_spit(in_tmp("bad/crc.png"), full, n));
	free(full);
	struct im_jpeg j = {200, 200, IM_JPEG_RGB, false, 0};
	unsigned long jl;
	unsigned char *jb = im_jpeg_mem(&j, &jl);
	assert_true(im_spit(in_tmp("bad/cut.jpg"), jb, jl / 2));
	free(jb);
	static const struct {
		const char *file, *why;
	} cases[] = {
	        {"cut.png", "truncated"}, {"crc.png", "IDAT: CRC error"}, {"cut.jpg", "truncated"}};
	for (size_t i = 0; i < 3; i++) {
		write_case(in_tmp("bad"), cases[i].file);
		struct run r = run_in(in_tmp("bad"), "render", "t.yaml", "--format", "pdf",
		                      "--outdir", "out", (const char *)NULL);
		printf("%s: exit %d: %s", cases[i].file, r.status, r.err);
		assert_int_equal(r.status, 1);
		char want[256];
		snprintf(want, sizeof(want),
		         "t.yaml:8:15: error: analysis.blocks[0].image.path: image \"%s\": %s\n",
		         cases[i].file, cases[i].why);
		assert_non_null(strstr(r.err, want));
		free(r.err);
		assert_int_equal(count_entries(in_tmp("bad/out")), 0);
	}
}

/* A sibling folder whose name starts with the incident folder's is outside it. */
static void test_confinement(void **state)
{
	(void)state;
	mkdir(in_tmp("case"), 0700);
	mkdir(in_tmp("case-evil"), 0700);
	mkdir(in_tmp("case/sub"), 0700);
	struct im_png s = {16, 16, PNG_COLOR_TYPE_RGB, 8, false, false, false};
	assert_true(im_write_png(in_tmp("case-evil/x.png"), &s));
	assert_true(im_write_png(in_tmp("case/ok.png"), &s));
	assert_int_equal(symlink("../case-evil/x.png", in_tmp("case/link.png")), 0);
	static const char *const paths[] = {"../case-evil/x.png", "link.png",
	                                    "sub/../../case-evil/x.png"};
	for (size_t i = 0; i < 3; i++) {
		write_case(in_tmp("case"), paths[i]);
		struct run r = run_in(in_tmp("case"), "check", "t.yaml", (const char *)NULL);
		printf("%s: %s", paths[i], r.err);
		assert_int_equal(r.status, 1);
		assert_non_null(strstr(r.err, "leaves the incident file's folder"));
		free(r.err);
	}
	write_case(in_tmp("case"), "ok.png");
	struct run r = run_in(in_tmp("case"), "check", "t.yaml", (const char *)NULL);
	assert_int_equal(r.status, 0);
	free(r.err);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (getenv("RG_KEEP_TMP") == NULL) {
		char *o = run_cmd("rm -rf %s", tmpdir);
		free(o);
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_every_kind),  cmocka_unit_test(test_downsample),
	        cmocka_unit_test(test_bombs),       cmocka_unit_test(test_corrupt),
	        cmocka_unit_test(test_confinement),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
