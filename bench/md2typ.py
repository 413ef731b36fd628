#!/usr/bin/env python3
"""Turns a benchmark archive's Markdown articles (tests/mkbig.py's) into one Typst file set
like quire's default style: A4, margins 20/22 mm and 22/18 mm inside/outside, Noto Serif
10.5 pt on 1.38 leading, justified and hyphenated, first-line indents, headings in Noto Sans,
each article on a new page with its title, byline, date and photos.
With --html, writes the same articles as one HTML file with the same page and type in CSS,
for WeasyPrint.
usage: md2typ.py [--html] ARCHIVE OUT (photos are named by absolute paths: root /)"""
import html as H
import os
import re
import sys

SPECIAL = re.compile(r'([\\#$*_@<>\[\]`~=+/\-"])')


def esc(s):
    return SPECIAL.sub(r"\\\1", s)


def inline(s):
    """Markdown emphasis and strong emphasis, the rest escaped."""
    out, pos = [], 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*", s):
        out.append(esc(s[pos:m.start()]))
        out.append("#strong[%s]" % esc(m.group(1)) if m.group(1) else "#emph[%s]" % esc(m.group(2)))
        pos = m.end()
    out.append(esc(s[pos:]))
    return "".join(out)


def front(text):
    meta, body = {}, text
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        for line in text[4:end].splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                meta[k.strip()] = v.strip().strip('"')
        body = text[end + 5:]
    return meta, body


def article(path):
    meta, body = front(open(path, encoding="utf-8").read())
    out = ["#pagebreak(weak: true)", "#heading(level: 1)[%s]" % esc(meta.get("title", "Untitled"))]
    authors = meta.get("author", "").strip("[]")
    if authors:
        out.append("#text(font: \"Noto Sans\", size: 8.5pt)[By %s]\n" %
                   esc(" and ".join(a.strip() for a in authors.split(","))))
    if "date" in meta:
        out.append("#text(font: \"Noto Sans\", size: 8.5pt)[%s]\n" % esc(meta["date"]))
    for block in re.split(r"\n\s*\n", body.strip()):
        b = block.strip()
        m = re.match(r'!\[(.*?)\]\((\S+?)(?: "(.*?)")?\)$', b)
        if m:
            src = os.path.normpath(os.path.join(os.path.dirname(path), m.group(2)))
            out.append('#figure(image("%s", width: 100%%), caption: [%s])' %
                       (src, esc(m.group(3) or m.group(1))))
        elif b.startswith("#"):
            level = len(b) - len(b.lstrip("#"))
            out.append("#heading(level: %d)[%s]" % (min(level, 3), inline(b.lstrip("#").strip())))
        elif b.startswith("- "):
            out.append("\n".join("- " + inline(x[2:]) for x in b.splitlines() if x.startswith("- ")))
        elif b.startswith(">"):
            out.append("#quote(block: true)[%s]" %
                       inline(" ".join(x.lstrip("> ") for x in b.splitlines())))
        elif b.startswith("```"):
            out.append("#raw(block: true, \"%s\")" %
                       "\n".join(b.splitlines()[1:-1]).replace("\\", "\\\\").replace('"', '\\"'))
        else:
            out.append(inline(" ".join(b.splitlines())))
    return "\n\n".join(out)


CSS = """@page { size: A4; margin: 20mm 18mm 22mm 22mm; @bottom-center { content: counter(page); }
  font: 8.5pt "Noto Sans"; }
@page :left { margin: 20mm 22mm 22mm 18mm; }
body { font: 10.5pt/1.38 "Noto Serif"; text-align: justify; hyphens: auto; }
p { margin: 0; text-indent: 1.2em; } h1, h2, h3 { font-family: "Noto Sans"; }
h1 { font-size: 21pt; } article { break-before: page; } img { width: 100%; }
.by { font: 8.5pt "Noto Sans"; text-indent: 0; }"""


def html_article(path):
    meta, body = front(open(path, encoding="utf-8").read())
    e = H.escape
    def inl(t):
        t = e(t)
        return re.sub(r"\*(.+?)\*", r"<em>\1</em>", re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", t))
    out = ["<article lang=en><h1>%s</h1>" % e(meta.get("title", "Untitled"))]
    authors = meta.get("author", "").strip("[]")
    if authors:
        out.append("<p class=by>By %s</p>" % e(" and ".join(a.strip() for a in authors.split(","))))
    out.append("<p class=by>%s</p>" % e(meta.get("date", "")))
    for block in re.split(r"\n\s*\n", body.strip()):
        b = block.strip()
        m = re.match(r'!\[(.*?)\]\((\S+?)(?: "(.*?)")?\)$', b)
        if m:
            src = os.path.normpath(os.path.join(os.path.dirname(path), m.group(2)))
            out.append('<figure><img src="file://%s" alt="%s"><figcaption>%s</figcaption></figure>' %
                       (e(src), e(m.group(1)), e(m.group(3) or "")))
        elif b.startswith("#"):
            level = min(len(b) - len(b.lstrip("#")), 3)
            out.append("<h%d>%s</h%d>" % (level, inl(b.lstrip("#").strip()), level))
        elif b.startswith("- "):
            out.append("<ul>%s</ul>" % "".join("<li>%s</li>" % inl(x[2:]) for x in b.splitlines()
                                               if x.startswith("- ")))
        elif b.startswith(">"):
            out.append("<blockquote><p>%s</p></blockquote>" %
                       inl(" ".join(x.lstrip("> ") for x in b.splitlines())))
        elif b.startswith("```"):
            out.append("<pre>%s</pre>" % e("\n".join(b.splitlines()[1:-1])))
        else:
            out.append("<p>%s</p>" % inl(" ".join(b.splitlines())))
    out.append("</article>")
    return "\n".join(out)


def main():
    html = sys.argv[1] == "--html"
    if html:
        del sys.argv[1]
    root, dest = sys.argv[1], sys.argv[2]
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".md"))
    head = """#set page(paper: "a4", margin: (top: 20mm, bottom: 22mm, inside: 22mm, outside: 18mm),
  header: context { if calc.even(here().page()) [#text(font: "Noto Sans", size: 8.5pt)[Benchmark]] },
  numbering: "1")
#set text(font: "Noto Serif", size: 10.5pt, lang: "en", hyphenate: true)
#set par(justify: true, leading: 0.67em, first-line-indent: 1.2em)
#show heading: set text(font: "Noto Sans")
#show heading.where(level: 1): set text(size: 21pt)
"""
    if html:
        with open(dest, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Benchmark</title>"
                    "<style>%s</style></head><body>\n" % CSS)
            for p in files:
                f.write(html_article(os.path.abspath(p)) + "\n")
            f.write("</body></html>\n")
        return
    with open(dest, "w", encoding="utf-8") as f:
        f.write(head)
        for p in files:
            f.write("\n" + article(os.path.abspath(p)) + "\n")


main()
