#!/bin/sh
# Measures the PDF writer: builds a 200-article archive in /tmp by replicating archive/'s
# articles (new titles and dates), exports it once, and prints pages per second and peak memory.
# usage: sh bench/pdf_bench.sh [BUILD] [ARTICLES]
set -e
BUILD=${1:-build}
N=${2:-200}
QUIRE=$BUILD/quire
DIR=${TMPDIR:-/tmp}/quire-bench-$N
OUT=${TMPDIR:-/tmp}/quire-bench-$N.pdf

[ -x "$QUIRE" ] || { echo "pdf_bench: $QUIRE not built" >&2; exit 1; }
command -v pdfinfo >/dev/null || { echo "pdf_bench: pdfinfo missing (poppler-utils)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "pdf_bench: /usr/bin/time missing (package time)" >&2; exit 1; }

# The archive: article k is a copy of source article k mod S, with its title and date changed.
rm -rf "$DIR"
mkdir -p "$DIR/photos"
cp archive/photos/* "$DIR/photos/"
cp archive/archive.yaml "$DIR/archive.yaml"
set -- $(find archive -name '*.md' | sort)
S=$#
k=0
while [ "$k" -lt "$N" ]; do
	i=$((k % S + 1))
	eval src=\${$i}
	sect=$(basename "$(dirname "$src")")
	mkdir -p "$DIR/$sect"
	month=$((k % 12 + 1))
	day=$((k % 28 + 1))
	date=$(printf '2023-%02d-%02d' "$month" "$day")
	sed -e "s/^title: \"\(.*\)\"$/title: \"\1 (part $k)\"/" \
	    -e "s/^date: .*/date: $date/" "$src" >"$DIR/$sect/$date-copy-$k.md"
	k=$((k + 1))
done

# One run, timed by the kernel.
/usr/bin/time -v "$QUIRE" -q "$DIR" -o "$OUT" 2>"$DIR.time" || { cat "$DIR.time" >&2; exit 1; }
pages=$(pdfinfo "$OUT" | awk '/^Pages:/ {print $2}')
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR.time")
user=$(awk -F': ' '/User time/ {print $2}' "$DIR.time")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR.time")
# Wall clock comes as [h:]m:ss.cc.
secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
echo "pdf: $N articles, $pages pages in ${secs}s (user ${user}s): $(echo "$pages $secs" | awk '{ printf "%.0f", $1 / $2 }') pages/s, peak RSS $(echo "$rss" | awk '{ printf "%.1f", $1 / 1024 }') MB, $(wc -c <"$OUT" | awk '{ printf "%.1f", $1 / 1048576 }') MB file"
