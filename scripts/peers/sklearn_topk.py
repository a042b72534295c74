"""The all-pairs peer: every article's top k by the script a data engineer would write.

    python scripts/peers/sklearn_topk.py CORPUS.jsonl [--limit 5] > lists.jsonl

scikit-learn's TfidfVectorizer (sublinear TF, English stop words, L2-normalised rows) over
title + summary, then the cosine matrix in chunks of rows (scipy's sparse product X[rows] @ X.T),
each row's top k by argpartition over that row's nonzero scores only (argpartition over a dense
row of mostly zeros is far slower: 30 ms a row at 100,000 articles, measured), the article itself
left out. Writes JSON Lines {"id": ..., "related": [{"id": ..., "score": ...}]}, best first,
like `related-articles related --all --json`. Run by scripts/bench-all.mjs in a venv it creates
(target/bench-peers/sklearn).
"""

import argparse
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

# Rows per chunk: CHUNK_CELLS / N, so that a chunk's sparse product (about a fifth of its
# cells are nonzero on news text) stays within a few hundred MB.
CHUNK_CELLS = 200_000_000


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
    xt = x.T
    n = x.shape[0]
    k = max(0, args.limit)
    rows = max(1, CHUNK_CELLS // n)
    out = sys.stdout
    for start in range(0, n, rows):
        end = min(n, start + rows)
        scores = (x[start:end] @ xt).tocsr()
        indptr, indices, data = scores.indptr, scores.indices, scores.data
        for r in range(end - start):
            cols = indices[indptr[r] : indptr[r + 1]]
            vals = np.where(cols == start + r, -1.0, data[indptr[r] : indptr[r + 1]])  # never itself
            if len(vals) > k:
                top = np.argpartition(vals, len(vals) - k)[len(vals) - k :] if k else vals[:0].astype(int)
            else:
                top = np.arange(len(vals))
            top = top[np.argsort(-vals[top], kind="stable")]
            related = [{"id": ids[cols[c]], "score": round(float(vals[c]), 4)} for c in top if vals[c] > 0]
            out.write(json.dumps({"id": ids[start + r], "related": related}) + "\n")


if __name__ == "__main__":
    main()
