#!/usr/bin/env bash
# bench/gen.sh N [FILE]: writes a valid incident with N artifacts of mixed types (each with a
# comment), N/10 timeline events and a table of N/10 rows (at least one of each), to FILE or
# standard output. The same N always gives the same bytes.
set -euo pipefail
n=${1:?usage: bench/gen.sh N [FILE]}
out=${2:-/dev/stdout}
awk -v n="$n" 'BEGIN {
	rows = int(n / 10); if (rows < 1) rows = 1
	print "reportgen: 1"
	printf "report:\n  id: \"%d\"\n  date: 2025-01-01T00:00:00Z\n  title: Bench incident of %d artifacts\n", 9000 + n, n
	print "  tlp: amber\n  severity: high\n  verdict: true-positive"
	print "  summary_line: Generated incident for the benchmarks, proxy logs, a table and a timeline."
	print "analysis:\n  blocks:\n    - title: Connections\n      text: \"Connections seen by the **proxy**, one a row.\""
	print "    - table:"
	print "        columns: [Time, Source, Destination, Bytes]\n        rows:"
	for (i = 0; i < rows; i++)
		printf "          - [2025-01-01T%02d:%02d:%02dZ, 10.0.%d.%d, 198.51.100.%d, \"%d\"]\n",
		       int(i / 3600) % 24, int(i / 60) % 60, i % 60, int(i / 250) % 256, i % 250 + 1, i % 250 + 1, i * 37
	print "timeline:"
	for (i = 0; i < rows; i++)
		printf "  - time: 2025-01-01T%02d:%02d:%02dZ\n    event: Event number %d seen on the **proxy**\n",
		       int(i / 3600) % 24, int(i / 60) % 60, i % 60, i
	print "artifacts:"
	for (i = 0; i < n; i++) {
		k = i % 6
		if (k == 0) printf "  - value: 10.%d.%d.%d\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256
		else if (k == 1) printf "  - value: host-%d.bench.example\n    type: domain\n", i
		else if (k == 2) printf "  - value: %064x\n    type: sha256\n", i
		else if (k == 3) printf "  - value: hxxps://cdn-%d.bench[.]example/p/%d.js\n", i, i
		else if (k == 4) printf "  - value: user%d@mail.bench.example\n", i
		else printf "  - value: %032x\n    type: md5\n", i
		printf "    comment: Indicator %d from the proxy logs\n", i
	}
}' >"$out"
