/* badges.h - the label sheets name badges print on.
 *
 * A layout is data: a JSON file giving the page size, where the first
 * label starts, the columns and rows, the label's size and the gaps
 * between labels, all in millimetres (docs/charts.md, "Badge layouts").
 * The bundled ones are data/badges/NAME.json; the default is
 * TSUNAGU_BADGE_LAYOUT_DEFAULT, A4 with ten labels of 86.4 × 50.8 mm.
 * The badges themselves are a chart format (chart.h,
 * TSUNAGU_CHART_BADGES). */
#ifndef TSUNAGU_BADGES_H
#define TSUNAGU_BADGES_H

#include <stdbool.h>
#include <jansson.h>
#include "tsunagu/diag.h"

typedef struct tsunagu_badge_layout tsunagu_badge_layout;

/* The bundled layout that charts use when none is given. */
#define TSUNAGU_BADGE_LAYOUT_DEFAULT "a4-10"

/* A bundled layout by name ("a4-8": data/badges/a4-8.json), or a layout
 * file when name_or_path holds a '/' or ends in ".json".  Returns a new
 * layout (caller frees with tsunagu_badge_layout_free), or NULL with every
 * problem in diags as FILE:LINE: reason (an unknown name lists the bundled
 * ones). */
tsunagu_badge_layout *tsunagu_badge_layout_load(const char *name_or_path, tsunagu_diags *diags);
/* The same from a parsed document; source names it in messages.  Borrows
 * json. */
tsunagu_badge_layout *tsunagu_badge_layout_from_json(const json_t *json, const char *source,
                                                     tsunagu_diags *diags);
void tsunagu_badge_layout_free(tsunagu_badge_layout *layout); /* accepts NULL */

/* Labels on one sheet (columns × rows).  Cannot fail. */
int tsunagu_badge_layout_per_page(const tsunagu_badge_layout *layout);
/* The layout's title in the calling thread's language ("A4 10面 86.4 ×
 * 50.8 mm"), or its name when it has none.  Borrowed. */
const char *tsunagu_badge_layout_title(const tsunagu_badge_layout *layout);

/* True when s may name a bundled layout: 1 to 64 of [A-Za-z0-9_-].  The
 * web page accepts only such names, never a path.  Cannot fail. */
bool tsunagu_badge_layout_name_valid(const char *s);
/* The bundled layouts' names, sorted, joined by ", ": "a4-10, a4-8, ...".
 * New string the caller frees; "" when none is found. */
char *tsunagu_badge_layout_names(void);

#endif
