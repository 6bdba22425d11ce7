/* solve.c - seat every session of the event in order, into one plan. */
#include "model_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/lang.h"
#include "tsunagu/text.h"
#include "tsunagu/tsunagu.h"

void tsunagu_solve_options_init(tsunagu_solve_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->time_limit = 30.0;
}

void plan_warn(tsunagu_plan *plan, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    char *text = malloc((size_t)n + 1);
    char **w = realloc(plan->warnings, (size_t)(plan->n_warnings + 1) * sizeof *w);
    if (!text || !w) {
        free(text);
        free(w);
        abort();
    }
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
    plan->warnings = w;
    plan->warnings[plan->n_warnings++] = text;
}

static const tsunagu_roster *sort_roster; /* qsort has no context argument */

static int by_kana(const void *a, const void *b)
{
    const tsunagu_attendee *x = &sort_roster->items[*(const size_t *)a];
    const tsunagu_attendee *y = &sort_roster->items[*(const size_t *)b];
    int c = strcmp(x->kana ? x->kana : "", y->kana ? y->kana : "");
    return c ? c : strcmp(x->id, y->id);
}

int model_fill_session(tsunagu_plan *plan, int s, seat_problem *sp, const int *seat,
                       const lp_result *res)
{
    const tsunagu_roster *r = plan->roster;
    tsunagu_session_plan *out = &plan->sessions[s];
    out->spec = sp->spec;
    out->status = res->status;
    out->objective = res->objective;
    out->bound = res->bound;
    out->gap = res->gap;
    out->seconds = res->seconds;
    out->n_tables = sp->n_tables;
    out->tables = calloc((size_t)sp->n_tables + 1, sizeof *out->tables);
    out->seat = malloc((r->count ? r->count : 1) * sizeof(int));
    if (!out->tables || !out->seat)
        abort();
    memcpy(out->seat, seat, r->count * sizeof(int));
    for (int t = 0; t < sp->n_tables; t++) {
        tsunagu_table *tb = &out->tables[t];
        tb->id = sp->table_ids[t];
        tb->label = sp->table_labels[t];
        sp->table_ids[t] = sp->table_labels[t] = NULL;
        if (sp->spec->kind == TSUNAGU_WORKGROUP)
            tb->track = tsunagu_strdup(sp->spec->tracks[sp->table_track[t]].id);
        tb->regions = sp->table_regions[t];
        tb->n_regions = sp->n_table_regions[t];
        sp->table_regions[t] = NULL;
        sp->n_table_regions[t] = 0;
        size_t n = 0;
        for (size_t i = 0; i < r->count; i++)
            n += seat[i] == t;
        tb->members = malloc((n ? n : 1) * sizeof(size_t));
        if (!tb->members)
            abort();
        for (size_t i = 0; i < r->count; i++)
            if (seat[i] == t)
                tb->members[tb->n_members++] = i;
        sort_roster = r;
        qsort(tb->members, tb->n_members, sizeof(size_t), by_kana);
    }
    return 0;
}

int model_explain_failure(const seat_problem *sp, const lp_result *res, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = sp->spec;
    if (res->status == TSUNAGU_STATUS_INFEASIBLE) {
        char rules[256] = "";
        size_t n = 0;
        for (int i = 0; i < TSUNAGU_RULE_COUNT; i++)
            if (spec->rules[i].hard)
                n += (size_t)snprintf(rules + n, n < sizeof rules ? sizeof rules - n : 0, "%s%s",
                                      n ? ", " : "", tsunagu_rule_name((tsunagu_rule_id)i));
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: the hard rules (%s) and the table sizes cannot all hold together for these %d people: make one of the rules soft in the event file, or change the number of tables",
                             "セッション %s: この %d 人では必須ルール（%s）とテーブルの人数をすべて満たせません: イベントファイルでルールのどれかを努力目標にするか、テーブル数を変えてください"),
                          spec->id, tsunagu_lang_get() == TSUNAGU_LANG_EN ? rules : "",
                          sp->n_seated);
        return TSUNAGU_SOLVE_INFEASIBLE;
    }
    switch (res->failure) {
    case LP_TIME_LIMIT:
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: no seating was found within the time limit (%.1f s): raise --time-limit",
                             "セッション %s: 制限時間（%.1f 秒）内に席割りが見つかりませんでした: --time-limit を増やしてください"),
                          spec->id, res->seconds);
        break;
    case LP_NUMERICAL:
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: the solver ran into numerical trouble and gave up (GLPK: %s); try again with other rule weights (e.g. fewer very large or very small ones)",
                             "セッション %s: ソルバーが数値計算上の問題で止まりました（GLPK: %s）。ルールの重みを変えて（極端に大きい・小さい値を避けて）やり直してください"),
                          spec->id, res->glpk_error);
        break;
    case LP_GLPK_ERROR:
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: the solver stopped with an internal error (GLPK: %s); nothing was written. If memory is not short, please report this with the attendee and event files",
                             "セッション %s: ソルバーが内部エラーで止まりました（GLPK: %s）。何も書き込んでいません。メモリ不足でなければ、参加者ファイルとイベントファイルを添えて報告してください"),
                          spec->id, res->glpk_error);
        break;
    case LP_BAD_MODEL:
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: internal error: the solver refused the model (GLPK: %s); please report this with the attendee and event files",
                             "セッション %s: 内部エラー: ソルバーがモデルを受け付けませんでした（GLPK: %s）。参加者ファイルとイベントファイルを添えて報告してください"),
                          spec->id, res->glpk_error);
        break;
    default:
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: the solver failed: %s", "セッション %s: ソルバーが失敗しました: %s"),
                          spec->id, res->glpk_error[0] ? res->glpk_error : "GLPK");
        break;
    }
    return TSUNAGU_SOLVE_FAILED;
}

int tsunagu_solve(tsunagu_roster *roster, tsunagu_regions *regions, tsunagu_event *event,
                  const tsunagu_solve_options *opt, tsunagu_plan **out, tsunagu_diags *diags)
{
    tsunagu_solve_options defaults;
    if (!opt) {
        tsunagu_solve_options_init(&defaults);
        opt = &defaults;
    }
    *out = NULL;
    tsunagu_plan *plan = calloc(1, sizeof *plan);
    if (!plan)
        abort();
    plan->regions = regions;
    plan->event = event;
    plan->roster = roster;
    roster->regions = regions;
    char gen[64];
    snprintf(gen, sizeof gen, "tsunagu %s", tsunagu_version());
    plan->generator = tsunagu_strdup(gen);
    plan->input_file = tsunagu_strdup(roster->source);
    memcpy(plan->input_sha256, roster->sha256, sizeof plan->input_sha256);
    plan->n_sessions = event->n_sessions;
    plan->sessions = calloc((size_t)event->n_sessions + 1, sizeof *plan->sessions);
    if (!plan->sessions)
        abort();
    for (int s = 0; s < event->n_sessions; s++) {
        plan->sessions[s].spec = &event->sessions[s];
        plan->sessions[s].status = TSUNAGU_STATUS_NOT_SOLVED;
    }

    double t0 = model_now();
    int rc = 0;
    for (int s = 0; s < event->n_sessions && rc == 0; s++) {
        /* Later sessions get what the earlier ones left of the time limit,
         * shared evenly among the sessions still to come. */
        double left = opt->time_limit - (model_now() - t0);
        double limit = opt->time_limit > 0 ? left / (event->n_sessions - s) : 0;
        if (opt->time_limit > 0 && limit < 0.05)
            limit = 0.05;
        if (event->sessions[s].kind == TSUNAGU_EXCHANGE)
            rc = seat_exchange(plan, s, opt, limit, diags);
        else
            rc = seat_workgroup(plan, s, opt, limit, diags);
    }
    if (rc != 0) {
        tsunagu_plan_free(plan);
        return rc == TSUNAGU_SOLVE_FAILED ? TSUNAGU_SOLVE_FAILED : TSUNAGU_SOLVE_INFEASIBLE;
    }
    tsunagu_plan_score(plan);
    *out = plan;
    return 0;
}
