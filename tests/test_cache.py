"""The compiled-vocabulary cache (pipeline.text.cache) and the lazy imports that keep the CLI's start short."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.text import cache

ROOT = Path(__file__).resolve().parents[1]


def test_built_once_then_loaded_and_rebuilt_when_a_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("VNGOV_CACHE_DIR", str(tmp_path / "c"))
    src = tmp_path / "surnames.txt"
    src.write_text("Nguyễn\nTrần\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return frozenset(src.read_text(encoding="utf-8").split())

    cache._digest.cache_clear()
    assert cache.cached("names", build, [src]) == {"Nguyễn", "Trần"}
    assert cache.cached("names", build, [src]) == {"Nguyễn", "Trần"} and len(builds) == 1  # loaded, not built
    src.write_text("Nguyễn\nTrần\nLê\n", encoding="utf-8")
    cache._digest.cache_clear()  # (a new process reads the file afresh)
    assert cache.cached("names", build, [src]) == {"Nguyễn", "Trần", "Lê"} and len(builds) == 2
    assert len(list((tmp_path / "c").glob("names-*.pickle"))) == 1  # the stale copy is gone


def test_a_corrupt_or_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    monkeypatch.setenv("VNGOV_CACHE_DIR", str(folder))
    src = tmp_path / "a.txt"
    src.write_text("x", encoding="utf-8")
    cache._digest.cache_clear()
    assert cache.cached("lex", lambda: [1, 2], [src]) == [1, 2]
    (pickled,) = folder.glob("lex-*.pickle")
    pickled.write_bytes(b"torn")
    assert cache.cached("lex", lambda: [1, 2], [src]) == [1, 2]
    monkeypatch.setenv("VNGOV_CACHE_DIR", str(src / "not-a-folder"))  # a path under a file cannot be made
    assert cache.cached("lex", lambda: [3], [src]) == [3]
    monkeypatch.setenv("VNGOV_CACHE", "0")
    assert cache.cache_dir() is None and cache.cached("lex", lambda: [4], [src]) == [4]


def test_cached_lexicon_equals_a_fresh_one(tmp_path):
    code = ("from pipeline.ner.recognizer import get_lexicon, Lexicon\n"
            "from pipeline.text.matcher import PhraseMatcher\n"
            "a, b = get_lexicon(), Lexicon()\n"
            "same = lambda x, y: all(getattr(x, s) == getattr(y, s) for s in PhraseMatcher.__slots__) "
            "if isinstance(x, PhraseMatcher) else x == y\n"
            "print(vars(a).keys() == vars(b).keys() and all(same(v, vars(b)[k]) for k, v in vars(a).items()))")
    env = {"VNGOV_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for _ in range(2):  # built and written, then loaded
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
        assert out.stdout.strip() == "True", out.stderr
    assert list(tmp_path.glob("lexicon-*.pickle"))


def test_the_batch_path_imports_no_heavy_library_until_it_needs_one():
    code = ("import sys, pipeline, pipeline.cli, pipeline.batch.run, pipeline.batch.journal; "
            "print(sorted(m for m in ('spacy', 'pandas', 'pyarrow', 'duckdb', 'datasette', 'underthesea') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "sqlite"])
def test_a_run_writing_jsonl_or_sqlite_tables_imports_no_pyarrow(tmp_path, fmt):
    """pyarrow (~0.35 s to import) is for the parquet, CSV and DuckDB tables only: the table schema names its types
    without it, and a run that writes JSONL or SQLite tables never loads it."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Sáng 29/7, Phó Thủ tướng Trần Hồng Hà làm việc với UBND tỉnh Lào Cai. "
                                           "Năm 2024, tổng thu ngân sách đạt 12.500 tỷ đồng.", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from pipeline.batch.run import run; "
            f"s = run([Path({str(tmp_path / 'in')!r})], Path({str(tmp_path / 'out')!r}), fmt={fmt!r}, workers=1); "
            "print(s.docs, 'pyarrow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.split() == ["1", "False"], out.stderr
    assert (tmp_path / "out" / ("people.jsonl" if fmt == "jsonl" else "vngov.sqlite")).is_file()


def test_the_cli_off_a_terminal_imports_neither_rich_nor_pyarrow_for_jsonl(tmp_path):
    """`vngov extract --format jsonl` with stderr not a terminal (a script, a pipe): no progress bar, so rich is not
    imported either (~0.1 s of every start)."""
    (tmp_path / "a.txt").write_text("Chiều 29/7, Bộ trưởng Bộ Tài chính Nguyễn Văn Thắng làm việc với UBND tỉnh Cà Mau.",
                                    encoding="utf-8")
    code = ("import sys; from pipeline.cli import app\n"
            f"sys.argv = ['vngov', 'extract', {str(tmp_path / 'a.txt')!r}, '-o', {str(tmp_path / 'out')!r}, "
            "'--format', 'jsonl', '-j', '1']\n"
            "try:\n    app()\nexcept SystemExit as e:\n    code = e.code\n"
            "print(code, sorted(m for m in ('rich', 'pyarrow', 'spacy', 'pandas') if m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []", out.stderr
    assert (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").count("\n") == 1
