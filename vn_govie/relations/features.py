"""Features of a candidate pair: labels, order, distance, what lies between, and cue words.

A linear model over these sees what an annotator looks at: ``chủ trì`` between a
person and a meeting, ``của`` between a document and a body, a comma list of
titles before a name, another entity of the same type in between.
"""

from __future__ import annotations

from spacy.tokens import Span

CUES = (
    "chủ trì", "đồng chủ trì", "dự", "tham dự", "cùng dự", "phát biểu", "khai mạc", "bế mạc", "kết luận",
    "báo cáo", "tổ chức", "họp", "của", "với", "giải ngân", "bố trí", "phân bổ", "tổng mức đầu tư", "vốn",
    "ngày", "tại", "ở", "thuộc", "ban hành", "thông qua", "theo", "đạt", "kế hoạch", "và", "cho", "do",
)
PUNCT = (",", ";", ":", "-", "–", "(", ")", ".", "“", "”", '"')


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


def pair_features(head: Span, tail: Span) -> dict[str, float]:
    """Sparse features of one ordered pair of entities of the same sentence."""
    doc = head.doc
    first, second = (head, tail) if head.start < tail.start else (tail, head)
    between = doc[first.end : second.start]
    words = [t.norm_ for t in between if not t.is_space]
    text_between = " " + " ".join(words) + " "
    types = f"{head.label_}>{tail.label_}"
    order = "head_first" if head.start < tail.start else "tail_first"
    f: dict[str, float] = {
        f"types={types}": 1.0,
        f"order={types}|{order}": 1.0,
        f"dist={types}|{order}|{_bucket(len(words))}": 1.0,
    }
    ents_between = [e for e in doc.ents if e.start >= first.end and e.end <= second.start]
    f[f"n_ents_between={types}|{_bucket(len(ents_between))}"] = 1.0
    for e in ents_between:
        f[f"ent_between={types}|{e.label_}"] = 1.0
    if any(e.label_ == head.label_ for e in ents_between):
        f[f"same_head_type_between={types}"] = 1.0
    if any(e.label_ == tail.label_ for e in ents_between):
        f[f"same_tail_type_between={types}"] = 1.0
    if not words:
        f[f"adjacent={types}|{order}"] = 1.0
    for w in words[:6]:
        f[f"w_between={types}|{w}"] = 1.0
    for w in words[-3:]:
        f[f"w_between_end={types}|{w}"] = 1.0
    for cue in CUES:
        if f" {cue} " in text_between:
            f[f"cue={types}|{order}|{cue}"] = 1.0
    for p in PUNCT:
        if p in words:
            f[f"punct={types}|{p}"] = 1.0
    sent = head.sent if doc.has_annotation("SENT_START") else doc[:]
    left = doc[max(sent.start, first.start - 3) : first.start]
    right = doc[second.end : min(sent.end, second.end + 3)]
    for t in left:
        f[f"before_first={types}|{t.norm_}"] = 1.0
    for t in right:
        f[f"after_second={types}|{t.norm_}"] = 1.0
    sentence_words = " " + " ".join(t.norm_ for t in sent) + " "
    for cue in ("chủ trì", "đồng chủ trì", "tham dự", "cùng dự", "giải ngân", "tổ chức"):
        if f" {cue} " in sentence_words:
            f[f"cue_in_sentence={types}|{cue}"] = 1.0
    f[f"head_text={head.label_}|{head.text.lower()}"] = 1.0 if head.label_ in ("POSITION", "EVENT") else 0.0
    f[f"tail_text={tail.label_}|{tail.text.lower()}"] = 1.0 if tail.label_ in ("POSITION", "EVENT") else 0.0
    return {k: v for k, v in f.items() if v}
