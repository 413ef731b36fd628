# The EPUB as e-readers take it: MuPDF (KOReader's PDF engine, `mutool`), calibre (the Kindle
# path), Send-to-Kindle's known rejections, Kobo's kepub, Ace by DAISY; its fonts; the language
# and direction of every article. Sourced by run.sh after e2e.sh, which leaves $TMP/sample.epub
# and defines $Q and epubcheck_clean.

# --- An archive in Persian, English (with Persian names), Arabic and Hebrew (tests/langs).
L="$TMP/langs"
cp -r tests/langs "$L"
mkdir -p "$L/photos"
cp archive/photos/library.jpg archive/photos/market.jpg "$L/photos/"
check "languages archive exports an EPUB and a kepub" \
	"$Q" -q "$L" -o "$TMP/langs.epub" -o "$TMP/langs.kepub.epub"
check "languages EPUB (fonts embedded) passes epubcheck 0/0" epubcheck_clean "$TMP/langs.epub"
check "languages kepub passes epubcheck 0/0" epubcheck_clean "$TMP/langs.kepub.epub"

# The articles' ids follow their dates: a0001 Persian, a0002 English, a0003 Arabic, a0004 Hebrew.
check "Persian article: lang=\"fa\" and dir=\"rtl\" on html, dir=\"rtl\" on body" sh -c "
	unzip -p '$TMP/langs.epub' OEBPS/text/a0001.xhtml | grep -q '<html [^>]*lang=\"fa\" xml:lang=\"fa\" dir=\"rtl\"' &&
	unzip -p '$TMP/langs.epub' OEBPS/text/a0001.xhtml | grep -q '<body dir=\"rtl\">'"
check "English article with Persian names: lang=\"en\", left to right" sh -c "
	unzip -p '$TMP/langs.epub' OEBPS/text/a0002.xhtml | grep -q '<html [^>]*lang=\"en\"' &&
	! unzip -p '$TMP/langs.epub' OEBPS/text/a0002.xhtml | grep -q 'dir=\"rtl\"'"
check "Arabic and Hebrew articles without lang or dir: detected (ar, he; rtl)" sh -c "
	unzip -p '$TMP/langs.epub' OEBPS/text/a0003.xhtml | grep -q 'lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\"' &&
	unzip -p '$TMP/langs.epub' OEBPS/text/a0004.xhtml | grep -q 'lang=\"he\" xml:lang=\"he\" dir=\"rtl\"'"
check "OPF: every language of the archive, the archive's first" sh -c "
	test \"\$(unzip -p '$TMP/langs.epub' OEBPS/content.opf | grep -o '<dc:language>[^<]*' |
		sed 's/.*>//' | tr '\n' ' ')\" = 'en fa ar he '"
check "OPF: no right-to-left spine for an English archive" sh -c "
	! unzip -p '$TMP/langs.epub' OEBPS/content.opf | grep -q page-progression-direction"
check "nav: entries marked with their language and direction" sh -c "
	unzip -p '$TMP/langs.epub' OEBPS/nav.xhtml | grep -q '<a href=\"text/a0001.xhtml\" lang=\"fa\" xml:lang=\"fa\" dir=\"rtl\">' &&
	unzip -p '$TMP/langs.epub' OEBPS/nav.xhtml | grep -q '<a href=\"text/a0002.xhtml\">Conversations' &&
	unzip -p '$TMP/langs.epub' OEBPS/nav.xhtml | grep -q '<nav epub:type=\"toc\" role=\"doc-toc\"'"
# The same archive declared Persian: the book is right to left, the English article says ltr.
cp -r "$L" "$TMP/langs-fa"
sed -i 's/^language: en/language: fa/' "$TMP/langs-fa/archive.yaml"
"$Q" -q "$TMP/langs-fa" -o "$TMP/langs-fa.epub"
check "a Persian archive: rtl spine, rtl title page, the English article ltr, epubcheck 0/0" sh -c "
	unzip -p '$TMP/langs-fa.epub' OEBPS/content.opf | grep -q '<spine toc=\"ncx\" page-progression-direction=\"rtl\">' &&
	unzip -p '$TMP/langs-fa.epub' OEBPS/title.xhtml | grep -q '<body dir=\"rtl\">' &&
	unzip -p '$TMP/langs-fa.epub' OEBPS/text/a0002.xhtml | grep -q 'lang=\"en\" xml:lang=\"en\" dir=\"ltr\"' &&
	test \"\$(unzip -p '$TMP/langs-fa.epub' OEBPS/content.opf | grep -o '<dc:language>[^<]*' |
		sed 's/.*>//' | tr '\n' ' ')\" = 'fa en ar he ' &&
	java -jar /usr/share/java/epubcheck.jar '$TMP/langs-fa.epub' 2>&1 |
		grep -q 'Messages: 0 fatals / 0 errors / 0 warnings'"

# --- MuPDF: the layout of `mutool convert`, read back with `mutool trace` (glyph and image
# positions) and `mutool draw -F txt`.
check "MuPDF converts the languages EPUB without errors" sh -c "
	mutool convert -o '$TMP/langs-mupdf.pdf' '$TMP/langs.epub' 2>'$TMP/langs-mupdf.log' &&
	! grep -qi error '$TMP/langs-mupdf.log'"
check "MuPDF draws every article's title before its photos (sample)" \
	python3 tests/check_mupdf.py order "$TMP/sample.epub"
check "MuPDF draws every article's title before its photos (languages)" \
	python3 tests/check_mupdf.py order "$TMP/langs.epub"
check "MuPDF: the Persian article's short lines are right-aligned" \
	python3 tests/check_mupdf.py align "$TMP/langs.epub" "کتابخانه‌های تهران" right
check "MuPDF: the English article's short lines are left-aligned" \
	python3 tests/check_mupdf.py align "$TMP/langs.epub" "Conversations in Tehran" left
check "MuPDF: Persian words keep their ZWNJ and their order (mutool draw -F txt)" sh -c "
	mutool draw -F txt -o - '$TMP/langs.epub' 2>/dev/null | tr -s ' \n' '  ' >'$TMP/langs-mupdf.txt' &&
	grep -qF 'گزارش‌ها نشان می‌دهد که شمار کتابخانه‌های عمومی' '$TMP/langs-mupdf.txt' &&
	grep -qF 'کتابداران می‌گویند که کودکان' '$TMP/langs-mupdf.txt'"

# --- Send-to-Kindle's known rejections, and calibre's conversion to AZW3 (the Kindle path).
check "Kindle checks hold: sample, languages, kepub" sh -c "
	python3 tests/check_kindle.py '$TMP/sample.epub' && python3 tests/check_kindle.py '$TMP/langs.epub' &&
	python3 tests/check_kindle.py '$TMP/langs.kepub.epub'"
# The checker itself: a page without its XML declaration, a link to a body id, -- in a comment.
/usr/bin/python3 - "$TMP/langs.epub" "$TMP/kindle-bad.epub" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for i in src.infolist():
    data = src.read(i.filename)
    if i.filename == "OEBPS/text/a0002.xhtml":
        data = data.replace(b'<?xml version="1.0" encoding="UTF-8"?>\n', b"")
        data = data.replace(b"<body>", b'<body id="b"><a href="#b">x</a><img src=""/>')
    if i.filename == "OEBPS/text/a0003.xhtml":
        data = data.replace(b"<body", b"<!-- a -- b --><body")
    dst.writestr(i, data)
dst.close()
PY
check "the Kindle checker finds a missing declaration, a body link, -- and an empty src" sh -c "
	! python3 tests/check_kindle.py '$TMP/kindle-bad.epub' >'$TMP/kindle-bad.log' &&
	grep -q 'does not start with' '$TMP/kindle-bad.log' && grep -q \"link to a body's id\" '$TMP/kindle-bad.log' &&
	grep -q \"'--' inside a comment\" '$TMP/kindle-bad.log' && grep -q 'img without src' '$TMP/kindle-bad.log'"
check "calibre converts the sample EPUB to AZW3 without error" sh -c "
	ebook-convert '$TMP/sample.epub' '$TMP/sample.azw3' >'$TMP/calibre.log' 2>&1 &&
	test -s '$TMP/sample.azw3' && ! grep -qiE '^(error|traceback)|conversion error' '$TMP/calibre.log'"
check "calibre converts the languages EPUB to AZW3 without error" sh -c "
	ebook-convert '$TMP/langs.epub' '$TMP/langs.azw3' >'$TMP/calibre2.log' 2>&1 &&
	test -s '$TMP/langs.azw3' && ! grep -qiE '^(error|traceback)|conversion error' '$TMP/calibre2.log'"

# --- Fonts: the faces the stylesheet uses, subset, declared, referenced, with their licence.
check "fonts: every font in the manifest as font/ttf and in an @font-face rule" python3 - \
	"$TMP/langs.epub" "$TMP/sample.epub" <<'PY'
import re, sys, zipfile
for f in sys.argv[1:]:
    z = zipfile.ZipFile(f)
    fonts = sorted(n[6:] for n in z.namelist() if n.startswith("OEBPS/fonts/"))
    opf = z.read("OEBPS/content.opf").decode()
    css = z.read("OEBPS/style.css").decode()
    declared = sorted(re.findall(r'href="(fonts/[^"]+)" media-type="font/ttf"', opf))
    used = sorted(re.findall(r'src: url\("(fonts/[^"]+)"\)', css))
    if not fonts or fonts != declared or fonts != used:
        sys.exit("%s: stored %s, declared %s, in the CSS %s" % (f, fonts, declared, used))
PY
check "fonts: the Arabic faces travel only with Arabic-script letters" sh -c "
	unzip -l '$TMP/langs.epub' | grep -q 'fonts/NotoNaskhArabic-Regular.ttf' &&
	! unzip -l '$TMP/sample.epub' | grep -q NotoNaskh"
mkdir -p "$TMP/fonts-x"
(cd "$TMP/fonts-x" && unzip -q -o "$TMP/langs.epub" 'OEBPS/fonts/*')
check "fonts: subsets hold ASCII and the book's letters, not the whole font" sh -c "
	fc-query --format '%{charset}' '$TMP/fonts-x/OEBPS/fonts/NotoNaskhArabic-Regular.ttf' | grep -q '200c' &&
	fc-query --format '%{charset}' '$TMP/fonts-x/OEBPS/fonts/NotoNaskhArabic-Regular.ttf' | grep -q '6a9' &&
	fc-query --format '%{charset}' '$TMP/fonts-x/OEBPS/fonts/NotoSerif-Regular.ttf' | grep -q '^20-7e' &&
	test \$(stat -c %s '$TMP/fonts-x/OEBPS/fonts/NotoSerif-Regular.ttf') -lt \$((\$(stat -c %s fonts/NotoSerif-Regular.ttf) / 10))"
check "fonts: each subset keeps its copyright and licence names (name IDs 0, 13), fsType 0" python3 - \
	"$TMP/fonts-x"/OEBPS/fonts/*.ttf <<'PY'
import struct, sys
for path in sys.argv[1:]:
    d = open(path, "rb").read()
    n = struct.unpack(">H", d[4:6])[0]
    tables = {d[12 + 16 * i:16 + 16 * i]: struct.unpack(">II", d[20 + 16 * i:28 + 16 * i])
              for i in range(n)}
    off, _ = tables[b"name"]
    count, strings = struct.unpack(">HH", d[off + 2:off + 6])
    ids = set()
    for i in range(count):
        pid, eid, lid, nid, length, o = struct.unpack(">6H", d[off + 6 + 12 * i:off + 18 + 12 * i])
        text = d[off + strings + o:off + strings + o + length]
        text = text.decode("utf-16-be" if pid in (0, 3) else "latin-1")
        if text:
            ids.add(nid)
    if not {0, 13} <= ids:
        sys.exit("%s: name IDs %s" % (path, sorted(ids)))
    off, _ = tables[b"OS/2"]
    if struct.unpack(">H", d[off + 8:off + 10])[0] != 0:
        sys.exit("%s: embedding restricted (OS/2 fsType)" % path)
PY
"$Q" -q --no-embed-fonts "$L" -o "$TMP/langs-nofonts.epub"
check "--no-embed-fonts: no font file, no @font-face, epubcheck 0/0" sh -c "
	! unzip -l '$TMP/langs-nofonts.epub' | grep -q 'OEBPS/fonts/' &&
	! unzip -p '$TMP/langs-nofonts.epub' OEBPS/style.css | grep -q '@font-face' &&
	java -jar /usr/share/java/epubcheck.jar '$TMP/langs-nofonts.epub' 2>&1 |
		grep -q 'Messages: 0 fatals / 0 errors / 0 warnings'"
"$Q" -q "$L" -o "$TMP/langs2.epub"
check "EPUB with subset fonts is byte-identical across runs" cmp "$TMP/langs.epub" "$TMP/langs2.epub"

# --- Kobo's kepub: sentences in koboSpans inside the wrappers, the text unchanged.
check "kepub: wrappers, every sentence in a koboSpan with a unique id, the EPUB's text" python3 - \
	"$TMP/langs.epub" "$TMP/langs.kepub.epub" <<'PY'
import re, sys, zipfile
import xml.etree.ElementTree as ET
X = "{http://www.w3.org/1999/xhtml}"
epub, kepub = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
pages = [n for n in kepub.namelist() if n.startswith("OEBPS/text/")]
for name in pages:
    k = ET.fromstring(kepub.read(name))
    e = ET.fromstring(epub.read(name))
    body = k.find(X + "body")
    cols = body.find(X + "div")
    if cols is None or cols.get("id") != "book-columns" or cols.find(X + "div").get("id") != "book-inner":
        sys.exit(name + ": no book-columns/book-inner wrappers")
    ids = [s.get("id") for s in k.iter(X + "span") if s.get("class") == "koboSpan"]
    if not ids or len(ids) != len(set(ids)) or not all(re.fullmatch(r"kobo\.\d+\.\d+", i) for i in ids):
        sys.exit(name + ": koboSpan ids missing, repeated or malformed")
    for p in k.iter(X + "p"):
        if (p.text or "").strip():
            sys.exit(name + ": text outside a koboSpan: " + p.text)
    squash = lambda t: " ".join("".join(t.itertext()).split())
    if squash(k.find(X + "body")) != squash(e.find(X + "body")):
        sys.exit(name + ": the kepub's text differs from the EPUB's")
if not any(s.count("koboSpan") > 5 for s in (kepub.read(n).decode() for n in pages)):
    sys.exit("no page with sentences")
PY

# --- Ace by DAISY: no accessibility violation on the sample and on the languages archive (run
# on these two only: about 20 s each). `make test-deps` installs it with npm.
ACE=${QUIRE_ACE:-$HOME/.cache/quire-ace/node_modules/.bin/ace-puppeteer}
# ace_clean EPUB: Ace's verdict is pass, with no assertion at all.
ace_clean() {
	rm -rf "$TMP/ace"
	PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium "$ACE" -s -o "$TMP/ace" "$1" >"$TMP/ace.log" 2>&1
	python3 - "$TMP/ace/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
bad = [(a["earl:testSubject"]["url"], t["earl:test"]["dct:title"])
       for a in r["assertions"] for t in a.get("assertions", [])]
for b in bad:
    print("violation: %s: %s" % b)
sys.exit(0 if r["earl:result"]["earl:outcome"] == "pass" and not bad else 1)
PY
}
if [ -x "$ACE" ] && [ -x /usr/bin/chromium ]; then
	check "Ace by DAISY: no violation on the sample" ace_clean "$TMP/sample.epub"
	check "Ace by DAISY: no violation on the languages archive" ace_clean "$TMP/langs.epub"
elif [ "${QUIRE_NO_ACE:-}" = 1 ]; then
	echo "# Ace by DAISY not run: QUIRE_NO_ACE=1"
else
	not_ok "Ace by DAISY is not installed ($ACE): make test-deps installs it from the npm" \
	    "registry; QUIRE_NO_ACE=1 runs the tests without it"
fi
