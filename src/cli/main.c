/* main.c - tsunagu's command line: dispatch to a subcommand. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/platform.h"
#include "util/tr.h"

static const cli_command commands[] = {
    {"check", cli_check, "validate an attendee list and summarise it",
     "参加者名簿を検査し、集計を表示する", cli_check_usage_en, cli_check_usage_ja},
    {"solve", cli_solve, "seat everyone for every session and write the plan",
     "全セッションの席を決め、計画を書き出す", cli_solve_usage_en, cli_solve_usage_ja},
    {"chart", cli_chart, "print a plan: HTML for A4, aligned text, CSV for badges",
     "計画を印刷用に出力する（A4 用 HTML、端末用テキスト、名札用 CSV）", cli_chart_usage_en,
     cli_chart_usage_ja},
    {"diff", cli_diff, "show what changed between two plans", "2つの計画の違いを表示する",
     cli_diff_usage_en, cli_diff_usage_ja},
    {"add", cli_add, "seat a walk-in without moving anyone", "当日参加者を、だれも動かさずに座らせる",
     cli_add_usage_en, cli_add_usage_ja},
    {"cancel", cli_cancel, "take out someone who cancelled on the day, nobody else moving",
     "当日欠席の人を外す（ほかの人は動かない）", cli_cancel_usage_en, cli_cancel_usage_ja},
    {"restore", cli_restore, "seat again someone cancelled at the desk",
     "当日欠席にした人を、また座らせる", cli_restore_usage_en, cli_restore_usage_ja},
    {"pin", cli_pin, "seat someone at a table and keep them there in every re-plan",
     "参加者をテーブルに座らせ、以後の再計画でも固定する", cli_pin_usage_en, cli_pin_usage_ja},
    {"unpin", cli_unpin, "release a seat pinned on the day (nobody moves)",
     "当日固定した席の固定を外す（だれも動かない）", cli_unpin_usage_en, cli_unpin_usage_ja},
    {"serve", cli_serve, "open the organisers' web page (this computer only)",
     "主催者用のウェブページを開く（このパソコンだけで）", cli_serve_usage_en, cli_serve_usage_ja},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const cli_command *find(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_help(FILE *out)
{
    fprintf(out, "%s",
            TR("Usage: tsunagu COMMAND [OPTIONS]\n"
               "Seat the attendees of a networking day: regional exchange tables in the\n"
               "morning, same-profession workgroups in the afternoon.\n\nCommands:\n",
               "使い方: tsunagu コマンド [オプション]\n"
               "交流会の席を決めます（午前: 地域別の意見交換テーブル、午後: 職種別グループワーク）。\n\n"
               "コマンド:\n"));
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name,
                TR(commands[i].summary_en, commands[i].summary_ja));
    fprintf(out, "%s",
            TR("\nOptions:\n  --lang ja|en   language of messages and charts (default ja)\n"
               "  --help         this help; `tsunagu help COMMAND` for a command\n"
               "  --version      print the version\n\n"
               "Exit status: 0 done, 1 unusable input or hard rules that cannot hold,\n"
               "2 bad command line (including an output that is not a regular file or is\n"
               "an input), 3 internal or solver failure or an output that cannot be written\n"
               "(standard output too), 130/143 interrupted (Ctrl+C, kill): nothing written.\n",
               "\nオプション:\n  --lang ja|en   メッセージと座席表の言語（既定 ja）\n"
               "  --help         このヘルプ。各コマンドは `tsunagu help コマンド`\n"
               "  --version      版を表示\n\n"
               "終了コード: 0 完了、1 入力が使えない・必須ルールが満たせない、\n"
               "2 コマンドラインの誤り（出力先が通常のファイルでない・入力と同じファイルを含む）、\n"
               "3 内部エラー・ソルバーの失敗・出力先（標準出力を含む）に書き込めない、\n"
               "130/143 中断された（Ctrl+C、kill）: 何も書き込みません\n"));
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "tsunagu%s%s: ", command ? " " : "", command ? command : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (command)
        fprintf(stderr, TR("\nTry 'tsunagu help %s'.\n", "\n'tsunagu help %s' で使い方を表示します。\n"),
                command);
    else /* no command to name: point at the general help */
        fputs(TR("\nTry 'tsunagu help'.\n", "\n'tsunagu help' で使い方を表示します。\n"), stderr);
    return TSUNAGU_EXIT_USAGE;
}

int cli_common_option(int opt, const char *arg, const char *command)
{
    if (opt == 'L') {
        tsunagu_lang lang;
        if (tsunagu_lang_parse(arg, &lang) != 0)
            return -1;
        tsunagu_lang_set(lang);
        return 1;
    }
    return 0;
}

int cli_check_outputs(const tsunagu_named_path *outputs, size_t n_outputs,
                      const tsunagu_named_path *inputs, size_t n_inputs)
{
    tsunagu_diags *diags = tsunagu_diags_new();
    int rc = tsunagu_outputs_check(outputs, n_outputs, inputs, n_inputs, diags);
    tsunagu_diags_print(diags, stderr);
    tsunagu_diags_free(diags);
    return rc == 0 ? 0 : TSUNAGU_EXIT_USAGE;
}

tsunagu_regions *cli_load_regions(const char *path, tsunagu_diags *diags)
{
    return path ? tsunagu_regions_load(path, diags) : tsunagu_regions_load_default(diags);
}

/* --lang may stand anywhere on the line; apply it before anything is printed. */
static void preset_lang(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        tsunagu_lang lang;
        const char *v = NULL;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            v = argv[i + 1];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            v = argv[i] + 7;
        if (v && tsunagu_lang_parse(v, &lang) == 0)
            tsunagu_lang_set(lang);
    }
}

/* A command that succeeded but whose standard output could not be written
 * (a full disk, /dev/full, a closed descriptor) has failed: say so and
 * return TSUNAGU_EXIT_SOFTWARE.  A command that failed already keeps its
 * status and its own message. */
static int finish_stdout(int status)
{
    int err = 0;
    bool failed = false;
    if (fflush(stdout) != 0) {
        failed = true;
        err = errno;
    } else if (ferror(stdout)) {
        failed = true; /* an earlier write failed; its errno is long gone */
    } else if (fclose(stdout) != 0 && errno != EBADF) {
        failed = true; /* EBADF: stdout was closed and nothing was written */
        err = errno;
    }
    if (!failed || status != TSUNAGU_EXIT_OK)
        return status;
    if (err)
        fprintf(stderr, TR("tsunagu: cannot write to standard output: %s\n",
                           "tsunagu: 標準出力に書き込めません: %s\n"),
                strerror(err));
    else
        fputs(TR("tsunagu: cannot write to standard output\n", "tsunagu: 標準出力に書き込めません\n"),
              stderr);
    return TSUNAGU_EXIT_SOFTWARE;
}

static int run(int argc, char **argv)
{
    /* `tsunagu --lang en help solve`: the language is set; drop it here so
     * the command is found (a lone `tsunagu --lang en` still shows help). */
    while (argc > 3 && strcmp(argv[1], "--lang") == 0) {
        argv[2] = argv[0];
        argv += 2;
        argc -= 2;
    }
    while (argc > 2 && strncmp(argv[1], "--lang=", 7) == 0) {
        argv[1] = argv[0];
        argv += 1;
        argc -= 1;
    }
    if (argc < 2) {
        print_help(stderr);
        return TSUNAGU_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 || strcmp(cmd, "version") == 0) {
        printf("tsunagu %s\n", tsunagu_version());
        return TSUNAGU_EXIT_OK;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        (strcmp(cmd, "help") == 0 && (argc == 2 || strcmp(argv[2], "help") == 0)) ||
        ((strcmp(cmd, "--lang") == 0) && argc <= 3)) {
        print_help(stdout);
        return TSUNAGU_EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0) {
        const cli_command *c = find(argv[2]);
        if (!c)
            return cli_usage_error(NULL, TR("unknown command '%s'", "不明なコマンド '%s'"), argv[2]);
        fputs(TR(c->usage_en, c->usage_ja), stdout);
        return TSUNAGU_EXIT_OK;
    }
    const cli_command *c = find(cmd);
    if (!c)
        return cli_usage_error(NULL, TR("unknown command '%s'", "不明なコマンド '%s'"), cmd);
    if (c->run != cli_serve) /* serve takes its stop signals with sigwait */
        cli_signals_install();
    return c->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    platform_console_init();
    preset_lang(argc, argv);
    return finish_stdout(run(argc, argv));
}
