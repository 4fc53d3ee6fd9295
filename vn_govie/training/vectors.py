"""Word vectors trained by the project: raw text -> the project's tokens -> floret -> spaCy vectors.

The raw text of ``../shared/data`` (news, Wikipedia, laws) is normalised and cut into
words exactly as the pipeline cuts it (``vn_govie.tokenizer``), each word written in
its lookup form (``lookup_norm``: ``Uỷ ban`` -> ``ủy_ban``, the tokenizer's v4
``Token.norm_``), one sentence a line. floret learns vectors for those words and,
through its subword hashing, for words it never saw; ``spacy init vectors --mode
floret --attr NORM`` turns them into the table the pipeline's ``tok2vec`` reads.
Articles of the corpus's dev and test splits, and their near-duplicates, are left
out, so the vectors never saw a text the model is scored on.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..corpus.sources import RAW_DATASETS, iter_news, require_sources

VECTOR_DATASETS = tuple(RAW_DATASETS)
_NEAR_DUPLICATE_SHINGLES = 3


@dataclass
class VectorSettings:
    """floret's settings; the defaults are those of the shipped vectors (``docs/model-card.md``)."""

    dim: int = 128
    bucket: int = 50000
    minn: int = 3
    maxn: int = 5
    hash_count: int = 2
    epoch: int = 5
    min_count: int = 5
    model: str = "cbow"


def held_out(corpus_selection: Path, sources: Path) -> tuple[set[str], dict[int, str]]:
    """Ids of the corpus's dev and test articles, and their opening shingles (for near-duplicates)."""
    from ..corpus import news

    rows = [r for r in news.read_selection(corpus_selection) if r["split"] in ("dev", "test")] \
        if corpus_selection.exists() else []
    ids = {r["id"] for r in rows}
    wanted: dict[str, set[str]] = {}
    for r in rows:
        wanted.setdefault(r["dataset"], set()).add(r["id"])
    from ..corpus.sources import read_texts

    seen: dict[int, str] = {}
    for (_, doc_id), text in read_texts(sources, wanted).items():
        for s in news.shingles(text):
            seen.setdefault(s, doc_id)
    return ids, seen


def _kept(doc_id: str, fraction: float) -> bool:
    return fraction >= 1.0 or zlib.crc32(doc_id.encode()) % 10_000 < fraction * 10_000


def raw_documents(
    sources: Path, datasets: Iterable[str] = VECTOR_DATASETS, *, fraction: float = 1.0,
    exclude_ids: set[str] = frozenset(), exclude_shingles: dict[int, str] | None = None,
) -> Iterator[str]:
    """The texts to learn vectors from: a stable ``fraction`` of each dataset, held-out articles left out."""
    from ..corpus import news

    for _, doc_id, text in iter_news(sources, datasets):
        if doc_id in exclude_ids or not _kept(doc_id, fraction):
            continue
        if exclude_shingles:
            hits: dict[str, int] = {}
            for s in news.shingles(text):
                if s in exclude_shingles:
                    hits[exclude_shingles[s]] = hits.get(exclude_shingles[s], 0) + 1
            if hits and max(hits.values()) >= _NEAR_DUPLICATE_SHINGLES:
                continue
        yield text


_tokenizer: Any = None


def _init_tokenizer() -> None:
    global _tokenizer
    import spacy

    from ..tokenizer import TOKENIZER_NAME, load_underthesea

    _tokenizer = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": False}}}).tokenizer
    load_underthesea(False)


def token_lines(text: str) -> str:
    """One document as training lines for floret: each sentence's words in lookup form."""
    from ..text.normalize import normalize
    from ..tokenizer import lookup_norm

    clean = normalize(text).text
    spans, sent_starts = _tokenizer.token_spans(clean)
    lines: list[list[str]] = []
    for start, end, _ in spans:
        if start in sent_starts or not lines:
            lines.append([])
        lines[-1].append(lookup_norm(clean[start:end]))
    return "".join(" ".join(words) + "\n" for words in lines if words)


def write_tokens(texts: Iterable[str], path: Path, n_process: int = 1) -> dict[str, int]:
    """Tokenise ``texts`` into ``path`` (written whole or not at all); returns document, line and word counts."""
    tmp = path.with_suffix(path.suffix + ".part")
    counts = {"documents": 0, "lines": 0, "words": 0, "characters": 0}

    def count(lines: str) -> str:
        counts["documents"] += 1
        counts["lines"] += lines.count("\n")
        counts["words"] += len(lines.split())
        return lines

    try:
        with tmp.open("w", encoding="utf-8") as fh:
            if n_process > 1:
                ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
                with ctx.Pool(n_process, initializer=_init_tokenizer) as pool:
                    for lines in pool.imap(token_lines, _counted(texts, counts), chunksize=8):
                        fh.write(count(lines))
            else:
                _init_tokenizer()
                for text in _counted(texts, counts):
                    fh.write(count(token_lines(text)))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return counts


def _counted(texts: Iterable[str], counts: dict[str, int]) -> Iterator[str]:
    for text in texts:
        counts["characters"] += len(text)
        yield text


def train_floret(tokens: Path, output: Path, settings: VectorSettings, threads: int = 1) -> Path:
    """Train floret vectors on ``tokens``; returns the ``.floret`` table spaCy reads."""
    try:
        import floret
    except ImportError as err:
        raise RuntimeError("floret is not installed: pip install 'vn_govie[train]'") from err

    model = floret.train_unsupervised(
        str(tokens), model=settings.model, mode="floret", hashCount=settings.hash_count, bucket=settings.bucket,
        minn=settings.minn, maxn=settings.maxn, dim=settings.dim, epoch=settings.epoch,
        minCount=settings.min_count, thread=threads, verbose=0,
    )
    table = output / "vectors.floret"
    model.save_floret_vectors(str(table))
    return table


def to_spacy_vectors(table: Path, output: Path) -> Path:
    """The floret table as a spaCy pipeline folder whose vocab holds the vectors, keyed on ``NORM``."""
    import spacy
    from spacy.training.initialize import convert_vectors

    from ..tokenizer import TOKENIZER_NAME

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "pos": False}}})
    convert_vectors(nlp, table, truncate=0, prune=-1, mode="floret", attr="NORM")
    folder = output / "spacy"
    nlp.to_disk(folder)
    return folder


def build_vectors(
    sources: str | Path | None, output: str | Path, *, settings: VectorSettings | None = None,
    fraction: float = 1.0, n_process: int = 1, corpus_selection: str | Path = "corpus/news/selection.tsv",
    datasets: Iterable[str] = VECTOR_DATASETS,
) -> dict[str, Any]:
    """Tokenise the raw text, train floret, convert for spaCy; report what was done, its time and peak memory."""
    sources = require_sources(sources)
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    settings = settings or VectorSettings()
    started = time.time()
    ids, shingles = held_out(Path(corpus_selection), sources)
    texts = raw_documents(sources, datasets, fraction=fraction, exclude_ids=ids, exclude_shingles=shingles)
    tokens = output / "tokens.txt"
    counts = write_tokens(texts, tokens, n_process=n_process)
    tokenised = time.time()
    table = train_floret(tokens, output, settings, threads=max(1, n_process))
    trained = time.time()
    folder = to_spacy_vectors(table, output)
    report = {
        "datasets": list(datasets), "fraction": fraction, "held_out_articles": len(ids), **counts,
        "settings": asdict(settings),
        "seconds": {"tokenise": round(tokenised - started, 1), "floret": round(trained - tokenised, 1),
                    "total": round(time.time() - started, 1)},
        "peak_memory_mb": _peak_memory_mb(),
        "n_process": n_process, "spacy_vectors": str(folder),
    }
    (output / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def _peak_memory_mb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024)


def project_vectors(nlp: Any, dims: int) -> float:
    """Shrink a trained pipeline's floret table to ``dims`` columns without retraining; return the share kept.

    A floret vector is a mean of table rows, and the tok2vec reads it through one linear
    map (``static_vectors``'s ``W``). Projecting the rows on their top ``dims`` right
    singular vectors ``P`` and replacing ``W`` by ``W @ P`` keeps ``V @ W.T`` up to the
    dropped singular directions; the returned share of the squared singular values
    says how much of the table is kept.
    """
    import numpy
    from spacy.vectors import Vectors

    old = nlp.vocab.vectors
    data = numpy.asarray(old.data, dtype="float32")
    if not 0 < dims < data.shape[1]:
        raise ValueError(f"dims must be between 1 and {data.shape[1] - 1}, not {dims}")
    _, singular, basis = numpy.linalg.svd(data, full_matrices=False)
    projection = basis[:dims].T
    cfg = {name: getattr(old, name) for name in ("minn", "maxn", "hash_count", "hash_seed", "bow", "eow", "attr")}
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=(data @ projection).astype("float32"),
                                mode=old.mode, **cfg)
    for node in nlp.get_pipe("tok2vec").model.walk():
        if node.name == "static_vectors":
            weights = numpy.asarray(node.get_param("W"))
            node.set_param("W", (weights @ projection).astype("float32"))
            node._dims["nM"] = dims  # thinc refuses set_dim once W exists; W now has this width
    return float((singular[:dims] ** 2).sum() / (singular ** 2).sum())
