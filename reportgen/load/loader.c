/* loader.c: the incident file (YAML node tree) -> typed document: shapes, types, enums, times. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "digest.h"
#include "duration.h"
#include "loader.h"

/* Runs fn over the mapping items of list v into a new array of elemsz elements. */
typedef void (*ld_item_fn)(struct ld *, const struct ynode *, const struct ypath *, void *);
static void *ld_list(struct ld *l, const struct ynode *v, const struct ypath *p, size_t elemsz,
                     size_t *n, struct rg_pos *pos, ld_item_fn fn)
{
	*n = 0;
	if (v == NULL)
		return NULL;
	*pos = v->pos;
	if (!ld_is_list(l, v, p))
		return NULL;
	char *arr = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * elemsz);
	for (size_t i = 0; i < v->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		fn(l, v->items[i], &ip, arr + i * elemsz);
	}
	*n = v->n;
	return arr;
}

/* ---- report and alert ---- */

enum {
	R_ID,
	R_DATE,
	R_TITLE,
	R_AUTHOR,
	R_ORG,
	R_TLP,
	R_SEV,
	R_VERDICT,
	R_NOTE,
	R_STATUS,
	R_TZ,
	R_TICKET,
	R_LINE,
	R_TAGS,
	R_FACTS,
	R_ATTACK,
	R_PREPARED,
	R_REVIEWED,
	R_APPROVED,
	R_REVISION,
	R_REVISIONS,
	R_REVISED,
	R_DRAFT,
	R_SLA
};
static const struct ykey ld_report_keys[] = {
        [R_ID] = {"id", true, "id: 304"},
        [R_DATE] = {"date", false, NULL},
        [R_TITLE] = {"title", false, NULL},
        [R_AUTHOR] = {"author", false, NULL},
        [R_ORG] = {"organization", false, NULL},
        [R_TLP] = {"tlp", false, NULL},
        [R_SEV] = {"severity", false, NULL},
        [R_VERDICT] = {"verdict", false, NULL},
        [R_NOTE] = {"verdict_note", false, NULL},
        [R_STATUS] = {"status", false, NULL},
        [R_TZ] = {"timezone", false, NULL},
        [R_TICKET] = {"ticket", false, NULL},
        [R_LINE] = {"summary_line", false, NULL},
        [R_TAGS] = {"tags", false, NULL},
        [R_FACTS] = {"facts", false, NULL},
        [R_ATTACK] = {"attack", false, NULL},
        [R_PREPARED] = {"prepared_by", false, NULL},
        [R_REVIEWED] = {"reviewed_by", false, NULL},
        [R_APPROVED] = {"approved_by", false, NULL},
        [R_REVISION] = {"revision", false, NULL},
        [R_REVISIONS] = {"revisions", false, NULL},
        [R_REVISED] = {"revised", false, NULL},
        [R_DRAFT] = {"draft", false, NULL},
        [R_SLA] = {"sla", false, NULL},
};

enum { SO_NAME, SO_ROLE, SO_DATE };
static const struct ykey ld_signoff_keys[] = {
        [SO_NAME] = {"name", true, "name: <who signs>"},
        [SO_ROLE] = {"role", false, NULL},
        [SO_DATE] = {"date", false, NULL},
};

enum { RV_REVISION, RV_DATE, RV_AUTHOR, RV_NOTE };
static const struct ykey ld_revision_keys[] = {
        [RV_REVISION] = {"revision", true, "revision: <2, 1.1, ...>"},
        [RV_DATE] = {"date", true, "date: 2024-09-18"},
        [RV_AUTHOR] = {"author", false, NULL},
        [RV_NOTE] = {"note", false, NULL},
};

/* report.sla: one duration per metric, keyed as rg_metric_names. */
static const struct ykey ld_sla_keys[RG_METRIC__MAX] = {
        [RG_METRIC_DETECT] = {"detect", false, NULL},
        [RG_METRIC_TRIAGE] = {"triage", false, NULL},
        [RG_METRIC_CONTAIN] = {"contain", false, NULL},
        [RG_METRIC_DWELL] = {"dwell", false, NULL},
        [RG_METRIC_RECOVER] = {"recover", false, NULL},
        [RG_METRIC_CLOSE] = {"close", false, NULL},
};

static void ld_sla(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	struct rg_report *r = &l->doc->report;
	const struct ynode *f[RG_METRIC__MAX];
	if (v == NULL || !ykeys(&l->c, v, p, ld_sla_keys, RG_METRIC__MAX, f))
		return;
	r->sla_pos = v->pos;
	for (int k = 0; k < RG_METRIC__MAX; k++) {
		const struct ypath *q = &YPATH_KEY(p, ld_sla_keys[k].name);
		struct rg_text t = {0};
		char err[LD_ERR];
		int64_t sec = 0;
		if (f[k] == NULL)
			continue;
		ld_text(l, f[k], q, &t);
		if (t.s == NULL)
			continue;
		if (!duration_parse(t.s, &sec, err, sizeof(err))) {
			yreport(&l->c, f[k], q, RG_E_VALUE, "%s", err);
			continue;
		}
		r->sla[k] = (struct rg_duration){t, sec};
	}
}

/* The path of key i of the function's key table `keys` under p: each key name is written once. */
#define KP(i) (&YPATH_KEY(p, keys[i].name))

/* {name, role, date}; a plain string is the name alone. */
static void ld_signoff(struct ld *l, const struct ynode *v, const struct ypath *p,
                       struct rg_signoff *so)
{
	const struct ykey *const keys = ld_signoff_keys;
	const struct ynode *f[LD_NKEYS(ld_signoff_keys)];
	if (v == NULL || ynode_is_null(v))
		return;
	so->pos = v->pos;
	if (v->kind == YN_SCALAR) {
		so->present = yget_text(&l->c, v, p, &so->name);
		return;
	}
	if (!ykeys(&l->c, v, p, ld_signoff_keys, LD_NKEYS(ld_signoff_keys), f))
		return;
	so->present = true;
	ld_text(l, f[SO_NAME], KP(SO_NAME), &so->name);
	ld_text(l, f[SO_ROLE], KP(SO_ROLE), &so->role);
	ld_time(l, f[SO_DATE], KP(SO_DATE), &so->date);
}

static void ld_revision(struct ld *l, const struct ynode *v, const struct ypath *p, void *elem)
{
	const struct ykey *const keys = ld_revision_keys;
	struct rg_revision *r = elem;
	const struct ynode *f[LD_NKEYS(ld_revision_keys)];
	r->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_revision_keys, LD_NKEYS(ld_revision_keys), f))
		return;
	ld_text(l, f[RV_REVISION], KP(RV_REVISION), &r->revision);
	ld_time(l, f[RV_DATE], KP(RV_DATE), &r->date);
	ld_text(l, f[RV_AUTHOR], KP(RV_AUTHOR), &r->author);
	ld_text(l, f[RV_NOTE], KP(RV_NOTE), &r->note);
}

static void ld_report(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	const struct ykey *const keys = ld_report_keys;
	struct rg_report *r = &l->doc->report;
	const struct ynode *f[LD_NKEYS(ld_report_keys)];
	if (!ykeys(&l->c, v, p, ld_report_keys, LD_NKEYS(ld_report_keys), f))
		return;
	r->pos = v->pos; /* left 0:0 when unusable, so that no "missing date" follows */
	ld_text(l, f[R_ID], KP(R_ID), &r->id);
	ld_time(l, f[R_DATE], KP(R_DATE), &r->date);
	ld_text(l, f[R_TITLE], KP(R_TITLE), &r->title);
	ld_text(l, f[R_AUTHOR], KP(R_AUTHOR), &r->author);
	ld_text(l, f[R_ORG], KP(R_ORG), &r->organization);
	ld_enum(l, f[R_TLP], KP(R_TLP), rg_tlp_names + 1, (int *)&r->tlp);
	ld_enum(l, f[R_SEV], KP(R_SEV), rg_level_names + 1, (int *)&r->severity);
	ld_enum(l, f[R_VERDICT], KP(R_VERDICT), rg_verdict_names + 1, (int *)&r->verdict);
	ld_text(l, f[R_NOTE], KP(R_NOTE), &r->verdict_note);
	ld_enum(l, f[R_STATUS], KP(R_STATUS), rg_status_names + 1, (int *)&r->status);
	ld_text(l, f[R_TZ], KP(R_TZ), &r->timezone);
	r->tz_unknown = l->zone.kind == ZONE_UNKNOWN;
	ld_text(l, f[R_TICKET], KP(R_TICKET), &r->ticket);
	ld_text(l, f[R_LINE], KP(R_LINE), &r->summary_line);
	ld_texts(l, f[R_TAGS], KP(R_TAGS), false, &r->tags);
	ld_pairs(l, f[R_FACTS], KP(R_FACTS), &r->facts);
	ld_text(l, f[R_ATTACK], KP(R_ATTACK), &r->attack);
	ld_sla(l, f[R_SLA], KP(R_SLA));
	ld_signoff(l, f[R_PREPARED], KP(R_PREPARED), &r->prepared_by);
	ld_signoff(l, f[R_REVIEWED], KP(R_REVIEWED), &r->reviewed_by);
	ld_signoff(l, f[R_APPROVED], KP(R_APPROVED), &r->approved_by);
	ld_text(l, f[R_REVISION], KP(R_REVISION), &r->revision);
	r->revisions = ld_list(l, f[R_REVISIONS], KP(R_REVISIONS), sizeof(*r->revisions),
	                       &r->nrevisions, &r->revisions_pos, ld_revision);
	ld_time(l, f[R_REVISED], KP(R_REVISED), &r->revised);
	if (f[R_DRAFT] != NULL && !ynode_is_null(f[R_DRAFT])) {
		r->draft_pos = f[R_DRAFT]->pos;
		yget_bool(&l->c, f[R_DRAFT], KP(R_DRAFT), &r->draft);
	}
	if (r->title.s == NULL)
		r->title.s = "Incident Report";
}

enum {
	A_RULE,
	A_TIME,
	A_SEV,
	A_TYPE,
	A_SRC,
	A_DST,
	A_SUBJ,
	A_TRIG,
	A_ACTION,
	A_FIELDS,
	A_ASSESS,
	A_TLP
};
static const struct ykey ld_alert_keys[] = {
        [A_RULE] = {"rule", true, "rule: <name of the detection rule>"},
        [A_TIME] = {"time", false, NULL},
        [A_SEV] = {"severity", false, NULL},
        [A_TYPE] = {"type", false, NULL},
        [A_SRC] = {"source", false, NULL},
        [A_DST] = {"destination", false, NULL},
        [A_SUBJ] = {"subject", false, NULL},
        [A_TRIG] = {"trigger_reason", false, NULL},
        [A_ACTION] = {"device_action", false, NULL},
        [A_FIELDS] = {"fields", false, NULL},
        [A_ASSESS] = {"assessment", false, NULL},
        [A_TLP] = {"tlp", false, NULL},
};

static void ld_alert(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	const struct ykey *const keys = ld_alert_keys;
	struct rg_alert *a = &l->doc->alert;
	const struct ynode *f[LD_NKEYS(ld_alert_keys)];
	a->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_alert_keys, LD_NKEYS(ld_alert_keys), f))
		return;
	a->present = true;
	ld_text(l, f[A_RULE], KP(A_RULE), &a->rule);
	ld_time(l, f[A_TIME], KP(A_TIME), &a->time);
	ld_enum(l, f[A_SEV], KP(A_SEV), rg_level_names + 1, (int *)&a->severity);
	ld_text(l, f[A_TYPE], KP(A_TYPE), &a->type);
	ld_text(l, f[A_SRC], KP(A_SRC), &a->source);
	ld_text(l, f[A_DST], KP(A_DST), &a->destination);
	ld_text(l, f[A_SUBJ], KP(A_SUBJ), &a->subject);
	ld_text(l, f[A_TRIG], KP(A_TRIG), &a->trigger_reason);
	ld_enum(l, f[A_ACTION], KP(A_ACTION), rg_device_action_names + 1, (int *)&a->device_action);
	ld_pairs(l, f[A_FIELDS], KP(A_FIELDS), &a->fields);
	ld_text(l, f[A_ASSESS], KP(A_ASSESS), &a->assessment);
	ld_mark(l, f[A_TLP], KP(A_TLP), &a->mark);
}

/* ---- assets and emails ---- */

enum {
	S_NAME,
	S_KIND,
	S_IP,
	S_DOMAIN,
	S_OS,
	S_ROLE,
	S_USER,
	S_BITS,
	S_LOGIN,
	S_STATUS,
	S_FACTS,
	S_TLP
};
static const struct ykey ld_asset_keys[] = {
        [S_NAME] = {"name", false, NULL},
        [S_KIND] = {"kind", false, NULL},
        [S_IP] = {"ip", false, NULL},
        [S_DOMAIN] = {"domain", false, NULL},
        [S_OS] = {"os", false, NULL},
        [S_ROLE] = {"role", false, NULL},
        [S_USER] = {"primary_user", false, NULL},
        [S_BITS] = {"bits", false, NULL},
        [S_LOGIN] = {"last_login", false, NULL},
        [S_STATUS] = {"status", false, NULL},
        [S_FACTS] = {"facts", false, NULL},
        [S_TLP] = {"tlp", false, NULL},
};

static void ld_asset(struct ld *l, const struct ynode *v, const struct ypath *p, void *elem)
{
	const struct ykey *const keys = ld_asset_keys;
	struct rg_asset *a = elem;
	const struct ynode *f[LD_NKEYS(ld_asset_keys)];
	a->pos = v->pos;
	a->kind = RG_KIND_HOST;
	if (!ykeys(&l->c, v, p, ld_asset_keys, LD_NKEYS(ld_asset_keys), f))
		return;
	if (f[S_NAME] == NULL && f[S_IP] == NULL)
		yreport(&l->c, v, p, RG_E_MISSING_KEY,
		        "an asset needs a name or an ip; add \"name: <hostname or account>\"");
	ld_text(l, f[S_NAME], KP(S_NAME), &a->name);
	ld_enum(l, f[S_KIND], KP(S_KIND), rg_asset_kind_names + 1, (int *)&a->kind);
	ld_texts(l, f[S_IP], KP(S_IP), true, &a->ip);
	ld_text(l, f[S_DOMAIN], KP(S_DOMAIN), &a->domain);
	ld_text(l, f[S_OS], KP(S_OS), &a->os);
	ld_text(l, f[S_ROLE], KP(S_ROLE), &a->role);
	ld_text(l, f[S_USER], KP(S_USER), &a->primary_user);
	long long bits;
	if (f[S_BITS] != NULL && yget_int(&l->c, f[S_BITS], KP(S_BITS), 1, 1024, &bits))
		ld_text(l, f[S_BITS], KP(S_BITS), &a->bits);
	ld_time(l, f[S_LOGIN], KP(S_LOGIN), &a->last_login);
	ld_enum(l, f[S_STATUS], KP(S_STATUS), rg_asset_status_names + 1, (int *)&a->status);
	ld_pairs(l, f[S_FACTS], KP(S_FACTS), &a->facts);
	ld_mark(l, f[S_TLP], KP(S_TLP), &a->mark);
}

enum { T_NAME, T_SHA256, T_MD5, T_SHA1, T_SIZE, T_PATH };
static const struct ykey ld_attachment_keys[] = {
        [T_NAME] = {"name", false, NULL}, [T_SHA256] = {"sha256", false, NULL},
        [T_MD5] = {"md5", false, NULL},   [T_SHA1] = {"sha1", false, NULL},
        [T_SIZE] = {"size", false, NULL}, [T_PATH] = {"path", false, NULL},
};

static void ld_attachment(struct ld *l, const struct ynode *v, const struct ypath *p, void *elem)
{
	const struct ykey *const keys = ld_attachment_keys;
	struct rg_attachment *a = elem;
	const struct ynode *f[LD_NKEYS(ld_attachment_keys)];
	a->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_attachment_keys, LD_NKEYS(ld_attachment_keys), f))
		return;
	ld_text(l, f[T_NAME], KP(T_NAME), &a->name);
	ld_text(l, f[T_SHA256], KP(T_SHA256), &a->sha256);
	ld_text(l, f[T_MD5], KP(T_MD5), &a->md5);
	ld_text(l, f[T_SHA1], KP(T_SHA1), &a->sha1);
	ld_text(l, f[T_SIZE], KP(T_SIZE), &a->size); /* free text: "48 213 bytes" */
	ld_text(l, f[T_PATH], KP(T_PATH), &a->path);
}

enum {
	E_FROM,
	E_TO,
	E_CC,
	E_REPLY,
	E_SUBJ,
	E_DATE,
	E_SMTP,
	E_MSGID,
	E_ATT,
	E_URLS,
	E_BODY,
	E_VERDICT,
	E_COMMENT,
	E_TLP,
	E_TECHS
};
static const struct ykey ld_email_keys[] = {
        [E_FROM] = {"from", true, "from: <sender address>"},
        [E_TO] = {"to", false, NULL},
        [E_CC] = {"cc", false, NULL},
        [E_REPLY] = {"reply_to", false, NULL},
        [E_SUBJ] = {"subject", false, NULL},
        [E_DATE] = {"date", false, NULL},
        [E_SMTP] = {"smtp_ip", false, NULL},
        [E_MSGID] = {"message_id", false, NULL},
        [E_ATT] = {"attachments", false, NULL},
        [E_URLS] = {"urls", false, NULL},
        [E_BODY] = {"body", false, NULL},
        [E_VERDICT] = {"verdict", false, NULL},
        [E_COMMENT] = {"comment", false, NULL},
        [E_TLP] = {"tlp", false, NULL},
        [E_TECHS] = {"techniques", false, NULL},
};

/* An address header written as one string or as a list of them: the list becomes one
 * address list ("a, b"), at the position of its first item. */
static void ld_addr_header(struct ld *l, const struct ynode *v, const struct ypath *p,
                           struct rg_text *out)
{
	if (v == NULL || v->kind != YN_SEQ) {
		ld_text(l, v, p, out);
		return;
	}
	struct rg_texts t = {0};
	ld_texts(l, v, p, false, &t);
	for (size_t i = 0; i < t.n; i++) {
		if (out->s == NULL)
			*out = t.v[i];
		else
			out->s = rg_arena_printf(l->c.arena, "%s, %s", out->s, t.v[i].s);
	}
}

static void ld_email(struct ld *l, const struct ynode *v, const struct ypath *p, void *elem)
{
	const struct ykey *const keys = ld_email_keys;
	struct rg_email *e = elem;
	const struct ynode *f[LD_NKEYS(ld_email_keys)];
	e->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_email_keys, LD_NKEYS(ld_email_keys), f))
		return;
	ld_addr_header(l, f[E_FROM], KP(E_FROM), &e->from);
	ld_texts(l, f[E_TO], KP(E_TO), true, &e->to);
	ld_texts(l, f[E_CC], KP(E_CC), true, &e->cc);
	ld_addr_header(l, f[E_REPLY], KP(E_REPLY), &e->reply_to);
	ld_text(l, f[E_SUBJ], KP(E_SUBJ), &e->subject);
	ld_time(l, f[E_DATE], KP(E_DATE), &e->date);
	ld_text(l, f[E_SMTP], KP(E_SMTP), &e->smtp_ip);
	ld_text(l, f[E_MSGID], KP(E_MSGID), &e->message_id);
	struct rg_pos pos;
	e->attachments = ld_list(l, f[E_ATT], KP(E_ATT), sizeof(*e->attachments), &e->nattachments,
	                         &pos, ld_attachment);
	ld_texts(l, f[E_URLS], KP(E_URLS), false, &e->urls);
	ld_text(l, f[E_BODY], KP(E_BODY), &e->body);
	ld_enum(l, f[E_VERDICT], KP(E_VERDICT), rg_disposition_names + 1, (int *)&e->verdict);
	ld_text(l, f[E_COMMENT], KP(E_COMMENT), &e->comment);
	ld_mark(l, f[E_TLP], KP(E_TLP), &e->mark);
	ld_texts(l, f[E_TECHS], KP(E_TECHS), true, &e->techniques);
}

/* ---- mitre, artifacts, references ---- */

enum { M_TECH, M_NAME, M_TACTIC, M_COMMENT, M_TLP };
static const struct ykey ld_technique_keys[] = {
        [M_TECH] = {"technique", false, NULL}, [M_NAME] = {"name", false, NULL},
        [M_TACTIC] = {"tactic", false, NULL},  [M_COMMENT] = {"comment", false, NULL},
        [M_TLP] = {"tlp", false, NULL},
};

static void ld_technique(struct ld *l, const struct ynode *v, const struct ypath *p, void *elem)
{
	const struct ykey *const keys = ld_technique_keys;
	struct rg_technique *t = elem;
	const struct ynode *f[LD_NKEYS(ld_technique_keys)];
	t->pos = v->pos;
	t->tactic_order = RG_TACTIC_ORDER_UNKNOWN;
	if (!ykeys(&l->c, v, p, ld_technique_keys, LD_NKEYS(ld_technique_keys), f))
		return;
	if (f[M_TECH] == NULL && f[M_NAME] == NULL)
		yreport(&l->c, v, p, RG_E_MISSING_KEY,
		        "a technique needs a technique id or a name; add \"technique: T1566\"");
	ld_text(l, f[M_TECH], KP(M_TECH), &t->technique);
	ld_text(l, f[M_NAME], KP(M_NAME), &t->name);
	ld_text(l, f[M_TACTIC], KP(M_TACTIC), &t->tactic);
	ld_text(l, f[M_COMMENT], KP(M_COMMENT), &t->comment);
	ld_mark(l, f[M_TLP], KP(M_TLP), &t->mark);
}

enum { L_VALUE, L_RELATION };
static const struct ykey ld_related_keys[] = {
        [L_VALUE] = {"value", true, "value: <another artifact's value>"},
        [L_RELATION] = {"relation", true, "relation: related-to"},
};

static void ld_related(struct ld *l, const struct ynode *v, const struct ypath *p, void *elem)
{
	const struct ykey *const keys = ld_related_keys;
	struct rg_related *r = elem;
	const struct ynode *f[LD_NKEYS(ld_related_keys)];
	r->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_related_keys, LD_NKEYS(ld_related_keys), f))
		return;
	ld_text(l, f[L_VALUE], KP(L_VALUE), &r->value);
	ld_enum(l, f[L_RELATION], KP(L_RELATION), rg_relation_names + 1, (int *)&r->kind);
	if (r->kind != RG_REL_NONE)
		r->relation = (struct rg_text){rg_relation_names[r->kind], f[L_RELATION]->pos};
}

enum {
	F_VALUE,
	F_TYPE,
	F_DISP,
	F_COMMENT,
	F_INTEL,
	F_FIRST,
	F_LAST,
	F_TAGS,
	F_TLP,
	F_RELATED,
	F_TECHS,
	F_OBJECT,
	F_VNAME,
	F_VDATA,
	F_ASN
};
static const struct ykey ld_artifact_keys[] = {
        [F_VALUE] = {"value", true, "value: <the indicator>"},
        [F_TYPE] = {"type", false, NULL},
        [F_DISP] = {"disposition", false, NULL},
        [F_COMMENT] = {"comment", false, NULL},
        [F_INTEL] = {"intel", false, NULL},
        [F_FIRST] = {"first_seen", false, NULL},
        [F_LAST] = {"last_seen", false, NULL},
        [F_TAGS] = {"tags", false, NULL},
        [F_TLP] = {"tlp", false, NULL},
        [F_RELATED] = {"related", false, NULL},
        [F_TECHS] = {"techniques", false, NULL},
        [F_OBJECT] = {"object", false, NULL},
        [F_VNAME] = {"value_name", false, NULL},
        [F_VDATA] = {"value_data", false, NULL},
        [F_ASN] = {"asn", false, NULL},
};

static void ld_artifact(struct ld *l, const struct ynode *v, const struct ypath *p, void *elem)
{
	const struct ykey *const keys = ld_artifact_keys;
	struct rg_artifact *a = elem;
	const struct ynode *f[LD_NKEYS(ld_artifact_keys)];
	a->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_artifact_keys, LD_NKEYS(ld_artifact_keys), f))
		return;
	ld_text(l, f[F_VALUE], KP(F_VALUE), &a->value);
	if (f[F_TYPE] != NULL) {
		a->type_pos = f[F_TYPE]->pos;
		ld_ioc_type(l, f[F_TYPE], KP(F_TYPE), f[F_VALUE], &a->type);
	}
	ld_enum(l, f[F_DISP], KP(F_DISP), rg_disposition_names + 1, (int *)&a->disposition);
	ld_text(l, f[F_COMMENT], KP(F_COMMENT), &a->comment);
	ld_text(l, f[F_INTEL], KP(F_INTEL), &a->intel);
	ld_time(l, f[F_FIRST], KP(F_FIRST), &a->first_seen);
	ld_time(l, f[F_LAST], KP(F_LAST), &a->last_seen);
	ld_texts(l, f[F_TAGS], KP(F_TAGS), false, &a->tags);
	ld_mark(l, f[F_TLP], KP(F_TLP), &a->mark);
	struct rg_pos pos;
	a->related = ld_list(l, f[F_RELATED], KP(F_RELATED), sizeof(*a->related), &a->nrelated,
	                     &pos, ld_related);
	ld_texts(l, f[F_TECHS], KP(F_TECHS), true, &a->techniques);
	ld_text(l, f[F_OBJECT], KP(F_OBJECT), &a->object);
	ld_text(l, f[F_VNAME], KP(F_VNAME), &a->value_name);
	ld_text(l, f[F_VDATA], KP(F_VDATA), &a->value_data);
	ld_text(l, f[F_ASN], KP(F_ASN), &a->asn);
}

enum { F_TITLE, F_URL, F_REFCOMMENT };
static const struct ykey ld_reference_keys[] = {
        [F_TITLE] = {"title", true, "title: <what it is>"},
        [F_URL] = {"url", false, NULL},
        [F_REFCOMMENT] = {"comment", false, NULL},
};

static void ld_reference(struct ld *l, const struct ynode *v, const struct ypath *p, void *elem)
{
	const struct ykey *const keys = ld_reference_keys;
	struct rg_reference *r = elem;
	const struct ynode *f[LD_NKEYS(ld_reference_keys)];
	r->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_reference_keys, LD_NKEYS(ld_reference_keys), f))
		return;
	ld_text(l, f[F_TITLE], KP(F_TITLE), &r->title);
	ld_text(l, f[F_URL], KP(F_URL), &r->url);
	ld_text(l, f[F_REFCOMMENT], KP(F_REFCOMMENT), &r->comment);
}

/* ---- top level ---- */

enum {
	K_VERSION,
	K_REPORT,
	K_ALERT,
	K_ASSETS,
	K_EMAILS,
	K_DETECTION,
	K_VERIFICATION,
	K_ANALYSIS,
	K_CONTAINMENT,
	K_ERADICATION,
	K_RECOVERY,
	K_SUMMARY,
	K_TIMELINE,
	K_LESSONS,
	K_REMEDIATION,
	K_SECTIONS,
	K_MITRE,
	K_ARTIFACTS,
	K_REFERENCES
};
static const struct ykey ld_root_keys[] = {
        [K_VERSION] = {"reportgen", true, "reportgen: 1"},
        [K_REPORT] = {"report", true, "report:\" with at least \"id: <incident id>"},
        [K_ALERT] = {"alert", false, NULL},
        [K_ASSETS] = {"assets", false, NULL},
        [K_EMAILS] = {"emails", false, NULL},
        [K_DETECTION] = {"detection", false, NULL},
        [K_VERIFICATION] = {"verification", false, NULL},
        [K_ANALYSIS] = {"analysis", false, NULL},
        [K_CONTAINMENT] = {"containment", false, NULL},
        [K_ERADICATION] = {"eradication", false, NULL},
        [K_RECOVERY] = {"recovery", false, NULL},
        [K_SUMMARY] = {"summary", false, NULL},
        [K_TIMELINE] = {"timeline", false, NULL},
        [K_LESSONS] = {"lessons", false, NULL},
        [K_REMEDIATION] = {"remediation", false, NULL},
        [K_SECTIONS] = {"sections", false, NULL},
        [K_MITRE] = {"mitre", false, NULL},
        [K_ARTIFACTS] = {"artifacts", false, NULL},
        [K_REFERENCES] = {"references", false, NULL},
};

static void ld_version(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	if (v == NULL)
		return;
	if (v->kind == YN_SCALAR && strcmp(v->s, "1") == 0) {
		l->doc->version = 1;
		return;
	}
	if (v->kind == YN_SCALAR)
		yreport(&l->c, v, p, RG_E_VERSION,
		        "this reportgen reads format version 1; write \"reportgen: 1\" (got "
		        "\"%.40s\")",
		        v->s);
	else
		yreport(&l->c, v, p, RG_E_VERSION,
		        "this reportgen reads format version 1; write \"reportgen: 1\", not %s",
		        ynode_kind_name(v));
}

/* report.timezone applies to every time in the file, wherever it is written. */
static void ld_zone(struct ld *l, const struct ynode *root)
{
	zone_utc(&l->zone);
	const char *rk = ld_root_keys[K_REPORT].name, *tk = ld_report_keys[R_TZ].name;
	const struct ynode *tz = ynode_get(ynode_get(root, rk), tk);
	if (tz == NULL || ynode_is_null(tz) || tz->kind != YN_SCALAR)
		return;
	char err[LD_ERR];
	struct ypath rp = YPATH_KEY(NULL, rk), tp = YPATH_KEY(&rp, tk);
	if (!zone_parse(l->c.arena, tz->s, &l->zone, err, sizeof(err))) {
		yreport(&l->c, tz, &tp, RG_E_TIMEZONE, "%s", err);
		zone_utc(&l->zone);
	}
}

/* Keeps the zone every time was read with in the document, for the back ends. */
static void ld_keep_zone(struct ld *l)
{
	struct zone *z = rg_arena_alloc(l->c.arena, sizeof(*z));
	*z = l->zone;
	l->doc->zone = z;
}

static void ld_sections(struct ld *l, const struct ynode **f)
{
	const struct ykey *const keys = ld_root_keys;
	struct rg_doc *d = l->doc;
	const struct ypath *p = NULL;
	ld_section(l, f[K_DETECTION], KP(K_DETECTION), &d->detection);
	ld_section(l, f[K_VERIFICATION], KP(K_VERIFICATION), &d->verification);
	ld_section(l, f[K_ANALYSIS], KP(K_ANALYSIS), &d->analysis);
	ld_containment(l, f[K_CONTAINMENT], KP(K_CONTAINMENT));
	ld_section(l, f[K_ERADICATION], KP(K_ERADICATION), &d->eradication);
	ld_section(l, f[K_RECOVERY], KP(K_RECOVERY), &d->recovery);
	ld_marked_text(l, f[K_SUMMARY], KP(K_SUMMARY), &d->summary, &d->summary_mark);
	ld_timeline(l, f[K_TIMELINE], KP(K_TIMELINE));
	ld_marked_texts(l, f[K_LESSONS], KP(K_LESSONS), &d->lessons, &d->lessons_mark);
	ld_remediation(l, f[K_REMEDIATION], KP(K_REMEDIATION));
	ld_customs(l, f[K_SECTIONS], KP(K_SECTIONS));
}

static void ld_root(struct ld *l, const struct ynode *root)
{
	const struct ykey *const keys = ld_root_keys;
	struct rg_doc *d = l->doc;
	const struct ynode *f[LD_NKEYS(ld_root_keys)];
	const struct ypath *p = NULL;
	ykeys(&l->c, root, NULL, ld_root_keys, LD_NKEYS(ld_root_keys), f);
	ld_zone(l, root);
	ld_keep_zone(l);
	ld_version(l, f[K_VERSION], KP(K_VERSION));
	if (f[K_REPORT] != NULL)
		ld_report(l, f[K_REPORT], KP(K_REPORT));
	if (f[K_ALERT] != NULL)
		ld_alert(l, f[K_ALERT], KP(K_ALERT));
	d->assets = ld_list(l, f[K_ASSETS], KP(K_ASSETS), sizeof(*d->assets), &d->nassets,
	                    &d->assets_pos, ld_asset);
	d->emails = ld_list(l, f[K_EMAILS], KP(K_EMAILS), sizeof(*d->emails), &d->nemails,
	                    &d->emails_pos, ld_email);
	ld_sections(l, f);
	d->mitre = ld_list(l, f[K_MITRE], KP(K_MITRE), sizeof(*d->mitre), &d->nmitre, &d->mitre_pos,
	                   ld_technique);
	d->artifacts = ld_list(l, f[K_ARTIFACTS], KP(K_ARTIFACTS), sizeof(*d->artifacts),
	                       &d->nartifacts, &d->artifacts_pos, ld_artifact);
	d->references = ld_list(l, f[K_REFERENCES], KP(K_REFERENCES), sizeof(*d->references),
	                        &d->nreferences, &d->references_pos, ld_reference);
}

/* The folder of file, for images ("." when it has none). */
static const char *ld_dir(struct rg_arena *a, const char *file)
{
	const char *slash = strrchr(file, '/');
	if (slash == NULL)
		return ".";
	if (slash == file)
		return "/";
	return rg_arena_strndup(a, file, (size_t)(slash - file));
}

/* A file's bytes being loaded: from malloc, or, for a large file, a mapping of their own
 * (rg_xmap), whose pages go back to the system once it is parsed even when malloc's heap
 * could hold it (its top is padded by 16 MiB, main.c): an 11.8 MB file held in the heap kept
 * 100,000 artifacts' check at 86 MiB, mapped it peaks at 74.5 MiB. */
#define LD_MAP_MIN ((size_t)1 << 20)

struct ld_buf {
	char *p;
	size_t cap;
	bool mapped;
};

static void ld_buf_free(struct ld_buf *b)
{
	if (b == NULL)
		return;
	if (b->mapped)
		rg_xunmap(b->p, b->cap);
	else
		free(b->p);
	b->p = NULL;
}

/* Makes b hold cap bytes, the first n kept. */
static void ld_buf_size(struct ld_buf *b, size_t n, size_t cap)
{
	if (cap < LD_MAP_MIN && !b->mapped) {
		b->p = rg_xrealloc(b->p, cap);
	} else {
		char *p = rg_xmap(cap);
		if (n > 0)
			memcpy(p, b->p, n);
		ld_buf_free(b);
		b->p = p;
		b->mapped = true;
	}
	b->cap = cap;
}

/* Loads buf; when owned is set, frees it as soon as it is parsed (the tree holds its own
 * copies of the text), so that a large input is not held beside its whole tree and
 * document; the nodes are freed in turn once the model is built. */
static struct rg_doc *ld_load(const char *file, struct ld_buf *owned, const char *buf, size_t len,
                              struct rg_diags *g)
{
	struct rg_arena *arena = rg_arena_new(), *nodes = rg_arena_new();
	size_t first = g->n;
	char hex[DIGEST_SHA256_HEX];
	digest_sha256_hex(buf, len, hex);
	struct ynode *root = ytree_parse_split(arena, nodes, file, buf, len, g);
	ld_buf_free(owned);
	if (root == NULL) {
		rg_arena_free(nodes);
		rg_arena_free(arena);
		return NULL;
	}
	struct ld l = {.c = {arena, file, g, first}};
	if (root->kind != YN_MAP) {
		if (ynode_is_null(root) && root->len == 0)
			rg_diag(g, file, root->pos, RG_E_EMPTY, "",
			        "the file is empty; start with \"reportgen: 1\" and a \"report:\" "
			        "mapping "
			        "with an id");
		else
			rg_diag(g, file, root->pos, RG_E_ROOT, "",
			        "expected a mapping of keys (reportgen: 1, report: ...) at the "
			        "top, not %s",
			        ynode_kind_name(root));
		rg_arena_free(nodes);
		rg_arena_free(arena);
		return NULL;
	}
	struct rg_doc *d = rg_arena_alloc(arena, sizeof(*d));
	d->arena = arena;
	d->file = rg_arena_strdup(arena, file);
	d->dir = ld_dir(arena, file);
	d->digest = rg_arena_strdup(arena, hex);
	l.doc = d;
	ld_root(&l, root);
	rg_arena_free(nodes); /* the model points into the text, never into the nodes */
	return d;
}

struct rg_doc *rg_load_buffer(const char *file, const char *buf, size_t len, struct rg_diags *g)
{
	return ld_load(file, NULL, buf, len, g);
}

/* Reads at most RG_MAX_FILE + 1 bytes of fp into *out; returns the count read. The buffer
 * starts at the file's size when it has one (one read, no copies as it grows). */
static size_t ld_read(FILE *fp, struct ld_buf *out, bool *err)
{
	size_t cap = 64 * 1024, n = 0;
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0)
		cap = (size_t)st.st_size + 1 > (size_t)RG_MAX_FILE + 1 ? (size_t)RG_MAX_FILE + 1
		                                                       : (size_t)st.st_size + 1;
	*out = (struct ld_buf){0};
	ld_buf_size(out, 0, cap);
	for (;;) {
		if (n == out->cap) {
			cap = cap * 2 > (size_t)RG_MAX_FILE + 1 ? (size_t)RG_MAX_FILE + 1 : cap * 2;
			if (n == cap)
				break;
			ld_buf_size(out, n, cap);
		}
		size_t k = fread(out->p + n, 1, out->cap - n, fp);
		n += k;
		if (k == 0)
			break;
	}
	*err = ferror(fp) != 0;
	return n;
}

struct rg_doc *rg_load_file(const char *file, struct rg_diags *g)
{
	FILE *fp = fopen(file, "rb");
	if (fp == NULL) {
		rg_diag(g, file, (struct rg_pos){0, 0}, RG_F_IO, "", "cannot open the file: %s",
		        strerror(errno));
		return NULL;
	}
	struct ld_buf buf;
	bool err;
	size_t n = ld_read(fp, &buf, &err);
	int e = errno;
	fclose(fp);
	if (err) {
		rg_diag(g, file, (struct rg_pos){0, 0}, RG_F_IO, "", "cannot read the file: %s",
		        strerror(e));
		ld_buf_free(&buf);
		return NULL;
	}
	return ld_load(file, &buf, buf.p, n, g);
}

void rg_doc_free(struct rg_doc *d)
{
	if (d != NULL)
		rg_arena_free(d->arena);
}

/* The tables in schema order; the block loaders add theirs. */
size_t ld_key_tables(struct ld_table *out, size_t max)
{
#define LD_T(o, t)                \
	{                         \
		o, t, LD_NKEYS(t) \
	}
	static const struct ld_table own[] = {
	        LD_T("", ld_root_keys),
	        LD_T("report", ld_report_keys),
	        LD_T("sla", ld_sla_keys),
	        LD_T("signoff", ld_signoff_keys),
	        LD_T("revision", ld_revision_keys),
	        LD_T("alert", ld_alert_keys),
	        LD_T("asset", ld_asset_keys),
	        LD_T("attachment", ld_attachment_keys),
	        LD_T("email", ld_email_keys),
	        LD_T("technique", ld_technique_keys),
	        LD_T("related", ld_related_keys),
	        LD_T("artifact", ld_artifact_keys),
	        LD_T("reference", ld_reference_keys),
	};
#undef LD_T
	size_t n = LD_NKEYS(own);
	for (size_t i = 0; i < n && i < max; i++)
		out[i] = own[i];
	n += ld_blocks_key_tables(out + (n < max ? n : max), n < max ? max - n : 0);
	return n + ld_util_key_tables(out + (n < max ? n : max), n < max ? max - n : 0);
}
