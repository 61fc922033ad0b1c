#!/usr/bin/env bash
# Build the frozen app (dist/wzdesk/: wzdesk and wzdesk-cli) with PyInstaller and smoke-run it:
# --help, demo, the monthly notice, the sheet, and the window offscreen for 10 seconds.
# A missing data file or hidden import fails here, not on a clerk's PC. Run from the repository, in
# the venv that has the app installed: bash tools/build_frozen.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# Pinned: the spec and its hooks are tested with this release.
python -m pip install -q "pyinstaller==6.22.3"

BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
python -m PyInstaller --noconfirm --log-level ERROR --distpath "$ROOT/dist" --workpath "$BUILD/work" \
  packaging/wzdesk.spec
APP="$ROOT/dist/wzdesk"

# Run from an empty folder with spaces and Chinese in its name, far from the checkout.
WORK="$BUILD/冒烟 测试"
mkdir -p "$WORK"
cd "$WORK"
DB="$WORK/演示 库.sqlite"
fail() { echo "冒烟测试失败：$*" >&2; exit 1; }

"$APP/wzdesk-cli" --help | grep -q "escalate" || fail "--help 没有列出命令"
"$APP/wzdesk-cli" --db "$DB" demo --cases 300 --at "2026-11-20 10:00"
"$APP/wzdesk-cli" --db "$DB" notice monthly --month 2026-10 --out "$WORK/通报.pdf"
head -c 4 "$WORK/通报.pdf" | grep -q "%PDF" || fail "通报不是 PDF"
"$APP/wzdesk-cli" --db "$DB" sheet --month 2026-10 --out "$WORK/考核表.xlsx" --at "2026-11-20 10:00"
head -c 2 "$WORK/考核表.xlsx" | grep -q "PK" || fail "考核表不是 xlsx"

# The window: it must still be running after 10 seconds, with nothing on stderr but Qt's offscreen notes.
set +e
QT_QPA_PLATFORM=offscreen timeout 10 "$APP/wzdesk" --db "$DB" 2>"$WORK/window.err"
status=$?
set -e
[ "$status" -eq 124 ] || { cat "$WORK/window.err" >&2; fail "窗口在 10 秒内退出（状态 $status）"; }
if grep -v "propagateSizeHints" "$WORK/window.err" | grep -q .; then
  cat "$WORK/window.err" >&2
  fail "窗口输出了错误"
fi
echo "冒烟测试通过：$APP（$(du -sh "$APP" | cut -f1)）"
