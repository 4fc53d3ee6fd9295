"""The one place vn_govie reads underthesea's internals.

underthesea has no public API for what vn_govie needs besides ``word_tokenize``
and ``pos_tag``: its POS CRF and feature template (to build the features in
linear time), its Viet74K dictionary (the tokenizer's dictionary cuts), its
administrative-unit table (the gazetteer's places) and its word segmentation CRF
(the fast segmentation reads the weights from the model file). Those are module
globals, singletons and data files of one package layout, so they are read here
only. Each accessor first checks that the installed underthesea is in
``SUPPORTED``; outside it, or when the layout is not the expected one, it returns
``None`` and logs one warning (once a process), and the caller falls back to
underthesea's public functions (``word_tokenize``, ``pos_tag``) or goes without
(no dictionary cuts, places from the short lists only). On a supported version
nothing here changes what underthesea computes.
"""

from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

logger = logging.getLogger("vn_govie")

# The versions this module reads: from the lower bound of the package's dependency
# (``underthesea>=6.8``) to below the next major (``<10``). The tests run on 9.5.0.
SUPPORTED: tuple[tuple[int, int], tuple[int, int]] = ((6, 8), (10, 0))
TESTED = "9.5.0"
# the folder of underthesea's word segmentation model, under underthesea/pipeline/word_tokenize/models
WORD_SEGMENTATION_MODEL = "ws_crf_vlsp2013_20230727"

_VERSION = re.compile(r"(\d+)\.(\d+)")
_warned: set[str] = set()


def _warn_once(key: str, message: str, *args: Any) -> None:
    if key not in _warned:
        _warned.add(key)
        logger.warning(message, *args)


def version() -> str | None:
    """The installed underthesea's version (from its package metadata), ``None`` when it is not installed."""
    try:
        return metadata.version("underthesea")
    except metadata.PackageNotFoundError:
        return None


def supported() -> bool:
    """Whether the installed underthesea is in ``SUPPORTED``; logs one warning (once a process) when not."""
    found = version()
    match = _VERSION.match(found or "")
    parsed = (int(match[1]), int(match[2])) if match else None
    if parsed is not None and SUPPORTED[0] <= parsed < SUPPORTED[1]:
        return True
    low, high = SUPPORTED
    _warn_once("version", "underthesea %s is outside the versions vn_govie reads (>=%d.%d,<%d.%d): "
               "its public word_tokenize and pos_tag are used, without dictionary cuts or its address table",
               found or "(not installed)", *low, *high)
    return False


@dataclass(frozen=True)
class PosCRF:
    """underthesea's POS CRF (``underthesea.pos_tag``'s default model) and the feature template it reads."""

    tagger: Any  # an underthesea_core.CRFTagger: ``tagger.tag(features) -> tags``
    template: tuple[str, ...]


def pos_crf() -> PosCRF | None:
    """The loaded POS CRF and its template, or ``None`` (one warning) on another version or layout."""
    if not supported():
        return None
    try:
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        predictor = CRFPOSTagPredictor.Instance()
        return PosCRF(predictor.model, tuple(predictor.transformer.template))
    except Exception as err:  # another underthesea layout
        _warn_once("pos_crf", "underthesea's POS CRF is not where vn_govie reads it (%s: %s): its public pos_tag is used",
                   type(err).__name__, err)
        return None


def dictionary_words() -> list[str] | None:
    """underthesea's Viet74K dictionary, its words as written, or ``None`` (one warning)."""
    if not supported():
        return None
    try:
        from underthesea.corpus import viet_dict_74K

        return list(viet_dict_74K.words)
    except Exception as err:  # another underthesea layout
        _warn_once("dictionary", "underthesea's dictionary (Viet74K) is missing (%s: %s): no dictionary cuts",
                   type(err).__name__, err)
        return None


def address_mapping_path() -> Path | None:
    """underthesea's administrative-unit table (``underthesea/address/data/mapping.json``), or ``None`` (one warning)."""
    if not supported():
        return None
    try:
        address = importlib.import_module("underthesea.address")
        path = Path(address.__file__).parent / "data" / "mapping.json"
    except Exception as err:  # an underthesea without its address module
        _warn_once("address", "underthesea's address table is missing (%s: %s): places come from the short lists only",
                   type(err).__name__, err)
        return None
    if not path.is_file():
        _warn_once("address", "underthesea's address table is not at %s: places come from the short lists only", path)
        return None
    return path


@dataclass(frozen=True)
class WordSegmentationCRF:
    """underthesea's loaded word segmentation CRF (the model behind ``word_tokenize``) and its files."""

    folder: Path  # the model's folder
    model: Path  # the CRFsuite weights (``models.bin``)
    features: Path  # the feature template, a joblib list (``features.bin``)
    dictionary: Path  # the featurizer's dictionary, a joblib set (``dictionary.bin``)
    featurizer: Any  # an underthesea_core.CRFFeaturizer: ``process(sentences)``
    estimator: Any  # an underthesea_core.CRFTagger: ``tag_with_score(features)``
    tokenize: Callable[..., list[str]]  # underthesea's syllable regex (``tokenize(text, use_token_normalize, fixed_words)``)


def word_segmentation_crf() -> WordSegmentationCRF | None:
    """underthesea's word segmentation model, loaded (it loads on first use), or ``None`` (one warning)."""
    if not supported():
        return None
    try:
        module = importlib.import_module("underthesea.pipeline.word_tokenize")
        module.word_tokenize("Hà Nội")  # underthesea loads its model on first use
        model = module.word_tokenize_model
        folder = Path(module.__file__).parent / "models" / WORD_SEGMENTATION_MODEL
        return WordSegmentationCRF(
            folder=folder, model=folder / model.path_model, features=folder / model.path_features,
            dictionary=folder / model.path_dictionary, featurizer=model.featurizer, estimator=model.estimator,
            tokenize=module.tokenize,
        )
    except Exception as err:  # another underthesea layout
        _warn_once("word_segmentation", "underthesea's word segmentation model is not where vn_govie reads it (%s: %s): "
                   "its public word_tokenize is used", type(err).__name__, err)
        return None


def word_segmentation_model_path() -> Path | None:
    """The file of underthesea's word segmentation CRF weights (``models.bin``), or ``None`` (one warning)."""
    crf = word_segmentation_crf()
    return None if crf is None else crf.model
