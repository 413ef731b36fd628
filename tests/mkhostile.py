#!/usr/bin/env python3
"""Writes one hostile archive for the cost tests and benchmarks, deterministic.

usage: mkhostile.py DIR CASE SIZE
CASE is one of:
  article  one Markdown article of about SIZE bytes of ordinary paragraphs
  para     one Markdown article that is a single paragraph of about SIZE bytes
  links    one article with SIZE links, ten to a paragraph
  table    one saved HTML page with a table of about SIZE bytes (six columns)
  title    one article whose title is SIZE characters long
DIR gets archive.yaml and news/2024-01-02-hostile.md (.html for a table).
"""
import os
import random
import sys

SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "ne", "pol", "dar", "ix", "em",
             "ba", "qui", "ster", "mon", "fel", "ga", "rho", "lin", "cor", "du", "wen", "al"]


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))


def words(rng, size):
    out, n = [], 0
    while n < size:
        w = word(rng)
        out.append(w)
        n += len(w) + 1
    return " ".join(out)


def main():
    out, case, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(20240630)
    os.makedirs(os.path.join(out, "news"), exist_ok=True)
    with open(os.path.join(out, "archive.yaml"), "w") as f:
        f.write("title: Hostile\nlanguage: en\n")
    title = "A hostile article"
    body = []
    if case == "article":
        n = 0
        while n < size:
            p = words(rng, rng.randint(300, 900))
            body.append(p)
            n += len(p) + 2
    elif case == "para":
        body.append(words(rng, size))
    elif case == "links":
        para = []
        for i in range(size):
            para.append("%s [%s](https://example.com/%d) %s." % (word(rng), word(rng), i, word(rng)))
            if len(para) == 10:
                body.append(" ".join(para))
                para = []
        if para:
            body.append(" ".join(para))
    elif case == "table":
        rows = ["<tr><th>a</th><th>b</th><th>c</th><th>d</th><th>e</th><th>f</th></tr>"]
        n = 0
        while n < size:
            r = "<tr>" + "".join("<td>%s</td>" % word(rng) for _ in range(6)) + "</tr>"
            rows.append(r)
            n += len(r) + 1
        with open(os.path.join(out, "news", "2024-01-02-hostile.html"), "w") as f:
            f.write("<html lang=\"en\"><head><title>A hostile table</title></head><body>"
                    "<article><h1>A hostile table</h1><p>Before the table, a paragraph long "
                    "enough to be the article's text.</p>\n<table>\n")
            f.write("\n".join(rows))
            f.write("\n</table>\n<p>After the table.</p></article></body></html>\n")
        return
    elif case == "title":
        title = words(rng, size)[:size]
        body.append("A short body.")
    else:
        sys.exit("unknown case " + case)
    with open(os.path.join(out, "news", "2024-01-02-hostile.md"), "w") as f:
        f.write("---\ntitle: %s\ndate: 2024-01-02\n---\n\n" % title)
        f.write("\n\n".join(body))
        f.write("\n")


main()
