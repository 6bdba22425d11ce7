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
    "Usage: tsunagu serve [--port 8080] [--data-dir DIR] [--listen ADDR]\n"
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
    "Exit status: 0 stopped, 1 cannot listen (port in use) or no data folder,\n"
    "2 bad command line (including a --listen that is not a numeric address).\n";
const char cli_serve_usage_ja[] =
    "使い方: tsunagu serve [--port 8080] [--data-dir フォルダー] [--listen アドレス]\n"
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
    "終了コード: 0 終了した、1 待ち受けできない（ポートが使用中）・保存先がない、\n"
    "2 コマンドラインの誤り（数字でない --listen のアドレスを含む）\n";

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

int cli_serve(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"port", required_argument, NULL, 'p'},
        {"data-dir", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"time-limit", required_argument, NULL, 't'},
        {"solvers", required_argument, NULL, 'j'},
        {"event", required_argument, NULL, 'e'},
        {"lang", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    tsunagu_web_options opt;
    tsunagu_web_options_init(&opt);
    char *data_dir = NULL;
    const char *events[16];
    int n_events = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:d:t:j:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || end == optarg || v < 0 || v > 65535)
                return cli_usage_error("serve", TR("--port takes a number from 0 to 65535, not '%s'",
                                                   "--port には 0〜65535 の数を指定してください（'%s' は使えません）"),
                                       optarg);
            opt.port = (unsigned)v;
            break;
        }
        case 'd':
            free(data_dir);
            data_dir = tsunagu_strdup(optarg);
            break;
        case 'l': {
            /* A name such as "localhost" is a bad value (2), not a failure
             * to listen (1); numeric as the server will parse it. */
            struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE,
                                     .ai_socktype = SOCK_STREAM}, *ai = NULL;
            int bad = getaddrinfo(optarg, NULL, &hints, &ai) != 0;
            if (ai)
                freeaddrinfo(ai);
            if (bad) {
                free(data_dir);
                return cli_usage_error("serve", TR("--listen takes a numeric address such as 127.0.0.1 or ::1, not '%s'",
                                                   "--listen には 127.0.0.1 や ::1 のような数字のアドレスを指定してください（'%s' は使えません）"),
                                       optarg);
            }
            opt.listen = optarg;
            break;
        }
        case 't': {
            char *end;
            opt.time_limit = strtod(optarg, &end);
            if (*end || end == optarg || !(opt.time_limit > 0) || opt.time_limit > 1e6) {
                free(data_dir);
                return cli_usage_error("serve", TR("--time-limit needs a number of seconds above 0, not '%s'",
                                                   "--time-limit には 0 より大きい秒数を指定してください（'%s' は使えません）"),
                                       optarg);
            }
            break;
        }
        case 'j': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || end == optarg || v < 1 || v > 256) {
                free(data_dir);
                return cli_usage_error("serve", TR("--solvers takes a number from 1 to 256, not '%s'",
                                                   "--solvers には 1〜256 の数を指定してください（'%s' は使えません）"),
                                       optarg);
            }
            opt.solvers = (int)v;
            break;
        }
        case 'e':
            if (n_events == 16) {
                free(data_dir);
                return cli_usage_error("serve", "%s", TR("at most 16 --event files", "--event は 16 個までです"));
            }
            events[n_events++] = optarg;
            break;
        case 'h':
            free(data_dir);
            fputs(TR(cli_serve_usage_en, cli_serve_usage_ja), stdout);
            return TSUNAGU_EXIT_OK;
        default:
            if (cli_common_option(c, optarg, "serve") == 1)
                break;
            free(data_dir);
            return cli_usage_error("serve", "%s", TR("bad option", "オプションが正しくありません"));
        }
    }
    if (optind != argc) {
        free(data_dir);
        return cli_usage_error("serve", TR("unexpected argument '%s'", "余分な引数 '%s'"), argv[optind]);
    }
    if (!data_dir) {
        data_dir = default_data_dir();
        if (data_dir)
            make_parents(data_dir);
    }
    opt.data_dir = data_dir;

    cli_signals_stop_block();

    tsunagu_diags *diags = tsunagu_diags_new();
    bool events_ok = own_events_usable(events, n_events, diags);
    opt.event_files = events;
    opt.n_event_files = n_events;
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
                data_dir);
        cli_signals_stop_wait();
        fprintf(stderr, "%s", TR("tsunagu serve: stopping (waiting for any solve to finish)\n",
                                 "tsunagu serve: 終了します（計算中のものは終わるまで待ちます）\n"));
        tsunagu_web_stop(web);
        status = TSUNAGU_EXIT_OK;
    }
    tsunagu_diags_print(diags, stderr);
    tsunagu_diags_free(diags);
    free(data_dir);
    return status;
}
