"""Score a pipeline on a split of the gold corpus, and underthesea.ner beside it.

Entities are scored by exact span and label, on offsets into the original
text (what users get), so the offset mapping is measured too. MONEY value
accuracy is the share of correctly found amounts whose value, currency and
range end equal the gold ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..corpus.records import Document, Entity, Relation
from ..text.normalize import normalize
from ..text.sentences import sentence_spans
from .metrics import LabelScores, compare_documents

UNDERTHESEA_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOCATION"}
COMPARABLE = ("PERSON", "ORG", "LOCATION")


@dataclass
class Evaluation:
    split: str
    documents: int
    entities: LabelScores
    relations: LabelScores
    money_values: tuple[int, int]
    relations_gold_entities: LabelScores | None = None
    baseline: LabelScores | None = None
    ours_comparable: LabelScores | None = None
    errors: dict[str, list[dict]] = field(default_factory=dict)
    gold: list[Document] = field(default_factory=list, repr=False)
    predictions: list[Document] = field(default_factory=list, repr=False)

    @property
    def money_value_accuracy(self) -> float:
        right, found = self.money_values
        return right / found if found else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = {
            "split": self.split,
            "documents": self.documents,
            "entities": self.entities.to_dict(),
            "relations": self.relations.to_dict(),
            "relations_gold_entities": self.relations_gold_entities.to_dict() if self.relations_gold_entities else None,
            "money_value_accuracy": {"right": self.money_values[0], "found": self.money_values[1],
                                     "accuracy": round(self.money_value_accuracy, 4)},
        }
        if self.baseline is not None and self.ours_comparable is not None:
            out["underthesea_ner"] = {"underthesea": self.baseline.to_dict(), "vn_govie": self.ours_comparable.to_dict()}
        return out

    def format(self) -> str:
        parts = [f"## {self.split}: {self.documents} documents", "", self.entities.format("entities (exact span)")]
        right, found = self.money_values
        parts += ["", f"MONEY values exactly right: {right}/{found} ({self.money_value_accuracy:.1%}) of correctly found amounts"]
        if self.relations_gold_entities is not None:
            parts += ["", self.relations_gold_entities.format("relations (gold entities)")]
        if self.relations.micro.tp + self.relations.micro.fp + self.relations.micro.fn:
            parts += ["", self.relations.format("relations (end to end)")]
        if self.baseline is not None and self.ours_comparable is not None:
            parts += ["", "PERSON/ORG/LOCATION beside underthesea.ner (exact span):", "",
                      "| label | vn_govie F1 | underthesea F1 |", "|---|---|---|"]
            for label in COMPARABLE:
                ours = self.ours_comparable.per_label.get(label)
                theirs = self.baseline.per_label.get(label)
                parts.append(f"| {label} | {ours.f1 if ours else 0:.3f} | {theirs.f1 if theirs else 0:.3f} |")
            parts.append(f"| micro | {self.ours_comparable.micro.f1:.3f} | {self.baseline.micro.f1:.3f} |")
        return "\n".join(parts)


def predict_documents(gold: Iterable[Document], model: str | Path | None = None) -> list[Document]:
    """Run ``extract_many`` over the gold texts and return predictions as corpus documents."""
    from ..api import extract_many

    gold = list(gold)
    out = []
    for doc, result in zip(gold, extract_many((d.text for d in gold), model=model)):
        ents = [Entity(e.id, e.start, e.end, e.label, {k: v for k, v in e.to_dict().items()
                                                      if k in ("value", "currency", "high", "qualifier")})
                for e in result.entities]
        rels = [Relation(r.head, r.tail, r.label) for r in result.relations]
        out.append(Document(doc.id, doc.text, dict(doc.meta), ents, rels))
    return out


def underthesea_documents(gold: Iterable[Document]) -> list[Document]:
    """underthesea.ner's PER/ORG/LOC spans, located in the original text sentence by sentence."""
    from underthesea import ner

    from ..tokenizer import align_words

    out = []
    for doc in gold:
        clean = normalize(doc.text)
        ents: list[Entity] = []
        for s_start, s_end in sentence_spans(clean.text):
            sentence = clean.text[s_start:s_end]
            tagged = ner(sentence)
            spans = align_words(sentence, [(w, tag) for w, _pos, _chunk, tag in tagged])
            if spans is None:
                continue
            current: list[int] | None = None
            label = None
            for start, end, tag in spans + [(len(sentence), len(sentence), "O")]:
                kind = tag[2:] if tag[:2] in ("B-", "I-") else None
                if current is not None and (tag.startswith("B-") or kind != label):
                    if label in UNDERTHESEA_LABELS:
                        a, b = clean.span(s_start + current[0], s_start + current[1])
                        ents.append(Entity(len(ents), a, b, UNDERTHESEA_LABELS[label]))
                    current, label = None, None
                if kind is not None:
                    if current is None:
                        current, label = [start, end], kind
                    else:
                        current[1] = end
        out.append(Document(doc.id, doc.text, dict(doc.meta), ents, []))
    return out


def relation_scores_with_gold_entities(gold: list[Document], model: str | Path | None = None) -> LabelScores | None:
    """The relation component alone: gold entities in, relations scored against gold."""
    from ..api import load
    from ..training.relations import score
    from ..training.data import sentence_docs

    nlp = load(model)
    if "vn_govie_relations" not in nlp.pipe_names:
        return None
    docs = [doc for document in gold for doc, _missing in sentence_docs(nlp, document)]
    return score(nlp.get_pipe("vn_govie_relations").model, docs)


def _restrict(docs: list[Document], labels: Iterable[str]) -> list[Document]:
    keep = set(labels)
    return [Document(d.id, d.text, d.meta, [e for e in d.entities if e.label in keep], []) for d in docs]


def _money_values(gold: list[Document], pred: list[Document]) -> tuple[int, int]:
    right = found = 0
    pred_by_id = {d.id: d for d in pred}
    for g in gold:
        predicted = {(e.start, e.end): e for e in pred_by_id[g.id].entities if e.label == "MONEY"}
        for e in g.entities:
            p = predicted.get((e.start, e.end))
            if e.label != "MONEY" or p is None:
                continue
            found += 1
            keys = ("value", "currency", "high")
            right += all(e.attrs.get(k) == p.attrs.get(k) for k in keys)
    return right, found


def _errors(gold: list[Document], pred: list[Document], limit: int = 200) -> dict[str, list[dict]]:
    missed, invented = [], []
    pred_by_id = {d.id: d for d in pred}
    for g in gold:
        gs = {(e.start, e.end, e.label) for e in g.entities}
        ps = {(e.start, e.end, e.label) for e in pred_by_id[g.id].entities}
        for bucket, items in ((missed, gs - ps), (invented, ps - gs)):
            for start, end, label in sorted(items):
                bucket.append({"doc": g.id, "text": g.text[start:end], "label": label, "start": start, "end": end,
                               "context": g.text[max(0, start - 40) : end + 40].replace("\n", " ")})
    return {"missed": missed[:limit], "invented": invented[:limit]}


def evaluate(
    documents: Iterable[Document], split: str = "test", model: str | Path | None = None, baseline: bool = True
) -> Evaluation:
    """Score the pipeline at ``model`` (default: the shipped one) on the documents of ``split``."""
    gold = [d for d in documents if d.split == split]
    pred = predict_documents(gold, model)
    entities, relations = compare_documents(gold, pred)
    result = Evaluation(split, len(gold), entities, relations, _money_values(gold, pred),
                        errors=_errors(gold, pred), gold=gold, predictions=pred)
    result.relations_gold_entities = relation_scores_with_gold_entities(gold, model)
    if baseline:
        result.baseline, _ = compare_documents(_restrict(gold, COMPARABLE), underthesea_documents(gold))
        result.ours_comparable, _ = compare_documents(_restrict(gold, COMPARABLE), _restrict(pred, COMPARABLE))
    return result
