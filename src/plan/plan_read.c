/* plan_read.c - a plan read back from JSON.  Reading trusts nothing:
 * every id, every seat and every session is checked against the rest of
 * the document before a plan is handed out. */
#include "tsunagu/plan.h"
#include "plan/plan_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/event_private.h"
#include "input/attendee_read.h"
#include "tsunagu/fileio.h"
#include "util/tr.h"
#include "tsunagu/text.h"
#include "util/jsonpos.h"
#include "util/jsonrd.h"
#include "util/sort.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "rules/rules_private.h"

#define PLAN_MAX_BYTES (64u << 20)

/* ---- reading ---------------------------------------------------------- */

/* An attendee is read in two steps.  This file checks what the plan format
 * says about its keys (which there are, their JSON types) and puts the
 * texts into an attendee_record, each at the line of its value;
 * attendee_build (input/attendee_read.c), which reads the attendee list
 * too, says what they mean and what is wrong with them. */

/* The line of member key of the object at ptr. */
static int line_of_key(const jsonrd *r, const char *ptr, const char *key)
{
    char q[JSONRD_PTR_MAX];
    jsonrd_key(q, ptr, key);
    return tsunagu_jsonpos_line(r->pos, q);
}

/* A string member into field f of rec (nothing when it is absent). */
static void text_field(jsonrd *r, const json_t *ja, const char *ap, const char *key, bool required,
                       attendee_record *rec, int f)
{
    char *text = NULL;
    if (jsonrd_string(r, ja, ap, key, required, &text) == 0)
        attendee_record_add(rec, f, text, line_of_key(r, ap, key));
}

/* A list of strings into field f of rec, one text per element. */
static void list_field(jsonrd *r, const json_t *ja, const char *ap, const char *key,
                       const char *what, attendee_record *rec, int f)
{
    const json_t *v = json_object_get(ja, key);
    if (!v)
        return;
    char p[JSONRD_PTR_MAX];
    jsonrd_key(p, ap, key);
    if (!json_is_array(v)) {
        jsonrd_fail(r, p, what, key);
        return;
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        char q[JSONRD_PTR_MAX];
        jsonrd_index(q, p, i);
        const char *s = json_string_value(json_array_get(v, i));
        if (!s)
            jsonrd_fail(r, q, what, key);
        else
            attendee_record_add(rec, f, tsunagu_strdup(s), tsunagu_jsonpos_line(r->pos, q));
    }
}

/* A pin (key as written, at ptr) as the list's pin_<session id> column
 * would give it. */
static void add_pin(jsonrd *r, const char *ptr, const char *key, const char *session,
                    const json_t *v, attendee_record *rec)
{
    strbuf column = {0};
    strbuf_addf(&column, "pin_%s", session);
    tsunagu_pin_when when;
    char *session_key = NULL;
    if (!attendee_pin_column(column.data, &when, &session_key))
        jsonrd_fail(r, ptr, "%s", TR("\"pins\" should be an object of session ids and tables",
                                     "\"pins\" はセッション番号とテーブルのオブジェクトのはずです"));
    else if (!json_is_string(v))
        jsonrd_fail(r, ptr, TR("\"%s\" should be a table id", "\"%s\" はテーブル番号のはずです"), key);
    else
        attendee_record_add_pin(rec, column.data, when, session_key,
                                tsunagu_strdup(json_string_value(v)),
                                tsunagu_jsonpos_line(r->pos, ptr));
    free(session_key);
    free(column.data);
}

/* "roles": {"<session id>": "<role as the list wrote it>"}, as the list's
 * role_<session id> column would give it. */
static void read_roles_asked(jsonrd *r, const json_t *ja, const char *ap, attendee_record *rec)
{
    const json_t *jr = json_object_get(ja, "roles");
    char q[JSONRD_PTR_MAX];
    jsonrd_key(q, ap, "roles");
    if (jr && !json_is_object(jr)) {
        jsonrd_fail(r, q, "%s", TR("\"roles\" should be an object of session ids and roles",
                                   "\"roles\" はセッション番号と役割のオブジェクトのはずです"));
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)jr, key, v) {
        char e[JSONRD_PTR_MAX];
        jsonrd_key(e, q, key);
        strbuf column = {0};
        strbuf_addf(&column, "role_%s", key);
        tsunagu_pin_when when;
        char *session_key = NULL;
        if (!json_is_string(v) || !attendee_pin_column(column.data, &when, &session_key))
            jsonrd_fail(r, e, TR("\"%s\" should be a role", "\"%s\" は役割のはずです"), key);
        else
            attendee_record_add_pin(rec, column.data, when, session_key, tsunagu_strdup(json_string_value(v)),
                                    tsunagu_jsonpos_line(r->pos, e));
        free(session_key);
        free(column.data);
    }
}

/* "pins": {"<session id>": "<table id>"}, or an older plan's
 * "pin_<session id>" keys. */
static void read_pins(jsonrd *r, const json_t *ja, const char *ap, attendee_record *rec)
{
    const char *key;
    json_t *v;
    char q[JSONRD_PTR_MAX];
    json_object_foreach((json_t *)ja, key, v) {
        if (strncmp(key, "pin_", 4) != 0 || json_is_null(v))
            continue;
        jsonrd_key(q, ap, key);
        add_pin(r, q, key, key + 4, v, rec);
    }
    const json_t *jp = json_object_get(ja, "pins");
    jsonrd_key(q, ap, "pins");
    if (jp && !json_is_object(jp)) {
        jsonrd_fail(r, q, "%s", TR("\"pins\" should be an object of session ids and tables",
                                   "\"pins\" はセッション番号とテーブルのオブジェクトのはずです"));
        return;
    }
    json_object_foreach((json_t *)jp, key, v) {
        char e[JSONRD_PTR_MAX];
        jsonrd_key(e, q, key);
        add_pin(r, e, key, key, v, rec);
    }
    read_roles_asked(r, ja, ap, rec);
}

/* The record of the attendee at ap; false when one of its texts is
 * missing or not a string. */
/* The record at ap; with_seats for the plan's attendees (a cancelled
 * person's record has none). */
static bool read_record(jsonrd *r, const json_t *ja, const char *ap, attendee_record *rec,
                        bool with_seats)
{
    static const char *const keys[] = {
        "id",    "name",     "kana",  "profession", "organization", "region", "interest_regions",
        "experience", "line", "municipality", "pins", "roles", "together", "apart", "seats", "walkin", "namesake",
        "itinerary", "pin_*", /* plans written before 2026-12 had a key per pinned session */
        NULL};
    jsonrd_check_keys(r, ja, ap, keys);
    rec->at = tsunagu_jsonpos_line(r->pos, ap);
    int before = r->errors;
    text_field(r, ja, ap, "id", true, rec, ATTENDEE_ID);
    text_field(r, ja, ap, "name", true, rec, ATTENDEE_NAME);
    text_field(r, ja, ap, "kana", true, rec, ATTENDEE_KANA);
    text_field(r, ja, ap, "profession", true, rec, ATTENDEE_PROFESSION);
    text_field(r, ja, ap, "organization", true, rec, ATTENDEE_ORG);
    text_field(r, ja, ap, "region", true, rec, ATTENDEE_REGION);
    text_field(r, ja, ap, "experience", true, rec, ATTENDEE_EXPERIENCE);
    text_field(r, ja, ap, "municipality", false, rec, ATTENDEE_MUNI);
    bool texts = r->errors == before;
    list_field(r, ja, ap, "interest_regions",
               TR("\"%s\" should be a list of region names", "\"%s\" は地域名のリストのはずです"),
               rec, ATTENDEE_INTERESTS);
    const char *ids = TR("\"%s\" should be a list of ids", "\"%s\" は id のリストのはずです");
    list_field(r, ja, ap, "together", ids, rec, ATTENDEE_TOGETHER);
    list_field(r, ja, ap, "apart", ids, rec, ATTENDEE_APART);
    read_pins(r, ja, ap, rec);

    const json_t *jl = json_object_get(ja, "line");
    if (jl && (!json_is_integer(jl) || json_integer_value(jl) < 0 ||
               json_integer_value(jl) > 1 << 30)) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, ap, "line");
        jsonrd_fail(r, q, "%s", TR("\"line\" should be a line number", "\"line\" は行番号のはずです"));
    } else if (jl) {
        rec->line = (int)json_integer_value(jl);
    }
    const json_t *jw = json_object_get(ja, "walkin");
    if (jw && !json_is_boolean(jw)) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, ap, "walkin");
        jsonrd_fail(r, q, "%s", TR("\"walkin\" should be true or false", "\"walkin\" は true か false のはずです"));
    }
    const json_t *js = json_object_get(ja, "seats");
    if (!js && with_seats) {
        jsonrd_fail(r, ap, TR("\"%s\" is missing", "\"%s\" がありません"), "seats");
    } else if (js && !with_seats) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, ap, "seats");
        jsonrd_fail(r, q, "%s", TR("someone cancelled has no seats", "欠席した人には席がありません"));
    } else if (js && !json_is_object(js)) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, ap, "seats");
        jsonrd_fail(r, q, "%s", TR("\"seats\" should be an object", "\"seats\" はオブジェクトのはずです"));
    }
    return texts;
}

/* The attendee at ap into *a.  What its texts mean is checked as the
 * attendee list's are, unless one is missing or not a string (said
 * already; the list's check would add "empty ..."): then only its id is
 * kept, to name it at the tables. */
static void read_attendee(jsonrd *r, tsunagu_plan *p, const json_t *ja, const char *ap,
                          tsunagu_attendee *a, bool with_seats)
{
    attendee_record rec = {0};
    if (!read_record(r, ja, ap, &rec, with_seats)) {
        memset(a, 0, sizeof *a);
        a->region = -1;
        a->id = rec.n_values[ATTENDEE_ID] ? tsunagu_text_trim(rec.values[ATTENDEE_ID][0].text) : NULL;
        attendee_record_free(&rec);
        return;
    }
    /* .warn false: the list's warnings were said when it was read */
    attendee_checks checks = {.source = r->source,
                              .regions = p->regions,
                              .professions = p->roster->professions,
                              .diags = r->diags,
                              .has_id = true,
                              .warn = false};
    size_t before = tsunagu_diags_errors(r->diags);
    attendee_build(&checks, &rec, a);
    r->errors += (int)(tsunagu_diags_errors(r->diags) - before);
    attendee_record_free(&rec);
    a->walkin = json_is_true(json_object_get(ja, "walkin"));
    a->namesake = json_is_true(json_object_get(ja, "namesake"));
}

static int region_of(jsonrd *r, const tsunagu_regions *rg, const json_t *v, const char *ptr)
{
    const char *name = json_string_value(v);
    int i = name ? tsunagu_regions_find(rg, name) : -1;
    if (i < 0)
        jsonrd_fail(r, ptr, TR("unknown region \"%s\" (not in the plan's region table)",
                        "地域 \"%s\" が計画の地域表にありません"),
             name ? name : "?");
    return i;
}

/* Reads the attendees into p's roster and indexes them by id in *ids
 * (keys borrowed from the roster; the first of a duplicated id kept). */
static void read_attendees(jsonrd *r, tsunagu_plan *p, const json_t *arr, const char *ptr,
                           strmap *ids)
{
    if (!json_is_array(arr)) {
        jsonrd_fail(r, ptr, "%s", TR("\"attendees\" should be a list", "\"attendees\" はリストのはずです"));
        return;
    }
    size_t n = json_array_size(arr);
    tsunagu_roster *ro = p->roster;
    ro->items = calloc(n ? n : 1, sizeof *ro->items);
    if (!ro->items)
        abort();
    for (size_t i = 0; i < n; i++) {
        const json_t *ja = json_array_get(arr, i);
        char ap[JSONRD_PTR_MAX];
        jsonrd_index(ap, ptr, i);
        if (!json_is_object(ja)) {
            jsonrd_fail(r, ap, "%s", TR("an attendee should be an object", "参加者はオブジェクトのはずです"));
            continue;
        }
        tsunagu_attendee *a = &ro->items[ro->count++];
        read_attendee(r, p, ja, ap, a, true);
        if (!a->id)
            continue;
        if (strmap_get(ids, a->id) >= 0) {
            char q[JSONRD_PTR_MAX];
            jsonrd_key(q, ap, "id");
            jsonrd_fail(r, q, TR("duplicate attendee id \"%s\"", "参加者 id \"%s\" が重複しています"), a->id);
        } else {
            strmap_put(ids, a->id, (int)(ro->count - 1));
        }
    }
    /* together/apart name attendees of this plan. */
    for (size_t i = 0; i < ro->count; i++) {
        const tsunagu_attendee *a = &ro->items[i];
        for (int w = 0; w < 2; w++) {
            char **list = w ? a->apart : a->together;
            int cnt = w ? a->n_apart : a->n_together;
            for (int k = 0; k < cnt; k++)
                if (strmap_get(ids, list[k]) < 0) {
                    char ap[JSONRD_PTR_MAX], q[JSONRD_PTR_MAX];
                    jsonrd_index(ap, ptr, i);
                    jsonrd_key(q, ap, w ? "apart" : "together");
                    jsonrd_fail(r, q, TR("unknown attendee id \"%s\" in \"%s\"",
                                  "\"%2$s\" の参加者 id \"%1$s\" が見つかりません"),
                         list[k], w ? "apart" : "together");
                }
        }
    }
}

void plan_read_status(jsonrd *r, const json_t *js, const char *ptr, tsunagu_session_plan *sp)
{
    char q[JSONRD_PTR_MAX];
    const char *status = json_string_value(json_object_get(js, "status"));
    int st = -1;
    for (int k = 0; status && k <= TSUNAGU_STATUS_NOT_SOLVED; k++)
        if (strcmp(status, plan_status_names[k]) == 0)
            st = k;
    jsonrd_key(q, ptr, "status");
    if (st < 0)
        jsonrd_fail(r, json_object_get(js, "status") ? q : ptr,
             "%s", TR("\"status\" should be optimal, feasible, infeasible or not_solved",
                      "\"status\" は optimal, feasible, infeasible, not_solved のどれかのはずです"));
    else
        sp->status = (tsunagu_status)st;
}

void plan_read_stopped(jsonrd *r, const json_t *js, const char *ptr, tsunagu_session_plan *sp)
{
    const json_t *stopped = json_object_get(js, "stopped_at_time_limit");
    if (stopped && !json_is_boolean(stopped)) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, ptr, "stopped_at_time_limit");
        jsonrd_fail(r, q, "%s", TR("\"stopped_at_time_limit\" should be true or false",
                                   "\"stopped_at_time_limit\" は true か false のはずです"));
    }
    sp->stopped_at_time_limit = json_is_true(stopped);
}

static int get_number(jsonrd *r, const json_t *obj, const char *ptr, const char *key, double *out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NAN;
    if (!v) {
        jsonrd_fail(r, ptr, TR("\"%s\" is missing", "\"%s\" がありません"), key);
        return -1;
    }
    if (json_is_null(v))
        return 0;
    if (!json_is_number(v)) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, ptr, key);
        jsonrd_fail(r, q, TR("\"%s\" should be a number or null", "\"%s\" は数か null のはずです"), key);
        return -1;
    }
    *out = json_number_value(v);
    return 0;
}

/* A copy of the event's value must agree with it. */
static void check_same(jsonrd *r, const json_t *obj, const char *ptr, const char *key,
                       const char *expected)
{
    const json_t *v = json_object_get(obj, key);
    const char *got = json_string_value(v);
    bool same = (!v && !expected) || (got && expected && strcmp(got, expected) == 0);
    if (!same) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, ptr, key);
        jsonrd_fail(r, v ? q : ptr,
             TR("session \"%s\" does not match the plan's event (\"%s\" should be \"%s\")",
                "セッションの \"%s\" が計画のイベントと一致しません (\"%s\" のはずです: \"%s\")"),
             key, got ? got : "", expected ? expected : "");
    }
}

/* The holder of one role of group tb: "id" of a member, or null. */
static long role_holder(jsonrd *r, const tsunagu_plan *p, const strmap *ids, const json_t *v,
                        const char *ptr, const tsunagu_table *tb, const char *role)
{
    if (json_is_null(v))
        return -1;
    const char *id = json_string_value(v);
    long ai = id ? strmap_get(ids, id) : -1;
    bool member = false;
    for (size_t k = 0; ai >= 0 && k < tb->n_members; k++)
        member |= tb->members[k] == (size_t)ai;
    if (!id)
        jsonrd_fail(r, ptr, TR("role \"%s\" should be an attendee id or null", "役割 \"%s\" は参加者 id か null のはずです"), role);
    else if (!member)
        jsonrd_fail(r, ptr, TR("\"%s\" holds role \"%s\" of group \"%s\" but is not a member of it",
                               "\"%1$s\" はグループ \"%3$s\" の役割 \"%2$s\" ですが、そのグループにいません"),
                    id, role, tb->id ? tb->id : "?");
    (void)p;
    return member ? ai : -1;
}

/* "roles" of a group of a session with roles: every role of the session,
 * each a member's id or null. */
static void read_roles(jsonrd *r, tsunagu_plan *p, const strmap *ids, const tsunagu_session_spec *spec,
                       const json_t *jt, const char *tp, tsunagu_table *tb)
{
    const json_t *jr = json_object_get(jt, "roles");
    char q[JSONRD_PTR_MAX];
    jsonrd_key(q, tp, "roles");
    if (spec->n_roles == 0) {
        if (jr)
            jsonrd_fail(r, q, TR("session \"%s\" has no roles", "セッション \"%s\" に役割はありません"), spec->id);
        return;
    }
    tb->roles = malloc((size_t)spec->n_roles * sizeof *tb->roles);
    if (!tb->roles)
        abort();
    for (int k = 0; k < spec->n_roles; k++)
        tb->roles[k] = -1;
    if (!json_is_object(jr)) {
        jsonrd_fail(r, jr ? q : tp, "%s", TR("a group's \"roles\" should be an object of role ids and attendee ids (null: nobody)",
                                             "グループの \"roles\" は役割 id と参加者 id（いなければ null）のオブジェクトのはずです"));
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)jr, key, v) {
        char e[JSONRD_PTR_MAX];
        jsonrd_key(e, q, key);
        int k = 0;
        while (k < spec->n_roles && strcmp(spec->roles[k].id, key) != 0)
            k++;
        if (k == spec->n_roles)
            jsonrd_fail(r, e, TR("unknown role \"%s\" (not a role of session \"%s\")",
                                 "役割 \"%s\" はセッション \"%s\" にありません"), key, spec->id);
        else
            tb->roles[k] = role_holder(r, p, ids, v, e, tb, key);
    }
    for (int k = 0; k < spec->n_roles; k++)
        if (!json_object_get(jr, spec->roles[k].id))
            jsonrd_fail(r, q, TR("role \"%s\" is missing (null when nobody holds it)",
                                 "役割 \"%s\" がありません（いなければ null と書きます）"), spec->roles[k].id);
}

/* A sharing session seats nobody, and its "presentations" is the running
 * order its settings and the groups give. */
static void read_sharing(jsonrd *r, tsunagu_plan *p, int si, const json_t *js, const char *sp_ptr)
{
    char q[JSONRD_PTR_MAX];
    jsonrd_key(q, sp_ptr, "tables");
    if (json_array_size(json_object_get(js, "tables")) > 0)
        jsonrd_fail(r, q, "%s", TR("a sharing session seats nobody: \"tables\" should be []",
                                   "共有（sharing）のセッションにはだれも座りません（\"tables\" は [] のはずです）"));
    const json_t *got = json_object_get(js, "presentations");
    jsonrd_key(q, sp_ptr, "presentations");
    if (r->errors > 0) /* the groups it follows may be unreadable */
        return;
    json_t *want = plan_presentations_json(p, si);
    if (!got || !json_equal((json_t *)got, want))
        jsonrd_fail(r, got ? q : sp_ptr, "%s",
                    TR("\"presentations\" should be the running order the groups and the event's settings give (the order is computed, not edited)",
                       "\"presentations\" はグループとイベントの設定から決まる進行順のはずです（順番は計算で決まり、手で直すものではありません）"));
    json_decref(want);
}

void plan_read_table(jsonrd *r, tsunagu_plan *p, const strmap *ids, tsunagu_session_plan *sp,
                     const json_t *jt, const char *tp, tsunagu_table *tb, bool round1)
{
    const tsunagu_session_spec *spec = sp->spec;
    bool exchange = spec->kind == TSUNAGU_EXCHANGE;
    static const char *const xkeys[] = {"id", "label", "regions", "members", NULL};
    static const char *const wkeys[] = {"id", "label", "track", "roles", "members", NULL};
    static const char *const later_wkeys[] = {"id", "label", "track", "members", NULL};
    char q[JSONRD_PTR_MAX];
    jsonrd_check_keys(r, jt, tp, exchange ? xkeys : round1 ? wkeys : later_wkeys);
    if (jsonrd_string(r, jt, tp, "id", true, &tb->id) == 0 && tb->id[0] == '\0')
        jsonrd_fail(r, tp, "%s", TR("a table's \"id\" is empty", "テーブルの \"id\" が空です"));
    jsonrd_string(r, jt, tp, "label", true, &tb->label);
    if (exchange) {
        const json_t *jr = json_object_get(jt, "regions");
        jsonrd_key(q, tp, "regions");
        if (!json_is_array(jr)) {
            jsonrd_fail(r, jr ? q : tp, "%s",
                 TR("a table's \"regions\" should be a list of region names",
                    "テーブルの \"regions\" は地域名のリストのはずです"));
        } else if (json_array_size(jr) > 0) {
            tb->regions = calloc(json_array_size(jr), sizeof *tb->regions);
            if (!tb->regions)
                abort();
            for (size_t k = 0; k < json_array_size(jr); k++) {
                char e[JSONRD_PTR_MAX];
                jsonrd_index(e, q, k);
                int g = region_of(r, p->regions, json_array_get(jr, k), e);
                if (g >= 0)
                    tb->regions[tb->n_regions++] = g;
            }
        }
    } else if (jsonrd_string(r, jt, tp, "track", true, &tb->track) == 0) {
        bool known = false;
        for (int k = 0; k < spec->n_tracks; k++)
            known = known || strcmp(spec->tracks[k].id, tb->track) == 0;
        if (!known) {
            jsonrd_key(q, tp, "track");
            jsonrd_fail(r, q, TR("unknown track \"%s\" (not a track of session \"%s\")",
                          "トラック \"%s\" はセッション \"%s\" にありません"),
                 tb->track, spec->id);
        }
    }

    const json_t *jm = json_object_get(jt, "members");
    jsonrd_key(q, tp, "members");
    if (!json_is_array(jm)) {
        jsonrd_fail(r, jm ? q : tp, "%s",
             TR("\"members\" should be a list of attendee ids",
                "\"members\" は参加者 id のリストのはずです"));
        return;
    }
    size_t n = json_array_size(jm);
    tb->members = calloc(n ? n : 1, sizeof *tb->members);
    if (!tb->members)
        abort();
    for (size_t k = 0; k < n; k++) {
        char e[JSONRD_PTR_MAX];
        jsonrd_index(e, q, k);
        const char *id = json_string_value(json_array_get(jm, k));
        long ai = id ? strmap_get(ids, id) : -1;
        if (ai < 0) {
            jsonrd_fail(r, e, TR("unknown attendee id \"%s\" at table \"%s\" of session \"%s\"",
                          "セッション \"%3$s\" のテーブル \"%2$s\" に不明な参加者 id \"%1$s\" があります"),
                 id ? id : "?", tb->id ? tb->id : "?", spec->id);
            continue;
        }
        int here = (int)(tb - sp->tables);
        if (sp->seat[ai] >= 0) {
            jsonrd_fail(r, e, TR("attendee \"%s\" is at two tables of session \"%s\": \"%s\" and \"%s\"",
                          "参加者 \"%s\" がセッション \"%s\" の2つのテーブル \"%s\" と \"%s\" にいます"),
                 id, spec->id, sp->tables[sp->seat[ai]].id ? sp->tables[sp->seat[ai]].id : "?",
                 tb->id ? tb->id : "?");
            continue;
        }
        sp->seat[ai] = here;
        tb->members[tb->n_members++] = (size_t)ai;
    }
    if (!exchange && round1)
        read_roles(r, p, ids, spec, jt, tp, tb);
}

static void read_session(jsonrd *r, tsunagu_plan *p, const strmap *ids, int si, const json_t *js,
                         const char *sp_ptr)
{
    tsunagu_session_plan *sp = &p->sessions[si];
    const tsunagu_session_spec *spec = &p->event->sessions[si];
    sp->spec = spec;
    sp->seat = malloc((p->roster->count ? p->roster->count : 1) * sizeof *sp->seat);
    if (!sp->seat)
        abort();
    for (size_t i = 0; i < p->roster->count; i++)
        sp->seat[i] = -1;
    sp->objective = sp->bound = sp->gap = sp->seconds = NAN;
    if (!json_is_object(js)) {
        jsonrd_fail(r, sp_ptr, "%s", TR("a session should be an object", "セッションはオブジェクトのはずです"));
        return;
    }
    static const char *const keys[] = {"id",      "kind",   "title",   "start",
                                       "end",     "status", "objective", "bound",
                                       "gap",     "seconds", "stopped_at_time_limit",
                                       "tables",  "presentations", "rounds",
                                       "repeats", "repeats_bound", NULL};
    jsonrd_check_keys(r, js, sp_ptr, keys);
    const char *id = json_string_value(json_object_get(js, "id"));
    if (!id || strcmp(id, spec->id) != 0) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, sp_ptr, "id");
        jsonrd_fail(r, json_object_get(js, "id") ? q : sp_ptr,
             TR("session %d is \"%s\" but the plan's event has \"%s\" there: sessions must "
                "match the event, in order",
                "%d番目のセッションが \"%s\" ですが、計画のイベントでは \"%s\" です (セッションは"
                "イベントと同じ順で並びます)"),
             si + 1, id ? id : "?", spec->id);
        return;
    }
    const char *kind = json_string_value(json_object_get(js, "kind"));
    if (!kind || strcmp(kind, tsunagu_session_kind_name(spec->kind)) != 0) {
        check_same(r, js, sp_ptr, "kind", tsunagu_session_kind_name(spec->kind));
        return;
    }
    check_same(r, js, sp_ptr, "title", spec->title);
    check_same(r, js, sp_ptr, "start", spec->start);
    check_same(r, js, sp_ptr, "end", spec->end);

    char q[JSONRD_PTR_MAX];
    plan_read_status(r, js, sp_ptr, sp);
    get_number(r, js, sp_ptr, "objective", &sp->objective);
    get_number(r, js, sp_ptr, "bound", &sp->bound);
    get_number(r, js, sp_ptr, "gap", &sp->gap);
    get_number(r, js, sp_ptr, "seconds", &sp->seconds);
    plan_read_stopped(r, js, sp_ptr, sp);

    const json_t *jt = json_object_get(js, "tables");
    jsonrd_key(q, sp_ptr, "tables");
    if (!json_is_array(jt)) {
        jsonrd_fail(r, jt ? q : sp_ptr, "%s", TR("\"tables\" should be a list", "\"tables\" はリストのはずです"));
        return;
    }
    size_t n = json_array_size(jt);
    sp->tables = calloc(n ? n : 1, sizeof *sp->tables);
    if (!sp->tables)
        abort();
    strmap table_ids = {0};
    for (size_t t = 0; t < n; t++) {
        char tp[JSONRD_PTR_MAX];
        jsonrd_index(tp, q, t);
        const json_t *jtab = json_array_get(jt, t);
        if (!json_is_object(jtab)) {
            jsonrd_fail(r, tp, "%s", TR("a table should be an object", "テーブルはオブジェクトのはずです"));
            continue;
        }
        tsunagu_table *tb = &sp->tables[sp->n_tables++];
        plan_read_table(r, p, ids, sp, jtab, tp, tb, true);
        if (tb->id && strmap_get(&table_ids, tb->id) >= 0) {
            char e[JSONRD_PTR_MAX];
            jsonrd_key(e, tp, "id");
            jsonrd_fail(r, e, TR("duplicate table id \"%s\" in session \"%s\"",
                          "セッション \"%2$s\" でテーブル id \"%1$s\" が重複しています"),
                 tb->id, spec->id);
        } else if (tb->id) {
            strmap_put(&table_ids, tb->id, sp->n_tables - 1);
        }
    }
    strmap_dispose(&table_ids);
    if (spec->kind == TSUNAGU_SHARING)
        read_sharing(r, p, si, js, sp_ptr);
    plan_read_rounds(r, p, ids, sp, js, sp_ptr);
}

/* Every attendee's "seats" must say what the tables say, and nothing else
 * (an attendee without an id has been refused: no table can name them). */
static void check_seats(jsonrd *r, tsunagu_plan *p, const json_t *attendees, const char *ptr)
{
    for (size_t i = 0; i < p->roster->count; i++) {
        const tsunagu_attendee *a = &p->roster->items[i];
        const json_t *seats = json_object_get(json_array_get(attendees, i), "seats");
        if (!json_is_object(seats) || !a->id)
            continue;
        char ap[JSONRD_PTR_MAX], sp[JSONRD_PTR_MAX];
        jsonrd_index(ap, ptr, i);
        jsonrd_key(sp, ap, "seats");
        const char *session;
        json_t *v;
        json_object_foreach((json_t *)seats, session, v) {
            char q[JSONRD_PTR_MAX];
            jsonrd_key(q, sp, session);
            if (!tsunagu_event_session(p->event, session))
                jsonrd_fail(r, q, TR("attendee \"%s\": unknown session \"%s\" in \"seats\"",
                              "参加者 \"%s\": \"seats\" のセッション \"%s\" が計画にありません"),
                     a->id, session);
            else if (!json_is_string(v))
                jsonrd_fail(r, q, TR("attendee \"%s\": the seat in session \"%s\" should be a table id",
                              "参加者 \"%s\": セッション \"%s\" の席はテーブル id のはずです"),
                     a->id, session);
        }
        for (int s = 0; s < p->n_sessions; s++) {
            const tsunagu_session_plan *spl = &p->sessions[s];
            if (!spl->seat)
                continue;
            const char *id = spl->spec->id;
            const char *said = json_string_value(json_object_get(seats, id));
            int t = spl->seat[i];
            const char *table = t >= 0 ? spl->tables[t].id : NULL;
            char q[JSONRD_PTR_MAX];
            jsonrd_key(q, sp, id);
            if (said && !table)
                jsonrd_fail(r, q, TR("attendee \"%s\": \"seats\" puts them at \"%s\" in session \"%s\", "
                              "but no table of that session lists them",
                              "参加者 \"%1$s\": \"seats\" ではセッション \"%3$s\" のテーブル \"%2$s\" "
                              "ですが、そのセッションのどのテーブルにも載っていません"),
                     a->id, said, id);
            else if (table && !said)
                jsonrd_fail(r, sp, TR("attendee \"%s\": table \"%s\" of session \"%s\" lists them, but "
                               "\"seats\" has no seat for that session",
                               "参加者 \"%1$s\": セッション \"%3$s\" のテーブル \"%2$s\" に載っていま"
                               "すが、\"seats\" にそのセッションの席がありません"),
                     a->id, table, id);
            else if (table && said && strcmp(table, said) != 0)
                jsonrd_fail(r, q, TR("attendee \"%s\": \"seats\" says table \"%s\" in session \"%s\", "
                              "but they are listed at table \"%s\"",
                              "参加者 \"%1$s\": \"seats\" ではセッション \"%3$s\" のテーブル \"%2$s\" "
                              "ですが、テーブル \"%4$s\" に載っています"),
                     a->id, said, id, table);
            if (table && !tsunagu_professions_seated(p->roster->professions, a->profession))
                jsonrd_fail(r, q, TR("attendee \"%s\" is %s (not seated) but sits at table \"%s\" of "
                              "session \"%s\"",
                              "参加者 \"%1$s\" は %2$s (席なし) ですが、セッション \"%4$s\" のテー"
                              "ブル \"%3$s\" にいます"),
                     a->id, tsunagu_professions_code(p->roster->professions, a->profession), table, id);
        }
    }
}

static void read_scores(jsonrd *r, tsunagu_plan *p, const json_t *js, const char *ptr)
{
    if (!json_is_object(js)) {
        jsonrd_fail(r, ptr, "%s", TR("\"scores\" should be an object", "\"scores\" はオブジェクトのはずです"));
        return;
    }
    size_t total = 0;
    const char *session;
    json_t *v;
    json_object_foreach((json_t *)js, session, v) total += json_is_object(v) ? json_object_size(v) : 0;
    p->scores = calloc(total ? total : 1, sizeof *p->scores);
    if (!p->scores)
        abort();
    json_object_foreach((json_t *)js, session, v) {
        char q[JSONRD_PTR_MAX];
        jsonrd_key(q, ptr, session);
        if (!tsunagu_event_session(p->event, session)) {
            jsonrd_fail(r, q, TR("scores of unknown session \"%s\"", "不明なセッション \"%s\" の scores です"),
                 session);
            continue;
        }
        if (!json_is_object(v)) {
            jsonrd_fail(r, q, "%s", TR("scores of a session should be an object",
                                "セッションの scores はオブジェクトのはずです"));
            continue;
        }
        const char *key;
        json_t *jk;
        json_object_foreach(v, key, jk) {
            char e[JSONRD_PTR_MAX];
            jsonrd_key(e, q, key);
            const json_t *jc = json_object_get(jk, "count"), *jo = json_object_get(jk, "of");
            if (!json_is_object(jk) || json_object_size(jk) != 2 || !json_is_integer(jc) ||
                !json_is_integer(jo)) {
                jsonrd_fail(r, e, TR("score \"%s\" should be {\"count\": N, \"of\": M}",
                              "スコア \"%s\" は {\"count\": N, \"of\": M} の形のはずです"),
                     key);
                continue;
            }
            tsunagu_score *sc = &p->scores[p->n_scores++];
            sc->session = tsunagu_strdup(session);
            sc->key = tsunagu_strdup(key);
            sc->value = (long)json_integer_value(jc);
            sc->of = (long)json_integer_value(jo);
        }
    }
}

static void read_moves(jsonrd *r, tsunagu_plan *p, const strmap *ids, const json_t *jm,
                       const char *ptr)
{
    if (!json_is_array(jm)) {
        jsonrd_fail(r, ptr, "%s", TR("\"moves\" should be a list", "\"moves\" はリストのはずです"));
        return;
    }
    size_t n = json_array_size(jm);
    p->moves = calloc(n ? n : 1, sizeof *p->moves);
    if (!p->moves)
        abort();
    static const char *const keys[] = {"id", "session", "from", "to", "why", NULL};
    for (size_t i = 0; i < n; i++) {
        const json_t *jv = json_array_get(jm, i);
        char q[JSONRD_PTR_MAX];
        jsonrd_index(q, ptr, i);
        if (!json_is_object(jv)) {
            jsonrd_fail(r, q, "%s", TR("a move should be an object", "移動はオブジェクトのはずです"));
            continue;
        }
        tsunagu_move *mv = &p->moves[p->n_moves++];
        jsonrd_check_keys(r, jv, q, keys);
        if (jsonrd_string(r, jv, q, "id", true, &mv->attendee_id) == 0 &&
            strmap_get(ids, mv->attendee_id) < 0)
            jsonrd_fail(r, q, TR("move of unknown attendee \"%s\"", "不明な参加者 \"%s\" の移動です"),
                 mv->attendee_id);
        if (jsonrd_string(r, jv, q, "session", true, &mv->session) == 0 &&
            !tsunagu_event_session(p->event, mv->session) && !plan_round_named(p->event, mv->session))
            jsonrd_fail(r, q, TR("move in unknown session \"%s\"", "不明なセッション \"%s\" での移動です"),
                 mv->session);
        const char *ends[2] = {"from", "to"};
        char **slots[2] = {&mv->from, &mv->to};
        for (int k = 0; k < 2; k++) {
            const json_t *je = json_object_get(jv, ends[k]);
            if (json_is_null(je))
                continue;
            jsonrd_string(r, jv, q, ends[k], true, slots[k]);
        }
        jsonrd_string(r, jv, q, "why", true, &mv->why);
    }
}

/* The plan's format, version and keys; false after saying why the rest
 * cannot be read as a plan. */
static bool read_head(jsonrd *r, const json_t *json)
{
    if (!json_is_object(json)) {
        jsonrd_fail(r, "", "%s", TR("a plan should be a JSON object", "計画は JSON オブジェクトのはずです"));
        return false;
    }
    const char *format = json_string_value(json_object_get(json, "format"));
    if (!format || strcmp(format, "tsunagu-plan") != 0) {
        jsonrd_fail(r, json_object_get(json, "format") ? "/format" : "", "%s",
             TR("not a plan: \"format\" should be \"tsunagu-plan\"",
                "計画ファイルではありません: \"format\" は \"tsunagu-plan\" のはずです"));
        return false;
    }
    const json_t *jv = json_object_get(json, "version");
    if (!json_is_integer(jv) || json_integer_value(jv) != 1) {
        jsonrd_fail(r, jv ? "/version" : "", "%s",
             TR("unsupported plan version (expected \"version\": 1)",
                "対応していない計画の版です (\"version\": 1 のはずです)"));
        return false;
    }
    static const char *const keys[] = {"format",    "version",  "generator", "event",
                                       "regions",   "input",    "attendees", "sessions",
                                       "scores",    "warnings", "moves",     "cancelled",
                                       "carried",   "desk_changes", "walkins_issued", "pinned", NULL};
    jsonrd_check_keys(r, json, "", keys);
    return true;
}

static void read_input(jsonrd *r, tsunagu_plan *p, const json_t *jin)
{
    if (!json_is_object(jin)) {
        jsonrd_fail(r, jin ? "/input" : "", "%s",
             TR("\"input\" should be {\"file\": NAME, \"sha256\": HEX}",
                "\"input\" は {\"file\": 名前, \"sha256\": 16進} の形のはずです"));
        return;
    }
    static const char *const ikeys[] = {"file", "sha256", NULL};
    jsonrd_check_keys(r, jin, "/input", ikeys);
    jsonrd_string(r, jin, "/input", "file", true, &p->input_file);
    const char *hex = json_string_value(json_object_get(jin, "sha256"));
    bool ok = hex && strlen(hex) == 64 && strspn(hex, "0123456789abcdef") == 64;
    if (!ok)
        jsonrd_fail(r, "/input/sha256", "%s",
             TR("\"sha256\" should be 64 lower-case hex digits",
                "\"sha256\" は小文字の16進64桁のはずです"));
    else
        memcpy(p->input_sha256, hex, 65);
}

/* The plan's roster: its attendees read against the event's professions
 * and the plan's regions, indexed by id in *ids. */
static void read_roster(jsonrd *r, tsunagu_plan *p, const json_t *jat, strmap *ids)
{
    p->roster = calloc(1, sizeof *p->roster);
    if (!p->roster)
        abort();
    p->roster->source = tsunagu_strdup(p->input_file ? p->input_file : "");
    memcpy(p->roster->sha256, p->input_sha256, sizeof p->roster->sha256);
    p->roster->regions = p->regions;
    p->roster->professions = tsunagu_professions_copy(p->event->professions);
    if (!jat)
        jsonrd_fail(r, "", TR("\"%s\" is missing", "\"%s\" がありません"), "attendees");
    else
        read_attendees(r, p, jat, "/attendees", ids);
}

static void read_sessions(jsonrd *r, tsunagu_plan *p, const json_t *jss, const json_t *jat,
                          const strmap *ids)
{
    size_t want = (size_t)p->event->n_sessions;
    if (!json_is_array(jss) || json_array_size(jss) != want) {
        jsonrd_fail(r, jss ? "/sessions" : "",
             TR("\"sessions\" should list the event's %zu sessions, in order",
                "\"sessions\" にはイベントの %zu セッションを順に並べるはずです"),
             want);
        return;
    }
    p->sessions = calloc(want, sizeof *p->sessions);
    if (!p->sessions)
        abort();
    p->n_sessions = (int)want;
    for (int s = 0; s < p->n_sessions; s++) {
        char q[JSONRD_PTR_MAX];
        jsonrd_index(q, "/sessions", (size_t)s);
        read_session(r, p, ids, s, json_array_get(jss, (size_t)s), q);
    }
    /* members in reading order, whatever order the file lists them in */
    size_t *rank = tsunagu_attendees_reading_rank(p->roster->items, p->roster->count);
    for (int s = 0; s < p->n_sessions; s++)
        for (int k = 0; k <= p->sessions[s].n_later; k++) {
            tsunagu_session_plan *rp = k == 0 ? &p->sessions[s] : &p->sessions[s].later[k - 1];
            for (int t = 0; t < rp->n_tables; t++)
                sort_indices_by_rank(rp->tables[t].members, rp->tables[t].n_members, rank);
        }
    free(rank);
    if (json_is_array(jat)) {
        check_seats(r, p, jat, "/attendees");
        plan_check_itineraries(r, p, jat, "/attendees");
    }
}

static void read_warnings(jsonrd *r, tsunagu_plan *p, const json_t *jw)
{
    p->warnings = calloc(json_array_size(jw) + 1, sizeof *p->warnings);
    if (!p->warnings)
        abort();
    if (!json_is_array(jw))
        jsonrd_fail(r, "/warnings", "%s",
             TR("\"warnings\" should be a list of texts", "\"warnings\" は文のリストのはずです"));
    for (size_t i = 0; i < json_array_size(jw); i++) {
        const char *w = json_string_value(json_array_get(jw, i));
        char q[JSONRD_PTR_MAX];
        jsonrd_index(q, "/warnings", i);
        if (!w)
            jsonrd_fail(r, q, "%s",
                 TR("\"warnings\" should be a list of texts", "\"warnings\" は文のリストのはずです"));
        else
            p->warnings[p->n_warnings++] = tsunagu_strdup(w);
    }
}

/* "cancelled": the records of people cancelled at the desk; an id may not
 * be both seated and cancelled. */
static void read_cancelled(jsonrd *r, tsunagu_plan *p, const json_t *jc, const strmap *ids)
{
    if (!json_is_array(jc)) {
        jsonrd_fail(r, "/cancelled", "%s",
                    TR("\"cancelled\" should be a list of attendees", "\"cancelled\" は参加者のリストのはずです"));
        return;
    }
    p->cancelled = calloc(json_array_size(jc) + 1, sizeof *p->cancelled);
    if (!p->cancelled)
        abort();
    for (size_t i = 0; i < json_array_size(jc); i++) {
        const json_t *ja = json_array_get(jc, i);
        char ap[JSONRD_PTR_MAX];
        jsonrd_index(ap, "/cancelled", i);
        if (!json_is_object(ja)) {
            jsonrd_fail(r, ap, "%s", TR("an attendee should be an object", "参加者はオブジェクトのはずです"));
            continue;
        }
        tsunagu_attendee *a = &p->cancelled[p->n_cancelled++];
        read_attendee(r, p, ja, ap, a, false);
        if (a->id && strmap_get(ids, a->id) >= 0)
            jsonrd_fail(r, ap, TR("\"%s\" is both seated and cancelled", "「%s」が着席と欠席の両方にあります"),
                        a->id);
    }
}

static void read_carried(jsonrd *r, tsunagu_plan *p, const json_t *jc)
{
    for (size_t i = 0; json_is_array(jc) && i < json_array_size(jc); i++) {
        const char *c = json_string_value(json_array_get(jc, i));
        if (c)
            tsunagu_plan_add_carried(p, c);
    }
    if (!json_is_array(jc) || (size_t)p->n_carried != json_array_size(jc))
        jsonrd_fail(r, "/carried", "%s",
                    TR("\"carried\" should be a list of texts", "\"carried\" は文のリストのはずです"));
}

/* "pinned": seats fixed on the day, [{"id", "session", "table"}]; each
 * names a seated attendee who sits at that table, one pin per person and
 * session. */
static void read_pinned(jsonrd *r, tsunagu_plan *p, const json_t *jp, const strmap *ids)
{
    if (!json_is_array(jp)) {
        jsonrd_fail(r, "/pinned", "%s",
                    TR("\"pinned\" should be a list of {\"id\", \"session\", \"table\"}",
                       "\"pinned\" は {\"id\", \"session\", \"table\"} のリストのはずです"));
        return;
    }
    static const char *const keys[] = {"id", "session", "table", NULL};
    for (size_t i = 0; i < json_array_size(jp); i++) {
        const json_t *jpin = json_array_get(jp, i);
        char q[JSONRD_PTR_MAX];
        jsonrd_index(q, "/pinned", i);
        const char *id = json_string_value(json_object_get(jpin, "id"));
        const char *sid = json_string_value(json_object_get(jpin, "session"));
        const char *table = json_string_value(json_object_get(jpin, "table"));
        if (!json_is_object(jpin) || !id || !sid || !table) {
            jsonrd_fail(r, q, "%s",
                        TR("a pin should be {\"id\", \"session\", \"table\"} (texts)",
                           "固定は {\"id\", \"session\", \"table\"}（文字列）のはずです"));
            continue;
        }
        jsonrd_check_keys(r, jpin, q, keys);
        long a = strmap_get(ids, id);
        int s = 0;
        while (s < p->n_sessions && strcmp(p->sessions[s].spec->id, sid) != 0)
            s++;
        int t = a >= 0 && s < p->n_sessions ? p->sessions[s].seat[a] : -1;
        bool twice = false;
        for (int k = 0; k < p->n_pins; k++)
            twice |= strcmp(p->pins[k].attendee_id, id) == 0 && strcmp(p->pins[k].session, sid) == 0;
        if (a < 0)
            jsonrd_fail(r, q, TR("pinned \"%s\" is not a seated attendee of the plan",
                                 "固定された「%s」は計画の参加者にいません"), id);
        else if (s == p->n_sessions)
            jsonrd_fail(r, q, TR("pinned in \"%s\", which is not a session of the event",
                                 "固定先の「%s」はイベントのセッションではありません"), sid);
        else if (t < 0 || strcmp(p->sessions[s].tables[t].id, table) != 0)
            jsonrd_fail(r, q, TR("\"%s\" is pinned to table %s of %s but does not sit there",
                                 "「%s」はテーブル %s（%s）に固定されていますが、そこに座っていません"),
                        id, table, sid);
        else if (twice)
            jsonrd_fail(r, q, TR("\"%s\" is pinned twice in %s", "「%s」は %s で2回固定されています"), id, sid);
        else
            tsunagu_plan_add_pin(p, id, sid, table);
    }
}

static tsunagu_plan *plan_from_json_at(const json_t *json, const char *source,
                                       const tsunagu_jsonpos *pos, tsunagu_diags *diags)
{
    jsonrd r = {.source = source, .pos = pos, .diags = diags};
    if (!read_head(&r, json))
        return NULL;
    tsunagu_plan *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    jsonrd_string(&r, json, "", "generator", true, &p->generator);

    const json_t *jreg = json_object_get(json, "regions");
    if (!jreg)
        jsonrd_fail(&r, "", TR("\"%s\" is missing", "\"%s\" がありません"), "regions");
    else
        p->regions = tsunagu_regions_from_json(jreg, source, diags);
    const json_t *jev = json_object_get(json, "event");
    if (!jev)
        jsonrd_fail(&r, "", TR("\"%s\" is missing", "\"%s\" がありません"), "event");
    else
        p->event = tsunagu_event_from_json_at(jev, source, pos, "/event", diags);
    if (!p->regions || !p->event) {
        /* Their errors are in diags already; nothing else can be checked. */
        tsunagu_plan_free(p);
        return NULL;
    }

    read_input(&r, p, json_object_get(json, "input"));
    const json_t *jat = json_object_get(json, "attendees");
    strmap ids = {0}; /* attendee id -> index in p->roster */
    read_roster(&r, p, jat, &ids);
    read_sessions(&r, p, json_object_get(json, "sessions"), jat, &ids);
    const json_t *jsc = json_object_get(json, "scores");
    if (!jsc)
        jsonrd_fail(&r, "", TR("\"%s\" is missing", "\"%s\" がありません"), "scores");
    else
        read_scores(&r, p, jsc, "/scores");
    const json_t *jw = json_object_get(json, "warnings");
    if (jw)
        read_warnings(&r, p, jw);
    const json_t *jm = json_object_get(json, "moves");
    if (jm)
        read_moves(&r, p, &ids, jm, "/moves");
    const json_t *jc = json_object_get(json, "cancelled");
    if (jc)
        read_cancelled(&r, p, jc, &ids);
    const json_t *jcar = json_object_get(json, "carried");
    if (jcar)
        read_carried(&r, p, jcar);
    const json_t *jdesk = json_object_get(json, "desk_changes");
    if (jdesk && (!json_is_integer(jdesk) || json_integer_value(jdesk) < 0 ||
                  json_integer_value(jdesk) > 1 << 30))
        jsonrd_fail(&r, "/desk_changes", "%s",
                    TR("\"desk_changes\" should be a count", "\"desk_changes\" は件数のはずです"));
    else if (jdesk)
        p->desk_changes = (int)json_integer_value(jdesk);
    if (p->sessions)
        plan_check_round_sizes(&r, p);
    const json_t *jw_issued = json_object_get(json, "walkins_issued");
    if (jw_issued && (!json_is_integer(jw_issued) || json_integer_value(jw_issued) < 0 ||
                      json_integer_value(jw_issued) > 1 << 30))
        jsonrd_fail(&r, "/walkins_issued", "%s",
                    TR("\"walkins_issued\" should be a count", "\"walkins_issued\" は件数のはずです"));
    else if (jw_issued)
        p->walkins_issued = (int)json_integer_value(jw_issued);
    const json_t *jpins = json_object_get(json, "pinned");
    if (jpins && p->sessions && r.errors == 0)
        read_pinned(&r, p, jpins, &ids);
    strmap_dispose(&ids);

    if (r.errors > 0) {
        tsunagu_plan_free(p);
        return NULL;
    }
    return p;
}

tsunagu_plan *tsunagu_plan_from_json(const json_t *json, const char *source, tsunagu_diags *diags)
{
    return plan_from_json_at(json, source, NULL, diags);
}

tsunagu_plan *tsunagu_plan_read_buffer(const char *data, size_t len, const char *source,
                                       tsunagu_diags *diags)
{
    tsunagu_jsonpos *pos = NULL;
    json_t *json = tsunagu_json_read_buffer(data, len, PLAN_MAX_BYTES, source, diags, &pos);
    if (!json)
        return NULL;
    tsunagu_plan *p = plan_from_json_at(json, source, pos, diags);
    json_decref(json);
    tsunagu_jsonpos_free(pos);
    return p;
}

tsunagu_plan *tsunagu_plan_read(const char *path, tsunagu_diags *diags)
{
    tsunagu_jsonpos *pos = NULL;
    json_t *json = tsunagu_json_read_file(path, PLAN_MAX_BYTES, diags, &pos);
    if (!json)
        return NULL;
    const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
    tsunagu_plan *p = plan_from_json_at(json, shown, pos, diags);
    json_decref(json);
    tsunagu_jsonpos_free(pos);
    return p;
}

