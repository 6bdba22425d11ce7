/* event_private.h - event parsing for modules that embed an event (plans). */
#ifndef TSUNAGU_EVENT_PRIVATE_H
#define TSUNAGU_EVENT_PRIVATE_H

#include "tsunagu/event.h"
#include "util/jsonpos.h"

/* tsunagu_event_from_json for an event found at JSON Pointer `prefix`
 * ("" for a whole file, "/event" inside a plan) of a document whose value
 * positions are pos (may be NULL: lines unknown).  Same contract. */
tsunagu_event *tsunagu_event_from_json_at(const json_t *json, const char *source,
                                          const tsunagu_jsonpos *pos, const char *prefix,
                                          tsunagu_diags *diags);

/* Minutes since midnight of "H:MM"/"HH:MM", or -1 (NULL too). */
int event_minutes(const char *s);

#endif
