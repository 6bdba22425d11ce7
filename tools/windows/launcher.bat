@echo off
rem Double-click: start "tsunagu serve" on a free port of this computer
rem (127.0.0.1 only) and open the default browser at it.  Closing this
rem window stops tsunagu.  ASCII only: cmd.exe reads a batch file in the
rem console's code page, which tsunagu.exe switches to UTF-8.
setlocal
cd /d "%~dp0"
set "ADDRESS_FILE=%TEMP%\tsunagu-address-%RANDOM%%RANDOM%.txt"
if exist "%ADDRESS_FILE%" del "%ADDRESS_FILE%"
rem The first line tsunagu serve prints is its address.
start "" /b tsunagu.exe serve --port 0 > "%ADDRESS_FILE%"
set /a TRIES=0
:wait
ping -n 2 127.0.0.1 > nul
set "ADDRESS="
if exist "%ADDRESS_FILE%" set /p ADDRESS=< "%ADDRESS_FILE%"
if defined ADDRESS goto open
set /a TRIES+=1
if %TRIES% lss 30 goto wait
echo.
echo tsunagu did not start (see the message above).
pause
exit /b 1
:open
del "%ADDRESS_FILE%" 2> nul
start "" "%ADDRESS%"
echo.
echo %ADDRESS%
echo Close this window to stop tsunagu.
