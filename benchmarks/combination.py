"""How the trained ner and the rules combine: dev-split entity F1 for each way of combining them.

Run: python benchmarks/combination.py [--model PATH] [--annotations annotations/]
Prints micro-F1 on the dev split (real and synthetic documents apart) for the ner
alone, and with the pattern rules in each mode, with and without the gazetteer.
Chooses on dev only; the test split is never read.
"""

from __future__ import annotations

import argparse

from vn_govie import api
from vn_govie.corpus.records import read_documents
from vn_govie.evaluation.evaluate import evaluate

SETUPS = [
    ("ner only", None, False),
    ("ner + patterns (fill)", "fill", False),
    ("ner + patterns (override)", "override", False),
    ("ner + patterns (patterned)", "patterned", False),
    ("ner + patterns (patterned) + gazetteer", "patterned", True),
    ("ner + patterns (fill) + gazetteer", "fill", True),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None)
    parser.add_argument("--annotations", default="annotations")
    args = parser.parse_args()
    dev = [d for d in read_documents(args.annotations) if d.split == "dev"]
    groups = {"dev real": [d for d in dev if not d.meta["synthetic"]], "dev synthetic": [d for d in dev if d.meta["synthetic"]]}
    nlp = api.load(args.model)
    print("| setup | " + " | ".join(groups) + " |\n|---|" + "---|" * len(groups))
    for name, mode, gazetteer in SETUPS:
        for pipe in ("vn_govie_patterns", "vn_govie_gazetteer"):
            if pipe in nlp.pipe_names:
                nlp.remove_pipe(pipe)
        if mode:
            nlp.add_pipe("vn_govie_patterns", after="ner", config={"mode": mode})
        if gazetteer:
            nlp.add_pipe("vn_govie_gazetteer", after="vn_govie_patterns")
        scores = [evaluate(docs, "dev", model=args.model, baseline=False).entities.micro.f1 for docs in groups.values()]
        print(f"| {name} | " + " | ".join(f"{s:.3f}" for s in scores) + " |")


if __name__ == "__main__":
    main()
