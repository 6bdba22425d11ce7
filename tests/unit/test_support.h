/* test_support.h - what the rounds unit tests share: messages in English,
 * every diagnostic as one string, a path under the bundled data folder. */
#ifndef TSUNAGU_TEST_SUPPORT_H
#define TSUNAGU_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/diag.h"
#include "tsunagu/lang.h"

/* cmocka setup: the library's messages in English. */
static inline int setup_en(void **state)
{
    (void)state;
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    return 0;
}

/* Every diagnostic of d in one string (the caller frees it). */
static inline char *all_text(const tsunagu_diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tsunagu_diags_print(d, f);
    fclose(f);
    return buf;
}

/* name under the bundled data folder ($TSUNAGU_DATA, else ./data), into out. */
static inline const char *data_file(char *out, size_t size, const char *name)
{
    const char *root = getenv("TSUNAGU_DATA");
    snprintf(out, size, "%s/%s", root ? root : "data", name);
    return out;
}

#endif
