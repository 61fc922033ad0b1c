"""Every command of the window declared once: id, text, icon, shortcut; menus and toolbar are built from it."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from wzdesk.ui.i18n import _


class ActionId(Enum):
    NEW_CASE = auto()
    IMPORT_CASES = auto()
    DOWNLOAD_TEMPLATE = auto()
    EXPORT = auto()
    PRINT = auto()
    QUIT = auto()
    FIND = auto()
    REFRESH = auto()
    CLEAR_FILTERS = auto()
    OVERDUE_ONLY = auto()
    SHOW_LEDGER = auto()
    SHOW_BOARD = auto()
    SHOW_CASE_PANE = auto()
    SHOW_SETTINGS = auto()
    SHOW_CALENDAR = auto()
    LOAD_DEMO = auto()
    BACKUP = auto()
    RESTORE = auto()
    VERIFY_LEDGER = auto()
    ABOUT = auto()
    ABOUT_QT = auto()
    COPY_CODE = auto()
    SWITCH_USER = auto()
    SHOW_TODAY = auto()
    SHOW_CITIZEN = auto()
    SHOW_ACCOUNTABILITY = auto()
    SHOW_INTERVIEWS = auto()
    SHOW_DOCUMENTS = auto()
    SHOW_OBSERVERS = auto()
    SHOW_STATS = auto()
    RUN_LADDER = auto()
    PRINT_TODAY = auto()
    SAVE_TODAY = auto()
    MONTHLY_NOTICE = auto()
    EXPORT_SHEET = auto()
    GUIDE = auto()


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcut: QKeySequence.StandardKey | str | None = None
    icon: QStyle.StandardPixmap | None = None
    tip: str = ""
    checkable: bool = False


SP = QStyle.StandardPixmap
SK = QKeySequence.StandardKey
SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_CASE: ActionSpec("新建诉求(&N)…", SK.New, SP.SP_FileIcon, "登记一件新的群众诉求"),
    ActionId.IMPORT_CASES: ActionSpec("导入诉求清单(&I)…", "Ctrl+I", SP.SP_DialogOpenButton,
                                      "导入平台导出的诉求清单（Excel），先预览再导入"),
    ActionId.DOWNLOAD_TEMPLATE: ActionSpec("下载导入模板(&T)…", None, None, "保存带下拉列表和填写说明的诉求清单模板"),
    ActionId.EXPORT: ActionSpec("导出本页表格(&E)…", "Ctrl+E", SP.SP_DialogSaveButton,
                                "把当前页的表格（台账：当前的筛选和排序）导出为 Excel"),
    ActionId.PRINT: ActionSpec("打印(&P)…", SK.Print, SP.SP_FileDialogDetailedView, "打印当前页"),
    ActionId.QUIT: ActionSpec("退出(&X)", SK.Quit, SP.SP_DialogCloseButton, "关闭问政督办台"),
    ActionId.FIND: ActionSpec("查找工单(&F)", SK.Find, SP.SP_FileDialogContentsView, "按编号或关键字查找工单"),
    ActionId.REFRESH: ActionSpec("刷新(&R)", SK.Refresh, SP.SP_BrowserReload, "重新读取台账和看板"),
    ActionId.CLEAR_FILTERS: ActionSpec("清除筛选(&C)", "Ctrl+Shift+C", SP.SP_DialogResetButton, "显示全部工单"),
    ActionId.OVERDUE_ONLY: ActionSpec("只看超期(&O)", "Ctrl+Shift+O", None, "只显示已超期的未办结工单", True),
    ActionId.SHOW_LEDGER: ActionSpec("全流程台账(&L)", "Ctrl+1", None, "打开台账页"),
    ActionId.SHOW_BOARD: ActionSpec("督办看板(&B)", "Ctrl+2", None, "各单位红黄绿灯一览"),
    ActionId.SHOW_CASE_PANE: ActionSpec("工单详情面板(&D)", "Ctrl+D", None, "显示或隐藏右侧的工单详情", True),
    ActionId.SHOW_SETTINGS: ActionSpec("单位、人员与规则(&S)…", SK.Preferences, None, "打开设置页"),
    ActionId.SHOW_CALENDAR: ActionSpec("工作日历(&W)…", None, None, "编辑法定节假日与调休"),
    ActionId.LOAD_DEMO: ActionSpec("载入演示数据(&M)…", None, None, "生成一批演示工单，便于熟悉操作"),
    ActionId.BACKUP: ActionSpec("备份数据库(&B)…", None, SP.SP_DriveHDIcon, "把数据库另存一份完整的备份"),
    ActionId.RESTORE: ActionSpec("从备份恢复(&R)…", None, None, "校验备份后用它替换当前数据（需要督办科长或管理员）"),
    ActionId.VERIFY_LEDGER: ActionSpec("校验台账(&V)", None, None,
                                       "完整校验台账：防篡改链、校验点、按台账记录重算的工单、防改动触发器、照片"),
    ActionId.ABOUT: ActionSpec("关于问政督办台(&A)", None, SP.SP_MessageBoxInformation, ""),
    ActionId.ABOUT_QT: ActionSpec("关于 Qt", None, None, ""),
    ActionId.COPY_CODE: ActionSpec("复制工单编号(&C)", "Ctrl+Shift+K", None, "复制右侧工单详情中工单的编号"),
    ActionId.SWITCH_USER: ActionSpec("注销 / 切换用户(&U)…", "Ctrl+Shift+U", None,
                                     "换一个操作员登录（例如督办科长确认问责），不必退出程序"),
    ActionId.SHOW_TODAY: ActionSpec("今日督办(&T)", "Ctrl+3", None, "今天催办产生的文书和督办事项"),
    ActionId.SHOW_CITIZEN: ActionSpec("核验与回访(&V)", "Ctrl+4", None, "待核验、待回访、吐槽和待发短信"),
    ActionId.SHOW_ACCOUNTABILITY: ActionSpec("问责(&A)", "Ctrl+5", None, "问责登记与待确认的问责建议"),
    ActionId.SHOW_INTERVIEWS: ActionSpec("约谈(&I)", "Ctrl+6", None, "约谈安排、纪要与承诺"),
    ActionId.SHOW_DOCUMENTS: ActionSpec("文书登记(&D)", "Ctrl+7", None, "已印发的提醒函、督办函、通报等"),
    ActionId.SHOW_OBSERVERS: ActionSpec("观察员(&O)", "Ctrl+8", None, "民间观察员名册"),
    ActionId.SHOW_STATS: ActionSpec("统计(&S)", "Ctrl+9", None, "月度三率、排名与趋势"),
    ActionId.RUN_LADDER: ActionSpec("运行催办(&R)", None, None, "按当前时刻检查全部在办工单，产生提醒函、督办函等"),
    ActionId.PRINT_TODAY: ActionSpec("打印今日文书(&P)…", None, None, "把今天催办产生的文书合并打印"),
    ActionId.SAVE_TODAY: ActionSpec("保存今日文书(&S)…", None, None, "把今天催办产生的文书保存到文件夹"),
    ActionId.MONTHLY_NOTICE: ActionSpec("生成月度问责通报(&M)…", None, None, "在“文书”页为所选月份生成问责通报"),
    ActionId.EXPORT_SHEET: ActionSpec("导出月度考核表(&X)…", None, None, "各单位三率、超期、问责与综合得分的 Excel 表"),
    ActionId.GUIDE: ActionSpec("使用说明(&G)", SK.HelpContents, SP.SP_DialogHelpButton, "每天早上的工作流程"),
}

MENUS: list[tuple[str, list[ActionId | None]]] = [
    ("文件(&F)", [ActionId.NEW_CASE, None, ActionId.IMPORT_CASES, ActionId.DOWNLOAD_TEMPLATE, ActionId.EXPORT,
                ActionId.PRINT, None, ActionId.BACKUP, ActionId.RESTORE, ActionId.VERIFY_LEDGER, None,
                ActionId.SWITCH_USER, ActionId.QUIT]),
    ("编辑(&E)", [ActionId.FIND, ActionId.COPY_CODE, None, ActionId.OVERDUE_ONLY, ActionId.CLEAR_FILTERS]),
    ("视图(&V)", [ActionId.SHOW_LEDGER, ActionId.SHOW_BOARD, ActionId.SHOW_TODAY, ActionId.SHOW_CITIZEN,
                ActionId.SHOW_ACCOUNTABILITY, ActionId.SHOW_INTERVIEWS, ActionId.SHOW_DOCUMENTS,
                ActionId.SHOW_OBSERVERS, ActionId.SHOW_STATS, None, ActionId.SHOW_CASE_PANE, None, ActionId.REFRESH]),
    ("督办(&S)", [ActionId.RUN_LADDER, ActionId.SHOW_TODAY, ActionId.SHOW_BOARD, None, ActionId.SHOW_CITIZEN,
                ActionId.SHOW_ACCOUNTABILITY, ActionId.SHOW_INTERVIEWS]),
    ("文书(&D)", [ActionId.PRINT_TODAY, ActionId.SAVE_TODAY, None, ActionId.MONTHLY_NOTICE, ActionId.SHOW_DOCUMENTS,
                None, ActionId.PRINT]),
    ("统计(&T)", [ActionId.SHOW_STATS, ActionId.EXPORT_SHEET, None, ActionId.SHOW_BOARD, ActionId.EXPORT]),
    ("设置(&O)", [ActionId.SHOW_SETTINGS, ActionId.SHOW_CALENDAR, None, ActionId.LOAD_DEMO]),
    ("帮助(&H)", [ActionId.GUIDE, None, ActionId.ABOUT, ActionId.ABOUT_QT]),
]
TOOLBAR: list[ActionId | None] = [ActionId.IMPORT_CASES, ActionId.NEW_CASE, None, ActionId.REFRESH,
                                  ActionId.OVERDUE_ONLY, None, ActionId.EXPORT, ActionId.PRINT]


def make_action(action_id: ActionId, parent: QWidget, slot: Callable | None) -> QAction:
    """Create the QAction of an id with its text, icon, shortcut and tip, connected to `slot`."""
    spec = SPECS[action_id]
    action = QAction(_(spec.text), parent)
    action.setObjectName(f"action_{action_id.name.lower()}")
    if spec.icon is not None:
        action.setIcon(parent.style().standardIcon(spec.icon))
    else:
        action.setIcon(QIcon())
    if spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
    tip = _(spec.tip) if spec.tip else ""
    if tip:
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip}（{shortcut}）" if shortcut else tip)
        action.setStatusTip(tip)
    action.setCheckable(spec.checkable)
    if slot is not None:
        action.triggered.connect(slot)
    return action


class ActionRegistry:
    """The window's actions by id."""

    def __init__(self, parent: QWidget, slots: dict[ActionId, Callable | None]):
        self._actions = {aid: make_action(aid, parent, slots.get(aid)) for aid in ActionId}

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def disable(self, action_id: ActionId, reason: str) -> None:
        """Grey out an action and say why in its tooltip."""
        action = self._actions[action_id]
        action.setEnabled(False)
        action.setToolTip(reason)
        action.setStatusTip(reason)
