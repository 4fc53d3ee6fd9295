"""Select real news articles about the work of party and state bodies for annotation.

The pool is ``news/*.jsonl.xz`` of the outside data folder (see ``sources``). An
article is kept when it reads as government work: it names at least two kinds of
body (UBND, HĐND, ministries, departments, party committees, the National
Assembly ...) and at least one kind of activity (a meeting, an election or
appointment, a budget, public investment, a project, a resolution or decision,
an inspection). Near-duplicates (the same story from two outlets) are grouped by
shingles of their opening words; one article per group is chosen, and the group
decides the split, so no story is in two splits. The choice is spread over
provinces (the one an article names most), over the central ministries and over
the years of the pool, and is deterministic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..text.sentences import sentence_spans
from ..text.places import PROVINCES, province_counts
from .sources import NEWS_DATASETS, iter_news
from .standoff import text_sha

BODY_CUES = {
    "ubnd": r"\bUBND\b|[UỦ]y ban nhân dân|[UỦ]ỷ ban nhân dân|Ủy ban nhân dân",
    "hdnd": r"\bHĐND\b|Hội đồng nhân dân",
    "party": r"[Tt]ỉnh [uủ][yỷ]|[Tt]hành [uủ][yỷ]|[Hh]uyện [uủ][yỷ]|[Qq]uận [uủ][yỷ]|Đảng [uủ][yỷ]|Ban Thường vụ|Ban Chấp hành|Bộ Chính trị|Ban Bí thư",
    "ministry": r"\bBộ (?:[A-ZĐ][\wÀ-ỹ]*)",
    "department": r"\bSở (?:[A-ZĐ][\wÀ-ỹ]*)",
    "assembly": r"Quốc hội|Ủy ban Thường vụ Quốc hội|Chính phủ|Thủ tướng",
    "front": r"Mặt trận Tổ quốc|MTTQ",
}
ACTIVITY_CUES = {
    "meeting": r"[Hh]ội nghị|[Kk]ỳ họp|[Đđ]ại hội|[Pp]hiên họp|[Bb]uổi làm việc|[Cc]uộc họp|[Hh]ọp báo|[Gg]iao ban",
    "personnel": r"[Bb]ổ nhiệm|[Bb]ầu (?:giữ|bổ sung|làm|ông|bà)|[Mm]iễn nhiệm|[Đđ]iều động|[Pp]hê chuẩn|trúng cử",
    "budget": r"[Nn]gân sách|[Dd]ự toán|[Tt]hu chi",
    "investment": r"[Gg]iải ngân|[Đđ]ầu tư công|[Vv]ốn đầu tư|[Bb]ố trí vốn|[Kk]ế hoạch vốn|tổng mức đầu tư",
    "project": r"[Dd]ự án|[Cc]ông trình|[Cc]hương trình mục tiêu",
    "document": r"[Nn]ghị quyết|[Nn]ghị định|[Qq]uyết định số|[Cc]hỉ thị|[Tt]hông tư|[Kk]ế hoạch số|[Đđ]ề án",
    "inspection": r"[Tt]hanh tra|[Kk]iểm tra|[Kk]iểm toán|[Gg]iám sát",
}
# Crime, accident, sport and entertainment stories name police and courts, not the work of bodies.
OFF_TOPIC = re.compile(
    r"ma tu[ýy]|trộm|cướp|giết|án mạng|tai nạn|bóng đá|cầu thủ|ca sĩ|diễn viên|hoa hậu|showbiz|xổ số|"
    r"tử vong|hiếp dâm|đâm chết|truy nã|bị can|bị cáo|con giáp|tử vi|World Cup|V-League"
)
_BODY = {k: re.compile(v) for k, v in BODY_CUES.items()}
_ACTIVITY = {k: re.compile(v) for k, v in ACTIVITY_CUES.items()}

_YEAR = re.compile(r"(?<!\d)(201[5-9]|2020)(?!\d)")
CENTRAL = "central"

MIN_LINES, MAX_LINES = 5, 30
MIN_CHARS, MAX_CHARS = 900, 5000


@dataclass
class Candidate:
    """A pool article that reads as government work, with what the spread is drawn on."""

    dataset: str
    id: str
    sha: str
    province: str
    year: int | None
    sentences: int
    score: int
    shingles: frozenset[int]

    @property
    def group_key(self) -> str:
        return self.province


def province_of(text: str) -> str:
    """The province the article names most, or ``central`` when a ministry or the Government leads and none is named."""
    counts = province_counts(text)
    return counts.most_common(1)[0][0] if counts else CENTRAL


def year_of(dataset: str, text: str) -> int | None:
    """The latest year 2015-2020 the article mentions (Dân trí's 2020 set is of 2020)."""
    if dataset == "dantri-2020":
        return 2020
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def shingles(text: str, n: int = 6, limit: int = 80) -> frozenset[int]:
    """Hashed word ``n``-grams of the article's opening ``limit`` words, for near-duplicate detection."""
    words = re.findall(r"\w+", text.lower())[:limit]
    return frozenset(zlib.crc32(" ".join(words[i : i + n]).encode()) for i in range(max(0, len(words) - n + 1)))


def government_score(text: str) -> int:
    """How many kinds of body and of activity the article names; 0 when it is off topic or too few."""
    head = text[:1500]
    if OFF_TOPIC.search(head):
        return 0
    bodies = sum(1 for r in _BODY.values() if r.search(text))
    activities = sum(1 for r in _ACTIVITY.values() if r.search(text))
    if bodies < 2 or activities < 2:
        return 0
    return bodies + activities


def _usable_length(text: str) -> bool:
    return MIN_CHARS <= len(text) <= MAX_CHARS and MIN_LINES <= text.count("\n") + 1 <= MAX_LINES


def _candidate(dataset: str, doc_id: str, text: str, score: int) -> Candidate:
    return Candidate(dataset, doc_id, text_sha(text), province_of(text), year_of(dataset, text),
                     len(sentence_spans(text)), score, shingles(text))


def candidates(sources: Path, datasets: Iterable[str] = NEWS_DATASETS) -> Iterator[Candidate]:
    """Every pool article of a usable length that reads as government work."""
    for dataset, doc_id, text in iter_news(sources, datasets):
        if _usable_length(text) and (score := government_score(text)):
            yield _candidate(dataset, doc_id, text, score)


def _stable(key: str) -> int:
    return int(hashlib.md5(key.encode()).hexdigest()[:12], 16)


def split_of(cluster: str) -> str:
    """Fixed per story group: about 20 % test, 14 % dev, the rest train."""
    r = _stable("split:" + cluster) % 100
    return "test" if r < 20 else "dev" if r < 34 else "train"


def select(pool: Iterable[Candidate], n: int, exclude: Iterable[frozenset[int]] = (),
           per_group: int | None = None) -> list[tuple[Candidate, str]]:
    """``n`` articles spread round-robin over provinces (and the central level), one per story group.

    Returns ``(candidate, split)``. Articles whose opening shares three or more
    shingles with an excluded text (the seed articles) or with an article already
    chosen are skipped, so near-duplicates never land in two splits.
    """
    by_group: dict[str, list[Candidate]] = defaultdict(list)
    for c in pool:
        by_group[c.group_key].append(c)
    for group in by_group.values():
        # Best-scoring first, years interleaved so every year of the pool is drawn.
        group.sort(key=lambda c: (-min(c.score, 8), _stable(c.id)))
        by_year: dict[int | None, list[Candidate]] = defaultdict(list)
        for c in group:
            by_year[c.year].append(c)
        group[:] = [c for batch in _interleave(list(by_year.values())) for c in batch]
    seen: dict[int, str] = {}
    for ex in exclude:
        for s in ex:
            seen[s] = "excluded"
    chosen: list[tuple[Candidate, str]] = []
    taken: Counter[str] = Counter()
    order = sorted(by_group, key=lambda g: _stable(g))
    cursors = {g: 0 for g in order}
    while len(chosen) < n and any(cursors[g] < len(by_group[g]) for g in order):
        for g in order:
            if len(chosen) >= n:
                break
            if per_group is not None and taken[g] >= per_group:
                continue
            while cursors[g] < len(by_group[g]):
                c = by_group[g][cursors[g]]
                cursors[g] += 1
                hits = Counter(seen[s] for s in c.shingles if s in seen)
                if hits and hits.most_common(1)[0][1] >= 3:
                    continue
                for s in c.shingles:
                    seen.setdefault(s, c.id)
                chosen.append((c, split_of(c.id)))
                taken[g] += 1
                break
    return chosen


def _interleave(lists: list[list[Candidate]]) -> Iterator[list[Candidate]]:
    for i in range(max((len(x) for x in lists), default=0)):
        yield [x[i] for x in lists if i < len(x)]


SELECTION_COLUMNS = ("id", "dataset", "sha", "split", "province", "year", "sentences")


def write_selection(chosen: list[tuple[Candidate, str]], path: Path) -> None:
    """The fixed list of selected articles (ids and hashes only, never text), one a line."""
    rows = ["\t".join(SELECTION_COLUMNS)]
    for c, split in chosen:
        rows.append("\t".join((c.id, c.dataset, c.sha, split, c.province, str(c.year or ""), str(c.sentences))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def read_selection(path: Path) -> list[dict[str, str]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


def write_drafts(selection: list[dict[str, str]], sources: Path, out_dir: Path, batch_size: int = 20,
                 pre_annotate: bool = True, model: str | Path | None = None) -> list[Path]:
    """Markup batches of the selected articles for annotators, pre-annotated by the shipped pipeline.

    The files hold outside text: write them outside the repository's tracked
    files (``build/`` is ignored by git).
    """
    from .markup import to_markup
    from .records import Document, Entity, Relation
    from .sources import read_texts

    wanted: dict[str, set[str]] = defaultdict(set)
    for row in selection:
        wanted[row["dataset"]].add(row["id"])
    texts = read_texts(sources, wanted)
    docs = []
    for row in selection:
        text = texts[(row["dataset"], row["id"])]
        if text_sha(text) != row["sha"]:
            raise ValueError(f"{row['id']}: the source text changed since it was selected")
        docs.append(Document(row["id"], text, {"split": row["split"], "source": row["dataset"]}))
    if pre_annotate:
        from ..api import extract_many

        for doc, result in zip(docs, extract_many((d.text for d in docs), model=model)):
            doc.entities = [Entity(e.id, e.start, e.end, e.label) for e in result.entities]
            doc.relations = [Relation(r.head, r.tail, r.label) for r in result.relations]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for b in range(0, len(docs), batch_size):
        path = out_dir / f"news-{b // batch_size:03d}.md"
        path.write_text("\n".join(to_markup(d) for d in docs[b : b + batch_size]), encoding="utf-8")
        paths.append(path)
    return paths


# Sentences that state a chair of a meeting, or a disbursement: the relations the
# general selection finds too rarely (CHAIRS, DISBURSED). A sentence states one when
# every pattern of its label matches.
_DISBURSED_AMOUNT = re.compile(r"(?i)giải ngân[^.\n]{0,200}\d[\d.,]* ?(?:tỷ|triệu|nghìn tỷ|%)"
                               r"|\d[\d.,]* ?(?:tỷ|triệu|%)[^.\n]{0,100}giải ngân")
RELATION_CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    "CHAIRS": (re.compile(r"(?i)(?:đồng )?chủ trì(?=[^.\n]{0,120}(?:hội nghị|cuộc họp|buổi làm việc|phiên họp|"
                          r"kỳ họp|hội thảo|buổi tiếp|lễ|đoàn|cuộc làm việc))|(?:hội nghị|cuộc họp|phiên họp|kỳ họp|"
                          r"buổi làm việc|hội thảo)[^.\n]{0,120}chủ trì"),),
    # a work as the head: `dự án X đã giải ngân N tỷ đồng`
    "DISBURSED": (_DISBURSED_AMOUNT, re.compile(r"(?i)dự án|công trình|gói thầu|tuyến|đường|cầu")),
    # any head, a body or a province included: `Tỉnh X giải ngân N tỷ đồng, đạt M%`
    "DISBURSED_ANY_HEAD": (_DISBURSED_AMOUNT,),
}


def relation_cue_count(text: str, label: str) -> int:
    """How many sentences of ``text`` state a ``label`` relation by its cue (``RELATION_CUES``)."""
    cues = RELATION_CUES[label]
    text = unicodedata.normalize("NFC", text)
    return sum(1 for s in re.split(r"(?<=[.!?])\s+|\n", text) if all(c.search(s) for c in cues))


def select_relation_rich(sources: Path, label: str, n: int, exclude: Iterable[frozenset[int]] = (),
                         min_cues: int = 2) -> list[tuple[Candidate, str]]:
    """``n`` government articles with at least ``min_cues`` sentences stating ``label``, richest first.

    The same filters as ``candidates`` and the same spread, near-duplicate and split
    rules as ``select``; used to extend the corpus where the general selection left a
    relation label rare.
    """
    pool = []
    for dataset, doc_id, text in iter_news(sources, NEWS_DATASETS):
        if _usable_length(text) and (cues := relation_cue_count(text, label)) >= min_cues and government_score(text):
            pool.append(_candidate(dataset, doc_id, text, cues))
    return select(pool, n, exclude=exclude)
