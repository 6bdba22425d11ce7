/* regions.c - the region table: areas, municipalities, border distances. */
#include "tsunagu/regions.h"

#include <stdlib.h>
#include <string.h>

#include "input/input_private.h"
#include "util/jsonpos.h"
#include "tsunagu/fileio.h"
#include "util/tr.h"
#include "tsunagu/text.h"

#define MAX_REGION_FILE (4u << 20) /* a region table is a few KiB */
#define MAX_REGIONS 1000

typedef struct {
    char *name, *name_en, *kana; /* name_en and kana may be NULL */
    char *key, *key_en;          /* matching keys (see region_key) */
    char **munis;
    char **muni_keys;
    int n_munis;
} region;

struct tsunagu_regions {
    char *title, *title_en;
    region *items;
    int count;
    int (*borders)[2];
    int n_borders;
    int *dist; /* count * count hop counts */
};

/* Where in the file an element was: the positions of the file's values
 * (NULL for a table given as JSON in memory: lines unknown). */
typedef struct {
    const char *source;
    const tsunagu_jsonpos *pos;
} where;

static int element_line(const where *w, const char *array, size_t i)
{
    char ptr[64];
    snprintf(ptr, sizeof ptr, "/%s/%zu", array, i);
    return tsunagu_jsonpos_line(w->pos, ptr);
}

static int region_line(const where *w, size_t i)
{
    return element_line(w, "regions", i);
}

static int border_line(const where *w, size_t i)
{
    return element_line(w, "borders", i);
}

static void remove_chars(char *s, const char *drop)
{
    char *w = s;
    for (char *r = s; *r; r++)
        if (!strchr(drop, *r))
            *w++ = *r;
    *w = '\0';
}

static int strip_suffix(char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n > k && strcmp(s + n - k, suffix) == 0) {
        s[n - k] = '\0';
        return 1;
    }
    return 0;
}

/* Matching key of a region name: NFKC, ASCII case folded, no spaces or
 * hyphens (Tokatsu-Nanbu = tokatsu nanbu), trailing 保健医療圏/医療圏/地域 dropped. */
static char *region_key(const char *s)
{
    char *k = tsunagu_text_key(s);
    if (!k)
        return NULL;
    remove_chars(k, " -_");
    if (!strip_suffix(k, "保健医療圏") && !strip_suffix(k, "医療圏") && !strip_suffix(k, "二次医療圏"))
        strip_suffix(k, "地域");
    return k;
}

/* Replace every occurrence of a 3-byte UTF-8 sequence by another. */
static void replace3(char *s, const char *from, const char *to)
{
    for (char *p = strstr(s, from); p; p = strstr(p + 3, from))
        memcpy(p, to, 3);
}

/* Matching key of a municipality: NFKC, no spaces, an optional leading
 * prefecture name dropped, ヶ/が written as ケ, trailing 市/町/村 dropped. */
static char *muni_key(const tsunagu_regions *r, const char *s)
{
    char *k = tsunagu_text_key(s);
    if (!k)
        return NULL;
    remove_chars(k, " ");
    if (r && r->title) {
        char *t = tsunagu_text_key(r->title);
        size_t tl = t ? strlen(t) : 0;
        if (tl > 0 && strncmp(k, t, tl) == 0 && k[tl])
            memmove(k, k + tl, strlen(k + tl) + 1);
        free(t);
    }
    replace3(k, "ヶ", "ケ");
    replace3(k, "が", "ケ");
    if (!strip_suffix(k, "市") && !strip_suffix(k, "町"))
        strip_suffix(k, "村");
    return k;
}

void tsunagu_regions_free(tsunagu_regions *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->count; i++) {
        region *g = &r->items[i];
        free(g->name);
        free(g->name_en);
        free(g->kana);
        free(g->key);
        free(g->key_en);
        for (int j = 0; j < g->n_munis; j++) {
            free(g->munis[j]);
            free(g->muni_keys[j]);
        }
        free(g->munis);
        free(g->muni_keys);
    }
    free(r->items);
    free(r->title);
    free(r->title_en);
    free(r->borders);
    free(r->dist);
    free(r);
}

/* Optional string member: NULL when absent; error when of another type. */
static int opt_string(const json_t *obj, const char *key, char **out, const char *source, int line,
                      tsunagu_diags *diags)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, line,
                          TR("\"%s\" must be a string", "\"%s\" は文字列にしてください"), key);
        return -1;
    }
    *out = tsunagu_text_trim(json_string_value(v));
    return 0;
}

static void compute_distances(tsunagu_regions *r)
{
    int n = r->count;
    r->dist = malloc((size_t)n * (size_t)n * sizeof *r->dist);
    int *queue = malloc((size_t)n * sizeof *queue);
    if (!r->dist || !queue)
        abort();
    for (int s = 0; s < n; s++) {
        int *d = r->dist + (size_t)s * n;
        for (int i = 0; i < n; i++)
            d[i] = TSUNAGU_FAR;
        d[s] = 0;
        int head = 0, tail = 0;
        queue[tail++] = s;
        while (head < tail) {
            int u = queue[head++];
            for (int b = 0; b < r->n_borders; b++) {
                int v = r->borders[b][0] == u ? r->borders[b][1]
                        : r->borders[b][1] == u ? r->borders[b][0] : -1;
                if (v >= 0 && d[v] == TSUNAGU_FAR) {
                    d[v] = d[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
    }
    free(queue);
}

static int find_exact(const tsunagu_regions *r, const char *name)
{
    for (int i = 0; i < r->count; i++)
        if (strcmp(r->items[i].name, name) == 0)
            return i;
    return -1;
}

static void parse_regions(tsunagu_regions *r, const json_t *arr, const where *w,
                          tsunagu_diags *diags)
{
    const char *src = w->source;
    size_t n = json_array_size(arr);
    r->items = calloc(n ? n : 1, sizeof *r->items);
    if (!r->items)
        abort();
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(arr, i);
        int line = region_line(w, i);
        if (!json_is_object(o)) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, src, line, "%s",
                              TR("each region must be an object {\"name\": ..., \"municipalities\": [...]}",
                                 "地域はオブジェクト {\"name\": ..., \"municipalities\": [...]} で書いてください"));
            continue;
        }
        region g = {0};
        int bad = 0;
        bad |= opt_string(o, "name", &g.name, src, line, diags);
        bad |= opt_string(o, "name_en", &g.name_en, src, line, diags);
        bad |= opt_string(o, "kana", &g.kana, src, line, diags);
        if (!bad && (!g.name || !*g.name)) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, src, line, "%s",
                              TR("region without a \"name\"", "地域に \"name\" がありません"));
            bad = 1;
        }
        if (!bad && find_exact(r, g.name) >= 0) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, src, line,
                              TR("region \"%s\" is listed twice", "地域「%s」が二度書かれています"),
                              g.name);
            bad = 1;
        }
        if (g.name_en && !*g.name_en) {
            free(g.name_en);
            g.name_en = NULL;
        }
        const json_t *m = json_object_get(o, "municipalities");
        if (!bad && m && !json_is_array(m)) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, src, line, "%s",
                              TR("\"municipalities\" must be an array of names",
                                 "\"municipalities\" は名前の配列にしてください"));
            bad = 1;
        }
        size_t nm = json_array_size(m);
        g.munis = calloc(nm ? nm : 1, sizeof *g.munis);
        g.muni_keys = calloc(nm ? nm : 1, sizeof *g.muni_keys);
        if (!g.munis || !g.muni_keys)
            abort();
        for (size_t j = 0; !bad && j < nm; j++) {
            const json_t *v = json_array_get(m, j);
            if (!json_is_string(v) || !*json_string_value(v)) {
                tsunagu_diags_add(diags, TSUNAGU_ERROR, src, line,
                                  TR("municipality %zu of region \"%s\" is not a name",
                                     "地域「%2$s」の市町村 %1$zu 番目が名前ではありません"),
                                  j + 1, g.name);
                continue;
            }
            g.munis[g.n_munis] = tsunagu_strdup(json_string_value(v));
            g.muni_keys[g.n_munis] = muni_key(r, g.munis[g.n_munis]);
            g.n_munis++;
        }
        g.key = g.name ? region_key(g.name) : NULL;
        g.key_en = g.name_en ? region_key(g.name_en) : NULL;
        r->items[r->count++] = g; /* kept even when bad, so free() sees it */
        if (bad)
            r->items[r->count - 1].name = g.name ? g.name : tsunagu_strdup("");
    }
}

static void check_municipalities(const tsunagu_regions *r, const where *w, tsunagu_diags *diags)
{
    for (int i = 0; i < r->count; i++)
        for (int j = 0; j < r->items[i].n_munis; j++)
            for (int a = 0; a <= i; a++)
                for (int b = 0; b < (a == i ? j : r->items[a].n_munis); b++)
                    if (r->items[i].muni_keys[j] && r->items[a].muni_keys[b] &&
                        strcmp(r->items[i].muni_keys[j], r->items[a].muni_keys[b]) == 0)
                        tsunagu_diags_add(
                            diags, TSUNAGU_ERROR, w->source, region_line(w, (size_t)i),
                            TR("municipality \"%s\" is listed in both \"%s\" and \"%s\"",
                               "市町村「%s」が「%s」と「%s」の両方に書かれています"),
                            r->items[i].munis[j], r->items[a].name, r->items[i].name);
}

static void parse_borders(tsunagu_regions *r, const json_t *arr, const where *w,
                          tsunagu_diags *diags)
{
    size_t n = json_array_size(arr);
    r->borders = calloc(n ? n : 1, sizeof *r->borders);
    if (!r->borders)
        abort();
    for (size_t i = 0; i < n; i++) {
        const json_t *pair = json_array_get(arr, i);
        int line = border_line(w, i);
        if (!json_is_array(pair) || json_array_size(pair) != 2 ||
            !json_is_string(json_array_get(pair, 0)) || !json_is_string(json_array_get(pair, 1))) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, w->source, line, "%s",
                              TR("a border must be a pair of region names [\"A\", \"B\"]",
                                 "境界は地域名の組 [\"A\", \"B\"] で書いてください"));
            continue;
        }
        int ab[2];
        for (int k = 0; k < 2; k++) {
            const char *name = json_string_value(json_array_get(pair, k));
            ab[k] = find_exact(r, name);
            if (ab[k] < 0)
                tsunagu_diags_add(diags, TSUNAGU_ERROR, w->source, line,
                                  TR("border names unknown region \"%s\"",
                                     "境界に未定義の地域「%s」があります"),
                                  name);
        }
        if (ab[0] < 0 || ab[1] < 0)
            continue;
        if (ab[0] == ab[1]) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, w->source, line,
                              TR("region \"%s\" cannot border itself", "地域「%s」が自分自身と接しています"),
                              r->items[ab[0]].name);
            continue;
        }
        r->borders[r->n_borders][0] = ab[0];
        r->borders[r->n_borders][1] = ab[1];
        r->n_borders++;
    }
}

static tsunagu_regions *build(const json_t *json, const where *w, tsunagu_diags *diags)
{
    const char *src = w->source;
    size_t errors_before = tsunagu_diags_errors(diags);
    if (!json_is_object(json)) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, src, 0, "%s",
                          TR("a region table must be a JSON object", "地域表は JSON オブジェクトにしてください"));
        return NULL;
    }
    const char *format = json_string_value(json_object_get(json, "format"));
    if (!format || strcmp(format, "tsunagu-regions") != 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, src, 0, "%s",
                          TR("not a region table (expected \"format\": \"tsunagu-regions\")",
                             "地域表ではありません（\"format\": \"tsunagu-regions\" が必要です）"));
        return NULL;
    }
    const json_t *version = json_object_get(json, "version");
    if (!json_is_integer(version) || json_integer_value(version) != 1) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, src, 0, "%s",
                          TR("unsupported region table version (expected \"version\": 1)",
                             "対応していない地域表の版です（\"version\": 1 が必要です）"));
        return NULL;
    }
    const json_t *regions = json_object_get(json, "regions");
    if (!json_is_array(regions) || json_array_size(regions) == 0 ||
        json_array_size(regions) > MAX_REGIONS) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, src, 0,
                          TR("\"regions\" must be an array of 1 to %d regions",
                             "\"regions\" は 1～%d 個の地域の配列にしてください"),
                          MAX_REGIONS);
        return NULL;
    }
    const json_t *borders = json_object_get(json, "borders");
    if (borders && !json_is_array(borders)) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, src, 0, "%s",
                          TR("\"borders\" must be an array of pairs", "\"borders\" は組の配列にしてください"));
        return NULL;
    }
    tsunagu_regions *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    int bad = opt_string(json, "name", &r->title, src, 0, diags);
    bad |= opt_string(json, "name_en", &r->title_en, src, 0, diags);
    if (!bad && (!r->title || !*r->title)) {
        free(r->title);
        r->title = tsunagu_strdup("");
    }
    parse_regions(r, regions, w, diags);
    check_municipalities(r, w, diags);
    parse_borders(r, borders, w, diags);
    if (bad || tsunagu_diags_errors(diags) > errors_before) {
        tsunagu_regions_free(r);
        return NULL;
    }
    compute_distances(r);
    return r;
}

tsunagu_regions *tsunagu_regions_from_json(const json_t *json, const char *source,
                                           tsunagu_diags *diags)
{
    where w = {source, NULL};
    return build(json, &w, diags);
}

tsunagu_regions *tsunagu_regions_load(const char *path, tsunagu_diags *diags)
{
    tsunagu_jsonpos *pos = NULL;
    json_t *json = tsunagu_json_read_file(path, MAX_REGION_FILE, diags, &pos);
    if (!json)
        return NULL;
    where w = {path, pos};
    tsunagu_regions *r = build(json, &w, diags);
    tsunagu_jsonpos_free(pos);
    json_decref(json);
    return r;
}

tsunagu_regions *tsunagu_regions_load_default(tsunagu_diags *diags)
{
    char *path = tsunagu_data_path("regions/chiba.json");
    if (!path) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, "regions/chiba.json", 0, "%s",
                          TR("bundled region table not found (set TSUNAGU_DATA to the data folder)",
                             "同梱の地域表が見つかりません（TSUNAGU_DATA に data フォルダを指定してください）"));
        return NULL;
    }
    tsunagu_regions *r = tsunagu_regions_load(path, diags);
    free(path);
    return r;
}

json_t *tsunagu_regions_to_json(const tsunagu_regions *r)
{
    json_t *regions = json_array();
    for (int i = 0; i < r->count; i++) {
        const region *g = &r->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(g->name));
        if (g->name_en)
            json_object_set_new(o, "name_en", json_string(g->name_en));
        if (g->kana)
            json_object_set_new(o, "kana", json_string(g->kana));
        json_t *m = json_array();
        for (int j = 0; j < g->n_munis; j++)
            json_array_append_new(m, json_string(g->munis[j]));
        json_object_set_new(o, "municipalities", m);
        json_array_append_new(regions, o);
    }
    json_t *borders = json_array();
    for (int b = 0; b < r->n_borders; b++)
        json_array_append_new(borders, json_pack("[ss]", r->items[r->borders[b][0]].name,
                                                 r->items[r->borders[b][1]].name));
    json_t *out = json_object();
    json_object_set_new(out, "format", json_string("tsunagu-regions"));
    json_object_set_new(out, "version", json_integer(1));
    json_object_set_new(out, "name", json_string(r->title));
    if (r->title_en)
        json_object_set_new(out, "name_en", json_string(r->title_en));
    json_object_set_new(out, "regions", regions);
    json_object_set_new(out, "borders", borders);
    return out;
}

const char *tsunagu_regions_title(const tsunagu_regions *r)
{
    if (tsunagu_lang_get() == TSUNAGU_LANG_EN && r->title_en)
        return r->title_en;
    return r->title;
}

int tsunagu_regions_count(const tsunagu_regions *r) { return r ? r->count : 0; }

const char *tsunagu_regions_name(const tsunagu_regions *r, int i)
{
    return r && i >= 0 && i < r->count ? r->items[i].name : NULL;
}

const char *tsunagu_regions_name_en(const tsunagu_regions *r, int i)
{
    if (!r || i < 0 || i >= r->count)
        return NULL;
    return r->items[i].name_en ? r->items[i].name_en : r->items[i].name;
}

const char *tsunagu_regions_label(const tsunagu_regions *r, int i)
{
    return tsunagu_lang_get() == TSUNAGU_LANG_EN ? tsunagu_regions_name_en(r, i)
                                                 : tsunagu_regions_name(r, i);
}

int tsunagu_regions_find(const tsunagu_regions *r, const char *name)
{
    if (!r || !name)
        return -1;
    char *k = region_key(name);
    int found = -1;
    for (int i = 0; k && *k && i < r->count && found < 0; i++)
        if ((r->items[i].key && strcmp(k, r->items[i].key) == 0) ||
            (r->items[i].key_en && strcmp(k, r->items[i].key_en) == 0))
            found = i;
    free(k);
    return found;
}

int tsunagu_regions_find_municipality(const tsunagu_regions *r, const char *municipality)
{
    if (!r || !municipality)
        return -1;
    char *k = muni_key(r, municipality);
    int found = -1;
    for (int i = 0; k && *k && i < r->count && found < 0; i++)
        for (int j = 0; j < r->items[i].n_munis; j++)
            if (r->items[i].muni_keys[j] && strcmp(k, r->items[i].muni_keys[j]) == 0) {
                found = i;
                break;
            }
    free(k);
    return found;
}

int tsunagu_regions_distance(const tsunagu_regions *r, int a, int b)
{
    if (!r || a < 0 || b < 0 || a >= r->count || b >= r->count)
        return TSUNAGU_FAR;
    return r->dist[(size_t)a * r->count + b];
}
