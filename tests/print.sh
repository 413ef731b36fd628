# End-to-end tests of print output: booklets, paper sizes and screen profiles, photos at the
# print resolution. Sourced by run.sh after e2e.sh (Q, pdf_valid), with BUILD, TMP and the
# counters set.
P="$TMP/print"
mkdir -p "$P"

# --- Booklets.
# The back cover, the reading-order PDF's last page: the blanks go before it, where they cut no
# article. BACK: what it shows.
back_page() {
	pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
}
BACK="Harbour Ledger Cooperative Snapshot of 30 June 2024"
check "booklet: the reading-order PDF and the booklet in one run" \
	"$Q" -q archive --style pamphlet -o "$P/r.pdf" -o "$P/r.booklet.pdf"
check "booklet: --booklet -o b.pdf writes the same booklet" sh -c \
	"'$Q' -q archive --style pamphlet --booklet -o '$P/b.pdf' && cmp '$P/b.pdf' '$P/r.booklet.pdf'"
check "booklet: the reading-order PDF is the plain PDF" sh -c \
	"'$Q' -q archive --style pamphlet -o '$P/plain.pdf' && cmp '$P/plain.pdf' '$P/r.pdf'"
cp_at=$(back_page "$P/r.pdf")
check "booklet: A5 pages on A4 landscape sheets" sh -c \
	"pdfinfo '$P/b.pdf' | grep -q '^Page size: *839.05[0-9] x 595.27[0-9] pts'"
check "booklet: 2 x ceil(pages / 4) sides, each half the expected page (pdftotext -x -y -W -H)" \
	/usr/bin/python3 tests/check_booklet.py "$P/b.pdf" "$P/r.pdf" "$cp_at" 0 0 "$BACK"
check "booklet: qpdf --check clean, every font embedded" pdf_valid "$P/b.pdf"
check "booklet: pages are vectors, text comes back, no page rasterised" sh -c \
	"pdftotext '$P/b.pdf' - | grep -q 'Council passes budget' &&
	test \$(pdfimages -list '$P/b.pdf' | awk 'NR > 2' | wc -l) -eq \
	     \$(pdfimages -list '$P/r.pdf' | awk 'NR > 2' | wc -l) &&
	test \$(wc -c <'$P/b.pdf') -lt \$((\$(wc -c <'$P/r.pdf') * 11 / 10))"
check "booklet: the check finds a wrong order" sh -c \
	"! /usr/bin/python3 tests/check_booklet.py '$P/b.pdf' '$P/r.pdf' '$cp_at' 0 1 &&
	! /usr/bin/python3 tests/check_booklet.py '$P/b.pdf' '$P/r.pdf' 1 2 0"
check "booklet: --signature 2 --duplex long" sh -c \
	"'$Q' -q archive --style pamphlet --signature 2 --duplex long -o '$P/s2.booklet.pdf' &&
	/usr/bin/python3 tests/check_booklet.py '$P/s2.booklet.pdf' '$P/r.pdf' '$cp_at' 2 1 '$BACK'"
signature3() {
	"$Q" -q archive -o "$P/a4.pdf" -o "$P/a4.booklet.pdf" --signature 3 || return 1
	pdfinfo "$P/a4.booklet.pdf" | grep -q '^Page size: *1190.55[0-9]* x 841.89 pts' || return 1
	/usr/bin/python3 tests/check_booklet.py "$P/a4.booklet.pdf" "$P/a4.pdf" \
		"$(back_page "$P/a4.pdf")" 3 0 "$BACK"
}
check "booklet: --signature 3 on the default style (A4 pages on A3)" signature3
check "booklet: the same bytes on every run" sh -c \
	"TZ=Pacific/Auckland LC_ALL=C.UTF-8 '$Q' -q archive --style pamphlet --booklet -o '$P/b2.pdf' &&
	cmp '$P/b.pdf' '$P/b2.pdf'"
sheet_letter() {
	"$Q" -q archive --style pamphlet --booklet --sheet Letter -o "$P/letter.pdf" || return 1
	pdfinfo "$P/letter.pdf" | grep -q '^Page size: *792 x 612 pts' && pdf_valid "$P/letter.pdf"
}
check "booklet: --sheet Letter scales A5 pages onto Letter landscape" sheet_letter
check "booklet: --marks --bleed 3 trim and bleed boxes on a larger sheet" sh -c \
	"'$Q' -q archive --style pamphlet --booklet --marks --bleed 3 -o '$P/marks.pdf' &&
	qpdf --check '$P/marks.pdf' >/dev/null && pdfinfo -box '$P/marks.pdf' >'$P/box' &&
	grep -q '^Page size: *907.08[0-9] x 663.30[0-9] pts' '$P/box' &&
	grep -q '^TrimBox: *34.02 *34.02 *873.07 *629.29' '$P/box' &&
	grep -q '^BleedBox: *25.51 *25.51 *881.57 *637.80' '$P/box'"
# The innermost sheet (the 9th: 33 pages pad to 36) carries pages 18|19 on its back (side 18);
# its left page moves right by the whole creep, and the outermost sheet's pages do not move.
# first_x PDF SIDE X: the left edge of the first word in the half of SIDE starting at X
# (pdftotext -bbox ignores -x and -W: the words are picked here).
first_x() {
	pdftotext -bbox -f "$2" -l "$2" "$1" - |
		awk -F'"' -v x="$3" '/<word / && $2 >= x && $2 < x + 419 { print $2; exit }'
}
creep() {
	"$Q" -q archive --style pamphlet --booklet --creep 2 -o "$P/creep.pdf" || return 1
	"$Q" -q archive --style pamphlet --booklet --paper-thickness 0.1 -o "$P/thick.pdf" || return 1
	awk -v a="$(first_x "$P/b.pdf" 18 0)" -v b="$(first_x "$P/creep.pdf" 18 0)" \
	    -v c="$(first_x "$P/thick.pdf" 18 0)" -v o="$(first_x "$P/b.pdf" 1 420)" \
	    -v p="$(first_x "$P/creep.pdf" 1 420)" 'BEGIN {
		d = b - a; t = c - a; print d, t, o, p
		exit !(a > 0 && d > 5.57 && d < 5.77 && t > 2.17 && t < 2.37 && o == p) }'
}
check "booklet: --creep 2 and --paper-thickness 0.1 move the innermost pages toward the spine" creep
check "booklet: volumes are booklets named NAME-volN.booklet.pdf" sh -c \
	"'$Q' -q archive --style pamphlet --volumes month -o '$P/v.booklet.pdf' &&
	test -f '$P/v-vol1-2024-03.booklet.pdf' && test -f '$P/v-vol4-2024-06.booklet.pdf' &&
	pdfinfo '$P/v-vol1-2024-03.booklet.pdf' | grep -q '^Page size: *839.05[0-9] x 595.27[0-9] pts'"
check "booklet: no temporary left behind" sh -c "! ls '$P' | grep -q tmp-quire"
"$Q" -q archive --booklet -o "$P/x.epub" 2>"$P/err"
check "booklet: --booklet without a PDF output is a usage error" sh -c \
	"test $? -eq 2 && grep -q 'name one with -o FILE.pdf' '$P/err'"
"$Q" -q archive --signature 2 -o "$P/x.pdf" 2>"$P/err"
check "booklet: a booklet option without a booklet is a usage error" sh -c \
	"test $? -eq 2 && grep -q -- '--signature is for booklets' '$P/err' && test ! -e '$P/x.pdf'"
check "booklet: bad option values are usage errors" sh -c \
	"! '$Q' -q archive --booklet --duplex sideways -o '$P/y.pdf' 2>/dev/null &&
	! '$Q' -q archive --booklet --signature 0 -o '$P/y.pdf' 2>/dev/null &&
	! '$Q' -q archive --booklet --creep -1 -o '$P/y.pdf' 2>/dev/null &&
	! '$Q' -q archive --booklet --sheet 10x10mm -o '$P/y.pdf' 2>/dev/null && test ! -e '$P/y.pdf'"

# --- Paper sizes and screen profiles.
# page_size PAPER WxH: a PDF at --paper PAPER has pages of W x H points (rounded).
page_size() {
	"$Q" -q archive --paper "$1" -o "$P/paper.pdf" || return 1
	got=$(pdfinfo "$P/paper.pdf" | awk '/^Page size:/ { printf "%.0fx%.0f", $3, $5 }')
	test "$got" = "$2" || { echo "$1: $got, want $2"; return 1; }
	pdf_valid "$P/paper.pdf"
}
check "paper: --paper 5.5x8.5in" page_size 5.5x8.5in 396x612
check "paper: --paper 6x9in" page_size 6x9in 432x648
check "paper: --paper 15x21cm" page_size 15x21cm 425x595
check "paper: --paper half-letter" page_size half-letter 396x612
check "paper: --paper B5, B6 (ISO)" sh -c "
	'$Q' -q archive --paper B5 -o '$P/b5.pdf' && '$Q' -q archive --paper b6 -o '$P/b6.pdf' &&
	pdfinfo '$P/b5.pdf' | grep -q '^Page size: *498.89[0-9] x 708.66[0-9]' &&
	pdfinfo '$P/b6.pdf' | grep -q '^Page size: *354.33[0-9] x 498.89[0-9]'"
# screen NAME W H MARGIN SIZE: the profile's page, its side margins (the text's left edge on a
# body page within a point of them, and nothing past them) and its body type (the commonest
# size of the body font on that page, as MuPDF draws it).
screen() {
	"$Q" -q archive --paper "$1" -o "$P/$1.pdf" || return 1
	pdf_valid "$P/$1.pdf" || return 1
	pdfinfo "$P/$1.pdf" | awk -v w="$2" -v h="$3" '/^Page size:/ {
		exit !(($3 - w) ^ 2 < 1 && ($5 - h) ^ 2 < 1) }' || { echo "$1: page size"; return 1; }
	pdftotext -bbox -f 8 -l 8 "$P/$1.pdf" - | awk -F'"' -v m="$4" -v w="$2" '
		/<word / { if ($2 < min || !n) min = $2; if ($6 > max) max = $6; n++ }
		END { exit !(n > 50 && min > m - 1 && min < m + 1 && max < w - m + 1) }' ||
		{ echo "$1: margins"; return 1; }
	size=$(mutool trace -p 8 "$P/$1.pdf" 2>/dev/null |
		grep -o 'font="[^"]*NotoSerif-Regular"[^>]*trm="[0-9.]*' | sed 's/.*trm="//' |
		sort | uniq -c | sort -rn | awk '{ print $2; exit }')
	test "$size" = "$5" || { echo "$1: body size $size"; return 1; }
}
check "paper: --paper eink6 (90.8 x 122.6 mm, 5 mm margins, 9.5 pt)" screen eink6 257.4 347.5 14.17 9.5
check "paper: --paper eink7.8 (118.9 x 158.5 mm, 7 mm margins, 10 pt)" screen eink7.8 337.0 449.3 19.84 10
check "paper: --paper eink10.3 (157.8 x 210.4 mm, 10 mm margins, 11 pt)" screen eink10.3 447.3 596.4 28.35 11
"$Q" -q archive --paper 50x50mm -o "$P/small.pdf" 2>"$P/err"
check "paper: --paper 50x50mm is a clear error, nothing written" sh -c \
	"test $? -eq 2 && grep -q 'quire: error: --paper 50x50mm: 50 x 50 mm pages with margins of 22 + 18 mm leave a 10 mm column' '$P/err' &&
	test ! -e '$P/small.pdf'"
check "paper: unknown sizes and units are usage errors" sh -c \
	"! '$Q' -q archive --paper 6x9ft -o '$P/u.pdf' 2>/dev/null &&
	! '$Q' -q archive --paper 10x10mm -o '$P/u.pdf' 2>/dev/null &&
	! '$Q' -q archive --paper x9in -o '$P/u.pdf' 2>/dev/null && test ! -e '$P/u.pdf'"
printf 'paper: 6x9in\nmargin-inner: 15mm\n' >"$P/style6x9.yaml"
check "paper: a style file's paper in inches" sh -c \
	"'$Q' -q archive --style '$P/style6x9.yaml' -o '$P/st.pdf' &&
	pdfinfo '$P/st.pdf' | grep -q '^Page size: *432 x 648 pts'"

# --- Photos at the print resolution: a 4000 px photo in a 100 mm column (140 mm pages, 40 mm
# of margins) is downsampled to 300 dpi (1182 px); a 1000 px one (254 dpi) keeps its bytes.
# No cover: its photo would be listed again on page 1.
D="$P/dpi"
mkdir -p "$D/a/a" "$D/a/photos"
/usr/bin/python3 - "$D" <<'PY'
import random, sys
from PIL import Image, ImageDraw
random.seed(4)
for name, (w, h) in {"big.jpg": (4000, 3000), "small.jpg": (1000, 750)}.items():
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    for i in range(300):
        x, y, r = random.randrange(w), random.randrange(h), random.randrange(20, w // 8)
        d.ellipse([x - r, y - r, x + r, y + r], fill=tuple(random.randrange(256) for _ in range(3)))
    im.save(sys.argv[1] + "/a/photos/" + name, quality=90)
PY
printf 'title: Photos\ndate: 2024-06-30\n' >"$D/a/archive.yaml"
printf -- '---\ntitle: Photos\ndate: 2024-01-01\n---\nText.\n\n![A big photo](../photos/big.jpg)\n\n![A small photo](../photos/small.jpg)\n\nMore text.\n' \
	>"$D/a/a/2024-01-01-photos.md"
widths() {
	pdfimages -list "$1" | awk 'NR > 2 { printf "%s%sx%s", sep, $4, $5; sep = " " }'
}
check "print-dpi: a 4000 px photo in 100 mm is downsampled to 300 dpi" sh -c \
	"'$Q' -q --no-cover '$D/a' --paper 140x200mm -o '$D/300.pdf' && test \"\$(pdfimages -list '$D/300.pdf' |
	awk 'NR > 2 { printf \"%s %s %s %s;\", \$4, \$5, \$13, \$9 }')\" = '1182 887 300 jpeg;1000 750 254 jpeg;'"
check "print-dpi: the PDF is valid" pdf_valid "$D/300.pdf"
check "print-dpi: a photo under it keeps its bytes" sh -c \
	"cd '$D' && pdfimages -j 300.pdf x && cmp x-001.jpg a/photos/small.jpg && ! cmp -s x-000.jpg a/photos/big.jpg"
check "print-dpi: --print-dpi 0 keeps every photo as it is" sh -c \
	"'$Q' -q --no-cover '$D/a' --paper 140x200mm --print-dpi 0 -o '$D/0.pdf' &&
	cd '$D' && pdfimages -j 0.pdf y && cmp y-000.jpg a/photos/big.jpg &&
	test \$(wc -c <0.pdf) -gt \$((\$(wc -c <300.pdf) * 2))"
check "print-dpi: --print-dpi 150 gives 591 px" sh -c \
	"'$Q' -q --no-cover '$D/a' --paper 140x200mm --print-dpi 150 -o '$D/150.pdf' &&
	pdfimages -list '$D/150.pdf' | awk 'NR == 3 { exit !(\$4 == 591 && \$13 == 150) }'"
check "print-dpi: the same bytes on every run" sh -c \
	"'$Q' -q --no-cover '$D/a' --paper 140x200mm -o '$D/300b.pdf' && cmp '$D/300.pdf' '$D/300b.pdf'"
check "print-dpi: bad values are usage errors" sh -c \
	"! '$Q' -q '$D/a' --print-dpi 10 -o '$D/z.pdf' 2>/dev/null &&
	! '$Q' -q '$D/a' --print-dpi x -o '$D/z.pdf' 2>/dev/null && test ! -e '$D/z.pdf'"

# --- One photo under two names (a web archive's captures, a copied file) is stored once: the
# PDF names its image by the photo's SHA-256, not by its file. A second article showing
# photos/river-copy.jpg, a byte-for-byte copy of photos/river.jpg: one more placement, no more
# images; a changed byte makes it another image.
U="$P/dup"
mkdir -p "$U"
cp -R archive "$U/a"
cp archive/photos/river.jpg "$U/a/photos/river-copy.jpg"
sed 's/river\.jpg/river-copy.jpg/; s/^title: .*/title: "The flood again"/' \
	archive/city/2024-03-21-river-wren-flood.md >"$U/a/city/2024-03-22-river-again.md"
check "photos: a copy under another name is embedded once in the PDF" sh -c \
	"'$Q' -q '$U/a' -o '$U/dup.pdf' && '$Q' -q archive -o '$U/one.pdf' &&
	test \$(pdfimages -list '$U/dup.pdf' | awk 'NR > 2' | wc -l) -eq \
	     \$((\$(pdfimages -list '$U/one.pdf' | awk 'NR > 2' | wc -l) + 1)) &&
	test \$(pdfimages -list '$U/dup.pdf' | awk 'NR > 2 { print \$11 }' | sort -u | wc -l) -eq \
	     \$(pdfimages -list '$U/one.pdf' | awk 'NR > 2 { print \$11 }' | sort -u | wc -l) &&
	pdftotext '$U/dup.pdf' - | grep -q 'The flood again'"
check "photos: a copy with one byte changed is another image" sh -c \
	"printf x >>'$U/a/photos/river-copy.jpg' && '$Q' -q '$U/a' -o '$U/dup2.pdf' 2>/dev/null &&
	test \$(pdfimages -list '$U/dup2.pdf' | awk 'NR > 2 { print \$11 }' | sort -u | wc -l) -eq \
	     \$((\$(pdfimages -list '$U/one.pdf' | awk 'NR > 2 { print \$11 }' | sort -u | wc -l) + 1))"

# --- Memory errors in the imposition, both ways (its own reading-order PDF, and a PDF of the
# same run); leaks are not counted: fontconfig's own show up with any PDF.
if command -v valgrind >/dev/null && [ -z "$QUIRE_NO_VALGRIND" ]; then
	check "booklet: valgrind finds no memory error" sh -c \
		"valgrind -q --error-exitcode=99 --leak-check=no '$Q' -q archive --style pamphlet \
		    --marks --signature 2 -o '$P/vg.epub' -o '$P/vg.pdf' -o '$P/vg.booklet.pdf' &&
		valgrind -q --error-exitcode=99 --leak-check=no '$Q' -q archive --booklet \
		    -o '$P/vg2.pdf' -o '$P/vg2.epub'"
fi
