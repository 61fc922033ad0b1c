"""Find the hidden rows of an Excel 97–2003 (.xls) workbook's sheets (python-calamine does not report them).

An .xls file is an OLE compound file whose "Workbook" stream holds BIFF8 records: a BOUNDSHEET record per
sheet gives its name and where its records start; each ROW record there carries the row's number and, in
bit 5 of its option flags (fDyZero), whether the row is hidden. Only what that needs of the compound file
is read here: the sector allocation table, the directory, and one stream (from the mini stream when short).
"""

import struct

_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MAX_SECTORS = 1 << 22  # a chain longer than the largest file we read is a loop in a damaged table
_BOUNDSHEET, _BOF, _EOF, _ROW, _FILEPASS = 0x0085, 0x0809, 0x000A, 0x0208, 0x002F
_ROW_HIDDEN = 0x20


class _Damaged(Exception):
    """The compound file or its records are not as the format says."""


def xls_hidden_rows(data: bytes) -> dict[str, frozenset[int]]:
    """Return sheet name → the 1-based numbers of its hidden rows; {} when the file cannot be walked."""
    try:
        stream = _workbook_stream(data)
        return {name: rows for name, rows in _hidden_by_sheet(stream).items() if rows}
    except (_Damaged, struct.error, IndexError, UnicodeDecodeError):
        return {}  # calamine reads (or refuses) the file itself; its rows are then all taken as shown


# -- the compound file --------------------------------------------------------------------------------


def _workbook_stream(data: bytes) -> bytes:
    """Return the bytes of the compound file's Workbook (BIFF8) or Book (BIFF5) stream."""
    if len(data) < 512:
        raise _Damaged
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
        raise _Damaged
    size = 1 << shift
    fat = _fat(data, size)
    entries = _directory(_chain(data, size, fat, struct.unpack_from("<I", data, 0x30)[0]))
    wanted = next((e for e in entries if e[0] in ("Workbook", "Book") and e[1] == 2), None)
    if wanted is None:
        raise _Damaged
    _name, _kind, start, length = wanted
    cutoff = struct.unpack_from("<I", data, 0x38)[0]
    if length >= cutoff:
        return _chain(data, size, fat, start)[:length]
    root = entries[0]
    mini_stream = _chain(data, size, fat, root[2])
    mini_fat = _table(_chain(data, size, fat, struct.unpack_from("<I", data, 0x3C)[0]))
    return _mini_chain(mini_stream, 1 << mini_shift, mini_fat, start)[:length]


def _sector(data: bytes, size: int, number: int) -> bytes:
    offset = (number + 1) * size
    if offset >= len(data):  # the last sector may be cut short by a writer, but not start past the end
        raise _Damaged
    return data[offset:offset + size]


def _fat(data: bytes, size: int) -> list[int]:
    """Return the sector allocation table, its sectors listed in the header and the DIFAT chain."""
    count, difat_next, difat_count = struct.unpack_from("<I", data, 0x2C)[0], *struct.unpack_from("<II", data, 0x44)
    sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s != _FREE]
    per = size // 4 - 1
    for _ in range(min(difat_count, _MAX_SECTORS)):
        if difat_next in (_END_OF_CHAIN, _FREE):
            break
        block = struct.unpack(f"<{per + 1}I", _sector(data, size, difat_next))
        sectors += [s for s in block[:per] if s != _FREE]
        difat_next = block[per]
    return _table(b"".join(_sector(data, size, s) for s in sectors[:count]))


def _table(raw: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(raw) // 4}I", raw[:len(raw) // 4 * 4]))


def _chain(data: bytes, size: int, fat: list[int], start: int) -> bytes:
    """Return the bytes of the sectors chained from `start`."""
    parts, sector = [], start
    while sector != _END_OF_CHAIN:
        if sector >= len(fat) or len(parts) > _MAX_SECTORS:
            raise _Damaged
        parts.append(_sector(data, size, sector))
        sector = fat[sector]
    return b"".join(parts)


def _mini_chain(stream: bytes, size: int, mini_fat: list[int], start: int) -> bytes:
    parts, sector = [], start
    while sector != _END_OF_CHAIN:
        if sector >= len(mini_fat) or len(parts) > _MAX_SECTORS:
            raise _Damaged
        parts.append(stream[sector * size:(sector + 1) * size])
        sector = mini_fat[sector]
    return b"".join(parts)


def _directory(raw: bytes) -> list[tuple[str, int, int, int]]:
    """Return each directory entry as (name, type, start sector, size); the first is the root."""
    entries = []
    for offset in range(0, len(raw) - 127, 128):
        name_length, kind = struct.unpack_from("<HB", raw, offset + 64)
        name = raw[offset:offset + max(0, min(name_length, 64) - 2)].decode("utf-16-le")
        start, length = struct.unpack_from("<II", raw, offset + 116)
        entries.append((name, kind, start, length))
    if not entries or entries[0][1] != 5:
        raise _Damaged
    return entries


# -- the BIFF records ---------------------------------------------------------------------------------


def _records(stream: bytes, offset: int = 0):
    """Yield (offset, type, body) of the records from `offset` on."""
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield offset, kind, stream[offset + 4:offset + 4 + length]
        offset += 4 + length


def _hidden_by_sheet(stream: bytes) -> dict[str, frozenset[int]]:
    sheets = []
    for _offset, kind, body in _records(stream):
        if kind == _FILEPASS:
            return {}  # the records after it are encrypted
        if kind == _BOUNDSHEET and body[5] == 0:  # a worksheet (not a chart or a macro sheet)
            sheets.append((_sheet_name(body), struct.unpack_from("<I", body)[0]))
        if kind == _EOF:
            break  # the end of the workbook globals
    return {name: _hidden_rows(stream, position) for name, position in sheets}


def _sheet_name(body: bytes) -> str:
    """Return the name of a BOUNDSHEET record: a short string, 8-bit or UTF-16 by its flag."""
    count, flags = body[6], body[7]
    text = body[8:8 + count * (2 if flags & 1 else 1)]
    return text.decode("utf-16-le") if flags & 1 else text.decode("latin-1")


def _hidden_rows(stream: bytes, position: int) -> frozenset[int]:
    rows = set()
    for index, (_offset, kind, body) in enumerate(_records(stream, position)):
        if index == 0 and kind != _BOF:
            raise _Damaged
        if kind == _EOF:
            break
        if kind == _ROW and len(body) >= 14 and struct.unpack_from("<H", body, 12)[0] & _ROW_HIDDEN:
            rows.add(struct.unpack_from("<H", body)[0] + 1)
    return frozenset(rows)
