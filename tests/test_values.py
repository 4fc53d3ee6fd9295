"""Normalised values: money in đồng (or the currency named), percentages, ISO dates."""

import pytest

from vn_govie.values import parse_date, parse_money, parse_percent


@pytest.mark.parametrize(
    "surface, value, currency, high",
    [
        ("340.152,726 tỷ đồng", 340_152_726_000_000, "VND", None),
        ("5.092 tỷ đồng", 5_092_000_000_000, "VND", None),
        ("16.000 tỷ đồng", 16_000_000_000_000, "VND", None),
        ("1,2 nghìn tỷ đồng", 1_200_000_000_000, "VND", None),
        ("400,421 nghìn tỷ đồng", 400_421_000_000_000, "VND", None),
        ("150 triệu đồng", 150_000_000, "VND", None),
        ("4.000 tỷ", 4_000_000_000_000, "VND", None),
        ("15 - 20 tỷ đồng", 15_000_000_000, "VND", 20_000_000_000),
        ("160-162 triệu đồng", 160_000_000, "VND", 162_000_000),
        ("100 triệu USD", 100_000_000, "USD", None),
        ("5,7 tỷ USD", 5_700_000_000, "USD", None),
        ("12 triệu euro", 12_000_000, "EUR", None),
        ("3 tỷ 500 triệu đồng", 3_500_000_000, "VND", None),
        ("400 . 000 đ", 400_000, "VND", None),
        ("nửa tỉ đồng", 500_000_000, "VND", None),
        ("2.500 ngàn tỷ đồng", 2_500_000_000_000_000, "VND", None),
        ("1.500 baht", 1_500, "THB", None),
    ],
)
def test_money_forms(surface, value, currency, high):
    money = parse_money(surface)
    assert (money.value, money.currency, money.high) == (value, currency, high)


@pytest.mark.parametrize("before, qualifier", [("gần ", "gần"), ("đạt hơn ", "hơn"), ("(trên ", "trên"),
                                                ("khoảng ", "khoảng"), ("chỉ ", "chỉ"), ("giải ngân ", None),
                                                ("gần, ", None)])
def test_money_qualifier_is_the_word_before_the_span(before, qualifier):
    assert parse_money("4.000 tỷ đồng", before).qualifier == qualifier


def test_money_without_an_amount_is_an_error():
    with pytest.raises(ValueError):
        parse_money("tỷ đồng")


@pytest.mark.parametrize(
    "surface, value, high",
    [("36,6%", 36.6, None), ("43%", 43.0, None), ("6,5-7,0%", 6.5, 7.0), ("27 9%", 27.9, None),
     ("90 %", 90.0, None), ("8 đến 8,5%", 8.0, 8.5), ("5 phần trăm", 5.0, None)],
)
def test_percent_forms(surface, value, high):
    percent = parse_percent(surface)
    assert (percent.value, percent.high) == (value, high)


@pytest.mark.parametrize(
    "surface, iso",
    [
        ("ngày 30/12/2022", "2022-12-30"),
        ("Ngày 12/3", "--03-12"),
        ("11/10", "--10-11"),
        ("1-1-2025", "2025-01-01"),
        ("ngày 17 - 3 – 2004", "2004-03-17"),
        ("ngày 5 tháng 6 năm 2024", "2024-06-05"),
        ("tháng 9/2024", "2024-09"),
        ("9/2024", "2024-09"),
        ("tháng 10", "--10"),
        ("năm 2024", "2024"),
        ("Quý III/2024", "2024-Q3"),
        ("quý I năm 2025", "2025-Q1"),
        ("quý 4", "--Q4"),
        ("quí 1 - 2004", "2004-Q1"),
        ("Quý II – 2023", "2023-Q2"),
        ("2021-2025", "2021/2025"),
        ("ngày 23 và 24/11/2023", "2023-11-23/2023-11-24"),
        ("thập kỷ 1990", "1990/1999"),
        ("ngày 45/13", None),
    ],
)
def test_date_forms(surface, iso):
    assert parse_date(surface) == iso


def test_document_year_completes_partial_dates():
    assert parse_date("11/10", doc_year=2024) == "2024-10-11"
    assert parse_date("quý 4", doc_year=2024) == "2024-Q4"
    assert parse_date("ngày 30/12/2022", doc_year=2024) == "2022-12-30"
