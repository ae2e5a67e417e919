"""A fake clamd for the tests: a thread speaking the INSTREAM protocol on a unix socket or
a TCP port of 127.0.0.1. It finds the EICAR test string, nothing else.

clamd itself is not on the test machines; the client under test is the portal's own, and
this server follows clamd's documented protocol (``zINSTREAM\\0``, length-prefixed chunks,
a zero length, a ``\\0``-terminated reply).
"""

from __future__ import annotations

import os
import socket
import struct
import threading
from pathlib import Path

from tests.file_samples import EICAR


class FakeClamd:
    def __init__(self, path: Path | None = None) -> None:
        self.reply_error = False  # answer "INSTREAM size limit exceeded. ERROR"
        self.scanned: list[bytes] = []
        if path is not None:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self._sock.bind(str(path))
            self.address = str(path)
        else:
            self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._sock.bind(("127.0.0.1", 0))
            self.address = f"tcp://127.0.0.1:{self._sock.getsockname()[1]}"
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-clamd", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()
        if not self.address.startswith("tcp://"):
            os.unlink(self.address)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5)
                self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        stream = conn.makefile("rb")
        command = b""
        while not command.endswith(b"\0"):
            byte = stream.read(1)
            if not byte:
                return
            command += byte
        if command != b"zINSTREAM\0":
            conn.sendall(b"UNKNOWN COMMAND\0")
            return
        data = b""
        while True:
            (length,) = struct.unpack("!L", stream.read(4))
            if length == 0:
                break
            data += stream.read(length)
        self.scanned.append(data)
        if self.reply_error:
            conn.sendall(b"INSTREAM size limit exceeded. ERROR\0")
        elif EICAR in data:
            conn.sendall(b"stream: Eicar-Test-Signature FOUND\0")
        else:
            conn.sendall(b"stream: OK\0")
