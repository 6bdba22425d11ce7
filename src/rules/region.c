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

bool rule_region_home(const tsunagu_attendee *a, const int *regions, int n_regions)
{
    for (int i = 0; i < n_regions; i++)
        if (regions[i] == a->region)
            return true;
    return false;
}

double rule_region_cost(const tsunagu_regions *rg, const tsunagu_rule *rule,
                        const tsunagu_attendee *a, const int *regions, int n_regions, long n_seated)
{
    int d = rule_region_hops(rg, a, regions, n_regions);
    if (rule->hard && d > 0)
        return -1;
    double cost = rule->weight * (d < REGION_FAR_CAP ? d : REGION_FAR_CAP);
    /* An interest region's table is as good as one's own but for a tie:
     * everyone's tie-break together stays under 1/2, below any difference
     * whole-number weights can make. */
    if (d == 0 && rule->weight > 0 && !rule_region_home(a, regions, n_regions))
        cost += 1.0 / (2.0 * (double)(n_seated + 1));
    return cost;
}

/* Where each seated person of the session sits, by their home region: at
 * its table (0), at an interest region's (1), one border away (2), or
 * further (3). */
static void count_places(const rule_view *v, long counts[4])
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    counts[0] = counts[1] = counts[2] = counts[3] = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        for (size_t k = 0; k < tb->n_members; k++) {
            const tsunagu_attendee *a = &v->plan->roster->items[tb->members[k]];
            int d = rule_region_distance(v->plan->regions, a, tb);
            counts[d == 0 ? (rule_region_home(a, tb->regions, tb->n_regions) ? 0 : 1) : d == 1 ? 2 : 3]++;
        }
    }
}

static bool place_count(const rule_view *v, int place, long *value, long *of)
{
    long c[4];
    count_places(v, c);
    *value = c[place];
    *of = v->seated;
    return true;
}

static bool own_region(const rule_view *v, long *value, long *of)
{
    return place_count(v, 0, value, of);
}

static bool interest_region(const rule_view *v, long *value, long *of)
{
    return place_count(v, 1, value, of);
}

static bool neighbour_region(const rule_view *v, long *value, long *of)
{
    return place_count(v, 2, value, of);
}

static bool far_region(const rule_view *v, long *value, long *of)
{
    return place_count(v, 3, value, of);
}

/* The model's price of the seat (rule_region_cost); a seat the hard rule
 * forbids costs 1e9. */
static double walkin(const rule_seat *seat, const tsunagu_rule *rule)
{
    const tsunagu_plan *p = seat->plan;
    const tsunagu_table *tb = &p->sessions[seat->s].tables[seat->t];
    double c = rule_region_cost(p->regions, rule, &p->roster->items[seat->i], tb->regions,
                                tb->n_regions, (long)p->roster->count);
    return c < 0 ? 1e9 : c;
}

#define EX RULE_KIND(TSUNAGU_EXCHANGE)
static const rule_measure measures[] = {
    {{"own_region", EX, TSUNAGU_RULE_REGION, 2, "At their own region's table",
      "自地域のテーブルに着いた人", "at their own region's table", "自地域のテーブル", 2, +1},
     own_region},
    {{"interest_region", EX, TSUNAGU_RULE_REGION, 3, "At the table of a region they chose (not their own)",
      "関心地域のテーブルに着いた人（自地域以外）", "at a region they chose", "関心地域のテーブル", 3, 0},
     interest_region},
    {{"neighbour_region", EX, TSUNAGU_RULE_REGION, 4, "At a neighbouring region's table",
      "隣接地域のテーブルに着いた人", "at a neighbouring region's table", "隣接地域のテーブル", 4, 0},
     neighbour_region},
    {{"far_region", EX, TSUNAGU_RULE_REGION, 5, "At a table of a region further away",
      "離れた地域のテーブルに着いた人", "further away", "それ以外", 5, -1},
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
