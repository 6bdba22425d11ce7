/* fuzz_common.h - shared by the libFuzzer harnesses: a quiet diagnostics
 * list per input, and both languages exercised (their format strings are
 * chosen at run time, so the compiler checks neither). */
#ifndef TSUNAGU_FUZZ_COMMON_H
#define TSUNAGU_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tsunagu/tsunagu.h"

/* The language follows the input's length so every corpus entry is read
 * in one language and its mutations in both. */
static inline void fuzz_pick_lang(size_t size)
{
    tsunagu_lang_set(size % 2 ? TSUNAGU_LANG_EN : TSUNAGU_LANG_JA);
}

/* Format every message as the command line would, into /dev/null: a bad
 * format argument or an unterminated text shows up under the sanitizers. */
static inline void fuzz_print_diags(const tsunagu_diags *d)
{
    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");
    if (null_out)
        tsunagu_diags_print(d, null_out);
}

/* A property that must hold: abort so libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond)                                                             \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
