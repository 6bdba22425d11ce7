/* printf_pos.h - positional printf arguments (%2$s) on Windows (private).
 *
 * Messages are written once in both languages with positional arguments
 * where Japanese needs another order (TR("%1$zu ... %2$ld", ...)); glibc's
 * printf takes them, mingw-w64's does not.  The Windows build includes this
 * header in every file (-include, src/CMakeLists.txt): it sends the printf
 * family through util/printf_win.c, which puts the arguments in order and
 * formats each with mingw-w64's C99 printf. */
#ifndef TSUNAGU_PRINTF_POS_H
#define TSUNAGU_PRINTF_POS_H

#include <stdarg.h>
#include <stdio.h>

int pos_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int pos_snprintf(char *buf, size_t size, const char *fmt, ...);
int pos_vfprintf(FILE *f, const char *fmt, va_list ap);
int pos_fprintf(FILE *f, const char *fmt, ...);
int pos_printf(const char *fmt, ...);

/* function-like: `format(printf, 2, 3)` in an attribute stays as it is */
#define vsnprintf(...) pos_vsnprintf(__VA_ARGS__)
#define snprintf(...) pos_snprintf(__VA_ARGS__)
#define vfprintf(...) pos_vfprintf(__VA_ARGS__)
#define fprintf(...) pos_fprintf(__VA_ARGS__)
#define printf(...) pos_printf(__VA_ARGS__)

#endif
