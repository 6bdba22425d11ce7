/* diag.c - a growable list of FILE:LINE diagnostics. */
#include "tsunagu/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/tr.h"
#include "tsunagu/text.h"

struct tsunagu_diags {
    tsunagu_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
};

tsunagu_diags *tsunagu_diags_new(void)
{
    return calloc(1, sizeof(tsunagu_diags));
}

void tsunagu_diags_free(tsunagu_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].source);
        free(d->items[i].text);
    }
    free(d->items);
    free(d);
}

static void vadd(tsunagu_diags *d, tsunagu_severity sev, const char *source, int line,
                 int column, const char *fmt, va_list args) __attribute__((format(printf, 6, 0)));

static void vadd(tsunagu_diags *d, tsunagu_severity sev, const char *source, int line,
                 int column, const char *fmt, va_list args)
{
    if (!d)
        return;
    if (sev == TSUNAGU_ERROR)
        d->errors++;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        tsunagu_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return; /* counted as an error above, text lost */
        d->items = items;
        d->cap = cap;
    }
    va_list ap;
    va_copy(ap, args);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text) {
        va_copy(ap, args);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    tsunagu_diag *g = &d->items[d->count++];
    g->severity = sev;
    g->source = source ? strdup(source) : NULL;
    g->line = line;
    g->column = line > 0 && column > 0 ? column : 0;
    g->text = text;
}

void tsunagu_diags_add(tsunagu_diags *d, tsunagu_severity sev, const char *source, int line,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, source, line, 0, fmt, ap);
    va_end(ap);
}

void tsunagu_diags_add_at(tsunagu_diags *d, tsunagu_severity sev, const char *source, int line,
                          int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, source, line, column, fmt, ap);
    va_end(ap);
}

void tsunagu_diags_strict(tsunagu_diags *d)
{
    for (size_t i = 0; d && i < d->count; i++)
        if (d->items[i].severity == TSUNAGU_WARNING) {
            d->items[i].severity = TSUNAGU_ERROR;
            d->errors++;
        }
}

size_t tsunagu_diags_count(const tsunagu_diags *d) { return d ? d->count : 0; }

size_t tsunagu_diags_errors(const tsunagu_diags *d) { return d ? d->errors : 0; }

size_t tsunagu_diags_warnings(const tsunagu_diags *d)
{
    size_t n = 0;
    for (size_t i = 0; d && i < d->count; i++)
        n += d->items[i].severity == TSUNAGU_WARNING;
    return n;
}

const tsunagu_diag *tsunagu_diags_get(const tsunagu_diags *d, size_t i)
{
    return d && i < d->count ? &d->items[i] : NULL;
}

char *tsunagu_diag_text(const tsunagu_diag *g)
{
    strbuf b = {0};
    if (g->source && g->line > 0 && g->column > 0)
        strbuf_addf(&b, "%s:%d:%d: ", g->source, g->line, g->column);
    else if (g->source && g->line > 0)
        strbuf_addf(&b, "%s:%d: ", g->source, g->line);
    else if (g->source)
        strbuf_addf(&b, "%s: ", g->source);
    if (g->severity == TSUNAGU_WARNING)
        strbuf_add(&b, TR("warning: ", "警告: "));
    strbuf_add(&b, g->text ? g->text : "(out of memory)");
    return b.data ? b.data : tsunagu_strdup("");
}

void tsunagu_diags_print(const tsunagu_diags *d, FILE *out)
{
    for (size_t i = 0; d && i < d->count; i++) {
        char *line = tsunagu_diag_text(&d->items[i]);
        fprintf(out, "%s\n", line);
        free(line);
    }
}
