/* export.h: choices shared by the threat-intel exports (STIX 1.2.1 and STIX 2.1). */
#ifndef RG_EXPORT_H
#define RG_EXPORT_H

#include "reportgen.h"

/*
 * TLP filtering (--max-tlp). TLP strictness follows the enum order:
 * clear < green < amber < amber+strict < red. An artifact is dropped from an export when
 * its own `tlp` is stricter than opts->max_tlp; an artifact without its own tlp is kept
 * (it is covered by the report's marking). RG_TLP_NONE as max_tlp keeps everything.
 */
bool export_tlp_allowed(const struct rg_render_opts *, enum rg_tlp);
bool export_keep_artifact(const struct rg_render_opts *, const struct rg_artifact *);

/* The refanged values that --max-tlp withholds, sorted (arena-owned): exports leave such a
 * value out of other objects (email headers, alert fields) too. O(log n) per look-up. */
struct export_withheld {
	const char **v;
	size_t n;
};
struct export_withheld export_withheld_new(struct rg_arena *, const struct rg_doc *,
                                           const struct rg_render_opts *);
bool export_is_withheld(const struct export_withheld *, const char *value);

/* Per artifact (doc->nartifacts entries, arena-owned): true when --max-tlp leaves it out,
 * that is when its value is withheld (some artifact with the same refanged value, itself
 * or a duplicate, is stricter than max_tlp), so that no duplicate leaks a withheld value.
 * O(n log n). */
const bool *export_dropped(struct rg_arena *, const struct rg_doc *, const struct rg_render_opts *);

/* Object groups (`object:`): per artifact (doc->nartifacts entries, arena-owned), the index
 * of the first artifact in file order that is not dropped (dropped: export_dropped, may be
 * NULL) and has the same object name and a type of the same kind (model/ioc.h), else
 * SIZE_MAX (no object name, a type that is part of no object, or dropped itself). The
 * artifacts with one lead are exported as one object: one STIX 2.1 SCO (a file with every
 * hash, its name and folder; a domain-name resolving to its addresses) and one CybOX object,
 * each member keeping its own indicator. O(n log n). */
size_t *export_groups(struct rg_arena *, const struct rg_doc *, const bool *dropped);

/* The TLP that governs an artifact: the marking in effect (validator), else the report's
 * (RG_TLP_NONE when neither is set). */
enum rg_tlp export_artifact_tlp(const struct rg_doc *, const struct rg_artifact *);
/* The narrative the export carries (--export-text; summary without options). */
enum rg_export_text export_text_mode(const struct rg_render_opts *);
/* The marking in effect on a portion (validator), else the report's. */
enum rg_tlp export_mark(const struct rg_doc *, const struct rg_mark *);
/* The stricter of two markings. */
enum rg_tlp export_stricter(enum rg_tlp, enum rg_tlp);
/* The strictest marking of what a section's note carries: its text and its text blocks. */
enum rg_tlp export_section_tlp(const struct rg_doc *, const struct rg_section *);

/*
 * Indicator or observation. Malicious and suspicious artifacts become indicators (and are
 * observed too); benign and unknown ones are exported as observations only. A benign
 * artifact is never an indicator. RG_DISP_NONE (not validated) counts as unknown.
 */
bool export_is_indicator(const struct rg_artifact *);

/*
 * Evidence times (export_seen.c). When an artifact's first sighting is not written, the
 * exports date it (STIX 2.1 indicator valid_from and observed-data first_observed, STIX 1
 * indicator Valid_Time_Position) by the nearest evidence, in this order:
 *   1. the artifact's first_seen;
 *   2. the earliest date of an email that carries its value (from, to, cc, reply_to, urls,
 *      smtp_ip, an attachment's name or hash);
 *   3. the earliest time of a timeline event whose text names it (the value, refanged and
 *      without regard to case, is a word of the text: words end at blanks and at
 *      ( ) < > [ ] { } , ; " ' ` * |, without trailing . : ! ?);
 *   4. the alert's time;
 *   5. the report's date.
 * Evidence after the artifact's last_seen is passed over, and the result is never after it.
 * An email (a NULL) is dated by its date, then steps 4 and 5. NULL when none is known (the
 * caller's stamp then stands). Built once per export in O(n log n) over the values emails
 * and events carry; each look-up is O(log n).
 */
struct export_seen;
struct export_seen *export_seen_new(struct rg_arena *, const struct rg_doc *);
void export_seen_free(struct export_seen *);
const struct rg_time *export_first_seen(const struct export_seen *, const struct rg_artifact *a,
                                        const struct rg_email *e);

/*
 * Indicator confidence, one rule for both exports: a malicious artifact or email is an
 * indicator of high confidence, a suspicious one of medium confidence. STIX 1 writes the word
 * of HighMediumLowVocab-1.0 (export_confidence_words), STIX 2.1 the value the "High, Medium,
 * Low" scale of its Appendix A gives it (export_confidence_values: Low 15, Medium 50,
 * High 85).
 */
enum export_confidence { EXPORT_CONF_NONE, EXPORT_CONF_LOW, EXPORT_CONF_MEDIUM, EXPORT_CONF_HIGH };
enum export_confidence export_confidence(enum rg_disposition);
extern const char *const export_confidence_words[];
extern const int export_confidence_values[];

/* True when the report's verdict says no attack took place (false-positive, benign): the
 * exports then assert no technique (no STIX 2.1 `uses`, no STIX 1 Leveraged_TTPs). */
bool export_no_attack(const struct rg_doc *);

/*
 * Indicator-to-technique links. An indicator names (STIX 1.2.1 Indicated_TTP, STIX 2.1
 * `indicates`) only the techniques its artifact or email lists in `techniques:`
 * (model/techlink.h); without it, the indicator relates to the report and incident only,
 * and the incident uses the techniques. The links are as many as the entries written.
 */

/*
 * Versions. Every object is created at the report's first time: the earliest of report.date
 * and report.revisions' dates (report.date defaults to alert.time). An object made of the
 * report's own fields (the report, the incident) is modified at the revision time:
 * report.revised, else the latest of those dates. Any other object keeps its created time,
 * unless the items it is made of carry a later date (an artifact's first_seen or last_seen),
 * which it takes up to the revision time. SOURCE_DATE_EPOCH (opts->epoch >= 0) stands in
 * only when the file gives no date at all, then 0 (1970): never the wall clock, and never
 * over a date the file gives. Naive times (timezone unknown) are taken as UTC.
 */
int64_t export_created(const struct rg_doc *, const struct rg_render_opts *);
int64_t export_revised(const struct rg_doc *, const struct rg_render_opts *);
/* The time an object made of items dated t takes (see above): t between created and
 * revised, or created when t is absent or earlier. */
int64_t export_modified(const struct rg_doc *, const struct rg_render_opts *,
                        const struct rg_time *t);

/* "2024-09-17T12:05:00Z" (millis false) or "2024-09-17T12:05:00.000Z" (millis true) for
 * seconds since 1970 UTC; nsec is truncated to milliseconds. Arena-owned. */
const char *export_utc(struct rg_arena *, int64_t utc, int32_t nsec, bool millis);

/* A document time in the form above, or NULL when it is absent or "unknown". */
const char *export_time(struct rg_arena *, const struct rg_time *, bool millis);

/* The precision word of STIX 1.x DateTimeWithPrecisionType ("month", "day", "minute",
 * "second") for a time, or NULL when it is absent or "unknown". */
const char *export_time_precision(const struct rg_time *);

/* Plain text of a CommonMark fragment (paragraphs separated by a blank line, list items
 * on their own lines, link text followed by its URL in parentheses when they differ),
 * trimmed; NULL for NULL or blank input. Arena-owned. */
const char *export_plain(struct rg_arena *, const char *markdown);

#endif
