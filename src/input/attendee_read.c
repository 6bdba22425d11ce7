/* attendee_read.c - one attendee record checked into a tsunagu_attendee:
 * the checks the attendee file's CSV and JSON and a plan's attendees
 * share. */
#include "input/attendee_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/text.h"
#include "util/tr.h"

/* ---- the record ---- */

void attendee_record_add(attendee_record *r, int f, char *text, int line)
{
    if (!text)
        return;
    attendee_text *v = realloc(r->values[f], (size_t)(r->n_values[f] + 1) * sizeof *v);
    if (!v)
        abort();
    v[r->n_values[f]++] = (attendee_text){text, line};
    r->values[f] = v;
}

void attendee_record_add_pin(attendee_record *r, const char *column, tsunagu_pin_when when,
                             const char *session, char *table, int line)
{
    r->pins = realloc(r->pins, (size_t)(r->n_pins + 1) * sizeof *r->pins);
    if (!r->pins)
        abort();
    r->pins[r->n_pins++] = (attendee_record_pin){tsunagu_strdup(column), when,
                                                 tsunagu_strdup(session), {table, line}};
}

void attendee_record_free(attendee_record *r)
{
    for (int f = 0; f < ATTENDEE_FIELD_COUNT; f++) {
        for (int k = 0; k < r->n_values[f]; k++)
            free(r->values[f][k].text);
        free(r->values[f]);
    }
    for (int k = 0; k < r->n_pins; k++) {
        free(r->pins[k].column);
        free(r->pins[k].session);
        free(r->pins[k].table.text);
    }
    free(r->pins);
    memset(r, 0, sizeof *r);
}

bool attendee_pin_column(const char *header, tsunagu_pin_when *when, char **session)
{
    static const char *const prefixes[] = {"pin", "固定", "role", "役割"};
    *session = NULL;
    char *k = tsunagu_text_key(header);
    if (!k)
        return false;
    bool found = false;
    if (strcmp(k, "午前指定") == 0 || strcmp(k, "午後指定") == 0) {
        *when = strcmp(k, "午前指定") == 0 ? TSUNAGU_PIN_BEFORE_NOON : TSUNAGU_PIN_FROM_NOON;
        found = true;
    } else if (strcmp(k, "role") == 0 || strcmp(k, "役割") == 0) {
        *when = TSUNAGU_PIN_ROLE; /* the session with roles */
        found = true;
    }
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes && !found; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(k, prefixes[i], n) != 0 || !k[n] || !strchr("_- ", k[n]) || !k[n + 1])
            continue;
        *session = tsunagu_strdup(k + n + 1);
        *when = i < 2 ? TSUNAGU_PIN_SESSION : TSUNAGU_PIN_ROLE;
        found = true;
    }
    free(k);
    return found;
}

/* ---- messages ---- */

static void say(attendee_checks *ck, tsunagu_severity sev, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void say(attendee_checks *ck, tsunagu_severity sev, int line, const char *fmt, ...)
{
    if (sev == TSUNAGU_WARNING && !ck->warn)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    tsunagu_diags_add(ck->diags, sev, ck->source, line, "%s", buf);
}

#define err(ck, line, ...) say((ck), TSUNAGU_ERROR, (line), __VA_ARGS__)
#define warn(ck, line, ...) say((ck), TSUNAGU_WARNING, (line), __VA_ARGS__)

/* "千葉, 東葛南部, ..." for messages; caller frees. */
static char *region_names(const tsunagu_regions *regions)
{
    size_t len = 0, cap = 0;
    char *buf = NULL;
    for (int i = 0; i < tsunagu_regions_count(regions); i++) {
        if (i)
            tsunagu_text_pad(&buf, &len, &cap, ", ", 0);
        tsunagu_text_pad(&buf, &len, &cap, tsunagu_regions_name(regions, i), 0);
    }
    return buf ? buf : tsunagu_strdup("");
}

/* ---- lists: "A;B", "A、B", "A，B", "A,B" ---- */

static size_t separator_at(const char *s)
{
    static const char *const seps[] = {";", ",", "、", "，", "；"};
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
        if (strncmp(s, seps[i], strlen(seps[i])) == 0)
            return strlen(seps[i]);
    return 0;
}

/* Append the trimmed, non-empty parts of s to list (*n of them, grown as
 * needed; new strings). */
static void split_list(const char *s, char ***list, int *n)
{
    size_t len = strlen(s), start = 0;
    for (size_t i = 0; i <= len;) {
        size_t k = i < len ? separator_at(s + i) : 1;
        if (!k) {
            i++;
            continue;
        }
        char *piece = malloc(i - start + 1);
        if (!piece)
            abort();
        memcpy(piece, s + start, i - start);
        piece[i - start] = '\0';
        char *t = tsunagu_text_trim(piece);
        free(piece);
        if (t && *t) {
            *list = realloc(*list, (size_t)(*n + 1) * sizeof **list);
            if (!*list)
                abort();
            (*list)[(*n)++] = t;
        } else {
            free(t);
        }
        i += k;
        start = i;
    }
}

static void free_list(char **list, int n)
{
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

/* The items of every text of list field f, with the line of each (new
 * array in *lines, caller frees both). */
static char **field_items(const attendee_record *r, int f, int *n, int **lines)
{
    char **items = NULL;
    *n = 0;
    *lines = NULL;
    for (int k = 0; k < r->n_values[f]; k++) {
        int before = *n;
        split_list(r->values[f][k].text, &items, n);
        *lines = realloc(*lines, (size_t)(*n + 1) * sizeof **lines);
        if (!*lines)
            abort();
        for (int i = before; i < *n; i++)
            (*lines)[i] = r->values[f][k].line;
    }
    return items;
}

/* ---- fields ---- */

/* The text of single-valued field f, trimmed; NULL when absent or blank.
 * Caller frees. */
static char *value(const attendee_record *r, int f)
{
    char *t = r->n_values[f] ? tsunagu_text_trim(r->values[f][0].text) : NULL;
    if (t && !*t) {
        free(t);
        return NULL;
    }
    return t;
}

/* Where a message about field f goes: its text's line, else the record's. */
static int line_of(const attendee_record *r, int f)
{
    return r->n_values[f] ? r->values[f][0].line : r->at;
}

int tsunagu_experience_parse(const char *s, tsunagu_experience *out)
{
    static const char *const experienced[] = {"experienced", "経験あり", "経験有り", "あり", "有り", "有", "yes"};
    static const char *const planning[] = {"planning", "これから", "未経験", "経験なし", "なし", "無し", "無", "no"};
    char *k = tsunagu_text_key(s);
    int rc = -1;
    for (size_t i = 0; k && rc < 0 && i < sizeof experienced / sizeof *experienced; i++)
        if (strcmp(k, experienced[i]) == 0) {
            *out = TSUNAGU_EXPERIENCED;
            rc = 0;
        }
    for (size_t i = 0; k && rc < 0 && i < sizeof planning / sizeof *planning; i++)
        if (strcmp(k, planning[i]) == 0) {
            *out = TSUNAGU_PLANNING;
            rc = 0;
        }
    free(k);
    return rc;
}

void tsunagu_attendee_clear(tsunagu_attendee *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->name);
    free(a->kana);
    free(a->organization);
    free(a->org_key);
    free(a->interests);
    free(a->municipality);
    for (int k = 0; k < a->n_pins; k++) {
        free(a->pins[k].column);
        free(a->pins[k].session);
        free(a->pins[k].table);
    }
    free(a->pins);
    free_list(a->together, a->n_together);
    free_list(a->apart, a->n_apart);
    memset(a, 0, sizeof *a);
}

static char *dup_or_null(const char *s)
{
    return s ? tsunagu_strdup(s) : NULL;
}

static char **dup_list(char *const *items, int n)
{
    if (n <= 0)
        return NULL;
    char **out = calloc((size_t)n, sizeof *out);
    if (!out)
        abort();
    for (int k = 0; k < n; k++)
        out[k] = dup_or_null(items[k]);
    return out;
}

void tsunagu_attendee_copy(tsunagu_attendee *dst, const tsunagu_attendee *src)
{
    *dst = *src;
    dst->id = dup_or_null(src->id);
    dst->name = dup_or_null(src->name);
    dst->kana = dup_or_null(src->kana);
    dst->organization = dup_or_null(src->organization);
    dst->org_key = dup_or_null(src->org_key);
    dst->municipality = dup_or_null(src->municipality);
    dst->interests = NULL;
    if (src->n_interests > 0) {
        dst->interests = calloc((size_t)src->n_interests, sizeof *dst->interests);
        if (!dst->interests)
            abort();
        memcpy(dst->interests, src->interests, (size_t)src->n_interests * sizeof *dst->interests);
    }
    dst->pins = NULL;
    if (src->n_pins > 0) {
        dst->pins = calloc((size_t)src->n_pins, sizeof *dst->pins);
        if (!dst->pins)
            abort();
        for (int k = 0; k < src->n_pins; k++)
            dst->pins[k] = (tsunagu_seat_pin){dup_or_null(src->pins[k].column), src->pins[k].when,
                                              dup_or_null(src->pins[k].session),
                                              dup_or_null(src->pins[k].table)};
    }
    dst->together = dup_list(src->together, src->n_together);
    dst->apart = dup_list(src->apart, src->n_apart);
}

static int profession_of(attendee_checks *ck, const attendee_record *r, tsunagu_attendee *a)
{
    char *prof = value(r, ATTENDEE_PROFESSION);
    int rc = 0;
    a->profession = prof ? tsunagu_professions_find(ck->professions, prof) : -1;
    if (a->profession < 0) {
        char *codes = tsunagu_professions_codes(ck->professions, false);
        if (!prof)
            err(ck, line_of(r, ATTENDEE_PROFESSION),
                TR("empty profession (expected %s)", "職種が空です（%s のいずれか）"), codes);
        else
            err(ck, line_of(r, ATTENDEE_PROFESSION),
                TR("unknown profession \"%s\" (expected %s)", "不明な職種「%s」（%s のいずれか）"),
                prof, codes);
        free(codes);
        a->profession = 0;
        ck->unknown_professions += prof != NULL;
        rc = -1;
    }
    free(prof);
    return rc;
}

/* The home region: the region's own, else the municipality's. */
static int region_of(attendee_checks *ck, const attendee_record *r, tsunagu_attendee *a)
{
    char *region = value(r, ATTENDEE_REGION);
    int idx = -1, rc = 0, at = line_of(r, ATTENDEE_REGION), muni_at = line_of(r, ATTENDEE_MUNI);
    if (region) {
        idx = tsunagu_regions_find(ck->regions, region);
        if (idx < 0) {
            char *names = region_names(ck->regions);
            err(ck, at, TR("unknown region \"%s\" (expected one of %s)", "不明な地域「%s」（%s のいずれか）"),
                region, names);
            free(names);
            rc = -1;
        }
    }
    if (a->municipality) {
        int m = tsunagu_regions_find_municipality(ck->regions, a->municipality);
        if (m < 0 && idx < 0 && !region) {
            err(ck, muni_at,
                TR("municipality \"%s\" is not in the region table of %s; fill in the region",
                   "市町村「%s」が%sの地域表にありません。地域を書いてください"),
                a->municipality, tsunagu_regions_title(ck->regions));
            rc = -1;
        } else if (m < 0 && region) {
            warn(ck, muni_at,
                 TR("municipality \"%s\" is not in the region table of %s; the region column is used",
                    "市町村「%s」が%sの地域表にありません。地域の列を使います"),
                 a->municipality, tsunagu_regions_title(ck->regions));
        } else if (m >= 0 && idx >= 0 && m != idx) {
            warn(ck, muni_at,
                 TR("municipality \"%s\" is in %s but the region says %s; %s is used",
                    "市町村「%s」は%sですが、地域は%sと書かれています。%sを使います"),
                 a->municipality, tsunagu_regions_label(ck->regions, m),
                 tsunagu_regions_label(ck->regions, idx), tsunagu_regions_label(ck->regions, idx));
        } else if (m >= 0 && !region) {
            idx = m;
        }
    } else if (!region) {
        err(ck, at, "%s", TR("empty region (fill in region or municipality)",
                             "地域が空です（地域か市町村を書いてください）"));
        rc = -1;
    }
    free(region);
    a->region = idx;
    return rc;
}

static int interests_of(attendee_checks *ck, const attendee_record *r, tsunagu_attendee *a)
{
    int n, *lines, rc = 0;
    char **parts = field_items(r, ATTENDEE_INTERESTS, &n, &lines);
    if (n > 0) {
        a->interests = calloc((size_t)n, sizeof *a->interests);
        if (!a->interests)
            abort();
    }
    for (int i = 0; i < n; i++) {
        int idx = tsunagu_regions_find(ck->regions, parts[i]);
        if (idx < 0) {
            char *names = region_names(ck->regions);
            err(ck, lines[i],
                TR("unknown interest region \"%s\" (expected one of %s, separated by ; or 、)",
                   "不明な関心地域「%s」（%s のいずれかを ; か 、 で区切って）"),
                parts[i], names);
            free(names);
            rc = -1;
            continue;
        }
        bool dup = false;
        for (int j = 0; j < a->n_interests; j++)
            dup |= a->interests[j] == idx;
        if (dup) {
            warn(ck, lines[i], TR("interest region \"%s\" is listed twice", "関心地域「%s」が二度書かれています"),
                 parts[i]);
            continue;
        }
        a->interests[a->n_interests++] = idx;
    }
    free_list(parts, n);
    free(lines);
    return rc;
}

static int experience_of(attendee_checks *ck, const attendee_record *r, tsunagu_attendee *a)
{
    char *exp = value(r, ATTENDEE_EXPERIENCE);
    int rc = 0;
    a->experience = TSUNAGU_EXPERIENCED;
    if (exp && tsunagu_experience_parse(exp, &a->experience) != 0) {
        err(ck, line_of(r, ATTENDEE_EXPERIENCE),
            TR("unknown experience \"%s\" (expected experienced/経験あり or planning/これから)",
               "不明な経験「%s」（経験あり/experienced か これから/planning）"),
            exp);
        rc = -1;
    } else if (!exp && r->n_values[ATTENDEE_EXPERIENCE] > 0 &&
               tsunagu_professions_seated(ck->professions, a->profession)) {
        /* a blank cell: the rule "an experienced member at every table"
         * may lean on them, so say what was assumed */
        warn(ck, line_of(r, ATTENDEE_EXPERIENCE), "%s",
             TR("experience is blank: counted as experienced (write これから/planning for a newcomer)",
                "経験が空欄です。経験ありとして扱います（これからの人は「これから」と書いてください）"));
    }
    free(exp);
    return rc;
}

/* The organiser's requests: pins with a table, together, apart. */
static void requests_of(const attendee_record *r, tsunagu_attendee *a)
{
    for (int k = 0; k < r->n_pins; k++) {
        const attendee_record_pin *p = &r->pins[k];
        char *table = p->table.text ? tsunagu_text_trim(p->table.text) : NULL;
        if (!table || !*table) {
            free(table);
            continue;
        }
        a->pins = realloc(a->pins, (size_t)(a->n_pins + 1) * sizeof *a->pins);
        if (!a->pins)
            abort();
        a->pins[a->n_pins++] = (tsunagu_seat_pin){tsunagu_strdup(p->column), p->when,
                                                  tsunagu_strdup(p->session), table};
    }
    int *lines;
    a->together = field_items(r, ATTENDEE_TOGETHER, &a->n_together, &lines);
    free(lines);
    a->apart = field_items(r, ATTENDEE_APART, &a->n_apart, &lines);
    free(lines);
}

/* Field f's text without bidirectional controls, with a warning at its
 * line when it had some: a U+202E in a name reversed whole rows of the
 * page's lists. */
static char *text_of(attendee_checks *ck, const attendee_record *r, int f)
{
    char *t = value(r, f);
    if (t && tsunagu_text_strip_bidi(t) > 0)
        warn(ck, line_of(r, f), TR("\"%s\": text direction controls (such as U+202E) removed",
                                   "「%s」: 文字の向きを変える制御文字（U+202E など）を取り除きました"),
             t);
    if (t && !*t) {
        free(t);
        return NULL;
    }
    return t;
}

int attendee_build(attendee_checks *ck, const attendee_record *r, tsunagu_attendee *a)
{
    int rc = 0;
    memset(a, 0, sizeof *a);
    a->line = r->line;
    a->name = text_of(ck, r, ATTENDEE_NAME);
    if (!a->name) {
        err(ck, line_of(r, ATTENDEE_NAME), "%s", TR("empty name", "氏名が空です"));
        rc = -1;
    }
    a->id = text_of(ck, r, ATTENDEE_ID);
    if (ck->has_id && !a->id) {
        err(ck, line_of(r, ATTENDEE_ID), "%s", TR("empty id", "番号が空です"));
        rc = -1;
    }
    char *kana = text_of(ck, r, ATTENDEE_KANA);
    a->kana = kana ? kana : tsunagu_strdup("");
    a->organization = text_of(ck, r, ATTENDEE_ORG);
    bool prof_ok = profession_of(ck, r, a) == 0;
    rc |= prof_ok ? 0 : -1;
    if (!a->organization && prof_ok && tsunagu_professions_seated(ck->professions, a->profession)) {
        err(ck, line_of(r, ATTENDEE_ORG), "%s", TR("empty organization", "所属が空です"));
        rc = -1;
    }
    if (!a->organization)
        a->organization = tsunagu_strdup("");
    a->org_key = tsunagu_text_key(a->organization);
    if (!a->org_key)
        a->org_key = tsunagu_strdup("");
    a->municipality = text_of(ck, r, ATTENDEE_MUNI);
    rc |= region_of(ck, r, a);
    rc |= interests_of(ck, r, a);
    rc |= experience_of(ck, r, a);
    requests_of(r, a);
    if (!ck->has_id && a->name) {
        free(a->id);
        char *nk = tsunagu_text_key(a->name);
        size_t n = strlen(nk ? nk : "") + strlen(a->org_key) + 4;
        a->id = malloc(n);
        if (!a->id)
            abort();
        snprintf(a->id, n, "%s / %s", nk ? nk : "", a->org_key);
        free(nk);
    }
    return rc;
}
