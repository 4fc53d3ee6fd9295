"""Where the time of ``extract_many`` goes: wall time of each pipeline stage on the seed sentences.

Run: python benchmarks/stages.py [--rounds 3]
The 180 seed sentences (as ``benchmarks/speed.py`` cuts them) are normalised, then
the tokenizer and each pipeline component run one after another over all of them,
each stage timed on its own (batch of 64, as the pipeline's ``batch_size``); the
mean of ``--rounds`` rounds is printed, with ``extract_many`` as a whole beside it.
"""

from __future__ import annotations

import argparse
import statistics
import time

from speed import seed_sentences  # benchmarks/speed.py, beside this script

import vn_govie
from vn_govie.text.normalize import normalize


def stage_times(sentences: list[str]) -> dict[str, float]:
    """Seconds per stage for one pass over ``sentences``."""
    nlp = vn_govie.load()
    times: dict[str, float] = {}
    start = time.perf_counter()
    texts = [normalize(s).text for s in sentences]
    times["normalisation"] = time.perf_counter() - start
    start = time.perf_counter()
    docs = [nlp.tokenizer(t) for t in texts]
    times["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=64)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        times[name] = time.perf_counter() - start
    start = time.perf_counter()
    list(vn_govie.extract_many(sentences))
    times["extract_many, as a whole"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sentences = seed_sentences()
    list(vn_govie.extract_many(sentences[:20]))  # load once, warm up
    rounds = [stage_times(sentences) for _ in range(args.rounds)]
    print(f"{len(sentences)} seed sentences, mean of {args.rounds} round(s)\n")
    print("| stage | ms |\n|---|---:|")
    for name in rounds[0]:
        print(f"| {name} | {1000 * statistics.mean(r[name] for r in rounds):.0f} |")


if __name__ == "__main__":
    main()
