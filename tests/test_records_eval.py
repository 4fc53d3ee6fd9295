"""Record-level gold as standoff, and the scorer that compares records by resolved name."""

import json

import pytest

from vn_govie.evaluation import records as rec

TEXT = ("Chiều 12/3, UBND tỉnh Quảng Ninh tổ chức Hội nghị triển khai kế hoạch đầu tư công năm 2024. "
        "Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì hội nghị. "
        "Dự án đường Vành đai 4 có tổng mức đầu tư 5.092 tỷ đồng.")

ARTICLE = {
    "id": "written-1",
    "officials": [{"name": "Nguyễn Văn An", "positions": [{"position": "Chủ tịch", "body": "UBND tỉnh Quảng Ninh"}]}],
    "events": [{"name": "Hội nghị triển khai kế hoạch đầu tư công năm 2024", "dates": ["12/3"],
                "organizers": ["UBND tỉnh Quảng Ninh"], "chairs": ["Nguyễn Văn An"]}],
    "projects": [{"name": "Dự án đường Vành đai 4", "allocations": ["5.092 tỷ đồng"]}],
    "documents": [],
}


def test_gold_written_as_strings_is_stored_as_offsets_and_joined_back():
    line = rec.to_standoff(ARTICLE, TEXT, "synthetic")
    assert "Nguyễn" not in json.dumps(line, ensure_ascii=False)
    assert line["officials"][0]["name"] == [[TEXT.index("Nguyễn Văn An"), TEXT.index("Nguyễn Văn An") + 13]]
    back = rec.from_standoff(line, TEXT)
    assert back["officials"][0]["positions"][0]["body"] == "UBND tỉnh Quảng Ninh"
    assert back["projects"][0]["allocations"] == ["5.092 tỷ đồng"]


def test_a_name_written_in_two_places_is_two_pieces():
    article = {"id": "x", "officials": [{"name": "Nguyễn Văn An",
                                         "positions": [{"position": "Chủ tịch", "body": ["UBND tỉnh", "Quảng Ninh"]}]}]}
    line = rec.to_standoff(article, TEXT, "synthetic")
    assert len(line["officials"][0]["positions"][0]["body"]) == 2
    assert rec.from_standoff(line, TEXT)["officials"][0]["positions"][0]["body"] == "UBND tỉnh Quảng Ninh"


def test_a_string_not_in_the_article_and_a_changed_text_are_errors():
    with pytest.raises(rec.RecordGoldError, match="not in the article"):
        rec.to_standoff({"id": "x", "officials": [{"name": "Trần Văn Bình"}]}, TEXT, "synthetic")
    line = rec.to_standoff(ARTICLE, TEXT, "synthetic")
    with pytest.raises(rec.RecordGoldError, match="changed"):
        rec.from_standoff(line, TEXT.replace("5.092", "5.093"))


def test_records_match_by_resolved_name_and_score_each_headline_fact():
    gold = [{"id": "written-1", **ARTICLE}]
    predicted = {"written-1": {
        # `UBND tỉnh` alone is not the body the article names: the official's headline fact is missed
        "officials": [{"name": "Nguyễn Văn An", "positions": [{"position": "Chủ tịch", "body": "UBND tỉnh"}]}],
        "events": [{"name": "hội nghị triển khai kế hoạch đầu tư công năm 2024", "chairs": ["Nguyễn Văn An"],
                    "dates": [{"text": "12/3", "value": "--03-12"}]}],
        # the same amount written another way is the same value
        "projects": [{"name": "dự án đường Vành đai 4", "allocations": [{"text": "5092 tỷ đồng", "value": 5092e9}]}],
        "documents": [{"name": "Nghị quyết số 18-NQ/TU", "issuers": ["Thành ủy"]}],
    }}
    report = rec.score(gold, predicted)
    assert report["records"]["officials"]["f1"] == 0.0
    assert report["records"]["events"]["f1"] == 1.0
    assert report["records"]["projects"]["f1"] == 1.0
    assert report["records"]["documents"]["p"] == 0.0 and report["records"]["documents"]["gold"] == 0
    overall = report["records"]["overall"]
    assert (overall["gold"], overall["predicted"], overall["correct"]) == (3, 4, 2)
    assert report["fields"]["events.dates"]["f1"] == 1.0
    assert report["fields"]["events.organizers"]["r"] == 0.0
    assert "| events (chairs) |" in rec.format_report(report)


def test_a_title_that_swallowed_its_bodys_head_noun_matches_the_full_body():
    gold = [{"id": "d", "officials": [{"name": "Lê Văn Cường",
                                       "positions": [{"position": "Trưởng ban", "body": "Ban Tổ chức Thành ủy"}]}]}]
    predicted = {"d": {"officials": [{"name": "Lê Văn Cường",
                                      "positions": [{"position": "Trưởng ban", "body": "Tổ chức Thành uỷ"}]}]}}
    assert rec.score(gold, predicted)["records"]["officials"]["f1"] == 1.0
