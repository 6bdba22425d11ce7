/* exchange.c - the morning: mixed tables by region.
 *
 * Layout first: the number of tables follows the size range, regions too
 * small to fill a table are merged with a neighbour (border graph), and
 * the tables are shared out among these region clusters in proportion to
 * their headcount.  Then the counting model seats everyone: at a table of
 * their own or an interest region where the numbers allow, else as near as
 * the border graph goes, both sides mixed, colleagues apart, an
 * experienced member everywhere. */
#include "model_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"
#include "util/tr.h"
#include "tsunagu/text.h"


typedef struct {
    int n;
    int *cluster_of; /* per region: cluster id (a region index), -1 when nobody is from there */
    int *total;      /* per cluster id: headcount */
} clusters;

static int cluster_distance(const tsunagu_regions *rg, const clusters *cl, int a, int b)
{
    int nr = tsunagu_regions_count(rg), best = TSUNAGU_FAR;
    for (int r = 0; r < nr; r++)
        for (int q = 0; q < nr; q++)
            if (cl->cluster_of[r] == a && cl->cluster_of[q] == b) {
                int d = tsunagu_regions_distance(rg, r, q);
                if (d < best)
                    best = d;
            }
    return best;
}

/* Merge clusters smaller than `small` (or, while there are more clusters
 * than tables, the smallest) into their nearest, smallest neighbour. */
static void merge_clusters(const tsunagu_regions *rg, clusters *cl, int small, int tables)
{
    int nr = tsunagu_regions_count(rg);
    for (;;) {
        int count = 0, victim = -1;
        for (int c = 0; c < nr; c++) {
            if (cl->total[c] <= 0 || cl->cluster_of[c] != c)
                continue;
            count++;
            if (victim < 0 || cl->total[c] < cl->total[victim])
                victim = c;
        }
        if (count <= 1 || victim < 0 || (cl->total[victim] >= small && count <= tables))
            return;
        int into = -1, into_d = 0;
        for (int c = 0; c < nr; c++) {
            if (c == victim || cl->total[c] <= 0 || cl->cluster_of[c] != c)
                continue;
            int d = cluster_distance(rg, cl, victim, c);
            if (into < 0 || d < into_d || (d == into_d && cl->total[c] < cl->total[into])) {
                into = c;
                into_d = d;
            }
        }
        if (into < 0)
            return;
        /* keep the lower region index as the cluster id: tables stay in table order */
        int keep = victim < into ? victim : into, gone = victim < into ? into : victim;
        for (int r = 0; r < nr; r++)
            if (cl->cluster_of[r] == gone)
                cl->cluster_of[r] = keep;
        cl->total[keep] += cl->total[gone];
        cl->total[gone] = 0;
    }
}

/* Share T tables among clusters: at least one each, then by largest remainder. */
static void apportion(const clusters *cl, int nr, int N, int T, int *alloc)
{
    double *quota = calloc((size_t)nr, sizeof(double));
    int sum = 0;
    for (int c = 0; c < nr; c++) {
        alloc[c] = 0;
        if (cl->total[c] <= 0 || cl->cluster_of[c] != c)
            continue;
        quota[c] = (double)cl->total[c] * T / N;
        alloc[c] = (int)quota[c] < 1 ? 1 : (int)quota[c];
        sum += alloc[c];
    }
    while (sum < T) {
        int best = -1;
        for (int c = 0; c < nr; c++)
            if (alloc[c] > 0 && (best < 0 || quota[c] - alloc[c] > quota[best] - alloc[best]))
                best = c;
        alloc[best]++;
        sum++;
    }
    while (sum > T) {
        int best = -1;
        for (int c = 0; c < nr; c++)
            if (alloc[c] > 1 && (best < 0 || quota[c] - alloc[c] < quota[best] - alloc[best]))
                best = c;
        if (best < 0)
            break;
        alloc[best]--;
        sum--;
    }
    free(quota);
}

/* Region costs: one row per home region and interest regions (the types
 * share them), in the order the types first need them. */
static void make_costs(seat_problem *sp)
{
    const tsunagu_roster *r = sp->roster;
    const tsunagu_rule *rule = &sp->spec->rules[TSUNAGU_RULE_REGION];
    const int T = sp->n_tables;
    strmap rows = {0};
    char **keys = model_calloc((size_t)sp->n_types, sizeof(char *));
    sp->cost_row = model_calloc((size_t)sp->n_types, sizeof(int));
    for (int k = 0; k < sp->n_types; k++) {
        const tsunagu_attendee *a = &r->items[sp->types[k].members[0]];
        strbuf key = {0};
        strbuf_addf(&key, "%d|", a->region);
        for (int j = 0; j < a->n_interests; j++)
            strbuf_addf(&key, "%d,", a->interests[j]);
        int q = strmap_get(&rows, key.data);
        if (q >= 0) {
            free(key.data);
            sp->cost_row[k] = q;
            continue;
        }
        q = sp->n_cost_rows++;
        keys[q] = key.data;
        strmap_put(&rows, keys[q], q);
        sp->cost_row[k] = q;
        sp->costs = model_realloc(sp->costs, (size_t)sp->n_cost_rows * (size_t)T * sizeof(double));
        for (int u = 0; u < T; u++) /* negative: forbidden */
            sp->costs[(size_t)q * T + u] = rule_region_cost(sp->regions, rule, a, sp->table_regions[u],
                                                            sp->n_table_regions[u], sp->n_seated);
    }
    for (int q = 0; q < sp->n_cost_rows; q++)
        free(keys[q]);
    free(keys);
    strmap_dispose(&rows);
}

/* Hard rules that the numbers alone rule out, in the user's terms: mix
 * (too few of one side for T tables) and experienced (too few experienced
 * people).  Returns true when one is ruled out (errors in diags). */
static bool numbers_rule_out(const tsunagu_session_spec *spec, const tsunagu_professions *pt, int T,
                             int N, const int *side_count, int E, tsunagu_diags *diags)
{
    const tsunagu_rule *R = spec->rules;
    bool impossible = false;
    int short_side = -1;
    for (int c = 0; c < spec->n_sides; c++)
        if (side_count[c] < T && (short_side < 0 || side_count[c] < side_count[short_side]))
            short_side = c;
    if (R[TSUNAGU_RULE_MIX].hard && short_side >= 0) {
        /* Say what the list lacks and what would help: with none of one
         * side no table count helps, with a few at most that many tables do. */
        const int few = side_count[short_side];
        char *side = tsunagu_session_side_text(spec, pt, short_side);
        strbuf all = {0};
        for (int c = 0; c < spec->n_sides; c++) {
            char *text = tsunagu_session_side_text(spec, pt, c);
            strbuf_addf(&all, "%s%s", c ? " / " : "", text);
            free(text);
        }
        if (few == 0)
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("session %s must seat each side of the mix rule (%s) at every table, but the list has no %s attendee: make mixing soft (\"mix\": {\"hard\": false})",
                                 "セッション %s はすべてのテーブルに mix ルールの各サイド（%s）の人が必要ですが、名簿に%sがいません: 混合を努力目標にしてください（\"mix\": {\"hard\": false}）"),
                              spec->id, all.data, side);
        else
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              few * spec->max_size < N && few == 1
                                  ? TR("session %1$s has %2$d tables but only %3$d %4$s attendee to mix in, one for each table, and fewer tables cannot seat all %5$d people (at most %6$d each): make mixing soft (\"mix\": {\"hard\": false})",
                                       "セッション %1$s は %2$d テーブルですが、混ぜる%4$sは %3$d 人しかいません。テーブルを減らすと %5$d 人が座れません（1 テーブル最大 %6$d 人）: 混合を努力目標にしてください（\"mix\": {\"hard\": false}）")
                              : few * spec->max_size < N
                                  ? TR("session %1$s has %2$d tables but only %3$d %4$s attendees to mix in, one for each table, and fewer tables cannot seat all %5$d people (at most %6$d each): make mixing soft (\"mix\": {\"hard\": false})",
                                       "セッション %1$s は %2$d テーブルですが、混ぜる%4$sは %3$d 人しかいません。テーブルを減らすと %5$d 人が座れません（1 テーブル最大 %6$d 人）: 混合を努力目標にしてください（\"mix\": {\"hard\": false}）")
                              : few == 1
                                  ? TR("session %1$s has %2$d tables but only %3$d %4$s attendee to mix in, one for each table: use at most %3$d table (\"tables\" in the event file) or make mixing soft (\"mix\": {\"hard\": false})",
                                       "セッション %1$s は %2$d テーブルですが、混ぜる%4$sは %3$d 人しかいません: テーブルを %3$d 以下にするか（イベントファイルの \"tables\"）、混合を努力目標にしてください（\"mix\": {\"hard\": false}）")
                                  : TR("session %1$s has %2$d tables but only %3$d %4$s attendees to mix in, one for each table: use at most %3$d tables (\"tables\" in the event file) or make mixing soft (\"mix\": {\"hard\": false})",
                                       "セッション %1$s は %2$d テーブルですが、混ぜる%4$sは %3$d 人しかいません: テーブルを %3$d 以下にするか（イベントファイルの \"tables\"）、混合を努力目標にしてください（\"mix\": {\"hard\": false}）"),
                              spec->id, T, few, side, N, spec->max_size);
        free(side);
        free(all.data);
        impossible = true;
    }
    if (R[TSUNAGU_RULE_EXPERIENCED].hard && E < T) {
        if (E == 0)
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("session %s needs an experienced attendee at every table, but nobody on the list is experienced: make the rule soft (\"experienced\": {\"hard\": false})",
                                 "セッション %s はすべてのテーブルに経験者が必要ですが、名簿に経験者がいません: ルールを努力目標にしてください（\"experienced\": {\"hard\": false}）"),
                              spec->id);
        else
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              E * spec->max_size < N
                                  ? TR("session %1$s has %2$d tables but only %3$d %4$s, one for each table, and fewer tables cannot seat all %5$d people (at most %6$d each): make the rule soft (\"experienced\": {\"hard\": false})",
                                       "セッション %1$s は %2$d テーブルですが、%4$sは %3$d 人しかいません。テーブルを減らすと %5$d 人が座れません（1 テーブル最大 %6$d 人）: ルールを努力目標にしてください（\"experienced\": {\"hard\": false}）")
                              : E == 1
                                  ? TR("session %1$s has %2$d tables but only %3$d %4$s, one for each table: use at most %3$d table (\"tables\" in the event file) or make the rule soft (\"experienced\": {\"hard\": false})",
                                       "セッション %1$s は %2$d テーブルですが、%4$sは %3$d 人しかいません: テーブルを %3$d 以下にするか（イベントファイルの \"tables\"）、ルールを努力目標にしてください（\"experienced\": {\"hard\": false}）")
                                  : TR("session %1$s has %2$d tables but only %3$d %4$s, one for each table: use at most %3$d tables (\"tables\" in the event file) or make the rule soft (\"experienced\": {\"hard\": false})",
                                       "セッション %1$s は %2$d テーブルですが、%4$sは %3$d 人しかいません: テーブルを %3$d 以下にするか（イベントファイルの \"tables\"）、ルールを努力目標にしてください（\"experienced\": {\"hard\": false}）"),
                              spec->id, T, E, E == 1 ? TR("experienced attendee", "経験者") : TR("experienced attendees", "経験者"), N,
                              spec->max_size);
        impossible = true;
    }
    return impossible;
}

/* Re-planning: the tables of the previous plan, ids, labels and regions
 * (by name: the previous plan's region table may differ). */
static void previous_tables(seat_problem *sp, const tsunagu_session_plan *prev, int T, int lo, int hi,
                            const tsunagu_solve_options *opt)
{
    const tsunagu_regions *rg = sp->regions;
    const int nr = tsunagu_regions_count(rg);
    seat_problem_tables(sp, T);
    for (int t = 0; t < T; t++) {
        const tsunagu_table *pt = &prev->tables[t];
        sp->lo[t] = lo;
        sp->hi[t] = hi;
        sp->table_ids[t] = tsunagu_strdup(pt->id);
        sp->table_labels[t] = tsunagu_strdup(pt->label);
        sp->table_regions[t] = calloc((size_t)nr + 1, sizeof(int));
        for (int j = 0; j < pt->n_regions; j++) {
            int q = tsunagu_regions_find(rg, tsunagu_regions_name(opt->previous->regions, pt->regions[j]));
            if (q >= 0)
                sp->table_regions[t][sp->n_table_regions[t]++] = q;
        }
    }
}

/* Layout: region clusters and their tables, T in all, in cluster order. */
static void region_tables(seat_problem *sp, const bool *seated, int N, int T, int lo, int hi)
{
    const tsunagu_roster *r = sp->roster;
    const tsunagu_regions *rg = sp->regions;
    const tsunagu_session_spec *spec = sp->spec;
    const int nr = tsunagu_regions_count(rg);
    clusters cl = {.n = nr, .cluster_of = calloc((size_t)nr, sizeof(int)),
                   .total = calloc((size_t)nr, sizeof(int))};
    for (int q = 0; q < nr; q++)
        cl.cluster_of[q] = q;
    for (size_t i = 0; i < r->count; i++)
        if (seated[i])
            cl.total[r->items[i].region]++;
    for (int q = 0; q < nr; q++)
        if (cl.total[q] == 0)
            cl.cluster_of[q] = -1;
    merge_clusters(rg, &cl, lo, T);
    int *alloc = calloc((size_t)nr, sizeof(int));
    apportion(&cl, nr, N, T, alloc);
    seat_problem_tables(sp, T);
    int t = 0;
    for (int c = 0; c < nr; c++)
        for (int j = 0; j < alloc[c]; j++, t++) {
            sp->lo[t] = lo;
            sp->hi[t] = hi;
            sp->table_regions[t] = calloc((size_t)nr, sizeof(int));
            for (int q = 0; q < nr; q++)
                if (cl.cluster_of[q] == c)
                    sp->table_regions[t][sp->n_table_regions[t]++] = q;
            sp->table_ids[t] = tsunagu_session_table_id(spec, NULL, t);
            sp->table_labels[t] = tsunagu_session_table_label(spec, NULL, t);
        }
    free(alloc);
    free(cl.cluster_of);
    free(cl.total);
}

/* Seating types: side, region, experience, colleagues, interest regions
 * and the marks (pins, previous tables, requests). */
static void add_types(seat_problem *sp, const bool *seated, int *group_of, type_marks *marks)
{
    const tsunagu_roster *r = sp->roster;
    strbuf key = {0};
    for (size_t i = 0; i < r->count; i++) {
        if (!seated[i])
            continue;
        const tsunagu_attendee *a = &r->items[i];
        key.len = 0;
        strbuf_addf(&key, "%d|%d|%d|%d|", a->profession, a->region, a->experience,
                    group_of[i]);
        type_marks_key(marks, r, i, &key);
        for (int j = 0; j < a->n_interests; j++)
            strbuf_addf(&key, "%d,", a->interests[j]);
        seat_type proto = {.side = sp->spec->side[a->profession],
                           .experienced = a->experience == TSUNAGU_EXPERIENCED,
                           .region = a->region, .track = 0, .pin = marks->pin[i],
                           .previous = marks->previous[i],
                           .groups = group_of[i] >= 0 ? &group_of[i] : NULL,
                           .n_groups = group_of[i] >= 0};
        marks->type_of[i] = seat_problem_add(sp, i, key.data, &proto);
    }
    free(key.data);
}

/* Whether a previous table and a fresh one cover the same regions (exact)
 * or share one. */
static bool regions_agree(const tsunagu_regions *old_rg, const tsunagu_table *pt, const seat_problem *sp,
                          int t, bool exact)
{
    int shared = 0;
    for (int j = 0; j < pt->n_regions; j++) {
        int q = tsunagu_regions_find(sp->regions, tsunagu_regions_name(old_rg, pt->regions[j]));
        for (int k = 0; k < sp->n_table_regions[t]; k++)
            shared += sp->table_regions[t][k] == q;
    }
    return exact ? shared == pt->n_regions && shared == sp->n_table_regions[t] : shared > 0;
}

static void swap_int(int *v, int a, int b)
{
    int tmp = v[a];
    v[a] = v[b];
    v[b] = tmp;
}

static void swap_tables(seat_problem *sp, int a, int b)
{
    swap_int(sp->lo, a, b);
    swap_int(sp->hi, a, b);
    swap_int(sp->table_track, a, b);
    swap_int(sp->n_table_regions, a, b);
    int *regions = sp->table_regions[a];
    sp->table_regions[a] = sp->table_regions[b];
    sp->table_regions[b] = regions;
    char *id = sp->table_ids[a], *label = sp->table_labels[a];
    sp->table_ids[a] = sp->table_ids[b];
    sp->table_labels[a] = sp->table_labels[b];
    sp->table_ids[b] = id;
    sp->table_labels[b] = label;
}

/* A re-plan whose previous tables no longer fit the session (its sizes or
 * its table count changed): the fresh layout of T tables, each taking over
 * the id and label of a previous table of the same regions (else one
 * sharing a region) while any is left, so its printed sign stays right;
 * the rest get ids no previous table had.  Says which tables are new and
 * which are gone into *news and *gone (", "-separated ids). */
static void resized_tables(seat_problem *sp, const bool *seated, int N, int T, int lo, int hi,
                           const tsunagu_session_plan *prev, const tsunagu_regions *old_rg,
                           strbuf *news, strbuf *gone)
{
    region_tables(sp, seated, N, T, lo, hi);
    bool *kept = model_calloc((size_t)prev->n_tables + 1, sizeof(bool));
    bool *taken = model_calloc((size_t)T + 1, sizeof(bool));
    for (int pass = 0; pass < 2; pass++)
        for (int t = 0; t < T; t++)
            for (int p = 0; p < prev->n_tables && !taken[t]; p++)
                if (!kept[p] && regions_agree(old_rg, &prev->tables[p], sp, t, pass == 0)) {
                    free(sp->table_ids[t]);
                    free(sp->table_labels[t]);
                    sp->table_ids[t] = tsunagu_strdup(prev->tables[p].id);
                    sp->table_labels[t] = tsunagu_strdup(prev->tables[p].label);
                    kept[p] = taken[t] = true;
                }
    int next = 0; /* new tables: ids after every previous one, never a sign printed before */
    for (int t = 0; t < T; t++) {
        if (taken[t])
            continue;
        for (;; next++) {
            char *id = tsunagu_session_table_id(sp->spec, NULL, next);
            bool used = false;
            for (int p = 0; p < prev->n_tables; p++)
                used |= strcmp(prev->tables[p].id, id) == 0;
            for (int u = 0; u < T; u++)
                used |= taken[u] && strcmp(sp->table_ids[u], id) == 0;
            free(id);
            if (!used)
                break;
        }
        free(sp->table_ids[t]);
        free(sp->table_labels[t]);
        sp->table_ids[t] = tsunagu_session_table_id(sp->spec, NULL, next);
        sp->table_labels[t] = tsunagu_session_table_label(sp->spec, NULL, next);
        taken[t] = true;
        strbuf_addf(news, "%s%s", news->len ? ", " : "", sp->table_ids[t]);
    }
    for (int p = 0; p < prev->n_tables; p++)
        if (!kept[p])
            strbuf_addf(gone, "%s%s", gone->len ? ", " : "", prev->tables[p].id);
    free(kept);
    free(taken);
    /* in the order of their numbers, as the map and the signs print them */
    for (int t = 1; t < T; t++)
        for (int u = t; u > 0 && atol(sp->table_ids[u - 1]) > atol(sp->table_ids[u]); u--)
            swap_tables(sp, u - 1, u);
}

/* The number of tables: the previous plan's, the event's, or the balanced
 * split (*exact false when no count fits the size range).  Returns it, or
 * -1 when the session cannot have that many (errors in diags). */
static int exchange_table_count(const tsunagu_plan *plan, const tsunagu_session_spec *spec,
                                const tsunagu_session_plan *prev, int N, bool *exact,
                                tsunagu_diags *diags)
{
    *exact = true;
    int T = spec->tables > 0 ? spec->tables : tsunagu_table_count(N, spec->min_size, spec->max_size, exact);
    /* A re-plan keeps the printed tables while people fit them (the event's
     * count, or the organiser's sizes for a derived one), else adds or
     * removes as few as the sizes need. */
    if (prev && spec->tables <= 0 && *exact)
        T = model_nearest_count(prev->n_tables, N, spec->min_size, spec->max_size);
    else if (prev && spec->tables <= 0) /* no count fits the sizes: keep the tables there are */
        T = prev->n_tables;
    if (T > N) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, plan->event->source, 0,
                          TR("session %s asks for %d tables but only %d people are seated: lower the table count",
                             "セッション %s は %d テーブルですが、席につくのは %d 人です。テーブル数を減らしてください"),
                          spec->id, T, N);
        return -1;
    }
    if (spec->tables > 0 && N > T * spec->max_size) {
        /* A fixed number of tables is the room: its chairs are a limit. */
        tsunagu_diags_add(diags, TSUNAGU_ERROR, plan->event->source, 0,
                          TR("session %s: %d people to seat but only %d seats (%d tables of at most %d): raise \"tables\" or \"size\" \"max\" in the event file",
                             "セッション %s: 席につくのは %d 人ですが、席は %d しかありません（%d テーブル × 最大 %d 人）。イベントファイルの \"tables\" か \"size\" の \"max\" を増やしてください"),
                          spec->id, N, T * spec->max_size, T, spec->max_size);
        return -1;
    }
    return T;
}

int seat_exchange(tsunagu_plan *plan, int s, const tsunagu_solve_options *opt, double time_limit,
                  tsunagu_diags *diags)
{
    const double started = model_now(); /* building the model counts against the limit */
    const tsunagu_roster *r = plan->roster;
    const tsunagu_session_spec *spec = &plan->event->sessions[s];
    int rc = -1;

    bool *seated = calloc(r->count ? r->count : 1, sizeof(bool));
    int N = 0, E = 0, side_count[TSUNAGU_MAX_PROFESSIONS] = {0};
    for (size_t i = 0; i < r->count; i++) {
        seated[i] = tsunagu_roster_seated(r, i);
        N += seated[i];
        if (seated[i] && spec->side[r->items[i].profession] >= 0)
            side_count[spec->side[r->items[i].profession]]++;
        E += seated[i] && r->items[i].experience == TSUNAGU_EXPERIENCED;
    }
    if (N == 0) {
        char *codes = tsunagu_professions_codes(r->professions, true);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, 0,
                          TR("nobody to seat in session %s: the list has no attendee of a seated profession (%s)",
                             "セッション %s で席につく人がいません（%s の参加者がいない）"),
                          spec->id, codes);
        free(codes);
        free(seated);
        return -1;
    }
    bool exact;
    const tsunagu_session_plan *prev = model_previous_session(opt, spec->id);
    int T = exchange_table_count(plan, spec, prev, N, &exact, diags);
    if (T < 0) {
        free(seated);
        return -1;
    }
    int lo = N / T, hi = (N + T - 1) / T;
    if (prev) {
        /* Re-planning keeps the printed tables: sizes may drift within the
         * organiser's range instead of being evened out by moving people. */
        lo = lo < spec->min_size ? lo : spec->min_size;
        hi = hi > spec->max_size ? hi : spec->max_size;
    }
    if (!exact || N / T < spec->min_size || (N + T - 1) / T > spec->max_size)
        plan_warn(plan,
                  TR("session %s: %d people cannot sit at tables of %d-%d; %d tables of %d-%d are used",
                     "セッション %s: %d 人は %d〜%d 人のテーブルに分けられないため、%d テーブル（%d〜%d 人）にしました"),
                  spec->id, N, spec->min_size, spec->max_size, T, lo, hi);
    bool impossible = numbers_rule_out(spec, r->professions, T, N, side_count, E, diags);

    seat_problem sp = {.roster = r, .regions = plan->regions, .spec = spec, .index = s, .event = plan->event, .n_seated = N};
    seat_problem_sides(&sp, seated);
    int *group_of = NULL;
    model_colleague_groups(&sp, seated, &group_of);
    if (spec->rules[TSUNAGU_RULE_COLLEAGUES].hard)
        for (int g = 0; g < sp.n_groups; g++)
            if (sp.groups[g].size > T) {
                tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                                  TR("%s sends %d people but session %s has only %d tables: colleagues cannot all sit apart; make the rule soft (\"colleagues\": {\"hard\": false}) or add tables",
                                     "%s から %d 人が参加していますが、セッション %s のテーブルは %d です。同僚を全員別のテーブルにはできません: ルールを努力目標にするか、テーブルを増やしてください"),
                                  sp.groups[g].name, sp.groups[g].size, spec->id, T);
                impossible = true;
            }
    if (impossible)
        goto out;

    if (prev && T != prev->n_tables) {
        strbuf news = {0}, gone = {0};
        resized_tables(&sp, seated, N, T, lo, hi, prev, opt->previous->regions, &news, &gone);
        plan_warn(plan,
                  TR("session %s: %d people at %d-%d to a table need %d tables, not the previous plan's %d: new table(s): %s; table(s) gone: %s; some people move for this",
                     "セッション %1$s: %2$d 人を 1 テーブル %3$d〜%4$d 人にするには、前の計画の %6$d テーブルでなく %5$d テーブルが必要です。新しいテーブル: %7$s、なくなったテーブル: %8$s。そのために席を移る人がいます"),
                  spec->id, N, spec->min_size, spec->max_size, T, prev->n_tables, news.len ? news.data : "-",
                  gone.len ? gone.data : "-");
        free(news.data);
        free(gone.data);
        sp.replan = true;
    } else if (prev) {
        previous_tables(&sp, prev, T, lo, hi, opt);
        sp.replan = true;
    } else {
        region_tables(&sp, seated, N, T, lo, hi);
    }
    /* Seating types: pins, previous tables and requests keep people apart
     * from their otherwise interchangeable peers. */
    type_marks marks;
    if (type_marks_init(&marks, &sp, opt, seated, diags) != 0) {
        type_marks_dispose(&marks);
        goto out;
    }
    add_types(&sp, seated, group_of, &marks);
    model_add_requests(&sp, seated, &marks, plan);
    type_marks_dispose(&marks);
    make_costs(&sp);

    rc = model_seat_session(plan, s, &sp, opt, model_time_left(time_limit, started), diags);
out:
    free(group_of);
    seat_problem_dispose(&sp);
    free(seated);
    return rc;
}
