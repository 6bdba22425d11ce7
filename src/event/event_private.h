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

/* Report an id (of a session, track or role) that is too long or holds
 * control characters, '/' or '\\' at ptr. */
#include "util/jsonrd.h"
void event_check_id(jsonrd *r, const char *ptr, const char *id);
/* A printed text of the event (a title, the venue, a label): a string
 * member as jsonrd_string reads it, refused beyond max characters.  0 or
 * -1 (said, *out NULL). */
#define EVENT_TITLE_MAX 200 /* characters of a title or the venue */
#define EVENT_LABEL_MAX 60  /* of a label printed on signs and maps */
int event_printed_text(jsonrd *r, const json_t *obj, const char *ptr, const char *key, bool required,
                       char **out, size_t max);

/* Roles and the running order (event/roles.c).  Parse the session's
 * "roles" and "role_rules" (workgroups), its "presentations" (sharing:
 * defaults when absent; needs "start"); after every session, resolve which
 * workgroup each sharing session presents and its presenter role
 * (sessions_ptr: the pointer of "sessions").  Errors go through r. */
void event_parse_roles(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s);
void event_parse_presentations(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s);
void event_resolve_presentations(jsonrd *r, tsunagu_event *e, const char *sessions_ptr);
/* Add the session's "roles" and "role_rules" (when it has roles), or its
 * "presentations", to js. */
void event_roles_json(const tsunagu_session_spec *s, json_t *js);
void event_presentations_json(const tsunagu_session_spec *s, json_t *js);
/* Free what the two parsers allocated (accepts a session without). */
void event_free_roles(tsunagu_session_spec *s);

/* Minutes since midnight of "H:MM"/"HH:MM", or -1 (NULL too). */
int event_minutes(const char *s);

#endif
