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
 * no_pair_twice as "no more meetings again than before"; and no hard
 * rule's measure of the day (an afternoon's new_people, a later session's
 * no_pair_twice) may get worse.  Of the people who may swap, the one whose
 * swap leaves the fewest meetings again, then the lowest cost under the
 * soft rules (region, colleagues), then the first in reading order.  What each rule forbids is asked of the rule's
 * file (rule_region_cost, rule_colleagues, rule_in_track,
 * rule_round_meetings). */
#include "tsunagu/replan.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan_private.h"
#include "rules/rules_private.h"
#include "util/sort.h"
#include "tsunagu/rules.h"
#include "tsunagu/text.h"
#include "util/strbuf.h"
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

/* Why nobody at the table may change places with them, in the organiser's
 * words (the person, the table's label, the round, the session's title):
 * a group of another track, the one rule that forbade every one (by), or
 * several (by < 0). */
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

/* x and y (at two tables of the round) change places; the two tables'
 * members back in reading order.  Done twice, it undoes itself. */
static void exchange(round_swap *w, size_t x, size_t y)
{
    int tx = w->rp->seat[x], ty = w->rp->seat[y];
    tsunagu_table *a = &w->rp->tables[tx], *b = &w->rp->tables[ty];
    for (size_t m = 0; m < a->n_members; m++)
        if (a->members[m] == x)
            a->members[m] = y;
    for (size_t m = 0; m < b->n_members; m++)
        if (b->members[m] == y)
            b->members[m] = x;
    w->rp->seat[x] = ty;
    w->rp->seat[y] = tx;
    size_t *rank = tsunagu_attendees_reading_rank(w->p->roster->items, w->p->roster->count);
    sort_indices_by_rank(a->members, a->n_members, rank);
    sort_indices_by_rank(b->members, b->n_members, rank);
    free(rank);
}

/* ---- the sessions the move touches: this one and the later ones ---------- */

/* What each session with rounds says of itself (repeats, bound, the later
 * rounds' status), kept to put back when no swap holds. */
typedef struct {
    long repeats, bound, round1; /* round1: round 1's meetings with earlier sessions */
    tsunagu_status *status;
} rounds_state;

/* Round 1 of session e's meetings with the earlier sessions (any round):
 * the part of its bound a change earlier in the day moves. */
static long round1_repeats(tsunagu_plan *p, int e)
{
    tsunagu_session_plan *sp = &p->sessions[e];
    int k = sp->n_later;
    sp->n_later = 0; /* rule_repeated_pairs counts round 1 only */
    long r = rule_repeated_pairs(p, e, NULL);
    sp->n_later = k;
    return r;
}

static rounds_state *rounds_save(tsunagu_plan *p, int s)
{
    rounds_state *st = calloc((size_t)p->n_sessions + 1, sizeof *st);
    if (!st)
        abort();
    for (int e = s; e < p->n_sessions; e++) {
        tsunagu_session_plan *sp = &p->sessions[e];
        if (sp->n_later <= 0)
            continue;
        st[e] = (rounds_state){sp->repeats, sp->repeats_bound, e > s ? round1_repeats(p, e) : 0,
                               calloc((size_t)sp->n_later, sizeof *st[e].status)};
        if (!st[e].status)
            abort();
        for (int r = 0; r < sp->n_later; r++)
            st[e].status[r] = sp->later[r].status;
    }
    return st;
}

/* The soft no_pair_twice's warnings of the sessions from s on, said again
 * with the counts as they are now (a swap changes them; a stale count on
 * the report would mislead). */
static void rewarn(tsunagu_plan *p, int s)
{
    for (int e = s; e < p->n_sessions; e++) {
        if (p->sessions[e].n_later <= 0)
            continue;
        int kept = 0;
        for (int w = 0; w < p->n_warnings; w++) {
            if (w >= p->n_list_warnings && rule_is_repeats_warning(p->warnings[w], p->sessions[e].spec->id))
                free(p->warnings[w]);
            else
                p->warnings[kept++] = p->warnings[w];
        }
        p->n_warnings = kept;
        char *text = rule_repeats_warning(p, e, NULL);
        if (text)
            tsunagu_plan_add_warning(p, text);
        free(text);
    }
}

/* Count the sessions from s on again after a swap in s (saved: as they
 * were).  A later session's bound stays unless the meetings of its round 1
 * with the earlier sessions changed: then it is at most those, which
 * always bound it.  A round is proven no more once its session's repeats
 * are above the bound.  Scores recomputed. */
static void rounds_recount(tsunagu_plan *p, int s, const rounds_state *saved)
{
    for (int e = s; e < p->n_sessions; e++) {
        tsunagu_session_plan *sp = &p->sessions[e];
        if (sp->n_later <= 0)
            continue;
        sp->repeats = rule_repeated_pairs(p, e, NULL);
        sp->repeats_bound = saved[e].bound;
        long r1 = e > s ? round1_repeats(p, e) : saved[e].round1;
        if (r1 != saved[e].round1 && r1 < sp->repeats_bound)
            sp->repeats_bound = r1;
        long given = rule_round1_bound(p, e); /* what round 1 as it is forces */
        if (sp->repeats_bound < given)
            sp->repeats_bound = given;
        if (sp->repeats_bound > sp->repeats) /* a guard */
            sp->repeats_bound = sp->repeats;
        for (int r = 0; r < sp->n_later; r++)
            sp->later[r].status = sp->repeats > sp->repeats_bound ? TSUNAGU_STATUS_FEASIBLE : saved[e].status[r];
    }
    tsunagu_plan_score(p); /* later sessions count the meetings of every round */
    rewarn(p, s);
}

static void rounds_restore(tsunagu_plan *p, int s, rounds_state *saved)
{
    for (int e = s; e < p->n_sessions; e++) {
        tsunagu_session_plan *sp = &p->sessions[e];
        if (sp->n_later <= 0)
            continue;
        sp->repeats = saved[e].repeats;
        sp->repeats_bound = saved[e].bound;
        for (int r = 0; r < sp->n_later; r++)
            sp->later[r].status = saved[e].status[r];
    }
    tsunagu_plan_score(p);
    rewarn(p, s);
}

static void rounds_free(const tsunagu_plan *p, rounds_state *saved)
{
    for (int e = 0; e < p->n_sessions; e++)
        free(saved[e].status);
    free(saved);
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

/* A person who may change places: the swap's meetings again, its soft
 * price, their place at the table (reading order breaks ties). */
typedef struct {
    size_t who;
    long change;
    double cost;
    size_t order;
} candidate;

static int by_change_cost(const void *x, const void *y)
{
    const candidate *a = x, *b = y;
    if (a->change != b->change)
        return a->change < b->change ? -1 : 1;
    if (a->cost < b->cost - 1e-9 || a->cost > b->cost + 1e-9)
        return a->cost < b->cost ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* The people of the table asked for who may change places under the
 * round's own rules, best first: *n of them (a new array).  None: *by is
 * the rule that forbade every one (or -1 when several did). */
static candidate *candidates(const round_swap *w, int *n, int *by)
{
    const tsunagu_table *tb = &w->rp->tables[w->to];
    candidate *c = calloc(tb->n_members + 1, sizeof *c);
    if (!c)
        abort();
    *n = 0;
    *by = -1;
    bool same = true;
    for (size_t m = 0; m < tb->n_members; m++) {
        candidate k = {tb->members[m], 0, 0, m};
        int why = swap_forbidden(w, k.who, &k.change, &k.cost);
        if (why < 0) {
            c[(*n)++] = k;
            continue;
        }
        same &= *by < 0 || *by == why;
        *by = *by < 0 ? why : *by;
    }
    if (!same)
        *by = -1;
    qsort(c, (size_t)*n, sizeof *c, by_change_cost);
    return c;
}

/* The plan's scores as they are (a copy: scoring again replaces them). */
static tsunagu_score *scores_copy(const tsunagu_plan *p)
{
    tsunagu_score *c = calloc((size_t)p->n_scores + 1, sizeof *c);
    if (!c)
        abort();
    for (int i = 0; i < p->n_scores; i++)
        c[i] = (tsunagu_score){tsunagu_strdup(p->scores[i].session), tsunagu_strdup(p->scores[i].key),
                               p->scores[i].value, p->scores[i].of};
    return c;
}

/* The first measure of a hard rule that is worse now than in `was` (more
 * pairs who met, fewer tables that have someone experienced, ...), as a
 * new sentence naming it and its rule; NULL when none is. */
static char *hard_measure_worse(const tsunagu_plan *p, const tsunagu_score *was, int n_was)
{
    for (int i = 0; i < p->n_scores; i++) {
        const tsunagu_score *sc = &p->scores[i];
        const tsunagu_measure *m = tsunagu_measure_find(sc->key);
        const tsunagu_session_spec *spec = NULL;
        for (int s = 0; s < p->n_sessions && !spec; s++)
            if (strcmp(p->sessions[s].spec->id, sc->session) == 0)
                spec = p->sessions[s].spec;
        if (!m || !spec || m->rule < 0 || m->rule == TSUNAGU_RULE_STABILITY || !spec->rules[m->rule].hard)
            continue;
        for (int k = 0; k < n_was; k++) {
            if (strcmp(was[k].session, sc->session) != 0 || strcmp(was[k].key, sc->key) != 0)
                continue;
            if ((m->better < 0 && sc->value > was[k].value) || (m->better > 0 && sc->value < was[k].value)) {
                strbuf b = {0};
                strbuf_addf(&b, TR("session %s: %s %ld of %ld; the rule \"%s\" must hold",
                                   "セッション %s: %s %ld / %ld、必ず守る決まり「%s」"),
                            spec->id, tsunagu_measure_label(sc->key), sc->value, sc->of,
                            tsunagu_rule_label((tsunagu_rule_id)m->rule));
                return b.data;
            }
        }
    }
    return NULL;
}

/* The swap broke a rule that must hold later in the day (an afternoon's
 * new_people, a later session's no_pair_twice): say it. */
static void say_later_rule(const round_swap *w, int round, const char *which, tsunagu_diags *diags)
{
    const char *title = w->spec->title && *w->spec->title ? w->spec->title : w->spec->id;
    tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                      TR("%1$s cannot move to %2$s in round %3$d of %4$s: whoever there changes places with them, a rule that must hold later in the day breaks (%5$s)",
                         "%1$s さんは%4$sの%3$d回目に「%2$s」へは移せません: そのテーブルの誰と入れ替えても、あとのセッションの必ず守る決まりが守れません（%5$s）"),
                      w->p->roster->items[w->a].name, w->rp->tables[w->to].label, round, title, which);
}

int tsunagu_plan_move_in_round(tsunagu_plan *p, const char *session, int round, const char *id,
                               const char *table, const char **partner_out, tsunagu_diags *diags)
{
    round_swap w;
    if (swap_init(&w, p, session, round, id, table, diags) != 0)
        return -1;
    int by = seat_forbidden(&w, w.a, w.to), n = 0;
    candidate *c = by < 0 ? candidates(&w, &n, &by) : NULL;
    if (n == 0) {
        say_refused(&w, round, by, diags);
        free(c);
        return -1;
    }
    /* the best swap that makes no hard rule's measure worse later in the
     * day either (an afternoon's new_people, a later no_pair_twice) */
    rounds_state *saved = rounds_save(p, w.s);
    int n_was = p->n_scores;
    tsunagu_score *was = scores_copy(p);
    long partner = -1;
    char *later = NULL;
    for (int k = 0; k < n && partner < 0; k++) {
        exchange(&w, w.a, c[k].who);
        rounds_recount(p, w.s, saved);
        char *worse = hard_measure_worse(p, was, n_was);
        if (!worse) {
            partner = (long)c[k].who;
            continue;
        }
        exchange(&w, w.a, c[k].who); /* back */
        if (!later)
            later = worse;
        else
            free(worse);
    }
    if (partner < 0) {
        rounds_restore(p, w.s, saved);
        say_later_rule(&w, round, later ? later : "?", diags);
    }
    free(later);
    plan_free_scores(was, n_was);
    rounds_free(p, saved);
    free(c);
    if (partner < 0)
        return -1;
    if (partner_out)
        *partner_out = p->roster->items[partner].id;
    return 0;
}
