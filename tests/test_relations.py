"""Relations and document records on real sentences of the corpus (seed articles)."""


from pathlib import Path

import vn_govie
from vn_govie.relations.model import NONE, RelationModel
from vn_govie.schema import relation_allowed

ROOT = Path(__file__).resolve().parents[1]


def triples(result):
    by_id = {e.id: e for e in result.entities}
    return {(by_id[r.head].text, r.label, by_id[r.tail].text) for r in result.relations}


def test_relations_respect_the_schema_and_point_at_entities():
    result = vn_govie.extract(open_seed("000")[:3000])
    by_id = {e.id: e for e in result.entities}
    assert result.relations
    for r in result.relations:
        assert relation_allowed(r.label, by_id[r.head].label, by_id[r.tail].label)
    assert {"head", "tail", "label"} == set(result.to_dict()["relations"][0])


def test_one_person_with_two_titles_in_two_bodies():
    text = ("Kết luận phiên thảo luận tại hội nghị, Phó Bí thư Thành ủy, Chủ tịch UBND TP Phan Văn Mãi "
            "mong muốn Ban Chấp hành Đảng bộ TPHCM quan tâm lãnh đạo thực hiện thắng lợi Nghị quyết năm 2024.")
    found = triples(vn_govie.extract(text))
    assert ("Phan Văn Mãi", "HOLDS_POSITION", "Phó Bí thư") in found
    assert ("Phan Văn Mãi", "HOLDS_POSITION", "Chủ tịch") in found
    assert ("Phó Bí thư", "POSITION_OF", "Thành ủy") in found
    assert ("Chủ tịch", "POSITION_OF", "UBND TP") in found


def test_co_chairs():
    text = ("Chiều 11/10, Thường trực Thành ủy - HĐND – UBND TP Hà Nội tổ chức Hội nghị giao ban Quý III/2024.\n"
            "Đồng chủ trì hội nghị có Phó Chủ tịch HĐND TP Phạm Quí Tiên; Phó Chủ tịch UBND TP Hà Minh Hải.")
    found = triples(vn_govie.extract(text))
    assert ("Phạm Quí Tiên", "CHAIRS", "hội nghị") in found
    assert ("Hà Minh Hải", "CHAIRS", "hội nghị") in found
    assert ("UBND TP Hà Nội", "ORGANIZES", "Hội nghị giao ban Quý III/2024") in found


def written_sentence_relations(text, spans, label):
    """The relation component alone on one written sentence with the given ``(surface, label)`` gold entities."""
    from vn_govie.corpus.records import Document, Entity
    from vn_govie.training.data import sentence_docs

    entities = [Entity(i, text.index(s), text.index(s) + len(s), lab) for i, (s, lab) in enumerate(spans)]
    nlp = vn_govie.load()
    ((doc, _),) = sentence_docs(nlp, Document("written", text, {"synthetic": True}, entities))
    nlp.get_pipe("vn_govie_relations")(doc)
    by_start = {e.start: e.text for e in doc.ents}
    return {(by_start[h], by_start[t]) for h, t, found in doc._.relations if found == label}


def gold_sentence_relations(group, doc_id, marker, label):
    """The relation component alone on the gold entities of the sentence of ``doc_id`` containing ``marker``."""
    from vn_govie.corpus.records import read_documents
    from vn_govie.training.data import sentence_docs

    nlp = vn_govie.load()
    (document,) = [d for d in read_documents(ROOT / "annotations" / f"{group}.jsonl") if d.id == doc_id]
    (doc,) = [doc for doc, _ in sentence_docs(nlp, document) if marker in doc.text]
    nlp.get_pipe("vn_govie_relations")(doc)
    by_start = {e.start: e.text for e in doc.ents}
    return {(by_start[h], by_start[t]) for h, t, found in doc._.relations if found == label}


def test_a_list_of_projects_each_with_its_amount_given_gold_entities():
    """A seed sentence listing projects, each with its place and amount."""
    allocations = gold_sentence_relations("seeds", "seed-004", "rạch Xuyên Tâm", "HAS_ALLOCATION")
    assert ("rạch Xuyên Tâm", "12.976 tỷ đồng") in allocations
    assert ("dự án bờ Bắc kênh Đôi", "5.092 tỷ đồng") in allocations
    assert ("Vành đai 2", "7.600 tỷ đồng") in allocations


def test_a_document_with_its_issuer_and_date():
    text = ("Kết quả triển khai thực hiện Nghị quyết số 18-NQ/TU ngày 30/12/2022 của Thành ủy về chuyển đổi số, "
            "xây dựng TP Hà Nội thông minh.")
    result = vn_govie.extract(text)
    (document,) = [d for d in result.documents if d.name == "Nghị quyết số 18-NQ/TU"]
    assert document.issuers == ["Thành ủy"]
    assert [d.value for d in document.dates] == ["2022-12-30"]


def test_the_records_of_seed_000_name_every_official_with_title_and_body():
    result = vn_govie.extract(open_seed("000"))
    offices = {o.name: {(p.position, p.body) for p in o.positions} for o in result.officials}
    expected = {
        # the article is about Hà Nội: its bodies, named by their level only, take the city
        "Nguyễn Thị Tuyến": {("Ủy viên", "T.Ư Đảng"), ("Phó Bí thư Thường trực", "Thành ủy Hà Nội")},
        "Phạm Quí Tiên": {("Phó Chủ tịch", "HĐND TP Hà Nội")},
        "Hà Minh Hải": {("Phó Chủ tịch", "UBND TP Hà Nội")},
        "Vũ Đức Bảo": {("Ủy viên", "Ban Thường vụ Thành ủy Hà Nội"), ("Trưởng ban", "Ban Tổ chức Thành uỷ Hà Nội")},
        "Hoàng Trọng Quyết": {("Ủy viên", "Ban Thường vụ Thành ủy Hà Nội"),
                              ("Chủ nhiệm", "Ủy ban Kiểm tra Thành ủy Hà Nội")},
        "Lê Anh Quân": {("Giám đốc", "Sở Kế hoạch - Đầu tư TP Hà Nội")},
        "Nguyễn Việt Hùng": {("Giám đốc", "Sở TT&TT TP Hà Nội")},
    }
    for name, wanted in expected.items():
        assert wanted <= offices.get(name, set()), (name, offices.get(name))
    assert set(offices) == set(expected)  # and no one else: "Lũy kế" (cumulative) is no person


def test_records_merge_short_names_and_abbreviations():
    text = ("Chủ tịch UBND TP Phan Văn Mãi chủ trì hội nghị. Ủy ban nhân dân thành phố giao các sở thực hiện. "
            "Ông Mãi yêu cầu đẩy nhanh giải ngân.")
    result = vn_govie.extract(text)
    (mai,) = [o for o in result.officials if o.name == "Phan Văn Mãi"]
    assert {m.text for m in mai.mentions} >= {"Phan Văn Mãi", "Mãi"}


def test_the_relation_model_serialises_without_pickle():
    model = RelationModel().fit(
        [{"types=PERSON>EVENT": 1.0, "cue=chủ trì": 1.0}, {"types=PERSON>EVENT": 1.0}, {"types=PERSON>EVENT": 1.0, "cue=dự": 1.0}],
        ["CHAIRS", NONE, "ATTENDS"],
    )
    copy = RelationModel().from_bytes(model.to_bytes())
    assert copy.predict({"types=PERSON>EVENT": 1.0, "cue=chủ trì": 1.0}, ["CHAIRS", "ATTENDS"]) == "CHAIRS"
    assert copy.labels == model.labels


def open_seed(number):
    (path,) = (ROOT / "corpus" / "seeds").glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def test_a_body_with_its_place_in_brackets_given_gold_entities():
    """A sentence in the treebank's typography: the youth union branch of a hamlet, its commune in brackets."""
    text = "Anh Lò Văn Sáng , bí thư chi đoàn thôn Nà Khoang ( xã Tà Hộc ) , cho biết cả thôn đã góp công làm đường ."
    located = written_sentence_relations(text, [("Lò Văn Sáng", "PERSON"), ("bí thư", "POSITION"),
                                                ("chi đoàn thôn Nà Khoang", "ORG"), ("xã Tà Hộc", "LOCATION")], "LOCATED_IN")
    assert ("chi đoàn thôn Nà Khoang", "xã Tà Hộc") in located


def entities_and_context(text, spans):
    """A doc of ``text`` with the given ``(text, label)`` entities, and its relation pair context."""
    import spacy

    from vn_govie.relations.features import PairContext
    from vn_govie.tokenizer import TOKENIZER_NAME

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": False}}})
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in spans]
    return doc.ents, PairContext(doc)


def test_the_place_rule_needs_the_place_right_after_the_name():
    from vn_govie.relations.rules import located_in_rule

    text = "Văn phòng Kinh tế tại TP Hồ Chí Minh làm việc với Sở Y tế về Hà Nội ."
    spans = [("Văn phòng Kinh tế", "ORG"), ("TP Hồ Chí Minh", "LOCATION"), ("Sở Y tế", "ORG"), ("Hà Nội", "LOCATION")]
    (office, city, department, hanoi), context = entities_and_context(text, spans)
    assert located_in_rule(office, city, context)
    assert not located_in_rule(department, hanoi, context)


def test_a_body_with_its_whole_address_given_gold_entities():
    """A body followed by its whole address (road, district, province), in the treebank's typography."""
    text = "Trạm thu phí Nam Sơn đóng tại km 12 , quốc lộ 6 , huyện Lương Sơn , Hòa Bình đã thu vượt kế hoạch ."
    located = written_sentence_relations(text, [("Trạm thu phí Nam Sơn", "ORG"), ("quốc lộ 6", "LOCATION"),
                                                ("huyện Lương Sơn", "LOCATION"), ("Hòa Bình", "LOCATION")], "LOCATED_IN")
    assert {("Trạm thu phí Nam Sơn", "quốc lộ 6"), ("Trạm thu phí Nam Sơn", "huyện Lương Sơn"),
            ("Trạm thu phí Nam Sơn", "Hòa Bình")} <= located


def test_after_a_bare_comma_only_an_address_of_two_places_is_a_place():
    from vn_govie.relations.rules import located_in_rule

    text = "Liên hệ công ty Minh Phát , 12 Lê Lợi , quận 1 ; sữa Vinamilk , Kinh Đô , cà phê Trung Nguyên ."
    spans = [("công ty Minh Phát", "ORG"), ("12 Lê Lợi", "LOCATION"), ("quận 1", "LOCATION"),
             ("Vinamilk", "ORG"), ("Kinh Đô", "LOCATION")]
    (company, street, district, milk, brand), context = entities_and_context(text, spans)
    assert located_in_rule(company, street, context) and located_in_rule(company, district, context)
    assert not located_in_rule(milk, brand, context)


def test_a_title_written_after_the_name_given_gold_entities():
    """A farm's director named before his title, in the treebank's typography."""
    text = "Ông Trần Văn Lộc , giám đốc lâm trường Sông Kôn , cho biết năm nay lâm trường trồng thêm 200 ha rừng ."
    holds = written_sentence_relations(text, [("Trần Văn Lộc", "PERSON"), ("giám đốc", "POSITION"),
                                              ("lâm trường Sông Kôn", "ORG")], "HOLDS_POSITION")
    assert ("Trần Văn Lộc", "giám đốc") in holds


def test_the_title_rule_leaves_a_title_that_belongs_to_the_next_name():
    from vn_govie.relations.rules import title_after_name_rule

    text = "ông Nguyễn Hồng Minh - vụ trưởng , ông Lê Văn An Giám đốc Sở Y tế Trần Văn Bình ."
    spans = [("Nguyễn Hồng Minh", "PERSON"), ("vụ trưởng", "POSITION"), ("Lê Văn An", "PERSON"),
             ("Giám đốc", "POSITION"), ("Sở Y tế", "ORG"), ("Trần Văn Bình", "PERSON")]
    (minh, chief, an, director, _department, _binh), context = entities_and_context(text, spans)
    assert title_after_name_rule(minh, chief, context)
    assert not title_after_name_rule(an, director, context)


def test_an_event_with_its_date_and_place_in_a_clause_after_it_given_gold_entities():
    """A review conference, then ``, tổ chức trong hai ngày ... tại <place>``, in the treebank's typography."""
    conference = "hội nghị tổng kết năm năm công tác xây dựng nông thôn mới"
    text = f"Sáng qua , {conference} , tổ chức trong hai ngày 14 và 15 - 6 tại Nghệ An , đã bế mạc ."
    spans = [(conference, "EVENT"), ("ngày 14 và 15 - 6", "DATE"), ("Nghệ An", "LOCATION")]
    dated = written_sentence_relations(text, spans, "DATED")
    located = written_sentence_relations(text, spans, "LOCATED_IN")
    assert (conference, "ngày 14 và 15 - 6") in dated
    assert (conference, "Nghệ An") in located


def test_the_event_clause_rule_reads_a_verb_of_several_tokens_and_needs_tai_for_the_place():
    from vn_govie.relations.rules import event_clause_rule

    text = "UBND tỉnh tổ chức hội nghị , diễn ra ngày 12/3 tại TP Hạ Long , gần Hà Nội ."
    spans = [("hội nghị", "EVENT"), ("ngày 12/3", "DATE"), ("TP Hạ Long", "LOCATION"), ("Hà Nội", "LOCATION")]
    (meeting, date, city, hanoi), context = entities_and_context(text, spans)
    assert event_clause_rule(meeting, date, context) == "DATED"
    assert event_clause_rule(meeting, city, context) == "LOCATED_IN"
    assert event_clause_rule(meeting, hanoi, context) is None


def test_a_title_before_a_name_is_that_persons_not_the_one_listed_before_it():
    text = "Cùng dự có Phó Thủ tướng Hồ Đức Phớc, Bộ trưởng Bộ Tài chính Nguyễn Văn Thắng."
    holds = {(h, t) for h, label, t in triples(vn_govie.extract(text)) if label == "HOLDS_POSITION"}
    assert ("Nguyễn Văn Thắng", "Bộ trưởng") in holds
    assert ("Hồ Đức Phớc", "Bộ trưởng") not in holds
