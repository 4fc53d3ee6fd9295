"""Word vectors: raw text cut as the pipeline cuts it, floret trained on it, read by spaCy on NORM."""

import json

import pytest
import spacy

from vn_govie.tokenizer import TOKENIZER_NAME, lookup_norm
from vn_govie.training import vectors

TEXT = ("Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Văn An chủ trì hội nghị. "
        "Thành uỷ Hà Nội ban hành Nghị quyết số 18-NQ/TU.\nDự án có tổng mức đầu tư 5.092 tỷ đồng.")


def test_the_lookup_form_is_the_tokens_norm():
    assert lookup_norm("Uỷ ban") == lookup_norm("Ủy ban") == "ủy_ban"
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": False}}})
    doc = nlp("Chủ tịch  Nguyễn Văn Hoà")
    assert doc.text == "Chủ tịch  Nguyễn Văn Hoà"
    assert [t.norm_ for t in doc if not t.is_space] == ["chủ_tịch", "nguyễn_văn_hòa"]


def test_training_lines_are_sentences_of_lookup_forms():
    vectors._init_tokenizer()
    lines = vectors.token_lines(TEXT).splitlines()
    assert len(lines) == 3
    assert lines[0].split()[:2] == ["chủ_tịch", "ubnd"]
    assert "thành_ủy" in lines[1].split() or "thành" in lines[1].split()
    assert all(" " not in word for line in lines for word in line.split(" "))


def test_vectors_are_trained_and_read_by_spacy_on_norm(tmp_path):
    pytest.importorskip("floret")
    texts = [TEXT] * 30
    counts = vectors.write_tokens(texts, tmp_path / "tokens.txt")
    assert counts["documents"] == 30 and counts["lines"] == 90
    settings = vectors.VectorSettings(dim=8, bucket=500, epoch=1, min_count=1)
    table = vectors.train_floret(tmp_path / "tokens.txt", tmp_path, settings)
    folder = vectors.to_spacy_vectors(table, tmp_path)
    nlp = spacy.load(folder)
    assert nlp.vocab.vectors.mode == "floret" and nlp.vocab.vectors.shape == (500, 8)
    doc = nlp("Chủ tịch Nguyễn Văn Bình")
    assert doc[0].norm_ == "chủ_tịch"
    # floret gives every word a vector, seen or not
    assert all(t.has_vector for t in doc)


def test_a_tokens_file_is_whole_or_absent(tmp_path):
    def texts():
        yield TEXT
        raise RuntimeError("source broke")

    with pytest.raises(RuntimeError):
        vectors.write_tokens(texts(), tmp_path / "tokens.txt")
    assert not list(tmp_path.iterdir())


def test_held_out_articles_and_near_duplicates_are_left_out(tmp_path, monkeypatch):
    held = " ".join(f"từ{i}" for i in range(60))
    kept = " ".join(f"chữ{i}" for i in range(60))
    rows = [("news", "a", kept), ("news", "b", held), ("news", "c", "Tin lại: " + held)]
    monkeypatch.setattr(vectors, "iter_news", lambda sources, datasets: iter(rows))
    from vn_govie.corpus.news import shingles

    seen = {s: "b" for s in shingles(held)}
    # "b" is a dev or test article, "c" the same story from another outlet
    assert list(vectors.raw_documents(tmp_path, ["news"], exclude_ids={"b"}, exclude_shingles=seen)) == [kept]


def test_the_vectors_command_reports_time_and_memory(tmp_path, monkeypatch):
    pytest.importorskip("floret")
    from vn_govie.cli import main

    monkeypatch.setattr(vectors, "iter_news", lambda sources, datasets: iter([("news", str(i), TEXT) for i in range(40)]))
    monkeypatch.setattr(vectors, "held_out", lambda selection, sources: (set(), {}))
    out = tmp_path / "vec"
    assert main(["vectors", str(tmp_path), "--output", str(out), "--dim", "8", "--bucket", "300", "--epoch", "1"]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == 40 and report["peak_memory_mb"] > 0 and report["seconds"]["total"] >= 0
    assert (out / "spacy" / "vocab" / "vectors").exists()


def test_training_examples_carry_the_tokenizers_lookup_norms(tmp_path):
    """The model is trained on the norms it reads at run time (the word vectors' keys)."""
    from spacy.tokens import DocBin

    from vn_govie.training.data import PretokenizedCorpus

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": False}}})
    DocBin(docs=[nlp("Chủ tịch UBND tỉnh Quảng Ninh phát biểu.")]).to_disk(tmp_path / "train.spacy")
    (example,) = PretokenizedCorpus(tmp_path / "train.spacy")(nlp)
    assert [t.norm_ for t in example.predicted][:2] == ["chủ_tịch", "ubnd"]


def test_the_shipped_vectors_shrink_without_retraining():
    import spacy

    from vn_govie.api import PACKAGED_MODEL
    from vn_govie.training.vectors import project_vectors

    nlp = spacy.load(PACKAGED_MODEL)
    width = nlp.vocab.vectors.shape[1]

    kept = project_vectors(nlp, width // 2)

    assert nlp.vocab.vectors.shape == (nlp.vocab.vectors.shape[0], width // 2) and 0.5 < kept < 1
    doc = nlp("Phó Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì hội nghị.")
    assert ("Nguyễn Văn An", "PERSON") in [(e.text, e.label_) for e in doc.ents]
