#!/bin/sh
# Renders the README's page images from the sample PDF: sh tools/pages.sh [PDF]
# (default out/archive.pdf, as `make run` writes it). Pages: the title page, the contents, the
# first page of the flood report (a figure), and the night market's second page (a list that
# runs on from the page before).
set -e
pdf=${1:-out/archive.pdf}
out=docs/pages
mkdir -p "$out"
page_of() {
	# The first physical page whose text contains $1 (after the front matter).
	n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	i=${2:-1}
	while [ "$i" -le "$n" ]; do
		if pdftotext -f "$i" -l "$i" "$pdf" - | tr -s ' \n' ' ' | grep -qF -- "$1"; then
			echo "$i"
			return
		fi
		i=$((i + 1))
	done
	echo "tools/pages.sh: '$1' not found" >&2
	exit 1
}
render() {
	pdftoppm -r 60 -png -singlefile -f "$2" -l "$2" "$pdf" "$out/$1"
}
render title 1
render contents "$(page_of 'Contents')"
render figure "$(page_of 'By Samuel Achebe 21 March 2024' 4)"
market=$(page_of 'By Odile Brandt 17 May 2024' 4)
render list-break $((market + 1))
ls -l "$out"
# The languages: the Persian test archive's two articles (tests/lang/persian), a Persian one
# set right to left and an English one with Persian names, from the PDF quire writes of it.
fa=$(mktemp -d)
trap 'rm -rf "$fa"' EXIT
build/quire -q tests/lang/persian -o "$fa/persian.pdf"
pdf=$fa/persian.pdf
render persian "$(page_of 'کتابخانه‌های شهر' 4)"
render english-persian "$(page_of 'Two librarians of Tehran' 4)"
ls -l "$out/persian.png" "$out/english-persian.png"
