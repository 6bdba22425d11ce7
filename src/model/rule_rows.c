/* rule_rows.c - the per-table rule rows that the counting model (count_model.c)
 * and the benchmark's naive model (naive.c) share.
 *
 * Both models seat people with variables that count members of one seating
 * type at one table: n[k][t] (an integer, up to the type's size) in the
 * counting model, x[i][t] (0/1, one attendee) in the naive one.  A rule
 * that looks only at a table's headcount by side, experience or region is
 * the same row in both: a sum over the table's variables.  So each model
 * lists, per table, its (column, seating type) pairs in a table_heads, and
 * the rows are built here from that list.  What differs stays in the
 * models: pair counting (tangents vs pairwise products), the counting
 * model's requests, re-planning and greedy start. */
#include "model_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- per table: the columns that count its people ----------------------- */

void table_heads_init(table_heads *th, int n_tables)
{
    th->n_tables = n_tables;
    th->terms = model_calloc((size_t)n_tables, sizeof *th->terms);
    th->n_terms = model_calloc((size_t)n_tables, sizeof(int));
    th->cap = model_calloc((size_t)n_tables, sizeof(int));
}

void table_heads_add(table_heads *th, int t, int col, int type)
{
    if (th->n_terms[t] == th->cap[t]) {
        th->cap[t] = th->cap[t] ? 2 * th->cap[t] : 16;
        th->terms[t] = model_realloc(th->terms[t], (size_t)th->cap[t] * sizeof **th->terms);
    }
    th->terms[t][th->n_terms[t]++] = (table_head){col, type};
}

void table_heads_dispose(table_heads *th)
{
    for (int t = 0; th->terms && t < th->n_tables; t++)
        free(th->terms[t]);
    free(th->terms);
    free(th->n_terms);
    free(th->cap);
    memset(th, 0, sizeof *th);
}

/* Which of a table's people a row counts. */
typedef enum { ANYONE, EXPERIENCED, SIDE, REGION } who;

/* Add coef times the columns of table t whose type matches (value: the
 * side or region asked for). */
static void add_heads(lp_builder *lp, const seat_problem *sp, const table_heads *th, int t, who w,
                      int value, double coef)
{
    for (int j = 0; j < th->n_terms[t]; j++) {
        const seat_type *ty = &sp->types[th->terms[t][j].type];
        bool match = w == ANYONE        ? true
                     : w == EXPERIENCED ? ty->experienced
                     : w == SIDE        ? ty->side == value
                                        : ty->region == value;
        if (match)
            lp_term(lp, th->terms[t][j].col, coef);
    }
}

/* ---- the rows ----------------------------------------------------------- */

/* "over_3" for the first side's band at table 3 (the names of the
 * two-sided model), "over_2_3" for side 2's. */
void model_band_name(char *nm, size_t size, const char *what, int side, int t)
{
    if (side == 0)
        snprintf(nm, size, "%s_%d", what, t);
    else
        snprintf(nm, size, "%s_%d_%d", what, side, t);
}

void model_size_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th)
{
    char nm[64];
    for (int t = 0; t < sp->n_tables; t++) {
        lp_row_begin(lp);
        add_heads(lp, sp, th, t, ANYONE, 0, 1);
        snprintf(nm, sizeof nm, "size_%d", t);
        lp_row_end(lp, nm, sp->lo[t] == sp->hi[t] ? LP_FX : LP_DB, sp->lo[t], sp->hi[t]);
    }
}

/* An experienced member at every table (newcomers are spread by it: a
 * separate cap on newcomers per table made the model hard to prove). */
static void experienced_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th)
{
    const tsunagu_rule *ex = &sp->spec->rules[TSUNAGU_RULE_EXPERIENCED];
    if (!ex->hard && ex->weight <= 0)
        return;
    char nm[64];
    for (int t = 0; t < sp->n_tables; t++) {
        int experienced = 0;
        for (int k = 0; k < sp->n_types; k++)
            if (sp->types[k].track == sp->table_track[t] && sp->types[k].experienced)
                experienced += sp->types[k].count;
        if (experienced == 0)
            continue; /* nothing to ask for; warned by the caller */
        lp_row_begin(lp);
        add_heads(lp, sp, th, t, EXPERIENCED, 0, 1);
        if (!ex->hard) {
            snprintf(nm, sizeof nm, "noexp_%d", t);
            lp_term(lp, lp_col(lp, nm, LP_BV, 0, 1, ex->weight), 1);
        }
        snprintf(nm, sizeof nm, "experienced_%d", t);
        lp_row_end(lp, nm, LP_LO, 1, 0);
    }
}

/* Exchange: every side at every table, near the room's shares. */
static void mix_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th)
{
    const tsunagu_rule *mix = &sp->spec->rules[TSUNAGU_RULE_MIX];
    if (!model_mixing(sp))
        return;
    char nm[64];
    for (int t = 0; t < sp->n_tables; t++) {
        if (mix->hard) {
            for (int side = 0; side < sp->n_sides; side++) {
                lp_row_begin(lp);
                add_heads(lp, sp, th, t, SIDE, side, 1);
                snprintf(nm, sizeof nm, "mix_%d_%d", side, t);
                lp_row_end(lp, nm, LP_LO, 1, 0);
            }
        }
        if (mix->weight <= 0)
            continue;
        /* A side's members within [floor(ratio * lo), ceil(ratio * hi)]:
         * an integer band keeps the LP relaxation tight (a continuous
         * deviation from ratio * size leaves GLPK a 50 % gap at 100
         * people). */
        for (int side = 0; side < model_banded_sides(sp); side++)
            for (int end = 0; end < 2; end++) {
                lp_row_begin(lp);
                add_heads(lp, sp, th, t, SIDE, side, 1);
                model_band_name(nm, sizeof nm, end ? "over" : "under", side, t);
                lp_term(lp, lp_col(lp, nm, LP_CV, 0, -1, mix->weight), end ? -1 : 1);
                model_band_name(nm, sizeof nm, end ? "ratio_hi" : "ratio_lo", side, t);
                if (end)
                    lp_row_end(lp, nm, LP_UP, 0, model_band_hi(sp, side, t));
                else
                    lp_row_end(lp, nm, LP_LO, model_band_lo(sp, side, t), 0);
            }
    }
}

/* Workgroups: distinct home regions per group.  A binary y[r][t] per
 * region with someone allowed at t, y <= the people of r seated there; the
 * objective counts the regions missing from the best possible (so it
 * stays >= 0): the returned offset is weight x min(regions of the track,
 * hi) summed over the tables.  The offset counts the track's regions, not
 * those allowed at the table, so that restricting who may sit where (pins,
 * a re-plan's "nobody moves" stage) leaves the objective's scale alone. */
static double regions_mixed_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th,
                                 bool region_cut)
{
    const tsunagu_rule *rm = &sp->spec->rules[TSUNAGU_RULE_REGIONS_MIXED];
    if (sp->spec->kind != TSUNAGU_WORKGROUP || rm->weight <= 0)
        return 0.0;
    const int T = sp->n_tables;
    const int nr = tsunagu_regions_count(sp->regions);
    int *y = model_calloc((size_t)nr * (size_t)T, sizeof(int));
    bool *present = model_calloc((size_t)nr + 1, sizeof(bool));
    double offset = 0.0;
    char nm[64];
    for (int t = 0; t < T; t++) {
        memset(present, 0, ((size_t)nr + 1) * sizeof(bool));
        for (int j = 0; j < th->n_terms[t]; j++)
            present[sp->types[th->terms[t][j].type].region] = true;
        int in_track = 0;
        for (int r = 0; r < nr; r++) {
            bool any = false;
            for (int k = 0; k < sp->n_types && !any; k++)
                any = sp->types[k].track == sp->table_track[t] && sp->types[k].region == r;
            in_track += any;
        }
        for (int r = 0; r < nr; r++) {
            if (!present[r])
                continue;
            snprintf(nm, sizeof nm, "region_%d_%d", r, t);
            y[(size_t)r * T + t] = lp_col(lp, nm, LP_BV, 0, 1, -rm->weight);
            lp_row_begin(lp);
            add_heads(lp, sp, th, t, REGION, r, -1);
            lp_term(lp, y[(size_t)r * T + t], 1);
            snprintf(nm, sizeof nm, "has_region_%d_%d", r, t);
            lp_row_end(lp, nm, LP_UP, 0, 0);
        }
        offset += rm->weight * (in_track < sp->hi[t] ? in_track : sp->hi[t]);
    }
    /* A region with p people shows up in at most p groups: without this
     * the relaxation spreads one person over every group. */
    if (region_cut) {
        int *people = model_calloc((size_t)nr, sizeof(int));
        for (int k = 0; k < sp->n_types; k++)
            people[sp->types[k].region] += sp->types[k].count;
        for (int r = 0; r < nr; r++) {
            int groups_with = 0;
            for (int t = 0; t < T; t++)
                groups_with += y[(size_t)r * T + t] != 0;
            if (groups_with <= people[r])
                continue; /* the row could not bind */
            lp_row_begin(lp);
            for (int t = 0; t < T; t++)
                if (y[(size_t)r * T + t])
                    lp_term(lp, y[(size_t)r * T + t], 1);
            snprintf(nm, sizeof nm, "region_people_%d", r);
            lp_row_end(lp, nm, LP_UP, 0, people[r]);
        }
        free(people);
    }
    free(present);
    free(y);
    return offset;
}

double model_table_rule_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th,
                             bool region_cut)
{
    experienced_rows(lp, sp, th);
    mix_rows(lp, sp, th);
    return regions_mixed_rows(lp, sp, th, region_cut);
}
