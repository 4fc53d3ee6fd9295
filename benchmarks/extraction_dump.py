"""Write ``extract`` output of corpus texts as JSON Lines, to compare two versions of the library byte for byte.

A change that must keep behaviour (a refactor, a new tokenizer version) is checked by
dumping with both versions and comparing the files:

    vn-govie corpus build                              # build/corpus/*.jsonl
    git worktree add /tmp/before HEAD~1
    PYTHONPATH=/tmp/before python benchmarks/extraction_dump.py /tmp/before.jsonl
    python benchmarks/extraction_dump.py /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl && echo identical

It also prints how many of the texts the normaliser changes (those take the tokenizer's
clean-map path). The input text is left out of each line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import vn_govie
from vn_govie.text.normalize import normalize


def corpus_texts(corpus: Path, collections: list[str], news: int | None) -> list[str]:
    """The texts of the built corpus's collections; only the first ``news`` real-news articles when given."""
    texts = []
    for name in collections:
        with open(corpus / f"{name}.jsonl", encoding="utf-8") as f:
            for k, line in enumerate(f):
                if name == "news" and news is not None and k >= news:
                    break
                texts.append(json.loads(line)["text"])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the JSON Lines file to write")
    parser.add_argument("--corpus", type=Path, default=Path("build/corpus"), help="the built corpus folder")
    parser.add_argument("--collections", nargs="+", default=["seeds", "synthetic", "news"],
                        help="collections of the corpus to read")
    parser.add_argument("--news", type=int, default=300, help="real-news articles to read (the first N)")
    args = parser.parse_args()
    texts = corpus_texts(args.corpus, args.collections, args.news)
    with open(args.output, "w", encoding="utf-8") as f:
        for result in vn_govie.extract_many(texts):
            row = result.to_dict()
            row.pop("text")
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    changed = sum(normalize(t).changed for t in texts)
    print(f"{len(texts)} texts written to {args.output}; the normaliser changes {changed} of them")


if __name__ == "__main__":
    main()
