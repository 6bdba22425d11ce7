/* cli_signals.c - an interrupted run (Ctrl+C, kill, a closed terminal)
 * removes the temporary files it staged, says in one line that nothing was
 * written, and exits 128 + the signal: 130 for SIGINT, 143 for SIGTERM,
 * 129 for SIGHUP.  A write past the file size limit (ulimit -f) fails with
 * EFBIG instead of killing the process, and is reported like any failed
 * write (exit 3).
 *
 * For the one-shot commands only: `tsunagu serve` blocks these signals in
 * every thread and takes them with sigwait (cli_serve.c), so that a stop
 * waits for the solves in progress. */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util/tr.h"

/* Chosen when the handlers are installed (the language is known by then):
 * the handler may only write() bytes that already exist. */
static char nothing_written[256], already_written[256];
static volatile sig_atomic_t outputs_written;

static void copy_line(char *dst, size_t size, const char *text)
{
    size_t n = strlen(text);
    if (n > size - 2)
        n = size - 2; /* a cut message still ends its line */
    memcpy(dst, text, n);
    dst[n] = '\n';
    dst[n + 1] = '\0';
}

static void on_stop(int sig)
{
    tsunagu_staged_unlink_all();
    const char *line = outputs_written ? already_written : nothing_written;
    ssize_t ignored = write(STDERR_FILENO, line, strlen(line));
    (void)ignored;
    _exit(TSUNAGU_EXIT_INTERRUPTED + sig);
}

void cli_signals_install(void)
{
    copy_line(nothing_written, sizeof nothing_written,
              TR("tsunagu: interrupted; nothing was written",
                 "tsunagu: 中断しました。何も書き込んでいません"));
    copy_line(already_written, sizeof already_written,
              TR("tsunagu: interrupted; the output files had already been written",
                 "tsunagu: 中断しました（出力ファイルは書き込み済みです）"));
    static const int stops[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        sigaddset(&sa.sa_mask, stops[i]); /* one handler at a time */
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        struct sigaction old;
        /* A signal ignored on entry stays ignored: a shell starts background
         * jobs with SIGINT ignored so that Ctrl+C leaves them running. */
        if (sigaction(stops[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(stops[i], &sa, NULL);
    }
    signal(SIGXFSZ, SIG_IGN);
}

static sigset_t held;

void cli_signals_hold(void)
{
    sigemptyset(&held);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGTERM);
    sigaddset(&held, SIGHUP);
    sigprocmask(SIG_BLOCK, &held, NULL);
}

void cli_signals_release(bool written)
{
    if (written)
        outputs_written = 1;
    sigprocmask(SIG_UNBLOCK, &held, NULL);
}

static sigset_t serve_stops;

/* A write past the file size limit (ulimit -f) fails with EFBIG, its
 * temporary file removed, and that request reports it; SIGXFSZ would end
 * the whole server and leave the file behind. */
void cli_signals_stop_block(void)
{
    sigemptyset(&serve_stops);
    sigaddset(&serve_stops, SIGINT);
    sigaddset(&serve_stops, SIGTERM);
    sigaddset(&serve_stops, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &serve_stops, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
}

void cli_signals_stop_wait(void)
{
    int sig;
    sigwait(&serve_stops, &sig);
}
