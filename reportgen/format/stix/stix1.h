/* stix1.h: internal interface between the STIX 1.2.1 back end's files (package and CybOX objects).
 */
#ifndef RG_STIX1_H
#define RG_STIX1_H

#include "export.h"
#include "reportgen.h"
#include "techlink.h"
#include "xmllib.h"

/* The namespace of reportgen's object ids (prefix "reportgen"): a reserved .example host,
 * so the URI is stable and never resolves. */
#define STIX1_ID_NS "https://reportgen.example/ns"

/* At most this many distinct tactics per technique (ATT&CK Enterprise has 14). */
#define STIX1_MAX_PHASES 32
/* Indicators name their TTPs only while indicators x TTPs stays under this many links. */
#define STIX1_MAX_TTP_LINKS EXPORT_MAX_TECHNIQUE_LINKS

/* Every namespace the package uses, declared once on the root element. */
enum stix1_ns {
	S1_XSI,
	S1_STIX,
	S1_COMMON,
	S1_VOCABS,
	S1_MARKING,
	S1_TLP,
	S1_INCIDENT,
	S1_INDICATOR,
	S1_TTP,
	S1_COA,
	S1_ET,
	S1_CYBOX,
	S1_CYBOXCOMMON,
	S1_CYBOXVOCABS,
	S1_DOMAIN,
	S1_HOSTNAME,
	S1_URI,
	S1_ADDRESS,
	S1_FILE,
	S1_REGISTRY,
	S1_PROCESS,
	S1_ACCOUNT,
	S1_USERACCOUNT,
	S1_HTTP,
	S1_PORT,
	S1_SOCKET,
	S1_CUSTOM,
	S1_EMAIL,
	S1_REPORTGEN,
	S1__MAX
};

/* Ids of what one artifact became; NULL where nothing was exported. */
struct stix1_art {
	bool kept;       /* exported (passes --max-tlp, first of its duplicates) */
	enum rg_tlp tlp; /* strictest own TLP among its duplicates */
	const char *observable;
	const char *object;
	const char *indicator;
	const char *exploit_target; /* cve artifacts */
	/* Object groups (export_groups): a member other than the one that writes the group's
	 * observable shares that observable (and, in a file, its object); the writer holds the
	 * first member (group) and every member the next one (next), in file order; SIZE_MAX
	 * when there is none. */
	bool shares;
	size_t group, next;
};

/* A sorted look-up table from a value to an object id (email links and senders). */
struct stix1_key {
	const char *key, *id;
	bool done; /* its observable was written */
};
struct stix1_index {
	struct stix1_key *v;
	size_t n;
};

/* The deepest nesting of a package (the deepest today is 9 levels). */
#define STIX1_DEPTH 32
/* The levels whose nodes stream_child opens (package, section, object, list); measured on
 * 100,000 artifacts: 4 writes 0.5 s faster than opening every level, in the same memory. */
#define STIX1_OPEN_LEVELS 4

struct stix1 {
	const struct rg_doc *doc;
	const struct rg_render_opts *opts;
	struct rg_arena *arena; /* strings of this rendering (the scratch one within an object) */
	struct rg_arena *keep, *scratch; /* the rendering's own, and the per-object one */
	xmlDocPtr xml;
	bool mitre; /* STIX 1.2 in MITRE namespaces (default), else 1.2.1 (--stix1-dialect 1.2.1) */
	xmlNsPtr ns[S1__MAX];
	const char *timestamp;            /* of every object made of one item (export.h) */
	const char *revised;              /* of the package and the incident: the revision time */
	struct stix1_art *arts;           /* doc->nartifacts entries */
	const char **ttp_ids;             /* one per distinct technique, in mitre_sorted order */
	const struct rg_technique **ttps; /* the first entry of each */
	size_t nttps;
	const struct rg_technique **ttp_members; /* every entry, grouped by technique */
	const char **ttp_of; /* per entry of doc->mitre: the id of its technique's TTP */
	const struct techlink_index *techlinks; /* doc->mitre by id and name */
	size_t *ttp_first;                      /* nttps + 1 offsets into ttp_members */
	const char **email_obs;                 /* doc->nemails observable ids */
	struct export_withheld withheld;        /* values --max-tlp withholds */
	struct export_seen *seen;               /* evidence times (export.h) */
	struct stix1_index url_objects;         /* url artifacts by value */
	struct stix1_index email_objects;       /* email artifacts by lower-case value */
	struct stix1_index link_extras;         /* email links that are no url artifact */
	const char **extra_obs;                 /* observables of email URLs and attachments */
	size_t nextra, extra_cap;
	xmlOutputBufferPtr out; /* while streaming: where finished objects go (stix1_stream.c) */
	xmlNodePtr open[STIX1_DEPTH]; /* the nodes whose start tags are written, by level */
	size_t nopen;
	int hold; /* while positive, nothing is written: a builder revisits what it added */
	bool out_failed;
};

/* Streaming (stix1_stream.c): begin writes the declaration and the package's start tag (its
 * namespaces and attributes set); every stix1_el and stix1_text then first calls child with
 * the parent, which writes and frees what is complete; end writes the rest. False when a
 * write failed. */
void stix1_stream_begin(struct stix1 *, xmlOutputBufferPtr);
void stix1_stream_child(struct stix1 *, xmlNodePtr parent);
bool stix1_stream_end(struct stix1 *);

/* Between begin and end, s1->arena is a scratch arena that end empties: the strings of one
 * object of a long list (libxml2 copies what it keeps), so that memory does not grow with
 * the list. Nothing made there may be kept past the object. */
void stix1_scratch_begin(struct stix1 *);
void stix1_scratch_end(struct stix1 *);

/* Element helpers (stix1_xml.c): text is made XML-safe (forbidden characters become
 * U+FFFD); a NULL or empty text adds nothing and returns NULL. */
xmlNodePtr stix1_el(struct stix1 *, xmlNodePtr parent, enum stix1_ns, const char *name);
xmlNodePtr stix1_text(struct stix1 *, xmlNodePtr parent, enum stix1_ns, const char *name,
                      const char *text);
/* Sets an attribute; nothing when the node is NULL or the value NULL or empty. */
void stix1_attr(struct stix1 *, xmlNodePtr, const char *name, const char *value);
void stix1_xsi_type(struct stix1 *, xmlNodePtr, const char *qname);
/* "reportgen:<Kind>-<uuid of kind/identity>". */
const char *stix1_id(struct stix1 *, const char *kind, const char *identity);
/* The course of action made of item i of "containment" (actions) or "remediation". */
const char *stix1_coa_id(struct stix1 *, const char *list, size_t i);
/* <Value xsi:type=vocab>text</Value>-style controlled vocabulary element. */
xmlNodePtr stix1_vocab(struct stix1 *, xmlNodePtr parent, enum stix1_ns, const char *name,
                       const char *vocab, const char *text);

/* stix1_objects.c: assigns artifact ids (dedup, --max-tlp, cve), then writes Observables
 * and Indicators. */
void stix1_plan_artifacts(struct stix1 *);
void stix1_observables(struct stix1 *, xmlNodePtr package);
void stix1_indicators(struct stix1 *, xmlNodePtr package);
/* Observables of one asset (addresses, host name, account) for Affected_Asset. */
void stix1_asset_observables(struct stix1 *, xmlNodePtr parent, const struct rg_asset *);

/* stix1_ttp.c: TTPs. stix1_plan_ttps groups the technique entries into TTPs (one per
 * distinct technique). STIX 1.2.1 lists them in the package's TTPs (stix1_ttps), with the
 * mitre-attack kill chain, and the incident refers to them by idref; STIX 1.2 carries them
 * inline in the incident's Leveraged_TTPs (stix1_leveraged_ttps) and the package has no TTPs,
 * which python-stix's readers need (see stix-mapping.md). Indicators refer to them by idref
 * in both. */
void stix1_plan_ttps(struct stix1 *);
void stix1_ttps(struct stix1 *, xmlNodePtr package);
void stix1_leveraged_ttps(struct stix1 *, xmlNodePtr incident);

/* stix1_incident.c: the Incident. */
void stix1_incident(struct stix1 *, xmlNodePtr package);

#endif
