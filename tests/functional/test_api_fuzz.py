"""Schemathesis, run the way a client would: generated requests, valid and invalid, from
/api/v1/openapi.json against the live portal holding the demo data, with every check.

Bounded (a fixed seed and number of examples) so that it takes well under a minute; run
``schemathesis run URL --checks all`` by hand, with more examples, to look further.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

SEED = 20261203
EXAMPLES = 10


class _QuietHandler(WSGIRequestHandler):
    """A thousand requests are expected: only errors are worth a line."""

    def log_request(self, *args, **kwargs) -> None:
        pass


@pytest.fixture
def live_demo(demo_app):
    server = make_server("127.0.0.1", 0, demo_app, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def test_the_api_keeps_its_described_contract(live_demo, tmp_path):
    cli = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())"
    command = [
        sys.executable, "-c", cli, "run", f"{live_demo}/api/v1/openapi.json",
        "--checks", "all", "--max-examples", str(EXAMPLES), "--seed", str(SEED), "--workers", "1",
        "--generation-database", "none", "--request-timeout", "30", "--no-color",
        # Two cores shared by several runs: slowness is no finding.
        "--suppress-health-check", "too_slow",
    ]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "No issues found" in run.stdout
    # Every operation of the description was exercised (and the calls' are described).
    selected = re.search(r"Selected: (\d+)/(\d+)", run.stdout)
    assert selected and selected.group(1) == selected.group(2), run.stdout[-3000:]
    assert int(selected.group(2)) >= 12
    assert f"Tested: {selected.group(2)}" in run.stdout
    assert int(re.search(r"(\d+) generated", run.stdout).group(1)) >= 500
