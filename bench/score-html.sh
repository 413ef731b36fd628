#!/bin/sh
# Scores the HTML reader on the saved pages of shared/corpus/readability and prints the figures.
# Usage: bench/score-html.sh BUILD [CASE...]   (BUILD holds score_html; QUIRE_CORPUS overrides
# the corpus folder). Prints one line per page, then the means; -v after BUILD explains misses.
set -e
build=${1:-build}
[ $# -gt 0 ] && shift
corpus=${QUIRE_CORPUS:-"$(dirname "$0")/../../shared/corpus/readability"}
if [ ! -d "$corpus" ]; then
	echo "score-html: no corpus at $corpus (set QUIRE_CORPUS); skipped"
	exit 0
fi
verbose=
if [ "$1" = "-v" ]; then
	verbose=-v
	shift
fi
exec "$build/score_html" $verbose "$corpus" "$@"
