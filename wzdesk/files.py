"""Output files written whole or not at all, and never over the open database or its companions.

Every xlsx, PDF, CSV and backup goes to a temporary name beside its target, is flushed and fsynced,
then moved into place with os.replace: a crash, a full disk or a refused write leaves the previous
file as it was and no partial or empty file under the final name.
"""

import errno
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from wzdesk.errors import UserError

# SQLite keeps these beside a database; a file written under one of those names would be taken as
# the database's own journal and could roll it back or corrupt it.
COMPANIONS = ("", "-wal", "-shm", "-journal")
PARTIAL_SUFFIX = ".part"

_protected: set[str] = set()


def protect(database: Path | str) -> None:
    """Refuse, from now on, any output onto `database`, its -wal/-shm/-journal or a link to them."""
    _protected.add(os.path.abspath(database))


def unprotect_all() -> None:
    """Forget the protected databases (when the database is closed)."""
    _protected.clear()


def refuse_database(target: Path | str) -> Path:
    """Raise UserError if `target` is a protected database, its -wal/-shm/-journal or a link to one of them."""
    target = Path(target).expanduser()
    for database in _protected:
        for suffix in COMPANIONS:
            if _same(target, Path(database + suffix)):
                raise UserError(f"输出文件“{target}”就是正在使用的数据库（或它的附属文件、链接），"
                                "不能覆盖。请换一个文件名。")
    return target


def check_output(target: Path | str) -> Path:
    """Return `target` as a Path, or raise UserError if it cannot be a new file: a database, a folder, no folder."""
    target = refuse_database(target)
    if target.is_dir():
        raise UserError(f"“{target}”是一个文件夹，请给出文件名。")
    if not target.parent.is_dir():
        raise UserError(f"保存的文件夹不存在：{target.parent}")
    return target


def _same(target: Path, database: Path) -> bool:
    if os.path.realpath(target) == os.path.realpath(database):
        return True
    try:
        return os.path.samefile(target, database)
    except OSError:  # one of them does not exist: then they are not one file
        return False


@contextmanager
def atomic_output(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `target` to write; when the block ends, move it into place.

    On any failure the temporary file is removed and `target` is left as it was; an OSError becomes
    a UserError in Chinese.
    """
    target = check_output(target)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")
    try:
        yield partial
        _sync(partial)
        os.replace(partial, target)
        _sync_folder(target.parent)
    except OSError as exc:
        raise UserError(explain_os_error(exc, target)) from None
    finally:
        _discard(partial)


def write_bytes(target: Path | str, data: bytes) -> Path:
    """Write `data` to `target` atomically; return the target."""
    return write_with(target, lambda path: Path(path).write_bytes(data))


def write_quick(target: Path | str, data: bytes) -> Path:
    """Write a small file whole or not at all (a temporary name, then os.replace), without syncing it to
    disk: for a file rewritten at every commit (the kept checkpoint), where a sync each time costs too much."""
    target = check_output(target)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as exc:
        raise UserError(explain_os_error(exc, target)) from None
    finally:
        _discard(partial)
    return target


def write_with(target: Path | str, writer: Callable[[Path], object]) -> Path:
    """Let `writer(path)` write the file to a temporary path, then move it onto `target`; return the target."""
    target = Path(target).expanduser()
    with atomic_output(target) as partial:
        writer(partial)
    return target


def explain_os_error(exc: OSError, target: Path) -> str:
    """Say in Chinese why a file could not be written."""
    reasons = {
        errno.ENOSPC: "磁盘空间不足",
        errno.EDQUOT: "磁盘配额已用完",
        errno.EROFS: "所在的磁盘或文件夹是只读的",
        errno.EACCES: "没有写入权限（或文件正在 Excel 等程序中打开）",
        errno.EPERM: "没有写入权限",
        errno.ENOENT: "文件夹不存在",
        errno.ENOTDIR: "路径中有一项不是文件夹",
        errno.EISDIR: "目标是一个文件夹",
    }
    reason = reasons.get(exc.errno, exc.strerror or str(exc))
    return f"无法保存“{target}”：{reason}。原有文件未改动。"


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder to fsync it; os.replace is durable enough there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _discard(path: Path) -> None:
    with suppress(OSError):  # a read-only folder never let it be made; nothing to remove
        path.unlink()
