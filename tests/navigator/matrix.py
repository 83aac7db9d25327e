#!/usr/bin/env python3
"""matrix.py: the ATT&CK matrix of a report, read from its hidden `layout` dump.

As a module: read(text) gives the matrix (the first table after the "A.1 MITRE ATT&CK"
heading): its columns in order, with their header text and x extent, the technique ids drawn
in each, the cell fills, and the size of each page it is on; problems(m) lists what is wrong
with it as drawn (an id past its column, overlapping fills, a column past its page).

As a program: matrix.py LAYOUT 'Tactic name=ID,ID,...' ...: the columns must be exactly those
tactics in that order, each holding exactly those ids, and problems() must be empty; exit 0
when so, 1 with the differences printed.
"""
import re
import sys

OP = re.compile(r'^  r(\d+)(?:c(\d+))? (text|link|fill) ([-\d.]+) ([-\d.]+) (\S+) (\S+)(.*)$')
PAGE = re.compile(r'^page (\d+) ([\d.]+) x ([\d.]+)( landscape)?$')
HEADING = re.compile(r'^  text \S+ \S+ sans-bold .*"A\.1\W+MITRE ATT&CK"$')
TID = re.compile(r'"(T\d{4}(?:\.\d{3})?)"$')


class Matrix:
    def __init__(self):
        self.heads = {}    # column number -> [x of its text, header text]
        self.cells = []    # [row, column, x, id, width of its link or None]
        self.fills = []    # (x, y, w, h) of body cells
        self.table = None  # (x, w) of the header row's fill: the table's extent
        self.pages = []    # (page number, width, height) of the pages it is drawn on

    def columns(self):
        """[(header text, left, right)] in column order; a column runs from its left edge
        to the next column's (the last to the table's right edge)."""
        cols = sorted(self.heads)
        pad = self.heads[cols[0]][0] - self.table[0] if cols else 0
        out = []
        for i, c in enumerate(cols):
            left = self.heads[c][0] - pad
            right = (self.heads[cols[i + 1]][0] - pad if i + 1 < len(cols)
                     else self.table[0] + self.table[1])
            out.append((self.heads[c][1], left, right))
        return out

    def ids(self):
        """{header text: [ids drawn in that column, top to bottom]}"""
        cols = sorted(self.heads)
        out = {self.heads[c][1]: [] for c in cols}
        for row, col, x, tid, w in self.cells:
            if col in self.heads:
                out[self.heads[col][1]].append(tid)
        return out


def read(text):
    """The matrix of a layout dump, or None when it has no ATT&CK appendix with a table."""
    lines = text.splitlines()
    found = [i for i, l in enumerate(lines) if HEADING.match(l)]
    if not found:
        return None
    start = found[-1]  # the heading, not the contents' entry
    page = None
    for line in lines[:start]:
        p = PAGE.match(line)
        if p:
            page = (int(p[1]), float(p[2]), float(p[3]))
    m, last = Matrix(), None
    for line in lines[start + 1:]:
        p = PAGE.match(line)
        if p:
            page = (int(p[1]), float(p[2]), float(p[3]))
            continue
        o = OP.match(line)
        if o is None:  # rules, page furniture, headings: the table goes on
            continue
        row, col, kind = int(o[1]), int(o[2]) if o[2] else 0, o[3]
        x, y = float(o[4]), float(o[5])
        if row == 1 and col == 0 and kind == "fill":
            if m.cells and m.table is not None and (x, float(o[6])) == m.table:
                continue  # the header repeated after a page break, or the next table's
            elif m.cells:
                break  # the next table
            else:
                m.table = (x, float(o[6]))
        elif row == 1 and kind == "text":
            word = line.split('"', 1)[1].rstrip('"')
            if m.cells and col in m.heads and m.heads[col][0] == x and word in m.heads[col][1]:
                continue  # the header repeated on the next page: its body rows tell
            elif m.cells:
                break  # the header of the next table
            elif col in m.heads:  # a header wrapped over lines
                m.heads[col][1] += " " + word
            else:
                m.heads[col] = [x, word]
        elif row > 1 and kind == "text" and TID.search(line):
            last = [row, col, x, TID.search(line)[1], None]
            m.cells.append(last)
        elif row > 1 and kind == "link" and last is not None and last[4] is None:
            last[4] = float(o[6])
        elif row > 1 and kind == "fill" and col > 0:
            m.fills.append((x, y, float(o[6]), float(o[7])))
        if page is not None and (not m.pages or m.pages[-1] != page):
            m.pages.append(page)
    if not m.heads or not m.cells or m.table is None:
        return None
    return m


def problems(m):
    """What is wrong with the matrix as drawn."""
    out = []
    cols = dict((c, (left, right)) for c, (name, left, right) in zip(sorted(m.heads), m.columns()))
    for row, col, x, tid, w in m.cells:
        if col not in cols:
            out.append(f"{tid} is in column {col}, which has no tactic")
            continue
        left, right = cols[col]
        if x < left - 0.01 or x + (w or 0) > right + 0.01:
            out.append(f"{tid} ({x:.2f}+{w}) is outside its column [{left:.2f}, {right:.2f}]")
    for i, a in enumerate(m.fills):
        for b in m.fills[i + 1:]:
            if (a[0] < b[0] + b[2] - 0.01 and b[0] < a[0] + a[2] - 0.01 and
                    a[1] < b[1] + b[3] - 0.01 and b[1] < a[1] + a[3] - 0.01):
                out.append(f"cells overlap: {a} and {b}")
    for page, width, height in m.pages:
        if m.table[0] < 0 or m.table[0] + m.table[1] > width + 0.01:
            out.append(f"the table [{m.table[0]:.2f}, {m.table[0] + m.table[1]:.2f}] runs past "
                       f"page {page}, {width:.2f} wide")
    return out


def main(argv):
    if len(argv) < 2:
        print("usage: matrix.py LAYOUT 'Tactic name=ID,ID,...' ...", file=sys.stderr)
        return 2
    m = read(open(argv[1], encoding="utf-8").read())
    if m is None:
        print(f"FAIL: {argv[1]}: no ATT&CK matrix")
        return 1
    want = [a.split("=", 1) for a in argv[2:]]
    fails = problems(m)
    got = m.ids()
    names = [c[0] for c in m.columns()]
    if names != [w[0] for w in want]:
        fails.append(f"columns {names}, not {[w[0] for w in want]}")
    for name, ids in want:
        if sorted(got.get(name, [])) != sorted(ids.split(",")):
            fails.append(f"column {name} holds {got.get(name)}, not {ids.split(',')}")
    for f in fails:
        print(f"FAIL: {argv[1]}: {f}")
    print(f"matrix: {len(names)} columns ({', '.join(names)}), {len(m.cells)} ids, pages "
          f"{', '.join(f'{p} ({w:.0f} x {h:.0f})' for p, w, h in m.pages)}, "
          f"{len(fails)} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
