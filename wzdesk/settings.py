"""Office rules shared by every desk: declared once here, stored in the database's Setting table."""

import json
from dataclasses import dataclass
from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.models import Setting, db


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: object
    title: str
    group: str


SPECS = [
    SettingSpec("office_name", "邵阳市网络问政督办室", "督办室名称", "单位"),
    SettingSpec("office_short", "邵问督", "发文字号简称", "单位"),
    SettingSpec("case_code_prefix", "WZ", "工单编号前缀", "单位"),
    SettingSpec("doc_number_pattern", "{short}〔{year}〕{n}号", "发文字号格式", "单位"),
    SettingSpec("response_hours", 24, "首次响应时限（小时）", "时限"),
    SettingSpec("resolution_days_minor", 3, "小件办理时限（工作日）", "时限"),
    SettingSpec("resolution_days_moderate", 7, "中件办理时限（工作日）", "时限"),
    SettingSpec("resolution_days_major", 15, "大件办理时限（工作日）", "时限"),
    SettingSpec("warn_ratio", 0.75, "时限用去多少转黄（比例）", "看板"),
    SettingSpec("red_overdue_days", 7, "超期多少天转红（自然日）", "看板"),
    SettingSpec("coordination_days", 3, "多部门无联动几天请领导协调（自然日）", "催办"),
    SettingSpec("supervision_overdue_days", 7, "超期多少天进督办清单（自然日）", "催办"),
    SettingSpec("supervision_round_workdays", 5, "督办各轮间隔（工作日）", "催办"),
    SettingSpec("rating_scale", 5, "回访评价档数（5 或 3）", "评价"),
    SettingSpec("dissatisfied_threshold", 0.20, "不满意率超过多少算假办结", "评价"),
    SettingSpec("dissatisfied_streak", 3, "连续几次不满意提出问责", "评价"),
    SettingSpec("neutral_counts_satisfied", False, "“一般”计入满意", "评价"),
    SettingSpec("notice_day", 5, "每月几号发问责通报", "文书"),
    SettingSpec("backup_keep", 30, "保留最近几份备份", "备份"),
]
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}


def get(key: str):
    """Return the office's value for a setting, or its default."""
    spec = _spec(key)
    row = Setting.get_or_none(Setting.key == key)
    return spec.default if row is None else json.loads(row.value)


def load() -> dict:
    """Return every setting as a dict, defaults filled in."""
    stored = {row.key: json.loads(row.value) for row in Setting.select()}
    return {spec.key: stored.get(spec.key, spec.default) for spec in SPECS}


def put(key: str, value, now: datetime) -> None:
    """Store a setting after checking its type against the default's."""
    spec = _spec(key)
    value = _coerce(spec, value)
    with db.atomic():
        Setting.replace(key=key, value=json.dumps(value, ensure_ascii=False), updated_at=now).execute()


def _spec(key: str) -> SettingSpec:
    if key not in SPEC_BY_KEY:
        raise UserError(f"没有名为“{key}”的设置项。")
    return SPEC_BY_KEY[key]


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

    response_hours: int = 24
    minor_days: int = 3
    moderate_days: int = 7
    major_days: int = 15
    warn_ratio: float = 0.75
    red_overdue_days: int = 7

    def resolution_days(self, grade: str) -> int:
        """Return the working days allowed to resolve a case of this grade."""
        return {"minor": self.minor_days, "moderate": self.moderate_days, "major": self.major_days}[grade]


def limits() -> Limits:
    """Return the office's current limits."""
    s = load()
    return Limits(
        response_hours=s["response_hours"],
        minor_days=s["resolution_days_minor"],
        moderate_days=s["resolution_days_moderate"],
        major_days=s["resolution_days_major"],
        warn_ratio=s["warn_ratio"],
        red_overdue_days=s["red_overdue_days"],
    )
