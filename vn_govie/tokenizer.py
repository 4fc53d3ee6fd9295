"""A spaCy tokenizer backed by underthesea's Vietnamese word segmentation.

Tokens are words (``Hà Nội``, ``Thành ủy`` are one token each), whitespace is
kept exactly (``doc.text == text``), sentence starts are set from
``vn_govie.text.sentences`` and, with ``pos=True``, ``Token.tag_`` holds
underthesea's POS tag (it segments and tags in one pass).

underthesea respells what it is given, so its strings are never used for
offsets: each word is located in the input by walking its characters, and a
token boundary never falls between two letters or digits of the input (never
inside a syllable). Words underthesea glued across a name's edge are cut again:
at case changes, and (``dictionary_cuts``, v2) where a capital syllable is glued
to lower-case ones its dictionary does not join to it (``Thọ đợi``); from v3 not
in a sentence's first word, whose capital says nothing of a name (``Lũy kế``).
From v4 ``Token.norm_`` is the word's lookup form (``lookup_norm``: one tone-mark
convention, lower case, syllables joined by ``_`` as underthesea writes words),
the key of the pipeline's word vectors and of its ``NORM`` embedding.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from . import extensions  # noqa: F401  (registers Doc._.clean_map)
from .text.normalize import NormalizedText, fold, normalize
from .text.sentences import sentence_spans
from .text.spans import BRACKET_TOKENS
from .text.view import clean_map

TOKENIZER_NAME = "vn_govie.UndertheseaTokenizer.v5"
# earlier versions stay registered so that their pipelines reload unchanged:
# v4 (ninth release) segments the text as given (``vn_govie.extract`` cleaned it first),
# v1 (the first four releases) has no dictionary cuts, v2 (the fifth) also cuts a sentence's first word,
# v3 (sixth to eighth) leaves spaCy's lower-case norms
TOKENIZER_V4 = "vn_govie.UndertheseaTokenizer.v4"
TOKENIZER_V3 = "vn_govie.UndertheseaTokenizer.v3"
TOKENIZER_V1 = "vn_govie.UndertheseaTokenizer.v1"
TOKENIZER_V2 = "vn_govie.UndertheseaTokenizer.v2"
_FALLBACK = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SYLLABLE = re.compile(r"\S+")
# underthesea reads very long runs slowly and gains nothing from them: cut there.
MAX_SEGMENT_CHARS = 2000

logger = logging.getLogger("vn_govie")
_load_lock = threading.Lock()
_loaded: set[bool] = set()


def load_underthesea(pos: bool) -> None:
    """Load underthesea's lazily loaded models (segmenter, POS tagger, dictionary) once, under a lock.

    underthesea builds its models on first use behind a module global; threads
    that made their first call at once saw a half-built model and failed. Every
    tokenizer call waits here until loading has finished, then never again.
    """
    if pos in _loaded:
        return
    with _load_lock:
        if pos in _loaded:
            return
        from underthesea import word_tokenize

        word_tokenize("Hà Nội")
        if pos:
            _pos_tagger()
            pos_tag("Hà Nội")
        lexicon()
        _loaded.add(pos)


_BASES: dict[str, str] = {}


def _base(ch: str) -> str:
    """The bare letter, so respellings (``uỷ``/``ủy``, ``qui``/``quy``) still match."""
    base = _BASES.get(ch)
    if base is None:
        decomposed = unicodedata.normalize("NFD", ch.lower())
        base = decomposed[0] if decomposed else ch
        base = "i" if base == "y" else base
        if len(_BASES) < 100_000:
            _BASES[ch] = base
    return base


# underthesea's POS tagger (``underthesea.pos_tag``, the CRF of 2017) builds its
# features with a template interpreter that re-parses each template item and
# re-copies the whole sentence for every feature of every word: three quarters of
# our tagging time, and quadratic in sentence length. ``pos_features`` builds the
# same feature strings directly (checked against underthesea's own in the tests);
# the tagger itself is underthesea's. Any other template falls back to ``pos_tag``.
POS_TEMPLATE = (
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-3][1]", "T[-2][1]", "T[-1][1]",
    "T[-3,-2][1]", "T[-2,-1][1]",
)
_pos_crf: Any = None


def _istitle(word: str) -> str:
    """underthesea's ``text_istitle``: every space-separated piece starts with a capital."""
    if not word:
        return "False"
    pieces = word.split(" ")
    if any(not p for p in pieces):
        return "False"
    return "True" if all(p[0].istitle() for p in pieces) else "False"


def pos_features(words: list[str]) -> list[list[str]]:
    """The features underthesea's POS CRF reads for each word (its template, built in linear time)."""
    n = len(words)
    bos2, eos2 = ["BOS", "BOS"], ["EOS", "EOS"]
    w = bos2 + list(words) + eos2
    low = bos2 + [x.lower() for x in words] + eos2
    title = bos2 + [_istitle(x) for x in words] + eos2
    # pair[k + 2]: words k and k + 1 joined; BOS when k < 0, EOS when k + 1 is past the end
    pair = bos2 + [f"{words[k]} {words[k + 1]}" for k in range(n - 1)] + ["EOS"] * 4
    out = []
    for i in range(n):
        j = i + 2
        out.append([
            "T[-2].lower=" + low[j - 2], "T[-1].lower=" + low[j - 1], "T[0].lower=" + low[j],
            "T[1].lower=" + low[j + 1], "T[2].lower=" + low[j + 2],
            "T[0].istitle=" + title[j], "T[-1].istitle=" + title[j - 1], "T[1].istitle=" + title[j + 1],
            "T[-2]=" + w[j - 2], "T[-1]=" + w[j - 1], "T[0]=" + w[j], "T[1]=" + w[j + 1], "T[2]=" + w[j + 2],
            "T[-2,-1]=" + pair[j - 2], "T[-1,0]=" + pair[j - 1], "T[0,1]=" + pair[j], "T[1,2]=" + pair[j + 1],
            "T[-3][1]=BOS" if i < 3 else "T[-3][1]=X",
            "T[-2][1]=BOS" if i < 2 else "T[-2][1]=X",
            "T[-1][1]=BOS" if i < 1 else "T[-1][1]=X",
            "T[-3,-2][1]=BOS" if i < 3 else "T[-3,-2][1]=X X",
            "T[-2,-1][1]=BOS" if i < 2 else "T[-2,-1][1]=X X",
        ])
    return out


def _pos_tagger() -> Any:
    """underthesea's POS CRF when its feature template is the one ``pos_features`` builds, else ``False``."""
    global _pos_crf
    if _pos_crf is None:
        from .underthesea_adapter import pos_crf

        crf = pos_crf()  # None (warned there) on another underthesea: use its public pos_tag
        if crf is not None and crf.template != POS_TEMPLATE:
            logger.warning("underthesea's POS CRF reads another feature template: its public pos_tag is used")
        _pos_crf = crf.tagger if crf is not None and crf.template == POS_TEMPLATE else False
    return _pos_crf


def pos_tag(text: str) -> list[tuple[str, str]]:
    """``underthesea.pos_tag(text)``, with the features built in linear time."""
    from .segmentation import word_tokenize

    tagger = _pos_tagger()
    if tagger is False:
        from underthesea import pos_tag as slow_pos_tag

        return [(w, t) for w, t in slow_pos_tag(text)]
    words = word_tokenize(text)
    if not words:
        return []
    return list(zip(words, tagger.tag(pos_features(words))))


def _segment_words(text: str, pos: bool) -> list[tuple[str, str]]:
    if pos:
        return pos_tag(text)
    from .segmentation import word_tokenize

    return [(w, "") for w in word_tokenize(text)]


def align_words(text: str, words: Iterable[tuple[str, str]]) -> list[tuple[int, int, str]] | None:
    """Character spans of underthesea's words in ``text``, or ``None`` when they cannot be matched."""
    out: list[tuple[int, int, str]] = []
    pos, n = 0, len(text)
    for word, tag in words:
        start = None
        for syllable in word.split():
            while pos < n and text[pos].isspace():
                pos += 1
            end = pos + len(syllable)
            if end > n:
                return None
            if not text.startswith(syllable, pos) and any(  # respelt: compare bare letters
                _base(a) != _base(b) for a, b in zip(text[pos:end], syllable) if not (a.isspace() or b.isspace())
            ):
                return None
            if start is None:
                start = pos
            pos = end
        if start is not None:
            out.append((start, pos, tag))
    if text[pos:].strip():
        return None
    return out


def _case(syllable: str) -> str:
    letters = [c for c in syllable if c.isalpha()]
    if not letters:
        return "other"
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "acronym"
    return "upper" if letters[0].isupper() else "lower"


def _case_cuts(cases: list[str]) -> list[int]:
    """Syllables after which the case pattern shows two words glued together."""
    cuts = []
    for i, (left, right) in enumerate(zip(cases, cases[1:])):
        # a name of two or more capitalised syllables followed by a lower-case word
        after_name = left == "upper" and right == "lower" and i >= 1 and cases[i - 1] == "upper"
        if after_name or (left == "lower" and right in ("upper", "acronym")) or (left == "acronym") != (right == "acronym"):
            cuts.append(i)
    return cuts


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """underthesea's dictionary (Viet74K), folded; empty when this underthesea does not ship it."""
    from .underthesea_adapter import dictionary_words

    words = dictionary_words() or []  # None (warned there): no dictionary, so no dictionary cuts
    return frozenset(_lexicon_key(w) for w in words if w.strip())


def lookup_norm(word: str) -> str:
    """A word's lookup form: ``Uỷ ban`` -> ``ủy_ban``; the key under which word vectors are trained and read."""
    return "_".join(fold(unicodedata.normalize("NFC", word)).split(" "))


def _lexicon_key(word: str) -> str:
    return fold(unicodedata.normalize("NFC", word))


def _dictionary_cuts(text: str, syllables: list[tuple[int, int]], names: list[str], cases: list[str]) -> list[int]:
    """Syllables after which a word of two or more is cut: around bracket words, and after a capital
    syllable glued to lower-case ones the dictionary does not join to it (the longest dictionary word
    it starts with stays whole: ``Tài nguyên`` + ``và``)."""
    if any(name in BRACKET_TOKENS for name in names):
        return [i for i in range(len(names) - 1) if names[i] in BRACKET_TOKENS or names[i + 1] in BRACKET_TOKENS]
    words = lexicon()
    start = syllables[0][0]
    if not words or cases[0] != "upper" or any(c != "lower" for c in cases[1:]) \
            or _lexicon_key(text[start:syllables[-1][1]]) in words:
        return []
    return [next((i for i in range(len(names) - 2, 0, -1) if _lexicon_key(text[start:syllables[i][1]]) in words), 0)]


def split_glued_words(
    text: str, spans: list[tuple[int, int, str]], dictionary: bool = True, spared: Iterable[int] = ()
) -> list[tuple[int, int, str]]:
    """Cut a multi-syllable underthesea word where it glued two words together.

    First where its case pattern changes (``giao Ban``, ``TT&TT Tạ``); then, with
    ``dictionary``, each piece that is a capital syllable glued to lower-case ones
    underthesea's dictionary does not know as one word (``Thọ đợi``, ``Đinh nói``),
    and around a treebank's bracket words (``UNDP RBKT``). A capitalised dictionary
    word (``Thủ tướng``, ``Uỷ ban``, ``Hôm nay``) stays whole, and so do the words
    starting at an offset in ``spared`` (the first words of sentences). Names and
    their neighbours are the boundaries NER needs most.
    """
    spared = frozenset(spared)
    out: list[tuple[int, int, str]] = []
    for start, end, tag in spans:
        if not _SPACE.search(text, start, end):  # one syllable: nothing to cut
            out.append((start, end, tag))
            continue
        syllables = [m.span() for m in _SYLLABLE.finditer(text, start, end)]
        names = [text[a:b] for a, b in syllables]
        cases = [_case(name) for name in names]
        cuts = sorted(set(_case_cuts(cases)) | set(_symbol_cuts(names)))
        if dictionary and start not in spared:
            first, more = 0, []
            for last in [*cuts, len(syllables) - 1]:
                if last > first:
                    piece = slice(first, last + 1)
                    more += [first + i for i in _dictionary_cuts(text, syllables[piece], names[piece], cases[piece])]
                first = last + 1
            cuts = sorted(cuts + more)
        cut = start
        for i in cuts:
            out.append((cut, syllables[i][1], _piece_tag(text, cut, syllables[i][1], tag)))
            cut = syllables[i + 1][0]
        out.append((cut, end, _piece_tag(text, cut, end, tag)))
    return out


def _piece_tag(text: str, start: int, end: int, tag: str) -> str:
    """The glued word's tag for a piece of it; a piece of symbols only is punctuation (``CH``)."""
    return tag if not tag or any(c.isalnum() for c in text[start:end]) else "CH"


def _symbol_cuts(names: list[str]) -> list[int]:
    """Syllables after which to cut so that a piece with no letter or digit stands alone.

    underthesea glues a symbol to the word before it (``An <``, ``a >``); a name must
    not end in one.
    """
    cuts = set()
    for i, name in enumerate(names):
        if not any(c.isalnum() for c in name):
            if i > 0:
                cuts.add(i - 1)
            if i < len(names) - 1:
                cuts.add(i)
    return sorted(cuts)


def opening_words(text: str, spans: list[tuple[int, int, str]], sent_starts: set[int]) -> set[int]:
    """Start offsets of each sentence's first word with a letter (a quote or a list's dash before it does not count)."""
    starts = sorted(sent_starts)
    opening: set[int] = set()
    k, waiting = 0, False
    for start, end, _tag in spans:
        while k < len(starts) and starts[k] <= start:
            k, waiting = k + 1, True
        if waiting and any(c.isalpha() for c in text[start:end]):
            opening.add(start)
            waiting = False
    return opening


def _borrow_lexeme_features(vocab: Vocab, written: str, form: str) -> None:
    """Give the lexeme of a word as written (``Pho\u0301``) the prefix, suffix and shape of its clean form (``Phó``).

    They are what the model embeds besides the norm, so an NFD or respelt word
    reads to it exactly as its clean form does.
    """
    lexeme, clean = vocab[written], vocab[form]
    lexeme.prefix, lexeme.suffix, lexeme.shape = clean.prefix, clean.suffix, clean.shape


def _fallback_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "") for m in _FALLBACK.finditer(text)]


def _join_inside_syllables(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for start, end, tag in spans:
        if merged and merged[-1][1] == start and start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            prev = merged.pop()
            merged.append((prev[0], end, prev[2] or tag))
        else:
            merged.append((start, end, tag))
    return merged


def _pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Cut an over-long sentence at whitespace into pieces underthesea handles quickly."""
    while end - start > MAX_SEGMENT_CHARS:
        cut = text.rfind(" ", start, start + MAX_SEGMENT_CHARS)
        if cut <= start:
            cut = start + MAX_SEGMENT_CHARS
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


class UndertheseaTokenizer:
    """Word tokens from underthesea, whitespace preserved, sentence starts and optional POS tags set."""

    def __init__(
        self, vocab: Vocab, pos: bool = True, dictionary_cuts: bool = True, cut_sentence_starts: bool = False,
        lookup_norms: bool = False, normalize_input: bool = False,
    ) -> None:
        self.vocab = vocab
        self.normalize_input = normalize_input
        self.pos = pos
        self.dictionary_cuts = dictionary_cuts
        self.cut_sentence_starts = cut_sentence_starts
        self.lookup_norms = lookup_norms

    def token_spans(self, text: str) -> tuple[list[tuple[int, int, str]], set[int]]:
        """Word spans with tags, and the character offsets where sentences start."""
        load_underthesea(self.pos)
        spans: list[tuple[int, int, str]] = []
        sent_starts: set[int] = set()
        for s_start, s_end in sentence_spans(text):
            sent_starts.add(s_start)
            for p_start, p_end in _pieces(text, s_start, s_end):
                piece = text[p_start:p_end]
                try:
                    aligned = align_words(piece, _segment_words(piece, self.pos))
                except Exception as err:  # underthesea failing on odd input must not fail the document
                    logger.warning("underthesea failed on %d characters at offset %d (%s: %s): "
                                   "plain word tokens used there", len(piece), p_start, type(err).__name__, err)
                    aligned = None
                else:
                    if aligned is None:
                        logger.debug("underthesea's words do not align with %d characters at offset %d: "
                                     "plain word tokens used there", len(piece), p_start)
                if aligned is None:
                    aligned = _fallback_spans(piece)
                spans.extend((p_start + a, p_start + b, t) for a, b, t in aligned)
        spared = () if self.cut_sentence_starts or not self.dictionary_cuts else opening_words(text, spans, sent_starts)
        return _join_inside_syllables(text, split_glued_words(text, spans, self.dictionary_cuts, spared)), sent_starts

    def __call__(self, text: str) -> Doc:
        if self.normalize_input and _SURROGATE.search(text):
            # a lone surrogate (bytes decoded with surrogateescape) cannot be stored in a Doc:
            # U+FFFD stands in its place, one character for one, so offsets stay the caller's
            text = _SURROGATE.sub("\ufffd", text)
        if not self.normalize_input:
            spans, sent_starts = self.token_spans(text)
            return self._make_doc(text, spans, sent_starts, None)
        clean = normalize(text)
        if not clean.changed:
            spans, sent_starts = self.token_spans(text)
            return self._make_doc(text, spans, sent_starts, None)
        clean_spans, clean_starts = self.token_spans(clean.text)
        spans: list[tuple[int, int, str]] = []
        for a, b, tag in clean_spans:
            start, end = clean.span(a, b)
            if spans and start < spans[-1][1]:
                # two clean words from one original cluster (a digit and the mark after it): one token
                first, last, first_tag = spans.pop()
                spans.append((first, max(last, end), first_tag))
            else:
                spans.append((start, end, tag))
        sent_starts = {clean.starts[k] for k in clean_starts if k < len(clean.starts)}
        return self._make_doc(text, spans, sent_starts, clean)

    def _make_doc(
        self, text: str, spans: list[tuple[int, int, str]], sent_starts: set[int], clean: NormalizedText | None
    ) -> Doc:
        """The Doc of ``text`` from its word spans; with ``clean``, norms and ``Doc._.clean_map`` from the clean text."""
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        starts: list[int] = []

        def add_gap(gap: str, at: int) -> None:
            # spaCy keeps one trailing space on a token; any other whitespace is a token of its own
            if not gap:
                return
            if gap == " " and words:
                spaces[-1] = True
                return
            if words and gap.startswith(" ") and not spaces[-1]:
                spaces[-1] = True
                gap, at = gap[1:], at + 1
            words.append(gap)
            spaces.append(False)
            tags.append("_SP")
            starts.append(at)

        cursor = 0
        for start, end, tag in spans:
            add_gap(text[cursor:start], cursor)
            words.append(text[start:end])
            spaces.append(False)
            tags.append(tag or "X")
            starts.append(start)
            cursor = end
        add_gap(text[cursor:], cursor)
        # tags and sentence starts go in with the words (one array write, no Token objects)
        starts_flags: list[int] = []
        seen_words = False
        for i, (tag, start) in enumerate(zip(tags, starts)):
            starts_flags.append(1 if i == 0 or (seen_words and start in sent_starts) else -1)
            seen_words = seen_words or tag != "_SP"
        if not self.pos:
            tags = [tag if tag == "_SP" else "" for tag in tags]
        if not words:
            return Doc(self.vocab, words=words, spaces=spaces)
        if clean is not None:
            for word, tag in zip(words, tags):
                if tag == "_SP" and not word.isspace():  # an invisible mark between words: whitespace to the model
                    self.vocab[word].is_space = True
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags, sent_starts=starts_flags)
        if clean is None:
            if self.lookup_norms:
                for token in doc:
                    if not token.is_space:
                        token.norm_ = lookup_norm(token.text)
            return doc
        clean_starts = [bisect.bisect_left(clean.starts, start) for start in starts]
        clean_ends = [bisect.bisect_left(clean.starts, start + len(word)) for start, word in zip(starts, words)]
        for token, a, b in zip(doc, clean_starts, clean_ends):
            form = clean.text[a:b]
            if token.is_space:
                if form != token.text:
                    token.norm_ = form or " "
                continue
            if form != token.text:
                _borrow_lexeme_features(self.vocab, token.text, form)
            token.norm_ = lookup_norm(form) if self.lookup_norms else form.lower()
        doc._.clean_map = clean_map(clean.text, clean_starts, clean_ends)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # serialisation: the tokenizer's only state is its settings
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        settings = {"pos": self.pos, "dictionary_cuts": self.dictionary_cuts,
                    "cut_sentence_starts": self.cut_sentence_starts, "lookup_norms": self.lookup_norms,
                    "normalize_input": self.normalize_input}
        return json.dumps(settings).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "UndertheseaTokenizer":
        settings = json.loads(data.decode("utf-8"))
        self.pos = bool(settings.get("pos", True))
        # a file written by an earlier version lacks the later settings: read them as that version behaved
        self.dictionary_cuts = bool(settings.get("dictionary_cuts", False))
        self.cut_sentence_starts = bool(settings.get("cut_sentence_starts", True))
        self.lookup_norms = bool(settings.get("lookup_norms", False))
        self.normalize_input = bool(settings.get("normalize_input", False))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "UndertheseaTokenizer":
        return self.from_bytes(Path(path).read_bytes())


@registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer(pos: bool = True, dictionary_cuts: bool = True) -> Callable[[Any], UndertheseaTokenizer]:
    """spaCy config entry: ``[nlp.tokenizer] @tokenizers = "vn_govie.UndertheseaTokenizer.v5"``.

    Takes the caller's text as it is: ``doc.text == text``, tokens are its
    substrings, and ``Token.norm_`` and ``Doc._.clean_map`` hold the clean forms.
    """

    def make(nlp: Any) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab, pos=pos, dictionary_cuts=dictionary_cuts, lookup_norms=True,
                                    normalize_input=True)

    return make


@registry.tokenizers(TOKENIZER_V4)
def create_tokenizer_v4(pos: bool = True, dictionary_cuts: bool = True) -> Callable[[Any], UndertheseaTokenizer]:
    """The ninth release's tokenizer: v5 reading its text as already clean."""

    def make(nlp: Any) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab, pos=pos, dictionary_cuts=dictionary_cuts, lookup_norms=True)

    return make


@registry.tokenizers(TOKENIZER_V3)
def create_tokenizer_v3(pos: bool = True, dictionary_cuts: bool = True) -> Callable[[Any], UndertheseaTokenizer]:
    """The sixth to eighth releases' tokenizer: v4 with spaCy's own lower-case norms."""

    def make(nlp: Any) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab, pos=pos, dictionary_cuts=dictionary_cuts)

    return make


@registry.tokenizers(TOKENIZER_V2)
def create_tokenizer_v2(pos: bool = True, dictionary_cuts: bool = True) -> Callable[[Any], UndertheseaTokenizer]:
    """The fifth release's tokenizer: v3 that also cuts the first word of a sentence."""

    def make(nlp: Any) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab, pos=pos, dictionary_cuts=dictionary_cuts, cut_sentence_starts=True)

    return make


@registry.tokenizers(TOKENIZER_V1)
def create_tokenizer_v1(pos: bool = True) -> Callable[[Any], UndertheseaTokenizer]:
    """The first releases' tokenizer: without the dictionary cuts."""

    def make(nlp: Any) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab, pos=pos, dictionary_cuts=False)

    return make
