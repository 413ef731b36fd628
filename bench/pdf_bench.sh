#!/bin/sh
# Measures the PDF writer: builds a 200-article archive in /tmp by replicating archive/'s
# articles (new titles and dates), exports it RUNS times (default 3), and prints pages per second
# from the median wall-clock time, and the highest peak memory of the runs. One run on a busy
# machine can be off by a fifth either way; the median of three is steadier. Then, when
# BUILD/bare_pdf is built, the same for a bare Pango/Cairo loop over the same articles (the
# yardstick of bench/README.md), and quire's speed as a share of the loop's.
# usage: [RUNS=n] sh bench/pdf_bench.sh [BUILD] [ARTICLES]
set -e
BUILD=${1:-build}
N=${2:-200}
RUNS=${RUNS:-3}
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

# RUNS runs, each timed by the kernel: one line "wall user rss_kb" per run.
: >"$DIR.runs"
r=0
while [ "$r" -lt "$RUNS" ]; do
	/usr/bin/time -v "$QUIRE" -q "$DIR" -o "$OUT" 2>"$DIR.time" || { cat "$DIR.time" >&2; exit 1; }
	# Wall clock comes as [h:]m:ss.cc.
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
		/User time/ { u = $2 }
		/Maximum resident set size/ { m = $2 }
		END { print w, u, m }' "$DIR.time" >>"$DIR.runs"
	r=$((r + 1))
done
pages=$(pdfinfo "$OUT" | awk '/^Pages:/ {print $2}')
secs=$(sort -n "$DIR.runs" | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { print $1 }')
user=$(sort -n -k2 "$DIR.runs" | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { print $2 }')
rss=$(sort -n -k3 "$DIR.runs" | awk 'END { print $3 }')
echo "pdf: $N articles, $pages pages in ${secs}s (user ${user}s, median of $RUNS): $(echo "$pages $secs" | awk '{ printf "%.0f", $1 / $2 }') pages/s, peak RSS $(echo "$rss" | awk '{ printf "%.1f", $1 / 1024 }') MB, $(wc -c <"$OUT" | awk '{ printf "%.1f", $1 / 1048576 }') MB file"
qps=$(echo "$pages $secs" | awk '{ printf "%.0f", $1 / $2 }')

# The yardstick: RUNS runs of the bare loop over the same Markdown files, median time.
[ -x "$BUILD/bare_pdf" ] || exit 0
: >"$DIR.bare"
r=0
while [ "$r" -lt "$RUNS" ]; do
	"$BUILD/bare_pdf" "$DIR.bare.pdf" $(find "$DIR" -name '*.md' | sort) >>"$DIR.bare"
	r=$((r + 1))
done
sort -n -k2 "$DIR.bare" | awk -v n="$RUNS" -v q="$qps" 'NR == int((n + 1) / 2) {
	b = $1 / $2
	printf "bare Pango/Cairo loop, same articles: %d pages in %.2fs: %.0f pages/s; quire at %.0f%% of it\n", $1, $2, b, 100 * q / b }'
