; Inno Setup script for the Windows installer of Houqin (Inno Setup 6.3 or newer).
; Build the folder first (scripts\build.ps1 does both):
;   powershell -ExecutionPolicy Bypass -File scripts\build.ps1
; or by hand, from the checkout:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\houqin.iss
; Output: dist\houqin-setup-<version>.exe
;
; What it installs: dist\houqin\ (houqin.exe for the desktop, houqin-cli.exe for the command
; line, _internal\) into Program Files\Houqin (or, for a user without administrator rights
; who chooses "only for me", %LOCALAPPDATA%\Programs\Houqin), a Start-menu group with the
; program and its uninstaller, and an optional desktop icon.
;
; What the uninstaller keeps: everything the program wrote, because it never writes into
; its installation folder. The user's data lives elsewhere and no [UninstallDelete] entry
; names it:
;   %LOCALAPPDATA%\Houqin\houqin.db (+ backups)   the embedded database (models/db.py)
;   %APPDATA%\Houqin\Houqin.ini                   language, connection, window layout
;   Windows Credential Manager "Houqin"            the saved server password (keyring)
; An upgrade installs over the old version: the old _internal\ is removed first, so no
; stale library of the previous version is left beside the new ones.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Houqin 后勤综合管理系统"
#define AppExe "houqin.exe"

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{86FB9A17-660B-4ED7-9C5E-BEC5639E8E10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Houqin
DefaultDirName={autopf}\Houqin
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per machine by default; a user without administrator rights may install for himself.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=dist
OutputBaseFilename=houqin-setup-{#AppVersion}
SetupIconFile=packaging\houqin.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Houqin keeps its DLLs open: ask to close it instead of failing half-way.
CloseApplications=yes

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's libraries (only inside the installation folder).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\houqin\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
