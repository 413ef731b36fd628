# --jobs: the outputs and the messages are the same for every number of threads. Sourced by
# tests/run.sh, with Q, TMP and the check helpers.
J="$TMP/jobs"
mkdir -p "$J"
cp -r archive "$J/arch"
python3 - "$J/arch" <<'PY'
import os, sys
d = os.path.join(sys.argv[1], "extra")
os.makedirs(d, exist_ok=True)
def put(name, text):
    open(os.path.join(d, name), "w", encoding="utf-8").write(text)
# Characters no bundled font has (system fallback fonts, chosen once for the archive), in more
# than one article, set on whichever thread takes them.
for i in range(6):
    put("2024-02-%02d-scripts.md" % (i + 1), "---\ntitle: Scripts %d\ndate: 2024-02-%02d\n---\n\n"
        "中文文本 and English, Ελληνικά κείμενα, русский текст, فارسی %d.\n\n" % (i, i + 1, i) +
        "A paragraph of ordinary words to hyphenate across the measure of the page. " * 20 + "\n")
put("2024-02-10-persian.md", "---\ntitle: گزارش\nlang: fa\ndir: rtl\ndate: 2024-02-10\n---\n\n"
    "این یک گزارش آزمایشی است که از راست به چپ نوشته می‌شود، با عدد ۱۲۳ و واژه‌ی English.\n")
# A photo that cannot be read, named by three articles: the PDF warns once, at the first.
# A PNG cut after its header: it reads as a photo, and fails only when decoded.
import struct, zlib
def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 48, 8, 2, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(b"\0" * 500)[:20]))
open(os.path.join(sys.argv[1], "photos", "bad.png"), "wb").write(png)
for i in range(3):
    put("2024-02-2%d-bad.md" % i, "---\ntitle: Bad photo %d\ndate: 2024-02-2%d\n---\n\n"
        "![bad](../photos/bad.png \"Bad\")\n\nText.\n" % (i, i))
# The same photo's bytes under a second name, and the first name again: the EPUB stores it once,
# whichever thread converted it ahead.
import shutil
shutil.copy(os.path.join(sys.argv[1], "photos", "river.jpg"),
            os.path.join(sys.argv[1], "photos", "river-copy.jpg"))
for i, name in enumerate(["river-copy.jpg", "river.jpg", "market.jpg"]):
    put("2024-02-1%d-again.md" % i, "---\ntitle: Again %d\ndate: 2024-02-1%d\n---\n\n"
        "![again](../photos/%s \"Again\")\n\nText.\n" % (i, i, name))
# An article long enough for the writer to set itself, between the others.
put("2024-02-15-long.md", "---\ntitle: Long\ndate: 2024-02-15\n---\n\n" +
    "".join("## Part %d\n\n%s\n\n" % (k, "Words of a long article, set in pieces. " * 40)
            for k in range(60)))
PY
jobs_run() {
	"$Q" "$J/arch" --jobs "$1" -o "$J/j$1.pdf" -o "$J/j$1.epub" 2>"$J/j$1.err"
}
jobs_run 1
st1=$?
jobs_run 2
st2=$?
jobs_run 7
st7=$?
check "--jobs 1, 2, 7: the same exit status" sh -c "test $st1 -eq $st2 && test $st1 -eq $st7"
check "--jobs: the archive needs a fallback font (the test means something)" \
	grep -q "no bundled font covers U+4E2D" "$J/j1.err"
check "--jobs 7: a bad photo named by three articles is reported once, at the first" sh -c "
	'$Q' '$J/arch' --jobs 7 -o '$J/bad.pdf' 2>'$J/bad.err'; grep 'unusable' '$J/bad.err' >'$J/bad.txt'
	test \$(grep -c 'bad.png' '$J/bad.txt') -eq 1 && grep -q '2024-02-20-bad.md' '$J/bad.txt'"
check "--jobs 1, 2 and 7: byte-identical PDFs" \
	sh -c "cmp '$J/j1.pdf' '$J/j2.pdf' && cmp '$J/j1.pdf' '$J/j7.pdf'"
check "--jobs 1, 2 and 7: byte-identical EPUBs" \
	sh -c "cmp '$J/j1.epub' '$J/j2.epub' && cmp '$J/j1.epub' '$J/j7.epub'"
check "--jobs 1 and 7, EPUB alone (its photos converted ahead on the threads): byte-identical" sh -c "
	'$Q' -q '$J/arch' --jobs 1 -o '$J/e1.epub' 2>/dev/null; '$Q' -q '$J/arch' --jobs 7 -o '$J/e7.epub' 2>/dev/null
	cmp '$J/e1.epub' '$J/e7.epub' && cmp '$J/e1.epub' '$J/j1.epub'"
check "--jobs 7: a photo under two names is stored once in the EPUB" sh -c "
	test \$(unzip -l '$J/e7.epub' | grep -c 'OEBPS/images/') -eq \$(unzip -l '$J/e1.epub' | grep -c 'OEBPS/images/') &&
	unzip -p '$J/e7.epub' 'OEBPS/text/*' | grep -o '<img src=[^ ]* alt=.again.' | sort -u | wc -l |
	grep -qx 2"
check "--jobs 7: the EPUB passes epubcheck" epubcheck_clean "$J/e7.epub"
check "--jobs 1, 2 and 7: the same messages, in the same order" \
	sh -c "cmp '$J/j1.err' '$J/j2.err' && cmp '$J/j1.err' '$J/j7.err'"
check "--jobs 7: the PDF is valid, fonts embedded" pdf_valid "$J/j7.pdf"
check "--jobs 7: every script's text is in the PDF" sh -c "
	pdftotext '$J/j7.pdf' - | tr -d '\n' >'$J/j7.txt' && grep -q '中文文本' '$J/j7.txt' &&
	grep -q 'Ελληνικά' '$J/j7.txt' && grep -q 'گزارش' '$J/j7.txt' && grep -q 'Part 59' '$J/j7.txt'"
check "--jobs: the default (one a core) writes the same PDF" sh -c "
	'$Q' -q '$J/arch' -o '$J/jd.pdf' 2>/dev/null; cmp '$J/j1.pdf' '$J/jd.pdf'"
check "--jobs 0 and --jobs x are usage errors (status 2)" sh -c "
	'$Q' '$J/arch' --jobs 0 -o '$J/x.pdf' 2>/dev/null; test \$? -eq 2 &&
	'$Q' '$J/arch' --jobs x -o '$J/x.pdf' 2>/dev/null; test \$? -eq 2"
