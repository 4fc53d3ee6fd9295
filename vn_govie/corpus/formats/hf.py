"""Hugging Face ``datasets`` view of the corpus: one ``DatasetDict`` with the train, dev and test splits.

Each row carries the syllable tokens (cut at entity boundaries) with their
character offsets and BIO tags for token classification, and the entities and
relations as offsets for span or relation models. ``entities[i].attrs`` is the
entity's normalised values as a JSON string (``"{}"`` when none); relation
``head`` and ``tail`` index into ``entities``, which is ordered by start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

try:
    from datasets import ClassLabel, Dataset, DatasetDict, Features, Sequence, Value
except ImportError as err:  # Hugging Face support is an extra
    raise ImportError("the Hugging Face view needs the datasets package: pip install 'vn_govie[hf]'") from err

from ...schema import SPLITS
from ..records import Document
from .tokens import BIO_NAMES, bio_tags, entity_boundaries, syllable_tokens

FEATURES = Features(
    {
        "id": Value("string"),
        "text": Value("string"),
        "tokens": Sequence(Value("string")),
        "token_starts": Sequence(Value("int32")),
        "token_ends": Sequence(Value("int32")),
        "ner_tags": Sequence(ClassLabel(names=list(BIO_NAMES))),
        "entities": [{"start": Value("int32"), "end": Value("int32"), "label": Value("string"), "attrs": Value("string")}],
        "relations": [{"head": Value("int32"), "tail": Value("int32"), "label": Value("string")}],
        "synthetic": Value("bool"),
        "source": Value("string"),
    }
)


def document_row(doc: Document) -> dict[str, Any]:
    """The dataset row of one document."""
    spans = syllable_tokens(doc.text, entity_boundaries(doc.entities))
    entities = sorted(doc.entities, key=lambda e: (e.start, e.end))
    index = {e.id: n for n, e in enumerate(entities)}
    return {
        "id": doc.id,
        "text": doc.text,
        "tokens": [doc.text[a:b] for a, b in spans],
        "token_starts": [a for a, _ in spans],
        "token_ends": [b for _, b in spans],
        "ner_tags": bio_tags(spans, entities),
        "entities": [
            {"start": e.start, "end": e.end, "label": e.label, "attrs": json.dumps(e.attrs, ensure_ascii=False)}
            for e in entities
        ],
        "relations": [{"head": index[r.head], "tail": index[r.tail], "label": r.label} for r in doc.relations],
        "synthetic": bool(doc.meta.get("synthetic", False)),
        "source": str(doc.meta.get("source") or ""),
    }


def to_dataset_dict(documents: Iterable[Document]) -> DatasetDict:
    """Documents as a ``DatasetDict`` keyed by ``meta.split`` (missing: train); train, dev and test always exist."""
    rows: dict[str, list[dict[str, Any]]] = {split: [] for split in SPLITS}
    for doc in documents:
        rows.setdefault(doc.meta.get("split") or "train", []).append(document_row(doc))
    return DatasetDict(
        {
            split: Dataset.from_list(items, features=FEATURES)
            if items
            else Dataset.from_dict({name: [] for name in FEATURES}, features=FEATURES)
            for split, items in rows.items()
        }
    )


def load_dataset_dict(path: str | Path, fmt: str | None = None) -> DatasetDict:
    """Read a corpus file or directory (JSONL unless ``fmt`` or the path says otherwise) as a ``DatasetDict``."""
    from . import read

    return to_dataset_dict(read(path, fmt))
