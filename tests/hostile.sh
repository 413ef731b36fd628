# Hostile and unlucky cases: full disks, outputs over inputs, killed runs, odd input that must
# still give valid books, and messages that say what happened. Each case checks its message,
# its exit status, that what was written is valid, and that the inputs are unchanged. Sourced by
# run.sh, which sets BUILD, TMP and the counters (and tests/e2e.sh's epubcheck_clean).
Q=${Q:-"$(pwd)/$BUILD/quire"}
H=$TMP/hostile
mkdir -p "$H"
cp -R archive "$H/arch"
arch_sum() { find "$H/arch" -type f -exec sha256sum {} + | sort | sha256sum; }
sum0=$(arch_sum)
inputs_same() { [ "$(arch_sum)" = "$sum0" ] || { echo "the archive changed"; return 1; }; }
# no_tmp DIR: no temporary output left in DIR.
no_tmp() {
	left=$(find "$1" -name '*.tmp-quire-*')
	[ -z "$left" ] || { echo "left behind: $left"; return 1; }
}
# expect STATUS PATTERN: the last run's status and a line of its messages ($H/err).
expect() {
	[ "$st" -eq "$1" ] || { echo "exit status $st, not $1"; cat "$H/err"; return 1; }
	grep -qE -- "$2" "$H/err" || { echo "no message /$2/:"; cat "$H/err"; return 1; }
}
run() {
	"$Q" "$@" 2>"$H/err"
	st=$?
}
# The previous outputs, which no failed run may harm: a one-article book, small enough to leave
# most of a 400K file system free.
mkdir -p "$H/one/news"
cp archive/archive.yaml "$H/one/"
printf -- '---\ntitle: One article\ndate: 2024-05-06\n---\nIts only paragraph.\n' \
	>"$H/one/news/2024-05-06-one.md"
"$Q" -q "$H/one" -o "$H/good.epub" -o "$H/good.pdf"
check "hostile: the outputs kept are valid (epubcheck)" epubcheck_clean "$H/good.epub"
check "hostile: the outputs kept are valid (qpdf --check)" qpdf --check "$H/good.pdf"

# --- 1. A full disk: the previous output stays, status 1, a message naming the file.
# full_case WHAT OUT: OUT held a good output; the run that failed must leave it as it was.
full_case() {
	expect 1 "quire: $2: error: cannot write" &&
		cmp "$2" "$H/good.$1" && no_tmp "$(dirname "$2")" && inputs_same
}
full_pdf_valid() { qpdf --check "$1" >/dev/null; }
D=$H/full
mkdir -p "$D"
if mount -t tmpfs -o size=400k tmpfs "$D" 2>/dev/null; then
	for ext in pdf epub; do
		cp "$H/good.$ext" "$D/a.$ext" 2>/dev/null
	done
	# The sample's PDF and EPUB are each over 400K, and the good copies fill the rest.
	run "$H/arch" -o "$D/a.pdf"
	check "full disk (tmpfs): the PDF is kept, status 1, a message" full_case pdf "$D/a.pdf"
	run "$H/arch" -o "$D/a.epub"
	check "full disk (tmpfs): the EPUB is kept, status 1, a message" full_case epub "$D/a.epub"
	head -c 1000000 /dev/zero >"$D/filler" 2>/dev/null
	run "$H/arch" -o "$H/m.epub" --manifest "$D/m.json"
	check "full disk (tmpfs): the manifest fails with a message, status 1" \
		sh -c "[ $st -eq 1 ] && grep -q 'quire: $D/m.json: error: cannot write' '$H/err' &&
		    ! test -e '$D/m.json' && ! ls '$D' | grep -q tmp-quire"
	check "full disk (tmpfs): the EPUB written beside it is valid" epubcheck_clean "$H/m.epub"
	umount "$D"
else
	not_ok "full disk (tmpfs): cannot mount a tmpfs (run as root)"
fi
cc -shared -fPIC -o "$H/enospc.so" tests/hostile/enospc.c -ldl
D=$H/shim
mkdir -p "$D"
for ext in pdf epub; do
	for n in 0 5000 200000; do
		cp "$H/good.$ext" "$D/a.$ext"
		SHIM_MATCH="$D/" SHIM_BYTES=$n LD_PRELOAD="$H/enospc.so" run "$H/arch" -o "$D/a.$ext"
		check "full disk (ENOSPC after $n bytes): the $ext is kept, status 1, a message" \
			full_case $ext "$D/a.$ext"
	done
done
cp "$H/good.pdf" "$D/a.pdf"
SHIM_MATCH="$D/m" SHIM_BYTES=0 LD_PRELOAD="$H/enospc.so" run "$H/arch" -o "$D/a.pdf" \
	--manifest "$D/m.json"
check "full disk (ENOSPC): the manifest fails with a message; the PDF is valid" \
	sh -c "[ $st -eq 1 ] && grep -q 'm.json: error: cannot write' '$H/err' &&
	    qpdf --check '$D/a.pdf' >/dev/null && ! ls '$D' | grep -q tmp-quire"
check "full disk: the archive is unchanged" inputs_same

# --- 2. Outputs that would overwrite inputs, or write into the archive folder.
# refused PATTERN: status 2, the message, the archive as it was, no temporary anywhere.
refused() {
	expect 2 "$1" && inputs_same && no_tmp "$H"
}
run "$H/arch" -o "$H/arch/book.epub"
check "-o inside the archive folder: refused, status 2, nothing written" \
	refused "quire: $H/arch/book.epub: error: lies inside the archive folder '$H/arch'; use --force"
run "$H/arch" -o "$H/m.epub" --manifest "$H/arch/photos/m.json"
check "--manifest inside the archive folder: refused, status 2" \
	refused "quire: $H/arch/photos/m.json: error: lies inside the archive folder"
ln -s "$H/arch/photos/river.jpg" "$H/river.pdf"
run "$H/arch" -o "$H/river.pdf"
check "-o a symlink to a photo: refused, status 2, the link kept" \
	test "$(readlink "$H/river.pdf")" = "$H/arch/photos/river.jpg"
check "-o a symlink to a photo: the message names the photo" \
	refused "quire: $H/river.pdf: error: is a symlink to an input of the archive, photos/river.jpg"
# A photo with a second name (a hard link) outside the archive, and a manifest aimed at it.
mkdir -p "$H/elsewhere"
ln "$H/arch/photos/river.jpg" "$H/elsewhere/river.jpg"
run "$H/arch" -o "$H/arch2.epub" --manifest "$H/elsewhere/river.jpg"
check "--manifest over a hard link to a photo: refused, status 2, nothing written" \
	sh -c "[ $st -eq 2 ] && grep -q 'river.jpg: error: is an input of the archive, photos/river.jpg' '$H/err' &&
	    ! test -e '$H/arch2.epub'"
check "--manifest over a hard link to a photo: the photo intact" inputs_same
rm -rf "$H/elsewhere"
ln "$H/arch/archive.yaml" "$H/hard.pdf"
run "$H/arch" -o "$H/hard.pdf"
check "-o a hard link to archive.yaml: refused, status 2" \
	refused "quire: $H/hard.pdf: error: is an input of the archive, archive.yaml; use --force"
rm -f "$H/hard.pdf"
cp -R "$H/arch" "$H/forced"
run "$H/forced" -q --force -o "$H/forced/book.epub"
check "--force writes inside the archive folder; the EPUB is valid" \
	sh -c "[ $st -eq 0 ] && test -s '$H/forced/book.epub'"
check "--force: epubcheck 0/0" epubcheck_clean "$H/forced/book.epub"

# --- 3. A killed run: SIGTERM and SIGHUP remove the temporaries; after kill -9 the next run
# writing the same output removes what the dead run left.
/usr/bin/python3 tests/mkbig.py "$H/big" 2000 100 >/dev/null
bigsum() { find "$H/big" -type f -exec sha256sum {} + | sort | sha256sum; }
bigsum0=$(bigsum)
K=$H/kill
mkdir -p "$K"
# killed SIGNAL: starts an export of the big archive, kills it once its temporary exists.
killed() {
	"$Q" -q "$H/big" -o "$K/big.epub" 2>"$H/err" &
	pid=$!
	i=0
	while [ $i -lt 600 ] && ! ls "$K" | grep -q tmp-quire; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
	kill -"$1" $pid
	wait $pid
	st=$?
}
# clean_kill: the run died of the signal; nothing is left in $K.
clean_kill() {
	[ "$st" -gt 128 ] || { echo "exit status $st"; return 1; }
	[ -z "$(ls "$K")" ] || { echo "left: $(ls "$K")"; return 1; }
}
for sig in TERM HUP; do
	killed $sig
	check "SIG$sig mid-export: killed by the signal, no temporary left, no output" clean_kill
done
killed KILL
check "kill -9 mid-export: the temporary is left (the kernel allows nothing else)" \
	sh -c "ls '$K' | grep -q '^big.epub.tmp-quire-$pid-'"
run "$H/one" -q -o "$K/big.epub"
check "kill -9: the next run writing the same output removes the dead run's temporary" \
	test "$st" -eq 0 -a "$(ls "$K")" = big.epub
check "kill -9: the next run's EPUB is valid" epubcheck_clean "$K/big.epub"
# A temporary of a run still alive is left alone.
sleep 30 &
alive=$!
: >"$K/big.epub.tmp-quire-$alive-0"
run "$H/one" -q -o "$K/big.epub"
check "a running quire's temporary is not removed" test -e "$K/big.epub.tmp-quire-$alive-0"
kill $alive
rm -f "$K/big.epub.tmp-quire-$alive-0"
check "killed runs: the archive is unchanged" test "$(bigsum)" = "$bigsum0"

# --- 4. Odd input that must still give a valid EPUB.
O=$H/odd
mkdir -p "$O/news" "$O/pages"
printf 'title: Odd\nlanguage: "x y<z"\n' >"$O/archive.yaml"
{
	printf -- '---\ntitle: Deep and odd\ndate: 2024-05-01\nlang: "fr FR"\n---\n'
	i=0
	while [ $i -lt 40 ]; do printf '> - '; i=$((i + 1)); done
	printf 'deep text\n\n'
	printf '[a quote](http://example.com/a"b) and <http://example.com/x"y{z}>\n\n'
	printf '[nul](http://example.com/a\000b) end\n'
} >"$O/news/2024-05-01-deep.md"
{
	printf '<html lang="en"><head><title>Deep page</title></head><body><article>'
	printf '<h1>Deep page</h1><p>Some text of a saved page, long enough to be the article.</p>'
	i=0
	while [ $i -lt 40 ]; do printf '<blockquote><ul><li>'; i=$((i + 1)); done
	printf '<p>deep</p>'
	i=0
	while [ $i -lt 40 ]; do printf '</li></ul></blockquote>'; i=$((i + 1)); done
	printf '<p><a href="http://example.com/p\000q">nul</a></p></article></body></html>\n'
} >"$O/pages/2024-05-02-deep.html"
oddsum() { find "$O" -type f -exec sha256sum {} + | sort | sha256sum; }
oddsum0=$(oddsum)
run "$O" -o "$H/odd.epub" -o "$H/odd.pdf"
check "language 'x y<z' in archive.yaml: a warning, en used" \
	expect 0 "quire: $O/archive.yaml:2: warning: not a language tag \(BCP 47\): 'x y<z'; using en"
check "an article's lang 'fr FR': a warning, the archive's used" \
	expect 0 "2024-05-01-deep.md:4: warning: not a language tag \(BCP 47\): 'fr FR'"
check "quotes and lists nested past the cap: a warning" \
	expect 0 "2024-05-01-deep.md:6: warning: quotes and lists nested deeper than 32 levels"
check "HTML nested past the cap: a warning" \
	expect 0 "2024-05-02-deep.html:1: warning: elements nested deeper than 32 levels"
check "a NUL byte in a link's URL: a warning" \
	expect 0 "2024-05-01-deep.md:10: warning: NUL bytes or invalid UTF-8 removed from a link: http://example.com/ab"
check "odd input: the EPUB passes epubcheck 0/0" epubcheck_clean "$H/odd.epub"
odd_opf() {
	unzip -p "$H/odd.epub" OEBPS/content.opf | grep -q '<dc:language>en</dc:language>' &&
		unzip -p "$H/odd.epub" OEBPS/text/a0001.xhtml | grep -q 'href="http://example.com/a%22b"'
}
check "odd input: dc:language en, the quote in the URL percent-encoded" odd_opf
check "odd input: the PDF passes qpdf --check" qpdf --check "$H/odd.pdf"
check "odd input: the archive is unchanged" test "$(oddsum)" = "$oddsum0"
