/* naive.c - the straightforward model, for the benchmark only.
 *
 * What a competent analyst writes first: one binary x[i][t] per attendee
 * and table, and every pair of people who should not share a table
 * (colleagues, people who met at an earlier table) as a linearised product
 *     y[i][j][t] >= x[i][t] + x[j][t] - 1.
 * It reads the same seat_problem as the counting model (same tables, same
 * costs, same rules and weights), so both models have the same optimum and
 * their objectives can be compared directly.  What it lacks is what the
 * counting model buys: attendees are not grouped into interchangeable
 * types (every permutation of them is a separate solution for GLPK), pair
 * counts are not tangent cuts, and there is no greedy start.  It knows no
 * re-planning (moves first) and no together/apart requests: the benchmark's
 * lists have neither.  Selected with
 * tsunagu_solve_options.naive_model (`tsunagu solve --naive-model`). */
#include "model_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tsunagu/lang.h"

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

/* Same test as the counting model's: track, hard region rule, pins. */
static bool naive_allowed(const seat_problem *sp, int k, int t)
{
    const seat_type *ty = &sp->types[k];
    if (ty->track != sp->table_track[t])
        return false;
    if (sp->cost && sp->cost[(size_t)k * sp->n_tables + t] < 0)
        return false;
    if (ty->pin >= 0)
        return ty->pin == t;
    if (ty->previous >= 0 && sp->spec->rules[TSUNAGU_RULE_STABILITY].hard)
        return ty->previous == t;
    return true;
}

static bool type_in_group(const seat_type *ty, int g)
{
    for (int j = 0; j < ty->n_groups; j++)
        if (ty->groups[j] == g)
            return true;
    return false;
}

int naive_problem_solve(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                        int *seat_out, lp_result *res, tsunagu_diags *diags)
{
    const int T = sp->n_tables, K = sp->n_types;
    const tsunagu_rule *R = sp->spec->rules;
    char nm[80];

    /* The people, in type order; type_of[p] and roster index who[p]. */
    int P = 0;
    for (int k = 0; k < K; k++)
        P += sp->types[k].count;
    int *type_of = xcalloc((size_t)P, sizeof(int));
    size_t *who = xcalloc((size_t)P, sizeof(size_t));
    for (int k = 0, p = 0; k < K; k++)
        for (int m = 0; m < sp->types[k].count; m++, p++) {
            type_of[p] = k;
            who[p] = sp->types[k].members[m];
        }

    lp_builder lp;
    lp_init(&lp, sp->spec->id);
    int *x = xcalloc((size_t)P * (size_t)T, sizeof(int));
    double offset = 0.0;

    /* x[p][t] */
    for (int p = 0; p < P; p++) {
        for (int t = 0; t < T; t++) {
            if (!naive_allowed(sp, type_of[p], t))
                continue;
            double c = sp->cost ? sp->cost[(size_t)type_of[p] * T + t] : 0.0;
            snprintf(nm, sizeof nm, "x_%d_%d", p, t);
            x[(size_t)p * T + t] = lp_col(&lp, nm, GLP_BV, 0, 1, c);
        }
    }
    /* everyone at exactly one table */
    for (int p = 0; p < P; p++) {
        lp_row_begin(&lp);
        for (int t = 0; t < T; t++)
            if (x[(size_t)p * T + t])
                lp_term(&lp, x[(size_t)p * T + t], 1);
        snprintf(nm, sizeof nm, "seated_%d", p);
        lp_row_end(&lp, nm, GLP_FX, 1, 1);
    }
    /* table sizes */
    for (int t = 0; t < T; t++) {
        lp_row_begin(&lp);
        for (int p = 0; p < P; p++)
            if (x[(size_t)p * T + t])
                lp_term(&lp, x[(size_t)p * T + t], 1);
        snprintf(nm, sizeof nm, "size_%d", t);
        lp_row_end(&lp, nm, sp->lo[t] == sp->hi[t] ? GLP_FX : GLP_DB, sp->lo[t], sp->hi[t]);
    }
    /* pairs of a group at one table: a product per pair and table */
    int *in = xcalloc((size_t)P, sizeof(int));
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
                lp_row_begin(&lp);
                for (int a = 0; a < n; a++)
                    if (x[(size_t)in[a] * T + t])
                        lp_term(&lp, x[(size_t)in[a] * T + t], 1);
                snprintf(nm, sizeof nm, "apart_%d_%d", g, t);
                lp_row_end(&lp, nm, GLP_UP, 0, 1);
                continue;
            }
            for (int a = 0; a < n; a++)
                for (int b = a + 1; b < n; b++) {
                    int xa = x[(size_t)in[a] * T + t], xb = x[(size_t)in[b] * T + t];
                    if (!xa || !xb)
                        continue;
                    snprintf(nm, sizeof nm, "y_%d_%d_%d", in[a], in[b], t);
                    int y = lp_col(&lp, nm, GLP_CV, 0, 1, rule->weight);
                    lp_row_begin(&lp);
                    lp_term(&lp, xa, 1);
                    lp_term(&lp, xb, 1);
                    lp_term(&lp, y, -1);
                    snprintf(nm, sizeof nm, "pair_%d_%d_%d", in[a], in[b], t);
                    lp_row_end(&lp, nm, GLP_UP, 0, 1);
                }
        }
    }
    free(in);
    /* an experienced member at every table */
    const tsunagu_rule *ex = &R[TSUNAGU_RULE_EXPERIENCED];
    if (ex->hard || ex->weight > 0) {
        for (int t = 0; t < T; t++) {
            int experienced = 0;
            for (int k = 0; k < K; k++)
                if (sp->types[k].track == sp->table_track[t] && sp->types[k].experienced)
                    experienced += sp->types[k].count;
            if (experienced == 0)
                continue;
            lp_row_begin(&lp);
            for (int p = 0; p < P; p++)
                if (x[(size_t)p * T + t] && sp->types[type_of[p]].experienced)
                    lp_term(&lp, x[(size_t)p * T + t], 1);
            if (!ex->hard) {
                snprintf(nm, sizeof nm, "noexp_%d", t);
                lp_term(&lp, lp_col(&lp, nm, GLP_BV, 0, 1, ex->weight), 1);
            }
            snprintf(nm, sizeof nm, "experienced_%d", t);
            lp_row_end(&lp, nm, GLP_LO, 1, 0);
        }
    }
    /* exchange: both sides, MSWs within the same integer band */
    const tsunagu_rule *mix = &R[TSUNAGU_RULE_MIX];
    if (sp->spec->kind == TSUNAGU_EXCHANGE && sp->msw_ratio > 0 && sp->msw_ratio < 1) {
        for (int t = 0; t < T; t++) {
            if (mix->hard)
                for (int side = 0; side < 2; side++) {
                    lp_row_begin(&lp);
                    for (int p = 0; p < P; p++)
                        if (x[(size_t)p * T + t] && sp->types[type_of[p]].msw == (side == 0))
                            lp_term(&lp, x[(size_t)p * T + t], 1);
                    snprintf(nm, sizeof nm, "mix_%d_%d", side, t);
                    lp_row_end(&lp, nm, GLP_LO, 1, 0);
                }
            if (mix->weight > 0) {
                int band_lo = (int)floor(sp->msw_ratio * sp->lo[t] + 1e-9);
                int band_hi = (int)ceil(sp->msw_ratio * sp->hi[t] - 1e-9);
                for (int side = 0; side < 2; side++) {
                    lp_row_begin(&lp);
                    for (int p = 0; p < P; p++)
                        if (x[(size_t)p * T + t] && sp->types[type_of[p]].msw)
                            lp_term(&lp, x[(size_t)p * T + t], 1);
                    snprintf(nm, sizeof nm, side ? "over_%d" : "under_%d", t);
                    lp_term(&lp, lp_col(&lp, nm, GLP_CV, 0, -1, mix->weight), side ? -1 : 1);
                    snprintf(nm, sizeof nm, side ? "ratio_hi_%d" : "ratio_lo_%d", t);
                    if (side)
                        lp_row_end(&lp, nm, GLP_UP, 0, band_hi);
                    else
                        lp_row_end(&lp, nm, GLP_LO, band_lo, 0);
                }
            }
        }
    }
    /* workgroups: distinct home regions per group, the same objective
     * (regions missing from the best possible) as the counting model */
    const tsunagu_rule *rm = &R[TSUNAGU_RULE_REGIONS_MIXED];
    if (sp->spec->kind == TSUNAGU_WORKGROUP && rm->weight > 0) {
        int nr = tsunagu_regions_count(sp->regions);
        for (int t = 0; t < T; t++) {
            int present = 0;
            for (int r = 0; r < nr; r++) {
                bool any = false;
                for (int p = 0; p < P && !any; p++)
                    any = x[(size_t)p * T + t] && sp->types[type_of[p]].region == r;
                if (!any)
                    continue;
                present++;
                snprintf(nm, sizeof nm, "region_%d_%d", r, t);
                int col = lp_col(&lp, nm, GLP_BV, 0, 1, -rm->weight);
                lp_row_begin(&lp);
                for (int p = 0; p < P; p++)
                    if (x[(size_t)p * T + t] && sp->types[type_of[p]].region == r)
                        lp_term(&lp, x[(size_t)p * T + t], -1);
                lp_term(&lp, col, 1);
                snprintf(nm, sizeof nm, "has_region_%d_%d", r, t);
                lp_row_end(&lp, nm, GLP_UP, 0, 0);
            }
            offset += rm->weight * (present < sp->hi[t] ? present : sp->hi[t]);
        }
    }
    glp_set_obj_coef(lp.P, 0, offset);

    char *lp_path = NULL;
    if (opt->write_model_dir) {
        size_t n = strlen(opt->write_model_dir) + strlen(sp->spec->id) + 16;
        lp_path = xcalloc(n, 1);
        mkdir(opt->write_model_dir, 0777); /* a failure shows when the file is written */
        snprintf(lp_path, n, "%s/%s-naive.lp", opt->write_model_dir, sp->spec->id);
    }
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
                if (x[(size_t)p * T + t] && glp_mip_col_val(lp.P, x[(size_t)p * T + t]) > 0.5)
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
    free(x);
    free(type_of);
    free(who);
    return rc;
}
