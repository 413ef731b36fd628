#!/usr/bin/env python3
"""Checks that the text of a PDF (pdftotext) holds every article of a manifest (from mkbig.py):
its title followed by its byline, its date, and every word of its body in order, joining words
hyphenated across lines, also where the line is the last of a page and the word goes on after
the page's footer and the next page's running header. usage: check_pdf.py TEXT MANIFEST"""
import json
import re
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def find(tokens, w, pos):
    """Returns the position after w's next occurrence from pos: whole, or broken with a hyphen
    at a page end and continued within the next few tokens (past footer and header)."""
    for i in range(pos, len(tokens)):
        t = tokens[i]
        if t == w:
            return i + 1
        # pdftotext keeps the hyphen ("kalo-"), or drops it when the page number follows.
        head = t[:-1] if t.endswith("-") else t
        if head and w.startswith(head) and len(w) > len(head):
            rest = w[len(head):]
            for j in range(i + 1, min(i + 16, len(tokens))):
                if tokens[j] == rest:
                    return j + 1
    raise ValueError(w)


def main():
    raw = open(sys.argv[1], encoding="utf-8").read()
    # A word broken at a line end ("kalo-\nmiren") is one word; page breaks are white space.
    text = re.sub(r"-\n\s*(?=[a-z])", "", raw.replace("\f", "\n"))
    flat = re.sub(r"\s+", " ", text)
    manifest = json.load(open(sys.argv[2]))
    bad = 0
    for art in manifest:
        byline = "By " + " and ".join(art["authors"])
        m = re.search(re.escape(art["title"]) + r" " + re.escape(byline), flat)
        if m is None:
            print("article start (title and byline) not found:", art["title"])
            bad += 1
            continue
        rest = flat[m.end():]
        y, mo, d = (int(v) for v in art["date"].split("-"))
        if not rest[:200].lstrip().startswith("%d %s %d" % (d, MONTHS[mo - 1], y)):
            print("date not under the byline:", art["title"])
            bad += 1
        tokens = re.findall(r"[a-z]+-?", rest)
        pos = 0
        for w in art["words"]:
            try:
                pos = find(tokens, w, pos)
            except ValueError:
                print("word missing or out of order in %s: %s (after %s)" %
                      (art["title"], w, " ".join(tokens[max(0, pos - 5):pos])))
                bad += 1
                break
    print("%d articles checked, %d problems" % (len(manifest), bad))
    sys.exit(1 if bad else 0)


main()
