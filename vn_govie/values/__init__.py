"""Normalised values of MONEY, PERCENT and DATE spans."""

from .dates import parse_date
from .money import Money, parse_money, qualifier_before
from .percent import Percent, parse_percent

__all__ = ["Money", "Percent", "parse_date", "parse_money", "parse_percent", "qualifier_before"]
