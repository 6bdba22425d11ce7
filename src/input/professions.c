/* professions.c - the professions of an event, read from its file: codes,
 * labels, marks, colours, accepted spellings, seated or not. */
#include "tsunagu/professions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/professions_read.h"
#include "tsunagu/fileio.h"
#include "tsunagu/text.h"
#include "util/jsonpos.h"
#include "util/strbuf.h"
#include "util/tr.h"

#define MAX_PROFESSION_FILE (1u << 20)

typedef struct {
    char *code, *label, *label_en, *short_ja, *short_en, *mark, *colour;
    char *with;     /* code of the profession it shares a default track and side with, or NULL */
    int with_index; /* that profession's index, else its own */
    char **aliases; /* as written in the table */
    int n_aliases;
    char **keys; /* matching keys of the code, the label and every alias */
    int n_keys;
    bool seated;
} profession;

struct tsunagu_professions {
    profession *items;
    int count;
};

/* NFKC key without any white space: "ＭＳＷ", "M S W" and "相談支援 専門員" match. */
static char *match_key(const char *s)
{
    char *k = tsunagu_text_key(s);
    if (!k)
        return NULL;
    char *w = k;
    for (char *r = k; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    return k;
}

void tsunagu_professions_free(tsunagu_professions *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->count; i++) {
        profession *q = &p->items[i];
        free(q->code), free(q->label), free(q->label_en), free(q->short_ja);
        free(q->short_en), free(q->mark), free(q->colour), free(q->with);
        for (int k = 0; k < q->n_keys; k++)
            free(q->keys[k]);
        free(q->keys);
        for (int k = 0; k < q->n_aliases; k++)
            free(q->aliases[k]);
        free(q->aliases);
    }
    free(p->items);
    free(p);
}

static void add_key(profession *q, const char *s)
{
    char *k = match_key(s);
    if (!k || !*k) {
        free(k);
        return;
    }
    q->keys = realloc(q->keys, (size_t)(q->n_keys + 1) * sizeof *q->keys);
    if (!q->keys)
        abort();
    q->keys[q->n_keys++] = k;
}

static bool valid_colour(const char *c)
{
    if (strlen(c) != 7 || c[0] != '#')
        return false;
    for (int i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", c[i]))
            return false;
    return true;
}

/* One element; 0 or -1 after reporting. */
static int read_one(jsonrd *r, const json_t *o, const char *ptr, profession *q)
{
    static const char *const keys[] = {"code",   "label",   "label_en", "short", "short_en", "mark",
                                       "colour", "aliases", "seated",   "with",  NULL};
    int before = r->errors;
    char q_ptr[JSONRD_PTR_MAX];
    if (!json_is_object(o)) {
        jsonrd_fail(r, ptr, "%s", TR("a profession should be an object {\"code\": ...}",
                                     "職種は {\"code\": ...} のオブジェクトで書いてください"));
        return -1;
    }
    jsonrd_check_keys(r, o, ptr, keys);
    jsonrd_string(r, o, ptr, "code", true, &q->code);
    jsonrd_string(r, o, ptr, "label", true, &q->label);
    jsonrd_string(r, o, ptr, "label_en", false, &q->label_en);
    jsonrd_string(r, o, ptr, "short", false, &q->short_ja);
    jsonrd_string(r, o, ptr, "short_en", false, &q->short_en);
    jsonrd_string(r, o, ptr, "mark", false, &q->mark);
    jsonrd_string(r, o, ptr, "colour", false, &q->colour);
    jsonrd_string(r, o, ptr, "with", false, &q->with);
    if (q->code && (!*q->code || strlen(q->code) > 32 || strpbrk(q->code, " ,;/\\\"'<>&"))) {
        jsonrd_key(q_ptr, ptr, "code");
        jsonrd_fail(r, q_ptr, TR("profession code \"%s\": 1 to 32 characters without spaces, commas or quotes",
                                 "職種コード「%s」: 空白・カンマ・引用符なしの 1〜32 文字にしてください"),
                    q->code);
    }
    if (q->colour && !valid_colour(q->colour)) {
        jsonrd_key(q_ptr, ptr, "colour");
        jsonrd_fail(r, q_ptr, TR("colour \"%s\" should be written #rrggbb", "色「%s」は #rrggbb の形で書いてください"),
                    q->colour);
    }
    const json_t *seated = json_object_get(o, "seated");
    jsonrd_key(q_ptr, ptr, "seated");
    if (seated && !json_is_boolean(seated))
        jsonrd_fail(r, q_ptr, "%s", TR("\"seated\" should be true or false", "\"seated\" は true か false です"));
    q->seated = !seated || json_is_true(seated);
    if (!q->label_en)
        q->label_en = q->label ? tsunagu_strdup(q->label) : NULL;
    if (!q->short_ja)
        q->short_ja = q->label ? tsunagu_strdup(q->label) : NULL;
    if (!q->short_en)
        q->short_en = q->label_en ? tsunagu_strdup(q->label_en) : NULL;
    if (!q->mark && q->code) {
        char first[2] = {q->code[0], '\0'};
        q->mark = tsunagu_strdup(first);
    }
    if (!q->colour)
        q->colour = tsunagu_strdup("#777777");
    if (q->code)
        add_key(q, q->code);
    if (q->label)
        add_key(q, q->label);
    const json_t *aliases = json_object_get(o, "aliases");
    jsonrd_key(q_ptr, ptr, "aliases");
    if (aliases && !json_is_array(aliases))
        jsonrd_fail(r, q_ptr, "%s", TR("\"aliases\" should be a list of names", "\"aliases\" は名前のリストです"));
    size_t k;
    json_t *a;
    json_array_foreach(aliases, k, a) {
        char e[JSONRD_PTR_MAX];
        jsonrd_index(e, q_ptr, k);
        if (!json_is_string(a))
            jsonrd_fail(r, e, "%s", TR("an alias should be a string", "別名は文字列です"));
        else {
            add_key(q, json_string_value(a));
            q->aliases = realloc(q->aliases, (size_t)(q->n_aliases + 1) * sizeof *q->aliases);
            if (!q->aliases)
                abort();
            q->aliases[q->n_aliases++] = tsunagu_strdup(json_string_value(a));
        }
    }
    return r->errors > before ? -1 : 0;
}

/* "with": the code of an earlier seated profession that is not itself
 * "with" another (one level: a default track and side are one group). */
static void resolve_with(jsonrd *r, tsunagu_professions *p, const char *ptr)
{
    for (int i = 0; i < p->count; i++) {
        profession *q = &p->items[i];
        q->with_index = i;
        if (!q->with)
            continue;
        int w = -1;
        for (int j = 0; j < i && w < 0; j++)
            if (p->items[j].code && strcmp(p->items[j].code, q->with) == 0)
                w = j;
        if (w < 0 || !p->items[w].seated || !q->seated || p->items[w].with) {
            char e[JSONRD_PTR_MAX], f[JSONRD_PTR_MAX];
            jsonrd_index(e, ptr, (size_t)i);
            jsonrd_key(f, e, "with");
            jsonrd_fail(r, f, TR("\"with\": \"%s\" should be the code of a seated profession listed before this one, not itself \"with\" another",
                                 "\"with\": 「%s」は、この職種より前にある、席につく職種のコードにしてください（その職種自身に \"with\" がないもの）"),
                        q->with);
            continue;
        }
        q->with_index = w;
    }
}

tsunagu_professions *input_professions_read(jsonrd *r, const json_t *json, const char *ptr)
{
    int before = r->errors;
    if (!json_is_array(json) || json_array_size(json) == 0 ||
        json_array_size(json) > TSUNAGU_MAX_PROFESSIONS) {
        jsonrd_fail(r, ptr, TR("\"professions\" should be a list of 1 to %d professions",
                               "\"professions\" は 1〜%d 個の職種のリストです"),
                    TSUNAGU_MAX_PROFESSIONS);
        return NULL;
    }
    tsunagu_professions *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->items = calloc(json_array_size(json), sizeof *p->items);
    if (!p->items)
        abort();
    size_t i;
    json_t *o;
    json_array_foreach(json, i, o) {
        char e[JSONRD_PTR_MAX];
        jsonrd_index(e, ptr, i);
        read_one(r, o, e, &p->items[p->count++]);
    }
    /* a spelling names one profession only */
    for (int a = 0; a < p->count; a++)
        for (int b = 0; b < a; b++)
            for (int x = 0; x < p->items[a].n_keys; x++)
                for (int y = 0; y < p->items[b].n_keys; y++)
                    if (strcmp(p->items[a].keys[x], p->items[b].keys[y]) == 0) {
                        char e[JSONRD_PTR_MAX];
                        jsonrd_index(e, ptr, (size_t)a);
                        jsonrd_fail(r, e, TR("\"%s\" names both %s and %s",
                                             "「%s」が %s と %s の両方を指しています"),
                                    p->items[a].keys[x], p->items[b].code ? p->items[b].code : "?",
                                    p->items[a].code ? p->items[a].code : "?");
                    }
    resolve_with(r, p, ptr);
    if (r->errors > before) {
        tsunagu_professions_free(p);
        return NULL;
    }
    return p;
}

tsunagu_professions *tsunagu_professions_from_json(const json_t *json, const char *source,
                                                   tsunagu_diags *diags)
{
    jsonrd r = {source, NULL, diags, 0};
    return input_professions_read(&r, json, "");
}

tsunagu_professions *tsunagu_professions_load_default(tsunagu_diags *diags)
{
    char *path = tsunagu_data_path("professions/tsunagarou.json");
    if (!path) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, "professions/tsunagarou.json", 0, "%s",
                          TR("bundled professions table not found (set TSUNAGU_DATA to the data folder)",
                             "同梱の職種表が見つかりません（TSUNAGU_DATA に data フォルダを指定してください）"));
        return NULL;
    }
    tsunagu_jsonpos *pos = NULL;
    json_t *json = tsunagu_json_read_file(path, MAX_PROFESSION_FILE, diags, &pos);
    tsunagu_professions *p = NULL;
    if (json) {
        jsonrd r = {path, pos, diags, 0};
        p = input_professions_read(&r, json, "");
    }
    tsunagu_jsonpos_free(pos);
    json_decref(json);
    free(path);
    return p;
}

json_t *tsunagu_professions_to_json(const tsunagu_professions *p)
{
    json_t *arr = json_array();
    for (int i = 0; p && i < p->count; i++) {
        const profession *q = &p->items[i];
        json_t *aliases = json_array();
        for (int k = 0; k < q->n_aliases; k++)
            json_array_append_new(aliases, json_string(q->aliases[k]));
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:b}", "code", q->code,
                              "label", q->label, "label_en", q->label_en, "short", q->short_ja,
                              "short_en", q->short_en, "mark", q->mark, "colour", q->colour,
                              "aliases", aliases, "seated", q->seated);
        if (q->with)
            json_object_set_new(o, "with", json_string(q->with));
        json_array_append_new(arr, o);
    }
    return arr;
}

tsunagu_professions *tsunagu_professions_copy(const tsunagu_professions *p)
{
    json_t *j = tsunagu_professions_to_json(p);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_professions *c = tsunagu_professions_from_json(j, "copy", d);
    tsunagu_diags_free(d);
    json_decref(j);
    if (!c)
        abort(); /* a table we wrote reads back */
    return c;
}

int tsunagu_professions_count(const tsunagu_professions *p)
{
    return p ? p->count : 0;
}

int tsunagu_professions_find(const tsunagu_professions *p, const char *s)
{
    char *k = s ? match_key(s) : NULL;
    int found = -1;
    for (int i = 0; k && p && i < p->count && found < 0; i++)
        for (int j = 0; j < p->items[i].n_keys && found < 0; j++)
            if (strcmp(k, p->items[i].keys[j]) == 0)
                found = i;
    free(k);
    return found;
}

int tsunagu_professions_find_code(const tsunagu_professions *p, const char *code)
{
    for (int i = 0; p && code && i < p->count; i++)
        if (strcmp(p->items[i].code, code) == 0)
            return i;
    return -1;
}

static const profession *at(const tsunagu_professions *p, int i)
{
    return p && i >= 0 && i < p->count ? &p->items[i] : NULL;
}

const char *tsunagu_professions_code(const tsunagu_professions *p, int i)
{
    return at(p, i) ? at(p, i)->code : "?";
}

const char *tsunagu_professions_label(const tsunagu_professions *p, int i)
{
    return at(p, i) ? TR(at(p, i)->label_en, at(p, i)->label) : "?";
}

const char *tsunagu_professions_short(const tsunagu_professions *p, int i)
{
    return at(p, i) ? TR(at(p, i)->short_en, at(p, i)->short_ja) : "?";
}

const char *tsunagu_professions_short_in(const tsunagu_professions *p, int i, int lang)
{
    return at(p, i) ? (lang == TSUNAGU_LANG_EN ? at(p, i)->short_en : at(p, i)->short_ja) : "?";
}

const char *tsunagu_professions_mark(const tsunagu_professions *p, int i)
{
    return at(p, i) ? at(p, i)->mark : "?";
}

const char *tsunagu_professions_colour(const tsunagu_professions *p, int i)
{
    return at(p, i) ? at(p, i)->colour : "#777777";
}

bool tsunagu_professions_seated(const tsunagu_professions *p, int i)
{
    return at(p, i) && at(p, i)->seated;
}

char *tsunagu_professions_codes(const tsunagu_professions *p, bool seated_only)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    for (int i = 0; p && i < p->count; i++)
        if (!seated_only || p->items[i].seated)
            strbuf_addf(&b, "%s%s", b.len ? ", " : "", p->items[i].code);
    return b.data;
}

int tsunagu_professions_with(const tsunagu_professions *p, int i)
{
    return p && i >= 0 && i < p->count ? p->items[i].with_index : i;
}
