#!/usr/bin/env python3
"""defang.py BINARY SOURCE_DIR: the PDF shows every non-benign artifact value defanged wherever
it is, read back with pdftotext (poppler-utils, installed by build.sh).

tests/golden/valid-defang-everywhere.yaml names the malicious IP 45.33.23.183 in prose, a
table cell, a table caption, a heading, a containment target, a code block, a fact, the title
(running header and PDF metadata) and a technique comment; the malicious domain, URL and
email in prose, an email's fields and a code block; a socket inside a string artifact in
prose; and the organisation's benign domain in prose. None of the non-benign values may be
live; the benign one must stay as written; with --no-defang everything is live. The artifact
that names a technique (techniques:) is listed under it in the ATT&CK table, and the
technique beside the artifact in the artifacts table.
"""
import os
import re
import subprocess
import sys
import tempfile

binary, src = sys.argv[1], sys.argv[2]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


case = os.path.join(src, "tests", "golden", "valid-defang-everywhere.yaml")
LIVE = [r"45\.33\.23\.183", r"(?i)(?<![\w.])letsdefwnd\.io", r"http://letsdefwnd",
        r"voucher@", r"161\.22\.46\.148"]


def text_of(tmp, *opts):
    out = os.path.join(tmp, "x.pdf")
    r = subprocess.run([binary, "render", "-q", *opts, "-o", out, case], capture_output=True,
                       text=True)
    if r.returncode != 0:
        fail(f"render {opts}: status {r.returncode}: {r.stderr}")
        return "", ""
    t = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True)
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True)
    return t.stdout, info.stdout


with tempfile.TemporaryDirectory() as tmp:
    text, info = text_of(tmp)
    for pat in LIVE:
        for line in text.splitlines() + info.splitlines():
            if re.search(pat, line):
                fail(f"live {pat!r} in: {line.strip()}")
    # each place shows the defanged form
    places = {
        "prose": r"beaconed to 45\[\.\]33\[\.\]23\[\.\]183",
        "table cell": r"12:05\s+45\[\.\]33\[\.\]23\[\.\]183:443",
        "containment target": r"Block the C2 address at the firewall\s+45\[\.\]33\[\.\]23\[\.\]183",
        "code block": r"nc 45\[\.\]33\[\.\]23\[\.\]183 443",
        "caption": r"Proxy log lines for 45\[\.\]33\[\.\]23\[\.\]183",
        "heading": r"Connections to 45\[\.\]33\[\.\]23\[\.\]183",
        "fact": r"C2\s+45\[\.\]33\[\.\]23\[\.\]183",
        "url in code": r"curl -s hxxp://letsdefwnd\[\.\]io/login",
        "email field": r"voucher\[@\]letsdefwnd\[\.\]io",
        "socket in a string artifact": r"161\[\.\]22\[\.\]46\[\.\]148 on 443",
        "benign domain": r"Staff use\s+LetsDefend\.io daily",
        "technique comment": r"Beacons over HTTP to[\s\S]{0,80}?45\[\.\]33\[\.\]23\[\.\]183",
        # techniques: links shown both ways: the artifact under its technique, the
        # technique beside its artifact
        "artifact beside its technique": r"Web Protocols[\s\S]{0,200}?"
                                         r"Evidence: 45\[\.\]33\[\.\]23\[\.\]183",
        "technique beside its artifact": r"45\[\.\]33\[\.\]23\[\.\]183\s+Malicious\s+"
                                         r"Techniques: T1071\.001",
    }
    for name, pat in places.items():
        if not re.search(pat, text):
            fail(f"{name}: no match for {pat!r}")
    if "45[.]33[.]23[.]183" not in info:
        fail("the PDF title metadata does not carry the defanged IP")
    live, _ = text_of(tmp, "--no-defang")
    for pat in (r"beaconed to 45\.33\.23\.183", r"nc 45\.33\.23\.183 443",
                r"161\.22\.46\.148 on 443"):
        if not re.search(pat, live):
            fail(f"--no-defang: no live {pat!r}")
print(f"defang: {len(failures)} failed")
sys.exit(1 if failures else 0)
