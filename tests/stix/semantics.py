#!/usr/bin/python3
"""semantics.py REPORTGEN: what the STIX exports mean, beyond their schemas.

Renders every example (and the shared seed) in both formats, and reads every STIX 2.1 golden:
- every incident carries the OASIS Incident Core Extension and validates against its schema
  (tests/stix/extension-definition--ef765651-...json, with the OASIS STIX 2.1 schemas of
  ../shared/schemas for the references it makes);
- every attack-pattern is MITRE's own: the id and name of the attack-pattern with that ATT&CK
  id in MITRE's v18.1 bundle (../shared/data/attack/bundles), marked TLP:CLEAR, without our
  created_by_ref, the incident's comment on the `uses` relationship instead;
- the report repeats the verdict and severity;
- assets are no identities: the bundle's identities are its creator and reportgen's own;
  a host asset is an infrastructure consisting of its address SCOs, an account a
  user-account SCO, each related to the incident;
- no course-of-action: containment actions and remediation items are notes on the incident
  (and on the asset an action targets), never platform-wide mitigations;
- the false-positive example asserts no attack: no `uses`, no STIX 1 Leveraged_TTPs, every
  observation labelled benign (STIX 2.1 labels, STIX 1 Keywords);
Uses Debian's python3-jsonschema. Checks that need ../shared skip with a message."""
import glob, json, os, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

try:
    import jsonschema
except ImportError as e:
    print("FAIL: python3-jsonschema missing:", e)  # build.sh installs it
    sys.exit(1)

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.normpath(os.path.join(here, "..", ".."))
shared = os.path.normpath(os.path.join(top, "..", "shared"))
EXT = "extension-definition--ef765651-680c-498d-9894-99799f2fa126"
CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def render(rg, yaml_path, outdir):
    r = subprocess.run([rg, "render", yaml_path, "--outdir", outdir, "-f", "stix1", "-f", "stix2"],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):  # 1: warnings
        failures.append(f"{yaml_path}: reportgen exited {r.returncode}: {r.stderr.strip()}")
        return None
    base = os.path.join(outdir, os.path.basename(yaml_path)[:-5])
    return base + ".stix.json", base + ".stix.xml"


def schema_validator():
    """The extension's schema, its references resolved to the OASIS 2.1 schemas on disk."""
    ext = json.load(open(os.path.join(here, EXT + ".json")))
    root = os.path.join(shared, "schemas", "stix-2.1", "schemas")
    if not os.path.isdir(root):
        print("SKIP: schema validation of the incident extension:", root, "not found")
        return None
    store = {}
    for path in glob.glob(os.path.join(root, "**", "*.json"), recursive=True):
        doc = json.load(open(path))
        rel = os.path.relpath(path, root).replace(os.sep, "/")
        for scheme in ("http", "https"):
            store[f"{scheme}://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/{rel}"] = doc
    # Debian's jsonschema (4.10) resolves references through RefResolver and a store
    resolver = jsonschema.RefResolver.from_schema(ext, store=store)
    return jsonschema.Draft7Validator(ext, resolver=resolver)


def mitre_patterns():
    path = os.path.join(shared, "data", "attack", "bundles", "enterprise-attack-18.1.json")
    if not os.path.exists(path):
        print("SKIP: MITRE ids:", path, "not found")
        return None
    by = {}
    for o in json.load(open(path))["objects"]:
        if o.get("type") != "attack-pattern":
            continue
        for r in o.get("external_references", []):
            if r.get("source_name") == "mitre-attack" and r.get("external_id"):
                by[r["external_id"]] = o
    return by


def check_bundle(name, bundle, validator, mitre):
    objs = bundle["objects"]
    byid = {o["id"]: o for o in objs}
    incidents = [o for o in objs if o["type"] == "incident"]
    check(len(incidents) == 1, f"{name}: one incident")
    for inc in incidents:
        check(EXT in inc.get("extensions", {}), f"{name}: the incident has the Incident Core Extension")
        if validator is not None:
            for err in validator.iter_errors(inc):
                check(False, f"{name}: incident against the extension's schema: {err.message}")
    report = [o for o in objs if o["type"] == "report"][0]
    ext = incidents[0].get("extensions", {}).get(EXT, {}) if incidents else {}
    for o in objs:
        if o["type"] != "attack-pattern":
            continue
        check(o.get("object_marking_refs") == [CLEAR], f"{name}: {o['id']}: attack-pattern marked TLP:CLEAR")
        check("description" not in o, f"{name}: {o['id']}: no incident comment on the attack-pattern")
        ref = [r for r in o.get("external_references", []) if r.get("source_name") == "mitre-attack"]
        if mitre is None or not ref:
            continue
        m = mitre.get(ref[0]["external_id"])
        check(m is not None and o["id"] == m["id"], f"{name}: {ref[0]['external_id']}: id {o['id']} is MITRE's")
        check(m is not None and o["name"] == m["name"], f"{name}: {ref[0]['external_id']}: name {o['name']!r} is MITRE's")
        check(m is not None and o["modified"] == m["modified"], f"{name}: {ref[0]['external_id']}: MITRE's modified")
        check("created_by_ref" not in o, f"{name}: {o['id']}: no created_by_ref of ours")
    # one identity for the organization (the creator), beside reportgen's own
    idents = [o for o in objs if o["type"] == "identity"]
    creators = {o.get("created_by_ref") for o in objs}
    check(all(o["id"] in creators or o["name"] == "reportgen" for o in idents) and len(idents) <= 2,
          f"{name}: no identity per asset ({[o['name'] for o in idents]})")
    # actions are notes on the incident, not reusable courses of action
    check(not [o for o in objs if o["type"] == "course-of-action"], f"{name}: no course-of-action")
    inc_id = incidents[0]["id"] if incidents else None
    actions = [o for o in objs if o["type"] == "note" and
               ("Phase: containment" in o["content"] or "Phase: remediation" in o["content"])]
    for o in actions:
        check(inc_id in o["object_refs"], f"{name}: {o['id']}: the action note is on the incident")
        check(o.get("abstract") and o["content"].startswith(o["abstract"].rstrip(".")),
              f"{name}: {o['id']}: the action note's abstract is its first line")
    # what the report says of the verdict
    if ext.get("determination") == "false-positive":
        check(any(l.startswith("verdict:") for l in report.get("labels", [])), f"{name}: report labels carry the verdict")
    return objs, byid, ext, actions


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    rg = sys.argv[1]
    validator = schema_validator()
    mitre = mitre_patterns()
    inputs = sorted(glob.glob(os.path.join(top, "examples", "*.yaml")))
    inputs += sorted(glob.glob(os.path.join(shared, "examples", "*.yaml")))
    n = 0
    with tempfile.TemporaryDirectory() as out:
        for y in inputs:
            paths = render(rg, y, out)
            if paths is None:
                continue
            objs, byid, ext, actions = check_bundle(os.path.basename(y), json.load(open(paths[0])), validator, mitre)
            n += 1
            xml = ET.parse(paths[1]).getroot()
            stem = os.path.basename(y)[:-5]
            if stem == "false-positive-certutil-download":
                check(ext.get("determination") == "false-positive", "false positive: determination")
                check(ext.get("criticality") == 0, "false positive: criticality 0")
                check(not [o for o in objs if o.get("relationship_type") == "uses"], "false positive: no `uses`")
                check(not [o for o in objs if o["type"] == "indicator"], "false positive: no indicator")
                obs = [o for o in objs if o["type"] == "observed-data"]
                check(obs and all("benign" in o.get("labels", []) for o in obs), "false positive: observations labelled benign")
                check(not [e for e in xml.iter() if e.tag.endswith("}Leveraged_TTPs")], "false positive: no Leveraged_TTPs")
                kw = [o for o in xml.iter() if o.tag.endswith("}Observable") and o.get("id") and
                      any(k.text == "benign" for k in o.iter() if k.tag.endswith("}Keyword"))]
                check(len(kw) >= 5, f"false positive: STIX 1 observables with the keyword benign ({len(kw)})")
            check(len(actions) >= 1, f"{stem}: its containment actions are notes")
            if stem == "web-sqli-webshell":
                inc_id = [o for o in objs if o["type"] == "incident"][0]["id"]
                related = {o["target_ref"] for o in objs if o.get("relationship_type") == "related-to"
                           and o["source_ref"] == inc_id}
                infra = [o for o in objs if o["type"] == "infrastructure" and o["name"] == "www-prod-02"]
                check(len(infra) == 1 and infra[0]["id"] in related, "sqli: the server is an infrastructure of the incident")
                parts = [byid[o["target_ref"]] for o in objs if o.get("relationship_type") == "consists-of"
                         and infra and o["source_ref"] == infra[0]["id"]]
                check({p.get("value") for p in parts} >= {"10.50.1.12", "198.51.100.10"},
                      "sqli: the server consists of its addresses")
                acct = [o for o in objs if o["type"] == "user-account" and o.get("account_login") == "wp:svc_backup"]
                check(len(acct) == 1 and acct[0]["id"] in related, "sqli: the account is a user-account of the incident")
            if stem == "soc326-impersonating-domain":
                check(ext.get("determination") in ("confirmed", "blocked"), "seed: determination")
                uses = [o for o in objs if o.get("relationship_type") == "uses"]
                check(len(uses) >= 3, "seed: the incident uses its techniques")
                for u in uses:
                    check(byid[u["target_ref"]]["type"] == "attack-pattern", "seed: uses targets attack-patterns")
    for g in sorted(glob.glob(os.path.join(top, "tests", "golden", "*.stix.json"))):
        objs, byid, ext, actions = check_bundle(os.path.basename(g), json.load(open(g)), validator, mitre)
        n += 1
        if os.path.basename(g) == "v_containment_target.stix.json":
            # the action on asset Mateo is a note on the incident and on Mateo's object
            on = [o for o in actions if "Target: Mateo" in o["content"]]
            check(len(on) == 1 and len(on[0]["object_refs"]) == 2 and
                  any(byid[r].get("name") == "Mateo" or byid[r].get("account_login") == "Mateo"
                      for r in on[0]["object_refs"] if r in byid),
                  "containment target: the note refers to the targeted asset")
            free = [o for o in actions if "Target: perimeter firewall" in o["content"]]
            check(len(free) == 1 and len(free[0]["object_refs"]) == 1,
                  "containment target: a free-text target refers to the incident only")
    print(f"{n} bundles checked, {len(failures)} failures")
    return 1 if failures or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
