"""The normalised text and its offset map back to the caller's text."""

import unicodedata

from vn_govie.text.normalize import modern_tone_marks, normalize


def test_old_tone_marks_take_one_convention():
    assert modern_tone_marks("Thành uỷ, Uỷ ban, hoà bình, khoẻ, Thanh Hoá") == "Thành ủy, Ủy ban, hòa bình, khỏe, Thanh Hóa"
    assert modern_tone_marks("hoàn thành, quý, Huỳnh, khuya") == "hoàn thành, quý, Huỳnh, khuya"


def test_nfd_odd_spaces_zero_width_and_html_are_cleaned():
    text = unicodedata.normalize("NFD", "Nguyễn Thị Tuyến") + "\u200a&amp;\u200b\tHà\u00a0Nội\r\n"
    clean = normalize(text)
    assert clean.text == "Nguyễn Thị Tuyến & Hà Nội\n"


def test_every_clean_span_maps_back_to_the_original():
    text = "Ông " + unicodedata.normalize("NFD", "Nguyễn Thị Tuyến") + " ở Thành uỷ &amp; UBND\u200b TP"
    clean = normalize(text)
    start = clean.text.index("Nguyễn")
    a, b = clean.span(start, start + len("Nguyễn Thị Tuyến"))
    assert unicodedata.normalize("NFC", text[a:b]) == "Nguyễn Thị Tuyến"
    start = clean.text.index("Thành ủy")
    a, b = clean.span(start, start + len("Thành ủy"))
    assert text[a:b] == "Thành uỷ"
    assert clean.clean_span(a, b) == (start, start + len("Thành ủy"))
