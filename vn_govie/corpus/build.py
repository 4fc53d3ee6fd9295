"""Compile the gold JSONL files in ``annotations/`` from inline markup.

Seed and synthetic documents are compiled from ``annotations/markup/`` with
their text (``compile_markup``). Markup of outside text (real news, the UD VTB
treebank) is written by annotators outside the repository and compiled to
standoff records (``compile_standoff``): offsets, labels, values and relations,
a source reference and the text's hash, never the text.

Which text each document comes from and which split it lands in is decided here,
once, per document:

* seed articles: ``SEED_SPLITS`` (three in test, one in dev, one in train);
* real news articles: the split fixed in ``corpus/news/selection.tsv`` (per story);
* UD VTB documents: sentences from the treebank's train part go to train, from its
  test part to test, and those from its dev part alternate between dev and test;
* synthetic documents: a stable hash puts about one in seven in dev, the rest in
  train; never in test.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from .markup import parse_file
from .news import read_selection
from .records import Document, write_documents
from .sources import TREEBANK, SourceError, read_texts, require_sources
from .standoff import text_sha, to_standoff, write_standoff
from .vtb import ATTRIBUTION, SELECTIONS, VtbDocument, select_documents

NEWS_SELECTION = Path("corpus") / "news" / "selection.tsv"
VTB_PREFIXES = tuple(f"{prefix}-" for prefix in SELECTIONS)

SEED_SPLITS = {
    "seed-000": "train",
    "seed-001": "test",
    "seed-002": "test",
    "seed-003": "test",
    "seed-004": "dev",
}


def seed_path(root: Path, doc_id: str) -> Path | None:
    number = doc_id.removeprefix("seed-")
    found = sorted((root / "corpus" / "seeds").glob(f"{number}_*.txt"))
    return found[0] if found else None


def original_text(root: Path, doc_id: str) -> str | None:
    """The exact text a seed article's markup must align to, or ``None`` for other text."""
    path = seed_path(root, doc_id) if doc_id.startswith("seed-") else None
    if path is None or not path.exists():
        return None
    return path.read_text(encoding="utf-8").rstrip("\n")


def news_meta(row: dict[str, str]) -> dict:
    """The ``meta`` of an annotated real news article, from its row of the selection."""
    meta = {
        "source": f"{row['dataset']} (real Vietnamese news; the text is not in the repository, see corpus/README.md)",
        "synthetic": False,
        "split": row["split"],
        "province": row["province"],
    }
    if row.get("year"):
        meta["year"] = int(row["year"])
    return meta


class OriginalTexts(dict):
    """Lazy ``doc id -> original text`` lookup for the markup parser.

    Real news articles (ids listed in ``corpus/news/selection.tsv``) are read
    from the outside sources, all the ids of a file at once (``prefetch``).
    """

    def __init__(self, root: Path, sources: str | Path | None = None):
        super().__init__()
        self.root = root
        self.sources = sources
        self._news: dict[str, dict[str, str]] | None = None
        self._treebank: dict[str, VtbDocument] | None = None

    def news_rows(self) -> dict[str, dict[str, str]]:
        if self._news is None:
            path = self.root / NEWS_SELECTION
            self._news = {row["id"]: row for row in read_selection(path)} if path.exists() else {}
        return self._news

    def prefetch_files(self, files) -> None:
        """Read the originals of every document of markup ``files`` at once: one pass over each source file."""
        from .markup import MarkupError, split_documents

        ids = []
        for path in files:
            try:
                ids.extend(md.id for md in split_documents(Path(path).read_text(encoding="utf-8")))
            except (MarkupError, OSError, UnicodeDecodeError):
                continue  # parse_file reports it
        self.prefetch(ids)

    def prefetch(self, ids) -> None:
        rows = self.news_rows()
        wanted: dict[str, set[str]] = {}
        for doc_id in ids:
            if doc_id in rows and doc_id not in self:
                wanted.setdefault(rows[doc_id]["dataset"], set()).add(doc_id)
        if wanted:
            texts = read_texts(require_sources(self.sources), wanted)
            for (dataset, doc_id), text in texts.items():
                if text_sha(text) != rows[doc_id]["sha"]:
                    raise SourceError(f"{doc_id}: the text in {dataset} differs from the one annotated (hash mismatch)")
                self[doc_id] = text

    def treebank(self) -> dict[str, VtbDocument]:
        if self._treebank is None:
            folder = require_sources(self.sources) / TREEBANK
            self._treebank = {d.id: d for prefix in SELECTIONS for d in select_documents(folder, prefix)}
        return self._treebank

    def source_of(self, doc_id: str) -> dict | None:
        """The standoff source reference of an outside document, or ``None`` for seed and synthetic text."""
        if doc_id in self.news_rows():
            return {"dataset": self.news_rows()[doc_id]["dataset"], "id": doc_id}
        if doc_id.startswith(VTB_PREFIXES):
            return {"dataset": TREEBANK, "sentences": self.treebank()[doc_id].sent_ids}
        return None

    def get(self, key, default=None):  # type: ignore[override]
        if key not in self:
            if key in self.news_rows():
                self.prefetch([key])
            elif key.startswith(VTB_PREFIXES):
                doc = self.treebank().get(key)
                self[key] = doc.text if doc else None
            else:
                self[key] = original_text(self.root, key)
        return dict.get(self, key, default)


def vtb_split(doc_id: str) -> str:
    part, number = doc_id.split("-")[1], int(doc_id.split("-")[2])
    if part == "dev":
        return "dev" if number % 2 == 0 else "test"
    return part


def synthetic_split(doc_id: str) -> str:
    return "dev" if zlib.crc32(doc_id.encode()) % 7 == 0 else "train"


def _with_meta(doc: Document, root: Path, news: dict[str, dict[str, str]] | None = None) -> Document:
    if news and doc.id in news:
        doc.meta = news_meta(news[doc.id])
    elif doc.id.startswith("seed-"):
        path = seed_path(root, doc.id)
        doc.meta = {
            "source": f"seed article {path.name if path else doc.id} (shared/seeds), real Vietnamese news",
            "synthetic": False,
            "split": SEED_SPLITS[doc.id],
            "file": f"corpus/seeds/{path.name}" if path else None,
        }
    elif doc.id.startswith(VTB_PREFIXES):
        doc.meta = {
            "source": ATTRIBUTION,
            "synthetic": False,
            "split": vtb_split(doc.id),
            "license": "CC BY-SA 4.0",
        }
    else:
        doc.meta = {
            "source": "synthetic, written for vn_govie",
            "synthetic": True,
            "split": synthetic_split(doc.id),
            "file": f"corpus/synthetic/{doc.id}.txt",
        }
    return doc


def compile_markup(root: str | Path = ".", write: bool = True) -> tuple[dict[str, list[Document]], list[str]]:
    """Parse the seed and synthetic markup and write ``annotations/{seeds,synthetic}.jsonl`` and synthetic texts.

    Returns the documents per group and every problem met; nothing is written
    when there are problems or when ``write`` is false.
    """
    root = Path(root)
    markup = root / "annotations" / "markup"
    originals = OriginalTexts(root)
    groups: dict[str, list[Document]] = {}
    problems: list[str] = []
    for group, pattern in (("seeds", "seeds/*.md"), ("synthetic", "synthetic/*.md")):
        docs: list[Document] = []
        for path in sorted(markup.glob(pattern)):
            found, errs = parse_file(path, originals)
            docs.extend(_with_meta(d, root) for d in found)
            problems.extend(errs)
        groups[group] = sorted(docs, key=lambda d: d.id)
    if problems or not write:
        return groups, problems
    for group, docs in groups.items():
        write_documents(docs, root / "annotations" / f"{group}.jsonl")
    synth_dir = root / "corpus" / "synthetic"
    synth_dir.mkdir(parents=True, exist_ok=True)
    for doc in groups["synthetic"]:
        (synth_dir / f"{doc.id}.txt").write_text(doc.text + "\n", encoding="utf-8")
    return groups, problems


def compile_standoff(files: list[Path], output: str | Path | None, root: str | Path = ".",
                     sources: str | Path | None = None) -> tuple[list[dict], list[str]]:
    """Standoff records of the outside documents in markup ``files`` (real news, treebank documents).

    Every document must be an outside one (listed in the news selection, or a
    treebank document) and align to its original text. Records replace those of
    the same id in ``output`` (a JSONL file), which is written only without problems.
    """
    root = Path(root)
    originals = OriginalTexts(root, sources)
    originals.prefetch_files(files)
    records: dict[str, dict] = {}
    problems: list[str] = []
    for path in files:
        found, errs = parse_file(path, originals)
        problems.extend(errs)
        for doc in found:
            source = originals.source_of(doc.id)
            if source is None or originals.get(doc.id) is None:
                problems.append(f"{path}: {doc.id}: not an outside document (not in the news selection nor the treebank)")
                continue
            if doc.id in records:
                problems.append(f"{path}: {doc.id}: annotated twice")
            records[doc.id] = to_standoff(_with_meta(doc, root, originals.news_rows()), source)
    if output is not None and not problems:
        from .records import iter_jsonl

        out = Path(output)
        kept = {r["id"]: r for r in iter_jsonl(out)} if out.exists() else {}
        kept.update(records)
        write_standoff(sorted(kept.values(), key=lambda r: r["id"]), out)
    return list(records.values()), problems
