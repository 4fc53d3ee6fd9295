"""How the trained ner and the rules combine: dev-split entity F1 for each way of combining them.

Run: python benchmarks/combination.py [--model PATH] [--annotations build/corpus]
Prints micro-F1 on the dev split (real and synthetic documents apart) for the ner
alone, and with the pattern rules in each mode, with and without the gazetteer and
the span rules (``vn_govie_span_rules``: edges, DOCUMENT names, readable values).
Chooses on dev only; the test split is never read.
"""

from __future__ import annotations

import argparse

from vn_govie import api
from vn_govie.corpus.records import read_documents
from vn_govie.evaluation.evaluate import evaluate

# (name, patterns mode or None, gazetteer, span rules)
SETUPS = [
    ("ner only", None, False, False),
    ("ner + patterns (fill)", "fill", False, False),
    ("ner + patterns (override)", "override", False, False),
    ("ner + patterns (patterned)", "patterned", False, False),
    ("ner + patterns (patterned) + gazetteer", "patterned", True, False),
    ("ner + patterns (fill) + gazetteer", "fill", True, False),
    ("ner + span rules", None, False, True),
    ("ner + patterns (patterned) + gazetteer + span rules", "patterned", True, True),
    ("ner + patterns (fill) + gazetteer + span rules", "fill", True, True),
]
RULE_PIPES = ("vn_govie_patterns", "vn_govie_gazetteer", "vn_govie_span_rules")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None)
    parser.add_argument("--annotations", default="build/corpus", help="the built corpus (vn-govie corpus build)")
    args = parser.parse_args()
    dev = [d for d in read_documents(args.annotations) if d.split == "dev"]
    groups = {"dev real": [d for d in dev if not d.meta["synthetic"]], "dev synthetic": [d for d in dev if d.meta["synthetic"]]}
    nlp = api.load(args.model)
    print("| setup | " + " | ".join(groups) + " |\n|---|" + "---|" * len(groups))
    for name, mode, gazetteer, span_rules in SETUPS:
        for pipe in RULE_PIPES:
            if pipe in nlp.pipe_names:
                nlp.remove_pipe(pipe)
        last = "ner"
        if mode:
            last = nlp.add_pipe("vn_govie_patterns", after=last, config={"mode": mode}).name
        if gazetteer:
            last = nlp.add_pipe("vn_govie_gazetteer", after=last).name
        if span_rules:
            nlp.add_pipe("vn_govie_span_rules", after=last)
        scores = [evaluate(docs, "dev", model=args.model, baseline=False).entities.micro.f1 for docs in groups.values()]
        print(f"| {name} | " + " | ".join(f"{s:.3f}" for s in scores) + " |")


if __name__ == "__main__":
    main()
