"""The ``vn_govie_relations`` component: schema relations between the entities of each sentence.

Writes ``doc._.relations`` as ``[(head token start, tail token start, label), ...]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers doc._.relations)
from ..relations.candidates import candidate_pairs
from ..relations.features import PairContext, pair_features
from ..relations.model import NONE, RelationModel


class RelationExtractor:
    """Classifies every candidate pair with a ``RelationModel``; untrained, it finds nothing."""

    def __init__(self, name: str = "vn_govie_relations", model: RelationModel | None = None) -> None:
        self.name = name
        self.model = model or RelationModel()

    def __call__(self, doc: Doc) -> Doc:
        relations = []
        if self.model.is_trained:
            context = PairContext(doc)
            for head, tail, allowed in candidate_pairs(doc):
                label = self.model.predict(pair_features(head, tail, context), allowed)
                if label != NONE:
                    relations.append((head.start, tail.start, label))
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


@Language.factory("vn_govie_relations")
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(name)
