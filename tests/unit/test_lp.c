/* test_lp.c - GLPK's own failures become results the explanation can use,
 * never an abort of the whole program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <glpk.h> /* glp_mem_limit: make GLPK fail inside a solve */

#include "model/model_private.h"

static lp_run_options quiet(void)
{
    lp_run_options o = {.session = "test", .time_limit = 10};
    return o;
}

/* x + y <= 1 and x + y >= 2 over binaries: no seating can exist. */
static void contradictory_rows_are_infeasible(void **state)
{
    (void)state;
    lp_builder lp;
    lp_init(&lp, "infeasible");
    int x = lp_col(&lp, "x", LP_BV, 0, 1, 1);
    int y = lp_col(&lp, "y", LP_BV, 0, 1, 1);
    lp_row_begin(&lp);
    lp_term(&lp, x, 1);
    lp_term(&lp, y, 1);
    lp_row_end(&lp, "at_most_one", LP_UP, 0, 1);
    lp_row_begin(&lp);
    lp_term(&lp, x, 1);
    lp_term(&lp, y, 1);
    lp_row_end(&lp, "at_least_two", LP_LO, 2, 0);
    lp_run_options o = quiet();
    lp_result res;
    assert_int_equal(lp_solve(&lp, &o, &res), -1);
    assert_int_equal(res.status, TSUNAGU_STATUS_INFEASIBLE);
    assert_int_equal(res.failure, LP_INFEASIBLE);
    lp_dispose(&lp);
}

/* An integer column with fractional bounds: glp_intopt refuses the model
 * (GLP_EBOUND) instead of solving it; that is a bug on our side, reported
 * with GLPK's own words. */
static void refused_model_is_reported_not_aborted(void **state)
{
    (void)state;
    lp_builder lp;
    lp_init(&lp, "bad bounds");
    lp_col(&lp, "n", LP_IV, 0.5, 2.5, 1);
    lp_run_options o = quiet();
    lp_result res;
    assert_int_equal(lp_solve(&lp, &o, &res), -1);
    assert_int_equal(res.status, TSUNAGU_STATUS_NOT_SOLVED);
    assert_int_equal(res.failure, LP_BAD_MODEL);
    assert_non_null(strstr(res.glpk_error, "non-integer"));
    lp_dispose(&lp);
}

/* A problem name GLPK would abort on (control characters, 300 bytes) is
 * tamed before GLPK sees it. */
static void hostile_names_do_not_reach_glpk(void **state)
{
    (void)state;
    char name[301];
    memset(name, 'm', 300);
    name[300] = '\0';
    name[3] = '\n';
    lp_builder lp;
    lp_init(&lp, name);
    int x = lp_col(&lp, "x", LP_BV, 0, 1, -1);
    (void)x;
    lp_run_options o = quiet();
    lp_result res;
    assert_int_equal(lp_solve(&lp, &o, &res), 0);
    assert_int_equal(res.status, TSUNAGU_STATUS_OPTIMAL);
    assert_int_equal(res.failure, LP_OK);
    assert_true(res.objective == -1.0);
    lp_dispose(&lp);
}

/* GLPK running out of memory inside glp_intopt calls glp_error_hook: the
 * run ends with LP_GLPK_ERROR and GLPK's own words, and the program goes
 * on (GLPK's environment is freed, so the limit goes with it). */
static void glpk_error_inside_the_solve_is_caught(void **state)
{
    (void)state;
    lp_builder lp;
    lp_init(&lp, "memory");
    enum { N = 3000 };
    int cols[N];
    for (int j = 0; j < N; j++)
        cols[j] = lp_col(&lp, "x", LP_IV, 0, 5, (double)(j % 7) - 3);
    for (int i = 0; i < 300; i++) {
        lp_row_begin(&lp);
        for (int j = i % 3; j < N; j += 3)
            lp_term(&lp, cols[j], 1 + (i + j) % 5);
        lp_row_end(&lp, "row", LP_UP, 0, 100);
    }
    /* Room for what exists and a little more; the solve needs far more. */
    size_t total = 0;
    glp_mem_usage(NULL, NULL, &total, NULL);
    glp_mem_limit((int)(total >> 20) + 1);
    lp_run_options o = quiet();
    lp_result res;
    assert_int_equal(lp_solve(&lp, &o, &res), -1);
    assert_int_equal(res.failure, LP_GLPK_ERROR);
    assert_int_equal(res.status, TSUNAGU_STATUS_NOT_SOLVED);
    assert_non_null(strstr(res.glpk_error, "memory"));
    assert_null(lp.P); /* freed with GLPK's environment */
    lp_dispose(&lp);

    /* GLPK works again afterwards, without the limit. */
    lp_init(&lp, "after");
    lp_col(&lp, "y", LP_BV, 0, 1, -2);
    assert_int_equal(lp_solve(&lp, &o, &res), 0);
    assert_true(res.objective == -2.0);
    lp_dispose(&lp);
}

/* Reading and changing the built problem: costs (column 0 is the
 * constant), the solution, a start vector completed and checked; an index
 * the builder did not make reads 0 and is not written, where GLPK itself
 * would end the process. */
static void built_problem_is_read_and_changed_safely(void **state)
{
    (void)state;
    lp_builder lp;
    lp_init(&lp, "read");
    int x = lp_col(&lp, "x", LP_IV, 0, 3, 2);
    int z = lp_col(&lp, "z", LP_CV, 0, -1, 1);
    lp_row_begin(&lp); /* x >= 2 */
    lp_term(&lp, x, 1);
    lp_row_end(&lp, "x_at_least_two", LP_LO, 2, 0);
    lp_row_begin(&lp); /* z >= x - 1 */
    lp_term(&lp, z, 1);
    lp_term(&lp, x, -1);
    lp_row_end(&lp, "z_follows", LP_LO, -1, 0);
    assert_int_equal(lp_cols(&lp), 2);
    lp_set_cost(&lp, 0, 5);
    assert_true(lp_cost(&lp, 0) == 5);
    assert_true(lp_cost(&lp, x) == 2);
    lp_set_cost(&lp, 3, 7);  /* no such column: dropped */
    lp_set_cost(&lp, -1, 7);
    assert_true(lp_cost(&lp, 3) == 0);
    assert_true(lp_cost(&lp, -1) == 0);
    /* a start with x = 2: z takes the least its row allows */
    bool is_count[3] = {false, true, false};
    double v[3] = {0, 2, 0};
    assert_int_equal(lp_complete_start(&lp, is_count, v), 0);
    assert_true(v[z] == 1);
    v[x] = 1; /* x >= 2 broken: the start is refused */
    assert_int_equal(lp_complete_start(&lp, is_count, v), -1);
    lp_run_options o = quiet();
    lp_result res;
    assert_int_equal(lp_solve(&lp, &o, &res), 0);
    assert_true(lp_alive(&lp));
    assert_true(lp_objective(&lp) == 5 + 2 * 2 + 1);
    assert_true(lp_value(&lp, x) == 2);
    assert_true(lp_value(&lp, 0) == 0);
    assert_true(lp_value(&lp, 9) == 0);
    lp_dispose(&lp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contradictory_rows_are_infeasible),
        cmocka_unit_test(refused_model_is_reported_not_aborted),
        cmocka_unit_test(hostile_names_do_not_reach_glpk),
        cmocka_unit_test(glpk_error_inside_the_solve_is_caught),
        cmocka_unit_test(built_problem_is_read_and_changed_safely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
