"""Inter-annotator agreement between two independent passes over the same documents.

Agreement is the F1 of one pass scored against the other (symmetric for F1):
entities match on exact span and label, relations on both end spans and label.
"""

from __future__ import annotations

from pathlib import Path

from ..evaluation.metrics import LabelScores, compare_documents, relation_items
from .build import OriginalTexts
from .markup import parse_file
from .records import Document
from .standoff import read_joined


def load_pass(path: str | Path, root: str | Path = ".", sources: str | Path | None = None) -> list[Document]:
    """Documents of a pass: a directory or file of markup (``*.md``) or of JSONL (standoff records joined)."""
    path = Path(path)
    files = sorted(path.glob("*.md")) if path.is_dir() else [path]
    if files and all(f.suffix == ".md" for f in files):
        originals = OriginalTexts(Path(root), sources)
        originals.prefetch_files(files)
        docs: list[Document] = []
        for f in files:
            found, problems = parse_file(f, originals)
            if problems:
                raise ValueError("; ".join(problems[:5]))
            docs.extend(found)
        return docs
    return read_joined(path, sources)


def agreement(a: list[Document], b: list[Document]) -> tuple[LabelScores, LabelScores]:
    """Entity and relation agreement of pass ``b`` against pass ``a`` on the documents both hold."""
    ids = {d.id for d in a} & {d.id for d in b}
    return compare_documents([d for d in a if d.id in ids], [d for d in b if d.id in ids])


def disagreements(a: list[Document], b: list[Document], context: int = 30) -> list[str]:
    """Readable lines for every entity or relation the two passes do not share, for adjudication."""
    lines: list[str] = []
    b_by_id = {d.id: d for d in b}
    for da in a:
        db = b_by_id.get(da.id)
        if db is None:
            continue
        ea = {(e.start, e.end, e.label) for e in da.entities}
        eb = {(e.start, e.end, e.label) for e in db.entities}
        for who, only in (("A", ea - eb), ("B", eb - ea)):
            for start, end, label in sorted(only):
                left = da.text[max(0, start - context) : start].replace("\n", " ")
                right = da.text[end : end + context].replace("\n", " ")
                lines.append(f"{da.id} entity only in {who}: …{left}[{da.text[start:end]}]{{{label}}}{right}…")
        ra, rb = set(relation_items(da)), set(relation_items(db))
        for who, only in (("A", ra - rb), ("B", rb - ra)):
            for ((hs, he, hl), (ts, te, tl)), label in sorted(only):
                lines.append(
                    f"{da.id} relation only in {who}: {da.text[hs:he]!r}({hl}) -{label}-> {da.text[ts:te]!r}({tl})"
                )
    return lines
