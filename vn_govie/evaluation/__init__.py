"""Scoring of predicted against gold annotations."""
