"""The underthesea-backed spaCy tokenizer: words as tokens, the text kept exactly, serialisable."""

import spacy
from spacy.util import registry

from vn_govie.tokenizer import TOKENIZER_NAME, UndertheseaTokenizer


def make_nlp(pos=True):
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": pos}}})


def test_words_are_tokens_and_the_text_is_kept():
    text = "Chiều 11/10, Thường trực Thành ủy - HĐND – UBND TP Hà Nội tổ chức Hội nghị giao ban."
    doc = make_nlp()(text)
    assert doc.text == text
    assert "Hà Nội" in [t.text for t in doc]
    assert "Thành ủy" in [t.text for t in doc]
    assert {t.tag_ for t in doc} >= {"Np", "N", "V"}


def test_odd_whitespace_and_lines_survive():
    text = "  Thành uỷ   Hà Nội\n\nhọp\u200a bàn.\t "
    doc = make_nlp()(text)
    assert doc.text == text
    assert len(list(doc.sents)) == 2


def test_a_token_never_ends_inside_a_syllable():
    text = "Sở TT&TT và Bộ KH&ĐT giải ngân 5.092 tỷ đồng cho dự án 500kV mạch 3 tại TP.HCM."
    doc = make_nlp()(text)
    for token in doc[:-1]:
        end = token.idx + len(token.text)
        if end < len(text) and not token.whitespace_:
            assert not (text[end - 1].isalnum() and text[end].isalnum()), token.text


def test_glued_names_are_cut_at_case_changes():
    doc = make_nlp(pos=False)("Ông Trần Quốc Khánh dự họp và giao Ban Thường vụ chỉ đạo.")
    words = [t.text for t in doc]
    assert "Trần Quốc Khánh" in words or ["Trần", "Quốc", "Khánh"] == words[1:4]
    assert not any(w.startswith("giao B") for w in words)


def test_registered_and_reloaded_from_disk(tmp_path):
    assert registry.tokenizers.get(TOKENIZER_NAME)
    nlp = make_nlp(pos=False)
    nlp.to_disk(tmp_path / "blank")
    reloaded = spacy.load(tmp_path / "blank")
    assert isinstance(reloaded.tokenizer, UndertheseaTokenizer)
    assert reloaded.tokenizer.pos is False
    assert [t.text for t in reloaded("Hà Nội họp")] == [t.text for t in nlp("Hà Nội họp")]


def test_a_name_glued_to_the_verb_after_it_is_cut_but_capitalised_words_stay_whole():
    # underthesea reads "Thọ đợi" and "Đinh nói" as one word each; the dictionary knows neither
    words = [t.text for t in make_nlp(pos=False)("Đúng như lời chủ tịch Đinh nói , Thọ đợi ở cổng .")]
    assert "Đinh" in words and "Thọ" in words
    words = [t.text for t in make_nlp(pos=False)("Thủ tướng và Uỷ ban nhân dân tỉnh họp .")]
    assert "Thủ tướng" in words


def test_the_first_word_of_a_sentence_is_not_cut_by_the_dictionary():
    # a sentence's capital says nothing of a name: "Lũy kế" (cumulative) is no "Lũy" + "kế"
    words = [t.text for t in make_nlp(pos=False)("Lũy kế giải ngân đạt 4.355 tỷ đồng. Cuối buổi, Thọ đợi ở cổng.")]
    assert "Lũy kế" in words and "Thọ" in words
    assert "Lũy kế" in [t.text for t in make_nlp(pos=False)('- "Lũy kế giải ngân đạt 4.355 tỷ đồng."')]


def test_treebank_bracket_words_stand_alone():
    words = [t.text for t in make_nlp(pos=False)("Chương trình phát triển LHQ LBKT UNDP RBKT tài trợ .")]
    assert "RBKT" in words and "LBKT" in words


def test_version_one_keeps_the_first_releases_segmentation(tmp_path):
    from vn_govie.tokenizer import TOKENIZER_V1

    old = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_V1, "pos": False}}})
    assert old.tokenizer.dictionary_cuts is False
    old.to_disk(tmp_path / "v1")
    assert spacy.load(tmp_path / "v1").tokenizer.dictionary_cuts is False
    new = make_nlp(pos=False)
    new.to_disk(tmp_path / "v3")
    assert spacy.load(tmp_path / "v3").tokenizer.dictionary_cuts is True


def test_version_two_still_cuts_the_first_word_of_a_sentence(tmp_path):
    from vn_govie.tokenizer import TOKENIZER_V2

    text = "Lũy kế giải ngân đạt 4.355 tỷ đồng."
    fifth = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_V2, "pos": False}}})
    fifth.to_disk(tmp_path / "v2")
    assert [t.text for t in spacy.load(tmp_path / "v2")(text)][:2] == ["Lũy", "kế"]
    assert [t.text for t in make_nlp(pos=False)(text)][0] == "Lũy kế"
