/* replan_model.c - what a session model takes from the organiser and from
 * the previous plan: pins, previous tables, together/apart requests; the
 * seating-type marks made of them, and the end every session shares
 * (solve, check the requests, fill the plan). */
#include "model_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/tr.h"
#include "tsunagu/text.h"

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
        int t = seated ? table_index(sp, want) : -1;
        if (!seated) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, src, line,
                              TR("%s is pinned to table %s in session %s but is not seated (profession OTHER)",
                                 "%1$s はセッション %3$s のテーブル %2$s に固定されていますが、席につかない参加者（OTHER）です"),
                              a->name, want, sid);
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

bool *model_request_people(const tsunagu_roster *r, const bool *seated)
{
    bool *has = calloc(r->count ? r->count : 1, sizeof(bool));
    if (!has)
        abort();
    for (size_t i = 0; i < r->count; i++) {
        const tsunagu_attendee *a = &r->items[i];
        if (!seated[i])
            continue;
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

void model_add_requests(seat_problem *sp, const bool *seated, const int *type_of,
                        tsunagu_plan *plan)
{
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
            seat_problem_request(sp, type_of[i], type_of[o], together, what.data);
            free(what.data);
        }
    }
}

void model_check_requests(const seat_problem *sp, const int *seat, tsunagu_plan *plan)
{
    for (int q = 0; q < sp->n_requests; q++) {
        const seat_request *req = &sp->requests[q];
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
    marks->requested = model_request_people(r, seated);
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
    free(marks->type_of);
    memset(marks, 0, sizeof *marks);
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
