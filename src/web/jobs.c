/* jobs.c - solves run on a worker thread so the page can show progress;
 * plan versions are staged here too (solves, walk-ins, removals).
 *
 * A solve carries its change (settings sent with it, a move's pins) as
 * candidates: they are stored with the plan in one commit only when the
 * solve succeeds; otherwise nothing is, and the job says why in the
 * organiser's words.
 *
 * Solves of different events run in parallel, at most srv->free_solvers
 * at once (one per processor by default); the others wait, "queued".  A
 * solve reads its event's files, solves holding no lock, and takes the
 * event's lock only to commit the plan: reads of any event never wait for
 * a solve, and changes to the solving event are refused meanwhile (409). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web_private.h"
#include "util/strbuf.h"
#include "util/tr.h"

typedef enum { JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED } job_state;

struct web_job {
    web_server *srv;
    char id[WEB_ID_LEN + 1];
    long base; /* the revision the solve was asked on */
    web_job_change change; /* read-only while the job runs */
    char kind[24];         /* the change's kind, for the status */
    tsunagu_lang lang;
    pthread_t thread;
    /* Guarded by srv->jobs_lock: */
    job_state state;
    char session[64];
    double seconds, best, bound, gap;
    int plan_version;
    long revision; /* the event's revision when the job ended */
    char *error;   /* why it failed, in the organiser's words */
    json_t *diags;
    web_job *next;
};

static void change_free(web_job_change *c)
{
    json_decref(c->settings);
    json_decref(c->pins);
    json_decref(c->entry);
    free(c->attendee);
    free(c->session);
    free(c->table);
    memset(c, 0, sizeof *c);
}

static web_job *find_job(web_server *srv, const char *id)
{
    for (web_job *j = srv->jobs; j; j = j->next)
        if (strcmp(j->id, id) == 0)
            return j;
    return NULL;
}

static void progress(const char *session, double seconds, double best, double bound, double gap,
                     void *user)
{
    web_job *job = user;
    pthread_mutex_lock(&job->srv->jobs_lock);
    snprintf(job->session, sizeof job->session, "%s", session ? session : "");
    job->seconds = seconds;
    job->best = best;
    job->bound = bound;
    job->gap = gap;
    pthread_mutex_unlock(&job->srv->jobs_lock);
}

tsunagu_plan *web_plan_load(web_server *srv, const char *id, const json_t *meta,
                            tsunagu_diags *diags)
{
    int version = (int)json_integer_value(json_object_get(meta, "plan"));
    if (version <= 0)
        return NULL;
    char name[32];
    web_versioned_name(name, sizeof name, "plan", version, "json");
    char *path = web_event_file(srv, id, name);
    tsunagu_plan *plan = tsunagu_plan_read(path, diags);
    free(path);
    return plan;
}

int web_plan_stage(web_commit *c, json_t *meta, const tsunagu_plan *old_plan,
                   const tsunagu_plan *plan, tsunagu_diags *diags)
{
    int version = (int)json_integer_value(json_object_get(meta, "plan")) + 1;
    char name[32];
    size_t len;
    char *text = tsunagu_plan_dump(plan, &len);
    web_versioned_name(name, sizeof name, "plan", version, "json");
    int rc = web_commit_add(c, name, text, len, diags);
    free(text);
    /* what changed, in each language: the page may switch */
    tsunagu_lang mine = tsunagu_lang_get();
    for (int l = 0; rc == 0 && old_plan && l < 2; l++) {
        tsunagu_lang lang = l == 0 ? TSUNAGU_LANG_JA : TSUNAGU_LANG_EN;
        tsunagu_lang_set(lang);
        strbuf b = {0};
        char *carried = tsunagu_plan_carried_text(plan, lang != mine); /* the re-plan's own, first */
        char *changes = tsunagu_plan_diff_text(old_plan, plan);
        strbuf_add(&b, carried);
        strbuf_add(&b, changes);
        web_changes_name(name, sizeof name, version, lang);
        rc = web_commit_add(c, name, b.data, b.len, diags);
        free(carried);
        free(changes);
        free(b.data);
    }
    tsunagu_lang_set(mine);
    if (rc != 0)
        return -1;
    json_object_set_new(meta, "plan", json_integer(version));
    json_object_set_new(meta, "attendees", json_integer((json_int_t)plan->roster->count));
    return 0;
}

/* The roster to seat: the latest upload when it is newer than the plan,
 * otherwise the current plan's own (which holds walk-ins; the people of
 * its list cancelled at the desk are put back on it: once, they became
 * walk-ins at the next re-plan).  Sets *roster and *regions (owned) or
 * returns -1. */
static int load_people(web_server *srv, const char *id, const json_t *meta,
                       const tsunagu_professions *professions, tsunagu_roster **roster,
                       tsunagu_regions **regions, tsunagu_diags *diags)
{
    *roster = NULL;
    *regions = NULL;
    const char *from = json_string_value(json_object_get(meta, "roster"));
    if (from && strcmp(from, "plan") == 0) {
        tsunagu_plan *donor = web_plan_load(srv, id, meta, diags);
        if (!donor)
            return -1;
        tsunagu_plan_relist_cancelled(donor->roster, donor);
        *roster = donor->roster;
        *regions = donor->regions;
        donor->roster = NULL; /* taken */
        donor->regions = NULL;
        tsunagu_plan_free(donor);
        return 0;
    }
    int upload = (int)json_integer_value(json_object_get(meta, "upload"));
    const char *source = json_string_value(json_object_get(meta, "upload_name"));
    char name[32];
    web_versioned_name(name, sizeof name, "upload", upload, "dat");
    size_t len;
    char *data = web_event_file_read(srv, id, name, srv->opt.max_upload, &len);
    if (!data) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, 0, "%s",
                          TR("the uploaded attendee file is missing", "読み込んだ名簿ファイルが見つかりません"));
        return -1;
    }
    *regions = tsunagu_regions_load_default(diags);
    if (*regions)
        *roster = tsunagu_roster_read_buffer(data, len, source ? source : "upload", *regions,
                                             professions, diags);
    free(data);
    if (!*roster) {
        tsunagu_regions_free(*regions);
        *regions = NULL;
        return -1;
    }
    return 0;
}

void web_solver_diags(tsunagu_diags *to, const tsunagu_diags *from)
{
    for (size_t i = 0; i < tsunagu_diags_count(from); i++) {
        const tsunagu_diag *g = tsunagu_diags_get(from, i);
        bool pin = g->source && strncmp(g->source, "--pin ", 6) == 0;
        tsunagu_diags_add_at(to, g->severity, pin ? TR("a pinned seat", "固定した席") : g->source,
                             g->line, g->column, "%s", g->text ? g->text : "");
    }
}

/* The solver ran and found no plan (the hard rules cannot hold, or no
 * seating in the time allowed). */
static bool no_plan(int rc)
{
    return rc == TSUNAGU_SOLVE_INFEASIBLE || rc == TSUNAGU_SOLVE_FAILED;
}

/* Why the solve failed, in the organiser's words.  New string. */
static char *failure_text(const web_job *job, const tsunagu_plan *previous, const json_t *settings,
                          int rc)
{
    const web_job_change *ch = &job->change;
    if (ch->attendee && no_plan(rc)) {
        tsunagu_diags *quiet = tsunagu_diags_new();
        tsunagu_event *event = settings ? tsunagu_event_from_json(settings, "", quiet) : NULL;
        tsunagu_diags_free(quiet);
        char *text = web_move_failure(previous, event, ch->attendee, ch->session, ch->table,
                                      rc == TSUNAGU_SOLVE_FAILED);
        tsunagu_event_free(event);
        return text;
    }
    if (ch->settings)
        return tsunagu_strdup(
            TR("No plan could be made with the changed settings, so they were not saved: the "
               "seats and the settings stored are as they were. Why is below.",
               "変えた設定では席を決められなかったので、設定は保存していません（席も設定も前のままです）。"
               "理由は下のとおりです。"));
    return tsunagu_strdup(TR("No plan could be made: the seats are as they were. Why is below.",
                             "席を決められませんでした（席は前のままです）。理由は下のとおりです。"));
}

/* Store the solved plan with the change's settings and pins (pins.json's
 * new content, NULL: as it is), under the event's lock.  0 or -1 with
 * diags. */
static int commit_solved(web_job *job, const tsunagu_plan *previous, const tsunagu_plan *plan,
                         const json_t *pins, tsunagu_diags *diags)
{
    web_server *srv = job->srv;
    const web_job_change *ch = &job->change;
    json_t *meta = web_event_json_read(srv, job->id, "meta.json");
    int rc = -1;
    /* Changes are refused while the event solves; this holds by design. */
    if (!json_is_object(meta) || web_revision(meta) != job->base) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("the event was changed while the plan was made; nothing was saved",
                             "計算中にイベントが変更されたので、何も保存していません"));
        json_decref(meta);
        return -1;
    }
    /* From now on the plan holds the people (walk-ins, cancellations). */
    json_object_set_new(meta, "roster", json_string("plan"));
    web_commit *c = web_commit_new(srv, job->id);
    if (web_plan_stage(c, meta, previous, plan, diags) == 0 &&
        (!ch->settings || web_commit_add_json(c, "event.json", ch->settings, diags) == 0) &&
        (!pins || web_commit_add_json(c, "pins.json", pins, diags) == 0))
        rc = web_commit_finish(c, meta, ch->entry, diags);
    web_commit_free(c);
    json_decref(meta);
    return rc;
}

/* Whether who is among the people a re-plan of roster seats: on it, or a
 * walk-in of the previous plan, carried over (*as: the id they are seated
 * under, the list's when it names them now). */
static bool of_the_day(const char *who, const tsunagu_roster *roster, const tsunagu_plan *previous,
                       const char **as)
{
    *as = who;
    if (tsunagu_roster_find(roster, who) >= 0)
        return true;
    long i = previous ? tsunagu_roster_find(previous->roster, who) : -1;
    if (i < 0 || !previous->roster->items[i].walkin)
        return false;
    long at = tsunagu_plan_carry_match(roster, &previous->roster->items[i]);
    if (at >= 0)
        *as = roster->items[at].id;
    return true;
}

/* The organiser's pins (pins.json's form) that a re-plan of roster can
 * hold: those of the day's people, a walk-in's under the id the list gives
 * them now.  The pins of someone a replaced list no longer names go with
 * them (once, such a pin made every re-plan fail: no attendee with that
 * id).  New array. */
static json_t *pins_of_the_day(const json_t *pins, const tsunagu_roster *roster,
                               const tsunagu_plan *previous)
{
    json_t *kept = json_array();
    for (size_t k = 0; k < json_array_size(pins); k++) {
        json_t *pin = json_deep_copy(json_array_get(pins, k));
        const char *who = json_string_value(json_object_get(pin, "attendee")), *as;
        if (who && of_the_day(who, roster, previous, &as)) {
            json_object_set_new(pin, "attendee", json_string(as));
            json_array_append(kept, pin);
        }
        json_decref(pin);
    }
    return kept;
}

/* Solve the event with the job's change; store it only when it holds.
 * On failure *error (new) says why in the organiser's words. */
static void solve_event(web_job *job, tsunagu_diags *diags, char **error)
{
    web_server *srv = job->srv;
    const char *id = job->id;
    const web_job_change *ch = &job->change;
    json_t *meta = web_event_json_read(srv, id, "meta.json");
    json_t *settings = ch->settings ? json_incref(ch->settings)
                                    : web_event_json_read(srv, id, "event.json");
    json_t *pins_doc = ch->pins ? json_incref(ch->pins) : web_event_json_read(srv, id, "pins.json");
    json_t *day_pins = NULL; /* the pins this re-plan can hold */
    tsunagu_plan *previous = NULL, *plan = NULL;
    tsunagu_pin *pins = NULL;
    tsunagu_diags *why = tsunagu_diags_new(); /* the solver's own words */
    int rc = 1;                               /* the solve did not run */
    bool saved = false;
    if (!meta || !settings) {
        tsunagu_diags_add(why, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("the event's files are missing or broken", "イベントのファイルが見つからないか壊れています"));
        goto out;
    }
    tsunagu_event *event = tsunagu_event_from_json(settings, TR("settings", "設定"), why);
    if (!event)
        goto out;
    tsunagu_roster *roster;
    tsunagu_regions *regions;
    if (load_people(srv, id, meta, event->professions, &roster, &regions, why) != 0) {
        tsunagu_event_free(event);
        goto out;
    }
    previous = web_plan_load(srv, id, meta, why);
    const char *mover;
    if (ch->attendee && !of_the_day(ch->attendee, roster, previous, &mover)) {
        long i = previous ? tsunagu_roster_find(previous->roster, ch->attendee) : -1;
        tsunagu_diags_add(why, TSUNAGU_ERROR, NULL, 0,
                          TR("%s is not on the replaced list, so cannot be moved: make the plan of "
                             "the new list first",
                             "%s さんは差し替えた名簿に載っていないため、移せません。先に新しい名簿で"
                             "席を決めてください"),
                          i >= 0 ? previous->roster->items[i].name : ch->attendee);
        tsunagu_roster_free(roster);
        tsunagu_regions_free(regions);
        tsunagu_event_free(event);
        goto out;
    }
    day_pins = pins_of_the_day(pins_doc, roster, previous);
    tsunagu_solve_options opt;
    tsunagu_solve_options_init(&opt);
    opt.time_limit = srv->opt.time_limit;
    opt.progress = progress;
    opt.progress_user = job;
    int n_pins = 0;
    pins = web_pins_load(day_pins, &n_pins);
    opt.previous = ch->fresh ? NULL : previous;
    opt.changes_from = previous; /* starting over keeps the desk's walk-ins and cancellations */
    opt.pins = pins;
    opt.n_pins = n_pins;
    opt.pins_are_all = true; /* pins.json is the page's record of them */
    /* tsunagu_solve owns roster, regions and event from here on. */
    rc = tsunagu_solve(roster, regions, event, &opt, &plan, why);
    if (rc == 0) {
        web_event_lock(srv, id);
        bool changed = ch->pins || !json_equal(day_pins, pins_doc);
        saved = commit_solved(job, previous, plan, changed ? day_pins : NULL, why) == 0;
        web_event_unlock(srv, id);
    }
out:
    if (!saved && rc == 0) /* solved, not stored (a full disk) */
        *error = tsunagu_strdup(TR("The plan was made but could not be saved; nothing was changed.",
                                   "席は決まりましたが保存できませんでした。何も変えていません。"));
    else if (!saved)
        *error = failure_text(job, previous, settings, rc);
    /* A move that cannot hold is told in the organiser's words only: the
     * solver's explanation names the pin as the command line does. */
    if (!(ch->attendee && no_plan(rc)))
        web_solver_diags(diags, why);
    tsunagu_diags_free(why);
    free(pins);
    tsunagu_plan_free(plan);
    tsunagu_plan_free(previous);
    json_decref(pins_doc);
    json_decref(day_pins);
    json_decref(settings);
    json_decref(meta);
}

static void *worker(void *arg)
{
    web_job *job = arg;
    web_server *srv = job->srv;
    tsunagu_diags *diags = tsunagu_diags_new();
    pthread_mutex_lock(&srv->jobs_lock);
    while (srv->free_solvers == 0)
        pthread_cond_wait(&srv->solver_free, &srv->jobs_lock);
    srv->free_solvers--;
    job->state = JOB_RUNNING;
    pthread_mutex_unlock(&srv->jobs_lock);

    tsunagu_lang_set(job->lang); /* this thread's language */
    char *error = NULL;
    solve_event(job, diags, &error);
    json_t *list = web_diags_json(diags);
    json_t *meta = web_event_json_read(srv, job->id, "meta.json");
    int version = (int)json_integer_value(json_object_get(meta, "plan"));
    long revision = web_revision(meta);
    json_decref(meta);
    /* GLPK keeps an environment per thread; this thread ends here. */
    tsunagu_solve_thread_end();

    pthread_mutex_lock(&srv->jobs_lock);
    job->state = error ? JOB_FAILED : JOB_DONE;
    job->error = error;
    job->diags = list;
    job->plan_version = version;
    job->revision = revision;
    srv->free_solvers++;
    pthread_cond_signal(&srv->solver_free);
    pthread_mutex_unlock(&srv->jobs_lock);
    tsunagu_diags_free(diags);
    return NULL;
}

int web_job_start(web_server *srv, const char *id, long revision, web_job_change *change,
                  tsunagu_lang lang, bool *busy)
{
    *busy = false;
    pthread_mutex_lock(&srv->jobs_lock);
    web_job *old = find_job(srv, id);
    if (old && (old->state == JOB_RUNNING || old->state == JOB_QUEUED)) {
        pthread_mutex_unlock(&srv->jobs_lock);
        change_free(change);
        *busy = true;
        return -1;
    }
    if (old) {
        /* Finished: reap its thread and reuse the slot. */
        pthread_join(old->thread, NULL);
        json_decref(old->diags);
        free(old->error);
        change_free(&old->change);
    } else {
        old = calloc(1, sizeof *old);
        if (!old)
            abort();
        old->next = srv->jobs;
        srv->jobs = old;
    }
    web_job *job = old;
    web_job *next = job->next;
    memset(job, 0, sizeof *job);
    job->next = next;
    job->srv = srv;
    snprintf(job->id, sizeof job->id, "%s", id);
    job->base = revision;
    job->revision = revision;
    job->change = *change; /* taken */
    memset(change, 0, sizeof *change);
    if (!job->change.entry)
        job->change.entry = web_history_entry(job->change.fresh ? "fresh" : "plan");
    const char *kind = json_string_value(json_object_get(job->change.entry, "kind"));
    snprintf(job->kind, sizeof job->kind, "%s", kind ? kind : "plan");
    job->lang = lang;
    job->state = JOB_QUEUED;
    int rc = pthread_create(&job->thread, NULL, worker, job);
    if (rc != 0) {
        /* Unlink the slot: there is no thread to join. */
        for (web_job **p = &srv->jobs; *p; p = &(*p)->next)
            if (*p == job) {
                *p = job->next;
                break;
            }
        change_free(&job->change);
        free(job);
    }
    pthread_mutex_unlock(&srv->jobs_lock);
    return rc == 0 ? 0 : -1;
}

/* GLPK reports infinities before it has a bound; JSON has none. */
static json_t *number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

json_t *web_job_status(web_server *srv, const char *id)
{
    pthread_mutex_lock(&srv->jobs_lock);
    web_job *j = find_job(srv, id);
    json_t *doc;
    if (!j) {
        doc = json_pack("{s:s}", "state", "none");
    } else {
        static const char *const names[] = {"queued", "running", "done", "failed"};
        doc = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:i, s:I, s:s}", "state",
                        names[j->state], "session", j->session, "seconds", number(j->seconds),
                        "best", number(j->best), "bound", number(j->bound), "gap",
                        number(j->gap), "plan", j->plan_version, "revision",
                        (json_int_t)j->revision, "change", j->kind);
        if (j->error)
            json_object_set_new(doc, "error", json_string(j->error));
        if (j->diags)
            json_object_set(doc, "diags", j->diags);
    }
    pthread_mutex_unlock(&srv->jobs_lock);
    return doc;
}

bool web_job_running(web_server *srv, const char *id)
{
    pthread_mutex_lock(&srv->jobs_lock);
    web_job *j = find_job(srv, id);
    bool running = j && (j->state == JOB_RUNNING || j->state == JOB_QUEUED);
    pthread_mutex_unlock(&srv->jobs_lock);
    return running;
}

const char *web_job_pending(web_server *srv, const char *id)
{
    pthread_mutex_lock(&srv->jobs_lock);
    web_job *j = find_job(srv, id);
    const char *state = !j                        ? NULL
                        : j->state == JOB_QUEUED  ? "queued"
                        : j->state == JOB_RUNNING ? "running"
                                                  : NULL;
    pthread_mutex_unlock(&srv->jobs_lock);
    return state;
}

void web_job_forget(web_server *srv, const char *id)
{
    pthread_mutex_lock(&srv->jobs_lock);
    web_job **p = &srv->jobs;
    while (*p && strcmp((*p)->id, id) != 0)
        p = &(*p)->next;
    web_job *j = *p;
    if (j && (j->state == JOB_DONE || j->state == JOB_FAILED)) {
        *p = j->next;
        pthread_join(j->thread, NULL); /* it has ended: only its last steps are left */
        json_decref(j->diags);
        free(j->error);
        change_free(&j->change);
        free(j);
    }
    pthread_mutex_unlock(&srv->jobs_lock);
}

void web_jobs_free(web_server *srv)
{
    /* No new jobs can start: the daemon is stopped. */
    web_job *j = srv->jobs;
    srv->jobs = NULL;
    while (j) {
        web_job *next = j->next;
        pthread_join(j->thread, NULL);
        json_decref(j->diags);
        free(j->error);
        change_free(&j->change);
        free(j);
        j = next;
    }
}
