/* test_reentrant.c - the library on several threads at once: each thread
 * has its own message language, and two solves running side by side make
 * the same plans as one after the other (no shared sort pointers, no
 * shared GLPK error state).  `tsunagu serve` relies on this to solve two
 * events in parallel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/tsunagu.h"
#include "util/sort.h"

static void *report_language(void *arg)
{
    /* a new thread starts in Japanese whatever other threads chose */
    *(tsunagu_lang *)arg = tsunagu_lang_get();
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    return NULL;
}

static void language_is_per_thread(void **state)
{
    (void)state;
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    tsunagu_lang seen = TSUNAGU_LANG_EN;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, report_language, &seen), 0);
    pthread_join(t, NULL);
    assert_int_equal(seen, TSUNAGU_LANG_JA);
    tsunagu_lang_set(TSUNAGU_LANG_JA);
    pthread_create(&t, NULL, report_language, &seen);
    pthread_join(t, NULL);
    assert_int_equal(tsunagu_lang_get(), TSUNAGU_LANG_JA); /* the other thread's EN stayed there */
}

static int by_key(size_t a, size_t b, const void *ctx)
{
    const int *key = ctx;
    return (key[a] > key[b]) - (key[a] < key[b]);
}

static void index_sort_is_stable_and_uses_its_context(void **state)
{
    (void)state;
    const int key[] = {3, 1, 2, 1, 3, 0, 2};
    size_t idx[] = {0, 1, 2, 3, 4, 5, 6};
    sort_indices(idx, 7, by_key, key);
    const size_t want[] = {5, 1, 3, 2, 6, 0, 4}; /* equal keys keep their order */
    assert_memory_equal(idx, want, sizeof want);
}

typedef struct {
    tsunagu_lang lang;
    char *seating; /* every session's tables and members, one line each */
    char *message; /* the first warning or error, in the thread's language */
} solve_run;

static char *seating_text(const tsunagu_plan *p)
{
    json_t *j = tsunagu_plan_to_json(p);
    json_t *sessions = json_object_get(j, "sessions");
    json_t *tables = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(sessions, i, s) {
        size_t k;
        json_t *t;
        json_array_foreach(json_object_get(s, "tables"), k, t) /* labels are in the language */
            json_array_append_new(tables, json_pack("[O, O]", json_object_get(t, "id"),
                                                    json_object_get(t, "members")));
    }
    char *text = json_dumps(tables, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(tables);
    json_decref(j);
    return text;
}

static void *solve_sample(void *arg)
{
    solve_run *run = arg;
    tsunagu_lang_set(run->lang);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_regions *rg = tsunagu_regions_load_default(d);
    tsunagu_roster *r = rg ? tsunagu_roster_read_file(TSUNAGU_TEST_DATA "/../../data/samples/attendees.csv", rg, NULL, d) : NULL;
    tsunagu_event *e = tsunagu_event_load_default(d);
    /* a list that cannot be read at all names the language's message */
    tsunagu_roster *bad = tsunagu_roster_read_buffer("id,name\n", 8, "bad.csv", rg, NULL, d);
    tsunagu_roster_free(bad);
    tsunagu_plan *plan = NULL;
    if (r && e && tsunagu_solve(r, rg, e, NULL, &plan, d) == 0)
        run->seating = seating_text(plan);
    else {
        tsunagu_roster_free(r);
        tsunagu_event_free(e);
    }
    run->message = tsunagu_diags_count(d) ? strdup(tsunagu_diags_get(d, 0)->text) : NULL;
    tsunagu_plan_free(plan);
    tsunagu_diags_free(d);
    tsunagu_solve_thread_end();
    return NULL;
}

static void two_solves_at_once_equal_two_in_turn(void **state)
{
    (void)state;
    solve_run alone = {.lang = TSUNAGU_LANG_JA};
    solve_sample(&alone);
    assert_non_null(alone.seating);
    solve_run runs[4] = {{.lang = TSUNAGU_LANG_JA}, {.lang = TSUNAGU_LANG_EN},
                         {.lang = TSUNAGU_LANG_JA}, {.lang = TSUNAGU_LANG_EN}};
    pthread_t t[4];
    for (int k = 0; k < 4; k++)
        assert_int_equal(pthread_create(&t[k], NULL, solve_sample, &runs[k]), 0);
    for (int k = 0; k < 4; k++)
        pthread_join(t[k], NULL);
    for (int k = 0; k < 4; k++) {
        assert_non_null(runs[k].seating);
        assert_string_equal(runs[k].seating, alone.seating);
        assert_non_null(runs[k].message);
        assert_string_equal(runs[k].message, k % 2 ? runs[1].message : alone.message);
    }
    assert_string_not_equal(runs[1].message, alone.message); /* English is not Japanese */
    for (int k = 0; k < 4; k++) {
        free(runs[k].seating);
        free(runs[k].message);
    }
    free(alone.seating);
    free(alone.message);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(language_is_per_thread),
        cmocka_unit_test(index_sort_is_stable_and_uses_its_context),
        cmocka_unit_test(two_solves_at_once_equal_two_in_turn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
