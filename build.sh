#!/usr/bin/env bash
# build.sh: the one entry point: dependencies, build, tests, sanitizers, example, fuzzing, bench.
# ./build.sh [build|test|sanitize|example|install|deb|fuzz|lint|regen|bench|format|packages|clean|help]
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES="build-essential cmake pkg-config libhpdf-dev libxml2-dev libxml2-utils libcjson-dev
  libyaml-dev libcmocka-dev libcmark-dev libidn2-dev libharfbuzz-dev libunibreak-dev nettle-dev
  libpng-dev libjpeg-dev
  poppler-utils qpdf python3 python3-jsonschema python3-fonttools tzdata
  groff-base mandoc zsh
  python3-lxml python3-dateutil python3-ordered-set python3-simplejson python3-tz python3-requests
  python3-antlr4
  fonts-noto-core fonts-symbola fonts-droid-fallback fonts-nanum"
# Only for some commands: fuzz needs clang's libFuzzer; lint pins Debian's clang-format-14.
FUZZ_PACKAGES="clang"
LINT_PACKAGES="clang-format-14 binutils python3"

usage() {
	cat <<'EOF'
usage: ./build.sh [COMMAND]
  build      install missing Debian packages, then build into build/ (the default)
  test       build, then run every test (ctest -V; ends with the test summary)
  sanitize   build into build-sanitize/ with ASan + UBSan and run every test
  example    build, then render examples/soc326-impersonating-domain.yaml into out/
  install [PREFIX]
             build, then install into PREFIX (default /usr/local): bin/reportgen,
             share/reportgen/{templates,fonts,attack}, the man page, the bash and zsh
             completions and share/doc/reportgen
  deb        build build-deb/reportgen_VERSION_ARCH.deb (prefix /usr; Depends: the
             runtime libraries) and check it (tests/install/deb.sh); install it with
             apt install ./build-deb/reportgen_*.deb
  fuzz       build fuzz/ with clang's libFuzzer into build-fuzz/ and fuzz for
             FUZZ_SECONDS (default 60) seconds, seeded from examples/ and tests/golden/
  lint       build, then check the include layers and the call cycles between files
             (tests/lint.py) and that clang-format-14 leaves the C sources unchanged
  regen      build, then run every test with RG_REGEN=1, which rewrites every expected
             file of tests/golden/ (review the diff before committing)
  bench      build, then run bench/run.sh (timings are printed, not asserted)
  format     apply clang-format-14 (the version lint checks with) to the C sources
  packages   print every Debian package build.sh may install, one a line
  clean      remove the build folders and out/
EOF
}

# Installs the packages that are missing ($PACKAGES and any given), as root or through sudo
# (Debian and derivatives).
install_deps() {
	command -v dpkg-query >/dev/null 2>&1 || return 0
	local missing=()
	for p in $PACKAGES "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "build.sh: installing ${missing[*]}" >&2
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			echo "build.sh: missing packages and neither root nor sudo: apt-get install ${missing[*]}" >&2
			exit 3
		fi
		sudo="sudo"
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)

build() { # dir, extra cmake args...
	local dir=$1
	shift
	cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
	cmake --build "$dir" -j "$jobs"
}

run_tests() { # dir
	(cd "$1" && ctest -V -j "$jobs")
}

fuzz() {
	install_deps $FUZZ_PACKAGES
	if ! command -v clang >/dev/null 2>&1; then
		echo "build.sh: fuzzing needs clang (apt-get install clang)" >&2
		exit 3
	fi
	build build-fuzz -DCMAKE_C_COMPILER=clang -DRG_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
	local seed=build-fuzz/seed corpus=build-fuzz/corpus
	mkdir -p "$seed" "$corpus"
	cp examples/*.yaml "$seed"/
	find tests/golden -name '*.yaml' -exec cp {} "$seed"/ \; 2>/dev/null || true
	local top=$PWD
	# run inside examples/ so that image paths of the seeds resolve
	# libharu 2.3.0 leaks inside a failed font save that the typesetter retries
	# (tests/lsan.supp); matching that needs full stacks, so slow unwinding
	(cd examples && ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0" \
		LSAN_OPTIONS="suppressions=$top/tests/lsan.supp" \
		"$top"/build-fuzz/fuzz_load -max_total_time="${FUZZ_SECONDS:-60}" \
		-max_len=65536 -timeout=10 -artifact_prefix="$top"/build-fuzz/ \
		"$top/$corpus" "$top/$seed")
}

case "${1:-build}" in
build)
	install_deps
	build build
	;;
test)
	install_deps
	build build
	run_tests build
	;;
sanitize)
	install_deps
	build build-sanitize -DRG_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_tests build-sanitize
	;;
example)
	install_deps
	build build
	build/reportgen render examples/soc326-impersonating-domain.yaml --outdir out
	ls -l out/
	;;
install)
	install_deps
	build build
	cmake --install build --prefix "${2:-/usr/local}"
	;;
deb)
	install_deps
	# Debian's zsh reads vendor-completions, not site-functions.
	build build-deb -DRG_ZSH_COMPLETION_DIR=share/zsh/vendor-completions
	rm -f build-deb/reportgen_*.deb
	(cd build-deb && cpack -G DEB >/dev/null)
	tests/install/deb.sh build-deb/reportgen_*.deb .
	ls build-deb/reportgen_*.deb
	;;
fuzz)
	fuzz
	;;
lint)
	install_deps $LINT_PACKAGES
	build build
	tests/lint.py build
	;;
regen)
	install_deps
	build build
	RG_REGEN=1 run_tests build
	;;
bench)
	install_deps
	build build
	bench/run.sh
	;;
format)
	install_deps $LINT_PACKAGES
	find reportgen tests fuzz bench -name '*.[ch]' -print0 | xargs -0 clang-format-14 -i
	;;
packages)
	printf '%s\n' $PACKAGES $FUZZ_PACKAGES $LINT_PACKAGES
	;;
clean)
	rm -rf build build-sanitize build-fuzz build-deb out
	;;
help | -h | --help)
	usage
	;;
*)
	usage >&2
	exit 2
	;;
esac
