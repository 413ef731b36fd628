# The PDF's columns (--columns, the style keys columns and column-gap) and pagination fixes seen
# on the sample's pages. Sourced by run.sh after e2e.sh (Q, pdf_valid), with BUILD, TMP and the
# counters set.
L="$TMP/layout"
mkdir -p "$L"

# The page holding text $2 in PDF $1 (the first one).
page_of() {
	n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	for p in $(seq 1 "$n"); do
		if pdftotext -f "$p" -l "$p" "$1" - | tr '\n' ' ' | grep -q "$2"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}
pages_of() {
	pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
}
# layout_ok PDF TOP BOTTOM INNER OUTER GAP LEADING [COLUMNS]: the body pages, from the first
# article's to the last, pass tests/check_layout.py.
layout_ok() {
	f=$1
	shift
	first=$(page_of "$f" "${FIRST:-By Maren Holt}") || return 1
	/usr/bin/python3 tests/check_layout.py "$f" "$first" "$(pages_of "$f")" "$@"
}
PAMPHLET="14 16 16 12 5 13.5"
DEFAULT="20 22 22 18 5 14.49"

# --- Two columns.
check "columns: the pamphlet on A4 has two" \
	"$Q" -q archive --style pamphlet --paper A4 -o "$L/p2.pdf"
check "columns: no word crosses the gutter or the margins, columns balanced and read in order" \
	layout_ok "$L/p2.pdf" $PAMPHLET
check "columns: text comes back" sh -c "pdftotext '$L/p2.pdf' - | grep -q 'Eastbank library reopens'"
check "columns: the two-column PDF is valid" pdf_valid "$L/p2.pdf"
check "columns: --columns 2 in the default style (A4)" sh -c "
	'$Q' -q archive --columns 2 -o '$L/d2.pdf'"
check "columns: the default style's two columns pass the checks" layout_ok "$L/d2.pdf" $DEFAULT
check "columns: the check finds one column set across the gutter" sh -c "
	'$Q' -q archive --style pamphlet --paper A4 --columns 1 -o '$L/p1.pdf' &&
	! /usr/bin/python3 tests/check_layout.py '$L/p1.pdf' 5 \$(pdfinfo '$L/p1.pdf' |
	    awk '/^Pages:/ { print \$2 }') $PAMPHLET >'$L/p1.log' && grep -q 'crosses the gutter' '$L/p1.log'"
check "columns: the pamphlet keeps one column on its A5 pages" sh -c "
	'$Q' -q archive --style pamphlet -o '$L/a5.pdf' &&
	'$Q' -q archive --style pamphlet --columns 1 -o '$L/a5c1.pdf' && cmp '$L/a5.pdf' '$L/a5c1.pdf'"
check "columns: style keys columns: 2 and column-gap: 9mm" sh -c "
	cp styles/default.yaml '$L/wide.yaml' && printf 'columns: 2\ncolumn-gap: 9mm\n' >>'$L/wide.yaml' &&
	'$Q' -q archive --style '$L/wide.yaml' -o '$L/w.pdf' &&
	/usr/bin/python3 tests/check_layout.py '$L/w.pdf' 7 \$(pdfinfo '$L/w.pdf' |
	    awk '/^Pages:/ { print \$2 }') 20 22 22 18 9 14.49"
check "columns: --column-gap 12 moves the second column" sh -c "
	'$Q' -q archive --columns 2 --column-gap 12 -o '$L/g12.pdf' &&
	/usr/bin/python3 tests/check_layout.py '$L/g12.pdf' 7 \$(pdfinfo '$L/g12.pdf' |
	    awk '/^Pages:/ { print \$2 }') 20 22 22 18 12 14.49 &&
	! cmp -s '$L/g12.pdf' '$L/d2.pdf'"
check "columns: --columns 3 and --column-gap x are usage errors (status 2)" sh -c "
	'$Q' archive --columns 3 -o '$L/x.pdf' 2>/dev/null; test \$? -eq 2 &&
	'$Q' archive --column-gap x -o '$L/x.pdf' 2>/dev/null; test \$? -eq 2"
check "columns: two columns too narrow for the type are refused, saying why" sh -c "
	'$Q' archive --style pamphlet --paper A6 --columns 2 -o '$L/x.pdf' 2>'$L/narrow.err';
	test \$? -eq 2 && grep -q 'two columns of .* mm .* too narrow' '$L/narrow.err' && test ! -e '$L/x.pdf'"
# Threads, a long article the writer sets in pieces, a right-to-left one, run on.
mkdir -p "$L/arch"
cp -r archive/. "$L/arch/"
python3 - "$L/arch" <<'PY'
import os, sys
d = os.path.join(sys.argv[1], "extra")
os.makedirs(d, exist_ok=True)
def put(name, text):
    open(os.path.join(d, name), "w", encoding="utf-8").write(text)
put("2024-02-15-long.md", "---\ntitle: Long\ndate: 2024-02-15\n---\n\n" +
    "".join("## Part %d\n\n%s\n\n" % (k, "Words of a long article, set in pieces. " * 40)
            for k in range(60)))
put("2024-03-05-persian.md", "---\ntitle: گزارش\nlang: fa\ndir: rtl\ndate: 2024-03-05\n---\n\n" +
    "این یک گزارش آزمایشی است که از راست به چپ نوشته می‌شود. " * 30 + "\n")
PY
jobs_ok() {
	for j in 1 2 7; do
		"$Q" -q "$L/arch" --columns 2 --jobs "$j" -o "$L/j$j.pdf" || return 1
	done
	cmp "$L/j1.pdf" "$L/j2.pdf" && cmp "$L/j1.pdf" "$L/j7.pdf"
}
check "columns: --jobs 1, 2 and 7 write byte-identical PDFs" jobs_ok
long_ok() {
	FIRST='15 February 2024' layout_ok "$L/j1.pdf" $DEFAULT
}
check "columns: a long article and a right-to-left one in two columns pass the checks" long_ok
run_on_ok() {
	"$Q" -q archive --columns 2 --run-on -o "$L/run.pdf" &&
	layout_ok "$L/run.pdf" $DEFAULT &&
	test "$(pages_of "$L/run.pdf")" -lt "$(pages_of "$L/d2.pdf")"
}
check "columns: --run-on in two columns: articles follow below the balanced columns" run_on_ok
check "columns: a booklet of two-column pages" sh -c "
	'$Q' -q archive --style pamphlet --paper A4 --booklet -o '$L/b.pdf' &&
	pdfinfo '$L/b.pdf' | grep -q '^Page size: *1190.55 x 841.89 pts' &&
	pdftotext '$L/b.pdf' - | grep -q 'Eastbank library reopens'"
check "columns: the booklet is valid" pdf_valid "$L/b.pdf"

# --- Pagination fixes seen on the sample's pages (A5 pamphlet, one column).
# A figure that moves to the top of a page keeps its space below: the caption does not touch
# the paragraph it interrupts.
mkdir -p "$L/fig/a" "$L/fig/photos"
cp archive/photos/river.jpg "$L/fig/photos/"
printf 'title: Test\ndate: 2024-06-30\n' >"$L/fig/archive.yaml"
# mkfig N WORDS: N paragraphs of WORDS words, a photo, six more.
mkfig() {
	python3 - "$L/fig/a/2024-06-01-fig.md" "$1" "$2" <<'PY'
import random, sys
n, k = int(sys.argv[2]), int(sys.argv[3])
random.seed(7)
w = ("the council river harbour flood library market budget evening morning committee "
     "passengers volunteers shelves").split()
def para(m):
    return " ".join(random.choice(w) for _ in range(m)).capitalize() + "."
body = ("\n\n".join(para(k) for _ in range(n)) +
        "\n\n![A river](../photos/river.jpg \"The river at dawn\")\n\n" +
        "\n\n".join(para(k) for _ in range(6)))
open(sys.argv[1], "w").write("---\ntitle: Figure at a page top\ndate: 2024-06-01\n---\n\n" +
                             body + "\n")
PY
}
# caption_gap PDF: the space between the caption's foot and the top of the next line, in pt.
caption_gap() {
	p=$(page_of "$1" 'The river at dawn') || return 1
	pdftotext -f "$p" -l "$p" -bbox "$1" - | /usr/bin/python3 -c '
import re, sys
ws = re.findall(r"yMin=\"([\d.]+)\" xMax=\"[\d.]+\" yMax=\"([\d.]+)\">([^<]*)<", sys.stdin.read())
cap = [float(b) for a, b, t in ws if t == "dawn"][0]
print("%.1f" % (min(float(a) for a, b, t in ws if float(a) > cap) - cap))'
}
mkfig 8 50
fig_top_ok() {
	"$Q" -q "$L/fig" --style pamphlet --no-colophon -o "$L/fig.pdf" || return 1
	p=$(page_of "$L/fig.pdf" 'The river at dawn') || return 1
	# The figure opens its page: the caption is the page's first text under the running head.
	test "$(pdftotext -f "$p" -l "$p" "$L/fig.pdf" - | grep -v '^ *$' | sed -n 2p)" = \
	    'The river at dawn' || return 1
	g=$(caption_gap "$L/fig.pdf")
	echo "caption to text: $g pt"
	/usr/bin/python3 -c "import sys; sys.exit(0 if $g >= 8 else 1)"
}
check "pagination: a figure moved to a page's top keeps its space from the text below" fig_top_ok

# The library photo, deferred to the next page, is not put between the items of the list that
# goes on there: the list goes on at the page's top, the photo where it ends.
list_ok() {
	"$Q" -q archive --style pamphlet -o "$L/pam.pdf" || return 1
	p=$(page_of "$L/pam.pdf" 'Wooden shelves of the Eastbank') || return 1
	pdftotext -f "$p" -l "$p" "$L/pam.pdf" "$L/lib.txt" || return 1
	# The list's last items are above the caption, and no item follows it.
	awk '/Wooden shelves/ { cap = NR } /moisture meters/ { item = NR }
	     cap && NR > cap && /^(•|–)/ { bad = 1 }
	     END { exit !(cap && item && item < cap && !bad) }' "$L/lib.txt"
}
check "pagination: a deferred photo is placed after the list, not inside it" list_ok

# No page ends with the first half of a hyphenated word (TeX's broken penalty).
hyphen_ends() {
	n=$(pages_of "$1")
	for p in $(seq 1 "$n"); do
		# The page's last line of text, above its folio.
		pdftotext -f "$p" -l "$p" -layout "$1" - | tr -d '\f' | grep -v '^ *[0-9]* *$' |
		    tail -1 | grep -q '[[:alpha:]]- *$' && echo "page $p ends on a hyphen"
	done
	return 0
}
hyphen_ok() {
	for c in "14 65" "18 45" "12 55" "20 55"; do
		mkfig $c
		"$Q" -q "$L/fig" --style pamphlet --no-colophon -o "$L/hy.pdf" || return 1
		h=$(hyphen_ends "$L/hy.pdf")
		[ -z "$h" ] || { echo "$c: $h"; return 1; }
	done
}
check "pagination: no page ends with a hyphenated word's first half" hyphen_ok
