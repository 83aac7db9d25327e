/* name.c: --name templates: parsed once before any input, expanded per input and format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_hint.h"
#include "name.h"

static const char *const name_keys[] = {"stem", "id", "date", "tlp", "format", NULL};

void name_stem(const char *file, const char **stem, size_t *len)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	const char *dot = strrchr(base, '.');
	*stem = base;
	*len = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
}

/* The placeholder at s (just after '{'), its length in *len; -1 when unknown. */
static int name_key(const char *s, size_t len)
{
	for (int i = 0; name_keys[i] != NULL; i++)
		if (strlen(name_keys[i]) == len && strncmp(s, name_keys[i], len) == 0)
			return i;
	return -1;
}

/* A component of the literal text alone: refused when empty, "." or "..". */
static bool name_bad_component(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.');
}

bool name_parse(struct name_tpl *t, const char *text, char *err, size_t errlen)
{
	t->text = text;
	t->uses = 0;
	if (text[0] == '\0') {
		snprintf(err, errlen, "--name needs a template, e.g. '{id}-{tlp}'");
		return false;
	}
	if (text[0] == '/') {
		snprintf(err, errlen, "--name '%s' is an absolute name: outputs stay in --outdir",
		         text);
		return false;
	}
	const char *comp = text; /* start of the current component */
	bool comp_has_key = false;
	for (const char *p = text;; p++) {
		if (*p == '/' || *p == '\0') {
			if (!comp_has_key && name_bad_component(comp, (size_t)(p - comp))) {
				snprintf(err, errlen,
				         "--name '%s' has an empty, '.' or '..' folder: outputs "
				         "stay in --outdir",
				         text);
				return false;
			}
			if (*p == '\0')
				break;
			comp = p + 1;
			comp_has_key = false;
		} else if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			snprintf(err, errlen, "--name '%s' contains a control character", text);
			return false;
		} else if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			p++;
		} else if (*p == '}') {
			snprintf(err, errlen,
			         "--name '%s': '}' without '{' (write '}}' for a brace)", text);
			return false;
		} else if (*p == '{') {
			const char *end = strchr(p + 1, '}');
			const char *open = strchr(p + 1, '{');
			if (end == NULL || (open != NULL && open < end)) {
				snprintf(err, errlen, "--name '%s': '{' without '}'", text);
				return false;
			}
			size_t len = (size_t)(end - p - 1);
			int k = name_key(p + 1, len);
			if (k < 0) {
				char word[64];
				snprintf(word, sizeof(word), "%.*s", (int)(len < 63 ? len : 63),
				         p + 1);
				const char *hint = cli_suggest(word, name_keys, 5);
				snprintf(err, errlen,
				         "--name: unknown placeholder '{%s}'%s%s%s (known: {stem}, "
				         "{id}, {date}, {tlp}, {format})",
				         word, hint ? " (did you mean '{" : "", hint ? hint : "",
				         hint ? "}'?)" : "");
				return false;
			}
			t->uses |= 1u << k;
			comp_has_key = true;
			p = end;
		}
	}
	return true;
}

bool name_needs_doc(const struct name_tpl *t)
{
	return (t->uses & (NAME_ID | NAME_DATE | NAME_TLP)) != 0;
}

/* The value of placeholder k into buf. */
static void name_value(int k, const char *file, const struct rg_doc *doc, const char *format,
                       char *buf, size_t n)
{
	const char *stem;
	size_t len;
	switch (k) {
	case 0:
		name_stem(file, &stem, &len);
		snprintf(buf, n, "%.*s", (int)len, stem);
		break;
	case 1:
		snprintf(buf, n, "%s", doc->report.id.s ? doc->report.id.s : "");
		break;
	case 2:
		if (doc->report.date.prec >= RG_TIME_DATE) {
			time_t t = (time_t)(doc->report.date.utc +
			                    (doc->report.date.naive
			                             ? 0
			                             : (int64_t)doc->report.date.offset_min * 60));
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(buf, n, "%Y-%m-%d", &tm);
		} else {
			snprintf(buf, n, "undated");
		}
		break;
	case 3:
		snprintf(buf, n, "%s",
		         doc->report.tlp != RG_TLP_NONE ? rg_tlp_names[doc->report.tlp] : "none");
		break;
	default:
		snprintf(buf, n, "%s", format);
		break;
	}
}

static bool name_bad_value(const char *v)
{
	for (const char *p = v; *p != '\0'; p++)
		if (*p == '/' || (unsigned char)*p < 0x20 || *p == 0x7f)
			return true;
	return name_bad_component(v, strlen(v));
}

char *name_expand(const struct name_tpl *t, const char *file, const struct rg_doc *doc,
                  const char *format, char *err, size_t errlen)
{
	size_t cap = strlen(t->text) + 256, len = 0;
	char *out = rg_xmalloc(cap);
	for (const char *p = t->text; *p != '\0'; p++) {
		char val[1024];
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			snprintf(val, sizeof(val), "%c", *p++);
		} else if (*p == '{') {
			const char *end = strchr(p, '}');
			int k = name_key(p + 1, (size_t)(end - p - 1));
			name_value(k, file, doc, format, val, sizeof(val));
			if (name_bad_value(val)) {
				snprintf(
				        err, errlen,
				        "--name: the value of {%s}, '%s', cannot be part of a file "
				        "name inside --outdir",
				        name_keys[k], val);
				free(out);
				return NULL;
			}
			p = end;
		} else {
			snprintf(val, sizeof(val), "%c", *p);
		}
		size_t n = strlen(val);
		if (len + n + 1 > cap)
			out = rg_xrealloc(out, cap = (len + n + 1) * 2);
		memcpy(out + len, val, n + 1);
		len += n;
	}
	/* values next to each other could still make "..": check the result as a whole */
	for (const char *c = out;; c = strchr(c, '/') + 1) {
		size_t n = strcspn(c, "/");
		if (name_bad_component(c, n)) {
			snprintf(err, errlen,
			         "--name gives '%s', which has an empty, '.' or '..' folder: "
			         "outputs "
			         "stay in --outdir",
			         out);
			free(out);
			return NULL;
		}
		if (c[n] == '\0')
			break;
	}
	return out;
}
