/* replan.h - changes to a plan after the fact: walk-ins, cancellations,
 * and what changed between two plans.
 *
 * Re-planning after late signups and cancellations is tsunagu_solve with
 * options.previous set (solve.h); this header holds the operations that do
 * not re-solve. */
#ifndef TSUNAGU_REPLAN_H
#define TSUNAGU_REPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include "tsunagu/diag.h"
#include "tsunagu/plan.h"

/* A walk-in at the desk. */
typedef struct {
    const char *id;           /* NULL: a fresh id is made ("W001", ...) */
    const char *name;
    const char *kana;         /* may be NULL */
    const char *profession;   /* as written: MSW, CSS, 相談支援専門員, ... */
    const char *organization;
    const char *region;       /* region name, or a municipality */
    const char *experience;   /* NULL = experienced */
    bool force;               /* seat even when the plan seems to hold this person */
} tsunagu_walkin;

/* tsunagu_plan_add's answer when someone in the plan looks like the walk-in
 * (tsunagu_roster_find_same_person) and force is not set. */
#define TSUNAGU_ADD_SAME_PERSON (-2)
/* tsunagu_plan_add's answer when the walk-in looks like someone cancelled
 * at the desk: restore them (tsunagu_plan_restore) instead, unless force. */
#define TSUNAGU_ADD_CANCELLED (-3)

/* Seat a walk-in in every session without moving anyone: the free seat
 * (a table below the session's maximum size) that costs least under the
 * session's rules.  Only a room the event fixes ("tables", each with
 * size.max chairs) is ever full: with a derived table count the size is a
 * preference, and when every table is at it the walk-in takes the best
 * one all the same (a warning names it and its new head count).  The attendee is
 * marked walkin: re-plans keep them.  On success the attendee is appended to plan->roster,
 * seated, the scores recomputed, and 0 returned with the new attendee's
 * id in *id_out (borrowed from the plan).  Returns -1 with the reason in
 * diags ("every table of session morning is full (10 of 10)", an unknown
 * profession or region) and leaves the plan unchanged; returns
 * TSUNAGU_ADD_SAME_PERSON, the plan unchanged, when someone already in it
 * has the same name, reading and organisation (a double registration at the
 * desk) unless w->force. */
int tsunagu_plan_add(tsunagu_plan *plan, const tsunagu_walkin *w, const char **id_out,
                     tsunagu_diags *diags);

/* Take an attendee out of every session (a cancellation on the day):
 * their seats are freed, nobody else moves, and their record moves to
 * plan->cancelled, where every re-plan keeps them out.  -1 when the id is
 * unknown. */
int tsunagu_plan_remove(tsunagu_plan *plan, const char *id, tsunagu_diags *diags);

/* Seat someone cancelled at the desk again, as a walk-in is seated (the
 * best free seat, nobody moving): 0 with their id in *id_out (borrowed),
 * or -1 with the reason in diags and the plan unchanged. */
int tsunagu_plan_restore(tsunagu_plan *plan, const char *id, const char **id_out,
                         tsunagu_diags *diags);

/* Move attendee id to table `table` in round `round` (2 .. k) of session
 * `session`, a session with rounds, without a re-plan (plan/round_move.c):
 * they change places with the one person of that table who may take
 * theirs under the round's hard rules (tracks, a hard region, colleagues
 * and "apart" requests, a table keeping the sides and the experienced
 * member it has, a hard no_pair_twice meeting nobody more often) and whose
 * swap leaves the fewest meetings again, then the lowest soft cost, then
 * the first in reading order.  Nobody else moves; every table keeps its
 * size; round 1 and the other rounds stay.  The session's repeats are
 * counted again and the scores recomputed.  0 with the partner's id in
 * *partner_out (borrowed from the plan), or -1 with the reason in diags
 * (for the organiser: the person, the table, the round and the rule) and
 * the plan unchanged.  Not a pin: a later re-plan keeps the round's seats
 * as it keeps every later round's (stability), not as a promise. */
int tsunagu_plan_move_in_round(tsunagu_plan *plan, const char *session, int round, const char *id,
                               const char *table, const char **partner_out, tsunagu_diags *diags);

/* Apply the day's changes of plan `from` to into->roster, the list a
 * re-plan starts from (tsunagu_solve does, before seating anyone): a
 * walk-in of `from` the list lacks joins it (kept), one it has - the same
 * id, or the same name, reading and organisation - is not seated twice;
 * someone cancelled at the desk is taken out of the list and stays in
 * into->cancelled, unless their id is in restore.  Each decision is a
 * sentence in into->carried.  -1 (nothing changed) when a restore id names
 * nobody cancelled in `from`.  from may be NULL (nothing to carry). */
int tsunagu_plan_carry_changes(tsunagu_plan *into, const tsunagu_plan *from,
                               const char *const *restore, int n_restore, tsunagu_diags *diags);

/* Who in list r a walk-in or someone cancelled (a, of an earlier plan)
 * is, as a re-plan onto r matches them: the same id, else the same person
 * (name, reading and organisation) among the list's own people - not a
 * walk-in of a plan's roster, who is someone the desk added - unless a is
 * a namesake the organiser told apart.  The index in r->items, or -1 (a
 * walk-in the re-plan keeps as such).  Cannot fail. */
long tsunagu_plan_carry_match(const tsunagu_roster *r, const tsunagu_attendee *a);

/* Make r - a plan's own roster, taken to re-plan from as a list (the web
 * page's re-plans, tsunagu_plan_repair) - the list that plan p seats: the
 * people of p's list cancelled at the desk (not walk-ins) go back on it
 * unless r has their id, so that tsunagu_plan_carry_changes keeps them
 * cancelled as the list's people, with the list's record.  (Missing from
 * the list, they would become the desk's own records, walk-ins once
 * restored, kept seated by a later list that no longer names them.)
 * Cannot fail. */
void tsunagu_plan_relist_cancelled(tsunagu_roster *r, const tsunagu_plan *p);

/* The sentences of plan->carried under a heading, one per line, as the
 * solve summary and the page's changes print them; "" when none.  With
 * other_language, plan->carried_other (where known) under a heading in
 * the calling thread's language, which the caller has set to the other
 * one.  New string, the caller frees it. */
char *tsunagu_plan_carried_text(const tsunagu_plan *p, bool other_language);

/* Why someone moved in a re-plan (a move's `why`). */
typedef enum {
    TSUNAGU_MOVE_PINNED,     /* pinned there by the organiser */
    TSUNAGU_MOVE_TABLE_GONE, /* their table no longer exists */
    TSUNAGU_MOVE_RULES,      /* needed to keep the hard rules and table sizes */
    TSUNAGU_MOVE_ROUNDS      /* a later round of a session with rounds, seated again
                              * around round 1: nobody meeting twice, each table's
                              * hard rules and size */
} tsunagu_move_reason;
/* The reason in the calling thread's language.  Borrowed. */
const char *tsunagu_move_reason_text(tsunagu_move_reason r);
/* A move's recorded why (written in the language of the run that made
 * the plan) in the calling thread's language when it is one of the
 * reasons above; else why itself.  Borrowed. */
const char *tsunagu_move_why(const char *why);

/* old with its people under the ids the same people have in now (a list
 * re-sorted and renumbered, or without ids): a new plan the caller frees,
 * or NULL when every id already agrees (use old as it is).  A person of
 * old whom now lacks keeps their id, primed (12') if someone of now has
 * it.  Moves and pins follow their people. */
tsunagu_plan *tsunagu_plan_renumbered(const tsunagu_plan *old, const tsunagu_roster *now);

/* What changed from old to new: who is new, who left, who moved from which
 * table to which, which tables changed.  Returns a new string (caller
 * frees) in the current language. */
char *tsunagu_plan_diff_text(const tsunagu_plan *old_plan, const tsunagu_plan *new_plan);

#endif
