"""Assigning train/dev/test splits per document, stably, for corpora that come without them."""

from __future__ import annotations

import zlib

from .records import Document


def assign_splits(documents: list[Document], dev: float = 0.1, test: float = 0.1, seed: int = 0,
                  overwrite: bool = False) -> list[Document]:
    """Give each document a split by a stable hash of its id; synthetic documents never go to test."""
    for doc in documents:
        if doc.meta.get("split") in ("train", "dev", "test") and not overwrite:
            continue
        bucket = (zlib.crc32(f"{seed}:{doc.id}".encode()) % 10_000) / 10_000
        if bucket < test:
            doc.meta["split"] = "train" if doc.meta.get("synthetic") else "test"
        elif bucket < test + dev:
            doc.meta["split"] = "dev"
        else:
            doc.meta["split"] = "train"
    return documents
