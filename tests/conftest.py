"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` data folder beside the project; skips when it is absent (a user's fresh clone)."""
    if not (SHARED / "gold" / "sentences.jsonl").exists():
        pytest.skip(f"real corpus not available: {SHARED} is absent (only CI and developers have ../shared)")
    return SHARED
