"""The gold-corpus checker: offsets, overlaps, labels, relation types, values, ids and splits."""

from __future__ import annotations

import math

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from ..schema import ENTITY_LABELS, RELATION_LABELS, RELATION_SIGNATURES, SPLITS, VALUED_LABELS
from ..text.sentences import sentence_index, sentence_spans
from ..text.spans import CLOSING, OPENING
from ..values.money import QUALIFIERS
from .records import Document

CALENDAR_WORDS = ("ngày", "tháng", "năm", "quý")
OUTSIDE_WORDS = {
    "MONEY": QUALIFIERS,
    "PERCENT": QUALIFIERS,
    "PERSON": ("ông", "bà", "đồng chí", "anh", "chị"),
    "DATE": ("sáng", "chiều", "tối", "trưa", "đến", "từ", "giai đoạn", "nhiệm kỳ", "cuối", "đầu", "trong"),
}


@dataclass(frozen=True)
class Problem:
    doc_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.message}"


def _edge_problem(surface: str) -> str | None:
    if surface != surface.strip():
        return "starts or ends with whitespace"
    if surface[0] in OPENING:
        return f"starts with punctuation {surface[0]!r}"
    last = surface[-1]
    if last in CLOSING:
        return f"ends with punctuation {last!r}"
    if last == ")" and "(" not in surface:
        return "ends with an unmatched ')'"
    if last == "." and not (len(surface) >= 2 and surface[-2].isupper()):
        return "ends with a full stop that is not an initial"
    return None


def _rule_problem(text: str, start: int, end: int, label: str) -> str | None:
    """Span-boundary decisions of the schema that a slice alone can show."""
    surface = text[start:end].lower()
    for word in OUTSIDE_WORDS.get(label, ()):
        if surface.startswith(word + " "):
            return f"starts with {word!r}, which stays outside {label} spans"
    if label == "DATE":
        before = re.search(r"(\S+)\s+(\S+) $", text[max(0, start - 30) : start])
        if before and before.group(2).lower() in CALENDAR_WORDS and not before.group(1).isdigit():
            return f"the calendar word {before.group(2)!r} directly before a DATE belongs inside it"
    return None


def check_document(doc: Document, check_meta: bool = True) -> list[Problem]:
    """Every problem of one document, in reading order; ``check_meta=False`` skips provenance and split."""
    out: list[Problem] = []

    def problem(msg: str) -> None:
        out.append(Problem(doc.id, msg))

    if not isinstance(doc.text, str) or not doc.text.strip():
        problem("empty text")
        return out
    split = doc.meta.get("split")
    if check_meta and split not in SPLITS:
        problem(f"meta.split is {split!r}, expected one of {', '.join(SPLITS)}")
    if check_meta:
        if not isinstance(doc.meta.get("synthetic"), bool):
            problem("meta.synthetic must be true or false")
        if not doc.meta.get("source"):
            problem("meta.source is missing")
        if split == "test" and doc.meta.get("synthetic") is True:
            problem("synthetic document in the test split")

    ids = Counter(e.id for e in doc.entities)
    for eid, n in ids.items():
        if n > 1:
            problem(f"duplicate entity id {eid}")
    valid: dict[int, object] = {}
    for ent in doc.entities:
        where = f"entity {ent.id} [{ent.start}:{ent.end}] {ent.label}"
        if ent.label not in ENTITY_LABELS:
            problem(f"{where}: unknown label")
            continue
        if not (isinstance(ent.start, int) and isinstance(ent.end, int) and 0 <= ent.start < ent.end <= len(doc.text)):
            problem(f"{where}: offsets outside the text")
            continue
        surface = doc.text[ent.start : ent.end]
        if "text" in ent.attrs and ent.attrs["text"] != surface:
            problem(f"{where}: text {ent.attrs['text']!r} but the slice is {surface!r}")
        edge = _edge_problem(surface) or _rule_problem(doc.text, ent.start, ent.end, ent.label)
        if edge:
            problem(f"{where} {surface!r}: {edge}")
        value = ent.attrs.get("value")
        if ent.label in VALUED_LABELS and not isinstance(ent.attrs.get("value_error"), str):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problem(f"{where} {surface!r}: {ent.label} needs a numeric value (or a value_error saying why none)")
            elif not math.isfinite(value):
                problem(f"{where} {surface!r}: {ent.label} value {value!r} is not a finite number")
        if ent.label == "MONEY" and value is not None and not ent.attrs.get("currency"):
            problem(f"{where} {surface!r}: MONEY needs a currency")
        valid[ent.id] = ent

    spans = sorted((e for e in doc.entities if e.id in valid), key=lambda e: (e.start, e.end))
    for a, b in zip(spans, spans[1:]):
        if b.start < a.end:
            problem(f"entities {a.id} [{a.start}:{a.end}] and {b.id} [{b.start}:{b.end}] overlap")

    sentences = sentence_spans(doc.text)
    seen: set[tuple[int, int, str]] = set()
    for rel in doc.relations:
        where = f"relation {rel.head} -{rel.label}-> {rel.tail}"
        if rel.label not in RELATION_LABELS:
            problem(f"{where}: unknown label")
            continue
        if rel.head not in valid or rel.tail not in valid:
            problem(f"{where}: head or tail is not an entity of the document")
            continue
        key = (rel.head, rel.tail, rel.label)
        if key in seen:
            problem(f"{where}: duplicate relation")
        seen.add(key)
        head, tail = doc.entity(rel.head), doc.entity(rel.tail)
        heads, tails = RELATION_SIGNATURES[rel.label]
        if head.label not in heads or tail.label not in tails:
            problem(
                f"{where} ({doc.text[head.start:head.end]!r} -> {doc.text[tail.start:tail.end]!r}): "
                f"{head.label} -> {tail.label} not allowed "
                f"(expects {'/'.join(sorted(heads))} -> {'/'.join(sorted(tails))})"
            )
        if rel.head == rel.tail:
            problem(f"{where}: head and tail are the same entity")
        if sentence_index(sentences, head.start) != sentence_index(sentences, tail.start):
            problem(
                f"{where}: {doc.text[head.start:head.end]!r} and {doc.text[tail.start:tail.end]!r} "
                "are in different sentences"
            )
    return out


@dataclass
class CorpusReport:
    """Problems and per-split counts of a set of documents."""

    problems: list[Problem] = field(default_factory=list)
    documents: Counter = field(default_factory=Counter)
    sentences: Counter = field(default_factory=Counter)
    entities: dict[str, Counter] = field(default_factory=dict)
    relations: dict[str, Counter] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def total(self, table: dict[str, Counter], label: str) -> int:
        return sum(c[label] for c in table.values())

    def format(self) -> str:
        splits = [s for s in SPLITS if s in self.documents]
        cols = splits + ["total"]
        lines = ["| | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]

        def row(name: str, values: list[int]) -> None:
            lines.append(f"| {name} | " + " | ".join(str(v) for v in values) + f" | {sum(values)} |")

        row("documents", [self.documents[s] for s in splits])
        row("sentences", [self.sentences[s] for s in splits])
        for label in ENTITY_LABELS:
            row(label, [self.entities.get(s, Counter())[label] for s in splits])
        for label in RELATION_LABELS:
            row(label, [self.relations.get(s, Counter())[label] for s in splits])
        return "\n".join(lines)


def validate_documents(docs: Iterable[Document]) -> CorpusReport:
    """Check every document and the set as a whole (unique ids); count sentences, entities and relations."""
    report = CorpusReport()
    seen: Counter = Counter()
    for doc in docs:
        seen[doc.id] += 1
        if seen[doc.id] == 2:
            report.problems.append(Problem(doc.id, "duplicate document id"))
        report.problems.extend(check_document(doc))
        split = str(doc.meta.get("split"))
        report.documents[split] += 1
        report.sentences[split] += len(sentence_spans(doc.text))
        report.entities.setdefault(split, Counter()).update(e.label for e in doc.entities)
        report.relations.setdefault(split, Counter()).update(r.label for r in doc.relations)
    return report
