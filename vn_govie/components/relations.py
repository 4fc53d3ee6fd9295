"""The ``vn_govie_relations`` component: schema relations between the entities of each sentence.

A trained ``RelationModel`` over candidate pairs, and rules where data is thin
(``relations.rules``).

Writes ``doc._.relations`` as ``[(head token start, tail token start, label), ...]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers doc._.relations)
from ..relations.model import RelationModel
from ..relations.predict import doc_relations


class RelationExtractor:
    """Classifies every candidate pair with a ``RelationModel``; untrained, it finds nothing."""

    def __init__(self, name: str = "vn_govie_relations", model: RelationModel | None = None) -> None:
        self.name = name
        self.model = model or RelationModel()

    def __call__(self, doc: Doc) -> Doc:
        relations = []
        if self.model.is_trained:
            relations = [(head.start, tail.start, label) for head, tail, label in doc_relations(self.model, doc)]
        doc._.relations = relations
        return doc

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return self.model.to_bytes()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "RelationExtractor":
        self.model.from_bytes(data)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "model.msgpack").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "RelationExtractor":
        return self.from_bytes((Path(path) / "model.msgpack").read_bytes())


@Language.factory("vn_govie_relations", assigns=["doc._.relations"], requires=["doc.ents"])
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(name)
