/* cli_serve.c - `tsunagu serve`: the local web page (web.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/platform.h"
#include "util/platform_net.h"
#include "util/tr.h"
#include "tsunagu/web.h"

const char cli_serve_usage_en[] =
    "Usage: tsunagu serve [--port 8080] [--data-dir DIR] [--listen ADDR] [--time-limit SEC]\n"
    "                     [--solvers N] [--event FILE]...\n"
    "       tsunagu serve --list-events | --delete-event ID [--data-dir DIR]\n"
    "Serve the organisers' web page: drop the attendee list in, adjust the settings,\n"
    "make the plan, move people by dragging them, seat walk-ins, print.\n"
    "Open the address it prints in a browser on this computer; stop with Ctrl+C.\n\n"
    "  -p, --port N          port to listen on (default 8080; 0 = any free port)\n"
    "  -d, --data-dir DIR    where uploads and plans are kept, one folder per event\n"
    "                        (default: $XDG_DATA_HOME/tsunagu or ~/.local/share/tsunagu)\n"
    "      --listen ADDR     numeric address to listen on (default 127.0.0.1: this\n"
    "                        computer only; other addresses show attendees' names to\n"
    "                        the network)\n"
    "  -t, --time-limit SEC  seconds per solve (default 30)\n"
    "  -j, --solvers N       events solved at once (default: one per processor;\n"
    "                        the others wait their turn)\n"
    "  -e, --event FILE      offer your own event file as a kind of day when a list\n"
    "                        is dropped in (repeatable; the bundled ones stay)\n"
    "      --lang ja|en      language of this program's own messages\n\n"
    "The data folder holds attendee lists, which are personal data. For its\n"
    "administrator, without a server:\n"
    "      --list-events     list the events kept, one line each, tab-separated under\n"
    "                        a header: id, name, date, attendees, updated, bytes\n"
    "      --delete-event ID delete one event for good: its folder with every list,\n"
    "                        plan and chart of it (no confirmation, no undo); refused\n"
    "                        while a tsunagu serve uses the folder\n\n"
    "Exit status: 0 stopped (or listed, deleted), 1 cannot listen (port in use),\n"
    "no data folder, no such event, or a server uses the folder (--delete-event),\n"
    "2 bad command line (including a --listen that is not a numeric address),\n"
    "3 the event's folder could not be deleted.\n";
const char cli_serve_usage_ja[] =
    "使い方: tsunagu serve [--port 8080] [--data-dir フォルダー] [--listen アドレス] [--time-limit 秒]\n"
    "                      [--solvers 数] [--event ファイル]...\n"
    "        tsunagu serve --list-events | --delete-event 番号 [--data-dir フォルダー]\n"
    "主催者用のウェブページを開きます。名簿を読み込み、設定を変え、席を決め、\n"
    "ドラッグで席を移し、当日参加の人を加え、印刷できます。\n"
    "表示されたアドレスをこのパソコンのブラウザーで開いてください。終了は Ctrl+C。\n\n"
    "  -p, --port 番号          待ち受けるポート（既定 8080、0 は空いているポート）\n"
    "  -d, --data-dir フォルダー 名簿と計画の保存先。イベントごとにフォルダーを作ります\n"
    "                           （既定: $XDG_DATA_HOME/tsunagu または ~/.local/share/tsunagu）\n"
    "      --listen アドレス    待ち受けるアドレス（既定 127.0.0.1: このパソコンだけ。\n"
    "                           他のアドレスでは参加者の氏名がネットワークに見えます）\n"
    "  -t, --time-limit 秒      1 回の計算の制限時間（既定 30）\n"
    "  -j, --solvers 数         同時に計算するイベントの数（既定: プロセッサー 1 個に 1 つ。\n"
    "                           ほかは順番を待ちます）\n"
    "  -e, --event ファイル     自分のイベントファイルを「会の種類」に加える（複数可。\n"
    "                           同梱のものも残ります）\n"
    "      --lang ja|en         このプログラムのメッセージの言語\n\n"
    "保存先には参加者名簿（個人情報）が入っています。管理する人のために（サーバーなしで）:\n"
    "      --list-events        保存しているイベントを 1 行ずつ、見出し行の下にタブ区切りで\n"
    "                           表示（番号 id、名前 name、日付 date、人数 attendees、\n"
    "                           最終更新 updated、バイト数 bytes）\n"
    "      --delete-event 番号  イベントを完全に削除（フォルダーごと、名簿・計画・座席表の\n"
    "                           すべて。確認なし、元に戻せません）。tsunagu serve がこの\n"
    "                           保存先を使っている間はしません\n\n"
    "終了コード: 0 終了した（一覧・削除できた）、1 待ち受けできない（ポートが使用中）・\n"
    "保存先がない・そのイベントがない・サーバーが保存先を使っている（--delete-event）、\n"
    "2 コマンドラインの誤り（数字でない --listen のアドレスを含む）、\n"
    "3 イベントのフォルダーを削除できなかった\n";

/* $XDG_DATA_HOME/tsunagu, else ~/.local/share/tsunagu; %LOCALAPPDATA%/tsunagu
 * on Windows.  New string or NULL. */
static char *default_data_dir(void)
{
    char *base = platform_user_data_dir();
    if (!base)
        return NULL;
    size_t n = strlen(base) + sizeof "/tsunagu";
    char *dir = malloc(n);
    if (!dir)
        abort();
    snprintf(dir, n, "%s/tsunagu", base);
    free(base);
    return dir;
}

/* Make each missing parent of path (mkdir -p without the last part's
 * check; tsunagu_web_start makes and checks the folder itself). */
static void make_parents(const char *path)
{
    char *p = tsunagu_strdup(path);
    for (char *s = p + 1; *s; s++) {
        if (!platform_is_separator(*s) || s[-1] == ':') /* C:\ is no folder to make */
            continue;
        char sep = *s;
        *s = '\0';
        platform_mkdir(p);
        *s = sep;
    }
    free(p);
}

/* The organiser's own event files, read now: a broken one is said before
 * the page is offered, not when a list is dropped in. */
static bool own_events_usable(const char *const *files, int n, tsunagu_diags *diags)
{
    bool ok = true;
    for (int k = 0; k < n; k++) {
        tsunagu_event *e = tsunagu_event_load(files[k], diags);
        ok &= e != NULL;
        tsunagu_event_free(e);
    }
    return ok;
}

/* What the command line asked for. */
typedef struct {
    tsunagu_web_options opt;
    char *data_dir;           /* --data-dir, or NULL: the default */
    const char *events[16];   /* --event files */
    int n_events;
    bool list_events;         /* --list-events */
    bool delete_asked;        /* --delete-event, with its id or before it */
    const char *delete_event; /* the id: --delete-event=ID, else the one argument */
    const char *server_only;  /* the first option only a server takes (--port ...) */
} serve_args;

/* A number option's value in [lo, hi], or -1 after saying it is not. */
static long number_arg(const char *name, const char *arg, long lo, long hi)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*end || end == arg || v < lo || v > hi) {
        cli_usage_error("serve", TR("%s takes a number from %ld to %ld, not '%s'",
                                    "%s には %ld〜%ld の数を指定してください（'%s' は使えません）"),
                        name, lo, hi, arg);
        return -1;
    }
    return v;
}

/* One option of serve into a.  0, or the exit status to end with (--help:
 * 0 after the usage, TSUNAGU_EXIT_USAGE after the message). */
static int take_option(int c, serve_args *a, bool *done)
{
    switch (c) {
    case 'p': {
        a->server_only = a->server_only ? a->server_only : "--port";
        long v = number_arg("--port", optarg, 0, 65535);
        if (v < 0)
            return TSUNAGU_EXIT_USAGE;
        a->opt.port = (unsigned)v;
        return 0;
    }
    case 'd':
        free(a->data_dir);
        a->data_dir = tsunagu_strdup(optarg);
        return 0;
    case 'l': {
        a->server_only = a->server_only ? a->server_only : "--listen";
        /* A name such as "localhost" is a bad value (2), not a failure
         * to listen (1); numeric as the server will parse it. */
        struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE,
                                 .ai_socktype = SOCK_STREAM}, *ai = NULL;
        int bad = getaddrinfo(optarg, NULL, &hints, &ai) != 0;
        if (ai)
            freeaddrinfo(ai);
        if (bad)
            return cli_usage_error("serve", TR("--listen takes a numeric address such as 127.0.0.1 or ::1, not '%s'",
                                               "--listen には 127.0.0.1 や ::1 のような数字のアドレスを指定してください（'%s' は使えません）"),
                                   optarg);
        a->opt.listen = optarg;
        return 0;
    }
    case 't': {
        a->server_only = a->server_only ? a->server_only : "--time-limit";
        char *end;
        a->opt.time_limit = strtod(optarg, &end);
        if (*end || end == optarg || !(a->opt.time_limit > 0) || a->opt.time_limit > 1e6)
            return cli_usage_error("serve", TR("--time-limit needs a number of seconds above 0, not '%s'",
                                               "--time-limit には 0 より大きい秒数を指定してください（'%s' は使えません）"),
                                   optarg);
        return 0;
    }
    case 'j': {
        a->server_only = a->server_only ? a->server_only : "--solvers";
        long v = number_arg("--solvers", optarg, 1, 256);
        if (v < 0)
            return TSUNAGU_EXIT_USAGE;
        a->opt.solvers = (int)v;
        return 0;
    }
    case 'e':
        a->server_only = a->server_only ? a->server_only : "--event";
        if (a->n_events == 16)
            return cli_usage_error("serve", "%s", TR("at most 16 --event files", "--event は 16 個までです"));
        a->events[a->n_events++] = optarg;
        return 0;
    case 'E':
        a->list_events = true;
        return 0;
    case 'X':
        if (a->delete_asked)
            return cli_usage_error("serve", "%s", TR("one --delete-event at a time", "--delete-event は 1 回に 1 つです"));
        a->delete_asked = true;
        a->delete_event = optarg; /* NULL: the id is the command's one argument */
        return 0;
    case 'h':
        fputs(TR(cli_serve_usage_en, cli_serve_usage_ja), stdout);
        *done = true;
        return TSUNAGU_EXIT_OK;
    default:
        if (cli_common_option(c, optarg, "serve") == 1)
            return 0;
        return cli_usage_error("serve", "%s", TR("bad option", "オプションが正しくありません"));
    }
}

/* The command line into a.  0, or the exit status to end with (*done). */
static int parse_args(int argc, char **argv, serve_args *a, bool *done)
{
    static const struct option longopts[] = {
        {"port", required_argument, NULL, 'p'},
        {"data-dir", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"time-limit", required_argument, NULL, 't'},
        {"solvers", required_argument, NULL, 'j'},
        {"event", required_argument, NULL, 'e'},
        {"list-events", no_argument, NULL, 'E'},
        /* optional: `--delete-event ID` leaves ID an argument, so that the
         * options around it come in any order (--delete-event --data-dir D ID) */
        {"delete-event", optional_argument, NULL, 'X'},
        {"lang", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    *done = false;
    while ((c = getopt_long(argc, argv, "p:d:t:j:e:h", longopts, NULL)) != -1) {
        int status = take_option(c, a, done);
        if (status != 0 || *done) {
            *done = true;
            return status;
        }
    }
    *done = true;
    if (a->delete_asked && !a->delete_event && optind < argc)
        a->delete_event = argv[optind++];
    if (optind != argc)
        return cli_usage_error("serve", TR("unexpected argument '%s'", "余分な引数 '%s'"), argv[optind]);
    if (a->delete_asked && !a->delete_event)
        return cli_usage_error("serve", "%s", TR("--delete-event needs the event's id (tsunagu serve --list-events lists them)",
                                                 "--delete-event には削除するイベントの番号を指定してください（tsunagu serve --list-events で一覧できます）"));
    if (a->list_events && a->delete_asked)
        return cli_usage_error("serve", "%s", TR("--list-events or --delete-event, not both",
                                                 "--list-events と --delete-event は同時に使えません"));
    if ((a->list_events || a->delete_asked) && a->server_only)
        return cli_usage_error("serve", TR("%s is for the server: --list-events and --delete-event take only --data-dir and --lang",
                                           "%s はサーバーを起動するときのオプションです。--list-events と --delete-event に使えるのは --data-dir と --lang だけです"),
                               a->server_only);
    *done = false;
    return 0;
}

/* --list-events: one line per event, tab-separated under a header, for
 * people and scripts alike.  Names are printed safe for a terminal (a tab
 * in one would shift the columns). */
static int list_events(const char *data_dir)
{
    tsunagu_web_event_info *list;
    size_t n;
    tsunagu_web_events_list(data_dir, &list, &n);
    printf("id\tname\tdate\tattendees\tupdated\tbytes\n");
    for (size_t i = 0; i < n; i++) {
        /* a folder without its meta.json (made half-way) may hold a list
         * too: "-" for its name and last change */
        char *name = tsunagu_text_printable(list[i].broken ? "-" : list[i].name);
        printf("%s\t%s\t%s\t%ld\t%s\t%llu\n", list[i].id, name, *list[i].date ? list[i].date : "-",
               list[i].attendees, *list[i].updated ? list[i].updated : "-", list[i].bytes);
        free(name);
    }
    tsunagu_web_events_free(list, n);
    return TSUNAGU_EXIT_OK;
}

/* --delete-event ID: the same deletion as the page's, for good. */
static int delete_event(const char *data_dir, const char *id)
{
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_web_delete_status rc = tsunagu_web_event_delete(data_dir, id, diags);
    int status = TSUNAGU_EXIT_OK;
    if (rc == TSUNAGU_WEB_DELETED) {
        printf(TR("deleted the event %s: every list, plan and chart of it\n",
                  "イベント %s を削除しました（名簿・計画・座席表のすべて）\n"), id);
    } else if (rc == TSUNAGU_WEB_NO_SUCH_EVENT) {
        char *shown = tsunagu_text_printable(id);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, data_dir, 0,
                          TR("no event %s here (tsunagu serve --list-events lists them)",
                             "イベント %s はありません（tsunagu serve --list-events で一覧できます）"),
                          shown);
        free(shown);
        status = TSUNAGU_EXIT_INPUT;
    } else {
        status = rc == TSUNAGU_WEB_IN_USE ? TSUNAGU_EXIT_INPUT : TSUNAGU_EXIT_SOFTWARE;
    }
    tsunagu_diags_print(diags, stderr);
    tsunagu_diags_free(diags);
    return status;
}

/* Serve the page until Ctrl+C. */
static int run_server(serve_args *a)
{
    tsunagu_web_options opt = a->opt;
    opt.data_dir = a->data_dir;
    cli_signals_stop_block();

    tsunagu_diags *diags = tsunagu_diags_new();
    bool events_ok = own_events_usable(a->events, a->n_events, diags);
    opt.event_files = a->events;
    opt.n_event_files = a->n_events;
    tsunagu_web *web = events_ok ? tsunagu_web_start(&opt, diags) : NULL;
    int status = TSUNAGU_EXIT_INPUT;
    if (web) {
        const char *host = strchr(opt.listen, ':') ? "[::1]" : "127.0.0.1";
        if (strcmp(opt.listen, "127.0.0.1") != 0 && strcmp(opt.listen, "::1") != 0) {
            fprintf(stderr, TR("tsunagu serve: warning: listening on %s: anyone who can reach this "
                               "computer can see the attendees' names\n",
                               "tsunagu serve: 警告: %s で待ち受けています。このパソコンに接続できる人は"
                               "誰でも参加者の氏名を見られます\n"),
                    opt.listen);
            if (strcmp(opt.listen, "0.0.0.0") != 0 && strcmp(opt.listen, "::") != 0)
                host = opt.listen;
        }
        /* First line on stdout: the address (scripts read it). */
        printf(strchr(host, ':') && host[0] != '[' ? "http://[%s]:%u/\n" : "http://%s:%u/\n", host,
               tsunagu_web_port(web));
        fflush(stdout);
        fprintf(stderr, TR("tsunagu serve: open the address above in a browser; data in %s; "
                           "stop with Ctrl+C\n",
                           "tsunagu serve: 上のアドレスをブラウザーで開いてください。保存先: %s。"
                           "終了は Ctrl+C\n"),
                a->data_dir);
        cli_signals_stop_wait();
        fprintf(stderr, "%s", TR("tsunagu serve: stopping (waiting for any solve to finish)\n",
                                 "tsunagu serve: 終了します（計算中のものは終わるまで待ちます）\n"));
        tsunagu_web_stop(web);
        status = TSUNAGU_EXIT_OK;
    }
    tsunagu_diags_print(diags, stderr);
    tsunagu_diags_free(diags);
    return status;
}

int cli_serve(int argc, char **argv)
{
    serve_args a = {0};
    tsunagu_web_options_init(&a.opt);
    bool done;
    int status = parse_args(argc, argv, &a, &done);
    if (done) {
        free(a.data_dir);
        return status;
    }
    if (!a.data_dir) {
        a.data_dir = default_data_dir();
        /* the folders a server makes; listing and deleting make none */
        if (a.data_dir && !a.list_events && !a.delete_asked)
            make_parents(a.data_dir);
    }
    if (!a.data_dir && (a.list_events || a.delete_asked)) {
        fprintf(stderr, "%s", TR("tsunagu serve: no data folder: give one with --data-dir\n",
                                 "tsunagu serve: 保存先がわかりません。--data-dir で指定してください\n"));
        return TSUNAGU_EXIT_INPUT;
    }
    if (a.list_events)
        status = list_events(a.data_dir);
    else if (a.delete_event)
        status = delete_event(a.data_dir, a.delete_event);
    else
        status = run_server(&a);
    free(a.data_dir);
    return status;
}
