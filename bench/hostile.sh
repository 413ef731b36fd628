#!/bin/sh
# `make bench-hostile`: time and peak memory of the hostile sizes (tests/mkhostile.py), each
# exported to both outputs, at full size and at half of it to show the growth. Figures, not
# pass/fail; bench/README.md ("Hostile sizes") has them before and after. Takes a few minutes.
# usage: sh bench/hostile.sh BUILD [CASE SIZE]...
set -e
BUILD=${1:-build}
[ $# -gt 0 ] && shift
Q=$BUILD/quire
T=${TMPDIR:-/tmp}/quire-hostile
rm -rf "$T"
mkdir -p "$T"
[ $# -gt 0 ] || set -- article 15000000 article 30000000 para 15000000 para 30000000 \
	links 50000 links 100000 title 50000 title 100000 table 3500000 table 7000000
while [ $# -ge 2 ]; do
	d=$T/$1-$2
	/usr/bin/python3 tests/mkhostile.py "$d" "$1" "$2"
	/usr/bin/time -f '%e %U %M' -o "$T/time" "$Q" "$d" -o "$d.epub" -o "$d.pdf" \
		>/dev/null 2>"$T/err" || { cat "$T/err"; exit 1; }
	read -r secs user kb <"$T/time"
	printf '%-8s %10s  %7.2f s (%6.2f s user)  %7.1f MB  %s warning(s)\n' "$1" "$2" "$secs" \
		"$user" "$(echo "$kb" | awk '{ print $1 / 1024 }')" "$(grep -c warning "$T/err" || true)"
	rm -rf "$d" "$d.epub" "$d.pdf"
	shift 2
done
