"""The panels beside the report text: fields, outline, parts and metrics. Each shows the
items of some kinds of one report and writes only through the ReviewSession
(see :class:`~desktop.ui.panels.base.ItemPanel` for the interface the window uses)."""

from __future__ import annotations

from .base import ItemPanel
from .fields import FieldEditor, FieldsPanel
from .metrics import MetricsPanel
from .outline import OutlinePanel
from .parts import PartsPanel

__all__ = ["FieldEditor", "FieldsPanel", "ItemPanel", "MetricsPanel", "OutlinePanel", "PartsPanel"]
