"""Any cell values under a known header: read_case_list returns rows or refuses, never anything else."""

import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wzdesk.excel.columns import FIELDS
from wzdesk.excel.reader import CaseList, ImportRefused, read_case_list

from .workbooks import write_xlsx

HEADER = [field.header for field in FIELDS]
WORDS = [
    "已派单", "已办结", "小", "重大", "满意",
    "2026/10/8 9:05", "2026年10月8日", "138****5678", "城管局、住建局",
]

cells = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.sampled_from(WORDS),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2200, 1, 1)),
    st.booleans(),
)
rows = st.lists(st.lists(cells, min_size=len(HEADER), max_size=len(HEADER)), max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows)
def test_random_cells_give_rows_or_a_refusal(data):
    """Random values in every known column either read as rows or raise ImportRefused with problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "随机 清单.xlsx", [HEADER, *data])
        try:
            result = read_case_list(path)
        except ImportRefused as refused:
            assert refused.problems
            assert all(str(problem) for problem in refused.problems)
        else:
            assert isinstance(result, CaseList)
            assert result.rows
