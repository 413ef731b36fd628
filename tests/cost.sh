# Cost in proportion to the input: hostile archives written by tests/mkhostile.py (a long
# article, one long paragraph, many links, a long title, a large table) export to both outputs
# with bounded peak memory, warn about the limits they cross (README: "Limits"), and cost about
# twice as much for twice the input. Sourced by run.sh, which sets BUILD, TMP and the counters.
# The full hostile sizes are measured by `make bench-hostile` (bench/hostile.sh), not here.
Q=${Q:-"$(pwd)/$BUILD/quire"}
C=$TMP/cost
mkdir -p "$C"

# cost_run CASE SIZE: writes the archive and exports it; leaves rc, err, mem (KB) and user
# (seconds) in $C/CASE-SIZE/.
cost_run() {
	d=$C/$1-$2
	/usr/bin/python3 tests/mkhostile.py "$d/in" "$1" "$2" || return 1
	/usr/bin/time -f '%M %U' -o "$d/time" "$Q" "$d/in" -o "$d/x.epub" -o "$d/x.pdf" \
		>/dev/null 2>"$d/err"
	echo $? >"$d/rc"
	tail -n 1 "$d/time" | cut -d' ' -f1 >"$d/mem"
	tail -n 1 "$d/time" | cut -d' ' -f2 >"$d/user"
}

# cost_ok CASE SIZE MAX_MB: the export succeeded, both outputs are there and the peak stayed
# under MAX_MB (times QUIRE_MEM_FACTOR: make sanitize sets 10, for AddressSanitizer's shadow memory
# and quarantine).
cost_ok() {
	d=$C/$1-$2
	[ "$(cat "$d/rc")" -eq 0 ] || { echo "exit $(cat "$d/rc")"; cat "$d/err"; return 1; }
	test -s "$d/x.epub" && test -s "$d/x.pdf" || { echo "an output is missing"; return 1; }
	qpdf --check "$d/x.pdf" >/dev/null 2>&1 || { echo "qpdf --check fails"; return 1; }
	mem=$(cat "$d/mem")
	max=$(($3 * ${QUIRE_MEM_FACTOR:-1}))
	[ "$mem" -lt $((max * 1024)) ] || { echo "peak $((mem / 1024)) MB, over $max MB"; return 1; }
}

# cost_linear CASE SIZE: the case at twice SIZE took at most 2.5 times the user time and 2.5
# times the peak memory above a one-line article's (when the times are long enough to tell).
cost_linear() {
	a=$C/$1-$2
	b=$C/$1-$(($2 * 2))
	awk -v ta="$(cat "$a/user")" -v tb="$(cat "$b/user")" -v ma="$(cat "$a/mem")" \
	    -v mb="$(cat "$b/mem")" -v m0="$(cat "$C/article-1/mem")" 'BEGIN {
		printf "user %.2f s -> %.2f s, peak %d KB -> %d KB (base %d KB)\n", ta, tb, ma, mb, m0
		if (ta >= 0.3 && tb > 2.5 * ta) { print "time grows faster than the input"; exit 1 }
		if (ma - m0 > 2048 && mb - m0 > 2.5 * (ma - m0)) {
			print "memory grows faster than the input"; exit 1 }
	}'
}

cost_warned() {
	grep -q "$2" "$C/$1/err" || { echo "no warning '$2' in:"; cat "$C/$1/err"; return 1; }
}

cost_run article 1
cost_run article 1500000
cost_run article 3000000
cost_run para 1000000
cost_run links 10000
cost_run links 20000
cost_run title 5000
cost_run title 10000
cost_run table 350000
cost_run table 700000

check "cost: a 3 MB article exports under 120 MB" cost_ok article 3000000 120
check "cost: twice the article, about twice the cost" cost_linear article 1500000
check "cost: a 3 MB article warns of nothing" sh -c "! test -s '$C/article-3000000/err'"
check "cost: a 1 MB paragraph exports under 100 MB, set in pieces" cost_ok para 1000000 100
para_words() {
	n=$(pdftotext "$C/para-1000000/x.pdf" - | tr -s ' \n' '\n\n' | grep -c '^[a-z]')
	m=$(sed '1,/^---$/d; 1,/^---$/d' "$C/para-1000000/in/news/2024-01-02-hostile.md" |
		tr -s ' \n' '\n\n' | grep -c '^[a-z]')
	# Hyphenated words come back in two halves; none is lost.
	[ "$n" -ge "$m" ] || { echo "$n words in the PDF, $m in the article"; return 1; }
}
check "cost: every word of the 1 MB paragraph is in the PDF" para_words
check "cost: 20,000 links export under 150 MB" cost_ok links 20000 150
check "cost: twice the links, about twice the cost" cost_linear links 10000
check "cost: more than 5,000 links: warned at the paragraph" \
	cost_warned links-20000 "hostile.md:1006: warning: more than 5000 links; the PDF sets the text of the rest as plain text"
links_epub() {
	n=$(unzip -p "$C/links-20000/x.epub" OEBPS/text/a0001.xhtml | grep -o 'href="https://example.com/' | wc -l)
	[ "$n" -eq 20000 ] || { echo "$n links in the EPUB"; return 1; }
}
check "cost: the EPUB keeps all 20,000 links" links_epub
check "cost: a 10 KB title exports under 100 MB" cost_ok title 10000 100
check "cost: twice the title, about twice the cost" cost_linear title 5000
check "cost: a 10 KB title: warned and cut to 300 characters" \
	cost_warned title-10000 "hostile.md: warning: title of 10000 characters cut to 300"
title_cut() {
	t=$(unzip -p "$C/title-10000/x.epub" OEBPS/text/a0001.xhtml |
		sed -n 's/.*<title>\([^<]*\)<\/title>.*/\1/p')
	[ "$(printf '%s' "$t" | wc -m)" -le 301 ] && [ "${t%…}" != "$t" ] ||
		{ echo "title: $t"; return 1; }
}
check "cost: the cut title ends with an ellipsis" title_cut
check "cost: a 0.7 MB table exports under 100 MB" cost_ok table 700000 100
check "cost: twice the table, about twice the cost" cost_linear table 350000
check "cost: a table over 10,000 cells: warned and cut" \
	cost_warned table-700000 "hostile.html:1669: warning: table of more than 10000 cells cut to its first 1667 rows"
table_cells() {
	n=$(unzip -p "$C/table-700000/x.epub" OEBPS/text/a0001.xhtml | grep -o '<t[dh][ >]' | wc -l)
	[ "$n" -eq 10000 ] || { echo "$n cells in the EPUB"; return 1; }
}
check "cost: the EPUB's table keeps 10,000 cells" table_cells
