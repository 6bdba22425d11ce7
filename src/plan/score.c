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

void tsunagu_plan_score(tsunagu_plan *p)
{
    const tsunagu_roster *ro = p->roster;
    size_t n = ro->count;
    /* Scores judge what the tables say, not the seat cache beside them. */
    int **where = plan_seating(p);
    rule_view v = {.plan = p, .where = where};
    for (size_t i = 0; i < n; i++)
        v.eligible += tsunagu_roster_seated(ro, i);
    /* Colleagues share an organisation key (none: nobody's colleague);
     * numbered once here for every session's count. */
    strmap orgs = {0};
    int *org = malloc((n ? n : 1) * sizeof *org);
    if (!org)
        abort();
    for (size_t i = 0; i < n; i++) {
        const char *key = ro->items[i].org_key;
        org[i] = -1;
        if (!key || !key[0])
            continue;
        org[i] = strmap_get(&orgs, key);
        if (org[i] < 0) {
            org[i] = v.n_orgs++;
            strmap_put(&orgs, key, org[i]);
        }
    }
    strmap_dispose(&orgs);
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


int tsunagu_plan_hard_breaks(const tsunagu_plan *p, char **first)
{
    int breaks = 0;
    if (first)
        *first = NULL;
    for (int i = 0; p && i < p->n_scores; i++) {
        const tsunagu_score *sc = &p->scores[i];
        const tsunagu_measure *m = tsunagu_measure_find(sc->key);
        const tsunagu_session_spec *spec = NULL;
        for (int s = 0; s < p->n_sessions && !spec; s++)
            if (strcmp(p->sessions[s].spec->id, sc->session) == 0)
                spec = p->sessions[s].spec;
        /* the rules' own verdicts; stability's "moved" says nothing of this plan alone */
        if (!m || !spec || m->rule < 0 || m->rule == TSUNAGU_RULE_STABILITY || !spec->rules[m->rule].hard)
            continue;
        bool broken = (m->better < 0 && sc->value > 0) || (m->better > 0 && sc->of >= 0 && sc->value < sc->of);
        if (!broken)
            continue;
        if (first && !*first) {
            strbuf b = {0};
            strbuf_addf(&b, TR("session %s: %s %ld of %ld (the rule \"%s\" must hold)",
                               "セッション %s: %s %ld / %ld（必須の規則「%s」）"),
                        spec->id, tsunagu_measure_label(sc->key), sc->value, sc->of,
                        tsunagu_rule_label((tsunagu_rule_id)m->rule));
            *first = b.data;
        }
        breaks++;
    }
    return breaks;
}
