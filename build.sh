#!/usr/bin/env bash
# build.sh: the one entry point: dependencies, build, tests, sanitizers, example, fuzzing, bench.
# ./build.sh [build|test|sanitize|example|install|deb|fuzz|lint|regen|bench|format|packages|clean|help]
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES="build-essential cmake pkg-config libhpdf-dev libxml2-dev libxml2-utils libcjson-dev
  libyaml-dev libcmocka-dev libcmark-dev libidn2-dev libharfbuzz-dev libunibreak-dev nettle-dev
  libpng-dev libjpeg-dev zlib1g-dev libdeflate-dev
  poppler-utils qpdf python3 python3-jsonschema python3-yaml pre-commit python3-fonttools tzdata
  groff-base mandoc zsh
  python3-lxml python3-dateutil python3-ordered-set python3-simplejson python3-tz python3-requests
  python3-antlr4
  fonts-noto-core fonts-symbola fonts-droid-fallback fonts-nanum"
# Only for some commands: fuzz needs clang's libFuzzer; lint pins Debian's clang-format-14.
FUZZ_PACKAGES="clang"
VALGRIND_PACKAGES="valgrind"
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
  fuzz       build fuzz/ with clang's libFuzzer into build-fuzz/ and run each target
             (FUZZ_TARGETS, default all) for FUZZ_SECONDS (default 60) seconds, seeded
             from fuzz/corpus/TARGET/, examples/ and tests/golden/, with fuzz/dict/
  fuzz-merge merge build-fuzz/corpus/ into the checked-in fuzz/corpus/ (minimised)
  valgrind   every example in every format under valgrind --leak-check=full
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

# Each target of fuzz/ for FUZZ_SECONDS (default 60) seconds: FUZZ_TARGETS picks some
# (default all). Seeds: fuzz/corpus/TARGET/ (checked in, minimised) and, for the incident
# targets, examples/ and tests/golden/; new inputs go to build-fuzz/corpus/TARGET/; the
# dictionary is fuzz/dict/KIND.dict; a crash or timeout stops with its input in build-fuzz/.
fuzz() {
	install_deps $FUZZ_PACKAGES
	if ! command -v clang >/dev/null 2>&1; then
		echo "build.sh: fuzzing needs clang (apt-get install clang)" >&2
		exit 3
	fi
	build build-fuzz -DCMAKE_C_COMPILER=clang -DRG_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
	local top=$PWD seed=build-fuzz/seed
	mkdir -p "$seed"
	cp examples/*.yaml "$seed"/
	find tests/golden -name '*.yaml' -exec cp {} "$seed"/ \; 2>/dev/null || true
	local t
	for t in ${FUZZ_TARGETS:-load pdf stix1 stix2 template image}; do
		local dict=incident seeds=("$top/$seed")
		case $t in
		template) dict=template seeds=() ;;
		image) dict=image seeds=() ;;
		esac
		mkdir -p "build-fuzz/corpus/$t" "fuzz/corpus/$t"
		echo "build.sh: fuzz_$t for ${FUZZ_SECONDS:-60} s" >&2
		# run inside examples/ so that image paths of the seeds resolve
		# libharu 2.3.0 leaks inside a failed font save that the typesetter retries
		# (tests/lsan.supp); matching that needs full stacks, so slow unwinding
		(cd examples && ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0" \
			LSAN_OPTIONS="suppressions=$top/tests/lsan.supp" \
			"$top/build-fuzz/fuzz_$t" -max_total_time="${FUZZ_SECONDS:-60}" \
			-max_len=65536 -timeout=10 -dict="$top/fuzz/dict/$dict.dict" \
			-print_final_stats=1 -artifact_prefix="$top/build-fuzz/$t-" \
			"$top/build-fuzz/corpus/$t" "$top/fuzz/corpus/$t" "${seeds[@]}")
	done
}

# Merges what fuzzing found into the checked-in corpora, keeping only inputs that add
# coverage (libFuzzer's -merge=1).
fuzz_merge() {
	local top=$PWD t
	for t in ${FUZZ_TARGETS:-load pdf stix1 stix2 template image}; do
		local fresh
		fresh=$(mktemp -d)
		(cd examples && "$top/build-fuzz/fuzz_$t" -merge=1 "$fresh" "$top/fuzz/corpus/$t" \
			"$top/build-fuzz/corpus/$t")
		rm -rf "fuzz/corpus/$t"
		mv "$fresh" "fuzz/corpus/$t"
	done
}

# Every example in every format under valgrind (memcheck, full leak check).
valgrind_examples() {
	install_deps $VALGRIND_PACKAGES
	if ! command -v valgrind >/dev/null 2>&1; then
		echo "SKIP: valgrind not installed" >&2
		return 0
	fi
	build build
	local out f
	out=$(mktemp -d)
	for f in examples/*.yaml; do
		echo "build.sh: valgrind: $f" >&2
		SOURCE_DATE_EPOCH=1726574700 valgrind -q --leak-check=full --error-exitcode=1 \
			build/reportgen render "$f" --format pdf,stix1,stix2,tree --outdir "$out"
	done
	rm -rf "$out"
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
fuzz-merge)
	fuzz_merge
	;;
valgrind)
	valgrind_examples
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
	printf '%s\n' $PACKAGES $FUZZ_PACKAGES $LINT_PACKAGES $VALGRIND_PACKAGES
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
