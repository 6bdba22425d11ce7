/* solve.c - seat every session of the event in order, into one plan. */
#include "model_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/tr.h"
#include "tsunagu/fileio.h"
#include "tsunagu/text.h"
#include "tsunagu/replan.h"
#include "tsunagu/tsunagu.h"
#include "util/sort.h"
#include "util/strbuf.h"

void tsunagu_solve_options_init(tsunagu_solve_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->time_limit = 30.0;
}

typedef struct {
    tsunagu_progress_fn fn;
    void *user;
    double t0;
} progress_clock;

static void progress_since_start(const char *session, double seconds, double best, double bound,
                                 double gap, void *user)
{
    const progress_clock *c = user;
    (void)seconds; /* since one GLPK run began: the caller wants the solve's */
    c->fn(session, model_now() - c->t0, best, bound, gap, c->user);
}

/* A session that seats nobody (sharing): no tables, nobody seated, and
 * nothing to optimise. */
static void seat_nobody(tsunagu_plan *plan, int s)
{
    tsunagu_session_plan *sp = &plan->sessions[s];
    sp->seat = model_calloc(plan->roster->count + 1, sizeof *sp->seat);
    for (size_t i = 0; i < plan->roster->count; i++)
        sp->seat[i] = -1;
    sp->status = TSUNAGU_STATUS_OPTIMAL;
    sp->objective = sp->bound = sp->gap = sp->seconds = 0;
}

/* A previous plan must come from the same event: same sessions (ids and
 * kinds, in order) and, for workgroups, the same tracks. */
static int check_previous(const tsunagu_plan *prev, const tsunagu_event *event,
                          tsunagu_diags *diags)
{
    const char *src = prev->event && prev->event->source ? prev->event->source : "previous plan";
    bool same = prev->n_sessions == event->n_sessions;
    for (int s = 0; same && s < event->n_sessions; s++) {
        const tsunagu_session_spec *a = prev->sessions[s].spec, *b = &event->sessions[s];
        same = strcmp(a->id, b->id) == 0 && a->kind == b->kind && a->n_tracks == b->n_tracks;
        for (int k = 0; same && k < b->n_tracks; k++)
            same = strcmp(a->tracks[k].id, b->tracks[k].id) == 0 &&
                   a->tracks[k].professions == b->tracks[k].professions;
    }
    if (same)
        return 0;
    tsunagu_diags_add(diags, TSUNAGU_ERROR, src, 0,
                      TR("the previous plan was made for another event (its sessions or tracks differ from %s): re-plan with the event file it was made with, or solve afresh without --previous",
                         "前回の計画は別のイベント用です（セッションまたはトラックが %s と異なります）: 前回と同じイベントファイルで再計画するか、--previous なしで作り直してください"),
                      event->source ? event->source : "event");
    return -1;
}

static void add_move(tsunagu_plan *plan, const char *id, const char *session, const char *from,
                     const char *to, const char *why)
{
    tsunagu_move *m = realloc(plan->moves, (size_t)(plan->n_moves + 1) * sizeof *m);
    if (!m)
        abort();
    plan->moves = m;
    m[plan->n_moves++] = (tsunagu_move){tsunagu_strdup(id), tsunagu_strdup(session),
                                        tsunagu_strdup(from), tsunagu_strdup(to),
                                        tsunagu_strdup(why)};
}

static void add_score_entry(tsunagu_plan *plan, const char *session, const char *key, long value,
                            long of)
{
    tsunagu_score *sc = realloc(plan->scores, (size_t)(plan->n_scores + 1) * sizeof *sc);
    if (!sc)
        abort();
    plan->scores = sc;
    sc[plan->n_scores++] = (tsunagu_score){tsunagu_strdup(session), tsunagu_strdup(key), value, of};
}

/* The later rounds' moves of a session with rounds, each recorded under
 * the session and its round, "morning#2" (docs/plan-format.md): the search
 * seated those rounds again around round 1 (TSUNAGU_MOVE_ROUNDS); "moved"
 * counts round 1's alone. */
static void record_round_moves(tsunagu_plan *plan, const tsunagu_plan *old, const tsunagu_session_plan *now,
                               const tsunagu_session_plan *was)
{
    for (int r = 0; r < now->n_later && r < was->n_later; r++) {
        const tsunagu_session_plan *nr = &now->later[r], *wr = &was->later[r];
        char session[128];
        snprintf(session, sizeof session, "%s#%d", now->spec->id, r + 2);
        for (size_t i = 0; i < plan->roster->count; i++) {
            const tsunagu_attendee *a = &plan->roster->items[i];
            long j = tsunagu_roster_find(old->roster, a->id);
            if (j < 0 || !wr->seat || wr->seat[j] < 0 || nr->seat[i] < 0)
                continue;
            const char *from = wr->tables[wr->seat[j]].id, *to = nr->tables[nr->seat[i]].id;
            if (strcmp(from, to) != 0)
                add_move(plan, a->id, session, from, to, tsunagu_move_reason_text(TSUNAGU_MOVE_ROUNDS));
        }
    }
}

/* Who sits elsewhere than in the previous plan, and why. */
static void record_moves(tsunagu_plan *plan, const tsunagu_solve_options *opt)
{
    const tsunagu_plan *old = opt->previous;
    for (int s = 0; s < plan->n_sessions; s++) {
        const tsunagu_session_plan *now = &plan->sessions[s];
        const tsunagu_session_plan *was = model_previous_session(opt, now->spec->id);
        long moved = 0, both = 0;
        for (size_t i = 0; was && i < plan->roster->count; i++) {
            const tsunagu_attendee *a = &plan->roster->items[i];
            long j = tsunagu_roster_find(old->roster, a->id);
            if (j < 0 || was->seat[j] < 0 || now->seat[i] < 0)
                continue;
            both++;
            const char *from = was->tables[was->seat[j]].id, *to = now->tables[now->seat[i]].id;
            if (strcmp(from, to) == 0)
                continue;
            moved++;
            bool pinned = false, table_gone = true;
            const char *pin = tsunagu_event_pin(plan->event, s, a);
            pinned = pin && strcmp(pin, to) == 0;
            for (int q = 0; q < opt->n_pins; q++)
                pinned |= strcmp(opt->pins[q].attendee_id, a->id) == 0 &&
                          strcmp(opt->pins[q].session, now->spec->id) == 0 &&
                          strcmp(opt->pins[q].table, to) == 0;
            for (int t = 0; t < now->n_tables; t++)
                table_gone &= strcmp(now->tables[t].id, from) != 0;
            add_move(plan, a->id, now->spec->id, from, to,
                     tsunagu_move_reason_text(pinned ? TSUNAGU_MOVE_PINNED
                                              : table_gone ? TSUNAGU_MOVE_TABLE_GONE : TSUNAGU_MOVE_RULES));
        }
        if (was)
            add_score_entry(plan, now->spec->id, "moved", moved, both);
        if (was)
            record_round_moves(plan, old, now, was);
    }
}

/* The pins this solve holds: the caller's, each with its session, then
 * those of the day recorded in `carried` (when not NULL) that the caller
 * did not replace, for people still on the list.  A pin whose person is
 * gone is dropped, saying so.  Sets *rc to -1 for a table no session has.
 * The caller's are the first *n_given of the *n. */
static tsunagu_pin *gather_pins(tsunagu_plan *plan, const tsunagu_solve_options *opt,
                                const tsunagu_plan *carried, int *n, int *n_given, int *rc,
                                tsunagu_diags *diags)
{
    int most = opt->n_pins + (carried ? carried->n_pins : 0);
    tsunagu_pin *pins = calloc((size_t)most + 1, sizeof *pins);
    if (!pins)
        abort();
    *n = 0;
    for (int q = 0; q < opt->n_pins; q++) {
        tsunagu_pin pin = opt->pins[q];
        if (pin.session && !tsunagu_event_session_named(plan->event, pin.session)) {
            char *names = tsunagu_event_session_names(plan->event);
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("%s: the event has no session \"%s\" (its sessions: %s)",
                                 "%s: イベントに「%s」というセッションはありません（セッション: %s）"),
                              pin.attendee_id, pin.session, names);
            free(names);
            *rc = -1;
            continue;
        }
        pin.session = pin.session ? tsunagu_event_session_named(plan->event, pin.session)
                                  : tsunagu_event_pin_session(plan->event, pin.table);
        if (!pin.session) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("--pin %s=%s: no session of the event has a table or group of that id",
                                 "--pin %s=%s: イベントのどのセッションにもその番号のテーブル・グループはありません"),
                              pin.attendee_id, pin.table);
            *rc = -1;
            continue;
        }
        const tsunagu_session_spec *spec = tsunagu_event_session(plan->event, pin.session);
        if (spec && !tsunagu_session_seats(spec)) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("--pin %s=%s:%s: session %s seats nobody (its groups present there)",
                                 "--pin %s=%s:%s: セッション %s には席がありません（グループの発表の時間です）"),
                              pin.attendee_id, pin.session, pin.table, pin.session);
            *rc = -1;
            continue;
        }
        pins[(*n)++] = pin;
    }
    int given = *n_given = *n;
    for (int k = 0; carried && k < carried->n_pins; k++) {
        const tsunagu_desk_pin *dp = &carried->pins[k];
        bool replaced = false;
        for (int q = 0; q < given; q++)
            replaced |= strcmp(pins[q].attendee_id, dp->attendee_id) == 0 && strcmp(pins[q].session, dp->session) == 0;
        if (replaced)
            continue;
        if (tsunagu_roster_find(plan->roster, dp->attendee_id) < 0) {
            tsunagu_plan_say_carried(plan, TR_BOTH("%s was pinned to table %s of %s and is not on the list any more: the pin is dropped",
                                                   "%s さんはテーブル %s（%s）に固定されていましたが、名簿にいないため固定を外しました"),
                                     dp->attendee_id, dp->table, dp->session);
            continue;
        }
        pins[(*n)++] = (tsunagu_pin){dp->attendee_id, dp->session, dp->table};
    }
    return pins;
}

/* Seat every session in the event's order, each with its share of the
 * time limit left since t0, then give the groups their roles.  0, or the
 * first failure (TSUNAGU_SOLVE_*) with its reason in diags. */
static int seat_sessions(tsunagu_plan *plan, const tsunagu_solve_options *opt, double t0,
                         tsunagu_diags *diags)
{
    const tsunagu_event *event = plan->event;
    int rc = 0;
    for (int s = 0; s < event->n_sessions && rc == 0; s++) {
        model_progress(opt, event->sessions[s].id);
        /* Later sessions get what the earlier ones left of the time limit,
         * shared evenly among the sessions still to come. */
        double left = opt->time_limit - (model_now() - t0);
        int to_come = 0; /* that seat people: a sharing session takes no time */
        for (int k = s; k < event->n_sessions; k++)
            to_come += tsunagu_session_seats(&event->sessions[k]);
        double limit = opt->time_limit > 0 ? left / (to_come > 0 ? to_come : 1) : 0;
        if (opt->time_limit > 0 && limit < 0.05)
            limit = 0.05;
        /* rounds: round 1 (GLPK) gets 60 % of the session's share, the
         * search what round 1 left of it */
        const int rounds = event->sessions[s].rounds;
        double session_start = model_now();
        double first = rounds > 1 && limit > 0 ? 0.6 * limit : limit;
        if (!tsunagu_session_seats(&event->sessions[s]))
            seat_nobody(plan, s);
        else if (event->sessions[s].kind == TSUNAGU_EXCHANGE)
            rc = seat_exchange(plan, s, opt, first, diags);
        else
            rc = seat_workgroup(plan, s, opt, first, diags);
        if (rc == 0 && rounds > 1 && tsunagu_session_seats(&event->sessions[s])) {
            model_progress(opt, event->sessions[s].id);
            rc = model_seat_rounds(plan, s, opt, model_time_left(limit, session_start), diags);
        }
    }
    if (rc == 0 && model_assign_roles(plan, opt, diags) != 0)
        rc = TSUNAGU_SOLVE_INFEASIBLE;
    return rc;
}

/* The list's own warnings (registered twice?) go on paper too: an
 * organiser may read only the printed report. */
static void list_warnings_on_paper(tsunagu_plan *plan, const tsunagu_diags *diags)
{
    for (size_t k = 0; k < tsunagu_diags_count(diags); k++) {
        const tsunagu_diag *g = tsunagu_diags_get(diags, k);
        if (g->severity != TSUNAGU_WARNING || !g->source || strcmp(g->source, plan->roster->source) != 0)
            continue;
        strbuf w = {0};
        /* the base name, as the plan records its input: the same bytes by any path */
        strbuf_addf(&w, "%s:%d: %s", tsunagu_path_base(g->source), g->line, g->text ? g->text : "");
        tsunagu_plan_add_warning(plan, w.data);
        plan->n_list_warnings++;
        free(w.data);
    }
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

    /* The day's changes at the desk apply on top of whichever list this is. */
    const tsunagu_plan *changes = opt->changes_from ? opt->changes_from : opt->previous;
    if (tsunagu_plan_carry_changes(plan, changes, opt->restore, opt->n_restore, diags) != 0) {
        tsunagu_plan_free(plan); /* roster, regions and event with it, as documented */
        return TSUNAGU_SOLVE_INFEASIBLE;
    }

    list_warnings_on_paper(plan, diags);

    /* The previous plan's people under this list's ids (a list re-sorted
     * and renumbered): seats, moves and pins follow the person. */
    tsunagu_plan *renumbered = opt->previous ? tsunagu_plan_renumbered(opt->previous, plan->roster) : NULL;
    if (renumbered && changes == opt->previous)
        changes = renumbered;

    double t0 = model_now();
    /* Progress is reported in the whole solve's time, and also between
     * GLPK runs (each session, each block of a large one), which can be
     * many short runs that GLPK's own reports never reach. */
    progress_clock clock = {opt->progress, opt->progress_user, t0};
    tsunagu_solve_options own = *opt;
    if (renumbered)
        own.previous = renumbered;
    if (opt->progress) {
        own.progress = progress_since_start;
        own.progress_user = &clock;
    }
    opt = &own;
    int rc = opt->previous ? check_previous(opt->previous, event, diags) : 0;
    /* a pin names someone of the day: the list's, or a walk-in carried over */
    for (int q = 0; q < opt->n_pins; q++)
        if (tsunagu_roster_find(roster, opt->pins[q].attendee_id) < 0) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("--pin %s: no attendee with that id in %s", "--pin %s: %s にその番号の参加者はいません"),
                              opt->pins[q].attendee_id, roster->source);
            rc = -1;
        }
    /* which session each pin names, decided once for every caller */
    if (tsunagu_event_check_pins(event, roster, diags) + tsunagu_event_check_roles(event, roster, diags) > 0)
        rc = -1;
    /* every pin to a table a fresh plan will not have, at once (a re-plan
     * keeps the previous tables: model_pins checks against those) */
    else if (!opt->previous && tsunagu_event_check_pin_tables(event, roster, diags) > 0)
        rc = -1;
    int n_pins = 0, n_given = 0;
    tsunagu_pin *pins = gather_pins(plan, opt, opt->pins_are_all ? NULL : changes, &n_pins, &n_given, &rc, diags);
    own.pins = pins;
    own.n_pins = n_pins;
    if (rc == 0)
        rc = seat_sessions(plan, opt, t0, diags);
    if (rc != 0) {
        free(pins);
        tsunagu_plan_free(renumbered);
        tsunagu_plan_free(plan);
        return rc == TSUNAGU_SOLVE_FAILED ? TSUNAGU_SOLVE_FAILED : TSUNAGU_SOLVE_INFEASIBLE;
    }
    if (opt->previous)
        record_moves(plan, opt);
    for (int k = 0; k < n_pins; k++) { /* the day's order: those carried, then the new */
        const tsunagu_pin *pin = &pins[(k + n_given) % n_pins];
        /* the table as the plan names it (the pin may have said "ＭＳＷ－Ｂ" or "テーブル1"):
         * where the pin put them */
        long i = tsunagu_roster_find(plan->roster, pin->attendee_id);
        for (int s = 0; i >= 0 && s < plan->n_sessions; s++)
            if (strcmp(plan->sessions[s].spec->id, pin->session) == 0 && plan->sessions[s].seat[i] >= 0)
                tsunagu_plan_add_pin(plan, pin->attendee_id, pin->session,
                                     plan->sessions[s].tables[plan->sessions[s].seat[i]].id);
    }
    free(pins);
    tsunagu_plan_check_presentations(plan, NULL); /* the summary prints the plan's warnings */
    tsunagu_plan_free(renumbered);
    tsunagu_plan_score(plan);
    *out = plan;
    return 0;
}

int tsunagu_plan_repair(tsunagu_plan **plan, const tsunagu_solve_options *opt, tsunagu_diags *diags)
{
    /* One copy is the previous plan; another gives the roster, regions and
     * event that tsunagu_solve takes. */
    json_t *doc = tsunagu_plan_to_json(*plan);
    tsunagu_plan *prev = tsunagu_plan_from_json(doc, "plan", diags);
    tsunagu_plan *own = tsunagu_plan_from_json(doc, "plan", diags);
    json_decref(doc);
    if (!prev || !own) {
        tsunagu_plan_free(prev);
        tsunagu_plan_free(own);
        return TSUNAGU_SOLVE_FAILED;
    }
    tsunagu_roster *roster = own->roster;
    tsunagu_regions *regions = own->regions;
    tsunagu_event *event = own->event;
    /* the list the plan seats: the people of it cancelled stay the list's */
    tsunagu_plan_relist_cancelled(roster, prev);
    own->roster = NULL;
    own->regions = NULL;
    own->event = NULL;
    tsunagu_plan_free(own);
    tsunagu_solve_options o;
    if (opt)
        o = *opt;
    else
        tsunagu_solve_options_init(&o);
    o.previous = prev;
    o.changes_from = prev;
    tsunagu_plan *out = NULL;
    int rc = tsunagu_solve(roster, regions, event, &o, &out, diags);
    if (rc == 0) {
        /* the roster is the plan's own: nothing was carried from a list */
        tsunagu_plan_clear_carried(out);
        tsunagu_plan_free(*plan);
        *plan = out;
    }
    tsunagu_plan_free(prev);
    return rc;
}
