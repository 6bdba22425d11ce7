/* walkin_rounds.c - a walk-in's tables in the later rounds of a session
 * with rounds (tsunagu add, restore, the page), nobody else moving.
 *
 * The whole route is chosen at once, not round by round: whom the walk-in
 * meets in round 3 depends on round 2's table.  A depth-first search over
 * the tables of each later round (tables^(k-1) routes: a few thousand for
 * the usual day, cut short by a budget for many rounds of many tables,
 * keeping the best found), the cheapest first, pruned by the best route so
 * far.  A route is judged, in order, by
 *   - the hard rules, never broken: a table of their track, not forbidden
 *     by a hard rule (region, colleagues: each rule's own walk-in price,
 *     rules_walkin_cost, on that round's tables), and in a room the event
 *     fixes ("tables") a free chair;
 *   - the size maximum where it is a preference (a derived table count):
 *     people above it, summed over the rounds (a warning names the table);
 *   - meetings again: people the walk-in has sat with before in this
 *     session or an earlier one (when no_pair_twice is hard these come
 *     first, and any left refuse the walk-in);
 *   - the emptier tables, then the soft rules' price of the seats. */
#include "plan/plan_private.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"
#include "util/sort.h"
#include "util/tr.h"

/* Candidate evaluations before the search keeps what it has. */
#define ROUTE_BUDGET 2000000L

/* A route's (or one seat's) cost, compared in the order of `hard_pairs`. */
typedef struct {
    long over;  /* people above a table's preferred maximum */
    long again; /* meetings again */
    long sizes; /* people already at the chosen tables */
    double soft;
} route_cost;

/* One later round's tables for the walk-in: allowed, and the parts of the
 * cost that do not depend on the other rounds. */
typedef struct {
    int n;         /* allowed tables, cheapest first */
    int *table;    /* [n] */
    route_cost *cost; /* [n] */
} round_choice;

typedef struct {
    const tsunagu_plan *p;
    const tsunagu_session_plan *sp;
    size_t i;            /* the walk-in */
    bool hard_pairs;     /* no_pair_twice is hard: meetings again first */
    int rounds;          /* later rounds */
    round_choice *choice; /* [rounds] */
    unsigned char *met;  /* [roster count + 1]: meetings with the walk-in so far */
    int *path, *best;    /* [rounds] */
    route_cost best_cost;
    bool found;
    long budget;
} route_search;

static int compare(const route_search *rs, const route_cost *a, const route_cost *b)
{
    long x[3] = {a->over, a->again, a->sizes}, y[3] = {b->over, b->again, b->sizes};
    if (rs->hard_pairs) {
        x[0] = a->again, x[1] = a->over;
        y[0] = b->again, y[1] = b->over;
    }
    for (int k = 0; k < 3; k++)
        if (x[k] != y[k])
            return x[k] < y[k] ? -1 : 1;
    return a->soft < b->soft - 1e-9 ? -1 : a->soft > b->soft + 1e-9 ? 1 : 0;
}

static route_cost add(route_cost a, const route_cost *b)
{
    a.over += b->over;
    a.again += b->again;
    a.sizes += b->sizes;
    a.soft += b->soft;
    return a;
}

/* How many at table t of later round r the walk-in has met so far. */
static long again_at(const route_search *rs, int r, int t)
{
    const tsunagu_table *tb = &rs->sp->later[r].tables[t];
    long again = 0;
    for (size_t m = 0; m < tb->n_members; m++)
        again += rs->met[tb->members[m]] > 0;
    return again;
}

static void meet(route_search *rs, int r, int t, int by)
{
    const tsunagu_table *tb = &rs->sp->later[r].tables[t];
    for (size_t m = 0; m < tb->n_members; m++)
        rs->met[tb->members[m]] = (unsigned char)(rs->met[tb->members[m]] + by);
}

typedef struct {
    const route_search *rs;
    const route_cost *cost;
} order_ctx;

static int by_cost(size_t a, size_t b, const void *ctx)
{
    const order_ctx *o = ctx;
    return compare(o->rs, &o->cost[a], &o->cost[b]);
}

static void dfs(route_search *rs, int r, route_cost so_far)
{
    if (r == rs->rounds) {
        if (!rs->found || compare(rs, &so_far, &rs->best_cost) < 0) {
            rs->found = true;
            rs->best_cost = so_far;
            memcpy(rs->best, rs->path, (size_t)rs->rounds * sizeof *rs->path);
        }
        return;
    }
    const round_choice *rc = &rs->choice[r];
    /* this round's tables, the fewest meetings again first (stable: then
     * the order of the round's own costs) */
    route_cost *next = calloc((size_t)rc->n + 1, sizeof *next);
    size_t *order = calloc((size_t)rc->n + 1, sizeof *order);
    if (!next || !order)
        abort();
    for (int k = 0; k < rc->n; k++) {
        route_cost c = rc->cost[k];
        c.again = again_at(rs, r, rc->table[k]);
        next[k] = add(so_far, &c);
        order[k] = (size_t)k;
        rs->budget--;
    }
    const order_ctx ctx = {rs, next};
    sort_indices(order, (size_t)rc->n, by_cost, &ctx);
    for (int k = 0; k < rc->n; k++) {
        const route_cost *c = &next[order[k]];
        if (rs->found && (compare(rs, c, &rs->best_cost) >= 0 || rs->budget < 0))
            break; /* every cost part only grows along a route */
        int t = rc->table[order[k]];
        rs->path[r] = t;
        meet(rs, r, t, +1);
        dfs(rs, r + 1, *c);
        meet(rs, r, t, -1);
    }
    free(next);
    free(order);
}

/* Later round r's tables that take attendee i, with their costs; false
 * when none does. */
static bool round_tables(const tsunagu_plan *p, int s, int r, size_t i, round_choice *rc)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    const tsunagu_session_spec *spec = sp->spec;
    const tsunagu_attendee *a = &p->roster->items[i];
    /* the rules price a seat from session s's tables: a view whose session s is round r */
    tsunagu_plan view = *p;
    tsunagu_session_plan *sessions = calloc((size_t)p->n_sessions + 1, sizeof *sessions);
    rc->table = calloc((size_t)sp->later[r].n_tables + 1, sizeof *rc->table);
    rc->cost = calloc((size_t)sp->later[r].n_tables + 1, sizeof *rc->cost);
    if (!sessions || !rc->table || !rc->cost)
        abort();
    memcpy(sessions, p->sessions, (size_t)p->n_sessions * sizeof *sessions);
    sessions[s] = sp->later[r];
    sessions[s].spec = spec;
    view.sessions = sessions;
    double least = 0;
    for (int t = 0; t < sp->later[r].n_tables; t++) {
        const tsunagu_table *tb = &sp->later[r].tables[t];
        long here = (long)tb->n_members;
        if (spec->kind == TSUNAGU_WORKGROUP && !rule_in_track(spec, tb->track, a->profession))
            continue;
        if (spec->tables > 0 && here >= spec->max_size) /* the room's chairs */
            continue;
        int by;
        double c = rules_walkin_cost(&view, s, i, t, &by);
        if (by >= 0)
            continue;
        least = rc->n == 0 || c < least ? c : least;
        rc->table[rc->n] = t;
        rc->cost[rc->n++] = (route_cost){here >= spec->max_size ? here + 1 - spec->max_size : 0, 0, here, c};
    }
    for (int k = 0; k < rc->n; k++) /* a round adds one seat: never below 0, for the pruning */
        rc->cost[k].soft -= least;
    free(sessions);
    return rc->n > 0;
}

/* What the walk-in has met before the later rounds of session s: round 1
 * (at table `first`) and every round of an earlier session (their seats
 * there already chosen: seat[i] of each round holds them). */
static void met_so_far(const tsunagu_plan *p, int s, size_t i, int first, unsigned char *met)
{
    const size_t count = p->roster->count;
    for (int e = 0; e < s; e++)
        for (int r = 0; r <= p->sessions[e].n_later; r++) {
            const tsunagu_session_plan *rp = r == 0 ? &p->sessions[e] : &p->sessions[e].later[r - 1];
            for (size_t j = 0; rp->seat && rp->seat[i] >= 0 && j < count; j++)
                met[j] |= rp->seat[j] == rp->seat[i]; /* an earlier session: one meeting */
        }
    const tsunagu_session_plan *sp = &p->sessions[s];
    for (size_t j = 0; j < count; j++)
        met[j] = (unsigned char)(met[j] + (sp->seat[j] >= 0 && sp->seat[j] == first));
}

/* Say what the route costs: tables above their size, meetings again. */
static void say_route(const route_search *rs, int s, tsunagu_diags *diags)
{
    const tsunagu_plan *p = rs->p;
    const tsunagu_session_spec *spec = rs->sp->spec;
    const tsunagu_attendee *a = &p->roster->items[rs->i];
    for (int r = 0; r < rs->rounds; r++) {
        const tsunagu_table *tb = &rs->sp->later[r].tables[rs->best[r]];
        if ((int)tb->n_members >= spec->max_size)
            tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0,
                              TR("no table of round %d of session %s that takes %s was below its preferred size: %s now seats %d in that round, more than %d",
                                 "セッション %2$s の %1$d 回目は %3$s さんが座れるテーブルがすべて希望の人数に達していたため、%4$s はこの回 %5$d 人になります（希望の最大は %6$d 人）"),
                              r + 2, spec->id, a->name, tb->label, (int)tb->n_members + 1, spec->max_size);
    }
    if (rs->best_cost.again > 0)
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0,
                          rs->budget >= 0
                              ? TR("%s meets people they have already sat with %ld times over the rounds of session %s: every route through its tables does",
                                   "%1$s さんはセッション %3$s の席替えで %2$ld 回、すでに同席した人と再び同席します（どの順路でも避けられません）")
                              : TR("%s meets people they have already sat with %ld times over the rounds of session %s: the fewest of the routes tried",
                                   "%1$s さんはセッション %3$s の席替えで %2$ld 回、すでに同席した人と再び同席します（試した順路のうちで最少）"),
                          a->name, rs->best_cost.again, spec->id);
}

int plan_walkin_route(const tsunagu_plan *p, int s, size_t i, int first, int *route, tsunagu_diags *diags)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    route_search rs = {.p = p, .sp = sp, .i = i, .rounds = sp->n_later, .budget = ROUTE_BUDGET};
    rs.hard_pairs = sp->spec->rules[TSUNAGU_RULE_NO_PAIR_TWICE].hard;
    rs.choice = calloc((size_t)rs.rounds + 1, sizeof *rs.choice);
    rs.met = calloc(p->roster->count + 1, 1);
    rs.path = calloc((size_t)rs.rounds + 1, sizeof *rs.path);
    rs.best = calloc((size_t)rs.rounds + 1, sizeof *rs.best);
    if (!rs.choice || !rs.met || !rs.path || !rs.best)
        abort();
    int rc = 0, empty = -1;
    for (int r = 0; r < rs.rounds; r++)
        if (!round_tables(p, s, r, i, &rs.choice[r]) && empty < 0)
            empty = r;
    if (empty >= 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("no table of round %d of session %s has a seat for %s that the hard rules allow (their track, a hard region or colleagues rule, the room's chairs): re-plan with the new list instead (tsunagu solve --previous)",
                             "セッション %2$s の %1$d 回目には、%3$s さんが必須ルール（職種のトラック、必須の地域・同僚の規則、部屋の席数）を守って座れるテーブルがありません: 新しい名簿で再計画してください（tsunagu solve --previous）"),
                          empty + 2, sp->spec->id, p->roster->items[i].name);
        rc = -1;
    } else {
        met_so_far(p, s, i, first, rs.met);
        dfs(&rs, 0, (route_cost){0, 0, 0, 0});
        if (rs.hard_pairs && rs.best_cost.again > 0) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              rs.budget >= 0
                                  ? TR("every route of %s through the rounds of session %s meets someone again, and nobody may meet anyone twice there (no_pair_twice is hard): re-plan with the new list instead (tsunagu solve --previous), or make the rule soft",
                                       "%s さんはセッション %s の席替えでどの順路でも、すでに同席した人と再び同席します。そこでは同じ人と二度同席しないことが必須です（no_pair_twice）: 新しい名簿で再計画するか（tsunagu solve --previous）、このルールを努力目標にしてください")
                                  : TR("every route tried for %s through the rounds of session %s meets someone again (too many routes to try them all), and nobody may meet anyone twice there (no_pair_twice is hard): re-plan with the new list instead (tsunagu solve --previous), or make the rule soft",
                                       "%s さんはセッション %s の席替えで、試したどの順路でも（順路が多すぎてすべては試せません）すでに同席した人と再び同席します。そこでは同じ人と二度同席しないことが必須です（no_pair_twice）: 新しい名簿で再計画するか（tsunagu solve --previous）、このルールを努力目標にしてください"),
                              p->roster->items[i].name, sp->spec->id);
            rc = PLAN_ROUTE_MEETS_AGAIN;
        } else {
            memcpy(route, rs.best, (size_t)rs.rounds * sizeof *route);
            say_route(&rs, s, diags);
        }
    }
    for (int r = 0; r < rs.rounds; r++) {
        free(rs.choice[r].table);
        free(rs.choice[r].cost);
    }
    free(rs.choice);
    free(rs.met);
    free(rs.path);
    free(rs.best);
    return rc;
}
