/* professions_read.h - the professions table read inside an event or plan
 * file, its errors at the lines of that file (private to the library). */
#ifndef TSUNAGU_PROFESSIONS_READ_H
#define TSUNAGU_PROFESSIONS_READ_H

#include "tsunagu/professions.h"
#include "util/jsonrd.h"

/* The table at ptr in r's document; NULL after reporting every problem. */
tsunagu_professions *input_professions_read(jsonrd *r, const json_t *json, const char *ptr);

#endif
