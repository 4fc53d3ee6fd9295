"""Reading and writing the corpus in other tools' formats, and converting between them.

``FORMATS`` names every format; :func:`read`, :func:`write` and :func:`convert`
pick one by name or guess it from the path. Documents that come from a format
other than the corpus's own JSONL get the meta the schema requires when the
source has none: ``split`` ``"train"``, ``synthetic`` false, ``source`` the
file name.

What each format keeps:

============== ==== ========= ====== =========
format         text relations values doc meta
============== ==== ========= ====== =========
jsonl          yes  yes       yes    yes
conll-*        yes  no        no     yes
docbin         yes  yes       yes    yes
doccano        yes  yes       yes    yes
labelstudio    yes  yes       yes    yes
brat           yes  yes       yes    yes
============== ==== ========= ====== =========

(Text and meta in CoNLL only with the comment lines this package writes.)
"""

from __future__ import annotations

import importlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ..records import CorpusFormatError, Document
from ..values import fill_values

logger = logging.getLogger("vn_govie")


@dataclass(frozen=True)
class Format:
    """Where a format's reader and writer live (a module relative to this package), imported on first use
    so that using one format does not load spaCy or underthesea."""

    module: str
    reader: str
    writer: str
    options: tuple[tuple[str, Any], ...] = ()

    def _function(self, name: str) -> Callable[..., Any]:
        return getattr(importlib.import_module(self.module, __name__), name)

    def read(self, path: str | Path) -> list[Document]:
        return self._function(self.reader)(path, **dict(self.options))

    def write(self, documents: Iterable[Document], path: str | Path) -> None:
        self._function(self.writer)(list(documents), path, **dict(self.options))


FORMATS: dict[str, Format] = {
    "jsonl": Format("..records", "read_documents", "write_documents"),
    "conll-syllable": Format(".conll", "read_conll", "write_conll", (("level", "syllable"),)),
    "conll-word": Format(".conll", "read_conll", "write_conll", (("level", "word"),)),
    "docbin": Format(".spacy_docs", "read_docbin", "write_docbin"),
    "doccano": Format(".doccano", "read_doccano", "write_doccano"),
    "labelstudio": Format(".labelstudio", "read_labelstudio", "write_labelstudio"),
    "brat": Format(".brat", "read_brat", "write_brat"),
}

_EXTENSIONS = {".jsonl": "jsonl", ".conll": "conll-syllable", ".bio": "conll-syllable", ".txt": "conll-syllable",
               ".spacy": "docbin", ".json": "labelstudio"}


def _first_record(path: Path) -> dict[str, Any] | None:
    from ..records import iter_jsonl

    for record in iter_jsonl(path):
        return record
    return None


def _conll_level(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# level = "):
                return "conll-word" if line.split("=", 1)[1].strip() == "word" else "conll-syllable"
            if line.strip() and not line.startswith("#"):
                break
    return "conll-syllable"


def guess_format(path: str | Path, sniff: bool = True) -> str:
    """The format of ``path``: from a directory's files, the extension, and (``sniff``) for an existing
    JSONL or CoNLL file its content (doccano records, ``# level = word``). A path with no extension that
    does not exist yet is taken for a brat directory."""
    from .doccano import is_doccano_record

    path = Path(path)
    if path.is_dir():
        if not sniff or any(path.glob("*.ann")):
            return "brat"
        if any(path.glob("*.jsonl")):
            return "jsonl"
        raise CorpusFormatError(f"{path}: a directory without .ann or .jsonl files; name the format")
    suffix = path.suffix.lower()
    if not suffix and not path.exists():
        return "brat"
    if suffix not in _EXTENSIONS:
        raise CorpusFormatError(f"{path}: cannot tell the format from {suffix or 'no extension'!r}; use one of {', '.join(FORMATS)}")
    fmt = _EXTENSIONS[suffix]
    if not sniff or not path.is_file():
        return fmt
    if fmt == "jsonl":
        record = _first_record(path)
        if record is not None and is_doccano_record(record):
            return "doccano"
    if fmt == "conll-syllable":
        return _conll_level(path)
    return fmt


def _format(fmt: str) -> Format:
    if fmt not in FORMATS:
        raise CorpusFormatError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


def complete_meta(doc: Document, source: str) -> Document:
    """Fill the meta fields the schema requires, keeping whatever the source format carried."""
    if doc.meta.get("split") is None:
        doc.meta["split"] = "train"
    if doc.meta.get("synthetic") is None:
        doc.meta["synthetic"] = False
    if not doc.meta.get("source"):
        doc.meta["source"] = source
    return doc


def read(path: str | Path, fmt: str | None = None) -> list[Document]:
    """Documents of ``path`` in ``fmt`` (guessed when not given).

    Anything that cannot be read (a missing file, bytes that are not UTF-8, JSON
    nested past any record, a malformed line) is a ``CorpusFormatError`` naming the path.
    """
    if not Path(path).exists():
        raise CorpusFormatError(f"{path}: no such file or directory")
    fmt = fmt or guess_format(path)
    try:
        docs = _format(fmt).read(path)
    except CorpusFormatError:
        raise
    except RecursionError as err:
        raise CorpusFormatError(f"{path}: nested too deeply to be {fmt} data") from err
    except UnicodeDecodeError as err:
        raise CorpusFormatError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    except (ValueError, KeyError, TypeError, IndexError) as err:
        raise CorpusFormatError(f"{path}: not valid {fmt} data ({type(err).__name__}: {err})") from err
    if fmt != "jsonl":
        docs = [complete_meta(d, Path(path).name) for d in docs]
        for doc in docs:
            fill_values(doc)
    return docs


def write(documents: Iterable[Document], path: str | Path, fmt: str | None = None) -> None:
    """Write documents to ``path`` in ``fmt`` (guessed from the extension when not given)."""
    _format(fmt or guess_format(path, sniff=False)).write(documents, path)


# Formats that cannot hold relations: converting to them drops every relation, with a warning.
NO_RELATIONS = frozenset({"conll-syllable", "conll-word"})


def convert(src: str | Path, dst: str | Path, src_fmt: str | None = None, dst_fmt: str | None = None) -> int:
    """Read ``src``, check every document, and write it to ``dst``; returns the number of documents.

    Documents with invalid spans or relations are not written (``CorpusFormatError``
    listing the first problems); relations dropped by a format without them are warned about.
    """
    from .. import validate

    docs = read(src, src_fmt)
    problems = [p for doc in docs for p in validate.check_document(doc, check_meta=False)]
    if problems:
        shown = "; ".join(str(p) for p in problems[:5])
        raise CorpusFormatError(f"{src}: {len(problems)} problems, nothing written: {shown}")
    dst_fmt = dst_fmt or guess_format(dst, sniff=False)
    dropped = sum(len(d.relations) for d in docs) if dst_fmt in NO_RELATIONS else 0
    if dropped:
        logger.warning("%s holds no relations: %d relations of %s are not written", dst_fmt, dropped, src)
    write(docs, dst, dst_fmt)
    return len(docs)


__all__ = ["FORMATS", "Format", "complete_meta", "convert", "guess_format", "read", "write"]


_LAZY = {
    "load_dataset_dict": "hf",
    "to_dataset_dict": "hf",
    "to_spacy_docs": "spacy_docs",
    "to_docbin": "spacy_docs",
    "write_docbin": "spacy_docs",
    "read_docbin": "spacy_docs",
}


def __getattr__(name: str) -> Any:
    """Loaders that need ``datasets`` or spaCy import them only when asked for."""
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
