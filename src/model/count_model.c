/* count_model.c - the counting model shared by every kind of session.
 *
 * Variables n[k][t]: how many attendees of seating type k sit at table t.
 * Attendees of one type are interchangeable for every rule, so this model
 * has the optimum of the person-by-table model without its symmetry.
 * Rules become rows:
 *   - every member of a type seated once:      sum_t n[k][t] = |k|
 *   - table sizes:                             lo_t <= sum_k n[k][t] <= hi_t
 *   - pairs in a group at a table (colleagues, people who met earlier),
 *     counted exactly with the tangents of c(c-1)/2:  z >= j c - j(j+1)/2
 *   - an experienced member at every table; newcomers spread
 *   - exchange: both sides at every table, near the room's ratio
 *   - workgroups: distinct home regions per group.
 * The per-table rows (sizes, experienced, mix, regions) are built in
 * rule_rows.c, shared with the benchmark's naive model.
 * Identical tables are left unordered on purpose: ordering rows
 * (size, then count of the largest type) were measured to turn a 0.03 s
 * proof at 100 attendees into a 30 s search without an incumbent. */
#include "model_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/tr.h"
#include "tsunagu/text.h"

static void name2(char *buf, size_t n, const char *p, int a, int b)
{
    snprintf(buf, n, "%s_%d_%d", p, a, b);
}

/* Tables that everyone sees alike (same track, sizes, regions and costs;
 * no pin or previous seat names them) are interchangeable: relabelling them
 * maps a seating to one of equal cost.  The people of requests, each alone
 * in a type, break that tie, and GLPK would explore every relabelling (one
 * 'together' request kept a 100-person afternoon at its 30 s limit).  So
 * the i-th of them (i from 0) who may sit at a class of such tables may
 * only sit at its first i + 1: number the tables in the order these people
 * first appear at them.  Returns a new K x T array, true = not allowed
 * (caller frees), or NULL when there are no requests. */
static bool *request_symmetry_cuts(const seat_problem *sp)
{
    const int T = sp->n_tables, K = sp->n_types;
    if (sp->n_requests == 0 || T < 2)
        return NULL;
    bool *named = model_calloc((size_t)T, sizeof(bool));
    for (int k = 0; k < K; k++) {
        if (sp->types[k].pin >= 0)
            named[sp->types[k].pin] = true;
        if (sp->types[k].previous >= 0)
            named[sp->types[k].previous] = true;
    }
    int *cls = model_calloc((size_t)T, sizeof(int));
    const int C = model_table_classes(sp, named, cls);
    bool *cut = model_calloc((size_t)K * (size_t)T, sizeof(bool));
    bool *done = model_calloc((size_t)K, sizeof(bool));
    int *seen = model_calloc((size_t)C, sizeof(int)); /* per class: people so far */
    for (int q = 0; q < 2 * sp->n_requests; q++) {
        int k = q % 2 ? sp->requests[q / 2].b : sp->requests[q / 2].a;
        if (done[k] || sp->types[k].count != 1)
            continue;
        done[k] = true;
        for (int c = 0; c < C; c++) {
            bool may = false;
            for (int t = 0; t < T && !may; t++)
                may = cls[t] == c && model_allowed(sp, k, t);
            if (!may)
                continue;
            /* the tables of class c after its first seen[c] + 1 */
            int n = 0;
            for (int t = 0; t < T; t++)
                if (cls[t] == c && ++n > seen[c] + 1)
                    cut[(size_t)k * T + t] = true;
            seen[c]++;
        }
    }
    free(seen);
    free(done);
    free(cls);
    free(named);
    return cut;
}

/* ---- building ------------------------------------------------------------ */

/* The counting model of one session as built: the problem and where its
 * count columns are. */
typedef struct {
    lp_builder lp;
    int *x;             /* K x T: column of n[k][t], 0 when not allowed */
    table_heads heads;  /* per table: its count columns */
} count_model;

/* The columns n[k][t] and the rows "every member of a type seated once". */
static void count_columns(count_model *cm, const seat_problem *sp)
{
    const int T = sp->n_tables, K = sp->n_types;
    char nm[64];
    bool *cut = request_symmetry_cuts(sp);
    for (int k = 0; k < K; k++)
        for (int t = 0; t < T; t++) {
            if (!model_allowed(sp, k, t) || (cut && cut[(size_t)k * T + t]))
                continue;
            double c = model_cost(sp, k, t);
            int ub = sp->types[k].count < sp->hi[t] ? sp->types[k].count : sp->hi[t];
            name2(nm, sizeof nm, "n", k, t);
            cm->x[(size_t)k * T + t] = lp_col(&cm->lp, nm, LP_IV, 0, ub, c);
            table_heads_add(&cm->heads, t, cm->x[(size_t)k * T + t], k);
        }
    free(cut);
    for (int k = 0; k < K; k++) {
        lp_row_begin(&cm->lp);
        for (int t = 0; t < T; t++)
            if (cm->x[(size_t)k * T + t])
                lp_term(&cm->lp, cm->x[(size_t)k * T + t], 1);
        snprintf(nm, sizeof nm, "seated_%d", k);
        lp_row_end(&cm->lp, nm, LP_FX, sp->types[k].count, sp->types[k].count);
    }
}

/* Re-planning lets sizes drift within the range rather than move people;
 * a light cost (1 per person) still prefers even tables. */
static void even_size_rows(count_model *cm, const seat_problem *sp)
{
    const int T = sp->n_tables, K = sp->n_types;
    char nm[64];
    for (int t = 0; t < T; t++) {
        int people = 0, tables = 0;
        for (int k = 0; k < K; k++)
            if (sp->types[k].track == sp->table_track[t])
                people += sp->types[k].count;
        for (int u = 0; u < T; u++)
            tables += sp->table_track[u] == sp->table_track[t];
        for (int side = 0; side < 2; side++) {
            lp_row_begin(&cm->lp);
            for (int k = 0; k < K; k++)
                if (cm->x[(size_t)k * T + t])
                    lp_term(&cm->lp, cm->x[(size_t)k * T + t], 1);
            snprintf(nm, sizeof nm, side ? "big_%d" : "small_%d", t);
            lp_term(&cm->lp, lp_col(&cm->lp, nm, LP_CV, 0, -1, 1.0), side ? -1 : 1);
            snprintf(nm, sizeof nm, side ? "even_hi_%d" : "even_lo_%d", t);
            if (side)
                lp_row_end(&cm->lp, nm, LP_UP, 0, (people + tables - 1) / tables);
            else
                lp_row_end(&cm->lp, nm, LP_LO, people / tables, 0);
        }
    }
}

/* Pairs within a group at a table.  Each group visits only its own types
 * (an index from group to types), not all K of them: with thousands of
 * groups and types the full scan dominated the build. */
static void pair_rows(count_model *cm, const seat_problem *sp)
{
    const int T = sp->n_tables, K = sp->n_types;
    const tsunagu_rule *R = sp->spec->rules;
    const int *x = cm->x;
    char nm[64];
    int *gt_start = model_calloc((size_t)sp->n_groups + 1, sizeof(int));
    for (int k = 0; k < K; k++)
        for (int j = 0; j < sp->types[k].n_groups; j++)
            gt_start[sp->types[k].groups[j] + 1]++;
    for (int g = 0; g < sp->n_groups; g++)
        gt_start[g + 1] += gt_start[g];
    int *gt = model_calloc((size_t)gt_start[sp->n_groups] + 1, sizeof(int));
    int *gt_fill = model_calloc((size_t)sp->n_groups + 1, sizeof(int));
    for (int k = 0; k < K; k++) /* ascending k: rows keep the order of the full scan */
        for (int j = 0; j < sp->types[k].n_groups; j++) {
            int g = sp->types[k].groups[j];
            gt[gt_start[g] + gt_fill[g]++] = k;
        }
    free(gt_fill);
    for (int g = 0; g < sp->n_groups; g++) {
        const tsunagu_rule *rule = &R[sp->groups[g].weight_rule];
        if (!rule->hard && rule->weight <= 0)
            continue;
        const int *own = gt + gt_start[g];
        const int n_own = gt_start[g + 1] - gt_start[g];
        for (int t = 0; t < T; t++) {
            int potential = 0;
            for (int i = 0; i < n_own; i++)
                if (x[(size_t)own[i] * T + t])
                    potential += sp->types[own[i]].count;
            if (potential > sp->hi[t])
                potential = sp->hi[t];
            if (potential <= 1)
                continue;
            if (rule->hard) {
                lp_row_begin(&cm->lp);
                for (int i = 0; i < n_own; i++)
                    lp_term(&cm->lp, x[(size_t)own[i] * T + t], 1); /* 0: no column */
                name2(nm, sizeof nm, "apart", g, t);
                lp_row_end(&cm->lp, nm, LP_UP, 0, 1);
                continue;
            }
            name2(nm, sizeof nm, "pairs", g, t);
            int z = lp_col(&cm->lp, nm, LP_CV, 0, -1, rule->weight);
            for (int j = 1; j < potential; j++) {
                lp_row_begin(&cm->lp);
                for (int i = 0; i < n_own; i++)
                    lp_term(&cm->lp, x[(size_t)own[i] * T + t], j); /* 0: no column */
                lp_term(&cm->lp, z, -1);
                snprintf(nm, sizeof nm, "pairs_%d_%d_%d", g, t, j);
                lp_row_end(&cm->lp, nm, LP_UP, 0, (double)j * (j + 1) / 2);
            }
        }
    }
    free(gt);
    free(gt_start);
}

/* The organiser's requests between two people (each alone in a type). */
static void request_rows(count_model *cm, const seat_problem *sp)
{
    const int T = sp->n_tables;
    const tsunagu_rule *rq = &sp->spec->rules[TSUNAGU_RULE_REQUESTS];
    lp_builder *lp = &cm->lp;
    char nm[64];
    for (int q = 0; q < sp->n_requests; q++) {
        const seat_request *req = &sp->requests[q];
        for (int t = 0; t < T; t++) {
            int xa = cm->x[(size_t)req->a * T + t], xb = cm->x[(size_t)req->b * T + t];
            if (!xa && !xb)
                continue;
            if (req->together) {
                /* |x_a - x_b| summed over tables is 2 when they sit apart */
                if (rq->hard) {
                    lp_row_begin(lp);
                    lp_term(lp, xa, 1);
                    lp_term(lp, xb, -1);
                    name2(nm, sizeof nm, "together", q, t);
                    lp_row_end(lp, nm, LP_FX, 0, 0);
                } else if (rq->weight > 0) {
                    name2(nm, sizeof nm, "split", q, t);
                    int d = lp_col(lp, nm, LP_CV, 0, -1, rq->weight / 2);
                    for (int side = 0; side < 2; side++) {
                        lp_row_begin(lp);
                        lp_term(lp, xa, side ? -1 : 1);
                        lp_term(lp, xb, side ? 1 : -1);
                        lp_term(lp, d, -1);
                        snprintf(nm, sizeof nm, "split_%d_%d_%d", q, t, side);
                        lp_row_end(lp, nm, LP_UP, 0, 0);
                    }
                }
            } else if (xa && xb && (rq->hard || req->hard || rq->weight > 0)) {
                lp_row_begin(lp);
                lp_term(lp, xa, 1);
                lp_term(lp, xb, 1);
                if (!rq->hard && !req->hard) {
                    name2(nm, sizeof nm, "near", q, t);
                    lp_term(lp, lp_col(lp, nm, LP_BV, 0, 1, rq->weight), -1);
                }
                name2(nm, sizeof nm, "apart_req", q, t);
                lp_row_end(lp, nm, LP_UP, 0, 1);
            }
        }
    }
}

/* Build the whole counting model of sp into cm (the order of its columns
 * and rows is GLPK's order of work: keep it).  The caller disposes of cm
 * with count_model_dispose.  Cannot fail. */
static void count_model_build(count_model *cm, const seat_problem *sp)
{
    lp_init(&cm->lp, sp->spec->id);
    cm->x = model_calloc((size_t)sp->n_types * (size_t)sp->n_tables, sizeof(int));
    table_heads_init(&cm->heads, sp->n_tables);
    count_columns(cm, sp);
    model_size_rows(&cm->lp, sp, &cm->heads);
    if (sp->replan)
        even_size_rows(cm, sp);
    pair_rows(cm, sp);
    /* an experienced member, both sides mixed, regions mixed (rule_rows.c) */
    lp_set_cost(&cm->lp, 0, model_table_rule_rows(&cm->lp, sp, &cm->heads, true));
    request_rows(cm, sp);
}

static void count_model_dispose(count_model *cm)
{
    lp_dispose(&cm->lp);
    table_heads_dispose(&cm->heads);
    free(cm->x);
}

/* ---- the greedy start ---------------------------------------------------- */

typedef struct {
    double *v;        /* per column (1-based): the start, when have */
    int *counts;      /* K x T: the greedy seating's counts */
    bool have;        /* a start that holds every row and bound */
    double objective; /* its objective, when have */
} greedy_start;

/* The greedy seating as a full start vector of cm.  Cannot fail; the
 * caller frees with greedy_start_dispose. */
static void greedy_start_make(greedy_start *gs, const count_model *cm, const seat_problem *sp)
{
    const size_t KT = (size_t)sp->n_types * (size_t)sp->n_tables;
    int ncols = lp_cols(&cm->lp);
    gs->v = model_calloc((size_t)ncols + 1, sizeof(double));
    bool *is_count = model_calloc((size_t)ncols + 1, sizeof(bool));
    gs->counts = model_calloc(KT + 1, sizeof(int));
    gs->have = false;
    if (model_greedy_counts(sp, cm->x, gs->counts) == 0) {
        for (size_t q = 0; q < KT; q++)
            if (cm->x[q]) {
                is_count[cm->x[q]] = true;
                gs->v[cm->x[q]] = gs->counts[q];
            }
        gs->have = lp_complete_start(&cm->lp, is_count, gs->v) == 0;
    }
    free(is_count);
    gs->objective = lp_cost(&cm->lp, 0);
    for (int j = 1; gs->have && j <= ncols; j++)
        gs->objective += lp_cost(&cm->lp, j) * gs->v[j];
}

static void greedy_start_dispose(greedy_start *gs)
{
    free(gs->v);
    free(gs->counts);
}

/* ---- solving ------------------------------------------------------------- */

/* The re-plan's two stages.  Moves come before every other soft rule:
 * first the fewest moves the hard rules allow (half the time), then the
 * best plan with no more moves, in the same problem (a row "moves" holds
 * the first stage's count).  ro is the second stage's options: its start
 * is dropped when the greedy seating moves more people.  Returns as
 * lp_solve. */
static int solve_moves_first(count_model *cm, const seat_problem *sp, greedy_start *gs,
                             lp_run_options *ro, double time_limit, lp_result *res)
{
    const int T = sp->n_tables, K = sp->n_types;
    lp_builder *lp = &cm->lp;
    int ncol = lp_cols(lp);
    double *saved = model_calloc((size_t)ncol + 1, sizeof(double));
    for (int j = 0; j <= ncol; j++) {
        saved[j] = lp_cost(lp, j);
        lp_set_cost(lp, j, 0.0);
    }
    lp_row_begin(lp);
    for (int k = 0; k < K; k++)
        for (int t = 0; t < T; t++)
            if (cm->x[(size_t)k * T + t] && sp->types[k].previous >= 0 &&
                sp->types[k].previous != t) {
                lp_set_cost(lp, cm->x[(size_t)k * T + t], 1.0);
                lp_term(lp, cm->x[(size_t)k * T + t], 1);
            }
    double *start1 = NULL;
    if (gs->have) {
        start1 = model_calloc((size_t)ncol + 1, sizeof(double));
        memcpy(start1, gs->v, ((size_t)ncol + 1) * sizeof(double));
    }
    lp_run_options ro1 = *ro;
    ro1.start = start1;
    ro1.write_lp_path = NULL;
    ro1.time_limit = time_limit > 0 ? time_limit / 2 : 0;
    lp_result r1;
    int rc = lp_solve(lp, &ro1, &r1);
    free(start1);
    if (rc == 0 || (gs->have && r1.status != TSUNAGU_STATUS_INFEASIBLE && lp_alive(lp))) {
        double moves = rc == 0 ? lp_objective(lp) : 0;
        if (rc != 0) /* out of time: the greedy start's moves are achievable */
            for (int j = 1; j <= ncol; j++)
                moves += lp_cost(lp, j) * gs->v[j];
        moves = floor(moves + 0.5);
        lp_row_end(lp, "moves", LP_UP, 0, moves);
        if (gs->have) {
            /* the greedy start stays valid only if it moves no more */
            double greedy_moves = 0;
            for (int j = 1; j <= ncol; j++)
                greedy_moves += lp_cost(lp, j) * gs->v[j];
            if (greedy_moves > moves + 0.5) {
                gs->have = false;
                ro->start = NULL;
            }
        }
        for (int j = 0; j <= ncol; j++)
            lp_set_cost(lp, j, saved[j]);
        if (time_limit > 0)
            ro->time_limit = time_limit - r1.seconds > 0.05 ? time_limit - r1.seconds : 0.05;
        rc = 0;
    } else {
        *res = r1;
    }
    free(saved);
    if (rc == 0)
        rc = lp_solve(lp, ro, res);
    return rc;
}

/* The staged solve: no GLPK at all when sp->greedy_only, the re-plan's
 * two stages, or one run.  Returns 0 with a seating to deal (*use_start:
 * the greedy one, when GLPK ran out of time before finding its own), or
 * -1 with the failure in res. */
static int solve_staged(count_model *cm, const seat_problem *sp, const tsunagu_solve_options *opt,
                        double time_limit, greedy_start *gs, lp_result *res, bool *use_start,
                        tsunagu_diags *diags)
{
    char *lp_path = model_lp_path(opt, sp->spec->id, "");
    lp_run_options ro = {.session = sp->spec->id,
                         .start = gs->have ? gs->v : NULL,
                         .time_limit = time_limit,
                         .verbose = opt->verbose,
                         .progress = opt->progress,
                         .progress_user = opt->progress_user,
                         .write_lp_path = lp_path};
    int rc = 0;
    if (sp->greedy_only && gs->have) {
        /* No time left for GLPK (a block late in a large session): the
         * greedy seating is the plan, as when GLPK runs out of time. */
        memset(res, 0, sizeof *res);
        res->status = TSUNAGU_STATUS_NOT_SOLVED;
        res->failure = LP_TIME_LIMIT;
        res->time_limit_hit = true;
        rc = -1;
    } else if (sp->replan && !sp->stay_only && !sp->spec->rules[TSUNAGU_RULE_STABILITY].hard) {
        rc = solve_moves_first(cm, sp, gs, &ro, time_limit, res);
    } else {
        rc = lp_solve(&cm->lp, &ro, res);
    }
    if (res->glpk_error[0] && rc == 0)
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0, "%s", res->glpk_error);
    free(lp_path);
    *use_start = false;
    if (rc != 0 && gs->have && lp_alive(&cm->lp) && res->status != TSUNAGU_STATUS_INFEASIBLE) {
        /* Out of time before GLPK had a seating of its own: the greedy one
         * holds every hard rule, so it is the plan, with its gap. */
        *use_start = true;
        rc = 0;
        res->status = TSUNAGU_STATUS_FEASIBLE;
        res->objective = gs->objective;
        res->bound = res->bound_known ? res->bound : NAN; /* written as null */
        double denom = fabs(gs->objective) > 1e-9 ? fabs(gs->objective) : 1.0;
        res->gap = res->bound_known ? (gs->objective - res->bound) / denom : NAN;
        res->glpk_error[0] = '\0';
        res->failure = LP_OK;
    }
    return rc;
}

/* ---- dealing ------------------------------------------------------------- */

/* Deal each type's members to its tables, in member order, by the solved
 * counts (or the greedy ones); counts sp->moved.  Returns 0, or
 * TSUNAGU_SOLVE_FAILED with an internal error in diags when the counts do
 * not add up. */
static int deal(seat_problem *sp, const count_model *cm, const int *greedy_counts, int *seat_out,
                tsunagu_diags *diags)
{
    const int T = sp->n_tables, K = sp->n_types;
    for (int k = 0; k < K; k++) {
        int next = 0;
        for (int t = 0; t < T; t++) {
            if (!cm->x[(size_t)k * T + t])
                continue;
            int v = greedy_counts ? greedy_counts[(size_t)k * T + t]
                                  : (int)lround(lp_value(&cm->lp, cm->x[(size_t)k * T + t]));
            for (; v > 0 && next < sp->types[k].count; v--)
                seat_out[sp->types[k].members[next++]] = t;
        }
        if (sp->types[k].previous >= 0)
            for (int m = 0; m < next; m++)
                sp->moved += seat_out[sp->types[k].members[m]] != sp->types[k].previous;
        if (next != sp->types[k].count) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("internal error: the solver's counts do not add up (session %s)",
                                 "内部エラー: ソルバーの人数が合いません（セッション %s）"),
                              sp->spec->id);
            return TSUNAGU_SOLVE_FAILED;
        }
    }
    return 0;
}

/* The tables a re-plan must touch (per table, into touched): where a pin
 * takes someone and where they sat, tables outside their size range now
 * or without an experienced member or a mix side a hard rule asks for,
 * and the two with the most room.  False when nothing forces a move there
 * or every table is touched anyway. */
static bool touched_tables(const seat_problem *sp, bool *touched)
{
    const int T = sp->n_tables;
    const tsunagu_rule *R = sp->spec->rules;
    int *now = model_calloc((size_t)T, sizeof(int)), *exp = model_calloc((size_t)T, sizeof(int));
    unsigned *sides = model_calloc((size_t)T, sizeof(unsigned));
    bool any = false;
    memset(touched, 0, (size_t)T * sizeof(bool));
    for (int k = 0; k < sp->n_types; k++) {
        const seat_type *ty = &sp->types[k];
        if (ty->previous >= 0) {
            now[ty->previous] += ty->count;
            exp[ty->previous] += ty->experienced ? ty->count : 0;
            if (ty->side >= 0 && ty->side < 32)
                sides[ty->previous] |= 1u << ty->side;
        }
        if (ty->pin >= 0 && ty->previous >= 0 && ty->pin != ty->previous)
            any = touched[ty->pin] = touched[ty->previous] = true;
    }
    const unsigned all_sides = sp->n_sides >= 32 ? ~0u : (1u << sp->n_sides) - 1;
    for (int t = 0; t < T; t++) {
        bool no_exp = R[TSUNAGU_RULE_EXPERIENCED].hard && exp[t] == 0 && now[t] > 0;
        if (now[t] < sp->lo[t] || now[t] > sp->hi[t] || no_exp ||
            (R[TSUNAGU_RULE_MIX].hard && model_mixing(sp) && sides[t] != all_sides))
            any = touched[t] = true;
        /* and the table of its track with the most experienced to spare */
        int donor = -1;
        for (int u = 0; no_exp && u < T; u++)
            if (!touched[u] && sp->table_track[u] == sp->table_track[t] && exp[u] >= 2 &&
                (donor < 0 || exp[u] > exp[donor]))
                donor = u;
        if (donor >= 0)
            touched[donor] = true;
    }
    free(exp);
    free(sides);
    for (int round = 0; round < 2 && any; round++) {
        int roomy = -1;
        for (int t = 0; t < T; t++)
            if (!touched[t] && (roomy < 0 || sp->hi[t] - now[t] > sp->hi[roomy] - now[roomy]))
                roomy = t;
        if (roomy >= 0)
            touched[roomy] = true;
    }
    int n = 0;
    for (int t = 0; t < T; t++)
        n += touched[t];
    free(now);
    return any && n < T;
}

/* One of the re-plan's smaller tries: its messages reach diags only when it
 * holds (a try that fails is not the user's news).  Returns as
 * seat_problem_solve. */
static int solve_try(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                     int *seat_out, lp_result *res, tsunagu_diags *diags)
{
    tsunagu_diags *quiet = tsunagu_diags_new();
    int rc = seat_problem_solve(sp, opt, time_limit, seat_out, res, quiet);
    for (size_t k = 0; rc == 0 && k < tsunagu_diags_count(quiet); k++) {
        const tsunagu_diag *g = tsunagu_diags_get(quiet, k);
        tsunagu_diags_add(diags, g->severity, g->source, g->line, "%s", g->text ? g->text : "");
    }
    tsunagu_diags_free(quiet);
    return rc;
}

int seat_problem_solve(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                       int *seat_out, lp_result *res, tsunagu_diags *diags)
{
    if (opt->naive_model)
        return naive_problem_solve(sp, opt, time_limit, seat_out, res, diags);
    if (sp->replan && !sp->stay_only && !sp->local && !sp->spec->rules[TSUNAGU_RULE_STABILITY].hard) {
        /* Most re-plans move nobody.  Try that first: with everyone kept at
         * their table the model is small (only newcomers choose), and if it
         * has a solution, zero moves is the least possible, so it is exactly
         * the full model's second stage (moves <= 0).  A 1,500-person re-plan
         * drops from 27 s and 600 MB to well under a second.
         * When someone must move (a pin, a table out of its size range or
         * short of a hard rule), next try moving only people of the tables
         * concerned, among them, everyone else where they are: a small
         * model, an edit that feels instant; optimal only among such plans,
         * so the session says "feasible".  Then the whole re-plan below. */
        double t0 = model_now();
        sp->stay_only = true;
        int rc = solve_try(sp, opt, time_limit, seat_out, res, diags);
        sp->stay_only = false;
        bool *touched = model_calloc((size_t)sp->n_tables, sizeof(bool));
        if (rc != 0 && !opt->whole_replan && touched_tables(sp, touched)) {
            sp->local = touched;
            rc = solve_try(sp, opt, model_time_left(time_limit, t0) / 4, seat_out, res, diags);
            sp->local = NULL;
            if (rc == 0 && res->status == TSUNAGU_STATUS_OPTIMAL) {
                res->status = TSUNAGU_STATUS_FEASIBLE;
                res->bound = NAN;
                res->gap = NAN;
            }
        }
        free(touched);
        if (rc == 0)
            return 0;
        sp->moved = 0;
        time_limit = model_time_left(time_limit, t0);
    }
    count_model cm;
    count_model_build(&cm, sp);
    greedy_start gs;
    greedy_start_make(&gs, &cm, sp);
    bool use_start = false;
    int rc = solve_staged(&cm, sp, opt, time_limit, &gs, res, &use_start, diags);
    if (rc == 0)
        rc = deal(sp, &cm, use_start ? gs.counts : NULL, seat_out, diags);
    count_model_dispose(&cm);
    greedy_start_dispose(&gs);
    return rc;
}
