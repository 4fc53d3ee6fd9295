"""No committed file holds outside text; standoff records build, round-trip and fail loudly."""

import json
from pathlib import Path

import pytest

from vn_govie.cli import main
from vn_govie.corpus.leaks import find_outside_text, repository_files
from vn_govie.corpus.records import read_documents
from vn_govie.corpus.sources import SourceError
from vn_govie.corpus.standoff import build_corpus, join, text_sha, to_standoff

ROOT = Path(__file__).resolve().parents[1]


def test_no_committed_file_holds_a_sentence_of_the_outside_sources(sources):
    seeds = [p.read_text(encoding="utf-8") for p in (ROOT / "corpus" / "seeds").glob("*.txt")]
    leaks = find_outside_text(repository_files(ROOT), sources, ROOT, allowed=seeds)
    assert leaks == [], "\n".join(str(leak) for leak in leaks[:20])


def test_the_leak_finder_finds_a_source_sentence_inside_markup(tmp_path, sources):
    from vn_govie.corpus.sources import treebank_sentences

    sentence = next(s for s in treebank_sentences(str(sources / "ud-vietnamese-vtb")).values() if len(s) > 80)
    words = sentence.split(" ")
    marked = " ".join(["[" + words[0] + "]{ORG}"] + words[1:])
    (tmp_path / "notes.md").write_text("A line of our own, long enough to be compared with the sources.\n" + marked + "\n",
                                       encoding="utf-8")
    leaks = find_outside_text([tmp_path / "notes.md"], sources, tmp_path)
    assert [(leak.path, leak.line) for leak in leaks] == [("notes.md", 2)]


def treebank_record(corpus, doc_id="vtb-dev-000"):
    record = json.loads(next(line for line in (ROOT / "annotations" / "vtb.jsonl").read_text(encoding="utf-8").splitlines()
                             if json.loads(line)["id"] == doc_id))
    assert "text" not in record and record["sha"]
    return record


def test_standoff_round_trip_build_validate_convert_and_back(tmp_path, corpus, sources):
    record = treebank_record(corpus)
    (built,) = join([record], sources)
    assert text_sha(built.text) == record["sha"]
    assert to_standoff(built, record["source"]) == record
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / "part.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["corpus", "build", "--annotations", str(annotations), "--output", str(tmp_path / "out"),
                 "--sources", str(sources)]) == 0
    assert main(["corpus", "validate", str(tmp_path / "out")]) == 0
    assert main(["corpus", "convert", str(tmp_path / "out" / "part.jsonl"), str(tmp_path / "part.doccano.jsonl"),
                 "--to", "doccano"]) == 0
    assert main(["corpus", "convert", str(tmp_path / "part.doccano.jsonl"), str(tmp_path / "back.jsonl"),
                 "--from", "doccano", "--to", "jsonl"]) == 0
    (back,) = read_documents(tmp_path / "back.jsonl")
    assert back.text == built.text
    assert [(e.start, e.end, e.label) for e in back.entities] == [(e.start, e.end, e.label) for e in built.entities]


def test_a_standoff_file_read_as_a_corpus_says_to_build_it_first(capsys):
    assert main(["corpus", "validate", str(ROOT / "annotations" / "vtb.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "vtb-dev-000" in err and "vn-govie corpus build" in err


def test_a_missing_source_names_the_document(tmp_path, corpus):
    record = treebank_record(corpus)
    with pytest.raises(SourceError, match="vtb-dev-000.*|the UD VTB treebank is missing"):
        join([record], tmp_path)
    record["source"] = {"dataset": "vietnews-val", "id": "vietnews-val-999999999"}
    with pytest.raises(SourceError, match="vietnews-val-999999999"):
        join([record], ROOT.parent / "shared" / "data" if (ROOT.parent / "shared" / "data").is_dir() else tmp_path)


def test_a_changed_text_is_a_hash_error_naming_the_document(tmp_path, corpus, sources):
    record = treebank_record(corpus)
    record["sha"] = "0" * 64
    with pytest.raises(SourceError, match="vtb-dev-000.*hash"):
        join([record], sources)
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / "part.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["corpus", "build", "--annotations", str(annotations), "--output", str(tmp_path / "out"),
                 "--sources", str(sources)]) == 2
    assert not (tmp_path / "out" / "part.jsonl").exists()


def test_the_built_treebank_part_is_the_one_the_model_card_measured(corpus):
    treebank = [d for d in corpus if d.collection == "vtb"]
    assert len(treebank) == 169
    assert sum(len(d.entities) for d in treebank) == 2011
    assert sum(len(d.relations) for d in treebank) == 185
