/* plan_private.h - what the plan's modules share (private).
 *   plan.c        lifetime, warnings, the seating the tables hold
 *   plan_write.c  the plan as JSON
 *   plan_read.c   a plan read back from JSON, checked
 *   score.c       the plan's scores */
#ifndef TSUNAGU_PLAN_PRIVATE_H
#define TSUNAGU_PLAN_PRIVATE_H

#include "tsunagu/plan.h"
#include "util/jsonrd.h"
#include "util/strbuf.h"
#include "util/strmap.h"

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
/* Reading (plan_read.c, plan_rounds.c).  ids: the attendees by id. */
/* Table jt (at tp) of sp into tb, its members seated in sp->seat; round1:
 * a group's roles are read (later rounds have none). */
void plan_read_table(jsonrd *r, tsunagu_plan *p, const strmap *ids, tsunagu_session_plan *sp,
                     const json_t *jt, const char *tp, tsunagu_table *tb, bool round1);
/* A session's or a round's "status" and "stopped_at_time_limit" (js at
 * ptr) into sp, each failing at its line when not one of the names or a
 * boolean. */
void plan_read_status(jsonrd *r, const json_t *js, const char *ptr, tsunagu_session_plan *sp);
void plan_read_stopped(jsonrd *r, const json_t *js, const char *ptr, tsunagu_session_plan *sp);
/* A session's "rounds", "repeats" and "repeats_bound" (js at sp_ptr), after
 * its tables (round 1): k - 1 rounds for a session of k, none for one of
 * one; each the same tables as round 1 in the same order, as many at
 * each, everyone of round 1 once. */
void plan_read_rounds(jsonrd *r, tsunagu_plan *p, const strmap *ids, tsunagu_session_plan *sp,
                      const json_t *js, const char *sp_ptr);
/* True when name is "<session id>#<k>", a later round (2 .. rounds) of a
 * session with rounds: a move of that round. */
bool plan_round_named(const tsunagu_event *e, const char *name);
/* Every later round seats as many at each table as round 1, give or take
 * the desk's changes (p->desk_changes: a walk-in or a cancellation moves
 * nobody, so the rounds' sizes drift apart until a re-plan). */
void plan_check_round_sizes(jsonrd *r, const tsunagu_plan *p);
/* Every attendee's "itinerary" says what the rounds' tables say. */
void plan_check_itineraries(jsonrd *r, const tsunagu_plan *p, const json_t *attendees, const char *ptr);
/* A walk-in's tables in the later rounds of session s (walkin_rounds.c):
 * attendee i (in the roster's items, not yet counted), at table `first`
 * in round 1 and at the seats of earlier sessions that seat[i] of each of
 * their rounds holds, into route[r] for round r + 2: the whole route at
 * once, the hard rules kept, then the size maximum, then as few meetings
 * again as any route allows (first when no_pair_twice is hard), then the
 * emptier tables and the soft rules.  0 with warnings in diags (a table
 * above its size, meetings again); -1 after saying why no route holds the
 * hard rules, or PLAN_ROUTE_MEETS_AGAIN (below). */
int plan_walkin_route(const tsunagu_plan *p, int s, size_t i, int first, int *route, tsunagu_diags *diags);
/* plan_walkin_route's answer when no_pair_twice is hard and every route
 * from round-1 table `first` meets someone again (another round-1 table
 * may do better). */
#define PLAN_ROUTE_MEETS_AGAIN (-2)
/* Free n scores and the array. */
void plan_free_scores(tsunagu_score *scores, int n);

#endif
