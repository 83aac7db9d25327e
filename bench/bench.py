#!/usr/bin/env python3
"""bench/bench.py: reportgen's benchmarks (run through bench/run.sh or ./build.sh bench).

Measures, on generated incidents (bench/gen.sh) of BENCH_SIZES artifacts and on the
examples, for each format and all formats in one render: median wall time over N runs, peak
RSS, output sizes, pages and the time of each phase (one more run with RG_TIMINGS=1); the
time ratio between consecutive sizes from paired runs (LIN_RUNS pairs, larger and smaller
in turn, each after a run of its own size) and the marginal cost per artifact (linearity); `check`; the seed against the
libharu-only floor program (bench-floor); a batch of 100 copies of the seed with -j 2; and
`render --format pdf` against WeasyPrint through PEER_RENDER when it works. Prints tables,
compares with the committed baseline (bench/baseline.txt) and flags figures more than 20 %
worse. Never fails on a figure: exits 0 unless it cannot run at all.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
BIN = os.environ.get("RG_BIN", "build/reportgen")
FLOOR = os.environ.get("RG_FLOOR", os.path.join(os.path.dirname(BIN), "bench-floor"))
N = max(1, int(os.environ.get("N", "5")))
# Pairs of runs for each linearity ratio: the two sizes run in turn, each measured run after
# an unmeasured one of the same size (measure_pair's warm), so that the machine's drift
# (this VM's speed moves by a third between minutes) moves both sides of a ratio and
# neither pays for memory the host took back after the other.
LIN_RUNS = max(1, int(os.environ.get("LIN_RUNS", "5")))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10 1000 10000 100000").split()]
PEER = os.environ.get("PEER_RENDER", os.path.join(ROOT, "..", "shared", "tools", "peer-render"))
PEER_RUNS = max(1, int(os.environ.get("PEER_RUNS", "5")))
BATCH = int(os.environ.get("BENCH_BATCH", "100"))
BASELINE = os.environ.get("BENCH_BASELINE", "bench/baseline.txt")
WRITE_BASELINE = os.environ.get("BENCH_WRITE_BASELINE", "") not in ("", "0")
SEED = "examples/soc326-impersonating-domain.yaml"
FORMATS = ["pdf", "stix1", "stix2"]
ALL = "pdf,stix1,stix2"
THRESHOLD = 1.20

results = {}  # key -> (value, unit); lower is better for every key kept here


def put(key, value, unit):
    results[key] = (value, unit)


LAST_STDERR = [""]


def run_once(cmd, env=None):
    """Runs cmd (standard output thrown away, standard error kept in LAST_STDERR); returns
    (wall seconds, peak RSS KiB, exit status)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        LAST_STDERR[0] = err.read().decode("utf-8", "replace")
    return t1 - t0, ru.ru_maxrss, p.returncode


def measure(cmd, runs=N, env=None):
    """Median wall seconds and median peak RSS KiB of runs runs (after one warm-up for
    short commands), and the last exit status."""
    walls, rss, rc = [], [], 0
    w, r, rc = run_once(cmd, env)
    if w > 2.0:  # long: the first run counts
        walls.append(w), rss.append(r)
    while len(walls) < runs:
        w, r, rc = run_once(cmd, env)
        walls.append(w), rss.append(r)
    return statistics.median(walls), statistics.median(rss), rc


def measure_pair(cmd_a, cmd_b, runs, warm=False):
    """A and B run in turn, A B A B ... (one warm-up each), so that a drift of the
    machine's speed moves both: the median of the ratios of each pair's walls, and the
    median walls, peak RSS and last exit status of each. With warm, every measured run
    follows an unmeasured run of the same command (A A B B ...): on this virtual machine
    memory freed by a process goes back to the host within about two seconds, and a run
    that touches more memory than the one before it pays for faulting it in again (a
    100,000-artifact render 12 % slower after a 10,000-artifact one than after itself)."""
    run_once(cmd_a), run_once(cmd_b)
    wa, wb, ra, ratios, rca, rcb = [], [], [], [], 0, 0
    for _ in range(runs):
        if warm:
            run_once(cmd_a)
        a, r, rca = run_once(cmd_a)
        if warm:
            run_once(cmd_b)
        b, _, rcb = run_once(cmd_b)
        wa.append(a), wb.append(b), ra.append(r), ratios.append(a / b)
    return (statistics.median(ratios), statistics.median(wa), statistics.median(wb),
            statistics.median(ra), rca, rcb)


def phases(cmd):
    """Per-phase milliseconds of one run with RG_TIMINGS=1 (summed when a phase repeats)."""
    env = dict(os.environ, RG_TIMINGS="1")
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    out = {}
    for m in re.finditer(r"timing: (\S+) ([0-9.]+) ms", p.stderr):
        out[m.group(1)] = out.get(m.group(1), 0.0) + float(m.group(2))
    return out


def pages_of(stderr):
    m = re.search(r"(\d+) pages?,", stderr)
    return int(m.group(1)) if m else 0


def fmt_ms(s):
    return f"{s * 1000:.1f}"


def table(head, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda r: "  ".join(str(x).rjust(w) for x, w in zip(r, widths))
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print()


def main():
    if not os.access(BIN, os.X_OK):
        print(f"bench: {BIN} not built (run ./build.sh first)", file=sys.stderr)
        return 3
    os.environ["SOURCE_DATE_EPOCH"] = "1726574700"
    tmp = tempfile.mkdtemp(prefix="rg-bench-")
    try:
        return bench(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def render_cmd(inp, fmt, outdir):
    return [BIN, "render", "--format", fmt, "--outdir", outdir, inp]


def bench(tmp):
    version = subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout
    print(f"reportgen bench: {version.splitlines()[0] if version else BIN}; {N} runs a figure, "
          f"medians; {os.cpu_count()} processors")
    print()
    inputs = []
    for n in SIZES:
        path = os.path.join(tmp, f"gen-{n}.yaml")
        subprocess.run(["bench/gen.sh", str(n), path], check=True)
        inputs.append((f"gen-{n}", path, n))
    examples = sorted(f for f in os.listdir("examples") if f.endswith(".yaml"))
    for f in examples:
        inputs.append((f[:-5], os.path.join("examples", f), None))

    # renders per format and all together
    rows, phase_rows, wall = [], [], {}
    all_phases = []
    for name, path, n in inputs:
        outdir = os.path.join(tmp, "out-" + name)
        for fmt in FORMATS + [ALL]:
            label = "all" if fmt == ALL else fmt
            cmd = render_cmd(path, fmt, outdir)
            w, r, rc = measure(cmd)
            size = sum(os.path.getsize(os.path.join(outdir, f)) for f in os.listdir(outdir)
                       if any(f.endswith(e) for e in exts(fmt)))
            pages = pages_of(LAST_STDERR[0]) if "pdf" in fmt else ""
            status = "" if rc == 0 else f" (exit {rc})"
            rows.append((name, label, fmt_ms(w), f"{r / 1024:.1f}", f"{size:,}", pages, status))
            wall[(name, label)] = w
            put(f"render/{name}/{label}/wall_ms", w * 1000, "ms")
            put(f"render/{name}/{label}/rss_mib", r / 1024, "MiB")
            put(f"render/{name}/{label}/bytes", size, "B")
            if fmt == ALL:
                ph = phases(cmd)
                all_phases.append((name, ph))
            shutil.rmtree(outdir, ignore_errors=True)
    print("render (median wall ms, median peak RSS MiB, output bytes, PDF pages)")
    table(("input", "format", "ms", "MiB", "bytes", "pages", ""), rows)

    names = []
    for _, ph in all_phases:
        for k in ph:
            if k not in names:
                names.append(k)
    print("phases of `render` of all formats (ms, one run with RG_TIMINGS=1)")
    table(["input"] + names,
          [[name] + [f"{ph[k]:.1f}" if k in ph else "" for k in names] for name, ph in all_phases])

    # linearity: the ratio from paired runs; the marginal cost from the medians above
    gens = [(name, path, n) for name, path, n in inputs if n is not None]
    lin = []
    for (a, pa, na), (b, pb, nb) in zip(gens, gens[1:]):
        for fmt in FORMATS + [ALL]:
            label = "all" if fmt == ALL else fmt
            ratio, _, _, _, _, _ = measure_pair(
                render_cmd(pb, fmt, os.path.join(tmp, "lin-b")),
                render_cmd(pa, fmt, os.path.join(tmp, "lin-a")), runs=LIN_RUNS, warm=True)
            ta, tb = wall[(a, label)], wall[(b, label)]
            lin.append((f"{na:,} -> {nb:,}", label, f"{ratio:.2f}", f"{nb / na:g}",
                        f"{(tb - ta) / (nb - na) * 1e6:.1f}"))
            put(f"linear/{nb}/{label}/time_ratio", ratio, "x")
            put(f"linear/{nb}/{label}/us_per_artifact", (tb - ta) / (nb - na) * 1e6, "us")
        shutil.rmtree(os.path.join(tmp, "lin-a"), ignore_errors=True)
        shutil.rmtree(os.path.join(tmp, "lin-b"), ignore_errors=True)
    if lin:
        print(f"linearity: time ratio between sizes (median of {LIN_RUNS} paired warm runs) against "
              "the size ratio, and the marginal cost (µs per artifact, from the medians)")
        table(("sizes", "format", "time ratio", "size ratio", "µs/artifact"), lin)

    # check
    crow = []
    for name, path, n in inputs:
        if n is None:
            continue
        w, r, _ = measure([BIN, "check", "-q", path])
        crow.append((name, fmt_ms(w), f"{r / 1024:.1f}"))
        put(f"check/{name}/wall_ms", w * 1000, "ms")
        put(f"check/{name}/rss_mib", r / 1024, "MiB")
    print("check (median wall ms, peak RSS MiB)")
    table(("input", "ms", "MiB"), crow)

    extra = []
    # the floor: libharu alone writing as many lines of text as the seed's PDF holds
    seed_all = wall.get(("soc326-impersonating-domain", "all"))
    if os.access(FLOOR, os.X_OK) and seed_all is not None and shutil.which("pdftotext"):
        outdir = os.path.join(tmp, "seed")
        subprocess.run(render_cmd(SEED, "pdf", outdir), check=True, capture_output=True)
        pdf = os.path.join(outdir, "soc326-impersonating-domain.pdf")
        lines = len(subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                                   text=True).stdout.splitlines())
        ratio, sw, fw, _, _, _ = measure_pair(
            render_cmd(SEED, ALL, outdir),
            [FLOOR, "-", str(lines), os.path.join(tmp, "floor.pdf")], runs=max(N, 21))
        extra.append(("libharu floor, %d lines of text" % lines, fmt_ms(fw) + " ms",
                      "paired with the seed"))
        extra.append(("seed, all formats / floor", f"{ratio:.1f}x",
                      f"{fmt_ms(sw)} ms against {fmt_ms(fw)} ms; target <= 8x"))
        put("seed/all_over_floor", ratio, "x")
    else:
        extra.append(("libharu floor", "skipped (bench-floor or pdftotext missing)", ""))

    # a batch of copies of the seed
    bdir = os.path.join(tmp, "batch")
    os.makedirs(bdir)
    for i in range(BATCH):
        shutil.copy(SEED, os.path.join(bdir, f"seed-{i:03d}.yaml"))
    bw, br, brc = measure([BIN, "render", "-q", "-j", "2", "--outdir",
                           os.path.join(tmp, "batch-out"), bdir], runs=min(N, 3))
    extra.append((f"batch: {BATCH} copies of the seed, -j 2", fmt_ms(bw) + " ms",
                  f"{bw / BATCH * 1000:.1f} ms each" + ("" if brc == 0 else f" (exit {brc})")))
    put("batch/wall_ms", bw * 1000, "ms")

    # against WeasyPrint
    for name, path in (("seed", SEED), ("gen-1000", os.path.join(tmp, "gen-1000.yaml"))):
        if not os.path.exists(path):
            continue
        peer_ok = os.access(PEER, os.X_OK)
        if peer_ok:
            out = os.path.join(tmp, "peer.pdf")
            if os.path.exists(out):
                os.remove(out)
            ratio, pw, ours, _, prc, orc = measure_pair(
                [PEER, "--engine", "weasyprint", path, out],
                render_cmd(path, "pdf", os.path.join(tmp, "peer-ours")), runs=PEER_RUNS)
            peer_ok = prc == 0 and orc == 0 and os.path.exists(out) and os.path.getsize(out) > 0
        if peer_ok:
            extra.append((f"WeasyPrint / render --format pdf, {name}", f"{ratio:.0f}x",
                          f"{fmt_ms(pw)} ms against {fmt_ms(ours)} ms (paired); "
                          "target >= 100x"))
        else:
            extra.append((f"WeasyPrint, {name}", "skipped (peer renderer missing or failing)",
                          ""))
    print("fixed cost and comparisons")
    table(("measure", "figure", "note"), extra)

    compare()
    return 0


def exts(fmt):
    return [{"pdf": ".pdf", "stix1": ".stix.xml", "stix2": ".stix.json"}[f]
            for f in fmt.split(",")]


def compare():
    """Flags figures more than 20 % over the baseline; optionally rewrites it."""
    base = {}
    if os.path.exists(BASELINE):
        for line in open(BASELINE, encoding="utf-8"):
            parts = line.split()
            if len(parts) >= 2 and not line.startswith("#"):
                base[parts[0]] = float(parts[1])
    flagged, better, compared = [], 0, 0
    for key, (value, unit) in results.items():
        if key not in base or base[key] <= 0:
            continue
        compared += 1
        # sizes and memory are exact enough; short times are noisy below a few ms
        ratio = value / base[key]
        if ratio > THRESHOLD and not (unit == "ms" and value - base[key] < 5):
            flagged.append((key, f"{base[key]:.1f}", f"{value:.1f}", unit, f"+{(ratio - 1) * 100:.0f}%"))
        elif ratio < 1 / THRESHOLD:
            better += 1
    print(f"against {BASELINE}: {compared} figures compared, {len(flagged)} more than 20 % worse, "
          f"{better} more than 20 % better")
    if flagged:
        print("REGRESSIONS (figure, baseline, now, unit, change):")
        table(("figure", "baseline", "now", "unit", "change"), flagged)
    if WRITE_BASELINE:
        with open(BASELINE, "w", encoding="utf-8") as f:
            f.write("# bench/baseline.txt: figures of bench/bench.py (medians; written with "
                    "BENCH_WRITE_BASELINE=1)\n# figure value unit\n")
            for key, (value, unit) in results.items():
                f.write(f"{key} {value:.3f} {unit}\n")
        print(f"wrote {BASELINE}")


if __name__ == "__main__":
    sys.exit(main())
