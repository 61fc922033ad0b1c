"""Code names and their Chinese labels: statuses, grades, ratings, actions, colours."""

STATUS_LABELS = {
    "received": "已受理",
    "dispatched": "已派单",
    "accepted": "已签收",
    "in_progress": "办理中",
    "replied": "已答复",
    "verified": "已核验",
    "closed": "已办结",
    "returned": "已退回",
    "merged": "已合并",
}
GRADE_LABELS = {"minor": "小", "moderate": "中", "major": "大"}
RATING_LABELS = {
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "neutral": "一般",
    "dissatisfied": "不满意",
    "very_dissatisfied": "非常不满意",
}
SOLVED_LABELS = {True: "已解决", False: "未解决"}  # the return visit's first question
SOLVED_NOTE = {None: "", True: "（已解决）", False: "（未解决）"}  # after the level in a rating event's note
DISSATISFIED = {"dissatisfied", "very_dissatisfied"}
FIVE_LEVELS = ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied")
THREE_LEVELS = ("satisfied", "basically_satisfied", "dissatisfied")  # the seed's three (setting rating_scale)
COLOUR_LABELS = {"green": "绿", "yellow": "黄", "orange": "橙", "red": "红", "grey": "灰"}
COLOURS = tuple(COLOUR_LABELS)

ACTION_LABELS = {
    "intake": "受理登记",
    "dispatch": "派单",
    "accept": "签收",
    "return": "退回",
    "reassign": "改派",
    "progress": "办理进展",
    "reply": "答复",
    "verify_pass": "现场核验通过",
    "verify_fail": "现场核验不通过",
    "rate": "回访评价",
    "close": "办结",
    "reopen": "重办",
    "complaint": "我有话说",
    "complaint_cleared": "吐槽已处理",
    "import_update": "导入更新",
    "merge": "合并为重复诉求",
    "repeat_merged": "并入重复诉求",
    "unmerge": "撤销合并",
    "repeat_unmerged": "重复诉求撤销合并",
    "duty_step_done": "履职步骤完成",
    "duty_breach": "未履职",
    "deadline_rereckoned": "时限重算",
    "reminder_letter": "发提醒函",
    "leader_coordination": "请分管领导协调",
    "coordination_meeting": "召开协调会议",
    "decision_done": "协调事项完成",
    "follow_up_opened": "重大件跟进到期",
    "follow_up_done": "重大件跟进",
    "supervision_list": "列入督办清单",
    "supervision_letter": "发督办函",
    "interview": "约谈",
    "public_notice": "列入通报",
    "reveal": "查看完整号码",
    "verification_booked": "预约现场核验",
    "verification_photos": "核验照片存档",
    "accountability_proposed": "提出问责建议",
    "accountability_confirmed": "确认问责",
    "accountability_dismissed": "不予问责",
    "accountability_revoked": "撤销问责",
    "interview_scheduled": "安排约谈",
    "interview_held": "约谈已举行",
    "commitment_kept": "约谈承诺已兑现",
    "commitment_broken": "约谈承诺未兑现",
    "notice_status": "文书状态变更",
    "outbox_export": "导出待发短信",
    "outbox_marked": "登记短信发送结果",
    "observer_added": "新增观察员",
    "observer_edited": "修改观察员信息",
    "observer_retired": "观察员退出名册",
    "sign_in_failed": "登录失败",
    "operator_added": "新增操作员",
    "operator_activated": "恢复操作员",
    "operator_deactivated": "停用操作员",
    "observer_reinstated": "观察员恢复在册",
    "department_changed": "单位新增或更名",
    "operator_changed": "操作员新增或更名",
    "guard_restored": "恢复台账防改动保护",
    "full_export": "内部完整导出",
}


def parse_choice(text: str, labels: dict[str, str], what: str) -> str:
    """Return the code for a code name or its Chinese label, or raise a UserError naming the choices."""
    from wzdesk.errors import UserError

    value = text.strip()
    if value in labels:
        return value
    by_label = {label: code for code, label in labels.items()}
    if value in by_label:
        return by_label[value]
    raise UserError(f"{what}“{text}”无效，可选：{'、'.join(labels.values())}。")

SANCTION_LABELS = {
    "circulated_criticism": "通报批评",
    "formal_talk": "约谈",
    "performance_deduction": "扣减绩效",
    "no_award": "取消评优",
    "admonishment": "诫勉",
    "written_self_criticism": "书面检查",
    "public_self_criticism": "责令公开道歉",
    "reassignment": "调整职务",
    "organisational_adjustment": "组织调整",
    "discipline": "纪律处分",
}
# How a notice states each sanction against its target ({target}: 该单位, 分管副局长…), in the words of
# 《中国共产党问责条例》 (2019) and office practice: 责令作出书面检查, 诫勉, never 予以书面检查 or 诫勉谈话.
SANCTION_PHRASES = {
    "circulated_criticism": "对{target}予以通报批评",
    "formal_talk": "对{target}进行约谈",
    "performance_deduction": "扣减{target}绩效考核分",
    "no_award": "取消{target}本年度评优评先资格",
    "admonishment": "对{target}进行诫勉",
    "written_self_criticism": "责令{target}作出书面检查",
    "public_self_criticism": "责令{target}公开道歉",
    "reassignment": "对{target}调整职务",
    "organisational_adjustment": "对{target}进行组织调整",
    "discipline": "将{target}的问题线索移送纪检监察机关",
}
TARGET_LABELS = {"department": "单位", "person": "个人", "leader": "分管领导"}
ROLE_LABELS = {"clerk": "办事员", "supervisor": "督办科长", "admin": "管理员", "system": "系统"}
# The monthly rule (or the interview) that proposed an accountability record.
RULE_LABELS = {
    "monthly_false_closure": "月度不满意率超标",
    "dissatisfied_streak_department": "单位连续不满意",
    "dissatisfied_streak_handler": "经办人连续不满意",
    "worst_two_months": "连续两月不满意率居后",
    "broken_commitment": "约谈承诺未兑现",
    "leader_of_unit": "单位问责延及分管领导",
}
# The statuses and steps of the office's other records, as the pages and documents name them.
INTERVIEW_STATUS_LABELS = {"scheduled": "待约谈", "held": "已约谈", "cancelled": "已取消"}
COMMITMENT_STATUS_LABELS = {"open": "待兑现", "kept": "已兑现", "broken": "未兑现"}
ACCOUNTABILITY_STATUS_LABELS = {"proposed": "待确认", "confirmed": "已确认", "revoked": "已撤销",
                                "dismissed": "不予问责"}
VERIFICATION_RESULT_LABELS = {"pending": "待核验", "passed": "通过", "failed": "不通过"}
CITIZEN_ACTION_LABELS = {
    "book_verification": "预约核验",
    "verification_result": "登记核验结果",
    "complaint": "我有话说",
    "clear_complaint": "处理吐槽",
}
SUPERVISION_ACTION_LABELS = {"coordination_meeting": "登记协调会议", "owed_done": "登记跟进/协调事项"}
NOTICE_STATUS_LABELS = {"draft": "草稿", "issued": "已印发", "delivered": "已送达", "acknowledged": "已签收",
                        "answered": "已回复"}
