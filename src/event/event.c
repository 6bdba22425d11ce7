/* event.c - the event file: sessions, sizes, tracks and rule weights.
 *
 * Reading checks every field and reports each problem at the line of the
 * value concerned (positions from util/jsonpos), so an organiser editing
 * the file by hand sees all mistakes at once. */
#include "tsunagu/event.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/event_private.h"
#include "input/professions_read.h"
#include "tsunagu/fileio.h"
#include "util/tr.h"
#include "tsunagu/text.h"
#include "util/jsonrd.h"
#include "util/strbuf.h"

#define EVENT_MAX_BYTES (1u << 20)
#define MAX_TABLES 500  /* far above any room; keeps models small enough */
#define MAX_SIZE 100
#define MAX_WEIGHT 1e6  /* larger weights make GLPK's numerics unreliable */

/* Event files name professions by code only (tracks, sides): they are
 * written once by whoever sets up the day, and codes keep them
 * language-neutral.  The codes are the event's own table's. */

/* Rule names, kinds and defaults: each rule's own file (src/rules/). */

const char *tsunagu_session_kind_name(tsunagu_session_kind kind)
{
    return kind == TSUNAGU_WORKGROUP ? "workgroup" : kind == TSUNAGU_SHARING ? "sharing" : "exchange";
}

bool tsunagu_session_seats(const tsunagu_session_spec *s)
{
    return s && s->kind != TSUNAGU_SHARING;
}

char *tsunagu_group_letter(int index)
{
    char tmp[16];
    int n = 0;
    /* Bijective base 26: A..Z, AA..AZ, BA.. like spreadsheet columns. */
    for (long v = (long)(index < 0 ? 0 : index) + 1; v > 0 && n < 15; v = (v - 1) / 26)
        tmp[n++] = (char)('A' + (v - 1) % 26);
    char *out = malloc((size_t)n + 1);
    if (!out)
        abort();
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
    return out;
}

int tsunagu_table_count(int n, int min, int max, bool *exact)
{
    if (n <= 0) {
        *exact = true;
        return 0;
    }
    int lo = (n + max - 1) / max, hi = n / min;
    if (lo <= hi) {
        *exact = true;
        double mid = (min + max) / 2.0;
        int best = lo;
        for (int t = lo; t <= hi; t++)
            if (fabs((double)n / t - mid) < fabs((double)n / best - mid) - 1e-9)
                best = t;
        return best;
    }
    /* No count fits: take the split that strays least from the range,
     * preferring more, smaller tables on a tie (9 people in 5-8 -> 5 + 4). */
    *exact = false;
    int best = 1, best_off = -1;
    for (int t = 1; t <= n; t++) {
        int big = (n + t - 1) / t, small = n / t;
        int off = (big > max ? big - max : 0) + (small < min ? min - small : 0);
        if (best_off < 0 || off <= best_off) {
            best = t;
            best_off = off;
        }
    }
    return best;
}

char *tsunagu_session_table_id(const tsunagu_session_spec *s, const tsunagu_track *track,
                               int index)
{
    strbuf b = {0};
    if (s->kind == TSUNAGU_EXCHANGE) {
        char num[16];
        snprintf(num, sizeof num, "%d", index + 1);
        strbuf_add(&b, num);
    } else {
        char *letter = tsunagu_group_letter(index);
        if (track) {
            strbuf_add(&b, track->id);
            strbuf_add(&b, "-");
        }
        strbuf_add(&b, letter);
        free(letter);
    }
    return b.data;
}

bool tsunagu_table_id_matches(const char *id, const char *written)
{
    if (!id || !written)
        return false;
    if (strcmp(id, written) == 0)
        return true;
    char *a = tsunagu_text_key(id), *b = tsunagu_text_key(written);
    bool same = a && b && strcmp(a, b) == 0;
    free(a);
    free(b);
    return same;
}

bool tsunagu_table_named(const char *id, const char *label, const char *written)
{
    if (tsunagu_table_id_matches(id, written))
        return true;
    if (!label || !written)
        return false;
    char *a = tsunagu_text_name_key(label), *b = tsunagu_text_name_key(written);
    bool same = a && b && *a && strcmp(a, b) == 0;
    free(a);
    free(b);
    return same;
}

const char *tsunagu_track_label(const tsunagu_track *t)
{
    if (!t)
        return "";
    if (tsunagu_lang_get() == TSUNAGU_LANG_EN && t->label_en)
        return t->label_en;
    return t->label ? t->label : t->id;
}

char *tsunagu_session_side_text(const tsunagu_session_spec *s, const tsunagu_professions *pt,
                                int side)
{
    const bool en = tsunagu_lang_get() == TSUNAGU_LANG_EN;
    strbuf b = {0};
    for (int p = 0; p < tsunagu_professions_count(pt); p++) {
        if (s->side[p] != side)
            continue;
        if (b.len)
            strbuf_add(&b, en ? " or " : "・");
        strbuf_add(&b, en ? tsunagu_professions_code(pt, p) : tsunagu_professions_short(pt, p));
    }
    return b.data ? b.data : tsunagu_strdup("");
}

const tsunagu_track *tsunagu_session_track_of(const tsunagu_session_spec *s,
                                              tsunagu_profession p)
{
    for (int i = 0; s && i < s->n_tracks; i++)
        if (s->tracks[i].professions & (1u << p))
            return &s->tracks[i];
    return NULL;
}

char *tsunagu_session_table_label(const tsunagu_session_spec *s, const char *track_label,
                                  int index)
{
    const char *pattern = s->table_label;
    if (!pattern) {
        if (s->kind == TSUNAGU_EXCHANGE)
            pattern = TR("Table %d", "テーブル%d");
        else
            pattern = TR("%s group %s", "%s グループ%s");
    }
    strbuf b = {0};
    strbuf_add(&b, "");
    int strings = 0;
    for (const char *p = pattern; *p; p++) {
        if (p[0] == '%' && p[1] == 'd') {
            char num[16];
            snprintf(num, sizeof num, "%d", index + 1);
            strbuf_add(&b, num);
            p++;
        } else if (p[0] == '%' && p[1] == 's') {
            if (strings++ == 0) {
                strbuf_add(&b, track_label ? track_label : "");
            } else {
                char *letter = tsunagu_group_letter(index);
                strbuf_add(&b, letter);
                free(letter);
            }
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            strbuf_add(&b, "%");
            p++;
        } else {
            strbuf_addn(&b, p, 1);
        }
    }
    return b.data;
}

/* ---- freeing ---------------------------------------------------------- */

static void free_session(tsunagu_session_spec *s)
{
    free(s->id);
    free(s->title);
    free(s->start);
    free(s->end);
    free(s->table_label);
    for (int t = 0; t < s->n_tracks; t++) {
        free(s->tracks[t].id);
        free(s->tracks[t].label);
        free(s->tracks[t].label_en);
    }
    free(s->tracks);
    event_free_roles(s);
}

void tsunagu_event_free(tsunagu_event *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->n_sessions; i++)
        free_session(&e->sessions[i]);
    free(e->sessions);
    tsunagu_professions_free(e->professions);
    free(e->source);
    free(e->title);
    free(e->date);
    free(e->venue);
    free(e);
}

char *tsunagu_session_times(const tsunagu_session_spec *s, const char *dash)
{
    const char *start = s && s->start ? s->start : "", *end = s && s->end ? s->end : "";
    if (!*start && !*end)
        return tsunagu_strdup("");
    size_t n = strlen(start) + strlen(dash) + strlen(end) + 1;
    char *out = malloc(n);
    if (!out)
        abort();
    snprintf(out, n, "%s%s%s", start, dash, end);
    return out;
}

char *tsunagu_session_name(const tsunagu_session_spec *s)
{
    char *times = tsunagu_session_times(s, TR("-", "〜"));
    const char *title = s->title && *s->title ? s->title : NULL;
    strbuf b = {0};
    strbuf_addf(&b, "%s%s%s", times, *times && title ? " " : "", title ? title : *times ? "" : s->id);
    free(times);
    return b.data;
}

const tsunagu_session_spec *tsunagu_event_session(const tsunagu_event *e, const char *id)
{
    for (int i = 0; e && id && i < e->n_sessions; i++)
        if (strcmp(e->sessions[i].id, id) == 0)
            return &e->sessions[i];
    return NULL;
}

/* ---- reading ---------------------------------------------------------- */

/* A text of the event that is printed (titles, the venue, labels): read as
 * jsonrd_string does, and refused beyond max characters, so that a 900 KB
 * title cannot reach the page and every printout.  0 or -1. */
int event_printed_text(jsonrd *r, const json_t *obj, const char *ptr, const char *key, bool required,
                       char **out, size_t max)
{
    if (jsonrd_string(r, obj, ptr, key, required, out) != 0)
        return -1;
    size_t chars = 0;
    for (const unsigned char *c = (const unsigned char *)(*out ? *out : ""); *c; c++)
        chars += (*c & 0xC0) != 0x80;
    if (chars <= max)
        return 0;
    char where[JSONRD_PTR_MAX];
    jsonrd_key(where, ptr, key);
    jsonrd_fail(r, where, TR("\"%s\" is %zu characters long: at most %zu, please",
                             "\"%s\" が %zu 文字あります。%zu 文字までにしてください"),
                key, chars, max);
    free(*out);
    *out = NULL;
    return -1;
}

/* Session and track ids name tables ("MSW-A"), plan keys and model files
 * (--write-model DIR/ID.lp): short, printable, no path separators. */
#define ID_MAX_BYTES 64

void event_check_id(jsonrd *r, const char *ptr, const char *id)
{
    bool bad = false;
    for (const unsigned char *c = (const unsigned char *)id; *c && !bad; c++)
        bad = *c < 0x20 || *c == 0x7f || *c == '/' || *c == '\\';
    if (strlen(id) > ID_MAX_BYTES)
        jsonrd_fail(r, ptr, TR("\"id\" is longer than %d bytes", "\"id\" が %d バイトを超えています"),
             ID_MAX_BYTES);
    else if (bad)
        jsonrd_fail(r, ptr, "%s",
             TR("\"id\" may not hold control characters, '/' or '\\'",
                "\"id\" に制御文字、'/'、'\\' は使えません"));
}

int event_minutes(const char *s)
{
    int h = 0, m = 0, n = 0;
    if (!s || sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' || strlen(s) < 4 ||
        s[strlen(s) - 3] != ':' || h < 0 || h > 23 || m < 0 || m > 59)
        return -1;
    return h * 60 + m;
}

static bool valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* Count the placeholders of a label pattern; -1 for a stray '%'. */
static int count_placeholders(const char *pattern, int *d, int *s)
{
    *d = *s = 0;
    for (const char *p = pattern; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == 'd')
            ++*d;
        else if (p[1] == 's')
            ++*s;
        else if (p[1] != '%')
            return -1;
        p++;
    }
    return 0;
}

static int get_whole(const json_t *v, int lo, int hi, int *out)
{
    if (!json_is_integer(v))
        return -1;
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return -1;
    *out = (int)x;
    return 0;
}

/* Without "tracks": a track per group of seated professions (a profession
 * and those "with" it in the professions table: the bundled day's MSW, and
 * CSS with CENTER), named by its members' short labels. */
static void default_tracks(tsunagu_session_spec *s, const tsunagu_professions *pt)
{
    const int n = tsunagu_professions_count(pt);
    s->tracks = calloc((size_t)n + 1, sizeof *s->tracks);
    if (!s->tracks)
        abort();
    for (int p = 0; p < n; p++) {
        if (!tsunagu_professions_seated(pt, p) || tsunagu_professions_with(pt, p) != p)
            continue;
        tsunagu_track *t = &s->tracks[s->n_tracks++];
        strbuf ja = {0}, en = {0};
        for (int q = p; q < n; q++) {
            if (!tsunagu_professions_seated(pt, q) || tsunagu_professions_with(pt, q) != p)
                continue;
            t->professions |= 1u << q;
            strbuf_add(&ja, ja.len ? "・" : "");
            strbuf_add(&ja, tsunagu_professions_short_in(pt, q, TSUNAGU_LANG_JA));
            strbuf_add(&en, en.len ? " / " : "");
            strbuf_add(&en, tsunagu_professions_short_in(pt, q, TSUNAGU_LANG_EN));
        }
        t->id = tsunagu_strdup(tsunagu_professions_code(pt, p));
        t->label = ja.data;
        t->label_en = en.data;
    }
}

/* Without "sides" in the mix rule: a side per group of seated professions,
 * as the tracks above (the bundled day: MSW against CSS and CENTER). */
static void default_sides(tsunagu_session_spec *s, const tsunagu_professions *pt)
{
    const int n = tsunagu_professions_count(pt);
    int side_of[TSUNAGU_MAX_PROFESSIONS];
    for (int p = 0; p < TSUNAGU_MAX_PROFESSIONS; p++)
        s->side[p] = side_of[p] = -1;
    s->n_sides = 0;
    for (int p = 0; p < n; p++) {
        if (!tsunagu_professions_seated(pt, p))
            continue;
        int head = tsunagu_professions_with(pt, p);
        if (side_of[head] < 0)
            side_of[head] = s->n_sides++;
        s->side[p] = side_of[head];
    }
}

/* "sides": [["MSW"], ["CSS", "CENTER"]] of the mix rule. */
static void parse_sides(jsonrd *r, const json_t *v, const char *ptr, tsunagu_session_spec *s,
                        const tsunagu_professions *pt)
{
    if (!json_is_array(v) || json_array_size(v) < 2 || json_array_size(v) > TSUNAGU_MAX_PROFESSIONS) {
        jsonrd_fail(r, ptr, "%s",
                    TR("\"sides\" should be a list of at least two lists of profession codes, e.g. [[\"MSW\"], [\"CSS\", \"CENTER\"]]",
                       "\"sides\" は職種コードのリストを 2 つ以上並べたリストです。例: [[\"MSW\"], [\"CSS\", \"CENTER\"]]"));
        return;
    }
    for (int p = 0; p < TSUNAGU_MAX_PROFESSIONS; p++)
        s->side[p] = -1;
    s->n_sides = (int)json_array_size(v);
    for (size_t k = 0; k < json_array_size(v); k++) {
        const json_t *side = json_array_get(v, k);
        char kp[JSONRD_PTR_MAX];
        jsonrd_index(kp, ptr, k);
        if (!json_is_array(side) || json_array_size(side) == 0) {
            jsonrd_fail(r, kp, "%s", TR("a side should be a list of profession codes",
                                        "サイドは職種コードのリストです"));
            continue;
        }
        for (size_t j = 0; j < json_array_size(side); j++) {
            char cp[JSONRD_PTR_MAX];
            jsonrd_index(cp, kp, j);
            const char *code = json_string_value(json_array_get(side, j));
            int p = tsunagu_professions_find_code(pt, code);
            if (p < 0 || !tsunagu_professions_seated(pt, p)) {
                char *codes = tsunagu_professions_codes(pt, true);
                jsonrd_fail(r, cp, TR("unknown or unseated profession \"%s\" in a side (professions: %s)",
                                      "サイドの職種 \"%s\" が不明か、席につかない職種です（職種: %s）"),
                            code ? code : "?", codes);
                free(codes);
            } else if (s->side[p] >= 0) {
                jsonrd_fail(r, cp, TR("profession %s is on two sides", "職種 %s が 2 つのサイドにあります"),
                            code);
            } else {
                s->side[p] = (int)k;
            }
        }
    }
    /* every seated profession on a side: the tables mix them all */
    for (int p = 0; p < tsunagu_professions_count(pt); p++)
        if (tsunagu_professions_seated(pt, p) && s->side[p] < 0)
            jsonrd_fail(r, ptr, TR("profession %s is on no side of the mix rule: put it on one of the sides",
                                   "職種 %s が mix ルールのどのサイドにもありません。どれかのサイドに入れてください"),
                        tsunagu_professions_code(pt, p));
}

static void parse_tracks(jsonrd *r, const json_t *v, const char *ptr, tsunagu_session_spec *s,
                         const tsunagu_professions *pt)
{
    if (!json_is_array(v) || json_array_size(v) == 0) {
        jsonrd_fail(r, ptr, "%s",
             TR("\"tracks\" should be a list of tracks, at least one",
                "\"tracks\" はトラックのリスト (1つ以上) で書いてください"));
        return;
    }
    size_t n = json_array_size(v);
    s->tracks = calloc(n, sizeof *s->tracks);
    if (!s->tracks)
        abort();
    static const char *const keys[] = {"id", "label", "label_en", "professions", NULL};
    int owner[TSUNAGU_MAX_PROFESSIONS];
    for (int p = 0; p < TSUNAGU_MAX_PROFESSIONS; p++)
        owner[p] = -1;
    char *codes = tsunagu_professions_codes(pt, true);
    int errors_before = r->errors;
    for (size_t i = 0; i < n; i++) {
        const json_t *jt = json_array_get(v, i);
        char tp[JSONRD_PTR_MAX], pp[JSONRD_PTR_MAX];
        jsonrd_index(tp, ptr, i);
        if (!json_is_object(jt)) {
            jsonrd_fail(r, tp, "%s", TR("a track should be an object", "トラックはオブジェクトで書いてください"));
            continue;
        }
        tsunagu_track *t = &s->tracks[s->n_tracks++];
        jsonrd_check_keys(r, jt, tp, keys);
        if (jsonrd_string(r, jt, tp, "id", true, &t->id) == 0 && t->id[0] == '\0') {
            jsonrd_fail(r, tp, "%s", TR("a track's \"id\" is empty", "トラックの \"id\" が空です"));
        } else if (t->id) {
            char ip[JSONRD_PTR_MAX];
            jsonrd_key(ip, tp, "id");
            event_check_id(r, ip, t->id);
        }
        for (int k = 0; t->id && k < s->n_tracks - 1; k++)
            if (s->tracks[k].id && strcmp(s->tracks[k].id, t->id) == 0)
                jsonrd_fail(r, tp, TR("duplicate track id \"%s\"", "トラック id \"%s\" が重複しています"), t->id);
        event_printed_text(r, jt, tp, "label", false, &t->label, EVENT_LABEL_MAX);
        event_printed_text(r, jt, tp, "label_en", false, &t->label_en, EVENT_LABEL_MAX);
        if (!t->label)
            t->label = tsunagu_strdup(t->id ? t->id : "");
        if (!t->label_en)
            t->label_en = tsunagu_strdup(t->label);
        const json_t *jp = json_object_get(jt, "professions");
        jsonrd_key(pp, tp, "professions");
        if (!jp) {
            jsonrd_fail(r, tp, TR("\"%s\" is missing", "\"%s\" がありません"), "professions");
            continue;
        }
        if (!json_is_array(jp) || json_array_size(jp) == 0) {
            jsonrd_fail(r, pp,
                 TR("\"professions\" should be a list of profession codes (%s)",
                    "\"professions\" は職種コード (%s) のリストで書いてください"), codes);
            continue;
        }
        for (size_t k = 0; k < json_array_size(jp); k++) {
            const json_t *jc = json_array_get(jp, k);
            char cp[JSONRD_PTR_MAX];
            jsonrd_index(cp, pp, k);
            const char *code = json_string_value(jc);
            int p = tsunagu_professions_find_code(pt, code);
            if (p < 0 || !tsunagu_professions_seated(pt, p)) {
                jsonrd_fail(r, cp,
                     TR("unknown profession \"%s\" in track \"%s\" (expected %s)",
                        "職種 \"%s\" (トラック \"%s\") が不明です (使える職種: %s)"),
                     code ? code : "?", t->id ? t->id : "?", codes);
                continue;
            }
            int here = (int)(t - s->tracks);
            if (owner[p] >= 0 && owner[p] != here) {
                jsonrd_fail(r, cp,
                     TR("profession %s is in two tracks: \"%s\" and \"%s\"",
                        "職種 %s が2つのトラック \"%s\" と \"%s\" にあります"),
                     code, s->tracks[owner[p]].id ? s->tracks[owner[p]].id : "?",
                     t->id ? t->id : "?");
                continue;
            }
            owner[p] = here;
            t->professions |= 1u << p;
        }
    }
    if (r->errors == errors_before)
        for (int p = 0; p < tsunagu_professions_count(pt); p++)
            if (owner[p] < 0 && tsunagu_professions_seated(pt, p))
                jsonrd_fail(r, ptr,
                     TR("profession %s is in no track of session \"%s\": its attendees could not be seated",
                        "職種 %s がセッション \"%s\" のどのトラックにもありません (その参加者を配置できません)"),
                     tsunagu_professions_code(pt, p), s->id ? s->id : "?");
    free(codes);
}

static void parse_rules(jsonrd *r, const json_t *v, const char *ptr, tsunagu_session_spec *s,
                        bool kind_known, const tsunagu_professions *pt)
{
    default_sides(s, pt);
    for (int i = 0; i < TSUNAGU_RULE_COUNT; i++) {
        bool applies = tsunagu_rule_applies((tsunagu_rule_id)i, s->kind);
        s->rules[i] = applies ? tsunagu_rule_default((tsunagu_rule_id)i) : (tsunagu_rule){0, false};
    }
    if (!v)
        return;
    if (!json_is_object(v)) {
        jsonrd_fail(r, ptr, "%s", TR("\"rules\" should be an object", "\"rules\" はオブジェクトで書いてください"));
        return;
    }
    const char *name;
    json_t *jr;
    json_object_foreach((json_t *)v, name, jr) {
        char rp[JSONRD_PTR_MAX];
        jsonrd_key(rp, ptr, name);
        int id = tsunagu_rule_parse(name);
        if (id < 0) {
            jsonrd_fail(r, rp,
                 TR("unknown rule \"%s\" (expected mix, region, colleagues, experienced, "
                    "regions_mixed, new_people, stability, requests, no_pair_twice)",
                    "不明なルール \"%s\" です (使えるルール: mix, region, colleagues, experienced, "
                    "regions_mixed, new_people, stability, requests, no_pair_twice)"),
                 name);
            continue;
        }
        if (kind_known && !tsunagu_rule_applies((tsunagu_rule_id)id, s->kind)) {
            jsonrd_fail(r, rp,
                 TR("rule \"%s\" does not apply to %s sessions",
                    "ルール \"%s\" は %s のセッションには使えません"),
                 name, tsunagu_session_kind_name(s->kind));
            continue;
        }
        if (!json_is_object(jr)) {
            jsonrd_fail(r, rp,
                 TR("rule \"%s\" should be an object like {\"weight\": 10, \"hard\": false}",
                    "ルール \"%s\" は {\"weight\": 10, \"hard\": false} の形で書いてください"),
                 name);
            continue;
        }
        static const char *const keys[] = {"weight", "hard", NULL};
        static const char *const mix_keys[] = {"weight", "hard", "sides", NULL};
        jsonrd_check_keys(r, jr, rp, id == TSUNAGU_RULE_MIX ? mix_keys : keys);
        if (id == TSUNAGU_RULE_MIX && json_object_get(jr, "sides")) {
            char sp[JSONRD_PTR_MAX];
            jsonrd_key(sp, rp, "sides");
            parse_sides(r, json_object_get(jr, "sides"), sp, s, pt);
        }
        tsunagu_rule rule = {tsunagu_rule_default((tsunagu_rule_id)id).weight, false};
        const json_t *jw = json_object_get(jr, "weight");
        if (jw) {
            char wp[JSONRD_PTR_MAX];
            jsonrd_key(wp, rp, "weight");
            double w = json_number_value(jw);
            if (!json_is_number(jw) || !(w >= 0 && w <= MAX_WEIGHT))
                jsonrd_fail(r, wp,
                     TR("rule \"%s\": \"weight\" should be a number from 0 to 1000000",
                        "ルール \"%s\": \"weight\" は 0 から 1000000 までの数で書いてください"),
                     name);
            else
                rule.weight = w;
        }
        const json_t *jh = json_object_get(jr, "hard");
        if (jh) {
            char hp[JSONRD_PTR_MAX];
            jsonrd_key(hp, rp, "hard");
            if (!json_is_boolean(jh))
                jsonrd_fail(r, hp,
                     TR("rule \"%s\": \"hard\" should be true or false",
                        "ルール \"%s\": \"hard\" は true か false で書いてください"),
                     name);
            else
                rule.hard = json_is_true(jh);
        }
        s->rules[id] = rule;
    }
}

/* id, title, start and end of the session at sp. */
static void parse_session_head(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s)
{
    char p[JSONRD_PTR_MAX];
    if (jsonrd_string(r, js, sp, "id", true, &s->id) == 0 && s->id[0] == '\0') {
        jsonrd_fail(r, sp, "%s", TR("a session's \"id\" is empty", "セッションの \"id\" が空です"));
    } else if (s->id) {
        jsonrd_key(p, sp, "id");
        event_check_id(r, p, s->id);
    }
    event_printed_text(r, js, sp, "title", true, &s->title, EVENT_TITLE_MAX);

    int minutes[2] = {-1, -1};
    char **times[2] = {&s->start, &s->end};
    const char *names[2] = {"start", "end"};
    for (int i = 0; i < 2; i++) {
        if (jsonrd_string(r, js, sp, names[i], false, times[i]) != 0 || !*times[i])
            continue;
        minutes[i] = event_minutes(*times[i]);
        if (minutes[i] < 0) {
            jsonrd_key(p, sp, names[i]);
            jsonrd_fail(r, p, TR("\"%s\" should be a time like 11:10, not \"%s\"",
                          "\"%s\" は 11:10 のような時刻で書いてください (\"%s\" ではなく)"),
                 names[i], *times[i]);
        }
    }
    if (minutes[0] >= 0 && minutes[1] >= 0 && minutes[1] <= minutes[0]) {
        jsonrd_key(p, sp, "end");
        jsonrd_fail(r, p, TR("end %s is not after start %s", "終了 %s が開始 %s より後ではありません"), s->end,
             s->start);
    }
}

/* The session's kind; false when it is missing or unknown (said). */
static bool parse_kind(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s)
{
    static const char *const names[] = {"exchange", "workgroup", "sharing"};
    char *kind = NULL;
    bool known = false;
    if (jsonrd_string(r, js, sp, "kind", true, &kind) != 0)
        return false;
    for (int k = 0; k < 3 && !known; k++)
        if (strcmp(kind, names[k]) == 0) {
            s->kind = (tsunagu_session_kind)k;
            known = true;
        }
    if (!known) {
        char p[JSONRD_PTR_MAX];
        jsonrd_key(p, sp, "kind");
        jsonrd_fail(r, p,
             TR("unknown session kind \"%s\" (expected exchange, workgroup or sharing)",
                "セッションの種類 \"%s\" が不明です (exchange, workgroup, sharing のどれか)"),
             kind);
    }
    free(kind);
    return known;
}

/* Keys that only some kinds take, each reported once when another kind
 * has it. */
static void check_kind_keys(jsonrd *r, const json_t *js, const char *sp, const tsunagu_session_spec *s)
{
    static const struct {
        const char *key;
        unsigned kinds; /* bit per kind that takes it */
    } only[] = {{"tables", 3}, {"size", 3}, {"table_label", 3}, {"rules", 3},
                {"tracks", 2}, {"roles", 2}, {"role_rules", 2}, {"presentations", 4},
                {"rounds", 3}, {"round_minutes", 3}};
    for (size_t k = 0; k < sizeof only / sizeof *only; k++) {
        if (!json_object_get(js, only[k].key) || (only[k].kinds & (1u << s->kind)))
            continue;
        char p[JSONRD_PTR_MAX];
        jsonrd_key(p, sp, only[k].key);
        jsonrd_fail(r, p, TR("\"%s\" does not apply to %s sessions", "\"%s\" は %s のセッションには書けません"),
                    only[k].key, tsunagu_session_kind_name(s->kind));
    }
}

/* "tables" and "size" of a session that seats people. */
static void parse_tables_size(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s)
{
    char p[JSONRD_PTR_MAX];
    const json_t *jt = json_object_get(js, "tables");
    if (jt && !json_is_null(jt) && get_whole(jt, 1, MAX_TABLES, &s->tables) != 0) {
        jsonrd_key(p, sp, "tables");
        jsonrd_fail(r, p,
             TR("\"tables\" should be a whole number from 1 to %d, or null to derive it",
                "\"tables\" は 1 から %d までの整数か、自動で決めるなら null で書いてください"),
             MAX_TABLES);
    }
    bool workgroup = s->kind == TSUNAGU_WORKGROUP;
    s->min_size = workgroup ? 5 : 6;
    s->max_size = workgroup ? 8 : 10;
    const json_t *jsz = json_object_get(js, "size");
    jsonrd_key(p, sp, "size");
    if (jsz && !json_is_object(jsz)) {
        jsonrd_fail(r, p, "%s",
             TR("\"size\" should be an object like {\"min\": 6, \"max\": 10}",
                "\"size\" は {\"min\": 6, \"max\": 10} の形で書いてください"));
        return;
    }
    if (!jsz)
        return;
    static const char *const size_keys[] = {"min", "max", NULL};
    jsonrd_check_keys(r, jsz, p, size_keys);
    int *fields[2] = {&s->min_size, &s->max_size};
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        const json_t *jv = json_object_get(jsz, size_keys[i]);
        if (jv && get_whole(jv, 1, MAX_SIZE, fields[i]) != 0) {
            char q[JSONRD_PTR_MAX];
            jsonrd_key(q, p, size_keys[i]);
            jsonrd_fail(r, q,
                 TR("size \"%s\" should be a whole number from 1 to %d",
                    "size の \"%s\" は 1 から %d までの整数で書いてください"),
                 size_keys[i], MAX_SIZE);
            ok = false;
        }
    }
    if (ok && s->min_size > s->max_size)
        jsonrd_fail(r, p,
             TR("size: min %d is larger than max %d", "size: min %d が max %d より大きいです"),
             s->min_size, s->max_size);
}

static void parse_table_label(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s)
{
    if (event_printed_text(r, js, sp, "table_label", false, &s->table_label, EVENT_LABEL_MAX) != 0 || !s->table_label)
        return;
    bool workgroup = s->kind == TSUNAGU_WORKGROUP;
    int d, n;
    bool ok = count_placeholders(s->table_label, &d, &n) == 0 &&
              (workgroup ? (d == 0 && n == 2) : (d == 1 && n == 0));
    if (ok)
        return;
    char p[JSONRD_PTR_MAX];
    jsonrd_key(p, sp, "table_label");
    jsonrd_fail(r, p, "%s",
         workgroup ? TR("\"table_label\" of a workgroup needs two %s (track label, then "
                        "group letter) and nothing else with %, e.g. \"%s グループ%s\"",
                        "ワークグループの \"table_label\" には %s を2つ (トラック名、グル"
                        "ープの文字の順) だけ書いてください。例: \"%s グループ%s\"")
                   : TR("\"table_label\" of an exchange session needs one %d (the table "
                        "number) and nothing else with %, e.g. \"テーブル%d\"",
                        "意見交換の \"table_label\" には %d (テーブル番号) を1つだけ書い"
                        "てください。例: \"テーブル%d\""));
}

/* "rounds" (1 .. TSUNAGU_MAX_ROUNDS, default 1) and "round_minutes" of a
 * session that seats people: the rounds must fit in the slot when it has
 * both times. */
static void parse_rounds(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s)
{
    char p[JSONRD_PTR_MAX];
    s->rounds = 1;
    const json_t *jr = json_object_get(js, "rounds");
    if (jr && get_whole(jr, 1, TSUNAGU_MAX_ROUNDS, &s->rounds) != 0) {
        jsonrd_key(p, sp, "rounds");
        jsonrd_fail(r, p,
             TR("\"rounds\" should be a whole number from 1 to %d (seatings within the session)",
                "\"rounds\" は 1 から %d までの整数 (セッション内の席替えの回数) で書いてください"),
             TSUNAGU_MAX_ROUNDS);
        s->rounds = 1;
    }
    const json_t *jm = json_object_get(js, "round_minutes");
    if (!jm)
        return;
    jsonrd_key(p, sp, "round_minutes");
    if (get_whole(jm, 1, 24 * 60, &s->round_minutes) != 0) {
        jsonrd_fail(r, p, "%s",
             TR("\"round_minutes\" should be a whole number of minutes from 1 to 1440",
                "\"round_minutes\" は 1 から 1440 までの整数 (分) で書いてください"));
        s->round_minutes = 0;
        return;
    }
    int start = event_minutes(s->start), end = event_minutes(s->end);
    if (start >= 0 && end > start && s->rounds * s->round_minutes > end - start)
        jsonrd_fail(r, p,
             TR("%1$d rounds of %2$d minutes take %3$d minutes: more than the %4$d minutes from %5$s to %6$s",
                "%1$d 回 × %2$d 分で %3$d 分かかり、%5$s から %6$s までの %4$d 分を超えます"),
             s->rounds, s->round_minutes, s->rounds * s->round_minutes, end - start, s->start, s->end);
}

static void parse_session(jsonrd *r, const json_t *js, const char *sp, tsunagu_session_spec *s,
                          const tsunagu_professions *pt)
{
    static const char *const keys[] = {"id",     "title", "start",      "end",          "kind",
                                       "tables", "size",  "table_label", "tracks",      "rules",
                                       "roles",  "role_rules", "presentations", "rounds",
                                       "round_minutes", NULL};
    char p[JSONRD_PTR_MAX];
    jsonrd_check_keys(r, js, sp, keys);
    parse_session_head(r, js, sp, s);
    bool kind_known = parse_kind(r, js, sp, s);
    if (!kind_known) { /* still check what every kind that seats has */
        parse_tables_size(r, js, sp, s);
        jsonrd_key(p, sp, "rules");
        parse_rules(r, json_object_get(js, "rules"), p, s, false, pt);
        return;
    }
    check_kind_keys(r, js, sp, s);
    if (s->kind == TSUNAGU_SHARING) {
        event_parse_presentations(r, js, sp, s);
        parse_rules(r, NULL, sp, s, true, pt);
        return;
    }
    parse_tables_size(r, js, sp, s);
    parse_rounds(r, js, sp, s);
    parse_table_label(r, js, sp, s);
    const json_t *jtr = json_object_get(js, "tracks");
    jsonrd_key(p, sp, "tracks");
    if (s->kind == TSUNAGU_WORKGROUP && jtr)
        parse_tracks(r, jtr, p, s, pt);
    else if (s->kind == TSUNAGU_WORKGROUP)
        default_tracks(s, pt);
    if (s->kind == TSUNAGU_WORKGROUP)
        event_parse_roles(r, js, sp, s);
    jsonrd_key(p, sp, "rules");
    parse_rules(r, json_object_get(js, "rules"), p, s, kind_known, pt);
}

tsunagu_event *tsunagu_event_from_json_at(const json_t *json, const char *source,
                                          const tsunagu_jsonpos *pos, const char *prefix,
                                          tsunagu_diags *diags)
{
    jsonrd r = {.source = source, .pos = pos, .diags = diags};
    char p[JSONRD_PTR_MAX];
    if (!json_is_object(json)) {
        jsonrd_fail(&r, prefix, "%s",
             TR("an event should be a JSON object", "イベントは JSON オブジェクトで書いてください"));
        return NULL;
    }
    const char *format = json_string_value(json_object_get(json, "format"));
    if (!format || strcmp(format, "tsunagu-event") != 0) {
        jsonrd_key(p, prefix, "format");
        jsonrd_fail(&r, json_object_get(json, "format") ? p : prefix, "%s",
             TR("not an event file: \"format\" should be \"tsunagu-event\"",
                "イベントファイルではありません: \"format\" は \"tsunagu-event\" のはずです"));
        return NULL;
    }
    const json_t *jv = json_object_get(json, "version");
    if (!json_is_integer(jv) || json_integer_value(jv) != 1) {
        jsonrd_key(p, prefix, "version");
        jsonrd_fail(&r, jv ? p : prefix, "%s",
             TR("unsupported event file version (expected \"version\": 1)",
                "対応していないイベントファイルの版です (\"version\": 1 のはずです)"));
        return NULL;
    }

    tsunagu_event *e = calloc(1, sizeof *e);
    if (!e)
        abort();
    e->source = tsunagu_strdup(source);
    static const char *const keys[] = {"format", "version", "title",       "date",
                                       "venue",  "sessions", "professions", NULL};
    jsonrd_check_keys(&r, json, prefix, keys);
    event_printed_text(&r, json, prefix, "title", true, &e->title, EVENT_TITLE_MAX);
    if (jsonrd_string(&r, json, prefix, "date", false, &e->date) == 0 && e->date &&
        !valid_date(e->date)) {
        jsonrd_key(p, prefix, "date");
        jsonrd_fail(&r, p,
             TR("\"date\" should be a date like 2014-10-31, not \"%s\"",
                "\"date\" は 2014-10-31 のような日付で書いてください (\"%s\" ではなく)"),
             e->date);
    }
    event_printed_text(&r, json, prefix, "venue", false, &e->venue, EVENT_TITLE_MAX);
    const json_t *jp = json_object_get(json, "professions");
    jsonrd_key(p, prefix, "professions");
    e->professions = jp ? input_professions_read(&r, jp, p) : tsunagu_professions_load_default(diags);
    if (!e->professions) {
        if (!jp)
            r.errors++;
        tsunagu_event_free(e);
        return NULL;
    }

    const json_t *jss = json_object_get(json, "sessions");
    jsonrd_key(p, prefix, "sessions");
    if (!jss) {
        jsonrd_fail(&r, prefix, TR("\"%s\" is missing", "\"%s\" がありません"), "sessions");
    } else if (!json_is_array(jss) || json_array_size(jss) == 0) {
        jsonrd_fail(&r, p, "%s",
             TR("\"sessions\" should be a list of sessions, at least one",
                "\"sessions\" はセッションのリスト (1つ以上) で書いてください"));
    } else {
        size_t n = json_array_size(jss);
        e->sessions = calloc(n, sizeof *e->sessions);
        if (!e->sessions)
            abort();
        for (size_t i = 0; i < n; i++) {
            const json_t *js = json_array_get(jss, i);
            char sp[JSONRD_PTR_MAX];
            jsonrd_index(sp, p, i);
            if (!json_is_object(js)) {
                jsonrd_fail(&r, sp, "%s",
                     TR("a session should be an object", "セッションはオブジェクトで書いてください"));
                continue;
            }
            tsunagu_session_spec *s = &e->sessions[e->n_sessions++];
            parse_session(&r, js, sp, s, e->professions);
            for (int k = 0; s->id && k < e->n_sessions - 1; k++)
                if (e->sessions[k].id && strcmp(e->sessions[k].id, s->id) == 0) {
                    char ip[JSONRD_PTR_MAX];
                    jsonrd_key(ip, sp, "id");
                    jsonrd_fail(&r, ip, TR("duplicate session id \"%s\"", "セッション id \"%s\" が重複しています"),
                         s->id);
                }
        }
        event_resolve_presentations(&r, e, p);
    }
    if (r.errors > 0) {
        tsunagu_event_free(e);
        return NULL;
    }
    return e;
}

tsunagu_event *tsunagu_event_from_json(const json_t *json, const char *source,
                                       tsunagu_diags *diags)
{
    return tsunagu_event_from_json_at(json, source, NULL, "", diags);
}

tsunagu_event *tsunagu_event_read_buffer(const char *data, size_t len, const char *source,
                                         tsunagu_diags *diags)
{
    tsunagu_jsonpos *pos = NULL;
    json_t *json = tsunagu_json_read_buffer(data, len, EVENT_MAX_BYTES, source, diags, &pos);
    if (!json)
        return NULL;
    tsunagu_event *e = tsunagu_event_from_json_at(json, source, pos, "", diags);
    json_decref(json);
    tsunagu_jsonpos_free(pos);
    return e;
}

tsunagu_event *tsunagu_event_load(const char *path, tsunagu_diags *diags)
{
    tsunagu_jsonpos *pos = NULL;
    json_t *json = tsunagu_json_read_file(path, EVENT_MAX_BYTES, diags, &pos);
    if (!json)
        return NULL;
    const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
    tsunagu_event *e = tsunagu_event_from_json_at(json, shown, pos, "", diags);
    json_decref(json);
    tsunagu_jsonpos_free(pos);
    return e;
}

tsunagu_event *tsunagu_event_load_default(tsunagu_diags *diags)
{
    char *path = tsunagu_data_path("events/tsunagarou.json");
    if (!path) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("the bundled event file events/tsunagarou.json was not found "
                             "(is TSUNAGU_DATA set right?)",
                             "同梱のイベントファイル events/tsunagarou.json が見つかりません "
                             "(TSUNAGU_DATA の設定を確認してください)"));
        return NULL;
    }
    tsunagu_event *e = tsunagu_event_load(path, diags);
    free(path);
    return e;
}

/* ---- writing ---------------------------------------------------------- */

static json_t *number_json(double w)
{
    /* Whole weights print as 10, not 10.0, as people write them. */
    if (w == floor(w) && fabs(w) < 1e15)
        return json_integer((json_int_t)w);
    return json_real(w);
}

static void set_string(json_t *obj, const char *key, const char *value)
{
    if (value)
        json_object_set_new(obj, key, json_string(value));
}

/* no_pair_twice means something only with rounds: a session of one
 * round writes it only when the file set it otherwise than its default
 * (events and plans written before rounds stay as they were). */
static bool quiet_rule(const tsunagu_session_spec *s, int k)
{
    const tsunagu_rule d = tsunagu_rule_default((tsunagu_rule_id)k);
    return k == TSUNAGU_RULE_NO_PAIR_TWICE && s->rounds <= 1 && s->rules[k].weight == d.weight &&
           s->rules[k].hard == d.hard;
}

json_t *tsunagu_event_to_json(const tsunagu_event *e)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("tsunagu-event"));
    json_object_set_new(root, "version", json_integer(1));
    set_string(root, "title", e->title);
    set_string(root, "date", e->date);
    set_string(root, "venue", e->venue);
    json_object_set_new(root, "professions", tsunagu_professions_to_json(e->professions));
    json_t *sessions = json_array();
    for (int i = 0; i < e->n_sessions; i++) {
        const tsunagu_session_spec *s = &e->sessions[i];
        json_t *js = json_object();
        set_string(js, "id", s->id);
        set_string(js, "title", s->title);
        set_string(js, "start", s->start);
        set_string(js, "end", s->end);
        json_object_set_new(js, "kind", json_string(tsunagu_session_kind_name(s->kind)));
        if (s->kind == TSUNAGU_SHARING) {
            event_presentations_json(s, js);
            json_array_append_new(sessions, js);
            continue;
        }
        json_object_set_new(js, "tables", s->tables > 0 ? json_integer(s->tables) : json_null());
        json_object_set_new(js, "size",
                            json_pack("{s:i, s:i}", "min", s->min_size, "max", s->max_size));
        set_string(js, "table_label", s->table_label);
        if (s->rounds > 1) {
            json_object_set_new(js, "rounds", json_integer(s->rounds));
            if (s->round_minutes > 0)
                json_object_set_new(js, "round_minutes", json_integer(s->round_minutes));
        }
        if (s->kind == TSUNAGU_WORKGROUP) {
            json_t *tracks = json_array();
            for (int t = 0; t < s->n_tracks; t++) {
                const tsunagu_track *tr = &s->tracks[t];
                json_t *jt = json_object();
                set_string(jt, "id", tr->id);
                set_string(jt, "label", tr->label);
                set_string(jt, "label_en", tr->label_en);
                json_t *profs = json_array();
                for (int p = 0; p < tsunagu_professions_count(e->professions); p++)
                    if (tr->professions & (1u << p))
                        json_array_append_new(profs,
                                              json_string(tsunagu_professions_code(e->professions, p)));
                json_object_set_new(jt, "professions", profs);
                json_array_append_new(tracks, jt);
            }
            json_object_set_new(js, "tracks", tracks);
        }
        json_t *rules = json_object();
        for (int k = 0; k < TSUNAGU_RULE_COUNT; k++) {
            if (!tsunagu_rule_applies((tsunagu_rule_id)k, s->kind) || quiet_rule(s, k))
                continue;
            json_t *jr = json_object();
            json_object_set_new(jr, "weight", number_json(s->rules[k].weight));
            json_object_set_new(jr, "hard", json_boolean(s->rules[k].hard));
            /* fewer than two sides: the ones a reader derives again (one seated
             * profession), and "sides" must list two or more */
            if (k == TSUNAGU_RULE_MIX && s->n_sides >= 2) {
                json_t *sides = json_array();
                for (int side = 0; side < s->n_sides; side++) {
                    json_t *codes = json_array();
                    for (int p = 0; p < tsunagu_professions_count(e->professions); p++)
                        if (s->side[p] == side)
                            json_array_append_new(
                                codes, json_string(tsunagu_professions_code(e->professions, p)));
                    json_array_append_new(sides, codes);
                }
                json_object_set_new(jr, "sides", sides);
            }
            json_object_set_new(rules, tsunagu_rule_name((tsunagu_rule_id)k), jr);
        }
        json_object_set_new(js, "rules", rules);
        event_roles_json(s, js);
        json_array_append_new(sessions, js);
    }
    json_object_set_new(root, "sessions", sessions);
    return root;
}
