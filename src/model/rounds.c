/* rounds.c - w seatings of the same people with as few repeated pairs as
 * can be: a greedy construction, then a tabu search on pair conflicts
 * (rounds.h says what the spec holds and what the search keeps).
 *
 * The state is every round's seating, a matrix meet[a][b] of the rounds in
 * which a and b share a table (plus the spec's `met`), and the objective
 * f = pair_weight * repeats + cost, repeats = sum over pairs of
 * max(0, meet - 1).  A move swaps two people of different tables within one
 * round; it keeps every table's size, and moves that would break `allowed`
 * or a table's minimum of a mark are never made.  Each step takes the best
 * move that is not tabu among people in a conflict (someone at their table
 * they met before); a tabu move is taken when it beats the best seating so
 * far (aspiration).  A person who left table t in round r may not go back
 * for a random 3..7 steps.  After 300 steps without a new best the search
 * goes back to the best seating and perturbs it with random swaps; every
 * twentieth time it starts afresh from a new greedy construction.  All the
 * randomness comes from one generator seeded by the spec, so a run is
 * deterministic until the clock stops it. */
#include "rounds.h"

#include "model_private.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { STALL_STEPS = 300, RESTART_EVERY = 20, TENURE_MIN = 3, TENURE_SPAN = 5, COST_SAMPLE = 16 };

void rounds_spec_init(rounds_spec *s)
{
    memset(s, 0, sizeof *s);
    s->pair_weight = 1000;
    s->seed = 1;
    s->time_limit = 10;
    s->stop_at = -1;
}

void rounds_result_free(rounds_result *r)
{
    if (!r)
        return;
    free(r->table);
    free(r);
}

/* ---- counting ----------------------------------------------------------- */

long rounds_lower_bound(const rounds_spec *s)
{
    const long n = s->people;
    long pairs = 0, smallest = s->people;
    for (int t = 0; t < s->tables; t++) {
        pairs += (long)s->size[t] * (s->size[t] - 1) / 2;
        if (s->size[t] < smallest)
            smallest = s->size[t];
    }
    long by_pairs = (long)s->rounds * pairs - n * (n - 1) / 2;
    /* everyone meets at least w * (smallest - 1) people, n - 1 of them new */
    long excess = (long)s->rounds * (smallest - 1) - (n - 1);
    long by_people = excess > 0 ? (n * excess + 1) / 2 : 0;
    long lb = by_pairs > by_people ? by_pairs : by_people;
    return lb > 0 ? lb : 0;
}

long rounds_count_repeats(int people, int rounds, const int *table, const unsigned char *met)
{
    const size_t n = (size_t)people;
    long repeats = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            int m = met ? met[a * n + b] != 0 : 0;
            for (int r = 0; r < rounds; r++)
                m += table[(size_t)r * n + a] == table[(size_t)r * n + b];
            if (m > 1)
                repeats += m - 1;
        }
    return repeats;
}

/* ---- random numbers: splitmix64, one generator per search --------------- */

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int rng_below(uint64_t *s, int n)
{
    return n > 0 ? (int)(rng_next(s) % (uint64_t)n) : 0;
}

/* ---- the state ------------------------------------------------------------ */

typedef struct {
    const rounds_spec *sp;
    int n, w, g, r0, k; /* r0: first round the search may change; k: marks */
    int *start;         /* [g + 1]: slots of table t are start[t] .. start[t+1]-1 */
    int *slot;          /* [w * n]: who sits in slot i of round r */
    int *pos;           /* [w * n]: slot of person p in round r */
    int *tab;           /* [w * n]: table of person p in round r */
    unsigned short *meet; /* [n * n] */
    int *count;         /* [(w * g) * k]: marked people at each table */
    long *tabu;         /* [(w * n) * g]: step until which p may not go to t in round r */
    int *fill;          /* [g]: greedy: seats taken */
    int *blocked;       /* [n]: greedy: how many at the table met x */
    int *cand;          /* [w * n]: people in a conflict, as r * n + p */
    int *best;          /* [w * n]: the best seating so far */
    long repeats;
    double cost;
    uint64_t rng;
} rstate;

#define AT(st, r, p) ((size_t)(r) * (size_t)(st)->n + (size_t)(p))
#define MEET(st, a, b) ((st)->meet[(size_t)(a) * (size_t)(st)->n + (size_t)(b)])
#define COUNT(st, r, t, m) ((st)->count[((size_t)(r) * (size_t)(st)->g + (size_t)(t)) * (size_t)(st)->k + (size_t)(m)])

static double seat_cost(const rstate *st, int r, int p, int t)
{
    double c = st->sp->cost ? st->sp->cost[(size_t)p * (size_t)st->g + (size_t)t] : 0;
    if (st->sp->round_cost)
        c += st->sp->round_cost[AT(st, r, p) * (size_t)st->g + (size_t)t];
    return c;
}

static bool has_costs(const rstate *st)
{
    return st->sp->cost || st->sp->round_cost;
}

static bool may_sit(const rstate *st, int p, int t)
{
    return !st->sp->allowed || st->sp->allowed[(size_t)p * (size_t)st->g + (size_t)t];
}

static bool has_mark(const rstate *st, int p, int m)
{
    return st->sp->mark && (st->sp->mark[p] >> m & 1);
}

static double objective(const rstate *st)
{
    return st->sp->pair_weight * (double)st->repeats + st->cost;
}

static rstate *state_new(const rounds_spec *sp)
{
    rstate *st = model_calloc(1, sizeof *st);
    st->sp = sp;
    st->n = sp->people;
    st->w = sp->rounds;
    st->g = sp->tables;
    st->k = sp->mark && sp->mark_min ? sp->marks : 0;
    st->r0 = sp->first ? 1 : 0;
    size_t wn = (size_t)st->w * (size_t)st->n;
    st->start = model_calloc((size_t)st->g + 1, sizeof *st->start);
    for (int t = 0; t < st->g; t++)
        st->start[t + 1] = st->start[t] + sp->size[t];
    st->slot = model_calloc(wn, sizeof *st->slot);
    st->pos = model_calloc(wn, sizeof *st->pos);
    st->tab = model_calloc(wn, sizeof *st->tab);
    st->meet = model_calloc((size_t)st->n * (size_t)st->n, sizeof *st->meet);
    st->count = model_calloc((size_t)st->w * (size_t)st->g * (size_t)(st->k + 1), sizeof *st->count);
    st->tabu = model_calloc(wn * (size_t)st->g, sizeof *st->tabu);
    st->fill = model_calloc((size_t)st->g, sizeof *st->fill);
    st->blocked = model_calloc((size_t)st->n, sizeof *st->blocked);
    st->cand = model_calloc(wn, sizeof *st->cand);
    st->best = model_calloc(wn, sizeof *st->best);
    st->rng = 0x7473756e61677500ULL ^ sp->seed;
    return st;
}

static void state_free(rstate *st)
{
    free(st->start);
    free(st->slot);
    free(st->pos);
    free(st->tab);
    free(st->meet);
    free(st->count);
    free(st->tabu);
    free(st->fill);
    free(st->blocked);
    free(st->cand);
    free(st->best);
    free(st);
}

/* ---- seating one person, and the whole state from tables ---------------- */

/* p joins table t in round r (greedy): meetings with those already there. */
static void seat(rstate *st, int r, int p, int t)
{
    for (int i = st->start[t]; i < st->start[t] + st->fill[t]; i++) {
        int x = st->slot[AT(st, r, i)];
        if (MEET(st, p, x)++ >= 1)
            st->repeats++;
        MEET(st, x, p)++;
    }
    int i = st->start[t] + st->fill[t]++;
    st->slot[AT(st, r, i)] = p;
    st->pos[AT(st, r, p)] = i;
    st->tab[AT(st, r, p)] = t;
    for (int m = 0; m < st->k; m++)
        COUNT(st, r, t, m) += has_mark(st, p, m);
    st->cost += seat_cost(st, r, p, t);
}

static void clear_round(rstate *st, int r)
{
    memset(st->fill, 0, (size_t)st->g * sizeof *st->fill);
    for (int t = 0; t < st->g; t++)
        for (int m = 0; m < st->k; m++)
            COUNT(st, r, t, m) = 0;
}

/* Everything from tab[] of rounds 0 .. upto-1: slots, meetings (with the
 * spec's `met`), counts, repeats, cost. */
static void state_load(rstate *st, const int *tab, int upto)
{
    const size_t n = (size_t)st->n;
    memset(st->meet, 0, n * n * sizeof *st->meet);
    if (st->sp->met)
        for (size_t i = 0; i < n * n; i++)
            st->meet[i] = st->sp->met[i] != 0;
    st->repeats = 0;
    st->cost = 0;
    for (int r = 0; r < upto; r++) {
        clear_round(st, r);
        for (int p = 0; p < st->n; p++)
            seat(st, r, p, tab[AT(st, r, p)]);
    }
}

/* ---- the greedy construction -------------------------------------------- */

/* What seating p at t adds now: pair_weight per person there already met,
 * the seat's cost; then, below either, how few people the table could
 * still take in without a repeat ("freedom", Triska & Musliu: keep the
 * tables open to people not met yet), and a random tie-break.
 * blocked[x]: how many at t have met x. */
static double greedy_price(rstate *st, int r, int p, int t, const int *blocked)
{
    int again = 0, free_after = 0;
    for (int i = st->start[t]; i < st->start[t] + st->fill[t]; i++)
        again += MEET(st, p, st->slot[AT(st, r, i)]) >= 1;
    for (int x = 0; x < st->n; x++)
        free_after += blocked[x] == 0 && MEET(st, p, x) == 0 && x != p;
    double closed = (double)(st->n - free_after) / (double)(st->n + 1);
    return st->sp->pair_weight * again + seat_cost(st, r, p, t) + closed * 1e-4 +
           (double)rng_below(&st->rng, 1000) * 1e-8;
}

/* The cheapest unseated person for table t (with mark m when m >= 0), or -1. */
static int greedy_pick(rstate *st, int r, int t, int m, const bool *seated, int *blocked)
{
    memset(blocked, 0, (size_t)st->n * sizeof *blocked);
    for (int i = st->start[t]; i < st->start[t] + st->fill[t]; i++) {
        int y = st->slot[AT(st, r, i)];
        for (int x = 0; x < st->n; x++)
            blocked[x] += MEET(st, y, x) >= 1 || x == y;
    }
    int who = -1;
    double price = INFINITY;
    for (int p = 0; p < st->n; p++) {
        if (seated[p] || !may_sit(st, p, t) || (m >= 0 && !has_mark(st, p, m)))
            continue;
        double c = greedy_price(st, r, p, t, blocked);
        if (c < price) {
            price = c;
            who = p;
        }
    }
    return who;
}

/* Tables p may sit at. */
static int options(const rstate *st, int p)
{
    int c = 0;
    for (int t = 0; t < st->g; t++)
        c += may_sit(st, p, t);
    return c;
}

/* People who may sit at only some tables, fewest tables first, each at
 * the cheapest of theirs with a seat left.  False when one finds none. */
static bool greedy_restricted(rstate *st, int r, bool *seated)
{
    for (int limit = 1; limit < st->g; limit++)
        for (int p = 0; p < st->n; p++) {
            if (seated[p] || options(st, p) != limit)
                continue;
            int best = -1;
            double price = INFINITY;
            for (int t = 0; t < st->g; t++) {
                if (!may_sit(st, p, t) || st->fill[t] >= st->sp->size[t])
                    continue;
                memset(st->blocked, 0, (size_t)st->n * sizeof *st->blocked);
                double c = greedy_price(st, r, p, t, st->blocked);
                if (c < price) {
                    price = c;
                    best = t;
                }
            }
            if (best < 0)
                return false;
            seated[p] = true;
            seat(st, r, p, best);
        }
    return true;
}

/* One round: first each table's minimum of every mark, then the people
 * with few tables to choose from, then every table filled in turn.  False
 * when somebody or some seat is left over. */
static bool greedy_round(rstate *st, int r, bool *seated)
{
    memset(seated, 0, (size_t)st->n * sizeof *seated);
    clear_round(st, r);
    for (int m = 0; m < st->k; m++)
        for (int t = 0; t < st->g; t++)
            while (COUNT(st, r, t, m) < st->sp->mark_min[(size_t)t * (size_t)st->k + (size_t)m]) {
                int p = st->fill[t] < st->sp->size[t] ? greedy_pick(st, r, t, m, seated, st->blocked) : -1;
                if (p < 0)
                    return false;
                seated[p] = true;
                seat(st, r, p, t);
            }
    if (st->sp->allowed && !greedy_restricted(st, r, seated))
        return false;
    for (int t = 0; t < st->g; t++)
        while (st->fill[t] < st->sp->size[t]) {
            int p = greedy_pick(st, r, t, -1, seated, st->blocked);
            if (p < 0)
                return false;
            seated[p] = true;
            seat(st, r, p, t);
        }
    return true;
}

/* Every round from r0 on, greedy; a round the greedy cannot seat takes
 * round 1's seating (kept by `first`, so it keeps the rules).  False when
 * there is no such fallback. */
static bool construct(rstate *st)
{
    int *tab = model_calloc((size_t)st->w * (size_t)st->n, sizeof *tab);
    bool *seated = model_calloc((size_t)st->n, sizeof *seated);
    if (st->sp->first)
        memcpy(tab, st->sp->first, (size_t)st->n * sizeof *tab);
    state_load(st, tab, st->r0);
    bool ok = true;
    for (int r = st->r0; r < st->w && ok; r++) {
        if (greedy_round(st, r, seated)) {
            memcpy(tab + AT(st, r, 0), st->tab + AT(st, r, 0), (size_t)st->n * sizeof *tab);
            continue;
        }
        ok = st->sp->first != NULL;
        if (ok) {
            memcpy(tab + AT(st, r, 0), st->sp->first, (size_t)st->n * sizeof *tab);
            state_load(st, tab, r + 1);
        }
    }
    free(seated);
    free(tab);
    return ok;
}

/* ---- moves: swapping a and b of different tables in round r ------------- */

/* Repeats gained by the swap: a leaves ta for tb, b leaves tb for ta. */
static long swap_repeats(const rstate *st, int r, int a, int b)
{
    int ta = st->tab[AT(st, r, a)], tb = st->tab[AT(st, r, b)];
    long d = 0;
    for (int i = st->start[ta]; i < st->start[ta + 1]; i++) {
        int x = st->slot[AT(st, r, i)];
        if (x != a)
            d += (MEET(st, b, x) >= 1) - (MEET(st, a, x) >= 2);
    }
    for (int i = st->start[tb]; i < st->start[tb + 1]; i++) {
        int y = st->slot[AT(st, r, i)];
        if (y != b)
            d += (MEET(st, a, y) >= 1) - (MEET(st, b, y) >= 2);
    }
    return d;
}

static double swap_delta(const rstate *st, int r, int a, int b)
{
    int ta = st->tab[AT(st, r, a)], tb = st->tab[AT(st, r, b)];
    double dc = has_costs(st) ? seat_cost(st, r, a, tb) - seat_cost(st, r, a, ta) + seat_cost(st, r, b, ta) - seat_cost(st, r, b, tb) : 0;
    return st->sp->pair_weight * (double)swap_repeats(st, r, a, b) + dc;
}

/* The swap keeps `allowed` and every table's minimum of each mark. */
static bool swap_ok(const rstate *st, int r, int a, int b)
{
    int ta = st->tab[AT(st, r, a)], tb = st->tab[AT(st, r, b)];
    if (ta == tb || !may_sit(st, a, tb) || !may_sit(st, b, ta))
        return false;
    for (int m = 0; m < st->k; m++) {
        int d = has_mark(st, b, m) - has_mark(st, a, m); /* at ta; -d at tb */
        if (d < 0 && COUNT(st, r, ta, m) + d < st->sp->mark_min[(size_t)ta * (size_t)st->k + (size_t)m])
            return false;
        if (d > 0 && COUNT(st, r, tb, m) - d < st->sp->mark_min[(size_t)tb * (size_t)st->k + (size_t)m])
            return false;
    }
    return true;
}

/* p leaves table `from` (round r): meetings with those left there. */
static void meet_leave(rstate *st, int r, int p, int t)
{
    for (int i = st->start[t]; i < st->start[t + 1]; i++) {
        int x = st->slot[AT(st, r, i)];
        if (x == p)
            continue;
        if (MEET(st, p, x)-- >= 2)
            st->repeats--;
        MEET(st, x, p)--;
    }
}

static void meet_join(rstate *st, int r, int p, int t)
{
    for (int i = st->start[t]; i < st->start[t + 1]; i++) {
        int x = st->slot[AT(st, r, i)];
        if (x == p)
            continue;
        if (MEET(st, p, x)++ >= 1)
            st->repeats++;
        MEET(st, x, p)++;
    }
}

static void swap_apply(rstate *st, int r, int a, int b)
{
    int ta = st->tab[AT(st, r, a)], tb = st->tab[AT(st, r, b)];
    int ia = st->pos[AT(st, r, a)], ib = st->pos[AT(st, r, b)];
    meet_leave(st, r, a, ta);
    meet_leave(st, r, b, tb);
    st->slot[AT(st, r, ia)] = b;
    st->slot[AT(st, r, ib)] = a;
    st->pos[AT(st, r, a)] = ib;
    st->pos[AT(st, r, b)] = ia;
    st->tab[AT(st, r, a)] = tb;
    st->tab[AT(st, r, b)] = ta;
    meet_join(st, r, a, tb); /* b is at ta now, a's old slot: not a pair */
    meet_join(st, r, b, ta);
    for (int m = 0; m < st->k; m++) {
        int d = has_mark(st, b, m) - has_mark(st, a, m);
        COUNT(st, r, ta, m) += d;
        COUNT(st, r, tb, m) -= d;
    }
    st->cost += seat_cost(st, r, a, tb) - seat_cost(st, r, a, ta) + seat_cost(st, r, b, ta) - seat_cost(st, r, b, tb);
}

/* ---- the tabu search ----------------------------------------------------- */

/* People the search may move this step, as r * n + p: everyone of rounds
 * r0.. at a table with someone they met before, and with costs a random
 * sample of the others (so that seats improve once pairs are settled). */
static int candidates(rstate *st)
{
    int c = 0;
    for (int r = st->r0; r < st->w; r++)
        for (int t = 0; t < st->g; t++)
            for (int i = st->start[t]; i < st->start[t + 1]; i++) {
                int a = st->slot[AT(st, r, i)];
                for (int j = st->start[t]; j < st->start[t + 1]; j++)
                    if (j != i && MEET(st, a, st->slot[AT(st, r, j)]) >= 2) {
                        st->cand[c++] = (int)AT(st, r, a);
                        break;
                    }
            }
    if (has_costs(st) && st->w > st->r0)
        for (int s = 0; s < COST_SAMPLE && c < st->w * st->n; s++)
            st->cand[c++] = (int)AT(st, st->r0 + rng_below(&st->rng, st->w - st->r0), rng_below(&st->rng, st->n));
    return c;
}

typedef struct {
    int r, a, b;
    double delta;
    int ties;
} rmove;

static bool is_tabu(const rstate *st, long step, int r, int a, int b)
{
    size_t g = (size_t)st->g;
    return st->tabu[AT(st, r, a) * g + (size_t)st->tab[AT(st, r, b)]] > step ||
           st->tabu[AT(st, r, b) * g + (size_t)st->tab[AT(st, r, a)]] > step;
}

/* Keep (r, a, b) in *mv when it is better than what is there; equal moves
 * win with equal chance (reservoir). */
static void consider(rstate *st, rmove *mv, int r, int a, int b, double delta)
{
    if (delta < mv->delta - 1e-9) {
        *mv = (rmove){r, a, b, delta, 1};
    } else if (delta < mv->delta + 1e-9 && rng_below(&st->rng, ++mv->ties) == 0) {
        mv->r = r;
        mv->a = a;
        mv->b = b;
    }
}

/* The best move at this step, tabu ones only when they beat best_f. */
static bool best_move(rstate *st, long step, double best_f, rmove *mv)
{
    int c = candidates(st);
    double f = objective(st);
    *mv = (rmove){-1, -1, -1, INFINITY, 0};
    for (int ci = 0; ci < c; ci++) {
        int r = st->cand[ci] / st->n, a = st->cand[ci] % st->n;
        for (int i = 0; i < st->n; i++) {
            int b = st->slot[AT(st, r, i)];
            if (!swap_ok(st, r, a, b))
                continue;
            double d = swap_delta(st, r, a, b);
            if (d < mv->delta + 1e-9 && (!is_tabu(st, step, r, a, b) || f + d < best_f - 1e-9))
                consider(st, mv, r, a, b, d);
        }
    }
    return mv->r >= 0;
}

static void make_move(rstate *st, long step, int r, int a, int b)
{
    size_t g = (size_t)st->g;
    long until = step + TENURE_MIN + rng_below(&st->rng, TENURE_SPAN);
    st->tabu[AT(st, r, a) * g + (size_t)st->tab[AT(st, r, a)]] = until;
    st->tabu[AT(st, r, b) * g + (size_t)st->tab[AT(st, r, b)]] = until;
    swap_apply(st, r, a, b);
}

/* A few random swaps that keep the rules. */
static void perturb(rstate *st, int swaps)
{
    for (int s = 0, tries = 0; s < swaps && tries < 100 * swaps; tries++) {
        int r = st->r0 + rng_below(&st->rng, st->w - st->r0);
        int a = rng_below(&st->rng, st->n), b = rng_below(&st->rng, st->n);
        if (swap_ok(st, r, a, b)) {
            swap_apply(st, r, a, b);
            s++;
        }
    }
}

typedef struct {
    double best_f;
    long step, stall;
    int kicks;
} rprogress;

/* After STALL_STEPS without a new best: back to the best and a kick, or
 * every RESTART_EVERY kicks a fresh greedy start. */
static void escape(rstate *st, rprogress *pr, rounds_result *res)
{
    pr->stall = 0;
    res->restarts++;
    if (++pr->kicks % RESTART_EVERY == 0 && construct(st))
        return;
    state_load(st, st->best, st->w);
    perturb(st, 2 + rng_below(&st->rng, 4));
}

static bool finished(const rstate *st, const rprogress *pr, long lb)
{
    if (st->repeats > lb)
        return false;
    return !has_costs(st) || pr->stall >= STALL_STEPS;
}

static void keep_if_best(rstate *st, rprogress *pr)
{
    double f = objective(st);
    if (f < pr->best_f - 1e-9) {
        pr->best_f = f;
        pr->stall = 0;
        memcpy(st->best, st->tab, (size_t)st->w * (size_t)st->n * sizeof *st->best);
    } else {
        pr->stall++;
    }
}

static void search(rstate *st, rounds_result *res, double t0)
{
    rprogress pr = {objective(st), 0, 0, 0};
    memcpy(st->best, st->tab, (size_t)st->w * (size_t)st->n * sizeof *st->best);
    const rounds_spec *sp = st->sp;
    while (st->w > st->r0 && !finished(st, &pr, res->lower_bound)) {
        if (sp->max_iterations > 0 && pr.step >= sp->max_iterations)
            break;
        if (sp->time_limit > 0 && (pr.step & 63) == 0 && model_now() - t0 > sp->time_limit) {
            res->stopped_at_time_limit = true;
            break;
        }
        rmove mv;
        if (best_move(st, pr.step, pr.best_f, &mv))
            make_move(st, pr.step, mv.r, mv.a, mv.b);
        pr.step++;
        keep_if_best(st, &pr);
        if (pr.stall >= STALL_STEPS && st->repeats > res->lower_bound)
            escape(st, &pr, res);
    }
    res->iterations = pr.step;
    state_load(st, st->best, st->w);
}

static bool spec_ok(const rounds_spec *s)
{
    if (s->people < 1 || s->rounds < 1 || s->tables < 1 || !s->size || s->marks < 0 ||
        s->marks > ROUNDS_MAX_MARKS || (s->time_limit <= 0 && s->max_iterations <= 0))
        return false;
    long sum = 0;
    for (int t = 0; t < s->tables; t++)
        sum += s->size[t] >= 0 ? s->size[t] : -1000000;
    if (sum != s->people)
        return false;
    if (s->first) {
        int *fill = model_calloc((size_t)s->tables, sizeof *fill);
        bool ok = true;
        for (int p = 0; p < s->people && ok; p++) {
            ok = s->first[p] >= 0 && s->first[p] < s->tables;
            if (ok)
                ok = ++fill[s->first[p]] <= s->size[s->first[p]];
        }
        free(fill);
        return ok;
    }
    return true;
}

rounds_result *rounds_search(const rounds_spec *s)
{
    if (!spec_ok(s))
        return NULL;
    double t0 = model_now();
    rstate *st = state_new(s);
    if (!construct(st)) {
        state_free(st);
        return NULL;
    }
    rounds_result *res = model_calloc(1, sizeof *res);
    res->lower_bound = rounds_lower_bound(s);
    long bound = res->lower_bound;
    if (s->stop_at > bound) /* searched to the caller's bound, reported as counted */
        res->lower_bound = s->stop_at;
    search(st, res, t0);
    res->lower_bound = bound;
    res->table = model_calloc((size_t)s->rounds * (size_t)s->people, sizeof *res->table);
    memcpy(res->table, st->tab, (size_t)s->rounds * (size_t)s->people * sizeof *res->table);
    res->repeats = st->repeats;
    res->cost = st->cost;
    res->seconds = model_now() - t0;
    state_free(st);
    return res;
}
