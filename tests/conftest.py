"""Shared test fixtures: the reference scorer and dev corpus in ../shared (read at run time, never copied)."""
import importlib.util
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "dev"


@pytest.fixture(scope="session")
def scorer():
    """../shared/tools/score.py as a module; tests that need it skip when ../shared is absent."""
    path = SHARED / "tools" / "score.py"
    if not path.is_file():
        pytest.skip("reference scorer ../shared/tools/score.py absent")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def dev_out(tmp_path_factory):
    """A real extraction of the dev corpus (records.jsonl + the DuckDB tables), made once for the tests that read the
    tables; they build other formats from its records.jsonl."""
    if not DEV.is_dir():
        pytest.skip("dev corpus ../shared/corpus/dev absent")
    from pipeline.batch.run import run
    out = tmp_path_factory.mktemp("dev")
    run([DEV], out, fmt="duckdb", workers=1)
    return out
