"""Build the gold JSONL files in ``annotations/`` from the markup in ``annotations/markup/``.

Which text each document comes from and which split it lands in is decided here,
once, per document:

* seed articles: ``SEED_SPLITS`` (three in test, one in dev, one in train);
* UD VTB documents: sentences from the treebank's train part go to train, from its
  test part to test, and those from its dev part alternate between dev and test;
* synthetic documents: a stable hash puts about one in seven in dev, the rest in
  train; never in test.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from .markup import parse_file
from .records import Document, write_documents
from .vtb import ATTRIBUTION, SELECTIONS

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
    """The exact text a real document's markup must align to, or ``None`` for synthetic text."""
    if doc_id.startswith("seed-"):
        path = seed_path(root, doc_id)
    elif doc_id.startswith(VTB_PREFIXES):
        path = root / "corpus" / "vtb" / f"{doc_id}.txt"
    else:
        return None
    if path is None or not path.exists():
        return None
    return path.read_text(encoding="utf-8").rstrip("\n")


class OriginalTexts(dict):
    """Lazy ``doc id -> original text`` lookup for the markup parser."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = root

    def get(self, key, default=None):  # type: ignore[override]
        if key not in self:
            self[key] = original_text(self.root, key)
        return dict.get(self, key, default)


def vtb_split(doc_id: str) -> str:
    part, number = doc_id.split("-")[1], int(doc_id.split("-")[2])
    if part == "dev":
        return "dev" if number % 2 == 0 else "test"
    return part


def synthetic_split(doc_id: str) -> str:
    return "dev" if zlib.crc32(doc_id.encode()) % 7 == 0 else "train"


def _with_meta(doc: Document, root: Path) -> Document:
    if doc.id.startswith("seed-"):
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
            "file": f"corpus/vtb/{doc.id}.txt",
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


def build(root: str | Path = ".", write: bool = True) -> tuple[dict[str, list[Document]], list[str]]:
    """Parse all markup and write ``annotations/{seeds,vtb,synthetic}.jsonl`` and synthetic texts.

    Returns the documents per group and every problem met; nothing is written
    when there are problems or when ``write`` is false.
    """
    root = Path(root)
    markup = root / "annotations" / "markup"
    originals = OriginalTexts(root)
    groups: dict[str, list[Document]] = {}
    problems: list[str] = []
    for group, pattern in (("seeds", "seeds/*.md"), ("vtb", "vtb/*.md"), ("synthetic", "synthetic/*.md")):
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
