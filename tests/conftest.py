"""Shared fixtures: the shipped pipeline and the corpus."""

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
