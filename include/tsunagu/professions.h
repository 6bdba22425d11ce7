/* professions.h - who comes to the day: the professions of an event, as
 * data.  The bundled つながろう会 has MSWs, consultation support specialists
 * (CSS), community life support centre staff (CENTER) and the organisers
 * and observers who are not seated (OTHER); another 多職種連携 day names its
 * own (訪問看護師, 保健師, ケアマネジャー ...) in its event file.
 *
 * A table holds, per profession: a code ("MSW"), labels in Japanese and
 * English, a short label and a one-letter mark for the room map, a colour,
 * the spellings accepted in attendee lists, and whether its people are
 * seated.  Attendees carry the index of their profession in the table. */
#ifndef TSUNAGU_PROFESSIONS_H
#define TSUNAGU_PROFESSIONS_H

#include <stdbool.h>
#include <jansson.h>
#include "tsunagu/diag.h"

typedef struct tsunagu_professions tsunagu_professions;

/* Most professions of one event (codes fit in a track's bit set). */
#define TSUNAGU_MAX_PROFESSIONS 32

/* The table from a JSON array (docs/event-format.md, "professions");
 * source names it in messages.  NULL with every problem in diags.  Caller
 * frees with tsunagu_professions_free.  (The event and plan readers use a
 * private variant that knows the lines of their file.) */
tsunagu_professions *tsunagu_professions_from_json(const json_t *json, const char *source,
                                                   tsunagu_diags *diags);
/* The bundled つながろう会 table (data/professions/tsunagarou.json). */
tsunagu_professions *tsunagu_professions_load_default(tsunagu_diags *diags);
/* A copy (plans and rosters keep their own).  Cannot fail. */
tsunagu_professions *tsunagu_professions_copy(const tsunagu_professions *p);
void tsunagu_professions_free(tsunagu_professions *p); /* accepts NULL */
/* New JSON array of the table, every field filled in; caller decrefs. */
json_t *tsunagu_professions_to_json(const tsunagu_professions *p);

int tsunagu_professions_count(const tsunagu_professions *p);
/* Index of the profession written s (its code or any accepted spelling,
 * compared as NFKC keys without white space: ＭＳＷ, "M S W"), or -1. */
int tsunagu_professions_find(const tsunagu_professions *p, const char *s);
/* Index of the profession with exactly this code, or -1. */
int tsunagu_professions_find_code(const tsunagu_professions *p, const char *code);
/* "MSW", "CSS", "OTHER" ... ("?" for a bad index).  Borrowed. */
const char *tsunagu_professions_code(const tsunagu_professions *p, int i);
/* Label in the calling thread's language: 医療ソーシャルワーカー / medical
 * social worker.  Borrowed. */
const char *tsunagu_professions_label(const tsunagu_professions *p, int i);
/* Short label for rosters and maps in the thread's language ("MSW",
 * "相談支援専門員" / "Specialist").  Borrowed. */
const char *tsunagu_professions_short(const tsunagu_professions *p, int i);
/* The same in the language given. */
const char *tsunagu_professions_short_in(const tsunagu_professions *p, int i, int lang);
/* One-letter mark on the room map ("M").  Borrowed. */
const char *tsunagu_professions_mark(const tsunagu_professions *p, int i);
/* CSS colour "#rrggbb".  Borrowed. */
const char *tsunagu_professions_colour(const tsunagu_professions *p, int i);
/* False for organisers and observers: on the list, seated nowhere. */
bool tsunagu_professions_seated(const tsunagu_professions *p, int i);
/* The profession that i shares a default track and mix side with (its
 * "with"), or i itself: CENTER -> CSS in the bundled table. */
int tsunagu_professions_with(const tsunagu_professions *p, int i);
/* "MSW, CSS, CENTER, OTHER": the codes (of the seated professions only,
 * when asked), for messages.  New string. */
char *tsunagu_professions_codes(const tsunagu_professions *p, bool seated_only);

#endif
