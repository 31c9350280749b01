"""Shared fixtures. The statistical pipeline is loaded once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# Browser fixtures (JupyterLab server, chromium with non-local requests blocked,
# screenshots of failures) for every test module that asks for them.
pytest_plugins = ["browser_support"]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_167db89937512398.txt"
GOLD_CANDIDATES = [ROOT / "tests" / "data" / "seed_expectations.json",
                   ROOT.parent / "shared" / "gold" / "seed_expectations.json"]


@pytest.fixture(scope="session")
def nlp():
    """The default English pipeline with toolkit's components."""
    from toolkit.nlp import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def gold() -> dict:
    for path in GOLD_CANDIDATES:
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError("seed_expectations.json not found in tests/data or ../shared/gold")


@pytest.fixture(scope="session")
def seed_analysis(nlp):
    import toolkit

    return toolkit.analyze(toolkit.load_article(SEED), published="2025-03-13", nlp=nlp)
