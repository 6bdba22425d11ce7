/* cli_solve.c - `tsunagu solve`: roster + event -> plan (+ charts). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char cli_solve_usage_en[] =
    "Usage: tsunagu solve ATTENDEES -o PLAN.json [OPTIONS]\n"
    "Seat every attendee for every session of the event and write the plan.\n\n"
    "  -o, --output FILE       the plan (JSON); written only when solving succeeds\n"
    "  -e, --event FILE        event file (default: the bundled tsunagarou.json)\n"
    "  -r, --regions FILE      region table (default: the bundled Chiba table)\n"
    "  -t, --time-limit SEC    stop searching after SEC seconds (default 30) and keep\n"
    "                          the best plan found, with its gap\n"
    "      --html FILE         also write the printable charts (A4 HTML)\n"
    "      --text FILE         also write the rosters as aligned text\n"
    "      --csv FILE          also write the badge list (CSV, UTF-8 with BOM)\n"
    "      --directory         add the regional directory to the HTML\n"
    "      --write-model DIR   write each session's model in CPLEX LP format\n"
    "      --verbose           let GLPK report its progress\n"
    "      --lang ja|en        language of messages and labels\n\n"
    "Exit status: 0 plan written, 1 unusable input or hard rules that cannot hold,\n"
    "2 bad command line, 3 solver failure.\n";
const char cli_solve_usage_ja[] =
    "使い方: tsunagu solve 参加者ファイル -o 計画.json [オプション]\n"
    "イベントの全セッションについて全員の席を決め、計画を書き出します。\n\n"
    "  -o, --output ファイル    計画（JSON）。席割りが成功したときだけ書き込みます\n"
    "  -e, --event ファイル     イベントファイル（既定: 同梱の tsunagarou.json）\n"
    "  -r, --regions ファイル   地域表（既定: 同梱の千葉県の表）\n"
    "  -t, --time-limit 秒      探索をこの秒数で打ち切り（既定 30）、それまでの最良の\n"
    "                          計画をギャップ付きで書き出す\n"
    "      --html ファイル      印刷用の座席表（A4 の HTML）も書き出す\n"
    "      --text ファイル      名簿をテキストでも書き出す\n"
    "      --csv ファイル       名札用の一覧（CSV、BOM 付き UTF-8）も書き出す\n"
    "      --directory         HTML に地域別名簿を加える\n"
    "      --write-model DIR   各セッションのモデルを CPLEX LP 形式で書き出す\n"
    "      --verbose           GLPK の進行状況を表示する\n"
    "      --lang ja|en        メッセージとラベルの言語\n\n"
    "終了コード: 0 計画を書き出した、1 入力が使えない・必須ルールが満たせない、\n"
    "2 コマンドラインの誤り、3 ソルバーの失敗\n";

static void progress(const char *session, double seconds, double best, double bound, double gap,
                     void *user)
{
    (void)user;
    fprintf(stderr, TR("\r%s: %5.1f s  best %.2f  bound %.2f  gap %5.1f%%  ",
                       "\r%s: %5.1f 秒  最良 %.2f  下界 %.2f  ギャップ %5.1f%%  "),
            session, seconds, best, bound, gap * 100.0);
    fflush(stderr);
}

static void print_score(const tsunagu_plan *p, const char *session, const char *key,
                        const char *label)
{
    for (int i = 0; i < p->n_scores; i++) {
        const tsunagu_score *s = &p->scores[i];
        if (strcmp(s->session, session) != 0 || strcmp(s->key, key) != 0)
            continue;
        if (s->of >= 0)
            printf("  %s: %ld / %ld\n", label, s->value, s->of);
        else
            printf("  %s: %ld\n", label, s->value);
    }
}

/* A short account of each session: tables, status, the rules' counts. */
static void print_summary(const tsunagu_plan *p)
{
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        const tsunagu_session_spec *spec = sp->spec;
        bool ex = spec->kind == TSUNAGU_EXCHANGE;
        printf("%s %s-%s %s (%s): %d %s, %s", spec->id, spec->start, spec->end, spec->title,
               ex ? TR("exchange", "地域別交流") : TR("workgroups", "グループワーク"), sp->n_tables,
               ex ? TR("tables", "テーブル") : TR("groups", "グループ"),
               sp->status == TSUNAGU_STATUS_OPTIMAL ? TR("proven optimal", "最適性を証明")
                                                    : TR("feasible", "実行可能"));
        if (sp->status != TSUNAGU_STATUS_OPTIMAL)
            printf(TR(", gap %.1f%%", "、ギャップ %.1f%%"), sp->gap * 100.0);
        printf(TR(", objective %.2f, %.2f s\n", "、目的関数 %.2f、%.2f 秒\n"), sp->objective,
               sp->seconds);
        print_score(p, spec->id, "seated", TR("seated", "着席"));
        if (ex) {
            print_score(p, spec->id, "own_region", TR("at their own region's table", "自地域のテーブル"));
            print_score(p, spec->id, "neighbour_region", TR("at a neighbouring region's table", "隣接地域のテーブル"));
            print_score(p, spec->id, "far_region", TR("further away", "それ以外"));
            print_score(p, spec->id, "mixed_tables", TR("tables mixing both professions", "両職種がそろうテーブル"));
            print_score(p, spec->id, "tables_without_experienced", TR("tables without an experienced member", "経験者のいないテーブル"));
        } else {
            print_score(p, spec->id, "distinct_regions", TR("regions met across groups", "グループ内の地域数（合計）"));
            print_score(p, spec->id, "repeat_pairs", TR("pairs who already met earlier", "午前に同席したペア"));
            print_score(p, spec->id, "groups_without_experienced", TR("groups without an experienced member", "経験者のいないグループ"));
        }
        print_score(p, spec->id, "colleague_pairs", TR("colleague pairs at one table", "同じ所属どうしのペア"));
    }
    for (int i = 0; i < p->n_warnings; i++)
        printf("%s%s\n", TR("warning: ", "警告: "), p->warnings[i]);
}

int cli_solve(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"event", required_argument, NULL, 'e'},
        {"regions", required_argument, NULL, 'r'},
        {"time-limit", required_argument, NULL, 't'},
        {"write-model", required_argument, NULL, 'M'},
        {"html", required_argument, NULL, 'H'},
        {"text", required_argument, NULL, 'T'},
        {"csv", required_argument, NULL, 'C'},
        {"directory", no_argument, NULL, 'D'},
        {"verbose", no_argument, NULL, 'v'},
        {"lang", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *output = NULL, *event_path = NULL, *regions_path = NULL;
    const char *chart_paths[3] = {NULL, NULL, NULL}; /* html, text, csv */
    bool directory = false;
    tsunagu_solve_options opt;
    tsunagu_solve_options_init(&opt);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:e:r:t:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'e': event_path = optarg; break;
        case 'r': regions_path = optarg; break;
        case 't': {
            char *end;
            opt.time_limit = strtod(optarg, &end);
            if (*end || end == optarg || !(opt.time_limit > 0) || opt.time_limit > 1e6)
                return cli_usage_error("solve", TR("--time-limit needs a number of seconds above 0, not '%s'",
                                                   "--time-limit には 0 より大きい秒数を指定してください（'%s' は使えません）"),
                                       optarg);
            break;
        }
        case 'M': opt.write_model_dir = optarg; break;
        case 'H': chart_paths[TSUNAGU_CHART_HTML] = optarg; break;
        case 'T': chart_paths[TSUNAGU_CHART_TEXT] = optarg; break;
        case 'C': chart_paths[TSUNAGU_CHART_CSV] = optarg; break;
        case 'D': directory = true; break;
        case 'v': opt.verbose = true; break;
        case 'h': fputs(TR(cli_solve_usage_en, cli_solve_usage_ja), stdout); return TSUNAGU_EXIT_OK;
        default:
            if (cli_common_option(c, optarg, "solve") == 1)
                break;
            return cli_usage_error("solve", "%s", TR("bad option", "オプションが正しくありません"));
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("solve", "%s", TR("give exactly one attendee file", "参加者ファイルを1つ指定してください"));
    if (!output)
        return cli_usage_error("solve", "%s", TR("say where the plan goes: -o PLAN.json", "計画の書き出し先を -o 計画.json で指定してください"));
    if (isatty(STDERR_FILENO) && !opt.verbose)
        opt.progress = progress;

    int status = TSUNAGU_EXIT_INPUT;
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_regions *regions = cli_load_regions(regions_path, diags);
    tsunagu_event *event = event_path ? tsunagu_event_load(event_path, diags)
                                      : tsunagu_event_load_default(diags);
    tsunagu_roster *roster = regions ? tsunagu_roster_read_file(argv[optind], regions, diags) : NULL;
    tsunagu_plan *plan = NULL;
    tsunagu_outputs *outputs = NULL;
    if (!regions || !event || !roster) {
        tsunagu_roster_free(roster);
        tsunagu_event_free(event);
        tsunagu_regions_free(regions);
        goto out;
    }
    /* tsunagu_solve owns roster, regions and event from here on. */
    int solved = tsunagu_solve(roster, regions, event, &opt, &plan, diags);
    if (solved != 0) {
        if (opt.progress)
            fputs("\r\033[K", stderr);
        if (solved == TSUNAGU_SOLVE_FAILED)
            status = TSUNAGU_EXIT_SOFTWARE;
        goto out;
    }
    if (opt.progress)
        fputs("\r\033[K", stderr);
    /* The plan and its charts are staged in full first and replace the
     * old files together: a full disk leaves every old file as it was. */
    status = TSUNAGU_EXIT_SOFTWARE;
    outputs = tsunagu_outputs_new();
    size_t len = 0;
    char *text = outputs ? tsunagu_plan_dump(plan, &len) : NULL;
    if (!text) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, output, 0, "%s",
                          TR("cannot turn the plan into JSON (out of memory?)",
                             "計画を JSON にできません (メモリ不足?)"));
        goto out;
    }
    int staged = tsunagu_outputs_add(outputs, output, text, len, diags);
    free(text);
    if (staged != 0)
        goto out;
    for (int f = 0; f < 3; f++) {
        if (!chart_paths[f])
            continue;
        tsunagu_chart_options copt;
        tsunagu_chart_options_init(&copt);
        copt.format = (tsunagu_chart_format)f;
        copt.directory = directory;
        char *chart = tsunagu_chart_render(plan, &copt, &len, diags);
        staged = chart ? tsunagu_outputs_add(outputs, chart_paths[f], chart, len, diags) : -1;
        free(chart);
        if (staged != 0)
            goto out;
    }
    if (tsunagu_outputs_commit(outputs, diags) != 0)
        goto out;
    print_summary(plan);
    status = TSUNAGU_EXIT_OK;
out:
    tsunagu_outputs_free(outputs);
    tsunagu_diags_print(diags, stderr);
    tsunagu_plan_free(plan);
    tsunagu_diags_free(diags);
    return status;
}
