# zsh-interactive.zsh BINARY COMPLETION_DIR WORKDIR: drives an interactive zsh (zpty) with
# compinit and the completion on fpath, types partial command lines with TAB, and waits
# for the expected candidates on the screen (the caller bounds the time). Exits 1 on the
# first line whose candidates do not show.
zmodload zsh/zpty || exit 1
bin=$1 fp=$2 dir=$3
[[ ${bin:t} == reportgen ]] || exit 1
zpty -b z "zsh -f -i"
# typed as "reportgen" (found on PATH), so that no folder name can match a pattern
zpty -w z "PS1='> '; PATH=${bin:h}:\$PATH; fpath=($fp \$fpath); autoload -U compinit; compinit -u; cd $dir; print READY"
zpty -r z out '*READY*> *' || exit 1
# keys, a pattern of the raw screen output (escape sequences included), what is checked
expect() {
	zpty -n -w z $'\x15'"$1"$'\t'
	if zpty -r z out "$2"; then
		print "zsh: $3: ok"
	else
		print "FAIL: zsh: $3: ${(q)out}"
		exit 1
	fi
	zpty -n -w z $'\x15'
}
expect "reportgen ch" '*check*' "command"
expect "reportgen render --form" '*--format*=*' "long option"
expect "reportgen render --format=" '*pdf*stix1*stix2*' "formats"
expect "reportgen render -t " '*a.yaml*compact*default*letter*' "templates and files"
expect "reportgen render --max-tlp=amber+" '*amber+strict*' "TLP levels"
expect "reportgen render --attack=1" '*18.1*' "ATT&CK versions"
expect "reportgen attack i" '*import*' "attack subcommand"
zpty -d z
exit 0
