/* plan_private.h - what the plan's modules share (private).
 *   plan.c        lifetime, warnings, the seating the tables hold
 *   plan_write.c  the plan as JSON
 *   plan_read.c   a plan read back from JSON, checked
 *   score.c       the plan's scores */
#ifndef TSUNAGU_PLAN_PRIVATE_H
#define TSUNAGU_PLAN_PRIVATE_H

#include "tsunagu/plan.h"
#include "util/strbuf.h"

/* "optimal", "feasible", "infeasible", "not_solved", by tsunagu_status. */
extern const char *const plan_status_names[4];
/* where[s][i]: the table of attendee i in session s (-1: none), from the
 * tables themselves.  Free with plan_free_seating.  Aborts on OOM. */
int **plan_seating(const tsunagu_plan *p);
void plan_free_seating(const tsunagu_plan *p, int **where);
/* Members of a table in print order: kana, then id (byte order). */
void plan_sort_members(const tsunagu_roster *r, size_t *m, size_t n);
/* Sharing session s's running order as the plan writes it: [{group,
 * start, qa, end, presenter}] (presenter only when the settings name a
 * role).  New reference. */
json_t *plan_presentations_json(const tsunagu_plan *p, int s);
/* Roles between two plans (plan/roles.c): true when tables ta of a and tb
 * of b have the same holders (by id) of the same roles; and the lines of
 * tsunagu_plan_diff_text's "Roles:" part, appended to b (how many). */
bool plan_same_roles(const tsunagu_plan *a, const tsunagu_session_plan *sa, const tsunagu_table *ta,
                     const tsunagu_plan *b, const tsunagu_session_plan *sb, const tsunagu_table *tb);
size_t plan_role_changes_text(const tsunagu_plan *old, const tsunagu_plan *now, strbuf *b);
/* Free n scores and the array. */
void plan_free_scores(tsunagu_score *scores, int n);

#endif
