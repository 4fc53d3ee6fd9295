"""How often the news pool states CHAIRS and DISBURSED, against how many the corpus holds.

The real-news corpus has far fewer of these two relations than of the others; this
counts, over every article of ``news/`` in the sources, the sentences whose wording
states one (``vn_govie.corpus.news.RELATION_CUES``), to tell whether more annotation of
the pool can reach a target or the pool itself is short of them.

    python benchmarks/relation_cues.py [--sources ../shared/data] [--corpus build/corpus]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from vn_govie.corpus.news import NEWS_DATASETS, RELATION_CUES, relation_cue_count
from vn_govie.corpus.sources import default_sources, iter_news


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=Path("build/corpus"))
    args = parser.parse_args()
    sources = args.sources or default_sources()
    sentences: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    total = 0
    for _dataset, _id, text in iter_news(sources, NEWS_DATASETS):
        total += 1
        for label in RELATION_CUES:
            n = relation_cue_count(text, label)
            sentences[label] += n
            articles[label] += n > 0
    gold: Counter[str] = Counter()
    news = args.corpus / "news.jsonl"
    if news.exists():
        for line in news.open(encoding="utf-8"):
            gold.update(r["label"] for r in json.loads(line)["relations"])
    print(f"{total} pool articles")
    print("| relation | pool articles with a cue | pool sentences with a cue | gold relations in the corpus |")
    print("|---|---|---|---|")
    for label in RELATION_CUES:
        print(f"| {label} | {articles[label]} | {sentences[label]} | {gold[label.replace('_ANY_HEAD', '')]} |")


if __name__ == "__main__":
    main()
