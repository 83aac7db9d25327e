#!/usr/bin/env python3
"""font_glyphs.py PDF: checks that every code the pages draw maps to a real glyph.

For each page, reads the content stream's font selections (Tf) and strings (Tj, hex or
literal, two bytes a code), and
for each code: the font's CIDToGIDMap gives a glyph id that is not 0 (.notdef), the
embedded subset (FontFile2, read with fontTools) has that glyph, and the glyph has an
outline unless the code stands for a space (by the font's ToUnicode CMap: codes are not
characters). Objects come from `qpdf --json` with decoded streams.
Prints "ok: F fonts, C codes" and exits 0, or prints each problem and exits 1.
"""
import base64
import io
import json
import re
import subprocess
import sys

from fontTools.ttLib import TTFont

SPACES = {0x20, 0xA0, 0x3000} | set(range(0x2000, 0x200B))


def utf16(h):
    """The first character of a CMap destination in UTF-16 hex."""
    b = bytes.fromhex(h)
    return ord(b.decode("utf-16-be")[0]) if len(b) >= 2 else None


def to_unicode(cmap):
    """code -> character of a ToUnicode CMap (bfchar and bfrange entries)."""
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for a, b, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                    block):
            first = utf16(dst)
            for k in range(int(a, 16), int(b, 16) + 1):
                out[k] = first + k - int(a, 16) if first is not None else None
    return out


ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def literal(body):
    """The bytes of a literal string's body (PDF 32000-1 7.3.4.2), as latin-1 text."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        m = re.match(r"[0-7]{1,3}", body[i + 1:i + 4])
        if m:
            out.append(chr(int(m.group(0), 8) & 0xFF))
            i += 1 + len(m.group(0))
        elif body[i + 1:i + 2] == "\n":  # a line continuation
            i += 2
        else:
            out.append(ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
    return "".join(out)


def main(path):
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path],
        check=True, capture_output=True).stdout
    objs = json.loads(out)["qpdf"][1]

    def obj(ref):
        return objs["obj:" + ref]

    def data(ref):
        return base64.b64decode(obj(ref)["stream"]["data"])

    used = {}  # font object ref -> set of codes
    for v in objs.values():
        d = v.get("value")
        if not isinstance(d, dict) or d.get("/Type") != "/Page":
            continue
        fonts = d["/Resources"]["/Font"]
        contents = d["/Contents"]
        refs = contents if isinstance(contents, list) else [contents]
        text = b"".join(data(r) for r in refs).decode("latin-1")
        cur = None
        for m in re.finditer(r"/(\S+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj"
                             r"|\(((?:\\.|[^\\()])*)\)\s*Tj", text, re.S):
            if m.group(1) is not None:
                cur = fonts["/" + m.group(1)]
                continue
            if m.group(2) is not None:
                b = bytes.fromhex(m.group(2))
            else:
                b = literal(m.group(3)).encode("latin-1")
            codes = used.setdefault(cur, set())
            codes.update(int.from_bytes(b[i:i + 2], "big") for i in range(0, len(b) - 1, 2))
    problems = []
    ncodes = 0
    for ref, codes in sorted(used.items()):
        font = obj(ref)["value"]
        desc = obj(font["/DescendantFonts"][0])["value"]
        name = font["/BaseFont"]
        cidmap = data(desc["/CIDToGIDMap"])
        chars = to_unicode(data(font["/ToUnicode"]).decode("latin-1"))
        fd = obj(desc["/FontDescriptor"])["value"]
        tt = TTFont(io.BytesIO(data(fd["/FontFile2"])))
        order = tt.getGlyphOrder()
        glyf = tt["glyf"]
        for c in sorted(codes):
            ncodes += 1
            gid = int.from_bytes(cidmap[2 * c:2 * c + 2], "big") if 2 * c + 2 <= len(cidmap) else 0
            if gid == 0 or gid >= len(order):
                problems.append("%s: code %04X has no glyph (gid %d)" % (name, c, gid))
                continue
            g = glyf[order[gid]]
            if chars.get(c) not in SPACES and g.numberOfContours == 0:
                problems.append("%s: code %04X draws an empty glyph %d" % (name, c, gid))
    for p in problems:
        print(p)
    if problems or not used:
        return 1
    print("ok: %d fonts, %d codes" % (len(used), ncodes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
