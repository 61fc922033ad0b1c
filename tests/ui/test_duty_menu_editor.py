"""设置 → 责任菜单: the office adds a step through the dialogs; a bad limit is refused in Chinese."""

from tests.ui.conftest import make_window, refusal
from wzdesk.models import Category
from wzdesk.office import duty_menus


def test_add_a_step_to_the_noise_menu(qtbot, database, store):
    window = make_window(qtbot, database, store)
    window.show_page("设置")
    editor = window.settings_page.duty_menus
    noise = Category.get(Category.name == "噪音扰民")
    row = next(i for i in range(editor.categories.count()) if editor.categories.item(i).text().startswith("噪音扰民"))
    editor.categories.setCurrentRow(row)
    assert editor.steps.count() == 3
    dialog = editor.add_step()
    dialog.name.setText("回访反映人")
    dialog.limit.setValue(0)
    dialog.accept()
    assert "时限应在" in refusal(dialog)
    dialog.limit.setValue(5)
    dialog.unit.setCurrentIndex(2)  # working days
    dialog.accept()
    assert [s.name for s in duty_menus.steps(noise)][-1] == "回访反映人"
    assert editor.steps.count() == 4 and "5 个工作日内" in editor.steps.item(3).text()
    editor.grab().save(str(database.parent / "duty_menu.png"))
