#!/usr/bin/env bash
# completion.sh BINARY SOURCE_DIR: the bash and zsh completions offer the binary's commands,
# options, formats, template names and files. bash: the completion function is called as
# bash would call it; zsh: with compadd and _arguments standing in, so the words and option
# specs it hands them are checked.
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/xdg # no imported ATT&CK versions
cd "$tmp"
touch a.yaml b.yml c.txt
mkdir sub
fails=0
check() { # what got expected
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1: got '$2', expected '$3'"
		fails=$((fails + 1))
	fi
}

# bash
source "$src/reportgen/cli/completion/reportgen.bash"
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	_reportgen "$bin" 2>/dev/null
	local IFS=' '
	echo "${COMPREPLY[*]}"
}
check "bash: commands" "$(comp reportgen '')" "check render attack init schema help --help --version"
check "bash: command prefix" "$(comp reportgen re)" "render"
check "bash: long option" "$(comp reportgen render --f)" "--format="
check "bash: check's options" "$(comp reportgen check --)" "--strict --diagnostics= --help --attack= --jobs= --quiet --shard="
check "bash: formats" "$(comp reportgen render --format '')" "$("$bin" help --formats | xargs)"
check "bash: formats after =" "$(comp reportgen render --format = s)" "stix1 stix2"
check "bash: format list" "$(comp reportgen render --format=pdf,s)" "pdf,stix1 pdf,stix2"
check "bash: templates and files" "$(comp reportgen render -t '')" "compact default letter a.yaml sub"
check "bash: template prefix" "$(comp reportgen render --template = c)" "compact"
check "bash: incident files" "$(comp reportgen render '')" "a.yaml b.yml sub"
check "bash: outdir" "$(comp reportgen render -d '')" "sub"
check "bash: TLP levels" "$(comp reportgen render --max-tlp am)" "amber amber+strict"
check "bash: export text" "$(comp reportgen render --export-text=s)" "summary"
check "bash: attack" "$(comp reportgen attack '')" "import list"
check "bash: attack import" "$(comp reportgen attack import c)" "c.txt"
check "bash: attack's options" "$(comp reportgen attack import --attack-)" "--attack-version="
check "bash: ATT&CK versions" "$(comp reportgen render --attack=1)" "18.1"
check "bash: help" "$(comp reportgen help '')" "check render attack init schema help"

# zsh
if ! command -v zsh >/dev/null; then
	echo "FAIL: zsh is missing (build.sh installs it)"
	exit 1
fi
zsh_run() { # CURRENT words...
	zsh -f -c '
		compadd() { print -r -- "compadd: $*" }
		_arguments() { print -rl -- "$@" }
		source "$1" >/dev/null
		CURRENT=$2
		shift 2
		words=("$@")
		_reportgen' zsh "$src/reportgen/cli/completion/_reportgen" "$@"
}
check "zsh: commands" "$(zsh_run 2 "$bin" '')" "compadd: -- check render attack init schema help --help --version"
check "zsh: attack" "$(zsh_run 3 "$bin" attack '' | grep -c '^1:subcommand:(import list)$')" "1"
check "zsh: help" "$(zsh_run 3 "$bin" help '')" "compadd: -- check render attack init schema help"
specs=$(zsh_run 3 "$bin" render '')
for spec in '(--format -f)--format=[format]:format:_reportgen_formats' \
	'(--format -f)-f+[format]:format:_reportgen_formats' \
	'(--template -t)--template=[template]:template:_reportgen_templates' \
	'(--outdir -d)-d+[outdir]:outdir:_directories' '(--no-defang)--no-defang[no-defang]' \
	'*:incident file:_files -g "*.(yaml|yml)(-.)"'; do
	grep -qxF -- "$spec" <<<"$specs" || check "zsh: render spec" "(missing)" "$spec"
done
# every option of the binary's tables becomes a spec
while read -r long short; do
	grep -q -- "^([^)]*)${long}" <<<"$specs" || check "zsh: option" "(missing)" "$long"
done < <("$bin" help --options render)
zsh -n "$src/reportgen/cli/completion/_reportgen" || check "zsh -n" "syntax error" "clean"
# and for real: an interactive zsh with compinit, TAB pressed (bounded in time, not timed)
timeout 60 zsh -f "$src/tests/install/zsh-interactive.zsh" "$bin" \
	"$src/reportgen/cli/completion" "$tmp" </dev/null || check "zsh interactive" "failed" "ok"

if [ "$fails" -ne 0 ]; then
	echo "completion: $fails failed"
	exit 1
fi
echo "completion: all checks passed"
