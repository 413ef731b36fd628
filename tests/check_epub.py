#!/usr/bin/env python3
"""Checks that an EPUB holds every article of a manifest (from mkbig.py): its title, date,
authors, and every word of its body in order. usage: check_epub.py EPUB MANIFEST"""
import json
import re
import sys
import zipfile
import html

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def text_of(xhtml):
    xhtml = re.sub(r"<[^>]+>", " ", xhtml)
    return html.unescape(xhtml)


def main():
    z = zipfile.ZipFile(sys.argv[1])
    manifest = json.load(open(sys.argv[2]))
    pages = {}
    for name in z.namelist():
        if name.startswith("OEBPS/text/") and name.endswith(".xhtml"):
            x = z.read(name).decode("utf-8")
            m = re.search(r"<h1>(.*?)</h1>", x, re.S)
            pages[html.unescape(m.group(1))] = text_of(x)
    bad = 0
    for art in manifest:
        t = pages.get(art["title"])
        if t is None:
            print("missing article:", art["title"])
            bad += 1
            continue
        y, m, d = (int(v) for v in art["date"].split("-"))
        if "%d %s %d" % (d, MONTHS[m - 1], y) not in t:
            print("date missing:", art["title"])
            bad += 1
        for a in art["authors"]:
            if a not in t:
                print("author missing:", art["title"], a)
                bad += 1
        tokens = re.findall(r"[a-z]+", t.split(art["title"], 1)[-1])
        pos = 0
        for w in art["words"]:
            try:
                pos = tokens.index(w, pos) + 1
            except ValueError:
                print("word missing or out of order in %s: %s" % (art["title"], w))
                bad += 1
                break
    print("%d articles checked, %d problems" % (len(manifest), bad))
    sys.exit(1 if bad else 0)


main()
