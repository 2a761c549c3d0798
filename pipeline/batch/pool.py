"""Local worker processes: each input unit loaded and extracted in a worker, outcomes back in input order.

Why not multiprocessing.Pool: a pool cannot stop one stuck task, and a consumer that fails while its feeder thread
waits leaves the process hanging. Here the parent owns every worker and waits on their pipes and process
sentinels with a deadline, so that:
- a document over its budget is stopped inside the worker (pipeline.batch.budget) and that worker replaced; one
  that does not stop (a C call) is killed at its deadline (budget + GRACE) and replaced; a worker that dies
  (a segfault, the OOM killer) costs its unit an error outcome, never the run;
- outcomes come in input order, except that a unit still running HOLD seconds after it started no longer holds
  back the ones after it: they are given as they finish and it is given when it finishes;
- the input is read at most WINDOW units ahead of the outcomes given;
- when the consumer stops (a write error, Ctrl-C), every worker is killed at once: nothing is left to wait for.
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Iterable, Iterator

from pipeline.batch.work import Outcome, Skip, error_outcome, process_unit
from pipeline.ingest.load import InputError, Unit

HOLD = 2.0  # seconds a slow unit may hold back the outcomes after it
GRACE = 5.0  # seconds past the budget before a worker that has not answered is killed
WINDOW_PER_WORKER = 8  # units read ahead of the outcomes given, per worker
_DONE, _RETIRE = "done", "retire"  # end of a unit; end of a unit, and the worker exits (it ran over its budget)


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the parent dies, however it dies (kill -9 included)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _serve(conn, skip: Skip, timeout: float | None, tables: bool = False) -> None:
    """A worker: units in, outcomes out, until the parent closes the pipe or a document ran over its budget (its
    half-finished stage may have left state behind: a fresh worker, forked from the parent, takes over)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    _die_with_parent()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        seq, unit = task
        retire = False
        for outcome in process_unit(unit, skip, timeout, tables):
            conn.send((seq, outcome))
            retire = retire or outcome.timed_out
        conn.send((seq, _RETIRE if retire else _DONE))
        if retire:
            return


class _Worker:
    def __init__(self, ctx, skip: Skip, timeout: float | None, tables: bool = False):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, skip, timeout, tables), daemon=True, name="vngov-worker")
        self.proc.start()
        child.close()
        self.seq: int | None = None  # the unit it works on
        self.deadline = float("inf")

    def stop(self, wait: float = 0.0) -> None:
        """End the worker: after `wait` seconds for it to exit on its own, killed."""
        self.proc.join(wait)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()

    def exit_reason(self) -> str:
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"


@dataclass
class _Slot:
    seq: int
    source: str = ""
    started: float = 0.0
    outcomes: list[Outcome] = field(default_factory=list)
    done: bool = False


def ordered_outcomes(units: Iterable[Unit | InputError], workers: int, skip: Skip,
                     timeout: float | None, tables: bool = False) -> Iterator[Outcome]:
    """The outcomes of `units`, computed by up to `workers` processes (started as work arrives); `tables`: each
    record outcome carries its table rows too (Outcome.tables)."""
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    items = iter(units)
    window = max(2, workers * WINDOW_PER_WORKER)
    pending: deque[_Slot] = deque()  # in input order, not yet given out whole
    late: dict[int, _Slot] = {}  # past HOLD: given out as their outcomes come
    slots: dict[int, _Slot] = {}
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    seq, exhausted = 0, False
    limit = (timeout + GRACE) if timeout else float("inf")

    def dispatch(unit: Unit, slot: _Slot) -> None:
        while True:
            w = idle.pop() if idle else _Worker(ctx, skip, timeout, tables)
            try:
                w.conn.send((slot.seq, unit))
                break
            except OSError:  # an idle worker that died meanwhile: take another
                w.stop()
        w.seq, w.deadline = slot.seq, time.monotonic() + limit
        slot.started = time.monotonic()
        busy.append(w)

    def finish(w: _Worker, reason: str | None) -> None:
        """`w` ends its unit: an error outcome first when it died or was killed over it."""
        slot = slots.get(w.seq) if w.seq is not None else None
        if slot is not None and reason:
            slot.outcomes.append(error_outcome(slot.source, reason))
        if slot is not None:
            slot.done = True
        w.seq = None

    def receive(w: _Worker) -> None:
        now = time.monotonic()
        try:
            while w.conn.poll():
                s, msg = w.conn.recv()
                if msg in (_DONE, _RETIRE):
                    finish(w, None)
                    busy.remove(w)
                    if msg == _DONE:
                        idle.append(w)
                    else:
                        w.stop()
                    return
                slots[s].outcomes.append(msg)
                w.deadline = now + limit
        except (EOFError, OSError):
            pass
        if not w.proc.is_alive():
            w.proc.join()
            finish(w, f"worker process died ({w.exit_reason()}) while loading or extracting this input")
            busy.remove(w)
            w.stop()

    try:
        while True:
            while not exhausted and len(pending) + len(late) < window and (idle or len(busy) < workers):
                item = next(items, None)
                if item is None:
                    exhausted = True
                    break
                seq += 1
                slot = slots[seq] = _Slot(seq, item.source)
                pending.append(slot)
                if isinstance(item, InputError):
                    slot.outcomes.extend(process_unit(item, skip, timeout))
                    slot.done = True
                else:
                    dispatch(item, slot)

            now = time.monotonic()
            for slot in list(late.values()):
                yield from _drain(slot)
                if slot.done:
                    del late[slot.seq], slots[slot.seq]
            while pending:
                head = pending[0]
                yield from _drain(head)
                if head.done:
                    pending.popleft()
                    del slots[head.seq]
                elif now - head.started > HOLD:
                    late[head.seq] = pending.popleft()
                else:
                    break
            if exhausted and not pending and not late:
                return

            if not busy:
                continue  # what is left is done, or waits for a worker to be started
            now = time.monotonic()
            wake = min([w.deadline for w in busy] + ([pending[0].started + HOLD] if pending else []))
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                             None if wake == float("inf") else max(0.0, wake - now)))
            for w in list(busy):
                if w.conn in ready or w.proc.sentinel in ready:
                    receive(w)
            now = time.monotonic()
            for w in list(busy):
                if now >= w.deadline:
                    w.stop()
                    finish(w, f"timed out after {timeout:g} s (--doc-timeout): its worker did not stop and was killed")
                    busy.remove(w)
    finally:  # idle workers are asked to exit; busy ones (the run failed or was interrupted) are killed at once
        for w in idle:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in busy:
            w.stop()
        for w in idle:
            w.stop(wait=2.0)


def _drain(slot: _Slot) -> Iterator[Outcome]:
    out, slot.outcomes = slot.outcomes, []
    yield from out
