"""A per-document time budget: `with time_budget(60): ...` raises DocTimeout inside the block when time is up.

In a process's main thread (a local worker) the budget is a SIGALRM timer; in another thread (a Dask worker's
task thread, where signals cannot be caught) the exception is raised in that thread asynchronously. Both stop
Python code between two bytecodes (and the regex engine, which checks for signals), not a C call that never
returns: for that, the local pool also kills a worker that stays silent past its deadline (pipeline.batch.pool).
"""
from __future__ import annotations

import ctypes
import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class DocTimeout(BaseException):
    """A document over its time budget. A BaseException, so that no stage's `except Exception` can swallow it."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise DocTimeout in the block after `seconds` (None or 0: no budget)."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _async_raise(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum, frame):
        raise DocTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _async_raise(seconds: float) -> Iterator[None]:
    thread, lock, state = threading.get_ident(), threading.Lock(), {"over": False}
    set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc

    def expire() -> None:
        with lock:
            if not state["over"]:
                set_async(ctypes.c_ulong(thread), ctypes.py_object(DocTimeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["over"] = True
            timer.cancel()
            set_async(ctypes.c_ulong(thread), None)  # one scheduled but not yet raised must not escape the block
