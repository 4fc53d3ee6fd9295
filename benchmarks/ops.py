"""thinc's BLIS kernels against NumPy's BLAS on one thread, for the pipeline's models.

Times ``tok2vec`` + ``ner`` on the seed sentences (CPU seconds, three alternating
rounds in one process, best of each), then checks that ``extract`` gives identical
output with both on the first ``--articles`` real-news dev articles of the built
corpus (when ``build/corpus`` exists).

    python benchmarks/ops.py [--articles 150]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from vn_govie import api
from vn_govie.text.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[1]


def model_seconds(nlp, docs) -> float:
    keep = [n for n in nlp.pipe_names if n not in ("tok2vec", "ner")]
    started = time.process_time()
    list(nlp.pipe([d.copy() for d in docs], batch_size=64, disable=keep))
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    args = parser.parse_args()
    blis, numpy_ = api.load(ops="blis"), api.load()  # numpy_ also pins BLAS to one thread for both
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))]
    sentences = [t[a:b] for t in texts for a, b in sentence_spans(t)]
    docs = [blis.make_doc(s) for s in sentences]
    times: dict[str, list[float]] = {"blis": [], "numpy": []}
    for _ in range(3):
        times["blis"].append(model_seconds(blis, docs))
        times["numpy"].append(model_seconds(numpy_, docs))
    best = {k: min(v) for k, v in times.items()}
    print(f"tok2vec+ner on {len(sentences)} sentences, CPU s: blis {best['blis']:.2f}, numpy {best['numpy']:.2f} "
          f"({best['blis'] / best['numpy']:.2f}x)")
    corpus = ROOT / "build" / "corpus"
    if corpus.exists():
        from vn_govie.corpus.records import read_documents

        dev = [d.text for d in read_documents(corpus) if d.split == "dev" and d.collection == "news"][: args.articles]
        a = [r.to_dict() for r in api._extract_serial(dev, 32, blis, None)]
        b = [r.to_dict() for r in api._extract_serial(dev, 32, numpy_, None)]
        print(f"{len(dev)} real-news dev articles: {sum(x != y for x, y in zip(a, b))} differ")


if __name__ == "__main__":
    main()
