/* date.c - the day's date for paper, through ICU's calendars and date
 * formats (udat, ucal). */
#include "util/date.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "tsunagu/lang.h"

/* 2014-10-31 -> its three numbers; false unless exactly YYYY-MM-DD. */
static bool parse_iso(const char *iso, int *y, int *m, int *d)
{
    if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
            return false;
    *y = atoi(iso);
    *m = atoi(iso + 5);
    *d = atoi(iso + 8);
    return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

/* Midnight UTC of that Gregorian day; false for a day that does not exist
 * (2014-02-30: the calendar is strict, not rolled over into March). */
static bool day_millis(int y, int m, int d, const UChar *utc, UDate *out)
{
    UErrorCode st = U_ZERO_ERROR;
    UCalendar *cal = ucal_open(utc, -1, "en_US@calendar=gregorian", UCAL_GREGORIAN, &st);
    if (U_FAILURE(st))
        return false;
    ucal_setAttribute(cal, UCAL_LENIENT, 0);
    ucal_clear(cal);
    ucal_setDate(cal, y, m - 1, d, &st);
    *out = ucal_getMillis(cal, &st);
    ucal_close(cal);
    return U_SUCCESS(st);
}

char *date_for_paper(const char *iso)
{
    int y, m, d;
    if (!parse_iso(iso, &y, &m, &d))
        return NULL;
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UDate when;
    if (!day_millis(y, m, d, utc, &when))
        return NULL;
    const bool en = tsunagu_lang_get() == TSUNAGU_LANG_EN;
    /* Japanese: the era's name in full (GGGG), the year in it, the weekday
     * in full-width brackets as the announcement writes it.  ICU writes the
     * first year of an era as 元年 when "y" is followed by 年 (ICU 64+). */
    const char *locale = en ? "en_GB" : "ja_JP@calendar=japanese";
    const char *pattern = en ? "d MMMM y (EEE)" : "GGGGy年M月d日（E）";
    UErrorCode st = U_ZERO_ERROR;
    UChar upattern[64];
    u_strFromUTF8(upattern, 64, NULL, pattern, -1, &st);
    UDateFormat *fmt = U_SUCCESS(st) ? udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, utc, -1,
                                                 upattern, -1, &st)
                                     : NULL;
    UChar text[128];
    int32_t n = U_SUCCESS(st) ? udat_format(fmt, when, text, 128, NULL, &st) : 0;
    if (fmt)
        udat_close(fmt);
    char *out = malloc(4 * 128 + 1);
    if (!out)
        abort();
    if (U_SUCCESS(st))
        u_strToUTF8(out, 4 * 128 + 1, NULL, text, n, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) {
        free(out);
        return NULL;
    }
    return out;
}
