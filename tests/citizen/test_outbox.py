"""The SMS outbox: the gateway workbook read back by two readers, and marking sent or failed."""

from datetime import datetime, timedelta

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tests.citizen.citizen_helpers import replied_case
from wzdesk.cases import lifecycle
from wzdesk.citizen import outbox
from wzdesk.errors import UserError
from wzdesk.models import CaseEvent, ProgressMessage

T = datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def outbox_cases(operator, departments):
    """Two replied cases with phones, one case without; one old message already sent."""
    first = replied_case(departments[0], T, operator, phone="13812345678")
    second = replied_case(departments[1], T, operator, title="夜间施工噪音", phone="15907390001")
    lifecycle.intake({"title": "无电话的诉求"}, T, operator)
    ProgressMessage.update(status="sent").where(ProgressMessage.id == 1).execute()
    return first, second


def test_export_carries_the_real_number_and_only_pending_messages(outbox_cases, operator, tmp_path, admin):
    """Read back with openpyxl and calamine: pending rows only, full numbers, no internal notes."""
    out = tmp_path / "短信 网关.xlsx"
    ids = outbox.export_for_gateway(out, T + timedelta(days=1), admin)
    expected = [(m.id, m.case.petitioner_phone, m.text, m.case.code) for m in
                ProgressMessage.select().where(ProgressMessage.status == "pending").order_by(ProgressMessage.id)]
    assert ids == [row[0] for row in expected] and 1 not in ids and len(ids) == 7
    sheet = openpyxl.load_workbook(out).active
    assert "完整手机号码" in sheet["A1"].value
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("序号", "手机号码", "短信内容", "工单编号")
    assert [tuple(r) for r in rows[1:]] == expected
    calamine = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert [(int(r[0]), *r[1:]) for r in calamine[3:]] == expected
    assert all("内部" not in r[2] and "13900001111" not in r[2] for r in expected)
    assert CaseEvent.get(CaseEvent.action == "outbox_export").data.count(",") == len(ids) - 1


def test_mark_sent_then_failed_with_reason_and_refusals_write_nothing(outbox_cases, operator):
    at = T + timedelta(days=1)
    assert outbox.mark(outbox.parse_ids("2,3 5-6"), at, operator) == 4
    assert {m.id for m in ProgressMessage.select().where(ProgressMessage.status == "sent")} == {1, 2, 3, 5, 6}
    assert outbox.mark([4], at, operator, failed_reason="空号") == 1
    assert ProgressMessage.get_by_id(4).error == "空号"
    events = CaseEvent.select().count()
    with pytest.raises(UserError, match="已登记为已发送"):
        outbox.mark([2, 7], at, operator)
    with pytest.raises(UserError, match="没有序号为 999"):
        outbox.mark([7, 999], at, operator)
    with pytest.raises(UserError, match="失败的原因"):
        outbox.mark([7], at, operator, failed_reason=" ")
    assert ProgressMessage.get_by_id(7).status == "pending" and CaseEvent.select().count() == events


def test_export_refuses_an_empty_outbox(operator, departments, tmp_path, admin):
    with pytest.raises(UserError, match="没有待发送"):
        outbox.export_for_gateway(tmp_path / "空.xlsx", T, admin)
    assert not (tmp_path / "空.xlsx").exists()


def test_ids_are_parsed_from_lists_and_ranges():
    assert outbox.parse_ids(["3", "5,7-9", "，10"]) == [3, 5, 7, 8, 9, 10]
    with pytest.raises(UserError, match="不是消息序号"):
        outbox.parse_ids("3 abc")
