"""An in-memory queue of events in front of the database, so that recording an event
costs a page next to nothing and a briefly busy database loses nothing.

`EventBuffer.add` appends to a deque. A daemon thread (`start`) writes what has gathered
every `interval` seconds, or sooner when `batch_size` items are waiting, and once more at
process exit. A write that fails with `OperationalError` (database locked or briefly
unreachable) is retried with growing pauses; after the last retry the batch goes back to
the front of the queue for the next flush. The queue holds at most `capacity` items: beyond
that the oldest are dropped and counted, and the count is logged as a warning at the next
flush. Any other error is a bug, not a busy database: the batch is logged and dropped, so
that one bad event cannot block the ones behind it forever.

The buffer knows nothing of models: `write` does the work (see `services._write_batch`)."""

import atexit
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from django.db import OperationalError

logger = logging.getLogger(__name__)

T = TypeVar("T")


class EventBuffer(Generic[T]):
    def __init__(
        self,
        *,
        write: Callable[[list[T]], None],
        batch_size: int = 500,
        capacity: int = 100_000,
        interval: float = 1.0,
        retry_delays: Sequence[float] = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6),
        sleep: Callable[[float], None] = time.sleep,
        after_flush: Callable[[], None] = lambda: None,
    ) -> None:
        self.write = write
        self.batch_size = batch_size
        self.capacity = capacity
        self.interval = interval
        self.retry_delays = tuple(retry_delays)
        self.sleep = sleep
        self.after_flush = after_flush
        self.dropped = 0
        self._items: deque[T] = deque()
        self._reset_threading()
        os.register_at_fork(after_in_child=self._after_fork)

    def _reset_threading(self) -> None:
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def _after_fork(self) -> None:
        # A forked worker starts empty: its parent writes what it had queued. The locks may
        # have been held by a thread that does not exist in the child.
        self._items = deque()
        self.dropped = 0
        self._reset_threading()

    def __len__(self) -> int:
        return len(self._items)

    def add(self, item: T) -> None:
        with self._lock:
            if len(self._items) >= self.capacity:
                self._items.popleft()
                self.dropped += 1
            self._items.append(item)
            full = len(self._items) >= self.batch_size
        if full:
            self._wake.set()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.dropped = 0

    def flush(self) -> int:
        """Write everything queued now, in batches; return how many items were written."""
        written = 0
        with self._flush_lock:
            self._report_drops()
            while batch := self._take():
                outcome = self._write_with_retries(batch)
                if outcome is None:
                    self._put_back(batch)
                    break
                written += outcome
        return written

    def start(self) -> None:
        """Start the background flusher in this process (again after a fork); idempotent."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._run, name="analytics-flusher", daemon=True)
            self._thread.start()
        atexit.register(self._flush_at_exit)

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            try:
                self.flush()
            except Exception:  # the flusher must outlive any one failure
                logger.exception("Writing measurement events failed")
            finally:
                self.after_flush()

    def _flush_at_exit(self) -> None:
        self.retry_delays = self.retry_delays[:3]
        try:
            self.flush()
        except Exception:  # at exit there is no one left to tell but the log
            logger.exception("Writing measurement events at exit failed")

    def _take(self) -> list[T]:
        with self._lock:
            count = min(self.batch_size, len(self._items))
            return [self._items.popleft() for _ in range(count)]

    def _put_back(self, batch: list[T]) -> None:
        with self._lock:
            self._items.extendleft(reversed(batch))
            while len(self._items) > self.capacity:
                self._items.popleft()
                self.dropped += 1

    def _report_drops(self) -> None:
        with self._lock:
            dropped, self.dropped = self.dropped, 0
        if dropped:
            logger.warning("Dropped %d measurement events: the buffer was full (capacity %d)", dropped, self.capacity)

    def _write_with_retries(self, batch: list[T]) -> int | None:
        """The number written (0 when the batch was dropped as broken), or None when the
        database stayed busy through every retry."""
        for delay in (*self.retry_delays, None):
            try:
                self.write(batch)
            except OperationalError as error:
                if delay is None:
                    logger.warning("Database still busy, %d measurement events wait for the next flush", len(batch))
                    return None
                logger.info("Database busy (%s), retrying %d measurement events in %.2fs", error, len(batch), delay)
                self.sleep(delay)
            except Exception:
                logger.exception("Dropped %d measurement events that could not be written", len(batch))
                return 0
            else:
                return len(batch)
        return None  # not reached: the loop returns on its last round
