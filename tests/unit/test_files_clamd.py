"""The clamd client: clamd's three kinds of answer, and a stream sent in chunks."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pytest

from app.files.clamd import ClamdUnavailable, Verdict, instream, parse
from tests.fake_clamd import FakeClamd
from tests.file_samples import EICAR


@pytest.mark.parametrize(("reply", "verdict"), [
    ("stream: OK", Verdict(False, False, "")),
    ("stream: Win.Test.EICAR_HDB-1 FOUND", Verdict(True, False, "Win.Test.EICAR_HDB-1")),
    ("INSTREAM size limit exceeded. ERROR", Verdict(False, True, "INSTREAM size limit exceeded. ERROR")),
    ("stream: Can't allocate memory ERROR", Verdict(False, True, "stream: Can't allocate memory ERROR")),
    ("something unexpected", Verdict(False, True, "something unexpected")),  # never taken as clean
])
def test_clamds_answers(reply, verdict):
    assert parse(reply) == verdict


@pytest.fixture(params=["unix", "tcp"])
def server(request):
    folder = Path(tempfile.mkdtemp(prefix="clamd-"))
    fake = FakeClamd(folder / "clamd.sock" if request.param == "unix" else None)
    yield fake
    fake.close()
    shutil.rmtree(folder)


def test_a_large_stream_goes_in_chunks_and_arrives_whole(server):
    data = bytes(range(256)) * 1000  # 256 000 bytes: several chunks
    assert instream(server.address, io.BytesIO(data), timeout=5) == Verdict(False, False, "")
    assert server.scanned == [data]


def test_the_test_signature_is_found_even_across_chunks(server):
    data = b"\0" * (64 * 1024 - 10) + EICAR
    assert instream(server.address, io.BytesIO(data), timeout=5).infected


@pytest.mark.parametrize("address", ["/nonexistent/clamd.sock", "tcp://127.0.0.1:1", "tcp://nowhere"])
def test_an_unreachable_or_wrong_address_is_unavailable_not_clean(address):
    with pytest.raises(ClamdUnavailable):
        instream(address, io.BytesIO(b"data"), timeout=2)
