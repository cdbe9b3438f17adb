"""Run a producer in a forked child process and read what it yields here, as it yields it.

A build's two halves are both single-threaded Python: the generator makes pages, MkDocs turns
them into HTML. Forked, the generator works on the second core while MkDocs works on the first,
and MkDocs waits only for the pages it needs next. What the child yields crosses a pipe
pickled, in order; an exception it raises is raised here, at the point of reading; a child that
dies says so. Where forking is unavailable (Windows) or unsafe (a process with threads, as under
`mkdocs serve`: a lock another thread held at the fork would never be released in the child),
or switched off, `forked` returns None and the caller runs the producer itself.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

SWITCH = "CCM_ICA_BACKGROUND"  # "off" runs the generator in the build's own process
_VALUE, _ERROR, _END, _LOST = 0, 1, 2, 3  # _LOST: the pipe ended without _END


def enabled() -> bool:
    return (hasattr(os, "fork") and threading.active_count() == 1
            and os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "false", "no"))


def forked(produce: Callable[[], Iterable[Any]]) -> _Received | None:
    """What produce() yields, produced in a forked child; None where this process cannot fork."""
    if not enabled():
        return None
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _child(produce, os.fdopen(write, "wb"))
    os.close(write)
    return _Received(pid, os.fdopen(read, "rb"))


def _child(produce: Callable[[], Iterable[Any]], out: BinaryIO) -> None:
    """Send each value as it is made, then the end or the error; never return to the caller's code."""
    code = 0
    try:
        gc.disable()  # the child ends when the build has what it made: nothing to collect for
        for value in produce():
            pickle.dump((_VALUE, value), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()  # the parent may be waiting for this very value
        pickle.dump((_END, None), out)
    except BaseException as error:  # noqa: BLE001 - everything goes to the parent, which decides
        code = 1
        try:
            pickle.dump((_ERROR, _portable(error)), out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - the parent is gone or stopped reading
            pass
    finally:
        try:
            out.close()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(code)  # not the parent's atexit handlers, buffered output or MkDocs' cleanup


def _portable(error: BaseException) -> BaseException:
    """The error itself with the child's traceback as a note (shown where a traceback is), or a
    RuntimeError with that text if the error does not survive pickling."""
    where = "in the generator's background process:\n" + "".join(traceback.format_exception(error))
    error.add_note(where)
    try:
        pickle.loads(pickle.dumps(error, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - whatever the error's own pickling does wrong
        return RuntimeError(where)
    return error


class _Received(Iterator[Any]):
    """The child's values in order; its error raised here; the child reaped however this ends."""

    def __init__(self, pid: int, stream: BinaryIO):
        self._arrived: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
        self._reader = threading.Thread(target=_read_all, args=(stream, self._arrived),
                                        name="ccm-ica background reader", daemon=True)
        self._reader.start()
        self._pid, self._stream, self._ended = pid, stream, False

    def arrived(self) -> bool:
        """Whether next() answers without waiting for the child."""
        return self._ended or not self._arrived.empty()

    def __next__(self) -> Any:
        if self._ended:
            raise StopIteration
        kind, value = self._arrived.get()
        if kind == _VALUE:
            return value
        if kind == _LOST:
            value = RuntimeError(f"the generator's background process ended early ({_status(self._pid)})")
        self.close()
        if kind == _END:
            raise StopIteration
        raise value

    def close(self) -> None:
        if self._ended:
            return
        self._ended = True
        _reap(self._pid)  # a child still working is stopped: the reader then meets the end of the pipe
        self._reader.join()
        self._stream.close()


def _read_all(stream: BinaryIO, arrived: queue.SimpleQueue[tuple[int, Any]]) -> None:
    """Take the child's messages off the pipe as they come. A pipe holds 64 KB: unread, it would
    stop the child a few pages ahead of MkDocs instead of letting it work through to the end."""
    try:
        while True:
            message = pickle.load(stream)
            arrived.put(message)
            if message[0] in (_END, _ERROR):
                return
    except EOFError:
        arrived.put((_LOST, None))
    except Exception as error:  # noqa: BLE001 - a message that cannot be read is the child's error
        arrived.put((_ERROR, error))


def _status(pid: int) -> str:
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return f"killed by signal {-code}" if code < 0 else f"exit status {code}"


def _reap(pid: int) -> None:
    """Wait for the child; one still computing (the build failed first) is stopped."""
    try:
        if os.waitpid(pid, os.WNOHANG) == (0, 0):
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    except ChildProcessError:  # already reaped (_status)
        pass
