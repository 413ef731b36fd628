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
# run_full MATCH BYTES ARGS...: run with the ENOSPC shim (a command's own environment: a
# function's assignments would outlive it in some shells).
run_full() {
	m=$1 b=$2
	shift 2
	# Under AddressSanitizer (make sanitize) the shim comes before its runtime: allowed here.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		SHIM_MATCH=$m SHIM_BYTES=$b LD_PRELOAD="$H/enospc.so" "$Q" "$@" 2>"$H/err"
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
		run_full "$D/" $n "$H/arch" -o "$D/a.$ext"
		check "full disk (ENOSPC after $n bytes): the $ext is kept, status 1, a message" \
			full_case $ext "$D/a.$ext"
	done
done
cp "$H/good.pdf" "$D/a.pdf"
run_full "$D/m" 0 "$H/arch" -o "$D/a.pdf" --manifest "$D/m.json"
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
# Volumes' names, made from -o's, are checked as -o's are, before any volume is written.
mkdir -p "$H/vols"
ln "$H/arch/photos/river.jpg" "$H/vols/book-vol3-2024-05.pdf"
ln -s "$H/arch/archive.yaml" "$H/vols/book-vol2-2024-04.epub"
run "$H/arch" --volumes month -o "$H/vols/book.pdf" -o "$H/vols/book.epub"
vols_refused() {
	refused "quire: $H/vols/book-vol3-2024-05.pdf: error: is an input of the archive, photos/river.jpg; use --force" &&
		expect 2 "quire: $H/vols/book-vol2-2024-04.epub: error: is a symlink to an input of the archive, archive.yaml" &&
		test "$(ls "$H/vols")" = "book-vol2-2024-04.epub
book-vol3-2024-05.pdf" && test -L "$H/vols/book-vol2-2024-04.epub"
}
check "--volumes: a volume's name that is an input (hard link, symlink): refused, status 2, nothing written" \
	vols_refused
rm -rf "$H/vols"
cp -R "$H/arch" "$H/forced"
run "$H/forced" -q --force -o "$H/forced/book.epub"
check "--force writes inside the archive folder; the EPUB is valid" \
	sh -c "[ $st -eq 0 ] && test -s '$H/forced/book.epub'"
check "--force: epubcheck 0/0" epubcheck_clean "$H/forced/book.epub"

# --- 3. A killed run: SIGINT (Ctrl-C), SIGTERM and SIGHUP remove the temporaries, of an EPUB
# and of a PDF (its output and the scratch file cairo writes beside it); after kill -9 the next
# run writing the same output removes what the dead run left.
/usr/bin/python3 tests/mkbig.py "$H/big" 2000 100 >/dev/null
bigsum() { find "$H/big" -type f -exec sha256sum {} + | sort | sha256sum; }
bigsum0=$(bigsum)
K=$H/kill
mkdir -p "$K"
# killed SIGNAL: starts an export of the big archive, kills it once its temporary exists.
# Its spools (TMPDIR) are noted first: the names in the folder, and the open files in it.
# A shell starts a background job with SIGINT ignored, and quire keeps a signal it inherits
# ignored (as nohup expects), so SIGINT is sent to a quire started with it set to the default,
# as a terminal's Ctrl-C finds it. OUT is the output (default big.epub).
killed() {
	mkdir -p "$H/spool"
	TMPDIR=$H/spool /usr/bin/python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$Q" -q "$H/big" -o "$K/${2:-big.epub}" 2>"$H/err" &
	pid=$!
	i=0
	while [ $i -lt 600 ] && ! ls "$K" | grep -q tmp-quire; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
	spool_names=$(ls -A "$H/spool")
	spool_fds=$(ls -l /proc/$pid/fd 2>/dev/null | grep -c "$H/spool/")
	kill -"$1" $pid
	wait $pid
	st=$?
}
# clean_kill: the run died of the signal; nothing is left in $K.
clean_kill() {
	[ "$st" -gt 128 ] || { echo "exit status $st"; return 1; }
	[ -z "$(ls "$K")" ] || { echo "left: $(ls "$K")"; return 1; }
}
for sig in INT TERM HUP; do
	killed $sig
	check "SIG$sig mid-export: killed by the signal, no temporary left, no output" clean_kill
done
for sig in INT TERM; do
	killed $sig big.pdf
	check "SIG$sig mid-export of a PDF: killed by the signal, no temporary or scratch file left" \
		clean_kill
done
killed KILL
check "kill -9 mid-export: the temporary is left (the kernel allows nothing else)" \
	sh -c "ls '$K' | grep -q '^big.epub.tmp-quire-$pid-'"
check "spools of article text: open but without a name while quire runs, none left after kill -9" \
	sh -c "[ -z '$spool_names' ] && [ $spool_fds -ge 2 ] && [ -z \"\$(ls -A '$H/spool')\" ]"
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

# --- 5. Messages that say what happened.
M=$H/msgs
mkdir -p "$M/news" "$M/photos" "$M/empty-folder"
printf 'title: Messages\nextra: {a: {b: {c: {d: {e: {f: {g: {h: {i: 1}}}}}}}}}\n' >"$M/archive.yaml"
/usr/bin/python3 - "$M" <<'PY'
import struct, sys
d = sys.argv[1]
text = '---\ntitle: Wide %s é\ndate: 2024-02-01\n---\nText in a wide encoding: ü and ß.\n'
boms = {'utf-16-le': b'\xff\xfe', 'utf-16-be': b'\xfe\xff', 'utf-32-le': b'\xff\xfe\x00\x00',
        'utf-32-be': b'\x00\x00\xfe\xff'}
for enc, bom in boms.items():
    open('%s/news/2024-02-01-%s.md' % (d, enc), 'wb').write(bom + (text % enc).encode(enc))
open(d + '/news/2024-02-02-nobom.md', 'wb').write((text % 'no mark').encode('utf-16-le'))
open(d + '/news/2024-02-03-nul.txt', 'wb').write(b'A title\n\nText with a NUL\x00 byte.\n')
png = open('archive/photos/chart.png', 'rb').read()
i = png.index(b'IDAT')
bad = bytearray(png)
bad[i + 10] ^= 0xFF
open(d + '/photos/badcrc.png', 'wb').write(bytes(bad))
sof = b'\xff\xc0' + struct.pack('>HBHHB', 11, 8, 7900, 10000, 1) + b'\x01\x11\x00'
sos = b'\xff\xda' + struct.pack('>HB', 8, 1) + b'\x01\x00\x00\x3f\x00'
open(d + '/photos/huge.jpg', 'wb').write(b'\xff\xd8' + sof + sos + b'\x12\x34\x56\xff\xd9')
PY
printf -- '---\ntitle: &t Photos\nsummary: *t\ndate: 2024-01-01\n---\nText.\n\n![crc](../photos/badcrc.png)\n\n![huge](../photos/huge.jpg)\n\n![loop](../photos/loop.jpg)\n' \
	>"$M/news/2024-01-01-photos.md"
ln -s loop.jpg "$M/photos/loop.jpg"
: >"$M/news/2024-01-05-empty.html"
: >"$M/news/2024-01-06-empty.md"
mkdir -p "$H/outside"
printf 'A title\n\nText.\n' >"$H/outside/2024-01-07-x.txt"
ln -s "$H/outside" "$M/linked"
msum() { find "$M" -type f -exec sha256sum {} + | sort | sha256sum; }
msum0=$(msum)
run "$M" -o "$H/msgs.epub" -o "$H/msgs.pdf"
# wide_read ENC: the title of the ENC file is in the book, and nothing was said about it.
wide_read() {
	unzip -p "$H/msgs.epub" OEBPS/nav.xhtml | grep -q "Wide $1 é" || {
		echo "no title 'Wide $1 é' in:"
		unzip -p "$H/msgs.epub" OEBPS/nav.xhtml | grep Wide
		return 1
	}
	! grep "2024-02-01-$1.md" "$H/err"
}
for enc in utf-16-le utf-16-be utf-32-le utf-32-be; do
	check "a $enc file with its mark is read, without a warning" wide_read $enc
done
check "UTF-16 without a mark: said to look like it" \
	expect 0 "2024-02-02-nobom.md: warning: NUL bytes: UTF-16 or UTF-32 without a byte-order mark"
check "a NUL byte: said to be one" \
	expect 0 "2024-02-03-nul.txt:3: warning: NUL bytes or invalid UTF-8 replaced with U\+FFFD"
check "YAML nested too deeply: a warning" \
	expect 0 "quire: $M/archive.yaml:2: warning: YAML value ignored: nested too deeply"
check "a YAML alias: a warning" \
	expect 0 "2024-01-01-photos.md:3: warning: front matter value ignored: an alias"
# A style's values left out are each warned with their line, and the keys after them keep theirs.
printf 'size: 11pt\nfont-heading: &f Noto Serif\nfont-body: *f\nmargin: {a: {b: {c: {d: {e: {f: {g: {h: 1}}}}}}}}\nparagraph: sideways\nsize: 12pt\n' \
	>"$H/odd-style.yaml"
"$Q" "$H/one" --style "$H/odd-style.yaml" -o "$H/odd-style.pdf" 2>"$H/style.err"
style_warned() {
	for w in "3: warning: style value ignored: an alias" \
	    "4: warning: style value ignored: nested too deeply" \
	    "5: warning: bad value 'sideways' for 'paragraph'; default kept" \
	    "6: warning: style value ignored: a repeated key"; do
		grep -qF "quire: $H/odd-style.yaml:$w" "$H/style.err" || {
			echo "no '$w' in:"
			cat "$H/style.err"
			return 1
		}
	done
}
check "a style's YAML values left out (alias, depth, repeated key): each warned with its line" \
	style_warned
check "a style's values left out: the PDF is written and valid" qpdf --check "$H/odd-style.pdf"
check "an image symlink loop: said to be one" \
	expect 0 "2024-01-01-photos.md:12: warning: image is a symbolic link loop: ../photos/loop.jpg"
check "an empty .html file: a warning like other empty files, not an error" \
	sh -c "grep -q '2024-01-05-empty.html: warning: empty file' '$H/err' &&
	    grep -q '2024-01-06-empty.md: warning: empty file' '$H/err' && ! grep -q error '$H/err'"
check "a PNG with a bad CRC: a warning, kept out of the EPUB" \
	sh -c "grep -q \"warning: image unusable (corrupt PNG: a chunk's CRC is wrong): photos/badcrc.png\" '$H/err' &&
	    ! unzip -l '$H/msgs.epub' | grep -q '\\.png'"
# A damaged PNG: each output refuses it for the same reason and says so once a photo, also for
# a copy of it under another name (the EPUB stores equal photos once).
B=$H/badpng
mkdir -p "$B/news" "$B/photos"
cp "$M/photos/badcrc.png" "$B/photos/a.png"
cp "$M/photos/badcrc.png" "$B/photos/b.png"
printf -- '---\ntitle: One\ndate: 2024-01-01\n---\nText.\n\n![a](../photos/a.png)\n\n![a again](../photos/a.png)\n' \
	>"$B/news/2024-01-01-one.md"
printf -- '---\ntitle: Two\ndate: 2024-01-02\n---\nText.\n\n![a](../photos/a.png)\n\n![b](../photos/b.png)\n' \
	>"$B/news/2024-01-02-two.md"
for ext in epub pdf; do
	"$Q" "$B" -o "$H/badpng.$ext" 2>"$H/badpng-$ext.err"
done
badpng_warned() {
	why="warning: image unusable (corrupt PNG: a chunk's CRC is wrong)"
	want="quire: $B/news/2024-01-01-one.md:7: $why: photos/a.png
quire: $B/news/2024-01-02-two.md:9: $why: photos/b.png"
	for ext in epub pdf; do
		[ "$(cat "$H/badpng-$ext.err")" = "$want" ] || {
			echo "the $ext said:"
			cat "$H/badpng-$ext.err"
			return 1
		}
	done
}
check "a damaged PNG: the EPUB and the PDF warn once a photo, with its path, for the same reason" \
	badpng_warned
check "a damaged PNG: the EPUB passes epubcheck 0/0" epubcheck_clean "$H/badpng.epub"
check "a damaged PNG: the PDF passes qpdf --check" qpdf --check "$H/badpng.pdf"
check "a JPEG far too short for its size: a truncation warning" \
	expect 0 "2024-01-01-photos.md:10: warning: image unusable \(truncated: too few bytes for its size\): ../photos/huge.jpg"
check "a symlinked folder: a warning" \
	expect 0 "$M/linked: warning: symbolic link to a folder skipped"
check "odd messages: the EPUB passes epubcheck 0/0" epubcheck_clean "$H/msgs.epub"
check "odd messages: the PDF passes qpdf --check" qpdf --check "$H/msgs.pdf"
check "odd messages: the archive is unchanged" test "$(msum)" = "$msum0"

# --- 6. A missing output folder is named; an archive with an empty folder (UBSan once saw
# qsort(NULL, 0) there) exports.
run "$M" -o "$H/no/such/folder/x.epub"
check "a missing output folder: named, status 1" \
	expect 1 "quire: $H/no/such/folder/x.epub: error: folder '$H/no/such/folder' does not exist"
mkdir -p "$H/withempty/news" "$H/withempty/empty/deeper"
printf -- '---\ntitle: Beside an empty folder\ndate: 2024-01-01\n---\nText.\n' \
	>"$H/withempty/news/2024-01-01-a.md"
run "$H/withempty" -o "$H/withempty.epub"
check "an archive with empty folders exports, without a sanitizer report" \
	sh -c "[ $st -eq 0 ] && ! grep -q 'runtime error' '$H/err'"
check "an archive with empty folders: epubcheck 0/0" epubcheck_clean "$H/withempty.epub"
