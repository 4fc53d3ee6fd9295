"""``underthesea.word_tokenize``, faster and with the same output.

underthesea cuts a sentence into syllables (its regex ``tokenize``), has its Rust
featurizer build 43 feature strings per syllable, then decodes B-W/I-W tags with
a CRF: the strings are most of its time, and most of them were made before, since
each is made from one, two or three neighbouring syllables. Here the CRF weights of
the strings of each syllable, pair and triple are looked up once and kept in
bounded caches; the weights are read exactly from underthesea's own model file,
each syllable's score is summed in the featurizer's order, and the Viterbi
decoding is the CRF tagger's, so the tags, and the words, are the same to the bit.

The fast path is used only when underthesea's feature template is the one
written for, its model file is the one checked (size and SHA-256) and a
self-test on a few sentences matches underthesea's own call (tags and Viterbi
score); otherwise, and when ``VN_GOVIE_FAST_SEGMENTATION=0`` is set, this module
calls ``underthesea.word_tokenize`` and logs why once.
"""

from __future__ import annotations

import hashlib
import logging
import math
import operator
import os
import re
import struct
import threading
from functools import lru_cache, reduce
from typing import Any, Callable, Iterable, Sequence

from .underthesea_adapter import WORD_SEGMENTATION_MODEL, version, word_segmentation_crf

logger = logging.getLogger("vn_govie")

ENV_SWITCH = "VN_GOVIE_FAST_SEGMENTATION"
MODEL_NAME = WORD_SEGMENTATION_MODEL  # read from underthesea by ``underthesea_adapter``
MODEL_SIZE = 5_265_072
MODEL_SHA256 = "c3a64c64349f1d73304f89babacaa8f8cd6078b1ec1a1b2c104e9e411ac1d2c3"
CACHE_SIZE = 1 << 15
# the template of underthesea's word segmentation model (its features.bin)
TEMPLATE = (
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]", "T[-2,0]", "T[-1,1]", "T[0,2]",
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[-2,-1].lower", "T[-1,0].lower", "T[0,1].lower", "T[1,2].lower",
    "T[-1].isdigit", "T[0].isdigit", "T[1].isdigit",
    "T[-2].istitle", "T[-1].istitle", "T[0].istitle", "T[1].istitle", "T[2].istitle",
    "T[0,1].istitle", "T[0,2].istitle",
    "T[-2].is_in_dict", "T[-1].is_in_dict", "T[0].is_in_dict", "T[1].is_in_dict", "T[2].is_in_dict",
    "T[-2,-1].is_in_dict", "T[-1,0].is_in_dict", "T[0,1].is_in_dict", "T[1,2].is_in_dict",
    "T[-2,0].is_in_dict", "T[-1,1].is_in_dict", "T[0,2].is_in_dict",
)
SELF_TEST = (
    "Chiều 11/10, Phó Chủ tịch UBND TP Hà Minh Hải chủ trì hội nghị giao ban.",
    "Tổng vốn đầu tư 1.234,5 tỷ đồng (tăng 12% so với năm 2023); liên hệ: info@hanoi.gov.vn.",
    "Bộ KH&ĐT", "Hà", "2024", "!!!", "BOS EOS", "Xin chào 👋 世界 Ελλάδα ΟΔΟΣ",
)

# Characters on which Python's str.lower/str.upper and Rust's to_lowercase/to_uppercase
# agree whatever Unicode version each was built with (mappings unchanged for decades):
# ASCII without the space, Latin-1, Latin Extended-A, ơ ư, combining diacritics, Latin
# Extended Additional, punctuation and symbol blocks without case. A context holding any
# other character gets its features from underthesea's own featurizer.
_SAFE = re.compile(
    "[\x00-\x1f\x21-\u017f\u01a0\u01a1\u01af\u01b0\u0300-\u036f\u1e00-\u1eff"
    "\u2000-\u206f\u20a0-\u20bf\u2190-\u23ff\u2500-\u26ff]+"
)
_INT32 = re.compile("[+-]?[0-9]+")
_BOS, _EOS = "BOS", "EOS"
_TEMPLATE_ITEM = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(lower|isdigit|istitle|is_in_dict))?")
_SLOT_BASE = {0: 0, 1: 5, 2: 9}
_FUNCTIONS = ("", "lower", "isdigit", "istitle", "is_in_dict")


class UnexpectedModel(Exception):
    """underthesea's model or template is not the one the fast path was written for."""


def _spec(item: str) -> tuple[str, int, int, str]:
    """``(prefix, first offset, last offset, function)`` of a template item such as ``T[-1,0].lower``."""
    match = _TEMPLATE_ITEM.fullmatch(item)
    if not match:
        raise UnexpectedModel(f"template item {item!r}")
    o1 = int(match[1])
    o2 = int(match[2]) if match[2] is not None else o1
    if not -2 <= o1 <= o2 <= min(2, o1 + 2):
        raise UnexpectedModel(f"template item {item!r} reads outside the window")
    return item + "=", o1, o2, match[3] or ""


def _summation(plan: list[tuple[int, int]]) -> Callable[..., complex]:
    """A function adding, left to right, ``entries[source][index]`` for each ``(source, index)`` of ``plan``.

    Written out as one expression (``0j + s0[0] + s1[1] + ...``) because a Python loop
    over the 43 weights of a context costs more than building its strings once did.
    """
    terms = " + ".join(f"s{source}[{index}]" for source, index in plan)
    sources = ", ".join(f"s{k}" for k in range(12))
    return eval(f"lambda {sources}: 0j + {terms}")  # noqa: S307 - built from integers only


def _i32(text: str) -> str:
    """Rust's ``text.parse::<i32>().is_ok()`` as underthesea's ``isdigit`` feature writes it."""
    if _INT32.fullmatch(text) and -2_147_483_648 <= int(text) <= 2_147_483_647:
        return "True"
    return "False"


def _title(*parts: str) -> str:
    """underthesea's ``istitle`` feature: every syllable's first character equals its upper case."""
    for part in parts:
        first = part[0]
        if first != first.upper():
            return "False"
    return "True"


class CRFWeights:
    """The labels, state weights (attribute -> weight per label) and transitions of a CRFsuite model file,
    taken as underthesea_core's loader takes them."""

    def __init__(self, labels: list[str], state: dict[str, tuple[float, ...]], transitions: list[float]) -> None:
        self.labels = labels
        self.state = state
        self.transitions = transitions

    @classmethod
    def read(cls, data: bytes) -> "CRFWeights":
        """Parse a CRFsuite model (``lCRF``/``FOMC``) the way underthesea_core's ``CRFTagger.load`` does.

        Strings come from each CQDB's backward table (empty slots skipped, repeats
        given their first id), a state weight of magnitude <= 1e-10 is absent and a
        later feature overwrites an earlier one: the weights the loaded tagger sums.
        """
        if data[:4] != b"lCRF" or data[8:12] != b"FOMC":
            raise UnexpectedModel("not a CRFsuite model")
        (n_features, n_labels, n_attrs, off_features, off_labels, off_attrs) = struct.unpack_from("<6I", data, 16)
        labels = _cqdb_strings(data, off_labels, n_labels)
        attrs = _cqdb_strings(data, off_attrs, n_attrs)
        if data[off_features:off_features + 4] != b"FEAT":
            raise UnexpectedModel("no FEAT chunk")
        (chunk_count,) = struct.unpack_from("<I", data, off_features + 8)
        count = chunk_count or n_features
        nl = len(labels)
        transitions = [0.0] * (nl * nl)
        last: dict[tuple[int, int], float] = {}
        start = off_features + 12
        for kind, src, dst, weight in struct.iter_unpack("<IIId", data[start:start + 20 * count]):
            if kind == 0:
                last[src, dst] = weight  # the tagger keeps a state weight if its last write is > 1e-10
            elif kind == 1 and src * nl + dst < nl * nl:
                transitions[src * nl + dst] = weight
        state: dict[str, list[float]] = {}
        for (src, dst), weight in last.items():
            if abs(weight) > 1e-10 and src < len(attrs) and dst < nl:
                state.setdefault(attrs[src], [0.0] * nl)[dst] = weight
        values = [w for ws in state.values() for w in ws] + transitions
        if not all(math.isfinite(w) for w in values):
            raise UnexpectedModel("a weight is not finite")
        return cls(labels, {a: tuple(ws) for a, ws in state.items()}, transitions)


def _cqdb_strings(data: bytes, offset: int, count: int) -> list[str]:
    """The strings of a CQDB chunk in the ids underthesea_core gives them."""
    if data[offset:offset + 4] != b"CQDB":
        raise UnexpectedModel("no CQDB chunk")
    bwd_size, bwd_offset = struct.unpack_from("<II", data, offset + 16)
    n = min(count, bwd_size)
    out: list[str] = []
    seen: set[str] = set()
    for (entry,) in struct.iter_unpack("<I", data[offset + bwd_offset:offset + bwd_offset + 4 * n]):
        if entry == 0:
            continue
        ksize = struct.unpack_from("<I", data, offset + entry + 4)[0]
        key = data[offset + entry + 8:offset + entry + 8 + ksize]
        text = key.split(b"\0", 1)[0].decode("utf-8", "replace")
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


class FastSegmenter:
    """underthesea's word segmentation with cached n-gram weights and a two-label Viterbi.

    A syllable's score per label is the sum, in template order, of the weights of its
    43 attribute strings. Every string is made from one syllable (``T[1].lower=...``),
    two (``T[0,1]=...``) or three, so the weights are looked up once per syllable,
    pair and triple of a sentence, from bounded caches for those seen before (in news,
    99% of syllables, about 70% of pairs and 30% of triples; a whole five-syllable
    context recurs in under 10% of cases, too seldom to pay for a cache of its own).
    A weight pair is held as one complex number: adding complex numbers adds real and
    imaginary parts as two separate float additions, so one left-to-right sum (never
    the reordering ``sum``) gives both labels' scores exactly as the CRF tagger adds them.
    """

    def __init__(self, weights: CRFWeights, dictionary: Iterable[str], featurizer: Any,
                 tokenize: Callable[..., list[str]], cache_size: int = CACHE_SIZE) -> None:
        if len(weights.labels) != 2:
            raise UnexpectedModel(f"{len(weights.labels)} labels, not 2")
        self.labels = weights.labels
        self.inside = [label == "I-W" for label in weights.labels]
        self.transitions = tuple(weights.transitions)
        self.dictionary = frozenset(dictionary)
        self.featurizer = featurizer
        self.tokenize = tokenize
        self.specs = [_spec(t) for t in TEMPLATE]
        # per template, value -> weights: a syntax holds no "=", so "T[0,1].lower=a b" splits at its first one
        self.tables: dict[str, dict[str, complex]] = {prefix: {} for prefix, _, _, _ in self.specs}
        for attr, (w0, w1) in weights.state.items():
            syntax, _, value = attr.partition("=")
            table = self.tables.get(syntax + "=")
            if table is not None:
                table[value] = complex(w0, w1)
        # the templates reading 1, 2 and 3 syllables, each group in template order
        self.by_arity = {n: [s for s in self.specs if s[2] - s[1] + 1 == n] for n in (1, 2, 3)}
        # per arity, each template's table, the index of its function's value in ``_values`` and the
        # values written when the first or the last syllable read is past the sentence's edge
        self.plans = {n: [(self.tables[prefix], _FUNCTIONS.index(function), _BOS if o1 < 0 else _EOS,
                           _BOS if o2 < 0 else _EOS) for prefix, o1, o2, function in specs]
                      for n, specs in self.by_arity.items()}
        self.total = _summation([
            (_SLOT_BASE[o2 - o1] + o1 + 2, self.by_arity[o2 - o1 + 1].index(spec))
            for spec in self.specs for (_, o1, o2, _) in [spec]
        ])
        self.syllable = lru_cache(maxsize=cache_size // 2)(self._syllable)
        self.pair = lru_cache(maxsize=cache_size)(self._pair)
        self.triple = lru_cache(maxsize=cache_size // 2)(self._triple)

    def _entries(self, arity: int, parts: tuple[str | None, ...]) -> tuple[complex, ...]:
        """The weights of the templates reading ``arity`` syllables when they are ``parts`` (``None``: an edge)."""
        plan = self.plans[arity]
        if parts[0] is None:
            return tuple([table.get(first_edge, 0j) for table, _, first_edge, _ in plan])
        if parts[-1] is None:
            return tuple([table.get(last_edge, 0j) for table, _, _, last_edge in plan])
        values = self._values(parts)  # type: ignore[arg-type]
        return tuple([table.get(values[k], 0j) for table, k, _, _ in plan])

    def _values(self, parts: tuple[str, ...]) -> tuple[str, ...]:
        """The template functions (``_FUNCTIONS``) on syllables joined by spaces, as underthesea_core computes them."""
        text = " ".join(parts)
        lower = text.lower()
        return (text, lower, _i32(text), _title(*parts),
                "True" if lower in self.dictionary else "False")

    def _syllable(self, syllable: str | None) -> tuple[complex, ...] | None:
        """Weights of the one-syllable templates on ``syllable``; ``None`` for a syllable outside ``_SAFE``."""
        if syllable is not None and not _SAFE.fullmatch(syllable):
            return None
        return self._entries(1, (syllable,))

    def _pair(self, left: str | None, right: str | None) -> tuple[complex, ...]:
        return self._entries(2, (left, right))

    def _triple(self, left: str | None, middle: str | None, right: str | None) -> tuple[complex, ...]:
        return self._entries(3, (left, middle, right))

    def weight(self, attr: str) -> complex:
        """The weights of one attribute string (0 for both labels when the model does not know it)."""
        syntax, _, value = attr.partition("=")
        table = self.tables.get(syntax + "=")
        return 0j if table is None else table.get(value, 0j)

    def cache_clear(self) -> None:
        """Empty every cache (for cold-cache timings)."""
        for cache in (self.syllable, self.pair, self.triple):
            cache.cache_clear()

    def features(self, a: str | None, b: str | None, c: str, d: str | None, e: str | None) -> list[str]:
        """The attribute strings underthesea's featurizer writes for syllable ``c`` between ``a b`` and ``d e``
        (``None``: past the sentence's edge), computed as the fast path does (for ``_SAFE`` syllables)."""
        window = (a, b, c, d, e)
        out = []
        for prefix, o1, o2, function in self.specs:
            parts = window[o1 + 2:o2 + 3]
            if parts[0] is None:
                out.append(prefix + (_BOS if o1 < 0 else _EOS))
            elif parts[-1] is None:
                out.append(prefix + (_BOS if o2 < 0 else _EOS))
            else:
                out.append(prefix + self._values(parts)[_FUNCTIONS.index(function)])  # type: ignore[arg-type]
        return out

    def reference_features(self, a: str | None, b: str | None, c: str, d: str | None, e: str | None) -> list[str]:
        """The same attribute strings from underthesea's own featurizer, run on the context alone."""
        window = [x for x in (a, b) if x is not None] + [c] + [x for x in (d, e) if x is not None]
        center = (a is not None) + (b is not None)
        return self.featurizer.process([[[x] for x in window]])[0][center]

    def emissions(self, syllables: Sequence[str]) -> list[complex]:
        """Each syllable's score per label (real: the first label, imaginary: the second)."""
        padded: tuple[str | None, ...] = (None, None, *syllables, None, None)
        ones = list(map(self.syllable, padded))
        if None in ones:
            return self._emissions_outside_safe(padded, ones)
        pairs = list(map(self.pair, padded, padded[1:]))
        triples = list(map(self.triple, padded, padded[1:], padded[2:]))
        return list(map(self.total, ones, ones[1:], ones[2:], ones[3:], ones[4:],
                        pairs, pairs[1:], pairs[2:], pairs[3:], triples, triples[1:], triples[2:]))

    def _emissions_outside_safe(self, padded: tuple[str | None, ...], ones: list[Any]) -> list[complex]:
        """``emissions`` for a sentence holding syllables outside ``_SAFE``: their contexts' features come
        from underthesea's featurizer."""
        out = []
        for i in range(len(padded) - 4):
            a, b, c, d, e = padded[i:i + 5]
            if None in ones[i:i + 5]:
                attrs = self.reference_features(a, b, c, d, e)  # type: ignore[arg-type]
                out.append(reduce(operator.add, map(self.weight, attrs), 0j))
            else:
                pair, triple = self.pair, self.triple
                out.append(self.total(*ones[i:i + 5], pair(a, b), pair(b, c), pair(c, d), pair(d, e),
                                      triple(a, b, c), triple(b, c, d), triple(c, d, e)))
        return out

    def tag_ids(self, syllables: Sequence[str]) -> tuple[list[int], float]:
        """Best label ids and their score, decoded as underthesea_core's tagger does (ties to the lower id)."""
        if not syllables:
            return [], 0.0
        emissions = self.emissions(syllables)
        t00, t01, t10, t11 = self.transitions
        p0, p1 = emissions[0].real, emissions[0].imag
        back: list[tuple[int, int]] = []
        for emission in emissions[1:]:
            a, b = p0 + t00, p1 + t10
            if b > a:
                n0, k0 = b + emission.real, 1
            else:
                n0, k0 = a + emission.real, 0
            a, b = p0 + t01, p1 + t11
            if b > a:
                n1, k1 = b + emission.imag, 1
            else:
                n1, k1 = a + emission.imag, 0
            p0, p1 = n0, n1
            back.append((k0, k1))
        label = 1 if p1 > p0 else 0
        best = p1 if label else p0
        ids = [label]
        for k in reversed(back):
            label = k[label]
            ids.append(label)
        ids.reverse()
        return ids, best

    def __call__(self, text: str) -> list[str]:
        syllables = self.tokenize(text, use_token_normalize=True, fixed_words=[])
        inside = self.inside
        words: list[str] = []
        for i, syllable in zip(self.tag_ids(syllables)[0], syllables):
            if inside[i] and words:
                words[-1] = words[-1] + " " + syllable
            else:
                words.append(syllable)
        return words


def _public_word_tokenize(text: str) -> list[str]:
    from underthesea import word_tokenize as public_word_tokenize

    return public_word_tokenize(text)


def build(cache_size: int = CACHE_SIZE) -> FastSegmenter:
    """A ``FastSegmenter`` on underthesea's loaded model, after checking template, model file and self-test.

    Raises ``UnexpectedModel`` (or whatever reading failed with) when the fast path must not be used.
    """
    import joblib

    crf = word_segmentation_crf()  # loads underthesea's model; None (warned there) on another underthesea
    if crf is None:
        raise UnexpectedModel(f"underthesea {version()}'s word segmentation model is not readable here")
    template = tuple(joblib.load(crf.features))
    if template != TEMPLATE:
        raise UnexpectedModel("the feature template is not the expected one")
    data = crf.model.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if len(data) != MODEL_SIZE or digest != MODEL_SHA256:
        raise UnexpectedModel(f"model file of {len(data)} bytes, SHA-256 {digest[:12]}..., not the checked one")
    segmenter = FastSegmenter(CRFWeights.read(data), joblib.load(crf.dictionary), crf.featurizer, crf.tokenize, cache_size)
    for sentence in SELF_TEST:
        syllables = crf.tokenize(sentence, use_token_normalize=True, fixed_words=[])
        expected, score = crf.estimator.tag_with_score(crf.featurizer.process([[[s] for s in syllables]])[0])
        ids, best = segmenter.tag_ids(syllables)
        if [segmenter.labels[i] for i in ids] != list(expected) or best != score \
                or segmenter(sentence) != _public_word_tokenize(sentence):
            raise UnexpectedModel(f"self-test differs on {sentence!r}")
    segmenter.cache_clear()
    return segmenter


_lock = threading.Lock()
_state: dict[str, Any] = {}


def segmenter() -> FastSegmenter | None:
    """The fast segmenter, built once (under a lock); ``None`` when it is switched off or failed its checks."""
    if os.environ.get(ENV_SWITCH, "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    if "fast" not in _state:
        with _lock:
            if "fast" not in _state:
                try:
                    fast: FastSegmenter | None = build()
                except Exception as err:  # any other underthesea: its own word_tokenize, same output
                    logger.warning("fast word segmentation is off, underthesea's word_tokenize is used (%s: %s)",
                                   type(err).__name__, err)
                    fast = None
                _state["fast"] = fast
    return _state["fast"]


# Building the fast path costs about 0.4 s and 17 MB; it is built once a process has
# segmented this much text, so one short document (a CLI call, a cold start) does not pay it.
WARM_UP_CHARS = 50_000


def word_tokenize(text: str) -> list[str]:
    """``underthesea.word_tokenize(text)``: the same words, computed faster once enough text has been seen."""
    if "fast" not in _state:
        _state["seen"] = _state.get("seen", 0) + len(text)
        if _state["seen"] < WARM_UP_CHARS:
            return _public_word_tokenize(text)
    fast = segmenter()
    if fast is None:
        return _public_word_tokenize(text)
    return fast(text)
