/* solve.h - from roster and event to a plan, through GLPK.
 *
 * Each session becomes one integer program over *seating types*: attendees
 * who are interchangeable for every rule (same profession, region,
 * interests, experience, multi-person organisation, earlier table) are
 * counted per table instead of being placed one by one, which removes the
 * symmetry that makes person-by-table models unprovable.  See
 * docs/model.md. */
#ifndef TSUNAGU_SOLVE_H
#define TSUNAGU_SOLVE_H

#include <stdbool.h>
#include "tsunagu/diag.h"
#include "tsunagu/event.h"
#include "tsunagu/plan.h"
#include "tsunagu/roles.h"
#include "tsunagu/roster.h"

/* The organiser's request that one attendee sit at one table in one session
 * (besides the roster's pin columns). */
typedef struct {
    const char *attendee_id;
    const char *session; /* session id; NULL: the session holding the table
                          * (tsunagu_event_pin_session) */
    const char *table;   /* table id, e.g. "3" or "MSW-A" */
} tsunagu_pin;

typedef void (*tsunagu_progress_fn)(const char *session, double seconds, double best,
                                    double bound, double gap, void *user);

typedef struct {
    double time_limit;        /* seconds per whole solve; default 30 */
    const char *write_model_dir; /* write each session's model (CPLEX LP) here; NULL = no */
    bool verbose;             /* let GLPK print to stderr */
    tsunagu_progress_fn progress; /* called now and then while solving; NULL = quiet */
    void *progress_user;
    const tsunagu_plan *previous; /* re-plan around this plan; NULL = fresh: everyone in
                                   * both keeps their seats unless a hard rule forces a
                                   * move; moves are recorded in the plan */
    /* The day's changes to carry (walk-ins, cancellations: replan.h,
     * tsunagu_plan_carry_changes): from this plan, else from previous.  A
     * fresh start (previous NULL) passes the last plan here to keep them. */
    const tsunagu_plan *changes_from;
    const char *const *restore; /* ids cancelled at the desk to seat again */
    int n_restore;
    const tsunagu_pin *pins;  /* extra pins, n_pins of them (hard); with the pins
                               * changes_from (else previous) recorded, unless
                               * pins_are_all; the plan records them all */
    int n_pins;
    const tsunagu_role_pin *role_pins; /* roles the organiser names (hard), n_role_pins */
    int n_role_pins;
    bool pins_are_all;        /* pins is every pin of the day (a caller that keeps its
                               * own list, as the web page does): none carried */
    bool naive_model;         /* benchmark only: one binary per person and table */
    bool whole_replan;        /* benchmark only: a re-plan never tries moving only the
                               * people of the tables a change touches first */
} tsunagu_solve_options;

/* Defaults as documented above.  Cannot fail. */
void tsunagu_solve_options_init(tsunagu_solve_options *opt);

/* Results of tsunagu_solve besides 0. */
enum {
    TSUNAGU_SOLVE_INFEASIBLE = -1, /* the input or the hard rules cannot hold (exit 1) */
    TSUNAGU_SOLVE_FAILED = -2      /* the solver failed: GLPK error, numerical trouble,
                                    * no seating within the time limit (exit 3) */
};

/* Seat the roster for every session of the event.
 * Returns 0 and sets *out to a new plan (caller frees with
 * tsunagu_plan_free) when every hard rule holds; the plan's sessions carry
 * status and gap.  Returns TSUNAGU_SOLVE_INFEASIBLE with an explanation in
 * the user's terms in diags (the rule and the numbers) when the hard rules
 * cannot hold, TSUNAGU_SOLVE_FAILED with GLPK's failure in the user's
 * terms when the solver fails; *out is then NULL.  Takes ownership of
 * roster, regions and event in every case. */
int tsunagu_solve(tsunagu_roster *roster, tsunagu_regions *regions, tsunagu_event *event,
                  const tsunagu_solve_options *opt, tsunagu_plan **out, tsunagu_diags *diags);

/* Re-plan *plan around itself, for what the desk changed: its own people
 * (walk-ins and all), its cancellations kept, as few moves as the hard
 * rules allow (first only among the tables concerned).  On success *plan
 * is replaced by the new plan (the old one freed) and 0 returned; else
 * *plan is left as it was and TSUNAGU_SOLVE_INFEASIBLE or _FAILED returned
 * with the reason in diags.  opt may be NULL (defaults). */
int tsunagu_plan_repair(tsunagu_plan **plan, const tsunagu_solve_options *opt, tsunagu_diags *diags);

/* Free what solving keeps per thread (GLPK's environment).  A thread that
 * called tsunagu_solve calls this before it ends; solving again on it
 * afterwards is fine.  Cannot fail. */
void tsunagu_solve_thread_end(void);

#endif
