/* cli_solve.c - `tsunagu solve`: roster + event -> plan (+ charts). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/platform.h"
#include "util/tr.h"

const char cli_solve_usage_en[] =
    "Usage: tsunagu solve ATTENDEES -o PLAN.json [OPTIONS]\n"
    "Seat every attendee for every session of the event and write the plan.\n\n"
    "  -o, --output FILE       the plan (JSON); written only when solving succeeds\n"
    "  -e, --event FILE        event file (default: the bundled tsunagarou.json)\n"
    "  -r, --regions FILE      region table (default: the bundled Chiba table)\n"
    "  -t, --time-limit SEC    stop searching after SEC seconds (default 30) and keep\n"
    "                          the best plan found, with its gap\n"
    "  -p, --previous PLAN     re-plan around an earlier plan: everyone in both lists\n"
    "                          keeps their seats unless a hard rule forces a move\n"
    "                          (walk-ins and cancellations recorded in PLAN carry\n"
    "                          over: see --restore)\n"
    "      --restore ID        seat ID again although PLAN records them as cancelled\n"
    "                          at the desk (repeatable)\n"
    "      --pin ID=TABLE      seat attendee ID at TABLE (repeatable); TABLE may be\n"
    "                          SESSION:TABLE, e.g. afternoon:MSW-B\n"
    "      --role ID=ROLE      attendee ID holds ROLE in their group (repeatable), an id\n"
    "                          or label of the event's roles, e.g. facilitator or 司会;\n"
    "                          SESSION:ROLE when several sessions have it\n"
    "      --html FILE         also write the printable charts (A4 HTML)\n"
    "      --text FILE         also write the rosters as aligned text\n"
    "      --csv FILE          also write the badge list (CSV, UTF-8 with BOM)\n"
    "      --badges FILE       also write the name badges (A4 label sheets, HTML)\n"
    "      --badge-layout L    --badges: the label sheet, a bundled layout (a4-10, the\n"
    "                          default; a4-10-meishi; a4-8) or a layout file\n"
    "      --encoding ENC      --csv: utf-8 (with BOM, default) or cp932, as chart does\n"
    "      --directory         add the regional directory to the HTML\n"
    "      --roster-per-page   in the HTML, each table's roster on a page of its own\n"
    "                          (one sheet for each facilitator)\n"
    "      --write-model DIR   write each session's model in CPLEX LP format\n"
    "      --strict            treat warnings about the input files as errors (e.g.\n"
    "                          the same person registered twice): nothing is solved\n"
    "      --verbose           let GLPK report its progress\n"
    "      --lang ja|en        language of messages and labels\n\n"
    "Rounds (席替え: a session seated two or more times, so that people meet more\n"
    "others) are set in the event file, e.g. \"rounds\": 3 in the morning's session;\n"
    "see docs/event-format.md, \"Rounds\" (data/events/tsunagarou-rounds.json is\n"
    "the bundled day with them).\n\n"
    "Exit status: 0 plan written, 1 unusable input or hard rules that cannot hold,\n"
    "2 bad command line or an output path that is not a regular file or names an\n"
    "input or another output, 3 solver failure or an output that cannot be written\n"
    "(nothing is written then; see tsunagu(1)), 130/143 interrupted.\n";
const char cli_solve_usage_ja[] =
    "使い方: tsunagu solve 参加者ファイル -o 計画.json [オプション]\n"
    "イベントの全セッションについて全員の席を決め、計画を書き出します。\n\n"
    "  -o, --output ファイル    計画（JSON）。席割りが成功したときだけ書き込みます\n"
    "  -e, --event ファイル     イベントファイル（既定: 同梱の tsunagarou.json）\n"
    "  -r, --regions ファイル   地域表（既定: 同梱の千葉県の表）\n"
    "  -t, --time-limit 秒      探索をこの秒数で打ち切り（既定 30）、それまでの最良の\n"
    "                          計画をギャップ付きで書き出す\n"
    "  -p, --previous 計画      前回の計画をもとに再計画する: 両方の名簿にいる人は、\n"
    "                          必須ルールが許すかぎり同じ席のまま\n"
    "                          （前回の計画にある当日参加・当日欠席は引き継ぐ: --restore）\n"
    "      --restore 番号      前回の計画で当日欠席にした人を、また座らせる（複数可）\n"
    "      --pin 番号=テーブル  参加者をそのテーブルに固定する（複数可）。\n"
    "                          セッション:テーブル の形も可（例 afternoon:MSW-B）\n"
    "      --role 番号=役割     参加者がグループでその役割を担う（複数可）。役割は\n"
    "                          イベントの役割の id か名前（facilitator、司会 など）。\n"
    "                          複数のセッションにあるときは セッション:役割\n"
    "      --html ファイル      印刷用の座席表（A4 の HTML）も書き出す\n"
    "      --text ファイル      名簿をテキストでも書き出す\n"
    "      --csv ファイル       名札用の一覧（CSV、BOM 付き UTF-8）も書き出す\n"
    "      --badges ファイル    名札（A4 のラベル用紙、HTML）も書き出す\n"
    "      --badge-layout 用紙  --badges のラベル用紙: 同梱のレイアウト名（a4-10 が\n"
    "                          既定、a4-10-meishi、a4-8）またはレイアウトファイル\n"
    "      --encoding 文字コード --csv の文字コード: utf-8（BOM 付き、既定）または cp932\n"
    "      --directory         HTML に地域別名簿を加える\n"
    "      --roster-per-page   HTML の進行役用名簿を 1 テーブル 1 ページにする\n"
    "                          （進行役ひとりに 1 枚）\n"
    "      --write-model DIR   各セッションのモデルを CPLEX LP 形式で書き出す\n"
    "      --strict            入力ファイルについての警告もエラーとして扱う（同じ人の\n"
    "                          二重登録など）。このとき席は決めません\n"
    "      --verbose           GLPK の進行状況を表示する\n"
    "      --lang ja|en        メッセージとラベルの言語\n\n"
    "席替え（1つのセッションで2回以上席を替え、より多くの人と会う）はイベント\n"
    "ファイルで指定します（午前のセッションに \"rounds\": 3 など）。docs/event-format.md\n"
    "の「Rounds」を参照してください（同梱の data/events/tsunagarou-rounds.json が\n"
    "席替えのある例です）。\n\n"
    "終了コード: 0 計画を書き出した、1 入力が使えない・必須ルールが満たせない、\n"
    "2 コマンドラインの誤り・出力先が通常のファイルでないか入力や他の出力と同じ、\n"
    "3 ソルバーの失敗・出力先に書き込めない（このとき何も書き込みません）、130/143 中断\n";

static void progress(const char *session, double seconds, double best, double bound, double gap,
                     void *user)
{
    (void)user;
    if (seconds < 1.0)
        return; /* a moment: no line that flickers and goes */
    if (isnan(best))
        fprintf(stderr, TR("\r\033[K%s: %5.1f s", "\r\033[K%s: %5.1f 秒"), session, seconds);
    else
        fprintf(stderr, TR("\r\033[K%s: %5.1f s  best %.2f  bound %.2f  gap %5.1f%%",
                           "\r\033[K%s: %5.1f 秒  最良 %.2f  下界 %.2f  ギャップ %5.1f%%"),
                session, seconds, best, bound, gap * 100.0);
    fflush(stderr);
}

static void print_score(FILE *out, const tsunagu_plan *p, const char *session, const char *key,
                        const char *label)
{
    for (int i = 0; i < p->n_scores; i++) {
        const tsunagu_score *s = &p->scores[i];
        if (strcmp(s->session, session) != 0 || strcmp(s->key, key) != 0)
            continue;
        if (s->of >= 0)
            fprintf(out, "  %s: %ld / %ld\n", label, s->value, s->of);
        else
            fprintf(out, "  %s: %ld\n", label, s->value);
    }
}

/* A sharing session: how many groups present, and when the last ends. */
static void print_sharing(FILE *out, const tsunagu_plan *p, int s)
{
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    char *times = tsunagu_session_times(spec, TR("-", "〜"));
    char *title = tsunagu_text_printable(spec->title);
    int n = 0;
    tsunagu_presentation *turns = tsunagu_plan_presentations(p, s, &n);
    char end[16] = "";
    if (n > 0)
        tsunagu_clock_text(turns[n - 1].end, end);
    fprintf(out, TR("%s %s%s%s (presentations): %d groups of %s present, the last ends at %s\n",
                    "%1$s %2$s%3$s%4$s（発表・質疑）: %6$s の %5$d グループが発表し、%7$s に終わります\n"),
            spec->id, times, *times ? " " : "", title, n, p->sessions[spec->presentations.of_session].spec->title,
            n > 0 ? end : "-");
    free(turns);
    free(times);
    free(title);
}

/* A short account of each session: tables, status, the rules' counts. */
static void print_summary(FILE *out, const tsunagu_plan *p)
{
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        const tsunagu_session_spec *spec = sp->spec;
        if (!tsunagu_session_seats(spec)) {
            print_sharing(out, p, s);
            continue;
        }
        bool ex = spec->kind == TSUNAGU_EXCHANGE;
        char *times = tsunagu_session_times(spec, TR("-", "〜"));
        char *title = tsunagu_text_printable(spec->title); /* the event file's: anything */
        /* the session as people know it, its id (for --pin SESSION:TABLE) after */
        fprintf(out, TR("%s%s%s (%s, %s): %d %s, %s", "%s%s%s（%s、%s）: %d %s、%s"), times,
               *times ? " " : "", title,
               ex ? TR("exchange", "地域別交流") : TR("workgroups", "グループワーク"), spec->id, sp->n_tables,
               ex ? TR("tables", "テーブル") : TR("groups", "グループ"),
               sp->status == TSUNAGU_STATUS_OPTIMAL ? TR("proven optimal", "最適性を証明")
                                                    : TR("feasible", "実行可能（最適性は未証明）"));
        free(times);
        free(title);
        if (sp->status != TSUNAGU_STATUS_OPTIMAL && isnan(sp->gap))
            fprintf(out, "%s", TR(", how far from the best is unknown (no bound proven in time)",
                                  "、最善との差は不明（時間内に下限が得られず）"));
        else if (sp->status != TSUNAGU_STATUS_OPTIMAL)
            fprintf(out, TR(", at most %.1f%% from the best", "、最善との差 %.1f%% 以内"), sp->gap * 100.0);
        fprintf(out, TR(", score %.2f (lower is better), %.2f s\n", "、評価値 %.2f（小さいほど良い）、%.2f 秒\n"),
                sp->objective, sp->seconds);
        /* the measures the rules put in the summary, in their order (a
         * gap in the numbering skips nothing) */
        int last = 0;
        for (size_t k = 0; k < tsunagu_measure_count(); k++)
            if (tsunagu_measure_get(k)->summary_order > last)
                last = tsunagu_measure_get(k)->summary_order;
        for (int rank = 1; rank <= last; rank++)
            for (size_t k = 0; k < tsunagu_measure_count(); k++) {
                const tsunagu_measure *m = tsunagu_measure_get(k);
                if (m->summary_order == rank && (m->kinds & (1u << spec->kind)))
                    print_score(out, p, spec->id, m->key, TR(m->summary_en, m->summary_ja));
            }
        char *rounds = tsunagu_plan_rounds_text(p, s);
        if (rounds)
            fprintf(out, "  %s\n", rounds);
        free(rounds);
    }
    char *carried = tsunagu_plan_carried_text(p, false);
    fputs(carried, out);
    free(carried);
    /* the list's own warnings, carried in the plan, were printed with the
     * other messages of the list */
    for (int i = p->n_list_warnings; i < p->n_warnings; i++)
        fprintf(out, "%s%s\n", TR("warning: ", "警告: "), p->warnings[i]);
}

/* What the command line asks of solve. */
typedef struct {
    const char *output, *event_path, *regions_path, *previous_path;
    const char *chart_paths[TSUNAGU_CHART_FORMAT_COUNT]; /* html, text, csv, badges */
    const char *layout_name;            /* --badge-layout */
    tsunagu_badge_layout *layout;       /* loaded with the inputs, for --badges */
    bool directory, roster_per_page, encoding_given, strict;
    tsunagu_chart_encoding encoding;
    tsunagu_pin pins[256];
    int n_pins;
    tsunagu_role_pin roles[256];
    int n_roles;
    const char *restore[256];
    int n_restore;
    tsunagu_solve_options opt;
} solve_args;

/* --role ID=ROLE or ID=SESSION:ROLE into a->roles; -1 to go on, else the
 * exit status of the usage error said. */
static int role_option(char *arg, solve_args *a)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1] || a->n_roles == 256)
        return cli_usage_error("solve", TR("--role needs ID=ROLE or ID=SESSION:ROLE, not '%s'",
                                           "--role は 番号=役割 か 番号=セッション:役割 の形です（'%s' は使えません）"),
                               arg);
    *eq = '\0'; /* argv strings are ours to split in place */
    char *role = eq + 1, *colon = strchr(role, ':');
    tsunagu_role_pin *pin = &a->roles[a->n_roles++];
    *pin = (tsunagu_role_pin){arg, NULL, role};
    if (colon) {
        *colon = '\0';
        pin->session = role;
        pin->role = colon + 1;
    }
    return -1;
}

/* Parse solve's options into a; -1 to go on, else the exit status (help
 * printed, or a usage error said). */
static int solve_options(int argc, char **argv, solve_args *a)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"event", required_argument, NULL, 'e'},
        {"regions", required_argument, NULL, 'r'},
        {"time-limit", required_argument, NULL, 't'},
        {"write-model", required_argument, NULL, 'M'},
        {"previous", required_argument, NULL, 'p'},
        {"pin", required_argument, NULL, 'P'},
        {"role", required_argument, NULL, 'O'},
        {"restore", required_argument, NULL, 'R'},
        {"html", required_argument, NULL, 'H'},
        {"text", required_argument, NULL, 'T'},
        {"csv", required_argument, NULL, 'C'},
        {"badges", required_argument, NULL, 'B'},
        {"badge-layout", required_argument, NULL, 'Y'},
        {"encoding", required_argument, NULL, 'E'},
        {"directory", no_argument, NULL, 'D'},
        {"roster-per-page", no_argument, NULL, 'G'},
        {"verbose", no_argument, NULL, 'v'},
        {"strict", no_argument, NULL, 'S'},
        {"lang", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        /* hidden, for tools/bench: the person-by-table model */
        {"naive-model", no_argument, NULL, 'N'},
        {"whole-replan", no_argument, NULL, 'W'},
        {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->encoding = TSUNAGU_ENC_UTF8_BOM;
    tsunagu_solve_options_init(&a->opt);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:e:r:t:p:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': a->output = optarg; break;
        case 'e': a->event_path = optarg; break;
        case 'r': a->regions_path = optarg; break;
        case 't': {
            char *end;
            a->opt.time_limit = strtod(optarg, &end);
            if (*end || end == optarg || !(a->opt.time_limit > 0) || a->opt.time_limit > 1e6)
                return cli_usage_error("solve", TR("--time-limit needs a number of seconds above 0, not '%s'",
                                                   "--time-limit には 0 より大きい秒数を指定してください（'%s' は使えません）"),
                                       optarg);
            break;
        }
        case 'M': a->opt.write_model_dir = optarg; break;
        case 'H': a->chart_paths[TSUNAGU_CHART_HTML] = optarg; break;
        case 'T': a->chart_paths[TSUNAGU_CHART_TEXT] = optarg; break;
        case 'C': a->chart_paths[TSUNAGU_CHART_CSV] = optarg; break;
        case 'B': a->chart_paths[TSUNAGU_CHART_BADGES] = optarg; break;
        case 'Y': a->layout_name = optarg; break;
        case 'D': a->directory = true; break;
        case 'G': a->roster_per_page = true; break;
        case 'E':
            if (tsunagu_chart_encoding_parse(optarg, &a->encoding) != 0)
                return cli_usage_error("solve", TR("--encoding takes utf-8 or cp932, not '%s'",
                                                   "--encoding には utf-8 か cp932 を指定します（'%s' は不可）"),
                                       optarg);
            a->encoding_given = true;
            break;
        case 'p': a->previous_path = optarg; break;
        case 'R':
            if (a->n_restore == 256 || !*optarg)
                return cli_usage_error("solve", "%s", TR("--restore needs an attendee id (at most 256 of them)",
                                                         "--restore には参加者の番号を指定します（256 個まで）"));
            a->restore[a->n_restore++] = optarg;
            break;
        case 'P': {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1] || a->n_pins == 256) {
                return cli_usage_error("solve", TR("--pin needs ID=TABLE or ID=SESSION:TABLE, not '%s'",
                                                   "--pin は 番号=テーブル か 番号=セッション:テーブル の形です（'%s' は使えません）"),
                                       optarg);
            }
            char *copy = optarg; /* argv strings are ours to split in place */
            copy[eq - optarg] = '\0';
            char *table = copy + (eq - optarg) + 1, *colon = strchr(table, ':');
            a->pins[a->n_pins].attendee_id = copy;
            a->pins[a->n_pins].session = NULL; /* the library finds it from the table id */
            a->pins[a->n_pins].table = table;
            if (colon) {
                *colon = '\0';
                a->pins[a->n_pins].session = table;
                a->pins[a->n_pins].table = colon + 1;
            }
            a->n_pins++;
            break;
        }
        case 'O':
            if (role_option(optarg, a) != -1)
                return TSUNAGU_EXIT_USAGE;
            a->opt.role_pins = a->roles; /* a lives as long as the solve */
            a->opt.n_role_pins = a->n_roles;
            break;
        case 'v': a->opt.verbose = true; break;
        case 'S': a->strict = true; break;
        case 'N': a->opt.naive_model = true; break;
        case 'W': a->opt.whole_replan = true; break;
        case 'h': fputs(TR(cli_solve_usage_en, cli_solve_usage_ja), stdout); return TSUNAGU_EXIT_OK;
        default:
            if (cli_common_option(c, optarg, "solve") == 1)
                break;
            return cli_usage_error("solve", "%s", TR("bad option", "オプションが正しくありません"));
        }
    }
    return -1;
}

/* Stage the plan and the charts asked for in full, to replace the old
 * files together: a full disk leaves every old file as it was.  0 or -1
 * with the reason in diags. */
static int stage_outputs(const solve_args *a, const tsunagu_plan *plan, tsunagu_outputs *outputs,
                         tsunagu_diags *diags)
{
    size_t len = 0;
    /* tsunagu_plan_dump aborts on out of memory; only the set can be missing */
    char *text = outputs ? tsunagu_plan_dump(plan, &len) : NULL;
    if (!text) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, a->output, 0, "%s",
                          TR("cannot turn the plan into JSON (out of memory?)",
                             "計画を JSON にできません (メモリ不足?)"));
        return -1;
    }
    int staged = tsunagu_outputs_add(outputs, a->output, text, len, diags);
    free(text);
    for (int f = 0; f < TSUNAGU_CHART_FORMAT_COUNT && staged == 0; f++) {
        if (!a->chart_paths[f])
            continue;
        tsunagu_chart_options copt;
        tsunagu_chart_options_init(&copt);
        copt.format = (tsunagu_chart_format)f;
        copt.directory = a->directory;
        copt.roster_per_page = a->roster_per_page;
        copt.encoding = a->encoding; /* read by the CSV renderer only */
        copt.badge_layout = a->layout; /* and this by the badges' */
        char *chart = tsunagu_chart_render(plan, &copt, &len, diags);
        staged = chart ? tsunagu_outputs_add(outputs, a->chart_paths[f], chart, len, diags) : -1;
        free(chart);
    }
    return staged;
}

/* Where the solve's account goes: the terminal, never into a plan or a
 * chart written to standard output. */
static FILE *report_stream(const solve_args *a)
{
    bool on_stdout = strcmp(a->output, "-") == 0;
    for (int k = 0; k < TSUNAGU_CHART_FORMAT_COUNT; k++)
        on_stdout |= a->chart_paths[k] && strcmp(a->chart_paths[k], "-") == 0;
    return on_stdout ? stderr : stdout;
}

/* The command line's parts that go together: one list, an output, and
 * the options of one chart only with that chart; 0, or the usage error's
 * exit status. */
static int solve_check_args(const solve_args *a, int argc)
{
    if (optind + 1 != argc)
        return cli_usage_error("solve", "%s", TR("give exactly one attendee file", "参加者ファイルを1つ指定してください"));
    if (!a->output)
        return cli_usage_error("solve", "%s", TR("say where the plan goes: -o PLAN.json", "計画の書き出し先を -o 計画.json で指定してください"));
    if (a->encoding_given && !a->chart_paths[TSUNAGU_CHART_CSV])
        return cli_usage_error("solve", "%s", TR("--encoding applies to --csv only",
                                                 "--encoding は --csv のときだけ使えます"));
    if (a->roster_per_page && !a->chart_paths[TSUNAGU_CHART_HTML])
        return cli_usage_error("solve", "%s", TR("--roster-per-page applies to --html only",
                                                 "--roster-per-page は --html のときだけ使えます"));
    if (a->layout_name && !a->chart_paths[TSUNAGU_CHART_BADGES])
        return cli_usage_error("solve", "%s", TR("--badge-layout applies to --badges only",
                                                 "--badge-layout は --badges のときだけ使えます"));
    return 0;
}

/* The steps of one solve in order: check the outputs, read, solve, stage,
 * commit, report. */
int cli_solve(int argc, char **argv)
{
    solve_args a;
    int parsed = solve_options(argc, argv, &a);
    if (parsed >= 0)
        return parsed;
    int bad = solve_check_args(&a, argc);
    if (bad)
        return bad;
    /* Before a solve that may take minutes: every output is a file of its
     * own, and none is one of the files read. */
    const tsunagu_named_path outs[] = {
        {a.output, "-o"},
        {a.chart_paths[TSUNAGU_CHART_HTML], "--html"},
        {a.chart_paths[TSUNAGU_CHART_TEXT], "--text"},
        {a.chart_paths[TSUNAGU_CHART_CSV], "--csv"},
        {a.chart_paths[TSUNAGU_CHART_BADGES], "--badges"},
    };
    const tsunagu_named_path ins[] = {
        {argv[optind], TR("the attendee list", "参加者名簿")},
        {a.event_path, "--event"},
        {a.regions_path, "--regions"},
        {a.previous_path, "--previous"},
        /* a layout file is an input; a bundled layout's name is not a path */
        {a.layout_name && !tsunagu_badge_layout_name_valid(a.layout_name) ? a.layout_name : NULL,
         "--badge-layout"},
    };
    if (cli_check_outputs(outs, 5, ins, 5) != 0)
        return TSUNAGU_EXIT_USAGE;
    tsunagu_solve_options *opt = &a.opt;
    if (platform_stderr_is_terminal() && !opt->verbose)
        opt->progress = progress;

    int status = TSUNAGU_EXIT_INPUT;
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_regions *regions = cli_load_regions(a.regions_path, diags);
    tsunagu_event *event = a.event_path ? tsunagu_event_load(a.event_path, diags)
                                        : tsunagu_event_load_default(diags);
    /* Without a usable event its professions are unknown: reading the list
     * against the bundled day's would bury the event's errors under the
     * list's "unknown profession" lines. */
    tsunagu_roster *roster =
        regions && event ? tsunagu_roster_read_file(argv[optind], regions, event->professions, diags)
                         : NULL;
    tsunagu_plan *plan = NULL, *previous = NULL;
    tsunagu_outputs *outputs = NULL;
    if (a.previous_path) {
        previous = tsunagu_plan_read(a.previous_path, diags);
        opt->previous = previous;
    }
    if (a.chart_paths[TSUNAGU_CHART_BADGES] && !(a.layout = tsunagu_badge_layout_load(a.layout_name, diags))) {
        tsunagu_roster_free(roster); /* read before the solve: a bad layout wastes no solve */
        roster = NULL;
    }
    /* A pin names a person of the list or a walk-in the previous plan
     * carries; its session, when not given, the library finds from the
     * table (tsunagu_event_pin_session). */
    opt->pins = a.pins;
    opt->n_pins = a.n_pins;
    opt->restore = a.restore;
    opt->n_restore = a.n_restore;
    if (a.n_restore > 0 && !a.previous_path) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("--restore names someone cancelled in the previous plan: give it with --previous",
                             "--restore は前回の計画で欠席にした人を指します。--previous で計画を指定してください"));
        tsunagu_roster_free(roster);
        roster = NULL;
    }
    size_t warnings = tsunagu_diags_warnings(diags); /* every input is read: all theirs */
    if (a.strict && warnings > 0) {
        tsunagu_diags_strict(diags);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("--strict: %zu warnings about the input files taken as errors; nothing was solved",
                             "--strict のため、入力ファイルについての警告 %zu 件をエラーとして扱いました。席は決めていません"),
                          warnings);
        tsunagu_roster_free(roster);
        roster = NULL;
    }
    if (!regions || !event || !roster || (a.previous_path && !previous)) {
        tsunagu_roster_free(roster);
        tsunagu_event_free(event);
        tsunagu_regions_free(regions);
        goto out;
    }
    /* tsunagu_solve owns roster, regions and event from here on. */
    int solved = tsunagu_solve(roster, regions, event, opt, &plan, diags);
    if (opt->progress)
        fputs("\r\033[K", stderr);
    if (solved != 0) {
        if (solved == TSUNAGU_SOLVE_FAILED)
            status = TSUNAGU_EXIT_SOFTWARE;
        goto out;
    }
    status = TSUNAGU_EXIT_SOFTWARE;
    outputs = tsunagu_outputs_new();
    if (stage_outputs(&a, plan, outputs, diags) != 0)
        goto out;
    cli_signals_hold();
    int committed = tsunagu_outputs_commit(outputs, diags);
    cli_signals_release(committed == 0);
    if (committed != 0)
        goto out;
    FILE *report = report_stream(&a);
    print_summary(report, plan);
    if (previous) {
        char *diff = tsunagu_plan_diff_text(previous, plan);
        fputs(diff, report);
        free(diff);
    }
    status = TSUNAGU_EXIT_OK;
out:
    tsunagu_outputs_free(outputs);
    tsunagu_diags_print(diags, stderr);
    tsunagu_plan_free(plan);
    tsunagu_plan_free(previous);
    tsunagu_badge_layout_free(a.layout);
    tsunagu_diags_free(diags);
    return status;
}
