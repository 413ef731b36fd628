#!/usr/bin/python3
"""Makes the web inputs of tests/web.sh (needs /usr/bin/python3 for PIL).

  mkweb.py site DIR                 a small web site to serve and capture with wget --warc-file
  mkweb.py warc OUT [gzip|stream|plain]
                                    a WARC written here, with what wget does not make: chunked,
                                    gzip, deflate and Brotli bodies, a <base>, an HTTP charset, a
                                    redirect, a revisit, a duplicate capture, a 404, a resource
  mkweb.py wacz WARC.GZ OUT [--tampered] URL...
                                    a WACZ holding WARC.GZ and listing URL... in pages.jsonl
                                    (with --tampered, datapackage.json's digest of it is wrong)
  mkweb.py saved DIR                a SingleFile-style page (data: images) and a browser-saved
                                    page with its page_files/ folder
"""
import base64
import gzip
import hashlib
import io
import json
import subprocess
import sys
import urllib.parse
import zlib
import zipfile
from pathlib import Path

from PIL import Image

SECRET = "QuireSecretCam"   # an EXIF value that must never reach an output


def jpeg(w, h, color, exif=True):
    im = Image.new("RGB", (w, h), color)
    out = io.BytesIO()
    if exif:
        ex = Image.Exif()
        ex[0x010F] = SECRET          # Make
        ex[0x013B] = SECRET          # Artist
        im.save(out, "JPEG", quality=80, exif=ex.tobytes())
    else:
        im.save(out, "JPEG", quality=80)
    return out.getvalue()


def png(w, h, color):
    out = io.BytesIO()
    Image.new("RGB", (w, h), color).save(out, "PNG")
    return out.getvalue()


def gif(w, h, color):
    out = io.BytesIO()
    Image.new("P", (w, h), 3).save(out, "GIF")
    return out.getvalue()


PROSE = ("The tide came in slowly over the flats, filling the channels one by one, and the "
         "boats that had lain on their sides all afternoon lifted and turned to face the "
         "current. Along the quay the fishermen coiled their ropes and talked about the price "
         "of diesel and the weather for the week. ")


def page(title, body, head=""):
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>%s"
            "</head><body><header><nav><a href=\"index.html\">Home</a></nav></header><main>"
            "<article><h1>%s</h1>%s</article></main><footer>Site footer</footer></body></html>"
            % (title, head, title, body))


def site(d):
    d = Path(d)
    (d / "img").mkdir(parents=True, exist_ok=True)
    (d / "img" / "quay.jpg").write_bytes(jpeg(480, 320, (180, 60, 40)))
    (d / "img" / "gull.png").write_bytes(png(240, 240, (40, 90, 180)))
    (d / "index.html").write_text(page(
        "Harbour notes",
        "<p>%s</p><figure><img src=\"img/quay.jpg\" alt=\"The quay at low tide\"><figcaption>"
        "The quay at low tide</figcaption></figure><p>%s Read <a href=\"gulls.html\">about the "
        "gulls</a> and <a href=\"/walks/cliff.html#top\">the cliff walk</a>.</p>"
        % (PROSE, PROSE)))
    (d / "gulls.html").write_text(page(
        "The gulls of the breakwater",
        "<p>%s</p><figure><img src=\"/img/gull.png\" alt=\"A gull\"></figure><p>%s "
        "Back to the <a href=\"index.html\">harbour notes</a>.</p>" % (PROSE, PROSE),
        "<meta property=\"article:published_time\" content=\"2023-05-04T10:00:00Z\">"))
    (d / "walks").mkdir(exist_ok=True)
    (d / "walks" / "cliff.html").write_text(page(
        "The cliff walk",
        "<p>%s</p><figure><img src=\"../img/quay.jpg\" alt=\"The quay again\"></figure>"
        "<figure><img src=\"../img/lost.jpg\" alt=\"A photo the server lost\"></figure>"
        "<p>%s</p>" % (PROSE, PROSE)))


def http(status, headers, body):
    head = "HTTP/1.1 %s\r\n" % status + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    return head.encode("latin-1") + body


def record(kind, uri, date, block, content_type, extra=(), payload=None):
    """A WARC record; its WARC-Payload-Digest is the SHA-1 of payload (the HTTP body), as the
    standard says, or of the block when payload is None."""
    digest = "sha1:" + base64.b32encode(hashlib.sha1(block if payload is None else
                                                     payload).digest()).decode()
    head = ["WARC/1.1", "WARC-Type: " + kind, "WARC-Date: " + date,
            "WARC-Record-ID: <urn:uuid:%s>" % hashlib.md5((kind + (uri or "") + date).encode()).hexdigest()]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    head += list(extra)
    if kind in ("response", "resource"):
        head.append("WARC-Payload-Digest: " + digest)
    head += ["Content-Type: " + content_type, "Content-Length: %d" % len(block)]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def chunked(b, size=100):
    out = b""
    for i in range(0, len(b), size):
        out += b"%x\r\n" % len(b[i:i + size]) + b[i:i + size] + b"\r\n"
    return out + b"0\r\n\r\n"


def warc(out, mode):
    H = "application/http; msgtype=response"
    recs = [record("warcinfo", None, "2024-03-01T09:00:00Z", b"software: mkweb.py\r\n",
                   "application/warc-fields")]
    # A chunked, gzip-compressed page with an image.
    a = page("Chunked and compressed",
             "<p>%s</p><figure><img src=\"pics/tern.jpg\" alt=\"A tern\"></figure><p>%s See "
             "<a href=\"/old\">the moved page</a>.</p>" % (PROSE, PROSE)).encode()
    recs.append(record("request", "http://example.org/a.html", "2024-03-01T09:00:01Z",
                       b"GET /a.html HTTP/1.1\r\nHost: example.org\r\n\r\n",
                       "application/http; msgtype=request"))
    recs.append(record("response", "http://example.org/a.html", "2024-03-01T09:00:01Z",
                       http("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                                       ("Transfer-Encoding", "chunked")],
                            chunked(gzip.compress(a, mtime=0))), H))
    tern = jpeg(300, 200, (30, 120, 60))
    recs.append(record("response", "http://example.org/pics/tern.jpg", "2024-03-01T09:00:02Z",
                       http("200 OK", [("Content-Type", "image/jpeg")], tern), H, payload=tern))
    # The same photo again under another URL, as a revisit that names no earlier URL (WARC
    # 1.0 style): found by its payload digest.
    recs.append(record("revisit", "http://example.org/pics/tern-copy.jpg", "2024-03-01T09:00:03Z",
                       http("200 OK", [("Content-Type", "image/jpeg")], b""), H,
                       ["WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
                        "WARC-Payload-Digest: sha1:" +
                        base64.b32encode(hashlib.sha1(tern).digest()).decode()]))
    # A Brotli page whose charset only the HTTP header gives, with a <base>.
    c = page("Caf\u00e9 Brotli",
             "<p>Caf\u00e9 cr\u00e8me. %s</p><figure><img src=\"heron.png\" alt=\"A heron\">"
             "</figure><p>%s</p>" % (PROSE, PROSE),
             "<base href=\"http://example.org/media/\">").replace(
                 "<meta charset=\"utf-8\">", "").encode("windows-1252")
    br = subprocess.run(["brotli", "-c"], input=c, capture_output=True, check=True).stdout
    recs.append(record("response", "http://example.org/c.html", "2024-03-02T10:00:00Z",
                       http("200 OK", [("Content-Type", "text/html; charset=windows-1252"),
                                       ("Content-Encoding", "br")], br), H))
    # ... whose image is sent with Content-Encoding: deflate (zlib data).
    recs.append(record("response", "http://example.org/media/heron.png", "2024-03-02T10:00:01Z",
                       http("200 OK", [("Content-Type", "image/png"), ("Content-Encoding", "deflate")],
                            zlib.compress(png(160, 120, (90, 90, 200)))), H))
    # A redirect, a 404, a revisit, a duplicate capture and a resource record.
    recs.append(record("response", "http://example.org/old", "2024-03-02T10:00:02Z",
                       http("301 Moved Permanently", [("Location", "/c.html")], b""), H))
    recs.append(record("response", "http://example.org/gone.html", "2024-03-02T10:00:03Z",
                       http("404 Not Found", [("Content-Type", "text/html")],
                            b"<html><body>Not here</body></html>"), H))
    recs.append(record("revisit", "http://example.org/a.html", "2024-03-03T10:00:00Z",
                       http("200 OK", [("Content-Type", "text/html")], b""), H,
                       ["WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
                        "WARC-Refers-To-Target-URI: http://example.org/a.html",
                        "WARC-Refers-To-Date: 2024-03-01T09:00:01Z"]))
    old_c = page("Caf\u00e9 Brotli (first capture)", "<p>%s</p>" % PROSE).encode()
    recs.append(record("response", "http://example.org/c.html", "2024-03-01T08:00:00Z",
                       http("200 OK", [("Content-Type", "text/html; charset=utf-8")], old_c), H))
    recs.append(record("resource", "http://example.org/notes.html", "2024-03-04T12:00:00Z",
                       page("A resource record", "<p>%s</p><figure><img src=\"pics/tern-copy.jpg\" "
                            "alt=\"The tern again\"></figure>" % (PROSE * 2)).encode(),
                       "text/html; charset=utf-8"))
    recs.append(record("metadata", "http://example.org/a.html", "2024-03-04T12:00:00Z",
                       b"outlink: http://example.org/c.html\r\n", "application/warc-fields"))
    if mode == "stream":
        # One gzip stream: records deep inside it are read from a decompressed copy.
        recs.insert(1, record("resource", "http://example.org/big.bin", "2024-03-01T08:59:00Z",
                              bytes(range(256)) * 8192, "application/octet-stream"))
    if mode == "plain":
        data = b"".join(recs)
    elif mode == "stream":
        data = gzip.compress(b"".join(recs), mtime=0)
    else:
        data = b"".join(gzip.compress(r, mtime=0) for r in recs)
    Path(out).write_bytes(data)


def wacz(src, out, urls):
    tampered = urls[:1] == ["--tampered"]
    if tampered:
        urls = urls[1:]
    pages = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})]
    for i, u in enumerate(urls):
        pages.append(json.dumps({"id": "p%d" % i, "url": u, "ts": "2024-03-01T09:00:00Z",
                                 "title": "Listed page %d" % i}))
    data = Path(src).read_bytes()
    listed = ("\n".join(pages) + "\n").encode()
    # With --tampered, datapackage.json gives the WARC file a digest it does not have.
    pk = {"profile": "data-package", "wacz_version": "1.1.1", "resources": [
        {"name": "data.warc.gz", "path": "archive/data.warc.gz",
         "hash": "sha256:" + hashlib.sha256(data + b"x" * tampered).hexdigest(),
         "bytes": len(data)},
        {"name": "pages.jsonl", "path": "pages/pages.jsonl",
         "hash": "sha256:" + hashlib.sha256(listed).hexdigest(), "bytes": len(listed)}]}
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("archive/data.warc.gz", (2024, 3, 1, 0, 0, 0)), data,
                   compress_type=zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("pages/pages.jsonl", (2024, 3, 1, 0, 0, 0)), listed,
                   compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("datapackage.json", (2024, 3, 1, 0, 0, 0)), json.dumps(pk),
                   compress_type=zipfile.ZIP_DEFLATED)


def saved(d):
    d = Path(d)
    d.mkdir(parents=True, exist_ok=True)
    b64 = base64.b64encode(jpeg(400, 260, (200, 150, 30))).decode()
    pct = urllib.parse.quote_from_bytes(gif(64, 48, 3))
    (d / "2024-04-01-singlefile.html").write_text(page(
        "A page saved whole",
        "<p>%s</p><figure><img src=\"data:image/jpeg;base64,%s\" alt=\"Sunset\"></figure>"
        "<p>%s</p><figure><img src=\"data:image/gif,%s\" alt=\"A small map\"></figure>"
        "<p><a href=\"data:text/html,hello\">a data link</a> %s</p>"
        % (PROSE, b64, PROSE, pct, PROSE),
        "<link rel=\"icon\" href=\"data:image/png;base64,%s\"><style>body{background:"
        "url(data:image/png;base64,%s)}</style>"
        % (base64.b64encode(png(4, 4, (0, 0, 0))).decode(),
           base64.b64encode(png(4, 4, (0, 0, 0))).decode())))
    f = d / "2024-04-02-browser_files"
    f.mkdir(exist_ok=True)
    (f / "boat.jpg").write_bytes(jpeg(360, 240, (20, 100, 140)))
    (f / "ad-frame.html").write_text("<html><body><p>An advertisement frame that must not "
                                     "become an article.</p></body></html>")
    (d / "2024-04-02-browser.html").write_text(page(
        "A page a browser saved",
        "<p>%s</p><figure><img src=\"2024-04-02-browser_files/boat.jpg\" alt=\"A boat\">"
        "</figure><p>%s</p>" % (PROSE, PROSE)))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "site":
        site(sys.argv[2])
    elif cmd == "warc":
        warc(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "gzip")
    elif cmd == "wacz":
        wacz(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "saved":
        saved(sys.argv[2])
    else:
        sys.exit(__doc__)
