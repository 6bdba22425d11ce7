/* regions_mixed.c - "regions_mixed": an afternoon group brings together
 * as many health-care areas as it can, so practice is compared across
 * the prefecture. */
#include "rules/rules_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool distinct_regions(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    const tsunagu_roster *ro = v->plan->roster;
    *value = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        for (size_t k = 0; k < tb->n_members; k++) {
            bool first = true; /* first member of this table from their region */
            for (size_t j = 0; j < k && first; j++)
                first = ro->items[tb->members[j]].region != ro->items[tb->members[k]].region;
            *value += first;
        }
    }
    *of = -1;
    return true;
}

/* A walk-in from a region the group lacks earns the weight back. */
static double walkin(const rule_seat *seat, const tsunagu_rule *rule)
{
    const tsunagu_plan *p = seat->plan;
    const tsunagu_table *tb = &p->sessions[seat->s].tables[seat->t];
    for (size_t m = 0; m < tb->n_members; m++)
        if (p->roster->items[tb->members[m]].region == p->roster->items[seat->i].region)
            return 0;
    return -rule->weight;
}

static void *zalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort(); /* the library's out-of-memory policy */
    return p;
}

/* Exact: a binary y[r][t] per region with someone allowed at t, y <= the
 * people of r seated there; the objective counts the regions missing from
 * the best possible (so it stays >= 0): the offset is weight x min(regions
 * of the track, hi) summed over the tables.  The offset counts the
 * track's regions, not those allowed at the table, so that restricting
 * who may sit where (pins, a re-plan's "nobody moves" stage) leaves the
 * objective's scale alone.  With region_cut: a region with p people shows
 * up in at most p groups (without it the relaxation spreads one person
 * over every group). */
static void exact_rows(rule_rows *m, const tsunagu_rule *rule)
{
    const int T = m->n_tables;
    const int nr = tsunagu_regions_count(m->regions);
    int *y = zalloc((size_t)nr * (size_t)T, sizeof(int));
    char nm[64];
    for (int t = 0; t < T; t++) {
        int in_track = 0;
        for (int r = 0; r < nr; r++) {
            bool any = false;
            for (int k = 0; k < m->n_types && !any; k++)
                any = m->types[k].track == m->track[t] && m->types[k].region == r;
            in_track += any;
        }
        for (int r = 0; r < nr; r++) {
            if (!m->any(m->model, t, HEADS_REGION, r))
                continue;
            snprintf(nm, sizeof nm, "region_%d_%d", r, t);
            y[(size_t)r * T + t] = m->col(m->model, nm, LP_BV, 0, 1, -rule->weight);
            m->row_begin(m->model);
            m->heads(m->model, t, HEADS_REGION, r, -1);
            m->term(m->model, y[(size_t)r * T + t], 1);
            snprintf(nm, sizeof nm, "has_region_%d_%d", r, t);
            m->row_end(m->model, nm, LP_UP, 0, 0);
        }
        m->offset += rule->weight * (in_track < m->hi[t] ? in_track : m->hi[t]);
    }
    if (m->region_cut) {
        int *people = zalloc((size_t)nr, sizeof(int));
        for (int k = 0; k < m->n_types; k++)
            people[m->types[k].region] += m->types[k].count;
        for (int r = 0; r < nr; r++) {
            int groups_with = 0;
            for (int t = 0; t < T; t++)
                groups_with += y[(size_t)r * T + t] != 0;
            if (groups_with <= people[r])
                continue; /* the row could not bind */
            m->row_begin(m->model);
            for (int t = 0; t < T; t++)
                if (y[(size_t)r * T + t])
                    m->term(m->model, y[(size_t)r * T + t], 1);
            snprintf(nm, sizeof nm, "region_people_%d", r);
            m->row_end(m->model, nm, LP_UP, 0, people[r]);
        }
        free(people);
    }
    free(y);
}

/* A class of n alike groups: y[r] in [0, n] groups showing region r, at
 * most the people of r sent there, all regions together at most the
 * class's slots (the regions its groups can show, summed). */
static void class_rows(rule_rows *m, const tsunagu_rule *rule)
{
    const int nr = tsunagu_regions_count(m->regions);
    int *y = zalloc((size_t)nr, sizeof(int));
    char nm[64];
    for (int c = 0; c < m->n_tables; c++) {
        m->offset += rule->weight * m->slots[c];
        for (int r = 0; r < nr; r++) {
            snprintf(nm, sizeof nm, "region_%d_%d", r, c);
            y[r] = m->col(m->model, nm, LP_CV, 0, m->stands_for[c], -rule->weight);
            m->row_begin(m->model);
            m->heads(m->model, c, HEADS_REGION, r, -1);
            m->term(m->model, y[r], 1);
            snprintf(nm, sizeof nm, "has_region_%d_%d", r, c);
            m->row_end(m->model, nm, LP_UP, 0, 0);
        }
        m->row_begin(m->model);
        for (int r = 0; r < nr; r++)
            m->term(m->model, y[r], 1);
        snprintf(nm, sizeof nm, "slots_%d", c);
        m->row_end(m->model, nm, LP_UP, 0, m->slots[c]);
    }
    free(y);
}

static void rows(rule_rows *m, const tsunagu_rule *rule)
{
    if (rule->weight <= 0)
        return;
    if (m->stands_for)
        class_rows(m, rule);
    else
        exact_rows(m, rule);
}

static const rule_measure measures[] = {
    {{"distinct_regions", RULE_KIND(TSUNAGU_WORKGROUP), TSUNAGU_RULE_REGIONS_MIXED, 12,
      "Distinct regions, summed over groups", "グループ内の地域の数（合計）",
      "regions met across groups", "グループ内の地域数（合計）", 8, 0},
     distinct_regions},
};

const rule_def rule_def_regions_mixed = {
    .id = TSUNAGU_RULE_REGIONS_MIXED,
    .name = "regions_mixed",
    .kinds = RULE_KIND(TSUNAGU_WORKGROUP),
    .defaults = {2, false},
    .label_en = "Many regions in each group",
    .label_ja = "グループの地域をいろいろに",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
    .walkin = walkin,
    .rows = rows,
};
