# bash completion for reportgen: commands, options, formats, template names and files.
# The commands, options, formats and templates are asked of the reportgen being completed
# (reportgen help --commands|--options CMD|--formats|--templates), so they follow its version.
# Installed as share/bash-completion/completions/reportgen; or: source this file.

_reportgen_words() # reportgen-command help-argument...
{
	"$@" 2>/dev/null
}

_reportgen()
{
	local rg=${1:-reportgen} cur=${COMP_WORDS[COMP_CWORD]} cword=$COMP_CWORD opt=""
	COMPREPLY=()
	# "--opt=value" reaches us as "--opt" "=" "value" (= is in COMP_WORDBREAKS) or whole.
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		cur=${cur#*=}
	elif [[ $cur == = && $cword -ge 2 && ${COMP_WORDS[cword - 1]} == --* ]]; then
		opt=${COMP_WORDS[cword - 1]}
		cur=""
	elif [[ $cword -ge 3 && ${COMP_WORDS[cword - 1]} == = ]]; then
		opt=${COMP_WORDS[cword - 2]}
	fi
	if ((cword == 1)); then
		COMPREPLY=($(compgen -W "$(_reportgen_words "$rg" help --commands) --help --version" -- "$cur"))
		return 0
	fi
	local cmd=${COMP_WORDS[1]} line
	if [[ $cmd == help ]]; then
		((cword == 2)) && COMPREPLY=($(compgen -W "$(_reportgen_words "$rg" help --commands)" -- "$cur"))
		return 0
	fi
	# The command's options, from its option table: "--long[=] [-s]" a line.
	local -a takes_arg=() all=()
	while read -r line; do
		local long=${line%% *} short=""
		[[ $line == *" "* ]] && short=${line#* }
		all+=("$long")
		[[ -n $short ]] && all+=("$short")
		if [[ $long == *= ]]; then
			takes_arg+=("${long%=}")
			[[ -n $short ]] && takes_arg+=("$short")
		fi
	done < <(_reportgen_words "$rg" help --options "$cmd")
	if [[ -z $opt && $cword -ge 2 ]]; then
		local prev=${COMP_WORDS[cword - 1]} t
		for t in "${takes_arg[@]}"; do
			[[ $prev == "$t" ]] && opt=$prev
		done
	fi
	case $opt in
	"") ;;
	--format | -f)
		local head="" last=$cur
		if [[ $cur == *,* ]]; then
			head=${cur%,*},
			last=${cur##*,}
		fi
		COMPREPLY=($(compgen -P "$head" -W "$(_reportgen_words "$rg" help --formats)" -- "$last"))
		return 0
		;;
	--template | -t)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -W "$(_reportgen_words "$rg" help --templates)" -- "$cur")
			$(compgen -f -X '!*.yaml' -- "$cur") $(compgen -d -- "$cur"))
		return 0
		;;
	--outdir | -d)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur"))
		return 0
		;;
	--diagnostics)
		COMPREPLY=($(compgen -W "gcc json github codequality" -- "$cur"))
		return 0
		;;
	--max-tlp)
		COMPREPLY=($(compgen -W "clear green amber amber+strict red" -- "$cur"))
		return 0
		;;
	--attack)
		COMPREPLY=($(compgen -W "$(_reportgen_words "$rg" attack list | awk '$1 ~ /^[0-9]/ {print $1}')" -- "$cur"))
		return 0
		;;
	--export-text)
		COMPREPLY=($(compgen -W "none summary all" -- "$cur"))
		return 0
		;;
	*)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "${all[*]}" -- "$cur"))
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return 0
	fi
	if [[ $cmd == attack ]]; then # attack import|list; import reads MITRE's JSON release file
		if ((cword == 2)); then
			COMPREPLY=($(compgen -W "import list" -- "$cur"))
		else
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
		return 0
	fi
	# Incident files: *.yaml and *.yml, and folders to walk into.
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur")
		$(compgen -d -- "$cur"))
	return 0
}
complete -F _reportgen reportgen
