"""The ``vn-govie`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence


def _cmd_check_markup(args: argparse.Namespace) -> int:
    from .corpus.build import OriginalTexts
    from .corpus.markup import parse_file
    from .corpus.validate import check_document, validate_documents

    originals = OriginalTexts(Path(args.root))
    all_docs = []
    problems: list[str] = []
    for path in args.files:
        docs, errs = parse_file(path, originals)
        problems.extend(errs)
        for doc in docs:
            problems.extend(f"{path}: {p}" for p in check_document(doc, check_meta=False))
            doc.meta.setdefault("split", "train")
        all_docs.extend(docs)
    for p in problems:
        print(f"ERROR {p}")
    print(validate_documents(all_docs).format())
    print(f"{len(all_docs)} documents, {len(problems)} problems")
    return 1 if problems else 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .corpus.records import read_documents
    from .corpus.validate import validate_documents

    report = validate_documents(read_documents(args.path))
    for p in report.problems:
        print(f"ERROR {p}")
    print(report.format())
    print(f"{sum(report.documents.values())} documents, {len(report.problems)} problems")
    return 0 if report.ok else 1


def _cmd_build(args: argparse.Namespace) -> int:
    from .corpus.build import build

    groups, problems = build(args.root)
    for p in problems:
        print(f"ERROR {p}")
    for group, docs in groups.items():
        print(f"{group}: {len(docs)} documents")
    return 1 if problems else 0


def _cmd_agreement(args: argparse.Namespace) -> int:
    from .corpus.agreement import agreement, load_pass

    first, second = load_pass(args.first, args.root), load_pass(args.second, args.root)
    ents, rels = agreement(first, second)
    if args.differences:
        from .corpus.agreement import disagreements

        print("\n".join(disagreements(first, second)))
        print()
    print(ents.format("entities"))
    print()
    print(rels.format("relations"))
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from .corpus import formats

    n = formats.convert(args.input, args.output, args.src_format, args.dst_format)
    print(f"converted {n} documents: {args.input} -> {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vn-govie", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    corpus = sub.add_parser("corpus", help="check, build and convert the annotated corpus")
    csub = corpus.add_subparsers(dest="corpus_command", required=True)

    p = csub.add_parser("validate", help="check gold JSONL files and print per-split, per-label counts")
    p.add_argument("path", help="a JSONL file or a directory of them")
    p.set_defaults(func=_cmd_validate)

    p = csub.add_parser("check-markup", help="check inline-markup files (docs/markup-format.md)")
    p.add_argument("files", nargs="+")
    p.add_argument("--root", default=".", help="repository root, to find original texts")
    p.set_defaults(func=_cmd_check_markup)

    p = csub.add_parser("agreement", help="entity and relation F1 between two annotation passes")
    p.add_argument("first", help="markup directory/file or JSONL of the first pass")
    p.add_argument("second", help="the same for the second pass")
    p.add_argument("--root", default=".")
    p.add_argument("--differences", action="store_true", help="also list every entity and relation the passes do not share")
    p.set_defaults(func=_cmd_agreement)

    p = csub.add_parser(
        "convert",
        help="convert between jsonl, conll-syllable, conll-word, docbin, doccano, labelstudio and brat",
    )
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--from", dest="src_format", default=None, help="input format (guessed from the name if omitted)")
    p.add_argument("--to", dest="dst_format", default=None, help="output format (guessed from the name if omitted)")
    p.set_defaults(func=_cmd_convert)

    p = csub.add_parser("build", help="build annotations/*.jsonl from annotations/markup/")
    p.add_argument("--root", default=".")
    p.set_defaults(func=_cmd_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
