"""The one masking module: numbers inside free text, single values and names, as DESIGN.md "Privacy" gives them."""

from wzdesk.masking import mask_id_no, mask_name, mask_phone, mask_text


def test_numbers_inside_free_text_are_masked_in_every_typed_form():
    text = ("回电13812345678或 138 1234 5678、+8613912345678，座机0739-5123456、0739 5234567，"
            "身份证43050219900101123X")
    assert mask_text(text) == ("回电138****5678或 138****5678、139****5678，座机0739-****456、0739-****567，"
                               "身份证430***********123X")


def test_codes_amounts_and_dates_are_left_alone():
    text = "工单WZ-2026-000123，平台编号202610080001234，金额12000元，2026-10-08 09:00"
    assert mask_text(text) == text


def test_single_values_and_names():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0739-5123456") == "0739-****456"
    assert mask_id_no("430502199001011234") == "430***********1234"
    assert (mask_name("王小芳"), mask_name("王芳"), mask_name("欧阳小芳")) == ("王*芳", "王*", "欧**芳")


def test_a_petitioners_name_is_masked_where_it_is_known_or_follows_the_word_for_the_caller():
    assert mask_text("钱九反映路灯不亮", ("钱九",)) == "钱*反映路灯不亮"
    assert mask_text("反映人钱九来电：路灯不亮") == "反映人钱*来电：路灯不亮"
    assert mask_text("来电人：李小强，要求维修") == "来电人：李*强，要求维修"
