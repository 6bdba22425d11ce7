/* round_move.c - moving someone in a later round of a session with rounds
 * (the desk, the web page) without a re-plan: they change places with one
 * person of the table asked for, so that every table keeps its size, and
 * nobody else moves (round 1 and the other rounds stay as they are).
 *
 * The swap keeps the hard rules of the round as the rounds search keeps
 * them (model/later_rounds.c, docs/event-format.md "Rounds"): tracks; a
 * hard region (one's round-1 table is always allowed); hard colleagues and
 * hard "apart" requests; a hard mix and a hard experienced rule as "a
 * table keeps every side, and its experienced member, that it has"; a hard
 * no_pair_twice as "no more meetings again than before".  Of the people
 * who may swap, the one whose swap leaves the fewest meetings again, then
 * the lowest cost under the soft rules (region, colleagues), then the
 * first in reading order.  What each rule forbids is asked of the rule's
 * file (rule_region_cost, rule_colleagues, rule_in_track,
 * rule_round_meetings). */
#include "tsunagu/replan.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan_private.h"
#include "rules/rules_private.h"
#include "util/sort.h"
#include "util/tr.h"

/* Not a rule one can weigh: a group of another profession's track. */
#define BLOCKED_BY_TRACK TSUNAGU_RULE_COUNT

typedef struct {
    tsunagu_plan *p;
    int s, r; /* the session, and the round as rule_round_meetings counts it (1 = later[0]) */
    const tsunagu_session_spec *spec;
    tsunagu_session_plan *rp; /* the round */
    size_t a;                 /* who moves */
    int from, to;             /* their table, the table asked for */
} round_swap;

/* Whether attendee i may sit at table t of the round under the track and a
 * hard region rule: -1, or what forbids it.  One's round-1 table is always
 * allowed (a pin may have put them where the region rule would not). */
static int seat_forbidden(const round_swap *w, size_t i, int t)
{
    const tsunagu_attendee *a = &w->p->roster->items[i];
    const tsunagu_table *tb = &w->rp->tables[t];
    if (w->spec->kind == TSUNAGU_WORKGROUP && !rule_in_track(w->spec, tb->track, a->profession))
        return BLOCKED_BY_TRACK;
    const tsunagu_rule *region = &w->spec->rules[TSUNAGU_RULE_REGION];
    const tsunagu_session_plan *first = &w->p->sessions[w->s];
    if (w->spec->kind == TSUNAGU_EXCHANGE && region->hard && first->seat[i] >= 0 &&
        strcmp(first->tables[first->seat[i]].id, tb->id) != 0 &&
        rule_region_cost(w->p->regions, region, a, tb->regions, tb->n_regions, 0) < 0)
        return TSUNAGU_RULE_REGION;
    return -1;
}

/* x asked not to sit with y, or y with x. */
static bool asked_apart(const tsunagu_attendee *x, const tsunagu_attendee *y)
{
    for (int q = 0; q < x->n_apart; q++)
        if (strcmp(x->apart[q], y->id) == 0)
            return true;
    for (int q = 0; q < y->n_apart; q++)
        if (strcmp(y->apart[q], x->id) == 0)
            return true;
    return false;
}

/* Attendee i joining table t, where `leaving` leaves it: -1, or the hard
 * rule (colleagues, requests) that forbids it; *colleagues counts the
 * colleagues they would sit with (the soft rule's price). */
static int company_forbidden(const round_swap *w, size_t i, int t, size_t leaving, int *colleagues)
{
    const tsunagu_table *tb = &w->rp->tables[t];
    const tsunagu_attendee *a = &w->p->roster->items[i];
    int by = -1;
    *colleagues = 0;
    for (size_t m = 0; m < tb->n_members; m++) {
        size_t j = tb->members[m];
        if (j == leaving || j == i)
            continue;
        const tsunagu_attendee *b = &w->p->roster->items[j];
        if (rule_colleagues(a, b)) {
            (*colleagues)++;
            if (w->spec->rules[TSUNAGU_RULE_COLLEAGUES].hard && by < 0)
                by = TSUNAGU_RULE_COLLEAGUES;
        }
        if (w->spec->rules[TSUNAGU_RULE_REQUESTS].hard && by < 0 && asked_apart(a, b))
            by = TSUNAGU_RULE_REQUESTS;
    }
    return by;
}

/* A hard mix or experienced rule: table t, losing `out` and gaining `in`,
 * keeps every side (and its experienced member) it has: -1, or the rule. */
static int marks_forbidden(const round_swap *w, int t, size_t out, size_t in)
{
    const tsunagu_session_spec *spec = w->spec;
    const tsunagu_table *tb = &w->rp->tables[t];
    const tsunagu_attendee *o = &w->p->roster->items[out], *n = &w->p->roster->items[in];
    bool mix = spec->kind == TSUNAGU_EXCHANGE && spec->rules[TSUNAGU_RULE_MIX].hard && spec->n_sides >= 2;
    if (mix && spec->side[o->profession] != spec->side[n->profession] && spec->side[o->profession] >= 0) {
        int left = 0; /* others of the side `out` leaves */
        for (size_t m = 0; m < tb->n_members; m++) {
            const tsunagu_attendee *x = &w->p->roster->items[tb->members[m]];
            left += tb->members[m] != out && spec->side[x->profession] == spec->side[o->profession];
        }
        if (left == 0)
            return TSUNAGU_RULE_MIX;
    }
    if (spec->rules[TSUNAGU_RULE_EXPERIENCED].hard && o->experience == TSUNAGU_EXPERIENCED &&
        n->experience != TSUNAGU_EXPERIENCED) {
        int left = 0;
        for (size_t m = 0; m < tb->n_members; m++)
            left += tb->members[m] != out &&
                    w->p->roster->items[tb->members[m]].experience == TSUNAGU_EXPERIENCED;
        if (left == 0)
            return TSUNAGU_RULE_EXPERIENCED;
    }
    return -1;
}

/* Whether x and y sat together outside this round: another round of the
 * session or any round of an earlier one. */
static bool met_elsewhere(const round_swap *w, size_t x, size_t y)
{
    for (int e = 0; e <= w->s; e++)
        for (int r = 0; r <= w->p->sessions[e].n_later; r++) {
            const tsunagu_session_plan *at = r == 0 ? &w->p->sessions[e] : &w->p->sessions[e].later[r - 1];
            if ((e == w->s && r == w->r) || !at->seat)
                continue;
            if (at->seat[x] >= 0 && at->seat[x] == at->seat[y])
                return true;
        }
    return false;
}

/* How the meetings again change when a (at w->from) and b (at w->to) swap:
 * each leaves the people they met before at their table, and joins those
 * of the other's, less each other. */
static long repeats_change(const round_swap *w, size_t b)
{
    const tsunagu_plan *p = w->p;
    long both = met_elsewhere(w, w->a, b);
    long a_joins = rule_round_meetings(p, w->s, w->r, w->a, w->to) - both;
    long b_joins = rule_round_meetings(p, w->s, w->r, b, w->from) - both;
    return a_joins + b_joins - rule_round_meetings(p, w->s, w->r, w->a, w->from) -
           rule_round_meetings(p, w->s, w->r, b, w->to);
}

/* The soft rules' price of a at table t (region, colleagues). */
static double soft_cost(const round_swap *w, size_t i, int t, int colleagues)
{
    const tsunagu_rule *region = &w->spec->rules[TSUNAGU_RULE_REGION];
    const tsunagu_table *tb = &w->rp->tables[t];
    double c = w->spec->rules[TSUNAGU_RULE_COLLEAGUES].weight * colleagues;
    if (w->spec->kind == TSUNAGU_EXCHANGE && !region->hard && region->weight > 0) {
        double r = rule_region_cost(w->p->regions, region, &w->p->roster->items[i], tb->regions,
                                    tb->n_regions, (long)w->p->roster->count);
        c += r > 0 ? r : 0;
    }
    return c;
}

/* What forbids b (at w->to) to change places with a: -1 when nothing; else
 * the rule.  *change and *cost: the swap's meetings again and soft price. */
static int swap_forbidden(const round_swap *w, size_t b, long *change, double *cost)
{
    int ca, cb, by;
    if ((by = seat_forbidden(w, b, w->from)) >= 0 ||
        (by = company_forbidden(w, w->a, w->to, b, &ca)) >= 0 ||
        (by = company_forbidden(w, b, w->from, w->a, &cb)) >= 0 ||
        (by = marks_forbidden(w, w->from, w->a, b)) >= 0 || (by = marks_forbidden(w, w->to, b, w->a)) >= 0)
        return by;
    *change = repeats_change(w, b);
    if (w->spec->rules[TSUNAGU_RULE_NO_PAIR_TWICE].hard && *change > 0)
        return TSUNAGU_RULE_NO_PAIR_TWICE;
    *cost = soft_cost(w, w->a, w->to, ca) + soft_cost(w, b, w->from, cb);
    return -1;
}

/* "テーブル5" of the round in the organiser's words, with the round:
 * 「テーブル5」（2回目 各地域についての意見交換…）. */
static void say_refused(const round_swap *w, int round, int by, tsunagu_diags *diags)
{
    const tsunagu_attendee *a = &w->p->roster->items[w->a];
    const char *title = w->spec->title && *w->spec->title ? w->spec->title : w->spec->id;
    const char *label = w->rp->tables[w->to].label;
    if (by == BLOCKED_BY_TRACK)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%1$s cannot move to %2$s in round %3$d of %4$s: that group is for another profession",
                             "%1$s さんは%4$sの%3$d回目に「%2$s」へは移せません: 職種の違うグループです"),
                          a->name, label, round, title);
    else if (by >= 0)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%1$s cannot move to %2$s in round %3$d of %4$s: nobody there can take their place while the rule \"%5$s\" must hold",
                             "%1$s さんは%4$sの%3$d回目に「%2$s」へは移せません: 必ず守る決まり「%5$s」があり、そのテーブルの誰とも入れ替えられません"),
                          a->name, label, round, title, tsunagu_rule_label((tsunagu_rule_id)by));
    else
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%1$s cannot move to %2$s in round %3$d of %4$s: nobody there can take their place without breaking a rule that must hold",
                             "%1$s さんは%4$sの%3$d回目に「%2$s」へは移せません: そのテーブルの誰と入れ替えても、必ず守る決まりのどれかが守れません"),
                          a->name, label, round, title);
}

/* a and b change places; the two tables' members back in reading order. */
static void swap_seats(round_swap *w, size_t b)
{
    tsunagu_table *x = &w->rp->tables[w->from], *t = &w->rp->tables[w->to];
    for (size_t m = 0; m < x->n_members; m++)
        if (x->members[m] == w->a)
            x->members[m] = b;
    for (size_t m = 0; m < t->n_members; m++)
        if (t->members[m] == b)
            t->members[m] = w->a;
    w->rp->seat[w->a] = w->to;
    w->rp->seat[b] = w->from;
    size_t *rank = tsunagu_attendees_reading_rank(w->p->roster->items, w->p->roster->count);
    sort_indices_by_rank(x->members, x->n_members, rank);
    sort_indices_by_rank(t->members, t->n_members, rank);
    free(rank);
}

/* Find what is asked for: 0 with w laid out, or -1 after saying why. */
static int swap_init(round_swap *w, tsunagu_plan *p, const char *session, int round, const char *id,
                     const char *table, tsunagu_diags *diags)
{
    memset(w, 0, sizeof *w);
    w->p = p;
    w->s = -1;
    for (int s = 0; s < p->n_sessions; s++)
        if (strcmp(p->sessions[s].spec->id, session) == 0)
            w->s = s;
    if (w->s < 0 || round < 2 || round > p->sessions[w->s].n_later + 1) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session \"%s\" has no round %d", "セッション「%s」に %d 回目の席はありません"),
                          session, round);
        return -1;
    }
    w->r = round - 1;
    w->spec = p->sessions[w->s].spec;
    w->rp = &p->sessions[w->s].later[round - 2];
    long i = tsunagu_roster_find(p->roster, id);
    w->to = -1;
    for (int t = 0; t < w->rp->n_tables; t++)
        if (strcmp(w->rp->tables[t].id, table) == 0)
            w->to = t;
    if (i < 0 || w->to < 0 || w->rp->seat[i] < 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("no one seated with id \"%s\", or no table \"%s\", in round %d of session \"%s\"",
                             "セッション「%4$s」の %3$d 回目に、番号「%1$s」の席またはテーブル「%2$s」がありません"),
                          id, table, round, session);
        return -1;
    }
    w->a = (size_t)i;
    w->from = w->rp->seat[i];
    if (w->from == w->to) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s already sits at %s in round %d", "%s さんは %3$d 回目にすでに「%2$s」の席です"),
                          p->roster->items[i].name, w->rp->tables[w->to].label, round);
        return -1;
    }
    return 0;
}

int tsunagu_plan_move_in_round(tsunagu_plan *p, const char *session, int round, const char *id,
                               const char *table, const char **partner_out, tsunagu_diags *diags)
{
    round_swap w;
    if (swap_init(&w, p, session, round, id, table, diags) != 0)
        return -1;
    int by = seat_forbidden(&w, w.a, w.to);
    long best_change = 0;
    double best_cost = 0;
    long partner = -1;
    int first_by = by, same_by = 1;
    const tsunagu_table *tb = &w.rp->tables[w.to];
    for (size_t m = 0; by < 0 && m < tb->n_members; m++) { /* reading order: the first wins ties */
        size_t b = tb->members[m];
        long change = 0;
        double cost = 0;
        int why = swap_forbidden(&w, b, &change, &cost);
        if (why >= 0) {
            same_by &= first_by < 0 || first_by == why;
            first_by = first_by < 0 ? why : first_by;
            continue;
        }
        if (partner < 0 || change < best_change || (change == best_change && cost < best_cost - 1e-9)) {
            partner = (long)b;
            best_change = change;
            best_cost = cost;
        }
    }
    if (partner < 0) {
        say_refused(&w, round, by >= 0 || same_by ? first_by : -1, diags);
        return -1;
    }
    swap_seats(&w, (size_t)partner);
    tsunagu_session_plan *sp = &p->sessions[w.s];
    sp->repeats = rule_repeated_pairs(p, w.s, NULL); /* the bound stays: the same tables, the same sizes */
    for (int r = 0; r < sp->n_later; r++)
        if (sp->repeats > sp->repeats_bound)
            sp->later[r].status = TSUNAGU_STATUS_FEASIBLE;
    tsunagu_plan_score(p); /* later sessions count the meetings of every round */
    if (partner_out)
        *partner_out = p->roster->items[partner].id;
    return 0;
}
