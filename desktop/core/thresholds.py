"""Thresholds more than one part of the core applies, in one place (a module of its own, so
that the window's checks import it without loading the whole extractor)."""

from __future__ import annotations

#: items read from weaker evidence than this are flagged low_confidence by the extractor,
#: and shown with a low-confidence problem by the checks
FLAG_BELOW = 0.8
