/* api.c - the page's API: each handler checks its input, calls the
 * library, stores what it made and answers JSON (or a
 * download).  No logic of its own beyond bookkeeping: reading lists,
 * settings, solving, charts and re-planning are the library's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web_private.h"
#include "util/tr.h"

#define MAX_FIELD 400 /* bytes of any one text field in a request */

/* ---- replies ---------------------------------------------------------- */

void web_reply_json(web_reply *out, unsigned status, json_t *doc)
{
    out->status = status;
    out->content_type = "application/json; charset=utf-8";
    out->body = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    if (!out->body) {
        out->status = 500;
        out->body = tsunagu_strdup("{\"error\":\"internal error\"}");
    }
    out->len = strlen(out->body);
    json_decref(doc);
}

void web_reply_error(web_reply *out, unsigned status, const char *text)
{
    web_reply_json(out, status, json_pack("{s:s}", "error", text));
}

static void reply_diags(web_reply *out, unsigned status, const tsunagu_diags *d)
{
    web_reply_json(out, status, json_pack("{s:b, s:o}", "ok", 0, "diags", web_diags_json(d)));
}

json_t *web_diags_json(const tsunagu_diags *d)
{
    json_t *list = json_array();
    for (size_t i = 0; i < tsunagu_diags_count(d); i++) {
        const tsunagu_diag *g = tsunagu_diags_get(d, i);
        /* The line exactly as `tsunagu check` prints it. */
        char *text = tsunagu_diag_text(g);
        json_array_append_new(list, json_pack("{s:s, s:i, s:s}", "severity",
                                              g->severity == TSUNAGU_ERROR ? "error" : "warning",
                                              "line", g->line, "text", text ? text : ""));
        free(text);
    }
    return list;
}

/* ---- helpers ----------------------------------------------------------- */

/* A JSON value, or null for a missing one (json_pack refuses NULL). */
static json_t *json_nullify(json_t *v)
{
    return v ? v : json_null();
}

/* A change to the event's files: under its lock, so that two changes, or
 * a change and the start of a solve, never interleave.  Reads take none. */
static void lock(const web_request *req)
{
    web_event_lock(req->srv, req->route->event_id);
}

static void unlock(const web_request *req)
{
    web_event_unlock(req->srv, req->route->event_id);
}

/* The request body as a JSON object, or NULL after an error reply. */
static json_t *body_object(const web_request *req, web_reply *out)
{
    json_error_t error;
    json_t *doc = req->body_len ? json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &error)
                                : json_object();
    if (!doc && json_error_code(&error) == json_error_null_character) {
        /* valid JSON, but no name or text of ours may hold one */
        web_reply_error(out, 422, TR("a text holds a NUL character (U+0000, \\u0000): type it again without it",
                                     "文字の中に NUL 文字（U+0000、\\u0000）が入っています。入れずにもう一度入力してください"));
        return NULL;
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        web_reply_error(out, 400, TR("the request is not a JSON object", "リクエストが正しくありません"));
        return NULL;
    }
    return doc;
}

/* A text field: NULL when absent or null; *bad set when it is not a
 * string of at most MAX_FIELD bytes. */
static const char *field(const json_t *doc, const char *key, bool *bad)
{
    json_t *v = json_object_get(doc, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v) || json_string_length(v) > MAX_FIELD ||
        strlen(json_string_value(v)) != json_string_length(v)) {
        *bad = true;
        return NULL;
    }
    return json_string_value(v);
}

/* Caller holds the event's lock, so no solve starts after the answer. */
static bool refuse_while_solving(const web_request *req, web_reply *out)
{
    if (!web_job_running(req->srv, req->route->event_id))
        return false;
    web_reply_error(out, 409, TR("a plan is being made; try again when it is done",
                                 "計算中です。終わってからもう一度どうぞ"));
    return true;
}

/* 404 {error, no_event: true} for an event that is not (or no longer)
 * there: the page then leaves it (another 404, "no plan yet", keeps it). */
static void reply_no_event(web_reply *out)
{
    web_reply_json(out, 404, json_pack("{s:b, s:s, s:b}", "ok", 0, "error",
                                       TR("this event was deleted or does not exist",
                                          "このイベントは削除されたか、ありません"),
                                       "no_event", 1));
}

static bool missing_event(const web_request *req, web_reply *out)
{
    if (web_event_exists(req->srv, req->route->event_id))
        return false;
    reply_no_event(out);
    return true;
}

/* Begin a change to the event: take its lock, refuse while it solves,
 * read its meta.json and check the change's If-Match against its
 * revision.  Returns meta (new reference) with the lock held, or NULL
 * after a reply with the lock released. */
static json_t *begin_change(const web_request *req, web_reply *out)
{
    lock(req);
    if (refuse_while_solving(req, out)) {
        unlock(req);
        return NULL;
    }
    json_t *meta = web_event_json_read(req->srv, req->route->event_id, "meta.json");
    if (!json_is_object(meta)) {
        json_decref(meta);
        if (!missing_event(req, out)) /* deleted since the request came in: 404 */
            web_reply_error(out, 500, TR("the event's files are missing or broken",
                                         "イベントのファイルが見つからないか壊れています"));
        unlock(req);
        return NULL;
    }
    if (!web_precondition(req, meta, out)) {
        json_decref(meta);
        unlock(req);
        return NULL;
    }
    return meta;
}

static void end_change(const web_request *req, json_t *meta)
{
    unlock(req);
    json_decref(meta);
}

/* The answer to a change that went ahead: doc (taken) with the event's
 * revision, also in the ETag header. */
static void reply_changed(web_reply *out, unsigned status, json_t *doc, const json_t *meta)
{
    long revision = web_revision(meta);
    json_object_set_new(doc, "revision", json_integer((json_int_t)revision));
    web_reply_json(out, status, doc);
    web_reply_revision(out, revision);
}

/* Read an uploaded attendee list.  With a commit (id then names the
 * event), stage upload-N.dat and check.json and note the upload in meta.
 * Returns the check document (new), or NULL after an error reply. */
static json_t *take_upload(const web_request *req, const char *id, web_commit *commit,
                           json_t *meta, const tsunagu_event *fresh, web_reply *out,
                           tsunagu_diags *diags)
{
    char *name = web_display_name(req->arg_name);
    tsunagu_regions *regions = tsunagu_regions_load_default(diags);
    /* the professions of the event's settings (a new event: its template's) */
    json_t *settings = id && !fresh ? web_event_json_read(req->srv, id, "event.json") : NULL;
    tsunagu_event *event = settings ? tsunagu_event_from_json(settings, "event.json", diags) : NULL;
    json_decref(settings);
    const tsunagu_event *day = fresh ? fresh : event;
    tsunagu_roster *roster =
        regions ? tsunagu_roster_read_buffer(req->body, req->body_len, name, regions,
                                             day ? day->professions : NULL, diags)
                : NULL;
    tsunagu_event_free(event);
    json_t *check = NULL;
    if (!roster) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, name, 0,
                          TR("not usable (errors: %zu, warnings: %zu)",
                             "この名簿は使えません（エラー %zu 件、警告 %zu 件）"),
                          tsunagu_diags_errors(diags), tsunagu_diags_warnings(diags));
        reply_diags(out, 422, diags);
        goto done;
    }
    char *summary = tsunagu_roster_summary(roster);
    check = json_pack("{s:b, s:o, s:s, s:i, s:i}", "ok", 1, "diags", web_diags_json(diags),
                      "summary", summary ? summary : "", "warnings",
                      (int)tsunagu_diags_warnings(diags), "attendees", (int)roster->count);
    free(summary);
    if (commit) {
        int upload = (int)json_integer_value(json_object_get(meta, "upload")) + 1;
        char file[32];
        web_versioned_name(file, sizeof file, "upload", upload, "dat");
        if (web_commit_add(commit, file, req->body, req->body_len, diags) != 0 ||
            web_commit_add_json(commit, "check.json", check, diags) != 0) {
            json_decref(check);
            check = NULL;
            reply_diags(out, 500, diags);
            goto done;
        }
        json_object_set_new(meta, "upload", json_integer(upload));
        json_object_set_new(meta, "upload_name", json_string(name));
        json_object_set_new(meta, "roster", json_string("upload"));
        json_object_set_new(meta, "attendees", json_integer((json_int_t)roster->count));
    }
done:
    tsunagu_roster_free(roster);
    tsunagu_regions_free(regions);
    free(name);
    return check;
}

/* ---- handlers ----------------------------------------------------------- */

/* The bundled badge layouts, [{name, title}] with titles in the
 * request's language: the page's choice of label sheet. */
static json_t *badge_layouts_json(void)
{
    json_t *list = json_array();
    char *names = tsunagu_badge_layout_names();
    for (char *save = NULL, *name = strtok_r(names, ", ", &save); name;
         name = strtok_r(NULL, ", ", &save)) {
        tsunagu_diags *diags = tsunagu_diags_new();
        tsunagu_badge_layout *l = tsunagu_badge_layout_load(name, diags);
        if (l)
            json_array_append_new(list, json_pack("{s:s, s:s}", "name", name, "title",
                                                  tsunagu_badge_layout_title(l)));
        tsunagu_badge_layout_free(l);
        tsunagu_diags_free(diags);
    }
    free(names);
    return list;
}

/* GET /api/events: every event, with "job" (queued, running) while a
 * solve of it has not ended: the list is read from the folders, never
 * waiting for a solve. */
static void event_list(const web_request *req, web_reply *out)
{
    json_t *events = web_event_list(req->srv);
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e) {
        const char *pending = web_job_pending(req->srv, json_string_value(json_object_get(e, "id")));
        if (pending)
            json_object_set_new(e, "job", json_string(pending));
    }
    web_reply_json(out, 200, json_pack("{s:o, s:o, s:o}", "events", events,
                                       "templates", web_templates(req->srv),
                                       "badge_layouts", badge_layouts_json()));
}

static void event_new(const web_request *req, web_reply *out)
{
    tsunagu_diags *diags = tsunagu_diags_new();
    /* No lock: the event folder is new, nobody else knows its id yet. */
    json_t *check = NULL, *meta = NULL;
    web_commit *commit = NULL;
    char staging[WEB_ID_LEN + 1] = "", id[WEB_ID_LEN + 1];
    /* The day's shape from a bundled event file (?template=), else the
     * bundled つながろう会: the list is checked against its professions. */
    tsunagu_event *event = web_template_load(req->srv, req->arg_template, diags);
    if (!event) {
        reply_diags(out, 422, diags);
        goto done;
    }
    /* Check first: an unusable list makes no event folder. */
    /* the bundled day's list is read as check reads it without --event */
    bool chosen = req->arg_template && *req->arg_template;
    check = take_upload(req, NULL, NULL, NULL, chosen ? event : NULL, out, diags);
    if (!check)
        goto done;
    json_decref(check);
    check = NULL;
    /* Built out of sight, then given its id in one step (web_event_stage). */
    if (web_event_stage(req->srv, staging, diags) != 0) {
        reply_diags(out, 500, diags);
        goto done;
    }
    char stamp[32];
    web_now_iso(stamp, sizeof stamp);
    char *name = web_display_name(req->arg_name);
    meta = json_pack("{s:s, s:i, s:s, s:s, s:s, s:i, s:i}", "format", "tsunagu-web-event",
                     "version", 1, "name", name, "created", stamp, "updated", stamp, "plan", 0,
                     "upload", 0);
    free(name);
    commit = web_commit_new(req->srv, staging);
    tsunagu_diags *quiet = tsunagu_diags_new(); /* the check's warnings are already in check.json */
    check = take_upload(req, staging, commit, meta, event, out, quiet);
    tsunagu_diags_free(quiet);
    if (!check)
        goto done;
    json_t *settings = tsunagu_event_to_json(event);
    /* A kind of day gives the shape (sessions, professions, rules) and its
     * title, not its day: the bundled file's 2014-10-31 and venue headed
     * every new event's printouts and dated it for retention.  Empty until
     * the organiser sets them. */
    json_object_del(settings, "date");
    json_object_del(settings, "venue");
    json_t *no_pins = json_array();
    json_t *entry = web_history_entry("created");
    int rc = web_commit_add_json(commit, "event.json", settings, diags);
    if (rc == 0)
        rc = web_commit_add_json(commit, "pins.json", no_pins, diags);
    if (rc == 0)
        rc = web_commit_finish(commit, meta, entry, diags); /* revision 1 */
    if (rc == 0)
        rc = web_event_publish(req->srv, staging, id, diags);
    if (rc == 0)
        staging[0] = '\0'; /* published */
    json_decref(settings);
    json_decref(no_pins);
    json_decref(entry);
    if (rc != 0) {
        reply_diags(out, 500, diags);
        goto done;
    }
    json_object_set_new(check, "id", json_string(id));
    reply_changed(out, 201, check, meta);
    check = NULL;
done:
    if (staging[0])
        web_event_unstage(req->srv, staging); /* no event made: nothing of the list stays */
    web_commit_free(commit);
    json_decref(check);
    json_decref(meta);
    tsunagu_event_free(event);
    tsunagu_diags_free(diags);
}

static void attendees_replace(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *meta = begin_change(req, out);
    if (!meta)
        return;
    tsunagu_diags *diags = tsunagu_diags_new();
    web_commit *commit = web_commit_new(req->srv, id);
    json_t *check = take_upload(req, id, commit, meta, NULL, out, diags);
    if (check) {
        json_t *entry = web_history_entry("upload");
        json_object_set(entry, "file", json_object_get(meta, "upload_name"));
        if (web_commit_finish(commit, meta, entry, diags) == 0) {
            reply_changed(out, 200, check, meta);
        } else {
            json_decref(check);
            reply_diags(out, 500, diags);
        }
        json_decref(entry);
    }
    web_commit_free(commit);
    end_change(req, meta);
    tsunagu_diags_free(diags);
}

/* Whether settings (event.json) give a session rounds: only then is the
 * plan read for its rounds lines (reading a plan of 2,000 people takes
 * some 50 ms; an event's answer otherwise reads no plan). */
static bool has_rounds(const json_t *settings)
{
    const json_t *sessions = json_object_get(settings, "sessions");
    for (size_t i = 0; i < json_array_size(sessions); i++)
        if (json_integer_value(json_object_get(json_array_get(sessions, i), "rounds")) > 1)
            return true;
    return false;
}

/* The current plan's rounds line of each session with rounds, as the
 * solve summary prints it (tsunagu_plan_rounds_text): {session id: text},
 * in the request's language; {} when none (or no plan can be read). */
static json_t *rounds_texts(const web_request *req, const json_t *meta)
{
    json_t *out = json_object();
    tsunagu_diags *quiet = tsunagu_diags_new();
    tsunagu_plan *plan = web_plan_load(req->srv, req->route->event_id, meta, quiet);
    for (int s = 0; plan && s < plan->n_sessions; s++) {
        char *text = tsunagu_plan_rounds_text(plan, s);
        if (text)
            json_object_set_new(out, plan->sessions[s].spec->id, json_string(text));
        free(text);
    }
    tsunagu_plan_free(plan);
    tsunagu_diags_free(quiet);
    return out;
}

static void event_get(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *meta = web_event_json_read(req->srv, id, "meta.json");
    if (!json_is_object(meta)) { /* deleted since the check above: never half an event */
        json_decref(meta);
        reply_no_event(out);
        return;
    }
    long revision = web_revision(meta);
    json_t *doc = json_pack("{s:s, s:I, s:o, s:o, s:o, s:o}", "id", id, "revision",
                            (json_int_t)revision, "meta", meta, "settings",
                            json_nullify(web_event_json_read(req->srv, id, "event.json")), "check",
                            json_nullify(web_event_json_read(req->srv, id, "check.json")), "pins",
                            json_nullify(web_event_json_read(req->srv, id, "pins.json")));
    int version = (int)json_integer_value(json_object_get(meta, "plan"));
    if (version > 0) {
        char name[32];
        size_t len;
        web_changes_name(name, sizeof name, version, req->lang);
        char *changes = web_event_file_read(req->srv, id, name, 1u << 20, &len);
        if (!changes) { /* a store made before the changes were kept in each language */
            web_versioned_name(name, sizeof name, "changes", version, "txt");
            changes = web_event_file_read(req->srv, id, name, 1u << 20, &len);
        }
        if (changes)
            json_object_set_new(doc, "changes", json_string(changes));
        free(changes);
    }
    json_object_set_new(doc, "job", web_job_status(req->srv, id));
    if (version > 0 && has_rounds(json_object_get(doc, "settings")))
        json_object_set_new(doc, "rounds", rounds_texts(req, meta));
    json_t *labels = json_object(); /* each rule's label, from its own file */
    for (int k = 0; k < TSUNAGU_RULE_COUNT; k++)
        json_object_set_new(labels, tsunagu_rule_name((tsunagu_rule_id)k),
                            json_string(tsunagu_rule_label((tsunagu_rule_id)k)));
    json_object_set_new(doc, "rule_labels", labels);
    web_reply_json(out, 200, doc);
    web_reply_revision(out, revision);
}

static void settings_put(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *doc = body_object(req, out);
    if (!doc)
        return;
    json_t *meta = begin_change(req, out);
    if (!meta) {
        json_decref(doc);
        return;
    }
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_event *event = tsunagu_event_from_json(doc, TR("settings", "設定"), diags);
    if (!event) {
        reply_diags(out, 422, diags);
    } else {
        json_t *settings = tsunagu_event_to_json(event); /* every default filled in */
        json_t *entry = web_history_entry("settings");
        web_commit *commit = web_commit_new(req->srv, id);
        if (web_commit_add_json(commit, "event.json", settings, diags) == 0 &&
            web_commit_finish(commit, meta, entry, diags) == 0)
            reply_changed(out, 200, json_pack("{s:b, s:O}", "ok", 1, "settings", settings), meta);
        else
            reply_diags(out, 500, diags);
        web_commit_free(commit);
        json_decref(entry);
        json_decref(settings);
    }
    end_change(req, meta);
    tsunagu_event_free(event);
    tsunagu_diags_free(diags);
    json_decref(doc);
}

/* Start the solve a change asks for (the caller holds the lock and has
 * checked the precondition); ch is taken. */
static void start_solve(const web_request *req, web_reply *out, const json_t *meta,
                        web_job_change *ch)
{
    bool busy;
    if (web_job_start(req->srv, req->route->event_id, web_revision(meta), ch, req->lang, &busy) == 0)
        reply_changed(out, 202, web_job_status(req->srv, req->route->event_id), meta);
    else if (busy)
        refuse_while_solving(req, out);
    else
        web_reply_error(out, 500, TR("cannot start solving", "計算を始められません"));
}

static void solve_post(const web_request *req, web_reply *out)
{
    if (missing_event(req, out))
        return;
    json_t *doc = body_object(req, out);
    if (!doc)
        return;
    json_t *meta = begin_change(req, out);
    if (!meta) {
        json_decref(doc);
        return;
    }
    tsunagu_diags *diags = tsunagu_diags_new();
    web_job_change ch = {.fresh = json_is_true(json_object_get(doc, "fresh"))};
    /* Settings sent with the solve are stored only if it succeeds. */
    json_t *sent = json_object_get(doc, "settings");
    if (sent && !json_is_null(sent)) {
        tsunagu_event *event = tsunagu_event_from_json(sent, TR("settings", "設定"), diags);
        if (!event) {
            reply_diags(out, 422, diags);
            goto done;
        }
        json_t *settings = tsunagu_event_to_json(event); /* every default filled in */
        tsunagu_event_free(event);
        json_t *stored = web_event_json_read(req->srv, req->route->event_id, "event.json");
        if (json_equal(settings, stored))
            json_decref(settings);
        else
            ch.settings = settings;
        json_decref(stored);
    }
    ch.entry = web_history_entry(ch.settings ? "settings_plan" : ch.fresh ? "fresh" : "plan");
    if (json_integer_value(json_object_get(meta, "plan")) < 1) /* the event's first plan */
        json_object_set_new(ch.entry, "first", json_true());
    start_solve(req, out, meta, &ch);
done:
    end_change(req, meta);
    tsunagu_diags_free(diags);
    json_decref(doc);
}

/* The event's solve; 404 for an event that is not there (deleted: its
 * job went with it), {"state": "none"} for one never solved here. */
static void job_get(const web_request *req, web_reply *out)
{
    if (missing_event(req, out))
        return;
    web_reply_json(out, 200, web_job_status(req->srv, req->route->event_id));
}

/* The current plan named by meta, or NULL after an error reply. */
static tsunagu_plan *current_plan(const web_request *req, const json_t *meta, web_reply *out,
                                  tsunagu_diags *diags)
{
    tsunagu_plan *plan = web_plan_load(req->srv, req->route->event_id, meta, diags);
    if (!plan) {
        if (tsunagu_diags_count(diags))
            reply_diags(out, 500, diags);
        else
            web_reply_error(out, 409, TR("there is no plan yet: make one first",
                                         "まだ席が決まっていません。先に「席を決める」を押してください"));
    }
    return plan;
}

/* The stored settings as the event they describe (NULL when unreadable). */
static tsunagu_event *stored_settings(const web_request *req)
{
    json_t *doc = web_event_json_read(req->srv, req->route->event_id, "event.json");
    tsunagu_diags *quiet = tsunagu_diags_new();
    tsunagu_event *event = doc ? tsunagu_event_from_json(doc, "event.json", quiet) : NULL;
    tsunagu_diags_free(quiet);
    json_decref(doc);
    return event;
}

/* Someone of a swap: {attendee, name, session ("<id>#<round>"), to}. */
static json_t *swapped_json(const tsunagu_plan *plan, const char *who, const char *session, int round)
{
    long i = tsunagu_roster_find(plan->roster, who);
    int s = -1;
    for (int k = 0; k < plan->n_sessions; k++)
        if (strcmp(plan->sessions[k].spec->id, session) == 0)
            s = k;
    const tsunagu_session_plan *rp = &plan->sessions[s].later[round - 2];
    char name[300];
    snprintf(name, sizeof name, "%s#%d", session, round);
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "attendee", who, "name", plan->roster->items[i].name,
                     "session", name, "to", rp->tables[rp->seat[i]].id, "table_label",
                     rp->tables[rp->seat[i]].label);
}

/* A move in a later round (round 2 ..) of a session with rounds: no
 * re-plan and no pin, but a swap with one person of that table, made at
 * once as the desk's changes are (tsunagu_plan_move_in_round): 200 {ok,
 * attendee, partner, moved, revision}, or 422 {error, diags} with nothing
 * stored when nobody there may take their place.  The caller holds the
 * lock (meta). */
static void round_move(const web_request *req, web_reply *out, json_t *meta, const char *who,
                       const char *session, const char *table, int round)
{
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_plan *plan = current_plan(req, meta, out, diags), *old_plan = NULL;
    const char *partner = NULL;
    json_t *entry = NULL;
    web_commit *commit = NULL;
    if (!plan)
        goto done;
    if (tsunagu_plan_move_in_round(plan, session, round, who, table, &partner, diags) != 0) {
        const char *why = tsunagu_diags_count(diags) ? tsunagu_diags_get(diags, 0)->text : "";
        web_reply_json(out, 422, json_pack("{s:b, s:s, s:o}", "ok", 0, "error", why, "diags",
                                           web_diags_json(diags)));
        goto done;
    }
    old_plan = web_plan_load(req->srv, req->route->event_id, meta, diags);
    json_t *a = swapped_json(plan, who, session, round), *b = swapped_json(plan, partner, session, round);
    entry = web_history_entry("move_round");
    json_object_set(entry, "attendee", json_object_get(a, "attendee"));
    json_object_set(entry, "name", json_object_get(a, "name"));
    json_object_set_new(entry, "session", json_string(session));
    json_object_set_new(entry, "round", json_integer(round));
    json_object_set(entry, "table", json_object_get(a, "to"));
    json_object_set(entry, "table_label", json_object_get(a, "table_label"));
    json_object_set(entry, "partner", json_object_get(b, "attendee"));
    json_object_set(entry, "partner_name", json_object_get(b, "name"));
    commit = web_commit_new(req->srv, req->route->event_id);
    if (old_plan && web_plan_stage(commit, meta, old_plan, plan, diags) == 0 &&
        web_commit_finish(commit, meta, entry, diags) == 0)
        reply_changed(out, 200, json_pack("{s:b, s:s, s:s, s:[o, o]}", "ok", 1, "attendee", who, "partner",
                                          partner, "moved", a, b), meta);
    else {
        json_decref(a);
        json_decref(b);
        reply_diags(out, 500, diags);
    }
done:
    web_commit_free(commit);
    json_decref(entry);
    tsunagu_plan_free(old_plan);
    tsunagu_plan_free(plan);
    tsunagu_diags_free(diags);
}

/* A move: checked first (422, nothing stored), then a re-plan with the new
 * pin, which is stored with the plan only if the re-plan succeeds.  With
 * "round" 2 or more, a move in that round of a session with rounds
 * (round_move). */
static void move_post(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *doc = body_object(req, out);
    if (!doc)
        return;
    bool bad = false;
    const char *who = field(doc, "attendee", &bad);
    const char *session = field(doc, "session", &bad);
    const char *table = field(doc, "table", &bad);
    json_t *jr = json_object_get(doc, "round");
    bad |= jr && !json_is_null(jr) && (!json_is_integer(jr) || json_integer_value(jr) < 1 ||
                                       json_integer_value(jr) > TSUNAGU_MAX_ROUNDS);
    int round = json_is_integer(jr) ? (int)json_integer_value(jr) : 1;
    if (bad || !who || !session || !table) {
        json_decref(doc);
        web_reply_error(out, 400, TR("say who moves to which table (and in which round, 1 to 12)",
                                     "誰をどのテーブルに（席替えなら何回目に、1〜12）移すか指定してください"));
        return;
    }
    json_t *meta = begin_change(req, out);
    if (!meta) {
        json_decref(doc);
        return;
    }
    if (round >= 2) {
        round_move(req, out, meta, who, session, table, round);
        end_change(req, meta);
        json_decref(doc);
        return;
    }
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_event *settings = NULL;
    json_t *pins = NULL;
    tsunagu_plan *plan = current_plan(req, meta, out, diags);
    if (!plan)
        goto done;
    settings = stored_settings(req);
    char *why = web_move_refusal(plan, settings, who, session, table);
    if (why) {
        web_reply_json(out, 422, json_pack("{s:b, s:s}", "ok", 0, "error", why));
        free(why);
        goto done;
    }
    pins = web_event_json_read(req->srv, id, "pins.json");
    web_job_change ch = {
        .pins = web_pins_with(pins, who, session, table),
        .entry = web_move_entry(plan, who, session, table),
        .attendee = tsunagu_strdup(who),
        .session = tsunagu_strdup(session),
        .table = tsunagu_strdup(table),
    };
    start_solve(req, out, meta, &ch);
done:
    end_change(req, meta);
    tsunagu_event_free(settings);
    tsunagu_plan_free(plan);
    json_decref(pins);
    json_decref(doc);
    tsunagu_diags_free(diags);
}

/* The name of attendee who in the current plan (a new string; the id
 * when there is no plan or no such person). */
static char *name_of(const web_request *req, const json_t *meta, const char *who)
{
    tsunagu_diags *quiet = tsunagu_diags_new();
    tsunagu_plan *plan = web_plan_load(req->srv, req->route->event_id, meta, quiet);
    long i = plan ? tsunagu_roster_find(plan->roster, who) : -1;
    char *name = tsunagu_strdup(i >= 0 ? plan->roster->items[i].name : who);
    tsunagu_plan_free(plan);
    tsunagu_diags_free(quiet);
    return name;
}

static void unpin_post(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *doc = body_object(req, out);
    if (!doc)
        return;
    bool bad = false;
    const char *who = field(doc, "attendee", &bad);
    const char *session = field(doc, "session", &bad);
    if (bad || !who) {
        json_decref(doc);
        web_reply_error(out, 400, TR("say whose pin to remove", "どの人の固定を外すか指定してください"));
        return;
    }
    json_t *meta = begin_change(req, out);
    if (!meta) {
        json_decref(doc);
        return;
    }
    tsunagu_diags *diags = tsunagu_diags_new();
    json_t *pins = web_event_json_read(req->srv, id, "pins.json");
    json_t *left = web_pins_without(pins, who, session);
    if (json_array_size(left) == json_array_size(pins)) {
        /* No such pin: nothing to store, the revision stays. */
        reply_changed(out, 200, json_pack("{s:b, s:O}", "ok", 1, "pins", left), meta);
    } else {
        json_t *entry = web_history_entry("unpin");
        char *name = name_of(req, meta, who);
        json_object_set_new(entry, "attendee", json_string(who));
        json_object_set_new(entry, "name", json_string(name));
        free(name);
        web_commit *commit = web_commit_new(req->srv, id);
        /* the plan records the pins it was made with: a new version without
         * this one, so a download or a repair does not bring it back */
        tsunagu_plan *plan = web_plan_load(req->srv, id, meta, diags), *now = NULL;
        int rc = web_commit_add_json(commit, "pins.json", left, diags);
        if (rc == 0 && plan && tsunagu_plan_unpin(plan, who, session) > 0) {
            now = web_plan_load(req->srv, id, meta, diags);
            rc = now ? web_plan_stage(commit, meta, now, plan, diags) : -1;
        }
        tsunagu_plan_free(plan);
        tsunagu_plan_free(now);
        if (rc == 0 && web_commit_finish(commit, meta, entry, diags) == 0)
            reply_changed(out, 200, json_pack("{s:b, s:O}", "ok", 1, "pins", left), meta);
        else
            reply_diags(out, 500, diags);
        web_commit_free(commit);
        json_decref(entry);
    }
    end_change(req, meta);
    json_decref(left);
    json_decref(pins);
    tsunagu_diags_free(diags);
    json_decref(doc);
}

/* POST role {attendee, session, role}: the organiser gives someone a role
 * of their group (the one they held, if any, goes to the role's former
 * holder); a new plan version, nobody moves.  422 with the reason when a
 * hard role rule would break, and nothing is stored. */
static void role_post(const web_request *req, web_reply *out)
{
    if (missing_event(req, out))
        return;
    json_t *doc = body_object(req, out);
    if (!doc)
        return;
    bool bad = false;
    const char *who = field(doc, "attendee", &bad), *session = field(doc, "session", &bad);
    const char *role = field(doc, "role", &bad);
    json_t *meta = bad || !who || !session || !role ? NULL : begin_change(req, out);
    if (!meta) {
        if (bad || !who || !session || !role)
            web_reply_error(out, 400, TR("say who, in which session, and which role",
                                         "だれに、どのセッションの、どの役割かを指定してください"));
        json_decref(doc);
        return;
    }
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_plan *plan = current_plan(req, meta, out, diags), *old_plan = NULL;
    if (plan && tsunagu_plan_set_role(plan, session, who, role, diags) != 0) {
        reply_diags(out, 422, diags);
    } else if (plan) {
        json_t *entry = web_history_entry("role");
        long i = tsunagu_roster_find(plan->roster, who);
        json_object_set_new(entry, "attendee", json_string(who));
        json_object_set_new(entry, "name", json_string(plan->roster->items[i].name));
        json_object_set_new(entry, "role", json_string(role));
        web_commit *commit = web_commit_new(req->srv, req->route->event_id);
        old_plan = web_plan_load(req->srv, req->route->event_id, meta, diags);
        int rc = web_plan_stage(commit, meta, old_plan, plan, diags);
        if (rc == 0 && web_commit_finish(commit, meta, entry, diags) == 0)
            reply_changed(out, 200, json_pack("{s:b}", "ok", 1), meta);
        else
            reply_diags(out, 500, diags);
        web_commit_free(commit);
        json_decref(entry);
    }
    end_change(req, meta);
    tsunagu_plan_free(old_plan);
    tsunagu_plan_free(plan);
    tsunagu_diags_free(diags);
    json_decref(doc);
}

/* Who a repair moved: [{attendee, name, session, to}] (none without one). */
static json_t *moved_json(const tsunagu_plan *plan, bool repaired)
{
    json_t *moved = json_array();
    for (int m = 0; repaired && m < plan->n_moves; m++) {
        long i = tsunagu_roster_find(plan->roster, plan->moves[m].attendee_id);
        json_array_append_new(moved, json_pack("{s:s, s:s, s:s, s:s}", "attendee",
                                               plan->moves[m].attendee_id, "name",
                                               i >= 0 ? plan->roster->items[i].name : "", "session",
                                               plan->moves[m].session, "to",
                                               plan->moves[m].to ? plan->moves[m].to : ""));
    }
    return moved;
}

/* A cancellation left a hard rule broken (the only experienced member of
 * a group gone, say): re-plan the tables concerned now, moving as few
 * people as the rule needs and nobody the organiser pinned (pins: what
 * pins.json keeps after the cancellation, every pin of the day; name: who
 * was cancelled).  0 with *plan replaced, or -1 with the reason in diags
 * and *plan as it was (never the solver's own codes: they would read as an
 * add's answers). */
static int repair_cancelled(const web_request *req, tsunagu_plan **plan, const json_t *pins,
                            const char *name, tsunagu_diags *diags)
{
    tsunagu_solve_options o;
    tsunagu_solve_options_init(&o);
    o.time_limit = req->srv->opt.time_limit;
    tsunagu_pin *held = web_pins_load(pins, &o.n_pins);
    o.pins = held;
    o.pins_are_all = true; /* pins.json is the page's record of them */
    tsunagu_diags *why = tsunagu_diags_new(); /* the solver's words: a pin named as the page's */
    int rc = tsunagu_plan_repair(plan, &o, why);
    if (rc != 0 && o.n_pins > 0) /* the solver's explanation does not weigh the pins: say it */
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s cannot be cancelled yet: without them a rule that must hold "
                             "breaks, and no re-plan of the tables concerned keeps every such "
                             "rule, the table sizes and the seats you pinned. Nothing was "
                             "changed: unpin a seat or make the rule soft, then cancel again.",
                             "%s さんを欠席にすると必ず守る決まりが守れなくなりますが、決まりと"
                             "テーブルの人数、固定した席をすべて満たすように席を決め直す方法が"
                             "ありません。何も変えていません。席の固定を外すか決まりを努力目標に"
                             "してから、もう一度欠席にしてください。"),
                          name);
    web_solver_diags(diags, why);
    tsunagu_diags_free(why);
    free(held);
    return rc == 0 ? 0 : -1;
}

/* Walk-in or cancellation: change the current plan without re-solving,
 * commit it as a new version (with the person's pins dropped, for a
 * cancellation), answer what changed.  On any failure nothing is stored. */
enum { CHANGE_ADD, CHANGE_REMOVE, CHANGE_RESTORE };

static void change_post(const web_request *req, web_reply *out, int mode)
{
    const bool add = mode == CHANGE_ADD;
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *doc = body_object(req, out);
    if (!doc)
        return;
    bool bad = false;
    tsunagu_walkin w = {0};
    const char *who = NULL;
    if (add) {
        w.name = field(doc, "name", &bad);
        w.kana = field(doc, "kana", &bad);
        w.profession = field(doc, "profession", &bad);
        w.organization = field(doc, "organization", &bad);
        w.region = field(doc, "region", &bad);
        w.experience = field(doc, "experience", &bad);
        json_t *force = json_object_get(doc, "force"); /* the organiser confirmed a namesake */
        bad |= force && !json_is_boolean(force);
        w.force = json_is_true(force);
        bad |= !w.name || !*w.name || !w.profession || !w.region;
    } else {
        who = field(doc, "attendee", &bad);
        bad |= !who;
    }
    if (bad) {
        json_decref(doc);
        web_reply_error(out, 400, add ? TR("name, profession and region are needed",
                                           "氏名・職種・地域を入れてください")
                                      : TR("say who it is", "だれのことか指定してください"));
        return;
    }
    json_t *meta = begin_change(req, out);
    if (!meta) {
        json_decref(doc);
        return;
    }
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_plan *old_plan = NULL, *plan = NULL;
    json_t *entry = NULL, *pins = NULL, *left = NULL;
    web_commit *commit = NULL;
    /* A replaced list not seated yet is fine: the next plan carries what the
     * desk does now (walk-ins, cancellations) onto it. */
    plan = current_plan(req, meta, out, diags);
    if (!plan)
        goto done;
    old_plan = web_plan_load(req->srv, id, meta, diags);
    entry = web_history_entry(add ? "add" : mode == CHANGE_REMOVE ? "remove" : "restore");
    if (!add) {
        long i = tsunagu_roster_find(plan->roster, who);
        const char *name = i >= 0 ? plan->roster->items[i].name : who;
        for (size_t k = 0; i < 0 && k < plan->n_cancelled; k++)
            if (strcmp(plan->cancelled[k].id, who) == 0)
                name = plan->cancelled[k].name;
        json_object_set_new(entry, "attendee", json_string(who));
        json_object_set_new(entry, "name", json_string(name));
    }
    const char *new_id = NULL;
    int broken_before = tsunagu_plan_hard_breaks(plan, NULL);
    int rc = add                      ? tsunagu_plan_add(plan, &w, &new_id, diags)
             : mode == CHANGE_REMOVE ? tsunagu_plan_remove(plan, who, diags)
                                     : tsunagu_plan_restore(plan, who, &new_id, diags);
    if (mode == CHANGE_REMOVE) { /* a cancelled person's pins go with them */
        pins = web_event_json_read(req->srv, id, "pins.json");
        left = web_pins_without(pins, who, NULL);
    }
    bool repaired = false;
    if (rc == 0 && mode == CHANGE_REMOVE && tsunagu_plan_hard_breaks(plan, NULL) > broken_before) {
        rc = repair_cancelled(req, &plan, left,
                              json_string_value(json_object_get(entry, "name")), diags);
        repaired = rc == 0;
    }
    if (rc == 0 && !repaired && tsunagu_plan_refresh_roles(plan, diags) < 0)
        rc = -1; /* the roles of the group concerned: a cancelled 司会 is replaced */
    if (rc == TSUNAGU_ADD_CANCELLED) { /* someone cancelled: the page points at また座らせる */
        web_reply_json(out, 409, json_pack("{s:b, s:b, s:o}", "ok", 0, "cancelled", 1, "diags",
                                           web_diags_json(diags)));
        goto done;
    }
    if (rc == TSUNAGU_ADD_SAME_PERSON) { /* the page asks, then sends "force": true */
        web_reply_json(out, 409, json_pack("{s:b, s:b, s:o}", "ok", 0, "same_person", 1, "diags",
                                           web_diags_json(diags)));
        goto done;
    }
    if (rc != 0) {
        reply_diags(out, 422, diags);
        goto done;
    }
    if (add) {
        json_object_set_new(entry, "attendee", json_string(new_id));
        json_object_set_new(entry, "name", json_string(w.name));
    }
    commit = web_commit_new(req->srv, id);
    rc = web_plan_stage(commit, meta, old_plan, plan, diags);
    if (rc == 0 && mode == CHANGE_REMOVE && json_array_size(left) != json_array_size(pins))
        rc = web_commit_add_json(commit, "pins.json", left, diags);
    if (rc == 0)
        rc = web_commit_finish(commit, meta, entry, diags);
    if (rc == 0) /* who a repair moved, and what became of the roles, for the page to say */
        reply_changed(out, 200, json_pack("{s:b, s:O, s:o, s:o}", "ok", 1, "attendee",
                                          json_object_get(entry, "attendee"), "moved",
                                          moved_json(plan, repaired), "notes", web_diags_json(diags)),
                      meta);
    else
        reply_diags(out, 500, diags);
done:
    end_change(req, meta);
    web_commit_free(commit);
    tsunagu_plan_free(old_plan);
    tsunagu_plan_free(plan);
    json_decref(entry);
    json_decref(pins);
    json_decref(left);
    json_decref(doc);
    tsunagu_diags_free(diags);
}

/* ---- history and going back ------------------------------------------------ */

/* GET history: the changes history.json keeps, newest first, each with the
 * page's sentence and the plan it left; and which plan is current. */
static void history_get(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *meta = web_event_json_read(req->srv, id, "meta.json");
    json_t *history = web_event_json_read(req->srv, id, "history.json");
    json_t *entries = json_array();
    for (size_t i = json_array_size(history); i-- > 0;) {
        json_t *e = json_deep_copy(json_array_get(history, i));
        char *text = web_history_text(e);
        json_object_set_new(e, "text", json_string(text));
        free(text);
        json_array_append_new(entries, e);
    }
    web_reply_json(out, 200, json_pack("{s:I, s:I, s:o}", "plan",
                                       json_integer_value(json_object_get(meta, "plan")), "revision",
                                       (json_int_t)web_revision(meta), "entries", entries));
    web_reply_revision(out, web_revision(meta));
    json_decref(history);
    json_decref(meta);
}

/* The time the history gives plan version v, or NULL.  Borrowed from history. */
static const char *plan_time(const json_t *history, json_int_t v)
{
    const char *at = NULL;
    for (size_t i = 0; i < json_array_size(history); i++) {
        const json_t *e = json_array_get(history, i);
        if (json_integer_value(json_object_get(e, "plan")) == v && !at)
            at = json_string_value(json_object_get(e, "at"));
    }
    return at;
}

/* POST undo {plan: N}: plan N comes back as a new version (going back is a
 * change like any other: it can be gone back from).  Pins that the plan
 * does not hold are dropped with it, or the next re-plan would undo it. */
/* Stage event.json as the settings plan was made with, keeping the day's
 * name, date and venue as they are now (they seat nobody, and the page
 * edits them apart); nothing when they are the same.  0 or -1. */
static int settings_of(const web_request *req, web_commit *commit, const tsunagu_plan *plan,
                       tsunagu_diags *diags)
{
    json_t *stored = web_event_json_read(req->srv, req->route->event_id, "event.json");
    json_t *then = tsunagu_event_to_json(plan->event);
    static const char *const heading[] = {"title", "date", "venue"};
    for (size_t k = 0; k < sizeof heading / sizeof *heading; k++) {
        json_t *v = json_object_get(stored, heading[k]);
        if (v)
            json_object_set(then, heading[k], v);
        else
            json_object_del(then, heading[k]);
    }
    int rc = json_equal(stored, then) ? 0 : web_commit_add_json(commit, "event.json", then, diags);
    json_decref(stored);
    json_decref(then);
    return rc;
}

static void undo_post(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *doc = body_object(req, out);
    if (!doc)
        return;
    json_int_t want = json_integer_value(json_object_get(doc, "plan"));
    json_decref(doc);
    json_t *meta = begin_change(req, out);
    if (!meta)
        return;
    tsunagu_diags *diags = tsunagu_diags_new();
    json_t *then_meta = json_deep_copy(meta), *history = NULL, *pins = NULL, *kept = NULL, *entry = NULL;
    tsunagu_plan *now = NULL, *then = NULL;
    web_commit *commit = NULL;
    json_int_t current = json_integer_value(json_object_get(meta, "plan"));
    json_object_set_new(then_meta, "plan", json_integer(want));
    if (want < 1 || want >= current || !(then = web_plan_load(req->srv, id, then_meta, diags))) {
        web_reply_error(out, 422, TR("there is no such earlier plan of this event",
                                     "このイベントにその前の席はありません"));
        goto done;
    }
    now = web_plan_load(req->srv, id, meta, diags);
    history = web_event_json_read(req->srv, id, "history.json");
    entry = web_history_entry("undo");
    json_object_set_new(entry, "to_plan", json_integer(want));
    const char *at = plan_time(history, want);
    if (at)
        json_object_set_new(entry, "to_at", json_string(at));
    pins = web_event_json_read(req->srv, id, "pins.json");
    kept = json_array();
    for (size_t i = 0; i < json_array_size(pins); i++) {
        const json_t *pin = json_array_get(pins, i);
        const char *who = json_string_value(json_object_get(pin, "attendee"));
        const char *sid = json_string_value(json_object_get(pin, "session"));
        const char *table = json_string_value(json_object_get(pin, "table"));
        long a = who ? tsunagu_roster_find(then->roster, who) : -1;
        for (int s = 0; a >= 0 && sid && table && s < then->n_sessions; s++) {
            int t = then->sessions[s].seat[a];
            if (strcmp(then->sessions[s].spec->id, sid) == 0 && t >= 0 &&
                strcmp(then->sessions[s].tables[t].id, table) == 0)
                json_array_append(kept, (json_t *)pin);
        }
    }
    /* and the plan records them as the page has them: once it kept the pins
     * it was made with, some since released, and lacked newer ones */
    web_plan_set_pins(then, kept);
    commit = web_commit_new(req->srv, id);
    int rc = web_plan_stage(commit, meta, now, then, diags);
    if (rc == 0 && json_array_size(kept) != json_array_size(pins))
        rc = web_commit_add_json(commit, "pins.json", kept, diags);
    if (rc == 0) /* the settings that plan was made with, or the next re-plan undoes it again */
        rc = settings_of(req, commit, then, diags);
    if (rc == 0 && web_commit_finish(commit, meta, entry, diags) == 0)
        reply_changed(out, 200, json_pack("{s:b, s:I}", "ok", 1, "plan",
                                          json_integer_value(json_object_get(meta, "plan"))),
                      meta);
    else
        reply_diags(out, 500, diags);
done:
    end_change(req, meta);
    web_commit_free(commit);
    tsunagu_plan_free(now);
    tsunagu_plan_free(then);
    json_decref(then_meta);
    json_decref(history);
    json_decref(pins);
    json_decref(kept);
    json_decref(entry);
    tsunagu_diags_free(diags);
}

/* "attachment; filename=..." from a server-made id only. */
static void attach(web_reply *out, const char *stem, const char *id, const char *ext)
{
    snprintf(out->disposition, sizeof out->disposition, "attachment; filename=\"%s-%s.%s\"",
             stem, id, ext);
}

static void plan_json(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    json_t *meta = web_event_json_read(req->srv, id, "meta.json");
    int version = (int)json_integer_value(json_object_get(meta, "plan"));
    json_decref(meta);
    char name[32];
    web_versioned_name(name, sizeof name, "plan", version, "json");
    size_t len = 0;
    char *data = version > 0 ? web_event_file_read(req->srv, id, name, 256u << 20, &len) : NULL;
    if (!data) {
        web_reply_error(out, 404, TR("there is no plan yet", "まだ席が決まっていません"));
        return;
    }
    out->status = 200;
    out->content_type = "application/json; charset=utf-8";
    out->body = data;
    out->len = len;
    if (req->arg_download)
        attach(out, "tsunagu-plan", id, "json");
}

/* The day's name, date and venue as the settings say now: the page edits
 * them and every printout heads with them, plan made before or not (they
 * seat nobody).  The plan keeps the rest of the event it was made with. */
static void heading_from_settings(const web_request *req, tsunagu_plan *plan)
{
    tsunagu_event *settings = stored_settings(req);
    if (!settings || !plan->event) {
        tsunagu_event_free(settings);
        return;
    }
    char **mine[] = {&plan->event->title, &plan->event->date, &plan->event->venue};
    char **theirs[] = {&settings->title, &settings->date, &settings->venue};
    for (int k = 0; k < 3; k++) {
        free(*mine[k]);
        *mine[k] = *theirs[k];
        *theirs[k] = NULL;
    }
    tsunagu_event_free(settings);
}

/* The badges' layout a request asks for (?layout=NAME, a bundled one only:
 * nothing the browser sends becomes a path), or the default; NULL after
 * replying 404 when there is no such layout. */
static tsunagu_badge_layout *badge_layout(const web_request *req, web_reply *out)
{
    const char *name = req->arg_layout && *req->arg_layout ? req->arg_layout
                                                           : TSUNAGU_BADGE_LAYOUT_DEFAULT;
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_badge_layout *layout =
        tsunagu_badge_layout_name_valid(name) ? tsunagu_badge_layout_load(name, diags) : NULL;
    if (!layout) {
        char *names = tsunagu_badge_layout_names();
        char text[512];
        snprintf(text, sizeof text,
                 TR("no such badge layout (bundled: %s)", "その名札の用紙レイアウトはありません（同梱: %s）"),
                 names);
        web_reply_error(out, 404, text);
        free(names);
    }
    tsunagu_diags_free(diags);
    return layout;
}

static void chart_get(const web_request *req, web_reply *out, tsunagu_chart_format format)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    tsunagu_badge_layout *layout = NULL;
    if (format == TSUNAGU_CHART_BADGES && !(layout = badge_layout(req, out)))
        return;
    tsunagu_diags *diags = tsunagu_diags_new();
    json_t *meta = web_event_json_read(req->srv, id, "meta.json");
    tsunagu_plan *plan = current_plan(req, meta, out, diags);
    if (plan) {
        heading_from_settings(req, plan);
        tsunagu_chart_options opt;
        tsunagu_chart_options_init(&opt);
        opt.format = format;
        opt.directory = true;
        opt.roster_per_page = req->arg_roster_per_page && strcmp(req->arg_roster_per_page, "1") == 0;
        opt.badge_layout = layout;
        if (req->arg_encoding && tsunagu_chart_encoding_parse(req->arg_encoding, &opt.encoding) != 0)
            opt.encoding = TSUNAGU_ENC_UTF8_BOM;
        size_t len;
        char *data = tsunagu_chart_render(plan, &opt, &len, diags);
        if (!data) {
            reply_diags(out, 422, diags);
        } else {
            out->status = 200;
            out->body = data;
            out->len = len;
            if (format == TSUNAGU_CHART_HTML || format == TSUNAGU_CHART_BADGES) {
                out->content_type = "text/html; charset=utf-8";
                /* The chart is self-contained: no script, no fetch. */
                out->csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "frame-ancestors 'self'";
                if (req->arg_download)
                    attach(out, format == TSUNAGU_CHART_HTML ? "tsunagu-chart" : "tsunagu-badges",
                           id, "html");
            } else {
                out->content_type = opt.encoding == TSUNAGU_ENC_CP932 ? "text/csv; charset=shift_jis"
                                                                      : "text/csv; charset=utf-8";
                attach(out, "tsunagu-badges", id, "csv");
            }
        }
    }
    tsunagu_plan_free(plan);
    tsunagu_badge_layout_free(layout);
    json_decref(meta);
    tsunagu_diags_free(diags);
}

/* ---- deleting and renaming an event ------------------------------------- */

/* DELETE /api/events/ID: the event's folder goes for good, every list,
 * plan and chart in it.  Refused (409 {solving: true}) while a solve of
 * the event runs or waits its turn: a solve cannot be stopped half-way,
 * and refusing under the event's lock means no solve of it starts, runs
 * or commits after the folder is gone.  With If-Match, like every change:
 * an event changed since the page listed it is not deleted unseen. */
static void event_delete(const web_request *req, web_reply *out)
{
    const char *id = req->route->event_id;
    if (missing_event(req, out))
        return;
    lock(req);
    if (web_job_running(req->srv, id)) {
        web_reply_json(out, 409, json_pack("{s:b, s:b, s:s}", "ok", 0, "solving", 1, "error",
            TR("This event cannot be deleted while its plan is being made (or waits its turn). "
               "Nothing was deleted: delete it again once the plan is made.",
               "このイベントは席の計算中（または順番待ち）のため削除できません。何も削除していません。"
               "計算が終わってから、もう一度削除してください。")));
        unlock(req);
        return;
    }
    json_t *meta = web_event_json_read(req->srv, id, "meta.json");
    if (!json_is_object(meta) && missing_event(req, out)) {
        unlock(req);
        return;
    }
    if (!web_precondition(req, meta, out)) {
        json_decref(meta);
        unlock(req);
        return;
    }
    tsunagu_diags *diags = tsunagu_diags_new();
    int rc = web_store_delete(req->srv->events_dir, id, diags);
    if (rc == WEB_DELETE_OK) {
        web_job_forget(req->srv, id); /* its last status, of an event no more */
        web_reply_json(out, 200, json_pack("{s:b, s:s, s:b}", "ok", 1, "id", id, "deleted", 1));
    } else if (rc == WEB_DELETE_MISSING) {
        reply_no_event(out);
    } else {
        reply_diags(out, 500, diags);
    }
    unlock(req);
    json_decref(meta);
    tsunagu_diags_free(diags);
}

/* PUT /api/events/ID/name {name}: the display name of the events list
 * (meta.json's "name"; the folder keeps its id).  A change like any other:
 * If-Match, refused while the event solves, kept in the history. */
static void rename_put(const web_request *req, web_reply *out)
{
    if (missing_event(req, out))
        return;
    json_t *doc = body_object(req, out);
    if (!doc)
        return;
    json_t *sent = json_object_get(doc, "name");
    char why[160] = "";
    char *name = json_is_string(sent) ? web_event_name(json_string_value(sent),
                                                       json_string_length(sent), why, sizeof why)
                                      : NULL;
    json_decref(doc);
    if (!name) {
        web_reply_json(out, 422, json_pack("{s:b, s:s}", "ok", 0, "error",
                                           *why ? why : TR("say the new name", "新しい名前を入れてください")));
        return;
    }
    json_t *meta = begin_change(req, out);
    if (!meta) {
        free(name);
        return;
    }
    tsunagu_diags *diags = tsunagu_diags_new();
    json_t *entry = web_history_entry("rename");
    json_object_set_new(entry, "name", json_string(name));
    json_object_set(entry, "from", json_object_get(meta, "name"));
    json_object_set_new(meta, "name", json_string(name));
    web_commit *commit = web_commit_new(req->srv, req->route->event_id);
    if (web_commit_finish(commit, meta, entry, diags) == 0)
        reply_changed(out, 200, json_pack("{s:b, s:s}", "ok", 1, "name", name), meta);
    else
        reply_diags(out, 500, diags);
    web_commit_free(commit);
    json_decref(entry);
    end_change(req, meta);
    tsunagu_diags_free(diags);
    free(name);
}

void web_api_handle(const web_request *req, web_reply *out)
{
    tsunagu_lang_set(req->lang); /* this thread's, for this request */
    switch (req->route->kind) {
    case WEB_R_EVENT_LIST: event_list(req, out); break;
    case WEB_R_EVENT_NEW: event_new(req, out); break;
    case WEB_R_EVENT_GET: event_get(req, out); break;
    case WEB_R_EVENT_DELETE: event_delete(req, out); break;
    case WEB_R_RENAME: rename_put(req, out); break;
    case WEB_R_ATTENDEES: attendees_replace(req, out); break;
    case WEB_R_SETTINGS: settings_put(req, out); break;
    case WEB_R_SOLVE: solve_post(req, out); break;
    case WEB_R_JOB: job_get(req, out); break;
    case WEB_R_MOVE: move_post(req, out); break;
    case WEB_R_UNPIN: unpin_post(req, out); break;
    case WEB_R_ADD: change_post(req, out, CHANGE_ADD); break;
    case WEB_R_REMOVE: change_post(req, out, CHANGE_REMOVE); break;
    case WEB_R_RESTORE: change_post(req, out, CHANGE_RESTORE); break;
    case WEB_R_PLAN_JSON: plan_json(req, out); break;
    case WEB_R_PRINT_HTML: chart_get(req, out, TSUNAGU_CHART_HTML); break;
    case WEB_R_BADGES_CSV: chart_get(req, out, TSUNAGU_CHART_CSV); break;
    case WEB_R_BADGES_HTML: chart_get(req, out, TSUNAGU_CHART_BADGES); break;
    case WEB_R_HISTORY: history_get(req, out); break;
    case WEB_R_UNDO: undo_post(req, out); break;
    case WEB_R_ROLE: role_post(req, out); break;
    default: web_reply_error(out, 404, "not found"); break;
    }
    /* GLPK keeps an environment per thread, and a connection's thread,
     * which libmicrohttpd ends without telling us, may have solved (a
     * cancellation's repair, a group's roles given again): free it after
     * every request (nothing when it has none).  Once, each such thread
     * leaked one. */
    tsunagu_solve_thread_end();
}
