# Build Houqin for Windows: .venv with ".[build]", the one-folder program (PyInstaller,
# packaging\houqin.spec) in dist\houqin\, then the installer dist\houqin-setup-<version>.exe
# when Inno Setup 6.3+ is installed (ISCC.exe on PATH or in its default folder).
#   powershell -ExecutionPolicy Bypass -File scripts\build.ps1
# PDFs carry the font named by $env:HOUQIN_BUILD_FONT or packaging\fonts\wqy-microhei.ttc
# (WenQuanYi Micro Hei, free to redistribute); without one they use SimSun from the PC.
# (Keep this file ASCII: Windows PowerShell 5.1 reads BOM-less files as the ANSI code page.)

$Extra = 'build'
. (Join-Path $PSScriptRoot '_setup.ps1')
Initialize-Venv $Extra

Set-Location $Root
$started = Get-Date
& $VenvPy -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\houqin.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed ($LASTEXITCODE)" }
$seconds = [int]((Get-Date) - $started).TotalSeconds
$bytes = (Get-ChildItem -LiteralPath 'dist\houqin' -Recurse -File | Measure-Object -Property Length -Sum).Sum
Write-Houqin ("built in {0} s: {1:N0} MB in dist\houqin" -f $seconds, ($bytes / 1MB))

if (Get-ChildItem -LiteralPath 'dist\houqin' -Recurse -Filter '*QtWebEngine*') {
    throw 'dist\houqin contains QtWebEngine: see the excludes in packaging\houqin.spec'
}
& 'dist\houqin\houqin-cli.exe' --version
if ($LASTEXITCODE -ne 0) { throw "dist\houqin\houqin-cli.exe --version failed ($LASTEXITCODE)" }

$iscc = Get-Command ISCC.exe -ErrorAction SilentlyContinue
$candidates = @()
if ($iscc) { $candidates += $iscc.Source }
foreach ($base in @(${env:ProgramFiles(x86)}, $env:ProgramFiles, (Join-Path $env:LOCALAPPDATA 'Programs'))) {
    if ($base) { $candidates += (Join-Path $base 'Inno Setup 6\ISCC.exe') }
}
$compiler = $candidates | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1
if (-not $compiler) {
    Write-Houqin 'Inno Setup 6 not found: dist\houqin is built; install Inno Setup 6.3+ (jrsoftware.org) for the installer'
    exit 0
}
$version = (& $VenvPy -c 'from desktop.cli import VERSION; print(VERSION)').Trim()
& $compiler "/DAppVersion=$version" 'packaging\houqin.iss'
if ($LASTEXITCODE -ne 0) { throw "ISCC failed ($LASTEXITCODE)" }
Write-Houqin "installer: dist\houqin-setup-$version.exe"
