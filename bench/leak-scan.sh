#!/usr/bin/env bash
# bench/leak-scan.sh: the leak scan of an edition on a 100,000-artifact incident: half of the
# artifacts are red and withheld by --max-tlp green (50,000 values in one automaton), and the
# green half's comments plus a long analysis text (with near misses) are scanned. Prints
# median times of the render without and with --max-tlp; never asserts. Environment: RG_BIN, N.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${RG_BIN:-build/reportgen}
N=${N:-5}
[ -x "$BIN" ] || { echo "bench: $BIN not built (run ./build.sh first)" >&2; exit 3; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# $1: output, $2: lines of analysis text
gen() {
	awk -v lines="$2" 'BEGIN {
		print "reportgen: 1"
		print "report:\n  id: \"100000\"\n  date: 2025-01-01T00:00:00Z\n  tlp: green"
		print "analysis:\n  text: |"
		for (i = 0; i < lines; i++)
			printf "    Line %d: host-%d.bench.example.org and 10.%d.%d.%d5 were seen beside a longer %064x1 hash.\n",
			       i, i, int(i / 65536) % 256, int(i / 256) % 256, i % 256, i
		print "artifacts:"
		for (i = 0; i < 100000; i++) {
			k = i % 3
			if (k == 0) printf "  - value: 10.%d.%d.%d\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256
			else if (k == 1) printf "  - value: host-%d.bench.example\n    type: domain\n", i
			else printf "  - value: %064x\n    type: sha256\n", i
			if (i % 2 == 0) print "    tlp: red"
			printf "    comment: Indicator %d from the proxy logs\n", i
		}
	}' >"$1"
}

now_ns() { date +%s%N; }
median_ms() {
	for _ in $(seq "$N"); do
		local t0 t1
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || true
		t1=$(now_ns)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}

for lines in 10000 20000; do
	in=$tmp/leak-$lines.yaml
	gen "$in" "$lines"
	if "$BIN" render --format tree --max-tlp green -o /dev/null "$in" 2>&1 | grep -q 'still holds'; then
		echo "bench: the generated input leaks (a near miss matched)" >&2
		exit 1
	fi
	size=$(wc -c <"$in")
	full=$(median_ms "$BIN" render --format tree -o "$tmp/full.tree" "$in")
	green=$(median_ms "$BIN" render --format tree --max-tlp green -o "$tmp/green.tree" "$in")
	echo "100,000 artifacts (50,000 withheld), $lines analysis lines, $size bytes:"
	echo "  render tree, all:            median $full ms"
	echo "  render tree, --max-tlp green: median $green ms (edition + leak scan; its tree is half as long)"
done
