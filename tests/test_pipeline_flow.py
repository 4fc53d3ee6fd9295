"""The spaCy pipeline is the product: ``nlp(text)`` takes the caller's text as it is and agrees with ``extract``."""

import unicodedata

import pytest
import spacy
from spacy.tokens import Doc

import vn_govie
from vn_govie.text.view import CleanView
from vn_govie.tokenizer import TOKENIZER_V4

SENTENCE = ("Ngày 11/10, Phó Chủ tịch UBND tỉnh Thanh Hóa Nguyễn Văn An chủ trì hội nghị tại Hà Nội; "
            "dự án được bố trí 1.200 tỷ đồng, tăng 5,5%.")

ODD_FORMS = {
    "NFD": unicodedata.normalize("NFD", SENTENCE),
    "old tone marks": SENTENCE.replace("Hóa", "Hoá"),
    "no-break space inside a name": SENTENCE.replace("Hà Nội", "Hà\u00a0Nội"),
    "CRLF and a tab": SENTENCE.replace("; ", ";\r\n\t"),
    "character reference": SENTENCE.replace("đồng", "&#273;ồng"),
    "fullwidth digits": SENTENCE.replace("1.200", "１．２００"),
    "bidi mark": "\u200e" + SENTENCE,
}


@pytest.fixture(scope="module")
def nlp():
    return vn_govie.load()


def _ents(doc):
    return [(e.start_char, e.end_char, e.label_, e._.value) for e in doc.ents]


@pytest.mark.parametrize("form", sorted(ODD_FORMS))
def test_nlp_keeps_the_callers_text_and_agrees_with_extract(nlp, form):
    text = ODD_FORMS[form]
    doc = nlp(text)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t)] == t.text for t in doc)  # tokens are substrings of the input
    result = vn_govie.extract(text)
    assert _ents(doc) == [(e.start, e.end, e.label, e.value) for e in result.entities]
    assert _ents(result.doc) == _ents(doc)
    assert result.doc.text == text


@pytest.mark.parametrize("form", sorted(ODD_FORMS))
def test_odd_forms_read_as_the_clean_sentence(nlp, form):
    clean = [(e.label_, e._.value) for e in nlp(SENTENCE).ents]
    assert [(e.label_, e._.value) for e in nlp(ODD_FORMS[form]).ents] == clean


def test_an_nfd_name_keeps_the_callers_characters_and_the_clean_norm(nlp):
    text = ODD_FORMS["NFD"]
    doc = nlp(text)
    person = next(e for e in doc.ents if e.label_ == "PERSON")
    assert person.text == unicodedata.normalize("NFD", "Nguyễn Văn An")
    assert person._.clean_text == "Nguyễn Văn An"
    assert doc[person.start].norm_ == "nguyễn_văn_an"  # one token, its lookup form
    assert doc._.clean_text == SENTENCE


def test_clean_text_is_the_doc_itself_when_nothing_changed(nlp):
    doc = nlp(SENTENCE)
    assert doc._.clean_map is None
    assert doc._.clean_text == doc.text
    assert CleanView(doc).char_span(0, 4).text == "Ngày"


def test_the_clean_map_survives_serialisation(nlp):
    doc = nlp(ODD_FORMS["NFD"])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back.text == doc.text
    assert back._.clean_text == SENTENCE
    assert [t._.clean_text for t in back] == [t._.clean_text for t in doc]


def test_a_long_odd_text_joins_its_chunks_with_the_callers_offsets():
    text = "\n".join(ODD_FORMS[form] for form in sorted(ODD_FORMS)) * 3
    result = vn_govie.extract(text)
    assert len(result.chunks) > 1
    assert result.doc.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in result.doc.ents] == \
        [(e.start, e.end, e.label) for e in result.entities]
    assert all(text[e.start:e.end] == e.text for e in result.entities)
    assert result.doc._.clean_text.count("Nguyễn Văn An") == 3 * len(ODD_FORMS)


def test_the_document_year_travels_with_the_call(nlp):
    doc = nlp("Ngày 11/10, UBND tỉnh họp.", component_cfg={"vn_govie_values": {"doc_year": 2024}})
    assert doc._.doc_year == 2024
    assert [e._.value for e in doc.ents if e.label_ == "DATE"] == ["2024-10-11"]
    docs = list(nlp.pipe(["Ngày 11/10, UBND tỉnh họp."], component_cfg={"vn_govie_values": {"doc_year": 2023}}))
    assert [e._.value for e in docs[0].ents if e.label_ == "DATE"] == ["2023-10-11"]
    assert vn_govie.extract("Ngày 11/10, UBND tỉnh họp.", doc_year=2024).doc._.doc_year == 2024


def test_spacy_load_by_package_name_gives_the_same_pipeline():
    nlp = spacy.load("vn_govie")
    assert nlp.pipe_names == vn_govie.load().pipe_names
    assert _ents(nlp(ODD_FORMS["NFD"])) == _ents(vn_govie.load()(ODD_FORMS["NFD"]))


def test_the_ninth_release_tokenizer_still_reads_its_text_as_clean():
    old = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_V4, "pos": False}}})
    doc = old(ODD_FORMS["NFD"])
    assert doc.text == ODD_FORMS["NFD"]
    assert doc._.clean_map is None
