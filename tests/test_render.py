"""Pictures and tables of a result: ``Extraction.render``, ``vn-govie render`` and ``to_dataframes``."""

import re
from html.parser import HTMLParser

import pytest

import vn_govie
from vn_govie.cli import main
from vn_govie.render import LABEL_COLOURS
from vn_govie.schema import ENTITY_LABELS

TEXT = (
    "Chiều 11/10/2024, Phó Chủ tịch UBND TP Hà Nội Hà Minh Hải chủ trì hội nghị triển khai "
    "Nghị quyết số 18-NQ/TU. Dự án đường Vành đai 4 được bố trí 5.000 tỷ đồng."
)


class _Marks(HTMLParser):
    """The (label, text) of every entity mark of a rendering, and the rows of its tables."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[list[str]] = []
        self.cells: list[str] = []
        self._in_mark = self._in_label = self._in_cell = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "mark":
            self._in_mark = True
            self.marks.append([attrs["data-label"], ""])
        elif tag == "span" and self._in_mark:
            self._in_label = True
        elif tag == "td":
            self._in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False
        elif tag == "span":
            self._in_label = False
        elif tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        if self._in_mark and not self._in_label:
            self.marks[-1][1] += data
        if self._in_cell:
            self.cells[-1] += data


def _parse(page: str) -> _Marks:
    parser = _Marks()
    parser.feed(page)
    return parser


def test_render_marks_every_entity_with_its_label_and_lists_the_records():
    result = vn_govie.extract(TEXT)

    parsed = _parse(result.render())

    assert [tuple(m) for m in parsed.marks] == [(e.label, e.text) for e in result.entities]
    assert "Hà Minh Hải" in parsed.cells  # the officials table
    assert "Nghị quyết số 18-NQ/TU" in parsed.cells  # the documents table
    assert result._repr_html_() .count("<mark") == len(result.entities)


def test_each_label_has_its_own_colour():
    assert set(LABEL_COLOURS) == set(ENTITY_LABELS)
    assert len(set(LABEL_COLOURS.values())) == len(ENTITY_LABELS)


def test_relations_link_the_marks_of_their_two_spans():
    page = vn_govie.extract(TEXT).render()

    ids = set(re.findall(r'<mark class="vg-ent" id="([^"]+)"', page))
    links = re.findall(r'<a href="#([^"]+)">', page)
    assert links and set(links) <= ids
    assert "HOLDS_POSITION" in page


def test_user_text_is_shown_as_text_never_as_markup():
    result = vn_govie.extract("Ông Nguyễn Văn An <script>alert('x')</script> phát biểu & <b>kết luận</b>.")

    page = result.render(page=True)

    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "http" not in page  # nothing fetched from the network


def test_an_empty_result_renders_an_empty_picture():
    page = vn_govie.extract("").render()

    assert "<mark" not in page and "<table" not in page


def test_render_command_writes_a_whole_page(tmp_path, capsys):
    source = tmp_path / "tin.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "page.html"

    assert main(["render", str(source), "-o", str(out)]) == 0

    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>")
    assert "<title>tin.txt</title>" in page
    assert main(["render", str(tmp_path)]) == 2
    assert "one text file" in capsys.readouterr().err


def test_to_dataframes_gives_typed_tables_a_pandas_user_opens():
    pytest.importorskip("pandas")

    frames = vn_govie.extract(TEXT).to_dataframes("tin-1")

    assert set(frames) == {"entities", "relations", "officials", "events", "projects", "documents"}
    entities = frames["entities"]
    assert (entities["document"] == "tin-1").all()
    assert str(entities["start"].dtype) == "Int64"
    money = entities[entities["label"] == "MONEY"].iloc[0]
    assert money["value"] == 5_000_000_000_000 and money["currency"] == "VND"
    projects = frames["projects"]
    assert str(projects["amount"].dtype) == "Float64"
    assert projects.iloc[0]["amount"] == 5_000_000_000_000
    officials = frames["officials"]
    assert officials.iloc[0][["name", "position"]].tolist() == ["Hà Minh Hải", "Phó Chủ tịch"]
