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
 * rules.c, shared with the benchmark's naive model.
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

int seat_problem_solve(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                       int *seat_out, lp_result *res, tsunagu_diags *diags)
{
    if (opt->naive_model)
        return naive_problem_solve(sp, opt, time_limit, seat_out, res, diags);
    if (sp->replan && !sp->stay_only && !sp->spec->rules[TSUNAGU_RULE_STABILITY].hard) {
        /* Most re-plans move nobody.  Try that first: with everyone kept at
         * their table the model is small (only newcomers choose), and if it
         * has a solution, zero moves is the least possible, so it is exactly
         * the full model's second stage (moves <= 0).  A 1,500-person re-plan
         * drops from 27 s and 600 MB to well under a second. */
        double t0 = model_now();
        sp->stay_only = true;
        int rc = seat_problem_solve(sp, opt, time_limit, seat_out, res, diags);
        sp->stay_only = false;
        if (rc == 0)
            return 0;
        if (time_limit > 0)
            time_limit = time_limit - (model_now() - t0) > 0.05 ? time_limit - (model_now() - t0) : 0.05;
    }
    const int T = sp->n_tables, K = sp->n_types;
    const tsunagu_rule *R = sp->spec->rules;
    char nm[64];
    lp_builder lp;
    lp_init(&lp, sp->spec->id);
    int *x = model_calloc((size_t)K * (size_t)T, sizeof(int));
    table_heads heads;
    table_heads_init(&heads, T);

    /* n[k][t] */
    bool *cut = request_symmetry_cuts(sp);
    for (int k = 0; k < K; k++)
        for (int t = 0; t < T; t++) {
            if (!model_allowed(sp, k, t) || (cut && cut[(size_t)k * T + t]))
                continue;
            double c = model_cost(sp, k, t);
            int ub = sp->types[k].count < sp->hi[t] ? sp->types[k].count : sp->hi[t];
            name2(nm, sizeof nm, "n", k, t);
            x[(size_t)k * T + t] = lp_col(&lp, nm, GLP_IV, 0, ub, c);
            table_heads_add(&heads, t, x[(size_t)k * T + t], k);
        }
    free(cut);
    /* every member of a type seated once */
    for (int k = 0; k < K; k++) {
        lp_row_begin(&lp);
        for (int t = 0; t < T; t++)
            if (x[(size_t)k * T + t])
                lp_term(&lp, x[(size_t)k * T + t], 1);
        snprintf(nm, sizeof nm, "seated_%d", k);
        lp_row_end(&lp, nm, GLP_FX, sp->types[k].count, sp->types[k].count);
    }
    model_size_rows(&lp, sp, &heads);
    /* re-planning lets sizes drift within the range rather than move
     * people; a light cost (1 per person) still prefers even tables */
    if (sp->replan) {
        for (int t = 0; t < T; t++) {
            int people = 0, tables = 0;
            for (int k = 0; k < K; k++)
                if (sp->types[k].track == sp->table_track[t])
                    people += sp->types[k].count;
            for (int u = 0; u < T; u++)
                tables += sp->table_track[u] == sp->table_track[t];
            for (int side = 0; side < 2; side++) {
                lp_row_begin(&lp);
                for (int k = 0; k < K; k++)
                    if (x[(size_t)k * T + t])
                        lp_term(&lp, x[(size_t)k * T + t], 1);
                snprintf(nm, sizeof nm, side ? "big_%d" : "small_%d", t);
                lp_term(&lp, lp_col(&lp, nm, GLP_CV, 0, -1, 1.0), side ? -1 : 1);
                snprintf(nm, sizeof nm, side ? "even_hi_%d" : "even_lo_%d", t);
                if (side)
                    lp_row_end(&lp, nm, GLP_UP, 0, (people + tables - 1) / tables);
                else
                    lp_row_end(&lp, nm, GLP_LO, people / tables, 0);
            }
        }
    }
    /* pairs within a group at a table.  Each group visits only its own
     * types (an index from group to types), not all K of them: with
     * thousands of groups and types the full scan dominated the build. */
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
                lp_row_begin(&lp);
                for (int i = 0; i < n_own; i++)
                    lp_term(&lp, x[(size_t)own[i] * T + t], 1); /* 0: no column */
                name2(nm, sizeof nm, "apart", g, t);
                lp_row_end(&lp, nm, GLP_UP, 0, 1);
                continue;
            }
            name2(nm, sizeof nm, "pairs", g, t);
            int z = lp_col(&lp, nm, GLP_CV, 0, -1, rule->weight);
            for (int j = 1; j < potential; j++) {
                lp_row_begin(&lp);
                for (int i = 0; i < n_own; i++)
                    lp_term(&lp, x[(size_t)own[i] * T + t], j); /* 0: no column */
                lp_term(&lp, z, -1);
                snprintf(nm, sizeof nm, "pairs_%d_%d_%d", g, t, j);
                lp_row_end(&lp, nm, GLP_UP, 0, (double)j * (j + 1) / 2);
            }
        }
    }
    free(gt);
    free(gt_start);
    /* an experienced member, both sides mixed, regions mixed (rules.c) */
    lp_set_cost(&lp, 0, model_table_rule_rows(&lp, sp, &heads, true));
    /* organiser's requests between two people (each alone in a type) */
    const tsunagu_rule *rq = &R[TSUNAGU_RULE_REQUESTS];
    for (int q = 0; q < sp->n_requests; q++) {
        const seat_request *req = &sp->requests[q];
        for (int t = 0; t < T; t++) {
            int xa = x[(size_t)req->a * T + t], xb = x[(size_t)req->b * T + t];
            if (!xa && !xb)
                continue;
            if (req->together) {
                /* |x_a - x_b| summed over tables is 2 when they sit apart */
                if (rq->hard) {
                    lp_row_begin(&lp);
                    lp_term(&lp, xa, 1);
                    lp_term(&lp, xb, -1);
                    name2(nm, sizeof nm, "together", q, t);
                    lp_row_end(&lp, nm, GLP_FX, 0, 0);
                } else if (rq->weight > 0) {
                    name2(nm, sizeof nm, "split", q, t);
                    int d = lp_col(&lp, nm, GLP_CV, 0, -1, rq->weight / 2);
                    for (int side = 0; side < 2; side++) {
                        lp_row_begin(&lp);
                        lp_term(&lp, xa, side ? -1 : 1);
                        lp_term(&lp, xb, side ? 1 : -1);
                        lp_term(&lp, d, -1);
                        snprintf(nm, sizeof nm, "split_%d_%d_%d", q, t, side);
                        lp_row_end(&lp, nm, GLP_UP, 0, 0);
                    }
                }
            } else if (xa && xb && (rq->hard || rq->weight > 0)) {
                lp_row_begin(&lp);
                lp_term(&lp, xa, 1);
                lp_term(&lp, xb, 1);
                if (!rq->hard) {
                    name2(nm, sizeof nm, "near", q, t);
                    lp_term(&lp, lp_col(&lp, nm, GLP_BV, 0, 1, rq->weight), -1);
                }
                name2(nm, sizeof nm, "apart_req", q, t);
                lp_row_end(&lp, nm, GLP_UP, 0, 1);
            }
        }
    }

    char *lp_path = model_lp_path(opt, sp->spec->id, "");
    /* greedy start */
    int ncols = lp_cols(&lp);
    double *start = model_calloc((size_t)ncols + 1, sizeof(double));
    bool *is_count = model_calloc((size_t)ncols + 1, sizeof(bool));
    int *counts = model_calloc((size_t)K * (size_t)T + 1, sizeof(int));
    bool have_start = false;
    if (model_greedy_counts(sp, x, counts) == 0) {
        for (size_t q = 0; q < (size_t)K * T; q++)
            if (x[q]) {
                is_count[x[q]] = true;
                start[x[q]] = counts[q];
            }
        have_start = lp_complete_start(&lp, is_count, start) == 0;
    }
    double start_obj = lp_cost(&lp, 0);
    for (int j = 1; have_start && j <= ncols; j++)
        start_obj += lp_cost(&lp, j) * start[j];

    lp_run_options ro = {.session = sp->spec->id,
                         .start = have_start ? start : NULL,
                         .time_limit = time_limit,
                         .verbose = opt->verbose,
                         .progress = opt->progress,
                         .progress_user = opt->progress_user,
                         .write_lp_path = lp_path};
    int rc = 0;
    if (sp->greedy_only && have_start) {
        /* No time left for GLPK (a block late in a large session): the
         * greedy seating is the plan, as when GLPK runs out of time. */
        memset(res, 0, sizeof *res);
        res->status = TSUNAGU_STATUS_NOT_SOLVED;
        res->failure = LP_TIME_LIMIT;
        res->time_limit_hit = true;
        rc = -1;
    } else if (sp->replan && !sp->stay_only && !R[TSUNAGU_RULE_STABILITY].hard) {
        /* Moves come before every other soft rule: first the fewest moves
         * the hard rules allow, then the best plan with no more moves. */
        int ncol = lp_cols(&lp);
        double *saved = model_calloc((size_t)ncol + 1, sizeof(double));
        for (int j = 0; j <= ncol; j++) {
            saved[j] = lp_cost(&lp, j);
            lp_set_cost(&lp, j, 0.0);
        }
        lp_row_begin(&lp);
        for (int k = 0; k < K; k++)
            for (int t = 0; t < T; t++)
                if (x[(size_t)k * T + t] && sp->types[k].previous >= 0 &&
                    sp->types[k].previous != t) {
                    lp_set_cost(&lp, x[(size_t)k * T + t], 1.0);
                    lp_term(&lp, x[(size_t)k * T + t], 1);
                }
        double *start1 = NULL;
        if (have_start) {
            start1 = model_calloc((size_t)ncol + 1, sizeof(double));
            memcpy(start1, start, ((size_t)ncol + 1) * sizeof(double));
        }
        lp_run_options ro1 = ro;
        ro1.start = start1;
        ro1.write_lp_path = NULL;
        ro1.time_limit = time_limit > 0 ? time_limit / 2 : 0;
        lp_result r1;
        rc = lp_solve(&lp, &ro1, &r1);
        free(start1);
        if (rc == 0 || (have_start && r1.status != TSUNAGU_STATUS_INFEASIBLE && lp_alive(&lp))) {
            double moves = rc == 0 ? lp_objective(&lp) : 0;
            if (rc != 0) /* out of time: the greedy start's moves are achievable */
                for (int j = 1; j <= ncol; j++)
                    moves += lp_cost(&lp, j) * start[j];
            moves = floor(moves + 0.5);
            lp_row_end(&lp, "moves", GLP_UP, 0, moves);
            if (have_start) {
                /* the greedy start stays valid only if it moves no more */
                double greedy_moves = 0;
                for (int j = 1; j <= ncol; j++)
                    greedy_moves += lp_cost(&lp, j) * start[j];
                if (greedy_moves > moves + 0.5) {
                    have_start = false;
                    ro.start = NULL;
                }
            }
            for (int j = 0; j <= ncol; j++)
                lp_set_cost(&lp, j, saved[j]);
            if (time_limit > 0)
                ro.time_limit = time_limit - r1.seconds > 0.05 ? time_limit - r1.seconds : 0.05;
            rc = 0;
        } else {
            *res = r1;
        }
        free(saved);
        if (rc == 0)
            rc = lp_solve(&lp, &ro, res);
    } else {
        rc = lp_solve(&lp, &ro, res);
    }
    if (res->glpk_error[0] && rc == 0)
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0, "%s", res->glpk_error);
    free(lp_path);
    bool use_start = false;
    if (rc != 0 && have_start && lp_alive(&lp) && res->status != TSUNAGU_STATUS_INFEASIBLE) {
        /* Out of time before GLPK had a seating of its own: the greedy one
         * holds every hard rule, so it is the plan, with its gap. */
        use_start = true;
        rc = 0;
        res->status = TSUNAGU_STATUS_FEASIBLE;
        res->objective = start_obj;
        res->bound = res->bound_known ? res->bound : NAN; /* written as null */
        double denom = fabs(start_obj) > 1e-9 ? fabs(start_obj) : 1.0;
        res->gap = res->bound_known ? (start_obj - res->bound) / denom : NAN;
        res->glpk_error[0] = '\0';
        res->failure = LP_OK;
    }
    if (rc == 0) {
        /* deal each type's members to its tables, in member order */
        for (int k = 0; k < K; k++) {
            int next = 0;
            for (int t = 0; t < T; t++) {
                if (!x[(size_t)k * T + t])
                    continue;
                int v = use_start ? counts[(size_t)k * T + t]
                                  : (int)lround(lp_value(&lp, x[(size_t)k * T + t]));
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
                rc = TSUNAGU_SOLVE_FAILED;
                break;
            }
        }
    }
    lp_dispose(&lp);
    table_heads_dispose(&heads);
    free(x);
    free(start);
    free(is_count);
    free(counts);
    return rc;
}

