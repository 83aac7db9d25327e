#!/usr/bin/env bash
# install.sh BUILD_DIR SOURCE_DIR: an installed tree works on its own. Installs the build
# into an empty PREFIX, copies that tree somewhere else (so neither the build folder nor the
# source tree can be what the binary finds), then from / renders an example into PDF, STIX
# 1.2.1 and STIX 2.1 and checks what the outputs say; the man page and completions are
# where they belong.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
# The installed tree, moved: a copy in another folder, the original removed.
cp -a "$tmp/prefix" "$tmp/moved"
rm -rf "$tmp/prefix"
p=$tmp/moved
for f in bin/reportgen share/reportgen/templates/default.yaml share/reportgen/fonts/DejaVuSans.ttf \
	share/reportgen/attack/README.md share/man/man1/reportgen.1 \
	share/bash-completion/completions/reportgen share/zsh/site-functions/_reportgen \
	share/doc/reportgen/README.md share/doc/reportgen/incident-format.md \
	share/doc/reportgen/copyright share/doc/reportgen/examples/soc326-impersonating-domain.yaml; do
	[ -e "$p/$f" ] || fail "PREFIX/$f is not installed"
done
grep -q 'Bitstream Vera' "$p/share/doc/reportgen/copyright" || fail "copyright lacks the fonts' licence"
grep -q 'MITRE' "$p/share/doc/reportgen/copyright" || fail "copyright lacks the ATT&CK terms"

cp "$src/examples/soc326-impersonating-domain.yaml" "$tmp/incident.yaml"
cd /
version=$(env -u RG_DATADIR "$p/bin/reportgen" --version)
echo "$version"
grep -qx "data: $p/share/reportgen (installed beside the binary)" <<<"$version" ||
	fail "--version does not name the installed data folder"
# The installed data wins over RG_DATADIR, which is for binaries without one.
RG_DATADIR=/nonexistent SOURCE_DATE_EPOCH=1726574700 "$p/bin/reportgen" render \
	"$tmp/incident.yaml" --outdir "$tmp/out" || fail "render from / exits $?"
for ext in pdf stix.xml stix.json; do
	[ -s "$tmp/out/incident.$ext" ] || fail "render wrote no incident.$ext"
done
if [ -s "$tmp/out/incident.pdf" ]; then
	text=$(pdftotext "$tmp/out/incident.pdf" - 2>/dev/null)
	grep -q 'Incident Report' <<<"$text" || fail "the PDF has no title page text"
	grep -q 'MITRE ATT&CK' <<<"$text" || fail "the PDF has no ATT&CK appendix"
	pdffonts "$tmp/out/incident.pdf" 2>/dev/null | grep -q DejaVuSans || fail "the PDF lacks the installed fonts"
fi
grep -Eq '"type":[[:space:]]*"bundle"' "$tmp/out/incident.stix.json" 2>/dev/null || fail "no STIX 2.1 bundle"
grep -q 'stix:STIX_Package' "$tmp/out/incident.stix.xml" 2>/dev/null || fail "no STIX 1.2.1 package"
"$p/bin/reportgen" render -t compact -f pdf -o "$tmp/out/compact.pdf" "$tmp/incident.yaml" ||
	fail "the installed template 'compact' does not render"
expected=$(cd "$src/templates" && ls *.yaml | sed 's/\.yaml$//' | LC_ALL=C sort | tr '\n' ' ')
[ "$("$p/bin/reportgen" help --templates | tr '\n' ' ')" = "$expected" ] ||
	fail "help --templates does not list the installed templates"

# The man page renders from the installed tree.
man=$(groff -man -Tutf8 -P-cbou "$p/share/man/man1/reportgen.1" 2>&1)
grep -q 'EXIT STATUS' <<<"$man" || fail "the installed man page does not render"

# A binary whose tree has no data folder says so and fails cleanly (status 3).
mkdir "$tmp/bare"
cp "$p/bin/reportgen" "$tmp/bare/"
grep -q '^data: .*(not found; install reportgen or set RG_DATADIR)$' \
	<<<"$(env -u RG_DATADIR "$tmp/bare/reportgen" --version)" || fail "--version without data"
set +e
env -u RG_DATADIR "$tmp/bare/reportgen" render "$tmp/incident.yaml" --outdir "$tmp/bare-out" \
	2>"$tmp/bare.err"
rc=$?
set -e
[ "$rc" = 3 ] || fail "render without a data folder exits $rc, not 3"
[ ! -e "$tmp/bare-out/incident.pdf" ] || fail "render without a data folder wrote a PDF"
grep -q 'fonts/DejaVuSans\|templates/default.yaml' "$tmp/bare.err" ||
	fail "render without a data folder does not name the missing file: $(cat "$tmp/bare.err")"
# ... and RG_DATADIR gives it one.
RG_DATADIR=$p/share/reportgen "$tmp/bare/reportgen" render -f pdf "$tmp/incident.yaml" \
	--outdir "$tmp/bare-out" || fail "RG_DATADIR is not used"

if [ "$fails" -ne 0 ]; then
	echo "install: $fails failed"
	exit 1
fi
echo "install: all checks passed"
