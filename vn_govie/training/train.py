"""``vn-govie train``: gold annotations in, a loadable pipeline directory and a report out.

Steps: read the annotations (any format ``vn-govie corpus convert`` reads),
write spaCy training data per split, train with spaCy's own trainer and the
config in ``configs/``, then evaluate the best model on dev and test and write
``report.json``/``report.md`` beside it.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from ..corpus.records import Document
from ..tokenizer import TOKENIZER_NAME, TOKENIZER_V3, TOKENIZER_V4

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "configs" / "ner.cfg"

QUICK_OVERRIDES: dict[str, Any] = {
    "training.max_epochs": 1,
    "training.eval_frequency": 50,
    "components.tok2vec.model.encode.width": 32,
    "components.tok2vec.model.encode.depth": 2,
}


def default_config() -> Path:
    """The repository's ``configs/ner.cfg``; installed without the repository, the shipped pipeline's own config."""
    if DEFAULT_CONFIG.exists():
        return DEFAULT_CONFIG
    from ..api import PACKAGED_MODEL

    return PACKAGED_MODEL / "config.cfg"


def training_tokenizer(config: Path) -> dict[str, Any]:
    """The config's tokenizer as the training data is cut with it: without the dictionary cuts.

    A gold name underthesea glued to the next word (``Thọ đợi``) is then marked missing,
    as in the first releases. Trained on the cut words the model did worse on dev (real
    text 0.778 -> 0.738, seed 0), while the cuts at run time gain (0.778 -> 0.785):
    ``docs/training.md``, section 5.
    """
    import spacy

    settings = dict(spacy.util.load_config(config, interpolate=False)["nlp"]["tokenizer"])
    if settings.get("@tokenizers") in (TOKENIZER_NAME, TOKENIZER_V4, TOKENIZER_V3):
        settings["dictionary_cuts"] = False
    return settings


def _vector_settings(config: Path, settings: dict[str, Any]) -> dict[str, Any]:
    """Overrides that train without static vectors when the config names vectors this machine lacks.

    The shipped pipeline's config (the default once installed without the repository)
    names the vectors folder it was trained with; retraining elsewhere then goes on
    without them, and says so, rather than failing in spaCy's initialisation. Vectors the
    caller named must exist.
    """
    import spacy

    key = "components.tok2vec.model.embed.include_static_vectors"
    loaded = spacy.util.load_config(config, interpolate=False)
    vectors = settings.get("paths.vectors", loaded["paths"].get("vectors"))
    if vectors is None or (Path(str(vectors)) / "vocab" / "vectors").exists():
        return {}
    if "paths.vectors" in settings:
        raise ValueError(f"{vectors} holds no spaCy vectors (make them with vn-govie vectors)")
    print(f"vectors {vectors} not found: training without static vectors", flush=True)
    return {"paths.vectors": None, key: False}


def read_annotations(paths: list[str | Path], fmt: str | None = None) -> list[Document]:
    """Documents from JSONL files/directories or any converted format; documents without a split go to train."""
    from ..corpus import formats

    docs: list[Document] = []
    for path in paths:
        docs.extend(formats.read(path, fmt))
    for doc in docs:
        doc.meta.setdefault("split", "train")
    return docs


def train(
    documents: list[Document],
    output: str | Path,
    *,
    config: str | Path | None = None,
    seed: int = 0,
    quick: bool = False,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train the entity pipeline; return the report (also written as ``report.json``/``report.md``)."""
    import spacy
    from spacy.cli.train import train as spacy_train

    from .. import components, extensions  # noqa: F401
    from .. import tokenizer as _tokenizer  # noqa: F401
    from .data import write_training_data

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    config = Path(config) if config else default_config()
    splits = {d.split for d in documents}
    if "train" not in splits:
        raise ValueError("no document in the train split")

    started = time.time()
    data_nlp = spacy.blank("vi", config={"nlp": {"tokenizer": training_tokenizer(config)}})
    data_dir = output / "data"
    stats = write_training_data(data_nlp, documents, data_dir)
    dev = data_dir / ("dev.spacy" if stats["dev"]["sentences"] else "train.spacy")
    print(f"training data: {json.dumps(stats)}", flush=True)

    settings: dict[str, Any] = {
        "paths.train": str(data_dir / "train.spacy"),
        "paths.dev": str(dev),
        "system.seed": seed,
    }
    if quick:
        settings.update(QUICK_OVERRIDES)
    settings.update(overrides or {})
    settings.update(_vector_settings(config, settings))
    spacy_train(config, output / "training", use_gpu=-1, overrides=settings)

    model_dir = output / "model"
    if model_dir.exists():
        shutil.rmtree(model_dir)
    best = output / "training" / "model-best"
    shutil.copytree(best if best.exists() else output / "training" / "model-last", model_dir)
    relation_grid = _train_relations(model_dir, data_dir, seed)
    _describe(model_dir, seed=seed, quick=quick, relation_dev_f1_by_C=relation_grid)
    seconds = time.time() - started

    from ..evaluation.report import write_report

    report = write_report(documents, model_dir, output, splits=[s for s in ("dev", "test") if s in splits])
    report["training"] = {"seconds": round(seconds, 1), "seed": seed, "quick": quick, "config": str(config), "data": stats}
    (output / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def _train_relations(model_dir: Path, data_dir: Path, seed: int) -> dict[str, float]:
    """Fit the relation model on the gold-entity sentence docs and save it into the pipeline."""
    import spacy

    from .relations import gold_docs, train_relation_model

    nlp = spacy.load(model_dir)
    if "vn_govie_relations" not in nlp.pipe_names:
        nlp.add_pipe("vn_govie_relations")
    train_docs = gold_docs(data_dir / "train.spacy", nlp)
    dev_docs = gold_docs(data_dir / "dev.spacy", nlp)
    try:
        model, grid = train_relation_model(train_docs, dev_docs, seed=seed)
    except ValueError as err:  # a corpus without relations still gives an entity pipeline
        print(f"relations: not trained ({err})", flush=True)
        return {}
    nlp.get_pipe("vn_govie_relations").model = model
    nlp.to_disk(model_dir)
    return grid


def _describe(model_dir: Path, **training: Any) -> None:
    """Name the pipeline in its ``meta.json`` so ``spacy.info`` and users can tell what it is."""
    from .. import __version__

    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="vn_govie_ner",
        version=__version__,
        description="vn_govie entity pipeline: underthesea words, CPU tok2vec + ner, rules, values",
        license="CC BY-SA 4.0 (trained on UD Vietnamese VTB sentences among others)",
        author="vn_govie",
    )
    meta.setdefault("vn_govie", {}).update(training)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
