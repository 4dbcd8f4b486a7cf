#!/usr/bin/env python3
"""Lays out build/web from the linked apps and the static assets (run by CMake, web_assets).

Every file but the HTML shells and invoice.css (named by URL in the server's invoice pages) gets
a content hash in its name, portal.js -> portal.3f2a9c1e.js, so the server can let browsers keep
it for a year; references in the other files are rewritten to the new names, in dependency order
(a .wasm before the .js that loads it, everything before the HTML that names it). Then each file
gets pre-compressed .br and .gz neighbours, which the server picks by Accept-Encoding.

usage: package_web.py OUT_DIR INPUT_FILE...
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys

# Served under their own names (never cached without revalidation).
FIXED_NAMES = {"index.html", "customer.html", "invoice.css"}
TEXT_EXTENSIONS = {".html", ".js", ".css", ".svg"}
# Already-compressed formats gain nothing from another pass.
COMPRESSIBLE = TEXT_EXTENSIONS | {".wasm", ".ttf", ".json", ".txt"}


def rank(name):
    """Files are processed so that whatever a file names is already renamed."""
    ext = os.path.splitext(name)[1]
    if ext == ".html":
        return 3
    if ext == ".js":
        return 2  # portal.js names portal.wasm
    if ext == ".css":
        return 1  # a stylesheet could name a font or an image
    return 0


def rewrite_references(text, renamed):
    # A name counts as a reference when a quote or '/' precedes it and a quote follows:
    # "/signet.css", src="/portal.js", and emscripten's wasmBinaryFile = "portal.wasm".
    for old, new in renamed.items():
        text = re.sub(r'(?<=["\'/])' + re.escape(old) + r'(?=["\'])', new, text)
    return text


def compress(path):
    # gzip -9 -n (no name or time stamp: same input, same bytes, same ETag) for clients without
    # brotli; brotli at its best quality for the rest. (zopfli would save a few percent of the
    # gzip variant only, which modern browsers never fetch, at ~100x the build time.)
    with open(path + ".gz", "wb") as out:
        subprocess.run(["gzip", "-9", "-n", "-c", path], stdout=out, check=True)
    subprocess.run(["brotli", "-q", "11", "-f", "-o", path + ".br", path], check=True)


def main():
    out_dir, inputs = sys.argv[1], sys.argv[2:]
    shutil.rmtree(out_dir, ignore_errors=True)  # no stale hashed files from earlier builds
    os.makedirs(out_dir)
    renamed = {}
    for src in sorted(inputs, key=lambda p: (rank(os.path.basename(p)), os.path.basename(p))):
        name = os.path.basename(src)
        base, ext = os.path.splitext(name)
        with open(src, "rb") as f:
            data = f.read()
        if ext in TEXT_EXTENSIONS:
            data = rewrite_references(data.decode("utf-8"), renamed).encode("utf-8")
        if name not in FIXED_NAMES:
            new_name = "%s.%s%s" % (base, hashlib.sha256(data).hexdigest()[:10], ext)
            renamed[name] = new_name
            name = new_name
        dest = os.path.join(out_dir, name)
        with open(dest, "wb") as f:
            f.write(data)
        if ext in COMPRESSIBLE:
            compress(dest)
    for old, new in sorted(renamed.items()):
        print("  %-22s -> %s" % (old, new))


if __name__ == "__main__":
    main()
