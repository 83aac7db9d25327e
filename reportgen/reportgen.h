/* reportgen.h: the public interface of the reportgen library (document model, load, validate,
 * render). */
#ifndef REPORTGEN_H
#define REPORTGEN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RG_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Memory: one arena owns every byte of a document.                    */
/* ------------------------------------------------------------------ */

struct rg_arena;
struct rg_arena *rg_arena_new(void);
void rg_arena_free(struct rg_arena *);
/* Frees everything the arena holds but its current chunk, which is reused from its start:
 * scratch memory for one step of a loop. */
void rg_arena_reset(struct rg_arena *);
/* Zeroed memory owned by the arena; aborts with exit 3 on out of memory. */
void *rg_arena_alloc(struct rg_arena *, size_t);
char *rg_arena_strdup(struct rg_arena *, const char *);
char *rg_arena_strndup(struct rg_arena *, const char *, size_t);
char *rg_arena_printf(struct rg_arena *, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* The one allocation wrapper for heap memory outside arenas: exits 3 on OOM. */
void *rg_xmalloc(size_t);
void *rg_xcalloc(size_t, size_t);
/* n bytes (zeroed) in a mapping of their own, for one large buffer used for a while (a file
 * being parsed): rg_xunmap (with the same n) hands its pages back at once, where a block of
 * malloc's heap would stay resident in it. Out of memory exits 3. */
void *rg_xmap(size_t n);
void rg_xunmap(void *, size_t n);
void *rg_xrealloc(void *, size_t);
char *rg_xstrdup(const char *);

/* ------------------------------------------------------------------ */
/* Positions and diagnostics                                          */
/* ------------------------------------------------------------------ */

struct rg_pos {
	int line; /* 1-based; 0 = unknown */
	int col;  /* 1-based, in characters */
};

enum rg_severity { RG_SEV_NONE = 0, RG_SEV_WARNING, RG_SEV_ERROR, RG_SEV_FATAL };

/* Diagnostic codes; the message table in diag.c has one row per code, in this order. */
enum rg_diag_code {
	/* warnings */
	RG_W_DUP_ARTIFACT,
	RG_W_HIDDEN_CHARS,
	RG_W_MALFORMED_INDICATOR, /* a string artifact that holds an indicator */
	RG_W_UNKNOWN_EVENT_ASSET,
	RG_W_TIMELINE_UNSORTED,
	RG_W_MILESTONE_ORDER,   /* a milestone before the one it follows (metrics.c) */
	RG_W_MILESTONE_UNTIMED, /* a milestone on an event without a usable time */
	RG_W_SEEN_ORDER,        /* an artifact's first_seen after its last_seen */
	RG_W_EMPTY_SECTION,     /* a section or block with nothing to show, left out of the PDF */
	RG_W_ATTACK_UNKNOWN_ID,
	RG_W_ATTACK_NAME_MISMATCH,
	RG_W_ATTACK_UNKNOWN_NAME,
	RG_W_ATTACK_BAD_TACTIC,
	RG_W_ATTACK_UNKNOWN_TACTIC,
	RG_W_ATTACK_DEPRECATED,
	RG_W_ATTACK_REVOKED,
	RG_W_ATTACK_CHANGED, /* changed since the version the report is written for */
	RG_W_MISSING_GLYPH,
	RG_W_TLP_NO_EFFECT,
	RG_W_LEAK,
	RG_W_SIGNOFF,          /* an approver on a draft; no approver where one is asked for */
	RG_W_EVIDENCE_MISSING, /* a file named by path is not there: its hashes go unchecked */
	RG_W_OTHER,
	/* errors */
	RG_E_SYNTAX,
	RG_E_UTF8,
	RG_E_EMPTY,
	RG_E_ROOT,
	RG_E_VERSION,
	RG_E_UNKNOWN_KEY,
	RG_E_DUP_KEY,
	RG_E_MISSING_KEY,
	RG_E_TYPE,
	RG_E_ENUM,
	RG_E_TIME,
	RG_E_TIMEZONE,
	RG_E_EMPTY_REQUIRED,
	RG_E_SINGLE_PAIR,
	RG_E_BLOCK_CONTENT,
	RG_E_NESTING,
	RG_E_TABLE_ROW,
	RG_E_TABLE_COLUMN,
	RG_E_MERGE_KEY,
	RG_E_LIMIT_SIZE,
	RG_E_LIMIT_DEPTH,
	RG_E_LIMIT_ALIAS,
	RG_E_DUP_ASSET,
	RG_E_UNKNOWN_ASSET,
	RG_E_UNKNOWN_EMAIL,
	RG_E_ARTIFACT_VALUE,
	RG_E_UNKNOWN_RELATED,
	RG_E_UNKNOWN_TECHNIQUE, /* techniques: names no entry of mitre */
	RG_E_IMAGE,
	RG_E_VALUE,
	RG_E_TEMPLATE,
	RG_E_EDITION_EMPTY,
	RG_E_LEAK,
	RG_E_HASH_MISMATCH, /* a stated hash is not the one of the file present */
	RG_E_EVIDENCE,      /* a path to an evidence file that is not usable */
	RG_E_OTHER,
	/* system */
	RG_F_IO,
	RG_F_LIBRARY,
	RG_DIAG__MAX
};

struct rg_diag {
	const char *file; /* owned by the list */
	struct rg_pos pos;
	enum rg_severity sev;
	enum rg_diag_code code;
	char *path;    /* node path, e.g. "artifacts[3].type"; may be "" */
	char *message; /* full message text, no trailing newline */
	size_t seq;    /* insertion order, for a stable sort */
};

struct rg_diags {
	struct rg_diag *v;
	size_t n, cap;
	bool strict;            /* ATT&CK and other "strict" warnings become errors */
	enum rg_severity worst; /* worst severity seen */
};

void rg_diags_init(struct rg_diags *);
void rg_diags_free(struct rg_diags *);
/* The one reporting function. fmt completes the message of the code's table row. */
void rg_diag(struct rg_diags *, const char *file, struct rg_pos, enum rg_diag_code,
             const char *path, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* rg_diag with the arguments as a va_list (for reporters of other modules); ap is consumed. */
void rg_diag_vreport(struct rg_diags *, const char *file, struct rg_pos, enum rg_diag_code,
                     const char *path, const char *fmt, va_list ap)
        __attribute__((format(printf, 6, 0)));
/* Moves every diagnostic of src to the end of dst, renumbering them; src is left empty
 * (keeping its strict flag). */
void rg_diags_move(struct rg_diags *dst, struct rg_diags *src);
/* The default severity of a code (from the table), taking `strict` into account. */
enum rg_severity rg_diag_severity(const struct rg_diags *, enum rg_diag_code);
const char *rg_diag_code_name(enum rg_diag_code); /* e.g. "unknown-key" */
void rg_diags_sort(struct rg_diags *);
/* Prints sorted diagnostics: "gcc" form to fp, or a JSON array. */
void rg_diags_print(const struct rg_diags *, FILE *fp, bool json);
/* Exit status for the worst level seen: 0 ok/warnings, 1 error, 3 fatal/system. */
int rg_diags_exit(const struct rg_diags *);

/* ------------------------------------------------------------------ */
/* Document model                                                      */
/* ------------------------------------------------------------------ */

/* A scalar as written; s == NULL means absent. Strings are NUL-terminated UTF-8. */
struct rg_text {
	const char *s;
	struct rg_pos pos;
};

struct rg_texts {
	struct rg_text *v;
	size_t n;
	struct rg_pos pos; /* of the sequence (or scalar when a single string was given) */
};

enum rg_time_prec {
	RG_TIME_ABSENT = 0,
	RG_TIME_UNKNOWN, /* the word "unknown" */
	RG_TIME_MONTH,   /* 2024-09 */
	RG_TIME_DATE,    /* 2024-09-17 */
	RG_TIME_MINUTE,  /* 2024-09-17T12:05 */
	RG_TIME_SECOND,  /* 2024-09-17T12:05:00 (fractions kept in frac) */
};

struct rg_time {
	enum rg_time_prec prec;
	bool has_offset; /* written with Z or an offset */
	bool naive;      /* no offset and report.timezone is unknown: shown as written */
	int offset_min;  /* offset applied (written, or from the report's zone), minutes east of UTC
	                  */
	int64_t utc;     /* seconds since 1970 UTC (naive: as if written in UTC) */
	int32_t nsec;    /* fraction of a second */
	const char *raw; /* as written */
	struct rg_pos pos;
};

struct rg_pair {
	struct rg_text key, value;
};

struct rg_pairs {
	struct rg_pair *v;
	size_t n;
	struct rg_pos pos;
};

enum rg_tlp {
	RG_TLP_NONE = 0,
	RG_TLP_CLEAR,
	RG_TLP_GREEN,
	RG_TLP_AMBER,
	RG_TLP_AMBER_STRICT,
	RG_TLP_RED
};
/* A portion's TLP marking (alert, sections, blocks, emails, assets, events, actions,
 * remediation items, techniques, artifacts, summary, lessons items). */
struct rg_mark {
	enum rg_tlp tlp;   /* as written; RG_TLP_NONE when absent */
	struct rg_pos pos; /* of the written value */
	/* In effect (validator): the written marking, or the strictest one written on an
	 * enclosing portion, else report.tlp (the default). */
	enum rg_tlp eff;
};

enum rg_severity_level {
	RG_LEVEL_NONE = 0,
	RG_LEVEL_INFORMATIONAL,
	RG_LEVEL_LOW,
	RG_LEVEL_MEDIUM,
	RG_LEVEL_HIGH,
	RG_LEVEL_CRITICAL
};
enum rg_verdict {
	RG_VERDICT_NONE = 0,
	RG_VERDICT_TRUE_POSITIVE,
	RG_VERDICT_FALSE_POSITIVE,
	RG_VERDICT_BENIGN,
	RG_VERDICT_UNDETERMINED
};
enum rg_status {
	RG_STATUS_NONE = 0,
	RG_STATUS_OPEN,
	RG_STATUS_INVESTIGATING,
	RG_STATUS_CONTAINED,
	RG_STATUS_ERADICATED,
	RG_STATUS_RECOVERED,
	RG_STATUS_CLOSED
};
enum rg_device_action {
	RG_ACTION_NONE = 0,
	RG_ACTION_ALLOWED,
	RG_ACTION_BLOCKED,
	RG_ACTION_QUARANTINED,
	RG_ACTION_DETECTED,
	RG_ACTION_UNKNOWN
};
enum rg_asset_kind {
	RG_KIND_NONE = 0,
	RG_KIND_HOST,
	RG_KIND_ACCOUNT,
	RG_KIND_SERVER,
	RG_KIND_NETWORK,
	RG_KIND_CLOUD
};
enum rg_asset_status {
	RG_ASTATUS_NONE = 0,
	RG_ASTATUS_UNAFFECTED,
	RG_ASTATUS_SUSPECTED,
	RG_ASTATUS_COMPROMISED,
	RG_ASTATUS_CONTAINED,
	RG_ASTATUS_RECOVERED
};
enum rg_disposition {
	RG_DISP_NONE = 0,
	RG_DISP_MALICIOUS,
	RG_DISP_SUSPICIOUS,
	RG_DISP_BENIGN,
	RG_DISP_UNKNOWN
};
enum rg_action_status {
	RG_ASTAT_NONE = 0,
	RG_ASTAT_PLANNED,
	RG_ASTAT_RECOMMENDED,
	RG_ASTAT_IN_PROGRESS,
	RG_ASTAT_DONE,
	RG_ASTAT_FAILED,
	RG_ASTAT_NOT_NEEDED
};

enum rg_ioc_type {
	RG_IOC_NONE = 0,
	RG_IOC_IPV4,
	RG_IOC_IPV6,
	RG_IOC_CIDR,
	RG_IOC_DOMAIN,
	RG_IOC_HOSTNAME,
	RG_IOC_URL,
	RG_IOC_URI_PATH,
	RG_IOC_EMAIL,
	RG_IOC_MD5,
	RG_IOC_SHA1,
	RG_IOC_SHA256,
	RG_IOC_SHA512,
	RG_IOC_SSDEEP,
	RG_IOC_FILENAME,
	RG_IOC_FILEPATH,
	RG_IOC_REGISTRY,
	RG_IOC_PROCESS,
	RG_IOC_USER,
	RG_IOC_USER_AGENT,
	RG_IOC_PORT,
	RG_IOC_SOCKET,
	RG_IOC_ASN,
	RG_IOC_CVE,
	RG_IOC_MAC,
	RG_IOC_STRING,
	RG_IOC__MAX
};
/* How an artifact relates to another (artifacts[].related[].relation). */
enum rg_relation {
	RG_REL_NONE = 0,
	RG_REL_RESOLVES_TO,
	RG_REL_COMMUNICATES_WITH,
	RG_REL_DROPS,
	RG_REL_DOWNLOADS,
	RG_REL_CONTAINS,
	RG_REL_SENT_FROM,
	RG_REL_CREATES,
	RG_REL_RELATED_TO
};

/* Enum names as written in the incident format ("amber+strict", "true-positive", ...).
 * Index by the enum value; index 0 is NULL. */
extern const char *const rg_tlp_names[];
extern const char *const rg_level_names[];
extern const char *const rg_verdict_names[];
extern const char *const rg_status_names[];
extern const char *const rg_device_action_names[];
extern const char *const rg_asset_kind_names[];
extern const char *const rg_asset_status_names[];
extern const char *const rg_disposition_names[];
extern const char *const rg_action_status_names[];
extern const char *const rg_ioc_type_names[];
extern const char *const rg_relation_names[];

/* Milestones of an incident's life (timeline[].milestone), in their usual order. */
enum rg_milestone {
	RG_MS_NONE = 0,
	RG_MS_FIRST_ACTIVITY,
	RG_MS_COMPROMISE,
	RG_MS_DETECTED,
	RG_MS_REPORTED,
	RG_MS_TRIAGED,
	RG_MS_CONTAINED,
	RG_MS_ERADICATED,
	RG_MS_RECOVERED,
	RG_MS_CLOSED,
	RG_MS__MAX
};
extern const char *const rg_milestone_names[]; /* "first-activity", ..., "closed" */

/* Where a milestone of the document comes from (model/metrics.c derives them). */
enum rg_ms_source {
	RG_MSRC_NONE = 0,
	RG_MSRC_EVENT,  /* timeline[index].milestone */
	RG_MSRC_ALERT,  /* alert.time (detected) */
	RG_MSRC_ACTION, /* containment.actions[index].time: the latest done action (contained) */
	RG_MSRC_REPORT, /* report.date with status closed (closed) */
};
struct rg_milestone_at {
	enum rg_ms_source source;
	size_t index;               /* of the event or action, in the validated document */
	const struct rg_time *time; /* NULL when the milestone is unknown */
	struct rg_pos pos;          /* of the value that set it */
	enum rg_tlp tlp;            /* marking in effect on what set it (editions drop it above) */
};

/* The incident metrics (model/metrics.h computes them), in the order they are shown; also
 * the keys of report.sla. */
enum rg_metric {
	RG_METRIC_DETECT,
	RG_METRIC_TRIAGE,
	RG_METRIC_CONTAIN,
	RG_METRIC_DWELL,
	RG_METRIC_RECOVER,
	RG_METRIC_CLOSE,
	RG_METRIC__MAX
};
extern const char *const rg_metric_names[]; /* "detect", ..., "close" (no NULL first) */

/* A duration as written ("30m", "4h", "2d", "1h30m"); absent when text.s == NULL. */
struct rg_duration {
	struct rg_text text;
	int64_t sec;
};

/* A sign-off of the report (report.prepared_by, reviewed_by, approved_by). */
struct rg_signoff {
	bool present;
	struct rg_pos pos;
	struct rg_text name, role;
	struct rg_time date;
};

/* One entry of report.revisions. */
struct rg_revision {
	struct rg_pos pos;
	struct rg_text revision, author, note;
	struct rg_time date;
};

struct rg_report {
	struct rg_pos pos;
	struct rg_text id, title, author, organization, verdict_note, timezone, ticket,
	        summary_line;
	struct rg_time date; /* defaults to alert.time (validator fills it) */
	enum rg_tlp tlp;
	enum rg_severity_level severity;
	enum rg_verdict verdict;
	enum rg_status status;
	struct rg_texts tags;
	struct rg_pairs facts;
	struct rg_text attack; /* the ATT&CK version the report is written for ("18.1") */
	struct rg_duration sla[RG_METRIC__MAX]; /* report.sla targets, by metric */
	struct rg_pos sla_pos;                  /* of report.sla (0:0 when absent) */
	/* timezone resolved: tz_unknown, or a fixed offset / IANA name handled by time.c */
	bool tz_unknown;
	/* Review trail: who signed the report off, which revision it is, its history. */
	struct rg_signoff prepared_by, reviewed_by, approved_by;
	struct rg_text revision;
	struct rg_revision *revisions;
	size_t nrevisions;
	struct rg_pos revisions_pos;
	struct rg_time revised; /* as written (report.revised), else absent */
	/* report.draft, or set by the caller before rg_validate (the command line's
	 * --draft) */
	bool draft;
	struct rg_pos draft_pos;
	/* Derived by the validator: the report's first time (the earliest of date and the
	 * revisions' dates) and its revision time (revised, else the latest of them). */
	struct rg_time first_time, revision_time;
};

struct rg_alert {
	bool present;
	struct rg_pos pos;
	struct rg_text rule, type, source, destination, subject, trigger_reason;
	struct rg_time time;
	enum rg_severity_level severity;
	enum rg_device_action device_action;
	struct rg_pairs fields;
	struct rg_text assessment; /* markdown */
	struct rg_mark mark;
};

struct rg_asset {
	struct rg_pos pos;
	struct rg_text name;     /* filled from ip[0] when absent */
	enum rg_asset_kind kind; /* RG_KIND_HOST when absent */
	struct rg_texts ip;
	struct rg_text domain, os, role, primary_user, bits; /* bits: integer, kept as written */
	struct rg_time last_login;
	enum rg_asset_status status;
	struct rg_pairs facts;
	struct rg_mark mark;
};

struct rg_attachment {
	struct rg_pos pos;
	struct rg_text name, sha256, md5, sha1, size;
	struct rg_text path;  /* the file itself, inside the incident's folder (optional) */
	const char *resolved; /* the file found at path (validator), else NULL */
	const char *digest;   /* its SHA-256, lowercase hex (validator), else NULL */
};

struct rg_email {
	struct rg_pos pos;
	struct rg_text from, reply_to, subject, smtp_ip, message_id, body, comment;
	struct rg_texts to, cc, urls;
	struct rg_time date;
	struct rg_attachment *attachments;
	size_t nattachments;
	enum rg_disposition verdict;
	struct rg_texts techniques; /* ids or names of mitre entries it evidences */
	struct rg_mark mark;
};

enum rg_block_kind {
	RG_BLOCK_TEXT,
	RG_BLOCK_FACTS,
	RG_BLOCK_TABLE,
	RG_BLOCK_LIST,
	RG_BLOCK_CODE,
	RG_BLOCK_IMAGE,
	RG_BLOCK_ASSET,
	RG_BLOCK_EMAIL,
	RG_BLOCK_GROUP
};

struct rg_table {
	struct rg_texts columns;
	struct rg_text *cells; /* nrows * columns.n, row-major; absent cell: s == NULL */
	size_t nrows;
	struct rg_pos *row_pos; /* nrows positions */
	struct rg_text caption;
	bool landscape;   /* always on landscape pages of its own */
	double font_size; /* text size in pt, kept as given; 0 = the template's, fitted */
};

struct rg_image {
	struct rg_text path;  /* as written */
	const char *resolved; /* absolute or cwd-relative path, checked by the validator */
	const char *key;      /* key path of path ("analysis.blocks[0].image.path"), likewise */
	struct rg_text caption;
	struct rg_text sha256; /* as written (optional): checked against the file */
	const char *digest;    /* the file's SHA-256, lowercase hex (validator) */
	double width;          /* fraction of text width, 0 = natural/1.0 */
	struct rg_pos width_pos;
};

struct rg_block;
struct rg_blocks {
	struct rg_block *v;
	size_t n;
	struct rg_pos pos;
};

struct rg_block {
	enum rg_block_kind kind;
	struct rg_pos pos;
	struct rg_text title;
	int level; /* 1 = a section's own blocks, up to 3 */
	struct rg_mark mark;
	bool empty; /* nothing to show (an empty text, list, facts, or group of such): left
	             * out with its title (validator) */
	union {
		struct rg_text text; /* TEXT (markdown), CODE */
		struct rg_pairs facts;
		struct rg_table table;
		struct rg_texts list; /* markdown items */
		struct rg_image image;
		struct {
			struct rg_text name;
			const struct rg_asset *ref; /* resolved by the validator */
		} asset;
		struct {
			long index;
			struct rg_pos pos;
			const struct rg_email *ref; /* resolved by the validator */
		} email;
		struct rg_blocks group;
	} u;
};

struct rg_section {
	bool present;
	struct rg_pos pos;
	struct rg_text text; /* markdown */
	struct rg_blocks blocks;
	struct rg_mark mark; /* of the section; its text carries it, its parts inherit it */
	bool empty;          /* present, but nothing to show: left out (validator) */
};

struct rg_action {
	struct rg_pos pos;
	struct rg_text action; /* markdown */
	struct rg_text target, by, note;
	struct rg_time time;
	enum rg_action_status status;
	const struct rg_asset *target_asset; /* when target names a known asset */
	struct rg_mark mark;
};

struct rg_containment {
	struct rg_section s;
	struct rg_action *actions;
	size_t nactions;
};

struct rg_event {
	struct rg_pos pos;
	struct rg_time time;
	struct rg_text event; /* markdown */
	struct rg_text source, asset;
	const struct rg_asset *asset_ref;
	struct rg_mark mark;
	enum rg_milestone milestone; /* RG_MS_NONE when absent */
	struct rg_pos milestone_pos;
};

struct rg_remediation {
	struct rg_pos pos;
	bool is_action;        /* written as a mapping */
	struct rg_text action; /* markdown (the item itself when !is_action) */
	struct rg_text owner, note;
	struct rg_time due;
	enum rg_action_status status;
	struct rg_mark mark;
};

/* Keys a custom section may follow, in default-template order. */
enum rg_anchor {
	RG_AFTER_ALERT,
	RG_AFTER_ASSETS,
	RG_AFTER_EMAILS,
	RG_AFTER_DETECTION,
	RG_AFTER_VERIFICATION,
	RG_AFTER_ANALYSIS,
	RG_AFTER_CONTAINMENT,
	RG_AFTER_ERADICATION,
	RG_AFTER_RECOVERY,
	RG_AFTER_SUMMARY,
	RG_AFTER_TIMELINE,
	RG_AFTER_LESSONS,
	RG_AFTER_REMEDIATION,
	RG_AFTER__MAX
};
extern const char *const rg_anchor_names[]; /* "alert", ..., "remediation" */

struct rg_custom {
	struct rg_pos pos;
	struct rg_text title;
	struct rg_section s;
	enum rg_anchor after; /* RG_AFTER_REMEDIATION when absent */
};

/* The tactic_order of a technique whose tactic is unknown: after every kill-chain phase. */
#define RG_TACTIC_ORDER_UNKNOWN 99

struct rg_technique {
	struct rg_pos pos;
	struct rg_text technique, name, tactic, comment; /* as written */
	/* resolved by the validator from the ATT&CK table (NULL when unknown) */
	const char *id;           /* "T1598.003" */
	const char *full_name;    /* "Phishing for Information: Spearphishing Link" */
	const char *tactic_name;  /* "Reconnaissance" */
	const char *tactic_id;    /* "TA0043" */
	const char *tactic_short; /* "reconnaissance" */
	int tactic_order;         /* kill-chain order, 1..14; RG_TACTIC_ORDER_UNKNOWN when unknown
	                           */
	const char *url;          /* https://attack.mitre.org/techniques/T1598/003 */
	/* MITRE's own STIX attack-pattern: its name ("Spearphishing Link"), id, created and
	 * modified, from the ATT&CK tables (stix_id and the times NULL when they lack them) */
	const char *attack_name, *stix_id, *stix_created, *stix_modified;
	struct rg_mark mark;
};

struct rg_related {
	struct rg_pos pos;
	struct rg_text value,
	        relation;              /* relation: spelled as rg_relation_names[kind] once valid */
	enum rg_relation kind;         /* parsed by the loader, else by the validator */
	const struct rg_artifact *ref; /* resolved by the validator */
};

struct rg_artifact {
	struct rg_pos pos;
	struct rg_text value;    /* as written (maybe defanged) */
	const char *refanged;    /* real value (filled by the validator) */
	const char *idn_ascii;   /* domains/urls/emails with an IDN: the xn-- form, else NULL */
	const char *idn_unicode; /* the Unicode form, else NULL */
	enum rg_ioc_type type;   /* explicit or inferred */
	bool type_inferred;
	struct rg_pos type_pos;
	enum rg_disposition disposition; /* explicit or defaulted */
	struct rg_text comment, intel;   /* markdown */
	struct rg_time first_seen, last_seen;
	struct rg_texts tags;
	enum rg_tlp tlp; /* in effect: mark.eff (validator), kept for the exports */
	struct rg_mark mark;
	struct rg_related *related;
	size_t nrelated;
	struct rg_texts techniques; /* ids or names of mitre entries it evidences */
	/* Optional: the name of the one file or host this artifact describes with the others
	 * of that name (their hashes, file name and path; a host name and its addresses),
	 * exported as one object (model/ioc.h: which types may share one; the validator
	 * checks that they agree). */
	struct rg_text object;
	/* Optional, registry artifacts: a value under the key (its name and data). */
	struct rg_text value_name, value_data;
	/* Optional, ipv4/ipv6 artifacts: the autonomous system the address belongs to
	 * ("AS64500" or "64500"). */
	struct rg_text asn;
};

struct rg_reference {
	struct rg_pos pos;
	struct rg_text title, url, comment;
};

struct zone; /* a resolved time zone (model/timeparse.h) */

struct rg_doc {
	struct rg_arena *arena;
	const char *file;   /* as given on the command line */
	const char *dir;    /* folder of the file, for images */
	const char *digest; /* SHA-256 of the file as read, lowercase hex */
	int version;
	struct rg_report report;
	struct rg_alert alert;
	struct rg_asset *assets;
	size_t nassets;
	struct rg_pos assets_pos;
	struct rg_email *emails;
	size_t nemails;
	struct rg_pos emails_pos;
	struct rg_section detection, verification, analysis, eradication, recovery;
	struct rg_containment containment;
	struct rg_text summary; /* markdown */
	struct rg_mark summary_mark;
	struct rg_event *timeline;
	size_t ntimeline;
	struct rg_pos timeline_pos;
	struct rg_texts lessons;
	struct rg_mark *lessons_mark; /* lessons.n markings */
	struct rg_remediation *remediation;
	size_t nremediation;
	struct rg_pos remediation_pos;
	struct rg_custom *sections;
	size_t nsections;
	struct rg_technique *mitre;
	size_t nmitre;
	struct rg_pos mitre_pos;
	struct rg_artifact *artifacts;
	size_t nartifacts;
	struct rg_pos artifacts_pos;
	struct rg_reference *references;
	size_t nreferences;
	struct rg_pos references_pos;

	/* The ATT&CK version to check against: the caller may set it before rg_validate
	 * (the command line's --attack); else the validator sets it to report.attack's
	 * version, else the bundled one. */
	const struct rg_attack *attack;
	/* Set by the validator when `attack` overrides the version the report is written
	 * for (report.attack, else the bundled one): what changed between the two is
	 * reported. */
	const struct rg_attack *attack_written;

	/* Derived by the validator, for the back ends */
	const struct rg_event **timeline_sorted;  /* ntimeline entries, display order */
	const struct rg_technique **mitre_sorted; /* nmitre entries, kill-chain order (stable) */
	bool remediation_table;                   /* some item has owner/due/status */
	/* The strictest marking in effect on any portion (report.tlp when there is none),
	 * and every marking in effect, as a bit set of (1u << enum rg_tlp) (validator,
	 * edition). */
	enum rg_tlp tlp_overall;
	unsigned tlp_present;
	/* Set on an edition (rg_edition): the level it was filtered to, and the artifact
	 * values it withholds (refanged), sorted, with the artifacts they come from. */
	enum rg_tlp edition_max;
	const struct rg_artifact **withheld;
	size_t nwithheld;
	/* report.timezone as every time was read with it (UTC when absent or invalid); the
	 * loader resolves it once, as it must before reading any time */
	const struct zone *zone;
	/* The milestones (validator, model/metrics.c), indexed by enum rg_milestone; an
	 * edition drops those set by a portion it withholds rather than deriving them again
	 */
	struct rg_milestone_at milestones[RG_MS__MAX];
	bool milestones_set;
};

/* ------------------------------------------------------------------ */
/* Load and validate                                                   */
/* ------------------------------------------------------------------ */

#define RG_MAX_FILE (16u * 1024 * 1024)
#define RG_MAX_DEPTH 64
#define RG_MAX_ALIAS_TEXT (16u * 1024 * 1024)
#define RG_MAX_ALIAS_NODES 1000000u
#define RG_MAX_NODES 1000000u /* scalars, sequences and mappings written in one file */

/* Parses buf (len bytes) named `file`. Returns a document (possibly partial) or NULL when
 * nothing usable was read; every problem goes to diags. The caller frees with rg_doc_free.
 */
struct rg_doc *rg_load_buffer(const char *file, const char *buf, size_t len, struct rg_diags *);
/* Reads and parses a file; an unreadable file is an RG_F_IO diagnostic and NULL. */
struct rg_doc *rg_load_file(const char *file, struct rg_diags *);
void rg_doc_free(struct rg_doc *);

/* Semantic checks; fills resolved and derived fields. Returns true when no error was added.
 */
bool rg_validate(struct rg_doc *, struct rg_diags *);

/* The edition of a validated document filtered to max (RG_TLP_NONE: doc itself): a view, in
 * doc's arena, holding only the portions whose marking in effect is at most max, without
 * the sections and groups left empty, and without any artifact whose value is withheld.
 * Every back end renders an edition. NULL, with an error, when nothing but report metadata
 * remains. */
const struct rg_doc *rg_edition(struct rg_doc *doc, enum rg_tlp max, struct rg_diags *);

/* Where the export's narrative comes from (--export-text). */
enum rg_export_text { RG_EXPORT_TEXT_SUMMARY = 0, RG_EXPORT_TEXT_NONE, RG_EXPORT_TEXT_ALL };
extern const char *const rg_export_text_names[]; /* "summary", "none", "all" */

/* Searches every text of an edition for the values it withholds (as written, refanged,
 * defanged, IDN forms; hosts and emails without regard to case; on token boundaries), and
 * the names given (output file names). Each occurrence is a diagnostic at the text holding
 * it: an error, or a warning with allow. Returns the number of occurrences. */
size_t rg_leak_scan(const struct rg_doc *edition, const char *const *names, size_t nnames,
                    bool allow, struct rg_diags *);

/* ------------------------------------------------------------------ */
/* ATT&CK versions                                                     */
/* ------------------------------------------------------------------ */

/* One MITRE ATT&CK Enterprise version's tables (model/attack.h). */
struct rg_attack;
/* The version compiled in (data/attack): the default, whatever else is installed. */
const struct rg_attack *rg_attack_bundled(void);
const char *rg_attack_version(const struct rg_attack *);     /* "18.1" */
const char *rg_attack_dir(const struct rg_attack *);         /* NULL for the bundled one */
const char *rg_attack_attribution(const struct rg_attack *); /* MITRE's statement */
/* The folders that hold installed versions (one subfolder X.Y each), most preferred first;
 * the first is where rg_attack_import installs: $XDG_DATA_HOME/reportgen/attack, else
 * ~/.local/share/reportgen/attack. Returns how many were stored in dirs (arena strings). */
size_t rg_attack_dirs(struct rg_arena *, const char **dirs, size_t max);
/* A version by number: the bundled one when it has that number, else the installed one
 * (read once, kept until rg_attack_close_all). NULL with a message in err (which says how
 * to install it). */
const struct rg_attack *rg_attack_open(const char *version, char *err, size_t errsize);
void rg_attack_close_all(void);
/* Orders version numbers numerically ("9.0" < "18.1"). */
int rg_attack_version_cmp(const char *, const char *);

struct rg_attack_entry {
	const char *version, *dir; /* dir NULL for the bundled one */
	bool bundled;
	bool shadowed; /* an earlier entry (the bundled one, or a preferred folder) has it
	                */
};
/* Every available version, oldest first (the bundled one first among equals). */
size_t rg_attack_list(struct rg_arena *, struct rg_attack_entry **);

struct rg_attack_counts {
	size_t tactics, rows, techniques, subtechniques, revoked, deprecated;
};
void rg_attack_counts(const struct rg_attack *, struct rg_attack_counts *);
/* Lines saying what changed from `from` to `to` (tactics, new, revoked, renamed, moved
 * techniques); returns how many. */
size_t rg_attack_changes(struct rg_arena *, const struct rg_attack *from,
                         const struct rg_attack *to, const char ***lines);

struct rg_attack_installed {
	const struct rg_attack *db;      /* what was installed (owned by the arena) */
	const struct rg_attack *against; /* the newest other version there was, or NULL */
	const char *dir;                 /* where */
	bool replaced;                   /* the same version was installed before */
};
/* Imports MITRE's Enterprise release file (STIX 2.0/2.1 bundle) `file` and installs its
 * tables under the first of rg_attack_dirs. version: --attack-version, or NULL to read it
 * from the file's x-mitre-collection. Returns 0, 1 (bad file) or 3 (system error), with a
 * message in err. */
int rg_attack_import(const char *file, const char *version, struct rg_arena *,
                     struct rg_attack_installed *, char *err, size_t errsize);

/* ------------------------------------------------------------------ */
/* Back ends                                                           */
/* ------------------------------------------------------------------ */

struct rg_render_opts {
	const char *template_path; /* NULL: default template */
	bool no_defang;
	enum rg_tlp max_tlp; /* the edition's level (the document given is that edition) */
	enum rg_export_text export_text; /* the narrative the exports carry */
	int64_t epoch;                   /* SOURCE_DATE_EPOCH, or -1 */
	struct rg_diags *diags;          /* where back ends report (missing glyphs, image errors) */
	size_t max_pages;                /* the PDF's bound on pages; 0 = RG_MAX_PAGES */
	bool stix1_oasis; /* stix1 writes STIX 1.2.1 (OASIS namespaces), not STIX 1.2 */
	uint64_t *pages;  /* NULL, or where a paginated format stores its page count */
};

#define RG_MAX_PAGES 20000 /* default of --max-pages */

struct rg_format {
	const char *name;      /* "pdf", "stix1", "stix2", "tree" */
	const char *extension; /* ".pdf", ".stix.xml", ".stix.json", ".tree" */
	bool is_default;       /* rendered when --format is not given */
	bool uses_template;    /* reads opts->template_path */
	/* Writes the whole output to fp. Returns 0, or 1 for invalid input (diagnosed),
	 * or 3 for a system/library failure (diagnosed). */
	int (*render)(const struct rg_doc *, const struct rg_render_opts *, FILE *fp);
	bool to_stdout; /* to standard output when it is the only format and no -o/--outdir
	                 */
	/* When uses_template: loads the template once, before any input, so that a wrong
	 * one is reported once. Returns 0, 1 for a bad template (diagnosed), 3 for an
	 * unreadable one; on 3, *installed is the installed template names, comma-separated
	 * (arena string). */
	int (*check_template)(const char *name_or_path, struct rg_diags *, struct rg_arena *,
	                      const char **installed);
	/* (or NULL) Called once before the inputs of a run that renders the format. forks:
	 * the run forks a worker for each input, which inherit what it loads (the PDF loads
	 * HarfBuzz then, once, rather than in every worker). */
	void (*prepare)(bool forks);
};

/* NULL-terminated table of the implemented formats. */
extern const struct rg_format *const rg_formats[];
/* NULL-terminated table of hidden formats ("layout": the PDF's layout decisions as text):
 * found by rg_format_find, but neither listed nor rendered by default. */
extern const struct rg_format *const rg_hidden_formats[];
/* A listed or hidden format by name, or NULL. */
const struct rg_format *rg_format_find(const char *name);

#endif
