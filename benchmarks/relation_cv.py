"""How the relation model and its rules do on real text they were not fitted to: cross-validation on train.

Run: python benchmarks/relation_cv.py [--folds 5] [--C 10] [--no-rules] [--annotations build/corpus]

The real documents of the train split are cut into folds; for each fold a relation
model is fitted on the synthetic train documents and the other folds (gold entities,
as ``vn-govie train`` fits it) and scored on the fold's sentences, with the relation
rules as the shipped pipeline runs them (``--no-rules``: the model alone). Dev holds
one real article and a few treebank documents, too few relations to tell rules apart;
this reads the ~100 relations of real train text without touching dev or test.
"""

from __future__ import annotations

import argparse
import random

from vn_govie import api
from vn_govie.corpus.records import read_documents
from vn_govie.evaluation.metrics import LabelScores
from vn_govie.relations.model import RelationModel
from vn_govie.training.relations import examples, score
from vn_govie.training.data import sentence_docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", default="build/corpus", help="the built corpus (vn-govie corpus build)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--C", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-rules", action="store_true")
    args = parser.parse_args()

    nlp = api.load()
    train = [d for d in read_documents(args.annotations) if d.split == "train"]
    real = [d for d in train if not d.meta.get("synthetic")]
    synthetic = [doc for d in train if d.meta.get("synthetic") for doc, _ in sentence_docs(nlp, d)]
    sentences = {d.id: [doc for doc, _ in sentence_docs(nlp, d)] for d in real}
    random.Random(args.seed).shuffle(real)
    folds = [real[k::args.folds] for k in range(args.folds)]

    total = LabelScores()
    for k, held_out in enumerate(folds):
        fitted_on = synthetic + [doc for j, fold in enumerate(folds) if j != k for d in fold for doc in sentences[d.id]]
        X, y = zip(*examples(fitted_on))
        model = RelationModel().fit(X, y, C=args.C, seed=args.seed)
        total.merge(score(model, [doc for d in held_out for doc in sentences[d.id]], rules=not args.no_rules))
    title = f"relations on real train text, {args.folds}-fold CV, gold entities, C={args.C}, rules {'off' if args.no_rules else 'on'}"
    print(total.format(title))


if __name__ == "__main__":
    main()
