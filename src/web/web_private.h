/* web_private.h - the pieces of `tsunagu serve`: routing and validation
 * (route.c), the data directory (store.c), how a change is stored and
 * refused when out of date (change.c), moves and pins (moves.c), solve
 * jobs on worker threads (jobs.c), the API handlers (api.c) and the HTTP
 * plumbing (server.c). */
#ifndef TSUNAGU_WEB_PRIVATE_H
#define TSUNAGU_WEB_PRIVATE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#include "tsunagu/tsunagu.h"
#include "tsunagu/web.h"

/* ---- route.c: which handler a request goes to -------------------------- */

typedef enum {
    WEB_R_NOT_FOUND = 0,
    WEB_R_BAD_METHOD,  /* the path exists, not with this method */
    WEB_R_ASSET,       /* GET /, /app.js, /app.css */
    WEB_R_EVENT_LIST,  /* GET /api/events */
    WEB_R_EVENT_NEW,   /* POST /api/events (body: attendee file) */
    WEB_R_EVENT_GET,   /* GET /api/events/ID */
    WEB_R_EVENT_DELETE,/* DELETE /api/events/ID: the event's folder, for good */
    WEB_R_RENAME,      /* PUT /api/events/ID/name {name}: its display name */
    WEB_R_ATTENDEES,   /* POST /api/events/ID/attendees (body: a new attendee file) */
    WEB_R_SETTINGS,    /* PUT /api/events/ID/settings (body: event JSON) */
    WEB_R_SOLVE,       /* POST /api/events/ID/solve */
    WEB_R_JOB,         /* GET /api/events/ID/job */
    WEB_R_MOVE,        /* POST /api/events/ID/move {attendee, session, table} */
    WEB_R_UNPIN,       /* POST /api/events/ID/unpin {attendee, session} */
    WEB_R_ADD,         /* POST /api/events/ID/add {name, profession, ...} */
    WEB_R_REMOVE,      /* POST /api/events/ID/remove {attendee} */
    WEB_R_PLAN_JSON,   /* GET /api/events/ID/plan.json */
    WEB_R_PRINT_HTML,  /* GET /api/events/ID/print.html */
    WEB_R_BADGES_CSV,  /* GET /api/events/ID/badges.csv */
    WEB_R_BADGES_HTML, /* GET /api/events/ID/badges.html: the name badges */
    WEB_R_HISTORY,     /* GET /api/events/ID/history */
    WEB_R_UNDO,        /* POST /api/events/ID/undo {plan} */
    WEB_R_RESTORE,     /* POST /api/events/ID/restore {attendee}: seat someone cancelled again */
    WEB_R_ROLE         /* POST /api/events/ID/role {attendee, session, role}: give them a role */
} web_route_kind;

/* Event ids are made by the server: "YYYYMMDD-HHMMSS-xxxx" (x: lower-case hex). */
#define WEB_ID_LEN 20

typedef struct {
    web_route_kind kind;
    char event_id[WEB_ID_LEN + 1]; /* "" when the route has none */
    const char *asset;             /* WEB_R_ASSET: the asset's path ("/" -> "/index.html") */
} web_route;

/* Match method and path (without query).  Never fails: unknown paths give
 * WEB_R_NOT_FOUND, a bad event id too. */
void web_route_match(const char *method, const char *path, web_route *out);

/* True when s is exactly an id of the form above. */
bool web_event_id_valid(const char *s);

/* True when a Host header names the loopback listener on this port
 * ("127.0.0.1:8080", "localhost:8080", "[::1]:8080"; without ":port" only
 * for port 80).  Guards against DNS rebinding. */
bool web_host_is_loopback(const char *host, unsigned port);

/* True when a request body of `len` bytes is within the limit for this route. */
bool web_body_allowed(web_route_kind kind, size_t len, const tsunagu_web_options *opt);

/* An event's display name, as the organiser may give it: at most this
 * many characters (as an event's title: src/event/event.c). */
#define WEB_NAME_MAX 200
/* The display name the organiser typed (len bytes) made safe to show on
 * one line: line breaks, tabs and the line and paragraph separators
 * (U+2028/U+2029) one space; other controls, text direction marks and
 * controls, zero width spaces, word joiners and BOMs dropped; white space
 * (ASCII and U+3000) trimmed at both ends.  NULL when it is not UTF-8,
 * holds a NUL, is empty or longer than WEB_NAME_MAX characters; then why
 * gets the reason in the thread's language.  New string, caller frees. */
char *web_event_name(const char *text, size_t len, char *why, size_t why_size);

/* An uploaded file's name made safe to show (never used as a path): the
 * part after the last / or \, on one line as web_event_name makes it,
 * at most 100 bytes of valid UTF-8; "upload" when nothing is left.  New
 * string, caller frees. */
char *web_display_name(const char *name);

/* ---- store.c: the data directory ------------------------------------- */

typedef struct web_server web_server;

/* Path of a file in an event's folder: DATA/events/ID/NAME.  id must be
 * valid (or a WEB_CREATING folder's name) and name a server constant.  New string; caller frees. */
char *web_event_file(const web_server *srv, const char *id, const char *name);
/* "plan-0003.json", "upload-0002.dat", "changes-0003.txt" into buf. */
void web_versioned_name(char *buf, size_t size, const char *stem, int version, const char *ext);
/* "changes-0003.ja.txt": what changed to plan version, in lang. */
void web_changes_name(char *buf, size_t size, int version, tsunagu_lang lang);
/* A new event is built out of sight, in EVENTS/.creating-xxxxxxxx (its
 * name stands for the id in web_event_file and web_commit_new), and
 * renamed to EVENTS/ID in one step once its first commit, meta.json last,
 * is in: an event folder appears whole or not at all, and what a killed
 * server leaves is hidden and swept at the next start. */
#define WEB_CREATING ".creating-"
bool web_staging_valid(const char *s); /* ".creating-" and 8 hex digits */
/* Make a hidden folder to build a new event in; its name into staging.
 * 0, or -1 with diags. */
int web_event_stage(web_server *srv, char staging[WEB_ID_LEN + 1], tsunagu_diags *diags);
/* Give the built event a fresh id (into id_out) by renaming its folder:
 * nothing there is replaced.  0, or -1 with diags, the folder removed. */
int web_event_publish(web_server *srv, const char *staging, char id_out[WEB_ID_LEN + 1],
                      tsunagu_diags *diags);
/* Remove a hidden folder whose event was not made.  Cannot fail. */
void web_event_unstage(web_server *srv, const char *staging);
/* Whether id is an event: a folder of its own (never a link) holding a
 * meta.json file. */
bool web_event_exists(const web_server *srv, const char *id);
/* Read / write an event's JSON file (meta.json, pins.json, ...).  Read
 * returns a new reference or NULL (missing or broken); write is atomic. */
json_t *web_event_json_read(const web_server *srv, const char *id, const char *name);
int web_event_json_write(const web_server *srv, const char *id, const char *name,
                         const json_t *doc, tsunagu_diags *diags);
/* Read a whole file of an event; NULL when missing.  Caller frees. */
char *web_event_file_read(const web_server *srv, const char *id, const char *name,
                          size_t max, size_t *len);
int web_event_file_write(const web_server *srv, const char *id, const char *name,
                         const char *data, size_t len, tsunagu_diags *diags);
/* The kinds of day a new event can start from: the organiser's own event
 * files (serve --event), then the bundled ones (data/events/NAME.json), the
 * bundled つながろう会 first: [{"id": NAME, "title": ...}].  New array. */
json_t *web_templates(const web_server *srv);
/* The kind of day NAME (letters, digits, - and _ only): an own event file
 * of that base name, else the bundled one; the bundled default for NULL or
 * "".  NULL with the reason in diags. */
tsunagu_event *web_template_load(const web_server *srv, const char *name, tsunagu_diags *diags);
/* Every event's meta.json with its "id", the day's "date" from its
 * settings ("" when none) and the "bytes" of its folder, newest first: a
 * new JSON array.  Folders whose name is not an id (one being deleted:
 * .deleting-*) are left out; so are those without a readable meta.json,
 * unless every (then {"id", "broken": true, "date", "bytes"}: an event
 * made half-way by a crash still holds its list). */
json_t *web_store_list(const char *events_dir, bool every);
json_t *web_event_list(const web_server *srv);

/* An event being deleted is first renamed, in one step, to
 * EVENTS/.deleting-ID-xxxxxxxx (hidden from every list), then removed. */
#define WEB_DELETING ".deleting-"
enum { WEB_DELETE_OK = 0, WEB_DELETE_MISSING, WEB_DELETE_FAILED };
/* Delete event id's folder for good: hidden, then removed with everything
 * in it.  WEB_DELETE_OK (files that could not be removed yet are a
 * warning in diags: they go at the next start), WEB_DELETE_MISSING (no
 * such event: id not an id, or no folder), WEB_DELETE_FAILED (the folder
 * stays as it was; the reason in diags).  The caller makes sure nothing
 * writes into the folder meanwhile (the event's lock, no solve of it). */
int web_store_delete(const char *events_dir, const char *id, tsunagu_diags *diags);
/* Remove what deletions left in events_dir (a crash between hiding and
 * removing): every .deleting-* folder; with unfinished, also what killed
 * writers left: events being made (.creating-*), event folders without
 * meta.json (they never became events) and staged files (NAME.tmp.PID.N)
 * in events.  Only while no server writes (the caller holds the data
 * folder's lock alone).  Links are never followed.  How many went.
 * Cannot fail. */
int web_store_sweep(const char *events_dir, bool unfinished);

/* The lock a server holds, shared, on DATA/serve.lock while it runs: an
 * administrator's `serve --delete-event` takes it exclusively, so it
 * refuses while a server uses the folder. */
#define WEB_SERVE_LOCK "serve.lock"
/* "2025-03-14T10:15:30" local time, into buf (at least 20 bytes). */
void web_now_iso(char *buf, size_t size);

/* ---- the server ------------------------------------------------------- */

typedef struct web_job web_job;
typedef struct web_commit web_commit;

/* Event locks are striped: two events may share one, which only costs a
 * rare wait of a few milliseconds; no event needs a lock of its own. */
#define WEB_EVENT_LOCKS 64

struct web_server {
    tsunagu_web_options opt;
    char *data_dir;
    char *events_dir;
    /* Known only once the daemon listens (port 0 = any), when connection
     * threads may already run: atomic.  Nobody has the address before. */
    _Atomic unsigned port;
    struct MHD_Daemon *daemon;
    /* Changes to one event's files are made under its lock (see
     * web_event_lock); reads take no lock: every file is replaced
     * atomically and meta.json, written last, names the current versions.
     * A solve holds no lock while it solves, only to commit its plan. */
    pthread_mutex_t event_locks[WEB_EVENT_LOCKS];
    struct platform_lock *data_lock; /* WEB_SERVE_LOCK, shared, while serving */
    pthread_mutex_t jobs_lock; /* the job list, each job's fields, free_solvers */
    pthread_cond_t solver_free; /* signalled when a solve ends */
    int free_solvers;           /* solves that may start now */
    web_job *jobs;
};

/* A reply built by a handler; server.c sends it. */
typedef struct {
    unsigned status;
    const char *content_type;
    char *body;          /* malloc'd, or static when body_static */
    size_t len;
    bool body_static;
    char disposition[160]; /* Content-Disposition, "" for none */
    const char *csp;       /* Content-Security-Policy, NULL: the API's default */
    char etag[24];         /* ETag: the event's revision ("\"7\""), "" for none */
} web_reply;

typedef struct {
    web_server *srv;
    const web_route *route;
    tsunagu_lang lang;       /* ?lang=ja|en, default ja */
    const char *body;
    size_t body_len;
    const char *arg_name;    /* ?name= (upload's file name), may be NULL */
    const char *arg_template;/* ?template= (a bundled event file's name), may be NULL */
    const char *arg_download;/* ?download=1 */
    const char *arg_encoding;/* ?encoding=cp932 */
    const char *arg_roster_per_page; /* ?roster_per_page=1 (print.html) */
    const char *arg_layout;  /* ?layout=NAME (badges.html): a bundled badge layout */
    const char *if_match;    /* If-Match: the revision a change is based on, may be NULL */
} web_request;

/* Hold / release the lock of event id around a change of its files. */
void web_event_lock(web_server *srv, const char *id);
void web_event_unlock(web_server *srv, const char *id);

/* ---- api.c ------------------------------------------------------------ */

/* Answer one routed request (never WEB_R_NOT_FOUND/BAD_METHOD/ASSET). */
void web_api_handle(const web_request *req, web_reply *out);

/* Reply helpers: JSON (takes the reference), or an error {"error": text}. */
void web_reply_json(web_reply *out, unsigned status, json_t *doc);
void web_reply_error(web_reply *out, unsigned status, const char *text);
/* The diags as `tsunagu check` prints them: [{severity, line, text}, ...],
 * each text exactly as tsunagu_diags_print writes its line.  New array. */
json_t *web_diags_json(const tsunagu_diags *d);

/* ---- change.c: revisions, what changed, committing a change ----------- */

/* The event's revision in its meta.json (0 for an event older than
 * revisions).  Cannot fail. */
long web_revision(const json_t *meta);
/* An If-Match header: "*" (any revision: *base = -1), or one revision as
 * an entity tag ("7", W/"7") or a bare number.  0, or -1 when it is
 * neither. */
int web_if_match_parse(const char *v, long *base);
/* Say the revision in the reply's ETag header. */
void web_reply_revision(web_reply *out, long revision);
/* Whether a change to the event whose meta.json is meta may go ahead: its
 * If-Match names the current revision (or "*").  Call under the event's
 * lock.  False after replying 428 (no If-Match), 400 (not a revision) or
 * 409 {conflict: true, revision, base, changes: [{revision, kind, at,
 * text, ...}], more} (another change came first). */
bool web_precondition(const web_request *req, const json_t *meta, web_reply *out);
/* A new history entry of this kind ("settings", "add", ...); the caller
 * adds "name", "attendee", "table_label", "file" as they apply. */
json_t *web_history_entry(const char *kind);
/* What a history entry says, for the page, in the thread's language ("10:16
 * 当日参加者が追加されました: 飛込 花子 さん").  New string. */
char *web_history_text(const json_t *entry);

/* One change's files, staged in full, then renamed into place together
 * with history.json and meta.json (last).  A staging that fails leaves
 * every file as it was and makes web_commit_finish fail. */
web_commit *web_commit_new(web_server *srv, const char *id);
/* Stage an event file (a server-made name).  0 or -1 with diags. */
int web_commit_add(web_commit *c, const char *name, const char *data, size_t len,
                   tsunagu_diags *diags);
int web_commit_add_json(web_commit *c, const char *name, const json_t *doc, tsunagu_diags *diags);
/* Bump meta's revision, record entry (borrowed) in history.json, stage
 * both and rename everything staged into place, meta.json last.  On
 * success meta becomes the stored meta.json (new revision, "updated").
 * 0, or -1 with diags and meta unchanged.  Caller holds the event's lock. */
int web_commit_finish(web_commit *c, json_t *meta, json_t *entry, tsunagu_diags *diags);
void web_commit_free(web_commit *c); /* accepts NULL */

/* ---- moves.c: moving a person, pins ------------------------------------ */

/* Why attendee who cannot move to table in session of plan, in the
 * organiser's words (person, table, reason), or NULL when the move may be
 * tried: the person and table exist, the person is seated in that session,
 * a workgroup table is of the person's track, and a hard region rule
 * allows the table.  settings: the event the re-plan will use.  New
 * string, caller frees. */
char *web_move_refusal(const tsunagu_plan *plan, const tsunagu_event *settings, const char *who,
                       const char *session, const char *table);
/* Why the re-plan that moved who to table could not be made, in the
 * organiser's words: the person, the table, the rule that must hold (the
 * one that forbids the seat, else every hard rule of the session), and
 * that nothing changed.  timed_out: the solver ran out of time instead.
 * New string, caller frees. */
char *web_move_failure(const tsunagu_plan *previous, const tsunagu_event *settings,
                       const char *who, const char *session, const char *table, bool timed_out);
/* The history entry of that move: kind "move", the attendee's id and
 * name, the session and the table's id and label.  New object. */
json_t *web_move_entry(const tsunagu_plan *plan, const char *who, const char *session,
                       const char *table);
/* pins.json's array with who's pin in session set to table (one pin per
 * person and session), or with who's pins dropped (in session, or in every
 * session for NULL).  New arrays; pins may be NULL. */
json_t *web_pins_with(const json_t *pins, const char *who, const char *session, const char *table);
json_t *web_pins_without(const json_t *pins, const char *who, const char *session);
/* The pins of pins.json ([{attendee, session, table}]) as the solver takes
 * them; entries without the three strings are left out.  *n gets the
 * count.  New array (never NULL), the caller frees it; its strings stay
 * owned by doc. */
tsunagu_pin *web_pins_load(const json_t *doc, int *n);
/* Make plan record exactly pins (pins.json's form), in their order, as
 * the seats pinned on the day (plan->pins).  Nobody moves.  Cannot fail. */
void web_plan_set_pins(tsunagu_plan *plan, const json_t *pins);

/* ---- jobs.c: solves on a worker thread ------------------------------- */

/* What a solve is asked to do.  Candidates are stored only when the solve
 * succeeds, with the new plan, in one commit. */
typedef struct {
    bool fresh;        /* ignore the current seats ("start over") */
    json_t *settings;  /* candidate event.json, or NULL: the stored one */
    json_t *pins;      /* candidate pins.json, or NULL: the stored one */
    json_t *entry;     /* the change for history.json (web_history_entry) */
    char *attendee, *session, *table; /* a move: who goes where; NULL otherwise */
} web_job_change;

/* Start a solve of event id whose meta.json is at revision `revision`.
 * Caller holds the event's lock.  The solve waits its turn when every
 * solver is busy (state "queued").  Takes the change's references and
 * strings in every case.  Returns 0, or -1 when one is already queued or
 * running for this event (then *busy is set) or the thread cannot start. */
int web_job_start(web_server *srv, const char *id, long revision, web_job_change *change,
                  tsunagu_lang lang, bool *busy);
/* The event's latest job as JSON ({"state": "none"} when there is none). */
json_t *web_job_status(web_server *srv, const char *id);
bool web_job_running(web_server *srv, const char *id);
/* "queued" or "running" while the event has a solve that has not ended,
 * else NULL.  A static string. */
const char *web_job_pending(web_server *srv, const char *id);
/* Forget the ended job of a deleted event (its thread joined).  A job that
 * has not ended is left alone: the caller refused the deletion then. */
void web_job_forget(web_server *srv, const char *id);
/* Wait for every job and free them (server shutdown). */
void web_jobs_free(web_server *srv);
/* Add the solver's explanation to the page's diags: a pin the organiser
 * made by dragging is named as such (固定した席), not as the command
 * line's --pin option the library names it by.  Cannot fail. */
void web_solver_diags(tsunagu_diags *to, const tsunagu_diags *from);

/* Stage a new plan version from a solved or changed plan: plan-N.json and
 * changes-N.txt (what changed since old, when given), and set meta's
 * "plan" and "attendees" (stored when the commit finishes).  0 or -1 with
 * diags. */
int web_plan_stage(web_commit *c, json_t *meta, const tsunagu_plan *old_plan,
                   const tsunagu_plan *plan, tsunagu_diags *diags);
/* The event's current plan (NULL when none or unreadable).  Caller frees
 * the plan. */
tsunagu_plan *web_plan_load(web_server *srv, const char *id, const json_t *meta,
                            tsunagu_diags *diags);

/* ---- assets (generated at build time from src/web/static) ------------ */

typedef struct {
    const char *path; /* "/index.html" */
    const char *content_type;
    const unsigned char *data;
    size_t len;
} web_asset;

extern const web_asset web_assets[]; /* ends with a {NULL} entry */
const web_asset *web_asset_find(const char *path);

#endif
