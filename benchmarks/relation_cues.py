"""How often the news pool states CHAIRS and DISBURSED, against how many the corpus holds.

The real-news corpus has far fewer of these two relations than of the others; this
counts, over every article of ``news/`` in the sources, the sentences whose wording
states one (``vn_govie.corpus.news.RELATION_CUES``), to tell whether more annotation of
the pool can reach a target or the pool itself is short of them.

With ``--predict LABEL`` the shipped pipeline also reads every cue sentence of the
articles outside the corpus and counts the LABEL relations it finds there: an
estimate of what annotating the rest of the pool would add (a cue sentence often
has no entity to head the relation: ``giải ngân vốn đầu tư công đạt 80%``).

    python benchmarks/relation_cues.py [--sources ../shared/data] [--corpus build/corpus] [--predict DISBURSED]
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from vn_govie.corpus.news import NEWS_DATASETS, RELATION_CUES, relation_cue_count
from vn_govie.corpus.sources import default_sources, iter_news


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=Path("build/corpus"))
    parser.add_argument("--predict", default=None, choices=("CHAIRS", "DISBURSED"),
                        help="count the pipeline's relations of this label in the cue sentences outside the corpus")
    args = parser.parse_args()
    in_corpus: set[str] = set()
    if (args.corpus / "news.jsonl").exists():
        in_corpus = {json.loads(line)["id"] for line in (args.corpus / "news.jsonl").open(encoding="utf-8")}
    outside: list[str] = []
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
        if args.predict and _id not in in_corpus:
            cues = RELATION_CUES["DISBURSED_ANY_HEAD" if args.predict == "DISBURSED" else args.predict]
            outside += [s for s in re.split(r"(?<=[.!?])\s+|\n", unicodedata.normalize("NFC", text))
                        if all(c.search(s) for c in cues)]
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
    if args.predict:
        import vn_govie

        found = sum(sum(r.label == args.predict for r in result.relations) for result in vn_govie.extract_many(outside))
        print(f"\n{len(outside)} cue sentences outside the corpus; the pipeline finds {found} {args.predict} relations "
              f"in them (the corpus holds {gold[args.predict]})")


if __name__ == "__main__":
    main()
