"""Outside text sources (``../shared/data`` or ``VN_GOVIE_SOURCES``): where they are and how to read them.

The texts of real news, Wikipedia, laws and the UD VTB treebank are never stored
in the repository; standoff annotations name a dataset and an id, and their text
is read from here at build time.
"""

from __future__ import annotations

import json
import lzma
import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

NEWS_DATASETS = ("vietnews-train", "vietnews-val", "baomoi-2017", "dantri-2020")
RAW_DATASETS = {
    **{name: f"news/{name}.jsonl.xz" for name in NEWS_DATASETS},
    "viwiki-2017": "wiki/viwiki-2017.jsonl.xz",
    "vlc-laws": "laws/vlc-laws.jsonl.xz",
}
TREEBANK = "ud-vietnamese-vtb"

# Where each source can be obtained publicly (corpus/README.md says more).
PUBLIC_COPIES = {
    "vietnews-train": "the train split of the vietnews corpus (GitHub ThanhChinhBK/vietnews)",
    "vietnews-val": "the validation split of the vietnews corpus (GitHub ThanhChinhBK/vietnews)",
    "baomoi-2017": "the baomoi scrape of magizbox/scraper (vn_news/data)",
    "dantri-2020": "undertheseanlp/resources, CP_Vietnamese-UNC",
    TREEBANK: "Universal Dependencies, UD_Vietnamese-VTB (commit e8fa548)",
}


class SourceError(Exception):
    """A standoff record cannot be joined with its text: missing source, unknown id, changed text."""


def default_sources() -> Path | None:
    """``$VN_GOVIE_SOURCES``, else the first ``shared/data`` beside the working directory or one of its parents.

    A checkout beside ``shared/`` (``../shared/data``) finds it from its root and
    from any folder inside it.
    """
    env = os.environ.get("VN_GOVIE_SOURCES")
    if env:
        return Path(env)
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        candidate = folder / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return None


def require_sources(sources: str | Path | None) -> Path:
    """The sources folder, or a ``SourceError`` that says how to give one."""
    path = Path(sources) if sources is not None else default_sources()
    if path is None or not path.is_dir():
        raise SourceError(
            f"no outside sources folder{f' at {path}' if path else ''}: pass --sources DIR or set VN_GOVIE_SOURCES "
            "(corpus/README.md says where each source can be obtained)"
        )
    return path


def dataset_path(sources: Path, dataset: str) -> Path:
    if dataset not in RAW_DATASETS:
        raise SourceError(f"unknown dataset {dataset!r} (known: {', '.join(sorted(RAW_DATASETS))}, {TREEBANK})")
    path = sources / RAW_DATASETS[dataset]
    if not path.exists():
        raise SourceError(f"dataset {dataset!r} is missing: expected {path}")
    return path


def iter_news(sources: Path, datasets: Iterable[str] = NEWS_DATASETS) -> Iterator[tuple[str, str, str]]:
    """``(dataset, id, text)`` for every article of the given datasets."""
    for dataset in datasets:
        with lzma.open(dataset_path(sources, dataset), "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                yield dataset, row["id"], row["text"]


def read_texts(sources: Path, wanted: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """The texts of ``{dataset: {ids}}``, each file read once; ids that are not found are simply absent."""
    found: dict[tuple[str, str], str] = {}
    for dataset, ids in wanted.items():
        if not ids:
            continue
        if dataset == TREEBANK:
            sentences = treebank_sentences(str(sources / TREEBANK))
            found.update({(dataset, i): sentences[i] for i in ids if i in sentences})
            continue
        remaining = set(ids)
        with lzma.open(dataset_path(sources, dataset), "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["id"] in remaining:
                    found[(dataset, row["id"])] = row["text"]
                    remaining.discard(row["id"])
                    if not remaining:
                        break
    return found


@lru_cache(maxsize=2)
def treebank_sentences(treebank_dir: str) -> dict[str, str]:
    """``sent_id -> # text`` of every sentence of the UD VTB treebank's three parts."""
    from .vtb import read_sentences

    folder = Path(treebank_dir)
    if not folder.is_dir():
        raise SourceError(f"the UD VTB treebank is missing: expected {folder}")
    sentences: dict[str, str] = {}
    for part in ("train", "dev", "test"):
        path = folder / f"vi_vtb-ud-{part}.conllu"
        if not path.exists():
            raise SourceError(f"the UD VTB treebank is missing its {part} part: expected {path}")
        sentences.update(read_sentences(path))
    return sentences
