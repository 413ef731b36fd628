# Languages: text extraction of Persian (ZWNJ), dates and labels in the article's language,
# hyphenation per language, CJK fonts. Sourced by run.sh after e2e.sh (Q, pdf_valid, epubcheck_clean).

# --- Persian: every word with a zero-width non-joiner comes back with it, from both extractors.
L=tests/lang/persian
"$Q" -q "$L" -o "$TMP/fa.pdf" -o "$TMP/fa.epub"
check "Persian archive: exit 0, PDF valid, fonts embedded" pdf_valid "$TMP/fa.pdf"
check "Persian archive: EPUB passes epubcheck 0/0" epubcheck_clean "$TMP/fa.epub"
check "Persian archive: pdftotext returns every word with its ZWNJ, and no ZWNJ elsewhere" sh -c "
	pdftotext '$TMP/fa.pdf' '$TMP/fa.txt' && python3 tests/check_zwnj.py '$TMP/fa.txt' $L/articles/*.md"
check "Persian archive: mutool draw -F txt returns every word with its ZWNJ, and no ZWNJ elsewhere" sh -c "
	mutool draw -F txt -o '$TMP/fa-mu.txt' '$TMP/fa.pdf' 2>/dev/null &&
	python3 tests/check_zwnj.py '$TMP/fa-mu.txt' $L/articles/*.md"
check "Persian archive: no directional isolates of quire's own in the extracted text" sh -c "
	grep -q 'We spoke with' '$TMP/fa.txt' && ! grep -q \"\$(printf '\\342\\201[\\246-\\251]')\" '$TMP/fa.txt'"

# --- Hyphenation by the article's language: German points in a German archive, other ones when
# the same text is said to be English (Debian's hyphen-de and hyphen-en-us).
cp -r tests/lang/german "$TMP/de"
"$Q" -q "$TMP/de" --paper 105x148mm -o "$TMP/de.pdf" -o "$TMP/de.epub"
check "German archive: PDF valid, EPUB passes epubcheck 0/0" sh -c \
	"qpdf --check '$TMP/de.pdf' >/dev/null && java -jar /usr/share/java/epubcheck.jar '$TMP/de.epub' 2>&1 | grep -q '0 errors / 0 warnings'"
check "German archive: words split at line ends only at German hyphenation points" sh -c "
	pdftotext -raw '$TMP/de.pdf' '$TMP/de.txt' && python3 tests/check_hyph.py '$TMP/de.txt' german"
sed -i 's/^lang: de/lang: en/' "$TMP/de/archive.yaml"
"$Q" -q "$TMP/de" --paper 105x148mm -o "$TMP/de-en.pdf"
check "the same text as English: split where the English patterns say, not only at German points" sh -c "
	pdftotext -raw '$TMP/de-en.pdf' '$TMP/de-en.txt' && python3 tests/check_hyph.py '$TMP/de-en.txt' other"
check "German archive: dates and labels in German, in both outputs" sh -c "
	pdftotext '$TMP/de.pdf' - | tr -s ' \n' ' ' >'$TMP/de-words.txt' &&
	grep -q 'Von Anna Berg und Jonas Weber 4. März 2024 Quelle: https://example.org/de/haushalt' '$TMP/de-words.txt' &&
	grep -q 'Inhalt' '$TMP/de-words.txt' && grep -q 'Momentaufnahme vom 4. März 2024 · 1 Artikel' '$TMP/de-words.txt' &&
	unzip -p '$TMP/de.epub' OEBPS/text/a0001.xhtml | grep -q '<time datetime=\"2024-03-04\">4. März 2024</time>' &&
	unzip -p '$TMP/de.epub' OEBPS/nav.xhtml | grep -q '<h1>Inhalt</h1>'"

# --- Chinese, Japanese and Korean: the system's Noto CJK faces for the archive's language (SC
# for zh), embedded as subsets; without them, one warning naming each character no font has.
"$Q" tests/lang/cjk -o "$TMP/cjk.pdf" -o "$TMP/cjk.epub" 2>"$TMP/cjk.err"
check "CJK archive: no font warning, PDF valid, every font embedded" sh -c "
	! grep -q 'font' '$TMP/cjk.err' && qpdf --check '$TMP/cjk.pdf' >/dev/null &&
	! pdffonts '$TMP/cjk.pdf' | awk 'NR > 2 && \$(NF - 4) != \"yes\"' | grep -q ."
check "CJK archive: Noto Serif CJK SC and Noto Sans CJK SC embedded as subsets, the PDF under 2 MB" sh -c "
	pdffonts '$TMP/cjk.pdf' >'$TMP/cjk.fonts' &&
	grep -Eq '^[A-Z]{6}\\+NotoSerifCJKsc-Regular .* yes yes yes' '$TMP/cjk.fonts' &&
	grep -Eq '^[A-Z]{6}\\+NotoSansCJKsc-Bold .* yes yes yes' '$TMP/cjk.fonts' &&
	test \$(wc -c <'$TMP/cjk.pdf') -lt 2000000"
check "CJK archive: the text comes back (Chinese, Japanese kana, Korean) and the EPUB passes epubcheck" sh -c "
	pdftotext '$TMP/cjk.pdf' - | tr -d '\n' >'$TMP/cjk.txt' &&
	grep -q '市图书馆在修缮两年后重新开放' '$TMP/cjk.txt' && grep -q 'ひらがなとカタカナ' '$TMP/cjk.txt' &&
	grep -q '시립 도서관이' '$TMP/cjk.txt' && grep -q '2024年4月9日' '$TMP/cjk.txt' &&
	java -jar /usr/share/java/epubcheck.jar '$TMP/cjk.epub' 2>&1 | grep -q '0 errors / 0 warnings'"
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' >"$TMP/nofonts.conf"
FONTCONFIG_FILE="$TMP/nofonts.conf" "$Q" tests/lang/cjk -o "$TMP/cjk-none.pdf" 2>"$TMP/cjk-none.err"
check "CJK archive without system fonts: a warning names the characters, each once in the book" sh -c "
	grep -q '^quire: tests/lang/cjk/articles/2024-04-09-zh.md: warning: no font covers U+56FE .图., U+4E66 .书.' '$TMP/cjk-none.err' &&
	grep -q 'colophon: warning: no font covers U+57CE .城.; drawn as boxes' '$TMP/cjk-none.err' &&
	test \$(grep -o 'U+56FE' '$TMP/cjk-none.err' | wc -l) -eq 1 && qpdf --check '$TMP/cjk-none.pdf' >/dev/null"
