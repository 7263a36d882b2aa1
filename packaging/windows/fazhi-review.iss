; Inno Setup 6 script: a per-user installer for Fazhi Review (no administrator rights).
; Packs the PyInstaller folder dist\fazhi-review (built on Windows from packaging\fazhi-review.spec)
; into dist\fazhi-review-VERSION-windows-x64-setup.exe. From the repository root:
;
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\fazhi-review.iss
;
; Installs to %LOCALAPPDATA%\Programs\Fazhi Review with a Start-menu entry for the window
; ("Fazhi Review.exe") and, in the same folder, the command-line program fazhi-review.exe.
; The library, settings and logs live in the user's AppData folders (platformdirs), which
; uninstalling leaves in place.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Fazhi Review"
#define AppExe "Fazhi Review.exe"
#define Root "..\.."

[Setup]
AppId={{1E0E307E-4499-453C-A3AA-68070E75A74C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Fazhi Review
VersionInfoVersion={#AppVersion}
; per user: no UAC prompt, nothing outside the user's profile
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=fazhi-review-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\resources\icons\fazhi-review.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; For a Chinese installer add ChineseSimplified.isl (Inno Setup's translations page) to the
; compiler's Languages folder and uncomment:
; Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\fazhi-review\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the bundled libraries as a whole (no stale files from an older version)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
