/* iconv.h for Windows (private): the two conversions the library makes,
 * CP932 <-> UTF-8, with iconv's contract (EILSEQ at an invalid sequence,
 * EINVAL at one cut short, E2BIG when the output is full; the pointers
 * moved past what was converted), done by Windows' own code page 932
 * (MultiByteToWideChar / WideCharToMultiByte).  Only on the include path
 * of the Windows build (src/CMakeLists.txt); src/util/iconv_win.c. */
#ifndef TSUNAGU_WIN_ICONV_H
#define TSUNAGU_WIN_ICONV_H

#include <stddef.h>

typedef struct win_iconv *iconv_t;

/* "UTF-8" <- "CP932" or "CP932" <- "UTF-8" (also "SHIFT_JIS", "WINDOWS-31J"
 * for CP932); anything else: (iconv_t)-1 with errno EINVAL. */
iconv_t iconv_open(const char *to, const char *from);
size_t iconv(iconv_t cd, char **in, size_t *inleft, char **out, size_t *outleft);
int iconv_close(iconv_t cd);

#endif
