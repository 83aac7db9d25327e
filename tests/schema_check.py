#!/usr/bin/python3
"""schema_check.py: docs/incident.schema.json accepts every example and valid golden input and
rejects every invalid golden input whose fault JSON Schema can express (the others are listed
below with the reason). Uses Debian's python3-jsonschema and python3-yaml."""
import glob, json, os, sys

try:
    import jsonschema, yaml
except ImportError as e:
    print("SKIP: python3-jsonschema or python3-yaml missing:", e)
    sys.exit(1)  # both are installed by build.sh: a missing one is a failure

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# Faults no JSON Schema can see: YAML syntax and encoding (the file does not parse), time
# values (every form is a string), references between parts, files on disk, duplicates.
INEXPRESSIBLE = {
    "err-alias-undefined", "err-bom-utf16", "err-control-char", "err-invalid-utf8",
    "err-non-scalar-key", "err-second-document", "err-syntax-colon-in-value",
    "err-syntax-eof-in-quote", "err-syntax-indent", "err-syntax-tab", "err-syntax-unclosed-quote",
    "err-duplicate-key", "err-nul-escape", "err-block-empty-content",
    "err-table-duplicate-column", "err-table-row-column", "err-table-row-length",
    "err-time-format", "err-time-hour", "err-time-invalid-date", "err-time-offset",
    "err-timezone-dst-gap", "err-timezone-unknown-name", "err-time-12-hour",
    "err-time-human-no-zone", "err-time-month-name", "err-time-numeric", "err-time-weekday",
    "err-time-zone-abbrev",
    # markings: what an edition keeps is decided by the command line
    "err-tlp-edition-empty", "err-tlp-leak",
    "v_artifact_values", "v_block_refs_no_emails", "v_event_asset_duplicate_names", "v_image",
    # techniques: names an entry of mitre (a reference between parts)
    "v_techniques_unknown",
    # object groups: what the artifacts sharing a name give (references between parts)
    "v_artifact_objects_bad",
}


class Loader(yaml.SafeLoader):
    pass


# times stay strings, as the loader reads them
Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda l, n: l.construct_scalar(n))


def invalid(path):
    diag = path[:-5] + ".diag"
    return os.path.exists(diag) and ": error: " in open(diag, encoding="utf-8").read()


def main():
    schema = json.load(open(os.path.join(top, "docs/incident.schema.json"), encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    files = sorted(glob.glob(os.path.join(top, "examples/*.yaml")) +
                   glob.glob(os.path.join(top, "tests/golden/*.yaml")))
    passed = failed = 0
    for path in files:
        name = os.path.basename(path)[:-5]
        bad = invalid(path)
        try:
            doc = yaml.load(open(path, encoding="utf-8"), Loader=Loader)
            errs = [e.message for e in v.iter_errors(doc)]
        except Exception as e:  # unparsable YAML: only invalid inputs may be so
            errs = ["not YAML: %s" % str(e).splitlines()[0]]
        if not bad and errs:
            print("FAIL %s: valid, but the schema rejects it: %s" % (name, errs[0]))
            failed += 1
        elif bad and not errs and name not in INEXPRESSIBLE:
            print("FAIL %s: invalid, but the schema accepts it" % name)
            failed += 1
        elif bad and errs and name in INEXPRESSIBLE and not errs[0].startswith("not YAML"):
            print("FAIL %s: listed as inexpressible, but the schema rejects it: drop it from "
                  "the list" % name)
            failed += 1
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
