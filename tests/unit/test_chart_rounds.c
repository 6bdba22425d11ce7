/* test_chart_rounds.c - the times and names paper gives the rounds of a
 * session (a 席替え within its slot): round_minutes each from the start,
 * or the slot shared evenly (the last round ends with the slot), nothing
 * when the event has no times; "2回目 11:30–11:50" / "Round 2, 11:30–11:50".
 * Whole plans on paper are judged by tests/scripts/test_rounds_paper.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tsunagu/tsunagu.h"
#include "charts/chart_private.h"

/* Round r of k of a session start..end with round_minutes each: "11:10-11:30",
 * or "" when chart_round_times has none. */
static const char *times(const char *start, const char *end, int minutes, int r, int k)
{
    static char out[64];
    tsunagu_session_spec spec = {0};
    spec.start = (char *)start;
    spec.end = (char *)end;
    spec.round_minutes = minutes;
    int a, b;
    if (!chart_round_times(&spec, r, k, &a, &b))
        return "";
    char from[16], to[16];
    tsunagu_clock_text(a, from);
    tsunagu_clock_text(b, to);
    snprintf(out, sizeof out, "%s-%s", from, to);
    return out;
}

static void rounds_of_given_minutes_follow_each_other(void **state)
{
    (void)state;
    assert_string_equal(times("11:10", "12:10", 20, 0, 3), "11:10-11:30");
    assert_string_equal(times("11:10", "12:10", 20, 1, 3), "11:30-11:50");
    assert_string_equal(times("11:10", "12:10", 20, 2, 3), "11:50-12:10");
    /* shorter than the slot: the rounds start with it, the rest is after */
    assert_string_equal(times("11:10", "12:10", 15, 2, 3), "11:40-11:55");
    /* no end needed when the minutes are given */
    assert_string_equal(times("09:00", NULL, 25, 1, 2), "9:25-9:50");
}

static void the_slot_is_shared_evenly_without_minutes(void **state)
{
    (void)state;
    assert_string_equal(times("11:10", "12:10", 0, 0, 4), "11:10-11:25");
    assert_string_equal(times("11:10", "12:10", 0, 3, 4), "11:55-12:10");
    /* 60 minutes in 7: whole minutes, no gap, the last ends with the slot */
    int end = -1;
    for (int r = 0; r < 7; r++) {
        tsunagu_session_spec spec = {.start = "11:10", .end = "12:10"};
        int a, b;
        assert_true(chart_round_times(&spec, r, 7, &a, &b));
        if (r == 0)
            assert_int_equal(a, 11 * 60 + 10);
        else
            assert_int_equal(a, end);
        assert_true(b - a == 8 || b - a == 9);
        end = b;
    }
    assert_int_equal(end, 12 * 60 + 10);
}

static void no_times_without_a_start_or_an_end_to_share(void **state)
{
    (void)state;
    assert_string_equal(times(NULL, NULL, 20, 0, 3), "");
    assert_string_equal(times("11:10", NULL, 0, 0, 3), "");
    assert_string_equal(times("11:10", "12:10", 20, 3, 3), ""); /* past the last */
}

static void headings_name_the_round_and_its_times(void **state)
{
    (void)state;
    tsunagu_session_spec spec = {.id = "morning", .start = "11:10", .end = "12:10"};
    tsunagu_session_plan later[2] = {{0}};
    tsunagu_session_plan sp = {.spec = &spec, .later = later, .n_later = 2};
    later[0].spec = later[1].spec = &spec;
    assert_int_equal(chart_round_count(&sp), 3);
    assert_ptr_equal(chart_round(&sp, 0), &sp);
    assert_ptr_equal(chart_round(&sp, 2), &later[1]);
    assert_null(chart_round(&sp, 3));
    tsunagu_lang_set(TSUNAGU_LANG_JA);
    char *h = chart_round_heading(&sp, 1, "–");
    assert_string_equal(h, "2回目 11:30–11:50");
    free(h);
    char *n = chart_round_name(2);
    assert_string_equal(n, "3回目");
    free(n);
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    h = chart_round_heading(&sp, 2, "–");
    assert_string_equal(h, "Round 3, 11:50–12:10");
    free(h);
    spec.start = NULL; /* no times: the name alone */
    h = chart_round_heading(&sp, 0, "–");
    assert_string_equal(h, "Round 1");
    free(h);
    tsunagu_lang_set(TSUNAGU_LANG_JA);
    /* a session of one round has one, itself */
    tsunagu_session_plan one = {.spec = &spec};
    assert_int_equal(chart_round_count(&one), 1);
    assert_null(chart_round(&one, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rounds_of_given_minutes_follow_each_other),
        cmocka_unit_test(the_slot_is_shared_evenly_without_minutes),
        cmocka_unit_test(no_times_without_a_start_or_an_end_to_share),
        cmocka_unit_test(headings_name_the_round_and_its_times),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
