"""Robust on any input: odd text finishes, offsets always slice back, long text is cut into pieces.

Part 1 feeds ``vn_govie.extract`` (the shipped pipeline) each kind of odd input
that scraped pages, PDF conversions and archives contain; part 2 lets
hypothesis generate text mixing Vietnamese, digits, punctuation and odd
characters. The 1 MB document of the issue is timed by ``benchmarks/speed.py``;
here a document of about 250 KB keeps CI fast.
"""

import json
import resource
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import vn_govie
from vn_govie.api import CHUNK_CHARS, chunk_spans
from vn_govie.text.normalize import normalize
from vn_govie.text.sentences import sentence_index, sentence_spans

SENTENCE = "Chiều 11/10, Phó Chủ tịch UBND TP Hà Minh Hải chủ trì hội nghị. Dự án Vành đai 2 được bố trí gần 5.092 tỷ đồng."


def assert_valid(text, result):
    """Every promise an ``Extraction`` makes about its offsets, ids and output."""
    assert result.text == text
    previous_end = 0
    for i, ent in enumerate(result.entities):
        assert ent.id == i
        assert 0 <= ent.start < ent.end <= len(text), ent
        assert text[ent.start : ent.end] == ent.text, ent
        assert ent.start >= previous_end, "entities overlap or are out of order"
        previous_end = ent.end
    for rel in result.relations:
        assert 0 <= rel.head < len(result.entities) and 0 <= rel.tail < len(result.entities)
    json.dumps(result.to_dict(), ensure_ascii=False)
    json.dumps(result.to_dict())  # ASCII-escaped too (lone surrogates included)


def clean_spans(text, result):
    """``(label, start, end)`` of each entity, as offsets into the normalised text."""
    norm = normalize(text)
    return [(e.label, *norm.clean_span(e.start, e.end)) for e in result.entities]


# --- 1. bad and odd input ----------------------------------------------------


@pytest.mark.parametrize("bad", [None, b"Ha Noi", bytearray(b"x"), 42, 3.5, ["a list"], ("a", "tuple"), {"a": 1}])
def test_anything_but_str_is_a_type_error_that_names_str(bad):
    with pytest.raises(TypeError, match=r"expects text as str, got"):
        vn_govie.extract(bad)


def test_extract_many_names_str_for_a_bad_item_and_a_bad_argument():
    with pytest.raises(TypeError, match="str"):
        list(vn_govie.extract_many(["Hà Nội họp.", None]))
    for bad in ("a string", b"bytes", 42, None):
        with pytest.raises(TypeError, match="iterable of str"):
            list(vn_govie.extract_many(bad))


@pytest.mark.parametrize("blank", ["", " ", "\n", "\t\r\n  ", "\u200b\u2060\ufeff", "\u00a0\u3000", "\x00\x07", "&nbsp;"])
def test_empty_or_blank_text_gives_an_empty_result(blank):
    result = vn_govie.extract(blank)
    assert result.text == blank
    assert result.entities == [] and result.relations == []
    assert result.to_dict()["entities"] == []


def test_nfd_and_old_tone_marks_find_the_same_entities_as_clean_text(seed_texts):
    clean = seed_texts[2][:3000]
    expected = clean_spans(clean, vn_govie.extract(clean))
    assert expected
    old_style = clean.replace("ủy", "uỷ").replace("Ủy", "Uỷ").replace("hòa", "hoà").replace("thủy", "thuỷ").replace("khỏe", "khoẻ")
    assert old_style != clean
    for variant in (unicodedata.normalize("NFD", clean), unicodedata.normalize("NFD", old_style), old_style):
        result = vn_govie.extract(variant)
        assert_valid(variant, result)
        assert clean_spans(variant, result) == expected


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace(" ", " \u200b").replace("Hà", "H\u200dà"),  # zero-width characters, inside words too
        lambda t: t.replace(", ", ",\x00 ").replace("UBND", "\x1b[1mUBND\x1b[0m"),  # control characters
        lambda t: "\ufeff" + t.replace(" ", "\u00ad ", 3),  # byte-order mark, soft hyphens
        lambda t: t.replace(" ", "\t").replace(". ", ".\r\n"),  # tabs, Windows line breaks
        lambda t: t.replace(" ", "\u2009", 4).replace(" ", "\u3000", 2),  # thin and ideographic spaces
    ],
    ids=["zero-width", "control", "bom-soft-hyphen", "tabs-crlf", "odd-spaces"],
)
def test_invisible_and_control_characters_keep_offsets_and_entities(variant):
    text = variant(SENTENCE)
    result = vn_govie.extract(text)
    assert_valid(text, result)
    # the cleaning drops or respaces them, so the same people and amounts are found
    found = {(e.label, " ".join(normalize(e.text).text.split())) for e in result.entities}
    assert ("MONEY", "5.092 tỷ đồng") in found


@pytest.mark.parametrize(
    "text",
    [
        "<p>Phó Chủ tịch UBND TP&nbsp;Hà Minh Hải chủ trì hội nghị.</p><br/><script>var x = 1 && 2;</script>",
        "&lt;div class=&quot;news&quot;&gt;Dự án Vành đai 2 được bố trí 5.092 tỷ đồng&lt;/div&gt;",
        "Ch&#7911; t&#x1ECB;ch UBND TP H&agrave; N&#7897;i &bogus; &amp &#99999999; &#x0; &#13;&#10; &#9;",
        "<table><tr><td>STT</td><td>Dự án</td><td>Vốn (tỷ đồng)</td></tr><tr><td>1</td><td>Vành đai 4</td><td>1.200</td></tr></table>",
    ],
    ids=["tags-and-nbsp", "escaped-markup", "character-references", "table"],
)
def test_html_remnants_keep_offsets(text):
    assert_valid(text, vn_govie.extract(text))


@pytest.mark.xfail(strict=True, reason=(
    "known regression of tokenizer v5 (docs/tokenizer.md): a no-break space between two words must be a "
    "whitespace token of its own in a spaCy Doc, which the model was not trained with; fix: retrain with such tokens"))
def test_html_character_references_read_as_their_characters():
    plain = vn_govie.extract(SENTENCE)
    escaped_text = SENTENCE.replace("ộ", "&#7897;").replace(" ", "&nbsp;", 3)
    escaped = vn_govie.extract(escaped_text)
    assert_valid(escaped_text, escaped)
    assert clean_spans(escaped_text, escaped) == clean_spans(SENTENCE, plain)


@pytest.mark.parametrize(
    "text",
    [
        "Phó Chủ tịch UBND TP Hà Minh Hải 😀👍🏽 chủ trì hội nghị 🇻🇳 ❤️ 5.092 tỷ đồng 💰",
        "中华人民共和国 国务院 Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng 李强 tại 北京",
        "Москва — Tổng thống Путин; الرياض ٢٠٢٤ ١٢٫٥ %; กรุงเทพ ฯ; 서울 한국; Ελλάδα",
        "ﬁnance Ⅻ ①②③ ¼ ² 𝐇𝐚 𝐍𝐨𝐢 Ａ１２３ ＵＢＮＤ ｈｏà",
        "x" + "\u0301" * 200 + " \u0300\u0323 Hà Nội",  # combining marks with no base, or far too many
        "Hà\ud800Nội \udcff UBND",  # lone surrogates, as bytes decoded with surrogateescape give
        "\ue000\uf8ff\U000f0000 private use \U0001d11e \u2028 line\u2029separators",
    ],
    ids=["emoji", "cjk", "other-scripts", "compatibility-forms", "combining-marks", "lone-surrogates", "private-use"],
)
def test_emoji_cjk_and_other_scripts_finish_with_valid_offsets(text):
    assert_valid(text, vn_govie.extract(text))


@pytest.mark.parametrize(
    "amount",
    ["5.092 – nghìn tỷ đồng", "– tỷ đồng", "5 - - 6 tỷ đồng", "1.2.3.4.5 %", "99/99/9999", "ngày 32 tháng 13 năm 2024",
     "Quý IV/99999", "9" * 400 + " tỷ đồng", "0,000000001 %"],
)
def test_malformed_amounts_and_dates_get_no_value_but_no_error(amount):
    text = f"Dự án được bố trí {amount} trong năm."
    assert_valid(text, vn_govie.extract(text))


def test_a_run_on_sentence_of_thousands_of_words_is_cut_into_bounded_pieces():
    words = SENTENCE.replace(".", "").split()
    text = " ".join(words[i % len(words)] for i in range(4000))  # one "sentence", no full stop, ~20 KB
    assert len(sentence_spans(normalize(text).text)) == 1
    pieces = chunk_spans(normalize(text).text)
    assert len(pieces) > 5
    assert all(b - a <= 2 * CHUNK_CHARS for a, b in pieces)
    result = vn_govie.extract(text)
    assert_valid(text, result)
    assert sum(e.label == "MONEY" for e in result.entities) >= 100


@pytest.mark.parametrize(
    "text",
    ["x" * 10_000, "Hà Nội, " * 2_000, ("a." * 3_000), "5.092 tỷ đồng " * 600, "\n" * 5_000 + "Hà Nội" + " " * 5_000],
    ids=["no-space", "no-full-stop", "dots", "numbers", "blank-runs"],
)
def test_long_texts_without_sentence_boundaries_finish(text):
    assert_valid(text, vn_govie.extract(text))


def test_chunks_cover_the_text_exactly_and_stay_bounded():
    texts = ["", "   ", "x" * 7_000, "từ " * 5_000, "Câu một. " * 2_000, "a\n" * 4_000, ("Hà Nội " * 700 + ". ") * 5]
    for text in texts:
        pieces = chunk_spans(text)
        assert [a for a, _ in pieces[1:]] == [b for _, b in pieces[:-1]]
        if text:
            assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
        for a, b in pieces:
            assert 0 < len(text[a:b].rstrip()) <= 2 * CHUNK_CHARS or not text[a:b].strip()


def test_sentence_splitting_is_linear_on_one_huge_line():
    line = "Ông TP. Hồ Chí Minh nói 30 . 000 usd và tp . HCM. " * 20_000  # ~1 MB, no line break
    started = time.perf_counter()
    spans = sentence_spans(line)
    assert time.perf_counter() - started < 5  # quadratic, this took minutes
    assert len(spans) >= 20_000
    assert sentence_index(spans, spans[-1][0]) == len(spans) - 1
    assert sentence_index(spans, len(line) + 10) == -1


def test_a_large_document_finishes_with_exact_offsets_and_bounded_memory(seed_texts):
    odd = "\u200b<p>&amp;😀 中文\u00a0\r\n"
    base = "\n".join(seed_texts) + odd
    text = (base * (250_000 // len(base) + 1))[:250_000]
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = vn_govie.extract(text)
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert_valid(text, result)
    assert len(result.entities) > 1000
    # the chunks stay compressed until the Doc is asked for (benchmarks/memory.py: 1, 5 and 20 MB)
    assert all(isinstance(chunk, bytes) for _, chunk in result.chunks)
    assert result.doc.text == text
    assert len(result.doc._.clean_text) == len(normalize(text).text)
    assert result.doc.tensor.size == 0  # the tok2vec output is dropped once tagging is done
    assert [(e.start_char, e.end_char, e.label_) for e in result.doc.ents] == \
        [(e.start, e.end, e.label) for e in result.entities]
    assert growth_mb < 400


def test_extract_many_streams_odd_texts_in_order_with_two_processes():
    texts = [SENTENCE, "", "😀 中文 &amp; <p>", unicodedata.normalize("NFD", SENTENCE), "x" * 4_000, SENTENCE.replace("ủ", "uỷ")]
    one = [r.to_dict() for r in vn_govie.extract_many(texts, batch_size=2)]
    assert [r["text"] for r in one] == texts
    assert one == [vn_govie.extract(t).to_dict() for t in texts]
    two = [r.to_dict() for r in vn_govie.extract_many(texts, batch_size=2, n_process=2)]
    assert two == one


def test_the_fast_pos_features_are_underthesea_s_own(seed_texts):
    from underthesea import pos_tag as underthesea_pos_tag
    from underthesea import word_tokenize
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    from vn_govie.tokenizer import POS_TEMPLATE, pos_features, pos_tag

    predictor = CRFPOSTagPredictor.Instance()
    assert tuple(predictor.transformer.template) == POS_TEMPLATE
    sentences = [seed_texts[0][a:b] for a, b in sentence_spans(seed_texts[0])][:40]
    sentences += ["", "A", "Hà  Nội", "( UBND ) : 5,5 % -- TP.HCM ...", "😀 中文 x̀"]
    for sentence in sentences:
        words = word_tokenize(sentence)
        expected = predictor.transformer.transform([[(w, "X") for w in words]])[0][0] if words else []
        assert pos_features(words) == expected
        assert pos_tag(sentence) == underthesea_pos_tag(sentence)


# --- 2. property-based -------------------------------------------------------

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
ALPHABET = (
    VIETNAMESE + VIETNAMESE.upper() + "0123456789" + " .,;:!?()[]\"'“”‘’-–—/%&@#…" + "\n\t\r\u00a0\u200b\u00ad"
    + "\u0300\u0301\u0303\u0309\u0323" + "😀中文Жع" + "\x00\x1b\ufeff"
)
WORDS = [
    "Phó Chủ tịch", "UBND", "TP", "Hà Nội", "Thành ủy", "Thành uỷ", "hội nghị", "Dự án", "Vành đai 2", "Nghị quyết số",
    "18-NQ/TU", "ngày", "11/10", "30/12/2022", "năm 2024", "Quý III/2024", "5.092", "tỷ đồng", "triệu USD", "43%",
    "Nguyễn Thị Tuyến", "Bộ Kế hoạch và Đầu tư", "chủ trì", "giải ngân", "&amp;", "<p>", "&#7897;", "TP.HCM",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "  ", "\u00a0", "\u200b", " - ", "; "]


@st.composite
def news_like(draw):
    """Government-news words and numbers (so entities occur), glued with odd separators and noise."""
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, max_size=8)), max_size=30))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, seps))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text


texts = st.one_of(st.text(ALPHABET, max_size=200), news_like(), st.text(max_size=60))


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("@0\u0300")  # a digit and a combining mark: one original character, two clean ones, two entities
def test_extract_never_raises_and_keeps_every_promise(text):
    assert_valid(text, vn_govie.extract(text))


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, max_size=5), st.integers(1, 4))
def test_extract_many_matches_extract_for_any_batch(batch, batch_size):
    results = list(vn_govie.extract_many(batch, batch_size=batch_size))
    assert [r.to_dict() for r in results] == [vn_govie.extract(t).to_dict() for t in batch]


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like())
@example("Phó Chủ tịch Thành ủy\u200bTP  ")  # "uỷTP" once the zero-width space is dropped: still old style
def test_nfd_and_old_style_variants_find_the_same_entities(text):
    clean = unicodedata.normalize("NFC", text)
    expected = clean_spans(clean, vn_govie.extract(clean))
    for variant in (unicodedata.normalize("NFD", clean), clean.replace("ủy", "uỷ").replace("hòa", "hoà")):
        assert clean_spans(variant, vn_govie.extract(variant)) == expected


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=300))
def test_normalisation_maps_every_clean_character_back(text):
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    previous = (0, 0)
    for k in range(len(norm.text)):
        start, end = norm.span(k, k + 1)
        assert 0 <= start < end <= len(text)
        assert (start, end) >= previous
        previous = (start, end)
    for a, b in chunk_spans(norm.text, max_chars=20):
        assert norm.text[a:b]
