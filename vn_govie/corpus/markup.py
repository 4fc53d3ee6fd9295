"""The inline markup annotators write (``docs/markup-format.md``), parsed into gold documents.

``[Nguyễn Thị Tuyến]{PERSON:p1}`` marks a span; ``>>> p1 CHAIRS e1`` a relation.
When the original text is known (seed articles, treebank sentences) the plain
text is aligned to it character by character, so an annotator's slip in copying
never shifts an offset: every span must slice the same surface from the original.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..schema import ENTITY_LABELS
from .records import Document, Entity, Relation
from .values import entity_values

ENTITY_MARK = re.compile(r"\[([^\[\]\n]+?)\]\{([A-Za-z_]+)(?::([A-Za-z0-9_]+))?\}")
STRAY_MARK = re.compile(r"\]\{|\{[A-Z_]{3,}[:}]")
RELATION_LINE = re.compile(r"^>>>\s*(\S+)\s+(\S+)\s+(\S+)\s*$")
HEADER = re.compile(r"^###\s*doc\s+(\S+)\s*$")
META = re.compile(r"^#(split|source|synthetic):\s*(.*?)\s*$")


class MarkupError(ValueError):
    """A problem in a markup file, with the line it is on."""


@dataclass
class MarkupDocument:
    id: str
    line: int
    meta: dict = field(default_factory=dict)
    text_lines: list[tuple[int, str]] = field(default_factory=list)
    relation_lines: list[tuple[int, str]] = field(default_factory=list)


def split_documents(source: str) -> list[MarkupDocument]:
    """Cut a markup file into its documents (header, metadata, text lines, relation lines)."""
    docs: list[MarkupDocument] = []
    for n, line in enumerate(source.split("\n"), start=1):
        if m := HEADER.match(line):
            docs.append(MarkupDocument(m.group(1), n))
            continue
        if not docs:
            if line.strip():
                raise MarkupError(f"line {n}: text before the first '### doc <id>' header")
            continue
        doc = docs[-1]
        if (m := META.match(line)) and not doc.text_lines:
            doc.meta[m.group(1)] = m.group(2)
        elif line.startswith(">>>"):
            doc.relation_lines.append((n, line))
        else:
            doc.text_lines.append((n, line))
    for doc in docs:
        while doc.text_lines and not doc.text_lines[0][1].strip():
            doc.text_lines.pop(0)
        while doc.text_lines and not doc.text_lines[-1][1].strip():
            doc.text_lines.pop()
    return docs


def _align(plain: str, original: str) -> tuple[list[int | None], int]:
    """Map each offset of ``plain`` (and its end) to ``original``; also count changed characters."""
    mapping: list[int | None] = [None] * (len(plain) + 1)
    changed = 0
    matcher = difflib.SequenceMatcher(None, plain, original, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                mapping[i1 + k] = j1 + k
        else:
            changed += max(i2 - i1, j2 - j1)
            if i2 - i1 == j2 - j1:  # same-length replacement (a hair space typed as a space)
                for k in range(i2 - i1):
                    mapping[i1 + k] = j1 + k
    mapping[len(plain)] = len(original)
    return mapping, changed


def _same_surface(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def parse_document(md: MarkupDocument, original: str | None = None, doc_year: int | None = None) -> tuple[Document, list[str]]:
    """Build a gold ``Document`` from one markup document; returns it with the problems met."""
    problems: list[str] = []
    plain_parts: list[str] = []
    spans: list[tuple[int, int, str, str | None, int]] = []
    pos = 0
    for i, (n, line) in enumerate(md.text_lines):
        if i:
            plain_parts.append("\n")
            pos += 1
        last = 0
        for m in ENTITY_MARK.finditer(line):
            before = line[last : m.start()]
            plain_parts.append(before)
            pos += len(before)
            surface, label, key = m.group(1), m.group(2), m.group(3)
            if label not in ENTITY_LABELS:
                problems.append(f"line {n}: unknown label {label!r} on {surface!r}")
            spans.append((pos, pos + len(surface), label, key, n))
            plain_parts.append(surface)
            pos += len(surface)
            last = m.end()
        rest = line[last:]
        plain_parts.append(rest)
        pos += len(rest)
        stripped = ENTITY_MARK.sub("", line)
        if STRAY_MARK.search(stripped) or re.search(r"\[[^\]\n]*\]\{", stripped):
            problems.append(f"line {n}: malformed markup near {STRAY_MARK.search(stripped).group(0) if STRAY_MARK.search(stripped) else stripped[:40]!r}")
    plain = "".join(plain_parts)

    text = plain
    if original is not None:
        text = original
        if plain != original:
            mapping, changed = _align(plain, original)
            problems_before = len(problems)
            remapped = []
            for start, end, label, key, n in spans:
                s, e = mapping[start], mapping[end]
                if s is None or e is None or not _same_surface(plain[start:end], original[s:e]):
                    problems.append(f"line {n}: span {plain[start:end]!r} does not match the original text")
                    continue
                remapped.append((s, e, label, key, n))
            spans = remapped
            if changed > 20 and len(problems) == problems_before:
                problems.append(f"the text differs from the original in {changed} characters (offsets were realigned)")

    entities: list[Entity] = []
    keys: dict[str, int] = {}
    for idx, (start, end, label, key, n) in enumerate(sorted(spans)):
        ent = Entity(idx, start, end, label)
        try:
            ent.attrs.update(entity_values(text, ent, doc_year))
        except ValueError as err:
            problems.append(f"line {n}: {err}")
        if key:
            if key in keys:
                problems.append(f"line {n}: key {key!r} is used twice")
            keys[key] = idx
        entities.append(ent)

    relations: list[Relation] = []
    for n, line in md.relation_lines:
        m = RELATION_LINE.match(line)
        if not m:
            problems.append(f"line {n}: a relation line is '>>> <head key> <LABEL> <tail key>'")
            continue
        head, label, tail = m.groups()
        if head not in keys or tail not in keys:
            missing = [k for k in (head, tail) if k not in keys]
            problems.append(f"line {n}: unknown key {', '.join(missing)}")
            continue
        relations.append(Relation(keys[head], keys[tail], label))
    return Document(md.id, text, dict(md.meta), entities, relations), problems


def parse_file(path: str | Path, originals: dict[str, str] | None = None) -> tuple[list[Document], list[str]]:
    """Parse every document of a markup file; problems are prefixed with the file name."""
    path = Path(path)
    docs: list[Document] = []
    problems: list[str] = []
    try:
        markup_docs = split_documents(path.read_text(encoding="utf-8"))
    except MarkupError as err:
        return [], [f"{path}: {err}"]
    if hasattr(originals, "prefetch"):
        originals.prefetch(md.id for md in markup_docs)
    for md in markup_docs:
        original = (originals or {}).get(md.id)
        doc, found = parse_document(md, original)
        docs.append(doc)
        problems.extend(f"{path}: {md.id}: {p}" for p in found)
    return docs, problems


def to_markup(doc: Document) -> str:
    """One document in inline markup: the inverse of ``parse_document`` for spans within a line.

    Entities in a relation get the key ``e<id>``; each relation line follows the
    line of its head entity. Used to hand drafts and built standoff documents to
    annotators; the markup holds the text, so it is written outside the repository
    for outside sources.
    """
    keyed = {r.head for r in doc.relations} | {r.tail for r in doc.relations}
    by_line: dict[int, list[Entity]] = {}
    line_starts = [0]
    for i, ch in enumerate(doc.text):
        if ch == "\n":
            line_starts.append(i + 1)
    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset) - 1

    for ent in sorted(doc.entities, key=lambda e: e.start):
        n = line_of(ent.start)
        if line_of(max(ent.start, ent.end - 1)) == n:
            by_line.setdefault(n, []).append(ent)
    head_line = {}
    for rel in doc.relations:
        ent = next((e for e in doc.entities if e.id == rel.head), None)
        if ent is not None:
            head_line.setdefault(line_of(ent.start), []).append(rel)
    out = [f"### doc {doc.id}"]
    for key in ("split", "source"):
        value = doc.meta.get(key)
        if isinstance(value, dict):
            value = " ".join(str(v) for v in value.values())
        if value:
            out.append(f"#{key}: {value}")
    labels = {e.id: e for e in doc.entities}
    for n, line in enumerate(doc.text.split("\n")):
        base, parts, last = line_starts[n], [], 0
        for ent in by_line.get(n, []):
            s, e = ent.start - base, ent.end - base
            if s < last:
                continue
            key = f":e{ent.id}" if ent.id in keyed else ""
            parts.append(line[last:s] + f"[{line[s:e]}]{{{ent.label}{key}}}")
            last = e
        out.append("".join(parts) + line[last:])
        for rel in head_line.get(n, []):
            if rel.head in labels and rel.tail in labels:
                out.append(f">>> e{rel.head} {rel.label} e{rel.tail}")
    return "\n".join(out) + "\n"
