/* date_win.c - date.h on Windows: the Japanese era from Windows' own
 * Japanese calendar (GetDateFormatEx, locale ja-JP, DATE_USE_ALT_CALENDAR),
 * instead of ICU (date.c).  A new era arrives with Windows Update.  Where
 * ja-JP has no Japanese calendar (Wine), the Western year: 2014年10月31日（金）. */
#include "util/date.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>

#include "tsunagu/lang.h"

/* 2014-10-31 -> that day; false unless exactly YYYY-MM-DD of a real day
 * (2014-02-30 is none: SystemTimeToFileTime refuses it). */
static bool parse_day(const char *iso, SYSTEMTIME *st)
{
    if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
            return false;
    memset(st, 0, sizeof *st);
    st->wYear = (WORD)atoi(iso);
    st->wMonth = (WORD)atoi(iso + 5);
    st->wDay = (WORD)atoi(iso + 8);
    FILETIME ft;
    if (st->wYear < 1601 || !SystemTimeToFileTime(st, &ft) || !FileTimeToSystemTime(&ft, st))
        return false; /* FileTimeToSystemTime fills in the weekday */
    return true;
}

/* One GetDateFormatEx field of the day in UTF-8 into out (size bytes). */
static bool field(const wchar_t *locale, DWORD flags, const SYSTEMTIME *st, const wchar_t *format,
                  char *out, int size)
{
    wchar_t w[64];
    if (GetDateFormatEx(locale, flags, st, format, w, 64, NULL) <= 0)
        return false;
    return WideCharToMultiByte(CP_UTF8, 0, w, -1, out, size, NULL, NULL) > 0;
}

char *date_for_paper(const char *iso)
{
    SYSTEMTIME st;
    if (!parse_day(iso, &st))
        return NULL;
    char era[64], year[16], weekday[64], *out = malloc(256);
    if (!out)
        abort();
    if (tsunagu_lang_get() == TSUNAGU_LANG_EN) {
        char month[64];
        if (!field(L"en-GB", 0, &st, L"MMMM", month, sizeof month) ||
            !field(L"en-GB", 0, &st, L"ddd", weekday, sizeof weekday)) {
            free(out);
            return NULL;
        }
        snprintf(out, 256, "%d %s %d (%s)", st.wDay, month, st.wYear, weekday);
        return out;
    }
    /* Japanese: the era's name (gg), the year in it, 元年 for its first
     * year as the announcement writes it, the weekday in full-width
     * brackets: 平成26年10月31日（金）. */
    if (!field(L"ja-JP", DATE_USE_ALT_CALENDAR, &st, L"gg", era, sizeof era) ||
        !field(L"ja-JP", DATE_USE_ALT_CALENDAR, &st, L"y", year, sizeof year) ||
        !field(L"ja-JP", 0, &st, L"ddd", weekday, sizeof weekday)) {
        free(out);
        return NULL;
    }
    /* A system whose ja-JP has no Japanese calendar as its alternate (Wine)
     * names the Gregorian era, 西暦, or none: the Western year then, in
     * full, rather than a wrong era. */
    if (!*era || strcmp(era, "西暦") == 0 || (unsigned char)era[0] < 0x80) {
        era[0] = '\0';
        snprintf(year, sizeof year, "%d", st.wYear);
    }
    if (strcmp(year, "1") == 0)
        snprintf(year, sizeof year, "元");
    snprintf(out, 256, "%s%s年%d月%d日（%s）", era, year, st.wMonth, st.wDay, weekday);
    return out;
}
