/* no_pair_twice.c - "no_pair_twice": in a session of several rounds (a
 * 席替え within the slot), nobody sits with the same person twice, in
 * this session's rounds or at an earlier session's tables.  The seating
 * of rounds 2 .. k is a search (model/later_rounds.c), which prices a
 * repeated meeting with this rule's weight; the rule only counts. */
#include "rules/rules_private.h"

#include "util/strbuf.h"
#include "util/tr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The round r of session s: 0 is the session's own tables, r >= 1 its
 * later[r - 1]. */
static const tsunagu_session_plan *round_of(const tsunagu_plan *p, int s, int r)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    return r == 0 ? sp : &sp->later[r - 1];
}

/* Add 1 to meet[a * n + b] (a < b as indices into idx) for every pair at
 * one table of round rp, or set it to 1 when `once`. */
static void count_round(const tsunagu_session_plan *rp, const long *idx, size_t n,
                        unsigned char *meet, bool once)
{
    for (int t = 0; t < rp->n_tables; t++) {
        const tsunagu_table *tb = &rp->tables[t];
        for (size_t x = 0; x < tb->n_members; x++)
            for (size_t y = x + 1; y < tb->n_members; y++) {
                long a = idx[tb->members[x]], b = idx[tb->members[y]];
                if (a < 0 || b < 0 || a == b)
                    continue;
                size_t at = a < b ? (size_t)a * n + (size_t)b : (size_t)b * n + (size_t)a;
                if (once)
                    meet[at] = 1;
                else if (meet[at] < 255)
                    meet[at]++;
            }
    }
}

/* meet[a * n + b] (a < b, seated indices): how often each pair of session
 * s's seated sat together, an earlier session counting once; *n the
 * seated.  New array the caller frees. */
static unsigned char *meetings(const tsunagu_plan *p, int s, size_t *n_out)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    const size_t count = p->roster->count;
    long *idx = malloc((count + 1) * sizeof *idx); /* attendee -> seated index */
    if (!idx)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        idx[i] = -1;
    for (int t = 0; t < sp->n_tables; t++)
        for (size_t k = 0; k < sp->tables[t].n_members; k++)
            if (sp->tables[t].members[k] < count && idx[sp->tables[t].members[k]] < 0)
                idx[sp->tables[t].members[k]] = (long)n++;
    unsigned char *meet = calloc(n * n + 1, 1);
    if (!meet)
        abort();
    for (int e = 0; e < s; e++) /* an earlier session: met once, however often */
        for (int r = 0; r <= p->sessions[e].n_later; r++)
            count_round(round_of(p, e, r), idx, n, meet, true);
    for (int r = 0; r <= sp->n_later; r++)
        count_round(round_of(p, s, r), idx, n, meet, false);
    free(idx);
    *n_out = n;
    return meet;
}

long rule_repeated_pairs(const tsunagu_plan *p, int s, long *pairs)
{
    size_t n;
    unsigned char *meet = meetings(p, s, &n);
    long repeats = 0;
    for (size_t i = 0; i < n * n; i++)
        repeats += meet[i] > 1 ? meet[i] - 1 : 0;
    free(meet);
    if (pairs)
        *pairs = (long)(n * (n > 0 ? n - 1 : 0) / 2);
    return repeats;
}

long rule_pairs_met_again(const tsunagu_plan *p, int s)
{
    size_t n;
    unsigned char *meet = meetings(p, s, &n);
    long again = 0;
    for (size_t i = 0; i < n * n; i++)
        again += meet[i] > 1;
    free(meet);
    return again;
}

long rule_spread_pairs(int seats, const int *cap, int groups)
{
    long room = 0;
    int most = 0;
    for (int i = 0; i < groups; i++) {
        room += cap[i] > 0 ? cap[i] : 0;
        most = cap[i] > most ? cap[i] : most;
    }
    if (seats <= 0)
        return 0;
    if (room < seats)
        return -1;
    /* the lowest level L with sum(min(cap, L)) >= seats: everyone at
     * min(cap, L - 1), and the rest one more each at groups that reach L */
    int level = 1;
    for (long filled = 0; level <= most; level++) {
        filled = 0;
        for (int i = 0; i < groups; i++)
            filled += cap[i] < level ? (cap[i] > 0 ? cap[i] : 0) : level;
        if (filled >= seats)
            break;
    }
    long pairs = 0, placed = 0;
    for (int i = 0; i < groups; i++) {
        long q = cap[i] < level - 1 ? (cap[i] > 0 ? cap[i] : 0) : level - 1;
        pairs += q * (q - 1) / 2;
        placed += q;
    }
    return pairs + (seats - placed) * (long)(level - 1); /* each extra meets level - 1 */
}

long rule_round1_bound(const tsunagu_plan *p, int s)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    if (sp->n_later <= 0)
        return 0;
    /* round 1 alone against the earlier sessions: the later rounds left out */
    tsunagu_session_plan alone = *sp;
    tsunagu_plan view = *p;
    tsunagu_session_plan *sessions = malloc(((size_t)p->n_sessions + 1) * sizeof *sessions);
    int *cap = malloc(((size_t)sp->n_tables + 1) * sizeof *cap);
    if (!sessions || !cap)
        abort();
    memcpy(sessions, p->sessions, (size_t)p->n_sessions * sizeof *sessions);
    alone.n_later = 0;
    sessions[s] = alone;
    view.sessions = sessions;
    long bound = rule_repeated_pairs(&view, s, NULL);
    free(sessions);
    for (int r = 0; r < sp->n_later; r++) {
        const tsunagu_session_plan *rp = &sp->later[r];
        for (int t = 0; t < rp->n_tables && rp->n_tables == sp->n_tables; t++) {
            for (int u = 0; u < sp->n_tables; u++) { /* round 1's people who may sit at t: */
                cap[u] = 0;                             /* its track's, and its own round-1 people */
                for (size_t m = 0; m < sp->tables[u].n_members; m++)
                    cap[u] += sp->spec->kind != TSUNAGU_WORKGROUP || u == t ||
                              rule_in_track(sp->spec, rp->tables[t].track,
                                            p->roster->items[sp->tables[u].members[m]].profession);
            }
            long pairs = rule_spread_pairs((int)rp->tables[t].n_members, cap, sp->n_tables);
            bound += pairs > 0 ? pairs : 0;
        }
    }
    free(cap);
    return bound;
}

int rule_round_meetings(const tsunagu_plan *p, int s, int round, size_t i, int t)
{
    const tsunagu_session_plan *at = round_of(p, s, round);
    const tsunagu_table *tb = &at->tables[t];
    int again = 0;
    for (size_t m = 0; m < tb->n_members; m++) {
        size_t j = tb->members[m];
        if (j == i)
            continue;
        bool met = false;
        for (int e = 0; e <= s && !met; e++)
            for (int r = 0; r <= p->sessions[e].n_later && !met; r++) {
                const tsunagu_session_plan *rp = round_of(p, e, r);
                if (e == s && r == round)
                    continue;
                met = rp->seat && rp->seat[i] >= 0 && rp->seat[i] == rp->seat[j];
            }
        again += met;
    }
    return again;
}

/* Counted for sessions of several rounds only: one round meets nobody
 * twice within the session (new_people counts earlier sessions). */
static bool repeated_pairs(const rule_view *v, long *value, long *of)
{
    if (v->plan->sessions[v->s].n_later <= 0)
        return false;
    *value = rule_repeated_pairs(v->plan, v->s, of);
    return true;
}

static const rule_measure measures[] = {
    {{"repeated_pairs", RULE_BOTH, TSUNAGU_RULE_NO_PAIR_TWICE, 18,
      "Meetings again across the rounds (a pair meeting three times counts two)",
      "席替えで同じ人と再び同席した回数（3回同席した組は2と数える）",
      NULL, NULL, 0, -1}, /* the summary's rounds line says it (tsunagu_plan_rounds_text) */
     repeated_pairs},
};

const rule_def rule_def_no_pair_twice = {
    .id = TSUNAGU_RULE_NO_PAIR_TWICE,
    .name = "no_pair_twice",
    .kinds = RULE_BOTH,
    .defaults = {100, false},
    .label_en = "Rounds: nobody meets the same person twice",
    .label_ja = "同じ人と二度同席しない",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
};

char *rule_repeats_warning(const tsunagu_plan *p, int s, const char *why)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    const tsunagu_session_spec *spec = sp->spec;
    if (sp->n_later <= 0 || sp->repeats <= 0 || spec->rules[TSUNAGU_RULE_NO_PAIR_TWICE].hard)
        return NULL;
    strbuf b = {0};
    strbuf_addf(&b, TR("session %s: %ld pairs sit together more than once over the %d rounds (%ld meetings again; at least %ld with round 1 as seated)",
                       "セッション %s: %3$d 回の席替えで %2$ld 組が二度以上同席します（再び同席した回数 %4$ld、1回目の席のもとでの下限 %5$ld）"),
                spec->id, rule_pairs_met_again(p, s), sp->n_later + 1, sp->repeats, sp->repeats_bound);
    if (sp->repeats <= sp->repeats_bound) {
        strbuf_add(&b, TR(": the fewest possible", ": これより少なくはできません"));
        if (why)
            strbuf_add(&b, why);
        strbuf_add(&b, TR("; more, smaller tables or fewer rounds would have fewer",
                          "。テーブルを小さく数を多くするか、席替えの回数を減らせば減ります"));
    } else {
        strbuf_addf(&b, TR(": the search weighs each against the other rules (no_pair_twice's weight, %g) and found no better seating; not proven the fewest: a higher weight, more time (--time-limit) or fewer rounds may give fewer",
                           ": 探索では1回につき no_pair_twice の重み %g でほかの条件と比べ、これよりよい席は見つかりませんでした（最少かは未証明）。重みを上げるか、時間を延ばすか（--time-limit）、席替えの回数を減らすと減ることがあります"),
                    spec->rules[TSUNAGU_RULE_NO_PAIR_TWICE].weight);
    }
    return b.data;
}

bool rule_is_repeats_warning(const char *warning, const char *session_id)
{
    char en[160], ja[160];
    snprintf(en, sizeof en, "session %s: ", session_id);
    snprintf(ja, sizeof ja, "セッション %s: ", session_id);
    bool mine = strncmp(warning, en, strlen(en)) == 0 || strncmp(warning, ja, strlen(ja)) == 0;
    return mine && (strstr(warning, " meetings again; at least ") || strstr(warning, "再び同席した回数 "));
}
