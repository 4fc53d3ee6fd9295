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


def _blank():
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": False}}})


def _with_ents(text, spans):
    doc = _blank()(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in spans]
    return doc


def test_span_rules_trim_treebank_brackets_and_punctuation_from_entity_edges():
    from vn_govie.components.span_rules import SpanRules

    text = "Ông Lê Huy Ngọ LBKT nguyên bộ trưởng bộ NN & PTNT RBKT dự phiên tòa ."
    doc = SpanRules()(_with_ents(text, [("bộ NN & PTNT RBKT", "ORG"), ("LBKT", "ORG")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("bộ NN & PTNT", "ORG")]


def test_span_rules_keep_documents_that_name_a_document_and_drop_the_rest():
    from vn_govie.components.span_rules import SpanRules, is_document_name

    assert is_document_name("Nghị quyết số 18-NQ/TU")
    assert is_document_name("luật Đất đai")
    assert is_document_name("18-NQ/TU")
    assert not is_document_name("Tổng bí thư")
    assert not is_document_name("Luật sư Tình")
    text = "Theo Tổng bí thư , Kế hoạch số 171-KH/TU đã được triển khai ."
    doc = SpanRules()(_with_ents(text, [("Tổng bí thư", "DOCUMENT"), ("Kế hoạch số 171-KH/TU", "DOCUMENT")]))
    assert [e.text for e in doc.ents] == ["Kế hoạch số 171-KH/TU"]


def test_span_rules_drop_money_percent_and_dates_without_a_readable_value():
    from vn_govie.components.span_rules import SpanRules

    text = "Khoảng 60.000 cuốn , công viên 30 - 4 , ngày 30/4/1975 , 36,6% và 5 tỷ đồng ."
    spans = [("Khoảng 60.000", "DATE"), ("30 - 4", "PERCENT"), ("ngày 30/4/1975", "DATE"),
             ("36,6%", "PERCENT"), ("5 tỷ đồng", "MONEY")]
    doc = SpanRules()(_with_ents(text, spans))
    assert [(e.text, e.label_) for e in doc.ents] == [("ngày 30/4/1975", "DATE"), ("36,6%", "PERCENT"),
                                                       ("5 tỷ đồng", "MONEY")]


def test_gazetteer_knows_the_national_press_only_when_written_as_a_name():
    doc = _blank()("Trả lời Tuổi Trẻ , ông nói tuổi trẻ Việt Nam cần học , theo TTXVN .")
    found = {(s.text, s.label_) for s in find_gazetteer_spans(doc)}
    assert ("Tuổi Trẻ", "ORG") in found
    assert ("TTXVN", "ORG") in found
    assert not any(text == "tuổi trẻ" for text, _ in found)


def test_span_rules_make_a_title_tagged_as_a_person_a_position_and_drop_names_without_letters():
    from vn_govie.components.span_rules import SpanRules

    text = "Theo Tổng bí thư , cầu dài 71,85 m ."
    doc = SpanRules()(_with_ents(text, [("Tổng bí thư", "PERSON"), ("71,85", "PERSON")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("Tổng bí thư", "POSITION")]


def test_gazetteer_leaves_given_names_that_are_also_countries_alone():
    doc = _blank()("Anh Nguyễn Văn Bình kể chuyện ông Đức ở Đức và tên Mỹ sang Mỹ . Anh kể tiếp .")
    found = [(s.text, s.label_, s.start) for s in find_gazetteer_spans(doc)]
    assert [text for text, label, _ in found if label == "LOCATION"] == ["Đức", "Mỹ"]
    assert all(doc[start - 1].text in ("ở", "sang") for _, label, start in found if label == "LOCATION")


def test_span_rules_make_a_name_after_a_word_for_a_person_a_person_but_leave_places_alone():
    from vn_govie.components.span_rules import SpanRules

    text = "Anh Hai Địa gặp anh Tám ở bà Rịa và Cần Thơ ."
    spans = [("Hai Địa", "LOCATION"), ("Tám", "ORG"), ("Rịa", "LOCATION"), ("Cần Thơ", "LOCATION")]
    doc = SpanRules()(_with_ents(text, spans))
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Hai Địa", "PERSON"), ("Tám", "PERSON"), ("Rịa", "LOCATION"), ("Cần Thơ", "LOCATION")
    ]


def test_gazetteer_finds_bodies_named_by_their_kind_and_a_capitalised_name():
    from vn_govie.components.gazetteer_entities import GazetteerEntities

    doc = GazetteerEntities()(_blank()("Ông làm ở bệnh viện huyện Phước Sơn rồi về công ty cổ phần Biên Hòa , không về công ty nào khác ."))
    assert ("bệnh viện huyện Phước Sơn", "ORG") in {(e.text, e.label_) for e in doc.ents}
    assert ("công ty cổ phần Biên Hòa", "ORG") in {(e.text, e.label_) for e in doc.ents}
    assert not any(e.text.startswith("công ty nào") for e in doc.ents)


def test_fill_mode_lets_a_longer_rule_span_win_and_cuts_a_name_that_swallowed_an_amount():
    from vn_govie.components.patterns import PatternEntities

    text = "Năm 2025 đạt từ 8 đến 8,5% , dự án chống ngập gần 10.000 tỷ đồng chưa giải ngân ."
    doc = _with_ents(text, [("8,5%", "PERCENT"), ("dự án chống ngập gần 10.000 tỷ đồng", "PROJECT")])
    found = {(e.text, e.label_) for e in PatternEntities(mode="fill")(doc).ents}
    assert ("8 đến 8,5%", "PERCENT") in found
    assert ("dự án chống ngập", "PROJECT") in found
    assert ("10.000 tỷ đồng", "MONEY") in found


def test_patterns_read_a_day_and_month_with_a_dash_after_ngay_or_a_time_of_day():
    found = lambda text: [(text[m.start:m.end], m.label) for m in find_patterns(text)]  # noqa: E731

    assert found("LBKT hôm qua , 18 - 8 , tại nhà văn hóa") == [("18 - 8", "DATE")]
    assert found("Trả lời Tuổi Trẻ sáng 26-5 , ông Minh nói") == [("26-5", "DATE")]
    assert found("Sinh ngày 2 - 9 – 1956 tại làng Thanh Mỹ") == [("ngày 2 - 9 – 1956", "DATE")]
    assert found("khoảng 150 - 200 tấn da , sáng 7-8 giờ") == []


def test_span_rules_want_a_unit_for_money_and_part_two_amounts_joined_by_va():
    from vn_govie.components.span_rules import SpanRules

    text = "xuất khẩu 150 - 200 tấn , tiền cho công ty là 1.150 usd và 1 triệu đồng ."
    doc = SpanRules()(_with_ents(text, [("150 - 200", "MONEY"), ("1.150 usd và 1 triệu đồng", "MONEY")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("1.150 usd", "MONEY"), ("1 triệu đồng", "MONEY")]


def test_span_rules_cut_the_words_a_name_ran_into():
    from vn_govie.components.span_rules import SpanRules

    text = "phó chủ tịch liên đoàn Muay Thái châu Á - lại nói , ở phường Tân Xuân - một trong ba nơi ."
    spans = [("liên đoàn Muay Thái châu Á - lại", "ORG"), ("phường Tân Xuân - một", "LOCATION")]
    doc = SpanRules()(_with_ents(text, spans))
    assert [e.text for e in doc.ents] == ["liên đoàn Muay Thái châu Á", "phường Tân Xuân"]


def test_span_rules_leave_the_qualifier_of_an_amount_out_of_the_name_before_it():
    from vn_govie.components.span_rules import SpanRules

    text = "dự án chống ngập gần 10.000 tỷ đồng hiện chưa giải ngân ."
    doc = SpanRules()(_with_ents(text, [("dự án chống ngập gần", "PROJECT"), ("10.000 tỷ đồng", "MONEY")]))
    assert [e.text for e in doc.ents] == ["dự án chống ngập", "10.000 tỷ đồng"]


def test_span_rules_make_nicknames_and_full_names_tagged_as_places_people():
    from vn_govie.components.span_rules import SpanRules

    text = "tham gia như Chín Thái , Hai Sết , mẹ của nguyễn văn hòa , ở Hai Bà Trưng và Phan Thiết ."
    spans = [("Chín Thái", "LOCATION"), ("Hai Sết", "LOCATION"), ("nguyễn văn hòa", "LOCATION"),
             ("Hai Bà Trưng", "LOCATION"), ("Phan Thiết", "LOCATION")]
    doc = SpanRules()(_with_ents(text, spans))
    assert [e.label_ for e in doc.ents] == ["PERSON", "PERSON", "PERSON", "LOCATION", "LOCATION"]


def test_gazetteer_takes_in_the_kind_written_before_a_name():
    from vn_govie.components.gazetteer_entities import GazetteerEntities

    text = ("Nhà ông Bình ở phường Hiệp Bình Chánh gần bệnh viện tỉnh Khánh Hòa , "
            "các tỉnh ĐBSCL và chủ tịch xã Nguyễn Văn An .")
    spans = [("Hiệp Bình Chánh", "PERSON"), ("tỉnh Khánh Hòa", "LOCATION"), ("ĐBSCL", "LOCATION"),
             ("Nguyễn Văn An", "PERSON")]
    doc = GazetteerEntities(labels=("ORG",))(_with_ents(text, spans))
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("phường Hiệp Bình Chánh", "LOCATION"), ("bệnh viện tỉnh Khánh Hòa", "ORG"), ("ĐBSCL", "LOCATION"),
        ("Nguyễn Văn An", "PERSON"),
    ]


def test_span_rules_part_a_list_of_projects_tagged_as_one():
    from vn_govie.components.span_rules import SpanRules

    text = "như dự án trung tâm du khách , mạng lưới đường bộ ven biển , dự án nâng cấp, mở rộng cầu ."
    spans = [("dự án trung tâm du khách , mạng lưới đường bộ ven biển", "PROJECT"),
             ("dự án nâng cấp, mở rộng cầu", "PROJECT")]
    doc = SpanRules()(_with_ents(text, spans))
    assert [e.text for e in doc.ents] == ["dự án trung tâm du khách", "mạng lưới đường bộ ven biển",
                                          "dự án nâng cấp, mở rộng cầu"]


def test_gazetteer_tags_capitalised_names_after_a_word_for_a_person_or_a_title():
    from vn_govie.components.gazetteer_entities import GazetteerEntities

    text = "Bà Năm gặp đồng chí Lê Duẩn , con của trưởng thôn Cơlâu Bhưới , ở Bà Rịa ."
    doc = GazetteerEntities(labels=("ORG", "PERSON"))(_with_ents(text, [("trưởng thôn", "POSITION")]))
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert people == ["Năm", "Lê Duẩn", "Cơlâu Bhưới"]


def test_gazetteer_tags_source_bylines_and_photo_credits_as_org():
    from vn_govie.components.gazetteer_entities import GazetteerEntities

    text = "(CAO) Về đầu tư công, TP giải ngân chậm.\n(Chinhphu.vn) - Hà Nội họp.\nẢnh: TTO\nÔng A (Hà Nội) nói."
    doc = GazetteerEntities(labels=("ORG",))(_blank()(text))
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["CAO", "Chinhphu.vn", "TTO"]


def test_span_rules_make_a_road_said_as_a_place_a_location_but_leave_a_road_being_built():
    from vn_govie.components.span_rules import SpanRules

    text = "Quán nằm ngay mặt đường Thánh Paul , gần công trường xây dựng cầu Thủ Thiêm 2 ."
    spans = [("đường Thánh Paul", "PROJECT"), ("cầu Thủ Thiêm 2", "PROJECT")]
    doc = SpanRules()(_with_ents(text, spans))
    assert [(e.text, e.label_) for e in doc.ents] == [("đường Thánh Paul", "LOCATION"), ("cầu Thủ Thiêm 2", "PROJECT")]
