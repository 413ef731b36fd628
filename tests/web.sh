# Web archives and saved pages as input: a WARC written by wget from a local server, WARC files
# with what wget does not write, a WACZ, SingleFile-style data: images and a browser-saved
# folder. Sourced by run.sh, which sets BUILD, TMP and the counters (and e2e.sh, Q and
# epubcheck_clean).
PY=/usr/bin/python3
W="$TMP/web"
rm -rf "$W"
mkdir -p "$W/site" "$W/wget" "$W/crafted" "$W/wacz" "$W/saved"
$PY tests/mkweb.py site "$W/site"

# pdf_ok PDF: qpdf finds nothing wrong, every font is embedded.
pdf_ok() {
	qpdf --check "$1" >/dev/null 2>&1 || { qpdf --check "$1" | tail -3; return 1; }
	pdffonts "$1" | tail -n +3 | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }'
}

# --- A WARC written by wget --warc-file from a web server on 127.0.0.1.
(cd "$W/site" && exec $PY -m http.server 0 --bind 127.0.0.1 >"$W/server.log" 2>&1) &
server=$!
port=
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$W/server.log" | head -1)
	[ -n "$port" ] && break
	sleep 0.25
done
base="http://127.0.0.1:$port"
(cd "$W" && wget -q -r -l 3 -p -P "$W/dl" --warc-file="$W/wget/site" "$base/index.html") || :
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
check "wget wrote a WARC from the local server" sh -c \
	"test -n '$port' && zcat '$W/wget/site.warc.gz' | grep -qa 'WARC-Target-URI: <$base/gulls.html>'"
sum_before=$(find "$W/wget" -type f -exec sha256sum {} + | sort | sha256sum)
"$Q" "$W/wget" -o "$W/wget.epub" -o "$W/wget.pdf" 2>"$W/wget.err"
check "the wget WARC exports to an EPUB and a PDF" test -s "$W/wget.epub" -a -s "$W/wget.pdf"
check "the wget WARC's EPUB passes epubcheck 0/0" epubcheck_clean "$W/wget.epub"
check "the wget WARC's PDF passes qpdf --check, fonts embedded" pdf_ok "$W/wget.pdf"
rm -rf "$W/x" && mkdir "$W/x" && (cd "$W/x" && unzip -q "$W/wget.epub")
check "every captured page is an article (3), no error page" sh -c \
	"test \$(ls '$W/x/OEBPS/text' | grep -c '^a0') -eq 3 &&
	 '$Q' --list '$W/wget' | grep -q '	The gulls of the breakwater	site.warc.gz//$base/gulls.html' &&
	 '$Q' --list '$W/wget' | grep -q '	Harbour notes	' &&
	 '$Q' --list '$W/wget' | grep -q '	The cliff walk	'"
# The images stored, the generated cover's (images/cover.*) apart.
check "its images come from the WARC: the quay once, the gull" sh -c \
	"ls '$W/x/OEBPS/images' | grep -vc '^cover\\.' | grep -qx 2 &&
	 grep -c '<img src=\"../images/' '$W'/x/OEBPS/text/a000*.xhtml | grep -c ':1' | grep -qx 3"
check "each article names its source URL and capture date (EPUB)" sh -c \
	"for p in index.html gulls.html walks/cliff.html; do
	   grep -l \"Source: <a href=\\\"$base/\$p\\\">$base/\$p</a>, captured <time datetime=\\\"2\" \
	     '$W'/x/OEBPS/text/a000*.xhtml >/dev/null || exit 1; done"
check "each article names its source URL and capture date (PDF)" sh -c \
	"pdftotext '$W/wget.pdf' - | tr -s ' \n' ' ' >'$W/wget.txt' &&
	 for p in index.html gulls.html walks/cliff.html; do
	   grep -q \"Source: $base/\$p, captured \" '$W/wget.txt' || exit 1; done"
check "the PDF shows the captured photos" sh -c \
	"test \$(pdfimages -list '$W/wget.pdf' | tail -n +3 | wc -l) -ge 2"
check "links between captured pages go inside the book" sh -c \
	"grep -q 'href=\"a000[0-9].xhtml\">about the gulls' '$W'/x/OEBPS/text/a000*.xhtml &&
	 grep -q 'href=\"a000[0-9].xhtml\">harbour notes' '$W'/x/OEBPS/text/a000*.xhtml"
check "the colophon and manifest keep each record's WARC-Payload-Digest" sh -c \
	"grep -q 'WARC-Payload-Digest <code>sha1:' '$W/x/OEBPS/text/colophon.xhtml' &&
	 '$Q' -q '$W/wget' -o '$W/m.epub' --manifest '$W/m.json' &&
	 grep -q '\"payload_digest\": \"sha1:' '$W/m.json' && grep -q '\"captured\": \"20' '$W/m.json'"
check "photos' EXIF is stripped from a WARC's photos" sh -c \
	"! grep -rqa QuireSecretCam '$W/x' && ! grep -qa QuireSecretCam '$W/wget.pdf'"
check "the missing image is a warning that names its URL" \
	grep -q "site.warc.gz//$base/walks/cliff.html:.*warning: image not in the web archive.*$base/img/lost.jpg" \
	"$W/wget.err"
"$Q" --check "$W/wget" >"$W/check.out" 2>&1
check "--check notes the skipped records (robots.txt, the lost photo: 404)" sh -c \
	"grep -q 'site.warc.gz: note: record at byte [0-9]*: $base/robots.txt: status 404' '$W/check.out' &&
	 grep -q 'note: record at byte [0-9]*: $base/img/lost.jpg: status 404' '$W/check.out' &&
	 grep -q '3 articles checked: 1 warning' '$W/check.out'"
check "notes are for --check only" sh -c "! grep -q 'note:' '$W/wget.err'"
"$Q" -q "$W/wget" -o "$W/wget2.epub"
check "a WARC's EPUB is byte-identical from run to run" cmp "$W/wget.epub" "$W/wget2.epub"
sum_after=$(find "$W/wget" -type f -exec sha256sum {} + | sort | sha256sum)
check "the WARC is not modified" test "$sum_before" = "$sum_after"
check "--tree refuses a web archive with a message" sh -c \
	"'$Q' --tree '$W/wget/site.warc.gz' 2>&1 | grep -q 'web archive holds many pages'"

# --- WARC files with chunked, gzip, deflate and Brotli bodies, a <base>, an HTTP charset, a redirect, a
# revisit (and one found by its digest), a duplicate capture, a 404 and a resource record: per-record gzip, one gzip stream
# (with a 2 MB record, so read from a decompressed copy) and plain.
for mode in gzip stream plain; do
	mkdir -p "$W/crafted/$mode"
	ext=.warc.gz
	[ $mode = plain ] && ext=.warc
	$PY tests/mkweb.py warc "$W/crafted/$mode/web$ext" $mode
	"$Q" --list "$W/crafted/$mode" >"$W/crafted/$mode.list" 2>"$W/crafted/$mode.err"
	check "crafted WARC ($mode): the three pages, in date order" sh -c \
		"cut -f3 '$W/crafted/$mode.list' | tr '\n' '|' |
		 grep -qx 'Chunked and compressed|Café Brotli|A resource record|'"
done
C="$W/crafted/gzip"
"$Q" "$C" -o "$W/crafted.epub" -o "$W/crafted.pdf" 2>"$W/crafted.err"
check "crafted WARC: EPUB passes epubcheck 0/0" epubcheck_clean "$W/crafted.epub"
check "crafted WARC: PDF passes qpdf --check, fonts embedded" pdf_ok "$W/crafted.pdf"
rm -rf "$W/y" && mkdir "$W/y" && (cd "$W/y" && unzip -q "$W/crafted.epub")
check "crafted WARC: chunked + gzip and Brotli bodies decoded, charset from HTTP" sh -c \
	"grep -q 'The tide came in slowly' '$W/y/OEBPS/text/a0001.xhtml' &&
	 grep -q 'Café crème' '$W/y/OEBPS/text/a0002.xhtml'"
check "crafted WARC: images by URL (one sent deflated), also through <base href>" sh -c \
	"grep -q 'alt=\"A tern\"' '$W/y/OEBPS/text/a0001.xhtml' &&
	 grep -q '<img src=\"../images/i000[0-9].png\" alt=\"A heron\"' '$W/y/OEBPS/text/a0002.xhtml'"
check "crafted WARC: a revisit that names no URL finds its photo by payload digest" \
	grep -q '<img src="../images/i000[0-9].jpg" alt="The tern again"' "$W/y/OEBPS/text/a0003.xhtml"
check "crafted WARC: a link to a redirect leads to the page it redirects to" \
	grep -q 'href="a0002.xhtml">the moved page' "$W/y/OEBPS/text/a0001.xhtml"
check "crafted WARC: the latest capture of a page is kept" sh -c \
	"! grep -q 'first capture' '$W'/y/OEBPS/text/*.xhtml"
"$Q" --check "$C" >"$W/crafted.check" 2>&1
check "--check notes the redirect, the 404, the revisit and the older capture" sh -c \
	"grep -q 'note: record at byte [0-9]*: http://example.org/old: redirect (301) to /c.html, skipped' '$W/crafted.check' &&
	 grep -q 'note: record at byte [0-9]*: http://example.org/gone.html: status 404 Not Found, skipped' '$W/crafted.check' &&
	 grep -q 'note: record at byte [0-9]*: revisit of http://example.org/a.html on 2024-03-03 10:00:00 UTC' '$W/crafted.check' &&
	 grep -q 'note: record at byte [0-9]*: http://example.org/c.html captured again on 2024-03-01 08:00:00 UTC; the capture of 2024-03-02 10:00:00 UTC is kept' '$W/crafted.check' &&
	 grep -q '3 articles checked: 0 warnings' '$W/crafted.check'"

# A WARC cut short: what comes before the cut is read, with a warning, and nothing crashes.
mkdir -p "$W/cut"
head -c 2500 "$W/crafted/plain/web.warc" >"$W/cut/cut.warc"
"$Q" --list "$W/cut" >"$W/cut.list" 2>"$W/cut.err"
check "a WARC cut short: a warning, the records before the cut kept" sh -c \
	"grep -q 'cut.warc: warning: the file ends inside the record at byte' '$W/cut.err' &&
	 grep -q 'Chunked and compressed' '$W/cut.list'"
printf 'WARC/1.1\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n' >"$W/cut/bad.warc"
"$Q" --list "$W/cut" >/dev/null 2>"$W/cut2.err"
check "a damaged WARC header: a warning, no crash" \
	grep -q 'bad.warc: warning: damaged WARC record at byte 0 (no Content-Length)' "$W/cut2.err"

# --- A WACZ: wget's WARC in archive/, two of its pages and one never captured in pages.jsonl.
$PY tests/mkweb.py wacz "$W/wget/site.warc.gz" "$W/wacz/site.wacz" "$base/index.html" \
	"$base/gulls.html" "$base/never.html"
"$Q" "$W/wacz" -o "$W/wacz.epub" -o "$W/wacz.pdf" 2>"$W/wacz.err"
check "the WACZ's EPUB passes epubcheck 0/0" epubcheck_clean "$W/wacz.epub"
check "the WACZ's PDF passes qpdf --check, fonts embedded" pdf_ok "$W/wacz.pdf"
check "each page pages.jsonl lists is an article, with its images" sh -c \
	"unzip -l '$W/wacz.epub' | grep -c 'OEBPS/text/a0' | grep -qx 2 &&
	 unzip -l '$W/wacz.epub' | grep 'OEBPS/images/' | grep -vc 'images/cover\\.' | grep -qx 2 &&
	 pdftotext '$W/wacz.pdf' - | grep -q 'Source: $base/gulls.html, captured'"
check "a page pages.jsonl lists but the WACZ lacks is a warning" \
	grep -q "site.wacz/pages/pages.jsonl:4: warning: page not captured in the WACZ's WARC files: $base/never.html" \
	"$W/wacz.err"

check "a WACZ whose files match datapackage.json's digests gives no warning about them" sh -c \
	"! grep -q 'datapackage' '$W/wacz.err'"
mkdir -p "$W/tampered"
$PY tests/mkweb.py wacz "$W/wget/site.warc.gz" "$W/tampered/site.wacz" --tampered "$base/index.html"
"$Q" --list "$W/tampered" >/dev/null 2>"$W/tampered.err"
check "a WARC file whose digest is not datapackage.json's is a warning" \
	grep -q "site.wacz/archive/data.warc.gz: warning: its SHA-256 is not the one datapackage.json gives" \
	"$W/tampered.err"

# --- Saved pages: SingleFile-style data: images, a browser's page.html + page_files/.
$PY tests/mkweb.py saved "$W/saved"
"$Q" "$W/saved" -o "$W/saved.epub" -o "$W/saved.pdf" 2>"$W/saved.err"
check "saved pages: EPUB passes epubcheck 0/0" epubcheck_clean "$W/saved.epub"
check "saved pages: PDF passes qpdf --check, fonts embedded" pdf_ok "$W/saved.pdf"
rm -rf "$W/z" && mkdir "$W/z" && (cd "$W/z" && unzip -q "$W/saved.epub")
check "data: images become photos (JPEG base64, GIF percent-encoded), the folder's one too" sh -c \
	"ls '$W/z/OEBPS/images' | grep -vc '^cover\\.' | grep -qx 3 &&
	 grep -q 'alt=\"Sunset\"' '$W'/z/OEBPS/text/a0001.xhtml &&
	 grep -q 'alt=\"A small map\"' '$W'/z/OEBPS/text/a0001.xhtml &&
	 grep -q 'alt=\"A boat\"' '$W'/z/OEBPS/text/a0002.xhtml"
check "no data: URL is left anywhere in the EPUB or the PDF" sh -c \
	"! grep -rqi 'data:' '$W/z' && ! pdftotext '$W/saved.pdf' - | grep -qi 'data:' &&
	 ! grep -qai 'data:image' '$W/saved.pdf'"
check "data: photos' EXIF is stripped" sh -c \
	"! grep -rqa QuireSecretCam '$W/z' && ! grep -qa QuireSecretCam '$W/saved.pdf'"
check "a browser's page_files/ folder is not read as articles" sh -c \
	"'$Q' --list '$W/saved' | wc -l | grep -qx 2 && ! grep -q 'ad-frame' '$W/saved.err'"
