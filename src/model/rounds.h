/* rounds.h - several seatings of the same people, nobody meeting twice
 * (not public API).
 *
 * A session with rounds seats the same people w times at the same g tables
 * (a 席替え within the slot).  Finding w seatings in which no pair sits
 * together twice is the social golfer problem (CSPLib 010, instances
 * g-s-w); no integer program of useful size proves it, so rounds are
 * seated by a search: a greedy construction round by round, then a tabu
 * search on pair conflicts (Dotú & Van Hentenryck 2005; the greedy start
 * after Triska & Musliu 2012), with restarts.  Rules of the session reach
 * the search as data: who may sit at which table (`allowed`), minimum
 * counts of marked people per table (`mark_min`: the mix rule's sides, the
 * experienced), a cost per seat (the region rule), and pairs to keep apart
 * as if they had met (`met`: earlier sessions, colleagues).  The search
 * never breaks sizes, `allowed` or `mark_min`; repeated pairs and costs it
 * minimises, pairs first.
 *
 * Deterministic for a seed: the same spec gives the same seating, unless
 * the time limit stops the search before it reaches the lower bound. */
#ifndef TSUNAGU_MODEL_ROUNDS_H
#define TSUNAGU_MODEL_ROUNDS_H

#include <stdbool.h>

enum { ROUNDS_MAX_MARKS = 8 };

typedef struct {
    int people;   /* n >= 1 */
    int rounds;   /* w >= 1 */
    int tables;   /* g >= 1 */
    const int *size; /* [tables] people at each table in every round; sum = people */
    /* [people] bit k set: the person carries mark k (k < marks); NULL: none */
    const unsigned char *mark;
    int marks;       /* 0 .. ROUNDS_MAX_MARKS */
    const int *mark_min; /* [tables * marks]: at least this many of mark k at table t */
    const unsigned char *allowed; /* [people * tables], 0: may not sit there; NULL: anywhere */
    const double *cost;  /* [people * tables]: cost of one round there; NULL: none */
    /* [rounds * people * tables]: a further cost of p at t in round r, at
     * [(r * people + p) * tables + t] (a re-plan: stay where you were);
     * NULL: none */
    const double *round_cost;
    double pair_weight;  /* cost of one repeated meeting against `cost` (default 1000) */
    const unsigned char *met; /* [people * people]: 1 = count as met before round 1; NULL */
    const int *first;    /* [people]: round 1 as given (kept); NULL: searched too */
    unsigned seed;
    double time_limit;   /* seconds; <= 0: none (then max_iterations must bound it) */
    long max_iterations; /* tabu moves in all; 0: no bound but the time */
    /* Stop once repeats are at most this, when it is above the counting
     * bound: a bound the caller knows (round 1 fixed with `met` has
     * repeats of its own no search removes).  -1: the counting bound. */
    long stop_at;
} rounds_spec;

/* Defaults: no marks, no costs, pair_weight 1000, seed 1, 10 s, no
 * iteration bound, stop_at -1.  Cannot fail. */
void rounds_spec_init(rounds_spec *s);

typedef struct {
    int *table;       /* [rounds * people]: table of person p in round r at [r*people + p] */
    long repeats;     /* meetings beyond the first, over all pairs (met counts as one) */
    long lower_bound; /* repeats no seating can avoid (counting, below) */
    double cost;      /* sum of `cost` over every round's seats */
    long iterations;
    int restarts;
    double seconds;
    bool stopped_at_time_limit; /* the time ran out before the bound was reached */
} rounds_result;

/* Repeats that no seating of the spec can avoid, by counting: a person at
 * tables of s_1 .. s_w people meets sum(s_r - 1) others with n - 1 to meet
 * (at the smallest tables at best), and all the rounds hold sum over tables
 * of s(s-1)/2 pairs each of n(n-1)/2.  Ignores `allowed`, marks and `met`.
 * Cannot fail. */
long rounds_lower_bound(const rounds_spec *s);

/* Seats every round.  Returns NULL when the spec is inconsistent (sizes
 * not summing to people, a bad `first`) or no seating keeps `allowed` and
 * `mark_min` (the greedy finds none and `first` gives no fallback);
 * otherwise a result the caller frees with rounds_result_free.  Never
 * returns a seating that breaks sizes, `allowed` or `mark_min`. */
rounds_result *rounds_search(const rounds_spec *s);

/* Accepts NULL. */
void rounds_result_free(rounds_result *r);

/* Meetings beyond the first over all pairs of a seating (rounds * people
 * tables, as rounds_result.table), with `met` (may be NULL) as one earlier
 * meeting.  The count the search minimises.  Cannot fail. */
long rounds_count_repeats(int people, int rounds, const int *table, const unsigned char *met);

#endif
