"""``vn_govie.extract``: exact offsets into the text as given, values, and clear errors."""

import json
import socket
import unicodedata

import pytest
import spacy

import vn_govie
from vn_govie.text.normalize import normalize

SENTENCE = "Chiều 11/10, Phó Chủ tịch UBND TP Hà Minh Hải chủ trì hội nghị. Dự án Vành đai 2 được bố trí gần 5.092 tỷ đồng."


def assert_offsets_slice_back(text, result):
    previous_end = 0
    for ent in result.entities:
        assert text[ent.start : ent.end] == ent.text
        assert ent.start >= previous_end
        assert ent.text == ent.text.strip()
        previous_end = ent.end


def test_a_sentence_gives_entities_with_values():
    result = vn_govie.extract(SENTENCE, doc_year=2024)
    found = {(e.text, e.label) for e in result.entities}
    assert ("Hà Minh Hải", "PERSON") in found
    assert ("Phó Chủ tịch", "POSITION") in found
    money = next(e for e in result.entities if e.label == "MONEY")
    assert (money.text, money.value, money.currency, money.qualifier) == ("5.092 tỷ đồng", 5_092_000_000_000, "VND", "gần")
    date = next(e for e in result.entities if e.label == "DATE")
    assert date.value == "2024-10-11"
    assert_offsets_slice_back(SENTENCE, result)


def test_to_dict_has_the_schema_result_shape_and_is_json():
    data = vn_govie.extract(SENTENCE).to_dict()
    assert set(data) >= {"text", "entities", "relations"}
    assert data["text"] == SENTENCE
    assert set(data["entities"][0]) >= {"id", "text", "label", "start", "end"}
    json.dumps(data, ensure_ascii=False)


def test_offsets_slice_back_on_every_seed_article(seed_texts):
    for text in seed_texts:
        assert_offsets_slice_back(text, vn_govie.extract(text))


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: unicodedata.normalize("NFD", t),
        lambda t: t.replace("ủy", "uỷ").replace("hòa", "hoà"),
        lambda t: t.replace(" ", "  ").replace(",", " ,"),
        lambda t: t.replace(" ", "\u00a0", 5).replace(".", ".\u200b"),
        lambda t: "<p>" + t.replace("&", "&amp;") + "</p>\r\n",
    ],
    ids=["nfd", "old-tone-marks", "extra-spaces", "odd-spaces", "html"],
)
def test_offsets_hold_on_messy_input(seed_texts, variant):
    text = variant(seed_texts[0][:2000])
    assert_offsets_slice_back(text, vn_govie.extract(text))


def test_nfd_and_old_style_input_find_the_same_entities_as_clean_input(seed_texts):
    clean = seed_texts[0][:2000]
    expected = [(e.label, e.start, e.end) for e in vn_govie.extract(clean).entities]
    for text in (unicodedata.normalize("NFD", clean), clean.replace("ủy", "uỷ")):
        found = vn_govie.extract(text)
        mapped = []
        norm = normalize(text)
        for e in found.entities:
            mapped.append((e.label, *norm.clean_span(e.start, e.end)))
        assert mapped == expected


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["a list"]])
def test_wrong_input_types_raise_type_error(bad):
    with pytest.raises(TypeError, match="str"):
        vn_govie.extract(bad)


@pytest.mark.parametrize("blank", ["", "   ", "\n\n\t"])
def test_blank_text_gives_an_empty_result(blank):
    result = vn_govie.extract(blank)
    assert result.entities == [] and result.relations == [] and result.text == blank


def test_extract_many_keeps_order_and_matches_extract(seed_texts):
    texts = [seed_texts[1][:800], "", SENTENCE, seed_texts[4][:500]]
    many = list(vn_govie.extract_many(texts, batch_size=2))
    assert [r.text for r in many] == texts
    assert [r.to_dict() for r in many] == [vn_govie.extract(t).to_dict() for t in texts]
    with pytest.raises(TypeError):
        list(vn_govie.extract_many("not a list"))


def test_long_text_is_processed_in_pieces_with_exact_offsets(seed_texts):
    text = "\n".join(seed_texts) * 3
    result = vn_govie.extract(text)
    assert_offsets_slice_back(text, result)
    assert len(result.doc.text) == len(normalize(text).text)


def test_the_pipeline_loads_and_runs_with_networking_disabled(monkeypatch, tmp_path, nlp):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    nlp.to_disk(tmp_path / "copy")
    result = vn_govie.extract(SENTENCE, model=tmp_path / "copy")
    assert any(e.label == "PERSON" for e in result.entities)


def test_the_pipeline_round_trips_through_disk(tmp_path, nlp):
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.pipe_names == nlp.pipe_names
    text = normalize(SENTENCE).text
    assert [(e.text, e.label_) for e in reloaded(text).ents] == [(e.text, e.label_) for e in nlp(text).ents]


def test_a_missing_model_path_is_a_clear_error(tmp_path):
    with pytest.raises(vn_govie.ModelNotFoundError, match="config.cfg"):
        vn_govie.extract(SENTENCE, model=tmp_path)
