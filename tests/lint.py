#!/usr/bin/env python3
# lint.py: the checks that keep the architecture: include layers, call cycles between files, clang-format.
# usage: tests/lint.py [BUILD_DIR]   (default build/; run through ./build.sh lint)
# Exits 1 when a check fails, naming the offending include, the files of a cycle and the
# symbols that tie them, or the files clang-format would change.
import os
import re
import subprocess
import sys

# Which folder of reportgen/ may include the headers of which: mirrors RG_USES_* in
# CMakeLists.txt (checked below). Edit both together. reportgen.h may be included by all.
LAYERS = """
core:
model:       core
load:        core model
validate:    core model
typeset:     core
format/pdf:  core model load typeset
format/stix: core model
format:      core model format/pdf typeset
cli:         core
"""
PUBLIC = "reportgen.h"
CLANG_FORMAT = "clang-format-14"  # Debian bookworm's; ./build.sh lint installs it
FORMAT_DIRS = ("reportgen", "tests", "fuzz", "bench")

TOP = os.path.realpath(os.path.join(os.path.dirname(__file__), ".."))
SRC = os.path.join(TOP, "reportgen")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layers():
    """The table above as {folder: set of folders it may use}."""
    table = {}
    for line in LAYERS.strip().splitlines():
        name, _, uses = line.partition(":")
        table[name.strip()] = set(uses.split())
    return table


def cmake_layers():
    """RG_USES_* of CMakeLists.txt as {folder: set}, to keep the table honest."""
    text = open(os.path.join(TOP, "CMakeLists.txt")).read()
    return {m.group(1): set(m.group(2).replace('""', "").split())
            for m in re.finditer(r"^set\(RG_USES_(\S+)\s*(.*?)\)", text, re.M)}


def folder_of(path, table):
    """The table's folder holding a file of reportgen/ (the nearest listed ancestor)."""
    d = os.path.relpath(os.path.dirname(path), SRC)
    while d not in table and d not in ("", "."):
        d = os.path.dirname(d)
    return d if d in table else None


def sources(root, exts):
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith(exts):
                yield os.path.join(dirpath, f)


def resolve(inc, src, headers):
    """The file an #include "inc" in src names: beside src, then from reportgen/, then by
    base name anywhere in reportgen/. None for a header outside the tree (generated)."""
    for base in (os.path.dirname(src), SRC):
        p = os.path.normpath(os.path.join(base, inc))
        if os.path.isfile(p) and p.startswith(SRC + os.sep):
            return p
    found = headers.get(os.path.basename(inc), [])
    return found[0] if len(found) == 1 else None


def check_includes(table):
    """Prints every include that crosses the layers; returns how many."""
    files = list(sources(SRC, (".c", ".h")))
    headers = {}
    for f in files:
        if f.endswith(".h"):
            headers.setdefault(os.path.basename(f), []).append(f)
    bad = 0
    for f in files:
        mine = folder_of(f, table)
        if mine is None:
            continue
        text = open(f, encoding="utf-8", errors="replace").read()
        for m in INCLUDE.finditer(text):
            target = resolve(m.group(1), f, headers)
            if target is None or target == os.path.join(SRC, PUBLIC):
                continue
            theirs = folder_of(target, table)
            if theirs is None or theirs == mine or theirs in table[mine]:
                continue
            line = text.count("\n", 0, m.start()) + 1
            print(f"include: {os.path.relpath(f, TOP)}:{line}: {mine} may not include {theirs} "
                  f"(\"{m.group(1)}\" is {os.path.relpath(target, TOP)})")
            bad += 1
    return bad


def objects(build):
    """Every object of the library's object libraries: {name for printing: path}."""
    objs = {}
    cmf = os.path.join(build, "CMakeFiles")
    for d in sorted(os.listdir(cmf)) if os.path.isdir(cmf) else []:
        if not (d.startswith("rg_") and d.endswith(".dir")):
            continue
        for o in sources(os.path.join(cmf, d), (".o",)):
            rel = os.path.relpath(o, os.path.join(cmf, d))[:-2]
            rel = re.sub(r"^.*?(reportgen/)", r"\1", rel)
            # an object whose source is gone (a file removed since) is no part of the library
            if os.path.isfile(os.path.join(TOP, rel)) or os.path.isfile(os.path.join(build, rel)):
                objs[rel] = o
    return objs


def symbols(path):
    """(defined, undefined) external symbols of one object, from nm -P."""
    out = subprocess.run(["nm", "-P", path], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) < 2:
            continue
        if f[1] == "U":
            undefined.add(f[0])
        elif f[1] in "TDBRCGSVW":
            defined.add(f[0])
    return defined, undefined


def sccs(graph):
    """Tarjan's strongly connected components of {node: set of nodes}, iteratively."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = n
        n += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = n
                    n += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
    return out


def check_cycles(build):
    """Prints every cycle of calls between files with the symbols that tie it; returns how
    many. -1 when there are no objects to read."""
    objs = objects(build)
    if not objs:
        print(f"cycles: no objects under {build}/CMakeFiles/rg_*.dir (build first)")
        return -1
    syms = {name: symbols(path) for name, path in objs.items()}
    owner = {}
    for name, (defined, _) in syms.items():
        for s in defined:
            owner.setdefault(s, name)
    ties = {name: {} for name in objs}
    for name, (_, undefined) in syms.items():
        for s in undefined:
            o = owner.get(s)
            if o is not None and o != name:
                ties[name].setdefault(o, []).append(s)
    comps = [c for c in sccs({a: set(b) for a, b in ties.items()}) if len(c) > 1]
    for c in sorted(comps):
        print(f"cycle: {' '.join(c)}")
        for a in c:
            for b in sorted(ties[a]):
                if b in c:
                    print(f"  {a} -> {b}: {', '.join(sorted(ties[a][b]))}")
    return len(comps)


def check_format():
    """Prints the C sources clang-format would change; returns how many."""
    files = [f for d in FORMAT_DIRS for f in sources(os.path.join(TOP, d), (".c", ".h"))]
    bad = []
    for f in files:
        r = subprocess.run([CLANG_FORMAT, "--dry-run", "-Werror", f], cwd=TOP,
                           capture_output=True, text=True)
        if r.returncode != 0:
            bad.append(os.path.relpath(f, TOP))
    for f in bad:
        print(f"format: {f}: not clang-formatted ({CLANG_FORMAT} --dry-run -Werror {f})")
    return len(bad)


def main():
    build = os.path.realpath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "build"))
    table, failed = layers(), False
    if cmake_layers() != table:
        print("layers: the table in tests/lint.py differs from RG_USES_* in CMakeLists.txt")
        failed = True
    checks = [("include layers", lambda: check_includes(table)),
              ("call cycles", lambda: check_cycles(build)),
              ("clang-format", check_format)]
    for name, check in checks:
        n = check()
        print(f"lint: {name}: {'ok' if n == 0 else 'FAILED'}")
        failed |= n != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
