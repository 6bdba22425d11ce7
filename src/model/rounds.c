/* rounds.c - w seatings of the same people with as few repeated pairs as
 * can be: a greedy construction, then a tabu search on pair conflicts
 * (rounds.h says what the spec holds and what the search keeps).
 *
 * The state is every round's seating and a matrix meet[a][b] of the rounds
 * in which a and b share a table (plus the spec's `met`); the objective is
 * f = pair_weight * repeats + cost, repeats = sum over pairs of
 * max(0, meet - 1).  A move swaps two people of different tables within one
 * round; it keeps every table's size, and moves that would break `allowed`
 * or a table's minimum of a mark are never made.  Two counts kept up to
 * date with every move price a swap in four lookups instead of a walk over
 * both tables:
 *   conf[r][p]    people at p's table in round r whom p meets twice or
 *                 more: the repeats p leaving that table removes;
 *   join[r][p][t] people at table t in round r whom p has met: the repeats
 *                 p joining t adds.
 * Swapping a (table ta) and b (table tb) in round r changes the repeats by
 * join[r][b][ta] + join[r][a][tb] - 2 [a met b] - conf[r][a] - conf[r][b].
 *
 * Each step takes the best swap of someone in a conflict (Dotú & Van
 * Hentenryck 2005) that is not tabu: a pair swapped in a round may not be
 * swapped again there for 1-3 steps, unless the swap beats the best seating
 * so far (aspiration).  Short tenures measured best (docs/bench/rounds.md).
 * After a stall the search goes back to the best seating and perturbs it
 * with a few random swaps; every twentieth time it starts afresh from a new
 * greedy construction.  All the randomness comes from one generator seeded
 * by the spec, so a run is deterministic until the clock stops it. */
#include "rounds.h"

#include "model_private.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    TENURE_MIN = 1,     /* a swapped pair is tabu for TENURE_MIN + random(TENURE_SPAN) steps */
    TENURE_SPAN = 3,
    KICK_STALL = 2000,  /* steps without a new best, repeats left: a kick */
    COST_STALL = 300,   /* steps without a new best, repeats at their target: done */
    KICK_MIN = 2,       /* random swaps of a kick: KICK_MIN + random(KICK_SPAN) */
    KICK_SPAN = 4,
    RESTART_EVERY = 20, /* every so many kicks: a fresh construction instead */
    COST_SAMPLE = 16,   /* with costs: random people considered per step */
    TABU_SLOTS = 2      /* the last swaps remembered per person and round */
};

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
    long until; /* step until which p and partner may not swap again */
    int partner;
} rtabu;

typedef struct {
    const rounds_spec *sp;
    int n, w, g, k;     /* k: marks */
    int r0;             /* first round the search may change (1 with `first`) */
    int *start;         /* [g + 1]: slots of table t are start[t] .. start[t+1]-1 */
    int *slot;          /* [w * n]: who sits in slot i of round r; -1: nobody yet */
    int *pos;           /* [w * n]: slot of person p in round r */
    int *tab;           /* [w * n]: table of person p in round r; -1: standing */
    unsigned short *meet; /* [n * n] */
    int *conf;          /* [w * n]: see the top of the file */
    int *join;          /* [(w * n) * g]: see the top of the file */
    int *clist, *cpos;  /* people in a conflict in rounds r0..: r * n + p, as a set */
    int nconf;
    int *count;         /* [(w * g) * k]: marked people at each table */
    int *options;       /* [n]: tables p may sit at */
    rtabu *tabu;        /* [(w * n) * TABU_SLOTS] */
    int *best;          /* [w * n]: the best seating so far */
    int *adj, *adj_at;  /* greedy: whom each person has met, adj[adj_at[p] .. adj_at[p+1]) */
    size_t adj_cap;
    bool *seated;       /* greedy: [n] */
    int *cand;          /* [w * n + COST_SAMPLE]: people considered this step, r * n + p */
    long repeats;
    double cost;
    uint64_t rng;
} rstate;

#define AT(st, r, p) ((size_t)(r) * (size_t)(st)->n + (size_t)(p))
#define TAB(st, r, p) ((st)->tab[AT(st, r, p)])
#define MEET(st, a, b) ((st)->meet[(size_t)(a) * (size_t)(st)->n + (size_t)(b)])
#define CONF(st, r, p) ((st)->conf[AT(st, r, p)])
#define JOIN(st, r, p, t) ((st)->join[AT(st, r, p) * (size_t)(st)->g + (size_t)(t)])
#define COUNT(st, r, t, m) ((st)->count[((size_t)(r) * (size_t)(st)->g + (size_t)(t)) * (size_t)(st)->k + (size_t)(m)])
#define MARK_MIN(st, t, m) ((st)->sp->mark_min[(size_t)(t) * (size_t)(st)->k + (size_t)(m)])

static inline double seat_cost(const rstate *st, int r, int p, int t)
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

static inline bool may_sit(const rstate *st, int p, int t)
{
    return !st->sp->allowed || st->sp->allowed[(size_t)p * (size_t)st->g + (size_t)t];
}

static inline bool has_mark(const rstate *st, int p, int m)
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
    size_t n = (size_t)st->n, wn = (size_t)st->w * n;
    st->start = model_calloc((size_t)st->g + 1, sizeof *st->start);
    for (int t = 0; t < st->g; t++)
        st->start[t + 1] = st->start[t] + sp->size[t];
    st->slot = model_calloc(wn, sizeof *st->slot);
    st->pos = model_calloc(wn, sizeof *st->pos);
    st->tab = model_calloc(wn, sizeof *st->tab);
    st->meet = model_calloc(n * n, sizeof *st->meet);
    st->conf = model_calloc(wn, sizeof *st->conf);
    st->join = model_calloc(wn * (size_t)st->g, sizeof *st->join);
    st->clist = model_calloc(wn, sizeof *st->clist);
    st->cpos = model_calloc(wn, sizeof *st->cpos);
    st->count = model_calloc((size_t)st->w * (size_t)st->g * (size_t)(st->k + 1), sizeof *st->count);
    st->options = model_calloc(n, sizeof *st->options);
    for (int p = 0; p < st->n; p++)
        for (int t = 0; t < st->g; t++)
            st->options[p] += may_sit(st, p, t);
    st->tabu = model_calloc(wn * TABU_SLOTS, sizeof *st->tabu);
    st->best = model_calloc(wn, sizeof *st->best);
    st->adj_at = model_calloc(n + 1, sizeof *st->adj_at);
    st->seated = model_calloc(n, sizeof *st->seated);
    st->cand = model_calloc(wn + COST_SAMPLE, sizeof *st->cand);
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
    free(st->conf);
    free(st->join);
    free(st->clist);
    free(st->cpos);
    free(st->count);
    free(st->options);
    free(st->tabu);
    free(st->best);
    free(st->adj);
    free(st->adj_at);
    free(st->seated);
    free(st->cand);
    free(st);
}

/* ---- keeping meet, conf and join up to date ----------------------------- */

/* conf[r][p] += d, keeping the set of people in a conflict. */
static void conf_add(rstate *st, int r, int p, int d)
{
    size_t i = AT(st, r, p);
    int before = st->conf[i];
    st->conf[i] += d;
    if (r < st->r0)
        return;
    if (before == 0 && st->conf[i] > 0) {
        st->cpos[i] = st->nconf;
        st->clist[st->nconf++] = (int)i;
    } else if (before > 0 && st->conf[i] == 0) {
        int last = st->clist[--st->nconf];
        st->clist[st->cpos[i]] = last;
        st->cpos[last] = st->cpos[i];
    }
}

/* a and b meet d (+1 or -1) times more.  A pair going between once and
 * twice changes conf in the rounds where both sit at one table; between
 * never and once, join in every round (towards the tables of the seated). */
static void meet_add(rstate *st, int a, int b, int d)
{
    int v = MEET(st, a, b), u = v + d, low = d > 0 ? v : u;
    MEET(st, a, b) = MEET(st, b, a) = (unsigned short)u;
    if (low >= 1)
        st->repeats += d;
    if (low > 1)
        return;
    for (int r = 0; r < st->w; r++) {
        int ta = TAB(st, r, a), tb = TAB(st, r, b);
        if (low == 1 && ta >= 0 && ta == tb) {
            conf_add(st, r, a, d);
            conf_add(st, r, b, d);
        }
        if (low == 0 && tb >= 0)
            JOIN(st, r, a, tb) += d;
        if (low == 0 && ta >= 0)
            JOIN(st, r, b, ta) += d;
    }
}

/* p stands up from its table in round r: first out of the round's
 * relations (conf, join) with meet unchanged, then the meetings undone. */
static void stand(rstate *st, int r, int p)
{
    int t = TAB(st, r, p);
    TAB(st, r, p) = -1;
    st->slot[AT(st, r, st->pos[AT(st, r, p)])] = -1;
    for (int i = st->start[t]; i < st->start[t + 1]; i++) {
        int x = st->slot[AT(st, r, i)];
        if (x >= 0 && MEET(st, p, x) >= 2) {
            conf_add(st, r, x, -1);
            conf_add(st, r, p, -1);
        }
    }
    const unsigned short *row = &MEET(st, p, 0);
    for (int x = 0; x < st->n; x++)
        if (row[x])
            JOIN(st, r, x, t)--;
    for (int i = st->start[t]; i < st->start[t + 1]; i++) {
        int x = st->slot[AT(st, r, i)];
        if (x >= 0)
            meet_add(st, p, x, -1);
    }
    for (int m = 0; m < st->k; m++)
        COUNT(st, r, t, m) -= has_mark(st, p, m);
    st->cost -= seat_cost(st, r, p, t);
}

/* p sits down at table t, slot i, in round r: the inverse of stand. */
static void sit(rstate *st, int r, int p, int t, int i)
{
    for (int j = st->start[t]; j < st->start[t + 1]; j++) {
        int x = st->slot[AT(st, r, j)];
        if (x >= 0)
            meet_add(st, p, x, +1);
    }
    TAB(st, r, p) = t;
    st->pos[AT(st, r, p)] = i;
    st->slot[AT(st, r, i)] = p;
    for (int j = st->start[t]; j < st->start[t + 1]; j++) {
        int x = st->slot[AT(st, r, j)];
        if (x >= 0 && x != p && MEET(st, p, x) >= 2) {
            conf_add(st, r, x, +1);
            conf_add(st, r, p, +1);
        }
    }
    const unsigned short *row = &MEET(st, p, 0);
    for (int x = 0; x < st->n; x++)
        if (row[x])
            JOIN(st, r, x, t)++;
    for (int m = 0; m < st->k; m++)
        COUNT(st, r, t, m) += has_mark(st, p, m);
    st->cost += seat_cost(st, r, p, t);
}

/* p sits at the first free slot of table t. */
static void sit_free(rstate *st, int r, int p, int t)
{
    int i = st->start[t];
    while (st->slot[AT(st, r, i)] >= 0)
        i++;
    sit(st, r, p, t, i);
}

/* Everybody standing, nobody met but `met` (the diagonal ignored). */
static void state_clear(rstate *st)
{
    const size_t n = (size_t)st->n, wn = (size_t)st->w * n;
    memset(st->meet, 0, n * n * sizeof *st->meet);
    if (st->sp->met)
        for (size_t i = 0; i < n * n; i++)
            st->meet[i] = st->sp->met[i] != 0 && i / n != i % n;
    for (size_t i = 0; i < wn; i++)
        st->slot[i] = st->tab[i] = -1;
    memset(st->conf, 0, wn * sizeof *st->conf);
    memset(st->join, 0, wn * (size_t)st->g * sizeof *st->join);
    memset(st->count, 0, (size_t)st->w * (size_t)st->g * (size_t)(st->k + 1) * sizeof *st->count);
    st->nconf = 0;
    st->repeats = 0;
    st->cost = 0;
}

/* Everything from tab[] (every round). */
static void state_load(rstate *st, const int *tab)
{
    state_clear(st);
    for (int r = 0; r < st->w; r++)
        for (int p = 0; p < st->n; p++)
            sit_free(st, r, p, tab[AT(st, r, p)]);
}

/* ---- the greedy construction -------------------------------------------- */

/* adj: whom each person has met so far.  It stays right while a round is
 * built: only the seated meet anyone, and they are no longer candidates. */
static void build_adj(rstate *st)
{
    size_t c = 0;
    for (size_t i = 0; i < (size_t)st->n * (size_t)st->n; i++)
        c += st->meet[i] != 0;
    if (c + 1 > st->adj_cap) {
        st->adj_cap = c + 1;
        st->adj = model_realloc(st->adj, st->adj_cap * sizeof *st->adj);
    }
    c = 0;
    for (int p = 0; p < st->n; p++) {
        st->adj_at[p] = (int)c;
        const unsigned short *row = &MEET(st, p, 0);
        for (int x = 0; x < st->n; x++)
            if (row[x])
                st->adj[c++] = x;
    }
    st->adj_at[st->n] = (int)c;
}

/* What seating p at t adds now: pair_weight per person there already met,
 * the seat's cost; then, below either, how few unseated people the table
 * could still take in without a repeat ("freedom", after Triska & Musliu:
 * keep the tables open to people not met yet), and a random tie-break.
 * open: unseated people who have met nobody at t. */
static double greedy_price(rstate *st, int r, int p, int t, int open)
{
    int free_after = open - (JOIN(st, r, p, t) == 0);
    for (int j = st->adj_at[p]; j < st->adj_at[p + 1]; j++) {
        int x = st->adj[j];
        free_after -= !st->seated[x] && JOIN(st, r, x, t) == 0;
    }
    double closed = (double)(st->n - free_after) / (double)(st->n + 1);
    return st->sp->pair_weight * JOIN(st, r, p, t) + seat_cost(st, r, p, t) + closed * 1e-4 +
           (double)rng_below(&st->rng, 1000) * 1e-8;
}

/* The cheapest unseated person for table t (with mark m when m >= 0), or -1. */
static int greedy_pick(rstate *st, int r, int t, int m)
{
    int open = 0;
    for (int x = 0; x < st->n; x++)
        open += !st->seated[x] && JOIN(st, r, x, t) == 0;
    int who = -1;
    double price = INFINITY;
    for (int p = 0; p < st->n; p++) {
        if (st->seated[p] || !may_sit(st, p, t) || (m >= 0 && !has_mark(st, p, m)))
            continue;
        double c = greedy_price(st, r, p, t, open);
        if (c < price) {
            price = c;
            who = p;
        }
    }
    return who;
}

static int room(const rstate *st, int r, int t)
{
    int c = 0;
    for (int i = st->start[t]; i < st->start[t + 1]; i++)
        c += st->slot[AT(st, r, i)] < 0;
    return c;
}

static void greedy_seat(rstate *st, int r, int p, int t)
{
    st->seated[p] = true;
    sit_free(st, r, p, t);
}

/* People who may sit at only some tables, fewest tables first, each at
 * the cheapest of theirs with a seat left.  False when one finds none. */
static bool greedy_restricted(rstate *st, int r)
{
    for (int limit = 1; limit < st->g; limit++)
        for (int p = 0; p < st->n; p++) {
            if (st->seated[p] || st->options[p] != limit)
                continue;
            int best = -1;
            double price = INFINITY;
            for (int t = 0; t < st->g; t++) {
                if (!may_sit(st, p, t) || room(st, r, t) == 0)
                    continue;
                double c = st->sp->pair_weight * JOIN(st, r, p, t) + seat_cost(st, r, p, t) +
                           (double)rng_below(&st->rng, 1000) * 1e-8;
                if (c < price) {
                    price = c;
                    best = t;
                }
            }
            if (best < 0)
                return false;
            greedy_seat(st, r, p, best);
        }
    return true;
}

/* One round, everybody standing in it: first each table's minimum of
 * every mark, then the people with few tables to choose from, then every
 * table filled in turn.  False when somebody or some seat is left over. */
static bool greedy_round(rstate *st, int r)
{
    memset(st->seated, 0, (size_t)st->n * sizeof *st->seated);
    build_adj(st);
    for (int m = 0; m < st->k; m++)
        for (int t = 0; t < st->g; t++)
            while (COUNT(st, r, t, m) < MARK_MIN(st, t, m)) {
                int p = room(st, r, t) > 0 ? greedy_pick(st, r, t, m) : -1;
                if (p < 0)
                    return false;
                greedy_seat(st, r, p, t);
            }
    if (st->sp->allowed && !greedy_restricted(st, r))
        return false;
    for (int t = 0; t < st->g; t++)
        for (int left = room(st, r, t); left > 0; left--) {
            int p = greedy_pick(st, r, t, -1);
            if (p < 0)
                return false;
            greedy_seat(st, r, p, t);
        }
    return true;
}

/* Every round from r0 on, greedy; a round the greedy cannot seat takes
 * round 1's seating (kept by `first`, so it keeps the rules).  False when
 * there is no such fallback. */
static bool construct(rstate *st)
{
    state_clear(st);
    if (st->sp->first)
        for (int p = 0; p < st->n; p++)
            sit_free(st, 0, p, st->sp->first[p]);
    for (int r = st->r0; r < st->w; r++) {
        if (greedy_round(st, r))
            continue;
        if (!st->sp->first)
            return false;
        for (int p = 0; p < st->n; p++)
            if (TAB(st, r, p) >= 0)
                stand(st, r, p);
        for (int p = 0; p < st->n; p++)
            sit_free(st, r, p, st->sp->first[p]);
    }
    return true;
}

/* ---- moves: swapping a and b of different tables in round r ------------- */

/* Repeats gained by the swap: a leaves ta for tb, b leaves tb for ta. */
static long swap_repeats(const rstate *st, int r, int a, int b)
{
    int ta = TAB(st, r, a), tb = TAB(st, r, b);
    int ab = MEET(st, a, b) >= 1;
    return (long)JOIN(st, r, b, ta) + JOIN(st, r, a, tb) - 2 * ab - CONF(st, r, a) - CONF(st, r, b);
}

static double swap_cost(const rstate *st, int r, int a, int b)
{
    int ta = TAB(st, r, a), tb = TAB(st, r, b);
    return seat_cost(st, r, a, tb) - seat_cost(st, r, a, ta) + seat_cost(st, r, b, ta) - seat_cost(st, r, b, tb);
}

/* The swap keeps `allowed` and every table's minimum of each mark. */
static bool swap_ok(const rstate *st, int r, int a, int b)
{
    int ta = TAB(st, r, a), tb = TAB(st, r, b);
    if (ta == tb || !may_sit(st, a, tb) || !may_sit(st, b, ta))
        return false;
    for (int m = 0; m < st->k; m++) {
        int d = has_mark(st, b, m) - has_mark(st, a, m); /* at ta; -d at tb */
        if (d < 0 && COUNT(st, r, ta, m) + d < MARK_MIN(st, ta, m))
            return false;
        if (d > 0 && COUNT(st, r, tb, m) - d < MARK_MIN(st, tb, m))
            return false;
    }
    return true;
}

static void swap_apply(rstate *st, int r, int a, int b)
{
    int ta = TAB(st, r, a), tb = TAB(st, r, b);
    int ia = st->pos[AT(st, r, a)], ib = st->pos[AT(st, r, b)];
    stand(st, r, a);
    stand(st, r, b);
    sit(st, r, a, tb, ib);
    sit(st, r, b, ta, ia);
}

/* ---- the tabu search ----------------------------------------------------- */

static bool is_tabu(const rstate *st, long step, int r, int a, int b)
{
    const rtabu *ta = &st->tabu[AT(st, r, a) * TABU_SLOTS];
    for (int i = 0; i < TABU_SLOTS; i++)
        if (ta[i].partner == b && ta[i].until > step)
            return true;
    return false;
}

/* a and b may not swap again in round r until `until` (both remember it,
 * in place of their older entry). */
static void tabu_set(rstate *st, int r, int a, int b, long until)
{
    rtabu *t = &st->tabu[AT(st, r, a) * TABU_SLOTS];
    int old = 0;
    for (int i = 1; i < TABU_SLOTS; i++)
        if (t[i].until < t[old].until)
            old = i;
    t[old] = (rtabu){until, b};
}

typedef struct {
    int r, a, b;
    double delta;
    int ties;
} rmove;

/* Keep (r, a, b) in *mv when it is better than what is there; equal moves
 * win with equal chance (reservoir). */
static void consider(rstate *st, rmove *mv, int r, int a, int b, double delta)
{
    if (delta < mv->delta - 1e-9) {
        *mv = (rmove){r, a, b, delta, 1};
    } else if (rng_below(&st->rng, ++mv->ties) == 0) {
        mv->r = r;
        mv->a = a;
        mv->b = b;
    }
}

/* People the search may move this step, as r * n + p: everyone in a
 * conflict, and with costs a random sample of the others (so that seats
 * improve once pairs are settled). */
static int candidates(rstate *st)
{
    int c = st->nconf;
    memcpy(st->cand, st->clist, (size_t)c * sizeof *st->cand);
    if (has_costs(st) && st->w > st->r0)
        for (int s = 0; s < COST_SAMPLE; s++)
            st->cand[c++] = (int)AT(st, st->r0 + rng_below(&st->rng, st->w - st->r0), rng_below(&st->rng, st->n));
    return c;
}

/* The best move at this step, tabu ones only when they beat best_f. */
static bool best_move(rstate *st, long step, double best_f, rmove *mv)
{
    const bool rules = st->sp->allowed || st->k > 0, costs = has_costs(st);
    const double pw = st->sp->pair_weight, f = objective(st);
    int c = candidates(st);
    *mv = (rmove){-1, -1, -1, INFINITY, 0};
    for (int ci = 0; ci < c; ci++) {
        int r = st->cand[ci] / st->n, a = st->cand[ci] % st->n, ta = TAB(st, r, a);
        const int *row = &st->slot[AT(st, r, 0)];
        for (int i = 0; i < st->n; i++) {
            int b = row[i];
            if (TAB(st, r, b) == ta || (rules && !swap_ok(st, r, a, b)))
                continue;
            double d = pw * (double)swap_repeats(st, r, a, b) + (costs ? swap_cost(st, r, a, b) : 0);
            if (d > mv->delta + 1e-9)
                continue;
            if (is_tabu(st, step, r, a, b) && f + d >= best_f - 1e-9)
                continue;
            consider(st, mv, r, a, b, d);
        }
    }
    return mv->r >= 0;
}

static void make_move(rstate *st, long step, const rmove *mv)
{
    long until = step + TENURE_MIN + rng_below(&st->rng, TENURE_SPAN);
    tabu_set(st, mv->r, mv->a, mv->b, until);
    tabu_set(st, mv->r, mv->b, mv->a, until);
    swap_apply(st, mv->r, mv->a, mv->b);
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
    long target; /* repeats at which the pairs are done */
    long step, stall;
    int kicks;
} rprogress;

static void keep_as_best(rstate *st, rprogress *pr)
{
    pr->best_f = objective(st);
    pr->stall = 0;
    memcpy(st->best, st->tab, (size_t)st->w * (size_t)st->n * sizeof *st->best);
}

/* After a stall: back to the best and a kick, or every RESTART_EVERY kicks
 * a fresh greedy start. */
static void escape(rstate *st, rprogress *pr, rounds_result *res)
{
    pr->stall = 0;
    res->restarts++;
    if (++pr->kicks % RESTART_EVERY == 0 && construct(st))
        return;
    state_load(st, st->best);
    perturb(st, KICK_MIN + rng_below(&st->rng, KICK_SPAN));
}

static bool finished(const rstate *st, const rprogress *pr)
{
    if (st->repeats > pr->target)
        return false;
    return !has_costs(st) || pr->stall >= COST_STALL;
}

static void search(rstate *st, rounds_result *res, long target, double t0)
{
    rprogress pr = {0, target, 0, 0, 0};
    keep_as_best(st, &pr);
    const rounds_spec *sp = st->sp;
    while (st->w > st->r0 && !finished(st, &pr)) {
        if (sp->max_iterations > 0 && pr.step >= sp->max_iterations)
            break;
        if (sp->time_limit > 0 && (pr.step & 255) == 0 && model_now() - t0 > sp->time_limit) {
            res->stopped_at_time_limit = true;
            break;
        }
        rmove mv;
        if (best_move(st, pr.step, pr.best_f, &mv))
            make_move(st, pr.step, &mv);
        pr.step++;
        if (objective(st) < pr.best_f - 1e-9)
            keep_as_best(st, &pr);
        else
            pr.stall++;
        if (pr.stall >= KICK_STALL && st->repeats > pr.target)
            escape(st, &pr, res);
    }
    res->iterations = pr.step;
    state_load(st, st->best);
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
    /* searched to the caller's bound when it is higher (stop_at) */
    search(st, res, s->stop_at > res->lower_bound ? s->stop_at : res->lower_bound, t0);
    res->table = model_calloc((size_t)s->rounds * (size_t)s->people, sizeof *res->table);
    memcpy(res->table, st->tab, (size_t)s->rounds * (size_t)s->people * sizeof *res->table);
    res->repeats = st->repeats;
    res->cost = st->cost;
    res->seconds = model_now() - t0;
    state_free(st);
    return res;
}
