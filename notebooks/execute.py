"""Run the notebooks top to bottom and save them with their outputs, so a visitor sees results.

    python notebooks/execute.py [NAME ...]

The retraining notebook runs with its quick settings. Outputs hold only the seed article,
text written for the project and scores: no outside text (tests/test_outside_text.py checks).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
NOTEBOOKS = ("quickstart.ipynb", "retraining.ipynb")


def execute(name: str) -> None:
    """Execute one notebook in this folder and write it back with its outputs."""
    path = HERE / name
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=1800, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
    nbformat.write(notebook, path)
    print(f"{name}: {sum(len(c.get('outputs', [])) for c in notebook.cells)} outputs")


if __name__ == "__main__":
    for name in sys.argv[1:] or NOTEBOOKS:
        execute(name)
