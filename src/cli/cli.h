/* cli.h - the command line's subcommands.  Each lives in cli_<name>.c,
 * parses its own options with getopt_long, calls the library and prints. */
#ifndef TSUNAGU_CLI_H
#define TSUNAGU_CLI_H

#include "tsunagu/tsunagu.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
    const char *summary_en;
    const char *summary_ja;
    const char *usage_en; /* full help text */
    const char *usage_ja;
} cli_command;

int cli_check(int argc, char **argv);
int cli_solve(int argc, char **argv);
extern const char cli_check_usage_en[], cli_check_usage_ja[];
int cli_chart(int argc, char **argv);
extern const char cli_chart_usage_en[], cli_chart_usage_ja[];
extern const char cli_solve_usage_en[], cli_solve_usage_ja[];
int cli_diff(int argc, char **argv);
int cli_add(int argc, char **argv);
extern const char cli_diff_usage_en[], cli_diff_usage_ja[];
extern const char cli_add_usage_en[], cli_add_usage_ja[];
int cli_cancel(int argc, char **argv);
int cli_restore(int argc, char **argv);
int cli_pin(int argc, char **argv);
int cli_unpin(int argc, char **argv);
extern const char cli_pin_usage_en[], cli_pin_usage_ja[];
extern const char cli_unpin_usage_en[], cli_unpin_usage_ja[];
extern const char cli_cancel_usage_en[], cli_cancel_usage_ja[];
extern const char cli_restore_usage_en[], cli_restore_usage_ja[];
int cli_serve(int argc, char **argv);
extern const char cli_serve_usage_en[], cli_serve_usage_ja[];

/* Print "tsunagu: message" and the hint to use --help; returns TSUNAGU_EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Handle the options every command shares (--lang, --help).  Returns 1
 * when the option was one of them, 0 when not, -1 on a bad value. */
int cli_common_option(int opt, const char *arg, const char *command);

/* Interrupted runs (cli_signals.c).  install: SIGINT, SIGTERM and SIGHUP
 * remove the staged temporary files, print one line and exit 128 + the
 * signal; SIGXFSZ is ignored so that writes past ulimit -f fail with EFBIG.
 * Call once the language is set.  hold/release bracket the moment outputs
 * are renamed into place, so that a signal comes before every rename or
 * after all of them; release(true) says they were written. */
void cli_signals_install(void);
void cli_signals_hold(void);
void cli_signals_release(bool written);

/* For `tsunagu serve`: stop_block, before any thread starts, holds the
 * stop signals (SIGINT, SIGTERM, SIGHUP) in every thread and ignores
 * SIGPIPE and SIGXFSZ; stop_wait returns when one of them arrives.  On
 * Windows: Ctrl+C, Ctrl+Break or the console window closed.  cli_signals.c,
 * cli_signals_win.c. */
void cli_signals_stop_block(void);
void cli_signals_stop_wait(void);

/* Check a command's outputs before it computes anything (see
 * tsunagu_outputs_check).  Prints the problems and returns
 * TSUNAGU_EXIT_USAGE, or returns 0 when every output may be written. */
int cli_check_outputs(const tsunagu_named_path *outputs, size_t n_outputs,
                      const tsunagu_named_path *inputs, size_t n_inputs);

/* Load the region table named by --regions, or the bundled one. */
tsunagu_regions *cli_load_regions(const char *path, tsunagu_diags *diags);

#endif
