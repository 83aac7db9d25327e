/* test_attack_import.c: importing MITRE's Enterprise releases (the shared 17.1 and 18.1
 * bundles, and a fixture made here from 18.1 in which one tactic is split in two and
 * renamed), listing them, pinning reports to them, and the changes --attack reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "attack.h"
#include "reportgen.h"
#include "testutil.h"

#define BUNDLES RG_SOURCE_DIR "/../shared/data/attack/bundles"

static char tmpdir[256];

/* Runs `reportgen ARGS` (a shell word list) in tmpdir with XDG_DATA_HOME there; returns the
 * exit status and stores stdout and stderr (heap strings). */
static int rg(char **out, char **err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int rg(char **out, char **err, const char *fmt, ...)
{
	char args[2048], cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && XDG_DATA_HOME='%s/data' '%s' %s >'%s/.out' 2>'%s/.err'", tmpdir,
	         tmpdir, RG_BINARY, args, tmpdir, tmpdir);
	int st = system(cmd);
	char p[512];
	snprintf(p, sizeof(p), "%s/.out", tmpdir);
	*out = tu_slurp(p);
	snprintf(p, sizeof(p), "%s/.err", tmpdir);
	*err = tu_slurp(p);
	assert_non_null(*out);
	assert_non_null(*err);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static bool have_bundles(void)
{
	if (access(BUNDLES "/enterprise-attack-18.1.json", R_OK) == 0 &&
	    access(BUNDLES "/enterprise-attack-17.1.json", R_OK) == 0)
		return true;
	printf("skipped: MITRE's bundles are not in ../shared/data/attack/bundles\n");
	return false;
}

static char *tmp(const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tmpdir, name);
	return buf[k];
}

static void import_shared(void)
{
	char *out, *err;
	int rc = rg(&out, &err, "attack import --attack-version 17.1 '%s'",
	            BUNDLES "/enterprise-attack-17.1.json");
	assert_int_equal(rc, 0);
	free(out);
	free(err);
	rc = rg(&out, &err, "attack import --attack-version=18.1 '%s'",
	        BUNDLES "/enterprise-attack-18.1.json");
	assert_int_equal(rc, 0);
	free(out);
	free(err);
}

static void test_import_shared(void **state)
{
	(void)state;
	if (!have_bundles())
		return;
	char *out, *err;
	/* no x-mitre-collection: the version must be given */
	assert_int_equal(
	        rg(&out, &err, "attack import '%s'", BUNDLES "/enterprise-attack-17.1.json"), 1);
	assert_non_null(strstr(err, "no x-mitre-collection"));
	assert_non_null(strstr(err, "--attack-version"));
	free(out);
	free(err);

	assert_int_equal(rg(&out, &err, "attack import --attack-version 17.1 '%s'",
	                    BUNDLES "/enterprise-attack-17.1.json"),
	                 0);
	assert_non_null(strstr(out, "installed MITRE ATT&CK Enterprise v17.1 from "));
	assert_non_null(strstr(out, "14 tactics; 211 techniques and 468 sub-techniques, besides "
	                            "132 revoked and 12 deprecated (823 rows)"));
	/* against the newest there is, the bundled 18.1: its 12 new techniques, 2 renames */
	assert_non_null(strstr(out, "changes from v17.1 to v18.1 (bundled):"));
	assert_non_null(strstr(out, "12 new: T1036.012, T1059.013, T1204.005, T1213.006, "
	                            "T1518.002, T1546.018, T1562.013, T1677, T1678, T1679, T1680, "
	                            "T1681\n"));
	assert_non_null(strstr(out, "T1552.003 \"Unsecured Credentials: Bash History\" -> "
	                            "\"Unsecured Credentials: Shell History\""));
	assert_non_null(strstr(out, "Copyright 2015-2025, The MITRE Corporation."));
	free(out);
	free(err);

	assert_int_equal(rg(&out, &err, "attack import --attack-version 18.1 '%s'",
	                    BUNDLES "/enterprise-attack-18.1.json"),
	                 0);
	assert_non_null(strstr(out, "installed MITRE ATT&CK Enterprise v18.1"));
	assert_non_null(strstr(out, "(835 rows)"));
	assert_non_null(strstr(out, "changes from v18.1 (bundled) to v18.1: none"));
	free(out);
	free(err);

	/* one code path: the 18.1 import is byte for byte the bundled data/attack tables */
	static const char *const files[] = {"enterprise-info.tsv", "enterprise-tactics.tsv",
	                                    "enterprise-techniques.tsv"};
	for (size_t i = 0; i < 3; i++) {
		char a[512], b[512];
		snprintf(a, sizeof(a), "%s/data/reportgen/attack/18.1/%s", tmpdir, files[i]);
		snprintf(b, sizeof(b), "%s/data/attack/%s", RG_SOURCE_DIR, files[i]);
		char *x = tu_slurp(a), *y = tu_slurp(b);
		assert_non_null(x);
		assert_non_null(y);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}

	assert_int_equal(rg(&out, &err, "attack list"), 0);
	char *line = strstr(out, "17.1     ");
	assert_non_null(line);
	assert_true(strncmp(line + 9, tmpdir, strlen(tmpdir)) == 0);
	assert_non_null(strstr(out, "18.1     bundled (the default)\n"));
	assert_non_null(strstr(out, "/data/reportgen/attack/18.1 (not used: an entry above has "
	                            "this version)\n"));
	assert_true(strstr(out, "17.1") < strstr(out, "18.1"));
	free(out);
	free(err);
}

static const char *const pinned_yaml = "reportgen: 1\n"
                                       "report:\n"
                                       "  id: \"pin\"\n"
                                       "  title: Pinned\n"
                                       "  date: 2025-12-01T10:00:00Z\n"
                                       "%s"
                                       "mitre:\n"
                                       "  - technique: T1677\n"
                                       "  - technique: T1552.003\n"
                                       "    name: Shell History\n"
                                       "  - technique: T1566.002\n";

static void write_pinned(const char *name, const char *version)
{
	char pin[64] = "", text[1024];
	if (version != NULL)
		snprintf(pin, sizeof(pin), "  attack: \"%s\"\n", version);
	snprintf(text, sizeof(text), pinned_yaml, pin);
	tu_spit(tmp(name), text);
}

static void test_pinned(void **state)
{
	(void)state;
	if (!have_bundles())
		return;
	import_shared();
	char *out, *err;
	write_pinned("p17.yaml", "17.1");
	write_pinned("p18.yaml", "18.1");
	write_pinned("pdef.yaml", NULL);
	write_pinned("p99.yaml", "99.0");
	/* 17.1 lacks T1677 and calls T1552.003 Shell History */
	assert_int_equal(rg(&out, &err, "check -q p17.yaml"), 0);
	assert_non_null(strstr(err, "T1677 is not a technique in ATT&CK v17.1"));
	assert_non_null(strstr(err, "T1552.003 is \"Unsecured Credentials: Bash History\" in "
	                            "ATT&CK v17.1, not \"Shell History\""));
	free(out);
	free(err);
	assert_int_equal(rg(&out, &err, "check -q --strict p18.yaml"), 0);
	assert_string_equal(err, "");
	free(out);
	free(err);
	assert_int_equal(rg(&out, &err, "check -q --strict pdef.yaml"), 0);
	assert_string_equal(err, "");
	free(out);
	free(err);
	/* a pin that is not installed: an error at it that says how to install it */
	assert_int_equal(rg(&out, &err, "check -q p99.yaml"), 1);
	assert_non_null(strstr(err, "p99.yaml:6:11: error: report.attack: ATT&CK v99.0 is not "
	                            "installed (available: 17.1, 18.1 (bundled)); install MITRE's "
	                            "release file with: reportgen attack import "
	                            "enterprise-attack-99.0.json"));
	free(out);
	free(err);
	assert_int_equal(rg(&out, &err, "check -q --attack 99.0 p18.yaml"), 2);
	assert_non_null(strstr(err, "reportgen: --attack: ATT&CK v99.0 is not installed"));
	free(out);
	free(err);
	/* --attack overrides the pin */
	assert_int_equal(rg(&out, &err, "check -q --attack 18.1 p17.yaml"), 0);
	assert_null(strstr(err, "is not a technique"));
	free(out);
	free(err);

	/* outputs name the version used */
	assert_int_equal(rg(&out, &err, "render --format pdf,stix1,stix2 --outdir o17 p17.yaml"),
	                 0);
	free(out);
	free(err);
	assert_int_equal(rg(&out, &err, "render --format pdf,stix1,stix2 --outdir o18 p18.yaml"),
	                 0);
	free(out);
	free(err);
	const char *vers[2] = {"17.1", "18.1"};
	for (int k = 0; k < 2; k++) {
		char cmd[1024];
		snprintf(cmd, sizeof(cmd), "pdftotext -q '%s/o%.2s/p%.2s.pdf' - | tr '\\n' ' '",
		         tmpdir, vers[k], vers[k]);
		FILE *fp = popen(cmd, "r");
		assert_non_null(fp);
		char *text = tu_read_stream(fp);
		assert_int_equal(pclose(fp), 0);
		char want[128];
		snprintf(want, sizeof(want), "MITRE ATT&CK® Enterprise v%s.", vers[k]);
		assert_non_null(strstr(text, want));
		free(text);
		char path[512];
		snprintf(path, sizeof(path), "%s/o%.2s/p%.2s.stix.json", tmpdir, vers[k], vers[k]);
		char *json = tu_slurp(path);
		assert_non_null(json);
		snprintf(want, sizeof(want), "\"description\":\t\"MITRE ATT&CK Enterprise v%s\"",
		         vers[k]);
		assert_non_null(strstr(json, want));
		free(json);
		snprintf(path, sizeof(path), "%s/o%.2s/p%.2s.stix.xml", tmpdir, vers[k], vers[k]);
		char *xml = tu_slurp(path);
		assert_non_null(xml);
		snprintf(want, sizeof(want), "MITRE ATT&amp;CK Enterprise %s technique", vers[k]);
		assert_non_null(strstr(xml, want));
		free(xml);
	}
}

/* ---- the split-tactic fixture ---- */

static cJSON *obj_of(cJSON *objs, const char *type, const char *ext_id)
{
	cJSON *o;
	cJSON_ArrayForEach(o, objs)
	{
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(o, "type")), type) != 0)
			continue;
		cJSON *r;
		cJSON_ArrayForEach(r, cJSON_GetObjectItem(o, "external_references"))
		{
			const char *id =
			        cJSON_GetStringValue(cJSON_GetObjectItem(r, "external_id"));
			if (id != NULL && strcmp(id, ext_id) == 0)
				return o;
		}
	}
	return NULL;
}

static void set_str(cJSON *o, const char *key, const char *v)
{
	cJSON_ReplaceItemInObject(o, key, cJSON_CreateString(v));
}

/* From 18.1: Defense Evasion (TA0005, defense-evasion) becomes Stealth (TA0005, stealth),
 * and a new tactic Defense Impairment (TA0112, defense-impairment) follows it in the matrix
 * with T1562 and its sub-techniques; T1566.002 is revoked by T1566.001; T1070 is renamed;
 * the version comes from an x-mitre-collection (19.0). */
static void write_split_fixture(const char *path)
{
	char *text = tu_slurp(BUNDLES "/enterprise-attack-18.1.json");
	assert_non_null(text);
	cJSON *root = cJSON_Parse(text);
	free(text);
	assert_non_null(root);
	cJSON *objs = cJSON_GetObjectItem(root, "objects");
	cJSON *de = obj_of(objs, "x-mitre-tactic", "TA0005");
	assert_non_null(de);
	cJSON *di = cJSON_Duplicate(de, true);
	set_str(de, "name", "Stealth");
	set_str(de, "x_mitre_shortname", "stealth");
	set_str(di, "id", "x-mitre-tactic--00000000-0000-4000-8000-000000000112");
	set_str(di, "name", "Defense Impairment");
	set_str(di, "x_mitre_shortname", "defense-impairment");
	cJSON *ref = cJSON_GetArrayItem(cJSON_GetObjectItem(di, "external_references"), 0);
	set_str(ref, "external_id", "TA0112");
	set_str(ref, "url", "https://attack.mitre.org/tactics/TA0112");
	cJSON_AddItemToArray(objs, di);
	/* the matrix: TA0112 right after TA0005 */
	cJSON *matrix = NULL, *o;
	cJSON_ArrayForEach(o, objs) if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(o, "type")),
	                                       "x-mitre-matrix") == 0) matrix = o;
	/* a new list (cJSON 1.7.15's cJSON_InsertItemInArray fails on arrays it parsed) */
	cJSON *refs = cJSON_GetObjectItem(matrix, "tactic_refs"), *r, *list = cJSON_CreateArray();
	const char *after = cJSON_GetStringValue(cJSON_GetObjectItem(de, "id"));
	cJSON_ArrayForEach(r, refs)
	{
		cJSON_AddItemToArray(list, cJSON_CreateString(cJSON_GetStringValue(r)));
		if (strcmp(cJSON_GetStringValue(r), after) == 0)
			cJSON_AddItemToArray(list, cJSON_CreateString(cJSON_GetStringValue(
			                                   cJSON_GetObjectItem(di, "id"))));
	}
	assert_int_equal(cJSON_GetArraySize(list), 15);
	cJSON_ReplaceItemInObject(matrix, "tactic_refs", list);
	/* phases: T1562* to defense-impairment, the rest of defense-evasion to stealth */
	cJSON_ArrayForEach(o, objs)
	{
		const char *ty = cJSON_GetStringValue(cJSON_GetObjectItem(o, "type"));
		if (strcmp(ty, "attack-pattern") != 0)
			continue;
		bool impair = false;
		cJSON *e;
		cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "external_references"))
		{
			const char *id =
			        cJSON_GetStringValue(cJSON_GetObjectItem(e, "external_id"));
			impair = impair || (id != NULL && strncmp(id, "T1562", 5) == 0);
		}
		cJSON *p;
		cJSON_ArrayForEach(p, cJSON_GetObjectItem(o, "kill_chain_phases"))
		{
			const char *ph = cJSON_GetStringValue(cJSON_GetObjectItem(p, "phase_name"));
			if (strcmp(ph, "defense-evasion") == 0)
				set_str(p, "phase_name", impair ? "defense-impairment" : "stealth");
		}
	}
	/* T1566.002 revoked by T1566.001; T1070 renamed */
	cJSON *link = obj_of(objs, "attack-pattern", "T1566.002");
	cJSON *att = obj_of(objs, "attack-pattern", "T1566.001");
	cJSON_DeleteItemFromObject(link, "revoked");
	cJSON_AddBoolToObject(link, "revoked", true);
	cJSON *rel = cJSON_CreateObject();
	cJSON_AddStringToObject(rel, "type", "relationship");
	cJSON_AddStringToObject(rel, "id", "relationship--00000000-0000-4000-8000-000000000001");
	cJSON_AddStringToObject(rel, "relationship_type", "revoked-by");
	cJSON_AddStringToObject(rel, "source_ref",
	                        cJSON_GetStringValue(cJSON_GetObjectItem(link, "id")));
	cJSON_AddStringToObject(rel, "target_ref",
	                        cJSON_GetStringValue(cJSON_GetObjectItem(att, "id")));
	cJSON_AddItemToArray(objs, rel);
	set_str(obj_of(objs, "attack-pattern", "T1070"), "name", "Indicator Removal on Host");
	cJSON *coll = cJSON_CreateObject();
	cJSON_AddStringToObject(coll, "type", "x-mitre-collection");
	cJSON_AddStringToObject(coll, "id",
	                        "x-mitre-collection--00000000-0000-4000-8000-0000000019");
	cJSON_AddStringToObject(coll, "x_mitre_version", "19.0");
	cJSON_AddItemToArray(objs, coll);
	char *json = cJSON_PrintUnformatted(root);
	tu_spit(path, json);
	free(json);
	cJSON_Delete(root);
}

static void test_split_tactic(void **state)
{
	(void)state;
	if (!have_bundles())
		return;
	import_shared();
	write_split_fixture(tmp("split-19.0.json"));
	char *out, *err;
	/* the version comes from the file's x-mitre-collection */
	assert_int_equal(rg(&out, &err, "attack import split-19.0.json"), 0);
	assert_non_null(strstr(out, "installed MITRE ATT&CK Enterprise v19.0"));
	assert_non_null(strstr(out, "15 tactics;"));
	assert_non_null(strstr(out, "changes from v18.1 (bundled) to v19.0:"));
	assert_non_null(strstr(out,
	                       "tactics: TA0005 renamed from Defense Evasion (defense-evasion) "
	                       "to Stealth (stealth), new Defense Impairment (TA0112, "
	                       "defense-impairment)"));
	assert_non_null(strstr(out, "1 revoked: T1566.002 -> T1566.001\n"));
	assert_non_null(strstr(out, "13 moved tactic: T1562 Defense Evasion (TA0005) -> Defense "
	                            "Impairment (TA0112), T1562.001 Defense Evasion (TA0005) -> "
	                            "Defense Impairment (TA0112)"));
	free(out);
	free(err);
	/* a different version given on the command line than the file's */
	assert_int_equal(rg(&out, &err, "attack import --attack-version 18.2 split-19.0.json"), 1);
	assert_non_null(strstr(err, "says it is ATT&CK v19.0"));
	free(out);
	free(err);

	/* a report written for 18.1, checked against 19.0: what changed, and what to write */
	tu_spit(tmp("r18.yaml"), "reportgen: 1\n"
	                         "report:\n"
	                         "  id: \"r18\"\n"
	                         "  date: 2025-12-01T10:00:00Z\n"
	                         "  attack: \"18.1\"\n"
	                         "mitre:\n"
	                         "  - technique: T1562.001\n"
	                         "    tactic: defense-evasion\n"
	                         "  - technique: T1566.002\n"
	                         "  - technique: T1070\n"
	                         "    name: Indicator Removal\n"
	                         "  - technique: T1566.001\n");
	assert_int_equal(rg(&out, &err, "check -q --attack 19.0 r18.yaml"), 0);
	assert_non_null(strstr(
	        err,
	        "r18.yaml:8:13: warning: mitre[0].tactic: T1562.001 (Impair Defenses: Disable "
	        "or Modify Tools) is under Defense Evasion (TA0005) in ATT&CK v18.1 and under "
	        "Defense Impairment (TA0112) in v19.0; write \"tactic: defense-impairment\"\n"));
	assert_non_null(strstr(err, "r18.yaml:9:16: warning: mitre[1].technique: T1566.002 "
	                            "(Phishing: Spearphishing Link) of ATT&CK v18.1 is revoked in "
	                            "v19.0 and replaced by T1566.001 (Phishing: Spearphishing "
	                            "Attachment); write \"technique: T1566.001\"\n"));
	assert_non_null(strstr(err, "mitre[2].name: T1070 is named \"Indicator Removal\" in ATT&CK "
	                            "v18.1 and \"Indicator Removal on Host\" in v19.0; write "
	                            "\"name: Indicator Removal on Host\"\n"));
	assert_non_null(strstr(err,
	                       "mitre[2].technique: T1070 (Indicator Removal on Host) is under "
	                       "Defense Evasion (TA0005) in ATT&CK v18.1 and under Stealth "
	                       "(TA0005) in v19.0; write \"tactic: stealth\"\n"));
	/* each change once: no generic warning besides */
	assert_null(strstr(err, "is revoked in ATT&CK v19.0; use"));
	assert_null(strstr(err, "no tactic is named"));
	assert_null(strstr(err, "mitre[3]"));
	free(out);
	free(err);
	assert_int_equal(rg(&out, &err, "check -q --strict --attack 19.0 r18.yaml"), 1);
	free(out);
	free(err);
	/* without --attack: 18.1, no change warnings */
	assert_int_equal(rg(&out, &err, "check -q --strict r18.yaml"), 0);
	assert_string_equal(err, "");
	free(out);
	free(err);
	/* unpinned, the default is the bundled 18.1, not the newer 19.0 installed above */
	tu_spit(tmp("rdef.yaml"), "reportgen: 1\n"
	                          "report:\n"
	                          "  id: \"rdef\"\n"
	                          "  date: 2025-12-01T10:00:00Z\n"
	                          "mitre:\n"
	                          "  - technique: T1562.001\n"
	                          "    tactic: defense-evasion\n"
	                          "  - technique: T1566.002\n");
	assert_int_equal(rg(&out, &err, "check -q --strict rdef.yaml"), 0);
	assert_string_equal(err, "");
	free(out);
	free(err);
	assert_int_equal(rg(&out, &err, "check -q --strict --attack 19.0 rdef.yaml"), 1);
	free(out);
	free(err);

	/* a report pinned to the fixture checks, renders and exports with its tactics (listed
	 * here out of the matrix's order) */
	tu_spit(tmp("r19.yaml"), "reportgen: 1\n"
	                         "report:\n"
	                         "  id: \"r19\"\n"
	                         "  date: 2025-12-01T10:00:00Z\n"
	                         "  attack: \"19.0\"\n"
	                         "mitre:\n"
	                         "  - technique: T1562.001\n"
	                         "    tactic: defense-impairment\n"
	                         "  - technique: T1486\n"
	                         "  - technique: T1070\n"
	                         "    tactic: Stealth\n"
	                         "  - technique: T1566.001\n");
	assert_int_equal(rg(&out, &err, "check -q --strict r19.yaml"), 0);
	assert_string_equal(err, "");
	free(out);
	free(err);
	/* the kill chain definition (every tactic of the version) is in the STIX 1.2.1 dialect's
	 * package TTPs; STIX 1.2 has no package TTPs (stix-mapping.md) */
	assert_int_equal(rg(&out, &err,
	                    "render --format pdf,stix1,stix2,layout --stix1-dialect 1.2.1 "
	                    "--outdir o19 r19.yaml"),
	                 0);
	free(out);
	free(err);
	/* the matrix, read from the layout dump: the fixture's tactics as columns in its matrix
	 * order (Stealth, then the new Defense Impairment), each id inside its column (the
	 * parent T1562 shown for its sub-technique), no cell over another */
	int st;
	char *mx = tu_popen(&st,
	                    "python3 '%s/tests/navigator/matrix.py' '%s/o19/r19.layout' "
	                    "'Initial Access=T1566,T1566.001' 'Stealth=T1070' "
	                    "'Defense Impairment=T1562,T1562.001' 'Impact=T1486' 2>&1",
	                    RG_SOURCE_DIR, tmpdir);
	printf("%s", mx);
	assert_int_equal(st, 0);
	assert_non_null(strstr(mx, "matrix: 4 columns (Initial Access, Stealth, Defense "
	                           "Impairment, Impact), 6 ids"));
	free(mx);
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "pdftotext -q '%s/o19/r19.pdf' - | tr '\\n' ' '", tmpdir);
	FILE *fp = popen(cmd, "r");
	char *text = tu_read_stream(fp);
	assert_int_equal(pclose(fp), 0);
	assert_non_null(strstr(text, "Defense Impairment"));
	assert_non_null(strstr(text, "Stealth"));
	assert_non_null(strstr(text, "Enterprise v19.0."));
	free(text);
	char *json = tu_slurp(tmp("o19/r19.stix.json"));
	assert_non_null(strstr(json, "\"phase_name\":\t\"defense-impairment\""));
	assert_non_null(strstr(json, "\"phase_name\":\t\"stealth\""));
	free(json);
	char *xml = tu_slurp(tmp("o19/r19.stix.xml"));
	assert_non_null(strstr(xml, "number_of_phases=\"15\""));
	assert_non_null(strstr(xml, "name=\"defense-impairment\" ordinality=\"8\""));
	free(xml);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/rg-attack-import-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_import_shared),
	        cmocka_unit_test(test_pinned),
	        cmocka_unit_test(test_split_tactic),
	};
	return cmocka_run_group_tests(tests, setup, getenv("RG_KEEP") ? NULL : teardown);
}
