#!/bin/sh
# `make bench`: prints quire's speed and peak memory on generated archives, beside pandoc's.
# usage: sh bench/run.sh BUILD. Figures, not pass/fail: targets are in bench/README.md.
set -e
BUILD=${1:-build}
Q=$BUILD/quire
T=${TMPDIR:-/tmp}/quire-bench
rm -rf "$T"
mkdir -p "$T"

# run NAME COMMAND...: prints wall seconds and peak RSS of one run.
run() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$T/time" "$@" >/dev/null 2>"$T/err" || { cat "$T/err"; exit 1; }
	read -r secs kb <"$T/time"
	printf '%-44s %7.2f s  %7.1f MB\n' "$name" "$secs" "$(echo "$kb" | awk '{ print $1 / 1024 }')"
}

echo "# EPUB (synthetic archives from tests/mkbig.py; photos are copies of archive/photos)"
for n in 200 1000 5000; do
	python3 tests/mkbig.py "$T/a$n" "$n" 100 >/dev/null
	run "quire: $n articles, 100 photos -> EPUB" "$Q" -q "$T/a$n" -o "$T/a$n.epub"
done
if command -v pandoc >/dev/null; then
	# pandoc gets the same 200 Markdown files (front matter is read by pandoc too) and photos.
	(cd "$T/a200" && find . -name '*.md' | sort >"$T/list")
	run "pandoc: 200 articles -> EPUB" sh -c "cd '$T/a200' && pandoc -o '$T/pandoc.epub' \$(cat '$T/list')"
fi

echo "# PDF"
sh bench/pdf_bench.sh "$BUILD" 200

echo "# Print: photos at --print-dpi, booklets"
sh bench/print_bench.sh "$BUILD"
