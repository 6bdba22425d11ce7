/* plan_private.h - what the plan's modules share (private).
 *   plan.c        lifetime, warnings, the seating the tables hold
 *   plan_write.c  the plan as JSON
 *   plan_read.c   a plan read back from JSON, checked
 *   score.c       the plan's scores */
#ifndef TSUNAGU_PLAN_PRIVATE_H
#define TSUNAGU_PLAN_PRIVATE_H

#include "tsunagu/plan.h"

/* "optimal", "feasible", "infeasible", "not_solved", by tsunagu_status. */
extern const char *const plan_status_names[4];
/* where[s][i]: the table of attendee i in session s (-1: none), from the
 * tables themselves.  Free with plan_free_seating.  Aborts on OOM. */
int **plan_seating(const tsunagu_plan *p);
void plan_free_seating(const tsunagu_plan *p, int **where);
/* Free n scores and the array. */
void plan_free_scores(tsunagu_score *scores, int n);

#endif
