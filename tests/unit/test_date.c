/* test_date.c - the day's date on paper: the Japanese era with the
 * weekday (平成26年10月31日（金）, 令和元年5月1日（水）) from ICU, English as
 * "31 October 2014 (Fri)", anything but a real YYYY-MM-DD refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "tsunagu/lang.h"
#include "util/date.h"

static void assert_date(const char *iso, const char *want)
{
    char *got = date_for_paper(iso);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void japanese_paper_writes_the_era_and_the_weekday(void **state)
{
    tsunagu_lang_set(TSUNAGU_LANG_JA);
    /* the announcement of the day: 開催日時 平成26年10月31日(金) */
    assert_date("2014-10-31", "平成26年10月31日（金）");
    assert_date("2026-12-02", "令和8年12月2日（水）");
    /* an era's first year is 元年, and the era changes on its day */
    assert_date("2019-05-01", "令和元年5月1日（水）");
    assert_date("2019-04-30", "平成31年4月30日（火）");
    assert_date("2020-01-01", "令和2年1月1日（水）");
    assert_date("1989-01-08", "平成元年1月8日（日）");
    assert_date("1989-01-07", "昭和64年1月7日（土）");
}

static void english_paper_writes_day_month_year(void **state)
{
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    assert_date("2014-10-31", "31 October 2014 (Fri)");
    assert_date("2019-05-01", "1 May 2019 (Wed)");
    tsunagu_lang_set(TSUNAGU_LANG_JA);
}

static void only_real_iso_dates_are_formatted(void **state)
{
    assert_null(date_for_paper(NULL));
    assert_null(date_for_paper(""));
    assert_null(date_for_paper("2014/10/31"));
    assert_null(date_for_paper("2014-10-31 "));
    assert_null(date_for_paper("2014-13-01"));
    assert_null(date_for_paper("2014-02-30")); /* not rolled over into March */
    assert_null(date_for_paper("2015-02-29"));
    assert_date("2016-02-29", "平成28年2月29日（月）");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(japanese_paper_writes_the_era_and_the_weekday),
        cmocka_unit_test(english_paper_writes_day_month_year),
        cmocka_unit_test(only_real_iso_dates_are_formatted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
