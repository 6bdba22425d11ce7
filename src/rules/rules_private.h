/* rules_private.h - one home for each rule of the day (private).
 *
 * Each rule's file (mix.c, region.c, ...) owns everything about the rule:
 * its name, the session kinds it applies to, its default weight and hard
 * flag, the measures it reports in a plan's scores (key, labels, how to
 * count them from the tables), how it prices a walk-in's seat, and the
 * judgements the charts print (who sits away from their region, which
 * colleagues share a table), and its rows in the seating models
 * (rule_rows.h).  registry.c lists the rules; the scorer (plan/), the
 * charts, the command line, the re-planner and the models ask them.
 *
 * The layer sits below event/ and plan/: it uses their types, never their
 * functions. */
#ifndef TSUNAGU_RULES_PRIVATE_H
#define TSUNAGU_RULES_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "tsunagu/plan.h"
#include "tsunagu/rules.h"
#include "rules/rule_rows.h"

/* A finished seating, as the scorer sees it. */
typedef struct {
    const tsunagu_plan *plan;
    int s;              /* the session being judged */
    int *const *where;  /* where[e][i]: table of attendee i in session e, -1 */
    const int *org;     /* organisation of each attendee (colleague key), -1 none */
    int n_orgs;
    long eligible;      /* attendees to seat (not OTHER) */
    long seated;        /* attendees seated in session s */
} rule_view;

/* Count a measure in session v->s: *value and *of (-1: no total).  False
 * when the measure has nothing to say for this plan (moved, without a
 * previous plan). */
typedef bool (*rule_count_fn)(const rule_view *v, long *value, long *of);

typedef struct {
    tsunagu_measure pub;
    rule_count_fn count;
} rule_measure;

/* A walk-in's candidate seat: attendee i at table t of session s. */
typedef struct {
    const tsunagu_plan *plan;
    int s;
    size_t i;
    int t;
} rule_seat;

/* Cost of the seat under this rule (its weight from the session's rules;
 * a seat a hard rule forbids costs 1e9 or more).  Lower is better. */
typedef double (*rule_walkin_fn)(const rule_seat *seat, const tsunagu_rule *rule);

typedef struct {
    tsunagu_rule_id id;
    const char *name;    /* in event files: "mix", "region", ... */
    unsigned kinds;      /* bit (1u << tsunagu_session_kind) per kind it applies to */
    tsunagu_rule defaults;
    const char *label_en, *label_ja;
    const rule_measure *measures;
    int n_measures;
    rule_walkin_fn walkin; /* NULL: the rule does not weigh a walk-in's seat */
    rule_rows_fn rows;     /* NULL: no rows of its own (rule_rows.h says how it reaches the model) */
} rule_def;

/* Every rule, in tsunagu_rule_id order, and the layout's own measures
 * (seated, sizes, tracks: not rules one can weigh).  Borrowed. */
const rule_def *rules_get(tsunagu_rule_id id);
extern const rule_def rule_def_layout;
extern const rule_def rule_def_roles; /* the role measures (roles.c) */
/* The measure at position i of a plan's scores (0-based), or NULL. */
const rule_measure *rules_measure(size_t i);
/* What seating a walk-in (attendee i) at table t of session s costs under
 * the session's weights, every rule that weighs it summed, plus a little
 * for each person already there (the emptier table first).  A table a hard
 * rule forbids costs 1e9 or more (its rule in *forbidden_by). */
double rules_walkin_cost(const tsunagu_plan *p, int s, size_t i, int t, int *forbidden_by);
/* A walk-in's seat a hard rule forbids costs at least this (weights are at
 * most 1e6); *forbidden_by above is that rule's id, else -1. */
#define RULE_FORBIDDEN 5e8

#define RULE_KIND(k) (1u << (k))
#define RULE_BOTH (RULE_KIND(TSUNAGU_EXCHANGE) | RULE_KIND(TSUNAGU_WORKGROUP))

/* Judgements the charts and the re-planner share with the scorer. */

/* Nearest border distance from a's home or interest regions to one of
 * the regions (0: their own or interest region, 1: bordering), and the
 * same to one of a table's regions. */
int rule_region_hops(const tsunagu_regions *rg, const tsunagu_attendee *a, const int *regions,
                     int n_regions);
int rule_region_distance(const tsunagu_regions *rg, const tsunagu_attendee *a,
                         const tsunagu_table *t);
/* What the region rule charges for a at a table of these regions: weight x
 * hops, capped at REGION_FAR_CAP, and at an interest region's table (not
 * their home region's) a tie-break of 1/(2(n_seated+1)), so that own comes
 * first at otherwise equal cost; -1 when the hard rule forbids it.  The
 * model's cost, the walk-in's and the report's all come from here. */
#define REGION_FAR_CAP 4 /* hops beyond which every distance costs the same */
double rule_region_cost(const tsunagu_regions *rg, const tsunagu_rule *rule,
                        const tsunagu_attendee *a, const int *regions, int n_regions, long n_seated);
/* True when a table of these regions is a's home region's. */
bool rule_region_home(const tsunagu_attendee *a, const int *regions, int n_regions);
/* True when a and b are colleagues (same organisation key; without an
 * organisation nobody is anybody's colleague). */
bool rule_colleagues(const tsunagu_attendee *a, const tsunagu_attendee *b);
/* Role rules (roles.c), for a holder of role `role` of a workgroup session.
 * The soft rules' cost of a holding it (weights summed); *hard_rule the
 * index of the first hard rule it breaks in spec->role_rules, else -1. */
double rule_role_cost(const tsunagu_session_spec *spec, int role, const tsunagu_attendee *a,
                      int *hard_rule);
/* The index of the rule that forbids one person to hold roles r1 and r2,
 * or -1. */
int rule_roles_exclusive(const tsunagu_session_spec *spec, int r1, int r2);
/* What a and b (two people) both holding roles of one group cost under the
 * soft rules; *hard_rule the first hard rule it breaks, else -1. */
double rule_role_pair_cost(const tsunagu_session_spec *spec, const tsunagu_attendee *a,
                           const tsunagu_attendee *b, int *hard_rule);
/* How many role rules group t of session s breaks as its roles stand; with
 * first, *first is a new sentence naming the first hard one broken (the
 * caller frees it), or NULL. */
int rule_roles_breaks(const tsunagu_plan *p, int s, int t, char **first);

/* no_pair_twice.c: meetings beyond the first over every pair seated in
 * session s, across its rounds (its tables, then later[]), an earlier
 * session's tables (any round) counting as one meeting; a pair meeting
 * three times counts two.  *pairs (may be NULL): the pairs of the seated.
 * The count the rounds search minimises and the checker recounts. */
long rule_repeated_pairs(const tsunagu_plan *p, int s, long *pairs);
/* Pairs of session s's seated who sit together more than once (its rounds,
 * an earlier session's tables counting as one meeting). */
long rule_pairs_met_again(const tsunagu_plan *p, int s);
/* The warning a soft no_pair_twice leaves when session s's rounds seat
 * pairs together again: the pairs, the meetings again and the bound, and
 * whether they are the fewest possible (`why`, may be NULL: a reason put
 * after that).  NULL when there are none or the rule is hard.  New string.
 * rule_is_repeats_warning: whether a warning is one of these for session
 * id (in either language), so that a change of the rounds can replace it. */
char *rule_repeats_warning(const tsunagu_plan *p, int s, const char *why);
bool rule_is_repeats_warning(const char *warning, const char *session_id);
/* The fewest pairs from one group that a table of `seats` people must seat
 * together when it takes at most cap[i] people of group i (groups of them):
 * the seats spread as evenly as the caps allow, sum over groups of
 * C(q_i, 2) (the pigeonhole bound of a later round against round 1's
 * tables).  -1 when the caps hold fewer than `seats`.  Cannot fail. */
long rule_spread_pairs(int seats, const int *cap, int groups);
/* Meetings again that no later rounds of session s can avoid with its round
 * 1 as seated and its later rounds' table sizes: round 1's own meetings
 * with earlier sessions, plus, per later round and table, the pigeonhole
 * count of round-1 tablemates it must seat (rule_spread_pairs over the
 * round-1 tables, counting only the people of a workgroup's track, and a
 * table's own round-1 people, whom a pin may have put there).  0
 * for a session of one round.  Cannot fail. */
long rule_round1_bound(const tsunagu_plan *p, int s);
/* How many at table t of round `round` (0: the session's tables, r:
 * later[r - 1]) attendee i has sat with before: in another round of
 * session s or any round of an earlier session. */
int rule_round_meetings(const tsunagu_plan *p, int s, int round, size_t i, int t);

/* True when profession p belongs to the track of that id in a workgroup. */
bool rule_in_track(const tsunagu_session_spec *spec, const char *track, tsunagu_profession p);

#endif
