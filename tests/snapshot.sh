# Dated snapshots: the snapshot date's order of sources, and choosing articles by date, section
# and tag. Sourced by run.sh, which sets BUILD, TMP and the counters.
Q=${Q:-"$(pwd)/$BUILD/quire"}
S=$TMP/snap
mkdir -p "$S/a/news"
printf -- '---\ntitle: Old\ndate: 2019-11-10\ntags: [x]\n---\nOld text.\n' >"$S/a/news/old.md"
printf -- '---\ntitle: Mid\ndate: 2019-11-20\nsection: World\n---\nMid text.\n' >"$S/a/news/mid.md"
printf -- '---\ntitle: New\ndate: 2019-12-02T23:30:00-05:00\ntags: [X, y]\n---\nNew text.\n' >"$S/a/news/new.md"
printf -- '---\ntitle: Draft\ndraft: true\n---\nNot dated, never exported.\n' >"$S/a/news/draft.md"
printf 'title: Snap\n' >"$S/a/archive.yaml"

snap_rungs() {
	# The newest article's date, with nothing else given (the bug was 1980-01-01): 23:30 in
	# New York on 2 December is 3 December in UTC, which dcterms:modified is in.
	d=$(env -u SOURCE_DATE_EPOCH "$Q" -q "$S/a" -o "$S/m.epub" && unzip -p "$S/m.epub" OEBPS/content.opf | grep -o 'modified">[0-9-]*' | cut -c11-)
	[ "$d" = 2019-12-03 ] || { echo "newest article: $d"; return 1; }
	# The newest selected article.
	d=$(env -u SOURCE_DATE_EPOCH "$Q" -q "$S/a" --until 2019-11 -o "$S/m.epub" && unzip -p "$S/m.epub" OEBPS/content.opf | grep -o 'modified">[0-9-]*' | cut -c11-)
	[ "$d" = 2019-11-20 ] || { echo "newest selected: $d"; return 1; }
	# SOURCE_DATE_EPOCH before the articles (2020-01-01T00:00Z).
	d=$(SOURCE_DATE_EPOCH=1577836800 "$Q" -q "$S/a" -o "$S/m.epub" && unzip -p "$S/m.epub" OEBPS/content.opf | grep -o 'modified">[0-9-]*' | cut -c11-)
	[ "$d" = 2020-01-01 ] || { echo "SOURCE_DATE_EPOCH: $d"; return 1; }
	# --date before SOURCE_DATE_EPOCH.
	d=$(SOURCE_DATE_EPOCH=1577836800 "$Q" -q "$S/a" --date 2021-02-03 -o "$S/m.epub" && unzip -p "$S/m.epub" OEBPS/content.opf | grep -o 'modified">[0-9-]*' | cut -c11-)
	[ "$d" = 2021-02-03 ] || { echo "--date: $d"; return 1; }
	# archive.yaml before everything.
	printf 'title: Snap\ndate: 2022-03-04\n' >"$S/a/archive.yaml"
	d=$(SOURCE_DATE_EPOCH=1577836800 "$Q" -q "$S/a" --date 2021-02-03 -o "$S/m.epub" && unzip -p "$S/m.epub" OEBPS/content.opf | grep -o 'modified">[0-9-]*' | cut -c11-)
	printf 'title: Snap\n' >"$S/a/archive.yaml"
	[ "$d" = 2022-03-04 ] || { echo "archive.yaml: $d"; return 1; }
}
check "snapshot date: archive.yaml, --date, SOURCE_DATE_EPOCH, newest selected article" snap_rungs

snap_none() {
	mkdir -p "$S/b"
	printf 'Undated text.\n' >"$S/b/undated.txt"
	env -u SOURCE_DATE_EPOCH "$Q" "$S/b" -o "$S/b.epub" 2>"$S/b.err" || return 1
	grep -q 'warning: no date in archive.yaml, --date, SOURCE_DATE_EPOCH or any article; the snapshot is dated 1980-01-01' "$S/b.err" &&
		unzip -p "$S/b.epub" OEBPS/content.opf | grep -q 'modified">1980-01-01T'
}
check "snapshot date: none at all is a warning and 1980-01-01" snap_none
snap_draft() {
	env -u SOURCE_DATE_EPOCH "$Q" "$S/a" -o "$S/m.epub" 2>"$S/d.err" || return 1
	! grep -q draft "$S/d.err" || { cat "$S/d.err"; return 1; }
}
check "an undated draft does not warn" snap_draft

# count_nav EPUB: articles in the EPUB's nav; count_outline PDF: articles in the PDF's outline.
count_nav() { unzip -p "$1" OEBPS/nav.xhtml | grep -o 'href="text/a[0-9]*.xhtml"' | sort -u | wc -l; }
count_outline() { mutool show "$1" outline | grep -c '^+		'; }
snap_select() {
	"$Q" -q archive --since 2024-05-01 --until 2024-05-31 -o "$S/may.epub" -o "$S/may.pdf" || return 1
	[ "$(count_nav "$S/may.epub")" -eq 3 ] || { echo "nav: $(count_nav "$S/may.epub")"; return 1; }
	[ "$(count_outline "$S/may.pdf")" -eq 3 ] || { echo "outline: $(count_outline "$S/may.pdf")"; return 1; }
	"$Q" -q archive --since 2024-05 --until 2024-05 --list >"$S/may.list" || return 1
	[ "$(wc -l <"$S/may.list")" -eq 3 ] && ! grep -v '^2024-05-' "$S/may.list"
}
check "--since and --until keep exactly the articles of May 2024 (nav, outline, --list)" snap_select
check "--since/--until EPUB passes epubcheck 0/0" epubcheck_clean "$S/may.epub"
snap_section_tag() {
	# An article's calendar date is its own: 2019-12-02 at 23:30 in New York.
	[ "$("$Q" -q "$S/a" --since 2019-12-02 --until 2019-12-02 --list | wc -l)" -eq 1 ] &&
		[ "$("$Q" -q "$S/a" --section world --list | cut -f3)" = Mid ] &&
		[ "$("$Q" -q "$S/a" --tag x --list | wc -l)" -eq 2 ] &&
		[ "$("$Q" -q "$S/a" --tag y --tag nope --list | cut -f3)" = New ] &&
		[ "$("$Q" -q "$S/a" --tag x --section news --list | wc -l)" -eq 2 ]
}
check "--section and --tag choose articles, ignoring case" snap_section_tag
snap_names() {
	(cd "$S" && "$Q" -q "$S/a" --since 2019-11 --until 2019-11-30 && test -f snap-2019-11-01--2019-11-30.epub)
}
check "a selection's default name is TITLE-FROM--TO.epub" snap_names
snap_errors() {
	"$Q" archive --since 2030 -o "$S/none.epub" 2>"$S/e1.err"; s1=$?
	mkdir -p "$S/empty"; "$Q" "$S/empty" -o "$S/none.epub" 2>"$S/e2.err"; s2=$?
	"$Q" archive --since 2024-13 2>/dev/null; s3=$?
	"$Q" archive --since 2024-06 --until 2024-05 2>/dev/null; s4=$?
	[ $s1 -eq 1 ] && [ $s2 -eq 1 ] && [ $s3 -eq 2 ] && [ $s4 -eq 2 ] && ! test -e "$S/none.epub" &&
		grep -q 'error: no articles to export in the selection' "$S/e1.err" &&
		grep -q 'error: no articles to export' "$S/e2.err"
}
check "an empty selection or archive is an error and writes nothing; bad dates are usage errors" snap_errors

# make install: the installed binary finds its styles and fonts from any folder; man shows its page.
snap_install() {
	make -s install BUILD="$BUILD" DESTDIR="$S/inst" PREFIX=/usr >/dev/null || return 1
	repo=$(pwd)
	(cd "$S" && env -u QUIRE_DATADIR strace -f -qq -e trace=openat -o "$S/inst.trace" \
		"$S/inst/usr/bin/quire" -q "$repo/archive" -o "$S/inst.epub" -o "$S/inst.pdf") || return 1
	grep -q "inst/usr/bin/../share/quire/styles/default.yaml" "$S/inst.trace" &&
		grep -q "inst/usr/bin/../share/quire/fonts" "$S/inst.trace" &&
		! grep -q "\"$repo/styles\|\"$repo/fonts" "$S/inst.trace" &&
		cmp "$S/inst.epub" "$TMP/sample.epub" &&
		man -l "$S/inst/usr/share/man/man1/quire.1" 2>/dev/null | grep -q -- '--since' &&
		"$S/inst/usr/bin/quire" --version | grep -q '^quire [0-9]'
}
check "make install DESTDIR PREFIX=/usr: the installed binary exports the sample; man -l shows the page" snap_install

# The progress bar: drawn in a real terminal (tmux), with a summary line at the end; absent in a pipe.
snap_progress() {
	sock="$S/tmux.sock"
	repo=$(pwd)
	tmux -S "$sock" new-session -d -s q -x 160 -y 20 || return 1
	tmux -S "$sock" pipe-pane -t q -o "cat > '$S/tty.raw'"
	tmux -S "$sock" send-keys -t q "cd '$repo' && '$Q' archive -o '$S/tty.epub' -o '$S/tty.pdf'; echo DONE-\$?" Enter
	for i in $(seq 1 100); do
		tmux -S "$sock" capture-pane -p -t q | grep -q 'DONE-0' && break
		sleep 0.2
	done
	tmux -S "$sock" capture-pane -p -t q >"$S/tty.screen"
	tmux -S "$sock" kill-server
	grep -q 'DONE-0' "$S/tty.screen" || { cat "$S/tty.screen"; return 1; }
	grep -Eq 'quire: 10 articles, [0-9]+ pages; .*tty.epub [0-9.]+ [KM]B, .*tty.pdf [0-9.]+ [KM]B; 0 warnings; [0-9.]+ s' \
		"$S/tty.screen" || { cat "$S/tty.screen"; return 1; }
	tr '\r' '\n' <"$S/tty.raw" | grep -Eaq '\] ([0-9]+)/\1 articles written' || { echo "no bar"; return 1; }
	"$Q" archive -o "$S/pipe.epub" 2>"$S/pipe.err" | cat
	! grep -q 'articles\|\[' "$S/pipe.err"
}
check "progress bar in a terminal (tmux), summary line at the end; nothing in a pipe" snap_progress

# --check: lints without writing; each finding names its file and line; the status says so.
snap_check() {
	C=$S/lint
	mkdir -p "$C/news"
	printf -- '---\ntitle: Same title\ndate: 2020-01-01\nsource: https://x.example/1\n---\nSee [the draft](d.md) and ![a](gone.jpg).\n' >"$C/news/a.md"
	printf -- '---\ntitle: same  TITLE\ndate: 2020-01-02\nsource: https://x.example/1\n---\nText.\n' >"$C/news/b.md"
	printf -- '---\ntitle: Draft\ndraft: true\n---\nDraft.\n' >"$C/news/d.md"
	printf -- '---\ntitle: [broken\n---\nText.\n' >"$C/news/2020-01-03-c.md"
	printf -- '---\ntitle: Undated\ndate: someday\n---\nText.\n' >"$C/news/e.md"
	sum1=$(find "$C" -type f -exec sha256sum {} + | sort | sha256sum)
	(cd "$C" && "$Q" --check "$C" >"$S/check.out" 2>"$S/check.err"); st=$?
	sum2=$(find "$C" -type f -exec sha256sum {} + | sort | sha256sum)
	[ $st -eq 1 ] && [ "$sum1" = "$sum2" ] && [ -z "$(ls "$C" | grep -v news)" ] &&
		grep -q 'news/b.md: warning: same title as news/a.md' "$S/check.err" &&
		grep -q 'news/b.md: warning: same source as news/a.md' "$S/check.err" &&
		grep -q 'news/a.md:6: warning: link to an article that is not exported' "$S/check.err" &&
		grep -q 'news/a.md:6: warning: image not found: gone.jpg' "$S/check.err" &&
		grep -q 'news/2020-01-03-c.md:2: warning: broken front matter' "$S/check.err" &&
		grep -q 'news/e.md:3: warning: not a date' "$S/check.err" &&
		grep -q 'lint: 4 articles checked: [0-9]* warnings' "$S/check.err" ||
		{ cat "$S/check.err"; return 1; }
	"$Q" --check archive 2>"$S/check2.err" && grep -q '10 articles checked: 0 warnings' "$S/check2.err"
}
check "--check reports shared titles and sources, dead links, photos, dates and front matter" snap_check

# --manifest: the outputs' and the sources' SHA-256 as sha256sum gives them; --compare: changes.
snap_manifest() {
	M=$S/man
	rm -rf "$M"; cp -r archive "$M"
	"$Q" -q "$M" -o "$S/man.epub" -o "$S/man.pdf" --manifest "$S/man.json" || return 1
	/usr/bin/python3 - "$S/man.json" "$M" <<'PY' || return 1
import hashlib, json, os, sys
m = json.load(open(sys.argv[1])); root = sys.argv[2]
sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
assert len(m["outputs"]) == 2
for o in m["outputs"]:
    assert o["sha256"] == sha(o["path"]) and o["size"] == os.path.getsize(o["path"]), o
kinds = {}
for s in m["sources"]:
    assert s["sha256"] == sha(os.path.join(root, s["path"])), s
    kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
assert kinds == {"archive": 1, "article": 10, "photo": kinds.get("photo", 0)} and kinds["photo"] >= 5, kinds
assert m["snapshot"] == "2024-06-30" and m["selection"]["articles"] == 10
PY
	echo "A late correction." >>"$M/city/2024-03-04-council-budget.md"
	rm "$M/culture/2024-05-17-night-market.md"
	printf -- '---\ntitle: New one\ndate: 2024-06-29\n---\nNew.\n' >"$M/city/2024-06-29-new.md"
	"$Q" -q "$M" -o "$S/man2.epub" --compare "$S/man.json" 2>"$S/compare.err" || return 1
	grep -qx 'quire: changed: city/2024-03-04-council-budget.md' "$S/compare.err" &&
		grep -qx 'quire: added: city/2024-06-29-new.md' "$S/compare.err" &&
		grep -qx 'quire: removed: culture/2024-05-17-night-market.md' "$S/compare.err" &&
		grep -q 'compared with .*: 1 added, 2 removed, 1 changed' "$S/compare.err" ||
		{ cat "$S/compare.err"; return 1; }
	! "$Q" -q "$M" -o "$S/man3.epub" --compare "$S/man.epub" 2>/dev/null
}
check "--manifest matches sha256sum of outputs and sources; --compare lists what changed" snap_manifest

# Volumes: by month, each a complete book; --volume N gives the same bytes as the full run.
snap_volumes() {
	V=$S/vol
	mkdir -p "$V/one"
	"$Q" -q archive --volumes month -o "$V/l.epub" -o "$V/l.pdf" --manifest "$V/l.json" || return 1
	[ "$(ls "$V"/l-vol*.epub | wc -l)" -eq 4 ] && [ "$(ls "$V"/l-vol*.pdf | wc -l)" -eq 4 ] &&
		test -f "$V/l-vol2-2024-04.epub" || { ls "$V"; return 1; }
	total=0
	for f in "$V"/l-vol*.epub; do total=$((total + $(count_nav "$f"))); done
	[ "$total" -eq 10 ] || { echo "articles in the volumes: $total"; return 1; }
	unzip -p "$V/l-vol2-2024-04.epub" OEBPS/content.opf |
		grep -q '<dc:title>The Harbour Ledger, Vol. 2: April 2024</dc:title>' || return 1
	[ "$(grep -c '"path": ".*l-vol' "$V/l.json")" -eq 8 ] || return 1
	"$Q" -q archive --volumes month --volume 2 -o "$V/one/l.epub" -o "$V/one/l.pdf" || return 1
	[ "$(ls "$V/one")" = "$(printf 'l-vol2-2024-04.epub\nl-vol2-2024-04.pdf')" ] || { ls "$V/one"; return 1; }
	cmp "$V/one/l-vol2-2024-04.epub" "$V/l-vol2-2024-04.epub" &&
		cmp "$V/one/l-vol2-2024-04.pdf" "$V/l-vol2-2024-04.pdf"
}
check "--volumes month: four complete books holding every article once; --volume 2 is byte-identical" snap_volumes
check "a volume's EPUB passes epubcheck 0/0" epubcheck_clean "$S/vol/l-vol3-2024-05.epub"
check "a volume's PDF: qpdf --check clean" qpdf --check "$S/vol/l-vol3-2024-05.pdf"

# --max-size on 3,000 articles with photos: every volume under the limit and valid, every article
# in exactly one of them.
snap_max_size() {
	/usr/bin/python3 tests/mkbig.py "$S/b3k" 3000 100 >/dev/null || return 1
	mkdir -p "$S/ms"
	"$Q" -q "$S/b3k" --max-size 2500K -o "$S/ms/b.epub" || return 1
	n=$(ls "$S/ms" | wc -l)
	[ "$n" -ge 3 ] || { echo "$n volumes"; return 1; }
	for f in "$S"/ms/*.epub; do
		size=$(stat -c %s "$f")
		[ "$size" -le 2500000 ] || { echo "$f: $size bytes"; return 1; }
	done
	for f in "$S"/ms/*.epub; do
		unzip -p "$f" OEBPS/nav.xhtml | grep -o 'href="text/a[0-9]*.xhtml"' | sort -u
	done | sort | uniq -c | awk '$1 != 1 { bad = 1 } END { exit bad }' ||
		{ echo "an article in two volumes"; return 1; }
	total=0
	for f in "$S"/ms/*.epub; do total=$((total + $(count_nav "$f"))); done
	[ "$total" -eq 3000 ] || { echo "articles: $total"; return 1; }
	epubcheck_all "$S"/ms/*.epub
}
check "--max-size 2500K on 3,000 articles: volumes under the limit, each epubcheck 0/0, every article once" snap_max_size

# Byte-identical outputs in any time zone and locale, with a selection and volumes.
snap_locales() {
	L=$S/loc
	mkdir -p "$L/a" "$L/b"
	locale -a | grep -qix 'de_DE.utf8' || { echo "de_DE.UTF-8 is not generated (make test-deps)"; return 1; }
	TZ=UTC LC_ALL=C "$Q" -q archive --since 2024-04 --volumes month -o "$L/a/x.epub" -o "$L/a/x.pdf" \
		--manifest "$L/a/m.json" || return 1
	TZ=Asia/Tehran LC_ALL=de_DE.UTF-8 "$Q" -q archive --since 2024-04 --volumes month \
		-o "$L/b/x.epub" -o "$L/b/x.pdf" --manifest "$L/b/m.json" || return 1
	for f in "$L"/a/*.epub "$L"/a/*.pdf; do
		cmp "$f" "$L/b/$(basename "$f")" || return 1
	done
	# The manifests differ only in the folder named on the command line.
	sed "s|$L/a/|DIR/|g" "$L/a/m.json" >"$L/a.json"
	sed "s|$L/b/|DIR/|g" "$L/b/m.json" >"$L/b.json"
	cmp "$L/a.json" "$L/b.json" || return 1
	[ "$(ls "$L/a" | wc -l)" -eq 7 ]
}
check "byte-identical under TZ=UTC and Asia/Tehran, LC_ALL=C and de_DE.UTF-8 (volumes, manifest)" snap_locales

# The colophon: at the end of both outputs, with the selection, the options and every source's
# SHA-256 as sha256sum gives it.
snap_colophon() {
	K=$S/colo
	mkdir -p "$K"
	"$Q" -q archive --since 2024-05 --until 2024-05 -o "$K/c.epub" -o "$K/c.pdf" || return 1
	unzip -p "$K/c.epub" OEBPS/text/colophon.xhtml >"$K/colophon.xhtml" || return 1
	/usr/bin/python3 - "$K/colophon.xhtml" archive <<'PY' || return 1
import hashlib, os, re, sys
x = open(sys.argv[1], encoding="utf-8").read()
pairs = re.findall(r"(?:File|Photo) <code>([^<]+)</code><br/>\s*SHA-256 <code>([0-9a-f]{64})</code>", x)
files = [p for p, _ in pairs]
assert sum(1 for p in files if p.endswith(".md")) == 3, files
assert any(p.startswith("photos/") for p in files), files
for p, h in pairs:
    assert hashlib.sha256(open(os.path.join(sys.argv[2], p), "rb").read()).hexdigest() == h, p
assert "since 2024-05-01, until 2024-05-31" in x and "1\u201331 May 2024" in x, "selection"
PY
	pdftotext "$K/c.pdf" - | tr -s ' \n' ' ' >"$K/c.txt"
	grep -q 'Colophon' "$K/c.txt" && grep -q 'This book is a snapshot of The Harbour Ledger' "$K/c.txt" &&
		grep -q "$(sha256sum archive/city/2024-05-28-rail-strike.md | cut -c1-64)" "$K/c.txt" &&
		grep -q '1–31 May 2024 · snapshot of 30 June 2024 · 3 articles' "$K/c.txt" ||
		{ echo "the PDF's colophon or title page"; return 1; }
	unzip -p "$K/c.epub" OEBPS/content.opf | grep -q '<dc:coverage>2024-05-01/2024-05-31</dc:coverage>' ||
		{ echo "no dc:coverage"; return 1; }
	"$Q" -q archive --no-colophon -o "$K/n.epub" && ! unzip -l "$K/n.epub" | grep -q colophon
}
check "the colophon: the selection, the options, and sources' SHA-256 as sha256sum gives them" snap_colophon
check "an EPUB with a colophon passes epubcheck 0/0" epubcheck_clean "$S/colo/c.epub"
