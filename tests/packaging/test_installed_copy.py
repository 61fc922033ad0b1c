"""The package as pip installs it: every package listed, resources inside, and a copy that works anywhere."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_pyproject_lists_every_package_and_the_two_data_folders():
    """A package missing from the list would be missing from every installed copy."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "wzdesk").rglob("__init__.py")}
    assert set(config["packages"]) == found | {"wzdesk.resources", "wzdesk.reports"}
    assert config["package-dir"] == {"wzdesk.resources": "resources", "wzdesk.reports": "reports"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """Build the wheel and unpack it into a folder of its own, as a regular (non-editable) install does."""
    wheels, target = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("wzdesk-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    return target


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    code = "import sys, main; sys.exit(main.main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_an_installed_copy_run_from_an_empty_folder_makes_the_demo_the_notice_and_the_sheet(installed, tmp_path):
    """The templates and resources travel with the wheel: nothing is read from the checkout."""
    work = tmp_path / "空 文件夹"
    work.mkdir()
    where = _run(installed, work, "--help")
    assert where.returncode == 0, where.stderr
    probe = subprocess.run([sys.executable, "-c", "import wzdesk, wzdesk.reports; print(wzdesk.__file__)"],
                           cwd=work, env={**os.environ, "PYTHONPATH": str(installed)}, capture_output=True, text=True)
    assert Path(probe.stdout.strip()).is_relative_to(installed)
    assert (installed / "wzdesk" / "reports" / "letterhead.toml").is_file()
    assert (installed / "wzdesk" / "resources" / "icons" / "wzdesk.svg").is_file()
    db = str(work / "演示.sqlite")
    steps = [
        ("demo", "--cases", "300", "--at", "2026-11-20 10:00"),
        ("notice", "monthly", "--month", "2026-10", "--out", str(work / "通报.pdf")),
        ("sheet", "--month", "2026-10", "--out", str(work / "考核表.xlsx"), "--at", "2026-11-20 10:00"),
    ]
    for step in steps:
        done = _run(installed, work, "--db", db, *step)
        assert done.returncode == 0, (step, done.stderr)
    assert (work / "通报.pdf").read_bytes().startswith(b"%PDF")
    assert (work / "考核表.xlsx").read_bytes().startswith(b"PK")
