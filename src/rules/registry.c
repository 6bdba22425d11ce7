/* registry.c - the list of rules.  Adding a rule: its own file defining a
 * rule_def (with its model rows, rule_rows.h), one line here, its id in
 * tsunagu_rule_id (event.h), and its tests. */
#include "rules/rules_private.h"

#include <string.h>

#include "util/tr.h"

extern const rule_def rule_def_mix, rule_def_region, rule_def_colleagues, rule_def_experienced,
    rule_def_regions_mixed, rule_def_new_people, rule_def_stability, rule_def_requests,
    rule_def_no_pair_twice;

static const rule_def *const rules[TSUNAGU_RULE_COUNT] = {
    [TSUNAGU_RULE_MIX] = &rule_def_mix,
    [TSUNAGU_RULE_REGION] = &rule_def_region,
    [TSUNAGU_RULE_COLLEAGUES] = &rule_def_colleagues,
    [TSUNAGU_RULE_EXPERIENCED] = &rule_def_experienced,
    [TSUNAGU_RULE_REGIONS_MIXED] = &rule_def_regions_mixed,
    [TSUNAGU_RULE_NEW_PEOPLE] = &rule_def_new_people,
    [TSUNAGU_RULE_STABILITY] = &rule_def_stability,
    [TSUNAGU_RULE_REQUESTS] = &rule_def_requests,
    [TSUNAGU_RULE_NO_PAIR_TWICE] = &rule_def_no_pair_twice,
};

const rule_def *rules_get(tsunagu_rule_id id)
{
    return id >= 0 && id < TSUNAGU_RULE_COUNT ? rules[id] : NULL;
}

const char *tsunagu_rule_name(tsunagu_rule_id id)
{
    const rule_def *r = rules_get(id);
    return r ? r->name : "?";
}

int tsunagu_rule_parse(const char *name)
{
    for (int i = 0; name && i < TSUNAGU_RULE_COUNT; i++)
        if (strcmp(name, rules[i]->name) == 0)
            return i;
    return -1;
}

bool tsunagu_rule_applies(tsunagu_rule_id id, tsunagu_session_kind kind)
{
    const rule_def *r = rules_get(id);
    return r && (r->kinds & RULE_KIND(kind)) != 0;
}

tsunagu_rule tsunagu_rule_default(tsunagu_rule_id id)
{
    const rule_def *r = rules_get(id);
    return r ? r->defaults : (tsunagu_rule){0, false};
}

const char *tsunagu_rule_label(tsunagu_rule_id id)
{
    const rule_def *r = rules_get(id);
    return r ? TR(r->label_en, r->label_ja) : "?";
}

/* ---- measures, in plan order ---- */

/* -2: the roles' measures (roles.c), -1: the layout's, then each rule's. */
#define FIRST_OWNER (-2)
static const rule_def *owner(int k)
{
    return k == -2 ? &rule_def_roles : k < 0 ? &rule_def_layout : rules[k];
}

/* The measure of plan position `order` (1, 2, ...), or NULL. */
static const rule_measure *by_order(int order)
{
    for (int k = FIRST_OWNER; k < TSUNAGU_RULE_COUNT; k++)
        for (int m = 0; m < owner(k)->n_measures; m++)
            if (owner(k)->measures[m].pub.order == order)
                return &owner(k)->measures[m];
    return NULL;
}

size_t tsunagu_measure_count(void)
{
    size_t n = 0;
    for (int k = FIRST_OWNER; k < TSUNAGU_RULE_COUNT; k++)
        n += (size_t)owner(k)->n_measures;
    return n;
}

const rule_measure *rules_measure(size_t i)
{
    return by_order((int)i + 1);
}

const tsunagu_measure *tsunagu_measure_get(size_t i)
{
    const rule_measure *m = rules_measure(i);
    return m ? &m->pub : NULL;
}

const tsunagu_measure *tsunagu_measure_find(const char *key)
{
    for (int k = FIRST_OWNER; key && k < TSUNAGU_RULE_COUNT; k++)
        for (int m = 0; m < owner(k)->n_measures; m++)
            if (strcmp(owner(k)->measures[m].pub.key, key) == 0)
                return &owner(k)->measures[m].pub;
    return NULL;
}

const char *tsunagu_measure_label(const char *key)
{
    const tsunagu_measure *m = tsunagu_measure_find(key);
    return m ? TR(m->report_en, m->report_ja) : key;
}

double rules_walkin_cost(const tsunagu_plan *p, int s, size_t i, int t, int *forbidden_by)
{
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    const rule_seat seat = {p, s, i, t};
    double c = 0.01 * (double)p->sessions[s].tables[t].n_members; /* prefer the emptier table */
    *forbidden_by = -1;
    for (int k = 0; k < TSUNAGU_RULE_COUNT; k++)
        if (rules[k]->walkin && (rules[k]->kinds & RULE_KIND(spec->kind))) {
            double ck = rules[k]->walkin(&seat, &spec->rules[k]);
            if (ck >= RULE_FORBIDDEN && *forbidden_by < 0)
                *forbidden_by = k;
            c += ck;
        }
    return c;
}

void rules_model_rows(rule_rows *m)
{
    for (int i = 0; i < TSUNAGU_RULE_COUNT; i++)
        if (rules[i]->rows && (rules[i]->kinds & RULE_KIND(m->spec->kind)))
            rules[i]->rows(m, &m->spec->rules[i]);
}
