#!/bin/sh
# `make bench`: quire's speed and peak memory beside its peers, all measured in this one run
# and printed as ratios (bench/README.md has the targets and the figures measured).
# usage: [BIG=1] sh bench/run.sh BUILD. BIG=1 adds the 10,000-article PDF.
set -e
BUILD=${1:-build}
Q=$(pwd)/$BUILD/quire
T=${TMPDIR:-/tmp}/quire-bench
TYPST_MODULES=${TYPST_MODULES:-/opt/quire-bench/node_modules}
rm -rf "$T"
mkdir -p "$T"

echo "# machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
	"$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); load at start:" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"

# cores: how many of the cores this run gets now: a busy loop of the shell's timed alone, then
# one on each core at once (2.0: both cores are there; 1.0: the VM's host gives them by turns,
# and the 2-job figures say little).
cores() {
	n=$(nproc)
	loop='i=0; while [ $i -lt 400000 ]; do i=$((i + 1)); done'
	t0=$(date +%s%N)
	sh -c "$loop"
	t1=$(date +%s%N)
	k=0
	while [ "$k" -lt "$n" ]; do
		sh -c "$loop" &
		k=$((k + 1))
	done
	wait
	t2=$(date +%s%N)
	sh -c "$loop"
	t3=$(date +%s%N)
	# The loop alone: the mean of before and after.
	echo "$n $t0 $t1 $t2 $t3" |
		awk '{ printf "%.1f of %d", $1 * ($3 - $2 + $5 - $4) / 2 / ($4 - $3), $1 }'
}
# The VM's speed drifts by half from minute to minute, so each figure is the median of ROUNDS
# runs (5; ROUNDS=1 for one), and runs to be compared are taken in turns.
ROUNDS=${ROUNDS:-5}
# once VAR COMMAND...: one run, its wall, user and system seconds and peak RSS (KB) added to
# $T/runs.VAR.
once() {
	var=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$T/time" "$@" >/dev/null 2>"$T/err" ||
		{ echo "$var failed:"; sed -n '1,20p' "$T/err"; exit 1; }
	cat "$T/time" >>"$T/runs.$var"
}
# report VAR NAME: prints the median wall and CPU (user + system) seconds of the runs of VAR
# and their largest peak RSS, and sets VAR_s (wall seconds), VAR_cpu and VAR_mb (peak MB).
report() {
	var=$1 name=$2
	n=$(wc -l <"$T/runs.$var")
	mid=$(( (n + 1) / 2 ))
	secs=$(cut -d' ' -f1 "$T/runs.$var" | sort -n | sed -n "${mid}p")
	cpu=$(awk '{ printf "%.2f\n", $2 + $3 }' "$T/runs.$var" | sort -n | sed -n "${mid}p")
	mb=$(awk '$4 > m { m = $4 } END { printf "%.1f", m / 1024 }' "$T/runs.$var")
	printf '%-46s %7.2f s wall %7.2f s CPU %8.1f MB\n' "$name" "$secs" "$cpu" "$mb"
	eval "${var}_s=$secs ${var}_cpu=$cpu ${var}_mb=$mb"
}
# run [-n N] VAR NAME COMMAND...: N runs (ROUNDS), reported.
run() {
	k=$ROUNDS
	if [ "$1" = -n ]; then
		k=$2
		shift 2
	fi
	var=$1 name=$2
	shift 2
	rm -f "$T/runs.$var"
	i=0
	while [ "$i" -lt "$k" ]; do
		once "$var" "$@"
		i=$((i + 1))
	done
	report "$var" "$name"
}
# ratio TEXT A B: prints TEXT and A / B.
ratio() {
	echo "$2 $3" | awk -v t="$1" '{ printf "  %-50s %6.2fx\n", t, ($2 > 0 ? $1 / $2 : 0) }'
}
# ratio2 TEXT VAR_A VAR_B: prints TEXT with A / B in wall time and in CPU time (on a machine
# that other jobs share, CPU time is the steadier figure).
ratio2() {
	eval "aw=\$${2}_s ac=\$${2}_cpu bw=\$${3}_s bc=\$${3}_cpu"
	echo "$aw $bw $ac $bc" | awk -v t="$1" '{
		printf "  %-50s %6.2fx wall, %6.2fx CPU\n", t, ($2 > 0 ? $1 / $2 : 0), ($4 > 0 ? $3 / $4 : 0) }'
}
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

echo "# cores this run gets at the start: $(cores)"
for n in 200 2000; do
	/usr/bin/python3 tests/mkbig.py "$T/a$n" "$n" 100 >/dev/null
done
[ -z "$BIG" ] || /usr/bin/python3 tests/mkbig.py "$T/a10000" 10000 100 >/dev/null

echo "# EPUB, 200 articles and 100 photos (tests/mkbig.py)"
run qe "quire -> EPUB" "$Q" -q "$T/a200" -o "$T/q.epub"
if command -v pandoc >/dev/null; then
	(cd "$T/a200" && find . -name '*.md' | sort >"$T/list")
	run pe "pandoc -> EPUB, the same Markdown files" \
		sh -c "cd '$T/a200' && pandoc -o '$T/pandoc.epub' \$(cat '$T/list')"
	ratio2 "quire faster than pandoc (target 40x)" pe qe
fi

echo "# PDF, the same 200 articles"
# 1 and 2 jobs and the bare loop below in turns, so that all three see the same drift.
rm -f "$T/runs.q1" "$T/runs.q2"
: >"$T/bares"
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	once q1 "$Q" -q "$T/a200" --jobs 1 -o "$T/q1.pdf"
	once q2 "$Q" -q "$T/a200" --jobs 2 -o "$T/q2.pdf"
	[ ! -x "$BUILD/bare_pdf" ] ||
		"$BUILD/bare_pdf" "$T/bare.pdf" $(find "$T/a200" -name '*.md' | sort) >>"$T/bares"
	i=$((i + 1))
done
report q1 "quire --jobs 1 -> PDF"
report q2 "quire --jobs 2 -> PDF"
cmp "$T/q1.pdf" "$T/q2.pdf" || { echo "--jobs 1 and 2 differ"; exit 1; }
qp=$(pages "$T/q2.pdf")
echo "  $qp pages, $(wc -c <"$T/q2.pdf" | awk '{ printf "%.1f MB", $1 / 1048576 }')"
ratio "2 jobs faster than 1, wall (target 1.7x)" "$q1_s" "$q2_s"
echo "  (on a loaded machine the wall ratio says little: load now $(cut -d' ' -f1 /proc/loadavg))"
if command -v weasyprint >/dev/null; then
	/usr/bin/python3 bench/md2typ.py --html "$T/a200" "$T/w.html"
	run -n 3 w "WeasyPrint -> PDF ($(weasyprint --version | cut -d' ' -f3))" weasyprint "$T/w.html" "$T/w.pdf"
	echo "  $(pages "$T/w.pdf") pages"
	ratio2 "quire --jobs 2 faster than WeasyPrint (target 25x)" w q2
fi
if [ -d "$TYPST_MODULES/@myriaddreamin/typst-ts-node-compiler" ]; then
	/usr/bin/python3 bench/md2typ.py "$T/a200" "$T/t.typ"
	run ty "Typst 0.14 (typst.ts node compiler) -> PDF" \
		env NODE_PATH="$TYPST_MODULES" node bench/typst.js "$T/t.typ" "$T/t.pdf" fonts
	echo "  $(pages "$T/t.pdf") pages"
	ratio2 "quire --jobs 2 faster than Typst (target 3x)" ty q2
else
	echo "  (Typst: npm install @myriaddreamin/typst-ts-node-compiler in $TYPST_MODULES to compare)"
fi
if [ -x "$BUILD/bare_pdf" ]; then
	# The run of median CPU time of those taken in turns with quire's above.
	sort -n -k3 "$T/bares" | sed -n "$(( (ROUNDS + 1) / 2 ))p" >"$T/bare"
	read -r bp bs bc <"$T/bare"
	echo "bare Pango/Cairo loop, same Markdown: $bp pages in $bs s wall, $bc s CPU"
	echo "$qp $q1_cpu $bp $bc" | awk '{ printf "  %-50s %5.0f%%\n", "quire per core (pages per CPU second) / the loop (90%)", 100 * ($1 / $2) / ($3 / $4) }'
fi

echo "# PDF, growth with the archive (--jobs 2)"
run -n 3 g2000 "quire, 2000 articles -> PDF" "$Q" -q "$T/a2000" --jobs 2 -o "$T/g.pdf"
ratio "time, 2000 against 200 articles (target 10.5x)" "$g2000_s" "$q2_s"
ratio "memory, 2000 against 200 articles (target 1.3x)" "$g2000_mb" "$q2_mb"
if [ -n "$BIG" ]; then
	run -n 1 g10000 "quire, 10000 articles -> PDF" "$Q" -q "$T/a10000" --jobs 2 -o "$T/g.pdf"
	echo "  $(pages "$T/g.pdf") pages; peak memory target 150 MB"
	ratio "time, 10000 against 200 articles" "$g10000_s" "$q2_s"
fi

echo "# EPUB from one web archive (bench/mkwarc.py: pages and photos, one gzip member a record)"
for n in 2000 8000; do
	mkdir -p "$T/w$n"
	/usr/bin/python3 bench/mkwarc.py "$T/w$n/crawl.warc.gz" "$n"
	run -n 1 warc$n "quire: one WARC, $n pages, $((n / 10)) photos -> EPUB" "$Q" -q "$T/w$n" -o "$T/w$n.epub"
done

echo "# cores this run gets after the PDFs: $(cores)"

echo "# Print: photos at --print-dpi, booklets"
sh bench/print_bench.sh "$BUILD"
