"""A database write that meets a full disk says so in Chinese, exits 1, and leaves the database as it was."""

import sqlite3

import openpyxl

from wzdesk.cli import common
from wzdesk.cli.main import main
from wzdesk.models import db


def case_list(path, rows: int):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["工单编号", "标题", "诉求内容", "受理时间", "派单时间", "承办单位", "分级", "办理状态"])
    for n in range(rows):
        sheet.append([f"P-{n:06d}", f"路灯不亮{n}", "夜里整条街没有灯，" * 20, "2026-11-01 08:00",
                      "2026-11-01 09:00", f"单位{n % 30}", "小", "已派单"])
    workbook.save(path)
    return path


def test_an_import_onto_a_full_disk_is_refused_in_chinese_and_writes_nothing(tmp_path, monkeypatch, capsys):
    live = tmp_path / "live.sqlite"
    assert main(["--db", str(live), "demo", "--cases", "20", "--seed", "1"]) == 0
    source = case_list(tmp_path / "清单.xlsx", 3000)
    real_open = common.open_database

    def open_on_a_nearly_full_disk(path, **kwargs):
        opened = real_open(path, **kwargs)
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(f"PRAGMA max_page_count = {pages + 40}")  # SQLite's own way to meet a full disk
        return opened

    monkeypatch.setattr(common, "open_database", open_on_a_nearly_full_disk)
    capsys.readouterr()
    assert main(["--db", str(live), "import", str(source), "--at", "2026-11-20 10:00"]) == 1
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "内部错误" not in err
    with sqlite3.connect(live) as con:
        assert con.execute('SELECT count(*) FROM "case"').fetchone()[0] == 20
    monkeypatch.setattr(common, "open_database", real_open)
    assert main(["--db", str(live), "audit-verify"]) == 0
