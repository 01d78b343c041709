"""A throwaway PostgreSQL cluster for the store's tests, from Debian's server binaries.

The cluster listens only on a Unix socket in its own temporary folder, trusts local
connections and skips fsync; each test gets a database of its own. As root, the server
runs as the ``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from sqlalchemy import make_url


def server_binaries() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` with ``initdb``, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(initdb: str) -> int:
    return int(Path(initdb).parent.parent.name)


class PostgresCluster:
    """A running cluster: :meth:`create_database` gives a SQLAlchemy URL to a fresh database."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="supportgym-pg-"))
        self.data = self.folder / "data"
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-c listen_addresses='' -k {self.folder} -c fsync=off -c full_page_writes=off"
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def create_database(self) -> str:
        """A new empty database, as a SQLAlchemy URL."""
        name = f"test_{uuid.uuid4().hex}"
        self._execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@/{name}?host={self.folder}"

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`create_database`, closing its connections."""
        name = make_url(url).database
        self._execute(f'DROP DATABASE "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and delete the cluster."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _execute(self, statement: str) -> None:
        with psycopg.connect(
            host=str(self.folder), user="postgres", dbname="postgres", autocommit=True
        ) as db:
            db.execute(statement)

    def _run(self, program: str, *args: str) -> None:
        command = [*self._as_postgres, str(self.binaries / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stderr.strip() or result.stdout}")
