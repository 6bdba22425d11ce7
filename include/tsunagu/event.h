/* event.h - the shape of the day: sessions, table sizes, tracks, rules.
 *
 * The event is data (data/events/tsunagarou.json); see docs/event-format.md. */
#ifndef TSUNAGU_EVENT_H
#define TSUNAGU_EVENT_H

#include <stdbool.h>
#include <jansson.h>
#include "tsunagu/diag.h"
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
    unsigned professions; /* bit (1u << tsunagu_profession) per member profession */
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
    char *table_label; /* label pattern, "%d" or "%s" replaced: "テーブル%d", "%sグループ%s" */
} tsunagu_session_spec;

typedef struct {
    char *source; /* file it was read from */
    char *title;
    char *date;
    char *venue;
    tsunagu_session_spec *sessions;
    int n_sessions;
} tsunagu_event;

/* Read an event file; errors go to diags as FILE:LINE: reason.  NULL when
 * unusable.  Caller frees with tsunagu_event_free. */
tsunagu_event *tsunagu_event_load(const char *path, tsunagu_diags *diags);
/* The bundled default (data/events/tsunagarou.json). */
tsunagu_event *tsunagu_event_load_default(tsunagu_diags *diags);
/* From a parsed JSON value (as embedded in a plan or sent by the web page). */
tsunagu_event *tsunagu_event_from_json(const json_t *json, const char *source,
                                       tsunagu_diags *diags);
void tsunagu_event_free(tsunagu_event *e); /* accepts NULL */
/* New JSON value of the event as used (every default filled in); caller decrefs. */
json_t *tsunagu_event_to_json(const tsunagu_event *e);

const char *tsunagu_rule_name(tsunagu_rule_id id); /* "mix", "region", ... */
/* Session with this id, or NULL. */
const tsunagu_session_spec *tsunagu_event_session(const tsunagu_event *e, const char *id);

#endif
