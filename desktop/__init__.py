"""Fazhi Review: rule-of-law annual reports into a curated dataset."""

__version__ = "0.1.0"
