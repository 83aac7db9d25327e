#!/usr/bin/env bash
# outputs-hash.sh: one SHA-256 over every output of every example and golden input in every
# format (with SOURCE_DATE_EPOCH fixed), plus the golden files themselves, so a change that
# must not alter any output can prove it: run before and after, compare the two lines.
# usage: tests/outputs-hash.sh [BINARY]   (default build/reportgen); -v lists each hash
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
verbose=0
[ "${1:-}" = -v ] && { verbose=1; shift; }
rg=$(realpath "${1:-build/reportgen}")
formats=$("$rg" help render 2>&1 | awk '/^Formats:/ {f=1; next} f { for (i = 2; i <= NF; i++) if ($i ~ /^\./) print $(i - 1) }')
[ -n "$formats" ] || { echo "outputs-hash.sh: no formats in '$rg help render'" >&2; exit 3; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=1726574700
list=$out/list
: >"$list"
for f in examples/*.yaml tests/golden/*.yaml; do
	dir=$(dirname "$f") base=$(basename "$f")
	for fmt in $formats; do
		o=$out/$base.$fmt
		status=0
		(cd "$dir" && "$rg" render --format "$fmt" -o - "$base" >"$o" 2>"$o.err") || status=$?
		printf '%s %s %s %s %s\n' "$f" "$fmt" "$status" \
			"$(sha256sum <"$o" | cut -c1-64)" "$(sha256sum <"$o.err" | cut -c1-64)" >>"$list"
	done
done
[ "$verbose" = 1 ] && cat "$list"
printf 'outputs: %s lines, sha256 %s\n' "$(wc -l <"$list")" "$(sha256sum <"$list" | cut -c1-64)"
# the expected files (not the READMEs) by content alone, so that renaming one keeps the hash;
# a new expected file changes this line only
goldens=$out/goldens
git ls-files -z tests/golden | grep -zv 'README.md$' | xargs -0 sha256sum | cut -c1-64 | sort >"$goldens"
printf 'goldens: %s files, sha256 %s\n' "$(wc -l <"$goldens")" "$(sha256sum <"$goldens" | cut -c1-64)"
