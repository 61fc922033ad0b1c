"""A SQLite file on a network share is refused: its locks and write-ahead log do not work there.

Three ways a path can be on a share: a UNC path (`\\\\server\\share\\…`, `//server/share/…`), a mapped
network drive on Windows (GetDriveTypeW says DRIVE_REMOTE), and elsewhere a network file system
mounted into the tree (nfs, cifs/smb, sshfs, afp), read from the mount table (/proc/mounts on Linux).
"""

import ntpath
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from wzdesk.errors import UserError

NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "sshfs", "fuse.sshfs", "afp", "afpfs", "fuse.afpfs",
    "ncpfs", "davfs", "fuse.davfs2", "9p", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph",
}
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive
MOUNT_TABLE = Path("/proc/mounts")
# \\server\share… or //server/share…, and the long form \\?\UNC\server\share…; not \\?\C:\ or \\.\ (local).
_UNC = re.compile(r"^(?:[\\/]{2}\?[\\/]UNC[\\/]|[\\/]{2}(?![?.][\\/]))[^\\/]+[\\/][^\\/]+", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True)
class Mount:
    """One line of the mount table: what is mounted, where, and its file system type."""

    source: str
    point: str
    fstype: str


def is_unc(text: str) -> bool:
    """Return whether a path, as typed, names a share on a server (a UNC path)."""
    return bool(_UNC.match(text.strip()))


def parse_mounts(text: str) -> list[Mount]:
    """Return the mounts of a /proc/mounts-shaped text (spaces and tabs in it written as octal escapes)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            source, point, fstype = (_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), f) for f in fields[:3])
            mounts.append(Mount(source, point, fstype))
    return mounts


def mount_of(path: str, mounts: list[Mount]) -> Mount | None:
    """Return the mount that holds `path` (absolute, links resolved): the longest mount point above it,
    the later one where two share a point (it hides the earlier)."""
    parts = PurePosixPath(path).parts
    best: Mount | None = None
    for mount in mounts:
        point = PurePosixPath(mount.point).parts
        if parts[:len(point)] == point and (best is None or len(point) >= len(PurePosixPath(best.point).parts)):
            best = mount
    return best


def network_location(path: Path, mount_text: str | None = None, platform: str = sys.platform,
                     drive_type: Callable[[str], int] | None = None) -> str:
    """Say in Chinese which network share holds `path`, or "" when it is on a local disk."""
    if is_unc(str(path)):
        return f"网络共享路径“{path}”"
    if platform == "win32":
        return _remote_drive(path, drive_type or _windows_drive_type)
    if mount_text is None and platform.startswith("linux") and MOUNT_TABLE.exists():
        mount_text = MOUNT_TABLE.read_text(encoding="utf-8", errors="replace")
    if not mount_text:
        return ""
    where = os.path.realpath(path if path.exists() else path.parent)
    mount = mount_of(where, parse_mounts(mount_text))
    if mount is None or mount.fstype.lower() not in NETWORK_FILESYSTEMS:
        return ""
    return f"网络文件系统（{mount.fstype}，{mount.source} 挂载于 {mount.point}）"


def _remote_drive(path: Path, drive_type: Callable[[str], int]) -> str:
    drive = ntpath.splitdrive(ntpath.abspath(str(path)))[0]
    if not drive or is_unc(drive):
        return f"网络共享路径“{path}”" if drive else ""
    return f"映射的网络驱动器 {drive}" if drive_type(drive + "\\") == DRIVE_REMOTE else ""


def _windows_drive_type(root: str) -> int:
    import ctypes  # only on Windows: windll exists nowhere else

    return ctypes.windll.kernel32.GetDriveTypeW(root)


def refuse_network_share(path: Path, **probe) -> None:
    """Refuse a SQLite database on a network share, recommending the office's shared server."""
    where = network_location(path, **probe)
    if where:
        raise UserError(
            f"数据库“{path}”位于{where}上：SQLite 数据库文件放在网络共享上，几台电脑同时使用时会丢失"
            "数据甚至损坏（网络文件系统不支持它的文件锁和预写日志），因此没有打开。\n"
            "多个办公桌共用一本台账，请使用办公室的共享 PostgreSQL 服务器（在“设置”中选择“办公室共享数据库”，"
            "或用 --db postgresql://用户名@服务器/数据库名）；一个办公桌单独使用，请把数据库放在本机磁盘上。"
        )
