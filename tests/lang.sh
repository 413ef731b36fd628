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
