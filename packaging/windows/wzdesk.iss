; Inno Setup script: a per-user installer of the frozen build (dist\wzdesk\), in Chinese.
; Built by packaging\windows\build.ps1 after PyInstaller; needs Inno Setup 6 (ISCC.exe) with its
; ChineseSimplified language file (shipped with Inno Setup 6.3+ under Languages\Unofficial\).
; No administrator rights: it installs under %LOCALAPPDATA%\Programs and writes only HKCU.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "问政督办台"
#define AppExe "wzdesk.exe"
#define CliExe "wzdesk-cli.exe"

[Setup]
AppId={{6E0C2B7A-4F55-4D3A-9C6E-2A7B1D3E5F11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=网络问政督办室
DefaultDirName={localappdata}\Programs\wzdesk
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
OutputDir=..\..\dist
OutputBaseFilename=wzdesk-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\wzdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："
Name: "morningjob"; Description: "每天 08:00 自动运行早间督办（催办阶梯和备份，休息日自动跳过）"; GroupDescription: "计划任务："; Flags: unchecked

[Files]
Source: "..\..\dist\wzdesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\卸载{#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; The morning job as the signed-in user's own task (no administrator rights): see `schedule install`.
Filename: "{app}\{#CliExe}"; Parameters: "schedule install"; Flags: runhidden; Tasks: morningjob; StatusMsg: "正在登记早间督办计划任务……"
Filename: "{app}\{#AppExe}"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{app}\{#CliExe}"; Parameters: "schedule remove"; Flags: runhidden; RunOnceId: "RemoveMorningJob"
