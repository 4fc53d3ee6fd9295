"""CoNLL BIO files at syllable or word level, written so that reading them back restores text and offsets exactly.

Layout written::

    # doc_id = seed-000
    # level = word
    # meta = {"split": "train", ...}
    # doc_text = "<the whole text as a JSON string>"
    # text = <exact sentence text>
    # start = <offset of the sentence in the document>
    Nguyễn_Thị_Tuyến<TAB>B-PERSON
    ...
    <blank line between sentences>

Word-level tokens have each whitespace character inside the word written as
``_``. Relations and entity values cannot be expressed in BIO tags and are
dropped.

Reading a file without these comments (plain CoNLL from elsewhere, tab- or
space-separated, token in the first column and tag in the last) rebuilds each
document by joining the tokens of a sentence with single spaces and sentences
with ``\\n``; a ``-DOCSTART-`` line starts a new document, otherwise the file is
one document named after it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ...text.sentences import sentence_spans
from ..records import Document
from .assemble import document_from_spans
from .tokens import bio_tags, entity_boundaries, syllable_tokens, word_tokens

LEVELS = ("syllable", "word")
_COMMENT = re.compile(r"#\s*([\w ]+?)\s*=\s?(.*)$")
_TAG = re.compile(r"^(O|[BIESLU]-.+)$")
_WHITESPACE = re.compile(r"\s")


def _tokens(text: str, boundaries: list[int], level: str) -> list[tuple[int, int]]:
    if level not in LEVELS:
        raise ValueError(f"unknown CoNLL level {level!r}, expected one of {', '.join(LEVELS)}")
    return word_tokens(text, boundaries) if level == "word" else syllable_tokens(text, boundaries)


def document_lines(doc: Document, level: str = "syllable") -> list[str]:
    """The lines (without newlines) of one document in the layout above."""
    spans = _tokens(doc.text, entity_boundaries(doc.entities), level)
    tags = bio_tags(spans, doc.entities)
    lines = [
        f"# doc_id = {doc.id}",
        f"# level = {level}",
        f"# meta = {json.dumps(doc.meta, ensure_ascii=False)}",
        f"# doc_text = {json.dumps(doc.text, ensure_ascii=False)}",
    ]
    k = 0
    for s_start, s_end in sentence_spans(doc.text):
        lines += [f"# text = {doc.text[s_start:s_end]}", f"# start = {s_start}"]
        while k < len(spans) and spans[k][0] < s_end:
            a, b = spans[k]
            lines.append(f"{_WHITESPACE.sub('_', doc.text[a:b])}\t{tags[k]}")
            k += 1
        lines.append("")
    return lines


def write_conll(documents: Iterable[Document], path: str | Path, level: str = "syllable") -> None:
    """Write documents as CoNLL BIO at ``level`` (``"syllable"`` or ``"word"``)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for doc in documents:
            fh.write("\n".join(document_lines(doc, level)) + "\n")


@dataclass
class _Sentence:
    text: str | None = None
    start: int | None = None
    rows: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass
class _Block:
    doc_id: str | None = None
    header: dict[str, str] = field(default_factory=dict)
    sentences: list[_Sentence] = field(default_factory=list)

    def empty(self) -> bool:
        return self.doc_id is None and not self.header and not any(s.rows for s in self.sentences)


def _is_comment(line: str) -> bool:
    """``#`` lines are comments, except token rows for a token starting with ``#`` (no space in the token)."""
    if not line.startswith("#"):
        return False
    if "\t" in line:
        fields = line.split("\t")
        return not (_TAG.match(fields[-1].strip()) and not any(ch.isspace() for ch in fields[0]))
    if _COMMENT.match(line):
        return True
    fields = line.split()
    return not (len(fields) >= 2 and fields[0] == "#" and _TAG.match(fields[-1]))


def _parse(lines: list[str]) -> list[_Block]:
    blocks = [_Block()]
    ended = True
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if not line.strip():
            ended = True
            continue
        block = blocks[-1]
        if _is_comment(line):
            m = _COMMENT.match(line)
            if not m:
                continue
            key, value = m.group(1).strip().replace(" ", "_"), m.group(2)
            if key in ("doc_id", "newdoc_id"):
                if not block.empty():
                    blocks.append(block := _Block())
                block.doc_id = value.strip()
                ended = True
            elif key in ("text", "start"):
                if ended or not block.sentences or block.sentences[-1].rows:
                    block.sentences.append(_Sentence())
                    ended = False
                sent = block.sentences[-1]
                if key == "text":
                    sent.text = value
                else:
                    sent.start = _start(value, lineno, block.sentences[:-1])
            elif not block.sentences:
                block.header[key] = value
            continue
        fields = [f.strip() for f in line.split("\t")] if "\t" in line else line.split()
        if fields[0] == "-DOCSTART-":
            if not block.empty():
                blocks.append(_Block())
            ended = True
            continue
        if ended or not block.sentences:
            block.sentences.append(_Sentence())
            ended = False
        tag = fields[-1] if len(fields) > 1 else "O"
        block.sentences[-1].rows.append((fields[0], tag, lineno))
    return [b for b in blocks if not b.empty()]


# Sentences of one document are separated by whitespace: a ``# start`` further than this past
# the previous sentence's end is not an offset of that document (and would make the reader
# allocate a text of that size).
MAX_GAP = 10_000


def _start(value: str, lineno: int, previous: list[Any]) -> int:
    """A ``# start`` offset, checked against the sentences read before it."""
    try:
        start = int(value)
    except ValueError:
        raise ValueError(f"line {lineno}: '# start = {value.strip()}' is not an offset") from None
    end = 0
    for sent in previous:
        if sent.start is not None and sent.text is not None:
            end = max(end, sent.start + len(sent.text))
    if start < end:
        raise ValueError(f"line {lineno}: '# start = {start}' goes back before the end of the previous sentence ({end})")
    if start - end > MAX_GAP:
        raise ValueError(f"line {lineno}: '# start = {start}' leaves a gap of {start - end} characters after the "
                         f"previous sentence (at most {MAX_GAP})")
    return start


def _match(text: str, pos: int, token: str) -> int | None:
    """End offset of ``token`` found at ``pos`` (``_`` also matches whitespace), or ``None``."""
    end = pos + len(token)
    if end > len(text):
        return None
    for ch, want in zip(text[pos:end], token):
        if ch != want and not (want == "_" and ch.isspace()):
            return None
    return end


def _decode(tags: list[str], spans: list[tuple[int, int]], breaks: set[int]) -> list[tuple[int, int, str]]:
    """Entities from BIO (also IOB1, IO and BIOES/BILOU) tags; an entity never continues across ``breaks``."""
    out: list[list[Any]] = []
    current: list[Any] | None = None
    for k, (tag, (a, b)) in enumerate(zip(tags, spans)):
        if k in breaks:
            current = None
        if tag in ("O", "_", "-"):
            current = None
            continue
        prefix, sep, label = tag.partition("-")
        if not sep or prefix not in ("B", "I", "E", "L", "S", "U"):
            prefix, label = "I", tag
        if prefix in ("I", "E", "L") and current is not None and current[2] == label:
            current[1] = b
        else:
            current = [a, b, label]
            out.append(current)
        if prefix in ("E", "L", "S", "U"):
            current = None
    return [(a, b, label) for a, b, label in out]


def _exact_text(block: _Block) -> str | None:
    if "doc_text" in block.header:
        return json.loads(block.header["doc_text"])
    if block.sentences and all(s.text is not None and s.start is not None for s in block.sentences):
        size = max(s.start + len(s.text) for s in block.sentences)  # type: ignore[operator]
        chars = [" "] * size
        for s in block.sentences:
            chars[s.start : s.start + len(s.text)] = s.text  # type: ignore[operator]
        return "".join(chars)
    return None


def _block_document(block: _Block, doc_id: str, level: str) -> Document:
    text = _exact_text(block)
    spans: list[tuple[int, int]] = []
    tags: list[str] = []
    breaks: set[int] = set()
    if text is not None:
        pos = 0
        for sent in block.sentences:
            if sent.start is not None:
                pos = sent.start
            for token, tag, lineno in sent.rows:
                while pos < len(text) and text[pos].isspace():
                    pos += 1
                end = _match(text, pos, token)
                if end is None:
                    raise ValueError(f"{doc_id}, line {lineno}: token {token!r} does not match the text at offset {pos}")
                spans.append((pos, end))
                tags.append(tag)
                pos = end
    else:
        parts: list[str] = []
        offset = 0
        for sent in block.sentences:
            if not sent.rows:
                continue
            if parts:
                parts.append("\n")
                offset += 1
            breaks.add(len(spans))
            for i, (token, tag, _) in enumerate(sent.rows):
                if i:
                    parts.append(" ")
                    offset += 1
                word = token.replace("_", " ") if level == "word" else token
                parts.append(word)
                spans.append((offset, offset + len(word)))
                tags.append(tag)
                offset += len(word)
        text = "".join(parts)
    meta = json.loads(block.header["meta"]) if "meta" in block.header else {}
    ents = [(n, a, b, label, {}) for n, (a, b, label) in enumerate(_decode(tags, spans, breaks))]
    return document_from_spans(doc_id, text, meta, ents)


def read_conll(path: str | Path, level: str | None = None) -> list[Document]:
    """Documents of a CoNLL BIO file; ``level`` (else the file's ``# level`` comment, else syllable)
    only matters for plain files, where word-level ``_`` become spaces."""
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    blocks = _parse(lines)
    docs = []
    for n, block in enumerate(blocks):
        doc_id = block.doc_id or (path.stem if len(blocks) == 1 else f"{path.stem}-{n}")
        docs.append(_block_document(block, doc_id, level or block.header.get("level", "syllable").strip()))
    return docs
