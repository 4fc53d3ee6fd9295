"""Find outside text in the repository: sentences of ``../shared/data`` that must never be committed.

Every sentence of the outside sources (news, Wikipedia, laws, the UD VTB
treebank) and every sentence of the files checked is normalised (lower case,
words only, single spaces) and compared; a sentence of 40 characters or more
found in both is a leak, unless it is also a sentence of the seed articles,
which the project may keep. Markup brackets and labels are removed before
comparing, and JSON files (JSON Lines, notebooks) are read for their strings.
"""

from __future__ import annotations

import json
import lzma
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..text.sentences import sentence_spans
from .sources import RAW_DATASETS, TREEBANK

MIN_CHARS = 40
_WORDS = re.compile(r"\w+")
_MARK = re.compile(r"\[([^\[\]\n]+?)\]\{[A-Za-z_]+(?::[A-Za-z0-9_]+)?\}")
TEXT_SUFFIXES = {".md", ".txt", ".py", ".cfg", ".toml", ".json", ".jsonl", ".ipynb", ".html", ".tsv", ".csv", ".rst", ".yml", ".yaml", ""}


@dataclass(frozen=True)
class Leak:
    path: str
    line: int
    sentence: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.sentence[:80]}"


def normalise(sentence: str) -> str:
    return " ".join(_WORDS.findall(unicodedata.normalize("NFC", sentence).lower()))


def sentence_keys(text: str) -> Iterator[str]:
    """The normalised form of every line and sentence of ``text`` that is long enough to compare."""
    for line in text.split("\n"):
        key = normalise(line)
        if len(key) >= MIN_CHARS:
            yield key
        for a, b in sentence_spans(line):
            key = normalise(line[a:b])
            if len(key) >= MIN_CHARS:
                yield key


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def file_texts(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` pieces of a file, markup removed and JSON strings unpacked."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return
    if path.suffix in (".json", ".ipynb"):
        try:
            yield from ((1, s) for s in _strings(json.loads(raw)))
            return
        except ValueError:
            pass
    for n, line in enumerate(raw.split("\n"), 1):
        if path.suffix == ".jsonl" and line.strip():
            try:
                yield from ((n, s) for s in _strings(json.loads(line)))
                continue
            except ValueError:
                pass
        yield n, _MARK.sub(r"\1", line)


def repository_files(root: Path) -> list[Path]:
    """The files git tracks (and untracked ones it does not ignore), or every file outside build folders."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=root, capture_output=True, check=True).stdout
        names = [n for n in out.decode("utf-8").split("\0") if n]
        return [root / n for n in names if (root / n).is_file()]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", "build", ".venv", "__pycache__", ".pytest_cache"}
        return [p for p in root.rglob("*") if p.is_file() and not skip & set(p.relative_to(root).parts)]


def source_texts(sources: Path) -> Iterator[str]:
    """Every text of the outside sources: articles, Wikipedia pages, laws, treebank sentences."""
    for rel in RAW_DATASETS.values():
        path = sources / rel
        if path.exists():
            with lzma.open(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line)["text"]
    for conllu in sorted((sources / TREEBANK).glob("*.conllu")):
        with open(conllu, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# text"):
                    yield line.split("=", 1)[1].strip()


def find_outside_text(files: Iterable[Path], sources: Path, root: Path, allowed: Iterable[str] = ()) -> list[Leak]:
    """Sentences of ``files`` that are also sentences of the outside sources (and not of an ``allowed`` text)."""
    where: dict[str, tuple[str, int, str]] = {}
    for path in files:
        if path.suffix not in TEXT_SUFFIXES:
            continue
        for n, text in file_texts(path):
            for key in sentence_keys(text):
                where.setdefault(key, (str(path.relative_to(root)), n, key))
    for text in allowed:
        for key in sentence_keys(text):
            where.pop(key, None)
    found: dict[str, Leak] = {}
    for text in source_texts(sources):
        for key in sentence_keys(text):
            if key in where and key not in found:
                path, n, sentence = where[key]
                found[key] = Leak(path, n, sentence)
    return sorted(found.values(), key=lambda leak: (leak.path, leak.line))
