/* moves.c - moving a person on the room map: whether the move may be
 * tried at all (checked before anything is stored), why a re-plan with it
 * could not be made, and the pins it leaves.
 *
 * Every sentence here is for the organiser: the person's name, the
 * table's printed label and the session's title, the rule's own label
 * (src/rules/); no ids, flags or file names.  What a rule forbids is asked
 * of the rule's file, never re-derived here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web_private.h"
#include "rules/rules_private.h"
#include "util/strbuf.h"
#include "util/tr.h"

/* Session, table and attendee of a plan by id: -1 when absent. */
static int session_index(const tsunagu_plan *p, const char *id)
{
    for (int s = 0; p && s < p->n_sessions; s++)
        if (strcmp(p->sessions[s].spec->id, id) == 0)
            return s;
    return -1;
}

static int table_index(const tsunagu_session_plan *sp, const char *id)
{
    for (int t = 0; t < sp->n_tables; t++)
        if (strcmp(sp->tables[t].id, id) == 0)
            return t;
    return -1;
}

/* 「テーブル8」（各地域についての意見交換…）: the table as printed and its session. */
static void where_text(strbuf *b, const tsunagu_session_plan *sp, int t)
{
    const char *title = sp->spec->title && *sp->spec->title ? sp->spec->title : NULL;
    if (title)
        strbuf_addf(b, TR("%s (%s)", "「%s」（%s）"), sp->tables[t].label, title);
    else
        strbuf_addf(b, TR("%s", "「%s」"), sp->tables[t].label);
}

char *web_move_refusal(const tsunagu_plan *plan, const tsunagu_event *settings, const char *who,
                       const char *session, const char *table)
{
    int s = session_index(plan, session);
    int t = s >= 0 ? table_index(&plan->sessions[s], table) : -1;
    long i = tsunagu_roster_find(plan->roster, who);
    if (s < 0 || t < 0 || i < 0)
        return tsunagu_strdup(TR("no such person or table in this plan",
                                 "この計画にはその人またはテーブルがありません"));
    const tsunagu_session_plan *sp = &plan->sessions[s];
    const tsunagu_attendee *a = &plan->roster->items[i];
    const tsunagu_professions *pt = plan->event->professions;
    strbuf b = {0};
    strbuf where = {0};
    where_text(&where, sp, t);
    if (sp->seat[i] < 0) {
        strbuf_addf(&b, TR("%1$s has no seat in this session (%2$s), so cannot be moved to %3$s",
                           "%1$s さんはこの部では席につかない人（%2$s）なので、%3$sには移せません"),
                    a->name, tsunagu_professions_label(pt, a->profession), where.data);
        goto out;
    }
    /* The day the re-plan uses: the stored settings' session of that id. */
    const tsunagu_session_spec *spec = settings ? tsunagu_event_session(settings, session) : NULL;
    if (!spec)
        spec = sp->spec;
    const tsunagu_table *tb = &sp->tables[t];
    if (spec->kind == TSUNAGU_WORKGROUP && !rule_in_track(spec, tb->track, a->profession)) {
        const tsunagu_track *own = tsunagu_session_track_of(spec, a->profession);
        const tsunagu_track *theirs = NULL;
        for (int k = 0; tb->track && k < spec->n_tracks; k++)
            if (strcmp(spec->tracks[k].id, tb->track) == 0)
                theirs = &spec->tracks[k];
        strbuf_addf(&b,
                    TR("%1$s (%2$s) cannot move to %3$s: in this session people work in groups "
                       "of their own profession, and that group is for %4$s; %1$s belongs with %5$s",
                       "%1$s さん（%2$s）は%3$sには移せません: この部は職種ごとのグループで、"
                       "このグループは「%4$s」の人のグループです（%1$s さんは「%5$s」）"),
                    a->name, tsunagu_professions_label(pt, a->profession), where.data,
                    theirs ? tsunagu_track_label(theirs) : "?",
                    own ? tsunagu_track_label(own) : "?");
        goto out;
    }
    const tsunagu_rule *region = &spec->rules[TSUNAGU_RULE_REGION];
    if (spec->kind == TSUNAGU_EXCHANGE && region->hard &&
        rule_region_cost(plan->regions, region, a, tb->regions, tb->n_regions, 0) < 0) {
        strbuf_addf(&b,
                    TR("%1$s cannot move to %2$s: the rule \"%3$s\" must hold, and that table is "
                       "not of their region or of a region they chose",
                       "%1$s さんは%2$sには移せません: 必ず守る決まり「%3$s」があり、"
                       "このテーブルは %1$s さんの地域（関心のある地域）のテーブルではありません"),
                    a->name, where.data, tsunagu_rule_label(TSUNAGU_RULE_REGION));
        goto out;
    }
out:
    free(where.data);
    return b.data; /* NULL: nothing was said */
}

char *web_move_failure(const tsunagu_plan *previous, const tsunagu_event *settings,
                       const char *who, const char *session, const char *table, bool timed_out)
{
    int s = session_index(previous, session);
    int t = s >= 0 ? table_index(&previous->sessions[s], table) : -1;
    long i = s >= 0 ? tsunagu_roster_find(previous->roster, who) : -1;
    const char *kept = TR("Nothing was changed: the seats and pinned seats are as they were.",
                          "何も変えていません（席も固定した席も前のままです）。");
    strbuf b = {0};
    if (s < 0 || t < 0 || i < 0) {
        strbuf_addf(&b, "%s%s%s", TR("The move could not be made.", "この移動はできませんでした。"),
                    TR(" ", ""), kept);
        return b.data;
    }
    const tsunagu_session_plan *sp = &previous->sessions[s];
    const char *name = previous->roster->items[i].name;
    strbuf where = {0};
    where_text(&where, sp, t);
    if (timed_out) {
        strbuf_addf(&b,
                    TR("Moving %1$s to %2$s: no seating was found in the time allowed.",
                       "%1$s さんを%2$sに移して席を決め直そうとしましたが、時間内に席が決まりませんでした。"),
                    name, where.data);
        strbuf_addf(&b, "%s%s", TR(" ", ""), kept);
        free(where.data);
        return b.data;
    }
    /* The rule that forbids the seat, asked of the rules (a colleague
     * there, a table of another region), as for a walk-in. */
    int by = -1;
    rules_walkin_cost(previous, s, (size_t)i, t, &by);
    const tsunagu_session_spec *spec = settings ? tsunagu_event_session(settings, session) : NULL;
    if (!spec)
        spec = sp->spec;
    if (by >= 0 && spec->rules[by].hard) {
        strbuf_addf(&b,
                    TR("%1$s cannot move to %2$s: the rule \"%3$s\" must hold, and with this move it cannot.",
                       "%1$s さんは%2$sには移せません: 必ず守る決まり「%3$s」が、この移動では守れません。"),
                    name, where.data, tsunagu_rule_label((tsunagu_rule_id)by));
    } else {
        /* Which of them it is depends on everyone else: name them all. */
        strbuf rules = {0};
        for (int k = 0; k < TSUNAGU_RULE_COUNT; k++)
            if (spec->rules[k].hard && tsunagu_rule_applies((tsunagu_rule_id)k, spec->kind))
                strbuf_addf(&rules, "%s%s", rules.len ? TR("; ", "・") : "",
                            tsunagu_rule_label((tsunagu_rule_id)k));
        if (rules.len)
            strbuf_addf(&b,
                        TR("%1$s cannot move to %2$s: with this move no seating keeps every rule "
                           "that must hold (%3$s), the table sizes and the other pinned seats.",
                           "%1$s さんは%2$sには移せません: この移動では、必ず守る決まり（%3$s）と"
                           "テーブルの人数、ほかの固定した席をすべて満たす席の組み方がありません。"),
                        name, where.data, rules.data);
        else
            strbuf_addf(&b,
                        TR("%1$s cannot move to %2$s: with this move no seating keeps the table "
                           "sizes and the other pinned seats.",
                           "%1$s さんは%2$sには移せません: この移動では、テーブルの人数と"
                           "ほかの固定した席をすべて満たす席の組み方がありません。"),
                        name, where.data);
        free(rules.data);
    }
    strbuf_addf(&b, "%s%s", TR(" ", ""), kept);
    free(where.data);
    return b.data;
}

json_t *web_move_entry(const tsunagu_plan *plan, const char *who, const char *session,
                       const char *table)
{
    int s = session_index(plan, session);
    int t = s >= 0 ? table_index(&plan->sessions[s], table) : -1;
    long i = tsunagu_roster_find(plan->roster, who);
    json_t *e = web_history_entry("move");
    json_object_set_new(e, "attendee", json_string(who));
    json_object_set_new(e, "name", json_string(i >= 0 ? plan->roster->items[i].name : who));
    json_object_set_new(e, "session", json_string(session));
    json_object_set_new(e, "table", json_string(table));
    json_object_set_new(e, "table_label",
                        json_string(t >= 0 ? plan->sessions[s].tables[t].label : table));
    return e;
}

/* ---- pins ------------------------------------------------------------------ */

json_t *web_pins_without(const json_t *pins, const char *who, const char *session)
{
    json_t *out = json_array();
    for (size_t i = 0; i < json_array_size(pins); i++) {
        json_t *p = json_array_get(pins, i);
        const char *a = json_string_value(json_object_get(p, "attendee"));
        const char *s = json_string_value(json_object_get(p, "session"));
        if (a && strcmp(a, who) == 0 && (!session || (s && strcmp(s, session) == 0)))
            continue;
        json_array_append(out, p);
    }
    return out;
}

json_t *web_pins_with(const json_t *pins, const char *who, const char *session, const char *table)
{
    /* One pin per person and session: the latest move wins. */
    json_t *out = web_pins_without(pins, who, session);
    json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "attendee", who, "session", session,
                                         "table", table));
    return out;
}

tsunagu_pin *web_pins_load(const json_t *doc, int *n)
{
    size_t count = json_array_size(doc);
    tsunagu_pin *pins = calloc(count ? count : 1, sizeof *pins);
    if (!pins)
        abort();
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        json_t *p = json_array_get(doc, i);
        const char *a = json_string_value(json_object_get(p, "attendee"));
        const char *s = json_string_value(json_object_get(p, "session"));
        const char *t = json_string_value(json_object_get(p, "table"));
        if (a && s && t)
            pins[(*n)++] = (tsunagu_pin){a, s, t};
    }
    return pins;
}

void web_plan_set_pins(tsunagu_plan *plan, const json_t *pins)
{
    while (plan->n_pins > 0) {
        char *who = tsunagu_strdup(plan->pins[0].attendee_id);
        char *session = tsunagu_strdup(plan->pins[0].session);
        tsunagu_plan_unpin(plan, who, session);
        free(who);
        free(session);
    }
    int n = 0;
    tsunagu_pin *list = web_pins_load(pins, &n);
    for (int k = 0; k < n; k++)
        tsunagu_plan_add_pin(plan, list[k].attendee_id, list[k].session, list[k].table);
    free(list);
}
