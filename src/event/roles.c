/* roles.c - what the event file says of a workgroup's roles (司会, 書記,
 * 発表者 on the bundled day) and their rules, and of a sharing session's
 * running order: reading, checking and writing back
 * (docs/event-format.md, "Roles" and "Sharing sessions").  What a role
 * rule means is src/rules/roles.c's. */
#include "tsunagu/event.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "event/event_private.h"
#include "tsunagu/text.h"
#include "util/jsonrd.h"
#include "util/strbuf.h"
#include "util/tr.h"

#define MAX_ROLE_WEIGHT 1e6
#define MAX_MINUTES 240

static bool same_key(const char *a, const char *b)
{
    char *ka = tsunagu_text_key(a), *kb = tsunagu_text_key(b);
    bool same = ka && kb && *ka && strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}

int tsunagu_session_role_find(const tsunagu_session_spec *s, const char *written)
{
    for (int k = 0; s && written && k < s->n_roles; k++)
        if (strcmp(s->roles[k].id, written) == 0)
            return k;
    for (int k = 0; s && written && k < s->n_roles; k++)
        if (same_key(s->roles[k].id, written) || same_key(s->roles[k].label, written) ||
            same_key(s->roles[k].label_en, written))
            return k;
    return -1;
}

void event_free_roles(tsunagu_session_spec *s)
{
    for (int k = 0; k < s->n_roles; k++) {
        free(s->roles[k].id);
        free(s->roles[k].label);
        free(s->roles[k].label_en);
    }
    free(s->roles);
    free(s->role_rules);
    free(s->presentations.of);
    free(s->presentations.presenter);
}

/* "facilitator, recorder, presenter" for messages; caller frees. */
static char *role_ids(const tsunagu_session_spec *s)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    for (int k = 0; k < s->n_roles; k++)
        strbuf_addf(&b, "%s%s", k ? ", " : "", s->roles[k].id);
    return b.data;
}

/* ---- roles ----------------------------------------------------------------- */

static void parse_role(jsonrd *r, const json_t *jr, const char *rp, tsunagu_session_spec *s)
{
    static const char *const keys[] = {"id", "label", "label_en", NULL};
    if (!json_is_object(jr)) {
        jsonrd_fail(r, rp, "%s", TR("a role should be an object like {\"id\": \"facilitator\", \"label\": \"司会\"}",
                                    "役割は {\"id\": \"facilitator\", \"label\": \"司会\"} の形で書いてください"));
        return;
    }
    jsonrd_check_keys(r, jr, rp, keys);
    tsunagu_role *role = &s->roles[s->n_roles];
    char ip[JSONRD_PTR_MAX];
    jsonrd_key(ip, rp, "id");
    if (jsonrd_string(r, jr, rp, "id", true, &role->id) != 0)
        return;
    if (!role->id[0])
        jsonrd_fail(r, ip, "%s", TR("a role's \"id\" is empty", "役割の \"id\" が空です"));
    else
        event_check_id(r, ip, role->id);
    for (int k = 0; k < s->n_roles; k++)
        if (strcmp(s->roles[k].id, role->id) == 0) {
            jsonrd_fail(r, ip, TR("duplicate role id \"%s\"", "役割の id \"%s\" が重複しています"), role->id);
            free(role->id);
            role->id = NULL;
            return;
        }
    event_printed_text(r, jr, rp, "label", false, &role->label, EVENT_LABEL_MAX);
    event_printed_text(r, jr, rp, "label_en", false, &role->label_en, EVENT_LABEL_MAX);
    if (!role->label)
        role->label = tsunagu_strdup(role->id);
    if (!role->label_en)
        role->label_en = tsunagu_strdup(role->label);
    s->n_roles++;
}

/* The role named by v (an id of the session's roles), or -1 after saying so. */
static int role_ref(jsonrd *r, const json_t *v, const char *ptr, const tsunagu_session_spec *s)
{
    const char *id = json_string_value(v);
    for (int k = 0; id && k < s->n_roles; k++)
        if (strcmp(s->roles[k].id, id) == 0)
            return k;
    char *ids = role_ids(s);
    jsonrd_fail(r, ptr, TR("unknown role \"%s\" (the session's roles: %s)",
                           "役割 \"%s\" がありません（このセッションの役割: %s）"),
                id ? id : "?", ids);
    free(ids);
    return -1;
}

/* "role": "facilitator" or "roles": ["facilitator", "presenter"], as the
 * rule's kind asks. */
static void rule_roles(jsonrd *r, const json_t *jr, const char *rp, tsunagu_session_spec *s,
                       tsunagu_role_rule *rule)
{
    int arity = tsunagu_role_rule_arity(rule->kind);
    char p[JSONRD_PTR_MAX];
    if (arity == 1) {
        jsonrd_key(p, rp, "role");
        if (!json_object_get(jr, "role"))
            jsonrd_fail(r, rp, TR("\"%s\" is missing", "\"%s\" がありません"), "role");
        else
            rule->roles[0] = role_ref(r, json_object_get(jr, "role"), p, s);
        return;
    }
    if (arity != 2)
        return;
    const json_t *v = json_object_get(jr, "roles");
    jsonrd_key(p, rp, "roles");
    if (!json_is_array(v) || json_array_size(v) != 2) {
        jsonrd_fail(r, v ? p : rp, "%s", TR("\"roles\" should name two roles, e.g. [\"facilitator\", \"presenter\"]",
                                            "\"roles\" には役割を2つ書いてください。例: [\"facilitator\", \"presenter\"]"));
        return;
    }
    for (size_t k = 0; k < 2; k++) {
        char q[JSONRD_PTR_MAX];
        jsonrd_index(q, p, k);
        rule->roles[k] = role_ref(r, json_array_get(v, k), q, s);
    }
    if (rule->roles[0] >= 0 && rule->roles[0] == rule->roles[1])
        jsonrd_fail(r, p, "%s", TR("\"roles\" names one role twice", "\"roles\" に同じ役割が2回あります"));
}

/* "weight" and "hard" of a role rule. */
static void rule_weight(jsonrd *r, const json_t *jr, const char *rp, tsunagu_role_rule *rule)
{
    char p[JSONRD_PTR_MAX];
    const json_t *jw = json_object_get(jr, "weight"), *jh = json_object_get(jr, "hard");
    double w = json_number_value(jw);
    jsonrd_key(p, rp, "weight");
    if (jw && (!json_is_number(jw) || !(w >= 0 && w <= MAX_ROLE_WEIGHT)))
        jsonrd_fail(r, p, "%s", TR("\"weight\" should be a number from 0 to 1000000",
                                   "\"weight\" は 0 から 1000000 までの数で書いてください"));
    else if (jw)
        rule->rule.weight = w;
    jsonrd_key(p, rp, "hard");
    if (jh && !json_is_boolean(jh))
        jsonrd_fail(r, p, "%s", TR("\"hard\" should be true or false", "\"hard\" は true か false で書いてください"));
    else if (jh)
        rule->rule.hard = json_is_true(jh);
    if (tsunagu_role_rule_always_hard(rule->kind) && !rule->rule.hard)
        jsonrd_fail(r, p, TR("role rule \"%s\" always holds: leave \"hard\" out",
                             "役割の規則 \"%s\" は常に必須です（\"hard\" は書かないでください）"),
                    tsunagu_role_rule_name(rule->kind));
}

static void parse_role_rule(jsonrd *r, const json_t *jr, const char *rp, tsunagu_session_spec *s)
{
    if (!json_is_object(jr)) {
        jsonrd_fail(r, rp, "%s", TR("a role rule should be an object like {\"rule\": \"experienced\", \"role\": \"facilitator\"}",
                                    "役割の規則は {\"rule\": \"experienced\", \"role\": \"facilitator\"} の形で書いてください"));
        return;
    }
    char *name = NULL;
    if (jsonrd_string(r, jr, rp, "rule", true, &name) != 0)
        return;
    int kind = tsunagu_role_rule_parse(name);
    if (kind < 0) {
        char p[JSONRD_PTR_MAX];
        jsonrd_key(p, rp, "rule");
        jsonrd_fail(r, p, TR("unknown role rule \"%s\" (expected experienced, not_same_person, spread_organisations)",
                             "役割の規則 \"%s\" が不明です（experienced, not_same_person, spread_organisations のどれか）"),
                    name);
        free(name);
        return;
    }
    free(name);
    static const char *const keys[3][5] = {{"rule", "weight", "hard", NULL},
                                           {"rule", "role", "weight", "hard", NULL},
                                           {"rule", "roles", "hard", NULL}};
    jsonrd_check_keys(r, jr, rp, keys[tsunagu_role_rule_arity((tsunagu_role_rule_kind)kind)]);
    tsunagu_role_rule *rule = &s->role_rules[s->n_role_rules++];
    *rule = (tsunagu_role_rule){(tsunagu_role_rule_kind)kind, {-1, -1},
                                tsunagu_role_rule_default((tsunagu_role_rule_kind)kind)};
    rule_roles(r, jr, rp, s, rule);
    rule_weight(r, jr, rp, rule);
}

/* A list member of the session at key: its array, or NULL (absent or
 * reported). */
static const json_t *list_member(jsonrd *r, const json_t *js, const char *sp, const char *key,
                                 size_t most, const char *what)
{
    const json_t *v = json_object_get(js, key);
    char p[JSONRD_PTR_MAX];
    jsonrd_key(p, sp, key);
    if (v && (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > most)) {
        jsonrd_fail(r, p, "%s", what);
        return NULL;
    }
    return v;
}

void event_parse_roles(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s)
{
    const json_t *jroles = list_member(r, js, sp, "roles", TSUNAGU_MAX_ROLES,
                                       TR("\"roles\" should be a list of 1 to 8 roles",
                                          "\"roles\" は役割 (1〜8個) のリストで書いてください"));
    const json_t *jrules = list_member(r, js, sp, "role_rules", 64,
                                       TR("\"role_rules\" should be a list of 1 to 64 role rules",
                                          "\"role_rules\" は役割の規則 (1〜64個) のリストで書いてください"));
    char p[JSONRD_PTR_MAX];
    s->roles = calloc(json_array_size(jroles) + 1, sizeof *s->roles);
    s->role_rules = calloc(json_array_size(jrules) + 1, sizeof *s->role_rules);
    if (!s->roles || !s->role_rules)
        abort();
    jsonrd_key(p, sp, "roles");
    for (size_t k = 0; k < json_array_size(jroles); k++) {
        char rp[JSONRD_PTR_MAX];
        jsonrd_index(rp, p, k);
        parse_role(r, json_array_get(jroles, k), rp, s);
    }
    jsonrd_key(p, sp, "role_rules");
    if (jrules && !jroles)
        jsonrd_fail(r, p, "%s", TR("\"role_rules\" without \"roles\": name the roles first",
                                   "\"roles\" がないのに \"role_rules\" があります。先に役割を書いてください"));
    for (size_t k = 0; jroles && k < json_array_size(jrules); k++) {
        char rp[JSONRD_PTR_MAX];
        jsonrd_index(rp, p, k);
        parse_role_rule(r, json_array_get(jrules, k), rp, s);
    }
}

/* ---- sharing sessions: the running order ----------------------------------------- */

/* A whole number of minutes at key of obj (at ptr), within lo..MAX_MINUTES. */
static void minutes_of(jsonrd *r, const json_t *obj, const char *ptr, const char *key, int lo, int *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    char p[JSONRD_PTR_MAX];
    jsonrd_key(p, ptr, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > MAX_MINUTES)
        jsonrd_fail(r, p, TR("\"%s\" should be a whole number of minutes from %d to %d",
                             "\"%s\" は %d から %d までの分数（整数）で書いてください"),
                    key, lo, MAX_MINUTES);
    else
        *out = (int)json_integer_value(v);
}

void event_parse_presentations(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s)
{
    tsunagu_presentations *pr = &s->presentations;
    *pr = (tsunagu_presentations){.of_session = -1, .minutes = 5, .qa_minutes = 2,
                                  .order = TSUNAGU_ORDER_BY_TRACK, .presenter_role = -1};
    const json_t *v = json_object_get(js, "presentations");
    char p[JSONRD_PTR_MAX];
    jsonrd_key(p, sp, "presentations");
    if (v && !json_is_object(v)) {
        jsonrd_fail(r, p, "%s", TR("\"presentations\" should be an object like {\"minutes\": 5, \"qa_minutes\": 2}",
                                   "\"presentations\" は {\"minutes\": 5, \"qa_minutes\": 2} の形で書いてください"));
        return;
    }
    static const char *const keys[] = {"of", "minutes", "qa_minutes", "order", "presenter", NULL};
    if (v)
        jsonrd_check_keys(r, v, p, keys);
    jsonrd_string(r, v, p, "of", false, &pr->of);
    jsonrd_string(r, v, p, "presenter", false, &pr->presenter);
    minutes_of(r, v, p, "minutes", 1, &pr->minutes);
    minutes_of(r, v, p, "qa_minutes", 0, &pr->qa_minutes);
    char *order = NULL;
    if (jsonrd_string(r, v, p, "order", false, &order) == 0 && order) {
        if (strcmp(order, "alternate") == 0)
            pr->order = TSUNAGU_ORDER_ALTERNATE;
        else if (strcmp(order, "by_track") != 0) {
            char q[JSONRD_PTR_MAX];
            jsonrd_key(q, p, "order");
            jsonrd_fail(r, q, TR("unknown order \"%s\" (expected by_track or alternate)",
                                 "順番 \"%s\" が不明です（by_track か alternate）"), order);
        }
    }
    free(order);
    if (!s->start || event_minutes(s->start) < 0)
        jsonrd_fail(r, sp, "%s", TR("a sharing session needs its \"start\": the running order counts from it",
                                    "共有（sharing）のセッションには \"start\" が要ります（進行表の時刻はそこから数えます）"));
}

/* The workgroup whose groups session i presents: the one "of" names (an
 * earlier workgroup), else the last workgroup before it. */
static void resolve_one(jsonrd *r, tsunagu_event *e, int i, const char *sp)
{
    tsunagu_presentations *pr = &e->sessions[i].presentations;
    char p[JSONRD_PTR_MAX], q[JSONRD_PTR_MAX];
    jsonrd_key(p, sp, "presentations");
    for (int j = i - 1; j >= 0 && pr->of_session < 0; j--)
        if (e->sessions[j].kind == TSUNAGU_WORKGROUP && e->sessions[j].id &&
            (!pr->of || strcmp(pr->of, e->sessions[j].id) == 0))
            pr->of_session = j;
    jsonrd_key(q, p, "of");
    if (pr->of_session < 0 && pr->of) {
        jsonrd_fail(r, q, TR("\"of\": \"%s\" is not a workgroup session before this one",
                             "\"of\": \"%s\" はこのセッションより前のワークグループではありません"),
                    pr->of);
        return;
    }
    if (pr->of_session < 0) {
        jsonrd_fail(r, sp, "%s", TR("a sharing session presents the groups of a workgroup session before it, and there is none",
                                    "共有（sharing）のセッションは、それより前のワークグループのグループが発表します。前にワークグループがありません"));
        return;
    }
    const tsunagu_session_spec *of = &e->sessions[pr->of_session];
    if (!pr->of)
        pr->of = tsunagu_strdup(of->id);
    jsonrd_key(q, p, "presenter");
    for (int k = 0; pr->presenter && k < of->n_roles; k++)
        if (strcmp(of->roles[k].id, pr->presenter) == 0)
            pr->presenter_role = k;
    if (pr->presenter && pr->presenter_role < 0) {
        char *ids = role_ids(of);
        jsonrd_fail(r, q, TR("\"presenter\": session \"%s\" has no role \"%s\" (its roles: %s)",
                             "\"presenter\": セッション \"%s\" に役割 \"%s\" はありません（役割: %s）"),
                    of->id, pr->presenter, *ids ? ids : "-");
        free(ids);
    }
}

void event_resolve_presentations(jsonrd *r, tsunagu_event *e, const char *sessions_ptr)
{
    for (int i = 0; i < e->n_sessions; i++) {
        if (e->sessions[i].kind != TSUNAGU_SHARING)
            continue;
        char sp[JSONRD_PTR_MAX];
        jsonrd_index(sp, sessions_ptr, (size_t)i);
        resolve_one(r, e, i, sp);
    }
}

/* ---- writing ----------------------------------------------------------------------- */

static json_t *weight_json(double w)
{
    if (w == floor(w) && fabs(w) < 1e15)
        return json_integer((json_int_t)w);
    return json_real(w);
}

static json_t *role_rule_json(const tsunagu_session_spec *s, const tsunagu_role_rule *rr)
{
    json_t *o = json_object();
    json_object_set_new(o, "rule", json_string(tsunagu_role_rule_name(rr->kind)));
    int arity = tsunagu_role_rule_arity(rr->kind);
    if (arity == 1)
        json_object_set_new(o, "role", json_string(s->roles[rr->roles[0]].id));
    if (arity == 2)
        json_object_set_new(o, "roles", json_pack("[s, s]", s->roles[rr->roles[0]].id,
                                                  s->roles[rr->roles[1]].id));
    if (!tsunagu_role_rule_always_hard(rr->kind)) {
        json_object_set_new(o, "weight", weight_json(rr->rule.weight));
        json_object_set_new(o, "hard", json_boolean(rr->rule.hard));
    }
    return o;
}

void event_roles_json(const tsunagu_session_spec *s, json_t *js)
{
    if (s->n_roles == 0)
        return;
    json_t *roles = json_array(), *rules = json_array();
    for (int k = 0; k < s->n_roles; k++)
        json_array_append_new(roles, json_pack("{s:s, s:s, s:s}", "id", s->roles[k].id, "label",
                                               s->roles[k].label, "label_en", s->roles[k].label_en));
    for (int k = 0; k < s->n_role_rules; k++)
        json_array_append_new(rules, role_rule_json(s, &s->role_rules[k]));
    json_object_set_new(js, "roles", roles);
    if (s->n_role_rules > 0)
        json_object_set_new(js, "role_rules", rules);
    else
        json_decref(rules);
}

void event_presentations_json(const tsunagu_session_spec *s, json_t *js)
{
    const tsunagu_presentations *pr = &s->presentations;
    json_t *o = json_object();
    if (pr->of)
        json_object_set_new(o, "of", json_string(pr->of));
    json_object_set_new(o, "minutes", json_integer(pr->minutes));
    json_object_set_new(o, "qa_minutes", json_integer(pr->qa_minutes));
    json_object_set_new(o, "order", json_string(pr->order == TSUNAGU_ORDER_ALTERNATE ? "alternate" : "by_track"));
    if (pr->presenter)
        json_object_set_new(o, "presenter", json_string(pr->presenter));
    json_object_set_new(js, "presentations", o);
}
