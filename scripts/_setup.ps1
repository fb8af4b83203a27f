# Shared set-up for scripts\run.ps1 and scripts\test.ps1 (dot-sourced, not run):
# find Python >= 3.11, create .venv, pip install -e ".[extra]" only when setup.cfg or
# pyproject.toml changed (a stamp file per extra, as scripts/_setup.sh does).
# (Keep this file ASCII: Windows PowerShell 5.1 reads BOM-less files as the ANSI code page.)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = Split-Path -Parent $PSScriptRoot
$Venv = Join-Path $Root '.venv'
$VenvPy = Join-Path $Venv 'Scripts\python.exe'

function Write-Houqin([string]$Message) { Write-Host "[houqin] $Message" }

# Run a native probe without letting stderr output become a terminating error (PS 5.1).
function Test-Native([string]$Exe, [string[]]$Arguments) {
    $ErrorActionPreference = 'Continue'
    try {
        & $Exe @Arguments 2>$null | Out-Null
        return ($LASTEXITCODE -eq 0)
    } catch {
        return $false
    }
}

# First Python >= 3.11: $env:HOUQIN_PYTHON, then the py launcher (3.11, 3.12, 3.13, newest
# 3.x), then python.exe on PATH. Returns the command as an array (exe + arguments).
function Find-Python {
    $check = @('-c', 'import sys; sys.exit(sys.version_info < (3, 11))')
    if ($env:HOUQIN_PYTHON) {
        if (Test-Native $env:HOUQIN_PYTHON $check) { return , @($env:HOUQIN_PYTHON) }
        throw "HOUQIN_PYTHON=$($env:HOUQIN_PYTHON) is not a Python >= 3.11"
    }
    $candidates = @()
    if (Get-Command py -ErrorAction SilentlyContinue) {
        $candidates += , @('py', '-3.11')
        $candidates += , @('py', '-3.12')
        $candidates += , @('py', '-3.13')
        $candidates += , @('py', '-3')
    }
    foreach ($name in @('python', 'python3')) {
        $cmd = Get-Command $name -ErrorAction SilentlyContinue
        # Skip the Microsoft Store stub in WindowsApps, which opens the Store instead.
        if ($cmd -and ($cmd.Source -notlike '*\WindowsApps\*')) { $candidates += , @($cmd.Source) }
    }
    foreach ($c in $candidates) {
        $exe = $c[0]
        $pre = @($c | Select-Object -Skip 1)
        if (Test-Native $exe ($pre + $check)) { return , $c }
    }
    return $null
}

function Get-InstallHash([string]$ExtraName) {
    $text = ''
    foreach ($name in @('setup.cfg', 'pyproject.toml')) {
        $path = Join-Path $Root $name
        if (Test-Path -LiteralPath $path) {
            $text += $name + '=' + (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash + ';'
        } else {
            $text += $name + '=<missing>;'
        }
    }
    $text += 'extra=' + $ExtraName
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        $bytes = $sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($text))
    } finally {
        $sha.Dispose()
    }
    return ([System.BitConverter]::ToString($bytes) -replace '-', '').ToLowerInvariant()
}

# Create .venv when missing or broken; pip install -e ".[extra]" when the stamp is stale.
function Initialize-Venv([string]$ExtraName) {
    if ((Test-Path -LiteralPath $Venv) -and -not (Test-Native $VenvPy @('-c', 'pass'))) {
        Write-Houqin "$Venv is broken; recreating it"
        Remove-Item -LiteralPath $Venv -Recurse -Force
    }
    if (-not (Test-Path -LiteralPath $VenvPy)) {
        $py = Find-Python
        if ($null -eq $py) {
            throw 'Python >= 3.11 is required but was not found (install it from python.org, or set HOUQIN_PYTHON to python.exe)'
        }
        $exe = $py[0]
        $pre = @($py | Select-Object -Skip 1)
        Write-Houqin "creating $Venv with $($py -join ' ')"
        & $exe @pre -m venv $Venv
        if ($LASTEXITCODE -ne 0) { throw "'$($py -join ' ') -m venv' failed" }
    }
    if (-not (Test-Native $VenvPy @('-c', 'import sys; sys.exit(sys.version_info < (3, 11))'))) {
        throw "$Venv uses a Python older than 3.11: remove .venv and run again"
    }
    if (-not ((Test-Path (Join-Path $Root 'setup.cfg')) -or (Test-Path (Join-Path $Root 'pyproject.toml')))) {
        throw "no setup.cfg or pyproject.toml in $Root"
    }

    $label = if ($ExtraName) { $ExtraName } else { 'app' }
    $stamp = Join-Path $Venv ".houqin-install-$label.sha256"
    $want = Get-InstallHash $ExtraName
    $have = ''
    if (Test-Path -LiteralPath $stamp) { $have = (Get-Content -LiteralPath $stamp -Raw).Trim() }
    if ($want -eq $have) { return }

    $target = if ($ExtraName) { ".[$ExtraName]" } else { '.' }
    Write-Houqin "installing Houqin into .venv: pip install -e `"$target`""
    Push-Location $Root
    try {
        & $VenvPy -m pip install --disable-pip-version-check -q -e $target
        if ($LASTEXITCODE -ne 0) { throw "pip install -e $target failed ($LASTEXITCODE)" }
    } finally {
        Pop-Location
    }
    Set-Content -LiteralPath $stamp -Value $want -Encoding ASCII
}
