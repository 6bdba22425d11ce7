/* plan_write.c - the plan as JSON.  Writing is deterministic (fixed key
 * order, fixed indentation, members and the cancelled in reading order),
 * so the same plan always gives the same bytes. */
#include "tsunagu/plan.h"
#include "plan/plan_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/event_private.h"
#include "tsunagu/fileio.h"
#include "util/tr.h"
#include "tsunagu/text.h"
#include "util/jsonpos.h"
#include "util/jsonrd.h"
#include "util/sort.h"
#include "util/strmap.h"
#include "rules/rules_private.h"

#define PLAN_MAX_BYTES (64u << 20)
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)


#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* ---- writing ---------------------------------------------------------- */

static json_t *real_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static void set_str(json_t *obj, const char *key, const char *value)
{
    if (value)
        json_object_set_new(obj, key, json_string(value));
}

static json_t *strings_json(char **items, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

/* What the list said of attendee a (and whether the desk added them). */
static json_t *attendee_fields_json(const tsunagu_plan *p, const tsunagu_attendee *a)
{
    const tsunagu_regions *rg = p->regions;
    json_t *o = json_object();
    set_str(o, "id", a->id);
    set_str(o, "name", a->name);
    json_object_set_new(o, "kana", json_string(a->kana ? a->kana : ""));
    json_object_set_new(o, "profession",
                        json_string(tsunagu_professions_code(p->roster->professions, a->profession)));
    json_object_set_new(o, "organization", json_string(a->organization ? a->organization : ""));
    set_str(o, "region", tsunagu_regions_name(rg, a->region));
    json_t *interests = json_array();
    for (int k = 0; k < a->n_interests; k++)
        json_array_append_new(interests, json_string(tsunagu_regions_name(rg, a->interests[k])));
    json_object_set_new(o, "interest_regions", interests);
    json_object_set_new(o, "experience",
                        json_string(a->experience == TSUNAGU_PLANNING ? "planning" : "experienced"));
    json_object_set_new(o, "line", json_integer(a->line));
    set_str(o, "municipality", a->municipality);
    json_t *pins = json_object(); /* by session id, whatever the list's columns said */
    for (int s = 0; s < p->n_sessions; s++) {
        const char *t = tsunagu_event_pin(p->event, s, a);
        if (t)
            json_object_set_new(pins, p->sessions[s].spec->id, json_string(t));
    }
    if (json_object_size(pins) > 0)
        json_object_set_new(o, "pins", pins);
    else
        json_decref(pins);
    json_t *roles = json_object(); /* by session id, the role as the list wrote it */
    for (int s = 0; s < p->n_sessions; s++) {
        const char *r = tsunagu_event_role_written(p->event, s, a);
        if (r)
            json_object_set_new(roles, p->sessions[s].spec->id, json_string(r));
    }
    if (json_object_size(roles) > 0)
        json_object_set_new(o, "roles", roles);
    else
        json_decref(roles);
    if (a->n_together > 0)
        json_object_set_new(o, "together", strings_json(a->together, a->n_together));
    if (a->n_apart > 0)
        json_object_set_new(o, "apart", strings_json(a->apart, a->n_apart));
    if (a->walkin) /* absent for the list's people: older plans read the same */
        json_object_set_new(o, "walkin", json_true());
    if (a->namesake)
        json_object_set_new(o, "namesake", json_true());
    return o;
}

/* where[s][i]: table of attendee i in session s, -1 when not seated. */
static json_t *attendee_json(const tsunagu_plan *p, int *const *where, size_t ai)
{
    json_t *o = attendee_fields_json(p, &p->roster->items[ai]);
    json_t *seats = json_object();
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        int t = where[s][ai];
        if (t >= 0)
            json_object_set_new(seats, sp->spec->id, json_string(sp->tables[t].id));
    }
    json_object_set_new(o, "seats", seats);
    /* sessions with rounds: the table of every round, round 1 first */
    json_t *itinerary = json_object();
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        if (sp->n_later <= 0 || where[s][ai] < 0)
            continue;
        json_t *route = json_array();
        json_array_append_new(route, json_string(sp->tables[where[s][ai]].id));
        for (int r = 0; r < sp->n_later; r++) {
            int t = sp->later[r].seat ? sp->later[r].seat[ai] : -1;
            json_array_append_new(route, t >= 0 ? json_string(sp->later[r].tables[t].id) : json_null());
        }
        json_object_set_new(itinerary, sp->spec->id, route);
    }
    if (json_object_size(itinerary) > 0)
        json_object_set_new(o, "itinerary", itinerary);
    else
        json_decref(itinerary);
    return o;
}

/* A group's roles: role id -> the holder's id, or null (nobody). */
static json_t *roles_json(const tsunagu_plan *p, const tsunagu_session_spec *spec, const tsunagu_table *tb)
{
    json_t *o = json_object();
    for (int r = 0; r < spec->n_roles; r++) {
        long who = tb->roles ? tb->roles[r] : -1;
        json_object_set_new(o, spec->roles[r].id,
                            who >= 0 ? json_string(p->roster->items[who].id) : json_null());
    }
    return o;
}

json_t *plan_presentations_json(const tsunagu_plan *p, int s)
{
    const tsunagu_presentations *pr = &p->sessions[s].spec->presentations;
    int n = 0;
    tsunagu_presentation *turns = tsunagu_plan_presentations(p, s, &n);
    json_t *a = json_array();
    for (int k = 0; k < n; k++) {
        char start[16], qa[16], end[16];
        tsunagu_clock_text(turns[k].start, start);
        tsunagu_clock_text(turns[k].qa, qa);
        tsunagu_clock_text(turns[k].end, end);
        json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "group",
                              p->sessions[pr->of_session].tables[turns[k].table].id, "start", start,
                              "qa", qa, "end", end);
        long who = tsunagu_plan_presenter(p, s, &turns[k]);
        if (pr->presenter_role >= 0)
            json_object_set_new(o, "presenter", who >= 0 ? json_string(p->roster->items[who].id) : json_null());
        json_array_append_new(a, o);
    }
    free(turns);
    return a;
}

/* The tables of one round as the plan writes them (roles: round 1's
 * only); rank: each attendee's place in the reading order (members print
 * in it). */
static json_t *tables_json(const tsunagu_plan *p, const tsunagu_session_spec *spec,
                           const tsunagu_table *tables, int n_tables, const size_t *rank, bool roles)
{
    json_t *out = json_array();
    for (int t = 0; t < n_tables; t++) {
        const tsunagu_table *tb = &tables[t];
        json_t *jt = json_object();
        set_str(jt, "id", tb->id);
        set_str(jt, "label", tb->label);
        if (spec->kind == TSUNAGU_EXCHANGE) {
            json_t *regions = json_array();
            for (int k = 0; k < tb->n_regions; k++)
                json_array_append_new(regions,
                                      json_string(tsunagu_regions_name(p->regions, tb->regions[k])));
            json_object_set_new(jt, "regions", regions);
        } else {
            set_str(jt, "track", tb->track);
            if (roles && spec->n_roles > 0)
                json_object_set_new(jt, "roles", roles_json(p, spec, tb));
        }
        size_t *m = malloc((tb->n_members ? tb->n_members : 1) * sizeof *m);
        if (!m)
            abort();
        memcpy(m, tb->members, tb->n_members * sizeof *m);
        sort_indices_by_rank(m, tb->n_members, rank);
        json_t *members = json_array();
        for (size_t k = 0; k < tb->n_members; k++)
            json_array_append_new(members, json_string(p->roster->items[m[k]].id));
        free(m);
        json_object_set_new(jt, "members", members);
        json_array_append_new(out, jt);
    }
    return out;
}

/* Rounds 2 .. k of a session with rounds: [{round, status, seconds, tables}]. */
static json_t *rounds_json(const tsunagu_plan *p, const tsunagu_session_plan *sp, const size_t *rank)
{
    json_t *out = json_array();
    for (int r = 0; r < sp->n_later; r++) {
        const tsunagu_session_plan *rp = &sp->later[r];
        json_t *jr = json_object();
        json_object_set_new(jr, "round", json_integer(r + 2));
        json_object_set_new(jr, "status", json_string(tsunagu_status_name(rp->status)));
        json_object_set_new(jr, "seconds", real_or_null(rp->seconds));
        if (rp->stopped_at_time_limit)
            json_object_set_new(jr, "stopped_at_time_limit", json_true());
        json_object_set_new(jr, "tables", tables_json(p, sp->spec, rp->tables, rp->n_tables, rank, false));
        json_array_append_new(out, jr);
    }
    return out;
}

static json_t *session_json(const tsunagu_plan *p, const tsunagu_session_plan *sp,
                            const size_t *rank)
{
    const tsunagu_session_spec *spec = sp->spec;
    json_t *o = json_object();
    set_str(o, "id", spec->id);
    json_object_set_new(o, "kind", json_string(tsunagu_session_kind_name(spec->kind)));
    set_str(o, "title", spec->title);
    set_str(o, "start", spec->start);
    set_str(o, "end", spec->end);
    json_object_set_new(o, "status", json_string(tsunagu_status_name(sp->status)));
    json_object_set_new(o, "objective", real_or_null(sp->objective));
    json_object_set_new(o, "bound", real_or_null(sp->bound));
    json_object_set_new(o, "gap", real_or_null(sp->gap));
    json_object_set_new(o, "seconds", real_or_null(sp->seconds));
    if (sp->stopped_at_time_limit) /* absent when not: plans that finished stay as they were */
        json_object_set_new(o, "stopped_at_time_limit", json_true());
    json_object_set_new(o, "tables", tables_json(p, spec, sp->tables, sp->n_tables, rank, true));
    if (sp->n_later > 0) { /* absent for one round: older plans read the same */
        json_object_set_new(o, "rounds", rounds_json(p, sp, rank));
        json_object_set_new(o, "repeats", json_integer(sp->repeats));
        json_object_set_new(o, "repeats_bound", json_integer(sp->repeats_bound));
    }
    if (spec->kind == TSUNAGU_SHARING)
        json_object_set_new(o, "presentations", plan_presentations_json(p, (int)(sp - p->sessions)));
    return o;
}

json_t *tsunagu_plan_to_json(const tsunagu_plan *p)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("tsunagu-plan"));
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "generator", json_string(p->generator ? p->generator : ""));
    json_object_set_new(root, "event", tsunagu_event_to_json(p->event));
    json_object_set_new(root, "regions", tsunagu_regions_to_json(p->regions));
    /* The base name only: the same list reached by another path (or from
     * another folder) gives the same plan bytes, and no folder names leak. */
    json_object_set_new(root, "input",
                        json_pack("{s:s, s:s}", "file",
                                  tsunagu_path_base(p->input_file ? p->input_file : ""), "sha256",
                                  p->input_sha256));
    /* Seats are written from the tables' member lists, so the two can
     * never disagree in a written plan. */
    int **where = plan_seating(p);
    json_t *attendees = json_array();
    for (size_t i = 0; i < p->roster->count; i++)
        json_array_append_new(attendees, attendee_json(p, where, i));
    plan_free_seating(p, where);
    json_object_set_new(root, "attendees", attendees);
    json_t *sessions = json_array();
    size_t *rank = tsunagu_attendees_reading_rank(p->roster->items, p->roster->count);
    for (int s = 0; s < p->n_sessions; s++)
        json_array_append_new(sessions, session_json(p, &p->sessions[s], rank));
    free(rank);
    json_object_set_new(root, "sessions", sessions);
    /* Scores grouped by session, in the order they were computed. */
    json_t *scores = json_object();
    for (int i = 0; i < p->n_scores; i++) {
        const tsunagu_score *sc = &p->scores[i];
        json_t *js = json_object_get(scores, sc->session);
        if (!js) {
            js = json_object();
            json_object_set_new(scores, sc->session, js);
        }
        json_object_set_new(js, sc->key,
                            json_pack("{s:I, s:I}", "count", (json_int_t)sc->value, "of",
                                      (json_int_t)sc->of));
    }
    json_object_set_new(root, "scores", scores);
    json_object_set_new(root, "warnings", strings_json(p->warnings, p->n_warnings));
    if (p->n_cancelled > 0) {
        /* in reading order, as the page lists them (a plan read back
         * keeps the file's order, so the bytes stay the same) */
        json_t *cancelled = json_array();
        size_t *order = tsunagu_attendees_reading_order(p->cancelled, p->n_cancelled);
        for (size_t i = 0; i < p->n_cancelled; i++)
            json_array_append_new(cancelled, attendee_fields_json(p, &p->cancelled[order[i]]));
        free(order);
        json_object_set_new(root, "cancelled", cancelled);
    }
    if (p->n_carried > 0)
        json_object_set_new(root, "carried", strings_json(p->carried, p->n_carried));
    if (p->desk_changes > 0)
        json_object_set_new(root, "desk_changes", json_integer(p->desk_changes));
    if (p->walkins_issued > 0)
        json_object_set_new(root, "walkins_issued", json_integer(p->walkins_issued));
    if (p->n_pins > 0) {
        json_t *pins = json_array();
        for (int i = 0; i < p->n_pins; i++)
            json_array_append_new(pins, json_pack("{s:s, s:s, s:s}", "id", p->pins[i].attendee_id, "session",
                                                  p->pins[i].session, "table", p->pins[i].table));
        json_object_set_new(root, "pinned", pins);
    }
    if (p->n_moves > 0) {
        json_t *moves = json_array();
        for (int i = 0; i < p->n_moves; i++) {
            const tsunagu_move *mv = &p->moves[i];
            json_t *jm = json_object();
            set_str(jm, "id", mv->attendee_id);
            set_str(jm, "session", mv->session);
            json_object_set_new(jm, "from", mv->from ? json_string(mv->from) : json_null());
            json_object_set_new(jm, "to", mv->to ? json_string(mv->to) : json_null());
            json_object_set_new(jm, "why", json_string(mv->why ? mv->why : ""));
            json_array_append_new(moves, jm);
        }
        json_object_set_new(root, "moves", moves);
    }
    return root;
}

char *tsunagu_plan_dump(const tsunagu_plan *p, size_t *len)
{
    json_t *json = tsunagu_plan_to_json(p);
    char *text = json ? json_dumps(json, DUMP_FLAGS) : NULL;
    json_decref(json);
    if (!text)
        abort(); /* out of memory: the library's one policy (docs/architecture.md) */
    size_t n = strlen(text);
    char *with_newline = realloc(text, n + 2);
    if (!with_newline)
        abort();
    with_newline[n] = '\n';
    with_newline[n + 1] = '\0';
    *len = n + 1;
    return with_newline;
}

int tsunagu_plan_write(const tsunagu_plan *p, const char *path, tsunagu_diags *diags)
{
    size_t len = 0;
    char *text = tsunagu_plan_dump(p, &len);
    if (!text) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, "%s",
                          TR("cannot turn the plan into JSON (out of memory?)",
                             "計画を JSON にできません (メモリ不足?)"));
        return -1;
    }
    int rc = tsunagu_file_write_atomic(path, text, len, diags);
    free(text);
    return rc;
}

