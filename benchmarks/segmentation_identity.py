"""Identity check: ``vn_govie.segmentation.word_tokenize`` against ``underthesea.word_tokenize`` on real news.

Sentences: the outside news files (``news/*.jsonl.xz`` of ``../shared/data`` or
``$VN_GOVIE_SOURCES``; read only, never copied), each article cut with
``vn_govie.text.sentences.sentence_spans``; the first ``--n`` sentences taken in
turn from each dataset (an equal share each, articles in file order, one article
in ``--every``).

For each sentence both functions run in this process; the report counts the
sentences whose word lists are identical and different (an exception counts as
identical when both raise the same type), and, with ``--features``, the syllable
contexts whose Python feature strings differ from underthesea_core's featurizer.
No sentence text is written anywhere: a difference is shown by dataset, article
id and offsets only.

Usage::

    python benchmarks/segmentation_identity.py [--n 20000] [--every 1] [--features] [--sources DIR]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from itertools import islice
from typing import Iterator

from machine import emit, package_version  # benchmarks/machine.py, beside this script


def dataset_sentences(sources, dataset: str, every: int) -> Iterator[tuple[str, int, str]]:
    from vn_govie.corpus.sources import iter_news
    from vn_govie.text.sentences import sentence_spans

    for _name, doc_id, text in islice(iter_news(sources, [dataset]), 0, None, every):
        for start, end in sentence_spans(text):
            yield doc_id, start, text[start:end]


def sample(sources, datasets: list[str], n: int, every: int) -> list[tuple[str, str, int, str]]:
    share, extra = divmod(n, len(datasets))
    out = []
    for k, dataset in enumerate(datasets):
        want = share + (1 if k < extra else 0)
        found = islice(dataset_sentences(sources, dataset, every), want)
        out += [(dataset, doc_id, start, s) for doc_id, start, s in found]
    return out


def outcome(fn, text: str) -> object:
    try:
        return fn(text)
    except Exception as err:  # compared by type: both must fail alike
        return ("raised", type(err).__name__)


def main(argv: list[str] | None = None) -> int:
    from vn_govie import segmentation
    from vn_govie.corpus.sources import NEWS_DATASETS, require_sources

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="sentences to compare (default 20000)")
    parser.add_argument("--datasets", nargs="+", default=list(NEWS_DATASETS), help="news datasets to draw from")
    parser.add_argument("--every", type=int, default=1, help="take one article in EVERY (default 1: all)")
    parser.add_argument("--sources", default=None, help="outside sources folder (default ../shared/data)")
    parser.add_argument("--features", action="store_true", help="also compare each context's feature strings")
    parser.add_argument("--output", default=None, help="also write the report to this file")
    args = parser.parse_args(argv)

    fast = segmentation.segmenter()
    if fast is None:
        print("the fast path is off (see the warning above): nothing to compare", file=sys.stderr)
        return 2
    module = importlib.import_module("underthesea.pipeline.word_tokenize")
    started = time.perf_counter()
    rows = sample(require_sources(args.sources), args.datasets, args.n, args.every)
    read_s = time.perf_counter() - started
    same = different = words = syllables = 0
    feature_contexts = feature_diffs = reference_contexts = 0
    per_dataset: dict[str, list[int]] = {}
    shown = 0
    for dataset, doc_id, start, sentence in rows:
        theirs = outcome(module.word_tokenize, sentence)
        ours = outcome(segmentation.word_tokenize, sentence)
        counts = per_dataset.setdefault(dataset, [0, 0])
        if ours == theirs:
            same += 1
            counts[0] += 1
        else:
            different += 1
            counts[1] += 1
            if shown < 20:
                print(f"DIFFERENT: {dataset} {doc_id} at {start} ({len(sentence)} characters)", file=sys.stderr)
                shown += 1
        if isinstance(theirs, list):
            words += len(theirs)
        if args.features:
            found = module.tokenize(sentence, use_token_normalize=True, fixed_words=[])
            syllables += len(found)
            reference = fast.featurizer.process([[[s] for s in found]])[0]
            padded = [None, None, *found, None, None]
            for i, expected in enumerate(reference):
                context = padded[i:i + 5]
                if all(x is None or segmentation._SAFE.fullmatch(x) for x in context):
                    feature_contexts += 1
                    feature_diffs += fast.features(*context) != expected
                else:
                    reference_contexts += 1
    lines = [
        "## Fast word segmentation: identity with underthesea.word_tokenize",
        "",
        f"{len(rows)} sentences of real news ({', '.join(args.datasets)}; read in {read_s:.1f} s), "
        f"{words} words; underthesea {package_version('underthesea')}, "
        f"underthesea_core {package_version('underthesea_core')}.",
        "",
        "| dataset | sentences | identical | different |",
        "|---|---:|---:|---:|",
        *(f"| {d} | {a + b} | {a} | {b} |" for d, (a, b) in per_dataset.items()),
        f"| all | {len(rows)} | {same} | {different} |",
    ]
    if args.features:
        lines += [
            "",
            f"Feature strings: {syllables} syllable contexts, {feature_contexts} built in Python "
            f"({feature_diffs} different from underthesea_core's featurizer), {reference_contexts} "
            "with characters outside the safe set (built by underthesea_core's featurizer itself).",
        ]
    emit("\n".join(lines) + "\n", args.output)
    return 0 if different == 0 and feature_diffs == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
