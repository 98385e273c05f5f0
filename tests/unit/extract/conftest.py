"""Shared fixtures: one Extractor per session, so each spaCy pipeline loads once."""

from __future__ import annotations

import pytest

from daemon.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The default-host extractor, shared by every test that runs the pipeline."""
    return Extractor()
