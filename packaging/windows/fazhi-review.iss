; Inno Setup 6 script: a per-user installer for Fazhi Review (no administrator rights), in
; Chinese and English. Packs the PyInstaller folder (packaging/fazhi-review.spec built for
; Windows) into fazhi-review-VERSION-win64-setup.exe.
;
; Built by `make dist-windows` (packaging/windows/build-windows.sh: ISCC 6.4.1 under wine):
;
;   ISCC.exe /DAppVersion=0.1.0 /DAppSource=<frozen folder> /O<output folder> packaging\windows\fazhi-review.iss
;
; On Windows, from the repository root after PyInstaller wrote dist\fazhi-review:
;
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\fazhi-review.iss
;
; Installs to %LOCALAPPDATA%\Programs\Fazhi Review with a Start-menu entry for the window
; ("Fazhi Review.exe") and, in the same folder, the command-line program fazhi-review.exe.
; No file associations. The library, settings and logs live in the user's AppData folders
; (platformdirs), which uninstalling leaves in place.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Fazhi Review"
#define AppExe "Fazhi Review.exe"
#define Root "..\.."
#ifndef AppSource
  #define AppSource Root + "\dist\fazhi-review"
#endif

[Setup]
AppId={{1E0E307E-4499-453C-A3AA-68070E75A74C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Fazhi Review
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
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
OutputBaseFilename=fazhi-review-{#AppVersion}-win64-setup
SetupIconFile={#Root}\resources\icons\fazhi-review.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; lzma2 at its strongest: the frozen folder is ~190 MB, the installer must stay under 150 MB
Compression=lzma2/ultra64
SolidCompression=yes
LZMAUseSeparateProcess=yes
WizardStyle=modern
CloseApplications=yes
; the language dialog only when Windows' display language is neither Chinese nor English
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships no Chinese messages: ChineseSimplified.isl is this project's translation
Name: "zh_CN"; MessagesFile: "ChineseSimplified.isl"

[CustomMessages]
en.AppDisplayName=Fazhi Review
zh_CN.AppDisplayName=法治报告审核
en.AppComment=Turn rule-of-law annual reports into a curated research dataset
zh_CN.AppComment=把法治政府建设年度报告整理成经过审核的研究数据集

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#AppSource}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the bundled libraries as a whole (no stale files from an older version)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{cm:AppDisplayName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{cm:AppDisplayName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppDisplayName}}"; Flags: nowait postinstall skipifsilent
