/* lang.h - the language of messages and charts: Japanese by default. */
#ifndef TSUNAGU_LANG_H
#define TSUNAGU_LANG_H

typedef enum { TSUNAGU_LANG_JA = 0, TSUNAGU_LANG_EN = 1 } tsunagu_lang;

/* The calling thread's language, read by every message producer on that
 * thread; each new thread starts with JA.  Per thread so that the web
 * server can answer a Japanese and an English request at the same time. */
void tsunagu_lang_set(tsunagu_lang lang);
tsunagu_lang tsunagu_lang_get(void);
/* Parse "ja"/"en" (case-insensitive); returns 0 on success, -1 otherwise. */
int tsunagu_lang_parse(const char *s, tsunagu_lang *out);

/* Pick the text for the calling thread's language.  Both variants of a
 * format string must take the same arguments in the same order.  Borrowed:
 * returns en or ja. */
const char *tsunagu_tr(const char *en, const char *ja);

#endif
