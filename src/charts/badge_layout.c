/* badge_layout.c - the label sheets badges print on, read from JSON.
 *
 *   {"title": "A4 10面 86.4 × 50.8 mm", "title_en": "...", "products": [...],
 *    "page": {"width": 210, "height": 297},
 *    "label": {"width": 86.4, "height": 50.8, "corner_radius": 0},
 *    "columns": 2, "rows": 5,
 *    "margin": {"left": 18.6, "top": 21.2},
 *    "gap": {"column": 0, "row": 0}}
 *
 * Millimetres.  Every problem is reported with its line, all at once: a
 * grid that does not fit its page, a label too small to hold a badge. */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts/chart_private.h"
#include "tsunagu/fileio.h"
#include "tsunagu/text.h"
#include "util/jsonpos.h"
#include "util/jsonrd.h"
#include "util/tr.h"

#define MAX_LAYOUT_FILE (64u << 10)
#define MAX_MM 2000.0
/* The smallest label a badge is laid out for: the table number alone
 * needs about 14 mm of height. */
#define MIN_LABEL_W 40.0
#define MIN_LABEL_H 25.0
/* What a grid may overrun its page by: the makers' figures are rounded. */
#define SLACK_MM 0.05

/* A number member key of obj (at ptr) within [lo, hi]; absent is an
 * error unless required is false (then *out keeps its value). */
static void read_mm(jsonrd *r, const json_t *obj, const char *ptr, const char *key, bool required,
                    double lo, double hi, double *out)
{
    const json_t *v = json_object_get(obj, key);
    char p[JSONRD_PTR_MAX];
    jsonrd_key(p, ptr, key);
    if (!v) {
        if (required)
            jsonrd_fail(r, ptr, TR("\"%s\" is missing", "\"%s\" がありません"), key);
        return;
    }
    double x = json_number_value(v);
    if (!json_is_number(v) || x < lo || x > hi) {
        jsonrd_fail(r, p, TR("\"%s\" should be a number of millimetres from %g to %g",
                             "\"%s\" は %g から %g までのミリメートルの数で書いてください"),
                    key, lo, hi);
        return;
    }
    *out = x;
}

static void read_count(jsonrd *r, const json_t *obj, const char *key, int *out)
{
    const json_t *v = json_object_get(obj, key);
    char p[JSONRD_PTR_MAX];
    jsonrd_key(p, "", key);
    if (!v) {
        jsonrd_fail(r, "", TR("\"%s\" is missing", "\"%s\" がありません"), key);
        return;
    }
    json_int_t x = json_integer_value(v);
    if (!json_is_integer(v) || x < 1 || x > 50) {
        jsonrd_fail(r, p, TR("\"%s\" should be a whole number from 1 to 50",
                             "\"%s\" は 1 から 50 までの整数で書いてください"),
                    key);
        return;
    }
    *out = (int)x;
}

/* The object member key (at "/key"), checked for its keys; NULL after
 * reporting when absent (and required) or not an object. */
static const json_t *member_object(jsonrd *r, const json_t *json, const char *key, bool required,
                                   const char *const *keys, char ptr[JSONRD_PTR_MAX])
{
    const json_t *v = json_object_get(json, key);
    jsonrd_key(ptr, "", key);
    if (!v) {
        if (required)
            jsonrd_fail(r, "", TR("\"%s\" is missing", "\"%s\" がありません"), key);
        return NULL;
    }
    if (!json_is_object(v)) {
        jsonrd_fail(r, ptr, TR("\"%s\" should be an object", "\"%s\" はオブジェクトで書いてください"),
                    key);
        return NULL;
    }
    jsonrd_check_keys(r, v, ptr, keys);
    return v;
}

static void read_geometry(jsonrd *r, const json_t *json, tsunagu_badge_layout *l)
{
    static const char *const size_keys[] = {"width", "height", NULL};
    static const char *const label_keys[] = {"width", "height", "corner_radius", NULL};
    static const char *const margin_keys[] = {"left", "top", NULL};
    static const char *const gap_keys[] = {"column", "row", NULL};
    char p[JSONRD_PTR_MAX];
    const json_t *o;
    if ((o = member_object(r, json, "page", true, size_keys, p))) {
        read_mm(r, o, p, "width", true, 50, MAX_MM, &l->page_w);
        read_mm(r, o, p, "height", true, 50, MAX_MM, &l->page_h);
    }
    if ((o = member_object(r, json, "label", true, label_keys, p))) {
        read_mm(r, o, p, "width", true, MIN_LABEL_W, MAX_MM, &l->label_w);
        read_mm(r, o, p, "height", true, MIN_LABEL_H, MAX_MM, &l->label_h);
        read_mm(r, o, p, "corner_radius", false, 0, 20, &l->radius);
    }
    if ((o = member_object(r, json, "margin", true, margin_keys, p))) {
        read_mm(r, o, p, "left", true, 0, MAX_MM, &l->left);
        read_mm(r, o, p, "top", true, 0, MAX_MM, &l->top);
    }
    if ((o = member_object(r, json, "gap", false, gap_keys, p))) {
        read_mm(r, o, p, "column", false, 0, MAX_MM, &l->gap_x);
        read_mm(r, o, p, "row", false, 0, MAX_MM, &l->gap_y);
    }
    read_count(r, json, "columns", &l->columns);
    read_count(r, json, "rows", &l->rows);
}

/* The grid within the page, once every number is read. */
static void check_fits(jsonrd *r, const tsunagu_badge_layout *l)
{
    double right = l->left + l->columns * l->label_w + (l->columns - 1) * l->gap_x;
    double bottom = l->top + l->rows * l->label_h + (l->rows - 1) * l->gap_y;
    if (right > l->page_w + SLACK_MM)
        jsonrd_fail(r, "/columns",
                    TR("%d columns of %g mm from %g mm, %g mm apart, end at %.1f mm: wider "
                       "than the page (%g mm)",
                       "%3$g mm の位置から幅 %2$g mm のラベルを %4$g mm 間隔で %1$d 列並べると "
                       "%5$.1f mm まで達し、用紙の幅（%6$g mm）を超えます"),
                    l->columns, l->label_w, l->left, l->gap_x, right, l->page_w);
    if (bottom > l->page_h + SLACK_MM)
        jsonrd_fail(r, "/rows",
                    TR("%d rows of %g mm from %g mm, %g mm apart, end at %.1f mm: taller "
                       "than the page (%g mm)",
                       "%3$g mm の位置から高さ %2$g mm のラベルを %4$g mm 間隔で %1$d 段並べると "
                       "%5$.1f mm まで達し、用紙の高さ（%6$g mm）を超えます"),
                    l->rows, l->label_h, l->top, l->gap_y, bottom, l->page_h);
}

static tsunagu_badge_layout *read_layout(jsonrd *r, const json_t *json, const char *name)
{
    static const char *const keys[] = {"title",   "title_en", "products", "page", "label",
                                       "columns", "rows",     "margin",   "gap",  NULL};
    if (!json_is_object(json)) {
        jsonrd_fail(r, "", "%s", TR("a badge layout should be a JSON object",
                                    "名札の用紙レイアウトは JSON のオブジェクトで書いてください"));
        return NULL;
    }
    int before = r->errors;
    jsonrd_check_keys(r, json, "", keys);
    tsunagu_badge_layout *l = calloc(1, sizeof *l);
    if (!l)
        abort();
    l->name = tsunagu_strdup(name);
    jsonrd_string(r, json, "", "title", false, &l->title);
    jsonrd_string(r, json, "", "title_en", false, &l->title_en);
    const json_t *products = json_object_get(json, "products");
    if (products && !json_is_array(products))
        jsonrd_fail(r, "/products", "%s", TR("\"products\" should be a list of strings",
                                             "\"products\" は文字列のリストで書いてください"));
    /* what must be given starts unknown; the gaps and the corners are 0 unless given */
    l->page_w = l->page_h = l->left = l->top = l->label_w = l->label_h = NAN;
    read_geometry(r, json, l);
    bool known = !isnan(l->page_w + l->page_h + l->left + l->top + l->label_w + l->label_h);
    if (known && l->columns > 0 && l->rows > 0) /* every number there: does the grid fit? */
        check_fits(r, l);
    if (r->errors > before) {
        tsunagu_badge_layout_free(l);
        return NULL;
    }
    return l;
}

tsunagu_badge_layout *tsunagu_badge_layout_from_json(const json_t *json, const char *source,
                                                     tsunagu_diags *diags)
{
    jsonrd r = {source, NULL, diags, 0};
    return read_layout(&r, json, tsunagu_path_base(source ? source : "layout"));
}

bool tsunagu_badge_layout_name_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *tsunagu_badge_layout_names(void)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    char *dir = tsunagu_data_path("badges");
    DIR *d = dir ? opendir(dir) : NULL;
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        if (!names)
            abort();
        names[n++] = str_ndup(e->d_name, len - 5);
        if (!names[n - 1])
            abort();
    }
    if (d)
        closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        strbuf_addf(&b, "%s%s", i ? ", " : "", names[i]);
        free(names[i]);
    }
    free(names);
    free(dir);
    return b.data;
}

/* The path of the layout named: a file as given, or the bundled one;
 * NULL after reporting an unknown name. */
static char *layout_path(const char *name, tsunagu_diags *diags)
{
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".json") == 0))
        return tsunagu_strdup(name);
    char *path = NULL;
    if (tsunagu_badge_layout_name_valid(name)) {
        char rel[96];
        snprintf(rel, sizeof rel, "badges/%s.json", name);
        path = tsunagu_data_path(rel);
    }
    if (!path) {
        char *names = tsunagu_badge_layout_names();
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("unknown badge layout \"%s\" (bundled: %s; or give a layout file, "
                             "NAME.json)",
                             "名札の用紙レイアウト「%s」はありません（同梱: %s。"
                             "またはレイアウトファイル NAME.json を指定してください）"),
                          name, *names ? names : "-");
        free(names);
    }
    return path;
}

tsunagu_badge_layout *tsunagu_badge_layout_load(const char *name_or_path, tsunagu_diags *diags)
{
    const char *name = name_or_path ? name_or_path : TSUNAGU_BADGE_LAYOUT_DEFAULT;
    char *path = layout_path(name, diags);
    if (!path)
        return NULL;
    tsunagu_jsonpos *pos = NULL;
    json_t *json = tsunagu_json_read_file(path, MAX_LAYOUT_FILE, diags, &pos);
    tsunagu_badge_layout *l = NULL;
    if (json) {
        /* a bundled layout is named as asked; a file by its base name */
        bool file = strcmp(path, name) == 0;
        jsonrd r = {file ? name : path, pos, diags, 0};
        char *base = tsunagu_strdup(tsunagu_path_base(name));
        size_t n = strlen(base);
        if (file && n > 5 && strcmp(base + n - 5, ".json") == 0)
            base[n - 5] = '\0';
        l = read_layout(&r, json, base);
        free(base);
    }
    tsunagu_jsonpos_free(pos);
    json_decref(json);
    free(path);
    return l;
}

void tsunagu_badge_layout_free(tsunagu_badge_layout *l)
{
    if (!l)
        return;
    free(l->name);
    free(l->title);
    free(l->title_en);
    free(l);
}

int tsunagu_badge_layout_per_page(const tsunagu_badge_layout *l)
{
    return l->columns * l->rows;
}

const char *tsunagu_badge_layout_title(const tsunagu_badge_layout *l)
{
    const char *t = tsunagu_lang_get() == TSUNAGU_LANG_EN && l->title_en ? l->title_en : l->title;
    return t ? t : l->name;
}
