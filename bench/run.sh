#!/usr/bin/env bash
# bench/run.sh: reportgen's benchmarks (bench/bench.py; see bench/README.md). Results are
# printed and compared with bench/baseline.txt, never asserted; exits 0 once it has run.
# Environment: RG_BIN, N, BENCH_SIZES, BENCH_BATCH, PEER_RENDER, PEER_RUNS, BENCH_BASELINE,
# BENCH_WRITE_BASELINE.
set -euo pipefail
cd "$(dirname "$0")/.."
exec nice python3 bench/bench.py "$@"
