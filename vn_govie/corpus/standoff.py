"""Standoff records: annotations of outside text that carry a source reference and a hash, never the text.

A standoff record is a document of the schema's corpus format without ``text``:

```json
{"id": "vietnews-train-020688", "source": {"dataset": "vietnews-train", "id": "vietnews-train-020688"},
 "sha": "<sha-256 of the UTF-8 text>", "meta": {...}, "entities": [...], "relations": [...]}
```

Treebank documents name their sentences instead of an id:
``{"dataset": "ud-vietnamese-vtb", "sentences": ["dev-s12", "dev-s13"]}`` (the
text is their ``# text`` lines joined by line breaks). ``join`` reads the texts
from the sources folder and checks each hash; ``build_corpus`` writes the full
corpus (inline and joined documents) that training, evaluation and the
converters read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from .records import Document, iter_jsonl
from .sources import TREEBANK, SourceError, read_texts, require_sources

DEFAULT_OUTPUT = Path("build") / "corpus"


def text_sha(text: str) -> str:
    """SHA-256 of the UTF-8 text: what a standoff record carries to prove its join."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_standoff(record: dict[str, Any]) -> bool:
    return "text" not in record and isinstance(record.get("source"), dict)


def to_standoff(doc: Document, source: dict[str, Any]) -> dict[str, Any]:
    """The standoff record of a full document: its annotations, a source reference and the text's hash."""
    record = doc.to_dict()
    del record["text"]
    return {"id": record.pop("id"), "source": source, "sha": text_sha(doc.text), **record}


def _wanted(records: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for rec in records:
        src = rec["source"]
        if src.get("dataset") == TREEBANK:
            wanted[TREEBANK].update(src.get("sentences") or [])
        elif src.get("dataset"):
            wanted[src["dataset"]].add(str(src.get("id", rec["id"])))
    return wanted


def _text_of(rec: dict[str, Any], texts: dict[tuple[str, str], str]) -> str:
    src = rec["source"]
    dataset = src.get("dataset")
    if not dataset:
        raise SourceError(f"document {rec['id']!r}: its source names no dataset")
    if dataset == TREEBANK:
        ids = src.get("sentences") or []
        missing = [i for i in ids if (TREEBANK, i) not in texts]
        if not ids or missing:
            raise SourceError(f"document {rec['id']!r}: treebank sentences not found: {', '.join(missing) or 'none named'}")
        return "\n".join(texts[(TREEBANK, i)] for i in ids)
    key = (dataset, str(src.get("id", rec["id"])))
    if key not in texts:
        raise SourceError(f"document {rec['id']!r}: no article {key[1]!r} in {dataset}")
    return texts[key]


def join(records: list[dict[str, Any]], sources: str | Path | None = None) -> list[Document]:
    """Full documents from standoff records, their texts read from ``sources``.

    Raises ``SourceError`` naming the first document whose source is missing or
    whose text no longer has the recorded hash; nothing is skipped silently.
    """
    if not records:
        return []
    folder = require_sources(sources)
    texts = read_texts(folder, _wanted(records))
    docs = []
    for rec in records:
        text = _text_of(rec, texts)
        if text_sha(text) != rec.get("sha"):
            raise SourceError(f"document {rec['id']!r}: the text in {rec['source']['dataset']} differs from the annotated one "
                              "(hash mismatch): the source changed or is another version")
        full = {k: v for k, v in rec.items() if k not in ("source", "sha")}
        full["text"] = text
        docs.append(Document.from_dict(full))
    return docs


def read_joined(path: str | Path, sources: str | Path | None = None) -> list[Document]:
    """Documents of a JSONL file or folder, standoff records joined with their texts (for passes and tools)."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    docs: list[Document] = []
    for f in files:
        records = list(iter_jsonl(f))
        standoff = [r for r in records if is_standoff(r)]
        joined = iter(join(standoff, sources)) if standoff else iter(())
        docs.extend(next(joined) if is_standoff(r) else Document.from_dict(r) for r in records)
    return docs


def build_corpus(annotations: str | Path = "annotations", output: str | Path = DEFAULT_OUTPUT,
                 sources: str | Path | None = None) -> dict[str, int]:
    """Write every ``annotations/*.jsonl`` to ``output`` with standoff records joined to their texts.

    Returns the number of documents per file. Each file is written whole or
    not at all (a temporary file renamed into place). Files without standoff
    records need no sources.
    """
    annotations, output = Path(annotations), Path(output)
    files = sorted(annotations.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl annotation files in {annotations}")
    built = {path.name: read_joined(path, sources) for path in files}
    output.mkdir(parents=True, exist_ok=True)
    for name, docs in built.items():
        write_atomic(output / name, (json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in docs))
    return {name: len(docs) for name, docs in built.items()}


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    """The process's umask, read once (reading it means setting it, which is not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path`` through a temporary file in the same folder, so the file is whole or absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # the permissions of a file opened the ordinary way, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(lines)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_standoff(records: Iterable[dict[str, Any]], path: str | Path) -> None:
    write_atomic(Path(path), (json.dumps(r, ensure_ascii=False) + "\n" for r in records))
