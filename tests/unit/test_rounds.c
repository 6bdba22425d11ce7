/* test_rounds.c - the rounds search (src/model/rounds.c): social golfer
 * instances with zero repeats, everyone once per round, and the session's
 * rules (allowed tables, minimum of a mark, a kept first round) never
 * broken.  Repeats and costs are recounted here, not taken from the
 * search.  The searches are bounded by steps (max_iterations), not by the
 * clock, so that a loaded machine gives the same answers. */
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

/* 8-4-8 (32 people in fours, 8 rounds; one round short of the original
 * 8-4-9) with zero repeats within 150,000 steps for each of seeds 1-3 (they
 * take 6,890, 40,971 and 12,806).  The search before the conf/join counts
 * and the short pair tabu needed more than 200,000 for seed 2. */
static void eight_four_eight_within_a_step_bound(void **state)
{
    (void)state;
    int size[8];
    for (unsigned seed = 1; seed <= 3; seed++) {
        rounds_spec spec;
        for (int t = 0; t < 8; t++)
            size[t] = 4;
        rounds_spec_init(&spec);
        spec.people = 32;
        spec.rounds = 8;
        spec.tables = 8;
        spec.size = size;
        spec.seed = seed;
        spec.time_limit = 0;
        spec.max_iterations = 150000;
        rounds_result *res = rounds_search(&spec);
        assert_non_null(res);
        assert_rounds_well_formed(&spec, res);
        assert_int_equal(recount(&spec, res), 0);
        assert_int_equal(res->repeats, 0);
        assert_true(res->iterations < 150000);
        rounds_result_free(res);
    }
}

/* Bounded by steps alone, a run is the same every time, also when it ends
 * above the bound (8-4-9 after 20,000 steps). */
static void deterministic_within_a_step_bound(void **state)
{
    (void)state;
    int size[8];
    rounds_result *res[2];
    for (int i = 0; i < 2; i++) {
        rounds_spec spec;
        for (int t = 0; t < 8; t++)
            size[t] = 4;
        rounds_spec_init(&spec);
        spec.people = 32;
        spec.rounds = 9;
        spec.tables = 8;
        spec.size = size;
        spec.seed = 7;
        spec.time_limit = 0;
        spec.max_iterations = 20000;
        res[i] = rounds_search(&spec);
        assert_non_null(res[i]);
        assert_int_equal(res[i]->iterations, 20000);
        assert_int_equal(recount(&spec, res[i]), res[i]->repeats);
    }
    assert_true(res[0]->repeats > 0);
    assert_int_equal(res[0]->repeats, res[1]->repeats);
    assert_int_equal(res[0]->restarts, res[1]->restarts);
    for (int i = 0; i < 9 * 32; i++)
        assert_int_equal(res[0]->table[i], res[1]->table[i]);
    rounds_result_free(res[0]);
    rounds_result_free(res[1]);
}

/* stop_at above the counting bound: the search stops as soon as the
 * repeats are down to it (8-4-9: 0 by counting, 40 asked). */
static void stops_at_the_callers_bound(void **state)
{
    (void)state;
    int size[8];
    for (int t = 0; t < 8; t++)
        size[t] = 4;
    rounds_spec spec;
    rounds_spec_init(&spec);
    spec.people = 32;
    spec.rounds = 9;
    spec.tables = 8;
    spec.size = size;
    spec.time_limit = 0;
    spec.max_iterations = 100000;
    spec.stop_at = 40;
    rounds_result *res = rounds_search(&spec);
    assert_non_null(res);
    assert_true(res->repeats <= 40);
    assert_true(res->iterations < 1000);
    assert_int_equal(res->lower_bound, 0);
    assert_int_equal(recount(&spec, res), res->repeats);
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

/* ---- an event-sized session with every kind of rule --------------------- */

enum { EV_N = 100, EV_G = 13, EV_W = 3 };

typedef struct {
    int size[EV_G], mark_min[EV_G * 2], first[EV_N];
    unsigned char mark[EV_N], allowed[EV_N * EV_G], met[EV_N * EV_N];
    double cost[EV_N * EV_G], round_cost[EV_W * EV_N * EV_G];
    rounds_spec spec;
} event_case;

static unsigned next(unsigned *x)
{
    *x = *x * 1103515245u + 12345u;
    return *x >> 16;
}

static bool colleague_at(const event_case *e, int p, int t)
{
    for (int q = 0; q < EV_N; q++)
        if (e->first[q] == t && e->met[p * EV_N + q])
            return true;
    return false;
}

/* 100 people at 13 tables of 7-8, 3 rounds: two marks (about 45 % each)
 * with at least one of each per table; every tenth person only at the
 * tables t with t % 4 == p % 4; a cost of 1 away from those tables and a
 * round cost of 0.5 at table 0; colleagues in organisations of 4 (p, p +
 * 25, p + 50, p + 75) kept apart as met; round 1 given (a deal that keeps
 * the rules and the colleagues apart where it can), and the repeats it
 * has of its own as stop_at, as the session code gives them. */
static void event_make(event_case *e)
{
    unsigned x = 2024;
    for (int t = 0; t < EV_G; t++)
        e->size[t] = EV_N / EV_G + (t < EV_N % EV_G);
    for (int i = 0; i < EV_G * 2; i++)
        e->mark_min[i] = 1;
    for (int p = 0; p < EV_N; p++) {
        unsigned k = next(&x) % 100;
        e->mark[p] = k < 45 ? 1 : k < 90 ? 2 : 0;
        for (int t = 0; t < EV_G; t++) {
            bool home = t % 4 == p % 4;
            e->allowed[p * EV_G + t] = home || p % 10 != 0;
            e->cost[p * EV_G + t] = home ? 0 : 1;
            for (int r = 0; r < EV_W; r++)
                e->round_cost[(r * EV_N + p) * EV_G + t] = t == 0 ? 0.5 : 0;
        }
        for (int q = 0; q < EV_N; q++)
            e->met[p * EV_N + q] = p != q && p % 25 == q % 25;
    }
    /* round 1: one unbound person of each mark per table, the bound people
     * one per table of theirs in turn (together they could not avoid
     * meeting again later), then everyone else where there is room */
    int fill[EV_G] = {0};
    for (int p = 0; p < EV_N; p++)
        e->first[p] = -1;
    for (int m = 0, p = 0; m < 2; m++, p = 0)
        for (int t = 0; t < EV_G; t++) {
            while (e->first[p] >= 0 || !(e->mark[p] >> m & 1) || p % 10 == 0)
                p++;
            e->first[p] = t;
            fill[t]++;
        }
    int turn[4] = {0};
    for (int p = 0; p < EV_N; p += 10) {
        int home = p % 4, tables = (EV_G - home + 3) / 4; /* home, home + 4, ... below EV_G */
        e->first[p] = home + 4 * (turn[home]++ % tables);
        fill[e->first[p]]++;
    }
    for (int p = 0; p < EV_N; p++)
        for (int t = 0; e->first[p] < 0 && t < EV_G; t++)
            if (fill[t] < e->size[t] && !colleague_at(e, p, t)) {
                e->first[p] = t;
                fill[t]++;
            }
    rounds_spec_init(&e->spec);
    e->spec.people = EV_N;
    e->spec.rounds = EV_W;
    e->spec.tables = EV_G;
    e->spec.size = e->size;
    e->spec.mark = e->mark;
    e->spec.marks = 2;
    e->spec.mark_min = e->mark_min;
    e->spec.allowed = e->allowed;
    e->spec.cost = e->cost;
    e->spec.round_cost = e->round_cost;
    e->spec.met = e->met;
    e->spec.first = e->first;
    e->spec.pair_weight = 1e6;
    e->spec.time_limit = 0;
    e->spec.max_iterations = 20000 + 40 * EV_N; /* the session code's budget */
    e->spec.stop_at = rounds_count_repeats(EV_N, 1, e->first, e->met);
}

/* Every rule in every round, and the search's repeats and cost recounted:
 * the counts it keeps move by move (conf, join, cost) agree with a count
 * from scratch. */
static void assert_event_kept(const event_case *e, const rounds_result *res)
{
    assert_rounds_well_formed(&e->spec, res);
    double cost = 0;
    for (int r = 0; r < EV_W; r++) {
        int marked[EV_G][2] = {{0}};
        for (int p = 0; p < EV_N; p++) {
            int t = res->table[r * EV_N + p];
            assert_true(e->allowed[p * EV_G + t]);
            if (r == 0)
                assert_int_equal(t, e->first[p]);
            for (int m = 0; m < 2; m++)
                marked[t][m] += e->mark[p] >> m & 1;
            cost += e->cost[p * EV_G + t] + e->round_cost[(r * EV_N + p) * EV_G + t];
        }
        for (int t = 0; t < EV_G; t++)
            for (int m = 0; m < 2; m++)
                assert_true(marked[t][m] >= 1);
    }
    assert_int_equal(rounds_count_repeats(EV_N, EV_W, res->table, e->met), res->repeats);
    assert_true(res->cost > cost - 1e-6 && res->cost < cost + 1e-6);
}

/* 100 people, 13 tables, 3 rounds with allowed tables, two marks, costs,
 * colleagues and round 1 fixed: within the session code's step budget no
 * repeat beyond the one round 1 brings itself (a colleague pair the deal
 * could not part), every rule kept, the counts right. */
static void event_sized_session(void **state)
{
    (void)state;
    event_case *e = calloc(1, sizeof *e);
    event_make(e);
    rounds_result *res = rounds_search(&e->spec);
    assert_non_null(res);
    assert_event_kept(e, res);
    assert_int_equal(e->spec.stop_at, 1);
    assert_int_equal(res->repeats, 1);
    assert_false(res->stopped_at_time_limit);
    rounds_result_free(res);
    free(e);
}

/* The same session with a repeat priced like one seat away from home
 * (pair weight 1): the search trades pairs against costs for up to 3,000
 * moves, and whatever it ends with, its counts agree with a recount and
 * every rule holds. */
static void counts_stay_right_through_many_moves(void **state)
{
    (void)state;
    event_case *e = calloc(1, sizeof *e);
    event_make(e);
    e->spec.max_iterations = 3000;
    e->spec.pair_weight = 1;
    rounds_result *res = rounds_search(&e->spec);
    assert_non_null(res);
    assert_true(res->iterations > 300);
    assert_event_kept(e, res);
    rounds_result_free(res);
    free(e);
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
        cmocka_unit_test(eight_four_eight_within_a_step_bound),
        cmocka_unit_test(deterministic_within_a_step_bound),
        cmocka_unit_test(stops_at_the_callers_bound),
        cmocka_unit_test(event_sized_session),
        cmocka_unit_test(counts_stay_right_through_many_moves),
        cmocka_unit_test(counting_bound),
        cmocka_unit_test(deterministic_for_a_seed),
        cmocka_unit_test(rules_are_kept),
        cmocka_unit_test(first_round_is_kept),
        cmocka_unit_test(inconsistent_spec_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
