#!/usr/bin/env python3
"""Makes a large synthetic archive for tests and benchmarks, deterministic for a given seed.

usage: mkbig.py DIR ARTICLES PHOTOS [PHOTO_SOURCE_DIR]
Writes DIR/archive.yaml, DIR/<section>/<date>-article-N.md and DIR/photos/pN.jpg (copies of the
photos in PHOTO_SOURCE_DIR, default archive/photos), and DIR/manifest.json with each article's
title, date, authors and body words in order, for the checkers.
"""
import json
import os
import random
import shutil
import sys

SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "ne", "pol", "dar", "ix", "em",
             "ba", "qui", "ster", "mon", "fel", "ga", "rho", "lin", "cor", "du", "wen", "al"]
SECTIONS = ["City", "Culture", "People", "Science", "Opinion"]


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))


def sentence(rng, words):
    n = rng.randint(6, 18)
    ws = [word(rng) for _ in range(n)]
    words.extend(ws)
    return " ".join(ws)


def main():
    out, count, nphotos = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    src = sys.argv[4] if len(sys.argv) > 4 else "archive/photos"
    rng = random.Random(20240630)
    os.makedirs(os.path.join(out, "photos"), exist_ok=True)
    sources = sorted(f for f in os.listdir(src) if f.endswith(".jpg") and f != "cover.jpg")
    for i in range(nphotos):
        shutil.copyfile(os.path.join(src, sources[i % len(sources)]),
                        os.path.join(out, "photos", "p%d.jpg" % i))
    with open(os.path.join(out, "archive.yaml"), "w") as f:
        f.write("title: Synthetic Ledger\nauthor: Test Desk\nlanguage: en\n"
                "date: 2025-01-31\ndescription: A large generated archive.\n")
    manifest = []
    for i in range(count):
        section = SECTIONS[i % len(SECTIONS)]
        month = 1 + (i * 7) % 12
        day = 1 + (i * 13) % 28
        date = "2024-%02d-%02d" % (month, day)
        words = []
        title_words = [word(rng) for _ in range(4)]
        title = "Report %d: %s" % (i + 1, " ".join(title_words))
        authors = ["Writer %s" % word(rng).capitalize()]
        if i % 5 == 0:
            authors.append("Second %s" % word(rng).capitalize())
        body = []
        for p in range(rng.randint(4, 9)):
            kind = rng.random()
            if p == 2 and i % 2 == 0 and nphotos:
                cap = sentence(rng, words)
                body.append("![%s](../photos/p%d.jpg \"%s\")" % (cap, (i // 2) % nphotos, cap))
                continue
            if kind < 0.1:
                body.append("## " + sentence(rng, words))
            elif kind < 0.2:
                body.append("> " + sentence(rng, words))
            elif kind < 0.3:
                items = [sentence(rng, words) for _ in range(3)]
                body.append("\n".join("- " + it for it in items))
            else:
                ss = []
                for _ in range(rng.randint(2, 6)):
                    s = sentence(rng, words)
                    if rng.random() < 0.2:
                        parts = s.split(" ")
                        parts[1] = "*" + parts[1] + "*"
                        s = " ".join(parts)
                    ss.append(s + ".")
                body.append(" ".join(ss))
        path = os.path.join(out, section.lower(), "%s-article-%d.md" % (date, i + 1))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("---\ntitle: \"%s\"\ndate: %s\nauthor: [%s]\nsection: %s\n"
                    "source: https://synthetic.example/%d\n---\n\n" %
                    (title, date, ", ".join(authors), section, i + 1))
            f.write("\n\n".join(body) + "\n")
        manifest.append({"title": title, "date": date, "authors": authors, "words": words})
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f)


main()
