"""Fixtures for client tests: a real `crier hub serve` on a free loopback port, with a temporary
state directory. The binary is `.build/debug/crier` (build it first with `swift build`), or the
path in the CRIER_BINARY environment variable."""

import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("CRIER_BINARY", os.path.join(ROOT, ".build", "debug", "crier"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    """A running hub: its base URL, its config file, and helpers that run `crier hub …`."""

    def __init__(self, directory, port):
        self.directory = directory
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.config = os.path.join(directory, "crier.toml")
        with open(self.config, "w") as f:
            f.write(f"""
[crier]
state_dir = "state"
log_level = "warning"

[hub]
listen = "127.0.0.1:{port}"
title = "Client test hub"

[sinks.hub]
type = "hub"

[groups.news]
sink = "hub"
display_name = "News"
description = "Where the bridge posts"
""")

    def crier(self, *args, stdin=None):
        result = subprocess.run([BINARY, *args, "--config", self.config], input=stdin, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def add_user(self, name, password):
        self.crier("hub", "user", "add", name, "--password-stdin", stdin=password + "\n")

    def token(self, name):
        return self.crier("hub", "token", name)


@pytest.fixture
def hub():
    if not os.path.exists(BINARY):
        pytest.fail(f"{BINARY} is missing: run `swift build --product crier` first")
    with tempfile.TemporaryDirectory(prefix="crier-client-") as directory:
        h = Hub(directory, free_port())
        process = subprocess.Popen([BINARY, "hub", "serve", "--config", h.config], stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.time() + 30
            while True:
                try:
                    with urllib.request.urlopen(h.url + "/healthz", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.time() > deadline:
                    raise RuntimeError("crier hub serve did not start: " + (process.stderr.read() or ""))
                time.sleep(0.1)
            yield h
        finally:
            process.terminate()  # SIGTERM: graceful shutdown
            assert process.wait(timeout=20) == 0, process.stderr.read()
