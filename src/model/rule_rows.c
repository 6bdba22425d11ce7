/* rule_rows.c - the table-headcount rows that the counting model
 * (count_model.c) and the benchmark's naive model (naive.c) share: table
 * sizes, and the rules' own rows (rules/rule_rows.h) built over them.
 *
 * Both models seat people with variables that count members of one seating
 * type at one table: n[k][t] (an integer, up to the type's size) in the
 * counting model, x[i][t] (0/1, one attendee) in the naive one.  A rule
 * that looks only at a table's headcount by side, experience or region is
 * the same row in both: a sum over the table's variables.  So each model
 * lists, per table, its (column, seating type) pairs in a table_heads, and
 * the rows are built from that list: the size rows here, each rule's in
 * its own file (src/rules/) through the builder made here.  What differs
 * stays in the models: pair counting (tangents vs pairwise products), the
 * counting model's requests, re-planning and greedy start. */
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

/* Add coef times the columns of table t whose type (who, value) counts. */
static void add_heads(lp_builder *lp, const seat_problem *sp, const table_heads *th, int t,
                      heads_who who, int value, double coef)
{
    for (int j = 0; j < th->n_terms[t]; j++)
        if (heads_match(&sp->types[th->terms[t][j].type], who, value))
            lp_term(lp, th->terms[t][j].col, coef);
}

/* ---- the rows ----------------------------------------------------------- */

void model_size_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th)
{
    char nm[64];
    for (int t = 0; t < sp->n_tables; t++) {
        lp_row_begin(lp);
        add_heads(lp, sp, th, t, HEADS_ANYONE, 0, 1);
        snprintf(nm, sizeof nm, "size_%d", t);
        lp_row_end(lp, nm, sp->lo[t] == sp->hi[t] ? LP_FX : LP_DB, sp->lo[t], sp->hi[t]);
    }
}

/* ---- the rules' rows (rules/rule_rows.h) over an LP and table_heads ----- */

typedef struct {
    lp_builder *lp;
    const seat_problem *sp;
    const table_heads *th;
} heads_model;

static void hm_row_begin(void *m)
{
    lp_row_begin(((heads_model *)m)->lp);
}

static void hm_heads(void *m, int t, heads_who who, int value, double coef)
{
    heads_model *hm = m;
    add_heads(hm->lp, hm->sp, hm->th, t, who, value, coef);
}

static bool hm_any(void *m, int t, heads_who who, int value)
{
    const heads_model *hm = m;
    for (int j = 0; j < hm->th->n_terms[t]; j++)
        if (heads_match(&hm->sp->types[hm->th->terms[t][j].type], who, value))
            return true;
    return false;
}

static int hm_col(void *m, const char *name, int kind, double lb, double ub, double cost)
{
    return lp_col(((heads_model *)m)->lp, name, kind, lb, ub, cost);
}

static void hm_term(void *m, int col, double coef)
{
    lp_term(((heads_model *)m)->lp, col, coef);
}

static void hm_row_end(void *m, const char *name, int type, double lb, double ub)
{
    lp_row_end(((heads_model *)m)->lp, name, type, lb, ub);
}

void model_rule_builder(rule_rows *m, const seat_problem *sp, void *model)
{
    memset(m, 0, sizeof *m);
    m->spec = sp->spec;
    m->regions = sp->regions;
    m->types = sp->types;
    m->n_types = sp->n_types;
    m->n_tables = sp->n_tables;
    m->lo = sp->lo;
    m->hi = sp->hi;
    m->track = sp->table_track;
    m->mixing = model_mixing(sp);
    m->n_sides = sp->n_sides;
    m->n_banded = model_banded_sides(sp);
    m->model = model;
}

double model_table_rule_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th,
                             bool region_cut)
{
    heads_model hm = {lp, sp, th};
    rule_rows m;
    model_rule_builder(&m, sp, &hm);
    const size_t T = (size_t)sp->n_tables;
    int *band_lo = model_calloc((size_t)m.n_banded * T + 1, sizeof(int));
    int *band_hi = model_calloc((size_t)m.n_banded * T + 1, sizeof(int));
    for (int side = 0; side < m.n_banded; side++)
        for (size_t t = 0; t < T; t++) {
            band_lo[side * T + t] = model_band_lo(sp, side, (int)t);
            band_hi[side * T + t] = model_band_hi(sp, side, (int)t);
        }
    m.band_lo = band_lo;
    m.band_hi = band_hi;
    m.region_cut = region_cut;
    m.row_begin = hm_row_begin;
    m.heads = hm_heads;
    m.any = hm_any;
    m.col = hm_col;
    m.term = hm_term;
    m.row_end = hm_row_end;
    rules_model_rows(&m);
    free(band_lo);
    free(band_hi);
    return m.offset;
}
