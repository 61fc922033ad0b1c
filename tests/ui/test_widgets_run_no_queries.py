"""Widgets run no queries of their own: every module under wzdesk/ui/ calls the core for its data."""

import ast
from pathlib import Path

import wzdesk.models
import wzdesk.ui

UI = Path(wzdesk.ui.__file__).parent

# Methods of a Peewee query or instance that read or write the database.
QUERY_METHODS = {
    "atomic", "delete_instance", "first", "where", "get_or_none", "get_by_id", "get_or_create",
    "order_by", "group_by", "having", "paginate", "tuples", "dicts", "objects", "switch",
    "insert_many", "bulk_create", "bulk_update", "on_conflict", "execute_sql",
}
# Any of these on a model class is a query.
MODEL_CLASS_METHODS = {
    "select", "get", "create", "get_or_none", "get_by_id", "get_or_create", "delete_instance",
    "update", "delete", "insert", "insert_many", "replace", "raw", "delete_by_id", "set_by_id",
    "bulk_create", "bulk_update",
}
BANNED_NAMES = {"write_transaction", "db", "fn", "JOIN", "SQL"}
BANNED_MODULES = ("peewee", "playhouse")
MODEL_CLASSES = {name for name in wzdesk.models.__all__ if name[0].isupper() and name.upper() != name}
# Reading a backref (`case.co_links`) runs a query; these backref names are also ordinary widget or row
# attributes (`self.staff`, a row's `assignments`), so they are left out.
AMBIGUOUS_BACKREFS = {"+", "accountability", "assignments", "cases", "interviews", "notices", "staff", "steps",
                      "duty_menus"}
BACKREFS = {
    field.backref for name in MODEL_CLASSES for field in getattr(wzdesk.models, name)._meta.backrefs
} - AMBIGUOUS_BACKREFS


def _model_names(tree: ast.Module) -> set[str]:
    """Return the names a module binds to model classes by importing them from wzdesk.models."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("wzdesk.models"):
            names |= {a.asname or a.name for a in node.names if a.name in MODEL_CLASSES}
    return names


def _banned_imports(node: ast.AST) -> list[str]:
    """Return what an import statement brings in that a widget may not use."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] in BANNED_MODULES]
    if isinstance(node, ast.ImportFrom):
        if (node.module or "").split(".")[0] in BANNED_MODULES:
            return [node.module]
        if (node.module or "").startswith("wzdesk"):
            return [a.name for a in node.names if a.name in BANNED_NAMES]
    return []


def _query_call(node: ast.AST, models: set[str]) -> str | None:
    """Return a description of a call that runs a query, or None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    method, receiver = node.func.attr, node.func.value
    if isinstance(receiver, ast.Name) and receiver.id in models:
        return f"{receiver.id}.{method}()" if method in MODEL_CLASS_METHODS or method[0].islower() else None
    if method in QUERY_METHODS:
        return f".{method}()"
    if method == "save" and not node.args:  # a model's save(); an image or a filter bar saves to a target
        return ".save()"
    return None


def _backref(node: ast.AST) -> str | None:
    """Return the backref a widget reads off a model instance, or None."""
    if not (isinstance(node, ast.Attribute) and node.attr in BACKREFS):
        return None
    if isinstance(node.value, ast.Name) and node.value.id == "self":
        return None  # a widget's own attribute of the same name
    return f".{node.attr}"


def _findings(path: Path) -> list[str]:
    """Return every query, transaction and save a UI module holds, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    models = _model_names(tree)
    found = []
    for node in ast.walk(tree):
        found += [f"{node.lineno}: imports {name}" for name in _banned_imports(node)]
        call = _query_call(node, models)
        if call:
            found.append(f"{node.lineno}: {call}")
        backref = _backref(node)
        if backref:
            found.append(f"{node.lineno}: reads {backref}")
        if isinstance(node, ast.Name) and node.id in BANNED_NAMES - {"db"}:
            found.append(f"{node.lineno}: uses {node.id}")
    return found


def test_no_ui_module_runs_a_query():
    """No module under wzdesk/ui/ builds a Peewee query, opens a transaction or saves a model."""
    problems = {
        str(path.relative_to(UI.parent)): found
        for path in sorted(UI.rglob("*.py"))
        if (found := _findings(path))
    }
    assert problems == {}


def test_the_check_sees_a_query(tmp_path):
    """The check itself catches each kind of query it is meant to stop."""
    source = tmp_path / "widget.py"
    source.write_text(
        "from wzdesk.models import Department, write_transaction\n"
        "from peewee import fn\n"
        "rows = Department.select().where(Department.active)\n"
        "one = Department.get_or_none(id=1)\n"
        "with write_transaction():\n"
        "    one.save()\n"
        "links = one.co_links\n",
        encoding="utf-8",
    )
    found = "\n".join(_findings(source))
    for expected in ("imports write_transaction", "imports peewee", "Department.select()", ".where()",
                     "Department.get_or_none()", "uses write_transaction", ".save()",
                     "reads .co_links"):
        assert expected in found


def test_the_check_lets_type_hints_through(tmp_path):
    """Importing a model class for a type hint and reading its attributes is not a query."""
    source = tmp_path / "widget.py"
    source.write_text(
        "from wzdesk.models import Case\n"
        "def show(case: Case) -> str:\n"
        "    image.save('a.png')\n"
        "    return case.code + str({}.get('a')) + str(self.staff)\n",
        encoding="utf-8",
    )
    assert _findings(source) == []
