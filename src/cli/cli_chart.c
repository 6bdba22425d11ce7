/* cli_chart.c - `tsunagu chart PLAN`: print a plan as HTML, text, CSV or
 * name badges. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/tr.h"

const char cli_chart_usage_en[] =
    "Usage: tsunagu chart PLAN.json [--format html|text|csv|badges] [-o FILE] [--lang ja|en]\n"
    "                     [--directory] [--roster-per-page] [--encoding utf-8|cp932]\n"
    "                     [--badge-layout NAME|FILE] [--only-changed OLD_PLAN]\n"
    "Print a seating plan.  html: one file for A4 paper with the room map of each\n"
    "session, the facilitators' rosters, the reception list in あいうえお order, one\n"
    "sign per table and the plan report.  text: the rosters, aligned for a terminal.\n"
    "csv: one row per attendee (id, name, kana, profession, organisation, region,\n"
    "then the table of each session) for mail-merging badges.  badges: A4 sheets of\n"
    "name badges (name, reading, organisation, profession, each session's table in\n"
    "large type) on the labels of a layout, in あいうえお order.\n\n"
    "Options:\n"
    "  -f, --format FORMAT     html (default), text, csv or badges\n"
    "  -o, --output FILE       write to FILE (replaced atomically; default: standard output)\n"
    "      --lang ja|en        language of the labels (default ja)\n"
    "      --directory         html: add the regional directory of hospitals and offices\n"
    "      --roster-per-page   html: each table's roster on a page of its own, with its\n"
    "                          session (one sheet for each facilitator)\n"
    "      --encoding ENC      csv: utf-8 (with BOM, default) or cp932; a character CP932\n"
    "                          cannot hold is an error naming the attendee\n"
    "      --badge-layout L    badges: the label sheet, a bundled layout (a4-10, the\n"
    "                          default: 10 labels of 86.4 x 50.8 mm; a4-10-meishi;\n"
    "                          a4-8) or a layout file (docs/charts.md)\n"
    "      --only-changed OLD  only the tables whose members changed since the plan OLD\n"
    "                          (what must be reprinted after a re-plan; badges: only\n"
    "                          the people whose seat changed)\n"
    "  -h, --help              this help\n\n"
    "Exit status: 0 written, 1 the plan cannot be read or encoded, 2 bad command line\n"
    "(also -o naming a plan read, or anything but a regular file), 3 the output\n"
    "cannot be written.\n";

const char cli_chart_usage_ja[] =
    "使い方: tsunagu chart 計画.json [--format html|text|csv|badges] [-o ファイル] [--lang ja|en]\n"
    "                      [--directory] [--roster-per-page] [--encoding utf-8|cp932]\n"
    "                      [--badge-layout 名前|ファイル] [--only-changed 前の計画]\n"
    "座席計画を印刷用に出力します。html: A4 用の 1 ファイル（各セッションの会場図、\n"
    "進行役用名簿、五十音順の受付名簿、テーブルごとのテーブル札、計画の評価）。\n"
    "text: 端末用に桁をそろえた名簿。csv: 参加者 1 人 1 行（番号、氏名、ふりがな、\n"
    "職種、所属、地域、各セッションのテーブル）。名札の差し込み印刷用。\n"
    "badges: 名札（氏名、ふりがな、所属、職種、各セッションのテーブルを大きく）を\n"
    "ラベル用紙に五十音順で並べた A4 の印刷用ファイル。\n\n"
    "オプション:\n"
    "  -f, --format 形式        html（既定）、text、csv、badges\n"
    "  -o, --output ファイル    出力先（安全に置き換えます。既定: 標準出力）\n"
    "      --lang ja|en         ラベルの言語（既定 ja）\n"
    "      --directory          html: 地域別の病院・事業所一覧を加える\n"
    "      --roster-per-page    html: 進行役用名簿を 1 テーブル 1 ページにする\n"
    "                           （セッション名付き。進行役ひとりに 1 枚）\n"
    "      --encoding 文字コード csv: utf-8（BOM 付き、既定）または cp932。CP932 で\n"
    "                           表せない文字があれば、その参加者を示してエラーにします\n"
    "      --badge-layout 用紙  badges: ラベル用紙。同梱のレイアウト名（a4-10 が既定:\n"
    "                           86.4 × 50.8 mm の 10 面、a4-10-meishi、a4-8）または\n"
    "                           レイアウトファイル（docs/charts.md）\n"
    "      --only-changed 前の計画  前の計画からメンバーが変わったテーブルだけを出力\n"
    "                           （計画し直した後に印刷し直すもの。badges: 席の\n"
    "                           変わった人の名札だけ）\n"
    "  -h, --help               このヘルプ\n\n"
    "終了コード: 0 出力した、1 計画が読めない・変換できない、2 コマンドラインの誤り\n"
    "（-o が読み込む計画や通常のファイル以外を指す場合も）、3 出力先に書き込めない\n";

enum { OPT_DIRECTORY = 256, OPT_ENCODING, OPT_ONLY_CHANGED, OPT_ROSTER_PER_PAGE, OPT_BADGE_LAYOUT };

/* What the command line asks of chart. */
typedef struct {
    tsunagu_chart_options copt;
    const char *output, *old_path, *layout_name;
    bool encoding_given;
} chart_args;

/* Parse chart's options into a; -1 to go on, else the exit status (help
 * printed, or a usage error said). */
static int chart_options(int argc, char **argv, chart_args *a)
{
    static const struct option options[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'L'},
        {"directory", no_argument, NULL, OPT_DIRECTORY},
        {"roster-per-page", no_argument, NULL, OPT_ROSTER_PER_PAGE},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"only-changed", required_argument, NULL, OPT_ONLY_CHANGED},
        {"badge-layout", required_argument, NULL, OPT_BADGE_LAYOUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(a, 0, sizeof *a);
    tsunagu_chart_options_init(&a->copt);
    a->output = "-";
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":f:o:h", options, NULL)) != -1) {
        int common = cli_common_option(opt, optarg, "chart");
        if (common < 0)
            return cli_usage_error("chart", TR("--lang takes ja or en, not '%s'",
                                               "--lang には ja か en を指定します（'%s' は不可）"),
                                   optarg);
        if (common > 0)
            continue;
        switch (opt) {
        case 'f':
            if (tsunagu_chart_format_parse(optarg, &a->copt.format) != 0)
                return cli_usage_error("chart",
                                       TR("--format takes html, text, csv or badges, not '%s'",
                                          "--format には html、text、csv、badges のどれかを指定します（'%s' は不可）"),
                                       optarg);
            break;
        case 'o': a->output = optarg; break;
        case OPT_DIRECTORY: a->copt.directory = true; break;
        case OPT_ROSTER_PER_PAGE: a->copt.roster_per_page = true; break;
        case OPT_ENCODING:
            if (tsunagu_chart_encoding_parse(optarg, &a->copt.encoding) != 0)
                return cli_usage_error("chart",
                                       TR("--encoding takes utf-8 or cp932, not '%s'",
                                          "--encoding には utf-8 か cp932 を指定します（'%s' は不可）"),
                                       optarg);
            a->encoding_given = true;
            break;
        case OPT_ONLY_CHANGED: a->old_path = optarg; break;
        case OPT_BADGE_LAYOUT: a->layout_name = optarg; break;
        case 'h':
            fputs(TR(cli_chart_usage_en, cli_chart_usage_ja), stdout);
            return TSUNAGU_EXIT_OK;
        case ':':
            return cli_usage_error("chart", TR("option '%s' needs a value", "オプション '%s' には値が必要です"),
                                   argv[optind - 1]);
        default:
            return cli_usage_error("chart", TR("unknown option '%s'", "不明なオプション '%s'"),
                                   argv[optind - 1]);
        }
    }
    return -1;
}

/* The options that belong to one format only; 0, or the usage error's
 * exit status. */
static int chart_check_format(const chart_args *a)
{
    const tsunagu_chart_options *c = &a->copt;
    if (a->encoding_given && c->format != TSUNAGU_CHART_CSV)
        return cli_usage_error("chart", "%s", TR("--encoding applies to --format csv only",
                                                 "--encoding は --format csv のときだけ使えます"));
    if (c->directory && c->format != TSUNAGU_CHART_HTML)
        return cli_usage_error("chart", "%s", TR("--directory applies to --format html only",
                                                 "--directory は --format html のときだけ使えます"));
    if (c->roster_per_page && c->format != TSUNAGU_CHART_HTML)
        return cli_usage_error("chart", "%s", TR("--roster-per-page applies to --format html only",
                                                 "--roster-per-page は --format html のときだけ使えます"));
    if (a->layout_name && c->format != TSUNAGU_CHART_BADGES)
        return cli_usage_error("chart", "%s", TR("--badge-layout applies to --format badges only",
                                                 "--badge-layout は --format badges のときだけ使えます"));
    return 0;
}

int cli_chart(int argc, char **argv)
{
    chart_args a;
    int parsed = chart_options(argc, argv, &a);
    if (parsed >= 0)
        return parsed;
    tsunagu_chart_options copt = a.copt;
    if (optind >= argc)
        return cli_usage_error("chart", "%s", TR("the plan file is missing", "計画ファイルを指定してください"));
    if (argc - optind > 1)
        return cli_usage_error("chart", TR("one plan file expected, got %d", "計画ファイルは 1 つだけ指定します（%d 個あります）"),
                               argc - optind);
    int bad = chart_check_format(&a);
    if (bad)
        return bad;

    const tsunagu_named_path outs[] = {{a.output, "-o"}};
    /* a layout file is an input; a bundled layout's name is not a path */
    const char *layout_file =
        a.layout_name && !tsunagu_badge_layout_name_valid(a.layout_name) ? a.layout_name : NULL;
    const tsunagu_named_path ins[] = {{argv[optind], TR("the plan", "計画")},
                                      {a.old_path, "--only-changed"},
                                      {layout_file, "--badge-layout"}};
    if (cli_check_outputs(outs, 1, ins, 3) != 0)
        return TSUNAGU_EXIT_USAGE;

    int status = TSUNAGU_EXIT_INPUT;
    tsunagu_plan *plan = NULL, *old = NULL;
    tsunagu_badge_layout *layout = NULL;
    char *data = NULL;
    size_t len = 0;
    tsunagu_diags *diags = tsunagu_diags_new();
    if (!diags)
        return TSUNAGU_EXIT_SOFTWARE;
    plan = tsunagu_plan_read(argv[optind], diags);
    if (!plan)
        goto out;
    if (a.old_path) {
        old = tsunagu_plan_read(a.old_path, diags);
        if (!old)
            goto out;
        copt.only_changed_since = old;
    }
    if (copt.format == TSUNAGU_CHART_BADGES) {
        layout = tsunagu_badge_layout_load(a.layout_name, diags);
        if (!layout)
            goto out;
        copt.badge_layout = layout;
    }
    data = tsunagu_chart_render(plan, &copt, &len, diags);
    if (!data)
        goto out;
    cli_signals_hold();
    int written = tsunagu_file_write_atomic(a.output, data, len, diags);
    cli_signals_release(written == 0);
    status = written == 0 ? TSUNAGU_EXIT_OK : TSUNAGU_EXIT_SOFTWARE;
out:
    tsunagu_diags_print(diags, stderr);
    free(data);
    tsunagu_badge_layout_free(layout);
    tsunagu_plan_free(old);
    tsunagu_plan_free(plan);
    tsunagu_diags_free(diags);
    return status;
}
