"""The components declare what they assign and need, and build from their config alone."""

import spacy

import vn_govie

from vn_govie.tokenizer import TOKENIZER_NAME

OURS = ["vn_govie_patterns", "vn_govie_gazetteer", "vn_govie_span_rules", "vn_govie_values", "vn_govie_relations"]


def test_the_shipped_pipeline_has_no_ordering_problem():
    analysis = vn_govie.load().analyze_pipes(pretty=False)

    assert all(problems == [] for problems in analysis["problems"].values())
    assert analysis["summary"]["vn_govie_values"]["assigns"][0] == "span._.value"
    assert analysis["summary"]["vn_govie_relations"]["assigns"] == ["doc._.relations"]


def test_a_component_put_before_what_it_needs_is_reported():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    nlp.add_pipe("vn_govie_values")

    analysis = nlp.analyze_pipes(pretty=False)

    assert analysis["problems"]["vn_govie_values"] == ["doc.ents"]


def test_each_default_config_is_the_shipped_one():
    shipped = vn_govie.load().config["components"]
    for name in OURS:
        defaults = vn_govie.load().get_pipe_meta(name).default_config
        assert {k: v for k, v in shipped[name].items() if k != "factory"} == defaults, name


def test_each_component_builds_through_add_pipe_with_its_config():
    shipped = vn_govie.load().config["components"]
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    for name in OURS:
        config = {k: v for k, v in shipped[name].items() if k != "factory"}
        nlp.add_pipe(name, config=config)
    doc = nlp("Chủ tịch UBND tỉnh Quảng Ninh chủ trì hội nghị ngày 12/3/2024 về dự án 5.000 tỷ đồng.")

    assert ("ngày 12/3/2024", "DATE") in [(e.text, e.label_) for e in doc.ents]
    money = next(e for e in doc.ents if e.label_ == "MONEY")
    assert money._.value == 5_000_000_000_000
    assert doc._.relations == []  # an untrained relation model predicts nothing, and says so in no error
