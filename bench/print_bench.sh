#!/bin/sh
# Measures print output: the PDF's size with photos downsampled to --print-dpi (the default 300)
# and without (--print-dpi 0), on an archive of 20 articles with a 4000 x 3000 phone-camera
# photo each; then what imposing a booklet adds to the PDF's time, memory and size.
# usage: sh bench/print_bench.sh [BUILD]
set -e
BUILD=${1:-build}
Q=$BUILD/quire
T=${TMPDIR:-/tmp}/quire-bench-print
rm -rf "$T"
mkdir -p "$T/a/news" "$T/a/photos"

# run NAME COMMAND...: prints wall seconds and peak RSS of one run.
run() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$T/time" "$@" >/dev/null 2>"$T/err" || { cat "$T/err"; exit 1; }
	read -r secs kb <"$T/time"
	printf '%-44s %7.2f s  %7.1f MB' "$name" "$secs" "$(echo "$kb" | awk '{ print $1 / 1024 }')"
}
size() {
	printf '  %9d bytes\n' "$(wc -c <"$1")"
}

# Photos with the detail of a phone camera's (noise over shapes), so that JPEG sizes are
# realistic: about 4 MB each at quality 92.
/usr/bin/python3 - "$T/a" <<'PY'
import random, sys
from PIL import Image, ImageDraw, ImageFilter
root = sys.argv[1]
random.seed(9)
for k in range(20):
    im = Image.new("RGB", (4000, 3000), (random.randrange(256),) * 3)
    d = ImageDraw.Draw(im)
    for _ in range(300):
        x, y, r = random.randrange(4000), random.randrange(3000), random.randrange(40, 600)
        d.ellipse([x - r, y - r, x + r, y + r],
                  fill=tuple(random.randrange(256) for _ in range(3)))
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    im = Image.blend(im, noise, 0.25).filter(ImageFilter.SMOOTH)
    im.save("%s/photos/p%02d.jpg" % (root, k), quality=92)
    with open("%s/news/2024-01-%02d-photo-%d.md" % (root, k + 1, k), "w") as f:
        f.write("---\ntitle: \"Photo %d\"\ndate: 2024-01-%02d\n---\n" % (k, k + 1))
        f.write("A paragraph before the photo.\n\n![Photo %d](../photos/p%02d.jpg)\n\n" % (k, k))
        f.write("A paragraph after it.\n")
with open(root + "/archive.yaml", "w") as f:
    f.write("title: Photo bench\ndate: 2024-06-30\n")
PY
printf '%-44s %7s    %7s     %9s\n' "" "time" "memory" "PDF size"
printf '%-44s %7s    %7s     %9d bytes\n' "the 20 photos (4000 x 3000 JPEG)" "" "" \
	"$(cat "$T"/a/photos/*.jpg | wc -c)"
run "A5 PDF, --print-dpi 0 (photos as they are)" "$Q" -q --style pamphlet "$T/a" --print-dpi 0 \
	-o "$T/dpi0.pdf"
size "$T/dpi0.pdf"
run "A5 PDF, --print-dpi 300 (the default)" "$Q" -q --style pamphlet "$T/a" -o "$T/dpi300.pdf"
size "$T/dpi300.pdf"
run "A5 PDF, --print-dpi 150" "$Q" -q --style pamphlet "$T/a" --print-dpi 150 -o "$T/dpi150.pdf"
size "$T/dpi150.pdf"
run "A5 booklet on A4 (--booklet)" "$Q" -q --style pamphlet "$T/a" --booklet -o "$T/booklet.pdf"
size "$T/booklet.pdf"

# The booklet of a long book: 200 articles (pdf_bench.sh's archive when it was made).
B=${TMPDIR:-/tmp}/quire-bench-200
if [ -d "$B" ]; then
	run "200 articles: A5 PDF" "$Q" -q --style pamphlet "$B" -o "$T/long.pdf"
	size "$T/long.pdf"
	run "200 articles: A5 booklet on A4" "$Q" -q --style pamphlet "$B" --booklet \
		-o "$T/long.booklet.pdf"
	size "$T/long.booklet.pdf"
fi
