#!/usr/bin/env bash
# build.sh: the one entry point. ./build.sh (deps + release build), ./build.sh test,
# ./build.sh sanitize, ./build.sh format, ./build.sh clean.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES="build-essential cmake pkg-config libhpdf-dev libxml2-dev libxml2-utils libcjson-dev
  libyaml-dev libcmocka-dev libcmark-dev libidn2-dev libharfbuzz-dev libunibreak-dev nettle-dev
  poppler-utils qpdf python3 python3-jsonschema tzdata"

install_deps() {
	local missing=()
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "build.sh: installing ${missing[*]}" >&2
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)

build() { # dir, extra cmake args...
	local dir=$1; shift
	cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
	cmake --build "$dir" -j "$jobs"
}

run_tests() { # dir
	(cd "$1" && ctest -V -j "$jobs")
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
format)
	find reportgen tests fuzz bench -name '*.[ch]' -print0 | xargs -0 clang-format -i
	;;
clean)
	rm -rf build build-sanitize
	;;
*)
	echo "usage: ./build.sh [build|test|sanitize|format|clean]" >&2
	exit 2
	;;
esac
