"""Adversarial inputs: files built to hang, exhaust memory or crash."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # lets the tests import the generators beside them
    sys.path.insert(0, str(HERE))
