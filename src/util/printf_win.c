/* printf_win.c - the printf family with positional arguments (%2$s) for
 * Windows (util/win/printf_pos.h).  A format without them goes straight to
 * mingw-w64's C99 printf; one with them is read twice: first for the type
 * of each numbered argument, which are then taken from the va_list in
 * order, then to format each conversion on its own. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

#undef vsnprintf
#undef snprintf
#undef vfprintf
#undef fprintf
#undef printf

#define MAX_ARGS 16

typedef enum { ARG_NONE, ARG_INT, ARG_LONG, ARG_LLONG, ARG_SIZE, ARG_DOUBLE, ARG_LDOUBLE, ARG_PTR } arg_type;

typedef union {
    int i;
    long l;
    long long ll;
    size_t z;
    double d;
    long double ld;
    void *p;
} arg_value;

/* One conversion at fmt (after '%'): its argument number (0: none, as
 * %%), its type, and where it ends; the conversion without "N$" in spec. */
static const char *parse_spec(const char *fmt, int *number, arg_type *type, char *spec, size_t size)
{
    const char *p = fmt;
    *number = 0;
    *type = ARG_NONE;
    int n = 0;
    while (*p >= '0' && *p <= '9')
        n = n * 10 + (*p++ - '0');
    if (*p == '$' && n > 0) {
        *number = n;
        p++;
    } else {
        p = fmt; /* no number: a width, read below */
    }
    const char *body = p;
    while (*p && strchr("-+ #0'", *p))
        p++;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    int l = 0;
    bool z = false, big = false;
    for (; *p && strchr("hlzjtL", *p); p++) {
        l += *p == 'l';
        z |= *p == 'z' || *p == 'j' || *p == 't';
        big |= *p == 'L';
    }
    char conv = *p ? *p++ : '\0';
    if (strchr("diouxXc", conv) && conv)
        *type = z ? ARG_SIZE : l >= 2 ? ARG_LLONG : l == 1 ? ARG_LONG : ARG_INT;
    else if (strchr("eEfFgGaA", conv) && conv)
        *type = big ? ARG_LDOUBLE : ARG_DOUBLE;
    else if (conv == 's' || conv == 'p')
        *type = ARG_PTR;
    size_t len = (size_t)(p - body);
    if (len + 2 > size)
        len = size - 2;
    spec[0] = '%';
    memcpy(spec + 1, body, len);
    spec[len + 1] = '\0';
    return p;
}

static void add_one(strbuf *out, const char *spec, arg_type type, const arg_value *v)
{
    switch (type) {
    case ARG_INT: strbuf_addf(out, spec, v->i); break;
    case ARG_LONG: strbuf_addf(out, spec, v->l); break;
    case ARG_LLONG: strbuf_addf(out, spec, v->ll); break;
    case ARG_SIZE: strbuf_addf(out, spec, v->z); break;
    case ARG_DOUBLE: strbuf_addf(out, spec, v->d); break;
    case ARG_LDOUBLE: strbuf_addf(out, spec, v->ld); break;
    case ARG_PTR: strbuf_addf(out, spec, v->p); break;
    default: break;
    }
}

/* The formatted text of a format with positional arguments, or NULL when
 * fmt has none (or mixes them with plain ones: formatted as it is). */
static char *format_positional(const char *fmt, va_list ap)
{
    if (!strchr(fmt, '$'))
        return NULL;
    arg_type types[MAX_ARGS + 1] = {0};
    int count = 0;
    char spec[64];
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
        int number;
        arg_type type;
        p = parse_spec(p + 1, &number, &type, spec, sizeof spec);
        if (type == ARG_NONE)
            continue;
        if (number == 0 || number > MAX_ARGS)
            return NULL;
        types[number] = type;
        count = number > count ? number : count;
    }
    arg_value values[MAX_ARGS + 1];
    for (int i = 1; i <= count; i++) {
        switch (types[i]) {
        case ARG_INT: values[i].i = va_arg(ap, int); break;
        case ARG_LONG: values[i].l = va_arg(ap, long); break;
        case ARG_LLONG: values[i].ll = va_arg(ap, long long); break;
        case ARG_SIZE: values[i].z = va_arg(ap, size_t); break;
        case ARG_DOUBLE: values[i].d = va_arg(ap, double); break;
        case ARG_LDOUBLE: values[i].ld = va_arg(ap, long double); break;
        case ARG_PTR: values[i].p = va_arg(ap, void *); break;
        default: (void)va_arg(ap, int); break; /* unnamed: assume an int */
        }
    }
    strbuf out = {0};
    const char *p = fmt;
    for (const char *pct; (pct = strchr(p, '%')) != NULL;) {
        strbuf_addn(&out, p, (size_t)(pct - p));
        int number;
        arg_type type;
        p = parse_spec(pct + 1, &number, &type, spec, sizeof spec);
        if (type == ARG_NONE)
            strbuf_addn(&out, pct, (size_t)(p - pct) == 2 && pct[1] == '%' ? 1 : (size_t)(p - pct));
        else
            add_one(&out, spec, type, &values[number]);
    }
    strbuf_add(&out, p);
    if (!out.data)
        out.data = calloc(1, 1);
    return out.data;
}

int pos_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    char *text = format_positional(fmt, copy);
    va_end(copy);
    if (!text)
        return __mingw_vsnprintf(buf, size, fmt, ap);
    size_t len = strlen(text);
    if (size > 0) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(buf, text, n);
        buf[n] = '\0';
    }
    free(text);
    return (int)len;
}

int pos_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = pos_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int pos_vfprintf(FILE *f, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    char *text = format_positional(fmt, copy);
    va_end(copy);
    if (!text)
        return __mingw_vfprintf(f, fmt, ap);
    int n = fputs(text, f) < 0 ? -1 : (int)strlen(text);
    free(text);
    return n;
}

int pos_fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = pos_vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int pos_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = pos_vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}
