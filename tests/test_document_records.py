"""Records resolved across the whole article: the cases a new user met, each in a short written paragraph."""

import vn_govie
from vn_govie.document_records import main_province, with_place


def record(records, name):
    (found,) = [r for r in records if r.name == name]
    return found


def offices(result):
    return {o.name: {(p.position, p.body) for p in o.positions} for o in result.officials}


def test_a_chairmans_body_is_the_full_name_given_two_clauses_before():
    result = vn_govie.extract("Sáng 5/6, UBND tỉnh Quảng Ninh tổ chức hội nghị sơ kết công tác cải cách hành chính. "
                              "Chủ tịch UBND tỉnh Cao Tường Huy chủ trì hội nghị.")
    assert offices(result)["Cao Tường Huy"] == {("Chủ tịch", "UBND tỉnh Quảng Ninh")}


def test_two_spellings_of_the_city_party_committee_are_one_body_with_its_city():
    result = vn_govie.extract("Chiều 12/3, Thành ủy Hà Nội tổ chức Hội nghị lần thứ 20. Đồng chí Nguyễn Văn Phong, "
                              "Phó Bí thư Thường trực Thành uỷ chủ trì hội nghị. Hà Nội đặt mục tiêu tăng trưởng 7%.")
    assert offices(result)["Nguyễn Văn Phong"] == {("Phó Bí thư Thường trực", "Thành ủy Hà Nội")}
    (event,) = result.events
    assert event.organizers == ["Thành ủy Hà Nội"]


def test_a_body_named_by_its_level_takes_the_articles_province():
    assert main_province("Đắk Lắk họp. Tỉnh Đắk Lắk giao chỉ tiêu; Hà Nội không.") == "Đắk Lắk"
    assert main_province("Hà Nội và Đà Nẵng.") is None  # two provinces, neither the article's
    assert with_place("Tỉnh ủy", "Quảng Nam") == "Tỉnh ủy Quảng Nam"
    assert with_place("UBND", "Quảng Nam") == "UBND tỉnh Quảng Nam"
    assert with_place("Thành ủy", "Quảng Nam") == "Thành ủy"  # a provincial city's, not the province's
    assert with_place("UBND TP", "TP.HCM") == "UBND TP Hồ Chí Minh"
    assert with_place("Bộ Tài chính", "Quảng Nam") == "Bộ Tài chính"


def test_what_the_next_sentences_say_of_the_project_reaches_its_record():
    text = ("Hà Nội khởi công dự án đường Vành đai 4 - Vùng Thủ đô. Dự án có tổng mức đầu tư 85.813 tỷ đồng. "
            "Đến nay, dự án đã giải ngân được 3.500 tỷ đồng.")
    result = vn_govie.extract(text)
    project = record(result.projects, "dự án đường Vành đai 4 - Vùng Thủ đô")
    assert [v.value for v in project.allocations] == [85_813_000_000_000]
    assert [v.value for v in project.disbursements] == [3_500_000_000_000]
    # each fact says where it was read
    (fact,) = [e for e in project.evidence if e.field == "disbursements"]
    assert text[fact.start:fact.end] == "3.500 tỷ đồng"
    assert text[fact.sentence[0]:fact.sentence[1]].startswith("Đến nay")


def test_co_chairs_and_attendees_named_after_the_meetings_sentence():
    result = vn_govie.extract(
        "Sáng 20/4, tại Hà Nội, Bộ Kế hoạch và Đầu tư tổ chức Hội nghị triển khai Luật Đầu tư công. "
        "Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng và Bộ trưởng Bộ Tài chính Hồ Đức Phớc đồng chủ trì. "
        "Cùng dự có Thứ trưởng Trần Quốc Phương và đại diện Văn phòng Chính phủ.")
    (event,) = result.events
    assert event.chairs == ["Nguyễn Chí Dũng", "Hồ Đức Phớc"]
    assert event.attendees == ["Trần Quốc Phương", "Văn phòng Chính phủ"]


def test_the_prime_ministers_decision_gives_the_appointee_no_prime_ministers_title():
    result = vn_govie.extract("Theo Quyết định của Thủ tướng Chính phủ, ông Nguyễn Văn An được bổ nhiệm "
                              "giữ chức Thứ trưởng Bộ Tài chính.")
    assert offices(result) == {"Nguyễn Văn An": {("Thứ trưởng", "Bộ Tài chính")}}


def test_an_article_about_two_cities_keeps_each_body_as_written():
    result = vn_govie.extract("Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh và Chủ tịch UBND TP Đà Nẵng Lê Trung Chinh "
                              "ký kết hợp tác. Chủ tịch UBND TP Lê Trung Chinh phát biểu.")
    assert ("Chủ tịch", "UBND TP Hà Nội") in offices(result)["Trần Sỹ Thanh"]
    # the short name joins the nearest fuller one before it
    assert offices(result)["Lê Trung Chinh"] == {("Chủ tịch", "UBND TP Đà Nẵng")}
