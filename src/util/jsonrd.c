/* jsonrd.c - reading a parsed JSON document whose errors name their line. */
#include "util/jsonrd.h"
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/tr.h"
#include "tsunagu/text.h"

void jsonrd_fail(jsonrd *r, const char *ptr, const char *fmt, ...)
{
    strbuf text = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&text, fmt, ap);
    va_end(ap);
    tsunagu_jsonpos_error(r->diags, r->source, r->pos, ptr, "%s", text.data ? text.data : "");
    free(text.data);
    r->errors++;
}

void jsonrd_key(char out[JSONRD_PTR_MAX], const char *base, const char *key)
{
    snprintf(out, JSONRD_PTR_MAX, "%s", base);
    (void)tsunagu_jsonpos_append(out, JSONRD_PTR_MAX, key); /* too long: the parent's line */
}

void jsonrd_index(char out[JSONRD_PTR_MAX], const char *base, size_t i)
{
    char num[24];
    snprintf(num, sizeof num, "%zu", i);
    jsonrd_key(out, base, num);
}

void jsonrd_check_keys(jsonrd *r, const json_t *obj, const char *ptr,
                       const char *const *allowed)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)obj, key, value) {
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++) {
            size_t n = strlen(*a);
            ok = n > 0 && (*a)[n - 1] == '*' ? strncmp(*a, key, n - 1) == 0 : strcmp(*a, key) == 0;
        }
        if (ok)
            continue;
        char list[256] = "";
        for (const char *const *a = allowed; *a; a++) {
            if (a != allowed)
                strncat(list, ", ", sizeof list - strlen(list) - 1);
            strncat(list, *a, sizeof list - strlen(list) - 1);
        }
        char p[JSONRD_PTR_MAX];
        jsonrd_key(p, ptr, key);
        jsonrd_fail(r, p, TR("unknown key \"%s\" (expected %s)", "不明なキー \"%s\" です (使えるキー: %s)"),
                    key, list);
    }
}

int jsonrd_string(jsonrd *r, const json_t *obj, const char *ptr, const char *key, bool required,
                  char **out)
{
    *out = NULL;
    const json_t *v = json_object_get(obj, key);
    if (!v) {
        if (!required)
            return 0;
        jsonrd_fail(r, ptr, TR("\"%s\" is missing", "\"%s\" がありません"), key);
        return -1;
    }
    if (!json_is_string(v)) {
        char p[JSONRD_PTR_MAX];
        jsonrd_key(p, ptr, key);
        jsonrd_fail(r, p, TR("\"%s\" should be a string", "\"%s\" は文字列で書いてください"), key);
        return -1;
    }
    *out = tsunagu_strdup(json_string_value(v));
    return 0;
}
