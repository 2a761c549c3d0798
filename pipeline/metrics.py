"""Stage 5, metrics (skeleton; issue 4 brings the grammar of Vietnamese quantities)."""
from __future__ import annotations


def find_metrics(text: str) -> list[dict]:
    return []
