"""Start fixture builds from a process that has already imported the engine: fork, not exec.

A fixture build is `python -m mkdocs build` (or `python -m signpost.cli ...`) in a new process.
More than half of such a process's CPU time on a small fixture site goes on importing MkDocs,
Material, static-i18n, Markdown, babel, jsonschema and signpost (about 0.7 of 1.3 CPU-seconds
for a one-page site, measured on the 2-core CI machine). pytest runs hundreds of them.

So each test process keeps a server (this file, run as a script) that imports those modules once
and then, for every command, forks a child that becomes the command: it changes to the project,
takes the test's environment and argv, points stdout/stderr at the test's files and runs the
module as `__main__` (`runpy`), exactly as `python -m` does, and exits through the normal
interpreter shutdown. Nothing of a build happens in the server, so every build still starts from
a process that has built nothing (no cache, no configuration, no logging set up); only imports
are shared.

Two servers take the commands in turn: a forked child keeps its server's hash seed, and two
consecutive builds (e.g. "the same content builds the same site") must run under different
seeds, as two fresh processes do, or an order that depends on set iteration would go unseen.

Why not a library: multiprocessing's forkserver runs Python callables, not `python -m` commands
with their own argv, cwd, environment and file descriptors, and cannot report an exit status of
a command that calls `sys.exit` from deep inside click.

`SIGNPOST_TEST_FRESH_PROCESS=1` turns this off (every command in a new process, as before).
"""

from __future__ import annotations

import atexit
import itertools
import json
import locale
import os
import signal
import subprocess
import sys
import select
import tempfile
import threading
import time
from pathlib import Path

#: The modules a command may run, per engine; anything else (git, a tool, another module) gets a new
#: process. Under ProperDocs the server has installed `properdocs.replacement` (every `mkdocs.*`
#: import is ProperDocs'), which `python -m properdocs` does first too; the signpost CLI installs it
#: itself only where it starts the engine, so it gets a new process there.
MODULES = {"mkdocs": ("mkdocs", "signpost.cli"), "properdocs": ("properdocs",)}
SERVERS = 2


def _preload(engine: str, config: Path) -> None:
    """Import what a build imports (the engine, the plugins and theme named in mkdocs.yml, the CLI)."""
    import importlib
    import importlib.metadata

    if engine == "properdocs":
        importlib.import_module("properdocs.replacement")  # before any mkdocs import, as properdocs does
    # What `python -m <engine>` and `python -m signpost.cli` import before they start (not their
    # `__main__` modules themselves: the child runs those as `__main__`, as `python -m` does).
    names = ["click", f"{engine}.config", f"{engine}.utils", f"{engine}.commands.build", "signpost.commands.arguments"]
    text = config.read_text(encoding="utf-8")
    for group in (f"{engine}.plugins", f"{engine}.themes", "mkdocs.plugins", "mkdocs.themes"):
        for entry in importlib.metadata.entry_points(group=group):
            if f"- {entry.name}" in text or f"name: {entry.name}" in text:
                names.append(entry.module)
    import yaml
    markdown = [next(iter(item)) if isinstance(item, dict) else item
                for item in yaml.load(text, Loader=_any_tag_loader()).get("markdown_extensions", [])]
    names += [f"markdown.extensions.{name}" if "." not in name else name for name in markdown]
    # What a build imports on the way (seen in a build's `sys.modules`): Material's search plugin
    # (the theme swaps it in for `search`), the highlighting Markdown pulls in, a lazy signpost module.
    names += ["material.plugins.search.plugin", "markdown.extensions.codehilite", "markdown.extensions.fenced_code",
              "pygments.lexers", "pygments.formatters", "backrefs.bre", "signpost.directory.translation"]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  the command imports it again and reports any error itself
            pass


def _any_tag_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return Loader


def _serve() -> dict:
    """The server's loop; returns only in a forked child, with the command it must become."""
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(devnull, fd)
    while True:
        line = requests.readline()
        if not line:
            os._exit(0)
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            requests.close()
            replies.close()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            return request
        replies.write(json.dumps({"pid": pid}) + "\n")
        _, status, usage = os.wait4(pid, 0)
        replies.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status),
                                  "cpu": usage.ru_utime + usage.ru_stime}) + "\n")


def _become(request: dict) -> None:
    import runpy

    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for fd, name in ((1, "stdout"), (2, "stderr")):
        target = os.open(request[name], os.O_WRONLY | os.O_TRUNC)
        os.dup2(target, fd)
        os.close(target)
    sys.argv = [request["module"], *request["args"]]
    sys.path[0] = os.getcwd()  # as `python -m` puts the working folder first
    runpy.run_module(request["module"], run_name="__main__", alter_sys=True)


class BuildServer:
    """One server process (see the module docstring); `run` is `subprocess.run` for a `python -m` command."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self.lock = threading.Lock()
        self.pending = b""
        self.folder = tempfile.TemporaryDirectory(prefix="signpost-build-server-")
        self.process = subprocess.Popen([sys.executable, __file__, engine], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=self.folder.name,
                                        env={**os.environ, "SIGNPOST_ENGINE": engine})

    def run(self, module: str, args: list[str], *, cwd: Path, env: dict[str, str], timeout: float
            ) -> subprocess.CompletedProcess:
        with self.lock, tempfile.TemporaryDirectory(prefix="signpost-command-") as scratch:
            out, err = Path(scratch) / "stdout", Path(scratch) / "stderr"
            out.touch()
            err.touch()
            request = {"module": module, "args": args, "cwd": str(cwd), "env": env,
                       "stdout": str(out), "stderr": str(err)}
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
            pid = json.loads(self._reply(timeout))["pid"]
            try:
                reply = json.loads(self._reply(timeout))
                returncode = reply["returncode"]
                global forked_cpu_seconds
                forked_cpu_seconds += reply["cpu"]
            except subprocess.TimeoutExpired:
                os.kill(pid, signal.SIGKILL)
                self._reply(timeout)
                raise
            return subprocess.CompletedProcess([sys.executable, "-m", module, *args], returncode,
                                               _text(out), _text(err))

    def _reply(self, timeout: float) -> str:
        """The server's next line, waiting at most `timeout` seconds for it."""
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise subprocess.TimeoutExpired(self.process.args, timeout)
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError("the fixture build server stopped")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.folder.cleanup()


def _startup_settings(env) -> dict[str, str]:
    """The variables Python reads once, at start-up (a forked child keeps its server's)."""
    return {name: value for name, value in env.items() if name.startswith(("PYTHON", "LC_")) or name == "LANG"}


def _text(path: Path) -> str:
    """What `subprocess.run(..., text=True)` would have returned for this output."""
    data = path.read_bytes().decode(locale.getpreferredencoding(False))
    return data.replace("\r\n", "\n").replace("\r", "\n")


_servers: dict[str, itertools.cycle] = {}
#: CPU seconds (user + system, with their own children) of the commands forked so far, for profiling:
#: they are the servers' children, not this process's, so `getrusage(RUSAGE_CHILDREN)` misses them.
forked_cpu_seconds = 0.0


def run_command(command: list[str], *, cwd: Path, env: dict[str, str], timeout: float
                ) -> subprocess.CompletedProcess:
    """`subprocess.run(command, capture_output=True, text=True)`, forked from a server when it can be."""
    engine = env.get("SIGNPOST_ENGINE", "").strip() or "mkdocs"
    forkable = (len(command) >= 3 and command[0] == sys.executable and command[1] == "-m"
                and command[2] in MODULES.get(engine, ())
                and os.environ.get("SIGNPOST_TEST_FRESH_PROCESS") != "1" and hasattr(os, "fork")
                and _startup_settings(env) == _startup_settings(os.environ))
    if not forkable:
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if engine not in _servers:
        servers = [BuildServer(engine) for _ in range(SERVERS)]
        for server in servers:
            atexit.register(server.close)
        _servers[engine] = itertools.cycle(servers)
    return next(_servers[engine]).run(command[2], command[3:], cwd=cwd, env=env, timeout=timeout)


if __name__ == "__main__":
    _engine = sys.argv[1]
    # Imports as from an empty project folder (`python -m` puts the working folder first), never
    # from tests/ (this script's folder), whose modules no build may see.
    sys.path[0] = os.getcwd()
    _preload(_engine, Path(__file__).resolve().parent.parent / "mkdocs.yml")
    _become(_serve())
