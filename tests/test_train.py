"""``vn-govie train --quick`` on a tiny corpus exported from an annotation tool: a loadable pipeline and a report."""

import json
from pathlib import Path

import pytest

import vn_govie
from vn_govie.cli import main
from vn_govie.corpus import formats
from vn_govie.corpus.records import read_documents

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    docs = read_documents(ROOT / "annotations" / "seeds.jsonl") + read_documents(ROOT / "annotations" / "synthetic.jsonl")
    tiny = ([d for d in docs if d.split == "train" and d.meta["synthetic"]][:12]
            + [d for d in docs if d.split == "dev"][:2]
            + [d for d in docs if d.id == "seed-001"])
    work = tmp_path_factory.mktemp("train")
    export = work / "export.jsonl"
    formats.write(tiny, export, "doccano")
    out = work / "out"
    assert main(["train", str(export), "--format", "doccano", "--output", str(out), "--quick", "--seed", "1"]) == 0
    return out


def test_quick_training_gives_a_pipeline_that_loads_and_extracts(trained):
    result = vn_govie.extract("Phó Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì hội nghị ngày 5/9/2024.", model=trained / "model")
    assert result.text.startswith("Phó Chủ tịch")
    for e in result.entities:
        assert result.text[e.start : e.end] == e.text


def test_the_report_has_scores_confusion_errors_and_a_chart(trained):
    report = json.loads((trained / "report.json").read_text(encoding="utf-8"))
    assert set(report["splits"]) == {"dev", "test"}
    test = report["splits"]["test"]
    assert {"entities", "relations", "relations_gold_entities", "confusion", "errors", "money_value_accuracy"} <= set(test)
    assert {"micro", "per_label"} <= set(test["entities"])
    assert {"missed", "invented"} <= set(test["errors"])
    assert report["training"]["quick"] is True and report["training"]["seed"] == 1
    assert (trained / "report.md").read_text(encoding="utf-8").startswith("# Evaluation")
    assert (trained / "f1_per_label.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evaluate_writes_the_same_report_for_any_pipeline(trained, tmp_path, capsys):
    assert main(["evaluate", str(ROOT / "annotations" / "seeds.jsonl"), "--split", "test", "--model",
                 str(trained / "model"), "--no-baseline", "--output", str(tmp_path)]) == 0
    assert "entities (exact span)" in capsys.readouterr().out
    assert (tmp_path / "report.json").exists() and (tmp_path / "f1_per_label.png").exists()


def test_the_training_reader_can_weigh_real_text_and_score_dev_on_real_text_only(tmp_path, corpus):
    import spacy
    from spacy.tokens import DocBin

    from vn_govie.tokenizer import TOKENIZER_NAME
    from vn_govie.training.data import PretokenizedCorpus, write_training_data

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": False}}})
    docs = corpus
    real = next(d for d in docs if d.split == "train" and not d.meta["synthetic"])
    synthetic = next(d for d in docs if d.split == "train" and d.meta["synthetic"])
    write_training_data(nlp, [real, synthetic], tmp_path)
    n_real = sum(1 for d in DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab) if not d.user_data["synthetic"])
    n_all = len(DocBin().from_disk(tmp_path / "train.spacy"))

    assert len(list(PretokenizedCorpus(tmp_path / "train.spacy")(nlp))) == n_all
    assert len(list(PretokenizedCorpus(tmp_path / "train.spacy", real_copies=3)(nlp))) == n_all + 2 * n_real
    assert len(list(PretokenizedCorpus(tmp_path / "train.spacy", real_only=True)(nlp))) == n_real
    with pytest.raises(ValueError):
        PretokenizedCorpus(tmp_path / "train.spacy", real_copies=0)


def test_retraining_from_the_shipped_config_goes_on_without_its_vectors_folder(capsys, tmp_path, monkeypatch):
    from vn_govie.api import PACKAGED_MODEL
    from vn_govie.training.train import _vector_settings

    monkeypatch.chdir(tmp_path)

    settings = _vector_settings(PACKAGED_MODEL / "config.cfg", {})

    assert settings == {"paths.vectors": None, "components.tok2vec.model.embed.include_static_vectors": False}
    assert "training without static vectors" in capsys.readouterr().out


def test_vectors_the_caller_names_must_exist(tmp_path):
    from vn_govie.api import PACKAGED_MODEL
    from vn_govie.training.train import _vector_settings

    with pytest.raises(ValueError, match="no spaCy vectors"):
        _vector_settings(PACKAGED_MODEL / "config.cfg", {"paths.vectors": str(tmp_path)})
