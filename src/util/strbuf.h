/* strbuf.h - a growing NUL-terminated byte buffer (private to the library).
 *
 * Appending aborts on out of memory, like tsunagu_strdup: the texts built
 * with it (charts, messages, differences) are small and there is nothing
 * sensible to do with half of one.  Start from {0}; the caller owns .data
 * and frees it with free(). */
#ifndef TSUNAGU_STRBUF_H
#define TSUNAGU_STRBUF_H

#include <stddef.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} strbuf;

void strbuf_add(strbuf *b, const char *s);

/* The first n bytes of s (fewer at its NUL) as a new string: strndup,
 * which Windows' C library lacks.  Aborts on out of memory. */
char *str_ndup(const char *s, size_t n);
void strbuf_addn(strbuf *b, const char *s, size_t n);
void strbuf_addf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same as strbuf_addf, for callers that hold a va_list. */
#include <stdarg.h>
void strbuf_vaddf(strbuf *b, const char *fmt, va_list ap);

#endif
