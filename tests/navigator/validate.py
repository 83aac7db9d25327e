#!/usr/bin/env python3
"""validate.py BINARY SOURCE_DIR: ATT&CK Navigator layers against docs/navigator-layer-4.5.schema.json
with Debian's python3-jsonschema (Draft 2020-12).

- MITRE's own layers (tests/navigator/mitre/: the layer format definition's examples, and
  changelog and asset layers attack.mitre.org publishes) are valid; MITRE's older sample layer (format 3.0) and a layer of ours stripped of its
  versions.layer are not, so the schema is no yes-machine;
- every example's `render --format navigator` output is valid, names the bundled ATT&CK
  version, and each technique/tactic pair is one the bundled tables have (the technique is
  current and under that tactic); a parent of a used sub-technique has showSubtechniques;
- each entry's score is the number of artifacts and emails whose `techniques:` name it (by
  id or name), at least 1, and the gradient's maxValue is the highest score; one example
  links techniques, so the scores are not all 1;
- the matrix of the PDF's ATT&CK appendix, read from the hidden `layout` format (matrix.py):
  its columns are tactics in the data's order, every pair of the layer is a technique id drawn
  inside the column of its tactic (named by the data), no id runs past its column, no two
  cell fills overlap, and the table stays inside one portrait page;
- an incident made here with every tactic of the data (each with its longest-named
  technique and sub-technique): its matrix has every tactic as a column and passes the same
  checks on one landscape page, no word or id broken.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, "/usr/lib/python3/dist-packages")  # Debian's python3-jsonschema
import jsonschema  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import matrix  # noqa: E402

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
for name in ("layerformat-4.5-example.json", "layerformat-4.5-example-list.json",
             "changelog-v15.0-v15.1-layer-enterprise.json",
             "changelog-v18.0-v18.1-layer-mobile.json", "A0001-ics-layer.json"):
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

tactic_names = {}
with open(os.path.join(data, "enterprise-tactics.tsv"), newline="") as f:
    for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        tactic_names[row["shortname"]] = (int(row["order"]), row["name"])
tactic_names = {k: v[1] for k, v in sorted(tactic_names.items(), key=lambda kv: kv[1][0])}


def check_matrix(ex, path, layer, tmp):
    """The matrix of the PDF, read from the layout dump (matrix.py); returns it, or None."""
    out = os.path.join(tmp, ex + ".layout")
    r = subprocess.run([binary, "render", "--format", "layout", "-o", out, path],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{ex}: render --format layout: {r.stderr}")
        return None
    m = matrix.read(open(out, encoding="utf-8").read())
    if m is None:
        fail(f"{ex}: no matrix in the ATT&CK appendix of the layout")
        return None
    for p in matrix.problems(m):
        fail(f"{ex}: {p}")
    seen = m.ids()
    for t in layer["techniques"]:
        name = tactic_names.get(t["tactic"])
        if t["techniqueID"] not in seen.get(name, []):
            fail(f"{ex}: {t['techniqueID']} is not in the matrix column {name}")
    if len(m.pages) > 1:  # a picture: kept whole when a page holds it
        fail(f"{ex}: the matrix is split over pages {[p[0] for p in m.pages]}")
    order = [n for n in tactic_names.values() if n in seen]
    if list(seen) != order:
        fail(f"{ex}: matrix columns {list(seen)}, not in the data's order {order}")
    return m


def row_name(tid):
    row = techniques.get(tid)
    return row["name"] if row else ""


def expected_scores(path):
    """technique id -> artifacts and emails naming it (techniques:), from the YAML."""
    doc = yaml.safe_load(open(path))
    names = {}
    for m in doc.get("mitre") or []:
        tid = str(m.get("technique", ""))
        for n in (tid, str(m.get("name", "")), row_name(tid)):
            if n:
                names.setdefault(n.lower(), tid)
    counts = {}
    for item in (doc.get("artifacts") or []) + (doc.get("emails") or []):
        techs = item.get("techniques") or []
        techs = [techs] if isinstance(techs, str) else techs
        for tid in {names.get(str(t).strip().lower()) for t in techs} - {None}:
            counts[tid] = counts.get(tid, 0) + 1
    return counts


def check_scores(ex, path, layer):
    """Scores from techniques:, at least 1; returns how many entries score above 1."""
    counts = expected_scores(path)
    top, linked = 1, 0
    for t in layer["techniques"]:
        if "score" not in t:
            continue
        want = max(1, counts.get(t["techniqueID"], 0))
        top = max(top, want)
        linked += want > 1
        if t["score"] != want:
            fail(f"{ex}: {t['techniqueID']} scores {t['score']}, not {want}")
    if layer.get("gradient", {}).get("maxValue") != top:
        fail(f"{ex}: gradient maxValue is {layer.get('gradient')}, not {top}")
    return linked


def check_layer(ex, path, tmp):
    """The layer of the incident at path, valid and true to the data; returns it, or None."""
    global pairs
    out = os.path.join(tmp, ex.replace(".yaml", ".layer.json"))
    r = subprocess.run([binary, "render", "--format", "navigator", "-o", out, path],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{ex}: render --format navigator: status {r.returncode}: {r.stderr}")
        return None
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
    return layer


def wide_incident(path):
    """An incident using every tactic of the data, each with its current technique and
    sub-technique of the longest names: a matrix as wide as the version's."""
    lines = ["reportgen: 1", "report:", '  id: "wide"', '  title: "Every tactic"',
             "  date: 2025-12-01T10:00:00Z", "mitre:"]
    for short in tactic_names:
        cur = [r for r in techniques.values() if short in r["tactics"].split(",") and
               r["revoked"] == "false" and r["deprecated"] == "false"]
        for sub in ("false", "true"):
            rows = [r for r in cur if r["is_subtechnique"] == sub]
            if rows:
                r = max(rows, key=lambda r: (len(r["name"]), r["id"]))
                lines += [f"  - technique: {r['id']}", f"    tactic: {short}"]
    open(path, "w").write("\n".join(lines) + "\n")


examples = sorted(f for f in os.listdir(os.path.join(src, "examples")) if f.endswith(".yaml"))
pairs = 0
linked = 0
with tempfile.TemporaryDirectory() as tmp:
    for ex in examples:
        path = os.path.join(src, "examples", ex)
        layer = check_layer(ex, path, tmp)
        linked += check_scores(ex, path, layer) if layer else 0
        m = layer and check_matrix(ex, path, layer, tmp)
        if m and any(w > h for p, w, h in m.pages):
            fail(f"{ex}: its matrix of {len(m.heads)} columns is on a landscape page")
    # every tactic: the matrix fitted (smaller text), on a landscape page, no word broken
    path = os.path.join(tmp, "wide.yaml")
    wide_incident(path)
    layer = check_layer("wide.yaml", path, tmp)
    m = layer and check_matrix("wide.yaml", path, layer, tmp)
    if m:
        if len(m.heads) != len(tactic_names):
            fail(f"wide.yaml: {len(m.heads)} matrix columns, not {len(tactic_names)}")
        if not all(w > h for p, w, h in m.pages):
            fail(f"wide.yaml: the matrix of every tactic is not on a landscape page: "
                 f"{m.pages}")
        print(f"wide.yaml: {len(m.heads)} columns, {len(m.cells)} ids, pages {m.pages}")

if linked == 0:
    fail("no example links a technique to more than one artifact or email")
print(f"navigator: {len(examples)} examples and one of every tactic, {pairs} technique/tactic pairs, "
      f"{len(failures)} failed")
sys.exit(1 if failures else 0)
