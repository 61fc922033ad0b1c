"""Office rules shared by every desk: declared once here, stored in the database's Setting table."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.models import Setting, db
from wzdesk.months import parse_month
from wzdesk.office.roles import require


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: object
    title: str
    group: str
    check: Callable[[object], object] | None = None  # refuses a bad value with a Chinese message


def _at_least_one(value) -> None:
    if int(value) < 1:
        raise UserError("间隔至少为 1 个工作日。")


def _month_or_empty(value) -> None:
    if str(value).strip():
        parse_month(str(value).strip())


def _at_least_one(value) -> None:
    if value < 1:
        raise UserError(f"这个设置至少为 1，不能是 {value}。")


SPECS = [
    SettingSpec("office_name", "邵阳市网络问政督办室", "督办室名称", "单位"),
    SettingSpec("office_short", "邵问督", "发文字号简称", "单位"),
    SettingSpec("case_code_prefix", "WZ", "工单编号前缀", "单位"),
    SettingSpec("doc_number_pattern", "{short}〔{year}〕{n}号", "发文字号格式（{short} 为机关代字）", "单位"),
    SettingSpec("doc_code_reminder_letter", "邵问督提", "提醒函机关代字", "单位"),
    SettingSpec("doc_code_supervision_letter", "邵问督函", "督办函机关代字", "单位"),
    SettingSpec("doc_code_coordination", "邵问督协", "协调通知机关代字", "单位"),
    SettingSpec("doc_code_interview_notice", "邵问督约", "约谈通知机关代字", "单位"),
    SettingSpec("doc_code_public_notice", "邵问督通", "问责通报机关代字", "单位"),
    SettingSpec("doc_code_certificate", "邵问督证字", "证书机关代字", "单位"),
    SettingSpec("certificate_number_pattern", "{short}第{n}号", "证书编号格式", "单位"),
    SettingSpec("office_measures", "《邵阳市网络问政督办问责办法》", "本地督办问责办法（文书引用的名称）", "文书"),
    SettingSpec("response_hours", 24, "首次响应时限（小时）", "时限"),
    SettingSpec("resolution_days_minor", 3, "小件办理时限（工作日）", "时限"),
    SettingSpec("resolution_days_moderate", 7, "中件办理时限（工作日）", "时限"),
    SettingSpec("resolution_days_major", 15, "大件办理时限（工作日）", "时限"),
    SettingSpec("office_dispatch_workdays", 1, "督办室受理后派单时限（工作日）", "时限"),
    SettingSpec("office_verify_workdays", 3, "督办室答复后核验、回访时限（工作日）", "时限"),
    SettingSpec("warn_ratio", 0.75, "时限用去多少转黄（比例）", "看板"),
    SettingSpec("red_overdue_days", 7, "超期多少天转红（自然日）", "看板"),
    SettingSpec("coordination_days", 3, "多部门无联动几天请领导协调（自然日）", "催办"),
    SettingSpec("supervision_overdue_days", 7, "超期多少天进督办清单（自然日）", "催办"),
    SettingSpec("supervision_round_workdays", 5, "督办各轮间隔（工作日）", "催办"),
    SettingSpec("major_follow_up_workdays", 5, "重大件每隔几个工作日跟进一次", "催办", check=_at_least_one),
    SettingSpec("rating_scale", 5, "回访评价档数（5 或 3）", "评价"),
    SettingSpec("dissatisfied_threshold", 0.20, "不满意率超过多少算假办结", "评价"),
    SettingSpec("dissatisfied_streak", 3, "连续几次不满意提出问责", "评价"),
    SettingSpec("neutral_counts_satisfied", False, "“一般”计入满意", "评价"),
    SettingSpec("weight_response", 0.30, "综合得分：响应率权重", "考核"),
    SettingSpec("weight_resolution", 0.35, "综合得分：解决率权重", "考核"),
    SettingSpec("weight_satisfaction", 0.35, "综合得分：满意率权重", "考核"),
    SettingSpec("deduction_per_breach", 0.5, "每次未履职扣分", "考核"),
    SettingSpec("deduction_per_sanction", 2.0, "每条问责扣分", "考核"),
    SettingSpec("deduction_per_overdue", 1.0, "每件超期（7 天以内）扣分", "考核"),
    SettingSpec("deduction_per_overdue_long", 3.0, "每件超期 7 天以上扣分", "考核"),
    SettingSpec("deduction_per_false_closure", 2.0, "每次假办结（重办）扣分", "考核"),
    SettingSpec("ranking_min_cases", 5, "当月受理少于几件不参加排名（样本不足）", "考核"),
    SettingSpec("baseline_month", "", "办理时长对比的起始月份（YYYY-MM，留空为近 12 个月）", "考核",
                _month_or_empty),
    SettingSpec("notice_day", 5, "每月几号发问责通报", "文书"),
    SettingSpec("font_fangsong", "", "仿宋字体文件（留空自动查找）", "文书"),
    SettingSpec("font_heiti", "", "黑体字体文件（留空自动查找）", "文书"),
    SettingSpec("font_kaiti", "", "楷体字体文件（留空自动查找）", "文书"),
    SettingSpec("font_xiaobiaosong", "", "小标宋字体文件（留空自动查找）", "文书"),
    SettingSpec("backup_keep", 30, "保留最近几份备份", "备份"),
    SettingSpec("lockout_failures", 5, "登录失败几次锁定账号", "登录", _at_least_one),
    SettingSpec("lockout_minutes", 15, "登录锁定多少分钟", "登录", _at_least_one),
    SettingSpec("import_words", "", "导入对照：每行一条“平台用词=本系统用词”，如 已办毕=已办结、办理部门=承办单位",
                "导入"),
    SettingSpec("import_mappings", "{}", "各平台保存的列对照（JSON：{平台名: {文件列名: 模板列名}}）", "导入"),
    SettingSpec("import_unit_mappings", "{}",
                "各平台保存的单位对照（JSON：{平台名: {文件中的单位名: 本系统的单位名}}），导入向导确认新单位时保存",
                "导入"),
    # Progress messages (进度小喇叭); placeholders: {office} {code} {title} {department} {due} {expected} {planned},
    # and {note} (办理进展) and {step} (a duty step done) where their templates say so
    SettingSpec("sms_received", "【{office}】您反映的“{title}”已受理，工单编号{code}，我们将跟踪到底。",
                "受理时的短信", "短信模板"),
    SettingSpec("sms_dispatched", "【{office}】您反映的“{title}”（{code}）已交{department}办理，办理时限至{due}。",
                "派单时的短信", "短信模板"),
    SettingSpec("sms_accepted", "【{office}】{department}已签收您反映的“{title}”（{code}），承诺{expected}前办结。",
                "签收时的短信", "短信模板"),
    SettingSpec("sms_verification_booked",
                "【{office}】我们定于{planned}到现场核验您反映的“{title}”（{code}）的办理情况，欢迎您到场。",
                "预约核验时的短信", "短信模板"),
    SettingSpec("sms_replied",
                "【{office}】{department}已答复您反映的“{title}”（{code}），近期我们将回访听取您的评价。",
                "答复时的短信", "短信模板"),
    SettingSpec("sms_closed", "【{office}】您反映的“{title}”（{code}）已办结，感谢您的监督。",
                "办结时的短信", "短信模板"),
    SettingSpec("sms_merged", "【{office}】您反映的问题（{repeat}）与工单{code}“{title}”为同一问题，已合并办理，"
                "后续进度将同步告知您。", "重复诉求合并时的短信（{repeat} 为反映人自己的工单编号）", "短信模板"),
    SettingSpec("sms_repeat_closed", "【{office}】与您反映的问题（{repeat}）合并办理的工单{code}“{title}”已办结，"
                "请回复对办理结果的评价：满意、基本满意或不满意。", "合并件办结时请重复诉求反映人评价的短信",
                "短信模板"),
    SettingSpec("sms_reopened", "【{office}】您反映的“{title}”（{code}）经核查未办到位，已要求{department}重新办理。",
                "重办时的短信", "短信模板"),
    SettingSpec("sms_progress", "【{office}】您反映的“{title}”（{code}）办理进展：{note}",
                "办理进展的短信（{note} 为承办单位填写的进展）", "短信模板"),
    SettingSpec("sms_complaint_cleared",
                "【{office}】您对“{title}”（{code}）办理情况提出的意见，我们已核实处理，感谢您的监督。",
                "吐槽处理后的短信", "短信模板"),
    SettingSpec("sms_duty_step_done", "【{office}】{department}已完成您反映的“{title}”（{code}）的“{step}”环节。",
                "责任环节完成时的短信（{step} 为环节名称）", "短信模板"),
]
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}


def default(key: str):
    """Return a setting's default as SPECS declares it (the one place each default is written)."""
    return _spec(key).default


def get(key: str):
    """Return the office's value for a setting, or its default."""
    spec = _spec(key)
    row = Setting.get_or_none(Setting.key == key)
    return spec.default if row is None else json.loads(row.value)


def load() -> dict:
    """Return every setting as a dict, defaults filled in."""
    stored = {row.key: json.loads(row.value) for row in Setting.select()}
    return {spec.key: stored.get(spec.key, spec.default) for spec in SPECS}


def put(key: str, value, now: datetime, operator) -> None:
    """Store a setting (administrators only) after checking its type; the change is a ledger event."""
    require(operator, "edit_settings")
    _store(key, value, now, operator)


def _store(key: str, value, now: datetime, operator) -> None:
    from wzdesk.models import chain as ledger

    spec = _spec(key)
    value = _coerce(spec, value)
    _check_code(key, value)
    if spec.check is not None:
        spec.check(value)
    before = get(key)
    if before == value:
        return
    with db.atomic():
        Setting.insert(key=key, value=json.dumps(value, ensure_ascii=False), updated_at=now).on_conflict(
            conflict_target=[Setting.key], preserve=[Setting.value, Setting.updated_at]).execute()
        ledger.append(at=now, recorded_at=ledger.wall_clock(), action="setting_changed", operator_id=operator.id,
                      note=f"{spec.title}：{before} → {value}", data={"key": key, "value": value})


# What a clerk saves from the import wizard for a platform: no administrator right needed, still a ledger event.
IMPORT_CHOICES = ("import_mappings", "import_unit_mappings")


def put_import_choice(key: str, value, now: datetime, operator) -> None:
    """Store a platform's saved column or unit mapping for any operator who works cases."""
    if key not in IMPORT_CHOICES:
        raise UserError(f"“{key}”不是导入向导可以保存的设置。")
    require(operator, "case_work")
    _store(key, value, now, operator)


def _spec(key: str) -> SettingSpec:
    if key not in SPEC_BY_KEY:
        raise UserError(f"没有名为“{key}”的设置项。")
    return SPEC_BY_KEY[key]


def _check_code(key: str, value) -> None:
    """Refuse an empty 机关代字 or one another kind already uses: numbers must never read alike."""
    if not key.startswith("doc_code_"):
        return
    if not str(value).strip():
        raise UserError(f"“{SPEC_BY_KEY[key].title}”不能为空。")
    for other in SPECS:
        if other.key.startswith("doc_code_") and other.key != key and str(get(other.key)).strip() == str(value).strip():
            raise UserError(f"机关代字“{value}”已用于{other.title[:-4]}，各类文书的机关代字须互不相同。")


def _coerce(spec: SettingSpec, value):
    kind = type(spec.default)
    try:
        if kind is bool:
            return value if isinstance(value, bool) else str(value).strip().lower() in {"1", "true", "是"}
        return kind(value)
    except (TypeError, ValueError):
        raise UserError(f"设置“{spec.title}”的值“{value}”无效。") from None


@dataclass(frozen=True)
class Limits:
    """The time limits and thresholds the deadline and colour rules need."""

    response_hours: int = default("response_hours")
    minor_days: int = default("resolution_days_minor")
    moderate_days: int = default("resolution_days_moderate")
    major_days: int = default("resolution_days_major")
    warn_ratio: float = default("warn_ratio")
    red_overdue_days: int = default("red_overdue_days")

    def resolution_days(self, grade: str) -> int:
        """Return the working days allowed to resolve a case of this grade."""
        return {"minor": self.minor_days, "moderate": self.moderate_days, "major": self.major_days}[grade]


def limits(values: dict | None = None) -> Limits:
    """Return the office's current limits, or those of `values` (some settings; the rest their defaults)."""
    s = load() if values is None else {spec.key: values.get(spec.key, spec.default) for spec in SPECS}
    return Limits(
        response_hours=s["response_hours"],
        minor_days=s["resolution_days_minor"],
        moderate_days=s["resolution_days_moderate"],
        major_days=s["resolution_days_major"],
        warn_ratio=s["warn_ratio"],
        red_overdue_days=s["red_overdue_days"],
    )


def put_many(values: dict, now: datetime, operator) -> None:
    """Store several settings in one transaction: one wrong value stores none of them."""
    current = load()
    with db.atomic():
        for key, value in values.items():
            if value != current.get(key):
                put(key, value, now, operator)
