"""The README's example is what the shipped pipeline returns."""

import doctest
from pathlib import Path


def test_readme_example_runs_as_written():
    readme = Path(__file__).resolve().parents[1] / "README.md"
    result = doctest.testfile(str(readme), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
