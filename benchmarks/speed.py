"""Speed benchmark: vn_govie against underthesea.ner, cold start, peak memory and scaling with length.

Texts: the seed articles (``corpus/seeds/*.txt``) split into sentences with
``vn_govie.text.sentences.sentence_spans``; every system gets the same
sentences, in the same run.

Throughput (in this process, after a warm-up of ``--warmup`` sentences for each
system; the systems take turns for ``--runs`` rounds of one pass each over all
sentences, and each one's best pass counts):

1. ``underthesea.ner(sentence)``, one call per sentence: the reference;
2. ``vn_govie.extract(sentence)``, one call per sentence;
3. ``vn_govie.extract_many(sentences, n_process=1)``;
4. ``vn_govie.extract_many(sentences, n_process=2)`` (the two worker processes
   start inside the timed call, as they do for a user).

Each row gives sentences/s, characters/s, wall seconds, CPU seconds (this
process plus its worker processes: on a machine shared with other jobs, wall
time above CPU time is time spent waiting for a core) and the speed ratio to
``underthesea.ner``.

Cold start: a fresh ``python`` process times ``import vn_govie`` plus the first
``extract`` of one sentence (median of ``--cold-runs``).

Peak memory: the maximum resident set size of a fresh process that extracts
every seed article and every seed sentence (``os.wait4`` reads it for that
process alone); the same for a process running ``underthesea.ner`` on the seed
sentences, for reference; and for the scaling process below.

Scaling: a 1,000,000-character document made by repeating the seed articles,
against 1,000-character pieces of it. A fresh process times ``extract`` on the
first 20 pieces (best of 3 each; their mean is the time of 1 KB) and on the
whole document (best of ``--scaling-runs``), and compares the latter with
1,000 x the former. "1 KB" and "1 MB" count characters here (Vietnamese
letters take 2-3 bytes in UTF-8).

Usage::

    python benchmarks/speed.py [--output FILE] [--quick]

``--quick`` is a smoke run (fewer sentences, one run, a 100 KB document).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from machine import cpu_model, emit, package_version  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
FIRST = "Chiều 11/10, Phó Chủ tịch UBND TP Hà Minh Hải chủ trì hội nghị."
TARGETS = {"x1": 3.0, "x2": 5.0, "cold": 2.0, "memory_mb": 500.0, "scaling": 1.2}


# ------------------------------------------------------------------------- data


def seed_documents() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def seed_sentences() -> list[str]:
    from vn_govie.text.sentences import sentence_spans

    return [text[a:b] for text in seed_documents() for a, b in sentence_spans(text)]


def big_document(n_chars: int) -> str:
    base = "\n".join(seed_documents())
    return (base * (n_chars // len(base) + 1))[:n_chars]


# ------------------------------------------------------- child processes (--child)


def child_cold() -> dict:
    started = time.perf_counter()
    import vn_govie

    imported = time.perf_counter()
    vn_govie.extract(FIRST)
    done = time.perf_counter()
    return {"import_s": imported - started, "cold_s": done - started}


def child_memory(quick: bool) -> dict:
    import vn_govie

    documents = seed_documents()[: 1 if quick else None]
    sentences = seed_sentences()[: 40 if quick else None]
    n_entities = sum(len(r.entities) for r in vn_govie.extract_many(documents))
    n_entities += sum(len(r.entities) for r in vn_govie.extract_many(sentences))
    return {"entities": n_entities}


def child_ner_memory(quick: bool) -> dict:
    import underthesea

    sentences = seed_sentences()[: 40 if quick else None]
    return {"tokens": sum(len(underthesea.ner(s)) for s in sentences)}


def child_scaling(n_chars: int, runs: int) -> dict:
    import vn_govie

    document = big_document(n_chars)
    vn_govie.extract(FIRST)
    pieces = [document[i * 1000 : (i + 1) * 1000] for i in range(20)]
    per_kb = []
    for piece in pieces:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            vn_govie.extract(piece)
            best = min(best, time.perf_counter() - started)
        per_kb.append(best)
    big_times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = vn_govie.extract(document)
        big_times.append(time.perf_counter() - started)
        n_entities = len(result.entities)
        del result
    return {"kb_s": statistics.mean(per_kb), "big_s": min(big_times), "big_chars": len(document), "entities": n_entities}


def run_child(args: list[str]) -> tuple[dict, float, float]:
    """Run this script as a child: its JSON answer, wall seconds and peak RSS in MB (``os.wait4``, this child alone)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    out_chunks: list[str] = []
    err_chunks: list[str] = []

    def drain(stream, sink):
        for line in stream:
            sink.append(line)

    readers = [
        threading.Thread(target=drain, args=(proc.stdout, out_chunks), daemon=True),
        threading.Thread(target=drain, args=(proc.stderr, err_chunks), daemon=True),
    ]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    for r in readers:
        r.join()
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{''.join(err_chunks)}")
    peak_mb = usage.ru_maxrss / 1024  # KB on Linux
    return json.loads("".join(out_chunks).strip().splitlines()[-1]), wall, peak_mb


# ------------------------------------------------------------------- throughput


def cpu_seconds() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed_once(fn) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU of this process and of the worker processes it reaped)."""
    import multiprocessing

    cpu0 = cpu_seconds()
    started = time.perf_counter()
    fn()
    wall = time.perf_counter() - started
    multiprocessing.active_children()  # reap any workers left, so their CPU time is counted
    return wall, cpu_seconds() - cpu0


def throughput(sentences: list[str], runs: int, warmup: int) -> list[tuple[str, float, float]]:
    """Best wall seconds (and that run's CPU seconds) of each system over ``runs`` rounds.

    The systems take turns, one pass each per round, so that a slow spell of a shared
    machine falls on all of them rather than on whichever happened to run then.
    """
    import underthesea

    import vn_govie

    for s in sentences[:warmup]:
        underthesea.ner(s)
        vn_govie.extract(s)
    systems = [
        ("underthesea.ner, one call a sentence", lambda: [underthesea.ner(s) for s in sentences]),
        ("vn_govie.extract, one call a sentence", lambda: [vn_govie.extract(s) for s in sentences]),
        ("vn_govie.extract_many, n_process=1", lambda: list(vn_govie.extract_many(sentences, n_process=1))),
        ("vn_govie.extract_many, n_process=2", lambda: list(vn_govie.extract_many(sentences, n_process=2))),
    ]
    best = {name: (float("inf"), 0.0) for name, _ in systems}
    for round_ in range(runs):
        print(f"round {round_ + 1}/{runs} ...", file=sys.stderr, flush=True)
        for name, fn in systems:
            wall, cpu = timed_once(fn)
            if wall < best[name][0]:
                best[name] = (wall, cpu)
    return [(name, *best[name]) for name, _ in systems]


# ------------------------------------------------------------------------ report


def _memory_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine_lines(load_before: tuple[float, ...], load_after: tuple[float, ...]) -> list[str]:
    return [
        f"- CPU: {cpu_model()} ({os.cpu_count()} logical CPUs), memory {_memory_gb()}",
        f"- Platform: {platform.platform()}",
        f"- Python: {platform.python_version()} ({platform.python_implementation()})",
        f"- Versions: vn_govie {package_version('vn_govie')}, spaCy {package_version('spacy')}, thinc {package_version('thinc')}, "
        f"underthesea {package_version('underthesea')}, underthesea_core {package_version('underthesea_core')}, numpy {package_version('numpy')}",
        "- Load average (1, 5, 15 min) before: " + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after: " + ", ".join(f"{x:.2f}" for x in load_after),
    ]


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--quick", action="store_true", help="smoke run: 40 sentences, 1 run, a 100 KB document")
    parser.add_argument(
        "--runs", type=int, help="rounds of one timed pass per system, the best counts (default 5; 1 with --quick)"
    )
    parser.add_argument("--warmup", type=int, default=20, help="warm-up sentences per system (default 20)")
    parser.add_argument("--cold-runs", type=int, help="fresh processes for the cold start (default 3; 1 with --quick)")
    parser.add_argument("--scaling-runs", type=int, default=1, help="timed runs of the big document (default 1)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "cold":
            answer = child_cold()
        elif kind == "memory":
            answer = child_memory(rest == ["quick"])
        elif kind == "ner-memory":
            answer = child_ner_memory(rest == ["quick"])
        elif kind == "scaling":
            answer = child_scaling(int(rest[0]), int(rest[1]))
        else:
            raise SystemExit(f"unknown child {kind}")
        print(json.dumps(answer))
        return 0

    runs = args.runs or (1 if args.quick else 5)
    cold_runs = args.cold_runs or (1 if args.quick else 3)
    big_chars = 100_000 if args.quick else 1_000_000
    load_before = os.getloadavg()

    # cold start first, while nothing of vn_govie is cached in this process's children
    print("cold start ...", file=sys.stderr, flush=True)
    colds = [run_child(["cold"])[0] for _ in range(cold_runs)]
    cold_s = statistics.median(c["cold_s"] for c in colds)
    import_s = statistics.median(c["import_s"] for c in colds)

    print("peak memory ...", file=sys.stderr, flush=True)
    quick_arg = ["quick"] if args.quick else []
    _, _, memory_mb = run_child(["memory", *quick_arg])
    _, _, ner_memory_mb = run_child(["ner-memory", *quick_arg])

    sentences = seed_sentences()
    if args.quick:
        sentences = sentences[:40]
    n_chars = sum(len(s) for s in sentences)
    rows = throughput(sentences, runs, args.warmup)

    print(f"scaling ({big_chars:,} characters) ...", file=sys.stderr, flush=True)
    scaling, _, scaling_mb = run_child(["scaling", str(big_chars), str(args.scaling_runs)])
    load_after = os.getloadavg()

    base = rows[0][1]
    ratio = {name: base / wall for name, wall, _ in rows}
    x1 = ratio["vn_govie.extract_many, n_process=1"]
    x2 = ratio["vn_govie.extract_many, n_process=2"]
    kb_total = scaling["kb_s"] * (big_chars // 1000)
    scale_ratio = scaling["big_s"] / kb_total

    lines = [
        "## Throughput on the seed sentences",
        "",
        f"{len(sentences)} sentences, {n_chars:,} characters (`corpus/seeds/*.txt` split with `sentence_spans`). "
        f"Best of {runs} round(s), the systems taking turns, after a {args.warmup}-sentence warm-up per system, "
        "all in one process (plus the two workers of `n_process=2`, started inside the timed call).",
        "",
        "| System | Sentences/s | Chars/s | Wall (s) | CPU (s) | vs underthesea.ner |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, wall, cpu in rows:
        lines.append(
            f"| {name} | {len(sentences) / wall:,.1f} | {n_chars / wall:,.0f} | {wall:.2f} | {cpu:.2f} | {ratio[name]:.2f}x |"
        )
    lines += [
        "",
        "## Cold start, memory, scaling",
        "",
        "| Measurement | Value |",
        "|---|---:|",
        f"| Cold start: `import vn_govie` + first `extract` (median of {cold_runs} fresh processes) | {cold_s:.2f} s |",
        f"| of which `import vn_govie` | {import_s * 1000:.0f} ms |",
        f"| Peak RSS, fresh process extracting every seed article and sentence | {memory_mb:,.0f} MB |",
        f"| Peak RSS, fresh process running `underthesea.ner` on the seed sentences (reference) | {ner_memory_mb:,.0f} MB |",
        f"| Peak RSS, fresh process extracting the {big_chars:,}-character document | {scaling_mb:,.0f} MB |",
        f"| `extract` on 1,000 characters (mean of 20 pieces, best of 3 each) | {scaling['kb_s'] * 1000:.1f} ms |",
        f"| `extract` on {big_chars:,} characters ({scaling['entities']:,} entities) | {scaling['big_s']:.1f} s |",
        f"| {big_chars // 1000:,} x the 1,000-character time | {kb_total:.1f} s |",
        f"| Big document / ({big_chars // 1000:,} x 1,000 characters) | {scale_ratio:.2f} |",
        "",
        "## Targets",
        "",
        "| Target | Measured | Met |",
        "|---|---:|:---:|",
        f"| `extract_many` >= {TARGETS['x1']:.0f}x `underthesea.ner`, one process | {x1:.2f}x | {_yes(x1 >= TARGETS['x1'])} |",
        f"| `extract_many` >= {TARGETS['x2']:.0f}x `underthesea.ner`, two processes | {x2:.2f}x | {_yes(x2 >= TARGETS['x2'])} |",
        f"| Cold start <= {TARGETS['cold']:.0f} s | {cold_s:.2f} s | {_yes(cold_s <= TARGETS['cold'])} |",
        f"| Peak memory <= {TARGETS['memory_mb']:.0f} MB | {memory_mb:,.0f} MB | {_yes(memory_mb <= TARGETS['memory_mb'])} |",
        f"| {big_chars:,} characters within {TARGETS['scaling']}x of {big_chars // 1000:,} x 1,000 | {scale_ratio:.2f}x "
        f"| {_yes(scale_ratio <= TARGETS['scaling'])} |",
        "",
        "Machine:",
        "",
        *machine_lines(load_before, load_after),
    ]
    if args.quick:
        lines += ["", "This was a `--quick` smoke run: fewer sentences, one run, a 100,000-character document."]
    emit("\n".join(lines) + "\n", args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
