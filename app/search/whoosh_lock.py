"""The index's write lock, and what becomes of it when its holder dies.

whoosh-reloaded locks the index with ``flock`` on its ``WRITELOCK`` file. The kernel
releases such a lock when the last descriptor of it closes, so a process that dies,
even by SIGKILL or the OOM killer, leaves no lock behind: there is no lock file to
clean up and no pid to check.

Unless the holder forked. A child forked while the lock is held inherits the
descriptor, and the lock lives on in it. A full rebuild does exactly that: its
parallel sub-writers are forked from the holder, and if the holder is killed mid-way
they wait for work forever. The index then stayed locked, every later change stayed
pending and search stale, until someone found and killed them.

So in a child forked while this process holds the lock, the inherited descriptor is
closed (the parent keeps its lock: closing a copy does not unlock it), and the child
exits once its parent is gone instead of waiting for work that will never come.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator

_held: set = set()  # the whoosh FileLock objects this process holds


@contextlib.contextmanager
def held(lock) -> Iterator[None]:
    """Marks ``lock`` (a writer's ``writelock``) as held while the block runs."""
    if lock is None:
        yield
        return
    _held.add(lock)
    try:
        yield
    finally:
        _held.discard(lock)


def _exit_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="search-index-orphan-watch", daemon=True).start()


def _after_fork_in_child() -> None:
    # No lock taken here: one held by another thread at fork time would never be released.
    inherited = list(_held)
    _held.clear()
    for lock in inherited:
        fd, lock.fd = lock.fd, None  # and its __del__ will not unlock the parent's lock
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
    if inherited:
        _exit_with_parent(os.getppid())


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)
