# The pipeline: each article is read and parsed once a run, whatever the number of outputs, and
# its warnings are printed once. Sourced by run.sh, which sets BUILD, TMP and the counters.
Q=${Q:-"$(pwd)/$BUILD/quire"}
P=$TMP/once
mkdir -p "$P/news" "$P/pages"
cat >"$P/news/2024-01-02-a.md" <<'MD'
---
title: A Markdown article
---
First paragraph, with a missing photo:

![gone](nowhere.jpg)

Raw <b>HTML</b> here.
MD
cat >"$P/pages/2024-01-03-b.html" <<'HTML'
<html lang="en"><head><title>A saved page</title></head><body><article><h1>A saved page</h1>
<p>Some text of a saved page, long enough to be the article and nothing else at all.</p>
<p><img src="missing.png" alt="lost"></p></article></body></html>
HTML
printf 'A scraped article\n\nSome scraped text, which is the body of it.\n' >"$P/news/2024-01-04-c.txt"

strace -f -qq -e trace=open,openat -o "$TMP/once.trace" \
	"$Q" "$P" -o "$TMP/once.epub" -o "$TMP/once.pdf" 2>"$TMP/once.err"
st=$?
"$Q" "$P" -o "$TMP/once1.epub" 2>"$TMP/once1.err"
once_opened() {
	for f in news/2024-01-02-a.md pages/2024-01-03-b.html news/2024-01-04-c.txt; do
		n=$(grep -F "/$f\"" "$TMP/once.trace" | grep -vc ENOENT)
		[ "$n" -eq 1 ] || { echo "$f opened $n times"; return 1; }
	done
}
check "two outputs: each article file is opened and read once" once_opened
check "two outputs: both written" sh -c "[ $st -eq 0 ] && test -s '$TMP/once.epub' && test -s '$TMP/once.pdf'"
once_warned() {
	n=$(grep -c 'warning' "$TMP/once.err")
	[ "$n" -ge 3 ] || { echo "only $n warnings:"; cat "$TMP/once.err"; return 1; }
	dups=$(sort "$TMP/once.err" | uniq -d)
	[ -z "$dups" ] || { echo "printed twice: $dups"; return 1; }
	cmp "$TMP/once.err" "$TMP/once1.err" || { echo "messages differ from a one-output run"; return 1; }
}
check "two outputs: every warning printed once, as with one output" once_warned
check "two outputs: the EPUB passes epubcheck 0/0" epubcheck_clean "$TMP/once.epub"
check "two outputs: the EPUB is the one a single-output run writes" cmp "$TMP/once.epub" "$TMP/once1.epub"

# --text: one block a line, list items marked.
text_blocks() {
	"$Q" --text archive/city/2024-03-04-council-budget.md >"$TMP/text.out" || return 1
	grep -qx 'What the budget pays for' "$TMP/text.out" &&
		grep -q '^1\. £18.5 million' "$TMP/text.out" &&
		grep -q '^2\. £6.2 million' "$TMP/text.out" &&
		[ "$(wc -l <"$TMP/text.out")" -gt 10 ]
}
check "--text prints one block a line" text_blocks

# --tree on a file inside an archive resolves ../photos/x.jpg from the archive's root.
tree_root() {
	"$Q" --tree archive/city/2024-03-21-river-wren-flood.md >"$TMP/tree.out" 2>"$TMP/tree.err" &&
		! grep -q 'leaves the archive' "$TMP/tree.err" &&
		grep -q 'image url="photos/river.jpg"' "$TMP/tree.out" &&
		(cd archive/city && "$Q" --tree 2024-03-21-river-wren-flood.md 2>&1 |
			grep -q 'image url="photos/river.jpg"')
}
check "--tree finds the archive a file belongs to" tree_root
