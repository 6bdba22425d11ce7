/* regions_mixed.c - "regions_mixed": an afternoon group brings together
 * as many health-care areas as it can, so practice is compared across
 * the prefecture. */
#include "rules/rules_private.h"

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

static const rule_measure measures[] = {
    {{"distinct_regions", RULE_KIND(TSUNAGU_WORKGROUP), TSUNAGU_RULE_REGIONS_MIXED, 11,
      "Distinct regions, summed over groups", "グループ内の地域の数（合計）",
      "regions met across groups", "グループ内の地域数（合計）", 7, 0},
     distinct_regions},
};

const rule_def rule_def_regions_mixed = {
    .id = TSUNAGU_RULE_REGIONS_MIXED,
    .name = "regions_mixed",
    .kinds = RULE_KIND(TSUNAGU_WORKGROUP),
    .defaults = {2, false},
    .label_en = "Many regions in each group",
    .label_ja = "グループの地域をなるべくいろいろに",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
    .walkin = walkin,
};
