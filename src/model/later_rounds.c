/* later_rounds.c - rounds 2 .. k of a session with rounds (a 席替え within
 * the slot).  Round 1 is the session's own seating, solved by the
 * counting model as any session is; the later rounds seat the same people
 * at the same tables, as many at each as in round 1, by the rounds search
 * (rounds.c), with round 1 fixed.  The session's rules reach the search
 * as data:
 *   - who may sit where (`allowed`): a workgroup's tracks, a hard region
 *     rule;
 *   - minimum counts per table (`mark_min`): a hard mix rule (each side
 *     at every table that has it in round 1, and near the room's share),
 *     a hard experienced rule (someone experienced wherever round 1 has);
 *   - a cost per seat: the region rule's, as in round 1's model, and in a
 *     re-plan the stability rule's for leaving one's previous table of
 *     that round;
 *   - pairs to keep apart as if they had met (`met`): earlier sessions'
 *     tables (any round), colleagues, hard "apart" requests.
 * Pins, "together" requests and roles are round 1's (docs/event-format.md,
 * "Rounds").  The search is deterministic: a fixed seed and a step budget,
 * the time limit only a guard. */
#include "model_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rounds.h"
#include "rules/rules_private.h"
#include "tsunagu/text.h"
#include "util/sort.h"
#include "util/strbuf.h"
#include "util/tr.h"

/* More seated people than this and the n x n pair tables of the search
 * grow past 64 MB: refused with a reason. */
#define ROUNDS_MAX_PEOPLE 4000

typedef struct {
    tsunagu_plan *plan;
    int s;
    const tsunagu_session_spec *spec;
    const tsunagu_session_plan *sp; /* round 1 */
    int n, g;                       /* seated people, tables */
    size_t *who;                    /* [n]: roster index of each seated person */
    int *size, *first;
    unsigned char *allowed, *mark, *met;
    int *mark_min;
    int marks;
    double *cost, *round_cost;
} later_input;

static void input_dispose(later_input *in)
{
    free(in->who);
    free(in->size);
    free(in->first);
    free(in->allowed);
    free(in->mark);
    free(in->met);
    free(in->mark_min);
    free(in->cost);
    free(in->round_cost);
}

static const tsunagu_attendee *person(const later_input *in, int p)
{
    return &in->plan->roster->items[in->who[p]];
}

/* allowed[] and cost[]: tracks, the region rule (hard: forbidden; soft: its
 * cost, the price round 1's model pays).  Everyone may sit at their round 1
 * table (a pin may have put them where a rule would not). */
static void fill_allowed_cost(later_input *in)
{
    const size_t g = (size_t)in->g;
    const tsunagu_rule *region = &in->spec->rules[TSUNAGU_RULE_REGION];
    bool priced = in->spec->kind == TSUNAGU_EXCHANGE && (region->hard || region->weight > 0);
    in->allowed = model_calloc((size_t)in->n * g, 1);
    if (priced)
        in->cost = model_calloc((size_t)in->n * g, sizeof *in->cost);
    for (int p = 0; p < in->n; p++)
        for (int t = 0; t < in->g; t++) {
            const tsunagu_table *tb = &in->sp->tables[t];
            const tsunagu_attendee *a = person(in, p);
            bool ok = in->spec->kind != TSUNAGU_WORKGROUP || rule_in_track(in->spec, tb->track, a->profession);
            if (ok && priced) {
                double c = rule_region_cost(in->plan->regions, region, a, tb->regions, tb->n_regions,
                                            (long)in->n);
                ok = c >= 0;
                in->cost[(size_t)p * g + (size_t)t] = c >= 0 ? c : 0;
            }
            in->allowed[(size_t)p * g + (size_t)t] = ok || t == in->first[p];
        }
}

/* Marks: the mix rule's sides (hard), then "experienced" (hard).  A table
 * keeps at least one of a mark where round 1 has one, and a side at least
 * floor(its share of the room x the table's size) where round 1 has that
 * many: round 1 meets every minimum, so the search always has a seating. */
static void fill_marks(later_input *in)
{
    const tsunagu_session_spec *spec = in->spec;
    bool mix = spec->kind == TSUNAGU_EXCHANGE && spec->rules[TSUNAGU_RULE_MIX].hard && spec->n_sides >= 2;
    int sides = mix ? spec->n_sides : 0;
    if (sides > ROUNDS_MAX_MARKS - 1)
        sides = ROUNDS_MAX_MARKS - 1;
    bool exp = spec->rules[TSUNAGU_RULE_EXPERIENCED].hard;
    in->marks = sides + exp;
    if (in->marks == 0)
        return;
    in->mark = model_calloc((size_t)in->n, 1);
    int share[ROUNDS_MAX_MARKS] = {0};
    for (int p = 0; p < in->n; p++) {
        const tsunagu_attendee *a = person(in, p);
        int side = spec->side[a->profession];
        if (side >= 0 && side < sides) {
            in->mark[p] |= (unsigned char)(1u << side);
            share[side]++;
        }
        if (exp && a->experience == TSUNAGU_EXPERIENCED)
            in->mark[p] |= (unsigned char)(1u << sides);
    }
    in->mark_min = model_calloc((size_t)in->g * (size_t)in->marks, sizeof *in->mark_min);
    int *count = model_calloc((size_t)in->marks, sizeof *count);
    for (int t = 0; t < in->g; t++) {
        const tsunagu_table *tb = &in->sp->tables[t];
        memset(count, 0, (size_t)in->marks * sizeof *count);
        for (int p = 0; p < in->n; p++)
            for (int m = 0; m < in->marks; m++)
                count[m] += in->first[p] == t && (in->mark[p] >> m & 1);
        for (int m = 0; m < in->marks; m++) {
            int want = 1;
            if (m < sides) {
                int band = (int)floor((double)share[m] / in->n * (double)tb->n_members + 1e-9);
                want = band > want ? band : want;
            }
            in->mark_min[(size_t)t * (size_t)in->marks + (size_t)m] = count[m] < want ? count[m] : want;
        }
    }
    free(count);
}

static void set_met(later_input *in, int a, int b)
{
    in->met[(size_t)a * (size_t)in->n + (size_t)b] = in->met[(size_t)b * (size_t)in->n + (size_t)a] = 1;
}

/* met[]: pairs who sat together in an earlier session (any round), when
 * `earlier`; colleagues and hard "apart" requests, when `apart`. */
static void fill_met(later_input *in, bool earlier, bool apart)
{
    const tsunagu_plan *plan = in->plan;
    in->met = model_calloc((size_t)in->n * (size_t)in->n, 1);
    for (int e = 0; earlier && e < in->s; e++)
        for (int r = 0; r <= plan->sessions[e].n_later; r++) {
            const tsunagu_session_plan *rp = r == 0 ? &plan->sessions[e] : &plan->sessions[e].later[r - 1];
            for (int a = 0; rp->seat && a < in->n; a++)
                for (int b = a + 1; b < in->n; b++)
                    if (rp->seat[in->who[a]] >= 0 && rp->seat[in->who[a]] == rp->seat[in->who[b]])
                        set_met(in, a, b);
        }
    const tsunagu_rule *col = &in->spec->rules[TSUNAGU_RULE_COLLEAGUES];
    bool hard_requests = in->spec->rules[TSUNAGU_RULE_REQUESTS].hard;
    for (int a = 0; apart && a < in->n; a++)
        for (int b = a + 1; b < in->n; b++) {
            const tsunagu_attendee *x = person(in, a), *y = person(in, b);
            bool keep = (col->hard || col->weight > 0) && rule_colleagues(x, y);
            for (int q = 0; hard_requests && !keep && q < x->n_apart; q++)
                keep = strcmp(x->apart[q], y->id) == 0;
            for (int q = 0; hard_requests && !keep && q < y->n_apart; q++)
                keep = strcmp(y->apart[q], x->id) == 0;
            if (keep)
                set_met(in, a, b);
        }
}

/* A re-plan: each round's previous table (matched by id) costs the
 * stability weight to leave. */
static void fill_round_cost(later_input *in, const tsunagu_solve_options *opt)
{
    const tsunagu_session_plan *was = model_previous_session(opt, in->spec->id);
    double w = in->spec->rules[TSUNAGU_RULE_STABILITY].weight;
    if (!was || was->n_later <= 0 || w <= 0)
        return;
    const int k = in->spec->rounds;
    const size_t g = (size_t)in->g;
    in->round_cost = model_calloc((size_t)k * (size_t)in->n * g, sizeof *in->round_cost);
    for (int p = 0; p < in->n; p++) {
        long j = tsunagu_roster_find(opt->previous->roster, person(in, p)->id);
        for (int r = 1; j >= 0 && r < k && r <= was->n_later; r++) {
            const tsunagu_session_plan *rp = &was->later[r - 1];
            int pt = rp->seat ? rp->seat[j] : -1;
            int t_now = -1;
            for (int t = 0; pt >= 0 && t < in->g && t_now < 0; t++)
                if (strcmp(in->sp->tables[t].id, rp->tables[pt].id) == 0)
                    t_now = t;
            for (int t = 0; t_now >= 0 && t < in->g; t++)
                in->round_cost[((size_t)r * (size_t)in->n + (size_t)p) * g + (size_t)t] = t == t_now ? 0 : w;
        }
    }
}

/* Round r (1-based index into later[] + 1) from the search's tables. */
static void fill_round(later_input *in, tsunagu_session_plan *out, const int *tab, tsunagu_status status,
                       double seconds, bool stopped)
{
    const tsunagu_roster *r = in->plan->roster;
    out->spec = in->spec;
    out->status = status;
    out->seconds = seconds;
    out->stopped_at_time_limit = stopped;
    out->repeats = out->repeats_bound = -1;
    out->n_tables = in->g;
    out->tables = model_calloc((size_t)in->g + 1, sizeof *out->tables);
    out->seat = model_calloc(r->count + 1, sizeof *out->seat);
    for (size_t i = 0; i < r->count; i++)
        out->seat[i] = -1;
    for (int p = 0; p < in->n; p++)
        out->seat[in->who[p]] = tab[p];
    for (int t = 0; t < in->g; t++) {
        const tsunagu_table *from = &in->sp->tables[t];
        tsunagu_table *tb = &out->tables[t];
        tb->id = tsunagu_strdup(from->id);
        tb->label = tsunagu_strdup(from->label);
        tb->track = from->track ? tsunagu_strdup(from->track) : NULL;
        tb->n_regions = from->n_regions;
        tb->regions = model_calloc((size_t)from->n_regions + 1, sizeof *tb->regions);
        if (from->n_regions)
            memcpy(tb->regions, from->regions, (size_t)from->n_regions * sizeof *tb->regions);
        tb->members = model_calloc((size_t)in->size[t] + 1, sizeof *tb->members);
    }
    for (size_t i = 0; i < r->count; i++) /* roster order, then reading order */
        if (out->seat[i] >= 0)
            out->tables[out->seat[i]].members[out->tables[out->seat[i]].n_members++] = i;
    size_t *rank = tsunagu_attendees_reading_rank(r->items, r->count);
    for (int t = 0; t < in->g; t++)
        sort_indices_by_rank(out->tables[t].members, out->tables[t].n_members, rank);
    free(rank);
}

/* The first pair of colleagues (or of a hard "apart" request) sharing a
 * table in a later round, as "A0001 / A0002 (round 2)", or NULL. */
static char *broken_apart(const later_input *in, const int *tab, int k)
{
    const tsunagu_rule *col = &in->spec->rules[TSUNAGU_RULE_COLLEAGUES];
    bool hard_requests = in->spec->rules[TSUNAGU_RULE_REQUESTS].hard;
    for (int r = 1; r < k; r++)
        for (int a = 0; a < in->n; a++)
            for (int b = a + 1; b < in->n; b++) {
                if (tab[(size_t)r * (size_t)in->n + (size_t)a] != tab[(size_t)r * (size_t)in->n + (size_t)b])
                    continue;
                const tsunagu_attendee *x = person(in, a), *y = person(in, b);
                bool hard = col->hard && rule_colleagues(x, y);
                for (int q = 0; hard_requests && !hard && q < x->n_apart; q++)
                    hard = strcmp(x->apart[q], y->id) == 0;
                for (int q = 0; hard_requests && !hard && q < y->n_apart; q++)
                    hard = strcmp(y->apart[q], x->id) == 0;
                if (hard) {
                    strbuf b2 = {0};
                    strbuf_addf(&b2, TR("%s / %s (round %d)", "%s / %s（%d回目）"), x->id, y->id, r + 1);
                    return b2.data;
                }
            }
    return NULL;
}

/* The search's spec from the input: the rule's weight prices a repeat
 * (hard: above every cost), a fixed seed, a step budget that grows with
 * the people (deterministic), the time as a guard. */
static void make_spec(const later_input *in, rounds_spec *rs, double time_limit, long stop_at)
{
    const tsunagu_rule *rule = &in->spec->rules[TSUNAGU_RULE_NO_PAIR_TWICE];
    rounds_spec_init(rs);
    rs->people = in->n;
    rs->rounds = in->spec->rounds;
    rs->tables = in->g;
    rs->size = in->size;
    rs->mark = in->mark;
    rs->marks = in->marks;
    rs->mark_min = in->mark_min;
    rs->allowed = in->allowed;
    rs->cost = in->cost;
    rs->round_cost = in->round_cost;
    rs->pair_weight = rule->hard ? 1e6 : rule->weight;
    rs->met = in->met;
    rs->first = in->first;
    rs->seed = 1;
    rs->time_limit = time_limit > 0 ? time_limit : 0;
    rs->max_iterations = 20000 + 40L * in->n;
    rs->stop_at = stop_at;
}

/* Lay out the input from round 1.  False (said in diags) when the session
 * is too large for the search. */
static bool input_init(later_input *in, tsunagu_plan *plan, int s, const tsunagu_solve_options *opt,
                       tsunagu_diags *diags)
{
    memset(in, 0, sizeof *in);
    in->plan = plan;
    in->s = s;
    in->sp = &plan->sessions[s];
    in->spec = in->sp->spec;
    in->g = in->sp->n_tables;
    in->who = model_calloc(plan->roster->count + 1, sizeof *in->who);
    for (size_t i = 0; i < plan->roster->count; i++)
        if (in->sp->seat[i] >= 0)
            in->who[in->n++] = i;
    if (in->n > ROUNDS_MAX_PEOPLE) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: %d rounds of %d people: rounds seat at most %d people",
                             "セッション %s: %d 回の席替えで %d 人: 席替えは %d 人までです"),
                          in->spec->id, in->spec->rounds, in->n, ROUNDS_MAX_PEOPLE);
        return false;
    }
    in->size = model_calloc((size_t)in->g + 1, sizeof *in->size);
    for (int t = 0; t < in->g; t++)
        in->size[t] = (int)in->sp->tables[t].n_members;
    in->first = model_calloc((size_t)in->n + 1, sizeof *in->first);
    for (int p = 0; p < in->n; p++)
        in->first[p] = in->sp->seat[in->who[p]];
    fill_allowed_cost(in);
    fill_marks(in);
    fill_round_cost(in, opt);
    return true;
}

/* Repeats no later round can avoid with round 1 as seated (the pigeonhole
 * count): a table of s people in a later round seats people of round 1's
 * tables, at most as many of each as may sit there (`allowed`), and two
 * of one round-1 table meet again; spread as evenly as those counts allow
 * it seats at least rule_spread_pairs of them.  Summed over tables, times
 * the later rounds (each meets round 1 anew). */
static long round1_bound(const later_input *in)
{
    const size_t g = (size_t)in->g;
    int *cap = model_calloc(g + 1, sizeof *cap);
    long per_round = 0;
    for (int t = 0; t < in->g; t++) {
        memset(cap, 0, g * sizeof *cap);
        for (int p = 0; p < in->n; p++)
            cap[in->first[p]] += in->allowed[(size_t)p * g + (size_t)t] != 0;
        long pairs = rule_spread_pairs(in->size[t], cap, in->g);
        per_round += pairs > 0 ? pairs : 0;
    }
    free(cap);
    return per_round * (long)(in->spec->rounds - 1);
}

/* The largest table of the rounds. */
static int largest(const later_input *in)
{
    int most = 0;
    for (int t = 0; t < in->g; t++)
        most = in->size[t] > most ? in->size[t] : most;
    return most;
}

/* What more, smaller tables or fewer rounds would do, when the bound says
 * the repeats cannot go: a table of more people than there are tables
 * seats two of one round-1 table. */
static void why_unavoidable(const later_input *in, strbuf *b)
{
    if (largest(in) > in->g)
        strbuf_addf(b, TR(" (with %d tables a table of more than %d people seats two who shared a table in round 1)",
                          "（%d テーブルでは、%d 人を超えるテーブルに1回目に同じテーブルだった人が必ず2人入ります）"),
                    in->g, in->g);
}

/* The rule is hard and the search left meetings again, or colleagues (hard)
 * at one table: say which, and why the session fails: INFEASIBLE when the
 * bound proves that no later rounds after this round 1 can do without
 * (exit 1, as for any hard rule that cannot hold: more time would not
 * help), FAILED when the bound is 0 and the search ran out of steps or
 * time (a seating may exist). */
static int explain_hard(const later_input *in, const rounds_result *res, tsunagu_diags *diags)
{
    const tsunagu_session_plan *sp = in->sp;
    long repeats = sp->repeats;
    bool hard = in->spec->rules[TSUNAGU_RULE_NO_PAIR_TWICE].hard;
    if (hard && repeats > 0 && sp->repeats_bound > 0) {
        strbuf why = {0};
        strbuf_add(&why, "");
        why_unavoidable(in, &why);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: nobody may meet anyone twice (no_pair_twice is hard), but that cannot hold: after round 1 at %d tables, any %d rounds seat at least %ld pairs together again%s; the best found seats %ld. Use more, smaller tables (a smaller \"size\" range in the event, or more \"tables\"), fewer rounds, or make the rule soft",
                             "セッション %s: 同じ人と二度同席しない（no_pair_twice が必須）はずですが、守れません: 1回目が %d テーブルなので、%d 回の席替えではどう座っても %ld 組以上が再び同席します%s。見つかった席では %ld 組です。テーブルを小さく数を多くする（イベントの \"size\" の範囲を小さくするか \"tables\" を増やす）か、席替えの回数を減らすか、このルールを努力目標にしてください"),
                          in->spec->id, in->g, in->spec->rounds, sp->repeats_bound, why.data, repeats);
        free(why.data);
    } else if (hard && repeats > 0)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s: nobody may meet anyone twice (no_pair_twice is hard), but the best %d rounds found in the time seat %ld pairs together again (whether a seating without any exists is not known): give it more time (--time-limit), make the rule soft in the event file, or use fewer rounds",
                             "セッション %s: 同じ人と二度同席しない（no_pair_twice が必須）はずが、時間内に見つかった %d 回の席替えでは %ld 組が再び同席します（再会のない席があるかは不明）: 時間を延ばすか（--time-limit）、イベントファイルでこのルールを努力目標にするか、席替えの回数を減らしてください"),
                          in->spec->id, in->spec->rounds, repeats);
    if (hard && repeats > 0) /* proven, or out of time */
        return sp->repeats_bound > 0 ? TSUNAGU_SOLVE_INFEASIBLE : TSUNAGU_SOLVE_FAILED;
    char *pair = broken_apart(in, res->table, in->spec->rounds);
    if (!pair)
        return 0;
    tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                      TR("session %s: colleagues (or people asked apart) must sit apart (the rule is hard), but no seating of the later rounds found keeps them apart: %s; make the rule soft, or use fewer rounds",
                         "セッション %s: 同じ所属の人（または別席の希望）は必ず別の席のはずが、席替え後の席で同席しています: %s。ルールを努力目標にするか、席替えの回数を減らしてください"),
                      in->spec->id, pair);
    free(pair);
    return TSUNAGU_SOLVE_INFEASIBLE;
}

/* A soft no_pair_twice that the rounds do not keep: a warning on the plan
 * (the report prints it), worded by the rule (rule_repeats_warning), with
 * why no seating can do with fewer when that is so. */
static void warn_repeats(tsunagu_plan *plan, const later_input *in)
{
    strbuf why = {0};
    strbuf_add(&why, "");
    why_unavoidable(in, &why);
    char *text = rule_repeats_warning(plan, in->s, why.data);
    if (text)
        tsunagu_plan_add_warning(plan, text);
    free(text);
    free(why.data);
}

int model_seat_rounds(tsunagu_plan *plan, int s, const tsunagu_solve_options *opt, double time_limit,
                      tsunagu_diags *diags)
{
    tsunagu_session_plan *sp = &plan->sessions[s];
    const int k = sp->spec->rounds;
    if (k <= 1)
        return 0;
    later_input in;
    if (!input_init(&in, plan, s, opt, diags)) {
        input_dispose(&in);
        return TSUNAGU_SOLVE_INFEASIBLE;
    }
    /* what round 1 already repeats of earlier sessions (no search removes
     * it), and what every later round must repeat of round 1 */
    long given = in.n > 0 && in.g > 0 ? round1_bound(&in) : 0;
    sp->repeats_bound = rule_repeated_pairs(plan, s, NULL) + given;
    const tsunagu_rule *rule = &sp->spec->rules[TSUNAGU_RULE_NO_PAIR_TWICE];
    bool keep_apart = rule->hard || rule->weight > 0;
    fill_met(&in, keep_apart, true);
    /* round 1's own repeats under `met` (colleagues at one table count),
     * and the later rounds' meetings of round 1's pairs: the search stops
     * there */
    long fixed = rounds_count_repeats(in.n, 1, in.first, in.met);
    rounds_spec rs;
    make_spec(&in, &rs, time_limit, fixed + given);
    if (!keep_apart)
        rs.pair_weight = 0;
    long counted = in.n > 0 && in.g > 0 ? rounds_lower_bound(&rs) : 0;
    if (counted > sp->repeats_bound)
        sp->repeats_bound = counted;
    double t0 = model_now();
    rounds_result *res = in.n > 0 && in.g > 0 ? rounds_search(&rs) : NULL;
    int *empty = NULL;
    if (!res) { /* nobody seated (or no tables): every round as round 1 */
        res = model_calloc(1, sizeof *res);
        res->table = empty = model_calloc((size_t)k * (size_t)in.n + 1, sizeof *res->table);
        for (int r = 0; r < k; r++)
            memcpy(res->table + (size_t)r * (size_t)in.n, in.first, (size_t)in.n * sizeof *in.first);
    }
    sp->later = model_calloc((size_t)k, sizeof *sp->later);
    sp->n_later = k - 1;
    for (int r = 1; r < k; r++)
        fill_round(&in, &sp->later[r - 1], res->table + (size_t)r * (size_t)in.n, TSUNAGU_STATUS_FEASIBLE,
                   model_now() - t0, res->stopped_at_time_limit);
    sp->repeats = rule_repeated_pairs(plan, s, NULL);
    /* proven only when the pairs reach the bound, nothing else was priced
     * and round 1 itself was proven */
    bool proven = sp->repeats <= sp->repeats_bound && !in.cost && !in.round_cost &&
                  sp->status == TSUNAGU_STATUS_OPTIMAL;
    for (int r = 0; r < sp->n_later; r++)
        sp->later[r].status = proven ? TSUNAGU_STATUS_OPTIMAL : TSUNAGU_STATUS_FEASIBLE;
    int rc = explain_hard(&in, res, diags);
    if (rc == 0)
        warn_repeats(plan, &in);
    rounds_result_free(res); /* its table, or `empty` */
    input_dispose(&in);
    return rc;
}
