"""Realistic sample contexts for every document kind: template previews, demos and tests.

Run `python -m wzdesk.documents.samples OUT_DIR` to render one PDF of each kind.
"""

import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ISSUED_ON = date(2026, 11, 5)

_CASES = [
    ("WZ-2026-000123", "双清区龙须塘街道建设路路灯不亮", "市政设施", "2026-10-08 09:05", 3),
    ("WZ-2026-000131", "大祥区城南街道敏州路下水道堵塞返味", "排水", "2026-10-09 14:20", 3),
    ("WZ-2026-000157", "北塔区状元洲街道某小区物业不作为、电梯故障半月未修", "物业管理",
     "2026-10-10 10:30", 7),
    ("WZ-2026-000162", "宝庆东路工地夜间施工噪音扰民", "噪音", "2026-10-12 22:40", 3),
    ("WZ-2026-000178", "双清区滑石路垃圾桶满溢无人清运", "垃圾满溢", "2026-10-13 08:15", 1),
    ("WZ-2026-000186", "社保关系转移办理三周无进展", "社保转移", "2026-10-14 11:00", 7),
    ("WZ-2026-000204", "小区消防通道长期被占用", "消防安全", "2026-10-16 16:45", 7),
    ("WZ-2026-000219", "早餐店油烟直排呛人", "油烟污染", "2026-10-18 07:30", 3),
]

_UNITS = [
    ("邵阳市城市管理和综合执法局", "超期未办结", "路灯维修超期23天，约谈后已全部修复"),
    ("双清区龙须塘街道办事处", "推诿扯皮", "垃圾清运责任互推，已明确首接责任并整改"),
    ("邵阳市住房和城乡建设局", "表面办结", "物业服务诉求答复后现场核验不合格，已退回重新办理"),
    ("邵阳市生态环境局", "未履职", "夜间施工噪音未在24小时内上门检测"),
    ("邵阳市人力资源和社会保障局", "超期未办结", "社保转移函件超过5个工作日未寄出"),
    ("大祥区城南街道办事处", "群众评价不满意", "下水道疏通后问题未解决，反映人连续3次评价不满意"),
    ("北塔区状元洲街道办事处", "超期未响应", "派单后超过24小时未签收"),
    ("邵阳市自然资源和规划局", "超期未办结", "房产证办理超时，积压件已于当月清零"),
]
_SANCTIONS = ["通报批评", "约谈", "扣减绩效", "通报批评", "取消评优", "诫勉", "书面检查", "通报批评"]


def sample_cases(count: int = 3, status_label: str = "办理中") -> list[dict[str, Any]]:
    """Return overdue cases as the integrator passes them, petitioner fields included on purpose."""
    cases = []
    for n in range(count):
        code, title, category, dispatched, days = _CASES[n % len(_CASES)]
        dispatched_at = datetime.fromisoformat(dispatched)
        due_at = dispatched_at + timedelta(days=days)
        cases.append({
            "code": code if n < len(_CASES) else f"WZ-2026-{300 + n:06d}",
            "title": title, "category": category, "dispatched_at": dispatched_at, "due_at": due_at,
            "days_overdue": (ISSUED_ON - due_at.date()).days, "status_label": status_label,
            # Must never appear in a document: the templates only see whitelisted fields.
            "petitioner": "王秀英", "phone": "13812345678",
        })
    return cases


def sample_entries(count: int = 8) -> list[dict[str, Any]]:
    """Return notice entries (unit, problem type, outcome, sanction) for the monthly notice."""
    return [{"unit": _UNITS[n % len(_UNITS)][0], "problem_type": _UNITS[n % len(_UNITS)][1],
             "outcome": _UNITS[n % len(_UNITS)][2], "sanction_label": _SANCTIONS[n % len(_SANCTIONS)],
             "petitioner": "李建国", "phone": "13907391234"} for n in range(count)]


def sample_context(kind: str, serial: int = 12) -> dict[str, Any]:
    """Return a complete context for a document kind or the certificate."""
    codes = {"reminder_letter": "邵问督提", "supervision_letter": "邵问督函", "coordination": "邵问督协",
             "interview_notice": "邵问督约", "public_notice": "邵问督通"}
    number = f"邵问督证字第{serial}号" if kind == "certificate" else f"{codes[kind]}〔2026〕{serial}号"
    common = {"number": number, "year": 2026, "issued_on": ISSUED_ON}
    specific: dict[str, dict[str, Any]] = {
        "reminder_letter": {"department": "双清区龙须塘街道办事处", "cases": sample_cases(2, "已派单"),
                            "reply_due": date(2026, 11, 6)},
        "supervision_letter": {"department": "邵阳市城市管理和综合执法局", "cases": sample_cases(4),
                               "deadline_days": 5, "reply_due": date(2026, 11, 12)},
        "coordination": {"department": "邵阳市住房和城乡建设局", "leader": "副局长王建国", "cases": sample_cases(2),
                         "co_departments": ["双清区龙须塘街道办事处", "邵阳市城市管理和综合执法局"],
                         "reply_due": date(2026, 11, 6)},
        "interview_notice": {
            "department": "邵阳市住房和城乡建设局", "leader": "分管副局长", "cases": sample_cases(3),
            "interview_reason": "3件诉求超过办理时限7日以上，列入督办清单后经督办函督办仍未办结",
            "interview_time": datetime(2026, 11, 10, 9, 30),
            "interview_place": "市政务服务中心三楼第二会议室",
            "interview_conductor": "市网络问政督办室主任",
            "interview_attendees": ["市住房和城乡建设局主要负责人", "分管副局长", "物业监管科负责人"]},
        "public_notice": {
            "month": "2026-10", "entries": sample_entries(8), "checkpoint": "1200:0f3a9c5e7b2d4e61",
            "figures_received": "共受理群众诉求1186件，到期未答复的超期诉求140件，新列入督办清单37件；"
                                "发出提醒函52份、督办函18份、协调通知6份，组织约谈4次。",
            "figures_sanctions": "经研究，共作出问责决定8项，其中通报批评3项、约谈1项、扣减绩效1项、取消评优1项、"
                                 "诫勉1项、书面检查1项；按对象分，单位5项、个人2项、分管领导1项。"},
        "certificate": {"observer_name": "刘桂兰", "observer_community": "双清区龙须塘街道建设路社区"},
    }
    return {**common, **specific[kind]}


def render_samples(out_dir: Path) -> list[Path]:
    """Render one sample of every kind into out_dir and return the files."""
    from wzdesk.documents import build_certificate, build_document, render, render_certificate, resolve_fonts
    from wzdesk.documents.templates import KINDS

    fonts = resolve_fonts()
    paths = [render(build_document(kind, sample_context(kind)), out_dir / f"sample_{kind}.pdf", fonts)
             for kind in KINDS]
    cert = build_certificate(sample_context("certificate"))
    return [*paths, render_certificate(cert, out_dir / "sample_certificate.pdf", fonts)]


if __name__ == "__main__":
    for path in render_samples(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(path)
