"""One run at a time per output folder: `with claim(out):` holds an exclusive lock on OUT/.vngov.lock.

A second run (extract or tables) on the same folder is refused at once with FolderInUse, instead of the two
interleaving their journal lines and renaming each other's temp files. The lock is an flock, so the kernel drops
it when its holder dies, however it dies: a killed run never leaves the folder locked. Once the lock is held,
temp files that killed runs left behind (pipeline.export.files.temp_name) are removed.
"""
from __future__ import annotations

import fcntl
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_NAME = ".vngov.lock"
_TEMP = re.compile(r"^\..+\.\d+-[0-9a-f]{8}\.tmp(?:\.wal)?$")  # files.temp_name (and DuckDB's log beside one)


class FolderInUse(RuntimeError):
    """Another run holds the output folder."""


@contextmanager
def claim(out: Path) -> Iterator[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise FolderInUse(f"output folder {out} is in use by another run"
                              f"{f' (pid {holder})' if holder.isdigit() else ''}: wait for it, or choose another -o")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        for leftover in out.iterdir():
            if _TEMP.match(leftover.name):
                leftover.unlink(missing_ok=True)
        yield out
    finally:
        os.close(fd)  # releases the lock; the file stays (removing it would race a run that just opened it)
