/* colleagues.c - "colleagues": people of one organisation sit apart; the
 * day is for meeting the others. */
#include "rules/rules_private.h"

#include <stdlib.h>
#include <string.h>

bool rule_colleagues(const tsunagu_attendee *a, const tsunagu_attendee *b)
{
    return a->org_key && b->org_key && a->org_key[0] && strcmp(a->org_key, b->org_key) == 0;
}

/* Pairs of colleagues seated in the session, and those at one table:
 * counted per organisation (v->org), not by comparing every pair. */
static bool colleague_pairs(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    size_t n = v->plan->roster->count;
    long *count = calloc((size_t)v->n_orgs + 1, sizeof *count);
    if (!count)
        abort();
    *of = 0;
    for (size_t i = 0; i < n; i++)
        if (v->where[v->s][i] >= 0 && v->org[i] >= 0)
            *of += count[v->org[i]]++;
    memset(count, 0, ((size_t)v->n_orgs + 1) * sizeof *count);
    *value = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        for (size_t k = 0; k < tb->n_members; k++)
            if (tb->members[k] < n && v->org[tb->members[k]] >= 0)
                *value += count[v->org[tb->members[k]]]++;
        for (size_t k = 0; k < tb->n_members; k++)
            if (tb->members[k] < n && v->org[tb->members[k]] >= 0)
                count[v->org[tb->members[k]]] = 0;
    }
    free(count);
    return true;
}

/* Each colleague at the table costs the weight; when the rule is hard, a
 * table with a colleague is out of the question. */
static double walkin(const rule_seat *seat, const tsunagu_rule *rule)
{
    const tsunagu_plan *p = seat->plan;
    const tsunagu_attendee *a = &p->roster->items[seat->i];
    const tsunagu_table *tb = &p->sessions[seat->s].tables[seat->t];
    double c = 0;
    bool any = false;
    for (size_t m = 0; m < tb->n_members; m++)
        if (*a->org_key && strcmp(a->org_key, p->roster->items[tb->members[m]].org_key) == 0) {
            any = true;
            c += rule->weight;
        }
    return any && rule->hard ? c + 1e9 : c;
}

static const rule_measure measures[] = {
    {{"colleague_pairs", RULE_BOTH, TSUNAGU_RULE_COLLEAGUES, 7,
      "Colleague pairs at the same table", "同じ所属の人が同席している組",
      "colleague pairs at one table", "同じ所属どうしのペア", 11, -1},
     colleague_pairs},
};

const rule_def rule_def_colleagues = {
    .id = TSUNAGU_RULE_COLLEAGUES,
    .name = "colleagues",
    .kinds = RULE_BOTH,
    .defaults = {20, false},
    .label_en = "Colleagues at different tables",
    .label_ja = "同じ所属の人は別のテーブルに",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
    .walkin = walkin,
};
