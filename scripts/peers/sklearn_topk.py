"""The all-pairs peer: every article's top k by the script a data engineer would write.

    python scripts/peers/sklearn_topk.py CORPUS.jsonl [--limit 5] > lists.jsonl

scikit-learn's TfidfVectorizer (sublinear TF, English stop words, L2-normalised rows) over
title + summary, then the cosine matrix in chunks of rows (a sparse product, made dense one
chunk at a time so that memory stays bounded), each row's top k by argpartition, the article
itself left out. Writes JSON Lines {"id": ..., "related": [{"id": ..., "score": ...}]}, best
first, like `related-articles related --all --json`. Run by scripts/bench-all.mjs in a venv it
creates (target/bench-peers/sklearn).
"""

import argparse
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

# Cells of the dense score chunk: 2.5e8 float32 cells is 1 GB.
CHUNK_CELLS = 250_000_000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--limit", type=int, default=5)
    args = parser.parse_args()

    ids, texts = [], []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                ids.append(r["id"])
                texts.append((r.get("title") or "") + " " + (r.get("summary") or ""))

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32).fit_transform(texts)
    xt = x.T.tocsr()
    n = x.shape[0]
    k = min(args.limit, n - 1)
    rows = max(1, CHUNK_CELLS // n)
    out = sys.stdout
    for start in range(0, n, rows):
        end = min(n, start + rows)
        scores = (x[start:end] @ xt).toarray()
        scores[np.arange(end - start), np.arange(start, end)] = -1.0  # never itself
        if k <= 0:
            top = np.empty((end - start, 0), dtype=np.int64)
        else:
            top = np.argpartition(scores, -k, axis=1)[:, -k:]
        for r in range(end - start):
            cols = top[r][np.argsort(-scores[r, top[r]], kind="stable")]
            related = [
                {"id": ids[c], "score": round(float(scores[r, c]), 4)}
                for c in cols
                if scores[r, c] > 0
            ]
            out.write(json.dumps({"id": ids[start + r], "related": related}) + "\n")


if __name__ == "__main__":
    main()
