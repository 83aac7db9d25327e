/* stix2_metrics.c: the incident's milestones and metrics as reportgen's own STIX 2.1 property
 * extension of the incident (docs/incident-metrics.schema.json), and the extension-definition
 * object that declares it, created by reportgen's identity; both are stamped and marked as
 * every other object of the bundle (the report's default marking). */
#include <stdio.h>

#include "metrics.h"
#include "stix2.h"

/* Fixed for every bundle: the definition is published once, with its schema. */
#define STIX2_METRICS_EXTENSION "extension-definition--f6015303-ab1c-4c2f-a6db-d60af020211d"
#define STIX2_REPORTGEN_IDENTITY "identity--9678cb8f-0f1a-4f6a-8597-2927134c754d"
#define STIX2_METRICS_SCHEMA "https://reportgen.invalid/incident-metrics.schema.json"

bool stix2_metrics(struct stix2 *st, cJSON *incident, enum rg_tlp *tlp)
{
	struct metrics m;
	metrics_compute(st->doc, &m);
	bool any = false;
	for (int k = 1; k < RG_MS__MAX; k++)
		any |= m.ms[k].time != NULL;
	if (!any)
		return false;
	cJSON *exts = cJSON_GetObjectItemCaseSensitive(incident, "extensions");
	if (exts == NULL)
		exts = cJSON_AddObjectToObject(incident, "extensions");
	cJSON *ext = cJSON_AddObjectToObject(exts, STIX2_METRICS_EXTENSION);
	cJSON_AddStringToObject(ext, "extension_type", "property-extension");
	cJSON *ms = cJSON_AddObjectToObject(ext, "milestones");
	for (int k = 1; k < RG_MS__MAX; k++) {
		const struct rg_milestone_at *p = &m.ms[k];
		if (p->time == NULL)
			continue;
		*tlp = export_stricter(*tlp, p->tlp);
		char key[32];
		snprintf(key, sizeof(key), "%s", rg_milestone_names[k]);
		for (char *c = key; *c; c++)
			*c = *c == '-' ? '_' : *c;
		stix2_str(ms, key, stix2_ts(st, p->time));
	}
	cJSON *mt = NULL;
	for (int k = 0; k < RG_METRIC__MAX; k++) {
		const struct metrics_value *v = &m.m[k];
		if (!v->known)
			continue;
		if (mt == NULL)
			mt = cJSON_AddObjectToObject(ext, "metrics");
		cJSON *o = cJSON_AddObjectToObject(mt, rg_metric_names[k]);
		cJSON_AddNumberToObject(o, "seconds", (double)v->sec);
		if (v->has_target) {
			cJSON_AddNumberToObject(o, "target_seconds", (double)v->target);
			cJSON_AddBoolToObject(o, "met", v->met);
		}
	}
	return true;
}

void stix2_metrics_definition(struct stix2 *st)
{
	cJSON *id = cJSON_CreateObject();
	cJSON_AddStringToObject(id, "type", "identity");
	cJSON_AddStringToObject(id, "spec_version", "2.1");
	cJSON_AddStringToObject(id, "id", STIX2_REPORTGEN_IDENTITY);
	cJSON_AddStringToObject(id, "created", st->stamp);
	cJSON_AddStringToObject(id, "modified", st->stamp);
	cJSON_AddStringToObject(id, "name", "reportgen");
	cJSON_AddStringToObject(id, "description",
	                        "The reportgen incident report generator, author of the "
	                        "extensions its exports use.");
	cJSON_AddStringToObject(id, "identity_class", "system");
	stix2_add(st, id, st->doc->report.tlp);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "extension-definition");
	cJSON_AddStringToObject(o, "spec_version", "2.1");
	cJSON_AddStringToObject(o, "id", STIX2_METRICS_EXTENSION);
	cJSON_AddStringToObject(o, "created_by_ref", STIX2_REPORTGEN_IDENTITY);
	cJSON_AddStringToObject(o, "created", st->stamp);
	cJSON_AddStringToObject(o, "modified", st->stamp);
	cJSON_AddStringToObject(o, "name", "reportgen incident metrics");
	cJSON_AddStringToObject(o, "description",
	                        "Milestones of an incident (first activity, compromise, detection, "
	                        "containment, recovery, closure, ...) and the metrics between "
	                        "them (time to detect, to contain, dwell time, ...) in seconds, "
	                        "with their targets; as defined in reportgen's docs/metrics.md.");
	cJSON_AddStringToObject(o, "schema", STIX2_METRICS_SCHEMA);
	cJSON_AddStringToObject(o, "version", "1.0.0");
	stix2_push_str(cJSON_AddArrayToObject(o, "extension_types"), "property-extension");
	stix2_add(st, o, st->doc->report.tlp);
}
