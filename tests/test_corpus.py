"""The shipped corpus: compiled from its markup, joined with its outside texts, complete, and split honestly."""

from collections import Counter
from pathlib import Path

import pytest

from vn_govie.corpus.build import compile_markup
from vn_govie.corpus.records import read_documents
from vn_govie.corpus.validate import validate_documents
from vn_govie.schema import ENTITY_LABELS, RELATION_LABELS

ROOT = Path(__file__).resolve().parents[1]


def test_the_inline_jsonl_files_are_exactly_what_the_markup_compiles():
    groups, problems = compile_markup(ROOT, write=False)
    assert problems == []
    compiled = {d.id: d.to_dict() for docs in groups.values() for d in docs}
    inline = read_documents(ROOT / "annotations" / "seeds.jsonl") + read_documents(ROOT / "annotations" / "synthetic.jsonl")
    assert compiled == {d.id: d.to_dict() for d in inline}


def test_every_seed_article_is_annotated_whole(corpus):
    seeds = {d.meta["file"]: d for d in corpus if d.id.startswith("seed-")}
    files = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    assert len(files) == 5
    for path in files:
        assert seeds[f"corpus/seeds/{path.name}"].text == path.read_text(encoding="utf-8").rstrip("\n")


def test_treebank_documents_are_the_treebank_selection_with_attribution(corpus, sources):
    from vn_govie.corpus.vtb import SELECTIONS, select_documents

    selected = {d.id: d.text for prefix in SELECTIONS for d in select_documents(sources / "ud-vietnamese-vtb", prefix)}
    treebank = [d for d in corpus if d.collection == "vtb"]
    assert len(treebank) == 169
    for doc in treebank:
        assert doc.text == selected[doc.id]
        assert "CC BY-SA 4.0" in doc.meta["source"]


def test_corpus_size_and_label_counts(corpus):
    report = validate_documents(corpus)
    assert report.ok
    assert sum(report.sentences.values()) >= 1500
    synthetic_sentences = validate_documents([d for d in corpus if d.meta["synthetic"]]).sentences
    assert sum(synthetic_sentences.values()) >= 1300
    for label in ENTITY_LABELS:
        assert report.total(report.entities, label) >= 150, label
    for label in RELATION_LABELS:
        assert report.total(report.relations, label) >= 50, label


def test_test_split_is_real_text_with_seeds_and_treebank(corpus):
    test = [d for d in corpus if d.split == "test"]
    assert all(d.meta["synthetic"] is False for d in test)
    assert sum(d.id.startswith("seed-") for d in test) >= 2
    assert any(d.id.startswith("vtb-") for d in test)


def test_synthetic_texts_are_written_out(corpus):
    synthetic = [d for d in corpus if d.meta["synthetic"]]
    assert len({d.id for d in synthetic}) == len(synthetic)
    for doc in synthetic:
        assert (ROOT / doc.meta["file"]).read_text(encoding="utf-8").rstrip("\n") == doc.text
    provinces = Counter(doc.id.split("-")[1] for doc in synthetic)
    assert {"north", "central", "south", "national"} <= set(provinces)


def test_the_corpus_loads_as_a_datasetdict_and_as_docbin(corpus, corpus_dir):
    from vn_govie.corpus.formats import load_dataset_dict, to_docbin

    dataset = load_dataset_dict(corpus_dir)
    assert {split: dataset[split].num_rows for split in dataset} == dict(Counter(d.split for d in corpus))
    seeds = [d for d in corpus if d.id.startswith("seed-")]
    assert len(to_docbin(seeds)) == len(seeds)


def test_the_synthetic_part_varies_like_real_news(corpus):
    synthetic = [d for d in corpus if d.meta["synthetic"]]
    names = {d.text[e.start : e.end] for d in synthetic for e in d.entities if e.label == "PERSON" and " " in d.text[e.start : e.end]}
    assert len(names) >= 150
    text = "\n".join(d.text for d in synthetic)
    for form in ("tỷ đồng", "nghìn tỷ", "triệu USD", "Thành uỷ", "Thành ủy", "UBND", "HĐND", "TPHCM", "MTTQ", "T.Ư"):
        assert form in text, form


def test_splits_are_assigned_stably_and_never_put_synthetic_text_in_test(corpus):
    import copy

    from vn_govie.corpus.splits import assign_splits

    docs = copy.deepcopy(corpus)
    first = [d.split for d in assign_splits(docs, dev=0.2, test=0.2, overwrite=True)]
    again = [d.split for d in assign_splits(copy.deepcopy(corpus), dev=0.2, test=0.2, overwrite=True)]
    assert first == again
    assert not any(d.split == "test" and d.meta["synthetic"] for d in docs)
    assert {"train", "dev", "test"} == set(first)


def real_news(corpus):
    return [d for d in corpus if d.collection == "news"]


def test_the_real_news_part_is_large_and_every_label_is_well_represented(corpus):
    news = real_news(corpus)
    report = validate_documents(news)
    assert report.ok, [str(p) for p in report.problems[:10]]
    assert len(news) >= 800
    assert sum(report.sentences.values()) >= 12_000
    for label in ENTITY_LABELS:
        assert report.total(report.entities, label) >= 300, label
    for label in RELATION_LABELS:
        assert report.total(report.relations, label) >= (30 if label == "DISBURSED" else 100), label
    provinces = {d.meta["province"] for d in news}
    assert len(provinces - {"central"}) >= 40 and "central" in provinces
    assert {d.meta.get("year") for d in news} >= {2015, 2016, 2017, 2018, 2019, 2020}


def test_real_news_splits_are_fixed_per_story_and_never_share_one(corpus, sources):
    from vn_govie.corpus.news import read_selection, shingles

    news = real_news(corpus)
    selection = {row["id"]: row["split"] for row in read_selection(ROOT / "corpus" / "news" / "selection.tsv")}
    assert all(d.split == selection[d.id] for d in news)
    splits = Counter(d.split for d in news)
    assert splits["dev"] >= 100 and splits["test"] >= 150
    split_of = {d.id: d.split for d in news}
    owner: dict[int, str] = {}
    for d in news:
        for g in shingles(d.text):
            owner.setdefault(g, d.id)
    for d in news:
        shared = Counter(owner[g] for g in shingles(d.text) if split_of[owner[g]] != d.split)
        assert not shared or shared.most_common(1)[0][1] < 3, f"{d.id} and {shared.most_common(1)[0][0]}: one story, two splits"
    assert all(d.meta["synthetic"] is False for d in news)


def test_the_blind_second_pass_agrees_with_the_first_as_the_guideline_reports(sources):
    from vn_govie.corpus.agreement import agreement, load_pass

    first = load_pass(ROOT / "annotations" / "passes" / "news.pass-a.jsonl", sources=sources)
    second = load_pass(ROOT / "annotations" / "passes" / "news.pass-b.jsonl", sources=sources)
    assert len(first) == len(second) >= 88
    assert {d.id for d in first} == {d.id for d in second}
    assert {d.split for d in first} >= {"train", "dev", "test"}
    entities, relations = agreement(first, second)
    assert round(entities.micro.f1, 3) == 0.964  # docs/annotation-guidelines.md, 8.3
    assert round(relations.micro.f1, 3) == 0.944
