"""A real CKAN 2.11 portal on 127.0.0.1 for the publishing tests: PostgreSQL and Redis from
Debian, CKAN and ckanext-dcat from PyPI in a venv of their own, and the pgsearch plugin
beside them (tests/portal/ckanext-pgsearch: CKAN without Solr, which Debian does not
package).

Everything runs as child processes of the test run, on ports chosen free on 127.0.0.1, with
its data in one temporary folder: a PostgreSQL cluster of its own (initdb; as root, run as
the `postgres` user), a Redis without persistence, and `ckan run` (tests/portal/run_site.py:
one process sets the site up and serves it, having imported CKAN while PostgreSQL and Redis
started). stop() ends them all and removes the folder. The CKAN venv is built once (uv, from
tests/portal/requirements.txt, byte-compiled) and kept in .cache/ckan/<key>, the key a hash
of the pins and the plugin's source, with the JavaScript translations `ckan run` builds on
its first start, so a later run starts in seconds.

By hand, from the repository root: `.venv/bin/python -m tests.portal.ckan_portal` starts a portal
and prints its address and where its API token is, until Ctrl-C.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

PORTAL_DIR = Path(__file__).resolve().parent
ROOT = PORTAL_DIR.parents[1]
REQUIREMENTS = PORTAL_DIR / "requirements.txt"
PLUGIN = PORTAL_DIR / "ckanext-pgsearch"
CONFIG_TEMPLATE = PORTAL_DIR / "ckan.ini.in"
RUN_SITE = PORTAL_DIR / "run_site.py"
# Where CKAN writes the JavaScript translations it builds when `ckan run` starts (in its
# storage folder), and where a copy of them is kept beside the venv they were built from.
JS_TRANSLATIONS = Path("i18n") / "js"
KEPT_JS_TRANSLATIONS = "js-translations"
# In the portal's folder: the sysadmin's API token, readable by this user only.
TOKEN_FILE = "token"  # noqa: S105 (a file name, not a token)
SERVER_LOG = "ckan.log"
STORAGE = "storage"  # uploads, and the JavaScript translations
CACHE_DIR = ROOT / ".cache" / "ckan"
SYSADMIN = "publisher"
START_TIMEOUT_SECONDS = 90
COMMAND_TIMEOUT_SECONDS = 300
README_STEP = 'README, "Publishing to a portal"'


def postgres_bin() -> Path | None:
    """The newest PostgreSQL server programs Debian installed (initdb, pg_ctl), or None."""
    found = [path.parent for path in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    if not found:
        return None
    return max(found, key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0)


def uv_program() -> Path | None:
    """uv, which the project's venv carries (Makefile); None where there is none."""
    beside = Path(sys.executable).parent / "uv"
    if beside.exists():
        return beside
    found = shutil.which("uv")
    return Path(found) if found else None


def missing_prerequisites() -> str | None:
    """Why a portal cannot be started on this machine, or None when it can."""
    needs = []
    if postgres_bin() is None:
        needs.append("PostgreSQL (apt-get install postgresql)")
    if shutil.which("redis-server") is None:
        needs.append("Redis (apt-get install redis-server)")
    if uv_program() is None:
        needs.append("uv (make test installs it into .venv)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            needs.append("the postgres user (Debian's postgresql package creates it)")
        if shutil.which("runuser") is None:
            needs.append("runuser (util-linux)")
    if not needs:
        return None
    return f"a CKAN portal needs {', '.join(needs)}: see {README_STEP}"


# Not passed to the portal's commands: the project's venv and path, and an API token.
HIDDEN_VARIABLES = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "CKAN_API_TOKEN", "CKAN_INI")


def _environment() -> dict[str, str]:
    """What the set-up commands and CKAN see: this environment (uv's index and
    certificates among it) without the project's venv or a token."""
    return {key: value for key, value in os.environ.items() if key not in HIDDEN_VARIABLES}


def _run(command: list[str | Path], log: Path | None = None) -> str:
    """Run a set-up command; its output, or RuntimeError with the output's end."""
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        env=_environment(),
        check=False,
    )
    output = result.stdout + result.stderr
    if log is not None:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"$ {' '.join(map(str, command))}\n{output}\n")
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command[:4]))} failed: {output[-2000:]}")
    return result.stdout


def venv_key() -> str:
    """What the cached CKAN venv was built from: the pins, the plugin, this Python."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes())
    for path in sorted(PLUGIN.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
            digest.update(path.relative_to(PLUGIN).as_posix().encode() + path.read_bytes())
    digest.update(f"{sys.version_info.major}.{sys.version_info.minor}".encode())
    return digest.hexdigest()[:16]


def ckan_venv() -> Path:
    """The CKAN venv, built on first use and kept in .cache/ckan/<key> (older keys are
    removed); one builder at a time."""
    uv = uv_program()
    assert uv is not None, missing_prerequisites()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    venv = CACHE_DIR / venv_key()
    with (CACHE_DIR / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (venv / ".complete").exists():
            return venv
        for old in CACHE_DIR.iterdir():
            if old.is_dir():
                shutil.rmtree(old)
        python = venv / "bin" / "python"
        install = [uv, "pip", "install", "--quiet", "--no-deps", "--compile-bytecode"]
        _run([uv, "venv", "--quiet", "--python", sys.executable, venv])
        _run([*install, "--python", python, "-r", REQUIREMENTS])
        # Built from a copy: setuptools would leave build/ and egg-info in the checkout.
        with tempfile.TemporaryDirectory() as build:
            source = Path(build) / PLUGIN.name
            shutil.copytree(PLUGIN, source, ignore=shutil.ignore_patterns("__pycache__"))
            _run([*install, "--no-build-isolation", "--python", python, source])
        (venv / ".complete").touch()
    return venv


def free_port() -> int:
    """A TCP port nothing listens on at 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[bytes], what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port}")


@dataclass
class RunningPortal:
    """A CKAN portal this process started: its address, a sysadmin's API token, and what
    it takes to stop it."""

    url: str
    token: str = field(repr=False)
    venv: Path = field(repr=False)
    config: Path = field(repr=False)
    workdir: Path = field(repr=False)
    setup_seconds: float = 0.0
    _processes: list[subprocess.Popen[bytes]] = field(default_factory=list, repr=False)
    _postgres: tuple[list[str], str, Path] | None = field(default=None, repr=False)
    _started: float = field(default_factory=time.monotonic, repr=False)
    _server: subprocess.Popen[bytes] | None = field(default=None, repr=False)  # CKAN

    def serving(self) -> RunningPortal:
        """This portal once CKAN serves (waiting for it the first time), with its token."""
        if self.token:
            return self
        if self._server is None:
            raise RuntimeError(f"the portal at {self.url} did not start (the first wait said why)")
        port = urlsplit(self.url).port or 80
        try:
            _wait_for_port(port, self._server, "ckan run", self.workdir / SERVER_LOG)
            requests.get(f"{self.url}/api/3/action/status_show", timeout=30).raise_for_status()
            self.token = (self.workdir / TOKEN_FILE).read_text(encoding="utf-8").strip()
            storage = self.workdir / STORAGE
            _keep_js_translations(storage / JS_TRANSLATIONS, self.venv / KEPT_JS_TRANSLATIONS)
        except BaseException:
            self._server = None
            self.stop()
            raise
        self.setup_seconds = time.monotonic() - self._started
        return self

    def ckan(self, *arguments: str) -> str:
        """Run a `ckan -c CONFIG ...` command of this portal; its standard output."""
        return _run([self.venv / "bin" / "ckan", "-c", self.config, *arguments])

    def stop(self) -> None:
        """End CKAN, Redis and PostgreSQL, and remove the portal's folder."""
        for process in reversed(self._processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        self._processes.clear()
        if self._postgres is not None:
            as_postgres, pg_ctl, data = self._postgres
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                _run([*as_postgres, pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"])
            self._postgres = None
        shutil.rmtree(self.workdir, ignore_errors=True)


def _start_postgres(portal: RunningPortal, log: Path, port: int) -> None:
    """A PostgreSQL cluster of the portal's own, listening on 127.0.0.1:port only."""
    bin_dir = postgres_bin()
    assert bin_dir is not None
    as_postgres: list[str] = []
    folder = portal.workdir / "postgres"
    folder.mkdir()
    if os.geteuid() == 0:  # initdb refuses to run as root
        as_postgres = ["runuser", "-u", "postgres", "--"]
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"
    _run(
        [
            *as_postgres,
            bin_dir / "initdb",
            "-D",
            data,
            "-U",
            "ckan",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        log,
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    portal._postgres = (as_postgres, str(bin_dir / "pg_ctl"), data)
    _run(
        [
            *as_postgres,
            bin_dir / "pg_ctl",
            "-D",
            data,
            "-l",
            folder / "log",
            "-o",
            options,
            "-w",
            "start",
        ],
        log,
    )
    _run([bin_dir / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "ckan", "ckan"], log)


def _start_redis(portal: RunningPortal, log: Path, port: int) -> None:
    folder = portal.workdir / "redis"
    folder.mkdir()
    with log.open("ab") as output:
        redis = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=_environment(),
        )
    portal._processes.insert(0, redis)  # stopped after the site, which uses it
    _wait_for_port(port, redis, "redis-server", log)


def _keep_js_translations(built: Path, kept: Path) -> None:
    """A copy of the JavaScript translations `ckan run` built, beside the venv: CKAN builds
    them again only when its translations are newer than the files it finds."""
    if kept.is_dir() or not built.is_dir():
        return
    partial = Path(tempfile.mkdtemp(prefix=f".{kept.name}-", dir=kept.parent))
    shutil.copytree(built, partial / kept.name)
    with contextlib.suppress(OSError):  # another run kept its copy first
        (partial / kept.name).rename(kept)
    shutil.rmtree(partial, ignore_errors=True)


def launch_portal() -> RunningPortal:
    """Start PostgreSQL and Redis on 127.0.0.1, and CKAN, which sets itself up (a sysadmin
    and an API token) while the caller goes on: .serving() waits until it serves."""
    started = time.monotonic()
    venv = ckan_venv()
    workdir = Path(tempfile.mkdtemp(prefix="ckan-portal-"))
    workdir.chmod(0o755)  # the postgres user reaches its data folder through it
    port = free_port()
    portal = RunningPortal(
        url=f"http://127.0.0.1:{port}",
        token="",
        venv=venv,
        config=workdir / "ckan.ini",
        workdir=workdir,
        _started=started,
    )
    log = workdir / "setup.log"
    try:
        postgres_port, redis_port = free_port(), free_port()
        storage = workdir / STORAGE
        storage.mkdir()
        kept = venv / KEPT_JS_TRANSLATIONS
        if kept.is_dir():  # else `ckan run` builds them, a second and a half
            shutil.copytree(kept, storage / JS_TRANSLATIONS)
        template = string.Template(CONFIG_TEMPLATE.read_text(encoding="utf-8"))
        portal.config.write_text(
            template.substitute(
                secret=secrets.token_urlsafe(32),
                postgres_port=postgres_port,
                redis_port=redis_port,
                port=port,
                storage=storage,
            ),
            encoding="utf-8",
        )
        # One process imports CKAN while PostgreSQL and Redis start, then runs `ckan db
        # init` (the activity plugin's tables too), `ckan user add`, `ckan sysadmin add`,
        # `ckan user token add` (into TOKEN_FILE) and `ckan run`.
        with (workdir / SERVER_LOG).open("ab") as output:
            server = subprocess.Popen(
                [
                    str(venv / "bin" / "python"),
                    str(RUN_SITE),
                    str(portal.config),
                    SYSADMIN,
                    "publisher@example.org",
                    secrets.token_urlsafe(16),
                    str(workdir / TOKEN_FILE),
                    "127.0.0.1",
                    str(port),
                ],
                stdin=subprocess.PIPE,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=_environment(),
            )
        portal._processes.append(server)
        portal._server = server
        _start_postgres(portal, log, postgres_port)
        _start_redis(portal, log, redis_port)
        assert server.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # it exited: serving() says why
            server.stdin.write(b"PostgreSQL and Redis are up\n")
            server.stdin.close()
    except BaseException:
        portal.stop()
        raise
    return portal


def start_portal() -> RunningPortal:
    """Start PostgreSQL, Redis and CKAN on 127.0.0.1, with a sysadmin and an API token;
    return once CKAN serves."""
    return launch_portal().serving()


def main() -> None:
    """Start a portal, say where it is, and keep it until Ctrl-C."""
    reason = missing_prerequisites()
    if reason:
        sys.exit(reason)
    portal = start_portal()
    token_file = portal.workdir / TOKEN_FILE
    print(f"CKAN at {portal.url} (set up in {portal.setup_seconds:.1f} s)")
    print(f"a sysadmin's API token is in {token_file}; Ctrl-C stops the portal")
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        portal.stop()


if __name__ == "__main__":
    main()
