/* test_rounds.c - the rounds search (src/model/rounds.c): social golfer
 * instances with zero repeats, everyone once per round, and the session's
 * rules (allowed tables, minimum of a mark, a kept first round) never
 * broken.  Repeats are recounted here, not taken from the search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "model/rounds.h"

/* Every round seats everyone at one table of the right size. */
static void assert_rounds_well_formed(const rounds_spec *s, const rounds_result *res)
{
    for (int r = 0; r < s->rounds; r++) {
        int *fill = calloc((size_t)s->tables, sizeof *fill);
        for (int p = 0; p < s->people; p++) {
            int t = res->table[r * s->people + p];
            assert_true(t >= 0 && t < s->tables);
            fill[t]++;
        }
        for (int t = 0; t < s->tables; t++)
            assert_int_equal(fill[t], s->size[t]);
        free(fill);
    }
}

/* Repeats counted pair by pair, independently of the search's own count. */
static long recount(const rounds_spec *s, const rounds_result *res)
{
    long repeats = 0;
    for (int a = 0; a < s->people; a++)
        for (int b = a + 1; b < s->people; b++) {
            int m = 0;
            for (int r = 0; r < s->rounds; r++)
                m += res->table[r * s->people + a] == res->table[r * s->people + b];
            repeats += m > 1 ? m - 1 : 0;
        }
    return repeats;
}

static rounds_result *golfer(int g, int s, int w, int *size, rounds_spec *spec)
{
    for (int t = 0; t < g; t++)
        size[t] = s;
    rounds_spec_init(spec);
    spec->people = g * s;
    spec->rounds = w;
    spec->tables = g;
    spec->size = size;
    spec->time_limit = 10;
    return rounds_search(spec);
}

/* 3-3-4: 9 people in threes, 4 rounds, every pair exactly once. */
static void three_three_four_has_no_repeats(void **state)
{
    (void)state;
    int size[3];
    rounds_spec spec;
    rounds_result *res = golfer(3, 3, 4, size, &spec);
    assert_non_null(res);
    assert_rounds_well_formed(&spec, res);
    assert_int_equal(recount(&spec, res), 0);
    assert_int_equal(res->repeats, 0);
    assert_int_equal(res->lower_bound, 0);
    rounds_result_free(res);
}

/* Kirkman's schoolgirls, 5-3-7. */
static void kirkman_has_no_repeats(void **state)
{
    (void)state;
    int size[5];
    rounds_spec spec;
    rounds_result *res = golfer(5, 3, 7, size, &spec);
    assert_non_null(res);
    assert_rounds_well_formed(&spec, res);
    assert_int_equal(recount(&spec, res), 0);
    assert_false(res->stopped_at_time_limit);
    rounds_result_free(res);
}

/* 3-3-5 is one round too many: each person meets 10 others of 8, so 9
 * people repeat at least 2 meetings each, 9 pairs; the search reports
 * what it reached and never less than the bound. */
static void counting_bound(void **state)
{
    (void)state;
    int size[3];
    rounds_spec spec;
    for (int t = 0; t < 3; t++)
        size[t] = 3;
    rounds_spec_init(&spec);
    spec.people = 9;
    spec.rounds = 5;
    spec.tables = 3;
    spec.size = size;
    spec.time_limit = 0;
    spec.max_iterations = 20000;
    rounds_result *res = rounds_search(&spec);
    assert_non_null(res);
    assert_int_equal(res->lower_bound, 9);
    assert_int_equal(recount(&spec, res), res->repeats);
    assert_true(res->repeats >= 9);
    rounds_result_free(res);
}

/* The same seed gives the same seating. */
static void deterministic_for_a_seed(void **state)
{
    (void)state;
    int size[5];
    rounds_spec spec;
    rounds_result *a = golfer(5, 3, 7, size, &spec);
    rounds_result *b = golfer(5, 3, 7, size, &spec);
    for (int i = 0; i < 7 * 15; i++)
        assert_int_equal(a->table[i], b->table[i]);
    rounds_result_free(a);
    rounds_result_free(b);
}

/* 16 people, 4 tables of 4, 2 rounds; people 0-3 carry a mark and every
 * table needs one of them; person 15 may not sit at table 3.  The search
 * keeps both and still finds no repeats (round 2 exists: each marked
 * person with one of each other table's round-1 unmarked).  With one
 * marked person per table at 3 tables of 4, no such round exists at all:
 * every table of round 2 needs one of each round-1 table's unmarked. */
static void rules_are_kept(void **state)
{
    (void)state;
    enum { N = 16, G = 4, W = 2 };
    int size[G] = {4, 4, 4, 4};
    unsigned char mark[N] = {1, 1, 1, 1};
    int mark_min[G] = {1, 1, 1, 1};
    unsigned char allowed[N * G];
    for (int i = 0; i < N * G; i++)
        allowed[i] = 1;
    allowed[15 * G + 3] = 0;
    rounds_spec spec;
    rounds_spec_init(&spec);
    spec.people = N;
    spec.rounds = W;
    spec.tables = G;
    spec.size = size;
    spec.mark = mark;
    spec.marks = 1;
    spec.mark_min = mark_min;
    spec.allowed = allowed;
    rounds_result *res = rounds_search(&spec);
    assert_non_null(res);
    assert_rounds_well_formed(&spec, res);
    for (int r = 0; r < W; r++) {
        assert_int_not_equal(res->table[r * N + 15], 3);
        int marked[G] = {0};
        for (int p = 0; p < 4; p++)
            marked[res->table[r * N + p]]++;
        for (int t = 0; t < G; t++)
            assert_int_equal(marked[t], 1);
    }
    assert_int_equal(recount(&spec, res), 0);
    rounds_result_free(res);
}

/* 3-3-4 with round 1 given (a parallel class of the affine plane of
 * order 3, so the rest can still be completed): round 1 stays as given. */
static void first_round_is_kept(void **state)
{
    (void)state;
    int size[3] = {3, 3, 3};
    int first[9] = {2, 2, 2, 0, 0, 0, 1, 1, 1};
    rounds_spec spec;
    rounds_spec_init(&spec);
    spec.people = 9;
    spec.rounds = 4;
    spec.tables = 3;
    spec.size = size;
    spec.first = first;
    rounds_result *res = rounds_search(&spec);
    assert_non_null(res);
    assert_rounds_well_formed(&spec, res);
    for (int p = 0; p < 9; p++)
        assert_int_equal(res->table[p], first[p]);
    assert_int_equal(recount(&spec, res), 0);
    rounds_result_free(res);
}

/* Sizes that do not add up to the people: no seating, no crash. */
static void inconsistent_spec_is_refused(void **state)
{
    (void)state;
    int size[2] = {3, 3};
    rounds_spec spec;
    rounds_spec_init(&spec);
    spec.people = 7;
    spec.rounds = 2;
    spec.tables = 2;
    spec.size = size;
    assert_null(rounds_search(&spec));
    rounds_result_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_three_four_has_no_repeats),
        cmocka_unit_test(kirkman_has_no_repeats),
        cmocka_unit_test(counting_bound),
        cmocka_unit_test(deterministic_for_a_seed),
        cmocka_unit_test(rules_are_kept),
        cmocka_unit_test(first_round_is_kept),
        cmocka_unit_test(inconsistent_spec_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
