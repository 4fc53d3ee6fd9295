"""``extract``, ``extract_many`` and ``load``: the public entry points.

The data flows one way: the caller's text is cut into sentence-aligned chunks
so cost stays linear in length and memory bounded, and each chunk, as it is,
goes through the spaCy pipeline (the tokenizer normalises internally and keeps
the chunk's characters: underthesea tokens → tok2vec + ner → rules → values →
relations). A chunk's entities are its ``doc.ents``, their offsets shifted by
where the chunk starts: there is no other offset map.
"""

from __future__ import annotations

import threading
import warnings
import zlib
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator

from .results import Entity, Relation
from .text.sentences import sentence_spans
from .text.view import merge_clean_maps

PACKAGED_MODEL = Path(__file__).parent / "models" / "vn_govie_ner"
CHUNK_CHARS = 1500

_cache: dict[str, Any] = {}
_lock = threading.Lock()


class ModelNotFoundError(FileNotFoundError):
    """No trained pipeline where one was expected."""


def load(
    path: str | Path | None = None,
    *,
    vocab: Any = True,
    disable: Any = (),
    enable: Any = (),
    exclude: Any = (),
    config: Any = None,
    ops: str = "numpy",
) -> Any:
    """The spaCy pipeline at ``path`` (default: the one shipped in the package).

    The keyword arguments but ``ops`` are spaCy's own (``spacy.load``), so
    ``spacy.load("vn_govie")`` works too. Without them the pipeline is loaded once and
    shared; with any of them a new one is built each call.

    ``ops="numpy"`` (the default) runs the models' matrix products on NumPy's BLAS
    pinned to one thread (``use_numpy_blas``): measured 1.4x faster ``tok2vec`` + ``ner``
    than thinc's BLIS kernels, same output (docs/performance.md); ``ops="blis"`` keeps
    spaCy's default and leaves BLAS threads alone.
    """
    if ops not in ("numpy", "blis"):
        raise ValueError(f"ops must be 'numpy' or 'blis', got {ops!r}")
    target = Path(path) if path is not None else PACKAGED_MODEL
    if not (target / "config.cfg").exists():
        if path is None:
            raise ModelNotFoundError(
                "model not trained yet: no pipeline in the package "
                f"({target}); train one with `vn-govie train`"
            )
        raise ModelNotFoundError(f"no spaCy pipeline at {target} (config.cfg is missing)")
    import spacy

    from . import components, extensions  # noqa: F401  (registers factories and attributes)
    from . import tokenizer as _tokenizer  # noqa: F401

    options = {"vocab": vocab, "disable": disable, "enable": enable, "exclude": exclude, "config": config or {}}
    if vocab is not True or disable or enable or exclude or config:
        nlp = spacy.load(target, **options)
        return use_numpy_blas(nlp) if ops == "numpy" else nlp
    key = f"{target.resolve()}:{ops}"
    with _lock:
        if key not in _cache:
            nlp = spacy.load(target)
            _cache[key] = use_numpy_blas(nlp) if ops == "numpy" else nlp
        return _cache[key]


def use_numpy_blas(nlp: Any) -> Any:
    """Run the pipeline's thinc models on ``NumpyOps(use_blis=False)`` with BLAS pinned to one thread.

    On these small matrices one BLAS thread beats two (threads wait on each other) and
    NumPy's OpenBLAS beats thinc's BLIS; the pin is process-wide, as BLAS threads are.
    """
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    numpy_ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if hasattr(model, "walk"):
            for node in model.walk():
                node.ops = numpy_ops
    return nlp


@dataclass
class Extraction:
    """What ``extract`` found in one text; offsets are into ``text``, the text as given."""

    text: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # the pipeline's Doc of each chunk (serialised for long texts), joined into ``doc`` on first use
    chunks: list[tuple[int, Any]] = field(default_factory=list, repr=False, compare=False)
    vocab: Any = field(default=None, repr=False, compare=False)

    @cached_property
    def doc(self) -> Any:
        """The pipeline's ``Doc`` of ``text`` (its chunks joined), built when first asked for.

        ``doc.text == text`` and ``doc.ents`` are ``entities``, same offsets. A long
        text keeps its chunks compact until then, so extracting a 20 MB document does
        not hold millions of live tokens.
        """
        from spacy.tokens import Doc

        docs = [d if isinstance(d, Doc) else Doc(self.vocab).from_bytes(zlib.decompress(d)) for _, d in self.chunks]
        if not docs:
            return Doc(self.vocab, words=[])
        merged = _merge(docs)
        if len(docs) > 1:
            shifted, offset = [], 0
            for doc in docs:
                shifted.extend((h + offset, t + offset, label) for h, t, label in doc._.relations or [])
                offset += len(doc)
            merged._.relations = shifted
            merged._.clean_map = merge_clean_maps(docs)
            merged._.doc_year = docs[0]._.doc_year
        return merged

    def compact(self) -> "Extraction":
        """Serialise the chunk Docs (to send across processes or keep many results): ``doc`` is rebuilt from them."""
        self.chunks = [(offset, d if isinstance(d, bytes) else _pack(d)) for offset, d in self.chunks]
        self.__dict__.pop("doc", None)
        return self

    @cached_property
    def records(self) -> dict[str, list[Any]]:
        """Officials, events, projects and documents, merged across mentions."""
        from .document_records import build_records

        return build_records(self.entities, self.relations, self.text)

    @property
    def officials(self) -> list[Any]:
        """Each person with their positions and the bodies those positions belong to."""
        return self.records["officials"]

    @property
    def events(self) -> list[Any]:
        """Meetings with their organisers, chairs, attendees, dates and places."""
        return self.records["events"]

    @property
    def projects(self) -> list[Any]:
        """Projects with their allocations, disbursements and places."""
        return self.records["projects"]

    @property
    def documents(self) -> list[Any]:
        """Documents with their issuing bodies, dates and allocations."""
        return self.records["documents"]

    def render(self, *, page: bool = False) -> str:
        """HTML of the text with its entities marked, its relations and its records (``vn_govie.render``)."""
        from .render import render_html

        return render_html(self, page=page)

    def _repr_html_(self) -> str:
        return self.render()

    def to_dataframes(self, document: str = "") -> dict[str, Any]:
        """One pandas ``DataFrame`` per kind of row of ``vn_govie.exports`` (needs ``vn_govie[pandas]``)."""
        from .exports import dataframes

        return dataframes([(document, self)])

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
        }
        for name, items in self.records.items():
            out[name] = [item.to_dict() for item in items]
        return out


def _check_doc_year(doc_year: Any) -> int | None:
    if doc_year is None:
        return None
    if isinstance(doc_year, bool) or not isinstance(doc_year, int):
        raise TypeError(f"doc_year must be an int year such as 2024, or None; got {type(doc_year).__name__} {doc_year!r}")
    if not 1 <= doc_year <= 9999:
        raise ValueError(f"doc_year must be a year between 1 and 9999, got {doc_year}")
    return doc_year


def _check_count(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a positive int, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return value


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"extract() expects text as str, got {type(text).__name__}")
    return text


def _cut_inside(text: str, last: int, start: int, max_chars: int) -> int:
    """Where to end the piece that begins at ``last`` inside the long sentence beginning at ``start``."""
    limit = last + max_chars
    cut = text.rfind(" ", max(last + 1, start), limit + 1)
    if cut > last:
        return cut
    if start > last:
        return start  # no space in reach: end the piece where the long sentence begins
    for cut in range(limit, max(last, limit - 64), -1):  # else not between two letters, if possible
        if not (text[cut - 1].isalnum() and text[cut].isalnum()):
            return cut
    return limit


def chunk_spans(text: str, max_chars: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive pieces about ``max_chars`` long, covering it exactly.

    Pieces end at sentence boundaries; a "sentence" longer than ``max_chars`` (a
    run-on line, a table flattened by a PDF converter) is cut at a space into
    pieces of at most ``max_chars`` (elsewhere where it has no space), so no
    piece holds more than ``2 * max_chars`` characters before its trailing
    whitespace.
    """
    bounds = [0]
    for start, end in [*sentence_spans(text), (len(text), len(text))]:
        while start - bounds[-1] > 2 * max_chars:
            bounds.append(bounds[-1] + max_chars)  # a long run with no sentence (blank lines)
        if start - bounds[-1] >= max_chars:
            bounds.append(start)
        while end - bounds[-1] > 2 * max_chars:
            bounds.append(_cut_inside(text, bounds[-1], start, max_chars))
    if bounds[-1] != len(text) or len(bounds) == 1:
        bounds.append(len(text))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _release_tensor(doc: Any) -> None:
    """Drop the tok2vec output once the pipeline is done with it (96 floats a token)."""
    if doc.tensor.size:
        import numpy

        doc.tensor = numpy.zeros((0,), dtype="float32")


def _merge(docs: list[Any]) -> Any:
    from spacy.tokens import Doc

    if len(docs) == 1:
        return docs[0]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W101\]")  # doc._.relations is re-set by the caller
        return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


# Above this many characters a text's chunk Docs are kept serialised until ``Extraction.doc`` is asked for.
LIVE_DOC_CHARS = 100_000


def _pack(doc: Any) -> bytes:
    """A chunk Doc as compressed bytes: about 3 bytes a character instead of about 24 serialised (levels 1-6 measured)."""
    return zlib.compress(doc.to_bytes(exclude=["tensor"]), 3)


class _Collector:
    """One text's entities and relations, gathered chunk by chunk as the pipeline returns them."""

    def __init__(self, original: str, n_chunks: int, vocab: Any) -> None:
        self.original = original
        self.remaining = n_chunks
        self.entities: list[Entity] = []
        self.relations: list[Relation] = []
        self.chunks: list[tuple[int, Any]] = []
        self.vocab = vocab

    def add(self, offset: int, doc: Any) -> None:
        """The chunk's entities and relations, offsets shifted by where the chunk starts."""
        local: dict[int, int] = {}
        for ent in doc.ents:
            eid = len(self.entities)
            local[ent.start] = eid
            self.entities.append(
                Entity(eid, self.original[offset + ent.start_char:offset + ent.end_char], ent.label_,
                       offset + ent.start_char, offset + ent.end_char, ent._.value,
                       ent._.currency, ent._.high, ent._.qualifier, ent._.value_error)
            )
        for head_start, tail_start, label in doc._.relations or []:
            if head_start in local and tail_start in local:
                self.relations.append(Relation(local[head_start], local[tail_start], label))
        self.chunks.append((offset, _pack(doc) if len(self.original) > LIVE_DOC_CHARS else doc))
        self.remaining -= 1

    def result(self) -> Extraction:
        return Extraction(self.original, self.entities, self.relations, self.chunks, self.vocab)


def extract(text: str, *, model: str | Path | None = None, doc_year: int | None = None) -> Extraction:
    """Entities (with values) and relations of one text, with offsets into ``text`` as given.

    ``doc_year`` completes dates written without a year (``11/10`` → ``2024-10-11``).
    """
    return next(extract_many([_check_text(text)], model=model, doc_year=_check_doc_year(doc_year)))


def extract_many(
    texts: Iterable[str],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str | Path | None = None,
    doc_year: int | None = None,
) -> Iterator[Extraction]:
    """Stream ``Extraction`` results for many texts through ``nlp.pipe``, in input order.

    Arguments are checked at the call (``TypeError``/``ValueError``), before any text is read.
    """
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
        raise TypeError(f"extract_many() expects an iterable of str, got {type(texts).__name__}")
    _check_count("batch_size", batch_size)
    _check_count("n_process", n_process)
    return _extract_many(texts, batch_size, n_process, load(model), _check_doc_year(doc_year), model)


def _extract_many(
    texts: Iterable[str], batch_size: int, n_process: int, nlp: Any, doc_year: int | None, model: str | Path | None
) -> Iterator[Extraction]:
    if n_process == 1:
        return _extract_serial(texts, batch_size, nlp, doc_year)
    return _extract_parallel(texts, batch_size, n_process, nlp, doc_year, model)


class WorkerError(RuntimeError):
    """A worker process of ``extract_many(n_process > 1)`` died (killed, out of memory) before finishing its batch."""


_worker: dict[str, Any] = {}


def _init_worker(model: str | None) -> None:
    import signal

    from .tokenizer import load_underthesea

    # Ctrl-C reaches the whole process group: the caller alone handles it (and stops the workers)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    _worker["nlp"] = load(model)
    load_underthesea(_worker["nlp"].tokenizer.pos)


def _work(batch: list[str], batch_size: int, doc_year: int | None) -> list[Extraction]:
    out = []
    for result in _extract_serial(batch, batch_size, _worker["nlp"], doc_year):
        result.compact().vocab = None
        out.append(result)
    return out


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(_check_text(text))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_parallel(
    texts: Iterable[str], batch_size: int, n_process: int, nlp: Any, doc_year: int | None, model: str | Path | None
) -> Iterator[Extraction]:
    """``n_process`` worker processes, each loading the pipeline once; batches in flight bounded, results in order.

    Closing the generator cancels what has not started and waits only for the
    batches being processed; a worker that dies raises ``WorkerError`` here
    instead of leaving the caller waiting; Ctrl-C (``KeyboardInterrupt``) ends the
    workers at once and reaches the caller alone.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context(method),
                               initializer=_init_worker, initargs=(None if model is None else str(model),))
    batches = _batches(texts, batch_size)
    in_flight: deque[Any] = deque()
    done = 0

    def died() -> WorkerError:
        return WorkerError(f"a worker process died after {done} documents had been returned "
                           "(killed or out of memory); the rest were not processed")

    def submit(batch: list[str]) -> None:
        try:
            in_flight.append(pool.submit(_work, batch, batch_size, doc_year))
        except BrokenProcessPool as err:
            raise died() from err

    try:
        for batch in batches:
            submit(batch)
            if len(in_flight) >= 2 * n_process:
                break
        while in_flight:
            try:
                results = in_flight.popleft().result()
            except BrokenProcessPool as err:
                raise died() from err
            batch = next(batches, None)
            if batch is not None:
                submit(batch)
            for result in results:
                result.vocab = nlp.vocab
                done += 1
                yield result
    except KeyboardInterrupt:
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: Any) -> None:
    """End the pool's worker processes now, not after their batches (``ProcessPoolExecutor`` has no public way before 3.14)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _extract_serial(texts: Iterable[str], batch_size: int, nlp: Any, doc_year: int | None) -> Iterator[Extraction]:
    """Each text cut into chunks of the caller's text, each chunk run through the pipeline as it is.

    A chunk's Doc is done with (its spans collected) as soon as the pipeline returns it.
    """
    collectors: dict[int, _Collector] = {}
    # Plain strings go to nlp.pipe, with their (text index, offset) kept here in the same
    # order: with ``as_tuples=True`` spaCy would build every Doc, and so run the tokenizer
    # (underthesea, most of the work), in the calling process.
    contexts: deque[tuple[int, int]] = deque()

    def chunks() -> Iterator[str]:
        for i, text in enumerate(texts):
            original = _check_text(text)
            spans = chunk_spans(original)
            collectors[i] = _Collector(original, len(spans), nlp.vocab)
            for a, b in spans:
                contexts.append((i, a))
                yield original[a:b]

    component_cfg = {}
    if doc_year is not None and "vn_govie_values" in nlp.pipe_names:
        component_cfg["vn_govie_values"] = {"doc_year": doc_year}
    next_out = 0
    for doc in nlp.pipe(chunks(), batch_size=batch_size, component_cfg=component_cfg):
        i, offset = contexts.popleft()
        _release_tensor(doc)
        collectors[i].add(offset, doc)
        while next_out in collectors and collectors[next_out].remaining == 0:
            yield collectors.pop(next_out).result()
            next_out += 1
    while next_out in collectors:
        yield collectors.pop(next_out).result()
        next_out += 1
