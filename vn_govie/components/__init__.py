"""Registered spaCy factories: ``vn_govie_patterns``, ``vn_govie_gazetteer``, ``vn_govie_span_rules``,
``vn_govie_values``, ``vn_govie_relations``."""

from .gazetteer_entities import GazetteerEntities
from .patterns import PatternEntities
from .relations import RelationExtractor
from .span_rules import SpanRules
from .values import ValueNormalizer

__all__ = ["GazetteerEntities", "PatternEntities", "RelationExtractor", "SpanRules", "ValueNormalizer"]
