"""spaCy's own entry points load the package's pipeline."""

import vn_govie


def test_spacy_load_finds_the_package_and_passes_its_options():
    import spacy

    nlp = spacy.load("vn_govie")
    assert "ner" in nlp.pipe_names and "vn_govie_relations" in nlp.pipe_names
    doc = nlp("Phó Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì hội nghị.")
    assert doc.text == "Phó Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì hội nghị."
    lean = spacy.load("vn_govie", exclude=["vn_govie_relations"])
    assert "vn_govie_relations" not in lean.pipe_names
    assert vn_govie.load() is vn_govie.load()
    assert lean is not vn_govie.load()
