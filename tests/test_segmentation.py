"""The fast word segmentation gives exactly ``underthesea.word_tokenize``'s words, features and scores."""

import importlib
import threading
import unicodedata

import pytest

from vn_govie import segmentation
from vn_govie.text.sentences import sentence_spans

underthesea_ws = importlib.import_module("underthesea.pipeline.word_tokenize")

HOSTILE = [
    "", " ", "   \t\n  ", "\n", ".", "...", "!!!???", "—–-", "(((", "“”‘’«»", ":)) =)) <3 :D",
    "0", "2024", "1234567890 2147483647 2147483648 -2147483648 -2147483649 +7 007 -0", "12 3 45",
    "11/10/2024", "11-10-2024", "2024/10/11", "20.08.2014", "10:20:50", "02/2014", "3x4",
    "1.234,5 tỷ đồng", "60.542.000 đồng", "100,000,000 USD", "12% 5$ 30°C 1/2",
    "https://chinhphu.vn/a/b?c=1&d=2 và www.hanoi.gov.vn/tin-tuc", "ftp://x.org/y",
    "liên hệ info@hanoi.gov.vn hoặc ten.ho+1@mail.example.com", "e-mail",
    "The quick brown fox COVID-19 iPhone McDonald's H'Mông N’Thôn Hạ", "Mr. Dr. ThS. Tp. T.Ư NĐ-CP 43H-0530",
    "Hà Nội 東京 Москва Ελλάδα ΟΔΟΣ ΣΑΣ עברית العربية ไทย 한국어",
    "👍🏽 Chúc mừng 🎉🇻🇳 năm mới ❤️", "☎ 024.3825 ★★★ ■ ● ◆ → ∑",
    "\x00\x07 a\x1fb", "\u200b\u200dHà\u200cNội", "\u0301\u0303 a\u0301", "ＡＢＣ１２３ ＨＮ",
    "İstanbul ǅemal ƛ ɤ ß ẞ ﬁ Ⓐ ŉ", "BOS EOS BOS", "T[0]=x", "a b c d e f g h",
    "UBND TP HÀ NỘI THÔNG BÁO", "hà nội", "Hà\xa0Nội", "x" * 3000, "Hà Nội " * 600,
    "Bác sĩ bây giờ có thể thản nhiên báo tin bệnh nhân bị ung thư",
]


def seed_sentences(seed_texts):
    out = []
    for text in seed_texts:
        out += [text[a:b] for a, b in sentence_spans(text)]
        out += [line for line in text.splitlines() if line.strip()]
    return out


@pytest.fixture(scope="module")
def fast():
    found = segmentation.segmenter()
    assert found is not None, "the fast path failed its checks on the shipped underthesea"
    return found


def test_the_fast_path_is_on_for_the_shipped_model(fast):
    assert fast.labels == ["B-W", "I-W"]
    assert sum(len(table) for table in fast.tables.values()) > 50_000


def test_identical_on_every_seed_sentence_and_line(fast, seed_texts):
    sentences = seed_sentences(seed_texts)
    assert len(sentences) > 300
    for sentence in sentences:
        assert segmentation.word_tokenize(sentence) == underthesea_ws.word_tokenize(sentence), sentence


def test_identical_on_whole_articles_and_their_nfd_form(fast, seed_texts):
    for text in seed_texts:
        for form in (text, unicodedata.normalize("NFD", text), text.replace("\n", " ")):
            assert segmentation.word_tokenize(form) == underthesea_ws.word_tokenize(form)


@pytest.mark.parametrize("text", HOSTILE)
def test_identical_on_hostile_strings(fast, text):
    for form in (text, unicodedata.normalize("NFD", text)):
        assert segmentation.word_tokenize(form) == underthesea_ws.word_tokenize(form)


def test_an_input_underthesea_fails_on_fails_the_same_way(fast):
    text = "Hà Nội \ud800 họp"  # a lone surrogate cannot go to Rust
    with pytest.raises(Exception) as theirs:
        underthesea_ws.word_tokenize(text)
    with pytest.raises(Exception) as ours:
        segmentation.word_tokenize(text)
    assert type(ours.value) is type(theirs.value)


def contexts(syllables):
    padded = [None, None, *syllables, None, None]
    return [padded[i:i + 5] for i in range(len(syllables))]


def test_features_are_the_featurizers_strings(fast, seed_texts):
    """The Python feature strings equal underthesea_core's for every context of safe characters."""
    checked = 0
    for sentence in seed_sentences(seed_texts)[:400] + HOSTILE:
        syllables = underthesea_ws.tokenize(sentence, use_token_normalize=True, fixed_words=[])
        reference = fast.featurizer.process([[[s] for s in syllables]])[0]
        for context, expected in zip(contexts(syllables), reference):
            assert fast.reference_features(*context) == expected
            if all(x is None or segmentation._SAFE.fullmatch(x) for x in context):
                assert fast.features(*context) == expected, context
                checked += 1
    assert checked > 5_000


def test_tags_and_viterbi_scores_equal_the_crf_taggers(fast, seed_texts):
    """Weights read from the model file sum to the loaded tagger's scores, to the bit."""
    model = underthesea_ws.word_tokenize_model
    for sentence in seed_sentences(seed_texts)[:200] + HOSTILE:
        syllables = underthesea_ws.tokenize(sentence, use_token_normalize=True, fixed_words=[])
        tags, score = model.estimator.tag_with_score(model.featurizer.process([[[s] for s in syllables]])[0])
        ids, best = fast.tag_ids(syllables)
        assert [fast.labels[i] for i in ids] == list(tags)
        assert best == score


def test_a_tiny_cache_changes_nothing(fast, seed_texts):
    small = segmentation.build(cache_size=2)
    for sentence in seed_sentences(seed_texts)[:100]:
        assert small(sentence) == underthesea_ws.word_tokenize(sentence)
    assert small.pair.cache_info().currsize <= 2


def test_threads_get_the_same_words(fast, seed_texts):
    sentences = seed_sentences(seed_texts)[:200]
    expected = [underthesea_ws.word_tokenize(s) for s in sentences]
    fast.cache_clear()
    results: dict[int, list] = {}

    def work(k):
        results[k] = [segmentation.word_tokenize(s) for s in sentences]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(4))


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv(segmentation.ENV_SWITCH, "0")
    assert segmentation.segmenter() is None
    assert segmentation.word_tokenize("Hà Nội họp") == underthesea_ws.word_tokenize("Hà Nội họp")


def test_another_model_file_falls_back_with_a_warning(monkeypatch, caplog):
    monkeypatch.setattr(segmentation, "MODEL_SHA256", "0" * 64)
    monkeypatch.setattr(segmentation, "_state", {})
    with caplog.at_level("WARNING", logger="vn_govie"):
        assert segmentation.segmenter() is None
    assert "fast word segmentation is off" in caplog.text
    assert segmentation.word_tokenize("Hà Nội họp") == underthesea_ws.word_tokenize("Hà Nội họp")


def test_another_template_is_refused(monkeypatch):
    monkeypatch.setattr(segmentation, "TEMPLATE", segmentation.TEMPLATE[:-1])
    with pytest.raises(segmentation.UnexpectedModel):
        segmentation.build()


def test_a_file_that_is_not_a_crfsuite_model_is_refused():
    with pytest.raises(segmentation.UnexpectedModel):
        segmentation.CRFWeights.read(b"\0" * 64)


def test_extraction_is_unchanged_by_the_fast_path(fast, seed_texts, monkeypatch):
    import json

    import vn_govie

    texts = seed_texts + seed_sentences(seed_texts)[:60]
    fast_results = [json.dumps(vn_govie.extract(t).to_dict(), sort_keys=True) for t in texts]
    monkeypatch.setenv(segmentation.ENV_SWITCH, "0")
    slow_results = [json.dumps(vn_govie.extract(t).to_dict(), sort_keys=True) for t in texts]
    assert fast_results == slow_results


def test_the_fast_path_is_built_only_once_enough_text_has_been_segmented():
    """A short cold call (one CLI document) does not pay the fast path's setup; a long run does."""
    import subprocess
    import sys

    script = """
from vn_govie import segmentation
segmentation.word_tokenize("Chủ tịch UBND tỉnh Quảng Ninh chủ trì hội nghị.")
print("fast" in segmentation._state)
sentence = "Phó Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì hội nghị về đầu tư công. "
for _ in range(segmentation.WARM_UP_CHARS // len(sentence) + 2):
    segmentation.word_tokenize(sentence)
print(segmentation._state.get("fast") is not None)
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.stdout.split() == ["False", "True"], run.stderr[-2000:]
