/* tr.h - TR("English", "日本語"): a message in the calling thread's language
 * (private to the library and the command line; the public API is
 * tsunagu_tr in tsunagu/lang.h).  Both variants of a format string take the
 * same arguments; Japanese reorders them with %1$s positions
 * (tests/scripts/test_tr_formats.sh checks). */
#ifndef TSUNAGU_TR_H
#define TSUNAGU_TR_H

#include "tsunagu/lang.h"

#define TR(en, ja) tsunagu_tr((en), (ja))
/* Both variants, for a producer that keeps the text in each language
 * (tsunagu_plan_say_carried); checked like TR. */
#define TR_BOTH(en, ja) (en), (ja)

#endif
