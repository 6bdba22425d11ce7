/* new_people.c - "new_people": in a workgroup, as few pairs as possible
 * who already shared a table in an earlier session. */
#include "rules/rules_private.h"

#include <stdlib.h>

/* True when attendees x and y shared a table in a session before s, in
 * any of its rounds (where[e][i]: the table of i in session e, -1 none). */
static bool met_before(const tsunagu_plan *p, int *const *where, int s, size_t x, size_t y)
{
    for (int e = 0; e < s; e++) {
        if (where[e][x] >= 0 && where[e][x] == where[e][y])
            return true;
        for (int k = 0; k < p->sessions[e].n_later; k++) {
            const int *seat = p->sessions[e].later[k].seat;
            if (seat && seat[x] >= 0 && seat[x] == seat[y])
                return true;
        }
    }
    return false;
}

static bool repeat_pairs(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    *value = *of = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        for (size_t k = 0; k < tb->n_members; k++)
            for (size_t j = k + 1; j < tb->n_members; j++) {
                (*of)++;
                *value += met_before(v->plan, v->where, v->s, tb->members[k], tb->members[j]);
            }
    }
    return true;
}

/* Each member the walk-in already met costs the weight. */
static double walkin(const rule_seat *seat, const tsunagu_rule *rule)
{
    const tsunagu_plan *p = seat->plan;
    const tsunagu_table *tb = &p->sessions[seat->s].tables[seat->t];
    int **where = calloc((size_t)seat->s + 1, sizeof *where);
    if (!where)
        abort();
    for (int e = 0; e < seat->s; e++)
        where[e] = p->sessions[e].seat;
    double c = 0;
    for (size_t m = 0; m < tb->n_members; m++)
        if (met_before(p, where, seat->s, seat->i, tb->members[m]))
            c += rule->weight;
    free(where);
    return c;
}

static const rule_measure measures[] = {
    {{"repeat_pairs", RULE_KIND(TSUNAGU_WORKGROUP), TSUNAGU_RULE_NEW_PEOPLE, 11,
      "Pairs who already shared a table earlier", "前のセッションで同席済みの組（再会）",
      "pairs who already met earlier", "前のセッションで同席したペア", 9, -1},
     repeat_pairs},
};

const rule_def rule_def_new_people = {
    .id = TSUNAGU_RULE_NEW_PEOPLE,
    .name = "new_people",
    .kinds = RULE_KIND(TSUNAGU_WORKGROUP),
    .defaults = {3, false},
    .label_en = "New faces: few people who already shared a table in an earlier session",
    .label_ja = "前のセッションと違う人と同じグループに",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
    .walkin = walkin,
};
