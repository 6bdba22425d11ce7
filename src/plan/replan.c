/* replan.c - changes to a plan that need no solver: a walk-in seated
 * without moving anyone, a cancellation on the day, and the difference
 * between two plans. */
#include "tsunagu/replan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/attendee_read.h"
#include "plan/plan_private.h"
#include "util/tr.h"
#include "tsunagu/text.h"
#include "util/strbuf.h"
#include "rules/rules_private.h"

/* ---- walk-ins ------------------------------------------------------------ */

static bool track_takes(const tsunagu_session_spec *spec, const tsunagu_table *tb,
                        tsunagu_profession prof)
{
    if (spec->kind != TSUNAGU_WORKGROUP)
        return true;
    const tsunagu_track *track = tsunagu_session_track_of(spec, prof);
    return track && tb->track && strcmp(track->id, tb->track) == 0;
}

static void add_moved_score(tsunagu_plan *p, const char *session, long of)
{
    tsunagu_score *sc = realloc(p->scores, (size_t)(p->n_scores + 1) * sizeof *sc);
    if (!sc)
        abort();
    p->scores = sc;
    sc[p->n_scores++] = (tsunagu_score){tsunagu_strdup(session), tsunagu_strdup("moved"), 0, of};
}

/* Sessions with rounds after the desk: the repeats counted again and the
 * bound with them, for round 1 and the tables as they are now (the
 * solver's may no longer hold: a cancellation lowers the fewest repeats
 * possible, and even a walk-in can); a round proven no more once the
 * repeats are above it. */
static void recount_rounds(tsunagu_plan *p)
{
    for (int s = 0; s < p->n_sessions; s++) {
        tsunagu_session_plan *sp = &p->sessions[s];
        if (sp->n_later <= 0)
            continue;
        sp->repeats = rule_repeated_pairs(p, s, NULL);
        sp->repeats_bound = rule_round1_bound(p, s);
        if (sp->repeats_bound > sp->repeats) /* a guard: a lower bound cannot be */
            sp->repeats_bound = sp->repeats;
        for (int r = 0; r < sp->n_later; r++)
            if (sp->repeats > sp->repeats_bound)
                sp->later[r].status = TSUNAGU_STATUS_FEASIBLE;
    }
}

/* The desk changed the plan after it was solved (a chair taken or freed,
 * nobody moved): count it, mark every session "moved" (nobody, out of of
 * people) as a re-plan, whose tables need not be even, and score again. */
static void desk_changed(tsunagu_plan *p, long of)
{
    recount_rounds(p);
    p->desk_changes++;
    for (int s = 0; s < p->n_sessions; s++)
        if (tsunagu_plan_score_get(p, p->sessions[s].spec->id, "moved") < 0)
            add_moved_score(p, p->sessions[s].spec->id, of);
    tsunagu_plan_score(p);
}

/* The walk-in as an attendee record, checked by the one attendee check
 * (input/attendee_read.c) as a list's row would be; id is the walk-in's
 * (given or made).  Returns 0 or -1 after saying what is wrong. */
static int walkin_attendee(const tsunagu_plan *p, const tsunagu_walkin *w, const char *id,
                           tsunagu_attendee *a, tsunagu_diags *diags)
{
    attendee_record rec = {0};
    attendee_record_add(&rec, ATTENDEE_ID, tsunagu_strdup(id), 0);
    attendee_record_add(&rec, ATTENDEE_NAME, w->name ? tsunagu_strdup(w->name) : NULL, 0);
    attendee_record_add(&rec, ATTENDEE_KANA, w->kana ? tsunagu_strdup(w->kana) : NULL, 0);
    attendee_record_add(&rec, ATTENDEE_PROFESSION, tsunagu_strdup(w->profession ? w->profession : ""), 0);
    attendee_record_add(&rec, ATTENDEE_ORG, w->organization ? tsunagu_strdup(w->organization) : NULL, 0);
    /* --region takes a region or a municipality */
    bool muni = w->region && tsunagu_regions_find(p->regions, w->region) < 0 &&
                tsunagu_regions_find_municipality(p->regions, w->region) >= 0;
    attendee_record_add(&rec, muni ? ATTENDEE_MUNI : ATTENDEE_REGION,
                        tsunagu_strdup(w->region ? w->region : ""), 0);
    if (w->experience && *w->experience)
        attendee_record_add(&rec, ATTENDEE_EXPERIENCE, tsunagu_strdup(w->experience), 0);
    attendee_checks ck = {.regions = p->regions, .professions = p->roster->professions,
                          .diags = diags, .has_id = true, .warn = true};
    int rc = attendee_build(&ck, &rec, a);
    attendee_record_free(&rec);
    if (rc == 0 && (!a->name || !*a->name || !*a->organization)) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("a walk-in needs a name and an organization",
                             "当日参加者には氏名と所属が必要です"));
        rc = -1;
    }
    return rc;
}

/* Index of id in p->cancelled, or -1. */
static long cancelled_index(const tsunagu_plan *p, const char *id)
{
    for (size_t k = 0; k < p->n_cancelled; k++)
        if (p->cancelled[k].id && strcmp(p->cancelled[k].id, id) == 0)
            return (long)k;
    return -1;
}

/* -1 after saying so when the walk-in is already in the plan: the id, or
 * TSUNAGU_ADD_SAME_PERSON for a likely double registration. */
static int walkin_is_new(const tsunagu_plan *p, const tsunagu_walkin *w, tsunagu_diags *diags)
{
    const tsunagu_roster *r = p->roster;
    long same = w->force || !w->name || !w->organization
                    ? -1
                    : tsunagu_roster_find_same_person(r, w->name, w->kana, w->organization);
    if (same >= 0) {
        const tsunagu_attendee *o = &r->items[same];
        bool both_read = w->kana && *w->kana && *o->kana;
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          both_read ? TR("%s (%s) is already in the plan as %s %s, with the same name, reading and organisation: registered twice?",
                                         "%s（%s）さんは、氏名・ふりがな・所属が同じ %s %s さんとしてすでに計画にあります。二重登録ではありませんか？")
                                    : TR("%s (%s) is already in the plan as %s %s, with the same name and organisation: registered twice?",
                                         "%s（%s）さんは、氏名・所属が同じ %s %s さんとしてすでに計画にあります。二重登録ではありませんか？"),
                          w->name, w->organization, o->id, o->name);
        return TSUNAGU_ADD_SAME_PERSON;
    }
    /* someone cancelled at the desk who came after all: restore, not a walk-in */
    const tsunagu_roster gone = {.items = p->cancelled, .count = p->n_cancelled};
    same = w->force || !w->name || !w->organization
               ? -1
               : tsunagu_roster_find_same_person(&gone, w->name, w->kana, w->organization);
    if (same >= 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s (%s) was cancelled at the desk as %s: to seat them, restore them (tsunagu restore PLAN %s, or また座らせる on the page); a namesake is added with --force",
                             "%s（%s）さんは %s として当日欠席にしています。座らせるなら欠席を取り消してください（tsunagu restore 計画 %s、またはページの「また座らせる」）。同姓同名の別人なら --force で加えます"),
                          w->name, w->organization, p->cancelled[same].id, p->cancelled[same].id);
        return TSUNAGU_ADD_CANCELLED;
    }
    if (w->id && tsunagu_roster_find(r, w->id) >= 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("id \"%s\" is already in the plan", "番号「%s」はすでに計画にあります"), w->id);
        return -1;
    }
    if (w->id && cancelled_index(p, w->id) >= 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("id \"%s\" was cancelled at the desk: restore them (tsunagu restore) or give another id",
                             "番号「%s」の人は当日欠席にしています。また座らせるなら restore を、別の人なら別の番号を"),
                          w->id);
        return -1;
    }
    return 0;
}

/* The best free table of session s for attendee i (already in the roster's
 * items, not counted), but none marked in skip (may be NULL), or -1 after
 * saying why there is none. */
static int choose_table(tsunagu_plan *p, int s, size_t i, const unsigned char *skip, tsunagu_diags *diags)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    const tsunagu_attendee *a = &p->roster->items[i];
    int seats = 0, forbidden = 0, forbidden_by = -1, choice = -1;
    double best = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        if (!track_takes(sp->spec, tb, a->profession) || (skip && skip[t]))
            continue;
        /* A room fixed by the event (tables x size max) has that many
         * chairs; with a derived table count the size is a preference: a
         * walk-in is never turned away, a table over it only taken when
         * every one is. */
        const bool fixed = sp->spec->tables > 0;
        seats += sp->spec->max_size;
        if (fixed && (int)tb->n_members >= sp->spec->max_size)
            continue;
        int by;
        double c = rules_walkin_cost(p, s, i, t, &by);
        if (by >= 0) {
            forbidden++;
            forbidden_by = forbidden_by < 0 ? by : forbidden_by;
            continue;
        }
        if ((int)tb->n_members >= sp->spec->max_size) /* over the preferred size: only when no */
            c += 1e6 * (1 + (int)tb->n_members - sp->spec->max_size); /* table has room; the least over */
        if (choice < 0 || c < best) {
            choice = t;
            best = c;
        }
    }
    if (choice >= 0 && (int)sp->tables[choice].n_members >= sp->spec->max_size)
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0,
                          TR("every table of session %s was at its preferred size: %s now seats %d, more than %d",
                             "セッション %s のテーブルはすべて希望の人数に達していたため、%s は %d 人になります（希望の最大は %d 人）"),
                          sp->spec->id, sp->tables[choice].label, (int)sp->tables[choice].n_members + 1,
                          sp->spec->max_size);
    if (choice < 0 && forbidden > 0 && forbidden_by == TSUNAGU_RULE_COLLEAGUES)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("every table of session %s with a free seat has a colleague from %s, and colleagues is a hard rule: re-plan with the new list instead (tsunagu solve --previous)",
                             "セッション %s の空席のあるテーブルにはすべて %s の同僚がいて、同僚を離す規則は必須です: 新しい名簿で再計画してください（tsunagu solve --previous）"),
                          sp->spec->id, a->organization);
    else if (choice < 0 && forbidden > 0)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("no table of session %s with a free seat is allowed for this person by the hard rule \"%s\" (%s): re-plan with the new list instead (tsunagu solve --previous)",
                             "セッション %1$s の空席のあるテーブルは、必須の規則「%2$s」（%3$s）によりこの人には使えません: 新しい名簿で再計画してください（tsunagu solve --previous）"),
                          sp->spec->id, tsunagu_rule_name(forbidden_by), tsunagu_rule_label(forbidden_by));
    else if (choice < 0)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("every table of session %s that takes %s is full (%d seats, the room the event fixes): add a table (\"tables\" in the event, or the page's settings) and re-plan",
                             "セッション %s で %s が座れるテーブルは満席です（%d 席。イベントで決めた部屋の席数）: テーブルを増やして（イベントの \"tables\" かページの設定）席を決め直してください"),
                          sp->spec->id, tsunagu_professions_code(p->roster->professions, a->profession),
                          seats);
    return choice;
}

/* Session s's later rounds for attendee i (at choice in round 1, -1: not
 * seated there): each round's table chosen (plan_walkin_route), held in
 * that round's seat[i] - later sessions see it - until the walk-in is
 * committed.  0, or plan_walkin_route's failure after saying why. */
static int choose_later_rounds(tsunagu_plan *p, int s, size_t i, int choice, tsunagu_diags *diags)
{
    tsunagu_session_plan *sp = &p->sessions[s];
    int *route = calloc((size_t)sp->n_later + 1, sizeof *route);
    if (!route)
        abort();
    int rc = choice >= 0 && sp->n_later > 0 ? plan_walkin_route(p, s, i, choice, route, diags) : 0;
    for (int r = 0; r < sp->n_later; r++) {
        tsunagu_session_plan *rp = &sp->later[r];
        int *seat = realloc(rp->seat, (p->roster->count + 1) * sizeof(int));
        if (!seat)
            abort();
        rp->seat = seat;
        rp->seat[i] = rc == 0 && choice >= 0 ? route[r] : -1;
    }
    free(route);
    return rc;
}

static void copy_diags(tsunagu_diags *to, const tsunagu_diags *from)
{
    for (size_t k = 0; k < tsunagu_diags_count(from); k++) {
        const tsunagu_diag *g = tsunagu_diags_get(from, k);
        tsunagu_diags_add(to, g->severity, g->source, g->line, "%s", g->text);
    }
}

/* Session s's table for attendee i (sits: not OTHER, not a sharing
 * session) in round 1 and every later round, into *choice (-1: none),
 * held in each round's seat[i].  The best round-1 table first; when every
 * route from it meets someone again and no_pair_twice is hard, the next
 * best, and so on.  0, or -1 after saying why (for the best table). */
static int choose_session(tsunagu_plan *p, int s, size_t i, bool sits, int *choice, tsunagu_diags *diags)
{
    tsunagu_session_plan *sp = &p->sessions[s];
    unsigned char *skip = calloc((size_t)sp->n_tables + 1, 1);
    int *seat = realloc(sp->seat, (p->roster->count + 1) * sizeof(int));
    if (!skip || !seat)
        abort();
    sp->seat = seat; /* later sessions see the choice (new people, earlier tables) */
    tsunagu_diags *first = NULL;
    int rc = -1;
    for (;;) {
        tsunagu_diags *tried = tsunagu_diags_new();
        int c = sits ? choose_table(p, s, i, skip, tried) : -1;
        seat[i] = c;
        rc = sits && c < 0 ? -1 : choose_later_rounds(p, s, i, c, tried);
        if (rc == 0) {
            copy_diags(diags, tried);
            tsunagu_diags_free(tried);
            *choice = c;
            break;
        }
        if (!first)
            first = tried; /* the best table's reason is the one said */
        else
            tsunagu_diags_free(tried);
        if (rc != PLAN_ROUTE_MEETS_AGAIN || c < 0)
            break;
        skip[c] = 1;
    }
    if (rc != 0) {
        copy_diags(diags, first);
        rc = -1;
    }
    tsunagu_diags_free(first);
    free(skip);
    return rc;
}

/* Attendee i (seated in every round of session s at seat[i] of that
 * round, chosen before) takes those seats at the later rounds' tables. */
static void seat_later_rounds(tsunagu_plan *p, size_t i)
{
    for (int s = 0; s < p->n_sessions; s++)
        for (int r = 0; r < p->sessions[s].n_later; r++) {
            tsunagu_session_plan *rp = &p->sessions[s].later[r];
            int t = rp->seat[i];
            if (t < 0)
                continue;
            tsunagu_table *tb = &rp->tables[t];
            size_t *m = realloc(tb->members, (tb->n_members + 1) * sizeof *m);
            if (!m)
                abort();
            tb->members = m;
            tb->members[tb->n_members++] = i;
        }
}

/* Attendee i joins the roster and the chosen tables (choice[s] < 0: no seat). */
static void commit_walkin(tsunagu_plan *p, size_t i, const int *choice)
{
    tsunagu_roster *r = p->roster;
    r->count++;
    seat_later_rounds(p, i);
    for (int s = 0; s < p->n_sessions; s++) {
        tsunagu_session_plan *sp = &p->sessions[s];
        int *seat = realloc(sp->seat, r->count * sizeof(int));
        if (!seat)
            abort();
        sp->seat = seat;
        sp->seat[i] = choice[s];
        if (choice[s] < 0)
            continue;
        tsunagu_table *tb = &sp->tables[choice[s]];
        size_t *m = realloc(tb->members, (tb->n_members + 1) * sizeof *m);
        if (!m)
            abort();
        tb->members = m;
        tb->members[tb->n_members++] = i;
    }
    desk_changed(p, (long)r->count - 1);
}

/* Seat attendee *a (taken: the plan owns it on success, else it is
 * cleared) at the best free seat of every session, nobody moving.  0, or
 * -1 with the plan unchanged after saying why. */
static int seat_newcomer(tsunagu_plan *p, tsunagu_attendee *a, const char **id_out,
                         tsunagu_diags *diags)
{
    tsunagu_roster *r = p->roster;
    /* Choose a table in every session before changing anything. */
    size_t i = r->count;
    int *choice = calloc((size_t)p->n_sessions + 1, sizeof(int));
    tsunagu_attendee *items = realloc(r->items, (r->count + 1) * sizeof *items);
    if (!choice || !items)
        abort();
    r->items = items;
    r->items[i] = *a; /* visible to the cost function, not yet counted */
    memset(a, 0, sizeof *a);
    bool seated = tsunagu_professions_seated(r->professions, r->items[i].profession);
    int rc = 0;
    for (int s = 0; s < p->n_sessions && rc == 0; s++) {
        bool sits = seated && tsunagu_session_seats(p->sessions[s].spec); /* not in a sharing session */
        choice[s] = -1;
        rc = choose_session(p, s, i, sits, &choice[s], diags);
    }
    if (rc == 0) {
        commit_walkin(p, i, choice);
        if (id_out)
            *id_out = r->items[i].id;
    } else {
        *a = r->items[i]; /* r->count was not raised: back to the caller */
        memset(&r->items[i], 0, sizeof r->items[i]);
    }
    free(choice);
    return rc;
}

int tsunagu_plan_add(tsunagu_plan *p, const tsunagu_walkin *w, const char **id_out,
                     tsunagu_diags *diags)
{
    tsunagu_roster *r = p->roster;
    if (!w->name || !*w->name || !w->organization || !*w->organization) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("a walk-in needs a name and an organization",
                             "当日参加者には氏名と所属が必要です"));
        return -1;
    }
    char idbuf[32];
    const char *id = w->id;
    int number = p->walkins_issued;
    while (!id) { /* never a number given before, nor someone cancelled's: restore seats them */
        snprintf(idbuf, sizeof idbuf, "W%03d", ++number);
        if (tsunagu_roster_find(r, idbuf) < 0 && cancelled_index(p, idbuf) < 0)
            id = idbuf;
    }
    tsunagu_attendee a = {0};
    if (walkin_attendee(p, w, id, &a, diags) != 0) {
        tsunagu_attendee_clear(&a);
        return -1;
    }
    int rc = walkin_is_new(p, w, diags); /* a usable record first, then: is it new? */
    if (rc != 0) {
        tsunagu_attendee_clear(&a);
        return rc;
    }

    a.walkin = true;
    a.namesake = w->force;
    int seated = seat_newcomer(p, &a, id_out, diags);
    tsunagu_attendee_clear(&a); /* nothing left after success */
    if (seated == 0 && !w->id)
        p->walkins_issued = number;
    return seated;
}

/* ---- cancellations ------------------------------------------------------- */

/* Nobody asks any more to sit with or apart from id (cancelled): a plan's
 * requests name only people in it. */
static void forget_requests(tsunagu_roster *r, const char *id)
{
    for (size_t i = 0; i < r->count; i++) {
        tsunagu_attendee *a = &r->items[i];
        for (int w = 0; w < 2; w++) {
            char **list = w ? a->apart : a->together;
            int *n = w ? &a->n_apart : &a->n_together;
            int kept = 0;
            for (int k = 0; k < *n; k++) {
                if (strcmp(list[k], id) == 0)
                    free(list[k]);
                else
                    list[kept++] = list[k];
            }
            *n = kept;
        }
    }
}

/* Attendee i leaves group t of session s: the roles they held there have
 * nobody (tsunagu_plan_refresh_roles gives them to others: said here so
 * that the desk knows whose role it was), and later attendees' indices
 * move down by one. */
static void vacate_roles(tsunagu_plan *p, int s, int t, size_t i, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    tsunagu_table *tb = &p->sessions[s].tables[t];
    for (int r = 0; tb->roles && r < spec->n_roles; r++) {
        if (tb->roles[r] == (long)i)
            tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0, TR("%1$s was the %3$s of %2$s", "%1$s さんは %2$s の %3$s でした"),
                              p->roster->items[i].name, tb->label, tsunagu_role_label(&spec->roles[r]));
        tb->roles[r] = tb->roles[r] == (long)i ? -1 : tb->roles[r] > (long)i ? tb->roles[r] - 1 : tb->roles[r];
    }
}

int tsunagu_plan_remove(tsunagu_plan *p, const char *id, tsunagu_diags *diags)
{
    tsunagu_roster *r = p->roster;
    long idx = tsunagu_roster_find(r, id);
    if (idx < 0 && cancelled_index(p, id) >= 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s is already cancelled in this plan", "番号「%s」の人はすでに欠席にしています"), id);
        return -1;
    }
    if (idx < 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("no attendee with id \"%s\" in the plan", "番号「%s」の参加者は計画にいません"),
                          id);
        return -1;
    }
    size_t i = (size_t)idx;
    for (int s = 0; s < p->n_sessions; s++) {
        tsunagu_session_plan *sp = &p->sessions[s];
        for (int k = 0; k <= sp->n_later; k++) { /* round 1, then the later rounds */
            tsunagu_session_plan *rp = k == 0 ? sp : &sp->later[k - 1];
            for (int t = 0; t < rp->n_tables; t++) {
                tsunagu_table *tb = &rp->tables[t];
                size_t w = 0;
                for (size_t m = 0; m < tb->n_members; m++) {
                    if (tb->members[m] == i)
                        continue;
                    tb->members[w++] = tb->members[m] > i ? tb->members[m] - 1 : tb->members[m];
                }
                tb->n_members = w;
                if (k == 0)
                    vacate_roles(p, s, t, i, diags);
            }
            if (rp->seat)
                memmove(rp->seat + i, rp->seat + i + 1, (r->count - i - 1) * sizeof(int));
        }
    }
    /* kept as they were: a re-plan keeps them out, restore seats them */
    tsunagu_attendee *c = realloc(p->cancelled, (p->n_cancelled + 1) * sizeof *c);
    if (!c)
        abort();
    p->cancelled = c;
    p->cancelled[p->n_cancelled++] = r->items[i];
    memmove(r->items + i, r->items + i + 1, (r->count - i - 1) * sizeof *r->items);
    r->count--;
    forget_requests(r, id);
    tsunagu_plan_unpin(p, id, NULL); /* pins name people in the plan */
    /* their moves went with them: a plan's moves name people in it */
    int kept = 0;
    for (int m = 0; m < p->n_moves; m++) {
        tsunagu_move *mv = &p->moves[m];
        if (strcmp(mv->attendee_id, id) != 0) {
            p->moves[kept++] = *mv;
            continue;
        }
        for (int k = 0; k < p->n_scores; k++) /* one mover less in that session */
            if (strcmp(p->scores[k].session, mv->session) == 0 && strcmp(p->scores[k].key, "moved") == 0 &&
                p->scores[k].value > 0)
                p->scores[k].value--;
        free(mv->attendee_id), free(mv->session), free(mv->from), free(mv->to), free(mv->why);
    }
    p->n_moves = kept;
    desk_changed(p, (long)r->count);
    return 0;
}

int tsunagu_plan_restore(tsunagu_plan *p, const char *id, const char **id_out,
                         tsunagu_diags *diags)
{
    long found = cancelled_index(p, id);
    size_t k = found < 0 ? 0 : (size_t)found;
    if (found < 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("nobody with id \"%s\" was cancelled in this plan",
                             "番号「%s」の人はこの計画で欠席になっていません"),
                          id);
        return -1;
    }
    tsunagu_attendee a = p->cancelled[k];
    memmove(p->cancelled + k, p->cancelled + k + 1, (p->n_cancelled - k - 1) * sizeof *p->cancelled);
    p->n_cancelled--;

    if (seat_newcomer(p, &a, id_out, diags) != 0) {
        /* back on the cancelled list, where it was */
        memmove(p->cancelled + k + 1, p->cancelled + k, (p->n_cancelled - k) * sizeof *p->cancelled);
        p->cancelled[k] = a;
        p->n_cancelled++;
        return -1;
    }
    return 0;
}

/* ---- differences ------------------------------------------------------------ */

static const char *const move_reasons[][2] = {
    {"pinned there by the organiser", "主催者がこの席に固定"},
    {"their table no longer exists", "元のテーブルがなくなった"},
    {"needed to keep the hard rules and table sizes", "必須ルールとテーブルの人数を守るため"},
    {"the rounds seated again around round 1: nobody meeting anyone twice, each table's hard rules and size",
     "1回目に合わせて席替え後の席を決め直したため（同じ人と二度同席しない・各テーブルの必須ルールと人数）"},
};

const char *tsunagu_move_reason_text(tsunagu_move_reason r)
{
    return TR(move_reasons[r][0], move_reasons[r][1]);
}

const char *tsunagu_move_why(const char *why)
{
    for (size_t k = 0; why && k < sizeof move_reasons / sizeof *move_reasons; k++)
        if (strcmp(why, move_reasons[k][0]) == 0 || strcmp(why, move_reasons[k][1]) == 0)
            return tsunagu_move_reason_text((tsunagu_move_reason)k);
    return why;
}

/* Round r (0: the session's own seating, round 1) of a session, or NULL
 * when it has no such round. */
static const tsunagu_session_plan *round_of(const tsunagu_session_plan *sp, int r)
{
    return r == 0 ? sp : r <= sp->n_later ? &sp->later[r - 1] : NULL;
}

/* Attendee i's table in round r of session as printed (its label), or
 * NULL. */
static const char *table_of_round(const tsunagu_plan *p, const char *session, int r, size_t i)
{
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = round_of(&p->sessions[s], r);
        if (sp && strcmp(p->sessions[s].spec->id, session) == 0 && sp->seat && sp->seat[i] >= 0)
            return sp->tables[sp->seat[i]].label;
    }
    return NULL;
}

static const char *table_of(const tsunagu_plan *p, const char *session, size_t i)
{
    return table_of_round(p, session, 0, i);
}

/* One line per session of the tables in `want` (session id, table):
 * "  <session name>: <label>, <label>". */
static void tables_by_session(strbuf *b, const tsunagu_plan *p, const char *(*want)[2], size_t n)
{
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        bool any = false;
        for (size_t k = 0; k < n; k++) {
            if (strcmp(want[k][0], sp->spec->id) != 0)
                continue;
            if (!any) {
                char *name = tsunagu_session_name(sp->spec);
                strbuf_addf(b, "  %s: ", name);
                free(name);
            }
            const char *label = want[k][1];
            for (int t = 0; t < sp->n_tables; t++)
                if (strcmp(sp->tables[t].id, want[k][1]) == 0)
                    label = sp->tables[t].label;
            strbuf_addf(b, "%s%s", any ? TR(", ", "、") : "", label);
            any = true;
        }
        if (any)
            strbuf_add(b, "\n");
    }
}

static char *diff_text(const tsunagu_plan *old, const tsunagu_plan *now);

char *tsunagu_plan_diff_text(const tsunagu_plan *old, const tsunagu_plan *now)
{
    /* people compared as themselves, though the list was renumbered */
    tsunagu_plan *renumbered = tsunagu_plan_renumbered(old, now->roster);
    char *text = diff_text(renumbered ? renumbered : old, now);
    tsunagu_plan_free(renumbered);
    return text;
}

/* Whether tables ot (of old) and tb (of now) seat the same people. */
static bool same_members(const tsunagu_plan *old, const tsunagu_table *ot, const tsunagu_plan *now,
                         const tsunagu_table *tb)
{
    if (ot->n_members != tb->n_members)
        return false;
    for (size_t m = 0; m < tb->n_members; m++) {
        const char *id = now->roster->items[tb->members[m]].id;
        bool found = false;
        for (size_t q = 0; q < ot->n_members && !found; q++)
            found = strcmp(old->roster->items[ot->members[q]].id, id) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* Whether table tb of session ns holds the same people in old as in now,
 * in every round (its roster lists them all). */
static bool same_table(const tsunagu_plan *old, const tsunagu_plan *now, const tsunagu_session_plan *ns,
                       const tsunagu_table *tb)
{
    const tsunagu_session_plan *ps = NULL;
    for (int os = 0; os < old->n_sessions; os++)
        if (strcmp(old->sessions[os].spec->id, ns->spec->id) == 0)
            ps = &old->sessions[os];
    const int t = (int)(tb - ns->tables);
    for (int u = 0; ps && u < ps->n_tables; u++) {
        const tsunagu_table *ot = &ps->tables[u];
        if (strcmp(ot->id, tb->id) != 0)
            continue;
        if (!same_members(old, ot, now, tb) || ps->n_later != ns->n_later)
            return false;
        for (int r = 0; r < ns->n_later; r++)
            if (u >= ps->later[r].n_tables || t >= ns->later[r].n_tables ||
                !same_members(old, &ps->later[r].tables[u], now, &ns->later[r].tables[t]))
                return false;
        return plan_same_roles(old, ps, ot, now, ns, tb); /* rosters and signs name the holders */
    }
    return false;
}

/* (session id, table id) of now's tables whose people changed (or that
 * are new); *n of them.  New array of borrowed strings. */
static const char *(*changed_tables(const tsunagu_plan *old, const tsunagu_plan *now, size_t *n))[2]
{
    size_t cap = 1;
    for (int s = 0; s < now->n_sessions; s++)
        cap += (size_t)now->sessions[s].n_tables;
    const char *(*out)[2] = calloc(cap, sizeof *out);
    if (!out)
        abort();
    *n = 0;
    for (int s = 0; s < now->n_sessions; s++)
        for (int t = 0; t < now->sessions[s].n_tables; t++)
            if (!same_table(old, now, &now->sessions[s], &now->sessions[s].tables[t])) {
                out[*n][0] = now->sessions[s].spec->id;
                out[(*n)++][1] = now->sessions[s].tables[t].id;
            }
    return out;
}

/* (session id, table id) of old's tables that now has not. */
static const char *(*gone_tables(const tsunagu_plan *old, const tsunagu_plan *now, size_t *n))[2]
{
    size_t cap = 1;
    for (int s = 0; s < old->n_sessions; s++)
        cap += (size_t)old->sessions[s].n_tables;
    const char *(*out)[2] = calloc(cap, sizeof *out);
    if (!out)
        abort();
    *n = 0;
    for (int s = 0; s < old->n_sessions; s++) {
        const tsunagu_session_plan *ps = &old->sessions[s];
        for (int t = 0; t < ps->n_tables; t++) {
            bool kept = false;
            for (int ns = 0; ns < now->n_sessions; ns++)
                for (int u = 0; strcmp(now->sessions[ns].spec->id, ps->spec->id) == 0 && u < now->sessions[ns].n_tables; u++)
                    kept |= strcmp(now->sessions[ns].tables[u].id, ps->tables[t].id) == 0;
            if (!kept) {
                out[*n][0] = ps->spec->id;
                out[(*n)++][1] = ps->tables[t].id;
            }
        }
    }
    return out;
}

/* The "Moved:" lines of round r of now's session s (a session of one
 * round: r = 0), the heading first when none came before (`before`); how
 * many.  A later round's moves are recorded as "<session>#<round>". */
static size_t moves_text(const tsunagu_plan *old, const tsunagu_plan *now, int s, int r,
                         size_t before, strbuf *b)
{
    const char *sid = now->sessions[s].spec->id;
    char *session = tsunagu_session_name(now->sessions[s].spec);
    char key[128];
    snprintf(key, sizeof key, "%s#%d", sid, r + 1);
    strbuf name = {0};
    strbuf_add(&name, session);
    if (now->sessions[s].n_later > 0)
        strbuf_addf(&name, TR(" round %d", " %d回目"), r + 1);
    size_t moved = 0;
    for (size_t i = 0; i < now->roster->count; i++) {
        long j = tsunagu_roster_find(old->roster, now->roster->items[i].id);
        if (j < 0)
            continue;
        const char *from = table_of_round(old, sid, r, (size_t)j), *to = table_of_round(now, sid, r, i);
        if (!from || !to || strcmp(from, to) == 0)
            continue;
        if (!before && !moved)
            strbuf_addf(b, "%s\n", TR("Moved:", "席が変わった人:"));
        moved++;
        const char *why = NULL;
        for (int m = 0; m < now->n_moves; m++)
            if (strcmp(now->moves[m].attendee_id, now->roster->items[i].id) == 0 &&
                strcmp(now->moves[m].session, r ? key : sid) == 0)
                why = tsunagu_move_why(now->moves[m].why);
        strbuf_addf(b, "  %s %s %s: %s -> %s%s%s\n", now->roster->items[i].id,
                    now->roster->items[i].name, name.data, from, to, why ? "  " : "", why ? why : "");
    }
    free(name.data);
    free(session);
    return moved;
}

static char *diff_text(const tsunagu_plan *old, const tsunagu_plan *now)
{
    strbuf b = {0};
    strbuf_add(&b, ""); /* never NULL, even with nothing to say */
    size_t added = 0, left = 0, moved = 0;
    for (size_t i = 0; i < now->roster->count; i++)
        if (tsunagu_roster_find(old->roster, now->roster->items[i].id) < 0) {
            const tsunagu_attendee *a = &now->roster->items[i];
            if (!added++)
                strbuf_addf(&b, "%s\n", TR("New:", "新しく加わった人:"));
            strbuf_addf(&b, "  + %s %s (%s)", a->id, a->name, a->organization);
            for (int s = 0; s < now->n_sessions; s++) {
                const char *t = table_of(now, now->sessions[s].spec->id, i);
                if (t)
                    strbuf_addf(&b, "%s%s", s ? TR(", ", "、") : "  ", t);
                for (int r = 1; t && r <= now->sessions[s].n_later; r++) { /* the itinerary */
                    const char *next = table_of_round(now, now->sessions[s].spec->id, r, i);
                    strbuf_addf(&b, " -> %s", next ? next : "?");
                }
            }
            strbuf_addf(&b, "\n");
        }
    for (size_t i = 0; i < old->roster->count; i++)
        if (tsunagu_roster_find(now->roster, old->roster->items[i].id) < 0) {
            const tsunagu_attendee *a = &old->roster->items[i];
            if (!left++)
                strbuf_addf(&b, "%s\n", TR("Left:", "取り消した人:"));
            strbuf_addf(&b, "  - %s %s (%s)\n", a->id, a->name, a->organization);
        }
    for (int s = 0; s < now->n_sessions; s++)
        for (int r = 0; r <= now->sessions[s].n_later; r++)
            moved += moves_text(old, now, s, r, moved, &b);
    size_t roles = plan_role_changes_text(old, now, &b);
    size_t changed = 0, gone = 0;
    const char *(*reprint)[2] = changed_tables(old, now, &changed);
    if (changed) { /* their rosters and signs must be reprinted */
        strbuf_addf(&b, "%s\n", TR("Tables to reprint:", "印刷し直すテーブル:"));
        tables_by_session(&b, now, reprint, changed);
    }
    const char *(*away)[2] = gone_tables(old, now, &gone);
    if (gone) {
        strbuf_addf(&b, "%s\n", TR("Tables gone (take their signs away):", "なくなったテーブル（札を片付ける）:"));
        tables_by_session(&b, old, away, gone);
    }
    free(reprint);
    free(away);
    if (!added && !left && !moved && !changed && !gone && !roles)
        strbuf_addf(&b, "%s\n", TR("No changes.", "変更はありません。"));
    else
        strbuf_addf(&b, TR("%zu new, %zu left, %zu moves, %zu tables changed\n",
                           "追加 %zu 人、取り消し %zu 人、移動 %zu 件、変更テーブル %zu\n"),
                    added, left, moved, changed + gone);
    return b.data;
}
