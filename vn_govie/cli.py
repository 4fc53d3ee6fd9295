"""The ``vn-govie`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator, Sequence

from .inputs import InputError, decode_input


def _cmd_check_markup(args: argparse.Namespace) -> int:
    from .corpus.build import OriginalTexts
    from .corpus.markup import parse_file
    from .corpus.validate import check_document, validate_documents

    originals = OriginalTexts(Path(args.root), args.sources)
    originals.prefetch_files(args.files)
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
    from .corpus.records import StandoffRecordError, read_documents
    from .corpus.validate import validate_documents

    try:
        docs = read_documents(args.path)
    except StandoffRecordError as err:
        print(f"vn-govie: {err}", file=sys.stderr)
        return 2
    if args.collection:
        docs = [d for d in docs if d.collection == args.collection]
    report = validate_documents(docs)
    for p in report.problems:
        print(f"ERROR {p}")
    print(report.format())
    print(f"{sum(report.documents.values())} documents, {len(report.problems)} problems")
    return 0 if report.ok else 1


def _cmd_build(args: argparse.Namespace) -> int:
    from .corpus.sources import SourceError
    from .corpus.standoff import build_corpus

    try:
        counts = build_corpus(args.annotations, args.output, args.sources)
    except (SourceError, FileNotFoundError) as err:
        print(f"vn-govie: {err}", file=sys.stderr)
        return 2
    for name, n in counts.items():
        print(f"{name}: {n} documents")
    print(f"built corpus: {args.output}")
    return 0


def _cmd_compile(args: argparse.Namespace) -> int:
    from .corpus.build import compile_markup

    groups, problems = compile_markup(args.root)
    for p in problems:
        print(f"ERROR {p}")
    for group, docs in groups.items():
        print(f"{group}: {len(docs)} documents")
    return 1 if problems else 0


def _cmd_standoff(args: argparse.Namespace) -> int:
    from .corpus.build import compile_standoff
    from .corpus.sources import SourceError

    try:
        records, problems = compile_standoff([Path(f) for f in args.files], args.output, args.root, args.sources)
    except SourceError as err:
        print(f"vn-govie: {err}", file=sys.stderr)
        return 2
    for p in problems:
        print(f"ERROR {p}")
    print(f"{len(records)} standoff records{'' if problems else f' written to {args.output}'}, {len(problems)} problems")
    return 1 if problems else 0


def _cmd_record_standoff(args: argparse.Namespace) -> int:
    from .corpus.records import read_documents
    from .corpus.standoff import write_atomic
    from .evaluation.records import RecordGoldError, to_standoff

    docs = {d.id: d for d in read_documents(args.corpus)}
    lines, problems = [], []
    for file in args.files:
        for article in json.loads(Path(file).read_text(encoding="utf-8")):
            doc = docs.get(article.get("id"))
            if doc is None:
                problems.append(f"{file}: article {article.get('id')!r} is not in {args.corpus}")
                continue
            try:
                lines.append(json.dumps(to_standoff(article, doc.text, doc.collection), ensure_ascii=False))
            except (RecordGoldError, KeyError, TypeError) as err:
                problems.append(f"{file}: {err}")
    for p in problems:
        print(f"ERROR {p}")
    if problems:
        print(f"{len(problems)} problems: nothing written")
        return 1
    write_atomic(Path(args.output), [line + "\n" for line in lines])
    print(f"{len(lines)} articles' records written to {args.output}")
    return 0


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


def _check_encoding(encoding: str) -> None:
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding: {encoding}") from None


class UsageError(ValueError):
    """The command line itself is wrong (exit status 2)."""


def _input_names(source: str) -> list[str]:
    """The inputs named by ``source``: ``-`` (stdin), one file, or every ``*.txt`` of a folder, recursively."""
    if source == "-":
        return ["-"]
    path = Path(source)
    if path.is_dir():
        files = sorted(str(p) for p in path.rglob("*.txt") if p.is_file())
        if not files:
            raise UsageError(f"no .txt files in {source}")
        return files
    if path.is_file():
        return [source]
    raise UsageError(f"no such file or directory: {source}")


def _read_input(name: str, encoding: str | None) -> str:
    try:
        if name == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:  # a text stream put in place of stdin (tests, notebooks)
                return sys.stdin.read()
            data = stream.read()
        else:
            data = Path(name).read_bytes()
    except OSError as err:
        raise InputError(f"{name}: {err.strerror or err}") from None
    return decode_input(data, "standard input" if name == "-" else name, encoding,
                        hint="; give its encoding with --encoding")


def _table(name: str, result) -> str:
    lines = [f"== {name}", f"{'label':<10} {'start':>6} {'end':>6}  text  [value]"]
    for e in result.entities:
        value = "" if e.value is None else f"  [{e.value}{' ' + e.currency if e.currency else ''}]"
        lines.append(f"{e.label:<10} {e.start:>6} {e.end:>6}  {e.text}{value}")
    if result.relations:
        lines.append("\nrelations:")
        by_id = {e.id: e for e in result.entities}
        for r in result.relations:
            lines.append(f"  {by_id[r.head].text} -{r.label}-> {by_id[r.tail].text}")
    if result.officials:
        lines.append("\nofficials:")
        for o in result.officials:
            offices = "; ".join(f"{p.position}{' — ' + p.body if p.body else ''}" for p in o.positions)
            lines.append(f"  {o.name}: {offices or '-'}")
    for title, records, describe in (
        ("events", result.events, lambda e: f"organisers {_names(e.organizers)}; chairs {_names(e.chairs)}; "
                                            f"attendees {_names(e.attendees)}; date {_names(d.text for d in e.dates)}; "
                                            f"place {_names(e.places)}"),
        ("projects", result.projects, lambda p: f"allocated {_names(a.text for a in p.allocations)}; "
                                                f"disbursed {_names(d.text for d in p.disbursements)}; place {_names(p.places)}"),
        ("documents", result.documents, lambda d: f"issued by {_names(d.issuers)}; date {_names(x.text for x in d.dates)}"),
    ):
        if records:
            lines.append(f"\n{title}:")
            lines.extend(f"  {r.name}: {describe(r)}" for r in records)
    return "\n".join(lines)


def _names(items) -> str:
    items = list(items)
    return ", ".join(items) if items else "-"


def _progress(total: int) -> Any:
    """A progress bar on stderr for several documents when stderr is a terminal; otherwise nothing."""
    if total <= 1 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, leave=False)


def _items(result: Any, kind: str) -> list[dict[str, Any]]:
    """The items of one kind of a result as ``to_dict`` gives them: entities, relations or records."""
    if kind == "entities":
        return [e.to_dict() for e in result.entities]
    if kind == "relations":
        return [r.to_dict() for r in result.relations]
    return [record.to_dict() for record in result.records[kind]]


def _cmd_extract(args: argparse.Namespace) -> int:
    from collections import deque

    from .api import WorkerError, extract_many

    if args.encoding:
        _check_encoding(args.encoding)
    if args.records and args.format not in ("csv", "jsonl"):
        raise UsageError("--records goes with --format csv or jsonl")
    if args.n_process < 1 or args.batch_size < 1:
        raise UsageError("--n-process and --batch-size must be at least 1")
    if args.dask is not None:
        return _extract_on_dask(args)
    names = _input_names(args.input)
    many = Path(args.input).is_dir() if args.input != "-" else False
    failed: list[str] = []
    pending: deque[str] = deque()
    done: list[int] = [0]
    stopped: list[str] = []
    bar = _progress(len(names))

    def texts() -> Iterator[str]:
        for name in names:
            try:
                text = _read_input(name, args.encoding)
            except InputError as err:
                print(f"vn-govie: {err}", file=sys.stderr)
                failed.append(name)
                if bar is not None:
                    bar.update(1)
                continue
            pending.append(name)
            yield text

    def results() -> Iterator[tuple[str, Any]]:
        try:
            for result in extract_many(texts(), model=args.model, doc_year=args.year, n_process=args.n_process,
                                       batch_size=args.batch_size):
                name = pending.popleft()
                done[0] += 1
                if bar is not None:
                    bar.update(1)
                yield name, result
        except KeyboardInterrupt:
            stopped.append("interrupted")
        except WorkerError as err:
            stopped.append(str(err))

    def rendered() -> Iterator[str]:
        if args.format == "csv":
            from .exports import csv_lines

            yield from csv_lines(results(), args.records or "entities")
            return
        first = True
        if args.format == "json" and many:
            yield "["
        if args.format == "jsonl" and args.records:
            for name, result in results():
                for item in _items(result, args.records):
                    yield json.dumps({"document": name, **item}, ensure_ascii=False) + "\n"
            return
        for name, result in results():
            data = {"source": name, **result.to_dict()}
            if args.no_text:
                data.pop("text", None)
            if args.format == "table":
                yield _table(name, result) + "\n"
            elif args.format == "jsonl":
                yield json.dumps(data, ensure_ascii=False) + "\n"
            else:
                body = json.dumps(data, ensure_ascii=False, indent=2)
                yield ("" if first else ",") + ("\n" + body if many else body + "\n")
            first = False
        if args.format == "json" and many:
            yield "\n]\n"

    try:
        if args.output:
            from .corpus.standoff import write_atomic

            write_atomic(Path(args.output), rendered())
        else:
            for piece in rendered():
                sys.stdout.write(piece)
            sys.stdout.flush()
    finally:
        if bar is not None:
            bar.close()
    if stopped:
        # what was finished is written whole (a closed JSON array, complete lines and rows)
        print(f"vn-govie: stopped ({stopped[0]}) after {done[0]} of {len(names)} documents; "
              "those are written whole", file=sys.stderr)
        return 130 if stopped[0] == "interrupted" else 1
    if failed:
        print(f"vn-govie: {len(failed)} of {len(names)} inputs could not be read", file=sys.stderr)
        return 1
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from .api import extract
    from .render import render_html

    if args.encoding:
        _check_encoding(args.encoding)
    if args.input != "-" and Path(args.input).is_dir():
        raise UsageError(f"{args.input}: render takes one text file (or -), not a folder")
    name = _input_names(args.input)[0]
    text = _read_input(name, args.encoding)
    title = "standard input" if name == "-" else Path(name).name
    page = render_html(extract(text, model=args.model, doc_year=args.year), page=True, title=title)
    if args.output:
        from .corpus.standoff import write_atomic

        write_atomic(Path(args.output), [page])
    else:
        sys.stdout.write(page)
        sys.stdout.flush()
    return 0


def _extract_on_dask(args: argparse.Namespace) -> int:
    """``extract DIR --dask ADDRESS --output OUTDIR``: the files' partitions extracted on a Dask cluster.

    Files are read here (the workers need not see them) and sent ``--partition-size``
    at a time, a bounded number in flight; each partition's results come back as
    dicts and are written here as ``OUTDIR/part-NNNNN.jsonl`` through a temporary
    file, so a part is whole or absent. A worker that dies has its tasks run again
    elsewhere by the scheduler; a partition that still fails is named and the others
    go on (exit status 1).
    """
    import itertools
    import uuid

    if not args.output:
        raise UsageError("--dask writes one JSON Lines file per partition: give their folder with --output OUTDIR")
    if args.input == "-":
        raise UsageError("--dask reads a folder of .txt files (or one file), not standard input")
    if args.format not in ("json", "jsonl"):
        raise UsageError(f"--dask writes JSON Lines parts; --format {args.format} does not go with it")
    if args.records:
        raise UsageError("--records does not go with --dask: each line is a whole document's result")
    if args.n_process != 1:
        raise UsageError("--n-process does not go with --dask: the cluster's workers do the work")
    if args.partition_size < 1:
        raise UsageError("--partition-size must be at least 1")
    try:
        from dask.distributed import as_completed

        from . import dask as vn_dask
    except ImportError:
        raise UsageError("--dask needs Dask, which is not installed: pip install 'vn_govie[dask]'") from None
    from .corpus.standoff import write_atomic

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--output {out} is a file; with --dask it is the folder for the part files")
    if out.is_dir() and any(out.glob("part-*.jsonl")):
        raise UsageError(f"{out} already holds part files; give an empty or new folder")
    names = _input_names(args.input)
    root = Path(args.input) if Path(args.input).is_dir() else Path(args.input).parent
    chunks = [names[i:i + args.partition_size] for i in range(0, len(names), args.partition_size)]
    try:
        client = vn_dask.connect(args.dask)
    except ConnectionError as err:
        raise UsageError(str(err)) from None
    out.mkdir(parents=True, exist_ok=True)
    model = None if args.model is None else str(args.model)
    run = uuid.uuid4().hex[:8]
    failed: list[str] = []
    part_errors: list[str] = []
    written = [0, 0]  # documents, parts
    stopped: list[str] = []
    meta: dict[Any, tuple[int, list[str], int]] = {}
    bar = _progress(len(names))

    def submit(index: int) -> Any:
        items, sources = [], []
        for name in chunks[index]:
            try:
                text = _read_input(name, args.encoding)
            except InputError as err:
                print(f"vn-govie: {err}", file=sys.stderr)
                failed.append(name)
                continue
            items.append((Path(name).relative_to(root).as_posix(), text))
            sources.append(name)
        future = client.submit(vn_dask.extract_partition, items, model=model, doc_year=args.year,
                               batch_size=args.batch_size, key=f"vn-govie-part-{index:05d}-{run}", pure=False)
        meta[future.key] = (index, sources, len(chunks[index]))
        return future

    queue = iter(range(len(chunks)))
    pending = as_completed()
    try:
        in_flight = max(2, 2 * sum(client.nthreads().values()))
        for index in itertools.islice(queue, in_flight):
            pending.add(submit(index))
        for future in pending:
            index, sources, size = meta.pop(future.key)
            part = f"part-{index:05d}.jsonl"
            try:
                results = future.result()
            except Exception as err:  # an error in the task, or its workers killed too often (KilledWorker)
                part_errors.append(f"{part} ({size} documents from {chunks[index][0]}): {type(err).__name__}: {err}")
            else:
                lines = []
                for source, data in zip(sources, results):
                    row = {"id": data.pop("id"), "source": source, **data}
                    if args.no_text:
                        row.pop("text", None)
                    lines.append(json.dumps(row, ensure_ascii=False) + "\n")
                write_atomic(out / part, lines)
                written[0] += len(lines)
                written[1] += 1
            future.release()
            if bar is not None:
                bar.update(size)
            following = next(queue, None)
            if following is not None:
                pending.add(submit(following))
    except KeyboardInterrupt:
        stopped.append("interrupted")
    finally:
        if bar is not None:
            bar.close()
        client.close()
    for problem in part_errors:
        print(f"vn-govie: {problem}", file=sys.stderr)
    print(f"{written[0]} documents in {written[1]} part{'' if written[1] == 1 else 's'} written to {out}")
    if stopped:
        print(f"vn-govie: stopped (interrupted) after {written[1]} of {len(chunks)} parts; "
              "those are written whole", file=sys.stderr)
        return 130
    if part_errors or failed:
        print(f"vn-govie: {len(part_errors)} of {len(chunks)} parts failed, {len(failed)} of {len(names)} inputs "
              "could not be read", file=sys.stderr)
        return 1
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import importlib.util

    missing = [m for m in ("fastapi", "uvicorn") if importlib.util.find_spec(m) is None]
    if importlib.util.find_spec("python_multipart") is None and importlib.util.find_spec("multipart") is None:
        missing.append("python-multipart")
    if missing:
        raise UsageError(f"the web app needs {', '.join(missing)}: pip install 'vn_govie[serve]'")
    if args.port < 0 or args.port > 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {args.port}")
    if args.max_chars < 1 or args.max_texts < 1:
        raise UsageError("--max-chars and --max-texts must be at least 1")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"vn-govie: serving on {args.host}: the app has no authentication; "
              "do not expose it publicly without a proxy that adds some", file=sys.stderr)
    from .serve import serve

    serve(args.host, args.port, args.model, max_chars=args.max_chars, max_texts=args.max_texts)
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .corpus.records import read_documents
    from .evaluation.evaluate import evaluate

    docs = read_documents(args.annotations)
    if args.collection:
        docs = [d for d in docs if d.collection in args.collection]
    if args.records:
        from .evaluation.records import evaluate_records, format_report

        report = evaluate_records(args.records, docs, args.split, model=args.model)
        print(format_report(report))
        if args.output:
            Path(args.output).mkdir(parents=True, exist_ok=True)
            (Path(args.output) / "records.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        return 0
    result = evaluate(docs, args.split, model=args.model, baseline=not args.no_baseline)
    print(result.format())
    if args.output:
        from .evaluation.report import write_report

        write_report(docs, args.model or _packaged_model(), args.output, [args.split])
        print(f"report written to {args.output}")
    return 0


def _packaged_model() -> Path:
    from .api import PACKAGED_MODEL

    return PACKAGED_MODEL


def _cmd_train(args: argparse.Namespace) -> int:
    from .training.train import read_annotations, train

    overrides: dict[str, object] = {}
    for item in args.set or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--set takes KEY=VALUE (a spaCy config path, e.g. training.max_steps=4000), not {item!r}")
        overrides[key] = _config_value(value)
    if args.vectors:
        if not (Path(args.vectors) / "vocab" / "vectors").exists():
            raise UsageError(f"{args.vectors} holds no spaCy vectors (make them with vn-govie vectors)")
        overrides["paths.vectors"] = str(args.vectors)
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    docs = read_annotations(args.annotations, args.format)
    report = train(docs, args.output, config=args.config, seed=args.seed, quick=args.quick, overrides=overrides)
    for split, entry in report["splits"].items():
        micro = entry["entities"]["micro"]
        print(f"{split}: entity P {micro['p']:.3f} R {micro['r']:.3f} F1 {micro['f1']:.3f}")
    print(f"pipeline: {Path(args.output) / 'model'}  report: {Path(args.output) / 'report.md'}")
    return 0


def _config_value(value: str) -> object:
    """A ``--set`` value as spaCy reads config values: JSON where it parses, else the string."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def _cmd_vectors(args: argparse.Namespace) -> int:
    from .training.vectors import VectorSettings, build_vectors

    settings = VectorSettings(dim=args.dim, bucket=args.bucket, minn=args.minn, maxn=args.maxn, epoch=args.epoch)
    report = build_vectors(args.sources, args.output, settings=settings, fraction=args.fraction,
                           n_process=args.n_process, corpus_selection=args.held_out)
    print(f"{report['documents']} documents, {report['lines']} sentences, {report['words']} words; "
          f"{report['seconds']['total']} s, peak memory {report['peak_memory_mb']} MB")
    print(f"vectors: {report['spacy_vectors']} (train with --paths.vectors {report['spacy_vectors']})")
    return 0


def _cmd_split(args: argparse.Namespace) -> int:
    from collections import Counter

    from .corpus.records import read_documents, write_documents
    from .corpus.splits import assign_splits

    docs = assign_splits(read_documents(args.input), args.dev, args.test, args.seed, args.overwrite)
    write_documents(docs, args.output)
    print(f"{args.output}: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(d.split for d in docs).items())))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="vn-govie", description=__doc__)
    parser.add_argument("--version", action="version", version=f"vn-govie {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract entities and relations from a file, a folder of .txt files or stdin")
    p.add_argument("input", help="FILE, DIR or - for standard input")
    p.add_argument("--format", choices=("json", "jsonl", "table", "csv"), default="json",
                   help="json: one JSON document (an array for a folder); jsonl: one object a line; "
                        "table: readable tables; csv: one row per item of --records")
    p.add_argument("--records", choices=("entities", "relations", "officials", "events", "projects", "documents"),
                   default=None, help="with --format csv or jsonl: one row or line per item of this kind, "
                        "the document in each (csv default: entities)")
    p.add_argument("--model", default=None, help="a trained pipeline directory (default: the shipped one)")
    p.add_argument("--year", type=int, default=None, help="the documents' year, to complete dates such as 11/10")
    p.add_argument("--encoding", default=None,
                   help="the inputs' encoding (default: UTF-8 with or without a BOM, or UTF-16 with a BOM)")
    p.add_argument("--no-text", action="store_true", help="leave the input text out of the output")
    p.add_argument("--output", "-o", default=None,
                   help="write to this file (written whole or not at all) instead of standard output; "
                        "with --dask, the folder for the part files")
    p.add_argument("--n-process", type=int, default=1, help="worker processes (each loads the pipeline once)")
    p.add_argument("--batch-size", type=int, default=32, help="texts handed to the pipeline at a time")
    p.add_argument("--dask", default=None, metavar="SCHEDULER_ADDRESS",
                   help="extract on the running Dask cluster at this address (e.g. tcp://10.0.0.5:8786; needs "
                        "pip install 'vn_govie[dask]'): one JSON Lines file per partition in the --output folder, "
                        "OUTDIR/part-00000.jsonl, ..., each line with the document's id (see docs/dask.md)")
    p.add_argument("--partition-size", type=int, default=64,
                   help="with --dask: documents in each task and part file (default: 64)")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("render", help="an HTML page of one text: entities marked, relations linked, records as tables")
    p.add_argument("input", help="a text FILE or - for standard input")
    p.add_argument("--output", "-o", default=None, help="write the page to this file (whole or not at all)")
    p.add_argument("--model", default=None, help="a trained pipeline directory (default: the shipped one)")
    p.add_argument("--year", type=int, default=None, help="the document's year, to complete dates such as 11/10")
    p.add_argument("--encoding", default=None, help="the input's encoding (default: UTF-8, or UTF-16 with a BOM)")
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser("serve", help="a local web app: paste or upload texts and see their facts; a JSON API")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1; there is no authentication)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--model", default=None, help="a trained pipeline directory (default: the shipped one)")
    p.add_argument("--max-chars", type=int, default=200_000, help="longest text accepted, in characters")
    p.add_argument("--max-texts", type=int, default=100, help="most texts in one request")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("evaluate", help="per-label P/R/F1 of a pipeline on a split, beside underthesea.ner")
    p.add_argument("annotations", help="gold JSONL file or directory of the built corpus (build/corpus)")
    p.add_argument("--split", default="test", choices=("train", "dev", "test"), help="the split to score (default: test)")
    p.add_argument("--model", default=None, help="a trained pipeline directory (default: the shipped one)")
    p.add_argument("--no-baseline", action="store_true", help="skip underthesea.ner")
    p.add_argument("--collection", action="append", choices=("seeds", "synthetic", "vtb", "news"), default=None,
                   help="only documents of this collection (repeatable): the real-news test set is "
                        "--collection news, the older one --collection seeds --collection vtb")
    p.add_argument("--output", default=None, help="also write report.json and report.md here")
    p.add_argument("--records", default=None, metavar="GOLD",
                   help="score document records against a record-level gold file (annotations/records/gold.jsonl)")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("train", help="train the pipeline on annotations and write it with a report")
    p.add_argument("annotations", nargs="+", help="gold JSONL files/directories or converted formats")
    p.add_argument("--format", default=None, help="input format when it cannot be guessed (doccano, brat, ...)")
    p.add_argument("--output", default="training", help="output directory (pipeline in OUTPUT/model)")
    p.add_argument("--config", default=None, help="spaCy config (default: configs/ner.cfg)")
    p.add_argument("--seed", type=int, default=0, help="random seed of the trainers (default: 0)")
    p.add_argument("--quick", action="store_true", help="a small, fast run for smoke tests")
    p.add_argument("--vectors", default=None,
                   help="word vectors (the spacy/ folder of vn-govie vectors) to read in the tok2vec")
    p.add_argument("--set", action="append", metavar="KEY=VALUE",
                   help="override a config setting, e.g. --set training.max_steps=4000 (repeatable)")
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("vectors", help="train floret word vectors on the raw outside text, tokenised as the pipeline does")
    p.add_argument("sources", nargs="?", default=None, help="the outside sources folder (default: ../shared/data)")
    p.add_argument("--output", "-o", default="build/vectors", help="folder for tokens, floret table and spaCy vectors")
    p.add_argument("--fraction", type=float, default=1.0, help="stable share of each dataset's documents to read")
    p.add_argument("--n-process", type=int, default=1, help="tokenising processes (and floret threads)")
    p.add_argument("--held-out", default="corpus/news/selection.tsv",
                   help="corpus selection whose dev and test articles are left out")
    p.add_argument("--dim", type=int, default=128, help="vector width")
    p.add_argument("--bucket", type=int, default=50000, help="rows of the hashed table")
    p.add_argument("--minn", type=int, default=3, help="shortest character n-gram")
    p.add_argument("--maxn", type=int, default=5, help="longest character n-gram")
    p.add_argument("--epoch", type=int, default=5, help="passes over the text")
    p.set_defaults(func=_cmd_vectors)

    corpus = sub.add_parser("corpus", help="check, build and convert the annotated corpus")
    csub = corpus.add_subparsers(dest="corpus_command", required=True)

    p = csub.add_parser("validate", help="check gold JSONL files and print per-split, per-label counts")
    p.add_argument("path", nargs="?", default="build/corpus", help="a JSONL file or a directory of them (default: build/corpus)")
    p.add_argument("--collection", choices=("seeds", "synthetic", "vtb", "news"), default=None,
                   help="only the documents of one collection")
    p.set_defaults(func=_cmd_validate)

    p = csub.add_parser("check-markup", help="check inline-markup files (docs/markup-format.md)")
    p.add_argument("files", nargs="+", help="inline-markup files (docs/markup-format.md)")
    p.add_argument("--root", default=".", help="repository root, to find original texts")
    p.add_argument("--sources", default=None, help="outside sources folder (default: $VN_GOVIE_SOURCES or ../shared/data)")
    p.set_defaults(func=_cmd_check_markup)

    p = csub.add_parser("agreement", help="entity and relation F1 between two annotation passes")
    p.add_argument("first", help="markup directory/file or JSONL of the first pass")
    p.add_argument("second", help="the same for the second pass")
    p.add_argument("--root", default=".", help="repository root, to find the texts of standoff records")
    p.add_argument("--differences", action="store_true", help="also list every entity and relation the passes do not share")
    p.set_defaults(func=_cmd_agreement)

    p = csub.add_parser(
        "convert",
        help="convert between jsonl, conll-syllable, conll-word, docbin, doccano, labelstudio and brat",
    )
    p.add_argument("input", help="annotations to read (a file or folder)")
    p.add_argument("output", help="file or folder to write, its format from --to or its name")
    p.add_argument("--from", dest="src_format", default=None, help="input format (guessed from the name if omitted)")
    p.add_argument("--to", dest="dst_format", default=None, help="output format (guessed from the name if omitted)")
    p.set_defaults(func=_cmd_convert)

    p = csub.add_parser("split", help="give documents without a split a train/dev/test split (stable hash of the id)")
    p.add_argument("input", help="JSONL file or directory")
    p.add_argument("output", help="JSONL file to write")
    p.add_argument("--dev", type=float, default=0.1, help="share of documents for dev (default: 0.1)")
    p.add_argument("--test", type=float, default=0.1, help="share of documents for test (default: 0.1)")
    p.add_argument("--seed", type=int, default=0, help="salt of the stable hash that assigns splits (default: 0)")
    p.add_argument("--overwrite", action="store_true", help="re-split documents that already have a split")
    p.set_defaults(func=_cmd_split)

    p = csub.add_parser("build", help="join annotations/*.jsonl with the outside texts into the full corpus (build/corpus)")
    p.add_argument("--sources", default=None, help="outside sources folder (default: $VN_GOVIE_SOURCES or ../shared/data)")
    p.add_argument("--output", default="build/corpus", help="where the full corpus is written (default: build/corpus)")
    p.add_argument("--annotations", default="annotations", help="the gold files (default: annotations)")
    p.set_defaults(func=_cmd_build)

    p = csub.add_parser("compile", help="compile annotations/{seeds,synthetic}.jsonl from annotations/markup/")
    p.add_argument("--root", default=".", help="repository root")
    p.set_defaults(func=_cmd_compile)

    p = csub.add_parser("standoff", help="compile markup of outside text (news, treebank) into standoff records")
    p.add_argument("files", nargs="+", help="markup files written outside the repository (they hold the text)")
    p.add_argument("--output", required=True, help="standoff JSONL to update, e.g. annotations/news.jsonl")
    p.add_argument("--root", default=".", help="repository root")
    p.add_argument("--sources", default=None, help="outside sources folder (default: $VN_GOVIE_SOURCES or ../shared/data)")
    p.set_defaults(func=_cmd_standoff)

    p = csub.add_parser("record-standoff",
                        help="turn record-level gold written as strings (copied from the articles) into standoff")
    p.add_argument("files", nargs="+", help="JSON lists of article records, written outside the repository")
    p.add_argument("--corpus", default="build/corpus", help="the built corpus that holds the articles")
    p.add_argument("--output", required=True, help="standoff JSONL to write, e.g. annotations/records/gold.jsonl")
    p.set_defaults(func=_cmd_record_standoff)
    return parser


def _user_errors() -> tuple[type[BaseException], ...]:
    """Errors that are the input's or the setup's, reported as one line without a traceback."""
    from .api import ModelNotFoundError
    from .corpus.records import CorpusFormatError
    from .corpus.sources import SourceError

    return (UsageError, CorpusFormatError, SourceError, ModelNotFoundError, FileNotFoundError, NotADirectoryError,
            PermissionError, IsADirectoryError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; input and setup errors print one line on stderr and exit 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except _user_errors() as err:
        print(f"vn-govie: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vn-govie: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (``| head``): stop quietly, without a second error at exit
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as err:
        # a full disk, a closed output, an I/O error: one line, and a failing status
        print(f"vn-govie: {err.strerror or err}{f': {err.filename}' if err.filename else ''}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
