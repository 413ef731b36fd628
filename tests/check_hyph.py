#!/usr/bin/env python3
"""Checks where the words of a PDF's text are split at line ends (text from pdftotext -raw).
Usage: check_hyph.py TEXT german  -- every split of a word below is at one of its German
                                     hyphenation points, and there are at least 5;
       check_hyph.py TEXT other   -- some split of a word below is at none of them (the same
                                     text in another language is hyphenated otherwise).
The points are those of Debian's hyph_de_DE.dic (hyphen-de), which test_hyph checks too."""
import sys

GERMAN = ["Zu-sam-men-ar-beit", "Bun-des-re-gie-rung", "Wirt-schafts-mi-nis-te-rium",
          "Ver-kehrs-ver-bin-dun-gen", "Bür-ger-meis-te-rin", "Stadt-ver-wal-tung",
          "Haus-halts-pla-nung", "Bahn-hofs-vor-platz", "Stra-ßen-bahn-hal-te-stelle",
          "In-for-ma-ti-ons-ver-an-stal-tung", "Stadt-bi-blio-thek", "Ein-wohner-zahl",
          "Müll-ab-fuhr"]


def points(w):
    parts = w.split("-")
    return {"".join(parts[:i]) for i in range(1, len(parts))}


def main():
    words = {w.replace("-", ""): points(w) for w in GERMAN}
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    splits = []
    for i, line in enumerate(lines[:-1]):
        if not line.endswith("-") or not line[:-1]:
            continue
        head = line[:-1].split()[-1].strip(".,;:")
        tail = lines[i + 1].split()[0].strip(".,;:") if lines[i + 1].split() else ""
        if head + tail in words:
            splits.append((head, tail, head in words[head + tail]))
    good = [s for s in splits if s[2]]
    bad = [s for s in splits if not s[2]]
    print("%d splits of the words: %d at German points, %d not" % (len(splits), len(good), len(bad)))
    for h, t, _ in bad:
        print("  not German:", h + "-" + t)
    if sys.argv[2] == "german":
        sys.exit(0 if not bad and len(good) >= 5 else 1)
    sys.exit(0 if bad else 1)


main()
