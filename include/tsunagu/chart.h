/* chart.h - printable outputs of a plan: HTML (A4), aligned text, CSV,
 * name badges.
 *
 * HTML: one self-contained file for A4 paper (inline CSS and SVG, nothing
 * fetched): room map per session, facilitators' rosters, reception list in
 * あいうえお order, one sign page per table, optionally a regional
 * directory, and the plan report.  Text: the rosters, columns aligned by
 * display width.  CSV: one row per attendee for mail-merging badges.
 * Badges: one HTML file of label sheets (badges.h), a badge per attendee
 * in あいうえお order with name, reading, organisation, profession and
 * the table of each session.
 * Attendee text is always data: escaped for HTML/SVG, control characters
 * replaced in text, CSV cells quoted and formula starts (= + - @) guarded
 * with a leading apostrophe so spreadsheets do not evaluate them. */
#ifndef TSUNAGU_CHART_H
#define TSUNAGU_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include "tsunagu/badges.h"
#include "tsunagu/plan.h"

typedef enum {
    TSUNAGU_CHART_HTML = 0,
    TSUNAGU_CHART_TEXT,
    TSUNAGU_CHART_CSV,
    TSUNAGU_CHART_BADGES,
    TSUNAGU_CHART_FORMAT_COUNT
} tsunagu_chart_format;
typedef enum { TSUNAGU_ENC_UTF8_BOM = 0, TSUNAGU_ENC_CP932 } tsunagu_chart_encoding;

typedef struct {
    tsunagu_chart_format format;
    tsunagu_chart_encoding encoding; /* CSV only */
    bool directory;                  /* HTML: add the regional directory */
    bool roster_per_page;            /* HTML: each table's roster on a sheet of its own */
    const tsunagu_plan *only_changed_since; /* render only what changed since this plan; NULL = all */
    const tsunagu_badge_layout *badge_layout; /* badges: borrowed; NULL = the bundled default */
} tsunagu_chart_options;

void tsunagu_chart_options_init(tsunagu_chart_options *opt); /* HTML, UTF-8+BOM */

/* Render the plan in the current language (lang.h).  Returns a new buffer
 * (caller frees with free()) and its length in *len, or NULL when out of
 * memory or the text cannot be encoded (CP932: the error names the
 * attendee, the field and the character; nothing is replaced silently),
 * or the default badge layout cannot be loaded, with a reason in diags. */
char *tsunagu_chart_render(const tsunagu_plan *plan, const tsunagu_chart_options *opt,
                           size_t *len, tsunagu_diags *diags);

/* Render and write to path atomically ("-" = standard output), as
 * `tsunagu chart -o` and `tsunagu solve --html/--text/--csv` do.  Returns 0,
 * or -1 with a reason in diags and path untouched. */
int tsunagu_chart_write(const tsunagu_plan *plan, const tsunagu_chart_options *opt,
                        const char *path, tsunagu_diags *diags);

/* Parse "html"/"text"/"csv"/"badges" and "utf-8"/"utf8"/"cp932"/"sjis"
 * (case-insensitive); 0 on success, -1 when unknown. */
int tsunagu_chart_format_parse(const char *s, tsunagu_chart_format *out);
int tsunagu_chart_encoding_parse(const char *s, tsunagu_chart_encoding *out);

/* A reading in the form the reception list's あ/か/さ headings are taken
 * from: NFKC, katakana folded to hiragana, white space collapsed, ASCII
 * lower-cased.  Not a sort key (code point order puts が after こ): people
 * are ordered with tsunagu_attendees_reading_order.  Returns a new string
 * the caller frees, or NULL when s is not valid UTF-8. */
char *tsunagu_chart_reading_key(const char *s);

#endif
