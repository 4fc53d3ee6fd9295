"""Normalised values of MONEY, PERCENT and DATE spans."""

from .dates import parse_date
from .money import Money, parse_money, qualifier_before
from .numbers import ImpossibleValue
from .percent import Percent, parse_percent

__all__ = ["ImpossibleValue", "Money", "Percent", "parse_date", "parse_money", "parse_percent", "qualifier_before"]
