/* plan.h - the seating plan: who sits where in each session.
 *
 * A plan is self-contained: it carries the attendees, the region table and
 * the event it was made with, so charts and re-planning need nothing else.
 * Its JSON form is documented in docs/plan-format.md. */
#ifndef TSUNAGU_PLAN_H
#define TSUNAGU_PLAN_H

#include <jansson.h>
#include "tsunagu/diag.h"
#include "tsunagu/event.h"
#include "tsunagu/regions.h"
#include "tsunagu/roster.h"

typedef enum {
    TSUNAGU_STATUS_OPTIMAL = 0,  /* proven best under the rules' weights */
    TSUNAGU_STATUS_FEASIBLE = 1, /* every hard rule holds; optimality not proven (see gap) */
    TSUNAGU_STATUS_INFEASIBLE = 2,
    TSUNAGU_STATUS_NOT_SOLVED = 3
} tsunagu_status;

typedef struct {
    char *id;      /* "1", "MSW-A": stable across re-plans, printed on signs */
    char *label;   /* "テーブル1", "MSW グループA" */
    char *track;   /* workgroups: the track id; NULL for exchange tables */
    int *regions;  /* exchange: the table's region(s), indices in the region table */
    int n_regions;
    size_t *members; /* indices into plan->roster->items, sorted by kana */
    size_t n_members;
    /* Workgroups whose session has roles: per role of the session, the
     * roster index of the member who holds it, -1 for nobody (the plan's
     * warnings say why); NULL when the session has no roles. */
    long *roles;
} tsunagu_table;

typedef struct tsunagu_session_plan {
    const tsunagu_session_spec *spec; /* borrowed from plan->event */
    tsunagu_status status;
    double objective;
    double bound;
    double gap;     /* relative, 0 when optimal */
    double seconds; /* wall time of the solve */
    tsunagu_table *tables;
    int n_tables;
    int *seat; /* per attendee: table index, -1 when not seated (OTHER) */
    bool stopped_at_time_limit; /* the solve of this session was cut short by --time-limit */
    /* Sessions with rounds (spec->rounds > 1, a 席替え within the slot):
     * this seating is round 1; `later` holds rounds 2 .. k (n_later =
     * spec->rounds - 1), each a full seating of the same people at the
     * same tables (ids, labels, tracks, regions alike), with its own
     * tables, seat and status (a searched round is FEASIBLE unless its
     * repeats reach the bound).  A later round's own `later` is NULL.
     * NULL and 0 for a session of one round. */
    struct tsunagu_session_plan *later;
    int n_later;
    /* Sessions with rounds: pairs meeting more than once over all rounds
     * (and earlier sessions), and the lower bound no seating can beat;
     * -1 when not measured. */
    long repeats;
    long repeats_bound;
} tsunagu_session_plan;

/* One line of the plan's scores: how many people or pairs a rule touched. */
typedef struct {
    char *session; /* session id */
    char *key;     /* e.g. "own_region", "colleague_pairs" */
    long value;
    long of;       /* out of how many (people, pairs, tables); -1 when not meaningful */
} tsunagu_score;

/* A move between plans (re-planning). */
typedef struct {
    char *attendee_id;
    char *session;
    char *from; /* table id */
    char *to;
    char *why;
} tsunagu_move;

/* A seat the organiser fixed on the day (`tsunagu pin`, solve --pin, a
 * drag on the web page): every re-plan keeps it until it is unpinned.
 * The plan owns the strings. */
typedef struct {
    char *attendee_id;
    char *session; /* session id */
    char *table;   /* table id */
} tsunagu_desk_pin;

typedef struct {
    char *generator;         /* "tsunagu 0.1.0" */
    char *input_file;        /* attendee file name */
    char input_sha256[65];
    tsunagu_regions *regions; /* owned */
    tsunagu_event *event;     /* owned */
    tsunagu_roster *roster;   /* owned; roster->regions points at regions */
    tsunagu_session_plan *sessions; /* one per event session, same order */
    int n_sessions;
    tsunagu_score *scores;
    int n_scores;
    tsunagu_move *moves; /* re-planning only */
    int n_moves;
    char **warnings;     /* warnings in the user's language: the list's own first
                            ("FILE:LINE: text", carried onto paper), then the solver's */
    int n_warnings;
    int n_list_warnings; /* how many of the first warnings are the list's (a plan
                            read back from JSON: 0, they are not told apart) */
    /* The day's changes that every re-plan carries (docs/plan-format.md,
     * "The day's changes"): walk-ins are attendees with walkin set; people
     * cancelled at the desk are kept here, as they were, until restored. */
    tsunagu_attendee *cancelled;
    size_t n_cancelled;
    /* What the re-plan that made this plan did with the previous plan's
     * changes, one sentence each in the language of the run. */
    char **carried;
    int n_carried;
    /* The same sentences in the other language (each may be NULL; a plan
     * read from a file has none): a page that switches language shows
     * them.  Not in the file. */
    char **carried_other;
    /* Walk-ins, cancellations and restorations since the plan was solved:
     * each took or freed one chair per session without moving anyone, so
     * table sizes may stray that far from the solver's. */
    int desk_changes;
    /* Seats fixed on the day, in the order they were made; each one holds
     * in the plan (the person sits at that table).  Pins of the list's
     * own columns are not here: they come with the list. */
    tsunagu_desk_pin *pins;
    int n_pins;
    /* Walk-in numbers given so far (W001 ... W<n>): never given again, not
     * even when a walk-in later found on the list leaves the plan under the
     * list's id, so an earlier printout's W001 names one person only. */
    int walkins_issued;
} tsunagu_plan;

void tsunagu_plan_free(tsunagu_plan *p); /* accepts NULL */
/* Append a sentence (a copy of text) to what the re-plan carried over. */
void tsunagu_plan_add_carried(tsunagu_plan *p, const char *text);
/* The same, formatted from a format in each language (both take the
 * arguments that follow, in the same order): carried gets the calling
 * thread's language, carried_other the other. */
void tsunagu_plan_say_carried(tsunagu_plan *p, const char *en, const char *ja, ...)
    __attribute__((format(printf, 2, 4)));
/* Forget what the re-plan carried over (both languages). */
void tsunagu_plan_clear_carried(tsunagu_plan *p);
/* Append a warning (a copy of text) to the plan: the report prints them
 * for the organiser who reads only paper.  Cannot fail. */
void tsunagu_plan_add_warning(tsunagu_plan *p, const char *text);

/* Record that attendee_id is pinned to table in session (copies), in
 * place of any pin of theirs in that session.  Cannot fail. */
void tsunagu_plan_add_pin(tsunagu_plan *p, const char *attendee_id, const char *session,
                          const char *table);
/* Forget attendee_id's pins: in session, or in every session when session
 * is NULL.  Returns how many were forgotten.  Nobody moves. */
int tsunagu_plan_unpin(tsunagu_plan *p, const char *attendee_id, const char *session);

/* New JSON document of the plan (docs/plan-format.md); caller decrefs. */
json_t *tsunagu_plan_to_json(const tsunagu_plan *p);
/* The plan's JSON text as tsunagu_plan_write writes it (fixed key order and
 * indentation, a final newline); *len gets its length.  Returns a new
 * string the caller frees; aborts when out of memory (docs/architecture.md). */
char *tsunagu_plan_dump(const tsunagu_plan *p, size_t *len);
/* Write the plan as JSON to path atomically (fileio.h).  0 or -1 with an
 * error in diags.  Borrows p. */
int tsunagu_plan_write(const tsunagu_plan *p, const char *path, tsunagu_diags *diags);
/* Read a plan file; errors (FILE:LINE: reason) to diags; NULL when unusable.
 * Caller frees with tsunagu_plan_free. */
tsunagu_plan *tsunagu_plan_read(const char *path, tsunagu_diags *diags);
/* The same from bytes in memory (an upload, fuzzers); source names them in
 * messages.  Does not keep data. */
tsunagu_plan *tsunagu_plan_read_buffer(const char *data, size_t len, const char *source,
                                       tsunagu_diags *diags);
/* The same from a parsed document.  Borrows json (the caller keeps its
 * reference; nothing of it is kept); source only names it in messages.
 * Returns a new plan that owns its roster, regions and event (freed with
 * it by tsunagu_plan_free), or NULL with the errors in diags. */
tsunagu_plan *tsunagu_plan_from_json(const json_t *json, const char *source, tsunagu_diags *diags);

/* Recompute plan->scores from the seating (cannot fail). */
void tsunagu_plan_score(tsunagu_plan *p);
/* Value of a score, or -1 when absent. */
long tsunagu_plan_score_get(const tsunagu_plan *p, const char *session, const char *key);
/* How many of the plan's scores show a hard rule of their session broken
 * (a table without an experienced member when that rule is hard, ...): 0
 * for a plan as the solver makes it, possibly more after the desk took
 * someone out.  With first, *first is a new sentence naming the first
 * (the caller frees it), or NULL. */
int tsunagu_plan_hard_breaks(const tsunagu_plan *p, char **first);

const char *tsunagu_status_name(tsunagu_status s); /* "optimal", "feasible", ... */
/* Session s's rounds for people, one line without a newline: "3回の席替えで
 * 同じ人と二度同席した組: 0（下限 0）、2〜3回目は探索による席（最適性は
 * 未証明）".  New string the caller frees; NULL for a session of one
 * round. */
char *tsunagu_plan_rounds_text(const tsunagu_plan *p, int s);

/* ---- the running order of a sharing session (plan/presentations.c) ---- */

/* One group's turn: its talk, then questions. */
typedef struct {
    int table; /* the group: index into the tables of the workgroup it presents */
    int start; /* minutes since midnight: the talk begins */
    int qa;    /* questions begin */
    int end;   /* the turn ends (the next begins) */
} tsunagu_presentation;

/* The running order of sharing session s: every group with members of the
 * workgroup session it presents (spec->presentations.of_session), in the
 * order of its settings, timed from the session's start.  New array (the
 * caller frees it) of *n turns; NULL and 0 when s is not a sharing
 * session.  Aborts only when out of memory. */
tsunagu_presentation *tsunagu_plan_presentations(const tsunagu_plan *p, int s, int *n);
/* The presenter of a turn of sharing session s (the role its settings
 * name, in that group): a roster index, or -1 when none is named or held. */
long tsunagu_plan_presenter(const tsunagu_plan *p, int s, const tsunagu_presentation *turn);
/* Add a warning to the plan (and to diags when not NULL) for each sharing
 * session whose running order ends after the session does.  Cannot fail. */
void tsunagu_plan_check_presentations(tsunagu_plan *p, tsunagu_diags *diags);
/* "15:20" for minutes since midnight (past midnight "24:10"), into out.
 * Cannot fail. */
void tsunagu_clock_text(int minutes, char out[16]);

#endif
