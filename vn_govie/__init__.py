"""vn_govie: structured facts from Vietnamese government news.

>>> import vn_govie
>>> result = vn_govie.extract("Chiều 11/10, Phó Chủ tịch UBND TP Hà Minh Hải chủ trì hội nghị.")
>>> [(e.text, e.label) for e in result.entities][:2]  # doctest: +SKIP
[('Chiều 11/10', 'DATE'), ('Phó Chủ tịch', 'POSITION')]

spaCy and underthesea load on first use, not on import.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Extraction", "ModelNotFoundError", "extract", "extract_many", "load", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("Extraction", "ModelNotFoundError", "extract", "extract_many", "load", "Entity", "Relation"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'vn_govie' has no attribute {name!r}")
