/* region.c - "region": in the exchange, people sit at a table of their own
 * health-care area, or of an area they said they work with, or failing
 * that a bordering one; so that a hospital's MSW meets the offices of the
 * area their patients go home to. */
#include "rules/rules_private.h"

int rule_region_hops(const tsunagu_regions *rg, const tsunagu_attendee *a, const int *regions,
                     int n_regions)
{
    int best = TSUNAGU_FAR;
    for (int i = 0; i < n_regions; i++) {
        int d = tsunagu_regions_distance(rg, a->region, regions[i]);
        best = d < best ? d : best;
        for (int k = 0; k < a->n_interests; k++) {
            d = tsunagu_regions_distance(rg, a->interests[k], regions[i]);
            best = d < best ? d : best;
        }
    }
    return best;
}

int rule_region_distance(const tsunagu_regions *rg, const tsunagu_attendee *a,
                         const tsunagu_table *t)
{
    return rule_region_hops(rg, a, t->regions, t->n_regions);
}

double rule_region_cost(const tsunagu_regions *rg, const tsunagu_rule *rule,
                        const tsunagu_attendee *a, const int *regions, int n_regions)
{
    int d = rule_region_hops(rg, a, regions, n_regions);
    if (rule->hard && d > 0)
        return -1;
    return rule->weight * (d < REGION_FAR_CAP ? d : REGION_FAR_CAP);
}

/* People of the session at distance 0, 1, or further from their table. */
static void count_distances(const rule_view *v, long counts[3])
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    counts[0] = counts[1] = counts[2] = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        for (size_t k = 0; k < tb->n_members; k++) {
            int d = rule_region_distance(v->plan->regions,
                                         &v->plan->roster->items[tb->members[k]], tb);
            counts[d < 2 ? d : 2]++;
        }
    }
}

static bool own_region(const rule_view *v, long *value, long *of)
{
    long c[3];
    count_distances(v, c);
    *value = c[0];
    *of = v->seated;
    return true;
}

static bool neighbour_region(const rule_view *v, long *value, long *of)
{
    long c[3];
    count_distances(v, c);
    *value = c[1];
    *of = v->seated;
    return true;
}

static bool far_region(const rule_view *v, long *value, long *of)
{
    long c[3];
    count_distances(v, c);
    *value = c[2];
    *of = v->seated;
    return true;
}

/* The model's price of the seat (rule_region_cost); a seat the hard rule
 * forbids costs 1e9. */
static double walkin(const rule_seat *seat, const tsunagu_rule *rule)
{
    const tsunagu_plan *p = seat->plan;
    const tsunagu_table *tb = &p->sessions[seat->s].tables[seat->t];
    double c = rule_region_cost(p->regions, rule, &p->roster->items[seat->i], tb->regions,
                                tb->n_regions);
    return c < 0 ? 1e9 : c;
}

#define EX RULE_KIND(TSUNAGU_EXCHANGE)
static const rule_measure measures[] = {
    {{"own_region", EX, TSUNAGU_RULE_REGION, 2, "At a table of their own or an interest region",
      "自地域・関心地域のテーブルに着いた人", "at their own region's table", "自地域のテーブル", 2, +1},
     own_region},
    {{"neighbour_region", EX, TSUNAGU_RULE_REGION, 3, "At a neighbouring region's table",
      "隣接地域のテーブルに着いた人", "at a neighbouring region's table", "隣接地域のテーブル", 3, 0},
     neighbour_region},
    {{"far_region", EX, TSUNAGU_RULE_REGION, 4, "At a table of a region further away",
      "離れた地域のテーブルに着いた人", "further away", "それ以外", 4, -1},
     far_region},
};

const rule_def rule_def_region = {
    .id = TSUNAGU_RULE_REGION,
    .name = "region",
    .kinds = EX,
    .defaults = {5, false},
    .label_en = "People at a table of their own region (or a region they chose)",
    .label_ja = "自分の地域（または関心のある地域）のテーブルに",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
    .walkin = walkin,
};
