#!/usr/bin/env bash
# bench/run.sh: times `reportgen check` on a 3,000-artifact incident, the PDF render of the seed
# example (against a browser-engine renderer when one is available) and peak memory.
# Results are printed, never asserted. Environment: RG_BIN, N (runs), PEER_RENDER.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${RG_BIN:-build/reportgen}
N=${N:-21}
SEED=examples/soc326-impersonating-domain.yaml
PEER=${PEER_RENDER:-../shared/tools/peer-render}
[ -x "$BIN" ] || { echo "bench: $BIN not built (run ./build.sh first)" >&2; exit 3; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1726574700

# Writes an incident with 3,000 artifacts of mixed types, 300 timeline events and a
# 300-row table to $1.
gen_big() {
	awk 'BEGIN {
		print "reportgen: 1"
		print "report:\n  id: \"9000\"\n  date: 2025-01-01T00:00:00Z\n  title: Bench incident"
		print "  tlp: amber\n  severity: high\n  verdict: true-positive"
		print "analysis:\n  blocks:\n    - title: Connections\n      table:"
		print "        columns: [Time, Source, Destination, Bytes]\n        rows:"
		for (i = 0; i < 300; i++)
			printf "          - [2025-01-01T%02d:%02d:00Z, 10.0.%d.%d, 198.51.100.%d, \"%d\"]\n",
			       int(i / 60) % 24, i % 60, int(i / 250), i % 250 + 1, i % 250 + 1, i * 37
		print "timeline:"
		for (i = 0; i < 300; i++)
			printf "  - time: 2025-01-01T%02d:%02d:%02dZ\n    event: Event number %d seen on the **proxy**\n",
			       int(i / 60) % 24, i % 60, i % 60, i
		print "artifacts:"
		for (i = 0; i < 3000; i++) {
			k = i % 6
			if (k == 0) printf "  - value: 10.%d.%d.%d\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256
			else if (k == 1) printf "  - value: host-%d.bench.example\n    type: domain\n", i
			else if (k == 2) printf "  - value: %064x\n    type: sha256\n", i
			else if (k == 3) printf "  - value: hxxps://cdn-%d.bench[.]example/p/%d.js\n", i, i
			else if (k == 4) printf "  - value: user%d@mail.bench.example\n", i
			else printf "  - value: %032x\n    type: md5\n", i
			printf "    comment: Indicator %d from the proxy logs\n", i
		}
	}' >"$1"
}

now_ns() { date +%s%N; }

# Median wall time in milliseconds of running "$@" $runs times.
median_ms() {
	local runs=$1
	shift
	for _ in $(seq "$runs"); do
		local t0 t1
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || true
		t1=$(now_ns)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}

peak_rss() { # prints the peak resident set size of "$@" in MiB, or "n/a"
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { printf "%.1f MiB", $2 / 1024 }'
	else
		printf 'n/a (no /usr/bin/time)'
	fi
}

big=$tmp/bench-3000.yaml
gen_big "$big"
echo "reportgen bench ($("$BIN" --version)), $N runs each"
echo "input: 3,000 artifacts, 300 events, 300 table rows ($(wc -c <"$big") bytes)"
if ! "$BIN" check "$big" >/dev/null 2>"$tmp/err"; then
	echo "note: check reports problems on the generated input:"
	head -5 "$tmp/err"
fi

t=$(median_ms "$N" "$BIN" check "$big")
echo "check, 3,000 artifacts:      median $t ms (target < 100 ms)"
echo "check, peak memory:          $(peak_rss "$BIN" check "$big")"

if "$BIN" help render | grep -q ' pdf '; then
	runs=$(((N + 1) / 2))
	ours=$(median_ms "$runs" "$BIN" render --format pdf --outdir "$tmp/out" "$SEED")
	echo "render pdf, seed example:    median $ours ms over $runs runs"
	echo "render pdf, peak memory:     $(peak_rss "$BIN" render --format pdf --outdir "$tmp/out" "$SEED")"
	big_ms=$(median_ms 1 "$BIN" render --format pdf --outdir "$tmp/out" "$big")
	echo "render pdf, 3,000 artifacts: $big_ms ms (one run)"
	if [ -x "$PEER" ]; then
		peer=$(median_ms 3 "$PEER" --engine weasyprint "$SEED" "$tmp/peer.pdf")
		if [ -s "$tmp/peer.pdf" ]; then
			echo "weasyprint, seed example:    median $peer ms over 3 runs"
			awk -v a="$peer" -v b="$ours" 'BEGIN { if (b > 0) printf "ratio weasyprint/reportgen:  %.1fx\n", a / b }'
		else
			echo "weasyprint: the peer renderer failed; no ratio"
		fi
	else
		echo "weasyprint: peer renderer not found at $PEER (set PEER_RENDER); no ratio"
	fi
else
	echo "render: this build has no pdf format; skipped"
fi
