#!/usr/bin/env python3
"""Checks an imposed booklet against the reading-order PDF it was made from: every sheet side is
two pages wide, there are 2 x ceil(pages / 4) sides, and the text of each half of each side
(pdftotext -x -y -W -H) is the text of the page the booklet order puts there, or nothing for a
blank. The order is found by walking through a folded signature as a reader does, not by the
formula quire uses. usage: check_booklet.py BOOKLET READING BLANK_AT SIGNATURE LONG [BACK]
(BLANK_AT: the 1-based page the blanks go before; SIGNATURE: sheets, 0 for one; LONG: 1 when
the backs are turned; BACK: text the back cover shows: then the booklet, read in folded order
from what its sheets show, must end with the reading PDF's last page, which shows it, with the
blanks just before it)."""
import re
import subprocess
import sys


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def info(pdf):
    out = run("pdfinfo", pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    w, h = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", out, re.M).groups())
    return pages, w, h


def text(pdf, page, crop=None):
    args = ["pdftotext", "-f", str(page), "-l", str(page)]
    if crop:
        args += ["-x", str(int(crop[0])), "-y", str(int(crop[1])), "-W", str(int(crop[2])),
                 "-H", str(int(crop[3]))]
    # The words in sorted order: pdftotext reads the lines of a page turned upside down
    # (--duplex long) in another order.
    return " ".join(sorted(run(*args, pdf, "-").split()))


def expected(npages, blank_at, signature):
    """want[sheet][side][slot]: 1-based reading pages, 0 for a blank."""
    npadded = (npages + 3) // 4 * 4
    seq = list(range(1, npages + 1))
    at = min(max(blank_at, 2), npages + 1) - 1
    seq[at:at] = [0] * (npadded - npages)
    nsheets = npadded // 4
    want = [[[None, None], [None, None]] for _ in range(nsheets)]
    k = first = 0
    while first < nsheets:
        m = min(signature, nsheets - first) if signature else nsheets - first
        for j in range(m):
            want[first + j][0][1] = seq[k]
            want[first + j][1][0] = seq[k + 1]
            k += 2
        for j in reversed(range(m)):
            want[first + j][1][1] = seq[k]
            want[first + j][0][0] = seq[k + 1]
            k += 2
        first += m
    return want


def folded(npadded, signature):
    """The (sheet, side, slot) of each position of the padded reading order, as expected()
    walks them."""
    nsheets = npadded // 4
    at = []
    first = 0
    while first < nsheets:
        m = min(signature, nsheets - first) if signature else nsheets - first
        for j in range(m):
            at += [(first + j, 0, 1), (first + j, 1, 0)]
        for j in reversed(range(m)):
            at += [(first + j, 1, 1), (first + j, 0, 0)]
        first += m
    return at


def back_cover(booklet, reading, npages, signature, long_edge, sw, sh, pages, back):
    """Errors in the booklet's end: its pages in folded order, found from their text."""
    errors = []
    if not set(back.split()) <= set(pages[npages].split()):
        errors.append("the reading PDF's last page does not show %r" % back)
    npadded = (npages + 3) // 4 * 4
    bytext = {t: p for p, t in pages.items() if t}
    seq = []
    for sheet, side, slot in folded(npadded, signature):
        if side and long_edge:
            slot = 1 - slot
        got = text(booklet, 2 * sheet + side + 1, (slot * sw / 2 + 1, 1, sw / 2 - 2, sh - 2))
        seq.append(bytext.get(got, 0 if not got else -1))
    blanks = npadded - npages
    if seq[-1] != npages:
        errors.append("the booklet's last page is page %d, not the back cover" % seq[-1])
    if blanks and seq[-1 - blanks:-1] != [0] * blanks:
        errors.append("the %d blanks are not just before the back cover: %r" %
                      (blanks, seq[-1 - blanks:]))
    if [p for p in seq if p > 0] != [p for p in range(1, npages + 1) if pages[p]]:
        errors.append("the pages are not all there in reading order")
    return errors


def main():
    booklet, reading, blank_at, signature, long_edge = sys.argv[1:6]
    back_text = sys.argv[6] if len(sys.argv) > 6 else None
    blank_at, signature, long_edge = int(blank_at), int(signature), int(long_edge)
    npages, pw, ph = info(reading)
    nsides, sw, sh = info(booklet)
    errors = []
    if nsides != 2 * ((npages + 3) // 4):
        errors.append("%d sides for %d pages" % (nsides, npages))
    if abs(sw - 2 * pw) > 0.5 or abs(sh - ph) > 0.5:
        errors.append("sheet %.1f x %.1f for pages %.1f x %.1f" % (sw, sh, pw, ph))
    pages = {p: text(reading, p) for p in range(1, npages + 1)}
    want = expected(npages, blank_at, signature)
    for side in range(nsides):
        sheet, back = divmod(side, 2)
        slots = want[sheet][back]
        if back and long_edge:
            slots = slots[::-1]
        for half in range(2):
            got = text(booklet, side + 1, (half * sw / 2 + 1, 1, sw / 2 - 2, sh - 2))
            p = slots[half]
            if got != (pages[p] if p else ""):
                errors.append("side %d %s: want page %d, got %r" %
                              (side + 1, "left" if half == 0 else "right", p, got[:60]))
    if back_text:
        errors += back_cover(booklet, reading, npages, signature, long_edge, sw, sh, pages,
                             back_text)
    for e in errors[:10]:
        print(e)
    return 1 if errors else 0


sys.exit(main())
