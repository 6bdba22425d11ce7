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
    TSUNAGU_EXCHANGE = 0, /* mixed tables by region (morning) */
    TSUNAGU_WORKGROUP = 1 /* same-profession groups, regions mixed (afternoon) */
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
} tsunagu_session_spec;

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
const char *tsunagu_session_kind_name(tsunagu_session_kind kind); /* "exchange", "workgroup" */

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
