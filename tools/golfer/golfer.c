/* golfer.c - the social golfer problem g-s-w with tsunagu's rounds search
 * (src/model/rounds.c), for tools/bench --rounds.  Not installed.
 *
 * Usage: tsunagu-golfer G S W [--seed N] [--time-limit SECONDS] [--max-steps N]
 * (--time-limit 0 with --max-steps: a deterministic run bounded by steps)
 * Prints one JSON object: the instance, the search's repeats, lower bound,
 * seconds, steps and restarts, and the seating as rounds of tables of
 * golfers numbered from 0, for an independent check. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/rounds.h"

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

static void print_result(long g, long s, long w, unsigned seed, const rounds_result *res)
{
    printf("{\"instance\": \"%ld-%ld-%ld\", \"seed\": %u, \"repeats\": %ld, \"lower_bound\": %ld, "
           "\"seconds\": %.3f, \"steps\": %ld, \"restarts\": %d, \"stopped_at_time_limit\": %s,\n \"rounds\": [",
           g, s, w, seed, res->repeats, res->lower_bound, res->seconds, res->iterations, res->restarts,
           res->stopped_at_time_limit ? "true" : "false");
    for (long r = 0; r < w; r++) {
        printf("%s\n  [", r ? "," : "");
        for (long t = 0; t < g; t++) {
            printf("%s[", t ? ", " : "");
            int first = 1;
            for (long p = 0; p < g * s; p++)
                if (res->table[r * g * s + p] == t) {
                    printf("%s%ld", first ? "" : ", ", p);
                    first = 0;
                }
            printf("]");
        }
        printf("]");
    }
    printf("]}\n");
}

int main(int argc, char **argv)
{
    long g, s, w, seed = 1, limit = 60, steps = 0;
    if (argc < 4 || number(argv[1], 1, 1000, &g) || number(argv[2], 1, 1000, &s) ||
        number(argv[3], 1, 1000, &w))
        goto usage;
    for (int i = 4; i + 1 < argc + 1; i += 2) {
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
    int *size = calloc((size_t)g, sizeof *size);
    if (!size)
        return 2;
    for (long t = 0; t < g; t++)
        size[t] = (int)s;
    rounds_spec spec;
    rounds_spec_init(&spec);
    spec.people = (int)(g * s);
    spec.rounds = (int)w;
    spec.tables = (int)g;
    spec.size = size;
    spec.seed = (unsigned)seed;
    spec.time_limit = (double)limit;
    spec.max_iterations = steps;
    rounds_result *res = rounds_search(&spec);
    if (!res) {
        fprintf(stderr, "tsunagu-golfer: no seating\n");
        free(size);
        return 1;
    }
    print_result(g, s, w, (unsigned)seed, res);
    rounds_result_free(res);
    free(size);
    return 0;
usage:
    fprintf(stderr, "usage: tsunagu-golfer G S W [--seed N] [--time-limit SECONDS] [--max-steps N]\n");
    return 2;
}
