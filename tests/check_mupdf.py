#!/usr/bin/env python3
"""Checks an EPUB as MuPDF lays it out (`mutool trace`, the layout `mutool convert` prints and
KOReader's MuPDF engine shows): glyph and image positions on each page.

usage: check_mupdf.py order EPUB
         every article's title is drawn before its photos, and each article's photos between its
         title and the next article's
       check_mupdf.py align EPUB TITLE right|left
         the lines of the article titled TITLE that do not fill the measure (a paragraph's last
         line) hug the right, or the left, edge of the text

Pages are read in order and, on a page, from the top. Titles are found by their size (larger
than the body text) and letters (the same letters as the title, in any order: right-to-left
text is drawn in visual order)."""
import collections
import html
import re
import subprocess
import sys
import zipfile

G = re.compile(r'<g unicode="([^"]*)" glyph="[^"]*" x="([-0-9.e]+)" y="([-0-9.e]+)" adv="([-0-9.e]+)"')
TRM = re.compile(r'trm="([-0-9.e]+) ')
TRANSFORM = re.compile(r'transform="([-0-9.e]+) ([-0-9.e]+) ([-0-9.e]+) ([-0-9.e]+) ([-0-9.e]+) ([-0-9.e]+)"')
SPACE = set(" \u00a0\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069\u00ad")


def letters(s):
    return collections.Counter(c for c in s if c not in SPACE and not c.isspace())


def articles(epub):
    """The book's articles in reading order: (title, number of photos)."""
    z = zipfile.ZipFile(epub)
    opf = z.read("OEBPS/content.opf").decode()
    hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    out = []
    for idref in re.findall(r'<itemref idref="([^"]+)"', opf):
        page = z.read("OEBPS/" + hrefs[idref]).decode()
        if "<article" not in page:
            continue
        title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
        title = html.unescape(re.sub(r"<[^>]+>", "", title))
        out.append((title, len(re.findall(r"<img\b", page))))
    return out


def layout(epub):
    """MuPDF's drawing of the book: a list of events (page, y, kind, data) in reading order,
    kind 'line' with data (size, x0, x1, text) or 'image'."""
    trace = subprocess.run(["mutool", "trace", epub], capture_output=True, text=True,
                           check=True).stdout
    events = []
    page = 0
    glyphs = collections.defaultdict(list)   # (page, y) -> [(x, x1, size, char)]
    tx = ty = 0.0
    size = 0.0
    for line in trace.splitlines():
        if line.startswith("<page "):
            page += 1
        elif "<fill_text" in line or "<clip_text" in line or "<ignore_text" in line:
            m = TRANSFORM.search(line)
            tx, ty = float(m.group(5)), float(m.group(6))
        elif "<span " in line:
            size = float(TRM.search(line).group(1))
        elif "<g " in line:
            m = G.search(line)
            if m is None:
                continue
            x, y = tx + float(m.group(2)), ty + float(m.group(3))
            glyphs[(page, round(y))].append((x, x + float(m.group(4)) * size, size,
                                             html.unescape(m.group(1))))
        elif "<fill_image" in line:
            m = TRANSFORM.search(line)
            d, f = float(m.group(4)), float(m.group(6))
            events.append((page, min(f, f + d), "image", None))
    for (pg, y), gs in glyphs.items():
        gs.sort()
        text = "".join(g[3] for g in gs)
        if not letters(text):
            continue
        events.append((pg, y, "line", (max(g[2] for g in gs), gs[0][0], max(g[1] for g in gs),
                                       text)))
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def body_size(events):
    sizes = collections.Counter(round(e[3][0], 2) for e in events if e[2] == "line")
    return sizes.most_common(1)[0][0]


def find_titles(arts, events):
    """The index in events of each article's title: the first line of a block of lines larger
    than the body text, on one page, with the title's letters (at least 80% of them: a ligature
    is one glyph)."""
    big = 1.4 * body_size(events)
    blocks = []
    for i, e in enumerate(events):
        if e[2] != "line" or e[3][0] < big:
            continue
        prev = events[i - 1] if i else None
        if blocks and prev is not None and prev[2] == "line" and prev[3][0] >= big and \
                prev[0] == e[0]:
            blocks[-1][1] += letters(e[3][3])
        else:
            blocks.append([i, letters(e[3][3])])
    where = []
    b = 0
    for title, _ in arts:
        want = letters(title)
        while b < len(blocks) and ((blocks[b][1] - want) or
                                   sum(blocks[b][1].values()) < 0.8 * sum(want.values())):
            b += 1
        if b == len(blocks):
            sys.exit("title not drawn (or drawn out of order): %s" % title)
        where.append(blocks[b][0])
        b += 1
    return where


def order(epub):
    arts = articles(epub)
    events = layout(epub)
    where = find_titles(arts, events)
    bad = 0
    for k, (title, nimg) in enumerate(arts):
        end = where[k + 1] if k + 1 < len(arts) else len(events)
        got = sum(1 for e in events[where[k]:end] if e[2] == "image")
        if got != nimg:
            print("%s: %d photos drawn after its title, %d in the article" % (title, got, nimg))
            bad += 1
    print("%d articles, %d with their photos out of place" % (len(arts), bad))
    return 1 if bad else 0


def align(epub, title, side):
    arts = articles(epub)
    events = layout(epub)
    where = find_titles(arts, events)
    k = [a[0] for a in arts].index(title)
    end = where[k + 1] if k + 1 < len(arts) else len(events)
    size = body_size(events)
    lines = [e[3] for e in events[where[k]:end] if e[2] == "line" and round(e[3][0], 2) == size]
    left = min(l[1] for l in lines)
    right = max(l[2] for l in lines)
    short = [l for l in lines if l[2] - l[1] < 0.8 * (right - left)]
    if not short:
        sys.exit("%s: no short line to tell the alignment by" % title)
    tol = 2 * size
    bad = [l for l in short if (side == "right" and (l[2] < right - tol or l[1] < left + 10)) or
           (side == "left" and (l[1] > left + tol or l[2] > right - 10))]
    for l in bad:
        print("not %s-aligned: x %.1f-%.1f of %.1f-%.1f" % (side, l[1], l[2], left, right))
    print("%s: %d lines, %d short, all %s-aligned: %s" % (title, len(lines), len(short), side,
                                                          "no" if bad else "yes"))
    return 1 if bad else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "order":
        sys.exit(order(sys.argv[2]))
    if len(sys.argv) == 5 and sys.argv[1] == "align" and sys.argv[4] in ("left", "right"):
        sys.exit(align(sys.argv[2], sys.argv[3], sys.argv[4]))
    sys.exit(__doc__)


main()
