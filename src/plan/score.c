/* score.c - a plan's scores: every rule's measures (src/rules/), counted
 * from the tables alone. */
#include "tsunagu/plan.h"
#include "plan/plan_private.h"
#include "tsunagu/text.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/tr.h"
#include "rules/rules_private.h"

#define PLAN_MAX_BYTES (64u << 20)
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)


/* ---- scores ----------------------------------------------------------- */

typedef struct {
    tsunagu_score *items;
    int count, cap;
} score_list;

static void add_score(score_list *l, const char *session, const char *key, long value, long of)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        tsunagu_score *items = realloc(l->items, (size_t)l->cap * sizeof *items);
        if (!items)
            abort();
        l->items = items;
    }
    tsunagu_score *s = &l->items[l->count++];
    s->session = tsunagu_strdup(session);
    s->key = tsunagu_strdup(key);
    s->value = value;
    s->of = of;
}

/* Colleagues share an organisation key (none: nobody's colleague):
 * numbered once for every session's count.  New array, *n_orgs of them. */
static int *number_orgs(const tsunagu_roster *ro, int *n_orgs)
{
    size_t n = ro->count;
    strmap orgs = {0};
    int *org = malloc((n ? n : 1) * sizeof *org);
    if (!org)
        abort();
    *n_orgs = 0;
    for (size_t i = 0; i < n; i++) {
        const char *key = ro->items[i].org_key;
        org[i] = -1;
        if (!key || !key[0])
            continue;
        org[i] = strmap_get(&orgs, key);
        if (org[i] < 0) {
            org[i] = (*n_orgs)++;
            strmap_put(&orgs, key, org[i]);
        }
    }
    strmap_dispose(&orgs);
    return org;
}

void tsunagu_plan_score(tsunagu_plan *p)
{
    const tsunagu_roster *ro = p->roster;
    size_t n = ro->count;
    /* Scores judge what the tables say, not the seat cache beside them. */
    int **where = plan_seating(p);
    rule_view v = {.plan = p, .where = where};
    for (size_t i = 0; i < n; i++)
        v.eligible += tsunagu_roster_seated(ro, i);
    int *org = number_orgs(ro, &v.n_orgs);
    v.org = org;

    /* every rule's measures for the session's kind, in plan order */
    score_list l = {0};
    for (int s = 0; s < p->n_sessions; s++) {
        v.s = s;
        v.seated = 0;
        for (size_t i = 0; i < n; i++)
            v.seated += where[s][i] >= 0;
        const tsunagu_session_spec *spec = p->sessions[s].spec;
        for (size_t m = 0; m < tsunagu_measure_count(); m++) {
            const rule_measure *rm = rules_measure(m);
            long value, of;
            if ((rm->pub.kinds & RULE_KIND(spec->kind)) && rm->count(&v, &value, &of))
                add_score(&l, spec->id, rm->pub.key, value, of);
        }
    }
    plan_free_seating(p, where);
    free(org);
    plan_free_scores(p->scores, p->n_scores);
    p->scores = l.items;
    p->n_scores = l.count;
}

long tsunagu_plan_score_get(const tsunagu_plan *p, const char *session, const char *key)
{
    for (int i = 0; p && session && key && i < p->n_scores; i++)
        if (strcmp(p->scores[i].session, session) == 0 && strcmp(p->scores[i].key, key) == 0)
            return p->scores[i].value;
    return -1;
}


/* "session morning" or "session morning, round 2" for the sentence
 * naming a break. */
static void break_where(strbuf *b, const tsunagu_session_spec *spec, int round)
{
    if (round > 1)
        strbuf_addf(b, TR("session %s, round %d", "セッション %s %d回目"), spec->id, round);
    else
        strbuf_addf(b, TR("session %s", "セッション %s"), spec->id);
}

/* Whether score sc of a session with this spec shows a hard rule broken;
 * the first such, said in *first (when first and *first is NULL). */
static bool score_breaks(const tsunagu_score *sc, const tsunagu_session_spec *spec, int round, char **first)
{
    const tsunagu_measure *m = tsunagu_measure_find(sc->key);
    /* the rules' own verdicts; stability's "moved" says nothing of this plan alone */
    if (!m || !spec || m->rule < 0 || m->rule == TSUNAGU_RULE_STABILITY || !spec->rules[m->rule].hard)
        return false;
    bool broken = (m->better < 0 && sc->value > 0) || (m->better > 0 && sc->of >= 0 && sc->value < sc->of);
    if (broken && first && !*first) {
        strbuf b = {0};
        break_where(&b, spec, round);
        strbuf_addf(&b, TR(": %s %ld of %ld (the rule \"%s\" must hold)", ": %s %ld / %ld（必須の規則「%s」）"),
                    tsunagu_measure_label(sc->key), sc->value, sc->of,
                    tsunagu_rule_label((tsunagu_rule_id)m->rule));
        *first = b.data;
    }
    return broken;
}

/* The rules every later round keeps as round 1 does (docs/event-format.md,
 * "Rounds": pins, requests and roles are round 1's; meetings again are
 * the session's, judged with round 1). */
static bool kept_in_rounds(int rule)
{
    return rule == TSUNAGU_RULE_MIX || rule == TSUNAGU_RULE_EXPERIENCED || rule == TSUNAGU_RULE_COLLEAGUES;
}

/* Tables of round `round` (2 ..) of session s outside the size range where
 * round 1's table is inside it (the rounds seat round 1's sizes: a
 * cancellation can empty a later table that round 1 keeps full). */
static int round_size_breaks(const tsunagu_plan *p, int s, int round, char **first)
{
    const tsunagu_session_plan *sp = &p->sessions[s], *rp = &sp->later[round - 2];
    const int lo = sp->spec->min_size, hi = sp->spec->max_size;
    int breaks = 0;
    for (int t = 0; t < rp->n_tables && t < sp->n_tables; t++) {
        long n = (long)rp->tables[t].n_members, n1 = (long)sp->tables[t].n_members;
        if ((n >= lo && n <= hi) || n1 < lo || n1 > hi)
            continue;
        if (first && !*first) {
            strbuf b = {0};
            break_where(&b, sp->spec, round);
            strbuf_addf(&b, TR(": %s seats %ld, outside the size range %d-%d (round 1: %ld)",
                               ": %s が %ld 人（人数の範囲 %d〜%d 人の外。1回目は %ld 人）"),
                        rp->tables[t].label, n, lo, hi, n1);
            *first = b.data;
        }
        breaks++;
    }
    return breaks;
}

/* Hard rules broken in round `round` (2 ..) of session s, judged by the
 * rules' own measures on a view of the plan whose session s is that
 * round, and its sizes against round 1's. */
static int round_breaks(const tsunagu_plan *p, int s, int round, char **first)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    tsunagu_plan view = *p;
    tsunagu_session_plan *sessions = malloc(((size_t)p->n_sessions + 1) * sizeof *sessions);
    if (!sessions)
        abort();
    memcpy(sessions, p->sessions, (size_t)p->n_sessions * sizeof *sessions);
    sessions[s] = sp->later[round - 2];
    sessions[s].spec = sp->spec;
    sessions[s].later = NULL;
    sessions[s].n_later = 0;
    view.sessions = sessions;
    int **where = plan_seating(&view);
    rule_view v = {.plan = &view, .s = s, .where = where};
    for (size_t i = 0; i < p->roster->count; i++) {
        v.eligible += tsunagu_roster_seated(p->roster, i);
        v.seated += where[s][i] >= 0;
    }
    int *org = number_orgs(p->roster, &v.n_orgs);
    v.org = org;
    int breaks = 0;
    for (size_t k = 0; k < tsunagu_measure_count(); k++) {
        const rule_measure *rm = rules_measure(k);
        tsunagu_score sc = {.session = (char *)sp->spec->id, .key = (char *)rm->pub.key};
        if ((rm->pub.kinds & RULE_KIND(sp->spec->kind)) && kept_in_rounds(rm->pub.rule) &&
            rm->count(&v, &sc.value, &sc.of))
            breaks += score_breaks(&sc, sp->spec, round, first);
    }
    free(org);
    plan_free_seating(&view, where);
    free(sessions);
    return breaks + round_size_breaks(p, s, round, first);
}

int tsunagu_plan_hard_breaks(const tsunagu_plan *p, char **first)
{
    int breaks = 0;
    if (first)
        *first = NULL;
    for (int i = 0; p && i < p->n_scores; i++) {
        const tsunagu_score *sc = &p->scores[i];
        const tsunagu_session_spec *spec = NULL;
        for (int s = 0; s < p->n_sessions && !spec; s++)
            if (strcmp(p->sessions[s].spec->id, sc->session) == 0)
                spec = p->sessions[s].spec;
        breaks += score_breaks(sc, spec, 1, first);
    }
    for (int s = 0; p && s < p->n_sessions; s++)
        for (int r = 0; r < p->sessions[s].n_later; r++)
            breaks += round_breaks(p, s, r + 2, first);
    return breaks;
}
