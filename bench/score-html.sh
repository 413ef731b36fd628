#!/bin/sh
# Scores the HTML reader on the two corpora of saved pages beside the project, each with its own
# metric (bench/README.md), writes each corpus's figures to bench/, and prints them.
# Usage: bench/score-html.sh BUILD                   both corpora, files written
#        bench/score-html.sh BUILD [-v] [-t|-V] DIR [CASE...]   one corpus, printed only
# BUILD holds score_html. QUIRE_CORPUS overrides the Readability corpus's folder and
# QUIRE_BENCH_CORPUS the benchmark's (ground-truth.json and html/ in its format), as in
# tests/e2e.sh. -t scores the training part only, -V the validation part only.
set -e
build=${1:-build}
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then
	exec "$build/score_html" "$@"
fi
here=$(dirname "$0")
status=0
for corpus in readability article-benchmark; do
	case $corpus in
	readability) dir=${QUIRE_CORPUS:-"$here/../../shared/corpus/readability"} var=QUIRE_CORPUS ;;
	*) dir=${QUIRE_BENCH_CORPUS:-"$here/../../shared/corpus/article-benchmark"} var=QUIRE_BENCH_CORPUS ;;
	esac
	if [ ! -d "$dir" ]; then
		echo "score-html: no corpus at $dir (set $var); skipped"
		continue
	fi
	case $corpus in
	readability) out=$here/score-html.txt ;;
	*) out=$here/score-$corpus.txt ;;
	esac
	tmp=$out.tmp
	"$build/score_html" "$dir" >"$tmp" || status=1
	# The notes kept below the figures (lines starting with '#') survive a new run.
	[ -f "$out" ] && grep '^#' "$out" >>"$tmp" || true
	mv "$tmp" "$out"
	echo "== $corpus ($out)"
	case $corpus in
	readability)
		sed -n '/^pages/,/^dir/p' "$out"
		awk '/^mean precision/ { f = $7 }
		     END { ok = f + 0 >= 0.975
		           printf "target: mean F1 >= 0.975: %s\n", ok ? "met" : "NOT MET" }' "$out"
		;;
	*)
		sed -n '/^train /,/^all /p' "$out"
		awk '$1 == "validation" { v = $9 } $1 == "all" { a = $9; low = $16 }
		     END { ok = v + 0 > 0.958 && a + 0 > 0.958 && low == 0
		           printf "target: F1 > 0.958 (trafilatura) on the validation part and on all, "
		           printf "no page with recall < 0.5: %s\n", ok ? "met" : "NOT MET" }' "$out"
		;;
	esac
done
exit $status
