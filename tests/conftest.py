"""Test set-up: headless Qt before any QApplication, and a real database per test: a SQLite file, and for the
rule and command tests a PostgreSQL database as well (tests/postgres_server.py starts the server)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime  # Qt must see the platform before anything imports it
from pathlib import Path

import pytest

from wzdesk.models import Department, Staff
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator

T0 = datetime(2026, 10, 8, 9, 0)


# The folders whose tests run on both backends: the rules and the commands. A test about the SQLite file
# itself (its bytes, its -wal, a damaged file, sqlite3 opened on it) is marked `sqlite_only`.
BOTH_BACKENDS = ("cases", "board", "supervision", "ledger", "notices", "citizen", "performance", "cli", "demo",
                 "exchange", "models")


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: the test is about the SQLite file itself (runs on SQLite only)")
    config.addinivalue_line("markers", "both_backends: a test outside BOTH_BACKENDS that runs on PostgreSQL too")
    config.addinivalue_line("markers", "server_only: the test is about the PostgreSQL server itself (its messages)")


def pytest_generate_tests(metafunc):
    if "backend" not in metafunc.fixturenames:
        return
    metafunc.parametrize("backend", backends_of(metafunc), indirect=True)


def backends_of(metafunc) -> list[str]:
    """Return the backends a test runs on: both in BOTH_BACKENDS (unless marked sqlite_only), else SQLite."""
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return ["sqlite"]
    if metafunc.definition.get_closest_marker("server_only"):
        return [b for b in ["postgresql"] if b in os.environ.get("WZDESK_TEST_BACKENDS", "postgresql")]
    parts = metafunc.definition.path.relative_to(Path(__file__).parent).parts
    only = os.environ.get("WZDESK_TEST_BACKENDS")  # e.g. "sqlite" to run one half
    on_both = parts[0] in BOTH_BACKENDS or metafunc.definition.get_closest_marker("both_backends")
    both = ["sqlite", "postgresql"] if on_both else ["sqlite"]
    return [b for b in both if not only or b in only.split(",")]


@pytest.fixture
def backend(request):
    return request.param


@pytest.fixture(scope="session")
def pg_server():
    """The session's throwaway PostgreSQL server; fails loudly (never skips) when the binaries are missing."""
    from tests.postgres_server import Server

    server = Server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A database migrated and seeded at T0 once, copied for every test (CREATE DATABASE … TEMPLATE)."""
    url = pg_server.fresh()
    open_database(url, now=T0)
    close_database()
    return pg_server.name(url)


@pytest.fixture
def pg_database(pg_server, pg_template):
    """A fresh PostgreSQL database of the app (not opened); dropped after the test."""
    url = pg_server.fresh(pg_template)
    yield url
    close_database()
    pg_server.drop(url)


@pytest.fixture
def database(request, tmp_path, backend):
    """Open a fresh database: a file in a folder whose name has Chinese and spaces, or a PostgreSQL database
    (its URL); close it after."""
    if backend == "postgresql":
        url = request.getfixturevalue("pg_database")
        yield open_database(url, now=T0)
        close_database()
        return
    folder = tmp_path / "督办 数据"
    folder.mkdir()
    path = open_database(folder / "台账.sqlite", now=T0)
    yield path
    close_database()


@pytest.fixture
def operator(database):
    return system_operator()


@pytest.fixture
def departments(database):
    """Three departments with a leader in charge and one handler each."""
    names = ["邵阳市城市管理和综合执法局", "邵阳市生态环境局", "双清区龙须塘街道办事处"]
    depts = [Department.create(name=n, leader_name="刘志明", leader_title="副局长") for n in names]
    for dept in depts:
        Staff.create(department=dept, name="张伟", title="科员")
    return depts


@pytest.fixture
def admin(database):
    """An administrator: the `system` account of scheduled jobs may not change settings, the calendar,
    sanctions, operators or restore (DESIGN.md "Headless commands"), so tests that do act as one."""
    from wzdesk.models import Operator
    from wzdesk.office.auth import hash_password

    return Operator.create(username="chief", display_name="管理员甲", role="admin",
                           password_hash=hash_password("chief-2026"), created_at=T0)
