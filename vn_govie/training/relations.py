"""Training the relation model on gold entities, and choosing its regularisation on dev."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..evaluation.metrics import LabelScores
from ..relations.candidates import candidate_pairs
from ..relations.features import PairContext, pair_features
from ..relations.model import NONE, RelationModel
from ..relations.predict import doc_relations
from .data import GOLD_RELATIONS

C_GRID = (0.3, 1.0, 3.0, 10.0)


def gold_docs(path: str | Path, nlp: Language) -> list[Doc]:
    """Sentence docs with gold entities and ``user_data["gold_relations"]`` (written by ``write_training_data``)."""
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def examples(docs: Iterable[Doc]) -> Iterator[tuple[dict[str, float], str]]:
    """``(features, label)`` for every candidate pair; ``NONE`` when gold has no relation."""
    for doc in docs:
        gold = {(h, t): label for h, _he, t, _te, label in doc.user_data.get(GOLD_RELATIONS, [])}
        context = PairContext(doc)
        for head, tail, _allowed in candidate_pairs(context):
            yield pair_features(head, tail, context), gold.get((head.start, tail.start), NONE)


def score(model: RelationModel, docs: Iterable[Doc], rules: bool = True) -> LabelScores:
    """Relation P/R/F1 of ``model`` (with the relation rules unless ``rules`` is false) on docs with gold entities."""
    scores = LabelScores()
    for doc in docs:
        gold = [((h, t), label) for h, _he, t, _te, label in doc.user_data.get(GOLD_RELATIONS, [])]
        pred = [((head.start, tail.start), label) for head, tail, label in doc_relations(model, doc, rules)]
        scores.add(gold, pred)
    return scores


def train_relation_model(
    train_docs: list[Doc], dev_docs: list[Doc], seed: int = 0, grid: Iterable[float] = C_GRID
) -> tuple[RelationModel, dict[str, float]]:
    """Fit one model per C, keep the best by dev micro-F1, and refit nothing else."""
    pairs = list(examples(train_docs))
    if not pairs:
        raise ValueError("no candidate pair in the training docs")
    X, y = zip(*pairs)
    results: dict[str, float] = {}
    best: tuple[float, RelationModel] | None = None
    for C in grid:
        model = RelationModel().fit(X, y, C=C, seed=seed)
        f1 = score(model, dev_docs).micro.f1 if dev_docs else 0.0
        results[str(C)] = round(f1, 4)
        print(f"relations: C={C} dev F1 {f1:.3f}", flush=True)
        if best is None or f1 > best[0]:
            best = (f1, model)
    assert best is not None
    return best[1], results
