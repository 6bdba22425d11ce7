/* experienced.c - "experienced": every table or group has a member who has
 * done this work, and newcomers (これから) are spread among them. */
#include "rules/rules_private.h"

#include <stdio.h>

static long without_experienced(const rule_view *v)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    long none = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        bool any = false;
        for (size_t k = 0; k < tb->n_members && !any; k++)
            any = v->plan->roster->items[tb->members[k]].experience == TSUNAGU_EXPERIENCED;
        none += !any;
    }
    return none;
}

static bool tables_without(const rule_view *v, long *value, long *of)
{
    *value = without_experienced(v);
    *of = v->plan->sessions[v->s].n_tables;
    return true;
}

/* An experienced walk-in at a table that has nobody experienced earns the
 * weight back. */
static double walkin(const rule_seat *seat, const tsunagu_rule *rule)
{
    const tsunagu_plan *p = seat->plan;
    const tsunagu_table *tb = &p->sessions[seat->s].tables[seat->t];
    bool experienced = false;
    for (size_t m = 0; m < tb->n_members; m++)
        experienced |= p->roster->items[tb->members[m]].experience == TSUNAGU_EXPERIENCED;
    return !experienced && p->roster->items[seat->i].experience == TSUNAGU_EXPERIENCED
               ? -rule->weight
               : 0;
}

/* Newcomers spread: at most ceil(N / T) of a track's N newcomers at each
 * of its T tables, a twentieth of the rule's weight per newcomer over (a
 * preference among seatings the other rules find alike, as a tie-break
 * is).  Without it a proven plan gave one group 6 of 7 newcomers, as long
 * as each group had one experienced member.  Measured on generated lists
 * of 40 to 1,500 (tests/scripts/test_solve_checked.sh's): a lower end of
 * the band as well, or half the weight, left GLPK minutes of branching on
 * some lists (300 people: 0.5 s became 10 s); this cap did not.  A class
 * of alike tables (the blocks' master) gets its tables' sum. */
static void newcomer_cap(rule_rows *m, const tsunagu_rule *rule, int t, int newcomers)
{
    if (newcomers == 0 || rule->weight <= 0)
        return;
    const int n = m->stands_for ? m->stands_for[t] : 1;
    int tables = 0; /* of the track */
    for (int u = 0; u < m->n_tables; u++)
        tables += m->track[u] == m->track[t] ? (m->stands_for ? m->stands_for[u] : 1) : 0;
    char nm[64];
    m->row_begin(m->model);
    m->heads(m->model, t, HEADS_ANYONE, 0, 1);
    m->heads(m->model, t, HEADS_EXPERIENCED, 0, -1);
    snprintf(nm, sizeof nm, "newcomers_over_%d", t);
    m->term(m->model, m->col(m->model, nm, LP_CV, 0, -1, rule->weight / 20), -1);
    snprintf(nm, sizeof nm, "newcomers_%d", t);
    m->row_end(m->model, nm, LP_UP, 0, n * ((newcomers + tables - 1) / tables));
}

/* An experienced member at every table, and newcomers spread (above).
 * Soft: its weight for each table without one.  Tables whose track has
 * nobody experienced are left alone (the solve warns). */
static void rows(rule_rows *m, const tsunagu_rule *rule)
{
    if (!rule->hard && rule->weight <= 0)
        return;
    char nm[64];
    for (int t = 0; t < m->n_tables; t++) {
        const int n = m->stands_for ? m->stands_for[t] : 1;
        int experienced = 0, people = 0;
        for (int k = 0; k < m->n_types; k++)
            if (m->types[k].track == m->track[t]) {
                people += m->types[k].count;
                experienced += m->types[k].experienced ? m->types[k].count : 0;
            }
        if (experienced == 0)
            continue;
        newcomer_cap(m, rule, t, people - experienced);
        m->row_begin(m->model);
        m->heads(m->model, t, HEADS_EXPERIENCED, 0, 1);
        if (!rule->hard) {
            snprintf(nm, sizeof nm, "noexp_%d", t);
            int col = m->stands_for ? m->col(m->model, nm, LP_CV, 0, n, rule->weight)
                                    : m->col(m->model, nm, LP_BV, 0, 1, rule->weight);
            m->term(m->model, col, 1);
        }
        snprintf(nm, sizeof nm, "experienced_%d", t);
        m->row_end(m->model, nm, LP_LO, n, 0);
    }
}

static const rule_measure measures[] = {
    {{"tables_without_experienced", RULE_KIND(TSUNAGU_EXCHANGE), TSUNAGU_RULE_EXPERIENCED, 8,
      "Tables without an experienced member", "経験者のいないテーブル",
      "tables without an experienced member", "経験者のいないテーブル", 7, -1},
     tables_without},
    {{"groups_without_experienced", RULE_KIND(TSUNAGU_WORKGROUP), TSUNAGU_RULE_EXPERIENCED, 10,
      "Groups without an experienced member", "経験者のいないグループ",
      "groups without an experienced member", "経験者のいないグループ", 10, -1},
     tables_without},
};

const rule_def rule_def_experienced = {
    .id = TSUNAGU_RULE_EXPERIENCED,
    .name = "experienced",
    .kinds = RULE_BOTH,
    .defaults = {10, true}, /* hard: a newcomer's table needs someone who knows the work */
    .label_en = "An experienced member at every table",
    .label_ja = "各テーブルに経験のある人を",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
    .walkin = walkin,
    .rows = rows,
};
