"""Every command of the window declared once: id, text, icon, shortcut; menus and toolbar are built from it."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QPushButton, QStyle, QWidget

from wzdesk.office.roles import role_refusal
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
    # The case pane's steps on the shown case (the pane owns them; its buttons, 督办 → 工单 and every list's
    # right-click menu show these same actions, greyed with the core's reason when not allowed now).
    CASE_DISPATCH = auto()
    CASE_ACCEPT = auto()
    CASE_RETURN = auto()
    CASE_REASSIGN = auto()
    CASE_PROGRESS = auto()
    CASE_REPLY = auto()
    CASE_VERIFY_PASS = auto()
    CASE_VERIFY_FAIL = auto()
    CASE_RATE = auto()
    CASE_CLOSE = auto()
    CASE_REOPEN = auto()
    CASE_MERGE = auto()
    CASE_UNMERGE = auto()
    CASE_BOOK_VERIFICATION = auto()
    CASE_VERIFICATION_RESULT = auto()
    CASE_COMPLAINT = auto()
    CASE_CLEAR_COMPLAINT = auto()
    CASE_PROPOSE_ACCOUNTABILITY = auto()
    CASE_COORDINATION_MEETING = auto()
    CASE_OWED_DONE = auto()
    # Each page's own buttons (the page owns them; the menus show the same actions).
    CITIZEN_BOOK = auto()
    CITIZEN_RESULT = auto()
    CITIZEN_RATE = auto()
    CITIZEN_CLEAR = auto()
    OUTBOX_EXPORT = auto()
    OUTBOX_SENT = auto()
    OUTBOX_FAILED = auto()
    MONTHLY_RULES = auto()
    PROPOSAL_CONFIRM = auto()
    PROPOSAL_DISMISS = auto()
    SANCTION_PROPOSE = auto()
    SANCTION_CONFIRM = auto()
    SANCTION_DISMISS = auto()
    SANCTION_REVOKE = auto()
    INTERVIEW_SCHEDULE = auto()
    INTERVIEW_HELD = auto()
    INTERVIEW_NOTICE = auto()
    COMMITMENT_KEPT = auto()
    COMMITMENT_BROKEN = auto()
    DOCUMENT_STATUS = auto()
    DOCUMENT_PRINT = auto()
    DOCUMENT_SAVE = auto()
    DOCUMENT_OPEN = auto()
    OBSERVER_ADD = auto()
    OBSERVER_EDIT = auto()
    OBSERVER_RETIRE = auto()
    OBSERVER_REINSTATE = auto()
    OBSERVER_REVEAL = auto()
    OBSERVER_CERTIFICATE = auto()
    OPERATOR_ADD = auto()
    OPERATOR_RESET = auto()
    OPERATOR_TOGGLE = auto()
    DEPARTMENT_ADD = auto()
    DEPARTMENT_EDIT = auto()
    DEPARTMENT_TOGGLE = auto()
    STAFF_ADD = auto()
    STAFF_EDIT = auto()
    STAFF_TOGGLE = auto()
    SETTINGS_SAVE = auto()
    CALENDAR_HOLIDAY = auto()
    CALENDAR_WORKDAY = auto()
    CALENDAR_NORMAL = auto()
    CALENDAR_CONFIRM = auto()
    CALENDAR_IMPORT = auto()
    CATEGORY_ADD = auto()
    CATEGORY_EDIT = auto()
    DUTY_STEP_ADD = auto()
    DUTY_STEP_EDIT = auto()
    DUTY_STEP_TOGGLE = auto()


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcut: QKeySequence.StandardKey | str | None = None
    icon: QStyle.StandardPixmap | None = None
    tip: str = ""
    checkable: bool = False
    needs: str = ""  # the right of wzdesk.office.roles an operator's role must hold ("" for anyone)


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
    ActionId.RESTORE: ActionSpec("从备份恢复(&R)…", None, None, "校验备份后用它替换当前数据（需要督办科长或管理员）",
                                 needs="restore_backup"),
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
    ActionId.CASE_DISPATCH: ActionSpec("派单", None, None, "把工单派给承办单位，开始计时"),
    ActionId.CASE_ACCEPT: ActionSpec("签收", None, None, "承办单位签收（首次响应）"),
    ActionId.CASE_RETURN: ActionSpec("退回", None, None, "承办单位说明理由后退回督办室"),
    ActionId.CASE_REASSIGN: ActionSpec("改派", None, None, "督办室说明理由后改由其他单位承办"),
    ActionId.CASE_PROGRESS: ActionSpec("办理进展", None, None, "登记承办或协办单位报来的进展"),
    ActionId.CASE_REPLY: ActionSpec("答复", None, None, "登记承办单位的办理结果和答复"),
    ActionId.CASE_VERIFY_PASS: ActionSpec("现场核验通过", None, None, "未预约时直接登记核验通过"),
    ActionId.CASE_VERIFY_FAIL: ActionSpec("现场核验不通过", None, None, "核验发现没办好：返工"),
    ActionId.CASE_RATE: ActionSpec("回访评价", None, None, "登记反映人的回访评价；满意时可一并办结"),
    ActionId.CASE_CLOSE: ActionSpec("办结", None, None, "核验通过或回访不是“不满意”后办结"),
    ActionId.CASE_REOPEN: ActionSpec("重办", None, None, "假办结、问题依旧：退回承办单位重新办理"),
    ActionId.CASE_MERGE: ActionSpec("合并为重复诉求", None, None, "把本件并入反映同一问题的主件"),
    ActionId.CASE_UNMERGE: ActionSpec("撤销合并", None, None, "恢复为独立的工单"),
    ActionId.CASE_BOOK_VERIFICATION: ActionSpec("预约核验", None, None, "约定现场核验的时间、人员和观察员"),
    ActionId.CASE_VERIFICATION_RESULT: ActionSpec("登记核验结果", None, None, "登记预约核验的结论、观察员意见和照片"),
    ActionId.CASE_COMPLAINT: ActionSpec("我有话说", None, None, "登记反映人对办理情况的吐槽（标红）"),
    ActionId.CASE_CLEAR_COMPLAINT: ActionSpec("处理吐槽", None, None, "写明核实和回应情况后消除红色标记"),
    ActionId.CASE_PROPOSE_ACCOUNTABILITY: ActionSpec("问责…", None, None, "就本件提出问责建议"),
    ActionId.CASE_COORDINATION_MEETING: ActionSpec("登记协调会议…", None, None,
                                                      "登记领导协调会议：时间、参会人、议定事项及完成时限"),
    ActionId.CASE_OWED_DONE: ActionSpec("登记跟进/协调事项…", None, None, "登记重大件跟进或会议议定事项已完成"),
    ActionId.CITIZEN_BOOK: ActionSpec("预约核验…", None, None, "为“待核验”中选中的工单预约现场核验"),
    ActionId.CITIZEN_RESULT: ActionSpec("登记核验结果…", None, None, "登记“待核验”中选中工单的核验结果"),
    ActionId.CITIZEN_RATE: ActionSpec("回访评价…", None, None, "登记“待回访”中选中工单的回访评价"),
    ActionId.CITIZEN_CLEAR: ActionSpec("处理吐槽…", None, None, "处理“吐槽”中选中的一条"),
    ActionId.OUTBOX_EXPORT: ActionSpec("导出给短信网关…", None, None, "待发短信导出为 Excel（含完整号码）",
                                       needs="reveal_contact"),
    ActionId.OUTBOX_SENT: ActionSpec("标记为已发送", None, None, "把选中的短信标为已发送"),
    ActionId.OUTBOX_FAILED: ActionSpec("标记为发送失败…", None, None, "把选中的短信标为发送失败并写明原因"),
    ActionId.MONTHLY_RULES: ActionSpec("运行月度评价规则", None, None, "不满意率、连续不满意等规则，产生问责建议"),
    ActionId.PROPOSAL_CONFIRM: ActionSpec("确认问责", None, None, "督办科长或管理员确认选中的问责建议",
                                          needs="confirm_sanction"),
    ActionId.PROPOSAL_DISMISS: ActionSpec("不予问责…", None, None, "督办科长或管理员驳回选中的问责建议",
                                          needs="confirm_sanction"),
    ActionId.SANCTION_PROPOSE: ActionSpec("登记问责…", None, None, "任何办事员都可提出问责建议"),
    ActionId.SANCTION_CONFIRM: ActionSpec("确认问责", None, None, "督办科长或管理员确认", needs="confirm_sanction"),
    ActionId.SANCTION_DISMISS: ActionSpec("不予问责…", None, None, "督办科长或管理员驳回建议",
                                          needs="confirm_sanction"),
    ActionId.SANCTION_REVOKE: ActionSpec("撤销问责…", None, None, "督办科长或管理员撤销已确认的问责",
                                         needs="confirm_sanction"),
    ActionId.INTERVIEW_SCHEDULE: ActionSpec("安排约谈…", None, None, "约谈承办单位负责人或分管领导，生成约谈通知"),
    ActionId.INTERVIEW_HELD: ActionSpec("登记举行…", None, None, "登记约谈纪要和承诺事项"),
    ActionId.INTERVIEW_NOTICE: ActionSpec("约谈通知书", None, None, "打开所选约谈的通知书"),
    ActionId.COMMITMENT_KEPT: ActionSpec("已兑现", None, None, "所选承诺已兑现"),
    ActionId.COMMITMENT_BROKEN: ActionSpec("未兑现…", None, None, "所选承诺未兑现，写明情况"),
    ActionId.DOCUMENT_STATUS: ActionSpec("更新状态", None, None,
                                         "印发 → 送达 → 签收 → 已回复，只能向前推进；逾期未回复的标红"),
    ActionId.DOCUMENT_PRINT: ActionSpec("打印…", None, None, "打印所选文书（A4，100%）"),
    ActionId.DOCUMENT_SAVE: ActionSpec("另存为…", None, None, "把所选文书另存为 PDF"),
    ActionId.DOCUMENT_OPEN: ActionSpec("打开", None, None, "用系统默认的 PDF 阅读器打开"),
    ActionId.OBSERVER_ADD: ActionSpec("新增…", None, None, "登记一名民间观察员"),
    ActionId.OBSERVER_EDIT: ActionSpec("修改…", None, None, "修改所选观察员的信息"),
    ActionId.OBSERVER_RETIRE: ActionSpec("退出名册…", None, None, "写明原因后退出名册（可恢复）"),
    ActionId.OBSERVER_REINSTATE: ActionSpec("恢复在册…", None, None, "写明原因后恢复已退出的观察员"),
    ActionId.OBSERVER_REVEAL: ActionSpec("查看完整号码", None, None, "查看所选观察员的完整电话和证件号码（记入台账）",
                                         needs="reveal_contact"),
    ActionId.OBSERVER_CERTIFICATE: ActionSpec("颁发监督能手证书", None, None, "为所选观察员生成编号的证书"),
    ActionId.OPERATOR_ADD: ActionSpec("添加操作员…", None, None, "管理员添加办事员、督办科长或管理员",
                                      needs="manage_operators"),
    ActionId.OPERATOR_RESET: ActionSpec("重设密码…", None, None, "为所选操作员设一个新密码", needs="manage_operators"),
    ActionId.OPERATOR_TOGGLE: ActionSpec("停用/启用", None, None, "停用所选账号（先确认，可再启用），或启用已停用的",
                                         needs="manage_operators"),
    ActionId.DEPARTMENT_ADD: ActionSpec("新增单位…", None, None, "登记一个承办单位和它的分管领导"),
    ActionId.DEPARTMENT_EDIT: ActionSpec("修改单位…", None, None, "修改所选单位的名称、类别或分管领导"),
    ActionId.DEPARTMENT_TOGGLE: ActionSpec("停用/启用单位", None, None, "停用的单位不再出现在派单的选择中"),
    ActionId.STAFF_ADD: ActionSpec("新增人员…", None, None, "为所选单位登记一名经办人"),
    ActionId.STAFF_EDIT: ActionSpec("修改人员…", None, None, "修改所选经办人的信息"),
    ActionId.STAFF_TOGGLE: ActionSpec("停用/启用人员", None, None, "停用的经办人不再出现在派单的选择中"),
    ActionId.SETTINGS_SAVE: ActionSpec("保存督办规则", None, None,
                                       "保存“督办规则”页上的时限、阈值等设置，对所有工位生效", needs="edit_settings"),
    ActionId.CALENDAR_HOLIDAY: ActionSpec("设为放假", None, None, "把日历上选中的一天设为放假（可写节日名称）",
                                          needs="edit_calendar"),
    ActionId.CALENDAR_WORKDAY: ActionSpec("设为调休上班", None, None, "把日历上选中的一天设为调休上班",
                                          needs="edit_calendar"),
    ActionId.CALENDAR_NORMAL: ActionSpec("恢复为正常周历", None, None, "选中的一天按周一至周五上班、周末休息",
                                         needs="edit_calendar"),
    ActionId.CALENDAR_CONFIRM: ActionSpec("确认本年日历已录入完整", None, None,
                                          "确认日历上显示的这一年已按国务院通知录入，时限不再标“暂按”",
                                          needs="edit_calendar"),
    ActionId.CALENDAR_IMPORT: ActionSpec("从文件导入全年安排…", None, None, "从 CSV 或 Excel 导入一年的放假和调休安排",
                                         needs="edit_calendar"),
    ActionId.CATEGORY_ADD: ActionSpec("新增类型…", None, None, "新增一类诉求及其默认分级"),
    ActionId.CATEGORY_EDIT: ActionSpec("修改类型…", None, None, "修改所选诉求类型的名称或默认分级"),
    ActionId.DUTY_STEP_ADD: ActionSpec("新增步骤…", None, None, "为所选诉求类型增加一个必须做到的履职步骤"),
    ActionId.DUTY_STEP_EDIT: ActionSpec("修改步骤…", None, None, "修改所选履职步骤的名称、时限或佐证要求"),
    ActionId.DUTY_STEP_TOGGLE: ActionSpec("停用/启用步骤", None, None, "停用的步骤不再生成到之后派出的工单上"),
}

# The case pane's steps, by the core's action name (wzdesk.cases.offers and the citizen's offers).
CASE_ACTIONS: dict[str, ActionId] = {
    "dispatch": ActionId.CASE_DISPATCH, "accept": ActionId.CASE_ACCEPT, "return": ActionId.CASE_RETURN,
    "reassign": ActionId.CASE_REASSIGN, "progress": ActionId.CASE_PROGRESS, "reply": ActionId.CASE_REPLY,
    "verify_pass": ActionId.CASE_VERIFY_PASS, "verify_fail": ActionId.CASE_VERIFY_FAIL, "rate": ActionId.CASE_RATE,
    "close": ActionId.CASE_CLOSE, "reopen": ActionId.CASE_REOPEN, "merge": ActionId.CASE_MERGE,
    "unmerge": ActionId.CASE_UNMERGE, "book_verification": ActionId.CASE_BOOK_VERIFICATION,
    "verification_result": ActionId.CASE_VERIFICATION_RESULT, "complaint": ActionId.CASE_COMPLAINT,
    "clear_complaint": ActionId.CASE_CLEAR_COMPLAINT, "propose_accountability": ActionId.CASE_PROPOSE_ACCOUNTABILITY,
    "coordination_meeting": ActionId.CASE_COORDINATION_MEETING, "owed_done": ActionId.CASE_OWED_DONE,
}
CASE_PANE = "工单详情"
# Who owns an action that is not the window's: the case pane or a page (by its navigation name). The owner
# creates it with `make_action` and its own slot; the window adopts it, so menus and buttons share it.
OWNERS: dict[ActionId, str] = {
    **{action_id: CASE_PANE for action_id in CASE_ACTIONS.values()},
    **{action_id: "今日督办" for action_id in (ActionId.RUN_LADDER, ActionId.PRINT_TODAY, ActionId.SAVE_TODAY)},
    **{action_id: "核验与回访" for action_id in (
        ActionId.CITIZEN_BOOK, ActionId.CITIZEN_RESULT, ActionId.CITIZEN_RATE, ActionId.CITIZEN_CLEAR,
        ActionId.OUTBOX_EXPORT, ActionId.OUTBOX_SENT, ActionId.OUTBOX_FAILED, ActionId.MONTHLY_RULES,
        ActionId.PROPOSAL_CONFIRM, ActionId.PROPOSAL_DISMISS)},
    **{action_id: "问责" for action_id in (ActionId.SANCTION_PROPOSE, ActionId.SANCTION_CONFIRM,
                                           ActionId.SANCTION_DISMISS, ActionId.SANCTION_REVOKE)},
    **{action_id: "约谈" for action_id in (ActionId.INTERVIEW_SCHEDULE, ActionId.INTERVIEW_HELD,
                                           ActionId.INTERVIEW_NOTICE, ActionId.COMMITMENT_KEPT,
                                           ActionId.COMMITMENT_BROKEN)},
    **{action_id: "文书" for action_id in (ActionId.MONTHLY_NOTICE, ActionId.DOCUMENT_STATUS, ActionId.DOCUMENT_PRINT,
                                           ActionId.DOCUMENT_SAVE, ActionId.DOCUMENT_OPEN)},
    **{action_id: "观察员" for action_id in (
        ActionId.OBSERVER_ADD, ActionId.OBSERVER_EDIT, ActionId.OBSERVER_RETIRE, ActionId.OBSERVER_REINSTATE,
        ActionId.OBSERVER_REVEAL, ActionId.OBSERVER_CERTIFICATE)},
    ActionId.EXPORT_SHEET: "统计",
    **{action_id: "设置" for action_id in (
        ActionId.OPERATOR_ADD, ActionId.OPERATOR_RESET, ActionId.OPERATOR_TOGGLE, ActionId.DEPARTMENT_ADD,
        ActionId.DEPARTMENT_EDIT, ActionId.DEPARTMENT_TOGGLE, ActionId.STAFF_ADD, ActionId.STAFF_EDIT,
        ActionId.STAFF_TOGGLE, ActionId.SETTINGS_SAVE, ActionId.CALENDAR_HOLIDAY, ActionId.CALENDAR_WORKDAY,
        ActionId.CALENDAR_NORMAL, ActionId.CALENDAR_CONFIRM, ActionId.CALENDAR_IMPORT, ActionId.CATEGORY_ADD,
        ActionId.CATEGORY_EDIT, ActionId.DUTY_STEP_ADD, ActionId.DUTY_STEP_EDIT, ActionId.DUTY_STEP_TOGGLE)},
}

# A menu's entries: an action, None for a separator, or a submenu (its title and its entries).
MenuEntry = ActionId | None | tuple[str, list[ActionId | None]]
MENUS: list[tuple[str, list[MenuEntry]]] = [
    ("文件(&F)", [ActionId.NEW_CASE, None, ActionId.IMPORT_CASES, ActionId.DOWNLOAD_TEMPLATE, ActionId.EXPORT,
                ActionId.PRINT, None, ActionId.BACKUP, ActionId.RESTORE, ActionId.VERIFY_LEDGER, None,
                ActionId.SWITCH_USER, ActionId.QUIT]),
    ("编辑(&E)", [ActionId.FIND, ActionId.COPY_CODE, None, ActionId.OVERDUE_ONLY, ActionId.CLEAR_FILTERS]),
    ("视图(&V)", [ActionId.SHOW_LEDGER, ActionId.SHOW_BOARD, ActionId.SHOW_TODAY, ActionId.SHOW_CITIZEN,
                ActionId.SHOW_ACCOUNTABILITY, ActionId.SHOW_INTERVIEWS, ActionId.SHOW_DOCUMENTS,
                ActionId.SHOW_OBSERVERS, ActionId.SHOW_STATS, None, ActionId.SHOW_CASE_PANE, None, ActionId.REFRESH]),
    ("督办(&S)", [ActionId.RUN_LADDER, ActionId.SHOW_TODAY, ActionId.SHOW_BOARD, None,
                ("所选工单(&C)", list(CASE_ACTIONS.values())),
                ("核验与回访(&V)", [ActionId.SHOW_CITIZEN, None, ActionId.CITIZEN_BOOK, ActionId.CITIZEN_RESULT,
                                ActionId.CITIZEN_RATE, ActionId.CITIZEN_CLEAR, None, ActionId.MONTHLY_RULES,
                                ActionId.PROPOSAL_CONFIRM, ActionId.PROPOSAL_DISMISS]),
                ("问责(&A)", [ActionId.SHOW_ACCOUNTABILITY, None, ActionId.SANCTION_PROPOSE, ActionId.SANCTION_CONFIRM,
                            ActionId.SANCTION_DISMISS, ActionId.SANCTION_REVOKE]),
                ("约谈(&I)", [ActionId.SHOW_INTERVIEWS, None, ActionId.INTERVIEW_SCHEDULE, ActionId.INTERVIEW_HELD,
                            ActionId.INTERVIEW_NOTICE, None, ActionId.COMMITMENT_KEPT, ActionId.COMMITMENT_BROKEN]),
                ("观察员(&O)", [ActionId.SHOW_OBSERVERS, None, ActionId.OBSERVER_ADD, ActionId.OBSERVER_EDIT,
                             ActionId.OBSERVER_RETIRE, ActionId.OBSERVER_REINSTATE, ActionId.OBSERVER_REVEAL,
                             ActionId.OBSERVER_CERTIFICATE])]),
    ("文书(&D)", [ActionId.PRINT_TODAY, ActionId.SAVE_TODAY, None, ActionId.MONTHLY_NOTICE, ActionId.SHOW_DOCUMENTS,
                None, ActionId.DOCUMENT_STATUS, ActionId.DOCUMENT_PRINT, ActionId.DOCUMENT_SAVE, ActionId.DOCUMENT_OPEN,
                None, ("短信发件箱(&M)", [ActionId.OUTBOX_EXPORT, ActionId.OUTBOX_SENT, ActionId.OUTBOX_FAILED]),
                None, ActionId.PRINT]),
    ("统计(&T)", [ActionId.SHOW_STATS, ActionId.EXPORT_SHEET, None, ActionId.SHOW_BOARD, ActionId.EXPORT]),
    ("设置(&O)", [ActionId.SHOW_SETTINGS, None,
                ("工作日历(&W)", [ActionId.SHOW_CALENDAR, None, ActionId.CALENDAR_HOLIDAY, ActionId.CALENDAR_WORKDAY,
                               ActionId.CALENDAR_NORMAL, None, ActionId.CALENDAR_CONFIRM, ActionId.CALENDAR_IMPORT]),
                ("责任菜单(&D)", [ActionId.CATEGORY_ADD, ActionId.CATEGORY_EDIT, None, ActionId.DUTY_STEP_ADD,
                               ActionId.DUTY_STEP_EDIT, ActionId.DUTY_STEP_TOGGLE]),
                ("督办规则(&R)", [ActionId.SETTINGS_SAVE]),
                ("单位与人员(&U)", [ActionId.DEPARTMENT_ADD, ActionId.DEPARTMENT_EDIT, ActionId.DEPARTMENT_TOGGLE, None,
                                 ActionId.STAFF_ADD, ActionId.STAFF_EDIT, ActionId.STAFF_TOGGLE]),
                ("操作员(&P)", [ActionId.OPERATOR_ADD, ActionId.OPERATOR_RESET, ActionId.OPERATOR_TOGGLE]),
                None, ActionId.LOAD_DEMO]),
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
    action.setProperty("tip", action.toolTip())
    action.setCheckable(spec.checkable)
    if slot is not None:
        action.triggered.connect(slot)
    return action


def allow(action: QAction, reason: str) -> None:
    """Enable an action when `reason` is empty, else grey it with the reason as its tooltip and status tip.

    The operator's role is the other reason an action may be grey (`permit`): the role's reason wins.
    """
    action.setProperty("state_reason", reason)
    _show_reason(action)


def permit(action: QAction, reason: str) -> None:
    """Grey an action the signed-in operator's role may not take (`reason` says who may), or lift that."""
    action.setProperty("role_reason", reason)
    _show_reason(action)


def _show_reason(action: QAction) -> None:
    reason = str(action.property("role_reason") or "") or str(action.property("state_reason") or "")
    action.setEnabled(not reason)
    tip = reason or str(action.property("tip") or "")
    action.setToolTip(tip)
    action.setStatusTip(tip)


def make_actions(parent: QWidget, slots: dict[ActionId, Callable]) -> dict[ActionId, QAction]:
    """Create an owner's actions (a page's, the case pane's), each with its slot."""
    return {action_id: make_action(action_id, parent, slot) for action_id, slot in slots.items()}


class ActionButton(QPushButton):
    """A push button that shows an action: its text, tip and enabled state follow the action; a click triggers it."""

    def __init__(self, action: QAction, name: str = ""):
        super().__init__()
        self.setObjectName(name or action.objectName().removeprefix("action_"))
        self.action = action
        self.clicked.connect(lambda _checked=False: action.trigger())
        action.changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        self.setText(self.action.text())
        self.setToolTip(self.action.toolTip())
        self.setEnabled(self.action.isEnabled())
        self.setVisible(self.action.isVisible())


class ActionRegistry:
    """The window's actions by id: its own, and those its pages and the case pane own (adopted)."""

    def __init__(self, parent: QWidget, slots: dict[ActionId, Callable | None]):
        self._actions = {aid: make_action(aid, parent, slots.get(aid)) for aid in ActionId if aid not in OWNERS}

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def adopt(self, actions: dict[ActionId, QAction]) -> None:
        """Take in the actions a page or the case pane made, so the menus show those very actions."""
        self._actions.update(actions)

    def missing(self) -> list[ActionId]:
        """Return the ids no one has made an action for yet (every one must be adopted before the menus)."""
        return [aid for aid in ActionId if aid not in self._actions]

    def apply_role(self, operator) -> None:
        """Grey every action the operator's role may not take, saying who may; lift it from the others."""
        for action_id, spec in SPECS.items():
            if spec.needs:
                permit(self._actions[action_id], role_refusal(operator, spec.needs))

    def disable(self, action_id: ActionId, reason: str) -> None:
        """Grey out an action and say why in its tooltip."""
        action = self._actions[action_id]
        action.setEnabled(False)
        action.setToolTip(reason)
        action.setStatusTip(reason)
