"""Evaluation reports: per-label scores, label confusion and errors worth reading, as JSON, Markdown and a PNG chart."""

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


def write_chart(report: dict[str, Any], path: str | Path) -> Path:
    """A PNG bar chart of per-label entity F1, one bar group per split."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    splits = list(report["splits"])
    labels = sorted({label for entry in report["splits"].values() for label in entry["entities"]["per_label"]})
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / max(len(splits), 1)
    for k, split in enumerate(splits):
        per_label = report["splits"][split]["entities"]["per_label"]
        values = [per_label.get(label, {}).get("f1", 0.0) for label in labels]
        micro = report["splits"][split]["entities"]["micro"]["f1"]
        ax.bar([i + k * width for i in range(len(labels))], values, width, label=f"{split} (micro {micro:.3f})")
    ax.set_xticks([i + width * (len(splits) - 1) / 2 for i in range(len(labels))])
    ax.set_xticklabels(labels, rotation=30, ha="right")
    ax.set_ylim(0, 1)
    ax.set_ylabel("F1 (exact span)")
    ax.set_title("Entity F1 per label")
    ax.legend(loc="lower right")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


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
    try:
        write_chart(report, output / "f1_per_label.png")
    except ImportError:  # plotting is an extra: the report stays whole without its chart
        md[1:1] = ["", "(no chart: pip install 'vn_govie[plot]' for matplotlib)", ""]
    else:
        md[1:1] = ["", "![per-label F1](f1_per_label.png)", ""]
    (output / "report.md").write_text("\n".join(md), encoding="utf-8")
    return report
