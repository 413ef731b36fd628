# Rebuilds the committed seed corpora in tests/fuzz/corpus/<target>/ from the regress inputs,
# archive/'s articles and photos (shrunk with ImageMagick) and the hand-made seeds in
# tests/fuzz/hostile/<target>/. Run from the top of the tree: sh tests/fuzz/seed.sh
set -e
c=tests/fuzz/corpus
rm -rf "$c"
for t in fuzz_md fuzz_html fuzz_text fuzz_yaml fuzz_style fuzz_image_probe fuzz_image_decode \
         fuzz_image_epub fuzz_warc; do
	mkdir -p "$c/$t"
	[ -d "tests/fuzz/hostile/$t" ] && cp "tests/fuzz/hostile/$t"/* "$c/$t/"
done
# The readers' regress inputs and archive/'s articles are not copied here: tests/fuzz/run.sh adds
# them to each run's corpus from where they live.
cp archive/archive.yaml "$c/fuzz_yaml/"
# Front matter is YAML too.
for f in tests/regress/md/*.md archive/*/*.md; do
	sed -n '1{/^---$/!q};1d;/^---$/q;p' "$f" >"$c/fuzz_yaml/front-$(basename "$f" .md).yaml"
done
find "$c/fuzz_yaml" -size 0 -delete
cp styles/*.yaml "$c/fuzz_style/"
# Photos: small versions of the archive's, in every format and the variants the code tells apart.
p=$c/fuzz_image_probe
convert archive/photos/river.jpg -resize 24x16 -quality 70 "$p/river.jpg"
convert archive/photos/rail.jpg -resize 16x24 -interlace JPEG "$p/rail-progressive.jpg"
convert archive/photos/market.jpg -resize 20x14 -colorspace Gray "$p/market-gray.jpg"
convert archive/photos/library.jpg -resize 12x12 -colorspace CMYK "$p/library-cmyk.jpg"
convert archive/photos/protest.jpg -resize 18x12 -sampling-factor 4:2:0 "$p/protest.jpg"
exiftool -q -overwrite_original -n -Orientation=6 -Artist=quire -GPSLatitude=51.5 \
	-XMP:Title=fuzz "$p/protest.jpg"
exiftool -q -overwrite_original -n -Orientation=3 "$p/river.jpg"
convert archive/photos/chart.png -resize 24x18 "$p/chart.png"
convert archive/photos/chart.png -resize 16x12 -type Palette PNG8:"$p/chart-palette.png"
convert archive/photos/chart.png -resize 16x12 -alpha set -channel A -evaluate set 50% \
	PNG32:"$p/chart-alpha.png"
convert archive/photos/chart.png -resize 8x8 -depth 16 -interlace PNG PNG48:"$p/chart-16bit.png"
convert archive/photos/river.jpg -resize 16x10 -quality 60 "$p/river.webp"
convert archive/photos/chart.png -resize 16x10 -define webp:lossless=true -alpha set \
	"$p/chart-lossless.webp"
convert archive/photos/river.jpg -resize 16x10 archive/photos/rail.jpg -resize 16x10 -delay 10 \
	-loop 0 "$p/anim.webp"
convert archive/photos/river.jpg -resize 16x10 -colors 16 "$p/river.gif"
convert archive/photos/river.jpg archive/photos/rail.jpg -resize 12x8 -colors 8 -delay 10 \
	-loop 0 "$p/anim.gif"
cp tests/regress/html/pixel.png "$p/pixel.png"
cp "$p"/* "$c/fuzz_image_decode/"
cp "$p"/* "$c/fuzz_image_epub/"
