#!/usr/bin/python3
"""Checks the columns of a PDF's body pages from pdftotext -bbox's word boxes.

usage: check_layout.py PDF FIRST LAST TOP BOTTOM INNER OUTER GAP LEADING [COLUMNS]

Pages FIRST to LAST (1-based, odd pages recto: bound on the left) have margins TOP, BOTTOM,
INNER, OUTER and, with COLUMNS 2 (the default), two columns GAP apart (all in mm); LEADING is
the body's line height in points. Checks, on each page:
  - every word lies inside the text block (running heads and folios, in the margins, aside);
  - with two columns, no word of a column crosses the gutter: a word across it (a title, a
    wide figure's caption) sits in a band of its own, which no column's word shares;
  - the columns are read in order: in pdftotext -raw's order (the page's), no word of the
    first column comes after a word of the second beside it;
  - the two columns of a page that is not full (an article's last page) end within five
    lines of each other.
Prints what is wrong and exits 1; exits 0 when all holds.
"""
import re
import subprocess
import sys

MM = 72 / 25.4
TOL = 1.0  # points: glyph boxes may reach a little past the measure


def words(pdf, page, raw=False):
    out = subprocess.run(["pdftotext"] + (["-raw"] if raw else []) +
                         ["-f", str(page), "-l", str(page), "-bbox", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r'<page width="([\d.]+)" height="([\d.]+)">', out)
    w, h = float(m.group(1)), float(m.group(2))
    ws = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out)]
    return w, h, ws


def lines_of(ws):
    """Groups words into lines: the same height on the page."""
    rows = []
    for wd in sorted(ws, key=lambda x: (x[1], x[0])):
        for r in rows:
            if abs(r[0][1] - wd[1]) < 1.0 and abs(r[0][3] - wd[3]) < 1.0:
                r.append(wd)
                break
        else:
            rows.append([wd])
    return rows


def main():
    a = sys.argv[1:]
    if len(a) < 9:
        print(__doc__)
        return 2
    pdf = a[0]
    first, last = int(a[1]), int(a[2])
    top, bottom, inner, outer, gap = (float(x) * MM for x in a[3:8])
    leading = float(a[8])
    cols = int(a[9]) if len(a) > 9 else 2
    bad = []
    checked = balanced = 0
    for pg in range(first, last + 1):
        pw, ph, ws = words(pdf, pg)
        left = inner if pg % 2 == 1 else outer
        tw = pw - inner - outer
        cw = (tw - gap) / 2 if cols == 2 else tw
        x0, x1 = left, left + tw
        g0, g1 = left + cw, left + cw + gap
        body = [w for w in ws if w[3] > top + 0.5 and w[1] < ph - bottom - 0.5]
        for w in body:
            if w[0] < x0 - TOL or w[2] > x1 + TOL or w[1] < top - TOL or w[3] > ph - bottom + TOL:
                bad.append("page %d: '%s' at (%.1f, %.1f)-(%.1f, %.1f) outside the text block "
                           "(%.1f, %.1f)-(%.1f, %.1f)" % (pg, w[4], w[0], w[1], w[2], w[3], x0,
                                                         top, x1, ph - bottom))
        if cols != 2 or not body:
            continue
        checked += 1
        # Runs: the words of a line closer than the gutter; a run reaching across the gutter
        # spans the columns (a title, a wide figure's caption).
        span, colw = [], []
        for ln in lines_of(body):
            ln.sort(key=lambda x: x[0])
            run = [ln[0]]
            for w in ln[1:] + [None]:
                if w is not None and w[0] - run[-1][2] < gap * 0.8:
                    run.append(w)
                    continue
                r = (run[0][0], min(x[1] for x in run), run[-1][2], max(x[3] for x in run),
                     " ".join(x[4] for x in run))
                (span if r[0] < g1 - TOL and r[2] > g0 + TOL else colw).append(r)
                run = [w]
        for s in span:
            for c in colw:
                if c[1] < s[3] - 0.5 and c[3] > s[1] + 0.5:
                    bad.append("page %d: '%s' crosses the gutter (x %.1f-%.1f, gutter %.1f-%.1f) "
                               "beside column text '%s'" % (pg, s[4], s[0], s[2], g0, g1, c[4]))
                    break
        # Reading order: the words as the page draws them (pdftotext -raw), which copying and
        # the tags follow. A word of the first column read after one of the second must lie
        # below it: in a later band, under what spans the columns.
        raw = [w for w in words(pdf, pg, raw=True)[2]
               if w[3] > top + 0.5 and w[1] < ph - bottom - 0.5]
        # A right-to-left page reads its right column first.
        letters = "".join(w[4] for w in body)
        rtl = sum(1 for ch in letters if 0x590 <= ord(ch) <= 0x8ff) * 2 > len(letters)
        low1 = None
        for w in raw:
            first_col, second_col = w[2] <= g0 + TOL, w[0] >= g1 - TOL
            if rtl:
                first_col, second_col = second_col, first_col
            if first_col:
                if low1 is not None and w[1] < low1[3] - 0.5:
                    bad.append("page %d: the first column's '%s' is read after the second's "
                               "'%s' beside it" % (pg, w[4], low1[4]))
                    break
            elif second_col:
                if low1 is None or w[3] > low1[3]:
                    low1 = w
        # Bands: the column text between two spanning lines.
        cuts = sorted({round(s[1], 1) for s in span} | {round(s[3], 1) for s in span})
        edges = [top] + cuts + [ph]
        for k in range(len(edges) - 1):
            lo, hi = edges[k], edges[k + 1]
            band = [c for c in colw if c[1] >= lo - 0.5 and c[3] <= hi + 0.5]
            c0 = [c for c in band if c[2] <= g0 + TOL]
            c1 = [c for c in band if c[0] >= g1 - TOL]
            if not c0 or not c1:
                continue
            # The last band of a page that is not full: balanced columns.
            if k == len(edges) - 2:
                b0 = max(c[3] for c in c0)
                b1 = max(c[3] for c in c1)
                if max(b0, b1) < ph - bottom - 3 * leading:
                    balanced += 1
                    if abs(b0 - b1) > 5 * leading + TOL:
                        bad.append("page %d: columns not balanced: they end at %.1f and %.1f pt"
                                   % (pg, b0, b1))
    for b in bad:
        print(b)
    if cols == 2 and checked == 0:
        print("no page with two columns of text checked")
        return 1
    print("%d pages checked, %d short pages balanced, %d problems" % (last - first + 1,
                                                                       balanced, len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
