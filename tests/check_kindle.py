#!/usr/bin/env python3
"""Checks an EPUB for what Send-to-Kindle is known to reject (error E999): an XHTML page without
a UTF-8 XML declaration, no dc:language, a link to a body's id, a link to a fragment that does
not exist, an img without src (or with one that is not in the book), `--` inside an XML
comment, CSS custom properties. usage: check_kindle.py EPUB"""
import posixpath
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

XHTML = "{http://www.w3.org/1999/xhtml}"
DECL = '<?xml version="1.0" encoding="UTF-8"?>'


def main():
    z = zipfile.ZipFile(sys.argv[1])
    names = set(z.namelist())
    problems = []
    pages = {}      # name -> (ids, body ids, tree)
    for name in sorted(names):
        if not name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            continue
        text = z.read(name).decode("utf-8")
        if name.endswith(".xhtml") and not text.startswith(DECL):
            problems.append("%s: does not start with %s" % (name, DECL))
        for c in re.findall(r"<!--(.*?)-->", text, re.S):
            if "--" in c:
                problems.append("%s: '--' inside a comment" % name)
        if not name.endswith(".xhtml"):
            continue
        try:
            tree = ET.fromstring(text)
        except ET.ParseError as err:
            problems.append("%s: not well-formed: %s" % (name, err))
            continue
        ids = {e.get("id") for e in tree.iter() if e.get("id")}
        body = {e.get("id") for e in tree.iter(XHTML + "body") if e.get("id")}
        pages[name] = (ids, body, tree)
    for name, (ids, body, tree) in sorted(pages.items()):
        base = posixpath.dirname(name)
        for e in tree.iter(XHTML + "img"):
            src = e.get("src")
            if not src:
                problems.append("%s: img without src" % name)
            elif posixpath.normpath(posixpath.join(base, urllib.parse.unquote(src))) not in names:
                problems.append("%s: img src not in the book: %s" % (name, src))
        for e in tree.iter(XHTML + "a"):
            href = e.get("href")
            if href is None or re.match(r"[a-z][a-z0-9+.-]*:", href):
                continue
            path, _, frag = href.partition("#")
            target = posixpath.normpath(posixpath.join(base, urllib.parse.unquote(path))) \
                if path else name
            if target not in names:
                problems.append("%s: link to a file not in the book: %s" % (name, href))
            elif frag and target in pages:
                if frag in pages[target][1]:
                    problems.append("%s: link to a body's id: %s" % (name, href))
                elif frag not in pages[target][0]:
                    problems.append("%s: link to a fragment that does not exist: %s"
                                    % (name, href))
    opf = [n for n in names if n.endswith(".opf")]
    if not opf or "<dc:language>" not in z.read(opf[0]).decode():
        problems.append("no dc:language")
    for name in sorted(n for n in names if n.endswith(".css")):
        css = re.sub(r"/\*.*?\*/", "", z.read(name).decode("utf-8"), flags=re.S)
        if re.search(r"(^|[;{\s])--[A-Za-z0-9_-]+\s*:", css) or "var(" in css:
            problems.append("%s: CSS custom properties" % name)
    for p in problems:
        print(p)
    print("%d pages checked, %d problems" % (len(pages), len(problems)))
    sys.exit(1 if problems else 0)


main()
