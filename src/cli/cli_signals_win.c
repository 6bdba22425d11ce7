/* cli_signals_win.c - cli_signals.c for Windows: Ctrl+C, Ctrl+Break and a
 * closed console window stop a run the same way (temporary files removed,
 * one line, exit 130; 143 for a closed window, as SIGTERM).  Windows has
 * no signal masks: hold/release defer a stop that comes while outputs are
 * renamed into place until they all are. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <windows.h>

#include "cli.h"
#include "util/tr.h"

static char nothing_written[256], already_written[256];
static atomic_int outputs_written, holding, pending;

static void copy_line(char *dst, size_t size, const char *text)
{
    size_t n = strlen(text);
    if (n > size - 2)
        n = size - 2;
    memcpy(dst, text, n);
    dst[n] = '\n';
    dst[n + 1] = '\0';
}

static void stop_now(int code)
{
    tsunagu_staged_unlink_all();
    const char *line = atomic_load(&outputs_written) ? already_written : nothing_written;
    DWORD ignored;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, (DWORD)strlen(line), &ignored, NULL);
    ExitProcess((UINT)code);
}

/* Runs on a thread of its own that Windows starts for the event. */
static BOOL WINAPI on_stop(DWORD event)
{
    int code = event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT ? TSUNAGU_EXIT_INTERRUPTED + 2
                                                                   : TSUNAGU_EXIT_INTERRUPTED + 15;
    if (atomic_load(&holding)) {
        atomic_store(&pending, code); /* cli_signals_release stops */
        return TRUE;
    }
    stop_now(code);
    return TRUE;
}

void cli_signals_install(void)
{
    copy_line(nothing_written, sizeof nothing_written,
              TR("tsunagu: interrupted; nothing was written",
                 "tsunagu: 中断しました。何も書き込んでいません"));
    copy_line(already_written, sizeof already_written,
              TR("tsunagu: interrupted; the output files had already been written",
                 "tsunagu: 中断しました（出力ファイルは書き込み済みです）"));
    SetConsoleCtrlHandler(on_stop, TRUE);
}

void cli_signals_hold(void)
{
    atomic_store(&holding, 1);
}

void cli_signals_release(bool written)
{
    if (written)
        atomic_store(&outputs_written, 1);
    atomic_store(&holding, 0);
    int code = atomic_exchange(&pending, 0);
    if (code)
        stop_now(code);
}

static HANDLE serve_stop;

static BOOL WINAPI on_serve_stop(DWORD event)
{
    SetEvent(serve_stop);
    /* A closed window ends the process when this returns: give the
     * server the moment Windows allows to stop cleanly. */
    if (event == CTRL_CLOSE_EVENT)
        Sleep(4000);
    return TRUE;
}

void cli_signals_stop_block(void)
{
    serve_stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    SetConsoleCtrlHandler(on_serve_stop, TRUE);
}

void cli_signals_stop_wait(void)
{
    WaitForSingleObject(serve_stop, INFINITE);
}
