"""Shared fixtures: the shipped pipeline and the corpus.

The corpus's outside texts (real news, UD VTB sentences) are not in the
repository: ``corpus`` joins the standoff annotations with ``../shared/data``
(or ``$VN_GOVIE_SOURCES``) once per run. Without the sources those tests are
skipped, except under CI (``CI`` set), where a missing source is a failure.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp():
    import vn_govie

    return vn_govie.load()


@pytest.fixture(scope="session")
def seed_texts():
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))]


def require_sources() -> Path:
    """The outside sources folder; skips the test where it is absent (fails under CI)."""
    from vn_govie.corpus.sources import default_sources

    found = default_sources()
    if found is None or not found.is_dir():
        if os.environ.get("CI"):
            pytest.fail("the outside sources (../shared/data) are missing under CI")
        pytest.skip("the outside sources (../shared/data or $VN_GOVIE_SOURCES) are not on this machine")
    return found


@pytest.fixture(scope="session")
def sources() -> Path:
    return require_sources()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory, sources) -> Path:
    """The full corpus, built from ``annotations/`` and the sources as ``vn-govie corpus build`` does."""
    from vn_govie.corpus.standoff import build_corpus

    out = tmp_path_factory.mktemp("corpus")
    build_corpus(ROOT / "annotations", out, sources)
    return out


@pytest.fixture(scope="session")
def corpus(corpus_dir):
    from vn_govie.corpus.records import read_documents

    return read_documents(corpus_dir)
