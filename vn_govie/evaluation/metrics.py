"""Precision, recall and F1 over exact-match items, micro and per label."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Hashable, Iterable

from ..corpus.records import Document


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class LabelScores:
    """Micro score and one score per label."""

    micro: Score = field(default_factory=Score)
    per_label: dict[str, Score] = field(default_factory=dict)

    def add(self, gold: Iterable[tuple[Hashable, str]], pred: Iterable[tuple[Hashable, str]]) -> None:
        """Add one document's items, each ``(key, label)``; a match needs both equal."""
        g, p = Counter(gold), Counter(pred)
        for item in set(g) | set(p):
            tp = min(g[item], p[item])
            s = self.per_label.setdefault(item[1], Score())
            for score in (s, self.micro):
                score.tp += tp
                score.fp += p[item] - tp
                score.fn += g[item] - tp

    def merge(self, other: "LabelScores") -> None:
        """Add the counts of ``other`` (scores of more documents) to these."""
        for label, theirs in other.per_label.items():
            for score in (self.per_label.setdefault(label, Score()), self.micro):
                score.tp += theirs.tp
                score.fp += theirs.fp
                score.fn += theirs.fn

    def to_dict(self) -> dict:
        return {"micro": self.micro.to_dict(), "per_label": {k: v.to_dict() for k, v in sorted(self.per_label.items())}}

    def format(self, title: str = "") -> str:
        lines = [f"| {title or 'label'} | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
        for label, s in sorted(self.per_label.items()):
            lines.append(f"| {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp + s.fn} | {s.tp + s.fp} |")
        m = self.micro
        lines.append(f"| **micro** | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} | {m.tp + m.fn} | {m.tp + m.fp} |")
        return "\n".join(lines)


def entity_items(doc: Document, labels: Iterable[str] | None = None) -> list[tuple[tuple[int, int], str]]:
    keep = set(labels) if labels is not None else None
    return [((e.start, e.end), e.label) for e in doc.entities if keep is None or e.label in keep]


def relation_items(doc: Document) -> list[tuple[tuple, str]]:
    """Relations keyed by the spans and labels of their ends, so two annotations with other ids compare."""
    by_id = {e.id: e for e in doc.entities}
    out = []
    for r in doc.relations:
        h, t = by_id.get(r.head), by_id.get(r.tail)
        if h and t:
            out.append((((h.start, h.end, h.label), (t.start, t.end, t.label)), r.label))
    return out


def compare_documents(gold: Iterable[Document], pred: Iterable[Document]) -> tuple[LabelScores, LabelScores]:
    """Entity and relation scores of ``pred`` against ``gold``, documents matched by id."""
    pred_by_id = {d.id: d for d in pred}
    ents, rels = LabelScores(), LabelScores()
    for g in gold:
        p = pred_by_id.get(g.id)
        ents.add(entity_items(g), entity_items(p) if p else [])
        rels.add(relation_items(g), relation_items(p) if p else [])
    return ents, rels
