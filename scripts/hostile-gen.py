#!/usr/bin/env python3
"""Generates the hostile-input suite (the same inputs as Tests/BSMEngineTests/HostileInputTests.swift)
into OUTDIR, for measuring time and peak memory of `bsmlint check` on each (docs/robustness.md).
Usage: scripts/hostile-gen.py OUTDIR"""
import os, random, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rnd = random.Random(8)

def w(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

w("empty.html", b"")
w("nuls.html", b"\0" * 100_000)
w("random.html", bytes(rnd.getrandbits(8) for _ in range(100_000)))
w("png.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(rnd.getrandbits(8) for _ in range(1000)))
w("invalid-utf8.html", b"<p>" + bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x82, 0xF0, 0x28, 0x8C, 0xBC, 0xFF, 0xFE]) * 20_000 + b"</p>")
w("utf16-nobom.html", "<html><body><p>Hello, your order shipped.</p></body></html>".encode("utf-16-le") * 100)
w("nested-divs.html", "<div>" * 1_000_000 + "x" + "</div>" * 1_000_000)
w("many-attributes.html", "<p " + " ".join(f"a{i}=\"v\"" for i in range(100_000)) + ">x</p>")
w("long-line.html", "<p>" + "word " * 1_000_000 + "</p>")
with open(os.path.join(out, "sparse-50mb.html"), "wb") as f:
    f.write(b"<p>")
    f.truncate(50_000_000)
w("style-blocks.html", "<style>p{color:red}</style>" * 10_000 + "<p>x</p>")
w("long-selector.html", "<style>" + " ".join(["div.a#b[c]"] * 10_000) + "{color:red}</style><p>x</p>")
w("not-nesting.html", "<style>" + ":not(" * 10_000 + "p" + ")" * 10_000 + "{color:red}</style><p>x</p>")
w("digits.html", "<p>" + "1" * 1_000_000 + "</p>")
w("digits-dashes.html", "<p>" + "1-" * 500_000 + "</p>")
w("dots.html", "<p>" + "1." * 500_000 + "</p>")
w("order-ids.html", "<p>" + "123-1234567-" * 100_000 + "</p>")
w("phone.html", "<p>" + "+1 (555) " * 100_000 + "</p>")
w("http-repeated.html", "<p>" + "http://" * 200_000 + "</p>")
w("urls-in-href.html", "<a href=\"" + "http://" * 100_000 + "\">x</a>")
w("braces.html", "<p>" + "{" * 1_000_000 + "</p>")
w("braces-open-close.html", "<p>" + "{{" * 300_000 + "}}" * 300_000 + "</p>")
w("percents.html", "<p>" + "%" * 1_000_000 + "</p>")
w("brackets.html", "<p>" + "[" * 1_000_000 + "</p>")
w("dollar-braces.html", "<p>" + "${" * 500_000 + "</p>")
w("entities.html", "<p>" + "&#" * 100_000 + "</p>")
w("entities-numeric.html", "<p>" + "&#128512;" * 100_000 + "</p>")
w("emoji-zwj.html", "<p>" + "\U0001F468\u200D" * 200_000 + "\U0001F466</p>")
w("css-url-unterminated.html", "<style>p{background:url(" + "a" * 1_000_000 + "</style><p style=\"background:url(x\">x</p>")
w("inline-styles.html", "".join(f"<p style=\"color:red;margin:{i}px\">x</p>" for i in range(100_000)))
w("plain.txt", "1-" * 500_000 + "{{" * 200_000 + "http://" * 100_000)
w("comments.html", "<!--" * 200_000)
w("unclosed-tags.html", "<p" * 500_000)
w("script-like.html", "<script>" + "<!--<script>" * 100_000)
parts = "".join(f"--b\r\nContent-Type: text/html\r\n\r\n<p>part {i}</p>\r\n" for i in range(1000))
w("mime-1000.eml", "From: a@b.c\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" + parts)
nested = "".join(f"--b{i}\r\nContent-Type: multipart/mixed; boundary=b{i+1}\r\n\r\n" for i in range(1000))
w("mime-nested.eml", "From: a@b.c\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n" + nested)
w("eml-long-header.eml", "From: a@b.c\r\nSubject: " + "=?utf-8?q?a?= " * 200_000 + "\r\n\r\nbody\r\n")
