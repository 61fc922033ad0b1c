"""Choosing the office's server at a desk (issue 24): the address, the password file, the connection test's
Chinese verdicts on the real test server, setting up an empty database, and the choice remembered."""

import os
import socket
from pathlib import Path

import pytest

from tests.postgres_server import PASSWORD_GROUP
from wzdesk.errors import UserError
from wzdesk.models import Operator
from wzdesk.models.schema import SCHEMA_VERSION
from wzdesk.office import desk_choice, pgpass
from wzdesk.office.database import close_database, open_database
from wzdesk.office.server_address import ServerAddress, address, parse_url
from wzdesk.office.server_check import check_server, set_up

CLERK, SECRET = "wz_clerk", "Kd:9\\窗口"  # a colon and a backslash, which the password file must escape


class Store(dict):
    """The two QSettings methods desk_choice uses, over a dict."""

    def value(self, key, defaultValue=None):
        return self.get(key, defaultValue)

    def setValue(self, key, value):
        self[key] = value


@pytest.fixture(scope="module")
def clerk(pg_server):
    """A role that must give its password (the test server trusts every other role)."""
    pg_server.admin(f"DO $$BEGIN CREATE ROLE {PASSWORD_GROUP}; EXCEPTION WHEN duplicate_object THEN NULL; END$$")
    pg_server.admin(f"DO $$BEGIN CREATE ROLE {CLERK} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END$$")
    pg_server.admin(f"ALTER ROLE {CLERK} PASSWORD $pw${SECRET}$pw$")
    pg_server.admin(f"GRANT {PASSWORD_GROUP} TO {CLERK}")
    return CLERK


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / "密码 文件" / "pgpass.conf"
    monkeypatch.setenv("PGPASSFILE", str(path))
    return path


def at(pg_server, name: str, user: str = "wzdesk", password: str = "") -> ServerAddress:
    return ServerAddress(pg_server.socket_folder(), name, user, password=password)


def owned_by_clerk(pg_server, clerk) -> str:
    url = pg_server.fresh()
    name = pg_server.name(url)
    pg_server.admin(f'ALTER DATABASE "{name}" OWNER TO {clerk}')
    return name


def test_a_wrong_password_is_named_as_such(pg_server, clerk, password_file):
    name = owned_by_clerk(pg_server, clerk)
    verdict = check_server(at(pg_server, name, clerk, "not-the-password"))
    assert verdict.kind == "password" and not verdict.usable
    assert f"用户“{clerk}”的密码不对" in verdict.message


def test_no_password_at_all_asks_for_one(pg_server, clerk, password_file):
    verdict = check_server(at(pg_server, owned_by_clerk(pg_server, clerk), clerk))
    assert verdict.kind == "no_password" and "请填写密码" in verdict.message


def test_the_password_kept_in_libpq_s_file_signs_in_without_being_typed(pg_server, clerk, password_file):
    """The password goes to PGPASSFILE (mode 0600, escaped); libpq itself reads it back for the test and the app."""
    name = owned_by_clerk(pg_server, clerk)
    server = at(pg_server, name, clerk, SECRET)
    assert pgpass.keep_password(server) == password_file
    assert password_file.stat().st_mode & 0o777 == 0o600
    escaped = SECRET.replace("\\", "\\\\").replace(":", "\\:")
    assert password_file.read_text(encoding="utf-8").splitlines() == [
        f"{pg_server.socket_folder()}:5432:{name}:{clerk}:{escaped}"]
    assert pgpass.kept_password(server.without_password()) == SECRET
    assert check_server(server.without_password()).kind == "empty"
    assert set_up(server.without_password()).kind == "ready"
    open_database(server.url())  # the app's own handle, no password in the URL: libpq read the file
    try:
        assert Operator.select().where(Operator.username == "system").exists()  # seeded at the first opening
    finally:
        close_database()


def test_keeping_a_new_password_replaces_the_server_s_line_and_keeps_the_others(pg_server, password_file):
    other = ServerAddress("db.example", "wzdesk", "li", password="x")
    pgpass.keep_password(other)
    pgpass.keep_password(ServerAddress("10.0.0.5", "wzdesk", "li", port=5433, password="old"))
    pgpass.keep_password(ServerAddress("10.0.0.5", "wzdesk", "li", port=5433, password="new"))
    assert password_file.read_text(encoding="utf-8").splitlines() == [
        "db.example:5432:wzdesk:li:x", "10.0.0.5:5433:wzdesk:li:new"]


def test_a_missing_database_is_named_with_how_to_create_it(pg_server):
    verdict = check_server(at(pg_server, "no_such_ledger"))
    assert verdict.kind == "no_database"
    assert "没有名为“no_such_ledger”的数据库" in verdict.message and "LC_COLLATE 'C'" in verdict.message


def test_an_unreachable_server_is_named_with_its_address():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    verdict = check_server(ServerAddress("127.0.0.1", "wzdesk", "wzdesk", port=port), timeout=2)
    assert verdict.kind == "unreachable"
    assert f"连接不上数据库服务器 127.0.0.1:{port}" in verdict.message


def test_a_database_ordered_by_a_locale_is_refused(pg_server):
    """An ICU database orders by its locale although its datcollate reads C: the check looks at the provider."""
    name = f"wz_icu_{os.getpid()}"
    pg_server.admin(f'DROP DATABASE IF EXISTS "{name}"')
    pg_server.admin(f"CREATE DATABASE \"{name}\" LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' LOCALE 'C' TEMPLATE template0")
    verdict = check_server(at(pg_server, name))
    assert verdict.kind == "collation"
    assert "排序规则为 ICU zh-CN" in verdict.message and "C 规则" in verdict.message
    with pytest.raises(UserError, match="排序规则为 ICU zh-CN"):  # and the app does not open it either
        open_database(pg_server.url(name))


def test_a_database_in_another_encoding_is_refused(pg_server):
    name = f"wz_ascii_{os.getpid()}"
    pg_server.admin(f'DROP DATABASE IF EXISTS "{name}"')
    pg_server.admin(f"CREATE DATABASE \"{name}\" ENCODING 'SQL_ASCII' LOCALE 'C' TEMPLATE template0")
    verdict = check_server(at(pg_server, name))
    assert verdict.kind == "collation" and "编码为 SQL_ASCII" in verdict.message


def test_an_empty_database_is_offered_and_set_up(pg_server):
    name = pg_server.name(pg_server.fresh())
    server = at(pg_server, name)
    verdict = check_server(server)
    assert verdict.kind == "empty" and verdict.can_set_up and not verdict.usable
    after = set_up(server)
    assert after.kind == "ready" and after.usable
    assert after.message == "连接正常：台账中有 0 件工单，可以使用。"
    assert set_up(server) == after  # a database already set up is left as it is


def test_a_user_who_may_not_create_tables_is_told(pg_server, clerk, password_file):
    name = pg_server.name(pg_server.fresh())  # owned by the server's superuser: the clerk may only connect
    verdict = check_server(at(pg_server, name, clerk, SECRET))
    assert verdict.kind == "not_allowed" and f"用户“{clerk}”没有在数据库“{name}”中建表的权限" in verdict.message


def test_a_user_who_may_create_tables_but_not_pg_trgm_is_told(pg_server, clerk, password_file):
    name = pg_server.name(pg_server.fresh())
    with_grant = pg_server.url(name)
    import psycopg

    with psycopg.connect(with_grant, autocommit=True) as conn:
        conn.execute(f"GRANT CREATE ON SCHEMA public TO {clerk}")
    verdict = check_server(at(pg_server, name, clerk, SECRET))
    assert verdict.kind == "no_trgm"
    assert "还没有启用 pg_trgm 扩展" in verdict.message and "CREATE EXTENSION pg_trgm" in verdict.message


def test_a_database_of_a_newer_wzdesk_is_refused(pg_server, pg_template):
    url = pg_server.fresh(pg_template)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 3,))
    verdict = check_server(at(pg_server, pg_server.name(url)))
    assert verdict.kind == "newer"
    assert f"数据库版本 {SCHEMA_VERSION + 3}，本程序支持到 {SCHEMA_VERSION}" in verdict.message


def test_an_older_database_opens_and_is_upgraded(pg_server, pg_template):
    url = pg_server.fresh(pg_template)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION - 1,))
    verdict = check_server(at(pg_server, pg_server.name(url)))
    assert verdict.kind == "upgrade" and verdict.usable
    assert f"版本 {SCHEMA_VERSION - 1} → {SCHEMA_VERSION}" in verdict.message


def test_a_database_holding_another_program_s_tables_is_refused(pg_server):
    url = pg_server.fresh()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    verdict = check_server(at(pg_server, pg_server.name(url)))
    assert verdict.kind == "foreign" and "已有 1 张别的程序的表" in verdict.message


def test_the_address_is_built_from_the_parts_a_clerk_types_and_read_back_from_a_url():
    typed = address(" 192.168.1.20 ", "5433", "wzdesk", " li qiang ", "pw")
    assert typed.url() == "postgresql://li%20qiang@192.168.1.20:5433/wzdesk"  # never the password
    assert parse_url(typed.url()) == typed.without_password()
    pasted = parse_url("postgresql://wz:s%3Aecret@db.office.local/ledger?sslmode=require")
    assert (pasted.host, pasted.port, pasted.database, pasted.user, pasted.password) == (
        "db.office.local", 5432, "ledger", "wz", "s:ecret")
    assert pasted.url() == "postgresql://wz@db.office.local/ledger?sslmode=require"


@pytest.mark.parametrize(("parts", "message"), [
    (("", "", "wzdesk", "wz"), "请填写服务器地址。"),
    (("db", "", "", "wz"), "请填写数据库名。"),
    (("db", "", "wzdesk", ""), "请填写用户名。"),
    (("db", "54x2", "wzdesk", "wz"), "端口“54x2”不对"),
    (("db", "70000", "wzdesk", "wz"), "端口“70000”不对"),
])
def test_a_missing_or_wrong_part_is_refused_in_chinese(parts, message):
    with pytest.raises(UserError, match=message):
        address(*parts)


def test_a_url_that_is_not_a_server_s_is_refused():
    with pytest.raises(UserError, match="应以 postgresql:// 开头"):
        parse_url("mysql://wz@db/ledger")


def test_the_choice_is_remembered_without_the_password(tmp_path):
    store = Store()
    assert desk_choice.remembered(store) is None
    desk_choice.remember(store, "postgresql://wz:secret@db.office.local/ledger")
    assert desk_choice.remembered(store) == "postgresql://wz@db.office.local/ledger"
    assert "secret" not in repr(store)
    desk_choice.remember(store, tmp_path / "台账.sqlite")
    assert desk_choice.remembered(store) == tmp_path / "台账.sqlite"


def test_the_command_line_and_wzdesk_db_win_over_the_remembered_choice(tmp_path, monkeypatch):
    store = Store()
    desk_choice.remember(store, "postgresql://wz@db.office.local/ledger")
    monkeypatch.delenv("WZDESK_DB", raising=False)
    assert desk_choice.chosen_database(None, store) == "postgresql://wz@db.office.local/ledger"
    monkeypatch.setenv("WZDESK_DB", str(tmp_path / "环境.sqlite"))
    assert desk_choice.chosen_database(None, store) == tmp_path / "环境.sqlite"
    assert desk_choice.chosen_database(Path("命令行.sqlite"), store) == Path("命令行.sqlite")


def test_a_table_added_after_the_migration_gets_the_change_message_at_the_next_opening(pg_server, pg_template):
    """A later migration's new table is given the NOTIFY trigger when a desk opens the database."""
    url = pg_server.fresh(pg_template)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE later_table (id integer)")
        conn.execute("LISTEN wzdesk_change")
        open_database(url)
        close_database()
        own = str(conn.execute("SELECT pg_backend_pid()").fetchone()[0])
        conn.execute("INSERT INTO later_table VALUES (1)")  # autocommit: the message follows at once
        heard = {(n.channel, n.payload) for n in conn.notifies(timeout=2)}  # the opening's own writes too
        triggers = conn.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'later_table_notify'").fetchone()
    assert ("wzdesk_change", own) in heard and triggers == (1,)
