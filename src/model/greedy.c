/* greedy.c - a seating made without the solver, for the counting model
 * (count_model.c): its first incumbent, and the plan when GLPK has no time. */
#include "model_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- a greedy start ------------------------------------------------------
 * GLPK's own heuristics find no seating at all for some models of a few
 * hundred people within a minute; a plain greedy one always exists.  It is
 * handed to glp_intopt as its first incumbent and, should GLPK find nothing
 * better before the time limit, it is the plan (with its gap). */

typedef struct {
    const seat_problem *sp;
    const int *x;   /* column of n[k][t], 0 when not allowed */
    int *n;         /* K x T counts being built */
    int *size;      /* per table */
    int *side;      /* n_sides x T: members of each side per table */
    int *exp;       /* per table */
    int *in_group;  /* n_groups x T */
    int *in_region; /* n_regions x T */
    int nr;
    int *newcomers;     /* per table: members not experienced */
    int *newcomers_max; /* per table: the experienced rule's cap, ceil(N / T) of its track */
} greedy_state;

/* The experienced rule's newcomer cap (src/rules/experienced.c) at every
 * table: ceil(N / T) of its track's N newcomers at its T tables. */
static void newcomer_tops(greedy_state *g)
{
    const seat_problem *sp = g->sp;
    const int T = sp->n_tables;
    for (int t = 0; t < T; t++) {
        int people = 0, tables = 0;
        for (int k = 0; k < sp->n_types; k++)
            if (sp->types[k].track == sp->table_track[t] && !sp->types[k].experienced)
                people += sp->types[k].count;
        for (int u = 0; u < T; u++)
            tables += sp->table_track[u] == sp->table_track[t];
        g->newcomers_max[t] = (people + tables - 1) / tables;
    }
}

/* How many of the mix rule's bands one more member of `side` at table t
 * breaks: her own side's top, or the room left for the other sides'
 * minimums. */
static int off_band(const greedy_state *g, int side, int t)
{
    const seat_problem *sp = g->sp;
    const int T = sp->n_tables;
    int broken = 0, need = 0;
    for (int c = 0; c < model_banded_sides(sp); c++) {
        int have = g->side[(size_t)c * T + t];
        if (c == side)
            broken += have + 1 > model_band_hi(sp, c, t);
        else if (have < model_band_lo(sp, c, t))
            need += model_band_lo(sp, c, t) - have;
    }
    return broken + (sp->hi[t] - g->size[t] - 1 < need);
}

static double marginal(const greedy_state *g, int k, int t)
{
    const seat_problem *sp = g->sp;
    const int T = sp->n_tables;
    const tsunagu_rule *R = sp->spec->rules;
    const seat_type *ty = &sp->types[k];
    double c = model_cost(sp, k, t);
    if (ty->previous >= 0 && ty->previous != t)
        c += R[TSUNAGU_RULE_STABILITY].weight;
    for (int j = 0; j < ty->n_groups; j++) {
        const tsunagu_rule *rule = &R[sp->groups[ty->groups[j]].weight_rule];
        int already = g->in_group[(size_t)ty->groups[j] * T + t];
        c += rule->hard && already ? 1e6 : rule->weight * already;
    }
    if (sp->spec->kind == TSUNAGU_EXCHANGE && R[TSUNAGU_RULE_MIX].weight > 0)
        c += R[TSUNAGU_RULE_MIX].weight * off_band(g, ty->side, t);
    if (!ty->experienced && g->newcomers[t] + 1 > g->newcomers_max[t])
        c += R[TSUNAGU_RULE_EXPERIENCED].weight / 20;
    if (sp->spec->kind == TSUNAGU_WORKGROUP && g->in_region[(size_t)ty->region * T + t] == 0)
        c -= R[TSUNAGU_RULE_REGIONS_MIXED].weight;
    return c;
}

static void place(greedy_state *g, int k, int t, int *left)
{
    const seat_problem *sp = g->sp;
    const int T = sp->n_tables;
    const seat_type *ty = &sp->types[k];
    g->n[(size_t)k * T + t]++;
    g->size[t]++;
    if (ty->side >= 0 && ty->side < sp->n_sides)
        g->side[(size_t)ty->side * T + t]++;
    g->exp[t] += ty->experienced;
    g->newcomers[t] += !ty->experienced;
    for (int j = 0; j < ty->n_groups; j++)
        g->in_group[(size_t)ty->groups[j] * T + t]++;
    g->in_region[(size_t)ty->region * T + t]++;
    left[k]--;
}

/* Best table for one more member of type k, among tables with room; with
 * `below_lo` only tables still under their minimum.  -1 when none. */
static int best_table(const greedy_state *g, int k, bool below_lo)
{
    const seat_problem *sp = g->sp;
    int best = -1;
    double best_c = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        if (!g->x[(size_t)k * sp->n_tables + t] || g->size[t] >= sp->hi[t])
            continue;
        if (below_lo && g->size[t] >= sp->lo[t])
            continue;
        double c = marginal(g, k, t);
        if (best < 0 || c < best_c) {
            best = t;
            best_c = c;
        }
    }
    return best;
}

/* Seed one member at every table that lacks one: an experienced member
 * (side < 0) or a member of the mix rule's side `side`. */
static void seed(greedy_state *g, int *left, int side)
{
    const seat_problem *sp = g->sp;
    const int T = sp->n_tables, K = sp->n_types;
    for (int t = 0; t < T; t++) {
        int have = side < 0 ? g->exp[t] : g->side[(size_t)side * T + t];
        if (have > 0 || g->size[t] >= sp->hi[t])
            continue;
        int best = -1;
        double best_c = 0;
        for (int k = 0; k < K; k++) {
            const seat_type *ty = &sp->types[k];
            bool fits = side < 0 ? ty->experienced : ty->side == side;
            if (!fits || left[k] <= 0 || !g->x[(size_t)k * T + t])
                continue;
            double c = marginal(g, k, t);
            if (best < 0 || c < best_c) {
                best = k;
                best_c = c;
            }
        }
        if (best >= 0)
            place(g, best, t, left);
    }
}

/* Fill n (K x T) with a greedy seating.  Returns 0 when everyone has a
 * seat within the table sizes, -1 otherwise. */
int model_greedy_counts(const seat_problem *sp, const int *x, int *n)
{
    const int T = sp->n_tables, K = sp->n_types;
    const tsunagu_rule *R = sp->spec->rules;
    greedy_state g = {.sp = sp, .x = x, .n = n, .nr = tsunagu_regions_count(sp->regions)};
    g.size = model_calloc((size_t)T, sizeof(int));
    g.side = model_calloc((size_t)sp->n_sides * (size_t)T + 1, sizeof(int));
    g.exp = model_calloc((size_t)T, sizeof(int));
    g.in_group = model_calloc((size_t)sp->n_groups * (size_t)T + 1, sizeof(int));
    g.in_region = model_calloc((size_t)g.nr * (size_t)T + 1, sizeof(int));
    g.newcomers = model_calloc((size_t)T + 1, sizeof(int));
    g.newcomers_max = model_calloc((size_t)T + 1, sizeof(int));
    newcomer_tops(&g);
    int *left = model_calloc((size_t)K, sizeof(int));
    for (int k = 0; k < K; k++)
        left[k] = sp->types[k].count;
    memset(n, 0, (size_t)K * (size_t)T * sizeof(int));

    /* Pinned people first, then the members every table needs. */
    for (int k = 0; k < K; k++)
        while (sp->types[k].pin >= 0 && left[k] > 0 && x[(size_t)k * T + sp->types[k].pin])
            place(&g, k, sp->types[k].pin, left);
    for (int k = 0; k < K; k++) {
        int t = sp->types[k].previous;
        while (t >= 0 && left[k] > 0 && x[(size_t)k * T + t] && g.size[t] < sp->hi[t])
            place(&g, k, t, left);
    }
    if (R[TSUNAGU_RULE_EXPERIENCED].hard || R[TSUNAGU_RULE_EXPERIENCED].weight > 0)
        seed(&g, left, -1);
    if (sp->spec->kind == TSUNAGU_EXCHANGE && R[TSUNAGU_RULE_MIX].hard) {
        for (int side = 0; side < sp->n_sides; side++)
            seed(&g, left, side);
    }
    /* Everyone else, the most constrained types first; tables below their
     * minimum take priority once the people left only just fill them. */
    int *order = model_calloc((size_t)K, sizeof(int));
    int *options = model_calloc((size_t)K, sizeof(int));
    for (int k = 0; k < K; k++) {
        order[k] = k;
        for (int t = 0; t < T; t++)
            options[k] += x[(size_t)k * T + t] != 0;
    }
    for (int i = 1; i < K; i++) /* insertion sort: stable, K is modest */
        for (int j = i; j > 0 && options[order[j]] < options[order[j - 1]]; j--) {
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    int *deficit = model_calloc((size_t)T + 1, sizeof(int)); /* per track */
    int *remaining = model_calloc((size_t)T + 1, sizeof(int));
    int rc = 0;
    for (int i = 0; i < K && rc == 0; i++) {
        int k = order[i];
        while (left[k] > 0) {
            int track = sp->types[k].track;
            int d = 0, rem = 0;
            for (int t = 0; t < T; t++)
                if (sp->table_track[t] == track && g.size[t] < sp->lo[t])
                    d += sp->lo[t] - g.size[t];
            for (int q = 0; q < K; q++)
                if (sp->types[q].track == track)
                    rem += left[q];
            int t = best_table(&g, k, rem <= d);
            if (t < 0)
                t = best_table(&g, k, false);
            if (t < 0) {
                rc = -1;
                break;
            }
            place(&g, k, t, left);
        }
    }
    for (int t = 0; t < T && rc == 0; t++)
        if (g.size[t] < sp->lo[t])
            rc = -1;
    free(deficit);
    free(remaining);
    free(order);
    free(options);
    free(left);
    free(g.size);
    free(g.side);
    free(g.exp);
    free(g.in_group);
    free(g.in_region);
    free(g.newcomers);
    free(g.newcomers_max);
    return rc;
}
