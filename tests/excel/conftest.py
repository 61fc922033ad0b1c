"""Fixtures for the Excel tests: real .xlsx files written with openpyxl into tmp_path."""

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from .workbooks import write_xlsx

WriteXlsx = Callable[..., Path]


@pytest.fixture
def xlsx(tmp_path: Path) -> WriteXlsx:
    """Return a function writing rows to an .xlsx file in tmp_path (name= picks the file name)."""

    def make(rows: Sequence[Sequence[object]], name: str = "工单清单.xlsx", **options: object) -> Path:
        return write_xlsx(tmp_path / name, rows, **options)

    return make
