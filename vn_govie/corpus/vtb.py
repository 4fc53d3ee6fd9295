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


def select_documents(treebank_dir: Path) -> list[VtbDocument]:
    """Group in-domain sentences of each treebank part into documents of at most 8 sentences."""
    docs: list[VtbDocument] = []
    for part in ("train", "dev", "test"):
        path = Path(treebank_dir) / f"vi_vtb-ud-{part}.conllu"
        current: VtbDocument | None = None
        last = -MAX_GAP - 1
        for i, (sent_id, text) in enumerate(read_sentences(path)):
            if not DOMAIN_CUES.search(text):
                continue
            if current is None or i - last > MAX_GAP or len(current.sentences) >= MAX_SENTENCES:
                current = VtbDocument(id=f"vtb-{part}-{len([d for d in docs if d.part == part]):03d}", part=part)
                docs.append(current)
            current.sent_ids.append(sent_id)
            current.sentences.append(text)
            last = i
    return docs
