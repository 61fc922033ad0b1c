"""The case pane: a case told like a parcel — where it is, who has it, when it is due, every step."""

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wzdesk.board.colours import colour_of
from wzdesk.cases import lifecycle, repeats
from wzdesk.cases.offers import Offer, case_offers
from wzdesk.cases.reveal import reveal_contact
from wzdesk.citizen.queues import citizen_offers
from wzdesk.errors import UserError
from wzdesk.ledger import queries as ledger_queries
from wzdesk.ledger import tracking
from wzdesk.ledger.queries import track
from wzdesk.masking import mask_name, mask_phone, mask_text
from wzdesk.models import Case, Operator
from wzdesk.office import settings
from wzdesk.office.roles import role_refusal
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.supervision.coordination import supervision_actions
from wzdesk.ui.actions import CASE_ACTIONS, ActionButton, allow, make_actions
from wzdesk.ui.dialogs.accountability import CaseProposeDialog
from wzdesk.ui.dialogs.case import DIALOGS
from wzdesk.ui.dialogs.citizen import CITIZEN_DIALOGS
from wzdesk.ui.dialogs.coordination import SUPERVISION_DIALOGS
from wzdesk.ui.dialogs.repeats import REPEAT_DIALOGS
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, refuse
from wzdesk.ui.widgets.duty_steps import DutyStepsView
from wzdesk.ui.widgets.palette import CELL_TONES
from wzdesk.vocabulary import ACTION_LABELS, COLOUR_LABELS, GRADE_LABELS, STATUS_LABELS


def _event_html(event, newest: bool) -> str:
    label = ACTION_LABELS.get(event.action, event.action)
    src = event.from_department.name if event.from_department_id else ""
    dst = event.to_department.name if event.to_department_id else ""
    where = f"{src or '督办室'} → {dst or '督办室'}" if src or dst else (
        event.department.name if event.department_id else "")
    dot = "#d9362b" if newest else "#9a9a9a"
    note = f"<br><span style='color:#555'>{escape(event.note)}</span>" if event.note else ""
    state = f"［{STATUS_LABELS.get(event.to_status, '')}］" if event.to_status else ""
    return (
        f"<tr><td valign='top' style='color:{dot};font-size:14pt;padding-right:4px'>●</td>"
        f"<td style='padding-bottom:6px'><b>{label}</b> {state}　<span style='color:#666'>{event.at:%Y-%m-%d %H:%M}"
        f"</span><br>{escape(where)}　经办：{escape(event.operator.display_name)}{note}</td></tr>"
    )


DIALOGS_OF = {**DIALOGS, **CITIZEN_DIALOGS, **REPEAT_DIALOGS, **SUPERVISION_DIALOGS,
              "propose_accountability": CaseProposeDialog}


def _names(case: Case) -> tuple[str, ...]:
    """Return the names masked wherever they stand in the case's text: its petitioner's."""
    return (case.petitioner_name,) if case.petitioner_name else ()


class CasePane(QWidget):
    """Shows one case and offers the actions its status allows now."""

    case_changed = Signal(int)

    def __init__(self, clock: Callable[[], datetime], operator: Callable[[], Operator], parent=None):
        super().__init__(parent)
        self._clock, self._operator = clock, operator
        self.case: Case | None = None
        self.header = QLabel()
        self.header.setObjectName("case_header")
        self.header.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("case_facts")
        self.facts.setWordWrap(True)
        self.facts.linkActivated.connect(self._link)
        self.buttons = QGridLayout()
        self.buttons.setSpacing(4)
        # One action per step, from the registry: the buttons, 督办 → 所选工单 and every right-click menu show them.
        self.step_actions = make_actions(self, {aid: (lambda _c=False, a=action: self.open_action(a))
                                                for action, aid in CASE_ACTIONS.items()})
        self._offers: dict[str, Offer] = {}
        # One button per step, made once: a button made for every case shown kept references to None in
        # PySide6 6.11 (about 17 each), so the pane re-lays these out and shows the offered ones (issue 22).
        self.step_buttons = {action: ActionButton(self.step_actions[aid], f"act_{action}")
                             for action, aid in CASE_ACTIONS.items()}
        for button in self.step_buttons.values():
            button.setParent(self)
        self.duty_steps = DutyStepsView(clock, operator, self._done)
        self.track = QTextBrowser()
        self.track.setObjectName("case_track")
        self.track.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.facts)
        layout.addLayout(self.buttons)
        layout.addWidget(self.duty_steps)
        layout.addWidget(QLabel(_("<b>全流程轨迹</b>（最新在上）")))
        layout.addWidget(self.track, 1)
        self.show_case(None)

    def show_case(self, case_id: int | None) -> None:
        """Show the case with this id (None: a hint to pick one)."""
        self.case = ledger_queries.case_by_id(case_id)
        self._clear_buttons()
        self._offer_steps()
        self._add_buttons()
        if self.case is None:
            self.header.setText(_("<b>工单详情</b>"))
            self.facts.setText(_("在台账中选中一件工单，这里会显示它现在在哪、谁在办、还剩几天，以及可以做的操作。"))
            self.track.clear()
            self.duty_steps.show_case(None)
            return
        at = self._clock()
        colour = colour_of(self.case.id, at, settings.get("red_overdue_days"))
        self.header.setText(self._header_html(colour))
        self.facts.setText(self._facts_html(at))
        self.track.setHtml(self._track_html())
        self.duty_steps.show_case(self.case)

    def _header_html(self, colour: str) -> str:
        case = self.case
        chip = (f"<span style='background:{CELL_TONES[colour].name()};padding:2px'>"
                f"&nbsp;{COLOUR_LABELS[colour]}灯&nbsp;</span>")
        return (f"<span style='font-size:13pt'><b>{case.code}</b></span>　{chip}"
                f"<br><span style='font-size:11pt'>{escape(mask_text(case.title, _names(case)))}</span>")

    def _facts_html(self, at: datetime) -> str:
        case = self.case
        flags = tracking.flags(case)
        rows = [
            (_("当前状态"), f"{STATUS_LABELS[case.status]}　（{GRADE_LABELS[case.grade]}件）"),
            (_("现在在"), lifecycle.holder(case)),
            (_("时限"), tracking.deadline_line(case, at, WorkCalendar.from_db()).removeprefix("办理时限：")),
            (_("诉求类型"), case.category.name if case.category_id else "—"),
            (_("反映人"), f"{escape(mask_name(case.petitioner_name)) or '—'}　{mask_phone(case.petitioner_phone)}"
                         + (self._reveal_link() if case.petitioner_phone or case.petitioner_name else "")),
        ]
        if case.coordinator:
            rows.append((_("协调领导"), case.coordinator))
        if visit := tracking.return_visit_line(case):
            rows.append((_("回访"), escape(visit)))
        if flags:
            rows.append((_("标记"), f"<span style='color:#c0392b'>{'、'.join(flags)}</span>"))
        for line in tracking.merge_lines(case):
            rows.append((_("合并"), escape(line)))
        body = "".join(f"<tr><td style='color:#666;padding-right:8px' nowrap>{k}</td><td>{v}</td></tr>"
                       for k, v in rows)
        return f"<table>{body}</table>"

    def _reveal_link(self) -> str:
        """Offer the full name and number to a role that may see them; tell any other who may."""
        reason = role_refusal(self._operator(), "reveal_contact")
        if reason:
            return f"<br><span style='color:#888'>{escape(reason.split('办理：')[0])}查看完整姓名和号码</span>"
        return _("　<a href='reveal'>查看完整姓名和号码</a>")

    def _track_html(self) -> str:
        events = list(reversed(track(self.case)))
        return "<table>" + "".join(_event_html(e, i == 0) for i, e in enumerate(events)) + "</table>"

    def _clear_buttons(self) -> None:
        while self.buttons.count():
            self.buttons.takeAt(0)

    def offers(self) -> list[Offer]:
        """Return the steps the shown case offers, each with the core's reason when it cannot be taken now."""
        if self.case is None:
            return []
        # Any case may lead to a sanction, whatever its status: 问责… is always offered.
        return (case_offers(self.case) + citizen_offers(self.case)
                + [Offer(action) for action in supervision_actions(self.case)] + [Offer("propose_accountability")])

    def allowed_actions(self) -> list[str]:
        """Return the lifecycle steps the shown case allows now."""
        return [o.action for o in case_offers(self.case) if o.allowed and o.action in lifecycle.ALLOWED_FROM]

    def repeat_actions(self) -> list[str]:
        """Return the repeat-complaint actions (merge into a main case, or undo the merge) offered now."""
        return repeats.repeat_actions(self.case)

    def citizen_actions(self) -> list[str]:
        """Return the citizen-side actions (booking, complaints) the shown case allows now."""
        return [o.action for o in citizen_offers(self.case) if o.allowed]

    def offered_actions(self) -> list[str]:
        """Return the actions the pane offers for the shown case, allowed now or greyed with a reason."""
        return list(self._offers)

    def why_not(self, action: str) -> str:
        """Return why an offered action cannot be taken yet ("" when it can)."""
        offer = self._offers.get(action)
        return offer.reason if offer else ""

    def step_action(self, action: str):
        """Return the registry's action of a step (the one the buttons and the menus show)."""
        return self.step_actions[CASE_ACTIONS[action]]

    def _offer_steps(self) -> None:
        """Show the offered steps' actions, enabled or greyed with the core's reason; hide the others."""
        self._offers = {offer.action: offer for offer in self.offers()}
        for action, action_id in CASE_ACTIONS.items():
            offer = self._offers.get(action)
            self.step_actions[action_id].setVisible(offer is not None)
            allow(self.step_actions[action_id], offer.reason if offer else _("请先选中一件工单"))

    def _add_buttons(self) -> None:
        """Lay out the offered steps' buttons three to a row, in the track's order (the others are hidden)."""
        for i, action in enumerate(self._offers):
            self.buttons.addWidget(self.step_buttons[action], i // 3, i % 3)

    def open_action(self, action: str):
        """Open the dialog of an action on the shown case; return it (already shown, window-modal)."""
        dialog = DIALOGS_OF[action](self.case, self._operator(), self._clock(), self)
        dialog.accepted.connect(lambda: self._done(self.case.id))
        dialog.stale.connect(lambda: self._done(self.case.id))  # refused as stale: show the fresh state
        dialog.open()
        return dialog

    def _done(self, case_id: int) -> None:
        self.show_case(case_id)
        self.case_changed.emit(case_id)

    def _link(self, target: str) -> None:
        if target == "reveal":
            self.reveal_phone()

    def reveal_phone(self) -> str:
        """Show the petitioner's full name and phone number to an operator allowed to see them, when asked
        (the pane shows both masked); the look is itself recorded. Return the phone number shown."""
        try:
            name, phone = reveal_contact(self.case, self._operator(), self._clock())
        except UserError as exc:
            refuse(self, exc, _("不能查看"))
            return ""
        inform(self, _("反映人：{0}\n联系电话：{1}\n（本次查看已记入台账）").format(name or "—", phone or "—"),
               _("完整姓名和号码"))
        self.track.setHtml(self._track_html())
        return phone
