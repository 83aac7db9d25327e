/* navigator.c: the incident's techniques as an ATT&CK Navigator layer (layer format 4.5,
 * Navigator 5.x; docs/navigator-layer-4.5.schema.json): one entry per technique and tactic
 * pair, coloured with the template's accent, linked to its ATT&CK page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "attack.h"
#include "techlink.h"
#include "template.h"

#define NAV_DOMAIN "enterprise-attack"
#define NAV_NAVIGATOR "5.1.0"
#define NAV_LAYER "4.5"

static const char *nav_color(struct rg_arena *a, uint32_t rgb)
{
	return rg_arena_printf(a, "#%06x", (unsigned)(rgb & 0xFFFFFFu));
}

static cJSON *nav_meta(const char *name, const char *value)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "name", name);
	cJSON_AddStringToObject(m, "value", value);
	return m;
}

static cJSON *nav_link(const char *label, const char *url)
{
	cJSON *l = cJSON_CreateObject();
	cJSON_AddStringToObject(l, "label", label);
	cJSON_AddStringToObject(l, "url", url);
	return l;
}

static const char *nav_tlp(struct rg_arena *a, enum rg_tlp t)
{
	if (t == RG_TLP_NONE)
		return "none";
	const char *s = rg_tlp_names[t];
	char *up = rg_arena_printf(a, "TLP:%s", s);
	for (char *p = up + 4; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return up;
}

/* The entry for (id, tactic) already in the list, or NULL. */
static cJSON *nav_find(cJSON *list, const char *id, const char *tactic)
{
	cJSON *e;
	cJSON_ArrayForEach(e, list)
	{
		const char *i = cJSON_GetStringValue(cJSON_GetObjectItem(e, "techniqueID"));
		const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(e, "tactic"));
		if (strcmp(i, id) == 0 && strcmp(t, tactic) == 0)
			return e;
	}
	return NULL;
}

/* The score of entry m: how many artifacts and emails name its technique (techniques:),
 * at least 1 since the incident saw it. */
static size_t nav_score(const struct rg_doc *d, const struct rg_technique *m)
{
	size_t n = techlink_count(d, m);
	return n > 0 ? n : 1;
}

static void nav_entry(cJSON *list, const struct rg_doc *d, const struct rg_technique *m,
                      const char *color, struct rg_arena *a)
{
	cJSON *old = nav_find(list, m->id, m->tactic_short);
	const char *comment = m->comment.s ? m->comment.s : "";
	if (old != NULL) { /* the same pair twice: one entry, the comments joined */
		const char *was = cJSON_GetStringValue(cJSON_GetObjectItem(old, "comment"));
		if (*comment != '\0')
			cJSON_ReplaceItemInObject(
			        old, "comment",
			        cJSON_CreateString(
			                *was ? rg_arena_printf(a, "%s\n\n%s", was, comment)
			                     : comment));
		return;
	}
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "techniqueID", m->id);
	cJSON_AddStringToObject(e, "tactic", m->tactic_short);
	cJSON_AddNumberToObject(e, "score", (double)nav_score(d, m));
	cJSON_AddStringToObject(e, "color", color);
	cJSON_AddStringToObject(e, "comment", comment);
	cJSON_AddBoolToObject(e, "enabled", true);
	cJSON *meta = cJSON_AddArrayToObject(e, "metadata");
	if (d->report.id.s != NULL)
		cJSON_AddItemToArray(meta, nav_meta("incident", d->report.id.s));
	cJSON_AddItemToArray(meta, nav_meta("marking", nav_tlp(a, m->mark.eff)));
	cJSON *links = cJSON_AddArrayToObject(e, "links");
	if (m->url != NULL)
		cJSON_AddItemToArray(links,
		                     nav_link(rg_arena_printf(a, "%s on ATT&CK", m->id), m->url));
	cJSON_AddBoolToObject(e, "showSubtechniques", false);
	cJSON_AddItemToArray(list, e);
}

/* showSubtechniques on a parent whose sub-technique is used, adding the parent (unscored,
 * uncoloured) under that tactic when the incident did not name it. */
static void nav_parents(cJSON *list, const struct rg_attack *db)
{
	size_t n = (size_t)cJSON_GetArraySize(list);
	for (size_t i = 0; i < n; i++) {
		cJSON *e = cJSON_GetArrayItem(list, (int)i);
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(e, "techniqueID"));
		const char *tactic = cJSON_GetStringValue(cJSON_GetObjectItem(e, "tactic"));
		const struct attack_technique *t = attack_by_id(db, id);
		const struct attack_technique *p = t ? attack_parent(db, t) : NULL;
		if (p == NULL)
			continue;
		cJSON *pe = nav_find(list, p->id, tactic);
		if (pe == NULL) {
			pe = cJSON_CreateObject();
			cJSON_AddStringToObject(pe, "techniqueID", p->id);
			cJSON_AddStringToObject(pe, "tactic", tactic);
			cJSON_AddBoolToObject(pe, "enabled", true);
			cJSON_AddBoolToObject(pe, "showSubtechniques", true);
			cJSON_AddItemToArray(list, pe);
		} else {
			cJSON_ReplaceItemInObject(pe, "showSubtechniques", cJSON_CreateTrue());
		}
	}
}

static int navigator_render(const struct rg_doc *d, const struct rg_render_opts *o, FILE *fp)
{
	struct rg_arena *a = rg_arena_new();
	struct template *tpl = NULL;
	int rc = template_load(o->template_path, &tpl, a, o->diags);
	if (rc != 0) {
		rg_arena_free(a);
		return rc;
	}
	const struct rg_attack *db = attack_of(d);
	const char *accent = nav_color(a, tpl->colors.accent);
	const char *title = d->report.title.s ? d->report.title.s : "Incident Report";
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(
	        root, "name",
	        d->report.id.s ? rg_arena_printf(a, "%s (%s)", title, d->report.id.s) : title);
	cJSON *v = cJSON_AddObjectToObject(root, "versions");
	cJSON_AddStringToObject(v, "attack", db->version);
	cJSON_AddStringToObject(v, "navigator", NAV_NAVIGATOR);
	cJSON_AddStringToObject(v, "layer", NAV_LAYER);
	cJSON_AddStringToObject(root, "domain", NAV_DOMAIN);
	cJSON_AddStringToObject(
	        root, "description",
	        rg_arena_printf(a, "%s%s%s%s", title, d->report.id.s ? " (incident " : "",
	                        d->report.id.s ? d->report.id.s : "", d->report.id.s ? ")" : ""));
	cJSON *list = cJSON_AddArrayToObject(root, "techniques");
	size_t top = 1;
	for (size_t i = 0; i < d->nmitre; i++) {
		const struct rg_technique *m = d->mitre_sorted ? d->mitre_sorted[i] : &d->mitre[i];
		if (m->id != NULL && m->tactic_short != NULL) {
			nav_entry(list, d, m, accent, a);
			size_t sc = nav_score(d, m);
			top = sc > top ? sc : top;
		}
	}
	nav_parents(list, db);
	cJSON *g = cJSON_AddObjectToObject(root, "gradient");
	cJSON *colors = cJSON_AddArrayToObject(g, "colors");
	cJSON_AddItemToArray(colors, cJSON_CreateString(nav_color(a, tpl->colors.zebra)));
	cJSON_AddItemToArray(colors, cJSON_CreateString(accent));
	cJSON_AddNumberToObject(g, "minValue", 0);
	cJSON_AddNumberToObject(g, "maxValue", (double)top);
	cJSON *legend = cJSON_AddArrayToObject(root, "legendItems");
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "label", "seen in this incident");
	cJSON_AddStringToObject(item, "color", accent);
	cJSON_AddItemToArray(legend, item);
	cJSON *meta = cJSON_AddArrayToObject(root, "metadata");
	if (d->report.id.s != NULL)
		cJSON_AddItemToArray(meta, nav_meta("incident", d->report.id.s));
	cJSON_AddItemToArray(meta, nav_meta("marking", nav_tlp(a, d->tlp_overall)));
	cJSON_AddItemToArray(meta,
	                     nav_meta("ATT&CK", rg_arena_printf(a, "Enterprise v%s. %s",
	                                                        db->version, db->attribution)));
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	rg_arena_free(a);
	if (text == NULL)
		return 3;
	fputs(text, fp);
	fputc('\n', fp);
	free(text);
	return ferror(fp) ? 3 : 0;
}

/* Not a default format: CI's default outputs stay the PDF and the two STIX exports. */
const struct rg_format format_navigator = {
        "navigator", ".layer.json", false, true, navigator_render, false, template_check, NULL,
};
