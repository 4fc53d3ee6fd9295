"""underthesea's internals are read in ``vn_govie.underthesea_adapter`` only, and only on a supported version."""

import ast
import json
import logging
from pathlib import Path

import pytest

from vn_govie import segmentation, tokenizer
from vn_govie import underthesea_adapter as adapter

PACKAGE = Path(__file__).resolve().parents[1] / "vn_govie"
SENTENCE = "Chiều 11/10, Phó Chủ tịch UBND TP Hà Minh Hải chủ trì hội nghị giao ban."


def _warnings(caplog):
    return [r for r in caplog.records if r.name == "vn_govie" and r.levelno == logging.WARNING]


@pytest.fixture
def fresh(monkeypatch):
    """Warnings not yet given and the tokenizer's and segmenter's caches empty; all put back afterwards."""
    monkeypatch.setattr(adapter, "_warned", set())
    monkeypatch.setattr(tokenizer, "_pos_crf", None)
    monkeypatch.setattr(segmentation, "_state", {})
    tokenizer.lexicon.cache_clear()
    yield
    tokenizer.lexicon.cache_clear()


def test_the_installed_version_is_supported():
    low, high = adapter.SUPPORTED
    assert adapter.version() == adapter.TESTED
    assert adapter.supported()
    assert low <= tuple(int(p) for p in adapter.TESTED.split(".")[:2]) < high


def test_the_pos_crf_is_underthesea_s_with_the_template_pos_features_builds():
    from underthesea import pos_tag, word_tokenize

    crf = adapter.pos_crf()
    assert crf is not None
    assert crf.template == tokenizer.POS_TEMPLATE
    words = word_tokenize(SENTENCE)
    assert list(zip(words, crf.tagger.tag(tokenizer.pos_features(words)))) == pos_tag(SENTENCE)


def test_the_dictionary_is_viet74k():
    words = adapter.dictionary_words()
    assert words is not None and len(words) > 70_000
    assert {"thủ tướng", "hội nghị"} <= {w.lower() for w in words}


def test_the_address_table_is_the_mapping_json():
    path = adapter.address_mapping_path()
    assert path is not None and path.name == "mapping.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"province_names", "old_province_names", "ward_mapping"} <= set(data)


def test_the_word_segmentation_model_is_the_checked_file():
    crf = adapter.word_segmentation_crf()
    assert crf is not None
    assert adapter.word_segmentation_model_path() == crf.model
    assert crf.model.name == "models.bin" and crf.model.stat().st_size == segmentation.MODEL_SIZE
    assert crf.features.is_file() and crf.dictionary.is_file()
    assert crf.tokenize("Hà Nội họp", use_token_normalize=True, fixed_words=[]) == ["Hà", "Nội", "họp"]


ACCESSORS = (adapter.pos_crf, adapter.dictionary_words, adapter.address_mapping_path,
             adapter.word_segmentation_crf, adapter.word_segmentation_model_path)


@pytest.mark.parametrize("found", ["10.0.0", "6.7.1", "not a version", None])
def test_an_unsupported_version_gives_none_and_one_warning(fresh, monkeypatch, caplog, found):
    monkeypatch.setattr(adapter, "version", lambda: found)
    with caplog.at_level(logging.WARNING, logger="vn_govie"):
        assert [accessor() for accessor in ACCESSORS] == [None] * len(ACCESSORS)
        assert [accessor() for accessor in ACCESSORS] == [None] * len(ACCESSORS)
    warnings = _warnings(caplog)
    assert len(warnings) == 1
    assert "outside the versions vn_govie reads" in warnings[0].getMessage()


def test_another_layout_gives_none_and_one_warning(fresh, monkeypatch, caplog):
    import underthesea.corpus

    monkeypatch.delattr(underthesea.corpus, "viet_dict_74K")
    with caplog.at_level(logging.WARNING, logger="vn_govie"):
        assert adapter.dictionary_words() is None
        assert adapter.dictionary_words() is None
    assert [r.getMessage()[:40] for r in _warnings(caplog)] == ["underthesea's dictionary (Viet74K) is mi"]


def test_on_an_unsupported_version_the_tokenizer_uses_underthesea_s_public_functions(fresh, monkeypatch, caplog):
    import spacy
    from underthesea import pos_tag, word_tokenize

    monkeypatch.setattr(adapter, "version", lambda: "10.0.0")
    with caplog.at_level(logging.WARNING, logger="vn_govie"):
        assert segmentation.segmenter() is None
        assert segmentation.word_tokenize(SENTENCE) == word_tokenize(SENTENCE)
        assert tokenizer.pos_tag(SENTENCE) == pos_tag(SENTENCE)
        assert tokenizer.lexicon() == frozenset()
        nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": tokenizer.TOKENIZER_V3}}})
        doc = nlp(SENTENCE)
    assert doc.text == SENTENCE
    assert "Hà Minh Hải" in [t.text for t in doc] and all(t.tag_ for t in doc)
    messages = [r.getMessage() for r in _warnings(caplog)]
    assert sum("outside the versions vn_govie reads" in m for m in messages) == 1
    assert all("outside the versions" in m or "fast word segmentation is off" in m for m in messages), messages


def test_no_other_module_reads_underthesea_s_internals():
    """Only ``from underthesea import <public name>`` outside the adapter."""
    public = {"word_tokenize", "pos_tag", "ner", "sent_tokenize", "text_normalize"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "underthesea_adapter.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith("underthesea"):
                if node.module != "underthesea" or {a.name for a in node.names} - public:
                    found.append(f"{path.name}: from {node.module} import ...")
            elif isinstance(node, ast.Import) and any(a.name.startswith("underthesea") for a in node.names):
                found.append(f"{path.name}: import {', '.join(a.name for a in node.names)}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and node.value.startswith("underthesea.") and " " not in node.value:
                found.append(f"{path.name}: {node.value!r}")
    assert found == []
