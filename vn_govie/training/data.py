"""Gold documents as spaCy training docs: normalised text, the project tokenizer, one doc per sentence.

Training sees exactly what ``vn_govie.extract`` feeds the pipeline: the
normalised text (``vn_govie.text.normalize``) cut into sentences and tokenised by
underthesea. A gold span that does not fall on token boundaries (underthesea
glued it to a neighbour, under 1% of spans) is marked missing rather than
stretched, so the model is never taught a wrong boundary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import registry

from ..corpus.records import Document
from ..text.normalize import normalize
from ..text.sentences import sentence_spans

GOLD_RELATIONS = "gold_relations"


def sentence_docs(nlp: Language, document: Document) -> Iterator[tuple[Doc, int]]:
    """One spaCy doc per sentence of ``document`` with gold entities set; also yields misaligned-span counts.

    Gold relations between aligned entities are kept in ``doc.user_data["gold_relations"]``
    as ``(head start, head end, tail start, tail end, label)`` token offsets, so the
    relation model trains on the same docs as the NER.
    """
    clean = normalize(document.text)
    spans = []
    for ent in document.entities:
        cs = clean.clean_span(ent.start, ent.end)
        if cs is not None:
            spans.append((cs[0], cs[1], ent.label, ent.id))
    for s_start, s_end in sentence_spans(clean.text):
        doc = nlp.make_doc(clean.text[s_start:s_end])
        ents: list[Span] = []
        missing: list[Span] = []
        by_id: dict[int, Span] = {}
        for a, b, label, ent_id in spans:
            if a >= s_start and b <= s_end:
                span = doc.char_span(a - s_start, b - s_start, label=label)
                if span is None:
                    wide = doc.char_span(a - s_start, b - s_start, alignment_mode="expand")
                    if wide is not None:
                        missing.append(wide)
                else:
                    ents.append(span)
                    by_id[ent_id] = span
        taken = {i for span in ents for i in range(span.start, span.end)}
        free_missing = []
        for span in missing:
            if not taken.intersection(range(span.start, span.end)):
                free_missing.append(span)
                taken.update(range(span.start, span.end))
        doc.set_ents(ents, missing=free_missing, default="outside")
        doc.user_data["doc_id"] = document.id
        doc.user_data["synthetic"] = bool(document.meta.get("synthetic"))
        doc.user_data[GOLD_RELATIONS] = [
            (by_id[r.head].start, by_id[r.head].end, by_id[r.tail].start, by_id[r.tail].end, r.label)
            for r in document.relations
            if r.head in by_id and r.tail in by_id
        ]
        yield doc, len(missing)


def to_training_docbin(nlp: Language, documents: Iterable[Document]) -> tuple[DocBin, int, int]:
    """A DocBin of sentence docs; returns it with the number of sentences and of spans marked missing."""
    db = DocBin(store_user_data=True)
    n_docs = n_missing = 0
    for document in documents:
        for doc, missing in sentence_docs(nlp, document):
            db.add(doc)
            n_docs += 1
            n_missing += missing
    return db, n_docs, n_missing


def write_training_data(nlp: Language, documents: list[Document], out_dir: str | Path) -> dict[str, dict[str, int]]:
    """Write ``train.spacy``, ``dev.spacy`` and ``test.spacy`` by the documents' ``meta.split``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stats: dict[str, dict[str, int]] = {}
    for split in ("train", "dev", "test"):
        db, n, missing = to_training_docbin(nlp, [d for d in documents if d.split == split])
        db.to_disk(out / f"{split}.spacy")
        stats[split] = {"sentences": n, "missing_spans": missing}
    return stats


class PretokenizedCorpus:
    """Training examples whose predicted side reuses the stored tokens and tags.

    The docs in the ``.spacy`` files were made by the project tokenizer, so the
    tokens and POS tags the pipeline would see are already there; rebuilding them
    with underthesea on every epoch would only cost time.

    ``real_copies`` yields each sentence of real (not ``synthetic``) text that many
    times, so a corpus padded with synthetic documents still weighs real text;
    ``real_only`` drops synthetic sentences (for a dev corpus that picks the best
    checkpoint by real text alone) unless nothing else is left. Corpora without
    synthetic documents are unaffected.
    """

    def __init__(self, path: str | Path, limit: int = 0, real_copies: int = 1, real_only: bool = False) -> None:
        if real_copies < 1:
            raise ValueError(f"real_copies must be at least 1, got {real_copies}")
        self.path = Path(path)
        self.limit = limit
        self.real_copies = real_copies
        self.real_only = real_only

    def __call__(self, nlp: Language) -> Iterator[Example]:
        db = DocBin().from_disk(self.path)
        for i, reference in enumerate(self._references(db.get_docs(nlp.vocab))):
            if self.limit and i >= self.limit:
                break
            predicted = Doc(
                nlp.vocab,
                words=[t.text for t in reference],
                spaces=[bool(t.whitespace_) for t in reference],
                tags=[t.tag_ for t in reference],
                sent_starts=[bool(t.is_sent_start) for t in reference],
            )
            # the tokenizer's norms (its lookup forms from v4) are what the model embeds and
            # the word vectors are keyed on: the predicted side must carry them as at run time
            for token, gold in zip(predicted, reference):
                token.norm_ = gold.norm_
            yield Example(predicted, reference)

    def _references(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        docs = list(docs)
        real_only = self.real_only and any(not doc.user_data.get("synthetic", False) for doc in docs)
        for doc in docs:
            synthetic = doc.user_data.get("synthetic", False)
            if synthetic and real_only:
                continue
            for _ in range(1 if synthetic else self.real_copies):
                yield doc


@registry.readers("vn_govie.PretokenizedCorpus.v1")
def create_pretokenized_corpus(
    path: str | Path, limit: int = 0, real_copies: int = 1, real_only: bool = False
) -> PretokenizedCorpus:
    return PretokenizedCorpus(path, limit, real_copies, real_only)
