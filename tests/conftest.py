"""Test set-up: headless Qt before any QApplication, and a real SQLite file per test."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime  # Qt must see the platform before anything imports it

import pytest

from wzdesk.models import Department, Staff
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator

T0 = datetime(2026, 10, 8, 9, 0)


@pytest.fixture
def database(tmp_path):
    """Open a fresh database file in a folder whose name has Chinese and spaces; close it after."""
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
