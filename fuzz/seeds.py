"""Seed inputs for the fuzz targets, from the test fixtures (scripts/fuzz.sh seeds DIR).

Each input is what the target's harness reads (fuzz/src/lib.rs): for text, records, feed and
site, a first byte that chooses the context (content type, base URL, page path...) and then a
fixture's bytes; for rank, a line of options, a line of index options, then JSON Lines.
The committed corpus (fuzz/corpus/) is these after a run and `cargo fuzz cmin`.
"""

import glob
import hashlib
import os
import sys

out = sys.argv[1]


def put(target, data):
    os.makedirs(f"{out}/{target}", exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(f"{out}/{target}/{name}", "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# Feeds: the vendored feedparser suite (every format, encodings, entities, malformed XML), our
# fixtures and a WordPress export. Over 64 KiB only slows the fuzzer down.
feeds = sorted(
    glob.glob("tests/feedparser/**/*.xml", recursive=True)
    + glob.glob("tests/fixtures/feeds/*")
    + glob.glob("tests/fixtures/wxr/*")
)
for i, path in enumerate(feeds):
    data = read(path)
    if len(data) <= 64 * 1024:
        put("feed", bytes([i % 192]) + data)

# Built pages: the reader's fixtures and a built Hugo site. Text: pages, feeds and records.
pages = sorted(
    glob.glob("tests/fixtures/pages/*.html")
    + glob.glob("tests/fixtures/sites/**/*.html", recursive=True)
)
for i, path in enumerate(pages):
    data = read(path)
    put("site", bytes([i % 4]) + data)
    put("text", bytes([i % 4]) + data[:8192])
for i, path in enumerate(sorted(glob.glob("tests/fixtures/feeds/*"))):
    put("text", bytes([i % 4]) + read(path)[:8192])

# Records: our corpora and slices of the HuffPost records.
corpora = sorted(glob.glob("tests/fixtures/corpora/*.jsonl"))
for i, path in enumerate(corpora):
    put("records", bytes([i * 37 % 256]) + read(path))
huffpost = read("tests/fixtures/huffpost/articles-1000.jsonl").splitlines(True)
for k in range(0, 200, 20):
    put("records", bytes([k % 256]) + b"".join(huffpost[k : k + 20]))
    put("text", bytes([k % 4]) + b"".join(huffpost[k : k + 5]))

# Ranking: options (valid JSON, out-of-range JSON, and bytes that choose them), index options,
# records.
options = [
    b"{}",
    b'{"limit": 3, "minScore": 0.1, "diversify": false, "exclude": ["a"]}',
    b"\x07",
    b'{"limit": 100}',
    b"\xff",
]
index_options = [b"{}", b'{"html": false, "titleWeight": 0}', b'{"titleWeight": 10}']
for i, path in enumerate(corpora):
    records = b"".join(read(path).splitlines(True)[:30])
    put("rank", options[i % 5] + b"\n" + index_options[i % 3] + b"\n" + records)
for k in range(0, 120, 12):
    records = b"".join(huffpost[k : k + 12])
    put("rank", options[k % 5] + b"\n" + index_options[k % 3] + b"\n" + records)
