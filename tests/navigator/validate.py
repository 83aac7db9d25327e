#!/usr/bin/env python3
"""validate.py BINARY SOURCE_DIR: ATT&CK Navigator layers against docs/navigator-layer-4.5.schema.json
with Debian's python3-jsonschema (Draft 2020-12).

- MITRE's own layer examples (tests/navigator/mitre/, from the layer format definition) are
  valid; MITRE's older sample layer (format 3.0) and a layer of ours stripped of its
  versions.layer are not, so the schema is no yes-machine;
- every example's `render --format navigator` output is valid, names the bundled ATT&CK
  version, and each technique/tactic pair is one the bundled tables have (the technique is
  current and under that tactic); a parent of a used sub-technique has showSubtechniques.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, "/usr/lib/python3/dist-packages")  # Debian's python3-jsonschema
import jsonschema  # noqa: E402

binary, src = sys.argv[1], sys.argv[2]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


schema = json.load(open(os.path.join(src, "docs", "navigator-layer-4.5.schema.json")))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)


def errors(doc):
    return [e.message for e in validator.iter_errors(doc)]


mitre = os.path.join(src, "tests", "navigator", "mitre")
for name in ("layerformat-4.5-example.json", "layerformat-4.5-example-list.json"):
    errs = errors(json.load(open(os.path.join(mitre, name))))
    if errs:
        fail(f"MITRE's {name} is invalid: {errs[:3]}")
old = json.load(open(os.path.join(mitre, "Black_Pins-3.0.json")))
if not errors(old):
    fail("MITRE's format 3.0 sample Black_Pins.json passes as a 4.5 layer")

data = os.path.join(src, "data", "attack")
info = dict(r for r in csv.reader(open(os.path.join(data, "enterprise-info.tsv")), delimiter="\t"))
techniques = {}
with open(os.path.join(data, "enterprise-techniques.tsv"), newline="") as f:
    for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        techniques[row["id"]] = row

examples = sorted(f for f in os.listdir(os.path.join(src, "examples")) if f.endswith(".yaml"))
pairs = 0
with tempfile.TemporaryDirectory() as tmp:
    for ex in examples:
        out = os.path.join(tmp, ex.replace(".yaml", ".layer.json"))
        r = subprocess.run([binary, "render", "--format", "navigator", "-o", out,
                            os.path.join(src, "examples", ex)], capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"{ex}: render --format navigator: status {r.returncode}: {r.stderr}")
            continue
        layer = json.load(open(out))
        for e in errors(layer):
            fail(f"{ex}: {e}")
        if layer.get("versions", {}).get("attack") != info["version"]:
            fail(f"{ex}: versions.attack is {layer.get('versions')}, not {info['version']}")
        used = {t["techniqueID"] for t in layer["techniques"] if "score" in t}
        if not used:
            fail(f"{ex}: no technique in the layer")
        for t in layer["techniques"]:
            row = techniques.get(t["techniqueID"])
            if row is None or row["revoked"] == "true" or row["deprecated"] == "true":
                fail(f"{ex}: {t['techniqueID']} is not a current technique of v{info['version']}")
            elif t["tactic"] not in row["tactics"].split(","):
                fail(f"{ex}: {t['techniqueID']} is not under {t['tactic']}")
            pairs += 1
            parent = t["techniqueID"].split(".")[0]
            if "." in t["techniqueID"] and not any(
                    p["techniqueID"] == parent and p["tactic"] == t["tactic"] and
                    p.get("showSubtechniques") for p in layer["techniques"]):
                fail(f"{ex}: {parent} lacks showSubtechniques under {t['tactic']}")
        stripped = dict(layer, versions={"navigator": "5.1.0"})
        if not errors(stripped):
            fail(f"{ex}: the layer passes without versions.layer")

print(f"navigator: {len(examples)} examples, {pairs} technique/tactic pairs, "
      f"{len(failures)} failed")
sys.exit(1 if failures else 0)
