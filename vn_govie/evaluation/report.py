"""Evaluation reports: per-label scores, label confusion and errors worth reading, as JSON and Markdown."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from ..corpus.records import Document
from .evaluate import Evaluation, evaluate

NONE = "(none)"


def confusion(gold: Iterable[Document], pred: Iterable[Document]) -> dict[str, dict[str, int]]:
    """Gold label → predicted label on the same exact span; ``(none)`` where one side has no span."""
    pred_by_id = {d.id: d for d in pred}
    table: dict[str, Counter] = {}
    for g in gold:
        predicted = {(e.start, e.end): e.label for e in pred_by_id[g.id].entities}
        gold_spans = {(e.start, e.end): e.label for e in g.entities}
        for span, label in gold_spans.items():
            table.setdefault(label, Counter())[predicted.get(span, NONE)] += 1
        for span, label in predicted.items():
            if span not in gold_spans:
                table.setdefault(NONE, Counter())[label] += 1
    return {k: dict(v) for k, v in sorted(table.items())}


def _confusion_md(matrix: dict[str, dict[str, int]]) -> str:
    cols = sorted({c for row in matrix.values() for c in row})
    lines = ["| gold \\ predicted | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for row, counts in matrix.items():
        lines.append(f"| {row} | " + " | ".join(str(counts.get(c, "")) for c in cols) + " |")
    return "\n".join(lines)


def _errors_md(result: Evaluation, limit: int = 25) -> str:
    lines = []
    for kind in ("missed", "invented"):
        lines.append(f"**{kind}** (first {limit}):\n")
        for e in result.errors.get(kind, [])[:limit]:
            lines.append(f"- `{e['label']}` «{e['text']}» in {e['doc']}: …{e['context']}…")
        lines.append("")
    return "\n".join(lines)


def write_report(
    documents: list[Document], model: str | Path, output: str | Path, splits: Iterable[str] = ("dev", "test")
) -> dict[str, Any]:
    """Evaluate ``model`` on each split and write ``report.json`` and ``report.md`` into ``output``."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"model": str(model), "splits": {}}
    md = [f"# Evaluation of `{model}`", ""]
    for split in splits:
        result = evaluate(documents, split, model=model, baseline=True)
        matrix = confusion(result.gold, result.predictions)
        entry = result.to_dict()
        entry["confusion"] = matrix
        entry["errors"] = result.errors
        report["splits"][split] = entry
        md += [result.format(), "", "### Label confusion (exact spans)", "", _confusion_md(matrix), "",
               "### Errors worth reading", "", _errors_md(result)]
    (output / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    (output / "report.md").write_text("\n".join(md), encoding="utf-8")
    return report
