/* event.h - the shape of the day: sessions, table sizes, tracks, rules.
 *
 * The event is data (data/events/tsunagarou.json); see docs/event-format.md. */
#ifndef TSUNAGU_EVENT_H
#define TSUNAGU_EVENT_H

#include <stdbool.h>
#include <jansson.h>
#include "tsunagu/diag.h"
#include "tsunagu/professions.h"
#include "tsunagu/roster.h"

typedef enum {
    TSUNAGU_EXCHANGE = 0,  /* mixed tables by region (morning) */
    TSUNAGU_WORKGROUP = 1, /* same-profession groups, regions mixed (afternoon) */
    TSUNAGU_SHARING = 2    /* the groups of an earlier workgroup present in turn: seats nobody */
} tsunagu_session_kind;

/* Soft rules, each with a weight, or hard.  Not every rule applies to
 * every kind; see docs/event-format.md. */
typedef enum {
    TSUNAGU_RULE_MIX = 0,        /* exchange: both sides at every table, near the room's ratio */
    TSUNAGU_RULE_REGION,         /* exchange: people at a table of their region or interest */
    TSUNAGU_RULE_COLLEAGUES,     /* both: same organisation sits apart */
    TSUNAGU_RULE_EXPERIENCED,    /* both: an experienced member at every table; newcomers spread */
    TSUNAGU_RULE_REGIONS_MIXED,  /* workgroup: as many distinct regions per group as possible */
    TSUNAGU_RULE_NEW_PEOPLE,     /* workgroup: few pairs who already shared a table earlier */
    TSUNAGU_RULE_STABILITY,      /* re-planning: keep people where they were */
    TSUNAGU_RULE_REQUESTS,       /* organiser's together/apart requests */
    TSUNAGU_RULE_NO_PAIR_TWICE,  /* both, with rounds: nobody meets anyone twice */
    TSUNAGU_RULE_COUNT
} tsunagu_rule_id;

typedef struct {
    double weight; /* >= 0; 0 switches a soft rule off */
    bool hard;     /* must hold; the solve fails with an explanation if it cannot */
} tsunagu_rule;

typedef struct {
    char *id;       /* e.g. "MSW" */
    char *label;    /* e.g. "MSW", "相談支援専門員・センター" */
    char *label_en; /* English label; defaults to label */
    unsigned professions; /* bit (1u << profession index in the event's table) per member */
} tsunagu_track;

/* A role every group of a workgroup session fills (docs/event-format.md,
 * "Roles"): 司会, 書記, 発表者 on the bundled day. */
typedef struct {
    char *id;       /* "facilitator": the plan's key, the list's role column value */
    char *label;    /* "司会" */
    char *label_en; /* "Facilitator"; defaults to label */
} tsunagu_role;

/* The role rules' vocabulary; names, defaults and meanings are in
 * src/rules/roles.c (tsunagu_role_rule_name, ...). */
typedef enum {
    TSUNAGU_ROLE_RULE_EXPERIENCED = 0,      /* the role's holder is experienced (no newcomer) */
    TSUNAGU_ROLE_RULE_NOT_SAME_PERSON,      /* two roles never held by one person */
    TSUNAGU_ROLE_RULE_SPREAD_ORGANISATIONS, /* a group's role holders from different organisations */
    TSUNAGU_ROLE_RULE_COUNT
} tsunagu_role_rule_kind;

typedef struct {
    tsunagu_role_rule_kind kind;
    int roles[2];      /* the roles it names (indices into the session's roles); -1: none */
    tsunagu_rule rule; /* weight and hard flag */
} tsunagu_role_rule;

/* The running order of a sharing session: which workgroup's groups
 * present, for how long, in which order. */
typedef enum {
    TSUNAGU_ORDER_BY_TRACK = 0, /* the groups of one track together, tracks in event order */
    TSUNAGU_ORDER_ALTERNATE = 1 /* one group of each track in turn: MSW-A, CSS-A, MSW-B, ... */
} tsunagu_presentation_order;

typedef struct {
    char *of;          /* id of the workgroup session whose groups present */
    int of_session;    /* its index in the event */
    int minutes;       /* each group's talk */
    int qa_minutes;    /* questions and answers after each talk */
    tsunagu_presentation_order order;
    char *presenter;   /* role id (of session `of`) who presents; NULL: none named */
    int presenter_role; /* its index in that session's roles, -1 */
} tsunagu_presentations;

typedef struct {
    char *id;    /* "morning" */
    char *title; /* "地域別意見交換・名刺交換" */
    char *start; /* "11:10" */
    char *end;   /* "12:10" */
    tsunagu_session_kind kind;
    int tables;   /* fixed number of tables/groups (per track for workgroups); 0 = derive */
    int min_size; /* preferred size range */
    int max_size;
    tsunagu_track *tracks; /* workgroups only */
    int n_tracks;
    tsunagu_rule rules[TSUNAGU_RULE_COUNT];
    /* Exchange: the sides of the "mix" rule, every table to seat one of
     * each (the bundled event: MSW; CSS and CENTER).  side[p] for each
     * profession index of the event's table, -1 for a profession on no
     * side; n_sides of them. */
    int side[TSUNAGU_MAX_PROFESSIONS];
    int n_sides;
    /* Label pattern from the event file, NULL for the language's default
     * ("テーブル%d" / "Table %d"; "%s グループ%s" / "%s group %s").
     * Exchange: %d = table number.  Workgroup: first %s = track label,
     * second %s = group letter.  Use tsunagu_session_table_label. */
    char *table_label;
    /* Workgroups: the roles each group fills and their rules (none: no
     * roles).  At most TSUNAGU_MAX_ROLES. */
    tsunagu_role *roles;
    int n_roles;
    tsunagu_role_rule *role_rules;
    int n_role_rules;
    /* Exchange and workgroup: seatings within the slot (席替え), 1 = one;
     * at most TSUNAGU_MAX_ROUNDS.  round_minutes: each round's length, 0 =
     * the slot divided evenly. */
    int rounds;
    int round_minutes;
    /* Sharing sessions: the running order's settings. */
    tsunagu_presentations presentations;
} tsunagu_session_spec;

#define TSUNAGU_MAX_ROLES 8
#define TSUNAGU_MAX_ROUNDS 12

typedef struct {
    char *source; /* file it was read from */
    tsunagu_professions *professions; /* who comes (owned): the file's, else the bundled table */
    char *title;
    char *date;
    char *venue;
    tsunagu_session_spec *sessions;
    int n_sessions;
} tsunagu_event;

/* Read an event file; errors go to diags as FILE:LINE: reason.  NULL when
 * unusable.  Caller frees with tsunagu_event_free. */
tsunagu_event *tsunagu_event_load(const char *path, tsunagu_diags *diags);
/* The same from bytes in memory (an upload, fuzzers); source names them in
 * messages.  Does not keep data. */
tsunagu_event *tsunagu_event_read_buffer(const char *data, size_t len, const char *source,
                                         tsunagu_diags *diags);
/* The bundled default (data/events/tsunagarou.json). */
tsunagu_event *tsunagu_event_load_default(tsunagu_diags *diags);
/* From a parsed JSON value (as embedded in a plan or sent by the web page). */
tsunagu_event *tsunagu_event_from_json(const json_t *json, const char *source,
                                       tsunagu_diags *diags);
void tsunagu_event_free(tsunagu_event *e); /* accepts NULL */
/* New JSON value of the event as used (every default filled in); caller decrefs. */
json_t *tsunagu_event_to_json(const tsunagu_event *e);

const char *tsunagu_rule_name(tsunagu_rule_id id); /* "mix", "region", ... */
/* Rule with this name, or -1. */
int tsunagu_rule_parse(const char *name);
/* The rule's weight and hard flag when the event file does not say
 * (docs/event-format.md). */
tsunagu_rule tsunagu_rule_default(tsunagu_rule_id id);
/* True when the rule means something for sessions of this kind (mix and
 * region: exchange; regions_mixed and new_people: workgroup; the rest:
 * both).  Rules that do not apply have weight 0 and are not hard. */
bool tsunagu_rule_applies(tsunagu_rule_id id, tsunagu_session_kind kind);
const char *tsunagu_session_kind_name(tsunagu_session_kind kind); /* "exchange", "workgroup", "sharing" */
/* True when the session seats people at tables (exchange, workgroup);
 * false for a sharing session, which only orders an earlier one's groups. */
bool tsunagu_session_seats(const tsunagu_session_spec *s);

/* ---- roles (src/event/roles.c) ---- */

/* Role label in the current language.  Borrowed. */
const char *tsunagu_role_label(const tsunagu_role *r);
/* Index of the session's role named by `written` (its id or either label,
 * compared as tsunagu_text_key does: "司会", "Facilitator", " facilitator "),
 * or -1.  Cannot fail. */
int tsunagu_session_role_find(const tsunagu_session_spec *s, const char *written);
/* Name and label of a role rule kind ("experienced"), its kind by name
 * (-1 when unknown), and its defaults (src/rules/roles.c). */
const char *tsunagu_role_rule_name(tsunagu_role_rule_kind k);
int tsunagu_role_rule_parse(const char *name);
tsunagu_rule tsunagu_role_rule_default(tsunagu_role_rule_kind k);
const char *tsunagu_role_rule_label(tsunagu_role_rule_kind k);
/* How many roles a rule of this kind names (0, 1 or 2), and whether it is
 * always hard (not_same_person). */
int tsunagu_role_rule_arity(tsunagu_role_rule_kind k);
bool tsunagu_role_rule_always_hard(tsunagu_role_rule_kind k);

/* Track label in the current language (label_en in English).  Borrowed. */
const char *tsunagu_track_label(const tsunagu_track *t);
/* A new string naming side `side` of the session's mix rule for people:
 * its professions' short names ("相談支援専門員・センター職員"), in English
 * their codes ("CSS or CENTER").  The caller frees it. */
char *tsunagu_session_side_text(const tsunagu_session_spec *s, const tsunagu_professions *pt,
                                int side);
/* The track a profession belongs to in a workgroup session, or NULL. */
const tsunagu_track *tsunagu_session_track_of(const tsunagu_session_spec *s,
                                              tsunagu_profession p);
/* Group letter(s) for a 0-based index: "A".."Z", "AA", "AB", ...  Returns a
 * new string the caller frees; aborts on out of memory. */
char *tsunagu_group_letter(int index);
/* Balanced split: the number of tables for n people within [min, max],
 * the average nearest the middle of the range; *exact false when no count
 * fits the range (the nearest split is then returned).  0 for n <= 0. */
int tsunagu_table_count(int n, int min, int max, bool *exact);
/* Id of table `index` (0-based) of a session: exchange "1", "2", ...;
 * workgroup "<track id>-A", "<track id>-B", ... (track required).  Returns a
 * new string the caller frees; aborts on out of memory. */
char *tsunagu_session_table_id(const tsunagu_session_spec *s, const tsunagu_track *track,
                               int index);
/* True when `written` (a pin's value in a list: "ＭＳＷ－Ｂ", " 3 ") names the
 * table of this id: equal, or equal as NFKC keys. */
bool tsunagu_table_id_matches(const char *id, const char *written);
/* True when `written` (a pin in a list, a word of `tsunagu pin`) names the
 * table of this id and printed label: the id (tsunagu_table_id_matches), or
 * the label as NFKC keys without spaces ("MSW グループC", "MSWグループC",
 * "ＭＳＷグループＣ"; label may be NULL).  The one rule every pin goes by. */
bool tsunagu_table_named(const char *id, const char *label, const char *written);
/* Printed label of table `index` (0-based) in the current language, from
 * the session's table_label or the default: "テーブル1", "MSW グループA".
 * track_label is used by workgroups only (pass tsunagu_track_label(t)).
 * Returns a new string the caller frees; aborts on out of memory. */
char *tsunagu_session_table_label(const tsunagu_session_spec *s, const char *track_label,
                                  int index);
/* The session's times as printed: "11:10<dash>12:10", "11:10<dash>" or
 * "<dash>12:10" when one is missing, "" when both are (start and end are
 * optional).  Returns a new string the caller frees; aborts on out of
 * memory. */
char *tsunagu_session_times(const tsunagu_session_spec *s, const char *dash);
/* The session as messages name it for people: its times and title
 * ("11:10〜12:10 地域別交流"), or its id when it has neither.  New string,
 * the caller frees it. */
char *tsunagu_session_name(const tsunagu_session_spec *s);
/* Session with this id, or NULL. */
const tsunagu_session_spec *tsunagu_event_session(const tsunagu_event *e, const char *id);

/* ---- pins (src/event/pins.c) ----
 * A pin column of the attendee list names a session by id (pin_<id>,
 * compared as tsunagu_text_key does) or by half day (午前指定 / 午後指定: the
 * one session starting before noon / at or after noon). */

/* The table attendee a's list pins them to in session s of e, or NULL.
 * Borrowed from a.  Cannot fail. */
const char *tsunagu_event_pin(const tsunagu_event *e, int s, const tsunagu_attendee *a);
/* Check that every pin column in use names exactly one session of e: one
 * error per column (FILE:LINE of its first use) listing the sessions.
 * Two columns of one attendee pinning one session to different tables are
 * an error too.  Returns the number of problems. */
/* Check every pin's table against the tables a fresh plan of this list
 * would have (the event's "tables", else the balanced count of the seated
 * people, per track for workgroups): someone not seated who is pinned, a
 * table the session will not have, a group of another track.  Every
 * problem at once, FILE:LINE each.  Not for re-plans, whose tables are the
 * previous plan's.  Returns the number of problems. */
int tsunagu_event_check_pin_tables(const tsunagu_event *e, const tsunagu_roster *r,
                                   tsunagu_diags *diags);
int tsunagu_event_check_pins(const tsunagu_event *e, const tsunagu_roster *r,
                             tsunagu_diags *diags);
/* The role the list names for attendee a in session s (a role column:
 * role_<session id>, 役割_<session id>, or role / 役割 for the one session
 * with roles): its index in the session's roles, or -1 (none, or not a
 * role of the session: tsunagu_event_check_roles says so).  The text as
 * written, borrowed from a, or NULL.  Cannot fail. */
int tsunagu_event_role(const tsunagu_event *e, int s, const tsunagu_attendee *a);
const char *tsunagu_event_role_written(const tsunagu_event *e, int s, const tsunagu_attendee *a);
/* Check every role column in use by seated attendees (organisers may
 * keep their own notes in a 役割 column): it names one session with roles
 * (once per column), and each value a role of it (each line).  FILE:LINE
 * each; returns the number of problems. */
int tsunagu_event_check_roles(const tsunagu_event *e, const tsunagu_roster *r, tsunagu_diags *diags);
/* The id of the session `name` names, as an organiser may type it: its id
 * or title (NFKC, case and white space folded), or 午前 / 午後 (am / pm)
 * for the one session that starts before / from noon; NULL for none.
 * Borrowed from e. */
const char *tsunagu_event_session_named(const tsunagu_event *e, const char *name);
/* The sessions as a message lists them: "morning (title, from 11:10), ...".
 * New string, the caller frees it. */
char *tsunagu_event_session_names(const tsunagu_event *e);
/* The session a table id belongs to, for a pin given without one: the
 * workgroup whose track prefixes it ("MSW-B"), else the first exchange
 * session; NULL when there is neither.  Borrowed from e. */
const char *tsunagu_event_pin_session(const tsunagu_event *e, const char *table);

#endif
