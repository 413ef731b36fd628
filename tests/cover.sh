# End-to-end tests of the covers: the generated front cover (photo, typographic, right to left),
# archive.yaml's cover and cover-article, the back cover, --no-cover, booklets ending with the
# back cover. Sourced by run.sh after e2e.sh (Q, pdf_valid, epubcheck_clean), with BUILD, TMP and
# the counters set.
K="$TMP/cover"
mkdir -p "$K"

# The sample without its cover photo: the cover is generated, with the first article's photo.
cp -r archive "$K/gen"
sed -i '/^cover:/d' "$K/gen/archive.yaml"
check "cover: generated cover, the EPUB and the PDF in one run" \
	"$Q" -q "$K/gen" --jobs 1 -o "$K/g.epub" -o "$K/g.pdf"
check "cover: the generated cover's EPUB passes epubcheck 0/0" epubcheck_clean "$K/g.epub"
check "cover: the OPF names the cover image (cover-image, meta cover), cover page first" sh -c "
	unzip -p '$K/g.epub' OEBPS/content.opf >'$K/g.opf' &&
	grep -q '<meta name=\"cover\" content=\"cover-image\"/>' '$K/g.opf' &&
	grep -q 'id=\"cover-image\" href=\"images/cover.jpg\" media-type=\"image/jpeg\" properties=\"cover-image\"' '$K/g.opf' &&
	sed -n '/<spine/,/<\/spine>/p' '$K/g.opf' | grep itemref | head -1 | grep -q 'idref=\"cover\"' &&
	sed -n '/<spine/,/<\/spine>/p' '$K/g.opf' | grep itemref | tail -1 | grep -q 'idref=\"back\"'"
cover_image() {
	mkdir -p "$K/gx" && (cd "$K/gx" && unzip -q -o "$K/g.epub") || return 1
	identify -format '%m %w %h' "$K/gx/OEBPS/images/cover.jpg" | grep -qx 'JPEG 1600 2400' || return 1
	# No metadata of the photo (nor any other) reaches the cover image.
	! exiftool -a -EXIF:all -XMP:all -IPTC:all "$K/gx/OEBPS/images/cover.jpg" | grep -q . || return 1
	grep -q 'alt="The Harbour Ledger: Reports from Wrenmouth, spring 2024"' "$K/gx/OEBPS/cover.xhtml" || return 1
	# The photo fills the top of the cover (not white), the title block is on white.
	convert "$K/gx/OEBPS/images/cover.jpg" -format '%[fx:int(255*p{800,200}.r)] %[fx:int(255*p{1500,2300}.r)]' info: |
		awk '{ exit !($1 < 245 && $2 > 250) }'
}
check "cover: the EPUB's cover image is a 1600 x 2400 JPEG without metadata, with alt text" cover_image
check "cover: the EPUB's back page names the publisher, the date, the source site" sh -c "
	unzip -p '$K/g.epub' OEBPS/back.xhtml | grep -q 'Harbour Ledger Cooperative' &&
	unzip -p '$K/g.epub' OEBPS/back.xhtml | grep -q 'Snapshot of 30 June 2024' &&
	unzip -p '$K/g.epub' OEBPS/back.xhtml | grep -q 'From harbour-ledger.example.'"
check "cover: the PDF is valid, fonts embedded" pdf_valid "$K/g.pdf"
check "cover: PDF page 1 gives the title, subtitle and date; page 2 is blank; page 3 the title page" sh -c "
	pdftotext -f 1 -l 1 '$K/g.pdf' - | tr '\n' ' ' >'$K/p1' &&
	grep -q 'The Harbour Ledger' '$K/p1' && grep -q 'Reports from Wrenmouth, spring 2024' '$K/p1' &&
	grep -q 'Snapshot of 30 June 2024' '$K/p1' &&
	test -z \"\$(pdftotext -f 2 -l 2 '$K/g.pdf' - | tr -d ' \n\f')\" &&
	pdftotext -f 3 -l 3 '$K/g.pdf' - | grep -q 'The Harbour Ledger newsroom'"
check "cover: the PDF's cover photo is the first article's, embedded once" sh -c "
	pdfimages -list -f 1 -l 1 '$K/g.pdf' | awk 'NR > 2' >'$K/img1' && test \$(wc -l <'$K/img1') -eq 1 &&
	grep -q ' jpeg ' '$K/img1'"
back_cover() {
	n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	test $((n % 2)) -eq 0 || { echo "$n pages"; return 1; }
	pdftotext -f "$n" -l "$n" "$1" - | tr '\n' ' ' >"$K/last"
	grep -q "$2" "$K/last" && grep -q 'Snapshot of' "$K/last"
}
check "cover: the PDF's back cover is its last page, a verso, with publisher, date and site" \
	back_cover "$K/g.pdf" 'Harbour Ledger Cooperative .*From harbour-ledger.example.'
check "cover: page labels Cover 1, Cover 2, i, ..., 1, ..., Back cover; outline Cover first" sh -c "
	qpdf --json --json-key=pagelabels '$K/g.pdf' | /usr/bin/python3 -c '
import json, sys
l = [(x[\"index\"], x[\"label\"]) for x in json.load(sys.stdin)[\"pagelabels\"]]
assert l[0] == (0, {\"/P\": \"u:Cover \", \"/S\": \"/D\", \"/St\": 1}), l
assert l[1] == (2, {\"/S\": \"/r\", \"/St\": 1}), l
assert l[-1][1][\"/P\"] == \"u:Back cover\", l
' && mutool show '$K/g.pdf' outline >'$K/outline' && head -1 '$K/outline' | grep -q 'Cover' &&
	tail -1 '$K/outline' | grep -q 'Back cover' && pdfinfo '$K/g.pdf' | grep -q '^Tagged: *yes'"
check "cover: the same bytes with --jobs 2, another time zone and locale" sh -c "
	TZ=Pacific/Auckland LC_ALL=de_DE.UTF-8 '$Q' -q '$K/gen' --jobs 2 -o '$K/g2.epub' -o '$K/g2.pdf' &&
	cmp '$K/g.epub' '$K/g2.epub' && cmp '$K/g.pdf' '$K/g2.pdf'"

# A photo carrying GPS metadata on the cover: it reaches neither output.
gps_cover() {
	cp -r "$K/gen" "$K/gps" || return 1
	exiftool -q -overwrite_original -GPSLatitude=51.5 -GPSLatitudeRef=N -GPSLongitude=0.1 \
		-GPSLongitudeRef=W "$K/gps/photos/river.jpg" || return 1
	"$Q" -q "$K/gps" -o "$K/gps.pdf" -o "$K/gps.epub" || return 1
	mkdir -p "$K/gpsimg" && (cd "$K/gpsimg" && pdfimages -j -f 1 -l 1 "$K/gps.pdf" c &&
		unzip -q -o "$K/gps.epub" OEBPS/images/cover.jpg) || return 1
	! exiftool -a "$K"/gpsimg/c-* "$K/gpsimg/OEBPS/images/cover.jpg" | grep -q 'GPS'
}
check "cover: the cover photo's GPS metadata reaches neither output" gps_cover

# archive.yaml's cover: a full-page photo on the PDF's first page, cropped to fill it.
check "cover: a named cover is the EPUB's cover image and fills the PDF's first page" sh -c "
	'$Q' -q archive -o '$K/n.pdf' -o '$K/n.epub' &&
	unzip -p '$K/n.epub' OEBPS/content.opf | grep -q 'properties=\"cover-image\"' &&
	pdfimages -list -f 1 -l 1 '$K/n.pdf' | awk 'NR == 3 { print \$4, \$5 }' | grep -qx '1600 2400' &&
	pdftoppm -r 20 -png -f 1 -l 1 '$K/n.pdf' '$K/n' &&
	convert '$K'/n-*1.png -format '%[fx:int(255*p{1,1}.r)] %[fx:int(255*p{1,1}.b)]' info: |
		awk '{ exit !(\$1 < 200 || \$2 < 200) }'"

# cover-article: the chosen article's lead photo.
check "cover: cover-article picks the photo" sh -c "
	cp -r '$K/gen' '$K/ca' && echo 'cover-article: culture/2024-05-17-night-market.md' >>'$K/ca/archive.yaml' &&
	'$Q' -q '$K/ca' --print-dpi 0 -o '$K/ca.pdf' &&
	pdfimages -list -f 1 -l 1 '$K/ca.pdf' | awk 'NR == 3 { print \$4, \$5 }' >'$K/ca.size' &&
	identify -format '%w %h\n' '$K/ca/photos/market.jpg' | cmp - '$K/ca.size'"
check "cover: a cover-article that does not exist is a warning at its line" sh -c "
	mkdir -p '$K/cb/a' && printf -- '---\ntitle: A\ndate: 2024-01-01\n---\n\nText.\n' >'$K/cb/a/a.md' &&
	printf 'title: B\ncover-article: a/none.md\n' >'$K/cb/archive.yaml' &&
	'$Q' '$K/cb' -o '$K/cb.pdf' 2>&1 | grep -q 'archive.yaml:2: warning: cover-article not found: a/none.md'"

# No photos at all: a typographic cover, a PNG in the EPUB.
typographic() {
	mkdir -p "$K/plain/a" || return 1
	printf 'title: Plain Words\nsubtitle: No photos here\npublisher: The Plain Press\ndate: 2024-02-01\n' \
		>"$K/plain/archive.yaml"
	printf -- '---\ntitle: One\ndate: 2024-01-01\nsource: https://www.plain.example/one\n---\n\nText.\n' \
		>"$K/plain/a/one.md"
	printf -- '---\ntitle: Two\ndate: 2024-01-02\nsource: https://other.example:8080/two\n---\n\nText.\n' \
		>"$K/plain/a/two.md"
	"$Q" -q "$K/plain" -o "$K/plain.pdf" -o "$K/plain.epub" || return 1
	unzip -p "$K/plain.epub" OEBPS/content.opf | grep -q 'href="images/cover.png" media-type="image/png" properties="cover-image"' || return 1
	test "$(pdfimages -list -f 1 -l 1 "$K/plain.pdf" | awk 'NR > 2' | wc -l)" -eq 0 || return 1
	pdftotext -f 1 -l 1 "$K/plain.pdf" - | grep -q 'Plain Words' || return 1
	back_cover "$K/plain.pdf" 'The Plain Press.*From plain.example and other.example.' || return 1
	# The accent colour fills the typographic cover.
	mkdir -p "$K/plainimg" && (cd "$K/plainimg" && unzip -q -o "$K/plain.epub" OEBPS/images/cover.png) &&
	convert "$K/plainimg/OEBPS/images/cover.png" -format '%[hex:p{20,20}]' info: | grep -qi '^7A1F1F'
}
check "cover: no photos, a typographic cover on the accent colour (PNG in the EPUB)" typographic
check "cover: the typographic cover's EPUB passes epubcheck 0/0" epubcheck_clean "$K/plain.epub"

# Right to left: a Persian archive's cover is laid out from the right.
rtl() {
	cp -r tests/lang/persian "$K/fa" || return 1
	printf 'title: یادداشت‌های تهران\nlanguage: fa\ndir: rtl\npublisher: نشر آزمایش\ndate: 2019-11-30\n' \
		>"$K/fa/archive.yaml"
	"$Q" -q "$K/fa" -o "$K/fa.pdf" -o "$K/fa.epub" || return 1
	pdftotext -f 1 -l 1 "$K/fa.pdf" - | grep -q 'تهران' || return 1
	# The title's words end at the right margin, far from the left one.
	pdftotext -bbox -f 1 -l 1 "$K/fa.pdf" - | /usr/bin/python3 -c '
import re, sys
page = sys.stdin.read()
w = float(re.search(r"<page width=\"([\d.]+)\"", page).group(1))
xs = [(float(a), float(b)) for a, b in re.findall(r"<word xMin=\"([\d.]+)\" yMin=\"[\d.]+\" xMax=\"([\d.]+)\"", page)]
assert max(b for a, b in xs) > 0.85 * w, xs
assert min(a for a, b in xs) > 0.2 * w, xs
' || return 1
	unzip -p "$K/fa.epub" OEBPS/back.xhtml | grep -q 'نشر آزمایش'
}
check "cover: a right-to-left archive's cover is set from the right, in its language" rtl

# --no-cover: neither output has a cover, generated or named.
check "cover: --no-cover: no cover image, page or back page, and the PDF starts with the title page" sh -c "
	'$Q' -q archive --no-cover -o '$K/nc.pdf' -o '$K/nc.epub' &&
	! unzip -p '$K/nc.epub' OEBPS/content.opf | grep -q 'cover' &&
	! unzip -l '$K/nc.epub' | grep -q 'back.xhtml\|cover.xhtml' &&
	pdftotext -f 1 -l 1 '$K/nc.pdf' - | grep -q 'The Harbour Ledger newsroom' &&
	d=\$((\$(pdfinfo '$K/n.pdf' | awk '/^Pages:/ { print \$2 }') -
	     \$(pdfinfo '$K/nc.pdf' | awk '/^Pages:/ { print \$2 }'))) && test \$d -eq 3 -o \$d -eq 4"

# Booklets: the blanks that make a multiple of 4 go just before the back cover, the last page.
booklet_back() {
	"$Q" -q "$K/plain" --booklet -o "$K/plain.booklet.pdf" || return 1
	n=$(pdfinfo "$K/plain.pdf" | awk '/^Pages:/ { print $2 }')
	test $((n % 4)) -ne 0 || { echo "$n pages: nothing to pad"; return 1; }
	/usr/bin/python3 tests/check_booklet.py "$K/plain.booklet.pdf" "$K/plain.pdf" "$n" 0 0 \
		'The Plain Press'
}
check "cover: a booklet ends with the back cover, the blanks just before it" booklet_back
