"""Rules beside the model: patterned spans and gazetteer places and titles."""

import spacy

from vn_govie.components.gazetteer import find_gazetteer_spans
from vn_govie.components.patterns import find_patterns
from vn_govie.tokenizer import TOKENIZER_NAME


def test_patterns_find_money_percent_dates_and_numbered_documents():
    text = ("Theo Nghị quyết số 18-NQ/TU ngày 30/12/2022, dự án được bố trí gần 5.092 tỷ đồng, "
            "giải ngân đạt 36,6% trong Quý III/2024; 17/18 huyện đạt chuẩn.")
    found = {(text[m.start : m.end], m.label) for m in find_patterns(text)}
    assert found == {
        ("Nghị quyết số 18-NQ/TU", "DOCUMENT"),
        ("ngày 30/12/2022", "DATE"),
        ("5.092 tỷ đồng", "MONEY"),
        ("36,6%", "PERCENT"),
        ("Quý III/2024", "DATE"),
    }


def test_a_year_range_after_a_count_of_years_leaves_the_calendar_word_out():
    text = "kế hoạch đầu tư công trung hạn 5 năm 2021-2025"
    assert [(text[m.start : m.end], m.label) for m in find_patterns(text)] == [("2021-2025", "DATE")]


def test_gazetteer_finds_provinces_districts_with_their_type_word_and_titles():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": False}}})
    doc = nlp("Phó Chủ tịch tỉnh Phú Yên làm việc tại quận Bình Thạnh và Việt Nam.")
    found = {(s.text, s.label_) for s in find_gazetteer_spans(doc)}
    assert ("Phó Chủ tịch", "POSITION") in found
    assert ("quận Bình Thạnh", "LOCATION") in found
    assert ("Việt Nam", "LOCATION") in found
    assert any(text.endswith("Phú Yên") and label == "LOCATION" for text, label in found)
