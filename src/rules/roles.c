/* roles.c - the role rules of a workgroup session: who may hold a group's
 * roles (司会, 書記, 発表者 on the bundled day) and what each choice costs.
 *
 * The roles and their rules are data of the event file
 * (docs/event-format.md, "Roles"); this file is the one home of what each
 * rule means: its name, defaults and labels, the cost of a holder under it
 * (the role model, the page's edits and the scores all ask here), and the
 * plan's role measures. */
#include "rules/rules_private.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/tr.h"

typedef struct {
    const char *name;  /* in event files */
    int arity;         /* roles named: "role" (1) or "roles" (2), none (0) */
    bool always_hard;  /* has no weight: must hold */
    tsunagu_rule defaults;
    const char *label_en, *label_ja;
} role_rule_def;

static const role_rule_def defs[TSUNAGU_ROLE_RULE_COUNT] = {
    [TSUNAGU_ROLE_RULE_EXPERIENCED] = {"experienced", 1, false, {10, true},
                                       "held by someone experienced (no newcomer)",
                                       "経験のある人が担う（これからの人には任せない）"},
    [TSUNAGU_ROLE_RULE_NOT_SAME_PERSON] = {"not_same_person", 2, true, {0, true},
                                           "never held by one person together",
                                           "同じ人が兼ねない"},
    [TSUNAGU_ROLE_RULE_SPREAD_ORGANISATIONS] = {"spread_organisations", 0, false, {5, false},
                                                "a group's roles go to people of different organisations",
                                                "グループの役割は所属の違う人に"},
};

static const role_rule_def *def(tsunagu_role_rule_kind k)
{
    return k >= 0 && k < TSUNAGU_ROLE_RULE_COUNT ? &defs[k] : NULL;
}

const char *tsunagu_role_rule_name(tsunagu_role_rule_kind k)
{
    return def(k) ? def(k)->name : "?";
}

int tsunagu_role_rule_parse(const char *name)
{
    for (int k = 0; name && k < TSUNAGU_ROLE_RULE_COUNT; k++)
        if (strcmp(name, defs[k].name) == 0)
            return k;
    return -1;
}

tsunagu_rule tsunagu_role_rule_default(tsunagu_role_rule_kind k)
{
    return def(k) ? def(k)->defaults : (tsunagu_rule){0, false};
}

const char *tsunagu_role_rule_label(tsunagu_role_rule_kind k)
{
    return def(k) ? TR(def(k)->label_en, def(k)->label_ja) : "?";
}

int tsunagu_role_rule_arity(tsunagu_role_rule_kind k)
{
    return def(k) ? def(k)->arity : 0;
}

bool tsunagu_role_rule_always_hard(tsunagu_role_rule_kind k)
{
    return def(k) && def(k)->always_hard;
}

/* The rules layer labels roles: the event (above) only reads them. */
const char *tsunagu_role_label(const tsunagu_role *r)
{
    if (!r)
        return "";
    if (tsunagu_lang_get() == TSUNAGU_LANG_EN && r->label_en)
        return r->label_en;
    return r->label ? r->label : r->id;
}

/* ---- judgements ---------------------------------------------------------- */

double rule_role_cost(const tsunagu_session_spec *spec, int role, const tsunagu_attendee *a,
                      int *hard_rule)
{
    double c = 0;
    *hard_rule = -1;
    for (int k = 0; k < spec->n_role_rules; k++) {
        const tsunagu_role_rule *rr = &spec->role_rules[k];
        if (rr->kind != TSUNAGU_ROLE_RULE_EXPERIENCED || rr->roles[0] != role ||
            a->experience == TSUNAGU_EXPERIENCED)
            continue;
        if (rr->rule.hard && *hard_rule < 0)
            *hard_rule = k;
        else if (!rr->rule.hard)
            c += rr->rule.weight;
    }
    return c;
}

int rule_roles_exclusive(const tsunagu_session_spec *spec, int r1, int r2)
{
    for (int k = 0; k < spec->n_role_rules; k++) {
        const tsunagu_role_rule *rr = &spec->role_rules[k];
        if (rr->kind == TSUNAGU_ROLE_RULE_NOT_SAME_PERSON &&
            ((rr->roles[0] == r1 && rr->roles[1] == r2) || (rr->roles[0] == r2 && rr->roles[1] == r1)))
            return k;
    }
    return -1;
}

double rule_role_pair_cost(const tsunagu_session_spec *spec, const tsunagu_attendee *a,
                           const tsunagu_attendee *b, int *hard_rule)
{
    double c = 0;
    *hard_rule = -1;
    if (!rule_colleagues(a, b))
        return 0;
    for (int k = 0; k < spec->n_role_rules; k++) {
        const tsunagu_role_rule *rr = &spec->role_rules[k];
        if (rr->kind != TSUNAGU_ROLE_RULE_SPREAD_ORGANISATIONS)
            continue;
        if (rr->rule.hard && *hard_rule < 0)
            *hard_rule = k;
        else if (!rr->rule.hard)
            c += rr->rule.weight;
    }
    return c;
}

/* "司会（経験のある人が担う…）": a rule as the organiser reads it. */
static void rule_text(strbuf *b, const tsunagu_session_spec *spec, const tsunagu_role_rule *rr)
{
    for (int k = 0; k < tsunagu_role_rule_arity(rr->kind); k++)
        strbuf_addf(b, "%s%s", k ? TR(" and ", "と") : "", tsunagu_role_label(&spec->roles[rr->roles[k]]));
    if (tsunagu_role_rule_arity(rr->kind) > 0)
        strbuf_add(b, TR(": ", "は"));
    strbuf_add(b, tsunagu_role_rule_label(rr->kind));
}

/* One break of rule k: counted, and the first hard one said in *first. */
static void broken(const tsunagu_session_spec *spec, int k, int *count, char **first)
{
    (*count)++;
    if (!first || *first || !spec->role_rules[k].rule.hard)
        return;
    strbuf b = {0};
    rule_text(&b, spec, &spec->role_rules[k]);
    *first = b.data;
}

int rule_roles_breaks(const tsunagu_plan *p, int s, int t, char **first)
{
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    const tsunagu_table *tb = &p->sessions[s].tables[t];
    const tsunagu_attendee *items = p->roster->items;
    int count = 0;
    if (first)
        *first = NULL;
    for (int r = 0; tb->roles && r < spec->n_roles; r++) {
        if (tb->roles[r] < 0)
            continue;
        for (int k = 0; k < spec->n_role_rules; k++) {
            const tsunagu_role_rule *rr = &spec->role_rules[k];
            if (rr->kind == TSUNAGU_ROLE_RULE_EXPERIENCED && rr->roles[0] == r &&
                items[tb->roles[r]].experience != TSUNAGU_EXPERIENCED)
                broken(spec, k, &count, first);
        }
        for (int q = r + 1; q < spec->n_roles; q++) {
            if (tb->roles[q] < 0)
                continue;
            for (int k = 0; k < spec->n_role_rules; k++) {
                const tsunagu_role_rule *rr = &spec->role_rules[k];
                bool same = tb->roles[q] == tb->roles[r];
                if (same && rr->kind == TSUNAGU_ROLE_RULE_NOT_SAME_PERSON && rule_roles_exclusive(spec, r, q) == k)
                    broken(spec, k, &count, first);
                if (!same && rr->kind == TSUNAGU_ROLE_RULE_SPREAD_ORGANISATIONS &&
                    rule_colleagues(&items[tb->roles[r]], &items[tb->roles[q]]))
                    broken(spec, k, &count, first);
            }
        }
    }
    return count;
}

/* ---- the plan's role measures ---------------------------------------------- */

static bool roles_unfilled(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    if (sp->spec->n_roles == 0)
        return false;
    *value = 0;
    for (int t = 0; t < sp->n_tables; t++)
        for (int r = 0; r < sp->spec->n_roles; r++)
            *value += !sp->tables[t].roles || sp->tables[t].roles[r] < 0;
    *of = (long)sp->n_tables * sp->spec->n_roles;
    return true;
}

/* People holding more than one role of their group: only a group with
 * fewer members than roles has them. */
static bool roles_doubled(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    if (sp->spec->n_roles == 0)
        return false;
    *value = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const long *roles = sp->tables[t].roles;
        for (int r = 0; roles && r < sp->spec->n_roles; r++) {
            bool first = roles[r] >= 0, again = false;
            for (int q = 0; q < sp->spec->n_roles && first; q++)
                first = q >= r || roles[q] != roles[r];
            for (int q = r + 1; q < sp->spec->n_roles && first; q++)
                again |= roles[q] == roles[r];
            *value += first && again;
        }
    }
    *of = -1;
    return true;
}

static bool role_rule_breaks(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    if (sp->spec->n_roles == 0)
        return false;
    *value = 0;
    for (int t = 0; t < sp->n_tables; t++)
        *value += rule_roles_breaks(v->plan, v->s, t, NULL);
    *of = -1;
    return true;
}

#define WG RULE_KIND(TSUNAGU_WORKGROUP)
static const rule_measure measures[] = {
    {{"roles_unfilled", WG, -1, 15, "Roles nobody holds (the warnings say why)",
      "担う人のいない役割（理由は警告に）", "roles nobody holds", "担い手のいない役割", 20, -1},
     roles_unfilled},
    {{"roles_doubled", WG, -1, 16, "People holding two roles (groups smaller than the roles)",
      "役割を兼ねる人（役割より人数の少ないグループ）", NULL, NULL, 0, 0},
     roles_doubled},
    {{"role_rule_breaks", WG, -1, 17, "Role rules not kept", "守られていない役割の規則",
      "role rules not kept", "守られていない役割の規則", 21, -1},
     role_rule_breaks},
};

const rule_def rule_def_roles = {
    .id = -1,
    .name = "roles",
    .kinds = WG,
    .label_en = "Roles in each group",
    .label_ja = "グループの役割",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
};
