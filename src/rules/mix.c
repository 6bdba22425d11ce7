/* mix.c - "mix": every exchange table seats someone of each side the
 * event names (the bundled day: the hospitals' MSWs, and the welfare side,
 * specialists and centre staff), so that business cards cross between them. */
#include "rules/rules_private.h"

#include <stdio.h>

/* Tables with someone of every side of the session (spec->side). */
static bool mixed_tables(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    const tsunagu_session_spec *spec = sp->spec;
    *value = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        bool present[TSUNAGU_MAX_PROFESSIONS] = {false};
        int sides = 0;
        for (size_t k = 0; k < tb->n_members; k++) {
            int side = spec->side[v->plan->roster->items[tb->members[k]].profession];
            if (side >= 0 && !present[side]) {
                present[side] = true;
                sides++;
            }
        }
        *value += sides == spec->n_sides;
    }
    *of = sp->n_tables;
    return true;
}

/* A walk-in who brings the side a table lacks earns the weight back. */
static double walkin(const rule_seat *seat, const tsunagu_rule *rule)
{
    const tsunagu_plan *p = seat->plan;
    const tsunagu_session_spec *spec = p->sessions[seat->s].spec;
    const tsunagu_table *tb = &p->sessions[seat->s].tables[seat->t];
    int mine = spec->side[p->roster->items[seat->i].profession];
    bool same_side = false, other_side = false;
    for (size_t m = 0; m < tb->n_members; m++) {
        int side = spec->side[p->roster->items[tb->members[m]].profession];
        same_side |= side == mine;
        other_side |= side != mine;
    }
    return mine >= 0 && !same_side && other_side ? -rule->weight : 0;
}

/* "over_3" for the first side's band at table 3 (the names of the
 * two-sided model), "over_2_3" for side 2's. */
static void side_name(char *nm, size_t size, const char *what, int side, int t)
{
    if (side == 0)
        snprintf(nm, size, "%s_%d", what, t);
    else
        snprintf(nm, size, "%s_%d_%d", what, side, t);
}

/* Hard: someone of every side at every table.  Soft: each banded side's
 * members within [floor(ratio * lo), ceil(ratio * hi)] at each table, its
 * weight per member outside.  An integer band keeps the LP relaxation
 * tight (a continuous deviation from ratio * size leaves GLPK a 50 % gap
 * at 100 people). */
static void rows(rule_rows *m, const tsunagu_rule *rule)
{
    if (!m->mixing)
        return;
    char nm[64];
    for (int t = 0; t < m->n_tables; t++) {
        const int n = m->stands_for ? m->stands_for[t] : 1;
        for (int side = 0; side < m->n_sides && rule->hard; side++) {
            m->row_begin(m->model);
            m->heads(m->model, t, HEADS_SIDE, side, 1);
            snprintf(nm, sizeof nm, "mix_%d_%d", side, t);
            m->row_end(m->model, nm, LP_LO, n, 0);
        }
        for (int side = 0; side < m->n_banded && rule->weight > 0; side++)
            for (int end = 0; end < 2; end++) {
                const size_t at = (size_t)side * (size_t)m->n_tables + (size_t)t;
                m->row_begin(m->model);
                m->heads(m->model, t, HEADS_SIDE, side, 1);
                side_name(nm, sizeof nm, end ? "over" : "under", side, t);
                m->term(m->model, m->col(m->model, nm, LP_CV, 0, -1, rule->weight), end ? -1 : 1);
                side_name(nm, sizeof nm, end ? "ratio_hi" : "ratio_lo", side, t);
                if (end)
                    m->row_end(m->model, nm, LP_UP, 0, m->band_hi[at]);
                else
                    m->row_end(m->model, nm, LP_LO, m->band_lo[at], 0);
            }
    }
}

static const rule_measure measures[] = {
    {{"mixed_tables", RULE_KIND(TSUNAGU_EXCHANGE), TSUNAGU_RULE_MIX, 6,
      "Tables seating someone of every group of professions to mix", "混ぜる職種グループがすべて同席するテーブル",
      "tables with every side", "全職種グループがそろうテーブル", 6, +1},
     mixed_tables},
};

const rule_def rule_def_mix = {
    .id = TSUNAGU_RULE_MIX,
    .name = "mix",
    .kinds = RULE_KIND(TSUNAGU_EXCHANGE),
    .defaults = {10, true}, /* hard: mixing is what the morning is for */
    .label_en = "Every profession to mix, at every table",
    .label_ja = "各テーブルに、混ぜる職種をすべてそろえる",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
    .walkin = walkin,
    .rows = rows,
};
