/* roster.h - the attendee list, read from CSV or JSON as organisers have it.
 *
 * CSV: UTF-8, UTF-8 with BOM or CP932, detected; CRLF or LF; RFC 4180
 * quoting.  JSON: an array of objects with the same keys as the CSV
 * header.  Columns are found by header, English or Japanese:
 *   id/番号 name/氏名 kana/ふりがな/フリガナ profession/職種
 *   organization/所属 region/地域 interest_regions/関心地域
 *   experience/経験 municipality/市町村
 *   pin_<session id>/固定_<session id> together/同席希望 apart/別席希望
 *   role_<session id>/役割_<session id> (or role/役割: the session with roles)
 *   (organiser's requests; 午前指定/午後指定 pin in the session that starts
 *   before / from noon)
 * Unknown columns are ignored. */
#ifndef TSUNAGU_ROSTER_H
#define TSUNAGU_ROSTER_H

#include <stddef.h>
#include <jansson.h>
#include "tsunagu/diag.h"
#include "tsunagu/professions.h"
#include "tsunagu/regions.h"

/* An attendee's profession: an index into the roster's professions table
 * (professions.h), which the event file defines; code asks the table
 * (tsunagu_professions_seated, the mix rule's sides), never a fixed list. */
typedef int tsunagu_profession;

typedef enum { TSUNAGU_EXPERIENCED = 0, TSUNAGU_PLANNING = 1 } tsunagu_experience;

/* Which session a pin column names.  The list is read before the event is
 * known, so a column keeps what it says; tsunagu_event_pin resolves it. */
typedef enum {
    TSUNAGU_PIN_SESSION = 0, /* pin_<session id>: the session of that id */
    TSUNAGU_PIN_BEFORE_NOON, /* 午前指定: the session starting before 12:00 */
    TSUNAGU_PIN_FROM_NOON,   /* 午後指定: the session starting at 12:00 or later */
    TSUNAGU_PIN_ROLE         /* role_<session id> / 役割_<session id>: a role, not a seat, in
                                that session; 役割 / role alone: in the one session with roles */
} tsunagu_pin_when;

/* A seat - or, for TSUNAGU_PIN_ROLE, a role in the group - the list asks
 * for: one non-empty pin or role column of one attendee. */
typedef struct {
    char *column;  /* the header as written, for messages ("pin_am", "午前指定", "役割") */
    tsunagu_pin_when when;
    char *session; /* TSUNAGU_PIN_SESSION, _ROLE: the session id as written after the
                      prefix (NULL for a role column without one) */
    char *table;   /* table or group id; for a role, the role's id or label as written */
} tsunagu_seat_pin;

typedef struct {
    char *id;           /* the id column; without one, "NAME / ORGANIZATION" (keys) */
    char *name;         /* as written (trimmed), for printing */
    char *kana;         /* reading as written; "" when absent */
    char *organization; /* as written (trimmed) */
    char *org_key;      /* tsunagu_text_key(organization): colleagues share it */
    tsunagu_profession profession;
    int region;         /* index in the region table */
    int *interests;     /* interest region indices, n_interests of them */
    int n_interests;
    tsunagu_experience experience; /* default EXPERIENCED when the column is absent */
    char *municipality; /* NULL when absent */
    int line;           /* line where the record starts (JSON: the element's line) */
    /* Organiser's requests (NULL / 0 when absent): */
    tsunagu_seat_pin *pins; /* one per non-empty pin column, in column order */
    int n_pins;
    char **together;     /* ids to sit with */
    int n_together;
    char **apart;        /* ids not to sit with */
    int n_apart;
    bool walkin;         /* added at the desk (tsunagu add, the web page), not from a list */
    bool namesake;       /* a walk-in the organiser said is not the person of the same
                            name (add --force): matched to a list by id only */
} tsunagu_attendee;

/* A roster owns its attendees and borrows its region table, which must
 * outlive it. */
typedef struct {
    char *source;                   /* file name as given */
    tsunagu_professions *professions; /* owned: what attendees' profession indices mean */
    char sha256[65];                /* hex digest of the file's bytes */
    const tsunagu_regions *regions; /* borrowed */
    tsunagu_attendee *items;
    size_t count;
} tsunagu_roster;

/* Read an attendee file (CSV or JSON, told apart by content: JSON when the
 * whole file parses as JSON; a file that begins with [ or { but does not
 * parse is CSV when its first line is a header naming one of our columns,
 * else its JSON errors are reported).  Every
 * problem is added to diags as FILE:LINE: reason.  Returns the roster when
 * the list is usable (no errors; warnings allowed), NULL otherwise; nothing
 * is dropped or repaired silently.  Caller frees with tsunagu_roster_free.
 * Professions are those of the table given (the event's), or of the
 * bundled table when it is NULL; the roster keeps its own copy. */
tsunagu_roster *tsunagu_roster_read_file(const char *path, const tsunagu_regions *regions,
                                         const tsunagu_professions *professions,
                                         tsunagu_diags *diags);
/* The same from bytes in memory (the web page's upload, fuzzers); source
 * names them in messages.  Does not keep data. */
tsunagu_roster *tsunagu_roster_read_buffer(const char *data, size_t len, const char *source,
                                           const tsunagu_regions *regions,
                                           const tsunagu_professions *professions,
                                           tsunagu_diags *diags);
void tsunagu_roster_free(tsunagu_roster *r); /* accepts NULL */

/* Index of the attendee with this id, or -1. */
long tsunagu_roster_find(const tsunagu_roster *r, const char *id);

/* Index of the first attendee who looks like the same person as (name,
 * kana, organization), or -1: names equal under tsunagu_text_name_key
 * (NFKC, no white space, katakana = hiragana), organisations under
 * tsunagu_text_key (the colleague key), and readings equal the same way or
 * missing on either side; or, both readings given, the same reading at the
 * same organisation (斎藤 and 齋藤, both さいとう).  Reading a list warns about such pairs
 * ("registered twice?"); a walk-in is refused unless forced.  kana may be
 * NULL.  Cannot fail. */
long tsunagu_roster_find_same_person(const tsunagu_roster *r, const char *name, const char *kana,
                                     const char *organization);
/* Who of `old` (an earlier list, a plan's people) is who in `now`, for a
 * list re-sorted and renumbered in Excel: per person of old, the index in
 * now of the same person, or -1 (left).  The same id counts when it names
 * the same person (name and organisation, or reading and organisation, or
 * the name alone); else the same person under another id; else the same id
 * for someone whose name was rewritten.  Each person of now is matched once.
 * New array of old->count entries (at least 1), the caller frees it. */
long *tsunagu_roster_match(const tsunagu_roster *old, const tsunagu_roster *now);

/* Attendees items[0..n) in reading order, the order every list of people
 * is printed in (reception list, rosters, directory, a plan's table
 * members): Japanese dictionary order (ICU's "ja" collator, JIS X 4061
 * style: hiragana = katakana, voiced, semi-voiced and small kana and the
 * long-vowel mark compared as their plain letter first, a space before
 * every letter) of the reading, or of the name for someone without one
 * (a kanji name then comes after every kana reading, a Latin one before);
 * equal readings by name in the same order, then by id (byte order), then
 * by position, so the order is total.  Returns a new array of indices into
 * items (n of them) the caller frees.  Cannot fail: aborts on out of memory.
 * Re-entrant (a collator of its own per call). */
size_t *tsunagu_attendees_reading_order(const tsunagu_attendee *items, size_t n);
/* The inverse of that order: rank[i] is the position of items[i] in it.
 * New array the caller frees; cannot fail, like the order. */
size_t *tsunagu_attendees_reading_rank(const tsunagu_attendee *items, size_t n);

/* True when attendee i of r is seated (their profession is; organisers and
 * observers are not). */
bool tsunagu_roster_seated(const tsunagu_roster *r, size_t i);
/* Parse an experience value as written (experienced/経験あり, planning/これから,
 * ...); returns 0 and sets *out, or -1 when unknown. */
int tsunagu_experience_parse(const char *s, tsunagu_experience *out);
/* Free the strings and lists an attendee owns and zero it (the struct
 * itself belongs to its roster).  Accepts NULL. */
void tsunagu_attendee_clear(tsunagu_attendee *a);
/* A deep copy of src into *dst (overwritten, not cleared first).  Cannot
 * fail (aborts on out of memory). */
void tsunagu_attendee_copy(tsunagu_attendee *dst, const tsunagu_attendee *src);


/* Summary for `tsunagu check` in the current language: counts by
 * profession and region, organisations sending several people.  Returns a
 * new string the caller frees. */
char *tsunagu_roster_summary(const tsunagu_roster *r);

#endif
