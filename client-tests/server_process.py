"""Starts a separate `build/trailbox serve` for tests that need their own server (other flags, restarts)."""
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "build", "trailbox")


class ServerProcess:
    """`with ServerProcess("--ephemeral") as server:` gives server.endpoint; exit sends SIGTERM and waits."""

    def __init__(self, *args):
        self.args = args
        self.process = None
        self.endpoint = None
        self.exit_code = None

    def __enter__(self):
        self.process = subprocess.Popen([BINARY, "serve", "--port", "0", *self.args], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"http://([\d.]+:\d+)", line)
        if not match:
            self.process.kill()
            raise RuntimeError("trailbox did not start: " + line + self.process.stdout.read())
        self.endpoint = "http://" + match.group(1)
        return self

    def stop(self):
        if self.process and self.exit_code is None:
            self.process.terminate()
            self.exit_code = self.process.wait(timeout=10)
        return self.exit_code

    def __exit__(self, *exc):
        self.stop()
