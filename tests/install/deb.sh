#!/usr/bin/env bash
# deb.sh DEB SOURCE_DIR: the package built by ./build.sh deb. Its Depends are runtime
# libraries only (no -dev package), it carries the binary, the data, the man page, the
# completions and a copyright with the fonts' and ATT&CK's terms, and its tree, unpacked
# anywhere, renders an example from /.
set -euo pipefail
deb=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
grep -q -- '-dev\b' <<<"$depends" && fail "Depends names a -dev package"
for lib in libhpdf libxml2 libidn2 libjpeg libdeflate libcjson libyaml libcmark libharfbuzz-subset libunibreak libnettle; do
	grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/reportgen ./usr/share/reportgen/templates/default.yaml \
	./usr/share/reportgen/fonts/DejaVuSans.ttf ./usr/share/reportgen/attack/README.md \
	./usr/share/man/man1/reportgen.1 ./usr/share/bash-completion/completions/reportgen \
	./usr/share/zsh/vendor-completions/_reportgen ./usr/share/doc/reportgen/copyright; do
	grep -qxF "$f" <<<"$contents" || fail "the package lacks $f"
done
dpkg-deb -x "$deb" "$tmp/root"
grep -q 'Bitstream Vera' "$tmp/root/usr/share/doc/reportgen/copyright" || fail "copyright: fonts"
grep -q 'MITRE ATT&CK' "$tmp/root/usr/share/doc/reportgen/copyright" || fail "copyright: ATT&CK"
for licence in "$src"/fonts/LICENSE*; do
	grep -q "licence, as fonts/${licence##*/}\$" "$tmp/root/usr/share/doc/reportgen/copyright" ||
		fail "copyright lacks fonts/${licence##*/}"
done
cp "$src/examples/soc326-impersonating-domain.yaml" "$tmp/incident.yaml"
cd /
env -u RG_DATADIR "$tmp/root/usr/bin/reportgen" render "$tmp/incident.yaml" --outdir "$tmp/out" ||
	fail "the unpacked binary does not render"
for ext in pdf stix.xml stix.json; do
	[ -s "$tmp/out/incident.$ext" ] || fail "no incident.$ext"
done
if [ "$fails" -ne 0 ]; then
	echo "deb: $fails failed"
	exit 1
fi
echo "deb: all checks passed"
