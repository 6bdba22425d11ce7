/* date.h - the day's date as people write it on paper (private to the
 * library).
 *
 * Japanese paper writes a date in the Japanese era with the weekday, as the
 * announcement of the day does: 平成26年10月31日（金）, 令和元年5月1日（水）.
 * The era table and the calendar are ICU's (ja_JP@calendar=japanese), so a
 * new era arrives with ICU's data, not with a table of ours. */
#ifndef TSUNAGU_DATE_H
#define TSUNAGU_DATE_H

/* iso ("2014-10-31", as an event file holds it) for paper in the calling
 * thread's language: 平成26年10月31日（金） in Japanese (the first year of an
 * era as 元年), "31 October 2014 (Fri)" in English.  Returns a new string
 * the caller frees, or NULL when iso is not a real date of the form
 * YYYY-MM-DD (the caller then prints iso as it is) or ICU cannot format it. */
char *date_for_paper(const char *iso);

#endif
