"""A SQLite file on a network share is refused, recommending the office's shared PostgreSQL server (issue 24)."""

from pathlib import Path

import pytest

from wzdesk.errors import UserError
from wzdesk.office.database import open_database
from wzdesk.office.network_share import Mount, is_unc, mount_of, network_location, parse_mounts

# The mount table of an office PC running Ubuntu, as /proc/mounts prints it: a home on NFS, the office's
# Windows share mounted with cifs under a folder whose name has spaces (written \040), an sshfs mount, and
# a local disk mounted inside the NFS tree.
PROC_MOUNTS = r"""sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
udev /dev devtmpfs rw,nosuid,relatime,size=8105524k,nr_inodes=2026381,mode=755,inode64 0 0
/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1627164k,mode=755,inode64 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077,codepage=437,iocharset=iso8859-1 0 0
fileserver:/export/home /home nfs4 rw,relatime,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp 0 0
/dev/sdb1 /home/scratch ext4 rw,relatime 0 0
//office-nas/督办室 /mnt/office\040share cifs rw,relatime,vers=3.1.1,cache=strict,username=clerk,uid=1000 0 0
clerk@backup-host:/srv/wz /mnt/wz-ssh fuse.sshfs rw,nosuid,nodev,relatime,user_id=1000,group_id=1000 0 0
/dev/nvme0n1p2 /mnt/wz-ssh-local ext4 rw,relatime 0 0
"""


@pytest.mark.parametrize("path", [
    r"\\office-nas\督办室\台账.sqlite",
    r"\\office-nas\share",
    "//office-nas/督办室/台账.sqlite",
    "//office-nas/share",
    r"\\?\UNC\office-nas\督办室\台账.sqlite",
    r"\\office-nas/mixed\台账.sqlite",
])
def test_a_unc_path_is_refused_before_anything_is_opened(path):
    assert is_unc(path)
    with pytest.raises(UserError) as refused:
        open_database(path, create=True)
    text = str(refused.value)
    assert "网络共享" in text and "PostgreSQL" in text and "办公室共享数据库" in text


@pytest.mark.parametrize("path", [r"C:\Users\李娜\AppData\Roaming\wzdesk\台账.sqlite", r"\\?\C:\wzdesk\台账.sqlite",
                                  r"\\.\C:\台账.sqlite", "/home/lina/台账.sqlite", "台账.sqlite", "///etc/x"])
def test_local_paths_are_not_unc(path):
    assert not is_unc(path)


def test_the_mount_table_is_read_with_its_escapes():
    mounts = parse_mounts(PROC_MOUNTS)
    assert len(mounts) == 11
    assert mounts[8] == Mount("//office-nas/督办室", "/mnt/office share", "cifs")
    assert mounts[9] == Mount("clerk@backup-host:/srv/wz", "/mnt/wz-ssh", "fuse.sshfs")


@pytest.mark.parametrize(("path", "fstype"), [
    ("/home/lina/督办/台账.sqlite", "nfs4"),
    ("/home/scratch/台账.sqlite", "ext4"),  # a local disk mounted inside the NFS home
    ("/home/scratchpad/台账.sqlite", "nfs4"),  # a name that merely begins like that mount point
    ("/mnt/office share/台账.sqlite", "cifs"),
    ("/mnt/wz-ssh/台账.sqlite", "fuse.sshfs"),
    ("/mnt/wz-ssh-local/台账.sqlite", "ext4"),
    ("/var/lib/wzdesk/台账.sqlite", "ext4"),
])
def test_the_mount_holding_a_path_is_the_longest_mount_point_above_it(path, fstype):
    assert mount_of(path, parse_mounts(PROC_MOUNTS)).fstype == fstype


def test_a_file_on_a_network_file_system_is_refused_and_a_local_one_is_not(tmp_path):
    """The folder holding the database is looked up in the mount table (links resolved)."""
    folder = (tmp_path / "督办 数据").resolve()
    folder.mkdir()
    local = "/dev/vda / ext4 rw 0 0\n"
    on_share = local + f"//office-nas/督办室 {str(tmp_path.resolve()).replace(' ', chr(92) + '040')} cifs rw 0 0\n"
    database = folder / "台账.sqlite"
    assert network_location(database, mount_text=local, platform="linux") == ""
    where = network_location(database, mount_text=on_share, platform="linux")
    assert where.startswith("网络文件系统（cifs，//office-nas/督办室 挂载于")
    link = tmp_path.parent / f"{tmp_path.name}-链接"
    link.symlink_to(folder)
    assert network_location(link / "台账.sqlite", mount_text=on_share, platform="linux") == where


def test_this_machine_s_own_mount_table_is_read_and_the_test_folder_is_local(tmp_path):
    """/proc/mounts itself, on Linux: the suite's own temporary folder is not on a share."""
    if not Path("/proc/mounts").exists():
        pytest.skip("no /proc/mounts on this system")
    assert network_location(tmp_path / "台账.sqlite", platform="linux") == ""


@pytest.mark.parametrize(("drive_type", "refused"), [(4, True), (3, False), (2, False)])
def test_a_mapped_network_drive_on_windows_is_refused(drive_type, refused):
    """GetDriveTypeW's answer decides: 4 DRIVE_REMOTE (a mapped drive), 3 a fixed disk, 2 a removable one."""
    asked = []

    def get_drive_type(root: str) -> int:
        asked.append(root)
        return drive_type

    where = network_location(Path(r"Z:\督办室\台账.sqlite"), platform="win32", drive_type=get_drive_type)
    assert asked == ["Z:\\"]
    assert where == ("映射的网络驱动器 Z:" if refused else "")
