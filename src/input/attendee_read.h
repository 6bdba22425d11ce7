/* attendee_read.h - one attendee as a reader found it, checked into a
 * tsunagu_attendee (private to the library).
 *
 * Every reader of attendees puts the texts it found into an
 * attendee_record, each with the line it is on: the attendee file's CSV
 * rows and JSON objects (roster.c) and a plan's "attendees"
 * (plan/plan_read.c).  attendee_build turns the record into an attendee:
 * the one place that knows what an id, a profession, a region or
 * municipality, interest regions, experience, pins and together/apart mean,
 * how they are normalised (trimmed texts, the organisation's colleague key)
 * and what is wrong with them.  A reader keeps what its format adds: which
 * column or key holds a field, the JSON types, and the checks across
 * records (duplicate ids, requests naming nobody). */
#ifndef TSUNAGU_ATTENDEE_READ_H
#define TSUNAGU_ATTENDEE_READ_H

#include <stdbool.h>

#include "tsunagu/diag.h"
#include "tsunagu/professions.h"
#include "tsunagu/regions.h"
#include "tsunagu/roster.h"

/* The fields of an attendee record. */
enum {
    ATTENDEE_ID, ATTENDEE_NAME, ATTENDEE_KANA, ATTENDEE_PROFESSION, ATTENDEE_ORG,
    ATTENDEE_REGION, ATTENDEE_INTERESTS, ATTENDEE_EXPERIENCE, ATTENDEE_MUNI,
    ATTENDEE_TOGETHER, ATTENDEE_APART,
    ATTENDEE_FIELD_COUNT
};

/* A text as found (untrimmed, owned by its record) and the line it is on
 * (0: unknown). */
typedef struct {
    char *text;
    int line;
} attendee_text;

/* A pin column or key and its value. */
typedef struct {
    char *column;          /* as written, for messages ("pin_am", "午前指定") */
    tsunagu_pin_when when;
    char *session;         /* TSUNAGU_PIN_SESSION: the session as attendee_pin_column keys it */
    attendee_text table;
} attendee_record_pin;

/* One attendee as found.  Start from {0}, add texts with
 * attendee_record_add*, free with attendee_record_free. */
typedef struct {
    int line;  /* the attendee's line in its attendee file (tsunagu_attendee.line) */
    int at;    /* where messages about the record as a whole go: the same line for
                  the attendee file, the attendee's own line in a plan */
    /* The texts of each field: at most one for a single-valued field; each
     * text of a list field (interests, together, apart) may hold several
     * items separated by ; , 、 ， ； (a CSV cell) or one (a JSON list's
     * element). */
    attendee_text *values[ATTENDEE_FIELD_COUNT];
    int n_values[ATTENDEE_FIELD_COUNT];
    attendee_record_pin *pins; /* in column order */
    int n_pins;
} attendee_record;

/* What attendee_build checks against, and where it says what it found. */
typedef struct {
    const char *source;                     /* file name in messages */
    const tsunagu_regions *regions;         /* borrowed */
    const tsunagu_professions *professions; /* borrowed */
    tsunagu_diags *diags;
    bool has_id;   /* ids are given; without, the id is "NAME / ORGANIZATION" (keys) */
    bool warn;     /* also warn about what is odd but usable (a municipality of
                      another region, an interest region twice): a list being
                      read, not a plan, whose list was warned about when read */
    int unknown_professions; /* counted: records whose profession the table does not know */
} attendee_checks;

/* Add a text to field f of r; takes text (NULL: nothing is added).
 * Cannot fail (aborts on out of memory). */
void attendee_record_add(attendee_record *r, int f, char *text, int line);
/* Add a pin column's value to r; takes table, copies the rest.  Cannot
 * fail. */
void attendee_record_add_pin(attendee_record *r, const char *column, tsunagu_pin_when when,
                             const char *session, char *table, int line);
/* Free what r holds and zero it.  Accepts a zeroed record. */
void attendee_record_free(attendee_record *r);

/* True when header names a pin column: pin_<session>, 固定_<session>
 * (also with "-" or " "), 午前指定, 午後指定; or a role column (*when
 * TSUNAGU_PIN_ROLE): role_<session>, 役割_<session>, role, 役割.  Sets *when and *session (new,
 * or NULL for a half-day column).  Matched as any column name is (NFKC,
 * ASCII case folded): the session is kept as such a key, and sessions are
 * found by theirs, so "PIN_AM" pins session "am". */
bool attendee_pin_column(const char *header, tsunagu_pin_when *when, char **session);

/* Check r and fill *a (zeroed first; the caller clears it with
 * tsunagu_attendee_clear whatever the outcome).  Every problem is added to
 * ck->diags at the line of the text it concerns, warnings only when
 * ck->warn.  Returns 0, or -1 when r holds an error. */
int attendee_build(attendee_checks *ck, const attendee_record *r, tsunagu_attendee *a);

#endif
