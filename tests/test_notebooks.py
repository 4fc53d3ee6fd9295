"""The notebooks run from top to bottom (the retraining one with its quick settings)."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.mark.parametrize("name", ["quickstart.ipynb", "retraining.ipynb"])
def test_notebook_runs(name, tmp_path):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(notebook, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


@pytest.mark.parametrize("name", ["quickstart.ipynb", "retraining.ipynb"])
def test_notebooks_are_committed_with_their_outputs(name):
    """A visitor sees results without running anything (``python notebooks/execute.py`` refreshes them)."""
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    assert sum(bool(cell.outputs) for cell in code) >= len(code) - 2
    if name == "quickstart.ipynb":
        pictures = [o for cell in code for o in cell.outputs if "text/html" in o.get("data", {})]
        assert pictures and "<mark" in pictures[0]["data"]["text/html"]
