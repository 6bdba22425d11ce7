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
 * Identical tables are left unordered on purpose: ordering rows
 * (size, then count of the largest type) were measured to turn a 0.03 s
 * proof at 100 attendees into a 30 s search without an incumbent. */
#include "model_private.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tsunagu/lang.h"
#include "tsunagu/text.h"

/* ---- building the problem ---------------------------------------------- */

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        abort();
    return p;
}

void seat_problem_tables(seat_problem *sp, int n)
{
    sp->n_tables = n;
    sp->lo = xcalloc((size_t)n, sizeof(int));
    sp->hi = xcalloc((size_t)n, sizeof(int));
    sp->table_track = xcalloc((size_t)n, sizeof(int));
    sp->table_regions = xcalloc((size_t)n, sizeof(int *));
    sp->n_table_regions = xcalloc((size_t)n, sizeof(int));
    sp->table_ids = xcalloc((size_t)n, sizeof(char *));
    sp->table_labels = xcalloc((size_t)n, sizeof(char *));
}

void seat_problem_dispose(seat_problem *sp)
{
    for (int k = 0; k < sp->n_types; k++) {
        free(sp->types[k].members);
        free(sp->types[k].groups);
    }
    free(sp->types);
    for (int g = 0; g < sp->n_groups; g++)
        free(sp->groups[g].name);
    free(sp->groups);
    for (int t = 0; t < sp->n_tables; t++) {
        free(sp->table_regions[t]);
        free(sp->table_ids[t]);
        free(sp->table_labels[t]);
    }
    free(sp->lo);
    free(sp->hi);
    free(sp->table_track);
    free(sp->table_regions);
    free(sp->n_table_regions);
    free(sp->table_ids);
    free(sp->table_labels);
    free(sp->cost);
    for (int k = 0; k < sp->n_types; k++)
        free(sp->keys[k]);
    free(sp->keys);
    memset(sp, 0, sizeof *sp);
}

static unsigned hash_str(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

int seat_problem_add(seat_problem *sp, size_t i, const char *key, const seat_type *proto)
{
    unsigned h = hash_str(key);
    int k;
    for (k = 0; k < sp->n_types; k++)
        if (sp->types[k].key_hash == h && strcmp(sp->keys[k], key) == 0)
            break;
    if (k == sp->n_types) {
        if (sp->n_types == sp->cap_types) {
            sp->cap_types = sp->cap_types ? sp->cap_types * 2 : 64;
            sp->types = xrealloc(sp->types, (size_t)sp->cap_types * sizeof *sp->types);
            sp->keys = xrealloc(sp->keys, (size_t)sp->cap_types * sizeof *sp->keys);
        }
        seat_type *t = &sp->types[k];
        *t = *proto;
        t->members = NULL;
        t->count = 0;
        t->key_hash = h;
        t->groups = NULL;
        if (proto->n_groups) {
            t->groups = xcalloc((size_t)proto->n_groups, sizeof(int));
            memcpy(t->groups, proto->groups, (size_t)proto->n_groups * sizeof(int));
        }
        sp->keys[k] = tsunagu_strdup(key);
        sp->n_types++;
    }
    seat_type *t = &sp->types[k];
    t->members = xrealloc(t->members, (size_t)(t->count + 1) * sizeof(size_t));
    t->members[t->count++] = i;
    return k;
}

int seat_problem_group(seat_problem *sp, int rule, const char *name)
{
    sp->groups = xrealloc(sp->groups, (size_t)(sp->n_groups + 1) * sizeof *sp->groups);
    pair_group *g = &sp->groups[sp->n_groups];
    g->weight_rule = rule;
    g->size = 0;
    g->name = tsunagu_strdup(name);
    return sp->n_groups++;
}

/* ---- the model ----------------------------------------------------------- */

static bool allowed(const seat_problem *sp, int k, int t)
{
    const seat_type *ty = &sp->types[k];
    if (ty->track != sp->table_track[t])
        return false;
    if (sp->cost && sp->cost[(size_t)k * sp->n_tables + t] < 0)
        return false; /* a hard rule forbids it */
    return ty->pin < 0 || ty->pin == t;
}

static void name2(char *buf, size_t n, const char *p, int a, int b)
{
    snprintf(buf, n, "%s_%d_%d", p, a, b);
}

static void ensure_dir(const char *dir)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return; /* reported when the model file cannot be written */
}

int seat_problem_solve(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                       int *seat_out, lp_result *res, tsunagu_diags *diags)
{
    const int T = sp->n_tables, K = sp->n_types;
    const tsunagu_rule *R = sp->spec->rules;
    char nm[64];
    lp_builder lp;
    lp_init(&lp, sp->spec->id);
    int *x = xcalloc((size_t)K * (size_t)T, sizeof(int));
    double offset = 0.0;

    /* n[k][t] */
    for (int k = 0; k < K; k++)
        for (int t = 0; t < T; t++) {
            if (!allowed(sp, k, t))
                continue;
            double c = sp->cost ? sp->cost[(size_t)k * T + t] : 0.0;
            if (sp->types[k].previous >= 0 && sp->types[k].previous != t)
                c += R[TSUNAGU_RULE_STABILITY].weight;
            int ub = sp->types[k].count < sp->hi[t] ? sp->types[k].count : sp->hi[t];
            name2(nm, sizeof nm, "n", k, t);
            x[(size_t)k * T + t] = lp_col(&lp, nm, GLP_IV, 0, ub, c);
        }
    /* every member of a type seated once */
    for (int k = 0; k < K; k++) {
        lp_row_begin(&lp);
        for (int t = 0; t < T; t++)
            if (x[(size_t)k * T + t])
                lp_term(&lp, x[(size_t)k * T + t], 1);
        snprintf(nm, sizeof nm, "seated_%d", k);
        lp_row_end(&lp, nm, GLP_FX, sp->types[k].count, sp->types[k].count);
    }
    /* table sizes */
    for (int t = 0; t < T; t++) {
        lp_row_begin(&lp);
        for (int k = 0; k < K; k++)
            if (x[(size_t)k * T + t])
                lp_term(&lp, x[(size_t)k * T + t], 1);
        snprintf(nm, sizeof nm, "size_%d", t);
        lp_row_end(&lp, nm, sp->lo[t] == sp->hi[t] ? GLP_FX : GLP_DB, sp->lo[t], sp->hi[t]);
    }
    /* pairs within a group at a table */
    for (int g = 0; g < sp->n_groups; g++) {
        const tsunagu_rule *rule = &R[sp->groups[g].weight_rule];
        if (!rule->hard && rule->weight <= 0)
            continue;
        for (int t = 0; t < T; t++) {
            int potential = 0;
            for (int k = 0; k < K; k++) {
                if (!x[(size_t)k * T + t])
                    continue;
                for (int j = 0; j < sp->types[k].n_groups; j++)
                    if (sp->types[k].groups[j] == g)
                        potential += sp->types[k].count;
            }
            if (potential > sp->hi[t])
                potential = sp->hi[t];
            if (potential <= 1)
                continue;
            if (rule->hard) {
                lp_row_begin(&lp);
                for (int k = 0; k < K; k++)
                    for (int j = 0; j < sp->types[k].n_groups && x[(size_t)k * T + t]; j++)
                        if (sp->types[k].groups[j] == g)
                            lp_term(&lp, x[(size_t)k * T + t], 1);
                name2(nm, sizeof nm, "apart", g, t);
                lp_row_end(&lp, nm, GLP_UP, 0, 1);
                continue;
            }
            name2(nm, sizeof nm, "pairs", g, t);
            int z = lp_col(&lp, nm, GLP_CV, 0, -1, rule->weight);
            for (int j = 1; j < potential; j++) {
                lp_row_begin(&lp);
                for (int k = 0; k < K; k++)
                    for (int m = 0; m < sp->types[k].n_groups && x[(size_t)k * T + t]; m++)
                        if (sp->types[k].groups[m] == g)
                            lp_term(&lp, x[(size_t)k * T + t], j);
                lp_term(&lp, z, -1);
                snprintf(nm, sizeof nm, "pairs_%d_%d_%d", g, t, j);
                lp_row_end(&lp, nm, GLP_UP, 0, (double)j * (j + 1) / 2);
            }
        }
    }
    /* an experienced member at every table (newcomers are spread by it: a
     * separate cap on newcomers per table made the model hard to prove) */
    const tsunagu_rule *ex = &R[TSUNAGU_RULE_EXPERIENCED];
    if (ex->hard || ex->weight > 0) {
        for (int t = 0; t < T; t++) {
            int experienced = 0;
            for (int k = 0; k < K; k++)
                if (sp->types[k].track == sp->table_track[t] && sp->types[k].experienced)
                    experienced += sp->types[k].count;
            if (experienced == 0)
                continue; /* nothing to ask for; warned by the caller */
            lp_row_begin(&lp);
            for (int k = 0; k < K; k++)
                if (x[(size_t)k * T + t] && sp->types[k].experienced)
                    lp_term(&lp, x[(size_t)k * T + t], 1);
            if (!ex->hard) {
                snprintf(nm, sizeof nm, "noexp_%d", t);
                lp_term(&lp, lp_col(&lp, nm, GLP_BV, 0, 1, ex->weight), 1);
            }
            snprintf(nm, sizeof nm, "experienced_%d", t);
            lp_row_end(&lp, nm, GLP_LO, 1, 0);
        }
    }
    /* exchange: both sides at every table, near the room's ratio */
    const tsunagu_rule *mix = &R[TSUNAGU_RULE_MIX];
    if (sp->spec->kind == TSUNAGU_EXCHANGE && sp->msw_ratio > 0 && sp->msw_ratio < 1) {
        for (int t = 0; t < T; t++) {
            if (mix->hard) {
                for (int side = 0; side < 2; side++) {
                    lp_row_begin(&lp);
                    for (int k = 0; k < K; k++)
                        if (x[(size_t)k * T + t] && sp->types[k].msw == (side == 0))
                            lp_term(&lp, x[(size_t)k * T + t], 1);
                    name2(nm, sizeof nm, "mix", side, t);
                    lp_row_end(&lp, nm, GLP_LO, 1, 0);
                }
            }
            if (mix->weight > 0) {
                /* MSWs within [floor(ratio * lo), ceil(ratio * hi)]: an integer
                 * band keeps the LP relaxation tight (a continuous deviation
                 * from ratio * size leaves GLPK a 50 % gap at 100 people). */
                int band_lo = (int)floor(sp->msw_ratio * sp->lo[t] + 1e-9);
                int band_hi = (int)ceil(sp->msw_ratio * sp->hi[t] - 1e-9);
                for (int side = 0; side < 2; side++) {
                    lp_row_begin(&lp);
                    for (int k = 0; k < K; k++)
                        if (x[(size_t)k * T + t] && sp->types[k].msw)
                            lp_term(&lp, x[(size_t)k * T + t], 1);
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
    /* workgroups: distinct home regions per group (objective counts the
     * regions missing from the best possible, so it stays >= 0) */
    const tsunagu_rule *rm = &R[TSUNAGU_RULE_REGIONS_MIXED];
    if (sp->spec->kind == TSUNAGU_WORKGROUP && rm->weight > 0) {
        int nr = tsunagu_regions_count(sp->regions);
        int *y = xcalloc((size_t)nr * (size_t)T, sizeof(int));
        int *people = xcalloc((size_t)nr, sizeof(int));
        for (int k = 0; k < K; k++)
            people[sp->types[k].region] += sp->types[k].count;
        for (int t = 0; t < T; t++) {
            int present = 0;
            for (int r = 0; r < nr; r++) {
                bool any = false;
                for (int k = 0; k < K && !any; k++)
                    any = x[(size_t)k * T + t] && sp->types[k].region == r;
                if (!any)
                    continue;
                present++;
                name2(nm, sizeof nm, "region", r, t);
                int col = lp_col(&lp, nm, GLP_BV, 0, 1, -rm->weight);
                y[(size_t)r * T + t] = col;
                lp_row_begin(&lp);
                for (int k = 0; k < K; k++)
                    if (x[(size_t)k * T + t] && sp->types[k].region == r)
                        lp_term(&lp, x[(size_t)k * T + t], -1);
                lp_term(&lp, col, 1);
                name2(nm, sizeof nm, "has_region", r, t);
                lp_row_end(&lp, nm, GLP_UP, 0, 0);
            }
            offset += rm->weight * (present < sp->hi[t] ? present : sp->hi[t]);
        }
        /* A region with p people shows up in at most p groups: without this
         * the relaxation spreads one person over every group. */
        for (int r = 0; r < nr; r++) {
            int groups_with = 0;
            lp_row_begin(&lp);
            for (int t = 0; t < T; t++)
                if (y[(size_t)r * T + t]) {
                    lp_term(&lp, y[(size_t)r * T + t], 1);
                    groups_with++;
                }
            snprintf(nm, sizeof nm, "region_people_%d", r);
            if (groups_with > people[r])
                lp_row_end(&lp, nm, GLP_UP, 0, people[r]);
            else
                lp_row_begin(&lp);
        }
        free(y);
        free(people);
    }
    glp_set_obj_coef(lp.P, 0, offset);
    char *lp_path = NULL;
    if (opt->write_model_dir) {
        ensure_dir(opt->write_model_dir);
        size_t n = strlen(opt->write_model_dir) + strlen(sp->spec->id) + 8;
        lp_path = xcalloc(n, 1);
        snprintf(lp_path, n, "%s/%s.lp", opt->write_model_dir, sp->spec->id);
    }
    lp_run_options ro = {.session = sp->spec->id,
                         .time_limit = time_limit,
                         .verbose = opt->verbose,
                         .progress = opt->progress,
                         .progress_user = opt->progress_user,
                         .write_lp_path = lp_path};
    int rc = lp_solve(&lp, &ro, res);
    if (res->glpk_error[0] && rc == 0)
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0, "%s", res->glpk_error);
    free(lp_path);
    if (rc == 0) {
        /* deal each type's members to its tables, in member order */
        for (int k = 0; k < K; k++) {
            int next = 0;
            for (int t = 0; t < T; t++) {
                if (!x[(size_t)k * T + t])
                    continue;
                int v = (int)lround(glp_mip_col_val(lp.P, x[(size_t)k * T + t]));
                for (; v > 0 && next < sp->types[k].count; v--)
                    seat_out[sp->types[k].members[next++]] = t;
            }
            if (next != sp->types[k].count) {
                tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                                  TR("internal error: the solver's counts do not add up (session %s)",
                                     "内部エラー: ソルバーの人数が合いません（セッション %s）"),
                                  sp->spec->id);
                rc = -1;
                break;
            }
        }
    }
    lp_dispose(&lp);
    free(x);
    return rc;
}

int model_table_count(int n, int min, int max, bool *exact)
{
    if (n <= 0) {
        *exact = true;
        return 0;
    }
    int lo = (n + max - 1) / max, hi = n / min;
    if (lo <= hi) {
        *exact = true;
        double mid = (min + max) / 2.0;
        int best = lo;
        for (int t = lo; t <= hi; t++)
            if (fabs((double)n / t - mid) < fabs((double)n / best - mid) - 1e-9)
                best = t;
        return best;
    }
    /* No count fits: take the split that strays least from the range,
     * preferring more, smaller tables on a tie (9 people in 5-8 -> 5 + 4). */
    *exact = false;
    int best = 1, best_off = -1;
    for (int t = 1; t <= n; t++) {
        int big = (n + t - 1) / t, small = n / t;
        int off = (big > max ? big - max : 0) + (small < min ? min - small : 0);
        if (best_off < 0 || off <= best_off) {
            best = t;
            best_off = off;
        }
    }
    return best;
}
