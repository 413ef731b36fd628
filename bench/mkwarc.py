#!/usr/bin/python3
"""Writes a .warc.gz of N HTML pages (eight paragraphs and a figure each) and N/10 JPEG photos,
one gzip member a record, for `make bench`: mkwarc.py OUT.warc.gz N (needs /usr/bin/python3)."""
import gzip
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import mkweb  # noqa: E402

n = int(sys.argv[2])
H = "application/http; msgtype=response"
with open(sys.argv[1], "wb") as out:
    for i in range(n // 10):
        img = mkweb.jpeg(640, 400, (i % 255, 80, 120), exif=False)
        out.write(gzip.compress(mkweb.record(
            "response", "http://example.org/img/%d.jpg" % i, "2024-01-01T00:00:00Z",
            mkweb.http("200 OK", [("Content-Type", "image/jpeg")], img), H), mtime=0))
    for i in range(n):
        body = "".join("<p>%s Page %d, paragraph %d.</p>" % (mkweb.PROSE, i, k) for k in range(8))
        body += '<figure><img src="/img/%d.jpg" alt="photo %d"></figure>' % (i % (n // 10), i)
        html = mkweb.page("Page number %d" % i, body).encode()
        out.write(gzip.compress(mkweb.record(
            "response", "http://example.org/p/%d.html" % i,
            "2024-%02d-%02dT10:00:00Z" % (1 + i % 12, 1 + i % 28),
            mkweb.http("200 OK", [("Content-Type", "text/html; charset=utf-8")], html), H),
            mtime=0))
