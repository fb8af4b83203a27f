# Start Houqin on Windows: .venv with the app, demo data into an empty default database,
# then the GUI.  Arguments go to houqin:   powershell -ExecutionPolicy Bypass -File scripts\run.ps1
# No system packages on Windows: the Qt wheels bring their own libraries.
# (Keep this file ASCII: Windows PowerShell 5.1 reads BOM-less files as the ANSI code page.)

$Extra = ''
. (Join-Path $PSScriptRoot '_setup.ps1')
Initialize-Venv $Extra

Set-Location $Root
$Houqin = Join-Path $Venv 'Scripts\houqin.exe'
if (-not (Test-Path -LiteralPath $Houqin)) {
    throw "$Houqin is missing: is the console script declared in setup.cfg?"
}

# Demo data only when the default database is empty; a failure here should not keep the
# user from the GUI, which reports database problems itself.
& $Houqin demo --if-empty
if ($LASTEXITCODE -ne 0) {
    Write-Houqin "warning: 'houqin demo --if-empty' failed ($LASTEXITCODE); starting the GUI anyway"
}

& $Houqin @args
exit $LASTEXITCODE
