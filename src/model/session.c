/* session.c - what every kind of session shares, between its own layout
 * (exchange.c, workgroup.c) and the solve (blocks.c): how many tables,
 * colleague groups, what a session takes from the organiser and from the
 * previous plan (pins, previous tables, together/apart requests), the
 * seating-type marks made of them, and the end every session shares:
 * solve, check the requests, warn, fill the plan or explain the failure.
 * It calls only downward (blocks.c and below), never back into the
 * session kinds or the solve driver (solve.c). */
#include "model_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/tr.h"
#include "tsunagu/text.h"
#include "util/sort.h"
#include "util/strbuf.h"

void plan_warn(tsunagu_plan *plan, const char *fmt, ...)
{
    strbuf text = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&text, fmt, ap);
    va_end(ap);
    tsunagu_plan_add_warning(plan, text.data);
    free(text.data);
}

/* Colleague groups: organisations with two or more seated people. */
int model_colleague_groups(seat_problem *sp, const bool *seated, int **group_of)
{
    const tsunagu_roster *r = sp->roster;
    int *g = malloc((r->count ? r->count : 1) * sizeof(int));
    for (size_t i = 0; i < r->count; i++)
        g[i] = -1;
    /* Organisations in the order of their first seated member: a map from
     * organisation key to the first member and the head count. */
    strmap first = {0};
    int *count = model_calloc(r->count, sizeof(int));
    for (size_t i = 0; i < r->count; i++) {
        const char *key = r->items[i].org_key;
        if (!seated[i] || !key || !*key)
            continue;
        int f = strmap_get(&first, key);
        if (f < 0)
            strmap_put(&first, key, f = (int)i);
        count[f]++;
    }
    int made = 0;
    for (size_t i = 0; i < r->count; i++) {
        const char *key = r->items[i].org_key;
        if (!seated[i] || !key || !*key)
            continue;
        int f = strmap_get(&first, key);
        if (count[f] < 2)
            continue;
        if ((size_t)f == i) {
            int id = seat_problem_group(sp, TSUNAGU_RULE_COLLEAGUES, r->items[i].organization);
            sp->groups[id].size = count[f];
            made++;
        }
        g[i] = g[f] >= 0 ? g[f] : sp->n_groups - 1;
    }
    free(count);
    strmap_dispose(&first);
    *group_of = g;
    return made;
}

const tsunagu_session_plan *model_previous_session(const tsunagu_solve_options *opt,
                                                   const char *session_id)
{
    if (!opt || !opt->previous)
        return NULL;
    for (int s = 0; s < opt->previous->n_sessions; s++)
        if (strcmp(opt->previous->sessions[s].spec->id, session_id) == 0)
            return &opt->previous->sessions[s];
    return NULL;
}

static int table_index(const seat_problem *sp, const char *id)
{
    for (int t = 0; t < sp->n_tables; t++)
        if (strcmp(sp->table_ids[t], id) == 0)
            return t;
    return -1;
}

/* The table a pin names: its id as written, else as the event's rule
 * for pins has it (tsunagu_table_named: the id as typed in Excel, the
 * label on its sign). */
static int pin_table_index(const seat_problem *sp, const char *want)
{
    int t = table_index(sp, want);
    for (int k = 0; k < sp->n_tables && t < 0; k++)
        if (tsunagu_table_named(sp->table_ids[k], NULL, want))
            t = k;
    for (int k = 0; k < sp->n_tables && t < 0; k++)
        if (tsunagu_table_named(sp->table_ids[k], sp->table_labels[k], want))
            t = k;
    return t;
}

int model_nearest_count(int was, int n, int min, int max)
{
    int lo = (n + max - 1) / max, hi = n / min;
    return was < lo ? lo : was > hi ? hi : was;
}

int *model_previous_tables(const seat_problem *sp, const tsunagu_solve_options *opt)
{
    const tsunagu_roster *r = sp->roster;
    int *prev = malloc((r->count ? r->count : 1) * sizeof(int));
    if (!prev)
        abort();
    for (size_t i = 0; i < r->count; i++)
        prev[i] = -1;
    const tsunagu_session_plan *ps = model_previous_session(opt, sp->spec->id);
    if (!ps)
        return prev;
    const tsunagu_roster *old = opt->previous->roster;
    for (size_t i = 0; i < r->count; i++) {
        long j = tsunagu_roster_find(old, r->items[i].id);
        if (j < 0 || ps->seat[j] < 0)
            continue;
        prev[i] = table_index(sp, ps->tables[ps->seat[j]].id);
    }
    return prev;
}

int model_pins(const seat_problem *sp, const tsunagu_solve_options *opt, int *pin,
               tsunagu_diags *diags)
{
    const tsunagu_roster *r = sp->roster;
    const char *sid = sp->spec->id;
    int rc = 0;
    for (size_t i = 0; i < r->count; i++) {
        pin[i] = -1;
        const tsunagu_attendee *a = &r->items[i];
        const char *want = NULL;
        bool given = false; /* by opt->pins (--pin), not by the list's columns */
        want = tsunagu_event_pin(sp->event, sp->index, a);
        for (int q = 0; opt && q < opt->n_pins; q++)
            if (strcmp(opt->pins[q].attendee_id, a->id) == 0 && strcmp(opt->pins[q].session, sid) == 0) {
                want = opt->pins[q].table;
                given = true;
            }
        if (!want || !*want)
            continue;
        /* A pin from the command line is not the list's fault: name the pin. */
        strbuf where = {0};
        strbuf_addf(&where, "--pin %s=%s", a->id, want);
        const char *src = given ? where.data : r->source;
        int line = given ? 0 : a->line;
        bool seated = tsunagu_roster_seated(r, i);
        int t = seated ? pin_table_index(sp, want) : -1;
        if (!seated) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, src, line,
                              TR("%s is pinned to %s in session %s, but %s attendees are not seated",
                                 "%1$s はセッション %3$s の %2$s に固定されていますが、%4$s の参加者は席につきません"),
                              a->name, want, sid, tsunagu_professions_code(r->professions, a->profession));
            rc = -1;
        } else if (t < 0) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, src, line,
                              TR("%s is pinned to table \"%s\", but session %s has no such table (%s to %s)",
                                 "%s の固定先「%s」はセッション %s にありません（%s〜%s）"),
                              a->name, want, sid, sp->table_ids[0], sp->table_ids[sp->n_tables - 1]);
            rc = -1;
        }
        free(where.data);
        pin[i] = t;
    }
    return rc;
}

int *model_named_roles(const seat_problem *sp, const tsunagu_solve_options *opt)
{
    const tsunagu_roster *r = sp->roster;
    int *role = model_calloc(r->count, sizeof(int));
    for (size_t i = 0; i < r->count; i++)
        role[i] = sp->spec->n_roles > 0 && sp->event ? tsunagu_event_role(sp->event, sp->index, &r->items[i]) : -1;
    for (int k = 0; opt && sp->spec->n_roles > 0 && k < opt->n_role_pins; k++) {
        const tsunagu_role_pin *q = &opt->role_pins[k];
        long i = tsunagu_roster_find(r, q->attendee_id);
        int rr = tsunagu_session_role_find(sp->spec, q->role);
        if (i >= 0 && rr >= 0 && (!q->session || strcmp(q->session, sp->spec->id) == 0))
            role[i] = rr; /* one with another session named is checked with the roles */
    }
    return role;
}

bool *model_request_people(const tsunagu_roster *r, const bool *seated, const int *role)
{
    bool *has = calloc(r->count ? r->count : 1, sizeof(bool));
    if (!has)
        abort();
    for (size_t i = 0; i < r->count; i++) {
        const tsunagu_attendee *a = &r->items[i];
        if (!seated[i])
            continue;
        has[i] |= role[i] >= 0;
        for (int j = 0; j < a->n_together + a->n_apart; j++) {
            const char *other = j < a->n_together ? a->together[j] : a->apart[j - a->n_together];
            long o = tsunagu_roster_find(r, other);
            if (o >= 0 && seated[o]) {
                has[i] = true;
                has[o] = true;
            }
        }
    }
    return has;
}

/* Two people named to one role of the session sit in different groups
 * (each group has one holder of it): a hard "apart". */
static void role_requests(seat_problem *sp, const bool *seated, const type_marks *marks)
{
    const tsunagu_roster *r = sp->roster;
    for (size_t i = 0; i < r->count; i++)
        for (size_t o = i + 1; seated[i] && marks->role[i] >= 0 && o < r->count; o++) {
            if (!seated[o] || marks->role[o] != marks->role[i] ||
                sp->types[marks->type_of[i]].track != sp->types[marks->type_of[o]].track)
                continue;
            strbuf what = {0};
            strbuf_addf(&what, "%s / %s (%s)", r->items[i].id, r->items[o].id,
                        tsunagu_role_label(&sp->spec->roles[marks->role[i]]));
            seat_problem_request(sp, marks->type_of[i], marks->type_of[o], false, true, what.data);
            free(what.data);
        }
}

int model_check_named_roles(const seat_problem *sp, const type_marks *marks, const bool *seated,
                            tsunagu_diags *diags)
{
    int rc = 0;
    for (int k = 0; k < sp->spec->n_tracks; k++)
        for (int r = 0; r < sp->spec->n_roles; r++) {
            int groups = 0, named = 0;
            for (int t = 0; t < sp->n_tables; t++)
                groups += sp->table_track[t] == k;
            for (size_t i = 0; i < sp->roster->count; i++)
                named += seated[i] && marks->role[i] == r &&
                         tsunagu_session_track_of(sp->spec, sp->roster->items[i].profession) == &sp->spec->tracks[k];
            if (named <= groups)
                continue;
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("session %s: %d people of %s are named %s, but there are %d groups: one each",
                                 "セッション %s: %3$s の %2$d 人が %4$s に指名されていますが、グループは %5$d です（1 グループに 1 人）"),
                              sp->spec->id, named, tsunagu_track_label(&sp->spec->tracks[k]),
                              tsunagu_role_label(&sp->spec->roles[r]), groups);
            rc = -1;
        }
    return rc;
}

void model_add_requests(seat_problem *sp, const bool *seated, const type_marks *marks,
                        tsunagu_plan *plan)
{
    const int *type_of = marks->type_of;
    role_requests(sp, seated, marks);
    const tsunagu_roster *r = sp->roster;
    for (size_t i = 0; i < r->count; i++) {
        const tsunagu_attendee *a = &r->items[i];
        if (!seated[i])
            continue;
        for (int j = 0; j < a->n_together + a->n_apart; j++) {
            bool together = j < a->n_together;
            const char *other = together ? a->together[j] : a->apart[j - a->n_together];
            long o = tsunagu_roster_find(r, other);
            if (o < 0 || !seated[o])
                continue;
            const seat_type *ta = &sp->types[type_of[i]], *tb = &sp->types[type_of[o]];
            if (together && ta->track != tb->track) {
                plan_warn(plan,
                          TR("session %s: %s and %s asked to sit together but belong to different tracks; the request cannot apply",
                             "セッション %s: %s と %s は同席の希望がありますが、トラックが異なるため適用できません"),
                          sp->spec->id, a->id, r->items[o].id);
                continue;
            }
            strbuf what = {0};
            strbuf_addf(&what, "%s %s %s", a->id, together ? "+" : "/", r->items[o].id);
            seat_problem_request(sp, type_of[i], type_of[o], together, false, what.data);
            free(what.data);
        }
    }
}

void model_check_requests(const seat_problem *sp, const int *seat, tsunagu_plan *plan)
{
    for (int q = 0; q < sp->n_requests; q++) {
        const seat_request *req = &sp->requests[q];
        if (req->hard)
            continue; /* held by the model */
        int ta = seat[sp->types[req->a].members[0]], tb = seat[sp->types[req->b].members[0]];
        if (req->together && ta != tb)
            plan_warn(plan, TR("session %s: together request %s not met (soft rule \"requests\")",
                               "セッション %s: 同席の希望 %s はかないませんでした（努力目標 \"requests\"）"),
                      sp->spec->id, req->what);
        if (!req->together && ta == tb)
            plan_warn(plan, TR("session %s: apart request %s not met (soft rule \"requests\")",
                               "セッション %s: 別席の希望 %s はかないませんでした（努力目標 \"requests\"）"),
                      sp->spec->id, req->what);
    }
}

int type_marks_init(type_marks *marks, const seat_problem *sp, const tsunagu_solve_options *opt,
                    const bool *seated, tsunagu_diags *diags)
{
    const tsunagu_roster *r = sp->roster;
    marks->pin = model_calloc(r->count, sizeof(int));
    marks->previous = model_previous_tables(sp, opt);
    marks->role = model_named_roles(sp, opt);
    marks->requested = model_request_people(r, seated, marks->role);
    marks->type_of = model_calloc(r->count, sizeof(int));
    for (size_t i = 0; i < r->count; i++)
        marks->type_of[i] = -1;
    return model_pins(sp, opt, marks->pin, diags);
}

void type_marks_key(const type_marks *marks, const tsunagu_roster *r, size_t i, strbuf *key)
{
    strbuf_addf(key, "%d|%d|%s|", marks->pin[i], marks->previous[i],
                marks->requested[i] ? r->items[i].id : "");
}

void type_marks_dispose(type_marks *marks)
{
    free(marks->pin);
    free(marks->previous);
    free(marks->requested);
    free(marks->role);
    free(marks->type_of);
    memset(marks, 0, sizeof *marks);
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
    out->stopped_at_time_limit = res->time_limit_hit;
    out->n_tables = sp->n_tables;
    out->tables = calloc((size_t)sp->n_tables + 1, sizeof *out->tables);
    out->seat = malloc((r->count ? r->count : 1) * sizeof(int));
    if (!out->tables || !out->seat)
        abort();
    memcpy(out->seat, seat, r->count * sizeof(int));
    int *at = model_calloc((size_t)sp->n_tables, sizeof(int)); /* people per table */
    for (size_t i = 0; i < r->count; i++)
        if (seat[i] >= 0 && seat[i] < sp->n_tables)
            at[seat[i]]++;
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
        tb->members = malloc((size_t)(at[t] ? at[t] : 1) * sizeof(size_t));
        if (!tb->members)
            abort();
    }
    /* members in roster order, then in reading order (the plan's print order) */
    for (size_t i = 0; i < r->count; i++)
        if (seat[i] >= 0 && seat[i] < sp->n_tables) {
            tsunagu_table *tb = &out->tables[seat[i]];
            tb->members[tb->n_members++] = i;
        }
    size_t *rank = tsunagu_attendees_reading_rank(r->items, r->count);
    for (int t = 0; t < sp->n_tables; t++)
        sort_indices_by_rank(out->tables[t].members, out->tables[t].n_members, rank);
    free(rank);
    free(at);
    return 0;
}

int model_explain_failure(const seat_problem *sp, const lp_result *res, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = sp->spec;
    if (res->status == TSUNAGU_STATUS_INFEASIBLE) {
        strbuf rules = {0};
        for (int i = 0; i < TSUNAGU_RULE_COUNT; i++)
            if (spec->rules[i].hard)
                strbuf_addf(&rules, "%s%s", rules.len ? ", " : "",
                            tsunagu_rule_name((tsunagu_rule_id)i));
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: the hard rules (%s) and the table sizes cannot all hold together for these %d people: make one of the rules soft in the event file, or change the number of tables",
                             "セッション %1$s: この %3$d 人では必須ルール（%2$s）とテーブルの人数をすべて満たせません: イベントファイルでルールのどれかを努力目標にするか、テーブル数を変えてください"),
                          spec->id, rules.data ? rules.data : "", sp->n_seated);
        free(rules.data);
        /* Hard requests are the organiser's own: name them, so that a
         * request that cannot hold is not hidden behind the rule's name. */
        strbuf list = {0}; /* so are two people named to one role, kept apart */
        for (int q = 0; q < sp->n_requests; q++)
            if (spec->rules[TSUNAGU_RULE_REQUESTS].hard || sp->requests[q].hard)
                strbuf_addf(&list, "%s%s", list.len ? ", " : "", sp->requests[q].what);
        if (list.len)
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("session %s: the hard requests among them (\"+\" together, \"/\" apart; a role: named to it, in different groups): %s",
                                 "セッション %s: 必須の希望（\"+\" 同席、\"/\" 別席。役割付きは同じ役割に指名された人で、別のグループ）: %s"),
                              spec->id, list.data);
        free(list.data);
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

/* A session cut short by the time limit: say so, with its gap and, for
 * a split session, how many blocks had no time for the solver. */
static void warn_time_limit(tsunagu_plan *plan, const seat_problem *sp, const lp_result *res,
                            double time_limit)
{
    strbuf gap = {0};
    if (isnan(res->gap))
        strbuf_add(&gap, TR("no bound proven", "下界は未証明"));
    else
        strbuf_addf(&gap, TR("gap %.1f %% against the bound", "下界との差 %.1f %%"), 100 * res->gap);
    if (res->greedy_blocks > 0)
        plan_warn(plan,
                  TR("session %s stopped at the time limit (%.1f s of --time-limit for it): %d of %d blocks were seated by the greedy heuristic without the solver; %s. A longer --time-limit may give a better plan",
                     "セッション %s は制限時間（このセッションに %.1f 秒）で打ち切りました: %d / %d ブロックはソルバーを使わず貪欲法で席を決めました。%s。--time-limit を延ばすと良い計画になることがあります"),
                  sp->spec->id, time_limit, res->greedy_blocks, res->blocks, gap.data);
    else
        plan_warn(plan,
                  TR("session %s stopped at the time limit (%.1f s of --time-limit for it) with the best plan found so far; %s. A longer --time-limit may give a better plan",
                     "セッション %s は制限時間（このセッションに %.1f 秒）で打ち切り、それまでの最良の計画を使いました。%s。--time-limit を延ばすと良い計画になることがあります"),
                  sp->spec->id, time_limit, gap.data);
    free(gap.data);
}

int model_seat_session(tsunagu_plan *plan, int s, seat_problem *sp,
                       const tsunagu_solve_options *opt, double time_limit, tsunagu_diags *diags)
{
    const tsunagu_roster *r = sp->roster;
    int *seat = model_calloc(r->count, sizeof(int));
    for (size_t i = 0; i < r->count; i++)
        seat[i] = -1;
    lp_result res;
    int rc = seat_problem_solve_split(sp, opt, time_limit, seat, &res, diags);
    if (rc == 0) {
        model_check_requests(sp, seat, plan);
        /* cut short but proven optimal all the same: nothing was lost */
        if (res.status == TSUNAGU_STATUS_OPTIMAL)
            res.time_limit_hit = false;
        if (res.time_limit_hit)
            warn_time_limit(plan, sp, &res, time_limit);
        rc = model_fill_session(plan, s, sp, seat, &res);
    } else if (rc != TSUNAGU_SOLVE_FAILED) { /* FAILED: explained already */
        rc = model_explain_failure(sp, &res, diags);
    }
    free(seat);
    return rc;
}
