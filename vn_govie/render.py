"""HTML pictures of an extraction: entities marked in the text, relations as links, records as tables.

The marks follow displaCy's entity style (a coloured box, the label in small capitals)
with one distinct colour per label of the schema. Every relation is a row that links
its two spans (click a name and the span is outlined in the text), and the records are
the tables of ``vn_govie.exports``. All user text is escaped; the page needs nothing
from the network, so it opens offline and in a notebook alike.
"""

from __future__ import annotations

import html
import itertools
from typing import Any, Iterable

from .exports import COLUMNS, rows
from .schema import ENTITY_LABELS

LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#f7a8a8",
    "POSITION": "#ffc978",
    "ORG": "#8fcdf5",
    "LOCATION": "#a9e39a",
    "EVENT": "#d4b0f5",
    "PROJECT": "#f5a9d8",
    "DOCUMENT": "#b8bdf9",
    "MONEY": "#fff08a",
    "PERCENT": "#8fe3da",
    "DATE": "#dcc39e",
}
RECORD_KINDS = ("officials", "events", "projects", "documents")

_STYLE = """
.vg-doc{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;max-width:60em;line-height:2.3}
.vg-text{white-space:pre-wrap;font-size:16px}
.vg-ent{padding:0.2em 0.35em;margin:0 0.1em;border-radius:0.35em;line-height:1;box-decoration-break:clone}
.vg-ent:target{outline:3px solid #333}
.vg-label{font-size:0.62em;font-weight:bold;text-transform:uppercase;margin-left:0.4em;vertical-align:middle}
.vg-doc table{border-collapse:collapse;margin:0.5em 0 1.2em;line-height:1.4;font-size:14px}
.vg-doc th,.vg-doc td{border:1px solid #ccc;padding:0.25em 0.5em;text-align:left;vertical-align:top}
.vg-doc th{background:#f2f2f2}
.vg-doc h3{margin:1em 0 0.2em;font-size:16px}
.vg-doc a{color:inherit}
.vg-legend span{margin-right:0.6em}
"""

_renderings = itertools.count()


def _mark(entity: Any, prefix: str) -> str:
    colour = LABEL_COLOURS.get(entity.label, "#ddd")
    return (
        f'<mark class="vg-ent" id="{prefix}-e{entity.id}" data-label="{html.escape(entity.label)}" '
        f'style="background:{colour}">{html.escape(entity.text)}'
        f'<span class="vg-label">{html.escape(entity.label)}</span></mark>'
    )


def _marked_text(text: str, entities: Iterable[Any], prefix: str) -> str:
    """The text with each entity wrapped in a mark; an entity overlapping an earlier one is left unmarked."""
    parts, last = [], 0
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if entity.start < last or entity.end > len(text):
            continue
        parts.append(html.escape(text[last:entity.start]))
        parts.append(_mark(entity, prefix))
        last = entity.end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def _table(columns: Iterable[str], body: Iterable[Iterable[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    lines = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in body)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>"


def _cell(value: Any) -> str:
    return "" if value is None else html.escape(str(value))


def _link(entity: Any, prefix: str) -> str:
    return f'<a href="#{prefix}-e{entity.id}">{html.escape(entity.text)}</a>'


def _relations(result: Any, prefix: str) -> str:
    by_id = {e.id: e for e in result.entities}
    body = []
    for relation in result.relations:
        head, tail = by_id.get(relation.head), by_id.get(relation.tail)
        if head is None or tail is None:
            continue
        body.append((_link(head, prefix), html.escape(relation.label), _link(tail, prefix)))
    if not body:
        return ""
    return "<h3>Relations</h3>" + _table(("head", "relation", "tail"), body)


def _records(result: Any) -> str:
    out = []
    for kind in RECORD_KINDS:
        columns = COLUMNS[kind][1:]
        body = [[_cell(row.get(c)) for c in columns] for row in rows(result, kind)]
        if body:
            out.append(f"<h3>{kind.capitalize()}</h3>" + _table(columns, body))
    return "".join(out)


def _legend(labels: Iterable[str]) -> str:
    present = set(labels)
    marks = "".join(
        f'<span class="vg-ent" style="background:{LABEL_COLOURS[label]}">{label}</span>'
        for label in ENTITY_LABELS
        if label in present
    )
    return f'<div class="vg-legend">{marks}</div>' if marks else ""


def render_html(result: Any, *, page: bool = False, title: str = "vn_govie") -> str:
    """HTML of one ``Extraction``: the marked text, its relations and its records.

    ``page=True`` gives a whole HTML document (for ``vn-govie render``); otherwise a
    fragment with its own style, for a notebook cell or a web page.
    """
    prefix = f"vg{next(_renderings)}"
    body = (
        f'<div class="vg-doc"><style>{_STYLE}</style>'
        f"{_legend(e.label for e in result.entities)}"
        f'<div class="vg-text">{_marked_text(result.text, result.entities, prefix)}</div>'
        f"{_relations(result, prefix)}{_records(result)}</div>"
    )
    if not page:
        return body
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>{body}</body></html>"
    )
