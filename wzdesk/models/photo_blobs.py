"""Migration: verification photos move into the database, so its backups carry them and a swap is seen."""

import hashlib
from pathlib import Path

from peewee import SqliteDatabase


def move_photos_in(database: SqliteDatabase) -> None:
    """Add the photo content column and fill it from each photo's file where the file is still there."""
    if "content" not in {c.name for c in database.get_columns("verification_photo")}:
        database.execute_sql("ALTER TABLE verification_photo ADD COLUMN content BLOB")
    for photo_id, path in database.execute_sql(
            "SELECT id, path FROM verification_photo WHERE content IS NULL").fetchall():
        file = Path(path)
        if file.is_file():
            database.execute_sql("UPDATE verification_photo SET content = ? WHERE id = ?",
                                 (file.read_bytes(), photo_id))


def photo_holds(content: bytes | None, path: str, sha256: str) -> bool:
    """Return whether a stored photo still has its hash: its content in the database, or (one whose file was
    already gone when photos moved in, content null) its file on disk."""
    if content is not None:
        return hashlib.sha256(bytes(content)).hexdigest() == sha256
    file = Path(path)
    if not file.is_file():
        return False
    digest = hashlib.sha256()
    with file.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == sha256
