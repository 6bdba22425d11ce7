/* naive.c - the straightforward model, for the benchmark only.
 *
 * What a competent analyst writes first: one binary x[i][t] per attendee
 * and table, and every pair of people who should not share a table
 * (colleagues, people who met at an earlier table) as a linearised product
 *     y[i][j][t] >= x[i][t] + x[j][t] - 1.
 * It reads the same seat_problem as the counting model (same tables, same
 * costs, same rules and weights) and builds the same per-table rows
 * (sizes, experienced, mix, regions mixed: rule_rows.c), so both models have
 * the same optimum and their objectives can be compared directly.  What
 * it lacks is what the counting model buys: attendees are not grouped into
 * interchangeable types (every permutation of them is a separate solution
 * for GLPK), pair counts are not tangent cuts, there is no region-people
 * cut and no greedy start.  It knows no re-planning (moves first) and no
 * together/apart requests: the benchmark's lists have neither.  Selected
 * with tsunagu_solve_options.naive_model (`tsunagu solve --naive-model`). */
#include "model_private.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/tr.h"

static bool type_in_group(const seat_type *ty, int g)
{
    for (int j = 0; j < ty->n_groups; j++)
        if (ty->groups[j] == g)
            return true;
    return false;
}

/* Pairs of a group at one table: a product per pair and table (hard: at
 * most one of the group per table).  x is the P x T columns x[p][t]. */
static void pair_rows(lp_builder *lp, const seat_problem *sp, const int *x, const int *type_of, int P)
{
    const int T = sp->n_tables;
    const tsunagu_rule *R = sp->spec->rules;
    char nm[80];
    int *in = model_calloc((size_t)P, sizeof(int));
    for (int g = 0; g < sp->n_groups; g++) {
        const tsunagu_rule *rule = &R[sp->groups[g].weight_rule];
        if (!rule->hard && rule->weight <= 0)
            continue;
        int n = 0;
        for (int p = 0; p < P; p++)
            if (type_in_group(&sp->types[type_of[p]], g))
                in[n++] = p;
        for (int t = 0; t < T; t++) {
            if (rule->hard) {
                lp_row_begin(lp);
                for (int a = 0; a < n; a++)
                    if (x[(size_t)in[a] * T + t])
                        lp_term(lp, x[(size_t)in[a] * T + t], 1);
                snprintf(nm, sizeof nm, "apart_%d_%d", g, t);
                lp_row_end(lp, nm, LP_UP, 0, 1);
                continue;
            }
            for (int a = 0; a < n; a++)
                for (int b = a + 1; b < n; b++) {
                    int xa = x[(size_t)in[a] * T + t], xb = x[(size_t)in[b] * T + t];
                    if (!xa || !xb)
                        continue;
                    snprintf(nm, sizeof nm, "y_%d_%d_%d", in[a], in[b], t);
                    int y = lp_col(lp, nm, LP_CV, 0, 1, rule->weight);
                    lp_row_begin(lp);
                    lp_term(lp, xa, 1);
                    lp_term(lp, xb, 1);
                    lp_term(lp, y, -1);
                    snprintf(nm, sizeof nm, "pair_%d_%d_%d", in[a], in[b], t);
                    lp_row_end(lp, nm, LP_UP, 0, 1);
                }
        }
    }
    free(in);
}

int naive_problem_solve(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                        int *seat_out, lp_result *res, tsunagu_diags *diags)
{
    const int T = sp->n_tables, K = sp->n_types;
    char nm[80];

    /* The people, in type order; type_of[p] and roster index who[p]. */
    int P = 0;
    for (int k = 0; k < K; k++)
        P += sp->types[k].count;
    int *type_of = model_calloc((size_t)P, sizeof(int));
    size_t *who = model_calloc((size_t)P, sizeof(size_t));
    for (int k = 0, p = 0; k < K; k++)
        for (int m = 0; m < sp->types[k].count; m++, p++) {
            type_of[p] = k;
            who[p] = sp->types[k].members[m];
        }

    lp_builder lp;
    lp_init(&lp, sp->spec->id);
    int *x = model_calloc((size_t)P * (size_t)T, sizeof(int));
    table_heads heads;
    table_heads_init(&heads, T);

    /* x[p][t] */
    for (int p = 0; p < P; p++) {
        for (int t = 0; t < T; t++) {
            if (!model_allowed(sp, type_of[p], t))
                continue;
            double c = model_cost(sp, type_of[p], t);
            snprintf(nm, sizeof nm, "x_%d_%d", p, t);
            x[(size_t)p * T + t] = lp_col(&lp, nm, LP_BV, 0, 1, c);
            table_heads_add(&heads, t, x[(size_t)p * T + t], type_of[p]);
        }
    }
    /* everyone at exactly one table */
    for (int p = 0; p < P; p++) {
        lp_row_begin(&lp);
        for (int t = 0; t < T; t++)
            if (x[(size_t)p * T + t])
                lp_term(&lp, x[(size_t)p * T + t], 1);
        snprintf(nm, sizeof nm, "seated_%d", p);
        lp_row_end(&lp, nm, LP_FX, 1, 1);
    }
    model_size_rows(&lp, sp, &heads);
    pair_rows(&lp, sp, x, type_of, P);
    /* an experienced member, both sides mixed, regions mixed: the counting
     * model's rows over one binary per person (rule_rows.c), without its
     * region-people cut */
    lp_set_cost(&lp, 0, model_table_rule_rows(&lp, sp, &heads, false));

    char *lp_path = model_lp_path(opt, sp->spec->id, "-naive");
    lp_run_options ro = {.session = sp->spec->id,
                         .time_limit = time_limit,
                         .verbose = opt->verbose,
                         .progress = opt->progress,
                         .progress_user = opt->progress_user,
                         .write_lp_path = lp_path};
    int rc = lp_solve(&lp, &ro, res);
    free(lp_path);
    if (res->glpk_error[0] && rc == 0)
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0, "%s", res->glpk_error);
    if (rc == 0) {
        for (int p = 0; p < P; p++) {
            int at = -1;
            for (int t = 0; t < T; t++)
                if (x[(size_t)p * T + t] && lp_value(&lp, x[(size_t)p * T + t]) > 0.5)
                    at = t;
            if (at < 0) {
                tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                                  TR("internal error: the solver left someone without a seat (session %s)",
                                     "内部エラー: ソルバーが席のない人を残しました（セッション %s）"),
                                  sp->spec->id);
                rc = -1;
                break;
            }
            seat_out[who[p]] = at;
        }
    }
    lp_dispose(&lp);
    table_heads_dispose(&heads);
    free(x);
    free(type_of);
    free(who);
    return rc;
}
