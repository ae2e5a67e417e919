"""A tiny clamd client (standard library only): the INSTREAM command over a unix socket
or TCP. The protocol is four lines; the Python clamd libraries are unmaintained.

``zINSTREAM\\0``, then chunks each prefixed by their length (4 bytes, big-endian), then a
zero length; clamd answers ``stream: OK``, ``stream: <signature> FOUND`` or
``<reason> ERROR``, ended by ``\\0``.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 64 * 1024


class ClamdUnavailable(Exception):
    """clamd could not be reached or stopped answering: try again later."""


@dataclass(frozen=True)
class Verdict:
    infected: bool
    error: bool
    detail: str  # the signature, clamd's error, or "" when clean


def connect(address: str, timeout: float) -> socket.socket:
    """``/path/clamd.sock``, ``unix:///path/clamd.sock`` or ``tcp://host:port``."""
    if address.startswith("tcp://"):
        host, _, port = address[len("tcp://"):].rpartition(":")
        return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)
    path = address[len("unix://"):] if address.startswith("unix://") else address
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(path)
    except BaseException:
        sock.close()
        raise
    return sock


def instream(address: str, stream: BinaryIO, timeout: float = 60) -> Verdict:
    try:
        with connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = _read_reply(sock)
    except (OSError, ValueError) as exc:  # refused, reset, timed out, bad address
        raise ClamdUnavailable(f"{type(exc).__name__}: {exc}") from exc
    return parse(reply)


def _read_reply(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\0") and len(data) < 4096:
        part = sock.recv(4096)
        if not part:
            break
        data += part
    if not data:
        raise ConnectionError("clamd closed the connection without answering")
    return data.rstrip(b"\0\n").decode("utf-8", "replace")


def parse(reply: str) -> Verdict:
    text = reply.partition(": ")[2] if reply.startswith("stream: ") else reply
    if text == "OK":
        return Verdict(infected=False, error=False, detail="")
    if text.endswith(" FOUND"):
        return Verdict(infected=True, error=False, detail=text[: -len(" FOUND")][:200])
    return Verdict(infected=False, error=True, detail=reply[:200])
