# Run the Houqin test suite on Windows: .venv with ".[test]", then pytest.
# Arguments go to pytest:   powershell -ExecutionPolicy Bypass -File scripts\test.ps1 -q tests\models
# No system packages on Windows: the Qt wheels bring their own libraries.
# (Keep this file ASCII: Windows PowerShell 5.1 reads BOM-less files as the ANSI code page.)

$Extra = 'test'
. (Join-Path $PSScriptRoot '_setup.ps1')
Initialize-Venv $Extra

Set-Location $Root
# Offscreen always: tests must not depend on (or pop up windows on) the desktop.
$env:QT_QPA_PLATFORM = 'offscreen'
& $VenvPy -m pytest @args
exit $LASTEXITCODE
