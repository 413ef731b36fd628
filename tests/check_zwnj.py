#!/usr/bin/env python3
"""Checks that text extracted from a PDF holds every word of the sources that has a zero-width
non-joiner (or another invisible character quire keeps), with it, and no word with one that the
sources do not have. Usage: check_zwnj.py EXTRACTED.txt SOURCE.md..."""
import re
import sys

# Characters pdftotext adds around right-to-left and left-to-right stretches.
BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"), " ")
ZWNJ = "\u200c"
WORD = re.compile(r"[\w\u200c\u200d]+")


def words(text):
    return {w for w in WORD.findall(text.translate(BIDI)) if ZWNJ in w.strip(ZWNJ)}


def main():
    got = words(open(sys.argv[1], encoding="utf-8").read())
    want = set()
    for path in sys.argv[2:]:
        want |= words(open(path, encoding="utf-8").read())
    missing, extra = sorted(want - got), sorted(got - want)
    print("%d words with a ZWNJ in the sources, %d in the text" % (len(want), len(got)))
    if missing:
        print("missing:", " ".join(missing))
    if extra:
        print("not in the sources:", " ".join(extra))
    sys.exit(1 if missing or extra or not want else 0)


main()
