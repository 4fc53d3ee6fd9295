"""Select in-domain sentences of the UD Vietnamese VTB treebank and group them into documents.

The UD Vietnamese VTB treebank (Nguyen et al. 2009, converted to Universal
Dependencies) is distributed under CC BY-SA 4.0; every document built here keeps
that attribution in its ``meta``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ATTRIBUTION = (
    "UD Vietnamese VTB treebank (Universal Dependencies, UD_Vietnamese-VTB), "
    "Nguyen et al. 2009, licence CC BY-SA 4.0"
)

# Government bodies, officials, money, projects and formal documents.
DOMAIN_CUES = re.compile(
    r"UBND|HĐND|[Uu][ỷỶ] ban|[Ủủ]y ban|Quốc hội|quốc hội|Chính phủ|chính phủ|[Bb]ộ trưởng|[Tt]hứ trưởng|"
    r"[Tt]hủ tướng|[Cc]hủ tịch|[Bb]í thư|[Gg]iám đốc|[Ss]ở [A-ZĐ]|[Bb]ộ [A-ZĐ]|[Tt]ỉnh [uủ][yỷ]|"
    r"[Tt]hành [uủ][yỷ]|[Hh]uyện [uủ][yỷ]|[Đđ]ảng [uủ][yỷ]|Trung ương|Đảng|[Vv]ụ trưởng|[Cc]ục trưởng|"
    r"tỷ đồng|triệu đồng|nghìn đồng|ngàn đồng|\bUSD\b|\busd\b|[Dd]ự án|[Cc]ông trình|[Nn]ghị quyết|"
    r"[Nn]ghị định|[Cc]hỉ thị|[Qq]uyết định số|[Hh]ội nghị|[Kk]ỳ họp|[Tt]hanh tra|[Cc]ông an|"
    r"[Vv]iện [Kk]iểm sát|[Tt]òa án|[Tt]oà án|[Nn]gân sách|[Đđ]ại biểu"
)

# The second selection ("vtbx-" documents): local officials, courts, police, companies and
# public works, with a proper noun in the sentence, among sentences the first cue list missed.
OFFICIAL_CUES = re.compile(
    r"[Tt]rưởng (?:phòng|ban|đoàn|công an|thôn|ấp)|[Pp]hó (?:giám đốc|chủ tịch|trưởng)|[Cc]hủ nhiệm|[Cc]án bộ|"
    r"[Đđ]ảng viên|[Cc]ông ty|[Tt]ổng công ty|[Nn]gân hàng|[Cc]ục |[Vv]iện |[Tt]òa |VKS|[Hh]ội đồng|[Hh]ội |"
    r"[Ss]ở |[Pp]hòng |[Bb]an |[Tt]rường |[Bb]ệnh viện|[Nn]hà nước|[Cc]hính quyền|[Tt]ỉnh |[Hh]uyện |[Xx]ã |"
    r"[Pp]hường |[Tt]hành phố|TP|đồng\b|[Tt]ỉ\b|[Tt]ỷ\b|[Cc]hương trình|[Đđ]ề án|[Cc]ầu |[Đđ]ường |[Nn]hà máy|"
    r"[Hh]ội thảo|[Hh]ọp|[Ll]ễ |[Đđ]ại hội"
)

MAX_GAP = 25
MAX_SENTENCES = 8


@dataclass
class VtbDocument:
    """Consecutive selected sentences of one treebank file."""

    id: str
    part: str
    sent_ids: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.sentences)


def read_sentences(path: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(sent_id, text)`` from a CoNLL-U file, numbering sentences that lack an id."""
    n = 0
    sent_id = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text"):
                n += 1
                text = line.split("=", 1)[1].strip()
                yield (sent_id or f"{path.stem}-s{n}"), text
                sent_id = None


def has_proper_noun(block: list[str]) -> bool:
    return any(line.split("\t")[3] == "PROPN" for line in block if line and not line.startswith("#"))


def read_sentence_blocks(path: Path) -> Iterator[tuple[str, str, bool]]:
    """``(sent_id, text, has a proper noun)`` for each sentence of a CoNLL-U file."""
    block: list[str] = []
    ids = iter(read_sentences(path))
    with open(path, encoding="utf-8") as fh:
        for line in list(fh) + ["\n"]:
            if line.strip():
                block.append(line.rstrip("\n"))
            elif block:
                sent_id, text = next(ids)
                yield sent_id, text, has_proper_noun(block)
                block = []


def _first_selection(text: str, has_propn: bool) -> bool:
    return bool(DOMAIN_CUES.search(text))


def _second_selection(text: str, has_propn: bool) -> bool:
    return not DOMAIN_CUES.search(text) and has_propn and bool(OFFICIAL_CUES.search(text))


def _third_selection(text: str, has_propn: bool) -> bool:
    return has_propn and not _first_selection(text, has_propn) and not _second_selection(text, has_propn)


def _fourth_selection(text: str, has_propn: bool) -> bool:
    return not has_propn and not _first_selection(text, has_propn) and not _second_selection(text, has_propn)


# id prefix -> (sentence test, treebank parts it draws from)
SELECTIONS = {
    "vtb": (_first_selection, ("train", "dev", "test")),
    "vtbx": (_second_selection, ("train", "dev", "test")),
    "vtby": (_third_selection, ("train",)),
    "vtbz": (_fourth_selection, ("train",)),
}


def select_documents(treebank_dir: Path, selection: str = "vtb") -> list[VtbDocument]:
    """Group selected sentences of each treebank part into documents of at most 8 sentences.

    ``vtb`` takes sentences with ``DOMAIN_CUES``; ``vtbx`` the sentences with a
    proper noun and ``OFFICIAL_CUES`` that the first missed; ``vtby`` every other
    sentence of the treebank's train part with a proper noun, so the trained model
    sees everyday news names and places written the treebank's way; ``vtbz`` the
    rest of the train part (no proper noun). Only train-part sentences are drawn
    for ``vtby`` and ``vtbz``, which keeps the dev and test splits as they were.
    The selection is also the id prefix of its documents.
    """
    keep, parts = SELECTIONS[selection]
    docs: list[VtbDocument] = []
    for part in parts:
        path = Path(treebank_dir) / f"vi_vtb-ud-{part}.conllu"
        current: VtbDocument | None = None
        last = -MAX_GAP - 1
        for i, (sent_id, text, has_propn) in enumerate(read_sentence_blocks(path)):
            if not keep(text, has_propn):
                continue
            if current is None or i - last > MAX_GAP or len(current.sentences) >= MAX_SENTENCES:
                current = VtbDocument(id=f"{selection}-{part}-{len([d for d in docs if d.part == part]):03d}", part=part)
                docs.append(current)
            current.sent_ids.append(sent_id)
            current.sentences.append(text)
            last = i
    return docs
