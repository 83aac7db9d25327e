/* tree.c: the "tree" output format: an indented dump of the validated document with positions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reportgen.h"
#include "duration.h"
#include "metrics.h"
#include "timeparse.h"

struct tr {
	FILE *fp;
	int depth;
	const struct rg_doc *doc;
};

static void tr_indent(struct tr *t)
{
	for (int i = 0; i < t->depth; i++)
		fputs("  ", t->fp);
}

static void tr_pos(struct tr *t, struct rg_pos pos)
{
	fprintf(t->fp, " %d:%d", pos.line, pos.col);
}

/* A string in double quotes with C escapes for quotes, backslashes and control bytes. */
static void tr_quoted(struct tr *t, const char *s)
{
	fputc('"', t->fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(t->fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", t->fp);
		else if (*p == '\t')
			fputs("\\t", t->fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(t->fp, "\\x%02x", *p);
		else
			fputc(*p, t->fp);
	}
	fputc('"', t->fp);
}

/* Opens a node line "name line:col" (no newline). */
static void tr_open(struct tr *t, const char *name, struct rg_pos pos)
{
	tr_indent(t);
	fputs(name, t->fp);
	tr_pos(t, pos);
}

static void tr_node(struct tr *t, const char *name, struct rg_pos pos)
{
	tr_open(t, name, pos);
	fputc('\n', t->fp);
}

static void tr_text(struct tr *t, const char *name, const struct rg_text *x)
{
	if (x->s == NULL)
		return;
	tr_open(t, name, x->pos);
	fputc(' ', t->fp);
	tr_quoted(t, x->s);
	fputc('\n', t->fp);
}

static void tr_enum(struct tr *t, const char *name, const char *const *names, int v)
{
	if (v == 0)
		return;
	tr_indent(t);
	fprintf(t->fp, "%s %s\n", name, names[v]);
}

/* ISO 8601 UTC form of a Unix time. */
static void tr_utc(char *buf, size_t sz, int64_t utc)
{
	int64_t days = utc / 86400 - (utc % 86400 < 0), y;
	int64_t rem = utc - days * 86400;
	int m, d;
	time_civil_from_days(days, &y, &m, &d);
	snprintf(buf, sz, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d, (int)(rem / 3600),
	         (int)(rem / 60 % 60), (int)(rem % 60));
}

static void tr_time(struct tr *t, const char *name, const struct rg_time *x)
{
	static const char *const prec[] = {"absent", "unknown", "month",
	                                   "date",   "minute",  "second"};
	if (x->prec == RG_TIME_ABSENT)
		return;
	tr_open(t, name, x->pos);
	fputc(' ', t->fp);
	tr_quoted(t, x->raw ? x->raw : "");
	fprintf(t->fp, " %s", prec[x->prec]);
	if (x->prec != RG_TIME_UNKNOWN) {
		char buf[64];
		tr_utc(buf, sizeof(buf), x->utc);
		int off = x->offset_min < 0 ? -x->offset_min : x->offset_min;
		fprintf(t->fp, " %s", x->naive ? "naive" : "utc");
		fprintf(t->fp, " %s", buf);
		if (x->nsec != 0)
			fprintf(t->fp, " +%09dns", (int)x->nsec);
		if (!x->naive)
			fprintf(t->fp, " offset %c%02d:%02d%s", x->offset_min < 0 ? '-' : '+',
			        off / 60, off % 60, x->has_offset ? "" : " (zone)");
	}
	fputc('\n', t->fp);
}

static void tr_texts(struct tr *t, const char *name, const struct rg_texts *x)
{
	if (x->v == NULL && x->n == 0)
		return;
	tr_node(t, name, x->pos);
	t->depth++;
	for (size_t i = 0; i < x->n; i++)
		tr_text(t, "-", &x->v[i]);
	t->depth--;
}

static void tr_pairs(struct tr *t, const char *name, const struct rg_pairs *x)
{
	if (x->v == NULL && x->n == 0)
		return;
	tr_node(t, name, x->pos);
	t->depth++;
	for (size_t i = 0; i < x->n; i++) {
		tr_open(t, "-", x->v[i].key.pos);
		fputc(' ', t->fp);
		tr_quoted(t, x->v[i].key.s);
		tr_pos(t, x->v[i].value.pos);
		fputc(' ', t->fp);
		tr_quoted(t, x->v[i].value.s ? x->v[i].value.s : "");
		fputc('\n', t->fp);
	}
	t->depth--;
}

static void tr_str(struct tr *t, const char *name, const char *s)
{
	if (s == NULL)
		return;
	tr_indent(t);
	fprintf(t->fp, "%s ", name);
	tr_quoted(t, s);
	fputc('\n', t->fp);
}

static void tr_ref(struct tr *t, const char *name, const char *what, ptrdiff_t index)
{
	tr_indent(t);
	fprintf(t->fp, "%s -> %s[%td]\n", name, what, index);
}

/* A portion's marking: as written (with the one in effect when they differ), or the one it
 * inherits when that is not the report's default. */
static void tr_mark(struct tr *t, const struct rg_mark *m)
{
	if (m->tlp == RG_TLP_NONE && m->eff == t->doc->report.tlp)
		return;
	tr_indent(t);
	if (m->tlp == RG_TLP_NONE) {
		fprintf(t->fp, "tlp %s (inherited)\n", rg_tlp_names[m->eff]);
		return;
	}
	fprintf(t->fp, "tlp %s", rg_tlp_names[m->tlp]);
	tr_pos(t, m->pos);
	if (m->eff != m->tlp)
		fprintf(t->fp, " (in effect %s)", rg_tlp_names[m->eff]);
	fputc('\n', t->fp);
}

static void tr_report(struct tr *t, const struct rg_report *r)
{
	tr_node(t, "report", r->pos);
	t->depth++;
	tr_text(t, "id", &r->id);
	tr_time(t, "date", &r->date);
	tr_text(t, "title", &r->title);
	tr_text(t, "author", &r->author);
	tr_text(t, "organization", &r->organization);
	tr_enum(t, "tlp", rg_tlp_names, r->tlp);
	tr_enum(t, "severity", rg_level_names, r->severity);
	tr_enum(t, "verdict", rg_verdict_names, r->verdict);
	tr_text(t, "verdict_note", &r->verdict_note);
	tr_enum(t, "status", rg_status_names, r->status);
	tr_text(t, "timezone", &r->timezone);
	if (r->tz_unknown) {
		tr_indent(t);
		fputs("tz_unknown\n", t->fp);
	}
	tr_text(t, "ticket", &r->ticket);
	tr_text(t, "summary_line", &r->summary_line);
	tr_texts(t, "tags", &r->tags);
	tr_pairs(t, "facts", &r->facts);
	for (int k = 0; k < RG_METRIC__MAX; k++)
		if (r->sla[k].text.s != NULL) {
			tr_open(t, "sla", r->sla[k].text.pos);
			fprintf(t->fp, " %s %s = %llds\n", rg_metric_names[k], r->sla[k].text.s,
			        (long long)r->sla[k].sec);
		}
	const struct rg_doc *d = t->doc;
	if (d->tlp_overall != r->tlp || (d->tlp_present & ~(1u << r->tlp)) != 0) {
		tr_indent(t);
		fprintf(t->fp, "tlp_overall %s, present:",
		        d->tlp_overall ? rg_tlp_names[d->tlp_overall] : "none");
		for (int i = RG_TLP_CLEAR; i <= RG_TLP_RED; i++)
			if (d->tlp_present & (1u << i))
				fprintf(t->fp, " %s", rg_tlp_names[i]);
		fputc('\n', t->fp);
	}
	if (d->edition_max != RG_TLP_NONE) {
		tr_indent(t);
		fprintf(t->fp, "edition %s, %zu withheld values\n", rg_tlp_names[d->edition_max],
		        d->nwithheld);
	}
	t->depth--;
}

static void tr_alert(struct tr *t, const struct rg_alert *a)
{
	if (!a->present)
		return;
	tr_node(t, "alert", a->pos);
	t->depth++;
	tr_text(t, "rule", &a->rule);
	tr_time(t, "time", &a->time);
	tr_enum(t, "severity", rg_level_names, a->severity);
	tr_text(t, "type", &a->type);
	tr_text(t, "source", &a->source);
	tr_text(t, "destination", &a->destination);
	tr_text(t, "subject", &a->subject);
	tr_text(t, "trigger_reason", &a->trigger_reason);
	tr_enum(t, "device_action", rg_device_action_names, a->device_action);
	tr_pairs(t, "fields", &a->fields);
	tr_text(t, "assessment", &a->assessment);
	tr_mark(t, &a->mark);
	t->depth--;
}

static void tr_assets(struct tr *t, const struct rg_doc *d)
{
	if (d->assets == NULL)
		return;
	tr_node(t, "assets", d->assets_pos);
	t->depth++;
	for (size_t i = 0; i < d->nassets; i++) {
		const struct rg_asset *a = &d->assets[i];
		tr_node(t, "asset", a->pos);
		t->depth++;
		tr_text(t, "name", &a->name);
		tr_enum(t, "kind", rg_asset_kind_names, a->kind);
		tr_texts(t, "ip", &a->ip);
		tr_text(t, "domain", &a->domain);
		tr_text(t, "os", &a->os);
		tr_text(t, "role", &a->role);
		tr_text(t, "primary_user", &a->primary_user);
		tr_text(t, "bits", &a->bits);
		tr_time(t, "last_login", &a->last_login);
		tr_enum(t, "status", rg_asset_status_names, a->status);
		tr_pairs(t, "facts", &a->facts);
		tr_mark(t, &a->mark);
		t->depth--;
	}
	t->depth--;
}

static void tr_email(struct tr *t, const struct rg_email *e)
{
	tr_node(t, "email", e->pos);
	t->depth++;
	tr_text(t, "from", &e->from);
	tr_texts(t, "to", &e->to);
	tr_texts(t, "cc", &e->cc);
	tr_text(t, "reply_to", &e->reply_to);
	tr_text(t, "subject", &e->subject);
	tr_time(t, "date", &e->date);
	tr_text(t, "smtp_ip", &e->smtp_ip);
	tr_text(t, "message_id", &e->message_id);
	for (size_t i = 0; i < e->nattachments; i++) {
		const struct rg_attachment *a = &e->attachments[i];
		tr_node(t, "attachment", a->pos);
		t->depth++;
		tr_text(t, "name", &a->name);
		tr_text(t, "sha256", &a->sha256);
		tr_text(t, "md5", &a->md5);
		tr_text(t, "sha1", &a->sha1);
		tr_text(t, "size", &a->size);
		t->depth--;
	}
	tr_texts(t, "urls", &e->urls);
	tr_texts(t, "techniques", &e->techniques);
	tr_text(t, "body", &e->body);
	tr_enum(t, "verdict", rg_disposition_names, e->verdict);
	tr_text(t, "comment", &e->comment);
	tr_mark(t, &e->mark);
	t->depth--;
}

static void tr_blocks(struct tr *t, const struct rg_blocks *b);

/* A resolved image path, relative to the incident's folder so that dumps do not depend on
 * where the files live. */
static void tr_resolved(struct tr *t, const char *path)
{
	if (path == NULL)
		return;
	char *dir = realpath(t->doc->dir ? t->doc->dir : ".", NULL);
	size_t n = dir ? strlen(dir) : 0;
	if (dir != NULL && strncmp(path, dir, n) == 0 && path[n] == '/')
		tr_str(t, "resolved", path + n + 1);
	else if (path[0] != '/')
		tr_str(t, "resolved", path);
	else
		tr_str(t, "resolved", "(outside the incident's folder)");
	free(dir);
}

static void tr_table(struct tr *t, const struct rg_table *tb)
{
	tr_texts(t, "columns", &tb->columns);
	for (size_t r = 0; r < tb->nrows; r++) {
		tr_node(t, "row", tb->row_pos[r]);
		t->depth++;
		for (size_t c = 0; c < tb->columns.n; c++) {
			const struct rg_text *x = &tb->cells[r * tb->columns.n + c];
			if (x->s == NULL) {
				tr_indent(t);
				fputs("- (empty)\n", t->fp);
			} else {
				tr_text(t, "-", x);
			}
		}
		t->depth--;
	}
	tr_text(t, "caption", &tb->caption);
	if (tb->landscape) {
		tr_indent(t);
		fputs("landscape: true\n", t->fp);
	}
	if (tb->font_size > 0) {
		tr_indent(t);
		fprintf(t->fp, "font_size: %g\n", tb->font_size);
	}
}

static void tr_block_content(struct tr *t, const struct rg_block *b)
{
	const struct rg_doc *d = t->doc;
	switch (b->kind) {
	case RG_BLOCK_TEXT:
		tr_text(t, "text", &b->u.text);
		break;
	case RG_BLOCK_CODE:
		tr_text(t, "code", &b->u.text);
		break;
	case RG_BLOCK_FACTS:
		tr_pairs(t, "facts", &b->u.facts);
		break;
	case RG_BLOCK_TABLE:
		tr_indent(t);
		fputs("table\n", t->fp);
		t->depth++;
		tr_table(t, &b->u.table);
		t->depth--;
		break;
	case RG_BLOCK_LIST:
		tr_texts(t, "list", &b->u.list);
		break;
	case RG_BLOCK_IMAGE:
		tr_text(t, "image", &b->u.image.path);
		t->depth++;
		tr_resolved(t, b->u.image.resolved);
		tr_text(t, "caption", &b->u.image.caption);
		if (b->u.image.width > 0) {
			tr_open(t, "width", b->u.image.width_pos);
			fprintf(t->fp, " %g\n", b->u.image.width);
		}
		t->depth--;
		break;
	case RG_BLOCK_ASSET:
		tr_text(t, "asset", &b->u.asset.name);
		if (b->u.asset.ref != NULL) {
			t->depth++;
			tr_ref(t, "ref", "assets", b->u.asset.ref - d->assets);
			t->depth--;
		}
		break;
	case RG_BLOCK_EMAIL:
		tr_open(t, "email", b->u.email.pos);
		fprintf(t->fp, " %ld\n", b->u.email.index);
		if (b->u.email.ref != NULL) {
			t->depth++;
			tr_ref(t, "ref", "emails", b->u.email.ref - d->emails);
			t->depth--;
		}
		break;
	case RG_BLOCK_GROUP:
		tr_blocks(t, &b->u.group);
		break;
	}
}

static void tr_blocks(struct tr *t, const struct rg_blocks *bl)
{
	if (bl->v == NULL && bl->n == 0)
		return;
	tr_node(t, "blocks", bl->pos);
	t->depth++;
	for (size_t i = 0; i < bl->n; i++) {
		const struct rg_block *b = &bl->v[i];
		tr_open(t, "block", b->pos);
		fprintf(t->fp, " level %d\n", b->level);
		t->depth++;
		tr_text(t, "title", &b->title);
		tr_mark(t, &b->mark);
		tr_block_content(t, b);
		t->depth--;
	}
	t->depth--;
}

static void tr_section(struct tr *t, const char *name, const struct rg_section *s)
{
	if (!s->present)
		return;
	tr_node(t, name, s->pos);
	t->depth++;
	tr_text(t, "text", &s->text);
	tr_mark(t, &s->mark);
	tr_blocks(t, &s->blocks);
	t->depth--;
}

static void tr_containment(struct tr *t, const struct rg_containment *c)
{
	tr_section(t, "containment", &c->s);
	t->depth++;
	for (size_t i = 0; i < c->nactions; i++) {
		const struct rg_action *a = &c->actions[i];
		tr_node(t, "action", a->pos);
		t->depth++;
		tr_text(t, "action", &a->action);
		tr_text(t, "target", &a->target);
		if (a->target_asset != NULL)
			tr_ref(t, "target_ref", "assets", a->target_asset - t->doc->assets);
		tr_time(t, "time", &a->time);
		tr_text(t, "by", &a->by);
		tr_enum(t, "status", rg_action_status_names, a->status);
		tr_text(t, "note", &a->note);
		tr_mark(t, &a->mark);
		t->depth--;
	}
	t->depth--;
}

static void tr_timeline(struct tr *t, const struct rg_doc *d)
{
	if (d->timeline == NULL)
		return;
	tr_node(t, "timeline", d->timeline_pos);
	t->depth++;
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct rg_event *e = &d->timeline[i];
		tr_node(t, "event", e->pos);
		t->depth++;
		tr_time(t, "time", &e->time);
		tr_text(t, "event", &e->event);
		tr_text(t, "source", &e->source);
		tr_text(t, "asset", &e->asset);
		if (e->milestone != RG_MS_NONE) {
			tr_open(t, "milestone", e->milestone_pos);
			fprintf(t->fp, " %s\n", rg_milestone_names[e->milestone]);
		}
		if (e->asset_ref != NULL)
			tr_ref(t, "asset_ref", "assets", e->asset_ref - d->assets);
		tr_mark(t, &e->mark);
		t->depth--;
	}
	if (d->timeline_sorted != NULL) {
		tr_indent(t);
		fputs("order", t->fp);
		for (size_t i = 0; i < d->ntimeline; i++)
			fprintf(t->fp, " %td", d->timeline_sorted[i] - d->timeline);
		fputc('\n', t->fp);
	}
	t->depth--;
}

/* The milestones and metrics (model/metrics.c), when a metric is known or report.sla or a
 * timeline milestone is written. */
static void tr_metrics(struct tr *t, const struct rg_doc *d)
{
	struct metrics m;
	metrics_compute(d, &m);
	bool written = d->report.sla_pos.line > 0;
	for (size_t i = 0; i < d->ntimeline; i++)
		written |= d->timeline[i].milestone != RG_MS_NONE;
	if (m.nknown == 0 && !written)
		return;
	tr_indent(t);
	fputs("metrics\n", t->fp);
	t->depth++;
	for (int k = 1; k < RG_MS__MAX; k++) {
		const struct rg_milestone_at *p = &m.ms[k];
		char path[128], utc[64];
		if (p->time == NULL)
			continue;
		tr_utc(utc, sizeof(utc), p->time->utc);
		tr_indent(t);
		fprintf(t->fp, "milestone %s %s from %s\n", rg_milestone_names[k], utc,
		        metrics_point_path(p, path, sizeof(path)));
	}
	for (int k = 0; k < RG_METRIC__MAX; k++) {
		const struct metrics_value *v = &m.m[k];
		char buf[64];
		if (!v->known && !v->has_target)
			continue;
		tr_indent(t);
		fprintf(t->fp, "%s", rg_metric_names[k]);
		if (v->known)
			fprintf(t->fp, " %s (%llds, %s to %s)",
			        duration_format(buf, sizeof(buf), v->sec), (long long)v->sec,
			        rg_milestone_names[v->from], rg_milestone_names[v->to]);
		else
			fputs(" unknown", t->fp);
		if (v->has_target)
			fprintf(t->fp, " target %s%s", duration_format(buf, sizeof(buf), v->target),
			        !v->known ? ""
			        : v->met  ? " met"
			                  : " missed");
		fputc('\n', t->fp);
	}
	t->depth--;
}

static void tr_remediation(struct tr *t, const struct rg_doc *d)
{
	if (d->remediation == NULL)
		return;
	tr_open(t, "remediation", d->remediation_pos);
	fputs(d->remediation_table ? " table\n" : "\n", t->fp);
	t->depth++;
	for (size_t i = 0; i < d->nremediation; i++) {
		const struct rg_remediation *r = &d->remediation[i];
		tr_node(t, r->is_action ? "item action" : "item", r->pos);
		t->depth++;
		tr_text(t, "action", &r->action);
		tr_text(t, "owner", &r->owner);
		tr_time(t, "due", &r->due);
		tr_enum(t, "status", rg_action_status_names, r->status);
		tr_text(t, "note", &r->note);
		tr_mark(t, &r->mark);
		t->depth--;
	}
	t->depth--;
}

static void tr_customs(struct tr *t, const struct rg_doc *d)
{
	for (size_t i = 0; i < d->nsections; i++) {
		const struct rg_custom *c = &d->sections[i];
		tr_open(t, "section", c->pos);
		fprintf(t->fp, " after %s\n", rg_anchor_names[c->after]);
		t->depth++;
		tr_text(t, "title", &c->title);
		tr_text(t, "text", &c->s.text);
		tr_mark(t, &c->s.mark);
		tr_blocks(t, &c->s.blocks);
		t->depth--;
	}
}

static void tr_mitre(struct tr *t, const struct rg_doc *d)
{
	if (d->mitre == NULL)
		return;
	tr_node(t, "mitre", d->mitre_pos);
	t->depth++;
	for (size_t i = 0; i < d->nmitre; i++) {
		const struct rg_technique *m = &d->mitre[i];
		tr_node(t, "technique", m->pos);
		t->depth++;
		tr_text(t, "technique", &m->technique);
		tr_text(t, "name", &m->name);
		tr_text(t, "tactic", &m->tactic);
		tr_text(t, "comment", &m->comment);
		tr_mark(t, &m->mark);
		tr_str(t, "id", m->id);
		tr_str(t, "full_name", m->full_name);
		tr_str(t, "tactic_name", m->tactic_name);
		tr_str(t, "tactic_id", m->tactic_id);
		tr_str(t, "tactic_short", m->tactic_short);
		if (m->tactic_order != RG_TACTIC_ORDER_UNKNOWN && m->tactic_order != 0) {
			tr_indent(t);
			fprintf(t->fp, "tactic_order %d\n", m->tactic_order);
		}
		tr_str(t, "url", m->url);
		t->depth--;
	}
	if (d->mitre_sorted != NULL) {
		tr_indent(t);
		fputs("order", t->fp);
		for (size_t i = 0; i < d->nmitre; i++)
			fprintf(t->fp, " %td", d->mitre_sorted[i] - d->mitre);
		fputc('\n', t->fp);
	}
	t->depth--;
}

static void tr_artifact(struct tr *t, const struct rg_artifact *a)
{
	tr_node(t, "artifact", a->pos);
	t->depth++;
	tr_text(t, "value", &a->value);
	tr_str(t, "refanged", a->refanged);
	tr_str(t, "idn_ascii", a->idn_ascii);
	tr_str(t, "idn_unicode", a->idn_unicode);
	if (a->type != RG_IOC_NONE) {
		tr_indent(t);
		fprintf(t->fp, "type %s%s", rg_ioc_type_names[a->type],
		        a->type_inferred ? " (inferred)" : "");
		if (!a->type_inferred)
			tr_pos(t, a->type_pos);
		fputc('\n', t->fp);
	}
	tr_enum(t, "disposition", rg_disposition_names, a->disposition);
	tr_text(t, "comment", &a->comment);
	tr_text(t, "intel", &a->intel);
	tr_time(t, "first_seen", &a->first_seen);
	tr_time(t, "last_seen", &a->last_seen);
	tr_texts(t, "tags", &a->tags);
	tr_texts(t, "techniques", &a->techniques);
	tr_text(t, "object", &a->object);
	tr_text(t, "value_name", &a->value_name);
	tr_text(t, "value_data", &a->value_data);
	tr_text(t, "asn", &a->asn);
	tr_mark(t, &a->mark);
	for (size_t i = 0; i < a->nrelated; i++) {
		const struct rg_related *r = &a->related[i];
		tr_node(t, "related", r->pos);
		t->depth++;
		tr_text(t, "value", &r->value);
		tr_text(t, "relation", &r->relation);
		if (r->ref != NULL)
			tr_ref(t, "ref", "artifacts", r->ref - t->doc->artifacts);
		t->depth--;
	}
	t->depth--;
}

static void tr_tail(struct tr *t, const struct rg_doc *d)
{
	if (d->artifacts != NULL) {
		tr_node(t, "artifacts", d->artifacts_pos);
		t->depth++;
		for (size_t i = 0; i < d->nartifacts; i++)
			tr_artifact(t, &d->artifacts[i]);
		t->depth--;
	}
	if (d->references != NULL) {
		tr_node(t, "references", d->references_pos);
		t->depth++;
		for (size_t i = 0; i < d->nreferences; i++) {
			const struct rg_reference *r = &d->references[i];
			tr_node(t, "reference", r->pos);
			t->depth++;
			tr_text(t, "title", &r->title);
			tr_text(t, "url", &r->url);
			tr_text(t, "comment", &r->comment);
			t->depth--;
		}
		t->depth--;
	}
}

static int tree_render(const struct rg_doc *d, const struct rg_render_opts *o, FILE *fp)
{
	(void)o;
	struct tr t = {fp, 0, d};
	fprintf(fp, "reportgen %d\n", d->version);
	tr_report(&t, &d->report);
	tr_alert(&t, &d->alert);
	tr_assets(&t, d);
	if (d->emails != NULL) {
		tr_node(&t, "emails", d->emails_pos);
		t.depth++;
		for (size_t i = 0; i < d->nemails; i++)
			tr_email(&t, &d->emails[i]);
		t.depth--;
	}
	tr_section(&t, "detection", &d->detection);
	tr_section(&t, "verification", &d->verification);
	tr_section(&t, "analysis", &d->analysis);
	tr_containment(&t, &d->containment);
	tr_section(&t, "eradication", &d->eradication);
	tr_section(&t, "recovery", &d->recovery);
	tr_text(&t, "summary", &d->summary);
	if (d->summary.s != NULL) {
		t.depth++;
		tr_mark(&t, &d->summary_mark);
		t.depth--;
	}
	tr_timeline(&t, d);
	tr_metrics(&t, d);
	tr_texts(&t, "lessons", &d->lessons);
	for (size_t i = 0; i < d->lessons.n && d->lessons_mark != NULL; i++)
		if (d->lessons_mark[i].tlp != RG_TLP_NONE ||
		    d->lessons_mark[i].eff != d->report.tlp) {
			t.depth++;
			tr_indent(&t);
			fprintf(fp, "lessons[%zu] ", i);
			t.depth--;
			struct tr u = t;
			u.depth = 0;
			tr_mark(&u, &d->lessons_mark[i]);
		}
	tr_remediation(&t, d);
	tr_customs(&t, d);
	tr_mitre(&t, d);
	tr_tail(&t, d);
	return ferror(fp) ? 3 : 0;
}

const struct rg_format format_tree = {"tree", ".tree", false, false, tree_render, true, NULL, NULL};
