#!/usr/bin/env python3
"""manpage.py BINARY SOURCE_DIR: docs/reportgen.1 lints clean and documents the binary.

- groff -man -ww -z and mandoc -Tlint print nothing (both are packages build.sh installs);
- the .TP items of OPTIONS list exactly the options of the binary's option tables, as
  `reportgen help --options [COMMAND]` prints them for every command of `help --commands`;
- COMMANDS has an item for every command, the --format item names every format;
- ENVIRONMENT names every variable the sources read with getenv();
- the page has the sections a manual needs.
"""
import os
import re
import shutil
import subprocess
import sys

binary, src = sys.argv[1], sys.argv[2]
page = os.path.join(src, "docs", "reportgen.1")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(*args):
    return subprocess.run([binary, *args], capture_output=True, text=True, check=True).stdout


for tool in (["groff", "-man", "-ww", "-z", page], ["mandoc", "-Tlint", page]):
    if shutil.which(tool[0]) is None:
        fail(f"{tool[0]} is missing (build.sh installs it)")
        continue
    r = subprocess.run(tool, capture_output=True, text=True)
    if r.returncode != 0 or r.stdout or r.stderr:
        fail(f"{' '.join(tool[:-1])} complains:\n{r.stdout}{r.stderr}")

text = open(page, encoding="utf-8").read()
lines = text.split("\n")


def section(name):
    """The lines of .SH name, up to the next .SH."""
    out, inside = [], False
    for line in lines:
        if line.startswith(".SH"):
            inside = line[3:].strip().strip('"') == name
        elif inside:
            out.append(line)
    return out


def items(sec):
    """The tag lines of the .TP items of a section."""
    return [sec[i + 1] for i, line in enumerate(sec[:-1]) if line.startswith(".TP")]


def spellings(tag):
    """Option spellings in a roff tag line: \\-\\-name and \\-x."""
    tag = re.sub(r"\\f[BIRP]", "", tag)
    longs = re.findall(r"\\-\\-([a-z][a-z0-9-]*(?:\\-[a-z0-9]+)*)", tag)
    longs = ["--" + n.replace("\\-", "-") for n in longs]
    shorts = ["-" + c for c in re.findall(r"(?<![\\-])\\-([A-Za-z])(?![a-z\\])", tag)]
    return set(longs) | set(shorts)


documented = set()
for tag in items(section("OPTIONS")):
    documented |= spellings(tag)

accepted = {}
commands = run("help", "--commands").split()
for cmd in [None] + commands:
    for line in run("help", "--options", *([cmd] if cmd else [])).splitlines():
        for word in line.split():
            accepted.setdefault(word.rstrip("="), set()).add(cmd or "(no command)")

for opt in sorted(set(accepted) - documented):
    fail(f"option {opt} ({', '.join(sorted(accepted[opt]))}) is accepted but has no .TP item "
         "under OPTIONS in docs/reportgen.1")
for opt in sorted(documented - set(accepted)):
    fail(f"docs/reportgen.1 documents {opt}, which no command accepts")
if not accepted:
    fail("the binary listed no options")

command_items = " ".join(items(section("COMMANDS")))
for cmd in commands:
    if not re.search(r"\.BR? " + re.escape(cmd) + r"\b", command_items):
        fail(f"command {cmd} has no item under COMMANDS")

format_part = text[text.find("\\-\\-format="):text.find("\\-\\-outdir=")]
for fmt in run("help", "--formats").split():
    if f".B {fmt}\n" not in format_part:
        fail(f"format {fmt} is not listed under --format")

environment = "\n".join(section("ENVIRONMENT"))
for root, _, files in os.walk(os.path.join(src, "reportgen")):
    for f in files:
        if f.endswith(".c"):
            code = open(os.path.join(root, f), encoding="utf-8").read()
            for var in set(re.findall(r'getenv\("([A-Z_][A-Z0-9_]*)"\)', code)):
                if ".B " + var.replace("_", "_") not in environment:
                    fail(f"{var} (read in {f}) is not under ENVIRONMENT")

for sec in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS",
            "ENVIRONMENT", "FILES", "EXAMPLES"):
    if not section(sec):
        fail(f"section {sec} is missing")

status = "\n".join(section("EXIT STATUS"))
for code in "0123":
    if f".B {code}\n" not in status:
        fail(f"exit status {code} is not described")

print(f"manpage: {len(documented)} option spellings documented, {len(accepted)} accepted, "
      f"{len(commands)} commands; {len(failures)} failed")
sys.exit(1 if failures else 0)
