/* diag.h - diagnostics: errors and warnings that name FILE:LINE and a reason.
 *
 * Every step that reads user files collects all its problems in one
 * tsunagu_diags list so the user sees every bad record at once, not only
 * the first.  Messages are produced in the process language (see lang.h). */
#ifndef TSUNAGU_DIAG_H
#define TSUNAGU_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
    TSUNAGU_ERROR = 0,   /* the input cannot be used as it is */
    TSUNAGU_WARNING = 1  /* usable, but the user should know */
} tsunagu_severity;

typedef struct {
    tsunagu_severity severity;
    char *source; /* file path or "<stdin>"; NULL for problems with no file */
    int line;     /* 1-based; 0 when the problem concerns the whole file */
    int column;   /* 1-based, in characters of the line; 0 when not known */
    char *text;   /* the message, without source or severity prefix */
} tsunagu_diag;

typedef struct tsunagu_diags tsunagu_diags;

/* New empty list; the caller frees it with tsunagu_diags_free.  NULL only
 * when out of memory. */
tsunagu_diags *tsunagu_diags_new(void);
void tsunagu_diags_free(tsunagu_diags *d); /* accepts NULL */

/* Append a message (printf format).  source may be NULL, line 0.  Cannot
 * fail: on out of memory the message is counted but its text is lost. */
void tsunagu_diags_add(tsunagu_diags *d, tsunagu_severity sev, const char *source,
                       int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The same with a column (1-based, counted in characters; 0: none), for
 * problems that sit at one place in a line.  Cannot fail, as above. */
void tsunagu_diags_add_at(tsunagu_diags *d, tsunagu_severity sev, const char *source, int line,
                          int column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Turn every warning collected so far into an error (`--strict`): the
 * messages stay, their severity changes.  Cannot fail; accepts NULL. */
void tsunagu_diags_strict(tsunagu_diags *d);

size_t tsunagu_diags_count(const tsunagu_diags *d);
size_t tsunagu_diags_errors(const tsunagu_diags *d);   /* severity ERROR */
size_t tsunagu_diags_warnings(const tsunagu_diags *d); /* severity WARNING */
/* Borrowed pointer, valid until the list is changed or freed. */
const tsunagu_diag *tsunagu_diags_get(const tsunagu_diags *d, size_t i);

/* Print each message on its own line, in the order added:
 *   FILE:LINE: message              (errors)
 *   FILE:LINE: warning: message     (warnings; 警告 in Japanese)
 * FILE:LINE: becomes FILE:LINE:COLUMN: when the column is known, is
 * shortened to FILE: when line is 0 and omitted without source. */
void tsunagu_diags_print(const tsunagu_diags *d, FILE *out);

/* One diagnostic as tsunagu_diags_print prints it, without the newline.
 * New string the caller frees; aborts on out of memory. */
char *tsunagu_diag_text(const tsunagu_diag *g);

#endif
