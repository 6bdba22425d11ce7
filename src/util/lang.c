/* lang.c - the process language for messages and charts. */
#include "tsunagu/lang.h"

#include <strings.h>

/* Per thread: the web server answers requests in both languages at once. */
static _Thread_local tsunagu_lang current = TSUNAGU_LANG_JA;

void tsunagu_lang_set(tsunagu_lang lang) { current = lang; }

tsunagu_lang tsunagu_lang_get(void) { return current; }

int tsunagu_lang_parse(const char *s, tsunagu_lang *out)
{
    if (s && (strcasecmp(s, "ja") == 0 || strcasecmp(s, "jp") == 0)) {
        *out = TSUNAGU_LANG_JA;
        return 0;
    }
    if (s && strcasecmp(s, "en") == 0) {
        *out = TSUNAGU_LANG_EN;
        return 0;
    }
    return -1;
}

const char *tsunagu_tr(const char *en, const char *ja)
{
    return current == TSUNAGU_LANG_EN ? en : ja;
}
