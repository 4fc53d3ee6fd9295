"""The corpus checker catches every kind of broken record, and passes every shipped file."""

import copy
import json
from pathlib import Path

import pytest

from vn_govie.cli import main
from vn_govie.corpus.records import Document, read_documents
from vn_govie.corpus.validate import check_document, validate_documents

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "fixtures" / "valid.jsonl"


def valid_record() -> dict:
    return json.loads(VALID.read_text(encoding="utf-8").splitlines()[0])


def entity(record: dict, surface: str) -> dict:
    return next(e for e in record["entities"] if record["text"][e["start"] : e["end"]] == surface)


def slice_mismatch(r):
    entity(r, "Hà Minh Hải")["text"] = "Hà Minh Hai"


def offsets_outside(r):
    entity(r, "5.092 tỷ đồng")["end"] = len(r["text"]) + 5


def edge_whitespace(r):
    entity(r, "Hà Minh Hải")["start"] -= 1


def edge_punctuation(r):
    entity(r, "11/10")["end"] += 1


def overlap(r):
    entity(r, "UBND TP")["end"] = entity(r, "Hà Minh Hải")["start"] + 2


def unknown_label(r):
    entity(r, "Vành đai 2")["label"] = "INFRASTRUCTURE"


def relation_types(r):
    r["relations"].append({"head": entity(r, "UBND TP")["id"], "tail": entity(r, "Hà Minh Hải")["id"], "label": "HOLDS_POSITION"})


def relation_unknown_label(r):
    r["relations"].append({"head": entity(r, "UBND TP")["id"], "tail": entity(r, "hội nghị")["id"], "label": "HOSTS"})


def relation_missing_entity(r):
    r["relations"].append({"head": entity(r, "Hà Minh Hải")["id"], "tail": 42, "label": "CHAIRS"})


def relation_across_sentences(r):
    date = entity(r, "11/10")
    date["label"] = "LOCATION"
    r["relations"].append({"head": entity(r, "Vành đai 2")["id"], "tail": date["id"], "label": "LOCATED_IN"})


def relation_duplicate(r):
    r["relations"].append(dict(r["relations"][0]))


def missing_value(r):
    del entity(r, "5.092 tỷ đồng")["value"]


def duplicate_entity_id(r):
    entity(r, "Vành đai 2")["id"] = entity(r, "hội nghị")["id"]


def synthetic_in_test(r):
    r["meta"]["split"] = "test"


def missing_split(r):
    del r["meta"]["split"]


BROKEN = {
    slice_mismatch: "but the slice is",
    offsets_outside: "offsets outside the text",
    edge_whitespace: "whitespace",
    edge_punctuation: "ends with punctuation",
    overlap: "overlap",
    unknown_label: "unknown label",
    relation_types: "not allowed",
    relation_unknown_label: "unknown label",
    relation_missing_entity: "not an entity of the document",
    relation_across_sentences: "different sentences",
    relation_duplicate: "duplicate relation",
    missing_value: "needs a numeric value",
    duplicate_entity_id: "duplicate entity id",
    synthetic_in_test: "synthetic document in the test split",
    missing_split: "meta.split",
}


def test_the_valid_fixture_has_no_problem():
    assert check_document(Document.from_dict(valid_record())) == []


@pytest.mark.parametrize("breaker", list(BROKEN), ids=lambda f: f.__name__)
def test_each_kind_of_broken_record_is_caught(breaker):
    record = valid_record()
    breaker(record)
    problems = [str(p) for p in check_document(Document.from_dict(record))]
    assert any(BROKEN[breaker] in p for p in problems), problems


def test_duplicate_document_ids_are_caught():
    doc = Document.from_dict(valid_record())
    report = validate_documents([doc, copy.deepcopy(doc)])
    assert [p.message for p in report.problems] == ["duplicate document id"]


def test_cli_exits_non_zero_on_a_broken_file(tmp_path, capsys):
    record = valid_record()
    overlap(record)
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["corpus", "validate", str(path)]) == 1
    assert "overlap" in capsys.readouterr().out
    assert main(["corpus", "validate", str(VALID)]) == 0


def test_every_shipped_annotation_file_validates(corpus_dir):
    files = sorted(corpus_dir.glob("*.jsonl"))
    assert {f.name for f in files} >= {"seeds.jsonl", "synthetic.jsonl", "vtb.jsonl"}
    for path in files:
        report = validate_documents(read_documents(path))
        assert report.ok, [str(p) for p in report.problems[:10]]
