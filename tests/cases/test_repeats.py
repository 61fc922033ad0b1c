"""Repeat complaints (issue 23): similar cases found, merged into one, every petitioner informed, undone."""

from datetime import datetime, timedelta

import pytest
from python_calamine import CalamineWorkbook

from wzdesk.board.counts import board_counts
from wzdesk.cases import lifecycle, repeats
from wzdesk.errors import UserError
from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.tracking import case_detail, render_track
from wzdesk.models import Case, CaseEvent, Category, ProgressMessage
from wzdesk.notices.monthly import month_figures
from wzdesk.performance import metrics
from wzdesk.performance import sheet as perf_sheet
from wzdesk.supervision.ladder import run_ladder

DAY1 = datetime(2026, 10, 12, 9, 0)  # Monday
DAY2 = DAY1 + timedelta(days=1)
COMMUNITY = "桃花社区"


@pytest.fixture
def lights(database):
    return Category.get(Category.name == "路灯不亮")


def _intake(title, phone, at, category, operator, community=COMMUNITY, name="李明"):
    return lifecycle.intake({"title": title, "petitioner_phone": phone, "petitioner_name": name,
                             "community": community, "category": category}, at, operator)


def _fresh(case) -> Case:
    return Case.get_by_id(case.id)


@pytest.fixture
def first(lights, operator, departments):
    """The first report of the light, dispatched to the city management bureau."""
    case = _intake("小区路灯不亮", "13812345678", DAY1, lights, operator)
    lifecycle.dispatch(case, departments[0], DAY1 + timedelta(hours=1), operator)
    return _fresh(case)


def test_two_titles_in_different_words_for_one_light_are_similar(first, lights):
    found = repeats.similar_cases("路灯坏了晚上很黑", DAY2, COMMUNITY, lights.id, "13900001111")
    assert [s.code for s in found] == [first.code]
    assert found[0].shared_pairs == ("路灯",)
    assert found[0].holder == "邵阳市城市管理和综合执法局"
    assert found[0].status_label == "已派单"
    assert first.code in found[0].line() and "标题相近" in found[0].line()


def test_another_community_another_category_or_an_old_case_is_not_similar(first, lights, departments):
    other = Category.get(Category.name == "噪音扰民")
    assert repeats.similar_cases("路灯坏了", DAY2, "李子园社区", lights.id) == []
    assert repeats.similar_cases("路灯坏了", DAY2, COMMUNITY, other.id) == []
    assert repeats.similar_cases("路灯坏了", DAY1 + timedelta(days=31), COMMUNITY, lights.id) == []
    assert repeats.similar_cases("井盖丢失", DAY2, COMMUNITY, lights.id) == []  # no pair in common


def test_the_same_phone_matches_in_any_community_and_ranks_first(first, lights, operator):
    closer = _intake("桃花社区路灯不亮了", "13700002222", DAY1 + timedelta(hours=2), lights, operator)
    found = repeats.similar_cases("路灯不亮", DAY2, COMMUNITY, lights.id, "138 1234 5678")
    # Dice on pairs: first shares 路灯 灯不 不亮 of 5+3 pairs (0.75) plus 1 for the phone; closer 3 of 8+3 (0.545)
    assert [s.code for s in found] == [first.code, closer.code]
    assert found[0].same_phone and found[0].score == pytest.approx(1.75)
    assert found[1].score == pytest.approx(round(6 / 11, 4))
    alone = repeats.similar_cases("别的事", DAY2, "", None, "13812345678")
    assert [s.code for s in alone] == [first.code] and alone[0].reason == "同一号码"


def test_merge_closes_the_repeat_as_merged_with_an_event_on_both(first, lights, operator):
    second = _intake("路灯坏了晚上很黑", "13900001111", DAY2, lights, operator, name="王芳")
    repeats.merge(second, first, DAY2 + timedelta(minutes=5), operator)
    second, first = _fresh(second), _fresh(first)
    assert second.status == "merged" and second.merged_into_id == first.id
    assert first.status == "dispatched"
    last = CaseEvent.select().where(CaseEvent.case == second.id).order_by(CaseEvent.id.desc()).first()
    assert (last.action, last.from_status, last.to_status) == ("merge", "received", "merged")
    assert first.code in last.note
    main_event = CaseEvent.select().where(CaseEvent.case == first.id).order_by(CaseEvent.id.desc()).first()
    assert main_event.action == "repeat_merged" and second.code in main_event.note
    detail = case_detail(second, DAY2 + timedelta(hours=1))
    assert detail["merged_into"] == first.code and detail["holder"] == f"已并入工单 {first.code}"
    assert case_detail(first, DAY2 + timedelta(hours=1))["repeats"] == [second.code]
    assert f"合并到工单 {first.code}" in render_track(second, DAY2)
    assert f"并入本件的重复诉求 1 件：{second.code}" in render_track(first, DAY2)
    # the merged repeat is no longer an open case: only the main case is offered
    assert [s.code for s in repeats.similar_cases("路灯坏了", DAY2, COMMUNITY, lights.id)] == [first.code]


def _texts(case) -> list[tuple[str, str]]:
    return [(m.trigger, m.text) for m in ProgressMessage.select().where(ProgressMessage.case == case.id)
            .order_by(ProgressMessage.id)]


def test_both_petitioners_get_the_main_cases_progress_and_the_repeat_is_asked_for_a_rating(first, lights,
                                                                                           operator):
    second = _intake("路灯坏了晚上很黑", "13900001111", DAY2, lights, operator, name="王芳")
    repeats.merge(second, first, DAY2 + timedelta(minutes=5), operator)
    lifecycle.accept(_fresh(first), DAY2 + timedelta(hours=1), operator)
    lifecycle.reply(_fresh(first), "已更换灯泡", DAY2 + timedelta(hours=5), operator)
    lifecycle.verify(_fresh(first), True, "路灯已亮", DAY2 + timedelta(hours=8), operator)
    lifecycle.close(_fresh(first), DAY2 + timedelta(hours=9), operator)
    mine = _texts(second)
    assert [t for t, _ in mine] == ["received", "merged", "accepted", "replied", "repeat_closed"]
    assert all(first.code in text for _, text in mine[1:])
    assert "请回复对办理结果的评价" in mine[-1][1] and second.code in mine[-1][1]
    assert [t for t, _ in _texts(first)] == ["received", "dispatched", "accepted", "replied", "closed"]
    # each message goes to its own petitioner's number
    rows = ProgressMessage.select().where(ProgressMessage.trigger == "accepted")
    assert sorted(m.case.petitioner_phone for m in rows) == ["13812345678", "13900001111"]


def test_the_board_the_ladder_and_the_sheet_count_the_main_case_once(first, lights, operator, departments):
    second = _intake("路灯坏了晚上很黑", "13900001111", DAY2, lights, operator, name="王芳")
    lifecycle.dispatch(second, departments[0], DAY2 + timedelta(hours=1), operator)  # sent before anyone noticed
    dept = departments[0].name
    assert board_counts(DAY2 + timedelta(hours=2))[dept]["green"] == 2
    repeats.merge(_fresh(second), first, DAY2 + timedelta(hours=2), operator)
    assert board_counts(DAY2 + timedelta(hours=3))[dept] == {"green": 1, "yellow": 0, "orange": 0, "red": 0,
                                                             "grey": 0}
    # neither case was signed for: one reminder letter, for the main case only
    produced = run_ladder(DAY2 + timedelta(days=2), operator)
    assert [(p.case, p.step) for p in produced] == [(first.code, "reminder_letter")]
    row = next(r for r in metrics.month_of("2026-10", datetime(2026, 10, 31, 18)) if r.name == dept)
    assert (row.received, row.response_due, row.repeats) == (1, 1, 1)


def test_the_sheet_has_a_column_of_repeats_gathered(first, lights, operator, departments, tmp_path):
    for n, phone in enumerate(("13900001111", "13900002222")):
        repeat = _intake(f"路灯坏了{n}", phone, DAY2, lights, operator)
        repeats.merge(repeat, first, DAY2 + timedelta(minutes=n + 1), operator)
    out = tmp_path / "考核 表.xlsx"
    perf_sheet.write_sheet(out, "2026-10", datetime(2026, 10, 31, 18))
    grid = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("月度考核").to_python()
    column = grid[2].index("合并重复诉求")
    by_name = {r[1]: r for r in grid[3:]}
    assert by_name[departments[0].name][column] == 2
    assert by_name[departments[0].name][grid[2].index("受理件数")] == 1


def test_unmerge_restores_the_repeat_exactly_with_an_event(first, lights, operator, departments):
    second = _intake("路灯坏了晚上很黑", "13900001111", DAY2, lights, operator, name="王芳")
    lifecycle.dispatch(second, departments[1], DAY2 + timedelta(hours=1), operator)
    before = _fresh(second).__data__.copy()
    repeats.merge(_fresh(second), first, DAY2 + timedelta(hours=2), operator)
    repeats.unmerge(_fresh(second), DAY2 + timedelta(hours=3), operator)
    after = _fresh(second).__data__
    changed = {k for k in before if before[k] != after[k]}
    # Issue 24: every change of a case bumps its version (the merge and the unmerge: two).
    assert changed == {"updated_at", "version"}
    assert after["version"] == before["version"] + 2
    last = CaseEvent.select().where(CaseEvent.case == second.id).order_by(CaseEvent.id.desc()).first()
    assert (last.action, last.from_status, last.to_status) == ("unmerge", "merged", "dispatched")
    assert CaseEvent.select().where(CaseEvent.case == first.id, CaseEvent.action == "repeat_unmerged").count() == 1
    assert case_detail(_fresh(first), DAY2 + timedelta(hours=4))["repeats"] == []
    with pytest.raises(UserError, match="没有被合并"):
        repeats.unmerge(_fresh(second), DAY2 + timedelta(hours=4), operator)


def _closed_main(first, operator):
    lifecycle.accept(_fresh(first), DAY1 + timedelta(hours=2), operator)
    lifecycle.reply(_fresh(first), "已修复", DAY1 + timedelta(hours=5), operator)
    lifecycle.verify(_fresh(first), True, "路灯已亮", DAY1 + timedelta(hours=6), operator)
    return lifecycle.close(_fresh(first), DAY1 + timedelta(hours=7), operator)


def test_a_closed_main_case_is_reopened_only_when_the_clerk_says_so(first, lights, operator):
    main = _closed_main(first, operator)
    second = _intake("路灯又不亮了", "13900001111", DAY2, lights, operator)
    with pytest.raises(UserError, match=r"已办结.*重新办理主件.*新工单"):
        repeats.merge(second, _fresh(main), DAY2 + timedelta(hours=1), operator)
    assert _fresh(second).status == "received" and _fresh(main).status == "closed"
    repeats.merge(_fresh(second), _fresh(main), DAY2 + timedelta(hours=1), operator, reopen=True)
    assert _fresh(main).status == "in_progress" and _fresh(second).status == "merged"
    reopen = CaseEvent.select().where(CaseEvent.case == main.id, CaseEvent.action == "reopen").get()
    assert second.code in reopen.note


@pytest.mark.parametrize("what", ["itself", "chain", "closed repeat"])
def test_merges_that_make_no_sense_are_refused_in_chinese(first, lights, operator, what):
    second = _intake("路灯坏了", "13900001111", DAY2, lights, operator)
    third = _intake("路灯坏了很久", "13900003333", DAY2, lights, operator)
    if what == "itself":
        with pytest.raises(UserError, match="不能合并到它自己"):
            repeats.merge(second, second, DAY2, operator)
    elif what == "chain":
        repeats.merge(second, first, DAY2, operator)
        with pytest.raises(UserError, match="本身已并入"):
            repeats.merge(third, _fresh(second), DAY2, operator)
    else:
        main = _closed_main(first, operator)
        with pytest.raises(UserError, match="已办结，不能作为重复诉求"):
            repeats.merge(_fresh(main), third, DAY2, operator)


def test_the_done_when_story_through_the_service(lights, operator, departments):
    """Two reports of one light from two people a day apart: flagged, merged, counted once, informed, undone."""
    one = _intake("小区路灯不亮", "13812345678", DAY1, lights, operator, name="李明")
    lifecycle.dispatch(one, departments[0], DAY1 + timedelta(hours=1), operator)
    flagged = repeats.similar_cases("路灯坏了晚上很黑", DAY2, COMMUNITY, lights.id, "13900001111")
    assert [s.code for s in flagged] == [one.code]
    two = _intake("路灯坏了晚上很黑", "13900001111", DAY2, lights, operator, name="王芳")
    repeats.merge(two, _fresh(one), DAY2 + timedelta(minutes=10), operator)
    dept = departments[0].name
    assert sum(board_counts(DAY2 + timedelta(hours=1))[dept].values()) == 1
    lifecycle.accept(_fresh(one), DAY2 + timedelta(hours=1), operator)
    accepted = ProgressMessage.select().where(ProgressMessage.trigger == "accepted")
    assert sorted(m.case.code for m in accepted) == sorted([one.code, two.code])
    repeats.unmerge(_fresh(two), DAY2 + timedelta(hours=2), operator)
    assert _fresh(two).status == "received" and _fresh(two).merged_into_id is None
    assert [s.code for s in repeats.similar_to(_fresh(two), DAY2 + timedelta(hours=2))] == [one.code]


def test_a_merged_case_is_in_no_overdue_list_and_no_board_colour_of_the_ledger(first, lights, operator,
                                                                               departments):
    second = _intake("路灯坏了晚上很黑", "13900001111", DAY2, lights, operator)
    lifecycle.dispatch(second, departments[0], DAY2 + timedelta(hours=1), operator)
    repeats.merge(_fresh(second), first, DAY2 + timedelta(hours=2), operator)
    late = DAY2 + timedelta(days=30)  # both limits long past
    overdue = ledger_view.page(ledger_view.LedgerFilter(overdue_only=True), ledger_view.LedgerSort(), late)
    assert [r.code for r in overdue] == [first.code]
    listed = {r.code: r for r in ledger_view.page(ledger_view.LedgerFilter(), ledger_view.LedgerSort(), late)}
    assert listed[second.code].status == "merged" and listed[second.code].overdue_days == 0.0
    for colour in ("green", "yellow", "orange", "red", "grey"):
        found = ledger_view.page(ledger_view.LedgerFilter(colour=colour), ledger_view.LedgerSort(), late)
        assert second.code not in [r.code for r in found]


def test_the_monthly_notice_counts_the_main_case_once(first, lights, operator, departments):
    second = _intake("路灯坏了晚上很黑", "13900001111", DAY2, lights, operator)
    lifecycle.dispatch(second, departments[0], DAY2 + timedelta(hours=1), operator)
    assert (month_figures("2026-10").received, month_figures("2026-10").overdue) == (2, 2)  # both due in October
    repeats.merge(_fresh(second), first, DAY2 + timedelta(hours=2), operator)
    assert (month_figures("2026-10").received, month_figures("2026-10").overdue) == (1, 1)


def test_a_repeats_petitioner_is_in_the_return_visit_queue_once_the_main_case_closes(first, lights, operator,
                                                                                     departments):
    """The repeat's petitioner is asked for a rating (DESIGN.md): the repeat joins the rating queue when the main
    case closes, its verdict is kept on the repeat and names no department (the rates count the main case once)."""
    from wzdesk.citizen.queues import rating_queue
    from wzdesk.models import Rating

    second = _intake("路灯坏了晚上很黑", "13900001111", DAY2, lights, operator, name="王芳")
    repeats.merge(second, first, DAY2 + timedelta(minutes=5), operator)
    lifecycle.accept(_fresh(first), DAY2 + timedelta(hours=1), operator)
    lifecycle.reply(_fresh(first), "已更换灯泡", DAY2 + timedelta(hours=5), operator)
    assert [row.code for row in rating_queue()] == [first.code]  # the main case's own return visit first
    with pytest.raises(UserError, match="主件尚未办结，还不能"):
        lifecycle.rate(_fresh(second), "satisfied", DAY2 + timedelta(hours=6), operator)
    lifecycle.verify(_fresh(first), True, "路灯已亮", DAY2 + timedelta(hours=8), operator)
    closed_at = DAY2 + timedelta(hours=9)
    lifecycle.close(_fresh(first), closed_at, operator)
    (row,) = rating_queue()
    assert (row.case_id, row.code, row.status, row.since) == (second.id, second.code, "已合并", closed_at)
    assert row.department == departments[0].name and first.code in row.detail

    record = lifecycle.rate(_fresh(second), "basically_satisfied", DAY2 + timedelta(hours=10), operator,
                            solved=True)
    assert (record.case_id, record.department_id) == (second.id, None)
    assert _fresh(second).status == "merged" and _fresh(second).rating == "basically_satisfied"
    event = CaseEvent.select().where(CaseEvent.case == second.id).order_by(CaseEvent.id.desc()).first()
    assert event.action == "rate" and first.code in event.note
    assert rating_queue() == []
    assert Rating.select().where(Rating.department == departments[0].id).count() == 0  # main case unrated here
