"""Record-level evaluation: the records a careful reader builds from an article, against the pipeline's.

A gold record file (``annotations/records/gold.jsonl``) holds, per article, its
officials, events, projects and documents as standoff: every name, amount and date
is a list of ``[start, end]`` pieces of the article's text (one piece usually; two
when the fullest name is never written in one place, ``Thành ủy`` + ``Hà Nội``), so
no outside text is stored. Joined with the text, records are compared by resolved
name (``vn_govie.text.canonical.key``): a record's facts are the pairs its name
makes with each field's values, and the headline fact of each type is the one users
ask for first: an official's position with its body, an event's chair, a project's
allocation, a document's issuer.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..text.canonical import body_name, key
from .metrics import Score

RECORD_TYPES = ("officials", "events", "projects", "documents")
LIST_FIELDS = {
    "officials": (),
    "events": ("dates", "places", "organizers", "chairs", "attendees"),
    "projects": ("allocations", "disbursements", "places"),
    "documents": ("issuers", "dates"),
}
HEADLINE = {"officials": "positions", "events": "chairs", "projects": "allocations", "documents": "issuers"}
_AMOUNT_FIELDS = {"allocations", "disbursements"}
_DATE_FIELDS = {"dates"}


class RecordGoldError(ValueError):
    """A gold record file that does not fit its article: unknown id, changed text, a piece out of range."""


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- standoff <-> strings -----------------------------------------------------------------

def _locate(value: str | list[str] | None, text: str, where: str) -> list[list[int]] | None:
    if value is None:
        return None
    pieces = value if isinstance(value, list) else [value]
    out = []
    for piece in pieces:
        start = text.find(piece)
        if not piece or start < 0:
            raise RecordGoldError(f"{where}: {piece!r} is not in the article")
        out.append([start, start + len(piece)])
    return out


def _join(pieces: list[list[int]] | None, text: str, where: str) -> str | None:
    if pieces is None:
        return None
    if not pieces or any(not (0 <= a < b <= len(text)) for a, b in pieces):
        raise RecordGoldError(f"{where}: pieces {pieces} do not fit the article")
    return " ".join(text[a:b] for a, b in pieces)


def _convert(article: dict[str, Any], text: str, piece: Any) -> dict[str, Any]:
    doc = article["id"]
    out: dict[str, Any] = {}
    for rtype in RECORD_TYPES:
        records = []
        for k, record in enumerate(article.get(rtype, [])):
            where = f"{doc} {rtype}[{k}]"
            new: dict[str, Any] = {"name": piece(record["name"], text, f"{where}.name")}
            if rtype == "officials":
                new["positions"] = [
                    {"position": piece(p["position"], text, f"{where}.position"),
                     "body": piece(p.get("body"), text, f"{where}.body")}
                    for p in record.get("positions", [])
                ]
            for name in LIST_FIELDS[rtype]:
                new[name] = [piece(v, text, f"{where}.{name}") for v in record.get(name, [])]
            records.append(new)
        out[rtype] = records
    return out


def to_standoff(article: dict[str, Any], text: str, collection: str) -> dict[str, Any]:
    """Records written as strings copied from ``text`` -> standoff pieces (the first place each is written)."""
    return {"id": article["id"], "collection": collection, "sha": text_sha(text),
            **_convert(article, text, _locate)}


def from_standoff(line: dict[str, Any], text: str) -> dict[str, Any]:
    """A standoff gold line joined with its article: records as strings."""
    if text_sha(text) != line["sha"]:
        raise RecordGoldError(f"{line['id']}: the article's text changed since its records were written")
    return {"id": line["id"], **_convert(line, text, _join)}


def read_gold(path: str | Path, texts: dict[str, str]) -> list[dict[str, Any]]:
    """Gold records of every article in ``path`` found in ``texts`` (id -> text); a missing article is an error."""
    out = []
    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        line = json.loads(raw)
        if line["id"] not in texts:
            raise RecordGoldError(f"{path}:{n}: article {line['id']!r} is not in the corpus (run vn-govie corpus build)")
        out.append({**from_standoff(line, texts[line["id"]]), "collection": line.get("collection")})
    return out


# --- facts and scores -----------------------------------------------------------------------

def _province_keys() -> "re.Pattern[str]":
    from ..text.places import PROVINCE_VARIANTS, PROVINCES

    names = {key(v) for p in PROVINCES for v in PROVINCE_VARIANTS.get(p, (p,))} | {"hồ chí minh"}
    return re.compile(r"\b(?:tỉnh|thành phố) (?=(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                      + r")\b)")


_LEVEL_BEFORE_PROVINCE = _province_keys()


def name_key(name: str) -> str:
    """A record name's comparison key: ``canonical.key``, and two ways of writing a body's name made one:
    ``và`` dropped (``Bộ Giáo dục - Đào tạo`` = ``Bộ Giáo dục và Đào tạo``) and the level word before a
    province (``UBND tỉnh Quảng Ninh`` = ``UBND Quảng Ninh``)."""
    folded = _LEVEL_BEFORE_PROVINCE.sub("", key(name))
    return " ".join(w for w in folded.split() if w != "và")


def _value_key(field_name: str, surface: str) -> Any:
    from ..values.dates import parse_date
    from ..values.money import parse_money
    from ..values.percent import parse_percent

    try:
        if field_name in _DATE_FIELDS:
            return ("date", parse_date(surface) or key(surface))
        if field_name in _AMOUNT_FIELDS:
            if "%" in surface:
                return ("percent", parse_percent(surface).value)
            money = parse_money(surface)
            return ("money", money.value, money.high, money.currency)
    except (ValueError, ArithmeticError):
        pass
    return key(surface)


def _surface(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value["text"]
    return value.text


def _get(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else getattr(record, name)


@dataclass
class Facts:
    """What one side says about an article: record names, and (type, field) -> facts."""

    names: set[tuple[str, str]] = field(default_factory=set)
    fields: dict[tuple[str, str], set[tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, rtype: str, field_name: str, fact: tuple[Any, ...]) -> None:
        self.fields.setdefault((rtype, field_name), set()).add(fact)


def facts(records: dict[str, list[Any]], doc: str = "") -> Facts:
    """The facts of one article's records (gold dicts or the pipeline's record objects)."""
    out = Facts()
    for rtype in RECORD_TYPES:
        for record in records.get(rtype, []):
            if rtype == "officials" and not (_get(record, "positions") or []):
                continue  # a person without an office is not an official (the gold leaves them out)
            name = name_key(_get(record, "name"))
            out.names.add((doc, rtype, name))
            if rtype == "officials":
                for office in _get(record, "positions") or []:
                    position, body = _get(office, "position"), _get(office, "body")
                    out.add(rtype, "positions", (doc, name, key(position),
                                                 name_key(body_name(position, body)) if body else None))
            for field_name in LIST_FIELDS[rtype]:
                for value in _get(record, field_name) or []:
                    surface = _surface(value)
                    vkey = (_value_key(field_name, surface) if field_name in _AMOUNT_FIELDS | _DATE_FIELDS
                            else name_key(surface))
                    out.add(rtype, field_name, (doc, name, vkey))
    return out


def _merge(into: Facts, more: Facts) -> None:
    into.names |= more.names
    for k, v in more.fields.items():
        into.fields.setdefault(k, set()).update(v)


def _prf(gold: set, pred: set) -> dict[str, Any]:
    tp = len(gold & pred)
    s = Score(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)
    return {"p": round(s.precision, 4), "r": round(s.recall, 4), "f1": round(s.f1, 4),
            "gold": len(gold), "predicted": len(pred), "correct": tp}


def score(gold: Iterable[dict[str, Any]], predicted: dict[str, dict[str, list[Any]]]) -> dict[str, Any]:
    """Record-level P/R/F1: headline facts per type and overall, and every field of every type."""
    g, p = Facts(), Facts()
    articles = 0
    for article in gold:
        articles += 1
        _merge(g, facts(article, article["id"]))
        _merge(p, facts(predicted.get(article["id"], {}), article["id"]))
    report: dict[str, Any] = {"articles": articles, "records": {}, "fields": {}}
    all_gold: set = set()
    all_pred: set = set()
    for rtype in RECORD_TYPES:
        head = HEADLINE[rtype]
        gh, ph = g.fields.get((rtype, head), set()), p.fields.get((rtype, head), set())
        report["records"][rtype] = _prf(gh, ph)
        all_gold |= {(rtype, *f) for f in gh}
        all_pred |= {(rtype, *f) for f in ph}
        report["fields"][f"{rtype}.name"] = _prf({n for n in g.names if n[1] == rtype},
                                                 {n for n in p.names if n[1] == rtype})
        for field_name in ("positions", *LIST_FIELDS[rtype]) if rtype == "officials" else LIST_FIELDS[rtype]:
            report["fields"][f"{rtype}.{field_name}"] = _prf(g.fields.get((rtype, field_name), set()),
                                                             p.fields.get((rtype, field_name), set()))
    report["records"]["overall"] = _prf(all_gold, all_pred)
    return report


def format_report(report: dict[str, Any]) -> str:
    """The score as two small tables (record types, then fields)."""
    lines = [f"{report['articles']} articles", "", "| record (headline fact) | P | R | F1 | gold | predicted |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, s in report["records"].items():
        fact = HEADLINE.get(name, "all four")
        lines.append(f"| {name} ({fact}) | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | {s['gold']} | {s['predicted']} |")
    lines += ["", "| field | P | R | F1 | gold | predicted |", "|---|---:|---:|---:|---:|---:|"]
    for name, s in report["fields"].items():
        lines.append(f"| {name} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | {s['gold']} | {s['predicted']} |")
    return "\n".join(lines)


def evaluate_records(gold_path: str | Path, documents: Iterable[Any], split: str | None = None,
                     model: str | Path | None = None) -> dict[str, Any]:
    """Extract every gold article of ``split`` (its split in the corpus) and score the records."""
    from .. import api

    docs = {d.id: d for d in documents}
    gold = read_gold(gold_path, {i: d.text for i, d in docs.items()})
    if split:
        gold = [g for g in gold if docs[g["id"]].split == split]
    if not gold:
        raise RecordGoldError(f"no gold records for the {split} split in {gold_path}")
    predicted = {}
    for article, result in zip(gold, api.extract_many([docs[g["id"]].text for g in gold], model=model)):
        predicted[article["id"]] = result.records
    return score(gold, predicted)
