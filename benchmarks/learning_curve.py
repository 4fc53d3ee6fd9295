"""How entity F1 on real dev text grows with the real text the model is trained on.

Run: python benchmarks/learning_curve.py [--fractions 0.25 0.5 0.75] [--seed 0] [--output DIR]

For each fraction, a subset of the real documents of the train split is kept (a
document is kept when the MD5 of its id, read as a number in [0, 1], is below the
fraction, so every run and every machine keeps the same documents, and a larger
fraction keeps a superset), all synthetic train documents stay, and the whole
pipeline is trained as ``vn-govie train`` trains it (same config, same seed). The
result is scored on the real documents of dev: entities, relations with gold
entities and end to end. Test is never read. One training takes about 7 minutes on
two cores; the full corpus (fraction 1) is the shipped model's own run, so it is
left out by default (add ``1`` to retrain it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from vn_govie.corpus.records import Document
from vn_govie.evaluation.evaluate import evaluate
from vn_govie.training.train import read_annotations, train


def kept(document: Document, fraction: float) -> bool:
    """Whether a real train document is in the subset of ``fraction``: stable across runs and machines."""
    digest = int(hashlib.md5(document.id.encode("utf-8")).hexdigest()[:8], 16)
    return digest / 0xFFFFFFFF < fraction


def subset(documents: list[Document], fraction: float) -> list[Document]:
    """Dev, synthetic train documents, and the real train documents ``kept`` at ``fraction`` (test dropped)."""
    return [
        d for d in documents
        if d.split == "dev" or (d.split == "train" and (d.meta.get("synthetic") or kept(d, fraction)))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", default="build/corpus", help="the built corpus (vn-govie corpus build)")
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 0.75])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=Path("training/learning_curve"))
    args = parser.parse_args()

    documents = read_annotations([args.annotations])
    dev_real = [d for d in documents if d.split == "dev" and not d.meta.get("synthetic")]
    rows = []
    for fraction in args.fractions:
        docs = subset(documents, fraction)
        real = [d for d in docs if d.split == "train" and not d.meta.get("synthetic")]
        out = args.output / f"fraction-{fraction:g}"
        train(docs, out, seed=args.seed)
        result = evaluate(dev_real, split="dev", model=out / "model", baseline=False)
        rows.append({
            "fraction": fraction,
            "real_documents": len(real),
            "real_characters": sum(len(d.text) for d in real),
            "entities": result.entities.micro.f1,
            "relations_gold_entities": result.relations_gold_entities.micro.f1,
            "relations_end_to_end": result.relations.micro.f1,
        })
        (args.output / "learning_curve.json").write_text(json.dumps(rows, indent=1))
    print("| fraction | real train documents | real characters | entities | relations, gold entities | relations, end to end |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['fraction']:g} | {r['real_documents']} | {r['real_characters']:,} | {r['entities']:.3f} "
              f"| {r['relations_gold_entities']:.3f} | {r['relations_end_to_end']:.3f} |")


if __name__ == "__main__":
    main()
