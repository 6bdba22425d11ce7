/* jsonrd.h - reading a parsed JSON document whose errors name their line
 * (private to the library).
 *
 * The event and plan readers walk a jansson tree and report each problem
 * at the line of the value it concerns: a JSON Pointer ("/sessions/1/tracks")
 * is kept alongside the walk and looked up in the document's positions
 * (jsonpos.h).  Every problem is reported, so the reader counts them and
 * carries on. */
#ifndef TSUNAGU_JSONRD_H
#define TSUNAGU_JSONRD_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#include "tsunagu/diag.h"
#include "util/jsonpos.h"

typedef struct {
    const char *source;         /* file name in messages */
    const tsunagu_jsonpos *pos; /* may be NULL: lines unknown */
    tsunagu_diags *diags;
    int errors; /* problems reported so far */
} jsonrd;

/* Room for a JSON Pointer; a deeper one is truncated (its line is then
 * that of an ancestor, which is still the right neighbourhood). */
#define JSONRD_PTR_MAX 512

/* Report an error at the line of the value at ptr and count it. */
void jsonrd_fail(jsonrd *r, const char *ptr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* out = base + "/key", or base + "/i": the pointer of a member or element. */
void jsonrd_key(char out[JSONRD_PTR_MAX], const char *base, const char *key);
void jsonrd_index(char out[JSONRD_PTR_MAX], const char *base, size_t i);

/* Report each key of obj (at ptr) not in allowed (NULL-terminated): a typo
 * such as "tabels" must not be ignored silently.  An allowed entry ending
 * in '*' allows every key it begins ("pin_*"). */
void jsonrd_check_keys(jsonrd *r, const json_t *obj, const char *ptr,
                       const char *const *allowed);

/* A string member of obj (at ptr): 0 with *out a copy (caller frees), or
 * NULL when absent and not required; -1 after reporting the problem. */
int jsonrd_string(jsonrd *r, const json_t *obj, const char *ptr, const char *key, bool required,
                  char **out);

#endif
