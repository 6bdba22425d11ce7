/* rules.h - what the plan's scores mean: the measures each rule reports,
 * with their labels, for the summary, the report and the web page.
 *
 * A plan's "scores" hold one value per session and measure key
 * (docs/plan-format.md); this names them.  The rules themselves (names,
 * kinds, defaults) are in event.h: tsunagu_rule_name, tsunagu_rule_parse,
 * tsunagu_rule_applies, tsunagu_rule_default. */
#ifndef TSUNAGU_RULES_H
#define TSUNAGU_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include "tsunagu/event.h"

typedef struct {
    const char *key;      /* score key in plans: "own_region", "colleague_pairs", ... */
    unsigned kinds;       /* bit (1u << tsunagu_session_kind) per kind it is counted for */
    int rule;             /* the tsunagu_rule_id it judges; -1: the layout (seats, sizes) */
    int order;            /* position in a plan's scores */
    const char *report_en, *report_ja;   /* the plan report's row */
    const char *summary_en, *summary_ja; /* the solve summary's line; NULL: not shown */
    int summary_order;    /* position in the summary */
    int better;           /* +1: all is best; -1: none is best; 0: for information */
} tsunagu_measure;

/* Measures in plan order (0 <= i < tsunagu_measure_count()).  Borrowed,
 * static.  Cannot fail. */
size_t tsunagu_measure_count(void);
const tsunagu_measure *tsunagu_measure_get(size_t i);
/* The measure with this key, or NULL. */
const tsunagu_measure *tsunagu_measure_find(const char *key);
/* Its report label in the calling thread's language (the key when unknown). */
const char *tsunagu_measure_label(const char *key);
/* The rule's label in the calling thread's language ("Mix of professions"). */
const char *tsunagu_rule_label(tsunagu_rule_id id);

#endif
