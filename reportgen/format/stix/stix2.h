/* stix2.h: internals of the STIX 2.1 back end: object registry, ids, SCOs and patterns. */
#ifndef RG_STIX2_H
#define RG_STIX2_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "export.h"
#include "reportgen.h"
#include "techlink.h"

/* The namespace STIX 2.1 (section 2.9) fixes for deterministic SCO identifiers. */
#define STIX2_SCO_NAMESPACE "00abedb4-aa42-466c-9c01-fed23315a9b7"

/* One object of the bundle, in creation order; tlp is the strictest marking it needs. Once
 * registered, an object is held as its text in the bundle (cJSON_Print's, indented two
 * tabs more, without object_marking_refs, which only the last object of the same id
 * settles): `len` bytes of the export's spill file from byte `at`, or in memory, `packed`,
 * when no temporary file can be made. A tree takes several times the memory, and the
 * text is written out as it is; only the report and attack-patterns, which grow after
 * registration, stay trees (`json`). */
struct stix2_obj {
	cJSON *json;
	char *packed;
	long long at; /* offset in the spill file, or -1 */
	size_t len;   /* bytes of text (spilled or packed) */
	const char *id;
	enum rg_tlp tlp;
	size_t seen; /* stamp of the last list that took this object (see stix2_seen) */
};

/* A slot of the registry's table: index + 1 into v (0 = empty) and the id's hash, which
 * rejects most other ids without reading them. 32 bits are plenty: a file has at most
 * RG_MAX_NODES nodes, and each makes a few objects. */
struct stix2_slot {
	uint32_t k, h;
};

/* The state of one export. Every string is owned by `arena` (or, for the registry's ids,
 * by `ids`); every cJSON and packed text by `v`. */
struct stix2 {
	const struct rg_doc *doc;
	const struct rg_render_opts *opts;
	struct rg_arena *arena; /* the export's, or a scratch one (stix2_scratch) */
	struct rg_arena *ids;   /* registered ids: they outlive any scratch arena */
	const char *stamp;      /* created of every SDO and SRO, and modified of most */
	const char *revised;    /* modified of the report and the incident (export.h) */
	const char *identity;   /* the organization's identity: created_by_ref */
	const char *incident;   /* the incident SDO */
	const char **assets;    /* identity of each asset, by index (NULL when not exported) */
	struct export_withheld withheld; /* values --max-tlp withholds */
	struct export_seen *seen;        /* evidence times (export.h) */
	const char **tech_of; /* per entry of doc->mitre: its attack-pattern's id, or NULL */
	const struct techlink_index *techlinks; /* doc->mitre by id and name */
	enum rg_tlp email_tlp;                  /* the marking of the email being exported */
	bool dry; /* stix2_add registers nothing and returns the id (stix2_artifact_pattern) */
	struct stix2_obj *v;
	size_t n, cap;
	FILE *spill;              /* tmpfile() of the packed objects' texts, in creation order */
	long long spill_end;      /* bytes written to it (ftello costs a system call each time) */
	long long spill_freed;    /* bytes read back and released (stix2_spill_done) */
	struct stix2_slot *slots; /* open addressing over ids */
	size_t nslots;
};

/* What one artifact became: the object carrying its value, every SCO it needed (for
 * observed-data) and its detection pattern (NULL when STIX has none, e.g. a CVE). */
struct stix2_art {
	const char *primary;
	const char *scos[4];
	size_t nscos;
	const char *pattern;
};

/* Registry (stix2_registry.c). stix2_add takes ownership of `json` and returns its id; an object
 * whose id is already registered is dropped, the registered one keeping the stricter TLP.
 * The object must be complete: only the report and attack-patterns stay editable, through
 * stix2_get (NULL for any other id). stix2_string reads a string property of any object
 * (arena-owned copy, NULL when absent). */
const char *stix2_add(struct stix2 *, cJSON *json, enum rg_tlp);
cJSON *stix2_get(const struct stix2 *, const char *id);
const char *stix2_string(struct stix2 *, const char *id, const char *key);
/* True when the registered object `id` was already taken by the list stamped `stamp` (> 0),
 * else marks it and returns false: constant-time duplicate checks for long lists. */
bool stix2_seen(struct stix2 *, const char *id, size_t stamp);

/* A new SCO of `type` whose id is the UUIDv5 of the canonical JSON of `contrib` (its ID
 * contributing properties, added by the caller in key order); contrib's members are moved
 * into the object after type, spec_version and id. Not yet registered. */
cJSON *stix2_sco_new(struct stix2 *, const char *type, cJSON *contrib);
/* The SCO id that stix2_sco_new would give, for tests: "type--uuid" (arena-owned). */
const char *stix2_sco_id(struct rg_arena *, const char *type, const cJSON *contrib);

/* The tree of a registered object however it is held: a new tree (the caller's) unless it
 * is one of the editable ones (o->json). NULL only when the spill file cannot be read back. */
cJSON *stix2_tree(struct stix2 *, const struct stix2_obj *o);
/* The text of a packed object, read on from where the spill file stands (objects are read
 * back in creation order) into *buf (grown as needed, the caller's to free); NULL when it
 * cannot be read back. */
const char *stix2_text(struct stix2 *, const struct stix2_obj *o, char **buf, size_t *cap);
/* Releases the spill file's pages before byte `upto`, read back and no longer needed, once
 * a few MiB have been (the writer calls it after each object), so that the output's pages
 * reuse them: the page cache holds about one copy of the bundle, not two. */
void stix2_spill_done(struct stix2 *, long long upto);
/* cJSON_Print's text of an object as it stands in the bundle's objects array: two more
 * tabs after each line break; *len is set to its length. A new string, the caller's. */
char *stix2_print(const cJSON *o, size_t *len);
/* An SDO or SRO id: "type--" and a name-based UUID of kind and identity (arena-owned). */
const char *stix2_sdo_id(struct stix2 *, const char *type, const char *identity);
/* A new SDO or SRO with type, spec_version, id (from kind `type` and `identity`, unique
 * within the document), created_by_ref, created and modified. Not yet registered. */
cJSON *stix2_sdo_new(struct stix2 *, const char *type, const char *identity);
/* Sets the modified of a new SDO: the revision time (an object of the report's own fields),
 * or the time of an object made of items dated t (export_modified; t may be NULL). */
void stix2_revised(struct stix2 *, cJSON *o);
void stix2_modified(struct stix2 *, cJSON *o, const struct rg_time *t);
/* The TLP an object was registered with (RG_TLP_NONE for unknown ids). */
enum rg_tlp stix2_tlp_of(const struct stix2 *, const char *id);
/* Registers a relationship marked with the stricter TLP of its ends; NULL when an end is. */
const char *stix2_rel(struct stix2 *, const char *type, const char *src, const char *dst,
                      const char *description);
/* The same, marked at least `tlp` (what the relationship itself says may be stricter than
 * either end: the incident's comment on a public technique). */
const char *stix2_rel_marked(struct stix2 *, const char *type, const char *src, const char *dst,
                             const char *description, enum rg_tlp tlp);
/* A note with content on the NULL-terminated object ids `refs`; NULL when content is empty. */
const char *stix2_note(struct stix2 *, const char *identity, const char *abstract,
                       const char *content, const char *const *refs, enum rg_tlp);

/* Makes st->arena a new scratch arena for one artifact or email and returns the one it
 * replaces; stix2_unscratch frees the scratch arena and puts that one back. Only registered
 * ids (owned by st->ids) may outlive the scratch arena: intermediate strings of a large
 * incident then never pile up. */
struct rg_arena *stix2_scratch(struct stix2 *);
void stix2_unscratch(struct stix2 *, struct rg_arena *kept);

/* Property helpers: absent and empty values are left out, as STIX wants. */
void stix2_str(cJSON *, const char *key, const char *s);
void stix2_push_str(cJSON *arr, const char *s);
const char *stix2_nz(const char *s); /* s, or NULL when it is NULL or empty */
void stix2_texts(cJSON *, const char *key, const struct rg_texts *);
const char *stix2_ts(struct stix2 *, const struct rg_time *);  /* NULL when absent */
const char *stix2_plain(struct stix2 *, const char *markdown); /* NULL when blank */

/* Text assembled piecewise in an arena buffer that doubles as it grows (linear time and
 * space); s is NULL while empty. Start with {arena, NULL}. */
struct stix2_text {
	struct rg_arena *arena;
	char *s;
	size_t n, cap;
};
void stix2_cat(struct stix2_text *, const char *piece, bool line);      /* paragraph or line */
void stix2_kv(struct stix2_text *, const char *key, const char *value); /* "key: value" line */

/* An IPv4-mapped or IPv4-compatible IPv6 address (or prefix) in hex form ("::ffff:33c3:44ad"),
 * which the official schema accepts; any other value as it is (stix2_sco.c). */
const char *stix2_ipv6(struct rg_arena *, const char *value);

/* Artifacts and emails (stix2_obs.c): SCOs, observed-data, indicators, vulnerabilities and
 * their relationships; an indicator indicates the attack-patterns of the techniques its
 * artifact or email names (techniques:), and no others. */
void stix2_observables(struct stix2 *);

/* A path split at its last separator: the folder ("C:\\", "/" or "\\\\host\\share" kept
 * whole, NULL when there is none) and the name after it (NULL when the path ends with a
 * separator); arena strings. */
void stix2_split_path(struct rg_arena *, const char *path, const char **dir, const char **base);

/* SCOs of one artifact (stix2_sco.c). Registers them at `tlp` and fills `out`. */
void stix2_artifact_scos(struct stix2 *, const struct rg_artifact *, enum rg_tlp,
                         struct stix2_art *out);
/* The detection pattern of one artifact alone (what stix2_artifact_scos gives), registering
 * nothing: the pattern of a member of an object group. NULL when STIX has none. */
const char *stix2_artifact_pattern(struct stix2 *, const struct rg_artifact *);

/* The SCOs of one object group (export_groups): `members` in file order, all of one kind.
 * A file: one file SCO with every hash (its id from the preferred one, MD5, SHA-1, SHA-256,
 * SHA-512, as STIX 2.1 section 2.9 chooses), the name and parent_directory_ref of its
 * folder. A host: one domain-name whose resolves_to_refs are its addresses (one SCO each).
 * Registers them at tlp; scos is every SCO (arena), of[k] the SCO carrying member k's value
 * (arena), primary the file or domain-name (the first address without a name). `stamp`
 * (stix2_seen) is the group's own, told apart from any other list's. */
struct stix2_group {
	const char *primary;
	const char **scos, **of;
	size_t nscos, stamp;
};
void stix2_group_scos(struct stix2 *, const struct rg_artifact *const *members, size_t n,
                      enum rg_tlp, size_t stamp, struct stix2_group *out);
/* The autonomous-system SCO of an address artifact's `asn` and its `belongs-to` from the
 * address SCO ip; NULL when it has none (or none that is a number). */
const char *stix2_asn(struct stix2 *, const struct rg_artifact *, const char *ip, enum rg_tlp);

/* Registers (or finds) the SCO for an address written in an email header, URL list or
 * asset: email-addr, url, ipv4-addr, ipv6-addr or domain-name by its form. */
const char *stix2_sco_for(struct stix2 *, enum rg_ioc_type, const char *value, enum rg_tlp);

/* Patterns (stix_pattern.c). */
/* `s` as a STIX pattern string literal: quoted, with ' and \ escaped. Arena-owned. */
const char *stix2_pattern_quote(struct rg_arena *, const char *s);
/* "[path = 'value']", or with an alternative spelling "[path = 'a' OR path = 'b']". */
const char *stix2_pattern_eq(struct rg_arena *, const char *path, const char *value,
                             const char *alt);

/* The incident's milestones and metrics (stix2_metrics.c): adds reportgen's property
 * extension to the incident when a milestone is known, making *tlp at least as strict as
 * what set them; returns whether it did. stix2_metrics_definition then registers the
 * extension-definition and the identity that created it. */
bool stix2_metrics(struct stix2 *, cJSON *incident, enum rg_tlp *tlp);
void stix2_metrics_definition(struct stix2 *);

#endif
