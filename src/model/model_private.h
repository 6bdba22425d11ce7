/* model_private.h - shared pieces of the session models (not public API).
 *
 * A session is seated in three steps:
 *   1. layout: how many tables, which regions each table stands for;
 *   2. counting model: attendees are grouped into seating types (everyone
 *      interchangeable for every rule), and the integer program decides how
 *      many of each type sit at each table (GLPK);
 *   3. dealing: the members of each type are dealt to the tables in id
 *      order, which is as good as any other order because they are
 *      interchangeable. */
#ifndef TSUNAGU_MODEL_PRIVATE_H
#define TSUNAGU_MODEL_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "tsunagu/diag.h"
#include "tsunagu/event.h"
#include "tsunagu/plan.h"
#include "tsunagu/roster.h"
#include "tsunagu/solve.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "rules/rule_rows.h"

/* The files of model/, each calling only those below it (tests/scripts/
 * test_layering.sh checks it with nm; the table is in docs/architecture.md):
 *   solve.c          every session of the event in order, into one plan
 *   exchange.c, workgroup.c   one kind of session each: layout, types
 *   session.c        what every session shares: pins, requests, marks,
 *                    filling the plan, warnings, explaining a failure
 *   blocks.c         large sessions: a master model, then blocks
 *   count_model.c    the counting model: build, staged solve, deal
 *   greedy.c, naive.c   a seating without GLPK; the benchmark's model
 *   rule_rows.c, seat_problem.cper-table rule rows; the problem as data
 *   lp.c             GLPK, behind safe calls: nothing else calls glp_*
 *   clock.c, memory.c   time and progress; allocations that abort */

/* ---- memory.c ----------------------------------------------------------- */

/* calloc and realloc that abort when memory runs out (a zero size asks for
 * one byte).  The caller frees the block with free(); cannot fail. */
void *model_calloc(size_t n, size_t size);
void *model_realloc(void *p, size_t size);

/* ---- clock.c ------------------------------------------------------------ */

/* Wall clock in seconds (monotonic). */
double model_now(void);
/* What is left of time_limit (seconds, <= 0: none) since `since`
 * (model_now()): 0 when there is no limit, else at least 0.05 s so that a
 * late step still gets its cheapest run.  Cannot fail. */
double model_time_left(double time_limit, double since);
/* Tell opt->progress (if any) that work on session goes on, with nothing
 * to report yet of its best or bound (NaN): between GLPK runs. */
void model_progress(const tsunagu_solve_options *opt, const char *session);

/* ---- lp.c: named columns and rows over a glp_prob ---------------------- */

/* Column kinds and row bounds: LP_CV ... LP_FX (rules/rule_rows.h). */

/* Only lp.c includes <glpk.h> and looks inside the problem. */
typedef struct {
    struct glp_prob *P;
    int *ind;    /* 1-based GLPK index buffer for the row being built */
    double *val;
    int n, cap;
    int *slot;   /* per column: its position in the row being built, 0 = absent */
    int slot_cap;
} lp_builder;

void lp_init(lp_builder *lp, const char *name);
void lp_dispose(lp_builder *lp); /* frees the builder's buffers and the problem */
/* Add a column; kind LP_CV, LP_IV or LP_BV; ub < 0 means no upper bound. */
int lp_col(lp_builder *lp, const char *name, int kind, double lb, double ub, double cost);
/* Start a row; add terms; finish with a bound type (LP_LO, LP_UP, LP_DB, LP_FX). */
void lp_row_begin(lp_builder *lp);
void lp_term(lp_builder *lp, int col, double coef);
int lp_row_end(lp_builder *lp, const char *name, int type, double lb, double ub);
/* Reading and changing the built problem.  Column 0 is the objective's
 * constant term.  An index the builder did not make reads 0 and is not
 * written (GLPK would end the process).  None can fail. */
int lp_cols(const lp_builder *lp);            /* columns so far */
double lp_cost(const lp_builder *lp, int j);   /* objective coefficient */
void lp_set_cost(lp_builder *lp, int j, double cost);
/* False once a GLPK error inside lp_solve freed the problem: nothing more
 * can be read or solved. */
bool lp_alive(const lp_builder *lp);
/* Complete a start vector v (1-based, lp_cols + 1): the columns marked in
 * is_count are set; every other column takes the cheapest value its rows
 * allow (rows with one such column only).  Returns 0 when the whole vector
 * satisfies every row and bound, else -1. */
int lp_complete_start(const lp_builder *lp, const bool *is_count, double *v);

/* ---- Running GLPK ------------------------------------------------------ */

typedef struct {
    const char *session;        /* for progress lines */
    double time_limit;          /* seconds; <= 0 means none */
    bool verbose;
    tsunagu_progress_fn progress;
    void *progress_user;
    const char *write_lp_path;  /* NULL = do not write */
    /* Heuristic start: a full feasible column vector (1-based, n_cols + 1), or NULL. */
    const double *start;
    /* Solve the relaxation first and branch without GLPK's MIP presolver:
     * for small models solved again after a row is added, which the
     * presolver may reduce to nothing (GLPK 5.0 then stops with
     * "glp_add_cols: ncs = 0"). */
    bool no_presolve;
} lp_run_options;

/* Why lp_solve found no seating, in terms the explanation can use. */
typedef enum {
    LP_OK = 0,
    LP_INFEASIBLE,  /* the hard rules cannot hold together */
    LP_TIME_LIMIT,  /* out of time before any seating was found */
    LP_NUMERICAL,   /* GLPK gave up: numerical trouble in the simplex (GLP_EFAIL) */
    LP_BAD_MODEL,   /* GLPK refused the model (bounds, unbounded relaxation): a bug here */
    LP_GLPK_ERROR,  /* GLPK stopped inside (glp_error_hook): out of memory or a bug */
    LP_STOPPED      /* any other return code */
} lp_failure;

typedef struct {
    tsunagu_status status;      /* OPTIMAL, FEASIBLE (time limit or gap), INFEASIBLE, NOT_SOLVED */
    lp_failure failure;         /* LP_OK unless lp_solve returned -1 */
    double objective;
    double bound;
    double gap;
    double seconds;
    bool time_limit_hit;        /* GLPK (or the time for it) ran out: status says what was found */
    bool bound_known;           /* bound holds a proven lower bound */
    int blocks;                 /* split sessions: blocks solved (0: one model) */
    int greedy_blocks;          /* of those, seated by the greedy heuristic for want of time */
    char glpk_error[256];       /* GLPK's own failure, when status is NOT_SOLVED */
} lp_result;

/* Solve the MIP.  Never aborts: GLPK errors are caught (glp_error_hook)
 * and reported in result->failure and result->glpk_error (GLPK's own last
 * words, for the explanation) with status NOT_SOLVED.  Returns 0
 * when a solution (optimal or feasible) is available to read with
 * lp_value, -1 otherwise. */
int lp_solve(lp_builder *lp, const lp_run_options *opt, lp_result *result);
/* After lp_solve returned 0: the seating's objective and column j's value
 * (0 for an index the builder did not make).  Cannot fail. */
double lp_objective(const lp_builder *lp);
double lp_value(const lp_builder *lp, int j);
/* New string "DIR/SESSION<suffix>.lp" for --write-model (the folder is
 * made if missing), or NULL when opt asks for no model file.  The caller
 * frees it with free(). */
char *model_lp_path(const tsunagu_solve_options *opt, const char *session, const char *suffix);

/* ---- roles.c: who holds each role of each group ------------------------- */

/* Assign the roles of every group of every session with roles (after the
 * seating): the organiser's --role pins (opt->role_pins) hold, holders of
 * opt->previous who stay in their group keep their roles where the rules
 * allow; warnings (a group too small, a role nobody can hold) go to the
 * plan and diags.  0, or -1 with the reason in diags. */
int model_assign_roles(tsunagu_plan *p, const tsunagu_solve_options *opt, tsunagu_diags *diags);

/* ---- The seating problem (seat_problem.c) ------------------------------ */

/* seat_type: attendees interchangeable for every rule (rules/rule_rows.h). */

/* A set of types whose members should not share a table: colleagues, or
 * people who already met at an earlier table.  Pairs are counted exactly. */
typedef struct {
    int weight_rule;   /* TSUNAGU_RULE_COLLEAGUES or TSUNAGU_RULE_NEW_PEOPLE */
    int size;          /* people in the group */
    char *name;        /* for explanations: the organisation, or "table 3" */
} pair_group;

/* An organiser's request between two attendees, each alone in a type. */
typedef struct {
    int a, b;               /* type indices */
    bool together;          /* else apart */
    bool hard;              /* holds whatever the requests rule says: two people the
                               organiser named to one role sit in different groups */
    char *what;             /* "A0001 + A0002", for warnings and explanations */
} seat_request;

typedef struct {
    const tsunagu_roster *roster;
    const tsunagu_regions *regions;
    const tsunagu_session_spec *spec;
    int index;              /* session index in the event */
    const tsunagu_event *event; /* the whole day (pins name its sessions); may be NULL in blocks */
    bool replan;            /* types carry previous tables: moves are minimised first */
    bool stay_only;         /* while trying the plan where nobody moves */
    const bool *local;      /* while trying a re-plan that moves only people of these
                             * tables (per table), among them; else NULL */
    bool greedy_only;       /* no time for GLPK: the greedy seating, when it holds every hard rule */
    seat_request *requests;
    int n_requests;
    int moved;              /* after solving a re-plan: people away from their previous table */
    /* tables */
    int n_tables;
    int *lo, *hi;           /* allowed size per table */
    int *table_track;       /* workgroups: track per table; exchange: 0 */
    int **table_regions;    /* exchange: regions each table stands for */
    int *n_table_regions;
    char **table_ids;
    char **table_labels;
    /* people */
    seat_type *types;
    int n_types;
    int cap_types;
    char **keys;            /* type keys, owned */
    strmap type_index;      /* key -> type */
    pair_group *groups;
    int n_groups;
    /* Cost of one member of type k at table t: costs[cost_row[k] * n_tables
     * + t], negative = not allowed; no costs at all when cost_row is NULL.
     * Types alike in what the cost looks at (home and interest regions)
     * share a row: a row per type was types x tables doubles, 6 GB for an
     * exchange of 100,000 people. */
    int *cost_row;          /* per type */
    double *costs;          /* n_cost_rows x n_tables */
    int n_cost_rows;
    /* The mix rule's sides: share of the seated per side.  A table should
     * hold each banded side within [floor(ratio * lo), ceil(ratio * hi)];
     * with two sides only the first is banded (the second's band follows
     * from the table size), with three or more every side is. */
    int n_sides;
    double side_ratio[TSUNAGU_MAX_PROFESSIONS];
    int n_seated;
} seat_problem;

void seat_problem_dispose(seat_problem *sp);
/* Add attendee i to the type with the same key (creating it).  key is a
 * string that identifies the type fully. */
int seat_problem_add(seat_problem *sp, size_t i, const char *key, const seat_type *proto);
int seat_problem_group(seat_problem *sp, int rule, const char *name);
void seat_problem_request(seat_problem *sp, int a, int b, bool together, bool hard, const char *what);
/* Allocate table arrays for n tables. */
void seat_problem_tables(seat_problem *sp, int n);
/* The mix rule's sides and their shares among the seated (seated[i]). */
void seat_problem_sides(seat_problem *sp, const bool *seated);
/* An exchange with people on at least two sides: the mix rule applies. */
bool model_mixing(const seat_problem *sp);
/* Sides 0 .. model_banded_sides() - 1 have a band at each table t. */
int model_banded_sides(const seat_problem *sp);
int model_band_lo(const seat_problem *sp, int side, int t);
int model_band_hi(const seat_problem *sp, int side, int t);
/* May a member of type k sit at table t: the track, hard rules in sp->cost
 * (negative), pins and, when stability is hard, previous tables. */
bool model_allowed(const seat_problem *sp, int k, int t);
/* Classes of tables alike in every rule: same track, size range, regions
 * and every type's cost, so that relabelling them within a class changes
 * nothing.  Fills class_of[t] (classes numbered 0, 1, ... in the order of
 * their first table) and returns how many there are.  A table with
 * alone[t] set is a class of its own (alone may be NULL). */
int model_table_classes(const seat_problem *sp, const bool *alone, int *class_of);

/* ---- The models (count_model.c, blocks.c, naive.c, greedy.c) ---------- */

/* Build the counting model, solve it and deal the members to tables.
 * seat_out (roster-sized) receives each attendee's table, -1 unseated.
 * Fills result.  Returns 0, or -1 with an explanation in diags. */
int seat_problem_solve(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                       int *seat_out, lp_result *result, tsunagu_diags *diags);

/* A greedy seating for the counting model (greedy.c): fill n (K x T
 * counts) using only the columns x (K x T, 0 = not allowed) of the model.
 * Returns 0 when everyone has a seat within the table sizes, -1
 * otherwise.  Cannot fail otherwise. */
int model_greedy_counts(const seat_problem *sp, const int *x, int *n);

/* The same for large sessions: a master model of how many of each kind of
 * attendee go to each class of identical tables, then one counting model
 * per block of at most 40 tables (blocks.c).  Sessions that are small, or
 * carry previous seats (re-plans), go to seat_problem_solve whole; pinned
 * people and the two of a 'together' request are dealt to blocks first.
 * Same contract; the bound stays a valid lower bound of the session. */
int seat_problem_solve_split(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                             int *seat_out, lp_result *res, tsunagu_diags *diags);
/* The same, with one binary per attendee and table and pairwise products
 * (benchmark only, opt->naive_model; naive.c).  Same contract. */
int naive_problem_solve(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                        int *seat_out, lp_result *res, tsunagu_diags *diags);

/* ---- What the counting and the naive model share (rule_rows.c) ---------------- */

/* The cost of one member of type k at table t (0 when sp has no costs;
 * negative: a hard rule forbids it).  Cannot fail. */
static inline double model_cost(const seat_problem *sp, int k, int t)
{
    return sp->cost_row ? sp->costs[(size_t)sp->cost_row[k] * (size_t)sp->n_tables + (size_t)t]
                        : 0.0;
}

/* A column that counts people of one seating type at one table: n[k][t]
 * in the counting model, a 0/1 x[i][t] per attendee in the naive one. */
typedef struct {
    int col;
    int type;
} table_head;

/* Per table, the columns whose sum is its headcount, in the order added. */
typedef struct {
    int n_tables;
    table_head **terms; /* per table */
    int *n_terms;
    int *cap;
} table_heads;

void table_heads_init(table_heads *th, int n_tables);
void table_heads_add(table_heads *th, int t, int col, int type);
void table_heads_dispose(table_heads *th);
/* One row per table t, "size_<t>": lo[t] <= its headcount <= hi[t]. */
void model_size_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th);
/* The rules' rows over table t's headcounts (rules/rule_rows.h: mix,
 * experienced, regions_mixed; with region_cut the exact model's extra
 * rows).  Returns the objective's constant term. */
double model_table_rule_rows(lp_builder *lp, const seat_problem *sp, const table_heads *th,
                             bool region_cut);
/* A rule builder m with sp's session, types, tables and sides filled in,
 * model as its model; the caller sets the bands and the callbacks. */
void model_rule_builder(rule_rows *m, const seat_problem *sp, void *model);

/* ---- The session kinds (exchange.c, workgroup.c) ----------------------- */

int seat_exchange(tsunagu_plan *plan, int s, const tsunagu_solve_options *opt,
                  double time_limit, tsunagu_diags *diags);
int seat_workgroup(tsunagu_plan *plan, int s, const tsunagu_solve_options *opt,
                   double time_limit, tsunagu_diags *diags);

/* ---- Rounds 2 .. k of a session with rounds (later_rounds.c) ---------- */

/* Seat the later rounds of session s (spec->rounds > 1) after round 1 is
 * in plan->sessions[s]: fills its later[], n_later, repeats and
 * repeats_bound.  0; or TSUNAGU_SOLVE_INFEASIBLE with the reason in diags
 * when a hard rule the search cannot promise (no_pair_twice, colleagues)
 * does not hold, or the session is too large for the search
 * (TSUNAGU_SOLVE_FAILED when no_pair_twice failed but its bound is 0: the
 * search ran out of steps or time).  A session of
 * one round: 0, nothing done. */
int model_seat_rounds(tsunagu_plan *plan, int s, const tsunagu_solve_options *opt, double time_limit,
                      tsunagu_diags *diags);

/* ---- What every session shares (session.c) ----------------------------- */

/* The balanced number of tables: tsunagu_table_count (event.h). */

/* Colleague groups (organisations with two or more seated people) added to
 * sp; *group_of (new array, caller frees) maps each attendee to its group
 * or -1.  Returns the number of groups made. */
int model_colleague_groups(seat_problem *sp, const bool *seated, int **group_of);
/* Move the solved seating into plan->sessions[s] (tables, members, status);
 * takes the table ids, labels and regions out of sp.  Returns 0. */
int model_fill_session(tsunagu_plan *plan, int s, seat_problem *sp, const int *seat,
                       const lp_result *res);
/* Explain in the user's terms why a session has no seating.  Returns
 * TSUNAGU_SOLVE_INFEASIBLE when the hard rules cannot hold, else
 * TSUNAGU_SOLVE_FAILED (time limit without a seating, GLPK failure). */
int model_explain_failure(const seat_problem *sp, const lp_result *res, tsunagu_diags *diags);
/* The previous plan's session with this id, or NULL (no previous plan). */
const tsunagu_session_plan *model_previous_session(const tsunagu_solve_options *opt,
                                                   const char *session_id);
/* New array: per attendee, the index in sp's tables of the table they had in
 * the previous plan (matched by table id), -1 when none. */
/* The table count nearest to `was` at which n people sit min-max to a
 * table (one exists: the caller checked with tsunagu_table_count). */
int model_nearest_count(int was, int n, int min, int max);
int *model_previous_tables(const seat_problem *sp, const tsunagu_solve_options *opt);
/* Fill pin[] (per attendee: table index or -1) from the roster's pin
 * columns and opt->pins; errors for unknown tables.  0 or -1. */
int model_pins(const seat_problem *sp, const tsunagu_solve_options *opt, int *pin,
               tsunagu_diags *diags);
/* New array: true for attendees named in a seated together/apart request,
 * or named to a role of the session (role[i] >= 0). */
bool *model_request_people(const tsunagu_roster *r, const bool *seated, const int *role);
/* New array: per attendee, the role of session sp the organiser names them
 * to (the list's role column, opt->role_pins), -1 none. */
int *model_named_roles(const seat_problem *sp, const tsunagu_solve_options *opt);
struct type_marks;
/* Add every request between seated attendees (each alone in a type), and
 * a hard "apart" between two people named to one role (marks->role). */
void model_add_requests(seat_problem *sp, const bool *seated, const struct type_marks *marks,
                        tsunagu_plan *plan);
/* More people of a track named to one role than the track has groups:
 * -1 after saying so for each, else 0 (a workgroup's tables laid out). */
int model_check_named_roles(const seat_problem *sp, const struct type_marks *marks, const bool *seated,
                            tsunagu_diags *diags);
/* After solving: warn about soft requests that were not met. */
void model_check_requests(const seat_problem *sp, const int *seat, tsunagu_plan *plan);

/* What keeps attendees apart from their otherwise interchangeable peers in
 * every kind of session: a pin, a previous table, a together/apart request.
 * Arrays per attendee of the roster. */
typedef struct type_marks {
    int *pin;        /* table index, -1 none */
    int *previous;   /* table index in the previous plan, -1 none */
    int *role;       /* the role of the session the organiser names them to, -1 none */
    bool *requested; /* named in a request between seated attendees, or to a role */
    int *type_of;    /* seating type, -1 until the caller sets it */
} type_marks;

/* Fill marks for sp's tables (model_pins, model_previous_tables,
 * model_request_people).  Returns 0, or -1 with the pin errors in diags;
 * either way the caller frees marks with type_marks_dispose. */
int type_marks_init(type_marks *marks, const seat_problem *sp, const tsunagu_solve_options *opt,
                    const bool *seated, tsunagu_diags *diags);
/* Append attendee i's part of a type key, "pin|previous|request id|", to
 * key.  Keys grow as needed: ids are user data of any length, and two
 * people whose keys were cut short would become one type.  Cannot fail. */
void type_marks_key(const type_marks *marks, const tsunagu_roster *r, size_t i, strbuf *key);
/* Frees the arrays; accepts a zeroed struct.  Cannot fail. */
void type_marks_dispose(type_marks *marks);
/* The end of every session: solve sp (seat_problem_solve_split), warn
 * about unmet requests and fill plan->sessions[s], or explain the failure
 * in diags.  Returns 0 or -1. */
int model_seat_session(tsunagu_plan *plan, int s, seat_problem *sp,
                       const tsunagu_solve_options *opt, double time_limit, tsunagu_diags *diags);

/* Add a warning to the plan (printf format). */
void plan_warn(tsunagu_plan *plan, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
