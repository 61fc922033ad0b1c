"""The `notice` subcommands: the monthly notice, a day's batch, one document by number, a certificate."""

import sys
from pathlib import Path

from wzdesk.citizen import observers
from wzdesk.cli.common import ChineseArgumentParser, moment, open_for, record_id
from wzdesk.errors import UserError
from wzdesk.models import Observer
from wzdesk.notices import service as document_service
from wzdesk.office.numbering import KIND_LABELS


def register(sub) -> None:
    """Add `notice monthly|batch|one|certificate|status` to the parser."""
    p = sub.add_parser("notice", help="生成公文（PDF）：月度问责通报、当日督办文书、按文号重印、监督能手证书")
    kinds = p.add_subparsers(dest="notice_command", metavar="{monthly,batch,one,certificate,status}",
                             parser_class=ChineseArgumentParser, required=True)
    m = kinds.add_parser("monthly", help="生成某月的问责通报（再次生成沿用同一文号）")
    m.add_argument("--month", required=True, help="通报的月份，格式 YYYY-MM")
    m.add_argument("--out", type=Path, required=True, help="保存的 PDF 文件")
    m.set_defaults(handler=_monthly)
    b = kinds.add_parser("batch", help="当天催办产生的全部文书：每份一个 PDF，另加一份合并打印的 PDF")
    b.add_argument("--at", help="哪一天，格式 YYYY-MM-DD（默认今天）")
    b.add_argument("--out", type=Path, required=True, help="保存到的文件夹（须已存在）")
    b.set_defaults(handler=_batch)
    o = kinds.add_parser("one", help="按文号重新生成一份已登记的文书")
    o.add_argument("number", help="文号，如 邵问督函〔2026〕12号")
    o.add_argument("--kind", choices=list(KIND_LABELS), help="文书种类（只在旧版本编的重复文号时需要）")
    o.add_argument("--out", type=Path, required=True, help="保存的 PDF 文件")
    o.set_defaults(handler=_one)
    c = kinds.add_parser("certificate", help="为观察员颁发“监督能手”证书（编号登记）")
    c.add_argument("--observer", type=record_id, required=True, help="观察员编号")
    c.add_argument("--at", help="颁发日期（默认今天）")
    c.add_argument("--out", type=Path, required=True, help="保存的 PDF 文件")
    c.set_defaults(handler=_certificate)
    st = kinds.add_parser("status", help="登记文书状态：送达、签收、回复（只能向前推进）")
    st.add_argument("number", help="文号，如 邵问督函〔2026〕12号")
    st.add_argument("status", help="新状态：送达、签收、回复（或 delivered、acknowledged、answered）")
    st.add_argument("--kind", choices=list(KIND_LABELS), help="文书种类（只在旧版本编的重复文号时需要）")
    st.add_argument("--note", default="", help="说明")
    st.add_argument("--at", help="登记时刻（回复时即回复日期；默认现在）")
    st.set_defaults(handler=_status)


def _warn_fonts() -> None:
    """Say on stderr which face stands in for a prescribed one that is missing."""
    for line in document_service.font_warnings():
        print(f"注意：{line}", file=sys.stderr)


def _monthly(args) -> int:

    open_for(args)
    _warn_fonts()
    notice, path = document_service.generate_monthly(args.month, args.out, moment(args))
    print(f"已生成 {notice.number_text} {notice.title}：{path}")
    return 0


def _batch(args) -> int:

    open_for(args)
    day = moment(args).date()
    _warn_fonts()
    batch = document_service.render_batch(day, args.out)
    if not batch.files:
        print(f"{day:%Y-%m-%d} 催办没有产生文书。")
        return 0
    for path in batch.files:
        print(path)
    print(f"共 {len(batch.files)} 份文书；合并打印：{batch.combined}")
    return 0


def _one(args) -> int:

    open_for(args)
    notice = document_service.find_notice(args.number, args.kind or "")
    _warn_fonts()
    path = document_service.render_notice(notice, args.out)
    print(f"已生成 {notice.number_text} {KIND_LABELS.get(notice.kind, notice.kind)}：{path}")
    return 0


def _certificate(args) -> int:

    open_for(args)
    observer = Observer.get_or_none(Observer.id == args.observer)
    if observer is None:
        raise UserError(f"没有编号为 {args.observer} 的观察员。")
    _warn_fonts()
    at = moment(args)
    notice, path = observers.issue_certificate(observer, args.out, at.date(), at)
    print(f"已生成监督能手证书 {notice.number_text}：{path}")
    return 0


# The words a clerk uses for the steps after issuing; the register's labels (已送达 …) are accepted too.
STATUS_WORDS = {"印发": "issued", "送达": "delivered", "签收": "acknowledged", "回复": "answered"}


def _status(args) -> int:
    from wzdesk.notices.register import NOTICE_STATUS_LABELS
    from wzdesk.notices.status import move
    from wzdesk.vocabulary import parse_choice

    operator = open_for(args, action="case_work")
    word = args.status.strip()
    status = STATUS_WORDS.get(word) or parse_choice(word, NOTICE_STATUS_LABELS, "文书状态")
    notice = document_service.find_notice(args.number, args.kind or "")
    move(notice, status, moment(args), operator, args.note)
    print(f"{notice.number_text} 现为“{NOTICE_STATUS_LABELS[notice.status]}”。")
    return 0
