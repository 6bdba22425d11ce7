/* cli_check.c - `tsunagu check ATTENDEES`: validate the list, print a summary. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "util/tr.h"

const char cli_check_usage_en[] =
    "Usage: tsunagu check ATTENDEES [--event FILE] [--regions FILE] [--strict] [--lang ja|en]\n"
    "Check an attendee list (CSV in UTF-8, UTF-8 with BOM or Shift_JIS/CP932, or JSON)\n"
    "and print a summary: counts by profession and region, experience, interest\n"
    "regions, organisations sending several people.  Every problem is reported as\n"
    "FILE:LINE: message.\n\n"
    "Options:\n"
    "  -e, --event FILE    event file whose professions the list names\n"
    "                      (default: the bundled つながろう会)\n"
    "  -r, --regions FILE  region table to check regions against\n"
    "                      (default: the bundled Chiba table)\n"
    "      --strict        treat warnings as errors (e.g. the same person\n"
    "                      registered twice under two ids): the list is not usable\n"
    "      --lang ja|en    language of messages and summary (default ja)\n"
    "  -h, --help          this help\n\n"
    "Exit status: 0 the list is usable (warnings allowed unless --strict), 1 it is not,\n"
    "2 bad command line, 3 standard output cannot be written.\n";

const char cli_check_usage_ja[] =
    "使い方: tsunagu check 参加者名簿 [--event ファイル] [--regions ファイル] [--strict] [--lang ja|en]\n"
    "参加者名簿（CSV: UTF-8・BOM 付き UTF-8・Shift_JIS (CP932)、または JSON）を検査し、\n"
    "職種別・地域別の人数、経験、関心地域、複数名が参加する所属を表示します。\n"
    "問題はすべて「ファイル:行: 内容」の形で表示します。\n\n"
    "オプション:\n"
    "  -e, --event ファイル    名簿の職種を決めるイベントファイル（既定: 同梱のつながろう会）\n"
    "  -r, --regions ファイル  地域の照合に使う地域表（既定: 同梱の千葉県の表）\n"
    "      --strict            警告もエラーとして扱う（同じ人が別の番号で二重に\n"
    "                          登録されているなど）。このとき名簿は使えません\n"
    "      --lang ja|en        メッセージと集計の言語（既定 ja）\n"
    "  -h, --help              このヘルプ\n\n"
    "終了コード: 0 名簿は使える（--strict でなければ警告があっても）、1 使えない、\n"
    "2 コマンドラインの誤り、3 標準出力に書き込めない\n";

int cli_check(int argc, char **argv)
{
    static const struct option options[] = {
        {"regions", required_argument, NULL, 'r'},
        {"event", required_argument, NULL, 'e'},
        {"lang", required_argument, NULL, 'L'},
        {"strict", no_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *regions_path = NULL, *event_path = NULL;
    bool strict = false;
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":r:e:h", options, NULL)) != -1) {
        int common = cli_common_option(opt, optarg, "check");
        if (common < 0)
            return cli_usage_error("check", TR("--lang takes ja or en, not '%s'",
                                               "--lang には ja か en を指定します（'%s' は不可）"),
                                   optarg);
        if (common > 0)
            continue;
        switch (opt) {
        case 'e':
            event_path = optarg;
            break;
        case 'r':
            regions_path = optarg;
            break;
        case 'S':
            strict = true;
            break;
        case 'h':
            fputs(TR(cli_check_usage_en, cli_check_usage_ja), stdout);
            return TSUNAGU_EXIT_OK;
        case ':':
            return cli_usage_error("check", TR("option '%s' needs a value", "オプション '%s' には値が必要です"),
                                   argv[optind - 1]);
        default:
            return cli_usage_error("check", TR("unknown option '%s'", "不明なオプション '%s'"),
                                   argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("check", "%s", TR("the attendee file is missing", "参加者名簿のファイルを指定してください"));
    if (argc - optind > 1)
        return cli_usage_error("check", TR("one attendee file expected, got %d", "参加者名簿は 1 つだけ指定します（%d 個あります）"),
                               argc - optind);
    const char *path = argv[optind];

    int status = TSUNAGU_EXIT_INPUT;
    tsunagu_roster *roster = NULL;
    tsunagu_event *event = NULL;
    char *summary = NULL;
    tsunagu_diags *diags = tsunagu_diags_new();
    if (!diags)
        return TSUNAGU_EXIT_SOFTWARE;
    tsunagu_regions *regions = cli_load_regions(regions_path, diags);
    if (!regions)
        goto out;
    event = event_path ? tsunagu_event_load(event_path, diags) : NULL;
    if (event_path && !event)
        goto out;
    roster = tsunagu_roster_read_file(path, regions, event ? event->professions : NULL, diags);
    /* its pin columns name sessions of the event (the bundled day's without
     * --event): solve would refuse them, so check does */
    if (roster && !event)
        event = tsunagu_event_load_default(diags);
    if (roster && event &&
        (tsunagu_event_check_pins(event, roster, diags) + tsunagu_event_check_roles(event, roster, diags) > 0 ||
         tsunagu_event_check_pin_tables(event, roster, diags) > 0)) {
        tsunagu_roster_free(roster);
        roster = NULL;
    }
    size_t warnings = tsunagu_diags_warnings(diags);
    if (strict && warnings > 0) {
        size_t errors = tsunagu_diags_errors(diags);
        tsunagu_diags_strict(diags);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0,
                          TR("not usable with --strict (errors: %zu, warnings taken as errors: %zu)",
                             "--strict のため、この名簿は使えません（エラー %zu 件、エラーとして扱った警告 %zu 件）"),
                          errors, warnings);
        goto out;
    }
    if (!roster) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0,
                          TR("not usable (errors: %zu, warnings: %zu)",
                             "この名簿は使えません（エラー %zu 件、警告 %zu 件）"),
                          tsunagu_diags_errors(diags), tsunagu_diags_warnings(diags));
        goto out;
    }
    summary = tsunagu_roster_summary(roster);
    fputs(summary, stdout);
    printf(TR("\nWarnings: %zu\n", "\n警告: %zu 件\n"), tsunagu_diags_warnings(diags));
    status = TSUNAGU_EXIT_OK;
out:
    tsunagu_diags_print(diags, stderr);
    free(summary);
    tsunagu_roster_free(roster);
    tsunagu_event_free(event);
    tsunagu_regions_free(regions);
    tsunagu_diags_free(diags);
    return status;
}
