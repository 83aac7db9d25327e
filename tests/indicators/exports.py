#!/usr/bin/env python3
"""exports.py BINARY SOURCE_DIR: what the exports claim about indicators.

- techniques: tests/golden/valid-techniques.yaml has five artifacts, two of which name
  techniques, and an email that names one: the STIX 2.1 bundle has `indicates` exactly for
  those pairs and the STIX 1 package `Indicated_TTP` exactly for them (read with lxml's
  XPath), none for the other indicators;
- every IOC type: one artifact of each type the format knows (IPv4-mapped and -compatible
  IPv6 spellings included) exported to both formats;
- email headers in every address form (tests/golden/v_email_addresses.yaml): no export holds
  an email address object whose value is not an address; names go to display_name (STIX 2.1)
  and bare names to the message's note only;
- every export here passes ../shared/tools/stix1-validate and stix2-validate --strict (skipped
  with a message when ../shared is absent).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from lxml import etree

binary, src = sys.argv[1], sys.argv[2]
tools = os.path.join(src, "..", "shared", "tools")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def render(path, outdir):
    r = subprocess.run([binary, "render", "-q", "--format", "stix1,stix2", "--outdir", outdir,
                        path], capture_output=True, text=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="1726574700"))
    if r.returncode != 0:
        fail(f"{path}: render: status {r.returncode}: {r.stderr}")
        return None, None
    base = os.path.join(outdir, os.path.basename(path)[:-len(".yaml")])
    return base + ".stix.xml", base + ".stix.json"


def validate(xml, js):
    if not os.path.isdir(tools):
        print(f"SKIP: {tools} absent: {xml} and {js} not validated")
        return
    for cmd in ([os.path.join(tools, "stix1-validate"), "-q", xml],
                [os.path.join(tools, "stix2-validate"), "-q", "--strict", js]):
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"{' '.join(cmd)}: status {r.returncode}: {r.stdout}{r.stderr}")


def stix2_indicates(js):
    b = json.load(open(js))
    objs = {o["id"]: o for o in b["objects"]}
    pairs = set()
    for o in b["objects"]:
        if o.get("relationship_type") == "indicates":
            pairs.add((objs[o["source_ref"]]["name"], objs[o["target_ref"]]["name"]))
    return pairs, [o["name"] for o in b["objects"] if o["type"] == "indicator"]


NS = {"stix": "http://stix.mitre.org/stix-1", "indicator": "http://stix.mitre.org/Indicator-2",
      "stixCommon": "http://stix.mitre.org/common-1", "ttp": "http://stix.mitre.org/TTP-1"}


def stix1_indicated(xml):
    t = etree.parse(xml)
    titles = {ttp.get("id"): ttp.findtext("ttp:Title", namespaces=NS)
              for ttp in t.xpath("//*[@id][ttp:Title]", namespaces=NS)}  # STIX 1.2: in the incident
    pairs = set()
    for ind in t.xpath("//stix:Indicator", namespaces=NS):
        title = ind.findtext("indicator:Title", namespaces=NS)
        for ref in ind.xpath("indicator:Indicated_TTP/stixCommon:TTP/@idref", namespaces=NS):
            pairs.add((title, titles.get(ref)))
    return pairs, len(t.xpath("//stix:Indicator", namespaces=NS))


with tempfile.TemporaryDirectory() as tmp:
    xml, js = render(os.path.join(src, "tests", "golden", "valid-techniques.yaml"), tmp)
    if js is not None:
        pairs, indicators = stix2_indicates(js)
        # STIX 2.1 attack-patterns carry MITRE's own names (a sub-technique's own name)
        want = {("Malicious url http://letsdefwnd.io/login", "Spearphishing Link"),
                ("Malicious domain letsdefwnd.io", "Impersonation"),
                ("Malicious email from voucher@letsdefwnd.io", "Phishing")}
        if pairs != want:
            fail(f"stix2 indicates {sorted(pairs)}, not {sorted(want)}")
        if len(indicators) != 6:
            fail(f"stix2: {len(indicators)} indicators, not 6: {indicators}")
        pairs, n = stix1_indicated(xml)
        want1 = {("Malicious url http://letsdefwnd.io/login",
                  "T1598.003: Phishing for Information: Spearphishing Link"),
                 ("Malicious domain letsdefwnd.io", "T1656: Impersonation"),
                 ("Malicious email Free voucher", "T1566: Phishing")}
        if pairs != want1:
            fail(f"stix1 Indicated_TTP {sorted(pairs)}, not {sorted(want1)}")
        if n != 6:
            fail(f"stix1: {n} indicators, not 6")
        validate(xml, js)

    xml, js = render(os.path.join(src, "tests", "golden", "v_email_addresses.yaml"), tmp)
    if js is not None:
        b = json.load(open(js))
        addrs = {o["value"]: o.get("display_name") for o in b["objects"]
                 if o["type"] == "email-addr"}
        for v in addrs:
            if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[a-z]+", v):
                fail(f"stix2: email-addr value {v!r} is not an address")
        want = {"voucher@letsdefwnd.io": "Desk, Voucher", "mateo@letsdefend.io": "Mateo",
                "jane@letsdefend.io": "Doe, Jane", "alice@example.org": "Alice",
                "carol@example.org": None}
        if addrs != want:
            fail(f"stix2 email-addr {addrs}, not {want}")
        notes = " ".join(o.get("content", "") for o in b["objects"] if o["type"] == "note")
        for name in ("To (name only): David", "Cc (name only): it-team", "To (name only): Dan"):
            if name not in notes:
                fail(f"stix2: no note says {name!r}")
        t = etree.parse(xml)
        for v in t.xpath("//*[@category='e-mail']/*[local-name()='Address_Value']/text()"):
            if "@" not in v:
                fail(f"stix1: e-mail Address_Value {v!r} is not an address")
        validate(xml, js)

    every = os.path.join(tmp, "every-type.yaml")
    values = [("ipv4", "45.33.23.183"), ("ipv6", "2001:db8::1"),
              ("ipv6", "::ffff:51.195.68.173"), ("ipv6", "::51.195.68.174"),
              ("cidr", "10.0.0.0/8"), ("cidr", "::ffff:51.195.68.0/120"),
              ("domain", "letsdefwnd.io"), ("hostname", "mail.mailerhost.net"),
              ("url", "http://letsdefwnd.io/login?a=1"), ("uri-path", "/wp-admin/x.php"),
              ("email", "voucher@letsdefwnd.io"), ("md5", "d41d8cd98f00b204e9800998ecf8427e"),
              ("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
              ("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
              ("sha512", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                         "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
              ("ssdeep", "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C"),
              ("filename", "invoice.pdf.exe"), ("filepath", "C:\\Users\\m\\evil.dll"),
              ("registry", "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
              ("process", "powershell.exe -enc AAAA"), ("user", "mateo"),
              ("user-agent", "Mozilla/5.0 (evil)"), ("port", "4444"),
              ("socket", "45.33.23.183:443"), ("socket", "[::ffff:51.195.68.175]:443"),
              ("socket", "c2.example.net:4444"), ("asn", "AS63949"),
              ("cve", "CVE-2023-23397"), ("mac", "00:1a:2b:3c:4d:5e"),
              ("string", "a free marker")]
    with open(every, "w") as f:
        f.write("reportgen: 1\nreport:\n  id: every-type\n  date: 2024-09-17T12:05:00Z\n"
                "mitre:\n  - technique: T1071.001\n    tactic: Command and Control\n"
                "artifacts:\n")
        for t, v in values:
            f.write(f"  - value: {json.dumps(v)}\n    type: {t}\n    techniques: T1071.001\n")
    types = {t for t, _ in values}
    schema = json.load(open(os.path.join(src, "docs", "incident.schema.json")))
    known = set(schema["$defs"]["artifact"]["properties"]["type"]["anyOf"][0]["anyOf"][0]["enum"])
    if types != known:
        fail(f"the test misses the types {sorted(known - types)}")
    xml, js = render(every, tmp)
    if js is not None:
        b = json.load(open(js))
        for o in b["objects"]:
            if o["type"] == "ipv6-addr" and "." in o["value"]:
                fail(f"stix2: ipv6-addr {o['value']} has a dotted tail")
        indicates = sum(o.get("relationship_type") == "indicates" for o in b["objects"])
        if indicates == 0:
            fail("stix2: no indicator indicates the technique every artifact names")
        validate(xml, js)
    print(f"indicators: {len(values)} artifacts of {len(types)} types exported")

sys.exit(1 if failures else 0)
