"""Registered spaCy factories: ``vn_govie_patterns`` and ``vn_govie_values``."""

from .patterns import PatternEntities
from .values import ValueNormalizer

__all__ = ["PatternEntities", "ValueNormalizer"]
