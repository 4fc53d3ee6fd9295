"""spaCy ``Doc`` objects and ``DocBin`` files, for training spaCy pipelines on the corpus.

Docs are built from syllable tokens cut at entity boundaries, with the exact
whitespace of the text, so ``doc.text == document.text`` and every entity is a
span of ``doc.ents``. What spaCy has no place for lives in
``doc.user_data["vn_govie"]`` (JSON-serialisable, kept by ``DocBin``)::

    {"id": "seed-000", "meta": {...},
     "relations": [[head_start, head_end, tail_start, tail_end, "CHAIRS"], ...],
     "values": {"40,54": {"value": 5092000000000, "currency": "VND"}}}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from ..records import Document
from .assemble import document_from_spans, offset_key
from .tokens import entity_boundaries, syllable_tokens

USER_DATA_KEY = "vn_govie"


def _words_and_spaces(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags that spell ``text`` exactly; other whitespace becomes whitespace tokens."""
    words: list[str] = []
    spaces: list[bool] = []

    def gap(ws: str) -> None:
        if ws.startswith(" ") and words:
            spaces[-1] = True
            ws = ws[1:]
        if ws:
            words.append(ws)
            spaces.append(False)

    pos = 0
    for a, b in spans:
        gap(text[pos:a])
        words.append(text[a:b])
        spaces.append(False)
        pos = b
    gap(text[pos:])
    return words, spaces


def to_spacy_doc(document: Document, vocab: Vocab) -> Doc:
    """One document as a spaCy ``Doc`` with its entities in ``doc.ents``."""
    spans = syllable_tokens(document.text, entity_boundaries(document.entities))
    words, spaces = _words_and_spaces(document.text, spans)
    doc = Doc(vocab, words=words, spaces=spaces)
    ents = []
    for ent in sorted(document.entities, key=lambda e: (e.start, e.end)):
        span = doc.char_span(ent.start, ent.end, label=ent.label)
        if span is None:
            raise ValueError(f"{document.id}: entity {ent.id} [{ent.start}:{ent.end}] does not fall on token boundaries")
        ents.append(span)
    try:
        doc.ents = ents
    except ValueError as err:
        raise ValueError(f"{document.id}: entities cannot be set on the spaCy Doc ({err})") from err
    by_id = {e.id: e for e in document.entities}
    doc.user_data[USER_DATA_KEY] = {
        "id": document.id,
        "meta": document.meta,
        "relations": [
            [by_id[r.head].start, by_id[r.head].end, by_id[r.tail].start, by_id[r.tail].end, r.label]
            for r in document.relations
        ],
        "values": {offset_key(e.start, e.end): e.attrs for e in document.entities if e.attrs},
    }
    return doc


def to_spacy_docs(documents: Iterable[Document], vocab: Vocab | None = None) -> list[Doc]:
    """Documents as spaCy ``Doc`` objects sharing ``vocab`` (a blank one when not given)."""
    vocab = vocab if vocab is not None else Vocab()
    return [to_spacy_doc(d, vocab) for d in documents]


def to_docbin(documents: Iterable[Document]) -> DocBin:
    """A ``DocBin`` of the documents, user data included."""
    return DocBin(docs=to_spacy_docs(documents), store_user_data=True)


def write_docbin(documents: Iterable[Document], path: str | Path) -> None:
    """Write documents as a ``.spacy`` file."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    to_docbin(documents).to_disk(path)


def from_spacy_doc(doc: Doc, fallback_id: str) -> Document:
    """A document from a spaCy ``Doc``; relations and values come from ``doc.user_data`` when present."""
    data: dict[str, Any] = doc.user_data.get(USER_DATA_KEY) or {}
    values = data.get("values") or {}
    spans = [
        ((e.start_char, e.end_char), e.start_char, e.end_char, e.label_, values.get(offset_key(e.start_char, e.end_char), {}))
        for e in doc.ents
    ]
    relations = [((hs, he), (ts, te), label) for hs, he, ts, te, label in data.get("relations") or []]
    return document_from_spans(str(data.get("id", fallback_id)), doc.text, data.get("meta"), spans, relations)


def read_docbin(path: str | Path) -> list[Document]:
    """Documents of a ``.spacy`` file."""
    path = Path(path)
    docs = DocBin().from_disk(path).get_docs(Vocab())
    return [from_spacy_doc(doc, f"{path.stem}-{n}") for n, doc in enumerate(docs)]
