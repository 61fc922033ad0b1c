"""A second start on the same database brings the running window to the front instead of opening it twice."""

import os
import subprocess
import sys
import time
from pathlib import Path

from wzdesk.ui.single_instance import SingleInstance, server_name

ROOT = Path(__file__).resolve().parents[2]


def test_a_later_start_hands_over_to_the_listening_one(qtbot, tmp_path):
    db = tmp_path / "督办 台账.sqlite"
    running, later = SingleInstance(db), SingleInstance(db)
    assert not later.hand_over()  # nobody listens yet
    assert running.listen()
    with qtbot.waitSignal(running.activated, timeout=3000):
        assert later.hand_over()
    running.server.close()


def test_each_database_has_its_own_window(tmp_path):
    assert server_name(tmp_path / "a.sqlite") != server_name(tmp_path / "b.sqlite")
    assert server_name(tmp_path / "a.sqlite") == server_name(tmp_path / "x" / ".." / "a.sqlite")


def test_a_second_process_on_the_same_database_exits_and_leaves_the_first_running(tmp_path):
    db = tmp_path / "台账.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "home"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db)]
    first = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not _listening(tmp_path, db, env) and time.monotonic() < deadline:
            assert first.poll() is None, first.stderr.read().decode()
            time.sleep(0.3)
        second = subprocess.run(cmd, env=env, capture_output=True, timeout=30)
        assert second.returncode == 0, second.stderr.decode()
        assert first.poll() is None  # the first window is still there, at the front
    finally:
        first.kill()
        first.wait()


def _listening(tmp_path: Path, db: Path, env: dict) -> bool:
    probe = ("import sys; from PySide6.QtNetwork import QLocalSocket; s = QLocalSocket(); "
             f"s.connectToServer({server_name(db)!r}); sys.exit(0 if s.waitForConnected(500) else 1)")
    return subprocess.run([sys.executable, "-c", probe], env=env).returncode == 0
