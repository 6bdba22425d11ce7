/* golfer.c - tsunagu's rounds search (src/model/rounds.c) on its own, for
 * tools/bench --rounds.  Not installed.
 *
 * Usage: tsunagu-golfer G S W [options]
 *          the social golfer problem g-s-w: G tables of S, W rounds
 *        tsunagu-golfer --event N W [options]
 *          a synthetic event of N people at tables of 7-8 with the rules of
 *          a session as the search sees them (below)
 * Options: --seed N, --time-limit SECONDS (0: none), --max-steps N (0: none;
 *          with --time-limit 0 a run bounded by steps, deterministic)
 * Prints one JSON object: the instance, the search's repeats, lower bound,
 * seconds, steps and restarts, the seating as rounds of tables of people
 * numbered from 0, and with --event the rules, for an independent check
 * (tools/check_rounds.py).
 *
 * The synthetic event (no event file, no roster, no GLPK: the search's
 * input as the session code builds it, model/later_rounds.c): N people at
 * ceil(N/8) tables of 7 or 8; the tables in 4 regions, everyone from one;
 * two marks (the mix rule's sides, 45 % each, the rest neither), at least
 * one of each at every table; 10 % who may sit only at their region's
 * tables (a hard region rule), the others paying 1 per round away from it;
 * colleagues (organisations of 1-4) kept apart as if met; no pair twice
 * hard (pair weight 1e6).  Round 1 is seated first by the same search with
 * one round (as GLPK's would be), then rounds 2..W with round 1 fixed and
 * the step budget of the session code (20000 + 40 N): "seconds" is that
 * second search, "seconds_round1" the first. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/rounds.h"

enum { REGIONS = 4, BOUND_PERCENT = 10 };

static int number(const char *text, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fprintf(stderr, "tsunagu-golfer: out of memory\n");
        exit(2);
    }
    return p;
}

static void print_rounds(int n, int w, int g, const int *table)
{
    printf(",\n \"rounds\": [");
    for (int r = 0; r < w; r++) {
        printf("%s\n  [", r ? "," : "");
        for (int t = 0; t < g; t++) {
            printf("%s[", t ? ", " : "");
            int first = 1;
            for (int p = 0; p < n; p++)
                if (table[(size_t)r * (size_t)n + (size_t)p] == t) {
                    printf("%s%d", first ? "" : ", ", p);
                    first = 0;
                }
            printf("]");
        }
        printf("]");
    }
    printf("]");
}

static void print_head(const char *instance, unsigned seed, const rounds_result *res)
{
    printf("{\"instance\": \"%s\", \"seed\": %u, \"repeats\": %ld, \"lower_bound\": %ld, \"cost\": %.6g, "
           "\"seconds\": %.3f, \"steps\": %ld, \"restarts\": %d, \"stopped_at_time_limit\": %s",
           instance, seed, res->repeats, res->lower_bound, res->cost, res->seconds, res->iterations,
           res->restarts, res->stopped_at_time_limit ? "true" : "false");
}

/* ---- the social golfer problem ------------------------------------------ */

static int golfer(long g, long s, long w, unsigned seed, long limit, long steps)
{
    int *size = xcalloc((size_t)g, sizeof *size);
    for (long t = 0; t < g; t++)
        size[t] = (int)s;
    rounds_spec spec;
    rounds_spec_init(&spec);
    spec.people = (int)(g * s);
    spec.rounds = (int)w;
    spec.tables = (int)g;
    spec.size = size;
    spec.seed = seed;
    spec.time_limit = (double)limit;
    spec.max_iterations = steps;
    rounds_result *res = rounds_search(&spec);
    if (!res) {
        fprintf(stderr, "tsunagu-golfer: no seating\n");
        free(size);
        return 1;
    }
    char name[64];
    snprintf(name, sizeof name, "%ld-%ld-%ld", g, s, w);
    print_head(name, seed, res);
    print_rounds(spec.people, spec.rounds, spec.tables, res->table);
    printf("}\n");
    rounds_result_free(res);
    free(size);
    return 0;
}

/* ---- the synthetic event ------------------------------------------------- */

typedef struct {
    int n, g, w;
    int *size, *mark_min, *first;
    unsigned char *mark, *allowed, *met;
    double *cost;
    int *region;  /* [n] */
    int *org;     /* [n] */
    bool *bound;  /* [n]: only at the region's tables */
} event;

static uint64_t draw(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void event_make(event *e, int n, int w, unsigned seed)
{
    uint64_t rs = 0x6576656e74ULL ^ seed;
    e->n = n;
    e->w = w;
    e->g = (n + 7) / 8;
    size_t g = (size_t)e->g;
    e->size = xcalloc(g, sizeof *e->size);
    for (int t = 0; t < e->g; t++)
        e->size[t] = n / e->g + (t < n % e->g);
    e->mark_min = xcalloc(g * 2, sizeof *e->mark_min);
    for (size_t i = 0; i < g * 2; i++)
        e->mark_min[i] = 1;
    e->mark = xcalloc((size_t)n, 1);
    e->region = xcalloc((size_t)n, sizeof *e->region);
    e->org = xcalloc((size_t)n, sizeof *e->org);
    e->bound = xcalloc((size_t)n, sizeof *e->bound);
    e->allowed = xcalloc((size_t)n * g, 1);
    e->cost = xcalloc((size_t)n * g, sizeof *e->cost);
    e->met = xcalloc((size_t)n * (size_t)n, 1);
    for (int p = 0, org = 0, left = 0; p < n; p++) {
        int k = (int)(draw(&rs) % 100);
        e->mark[p] = k < 45 ? 1 : k < 90 ? 2 : 0;
        e->region[p] = (int)(draw(&rs) % REGIONS);
        e->bound[p] = draw(&rs) % 100 < BOUND_PERCENT;
        if (left-- <= 0) {
            org++;
            left = (int)(draw(&rs) % 4);
        }
        e->org[p] = org;
        for (int t = 0; t < e->g; t++) {
            bool home = t % REGIONS == e->region[p];
            e->allowed[(size_t)p * g + (size_t)t] = home || !e->bound[p];
            e->cost[(size_t)p * g + (size_t)t] = home ? 0 : 1;
        }
    }
    for (int a = 0; a < n; a++)
        for (int b = 0; b < n; b++)
            e->met[(size_t)a * (size_t)n + (size_t)b] = a != b && e->org[a] == e->org[b];
}

static void event_free(event *e)
{
    free(e->size);
    free(e->mark_min);
    free(e->first);
    free(e->mark);
    free(e->allowed);
    free(e->met);
    free(e->cost);
    free(e->region);
    free(e->org);
    free(e->bound);
}

static void event_spec(const event *e, rounds_spec *spec, int rounds, unsigned seed, long limit, long steps)
{
    rounds_spec_init(spec);
    spec->people = e->n;
    spec->rounds = rounds;
    spec->tables = e->g;
    spec->size = e->size;
    spec->mark = e->mark;
    spec->marks = 2;
    spec->mark_min = e->mark_min;
    spec->allowed = e->allowed;
    spec->cost = e->cost;
    spec->met = e->met;
    spec->pair_weight = 1e6;
    spec->first = rounds > 1 ? e->first : NULL;
    spec->seed = seed;
    spec->time_limit = (double)limit;
    spec->max_iterations = steps > 0 ? steps : 20000 + 40L * e->n;
}

/* The rules as JSON for the checker: marks per person, minimums per table,
 * the tables of those bound to their region, colleagues as pairs. */
static void print_rules(const event *e)
{
    printf(",\n \"sizes\": [");
    for (int t = 0; t < e->g; t++)
        printf("%s%d", t ? ", " : "", e->size[t]);
    printf("],\n \"marks\": [");
    for (int p = 0; p < e->n; p++)
        printf("%s%d", p ? ", " : "", e->mark[p]);
    printf("],\n \"mark_min\": [");
    for (int t = 0; t < e->g; t++)
        printf("%s[%d, %d]", t ? ", " : "", e->mark_min[t * 2], e->mark_min[t * 2 + 1]);
    printf("],\n \"allowed\": {");
    for (int p = 0, any = 0; p < e->n; p++) {
        if (!e->bound[p])
            continue;
        printf("%s\"%d\": [", any++ ? ", " : "", p);
        for (int t = 0, f = 0; t < e->g; t++)
            if (e->allowed[(size_t)p * (size_t)e->g + (size_t)t])
                printf("%s%d", f++ ? ", " : "", t);
        printf("]");
    }
    printf("},\n \"met\": [");
    for (int a = 0, any = 0; a < e->n; a++)
        for (int b = a + 1; b < e->n; b++)
            if (e->met[(size_t)a * (size_t)e->n + (size_t)b])
                printf("%s[%d, %d]", any++ ? ", " : "", a, b);
    printf("],\n \"first\": [");
    for (int p = 0; p < e->n; p++)
        printf("%s%d", p ? ", " : "", e->first[p]);
    printf("]");
}

static int synthetic(long n, long w, unsigned seed, long limit, long steps)
{
    event e = {0};
    event_make(&e, (int)n, (int)w, seed);
    rounds_spec spec;
    event_spec(&e, &spec, 1, seed, limit, 0);
    rounds_result *one = rounds_search(&spec);
    if (!one) {
        fprintf(stderr, "tsunagu-golfer: no first round keeps the rules\n");
        event_free(&e);
        return 1;
    }
    e.first = xcalloc((size_t)n, sizeof *e.first);
    memcpy(e.first, one->table, (size_t)n * sizeof *e.first);
    event_spec(&e, &spec, (int)w, seed, limit, steps);
    rounds_result *res = rounds_search(&spec);
    if (!res) {
        fprintf(stderr, "tsunagu-golfer: no seating\n");
        rounds_result_free(one);
        event_free(&e);
        return 1;
    }
    char name[64];
    snprintf(name, sizeof name, "event-%ldx%ld", n, w);
    print_head(name, seed, res);
    printf(", \"seconds_round1\": %.3f, \"people\": %ld", one->seconds, n);
    print_rules(&e);
    print_rounds(e.n, e.w, e.g, res->table);
    printf("}\n");
    rounds_result_free(one);
    rounds_result_free(res);
    event_free(&e);
    return 0;
}

int main(int argc, char **argv)
{
    long a, b, c = 0, seed = 1, limit = 60, steps = 0;
    bool ev = argc > 1 && !strcmp(argv[1], "--event");
    int i = 4;
    if (ev ? argc < 4 || number(argv[2], 1, 5000, &a) || number(argv[3], 1, 100, &b)
           : argc < 4 || number(argv[1], 1, 1000, &a) || number(argv[2], 1, 1000, &b) ||
                 number(argv[3], 1, 1000, &c))
        goto usage;
    for (; i < argc; i += 2) {
        if (i + 1 >= argc)
            goto usage;
        if (!strcmp(argv[i], "--seed") && !number(argv[i + 1], 0, 4294967295L, &seed))
            continue;
        if (!strcmp(argv[i], "--time-limit") && !number(argv[i + 1], 0, 86400, &limit))
            continue;
        if (!strcmp(argv[i], "--max-steps") && !number(argv[i + 1], 0, 1000000000000L, &steps))
            continue;
        goto usage;
    }
    return ev ? synthetic(a, b, (unsigned)seed, limit, steps) : golfer(a, b, c, (unsigned)seed, limit, steps);
usage:
    fprintf(stderr, "usage: tsunagu-golfer G S W [--seed N] [--time-limit SECONDS] [--max-steps N]\n"
                    "       tsunagu-golfer --event PEOPLE ROUNDS [--seed N] [--time-limit SECONDS] [--max-steps N]\n");
    return 2;
}
