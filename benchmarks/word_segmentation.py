"""Word segmentation benchmark: quality and speed on the UD Vietnamese VTB test set.

Data: ``ud-vietnamese-vtb/vi_vtb-ud-test.conllu`` of the outside sources folder
(``../shared/data`` or ``$VN_GOVIE_SOURCES``), from UD_Vietnamese-VTB
(https://github.com/UniversalDependencies/UD_Vietnamese-VTB), licensed
CC BY-SA 4.0. Gold words are the FORM column (a multi-syllable word such as
``bắt chuyện`` holds a space); the input given to every system is the sentence's
``# text =`` line.

Systems:

1. vn_govie's ``UndertheseaTokenizer`` with ``pos=False``
2. vn_govie's ``UndertheseaTokenizer`` with ``pos=True``
3. ``underthesea.word_tokenize`` called directly
4. ``vn_govie.segmentation.word_tokenize``, the same words computed faster
5. ``pyvi.ViTokenizer.tokenize`` (optional: ``pip install .[bench]``; skipped with a
   note when pyvi is not installed)

Scoring: predicted and gold words are compared as character spans in the sentence
with all whitespace removed, so spacing and the tokenisation of punctuation do not
matter; a word counts as correct when both its start and end offsets match a gold
word. Precision, recall and F1 are micro-averaged over all words; "multi-syllable
F1" restricts gold words to FORMs holding a space and predicted words to spans that
cover whitespace in the input. Output strings of underthesea and pyvi are mapped
back to offsets by character count (spaces removed, pyvi's ``_`` joiners removed);
where the counts diverge, difflib aligns them with the input.

Speed: each system first runs on 20 sentences (warm-up), then on the whole test set
three times; the best run gives sentences/s and characters/s, with the ratio to
``underthesea.word_tokenize``. All systems run in the same process.

Fast segmentation on the seed sentences (``corpus/seeds/*.txt`` cut with
``vn_govie.text.sentences``): ``underthesea.word_tokenize`` against
``vn_govie.segmentation.word_tokenize``, wall and CPU seconds
(``time.process_time``) of one pass over all sentences, the fast one with its
caches emptied first (cold) and right after (warm); the three take turns for
``--runs`` rounds and each one's best pass counts, so that a machine shared with
other jobs slows all of them alike. The words of every sentence are compared too.

Usage::

    python benchmarks/word_segmentation.py [--output FILE] [--seeds-only]
"""

from __future__ import annotations

import argparse
import difflib
import os
import platform
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from machine import cpu_model, emit, package_version  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
def default_conllu() -> Path:
    from vn_govie.corpus.sources import TREEBANK, require_sources

    return require_sources(None) / TREEBANK / "vi_vtb-ud-test.conllu"
BASELINE = "underthesea.word_tokenize"

Span = tuple[int, int]


# --------------------------------------------------------------------------- data


@dataclass
class Sentence:
    text: str
    forms: list[str] = field(default_factory=list)


def read_conllu(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    text: str | None = None
    forms: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if text is not None and forms:
                sentences.append(Sentence(text, forms))
            text, forms = None, []
        elif line.startswith("#"):
            if line.startswith("# text") and "=" in line:
                text = line.split("=", 1)[1].strip()
        else:
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():  # skip multiword ranges and empty nodes
                forms.append(cols[1])
    return sentences


def squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def _key(ch: str) -> str:
    """Compare characters without case or diacritics (underthesea respells tone marks)."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    return decomposed[0] if decomposed else ch


def spans_from_pieces(pieces: list[str], target: str) -> tuple[list[Span], bool]:
    """Spans in ``target`` (space-free) of consecutive space-free ``pieces``.

    Returns the spans and whether difflib alignment was needed.
    """
    pieces = [p for p in pieces if p]
    joined = "".join(pieces)
    bounds = [0]
    for p in pieces:
        bounds.append(bounds[-1] + len(p))
    if len(joined) == len(target):
        return [(bounds[i], bounds[i + 1]) for i in range(len(pieces))], False
    # lengths diverge: map each boundary of `joined` into `target` through an alignment
    matcher = difflib.SequenceMatcher(None, [_key(c) for c in joined], [_key(c) for c in target], autojunk=False)
    mapping = [0] * (len(joined) + 1)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
                mapping[i] = j1 + (i - i1)
            else:
                mapping[i] = j1 + ((i - i1) * (j2 - j1)) // max(1, i2 - i1)
    mapping[len(joined)] = len(target)
    # a piece with no counterpart in `target` gets an empty span; scoring drops those
    return [(mapping[bounds[i]], mapping[bounds[i + 1]]) for i in range(len(pieces))], True


def gold_spans(sentence: Sentence) -> tuple[list[Span], set[Span]]:
    spans, _ = spans_from_pieces([squeeze(f) for f in sentence.forms], squeeze(sentence.text))
    forms = [f for f in sentence.forms if squeeze(f)]
    multi = {s for s, f in zip(spans, forms) if len(f.split()) > 1}
    return spans, multi


def covers_whitespace(text: str, span: Span) -> bool:
    """Whether the input text holds whitespace inside the space-free span."""
    seen = 0
    inside = False
    for ch in text:
        if ch.isspace():
            if inside and seen < span[1]:
                return True
            continue
        if seen == span[0]:
            inside = True
        seen += 1
        if seen >= span[1]:
            return False
    return False


# ------------------------------------------------------------------------ systems


@dataclass
class System:
    name: str
    run: Callable[[str], object]  # raw call, timed
    spans: Callable[[str, object], tuple[list[Span], bool]]  # output -> space-free spans


def _doc_spans(text: str, doc: object) -> tuple[list[Span], bool]:
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + (0 if ch.isspace() else 1))
    out = []
    for token in doc:  # type: ignore[attr-defined]
        if token.is_space:
            continue
        a, b = prefix[token.idx], prefix[token.idx + len(token.text)]
        if b > a:
            out.append((a, b))
    return out, False


def vn_govie_system(pos: bool) -> System:
    import spacy

    from vn_govie.tokenizer import TOKENIZER_NAME

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": pos}}})
    return System(f"vn_govie tokenizer (pos={pos})", nlp.tokenizer, _doc_spans)


def underthesea_system() -> System:
    from underthesea import word_tokenize

    def spans(text: str, words: object) -> tuple[list[Span], bool]:
        return spans_from_pieces([squeeze(w) for w in words], squeeze(text))  # type: ignore[union-attr]

    return System(BASELINE, word_tokenize, spans)


def fast_system() -> System:
    from vn_govie.segmentation import word_tokenize

    base = underthesea_system()
    return System("vn_govie.segmentation.word_tokenize", word_tokenize, base.spans)


def pyvi_system() -> System | None:
    try:
        from pyvi import ViTokenizer
    except ImportError:
        return None

    def spans(text: str, output: object) -> tuple[list[Span], bool]:
        words = str(output).split()
        # `_` joins syllables in pyvi's output; an underscore of the input comes back
        # as a length mismatch and is handled by the difflib alignment
        return spans_from_pieces([w.replace("_", "") for w in words], squeeze(text))

    return System("pyvi ViTokenizer.tokenize", ViTokenizer.tokenize, spans)


# ------------------------------------------------------------------------ scoring


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    m_tp: int = 0
    m_pred: int = 0
    m_gold: int = 0
    aligned: int = 0  # sentences that needed difflib alignment

    @staticmethod
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(system: System, sentences: list[Sentence], outputs: list[object]) -> Score:
    s = Score()
    for sentence, output in zip(sentences, outputs):
        gold, gold_multi = gold_spans(sentence)
        pred, aligned = system.spans(sentence.text, output)
        s.aligned += aligned
        gold_set = {sp for sp in gold if sp[1] > sp[0]}
        pred_set = {sp for sp in pred if sp[1] > sp[0]}
        gold_multi &= gold_set
        pred_multi = {sp for sp in pred_set if covers_whitespace(sentence.text, sp)}
        s.tp += len(gold_set & pred_set)
        s.pred += len(pred_set)
        s.gold += len(gold_set)
        s.m_tp += len(gold_multi & pred_multi)
        s.m_pred += len(pred_multi)
        s.m_gold += len(gold_multi)
    return s


def time_system(system: System, texts: list[str], warmup: int, runs: int) -> tuple[float, list[object]]:
    for text in texts[:warmup]:
        system.run(text)
    best = float("inf")
    outputs: list[object] = []
    for _ in range(runs):
        start = time.perf_counter()
        outputs = [system.run(text) for text in texts]
        best = min(best, time.perf_counter() - start)
    return best, outputs


# ------------------------------------------------------------------------ report


def seed_sentences() -> list[str]:
    from vn_govie.text.sentences import sentence_spans

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))]
    return [text[a:b] for text in texts for a, b in sentence_spans(text)]


def fast_segmentation_lines(runs: int) -> list[str]:
    """underthesea's word_tokenize against the fast one on the seed sentences: a Markdown section."""
    import underthesea

    from vn_govie import segmentation

    sentences = seed_sentences()
    fast = segmentation.segmenter()
    if fast is None:
        return ["## Fast word segmentation", "", "The fast path is off (see the warning logged): not timed."]
    underthesea.word_tokenize(sentences[0])
    different = sum(fast(s) != underthesea.word_tokenize(s) for s in sentences)

    def timed(fn) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for sentence in sentences:
            fn(sentence)
        return time.perf_counter() - wall, time.process_time() - cpu

    best = {"underthesea": [float("inf")] * 2, "cold": [float("inf")] * 2, "warm": [float("inf")] * 2}
    for _ in range(runs):
        results = {"underthesea": timed(underthesea.word_tokenize)}
        fast.cache_clear()
        results["cold"] = timed(fast)
        results["warm"] = timed(fast)
        for name, (wall, cpu) in results.items():
            best[name] = [min(best[name][0], wall), min(best[name][1], cpu)]
    base_wall, base_cpu = best["underthesea"]
    n_syllables = sum(len(fast.tokenize(s, use_token_normalize=True, fixed_words=[])) for s in sentences)
    names = {
        "underthesea": BASELINE,
        "cold": "vn_govie.segmentation.word_tokenize, caches empty (cold)",
        "warm": "vn_govie.segmentation.word_tokenize, caches filled by the pass before (warm)",
    }
    lines = [
        "## Fast word segmentation on the seed sentences",
        "",
        f"{len(sentences)} sentences, {n_syllables} syllables; best of {runs} rounds, one pass each; "
        f"sentences whose words differ from underthesea's: {different}.",
        "",
        "| Function | Wall s | CPU s | Sentences/s (CPU) | Wall ratio | CPU ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, name in names.items():
        wall, cpu = best[key]
        lines.append(f"| {name} | {wall:.3f} | {cpu:.3f} | {len(sentences) / cpu:,.0f} "
                     f"| {base_wall / wall:.2f}x | {base_cpu / cpu:.2f}x |")
    return lines


def machine_lines() -> list[str]:
    return [
        f"- CPU: {cpu_model()} ({os.cpu_count()} logical CPUs)",
        f"- Platform: {platform.platform()}",
        f"- Python: {platform.python_version()} ({platform.python_implementation()})",
        f"- Versions: underthesea {package_version('underthesea')}, pyvi {package_version('pyvi')}, spaCy {package_version('spacy')}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--conllu", type=Path, default=None, help="CoNLL-U file (default: the VTB test part of the outside sources)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per system; the best counts (default 3)")
    parser.add_argument("--warmup", type=int, default=20, help="warm-up sentences per system (default 20)")
    parser.add_argument("--limit", type=int, help="use only the first N sentences (quick checks)")
    parser.add_argument("--seeds-only", action="store_true", help="only the fast segmentation timings on the seeds")
    args = parser.parse_args(argv)

    if args.seeds_only:
        lines = fast_segmentation_lines(max(args.runs, 5)) + ["", "Machine:", "", *machine_lines()]
        emit("\n".join(lines) + "\n", args.output)
        return 0

    sentences = read_conllu(args.conllu or default_conllu())
    if args.limit:
        sentences = sentences[: args.limit]
    texts = [s.text for s in sentences]
    n_chars = sum(len(t) for t in texts)
    notes: list[str] = []
    mismatched = sum(1 for s in sentences if squeeze("".join(s.forms)) != squeeze(s.text))
    if mismatched:
        notes.append(f"{mismatched} sentence(s) whose gold FORMs differ from `# text`; aligned with difflib.")

    systems = [vn_govie_system(False), vn_govie_system(True), underthesea_system(), fast_system()]
    pyvi = pyvi_system()
    if pyvi is None:
        note = "pyvi is not installed: skipped (install it with `pip install .[bench]`)."
        print(f"NOTE: {note}", file=sys.stderr)
        notes.append(note)
    else:
        systems.append(pyvi)

    results = []
    for system in systems:
        print(f"running {system.name} ...", file=sys.stderr, flush=True)
        seconds, outputs = time_system(system, texts, args.warmup, args.runs)
        results.append((system, seconds, score(system, sentences, outputs)))

    base_seconds = next(sec for sys_, sec, _ in results if sys_.name == BASELINE)
    n_gold = results[0][2].gold
    n_multi = results[0][2].m_gold
    lines = [
        "## Word segmentation on UD Vietnamese VTB (test)",
        "",
        f"{len(sentences)} sentences, {n_chars} characters, {n_gold} gold words ({n_multi} multi-syllable). "
        f"Speed: best of {args.runs} runs after a {args.warmup}-sentence warm-up, one process.",
        "",
        "| System | P | R | F1 | Multi-syllable F1 | Sentences/s | Chars/s | Speed vs underthesea |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for system, seconds, s in results:
        p, r, f = Score.prf(s.tp, s.pred, s.gold)
        _, _, mf = Score.prf(s.m_tp, s.m_pred, s.m_gold)
        lines.append(
            f"| {system.name} | {100 * p:.2f} | {100 * r:.2f} | {100 * f:.2f} | {100 * mf:.2f} "
            f"| {len(texts) / seconds:,.0f} | {n_chars / seconds:,.0f} | {base_seconds / seconds:.2f}x |"
        )
        if s.aligned:
            notes.append(f"{system.name}: {s.aligned} sentence(s) aligned with difflib (output length differed).")
    lines += ["", *fast_segmentation_lines(max(args.runs, 5))]
    lines += ["", "Machine:", "", *machine_lines()]
    if notes:
        lines += ["", "Notes:", "", *(f"- {n}" for n in notes)]
    emit("\n".join(lines) + "\n", args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
