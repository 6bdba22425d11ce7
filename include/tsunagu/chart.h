/* chart.h - printable outputs of a plan: HTML (A4), aligned text, CSV. */
#ifndef TSUNAGU_CHART_H
#define TSUNAGU_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include "tsunagu/plan.h"

typedef enum { TSUNAGU_CHART_HTML = 0, TSUNAGU_CHART_TEXT, TSUNAGU_CHART_CSV } tsunagu_chart_format;
typedef enum { TSUNAGU_ENC_UTF8_BOM = 0, TSUNAGU_ENC_CP932 } tsunagu_chart_encoding;

typedef struct {
    tsunagu_chart_format format;
    tsunagu_chart_encoding encoding; /* CSV only */
    bool directory;                  /* HTML: add the regional directory */
    const tsunagu_plan *only_changed_since; /* render only what changed since this plan; NULL = all */
} tsunagu_chart_options;

void tsunagu_chart_options_init(tsunagu_chart_options *opt); /* HTML, UTF-8+BOM */

/* Render the plan in the current language (lang.h).  Returns a new buffer
 * (caller frees with free()) and its length in *len, or NULL when out of
 * memory or the text cannot be encoded (CP932), with a reason in diags. */
char *tsunagu_chart_render(const tsunagu_plan *plan, const tsunagu_chart_options *opt,
                           size_t *len, tsunagu_diags *diags);

#endif
