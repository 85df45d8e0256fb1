"""Small process and port helpers shared by tools/meldpunt, its Python libraries and the e2e
tests: bounded polling, free ports, daemons that are not our children, signal clean-up."""

import os
import signal
import socket
import sys
import time
from pathlib import Path


class MeldpuntError(Exception):
    """A failure to report to the user as one message, without a traceback."""


def log(message):
    # Progress goes to stderr so stdout stays clean for `eval "$(tools/meldpunt infra)"`.
    print(f"meldpunt: {message}", file=sys.stderr, flush=True)


def wait_for(what, ready, timeout, interval=0.1, failed=None):
    """Polls ready() until it is true; raises after timeout seconds or as soon as failed()
    returns a reason."""
    deadline = time.monotonic() + timeout
    while not ready():
        reason = failed() if failed else None
        if reason:
            raise MeldpuntError(f"{what}: {reason}")
        if time.monotonic() >= deadline:
            raise MeldpuntError(f"{what}: not ready after {timeout:g} s")
        time.sleep(interval)


def free_port():
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_in_use(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def cleanup_on_signals(cleanup):
    """On SIGINT / SIGTERM / SIGHUP, runs cleanup() once and exits 128 + signal. For tests:
    the servers they start are daemons or in their own sessions, so an interrupted test
    (Ctrl-C, ctest stopping it) must stop them itself or they outlive it."""
    def handler(signum, frame):
        for s in STOP_SIGNALS:
            signal.signal(s, signal.SIG_IGN)
        try:
            cleanup()
        finally:
            os._exit(128 + signum)
    for s in STOP_SIGNALS:
        signal.signal(s, handler)


def tail(path, lines=40):
    try:
        with open(path, "rb") as f:
            return b"".join(f.readlines()[-lines:]).decode(errors="replace")
    except OSError as e:
        return f"({e})"


# --- processes that are not our children (daemons, or children of another meldpunt process) ---

def pid_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def pid_cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def terminate(processes, timeout=30.0):
    """Sends SIGTERM to each (pid, cmdline substring) whose command line still matches (a
    recycled pid is left alone), waits up to timeout for all, then SIGKILLs what is left.
    Returns the pids that had to be killed."""
    pids = [pid for pid, needle in processes if pid and needle in pid_cmdline(pid)]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while any(pid_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    killed = [p for p in pids if pid_alive(p)]
    for pid in killed:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return killed



def write_secret(path, text):
    """Writes a file only its owner can read (passwords, DSNs)."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)
