"""Open an office's shared PostgreSQL database: connect, check it can give the same results, migrate."""

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from peewee import DatabaseError, InterfaceError

from wzdesk.errors import UserError
from wzdesk.models import db
from wzdesk.models.postgres_db import office_database, psycopg
from wzdesk.models.postgres_schema import has_schema

# Collations that order text by code point, as SQLite's BINARY does: the ledger, board and sheets then list
# departments and cases in the same order on either backend.
CODE_POINT_COLLATIONS = {"C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"}
CREATE_ADVICE = ("请数据库管理员这样建库：CREATE DATABASE wzdesk OWNER wzdesk ENCODING 'UTF8' "
                 "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' TEMPLATE template0;")


def shown(url: str) -> str:
    """Return the URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def open_server(url: str, now: datetime, create: bool, bring_up_to_date: Callable) -> str:
    """Point the app's database handle at the server of `url` and bring its schema up to date."""
    if psycopg is None:
        raise UserError("没有安装 PostgreSQL 驱动（psycopg），无法连接办公室共享数据库：请重新安装问政督办台。")
    db.initialize(office_database(url))
    try:
        db.connect()
        _refuse_foreign_collation(db, url)
        if not create and not has_schema(db):
            raise UserError(f"数据库“{shown(url)}”里还没有问政督办台的数据（这个命令只读取，不会新建）。")
        bring_up_to_date(url, now, False)
    except (DatabaseError, InterfaceError) as exc:
        db.close()
        raise UserError(f"无法打开办公室共享数据库“{shown(url)}”：{_explain(exc)}") from None
    except UserError:
        db.close()
        raise
    return url


def _refuse_foreign_collation(database, url: str) -> None:
    row = database.execute_sql(
        "SELECT to_jsonb(d) || jsonb_build_object('encoding_name', pg_encoding_to_char(d.encoding))"
        " FROM pg_database d WHERE datname = current_database()").fetchone()[0]
    problem = collation_problem(row, shown(url))
    if problem:
        raise UserError(problem)


def collation_problem(row: dict, name: str) -> str:
    """Say why a database (its pg_database row, with `encoding_name`) cannot give SQLite's order ("" if it can).

    The order must be by code point: a libc collation of CODE_POINT_COLLATIONS (or PostgreSQL 17's builtin
    provider); an ICU database (datlocprovider 'i') orders by its locale's rules whatever datcollate says."""
    encoding, collation, provider = row.get("encoding_name"), row.get("datcollate"), row.get("datlocprovider", "c")
    if provider == "i":
        collation = f"ICU {row.get('daticulocale') or row.get('datlocale') or ''}".strip()
    if encoding == "UTF8" and (provider == "b" or (provider == "c" and collation in CODE_POINT_COLLATIONS)):
        return ""
    return (f"数据库“{name}”的编码为 {encoding}、排序规则为 {collation}：问政督办台需要 UTF8 编码和按字符编码排序的"
            f" C 规则，两种数据库的排序才会一致。{CREATE_ADVICE}")


def move_to(url: str) -> dict[str, int]:
    """Copy the open SQLite database into the empty server database of `url`; return the rows per table.

    Refused when the target already holds the app's tables, or when any table's row count differs after."""
    from wzdesk.office.transfer import copy_database, row_counts

    target = office_database(url)
    try:
        target.connect()
        _refuse_foreign_collation(target, url)
        if has_schema(target):
            raise UserError(f"目标数据库“{shown(url)}”里已有问政督办台的数据，没有迁移：请建一个新的空数据库。")
        copy_database(db.obj, target)
        source, copied = row_counts(db.obj), row_counts(target)
    except (DatabaseError, InterfaceError) as exc:
        raise UserError(f"迁移到“{shown(url)}”失败：{_explain(exc)}") from None
    finally:
        target.close()
    differing = [f"{t}（{source[t]} → {copied.get(t)}）" for t in source if source[t] != copied.get(t)]
    if differing:
        raise UserError(f"迁移后行数不一致：{'、'.join(differing)}。请删除目标数据库后重试。")
    return copied


def _explain(exc: Exception) -> str:
    text = str(exc).strip()
    if "password authentication failed" in text or "no password supplied" in text:
        return "用户名或密码不对。"
    if "does not exist" in text and "database" in text:
        return f"服务器上没有这个数据库。{CREATE_ADVICE}"
    if "Connection refused" in text or "could not connect" in text or "No such file" in text:
        return "连接不上数据库服务器，请检查地址、端口和网络，或联系信息科。"
    if "permission denied" in text:
        return f"这个数据库账号没有建表的权限（{text.splitlines()[0]}）。"
    return text.splitlines()[0] if text else type(exc).__name__
