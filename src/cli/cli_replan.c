/* cli_replan.c - `tsunagu diff`, and the desk's commands: `add` (a walk-in
 * seated without moving anyone), `cancel`, `restore`, `pin` and `unpin`.  What the desk
 * does is recorded in the plan, and every re-plan carries it over. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/tr.h"

const char cli_diff_usage_en[] =
    "Usage: tsunagu diff OLD_PLAN.json NEW_PLAN.json [--lang ja|en]\n"
    "Who is new, who left, who moved from which table to which, and which tables\n"
    "changed (their rosters and signs must be reprinted).\n";
const char cli_diff_usage_ja[] =
    "使い方: tsunagu diff 旧計画.json 新計画.json [--lang ja|en]\n"
    "新しく加わった人、取り消した人、席が変わった人（どこからどこへ）と、\n"
    "変わったテーブル（名簿とテーブル札を印刷し直すもの）を表示します。\n";

const char cli_add_usage_en[] =
    "Usage: tsunagu add PLAN.json --name NAME --profession P --organization O --region R\n"
    "                   [--kana K] [--id ID] [--experience planning] [--force]\n"
    "                   [-o NEW_PLAN.json]\n"
    "Seat a walk-in at the best free seat of every session without moving anyone.\n"
    "The plan is rewritten in place unless -o names another file (-o naming the\n"
    "plan itself is an error: leave -o out).  A full room is reported (exit 1) and\n"
    "nothing is written.  So is a walk-in whose name, reading and organisation\n"
    "match someone already in the plan (registered twice?); --force seats them\n"
    "all the same (two people can share a name).\n";
const char cli_add_usage_ja[] =
    "使い方: tsunagu add 計画.json --name 氏名 --profession 職種 --organization 所属 --region 地域\n"
    "                   [--kana ふりがな] [--id 番号] [--experience planning] [--force]\n"
    "                   [-o 新計画.json]\n"
    "当日参加者を、だれも動かさずに各セッションのいちばん良い空席に座らせます。\n"
    "-o がなければ計画ファイルを書き換えます（-o に計画ファイル自身は指定できません。\n"
    "-o を省いてください）。満席なら終了コード 1 で何も書きません。\n"
    "氏名・ふりがな・所属が計画にいる人と同じとき（二重登録？）も同様です。\n"
    "同姓同名の別人なら --force で座らせます。\n";

const char cli_cancel_usage_en[] =
    "Usage: tsunagu cancel PLAN.json ID [-o NEW_PLAN.json]\n"
    "Take attendee ID out of every session (cancelled on the day): their seats\n"
    "are freed and nobody else moves - unless a hard rule would break without\n"
    "them (in any round of a session with rounds: a table left without one side\n"
    "of the mix, or below its size): then the tables are re-planned at once,\n"
    "moving as few people as the rules need, and who moved in which round is\n"
    "printed; when no re-plan holds the rules nothing is written (exit 1).\n"
    "The plan records the cancellation, so a\n"
    "later re-plan (solve --previous) keeps them out even when the attendee list\n"
    "still names them; `tsunagu restore` or solve --restore seats them again.\n"
    "The plan is rewritten in place unless -o names another file.\n";
const char cli_cancel_usage_ja[] =
    "使い方: tsunagu cancel 計画.json 番号 [-o 新計画.json]\n"
    "その番号の参加者を全セッションから外します（当日欠席）。席が空き、ほかの人は\n"
    "動きません。ただし抜けると必須ルールが守れなくなるとき（席替えのあるセッション\n"
    "ではどの回でも。職種のそろわないテーブルや人数の範囲を下回るテーブル）は、\n"
    "必要な最少の人を動かしてすぐに席を決め直し、だれが何回目にどこへ動いたかを\n"
    "表示します。決め直せないときは何も書きません（終了コード 1）。\n"
    "計画に欠席として記録するので、あとで再計画（solve --previous）\n"
    "しても、名簿に載ったままの人は欠席のままです。また座らせるには\n"
    "`tsunagu restore` か solve --restore を使います。\n"
    "-o がなければ計画ファイルを書き換えます。\n";
const char cli_restore_usage_en[] =
    "Usage: tsunagu restore PLAN.json ID [-o NEW_PLAN.json]\n"
    "Seat attendee ID again, cancelled earlier at the desk: the best free seat of\n"
    "every session (every round's table of a session with rounds), as for a\n"
    "walk-in; nobody else moves, unless a hard rule would break (then the\n"
    "tables are re-planned and who moved is printed, as for cancel).\n"
    "The plan is rewritten in place unless -o names another file.\n";
const char cli_restore_usage_ja[] =
    "使い方: tsunagu restore 計画.json 番号 [-o 新計画.json]\n"
    "当日欠席にした人を、また座らせます。当日参加者と同じく各セッションの\n"
    "いちばん良い空席（席替えのあるセッションでは各回の席）に座り、ほかの人は\n"
    "動きません。必須ルールが守れなくなるときは cancel と同じく席を決め直し、\n"
    "動いた人を表示します。\n"
    "-o がなければ計画ファイルを書き換えます。\n";

const char cli_pin_usage_en[] =
    "Usage: tsunagu pin PLAN.json ID [SESSION:]TABLE [-o NEW_PLAN.json]\n"
    "Seat attendee ID at TABLE (a table's number or a group's label as the signs\n"
    "print them, or a group's id such as MSW-C; give SESSION: when two sessions\n"
    "have a table of that id) and keep them there: the plan records the pin, and\n"
    "every later re-plan (solve --previous, pin, a\n"
    "cancellation that re-plans) holds it until `tsunagu unpin`.  Others move only\n"
    "as far as the hard rules and table sizes need; who moved is printed.  When\n"
    "the seat cannot hold, nothing is written (exit 1) and the reason is printed.\n"
    "The plan is rewritten in place unless -o names another file.\n";
const char cli_pin_usage_ja[] =
    "使い方: tsunagu pin 計画.json 番号 [セッション:]テーブル [-o 新計画.json]\n"
    "参加者をそのテーブル（テーブル札の番号やグループ名。同じ番号のテーブルが2つの\n"
    "セッションにあるときは セッション: を付けます）に座らせ、固定します。固定は\n"
    "計画に記録され、以後の再計画（solve --previous、pin、欠席による再計画）でも\n"
    "`tsunagu unpin` するまで守られます。ほかの人は必須ルールと人数に必要な分だけ\n"
    "動き、動いた人を表示します。その席にできないときは何も書かず（終了コード 1）、\n"
    "理由を表示します。-o がなければ計画ファイルを書き換えます。\n";
const char cli_unpin_usage_en[] =
    "Usage: tsunagu unpin PLAN.json ID [SESSION] [-o NEW_PLAN.json]\n"
    "Release the seats pinned for attendee ID (in SESSION only, when given).\n"
    "Nobody moves now; a later re-plan may move them.  Pins written in the\n"
    "attendee list's own columns stay: edit the list for those.\n"
    "The plan is rewritten in place unless -o names another file.\n";
const char cli_unpin_usage_ja[] =
    "使い方: tsunagu unpin 計画.json 番号 [セッション] [-o 新計画.json]\n"
    "その参加者の席の固定を外します（セッションを指定すればそのセッションだけ）。\n"
    "いまはだれも動きません。あとの再計画で動くことがあります。名簿の固定の列に\n"
    "書かれた固定は残ります（名簿を直してください）。\n"
    "-o がなければ計画ファイルを書き換えます。\n";

/* The session of this id as the charts name it: its times and title. */
static void print_session(FILE *report, const tsunagu_plan *plan, const char *id)
{
    const tsunagu_session_spec *spec = tsunagu_event_session(plan->event, id);
    char *name = spec ? tsunagu_session_name(spec) : NULL;
    fputs(name ? name : id, report);
    free(name);
}

/* Print where attendee id sits now, to report: one line per session. */
static void print_seats(FILE *report, const tsunagu_plan *plan, const char *id)
{
    long i = tsunagu_roster_find(plan->roster, id);
    bool seated = false;
    for (int s = 0; i >= 0 && s < plan->n_sessions; s++)
        seated |= plan->sessions[s].seat[i] >= 0;
    if (i < 0)
        return;
    /* OTHER (organisers, observers) are on the list but sit nowhere. */
    if (!seated) {
        fprintf(report, TR("%s %s is recorded in the plan but not seated (profession %s)\n",
                           "%s %s さんを計画に記録しました（職種 %s のため席はありません）\n"),
                id, plan->roster->items[i].name,
                tsunagu_professions_code(plan->roster->professions, plan->roster->items[i].profession));
        return;
    }
    fprintf(report, TR("%s %s is seated:\n", "%s %s さんの席:\n"), id, plan->roster->items[i].name);
    for (int s = 0; s < plan->n_sessions; s++) {
        int t = plan->sessions[s].seat[i];
        if (t < 0)
            continue;
        fputs("  ", report);
        print_session(report, plan, plan->sessions[s].spec->id);
        fprintf(report, ": %s", plan->sessions[s].tables[t].label);
        /* a session with rounds: every round's table, 1回目 first */
        for (int r = 0; r < plan->sessions[s].n_later; r++) {
            const tsunagu_session_plan *rp = &plan->sessions[s].later[r];
            int u = rp->seat ? rp->seat[i] : -1;
            fprintf(report, " → %s", u >= 0 && u < rp->n_tables ? rp->tables[u].label : "—");
        }
        fputs("\n", report);
    }
}

/* The label of table `id` in the session of spec (every round has the
 * same tables), else id itself. */
static const char *table_label(const tsunagu_plan *plan, const tsunagu_session_spec *spec, const char *id)
{
    for (int s = 0; id && spec && s < plan->n_sessions; s++)
        for (int t = 0; plan->sessions[s].spec == spec && t < plan->sessions[s].n_tables; t++)
            if (strcmp(plan->sessions[s].tables[t].id, id) == 0)
                return plan->sessions[s].tables[t].label;
    return id ? id : "-";
}

/* Who a re-plan moved, one line each (but `except`, the one the organiser
 * moved, when not NULL), as `tsunagu diff` prints them: the session's
 * name, the round of a session with rounds ("morning#2" is its 2回目),
 * the tables' printed labels, and why. */
static void print_moves(FILE *report, const tsunagu_plan *plan, const char *except)
{
    for (int m = 0; m < plan->n_moves; m++) {
        const tsunagu_move *mv = &plan->moves[m];
        long i = tsunagu_roster_find(plan->roster, mv->attendee_id);
        if (except && strcmp(except, mv->attendee_id) == 0)
            continue;
        const char *hash = strrchr(mv->session, '#');
        char *sid = tsunagu_strdup(mv->session);
        int round = 1;
        if (hash && hash != mv->session && atoi(hash + 1) >= 2) {
            round = atoi(hash + 1);
            sid[hash - mv->session] = '\0';
        }
        const tsunagu_session_spec *spec = tsunagu_event_session(plan->event, sid);
        fprintf(report, "  %s %s ", mv->attendee_id, i >= 0 ? plan->roster->items[i].name : "");
        print_session(report, plan, sid);
        if (spec && spec->rounds > 1)
            fprintf(report, TR(" round %d", " %d回目"), round);
        fprintf(report, ": %s -> %s", table_label(plan, spec, mv->from), table_label(plan, spec, mv->to));
        const char *why = tsunagu_move_why(mv->why);
        fprintf(report, "%s%s\n", why && *why ? "  " : "", why ? why : "");
        free(sid);
    }
}

/* A cancellation (or a restoration) that leaves a hard rule broken - the
 * only experienced member of a group gone; in a later round of a session
 * with rounds, a table without one side of the mix or below its size -
 * re-plans at once, saying so and who moved in which round; 1 then, 0
 * when nothing was broken, or -1 when no plan holds the rules (nothing is
 * written then). */
static int repair_if_broken(tsunagu_plan **plan, int broken_before, bool restore, FILE *report,
                            tsunagu_diags *diags)
{
    char *what = NULL;
    if (tsunagu_plan_hard_breaks(*plan, &what) <= broken_before) {
        free(what);
        return 0;
    }
    if (restore)
        fprintf(report, TR("With them back %s: re-planned, moving as few people as the rule needs\n",
                           "この人が戻ると %s になるため、必要な最少の人を動かして席を決め直しました\n"),
                what);
    else
        fprintf(report, TR("Without them %s: re-planned, moving as few people as the rule needs\n",
                           "この人が抜けると %s になるため、必要な最少の人を動かして席を決め直しました\n"),
                what);
    free(what);
    if (tsunagu_plan_repair(plan, NULL, diags) != 0)
        return -1;
    print_moves(report, *plan, NULL);
    return 1;
}

/* The desk's commands: PLAN ID [WHERE] [-o OUT], with `words` to `most`
 * words (*where is the third, else NULL), -o checked against the plan.
 * Returns -1 after parsing (go on), else the exit status. */
static int desk_args(int argc, char **argv, const char *name, const char *usage_en, const char *usage_ja,
                     int words, int most, const char **path, const char **id, const char **where,
                     const char **output)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"lang", required_argument, NULL, 'L'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(TR(usage_en, usage_ja), stdout);
            return TSUNAGU_EXIT_OK;
        }
        if (c == 'o')
            *output = optarg;
        else if (cli_common_option(c, optarg, name) != 1)
            return cli_usage_error(name, "%s", TR("bad option", "オプションが正しくありません"));
    }
    if (argc - optind < words || argc - optind > most)
        return cli_usage_error(name, "%s", words == 3 ? TR("give the plan file, an attendee id and a table",
                                                    "計画ファイル、参加者の番号、テーブルを指定してください")
                                               : TR("give the plan file and an attendee id",
                                                    "計画ファイルと参加者の番号を指定してください"));
    *path = argv[optind];
    *id = argv[optind + 1];
    *where = argc - optind == 3 ? argv[optind + 2] : NULL;
    const tsunagu_named_path outs[] = {{*output ? *output : *path, *output ? "-o" : TR("the plan", "計画")}};
    const tsunagu_named_path ins[] = {{*path, TR("the plan", "計画")}};
    return cli_check_outputs(outs, 1, ins, *output ? 1 : 0) != 0 ? TSUNAGU_EXIT_USAGE : -1;
}

/* cancel and restore: PLAN ID [-o OUT]. */
static int desk_command(int argc, char **argv, const char *name, const char *usage_en,
                        const char *usage_ja, bool restore)
{
    const char *path = NULL, *id = NULL, *where = NULL, *output = NULL;
    int parsed = desk_args(argc, argv, name, usage_en, usage_ja, 2, 2, &path, &id, &where, &output);
    if (parsed >= 0)
        return parsed;
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_plan *plan = tsunagu_plan_read(path, diags);
    int status = TSUNAGU_EXIT_INPUT;
    char *name_copy = NULL;
    if (plan && !restore) {
        long i = tsunagu_roster_find(plan->roster, id);
        name_copy = i >= 0 ? tsunagu_strdup(plan->roster->items[i].name) : NULL;
    }
    const char *seated_id = NULL;
    int broken_before = plan ? tsunagu_plan_hard_breaks(plan, NULL) : 0;
    int rc = !plan ? -1 : restore ? tsunagu_plan_restore(plan, id, &seated_id, diags)
                                  : tsunagu_plan_remove(plan, id, diags);
    FILE *report = output && strcmp(output, "-") == 0 ? stderr : stdout;
    int repaired = rc == 0 ? repair_if_broken(&plan, broken_before, restore, report, diags) : 0;
    if (repaired < 0)
        rc = -1;
    if (rc == 0 && tsunagu_plan_refresh_roles(plan, diags) < 0) /* a cancelled 司会 is replaced */
        rc = -1;
    if (rc == 0) {
        cli_signals_hold();
        int written = tsunagu_plan_write(plan, output ? output : path, diags);
        cli_signals_release(written == 0);
        if (written == 0 && restore)
            print_seats(report, plan, id);
        else if (written == 0)
            fprintf(report, repaired > 0
                                ? TR("%s %s is cancelled\n", "%s %s さんを欠席にしました\n")
                                : TR("%s %s is cancelled: their seats are free, nobody else moved\n",
                                     "%s %s さんを欠席にしました。席が空き、ほかの人は動いていません\n"),
                    id, name_copy ? name_copy : "");
        status = written == 0 ? TSUNAGU_EXIT_OK : TSUNAGU_EXIT_SOFTWARE;
    }
    tsunagu_diags_print(diags, stderr);
    free(name_copy);
    tsunagu_plan_free(plan);
    tsunagu_diags_free(diags);
    return status;
}

int cli_cancel(int argc, char **argv)
{
    return desk_command(argc, argv, "cancel", cli_cancel_usage_en, cli_cancel_usage_ja, false);
}

int cli_restore(int argc, char **argv)
{
    return desk_command(argc, argv, "restore", cli_restore_usage_en, cli_restore_usage_ja, true);
}

/* The table a pin names: an id ("3", "MSW-C"), or a table's label as the
 * signs and rosters print it ("MSW グループC", also "MSWグループC" or in
 * full-width letters), by the event's rule for pins (tsunagu_table_named,
 * as the solver reads them).  Sets *session and *table (borrowed from the
 * plan) when a name matches one table; otherwise leaves them as they are. */
static void pin_by_label(const tsunagu_plan *p, const char **session, const char **table)
{
    const tsunagu_table *found = NULL;
    const char *found_in = NULL;
    int matches = 0;
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        if (*session && strcmp(*session, sp->spec->id) != 0)
            continue;
        for (int t = 0; t < sp->n_tables; t++) {
            if (strcmp(sp->tables[t].id, *table) == 0) /* an id: as given */
                return;
            if (tsunagu_table_named(sp->tables[t].id, sp->tables[t].label, *table)) {
                found = &sp->tables[t];
                found_in = sp->spec->id;
                matches++;
            }
        }
    }
    if (matches == 1) {
        *session = found_in;
        *table = found->id;
    }
}

/* Pin: re-plan the plan around itself with one more pin.  0, or -1
 * (TSUNAGU_SOLVE_INFEASIBLE) or TSUNAGU_SOLVE_FAILED with the reason in
 * diags; *plan is then as it was. */
static int pin_plan(tsunagu_plan **plan, const char *id, const char *where, tsunagu_diags *diags)
{
    if (tsunagu_roster_find((*plan)->roster, id) < 0) {
        bool cancelled = false;
        for (size_t k = 0; k < (*plan)->n_cancelled; k++)
            cancelled |= strcmp((*plan)->cancelled[k].id, id) == 0;
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          cancelled ? TR("they are cancelled: seat them again first (tsunagu restore)",
                                         "欠席になっています。先に tsunagu restore で座らせてください")
                                    : TR("no attendee with that id in the plan", "その番号の参加者は計画にいません"));
        return -1;
    }
    char *copy = tsunagu_strdup(where);
    char *colon = strchr(copy, ':');
    tsunagu_pin pin = {id, NULL, copy};
    if (colon) {
        *colon = '\0';
        pin.session = copy;
        pin.table = colon + 1;
    }
    pin_by_label(*plan, &pin.session, &pin.table);
    tsunagu_solve_options o;
    tsunagu_solve_options_init(&o);
    o.pins = &pin;
    o.n_pins = 1;
    int rc = tsunagu_plan_repair(plan, &o, diags);
    free(copy);
    return rc;
}

static int pin_command(int argc, char **argv, bool pin)
{
    const char *name = pin ? "pin" : "unpin";
    const char *path = NULL, *id = NULL, *where = NULL, *output = NULL;
    int status = desk_args(argc, argv, name, pin ? cli_pin_usage_en : cli_unpin_usage_en,
                           pin ? cli_pin_usage_ja : cli_unpin_usage_ja, pin ? 3 : 2, 3, &path, &id, &where,
                           &output);
    if (status >= 0)
        return status;
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_plan *plan = tsunagu_plan_read(path, diags);
    FILE *report = output && strcmp(output, "-") == 0 ? stderr : stdout;
    int rc = -1;
    status = TSUNAGU_EXIT_INPUT;
    if (plan && pin) {
        rc = pin_plan(&plan, id, where, diags);
        status = rc == TSUNAGU_SOLVE_FAILED ? TSUNAGU_EXIT_SOFTWARE : TSUNAGU_EXIT_INPUT;
    } else if (plan && (!where || tsunagu_event_session_named(plan->event, where)) &&
               tsunagu_plan_unpin(plan, id, where ? tsunagu_event_session_named(plan->event, where) : NULL) > 0) {
        rc = 0;
    } else if (plan && where && !tsunagu_event_session_named(plan->event, where)) {
        char *names = tsunagu_event_session_names(plan->event);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("the event has no session \"%s\" (its sessions: %s)",
                             "イベントに「%s」というセッションはありません（セッション: %s）"),
                          where, names);
        free(names);
    } else if (plan) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          where ? TR("%s has no seat pinned on the day in %s", "%s さんは %s で席を固定していません")
                                : TR("%s has no seat pinned on the day%s", "%s さんは席を固定していません%s"),
                          id, where ? where : "");
    }
    if (rc == 0) {
        cli_signals_hold();
        int written = tsunagu_plan_write(plan, output ? output : path, diags);
        cli_signals_release(written == 0);
        status = written == 0 ? TSUNAGU_EXIT_OK : TSUNAGU_EXIT_SOFTWARE;
        if (written == 0 && pin) {
            fprintf(report, TR("Pinned: every re-plan keeps them there until `tsunagu unpin`.\n",
                               "固定しました。tsunagu unpin で外すまで、再計画してもこの席のままです。\n"));
            print_seats(report, plan, id);
            int others = 0;
            for (int m = 0; m < plan->n_moves; m++)
                others += strcmp(plan->moves[m].attendee_id, id) != 0;
            if (others > 0)
                fprintf(report, "%s\n", TR("To make room, these people moved:", "席を空けるため、次の人が動きました:"));
            print_moves(report, plan, id);
        } else if (written == 0) {
            long i = tsunagu_roster_find(plan->roster, id);
            fprintf(report, TR("%s %s: the pin is released; nobody moved\n",
                               "%s %s さんの席の固定を外しました。だれも動いていません\n"),
                    id, i >= 0 ? plan->roster->items[i].name : "");
        }
    }
    tsunagu_diags_print(diags, stderr);
    tsunagu_plan_free(plan);
    tsunagu_diags_free(diags);
    return status;
}

int cli_pin(int argc, char **argv)
{
    return pin_command(argc, argv, true);
}

int cli_unpin(int argc, char **argv)
{
    return pin_command(argc, argv, false);
}

int cli_diff(int argc, char **argv)
{
    static const struct option longopts[] = {{"lang", required_argument, NULL, 'L'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(TR(cli_diff_usage_en, cli_diff_usage_ja), stdout);
            return TSUNAGU_EXIT_OK;
        }
        if (cli_common_option(c, optarg, "diff") != 1)
            return cli_usage_error("diff", "%s", TR("bad option", "オプションが正しくありません"));
    }
    if (optind + 2 != argc)
        return cli_usage_error("diff", "%s", TR("give two plan files", "計画ファイルを2つ指定してください"));
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_plan *old_plan = tsunagu_plan_read(argv[optind], diags);
    tsunagu_plan *new_plan = tsunagu_plan_read(argv[optind + 1], diags);
    int status = TSUNAGU_EXIT_INPUT;
    if (old_plan && new_plan) {
        char *text = tsunagu_plan_diff_text(old_plan, new_plan);
        fputs(text, stdout);
        free(text);
        status = TSUNAGU_EXIT_OK;
    }
    tsunagu_diags_print(diags, stderr);
    tsunagu_plan_free(old_plan);
    tsunagu_plan_free(new_plan);
    tsunagu_diags_free(diags);
    return status;
}

int cli_add(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"name", required_argument, NULL, 'n'},
        {"kana", required_argument, NULL, 'k'},
        {"id", required_argument, NULL, 'i'},
        {"profession", required_argument, NULL, 'P'},
        {"organization", required_argument, NULL, 'O'},
        {"region", required_argument, NULL, 'R'},
        {"experience", required_argument, NULL, 'E'},
        {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, 'F'},
        {"lang", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    tsunagu_walkin w = {0};
    const char *output = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'n': w.name = optarg; break;
        case 'k': w.kana = optarg; break;
        case 'i': w.id = optarg; break;
        case 'P': w.profession = optarg; break;
        case 'O': w.organization = optarg; break;
        case 'R': w.region = optarg; break;
        case 'E': w.experience = optarg; break;
        case 'o': output = optarg; break;
        case 'F': w.force = true; break;
        case 'h': fputs(TR(cli_add_usage_en, cli_add_usage_ja), stdout); return TSUNAGU_EXIT_OK;
        default:
            if (cli_common_option(c, optarg, "add") == 1)
                break;
            return cli_usage_error("add", "%s", TR("bad option", "オプションが正しくありません"));
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("add", "%s", TR("give one plan file", "計画ファイルを1つ指定してください"));
    if (!w.name || !w.profession || !w.organization || !w.region)
        return cli_usage_error("add", "%s", TR("--name, --profession, --organization and --region are needed",
                                               "--name, --profession, --organization, --region が必要です"));
    const char *path = argv[optind];
    /* Without -o the plan is rewritten in place: that one input is meant to
     * be the output.  -o names another file, never the plan itself (leave
     * -o out for that) nor anything but a regular file. */
    const tsunagu_named_path outs[] = {{output ? output : path, output ? "-o" : TR("the plan", "計画")}};
    const tsunagu_named_path ins[] = {{path, TR("the plan", "計画")}};
    if (cli_check_outputs(outs, 1, ins, output ? 1 : 0) != 0)
        return TSUNAGU_EXIT_USAGE;
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_plan *plan = tsunagu_plan_read(path, diags);
    int status = TSUNAGU_EXIT_INPUT;
    const char *id = NULL;
    int added = plan ? tsunagu_plan_add(plan, &w, &id, diags) : -1;
    if (added == 0 && tsunagu_plan_refresh_roles(plan, diags) < 0) /* a group too small for its roles */
        added = -1;
    if (added == TSUNAGU_ADD_SAME_PERSON || added == TSUNAGU_ADD_CANCELLED)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("nothing was written; if this is another person of the same name, add --force",
                             "何も書き込んでいません。同姓同名の別人なら --force を付けてください"));
    if (added == 0) {
        cli_signals_hold();
        int written = tsunagu_plan_write(plan, output ? output : path, diags);
        cli_signals_release(written == 0);
        if (written == 0) {
            /* the plan itself may be on stdout (-o -): the account goes to the terminal */
            print_seats(output && strcmp(output, "-") == 0 ? stderr : stdout, plan, id);
            status = TSUNAGU_EXIT_OK;
        } else {
            status = TSUNAGU_EXIT_SOFTWARE;
        }
    }
    tsunagu_diags_print(diags, stderr);
    tsunagu_plan_free(plan);
    tsunagu_diags_free(diags);
    return status;
}
