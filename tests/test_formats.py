"""Converters to and from other tools' formats keep every span, and the relations and text where the format can.

The fixture below doubles as an example of building documents in code.
"""

import json
import unicodedata

import pytest

from vn_govie.corpus import formats
from vn_govie.corpus.formats.brat import annotation_conf, read_brat, write_brat
from vn_govie.corpus.formats.conll import read_conll, write_conll
from vn_govie.corpus.formats.hf import to_dataset_dict
from vn_govie.corpus.formats.labelstudio import read_labelstudio
from vn_govie.corpus.formats.spacy_docs import read_docbin, to_spacy_docs, write_docbin
from vn_govie.corpus.formats.tokens import BIO_NAMES, bio_tags, syllable_tokens, word_tokens
from vn_govie.corpus.records import Document, Entity, Relation
from vn_govie.corpus.validate import check_document


def make_document(doc_id, text, split, spans, relations=(), synthetic=True):
    """A document from ``(surface, label, attrs)`` found left to right in ``text``; relations by span index."""
    entities, pos = [], 0
    for n, (surface, label, attrs) in enumerate(spans):
        start = text.index(surface, pos)
        entities.append(Entity(n, start, start + len(surface), label, dict(attrs)))
        pos = start + len(surface)
    meta = {"source": "written for the format tests", "synthetic": synthetic, "split": split}
    return Document(doc_id, text, meta, entities, [Relation(h, t, label) for h, t, label in relations])


MEETING = make_document(
    "synth-formats-001",
    "Sáng 11/10, Bí thư Thành uỷ Hà Nội Đinh Tiến Dũng chủ trì Hội nghị giao ban Quý III/2024.\n"
    "Dự án Vành đai 4 được bố trí 16.000 tỷ đồng, đã giải ngân 36,6%.",
    "train",
    [
        ("11/10", "DATE", {"value": "--10-11"}),
        ("Bí thư", "POSITION", {}),
        ("Thành uỷ Hà Nội", "ORG", {}),  # spelt "uỷ": underthesea rewrites it as "ủy"
        ("Đinh Tiến Dũng", "PERSON", {}),
        ("Hội nghị giao ban Quý III/2024", "EVENT", {}),  # right before the full stop
        ("Dự án Vành đai 4", "PROJECT", {}),  # first thing after the line break
        ("16.000 tỷ đồng", "MONEY", {"value": 16_000_000_000_000, "currency": "VND", "qualifier": None}),
        ("36,6%", "PERCENT", {"value": 36.6}),  # right before the full stop
    ],
    [(3, 1, "HOLDS_POSITION"), (1, 2, "POSITION_OF"), (3, 4, "CHAIRS"), (4, 0, "DATED"),
     (5, 6, "HAS_ALLOCATION"), (5, 7, "DISBURSED")],
)

BYLINE = make_document(
    "synth-formats-002",
    "  Chiều 12/3,  Phó Thủ tướng Trần Hồng Hà (Chính phủ) dự hội nghị tại TPHCM.\tẢnh: TTO",
    "dev",
    [
        ("12/3", "DATE", {"value": "--03-12"}),
        ("Phó Thủ tướng", "POSITION", {}),
        ("Trần Hồng Hà", "PERSON", {}),
        ("Chính phủ", "ORG", {}),  # inside brackets
        ("hội nghị", "EVENT", {}),
        ("TPHCM", "LOCATION", {}),
        ("TTO", "ORG", {}),
    ],
    [(2, 1, "HOLDS_POSITION"), (1, 3, "POSITION_OF"), (2, 4, "ATTENDS"), (4, 5, "LOCATED_IN")],
)

DOCUMENT = make_document(
    "seed-formats-003",
    "Nghị quyết số 18-NQ/TU ngày 30/12/2022 bố trí hơn 5.092 tỷ đồng, do Ban Thường vụ\nThành ủy ban hành.",
    "test",
    [
        ("Nghị quyết số 18-NQ/TU", "DOCUMENT", {}),
        ("ngày 30/12/2022", "DATE", {"value": "2022-12-30"}),
        ("5.092 tỷ đồng", "MONEY", {"value": 5_092_000_000_000, "currency": "VND", "qualifier": "hơn"}),
        ("Ban Thường vụ\nThành ủy", "ORG", {}),  # a name broken over two lines
    ],
    [(0, 1, "DATED"), (0, 2, "HAS_ALLOCATION"), (0, 3, "ISSUED_BY")],
    synthetic=False,
)

DOCUMENTS = [MEETING, BYLINE, DOCUMENT]


def spans(doc):
    return [(e.start, e.end, e.label) for e in sorted(doc.entities, key=lambda e: e.start)]


def relations(doc):
    """Relations as offsets and labels, independent of entity ids."""
    out = set()
    for r in doc.relations:
        head, tail = doc.entity(r.head), doc.entity(r.tail)
        out.add((head.start, head.end, tail.start, tail.end, r.label))
    return out


def values(doc):
    return {(e.start, e.end): e.attrs for e in doc.entities if e.attrs}


def test_fixture_follows_the_schema():
    for doc in DOCUMENTS:
        assert check_document(doc) == []


# --- tokens ---------------------------------------------------------------------------------------


def test_syllable_tokens_are_word_runs_and_single_symbols():
    text = "bố trí 16.000 tỷ đồng (36,6%)."
    assert [text[a:b] for a, b in syllable_tokens(text)] == [
        "bố", "trí", "16", ".", "000", "tỷ", "đồng", "(", "36", ",", "6", "%", ")", ".",
    ]


def test_tokens_are_cut_at_entity_boundaries():
    text = "UBND TPHCM"
    assert [text[a:b] for a, b in syllable_tokens(text, boundaries=[7])] == ["UBND", "TP", "HCM"]
    words = word_tokens("Chủ tịch Hà Nội", boundaries=[12])
    assert ["Chủ tịch Hà Nội"[a:b] for a, b in words] == ["Chủ tịch", "Hà", "Nội"]


def test_word_tokens_point_into_the_original_text():
    text = MEETING.text
    words = [text[a:b] for a, b in word_tokens(text)]
    assert "Thành uỷ" in words  # as written, although underthesea returns "Thành ủy"
    assert "Đinh Tiến Dũng" in words
    respelt = "thành phố Qui Nhơn"  # underthesea answers "Quy Nhơn"
    assert [respelt[a:b] for a, b in word_tokens(respelt)] == ["thành phố", "Qui Nhơn"]
    decomposed = unicodedata.normalize("NFD", text)
    assert [decomposed[a:b] for a, b in word_tokens(decomposed)] == [
        unicodedata.normalize("NFD", w) for w in words
    ]


def test_bio_tags():
    text = "Bí thư Đinh Tiến Dũng chủ trì"
    tokens = syllable_tokens(text)
    assert bio_tags(tokens, [(0, 6, "POSITION"), (7, 21, "PERSON")]) == [
        "B-POSITION", "I-POSITION", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O",
    ]


# --- every format round-trips -----------------------------------------------------------------------

TARGETS = {
    "jsonl": "corpus.jsonl",
    "conll-syllable": "corpus.conll",
    "conll-word": "corpus.word.conll",
    "docbin": "corpus.spacy",
    "doccano": "doccano.jsonl",
    "labelstudio": "labelstudio.json",
    "brat": "brat",
}
WITHOUT_RELATIONS = {"conll-syllable", "conll-word"}


def test_every_format_has_a_round_trip_test():
    assert set(TARGETS) == set(formats.FORMATS)


@pytest.mark.parametrize("fmt", sorted(TARGETS))
def test_round_trip(tmp_path, fmt):
    path = tmp_path / TARGETS[fmt]
    formats.write(DOCUMENTS, path, fmt)
    back = formats.read(path, fmt)

    assert [d.id for d in back] == [d.id for d in DOCUMENTS]
    for before, after in zip(DOCUMENTS, back):
        assert after.text == before.text
        assert spans(after) == spans(before)
        assert after.meta == before.meta
        if fmt not in WITHOUT_RELATIONS:
            assert relations(after) == relations(before)
            assert values(after) == values(before)
        else:
            assert after.relations == []


@pytest.mark.parametrize("fmt", ["doccano", "labelstudio", "brat", "conll-word", "docbin"])
def test_format_is_guessed_from_what_was_written(tmp_path, fmt):
    path = tmp_path / TARGETS[fmt]
    formats.write(DOCUMENTS, path, fmt)
    assert formats.guess_format(path) == fmt


def test_convert_chains_formats(tmp_path):
    source = tmp_path / "gold.jsonl"
    formats.write(DOCUMENTS, source)
    assert formats.convert(source, tmp_path / "brat") == 3
    assert formats.convert(tmp_path / "brat", tmp_path / "tasks.json") == 3
    assert formats.convert(tmp_path / "tasks.json", tmp_path / "back.jsonl") == 3
    back = formats.read(tmp_path / "back.jsonl")
    assert [spans(d) for d in back] == [spans(d) for d in DOCUMENTS]
    assert [relations(d) for d in back] == [relations(d) for d in DOCUMENTS]


# --- CoNLL ------------------------------------------------------------------------------------------


def test_conll_word_level_layout(tmp_path):
    path = tmp_path / "word.conll"
    write_conll([MEETING], path, level="word")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "# doc_id = synth-formats-001"
    assert "# text = Dự án Vành đai 4 được bố trí 16.000 tỷ đồng, đã giải ngân 36,6%." in lines
    assert f"# start = {MEETING.text.index('Dự án')}" in lines
    assert "Đinh_Tiến_Dũng\tB-PERSON" in lines
    assert "Thành_uỷ\tB-ORG" in lines
    assert "Hà_Nội\tI-ORG" in lines
    assert "Hội_nghị\tB-EVENT" in lines
    assert "chủ_trì\tO" in lines


def test_conll_word_level_keeps_entity_spans_even_inside_words(tmp_path):
    doc = make_document("x", "Chủ tịch Hà Nội", "train", [("Chủ tịch", "POSITION", {}), ("Hà", "LOCATION", {})])
    path = tmp_path / "word.conll"
    write_conll([doc], path, level="word")
    assert spans(read_conll(path)[0]) == spans(doc)


def test_plain_conll_from_elsewhere(tmp_path):
    path = tmp_path / "vlsp.conll"
    path.write_text(
        "-DOCSTART- O\n\nÔng O\nNguyễn_Văn_A B-PERSON\nlàm O\nGiám_đốc B-POSITION\n\nSở B-ORG\nTài_chính I-ORG\n"
        "-DOCSTART- O\n\nHà_Nội\tB-LOCATION\n",
        encoding="utf-8",
    )
    first, second = formats.read(path, "conll-word")
    assert first.text == "Ông Nguyễn Văn A làm Giám đốc\nSở Tài chính"
    assert [first.surface(e) for e in first.entities] == ["Nguyễn Văn A", "Giám đốc", "Sở Tài chính"]
    assert [e.label for e in first.entities] == ["PERSON", "POSITION", "ORG"]
    assert (first.id, second.id) == ("vlsp-0", "vlsp-1")
    assert second.text == "Hà Nội"
    assert first.meta == {"split": "train", "synthetic": False, "source": "vlsp.conll"}


# --- brat -------------------------------------------------------------------------------------------


def test_brat_standoff_files(tmp_path):
    write_brat(DOCUMENTS, tmp_path)
    assert (tmp_path / "seed-formats-003.txt").read_text(encoding="utf-8") == DOCUMENT.text
    ann = (tmp_path / "seed-formats-003.ann").read_text(encoding="utf-8").splitlines()
    start = DOCUMENT.text.index("Ban")
    broken_at = DOCUMENT.text.index("\n")
    assert f"T4\tORG {start} {broken_at};{broken_at + 1} {broken_at + 9}\tBan Thường vụ Thành ủy" in ann
    assert "R3\tISSUED_BY Arg1:T1 Arg2:T4" in ann
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    assert "HAS_ALLOCATION\tArg1:PROJECT|DOCUMENT, Arg2:MONEY" in conf
    assert "[entities]\nPERSON\nPOSITION\n" in conf and conf == annotation_conf()


def test_brat_rejects_discontinuous_entities(tmp_path):
    (tmp_path / "a.txt").write_text("Sở Kế hoạch và Đầu tư", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tORG 0 11;15 21\tSở Kế hoạch Đầu tư\n", encoding="utf-8")
    with pytest.raises(ValueError, match="discontinuous"):
        read_brat(tmp_path)


# --- spaCy ------------------------------------------------------------------------------------------


def test_spacy_docs_keep_text_and_entities(tmp_path):
    docs = to_spacy_docs(DOCUMENTS)
    for doc, document in zip(docs, DOCUMENTS):
        assert doc.text == document.text
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == spans(document)
    assert docs[0].user_data["vn_govie"]["id"] == "synth-formats-001"

    write_docbin(DOCUMENTS, tmp_path / "train.spacy")
    back = read_docbin(tmp_path / "train.spacy")
    assert [relations(d) for d in back] == [relations(d) for d in DOCUMENTS]
    assert [e.id for e in back[0].entities] == list(range(len(MEETING.entities)))


# --- Hugging Face -----------------------------------------------------------------------------------


def test_dataset_dict_has_the_three_splits_and_bio_tags():
    dd = to_dataset_dict([MEETING, BYLINE])
    assert set(dd) == {"train", "dev", "test"}
    assert (dd["train"].num_rows, dd["dev"].num_rows, dd["test"].num_rows) == (1, 1, 0)
    assert dd["test"].features == dd["train"].features

    row = dd["train"][0]
    names = dd["train"].features["ner_tags"].feature.names
    assert names[:3] == ["O", "B-PERSON", "I-PERSON"] and tuple(names) == BIO_NAMES
    tagged = dict(zip(row["tokens"], (names[t] for t in row["ner_tags"])))
    assert tagged["Đinh"] == "B-PERSON" and tagged["Dũng"] == "I-PERSON"
    assert tagged["Sáng"] == "O" and tagged["36"] == "B-PERCENT" and tagged["%"] == "I-PERCENT"
    assert [MEETING.text[a:b] for a, b in zip(row["token_starts"], row["token_ends"])] == row["tokens"]
    assert {"head": 3, "tail": 4, "label": "CHAIRS"} in row["relations"]
    assert json.loads(row["entities"][6]["attrs"])["value"] == 16_000_000_000_000
    assert row["synthetic"] is True and row["source"] == "written for the format tests"


# --- files written by the tools themselves -----------------------------------------------------------

TEXT = "Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh dự hội nghị."


def test_a_label_studio_export_is_read(tmp_path):
    task = {
        "id": 17,
        "data": {"text": TEXT, "meta": {"split": "dev"}},
        "annotations": [
            {"id": 3, "was_cancelled": True, "result": []},
            {
                "id": 4,
                "completed_by": 1,
                "result": [
                    {"value": {"start": 24, "end": 37, "text": "Trần Sỹ Thanh", "labels": ["PERSON"]},
                     "id": "Xa1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
                    {"value": {"start": 0, "end": 8, "text": "Chủ tịch", "labels": ["POSITION"]},
                     "id": "Qb2", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
                    {"value": {"start": 9, "end": 23, "text": "UBND TP Hà Nội", "labels": ["ORG"]},
                     "id": "Lc3", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
                    {"from_id": "Xa1", "to_id": "Qb2", "type": "relation", "direction": "right",
                     "labels": ["HOLDS_POSITION"]},
                    {"from_id": "Lc3", "to_id": "Qb2", "type": "relation", "direction": "left",
                     "labels": ["POSITION_OF"]},
                ],
            },
        ],
        "predictions": [],
    }
    path = tmp_path / "project-1-at-2024.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")

    (doc,) = formats.read(path)
    assert doc.id == "17"
    assert [(doc.surface(e), e.label) for e in doc.entities] == [
        ("Chủ tịch", "POSITION"), ("UBND TP Hà Nội", "ORG"), ("Trần Sỹ Thanh", "PERSON"),
    ]
    assert [(r.head, r.tail, r.label) for r in doc.relations] == [(2, 0, "HOLDS_POSITION"), (0, 1, "POSITION_OF")]
    assert doc.meta == {"split": "dev", "synthetic": False, "source": "project-1-at-2024.json"}


def test_label_studio_predictions_are_the_fallback(tmp_path):
    task = {"data": {"text": TEXT}, "predictions": [{"model_version": "v1", "result": [
        {"id": "p1", "type": "labels", "value": {"start": 24, "end": 37, "labels": ["PERSON"]}}]}]}
    path = tmp_path / "pre.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    (doc,) = read_labelstudio(path)
    assert spans(doc) == [(24, 37, "PERSON")] and doc.id == "pre-0"


def test_a_doccano_export_is_read_in_both_forms(tmp_path):
    path = tmp_path / "admin.jsonl"
    records = [
        {"id": 101, "text": TEXT, "Comments": [],
         "entities": [{"id": 7, "label": "PERSON", "start_offset": 24, "end_offset": 37},
                      {"id": 5, "label": "POSITION", "start_offset": 0, "end_offset": 8}],
         "relations": [{"id": 1, "from_id": 7, "to_id": 5, "type": "HOLDS_POSITION"}]},
        {"id": 102, "text": TEXT, "label": [[41, 49, "EVENT"], [24, 37, "PERSON"]], "split": "test"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")

    assert formats.guess_format(path) == "doccano"
    first, second = formats.read(path)
    assert first.id == "101"
    assert spans(first) == [(0, 8, "POSITION"), (24, 37, "PERSON")]
    assert [(r.head, r.tail, r.label) for r in first.relations] == [(1, 0, "HOLDS_POSITION")]
    assert spans(second) == [(24, 37, "PERSON"), (41, 49, "EVENT")]
    assert second.meta["split"] == "test" and second.meta["source"] == "admin.jsonl"


def test_unknown_formats_are_named(tmp_path):
    with pytest.raises(ValueError, match="cannot tell the format"):
        formats.guess_format(tmp_path / "corpus.xml")
    with pytest.raises(ValueError, match="unknown format"):
        formats.write(DOCUMENTS, tmp_path / "x.jsonl", "xml")
