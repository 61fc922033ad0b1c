# Build wzdesk.exe (PyInstaller, one folder) and the per-user installer (Inno Setup) on Windows.
# Run from the repository root in a Python 3.12+ venv (None is immortal there, see pyproject.toml):
#   py -3.12 -m venv .venv; .venv\Scripts\activate; pip install -e .; powershell -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
$version = (python -c "import wzdesk; print(wzdesk.__version__)").Trim()
python -m pip install -q "pyinstaller==6.22.3"
python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\wzdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Smoke run of the frozen commands before anything is packaged.
$work = Join-Path $env:TEMP "wzdesk 冒烟"
New-Item -ItemType Directory -Force -Path $work | Out-Null
$db = Join-Path $work "演示.sqlite"
Remove-Item -ErrorAction SilentlyContinue $db
& dist\wzdesk\wzdesk-cli.exe --db $db demo --cases 300 --at "2026-11-20 10:00"
if ($LASTEXITCODE -ne 0) { throw "demo failed" }
& dist\wzdesk\wzdesk-cli.exe --db $db notice monthly --month 2026-10 --out (Join-Path $work "通报.pdf")
if ($LASTEXITCODE -ne 0) { throw "notice monthly failed" }
& dist\wzdesk\wzdesk-cli.exe --db $db sheet --month 2026-10 --out (Join-Path $work "考核表.xlsx") --at "2026-11-20 10:00"
if ($LASTEXITCODE -ne 0) { throw "sheet failed" }

$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
& $iscc "/DAppVersion=$version" packaging\windows\wzdesk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "dist\wzdesk-setup-$version.exe"
