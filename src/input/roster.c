/* roster.c - the attendee list: columns by header, the checks across
 * records.
 *
 * Both formats become attendee records first (CSV by header, JSON by key),
 * so one validator (attendee_build, attendee_read.c) checks them and every
 * bad record is reported at once. */
#include "tsunagu/roster.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/attendee_read.h"
#include "input/input_private.h"
#include "util/jsonpos.h"
#include "util/strmap.h"
#include "util/sort.h"
#include "tsunagu/fileio.h"
#include "util/tr.h"
#include "tsunagu/text.h"

#define MAX_FILE_BYTES (64u << 20)

/* Header names per field (attendee_read.h), as matching keys (NFKC, lower
 * case, "_" for spaces and hyphens); the first is the name shown in
 * messages. */
static const char *const column_names[ATTENDEE_FIELD_COUNT][8] = {
    [ATTENDEE_ID] = {"id", "番号", "no", "no.", "参加者番号"},
    [ATTENDEE_NAME] = {"name", "氏名", "名前", "お名前"},
    [ATTENDEE_KANA] = {"kana", "ふりがな", "フリガナ", "よみがな", "ヨミガナ", "かな"},
    [ATTENDEE_PROFESSION] = {"profession", "職種"},
    [ATTENDEE_ORG] = {"organization", "所属", "organisation", "所属機関", "所属先"},
    [ATTENDEE_REGION] = {"region", "地域", "圏域", "医療圏"},
    [ATTENDEE_INTERESTS] = {"interest_regions", "関心地域", "interests"},
    [ATTENDEE_EXPERIENCE] = {"experience", "経験"},
    [ATTENDEE_MUNI] = {"municipality", "市町村", "市区町村"},
    [ATTENDEE_TOGETHER] = {"together", "同席希望"},
    [ATTENDEE_APART] = {"apart", "別席希望"},
};
static const char *const column_ja[ATTENDEE_FIELD_COUNT] = {
    "番号", "氏名", "ふりがな", "職種", "所属", "地域", "関心地域", "経験", "市町村",
    "同席希望", "別席希望"};

static const char *column_label(int col)
{
    return TR(column_names[col][0], column_ja[col]);
}

typedef struct {
    const char *source;
    tsunagu_diags *diags;
    bool has_id;       /* ids given; else identity is (name, organization) */
    bool failed;       /* the file could not be read as either format */
    attendee_record *rows;
    size_t n_rows;
    int header_line;
} reading;

/* Two pin columns for one session: same half day, or ids equal as keys. */
static bool same_pin_column(tsunagu_pin_when wa, const char *sa, tsunagu_pin_when wb,
                            const char *sb)
{
    bool keyed = wa == TSUNAGU_PIN_SESSION || wa == TSUNAGU_PIN_ROLE; /* by the session after the prefix */
    return wa == wb && (!keyed || (!sa && !sb) || (sa && sb && strcmp(sa, sb) == 0));
}

static void err(reading *rd, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(reading *rd, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void add(reading *rd, tsunagu_severity sev, int line, const char *fmt, va_list ap)
{
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    tsunagu_diags_add(rd->diags, sev, rd->source, line, "%s", buf);
}

static void err(reading *rd, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(rd, TSUNAGU_ERROR, line, fmt, ap);
    va_end(ap);
}

static void warn(reading *rd, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(rd, TSUNAGU_WARNING, line, fmt, ap);
    va_end(ap);
}

/* Column of a header or JSON key, or -1 when it is not one of ours. */
static int column_of(const char *header)
{
    char *k = tsunagu_text_key(header);
    if (!k)
        return -1;
    /* "[id]", "【氏名】", "(所属)": a header in brackets names the same column */
    static const char *const brackets[][2] = {{"[", "]"}, {"【", "】"}, {"(", ")"}, {"「", "」"}};
    for (size_t b = 0; b < sizeof brackets / sizeof *brackets; b++) {
        size_t lo = strlen(brackets[b][0]), hi = strlen(brackets[b][1]), n = strlen(k);
        if (n > lo + hi && strncmp(k, brackets[b][0], lo) == 0 &&
            strcmp(k + n - hi, brackets[b][1]) == 0) {
            memmove(k, k + lo, n - lo - hi);
            k[n - lo - hi] = '\0';
            break;
        }
    }
    for (char *p = k; *p; p++)
        if (*p == ' ' || *p == '-')
            *p = '_';
    int found = -1;
    for (int c = 0; c < ATTENDEE_FIELD_COUNT && found < 0; c++)
        for (int i = 0; i < 8 && column_names[c][i]; i++)
            if (strcmp(k, column_names[c][i]) == 0)
                found = c;
    free(k);
    return found;
}

/* ---- professions: the event's table (professions.c) ---- */

bool tsunagu_roster_seated(const tsunagu_roster *r, size_t i)
{
    return r && i < r->count && tsunagu_professions_seated(r->professions, r->items[i].profession);
}

/* ---- reading CSV and JSON into rows ---- */

static bool blank_record(const tsunagu_csv_record *rec)
{
    for (int i = 0; i < rec->n_fields; i++) {
        char *t = tsunagu_text_trim(rec->fields[i]);
        bool empty = !t || !*t;
        free(t);
        if (!empty)
            return false;
    }
    return true;
}

/* True when a record names one of our columns (a pin column too): it is
 * the header. */
static bool names_a_column(const tsunagu_csv_record *rec)
{
    for (int f = 0; f < rec->n_fields; f++) {
        if (column_of(rec->fields[f]) >= 0)
            return true;
        tsunagu_pin_when when;
        char *session = NULL;
        bool pin = attendee_pin_column(rec->fields[f], &when, &session);
        free(session);
        if (pin)
            return true;
    }
    return false;
}

/* A pin column of a CSV header: its field and what it names. */
typedef struct {
    int field;
    tsunagu_pin_when when;
    char *session;
} pin_field;

/* Columns present: which field holds each column (-1: none), and the pin
 * columns (pins[0..*n_pins), sessions owned by the caller). */
static int map_header(reading *rd, const tsunagu_csv_record *h, int field_of[ATTENDEE_FIELD_COUNT],
                      pin_field *pins, int *n_pins)
{
    int errors = 0, known = 0;
    *n_pins = 0;
    for (int c = 0; c < ATTENDEE_FIELD_COUNT; c++)
        field_of[c] = -1;
    for (int f = 0; f < h->n_fields; f++) {
        int c = column_of(h->fields[f]);
        pin_field p = {f, TSUNAGU_PIN_SESSION, NULL};
        if (c < 0 && attendee_pin_column(h->fields[f], &p.when, &p.session)) {
            known++;
            for (int q = 0; q < *n_pins; q++)
                if (same_pin_column(pins[q].when, pins[q].session, p.when, p.session)) {
                    err(rd, h->line,
                        TR("columns \"%s\" and \"%s\" pin the same session (columns %d and %d)",
                           "「%s」と「%s」の列が同じセッションの固定です（%d 列目と %d 列目）"),
                        h->fields[pins[q].field], h->fields[f], pins[q].field + 1, f + 1);
                    errors++;
                }
            pins[(*n_pins)++] = p;
            continue;
        }
        if (c < 0)
            continue; /* unknown columns are the user's own notes */
        known++;
        if (field_of[c] >= 0) {
            err(rd, h->line,
                TR("column \"%s\" appears twice (columns %d and %d)",
                   "「%s」の列が二つあります（%d 列目と %d 列目）"),
                column_label(c), field_of[c] + 1, f + 1);
            errors++;
        } else {
            field_of[c] = f;
        }
    }
    if (!known) {
        err(rd, h->line, "%s",
            TR("no header line: the first line must name the columns (id, name, kana, profession, "
               "organization, region, interest_regions, experience)",
               "見出し行がありません。1 行目に列名（番号、氏名、ふりがな、職種、所属、地域、関心地域、経験）を書いてください"));
        return -1;
    }
    static const int required[] = {ATTENDEE_NAME, ATTENDEE_PROFESSION, ATTENDEE_ORG, ATTENDEE_REGION};
    char missing[256] = "";
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        int c = required[i];
        if (field_of[c] >= 0 || (c == ATTENDEE_REGION && field_of[ATTENDEE_MUNI] >= 0))
            continue;
        size_t l = strlen(missing);
        snprintf(missing + l, sizeof missing - l, "%s%s/%s", l ? ", " : "", column_names[c][0],
                 column_ja[c]);
    }
    if (*missing) {
        err(rd, h->line,
            TR("required column missing: %s", "必要な列がありません: %s"), missing);
        errors++;
    }
    return errors ? -1 : 0;
}

static void push_row(reading *rd, const attendee_record *r)
{
    size_t n = rd->n_rows;
    if ((n & (n - 1)) == 0) {
        rd->rows = realloc(rd->rows, (n ? n * 2 : 1) * sizeof *rd->rows);
        if (!rd->rows)
            abort();
    }
    rd->rows[rd->n_rows++] = *r;
}

static int rows_from_csv(reading *rd, const char *text, size_t len)
{
    tsunagu_csv_table t = {0};
    int rc = tsunagu_csv_read(text, len, rd->source, &t, rd->diags);
    int field_of[ATTENDEE_FIELD_COUNT];
    pin_field *pins = NULL;
    int n_pins = 0;
    if (t.count == 0) {
        if (rc == 0)
            err(rd, 0, "%s", TR("the file is empty: expected a header line and one line per attendee",
                                 "ファイルが空です。見出し行と参加者 1 人 1 行が必要です"));
        tsunagu_csv_table_free(&t);
        return -1;
    }
    /* Excel sheets often carry a title row or two above the header
     * ("つながろう会 参加者名簿"): the header is the first of the first
     * few rows naming one of our columns; the rows above are said, not lost. */
    size_t head = 0;
    while (head + 1 < t.count && head + 1 < 5 && !names_a_column(&t.records[head]))
        head++;
    if (!names_a_column(&t.records[head]))
        head = 0; /* no header near the top: map_header says so at line 1 */
    if (head > 0)
        warn(rd, t.records[head].line,
             TR("the header is on line %d: the %zu line(s) above it are not read (a title?)",
                "見出し行は %d 行目です。その上の %zu 行は読みません（表題ですか）"),
             t.records[head].line, head);
    rd->header_line = t.records[head].line;
    pins = calloc((size_t)t.records[head].n_fields + 1, sizeof *pins);
    if (!pins)
        abort();
    if (map_header(rd, &t.records[head], field_of, pins, &n_pins) != 0) {
        rc = -1;
        goto done;
    }
    rd->has_id = field_of[ATTENDEE_ID] >= 0;
    int width = t.records[head].n_fields;
    size_t data_rows = 0;
    for (size_t i = head + 1; i < t.count; i++) {
        const tsunagu_csv_record *rec = &t.records[i];
        if (blank_record(rec))
            continue; /* Excel's ",,,,," rows hold nothing to lose */
        data_rows++;
        if (rec->n_fields != width) {
            err(rd, rec->line,
                TR("this record has %d fields but the header has %d (a comma or quote too many "
                   "or too few?)",
                   "この行の項目数は %d ですが、見出し行は %d 項目です（カンマや引用符の過不足？）"),
                rec->n_fields, width);
            continue;
        }
        attendee_record r = {.line = rec->line, .at = rec->line};
        for (int c = 0; c < ATTENDEE_FIELD_COUNT; c++)
            if (field_of[c] >= 0)
                attendee_record_add(&r, c, tsunagu_strdup(rec->fields[field_of[c]]), rec->line);
        for (int q = 0; q < n_pins; q++)
            attendee_record_add_pin(&r, t.records[head].fields[pins[q].field], pins[q].when,
                                    pins[q].session, tsunagu_strdup(rec->fields[pins[q].field]),
                                    rec->line);
        push_row(rd, &r);
    }
    if (rc == 0 && data_rows == 0)
        err(rd, rd->header_line, "%s",
            TR("no attendees: the file has only the header line",
               "参加者がいません。見出し行しかありません"));
done:
    for (int q = 0; q < n_pins; q++)
        free(pins[q].session);
    free(pins);
    tsunagu_csv_table_free(&t);
    return rc;
}

/* A JSON value as column text: strings as they are, integers in decimal,
 * arrays of those joined with ";" (list columns only). */
static int json_text(reading *rd, int line, int col, const char *key, const json_t *v, char **out)
{
    *out = NULL;
    if (json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        if (json_string_length(v) > TSUNAGU_MAX_FIELD_BYTES) {
            err(rd, line, TR("\"%s\" is longer than %d bytes", "\"%s\" が %d バイトを超えています"), key,
                TSUNAGU_MAX_FIELD_BYTES);
            return -1;
        }
        *out = tsunagu_strdup(json_string_value(v));
        return 0;
    }
    if (json_is_integer(v)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        *out = tsunagu_strdup(buf);
        return 0;
    }
    bool list = col == ATTENDEE_INTERESTS || col == ATTENDEE_TOGETHER || col == ATTENDEE_APART;
    if (list && json_is_array(v)) {
        size_t len = 0, cap = 0, i;
        char *buf = NULL;
        json_t *e;
        tsunagu_text_pad(&buf, &len, &cap, "", 0);
        json_array_foreach(v, i, e) {
            if (!json_is_string(e) && !json_is_integer(e)) {
                err(rd, line, TR("\"%s\" must hold strings", "\"%s\" には文字列を並べてください"), key);
                free(buf);
                return -1;
            }
            char num[32];
            if (json_is_integer(e))
                snprintf(num, sizeof num, "%lld", (long long)json_integer_value(e));
            if (i)
                tsunagu_text_pad(&buf, &len, &cap, ";", 0);
            tsunagu_text_pad(&buf, &len, &cap, json_is_string(e) ? json_string_value(e) : num, 0);
            if (len > TSUNAGU_MAX_FIELD_BYTES) {
                err(rd, line, TR("\"%s\" is longer than %d bytes", "\"%s\" が %d バイトを超えています"),
                    key, TSUNAGU_MAX_FIELD_BYTES);
                free(buf);
                return -1;
            }
        }
        *out = buf;
        return 0;
    }
    err(rd, line,
        list ? TR("\"%s\" must be a string or an array of strings",
                  "\"%s\" は文字列か文字列の配列にしてください")
             : TR("\"%s\" must be a string", "\"%s\" は文字列にしてください"),
        key);
    return -1;
}

/* Rows of a parsed JSON document; takes root and pos (frees them). */
static int rows_from_json(reading *rd, json_t *root, tsunagu_jsonpos *pos)
{
    if (!json_is_array(root)) {
        err(rd, 1, "%s",
            TR("expected a JSON array of attendee objects [{\"name\": ...}, ...]",
               "参加者オブジェクトの JSON 配列 [{\"name\": ...}, ...] が必要です"));
        tsunagu_jsonpos_free(pos);
        json_decref(root);
        return -1;
    }
    size_t n = json_array_size(root);
    rd->header_line = 1;
    if (n == 0)
        err(rd, 1, "%s", TR("no attendees: the array is empty", "参加者がいません。配列が空です"));
    if (n > TSUNAGU_MAX_RECORDS) {
        err(rd, 1, TR("more than %d attendees", "参加者が %d 人を超えています"), TSUNAGU_MAX_RECORDS);
        n = 0;
    }
    /* Ids are given when any attendee has a key naming the id column
     * ("id", "ID", "番号", ...), found the same way as every other key. */
    for (size_t i = 0; i < n && !rd->has_id; i++) {
        const char *key;
        json_t *v;
        json_t *o = json_array_get(root, i);
        if (json_is_object(o) && json_object_size(o) <= TSUNAGU_MAX_FIELDS)
            json_object_foreach(o, key, v)
                if (column_of(key) == ATTENDEE_ID)
                    rd->has_id = true;
    }
    int rc = n ? 0 : -1;
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(root, i);
        char ptr[32];
        snprintf(ptr, sizeof ptr, "/%zu", i);
        int line = tsunagu_jsonpos_line(pos, ptr);
        attendee_record r = {.line = line, .at = line};
        if (!json_is_object(o)) {
            err(rd, r.line, "%s",
                TR("each attendee must be a JSON object {\"name\": ...}",
                   "参加者は JSON オブジェクト {\"name\": ...} で書いてください"));
            continue;
        }
        const char *key;
        json_t *v;
        const char *key_of[ATTENDEE_FIELD_COUNT] = {0};
        bool bad = false;
        if (json_object_size(o) > TSUNAGU_MAX_FIELDS) {
            err(rd, r.line, TR("more than %d keys in one attendee", "1 人の項目が %d を超えています"),
                TSUNAGU_MAX_FIELDS);
            continue;
        }
        json_object_foreach((json_t *)o, key, v) {
            int c = column_of(key);
            tsunagu_pin_when when;
            char *session;
            if (c < 0 && attendee_pin_column(key, &when, &session)) {
                for (int q = 0; q < r.n_pins; q++)
                    if (same_pin_column(r.pins[q].when, r.pins[q].session, when, session)) {
                        err(rd, r.line, TR("\"%s\" and \"%s\" pin the same session",
                                           "\"%s\" と \"%s\" が同じセッションの固定です"),
                            r.pins[q].column, key);
                        bad = true;
                    }
                char *text = NULL;
                if (json_text(rd, r.line, -1, key, v, &text) != 0)
                    bad = true;
                attendee_record_add_pin(&r, key, when, session, text, r.line);
                free(session);
                continue;
            }
            if (c < 0)
                continue;
            if (key_of[c]) {
                err(rd, r.line, TR("\"%s\" and \"%s\" both give the %s", "\"%s\" と \"%s\" の両方に%sがあります"),
                    key_of[c], key, column_label(c));
                bad = true;
                continue;
            }
            key_of[c] = key;
            char *text = NULL;
            if (json_text(rd, r.line, c, key, v, &text) != 0)
                bad = true;
            attendee_record_add(&r, c, text, r.line);
        }
        if (bad) {
            attendee_record_free(&r);
            continue;
        }
        push_row(rd, &r);
    }
    tsunagu_jsonpos_free(pos);
    json_decref(root);
    return rc;
}

static int by_id_then_line(size_t x, size_t y, const void *ctx)
{
    const tsunagu_attendee *items = ctx;
    const tsunagu_attendee *a = &items[x], *b = &items[y];
    int c = strcmp(a->id ? a->id : "", b->id ? b->id : "");
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

static void check_duplicates(reading *rd, const tsunagu_roster *r)
{
    size_t *order = malloc((r->count ? r->count : 1) * sizeof *order);
    if (!order)
        abort();
    for (size_t i = 0; i < r->count; i++)
        order[i] = i;
    sort_indices(order, r->count, by_id_then_line, r->items);
    size_t first = 0;
    for (size_t k = 1; k < r->count; k++) {
        const tsunagu_attendee *a = &r->items[order[first]], *b = &r->items[order[k]];
        if (!a->id || !b->id || strcmp(a->id, b->id) != 0) {
            first = k;
            continue;
        }
        if (rd->has_id)
            err(rd, b->line, TR("duplicate id \"%s\" (also on line %d)", "番号「%s」が重複しています（%d 行目にも）"),
                b->id, a->line);
        else
            err(rd, b->line,
                TR("duplicate attendee \"%s\" of \"%s\" (also on line %d)",
                   "参加者「%s」（%s）が重複しています（%d 行目にも）"),
                b->name, b->organization, a->line);
    }
    free(order);
}

/* ---- the same person under two ids ---- */

/* Who a record is: the name key, then the organisation's colleague key
 * (org_key: the one definition of "same organisation"), joined by a byte
 * neither holds.  The reading is compared apart: a missing reading does not
 * tell two people apart, two different readings do.  New string. */
static char *person_key(const char *name, const char *org_key)
{
    char *nk = tsunagu_text_name_key(name ? name : "");
    size_t n = strlen(nk ? nk : "") + strlen(org_key) + 2;
    char *k = malloc(n);
    if (!k)
        abort();
    snprintf(k, n, "%s\x1f%s", nk ? nk : "", org_key);
    free(nk);
    return k;
}

static char *reading_key(const char *kana)
{
    char *k = tsunagu_text_name_key(kana ? kana : "");
    return k ? k : tsunagu_strdup("");
}

/* Readings agree when equal or when either is missing. */
static bool readings_agree(const char *a, const char *b)
{
    return !*a || !*b || strcmp(a, b) == 0;
}

long tsunagu_roster_find_same_person(const tsunagu_roster *r, const char *name, const char *kana,
                                     const char *organization)
{
    char *org = tsunagu_text_key(organization ? organization : "");
    char *want = person_key(name, org ? org : ""), *want_kana = reading_key(kana);
    long found = -1;
    for (size_t i = 0; r && found < 0 && i < r->count; i++) {
        char *k = person_key(r->items[i].name, r->items[i].org_key);
        char *rk = reading_key(r->items[i].kana);
        /* the same name (readings agreeing), or the same reading, at one
         * organisation: 斎藤 and 齋藤 read さいとう alike */
        if (strcmp(k, want) == 0 && readings_agree(rk, want_kana))
            found = (long)i;
        else if (rk && *rk && want_kana && *want_kana && strcmp(rk, want_kana) == 0 && org &&
                 strcmp(r->items[i].org_key, org) == 0)
            found = (long)i;
        free(k);
        free(rk);
    }
    free(org);
    free(want);
    free(want_kana);
    return found;
}

/* The keys of one person: who (person_key), their reading and
 * organisation ("" when no reading), and their name alone. */
typedef struct {
    char *who, *reading, *name;
} person_keys;

static person_keys keys_of(const tsunagu_attendee *a)
{
    person_keys k = {person_key(a->name, a->org_key ? a->org_key : ""), reading_key(a->kana),
                     tsunagu_text_name_key(a->name ? a->name : "")};
    if (*k.reading) {
        char *r = person_key(k.reading, a->org_key ? a->org_key : "");
        free(k.reading);
        k.reading = r;
    }
    if (!k.name)
        k.name = tsunagu_strdup("");
    return k;
}

static bool keys_agree(const person_keys *a, const person_keys *b)
{
    return strcmp(a->who, b->who) == 0 || (*a->reading && strcmp(a->reading, b->reading) == 0) ||
           (*a->name && strcmp(a->name, b->name) == 0);
}

long *tsunagu_roster_match(const tsunagu_roster *old, const tsunagu_roster *now)
{
    long *match = malloc((old->count + 1) * sizeof *match);
    bool *taken = calloc(now->count + 1, sizeof *taken);
    person_keys *ko = calloc(old->count + 1, sizeof *ko), *kn = calloc(now->count + 1, sizeof *kn);
    if (!match || !taken || !ko || !kn)
        abort();
    strmap ids = {0}, who = {0}, by_reading = {0};
    for (size_t j = now->count; j-- > 0;) { /* the first of equals wins */
        kn[j] = keys_of(&now->items[j]);
        strmap_put(&ids, now->items[j].id, (int)j);
        strmap_put(&who, kn[j].who, (int)j);
        if (*kn[j].reading)
            strmap_put(&by_reading, kn[j].reading, (int)j);
    }
    for (size_t i = 0; i < old->count; i++) { /* the same id, the same person */
        ko[i] = keys_of(&old->items[i]);
        int j = strmap_get(&ids, old->items[i].id);
        match[i] = j >= 0 && keys_agree(&ko[i], &kn[j]) ? j : -1;
        if (match[i] >= 0)
            taken[j] = true;
    }
    for (size_t i = 0; i < old->count; i++) { /* the same person, another id */
        int j = match[i] < 0 ? strmap_get(&who, ko[i].who) : -1;
        if ((j < 0 || taken[j]) && match[i] < 0 && *ko[i].reading)
            j = strmap_get(&by_reading, ko[i].reading);
        if (match[i] < 0 && j >= 0 && !taken[j]) {
            match[i] = j;
            taken[j] = true;
        }
    }
    for (size_t i = 0; i < old->count; i++) { /* the same id, the name rewritten */
        int j = match[i] < 0 ? strmap_get(&ids, old->items[i].id) : -1;
        if (j >= 0 && !taken[j]) {
            match[i] = j;
            taken[j] = true;
        }
    }
    for (size_t i = 0; i < old->count; i++)
        free(ko[i].who), free(ko[i].reading), free(ko[i].name);
    for (size_t j = 0; j < now->count; j++)
        free(kn[j].who), free(kn[j].reading), free(kn[j].name);
    strmap_dispose(&ids);
    strmap_dispose(&who);
    strmap_dispose(&by_reading);
    free(ko);
    free(kn);
    free(taken);
    return match;
}

typedef struct {
    char *key;  /* person_key */
    char *kana; /* reading_key */
    size_t index;
} person;

static int by_person_reading_index(const void *x, const void *y)
{
    const person *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (!c)
        c = strcmp(a->kana, b->kana);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* Warn at each record that repeats an earlier one's person (a double
 * registration under another id), naming the first such record.  Sorted by
 * (person, reading, file order), so a group's records without a reading
 * come first and each record finds its earliest match in constant time:
 * n log n even for a list of 100,000 namesakes. */
static void check_double_registrations(reading *rd, const tsunagu_roster *r)
{
    person *p = malloc((r->count ? r->count : 1) * sizeof *p);
    if (!p)
        abort();
    for (size_t i = 0; i < r->count; i++) {
        p[i].key = person_key(r->items[i].name, r->items[i].org_key ? r->items[i].org_key : "");
        p[i].kana = reading_key(r->items[i].kana);
        p[i].index = i;
    }
    qsort(p, r->count, sizeof *p, by_person_reading_index);
    for (size_t g = 0, end; g < r->count; g = end) {
        size_t first = p[g].index, no_reading = SIZE_MAX;
        for (end = g; end < r->count && strcmp(p[end].key, p[g].key) == 0; end++) {
            first = p[end].index < first ? p[end].index : first;
            if (!*p[end].kana && no_reading == SIZE_MAX)
                no_reading = p[end].index;
        }
        for (size_t k = g, same_reading = SIZE_MAX; k < end; k++) {
            if (k == g || strcmp(p[k].kana, p[k - 1].kana) != 0)
                same_reading = p[k].index; /* earliest with this reading */
            size_t i = p[k].index, match = *p[k].kana ? same_reading : first;
            if (*p[k].kana && no_reading < match)
                match = no_reading;
            if (match >= i)
                continue;
            const tsunagu_attendee *a = &r->items[match], *b = &r->items[i];
            if (a->id && b->id && strcmp(a->id, b->id) == 0)
                continue; /* a duplicate id: an error already */
            bool both_read = *a->kana && *b->kana;
            if (rd->has_id)
                warn(rd, b->line,
                     both_read ? TR("same name, reading and organisation as line %d (id %s): registered twice?",
                                    "%d 行目（番号 %s）と氏名・ふりがな・所属が同じです。二重登録ではありませんか？")
                               : TR("same name and organisation as line %d (id %s), and no reading to tell them apart: registered twice?",
                                    "%d 行目（番号 %s）と氏名・所属が同じで、区別できるふりがなもありません。二重登録ではありませんか？"),
                     a->line, a->id);
            else
                warn(rd, b->line,
                     both_read ? TR("same name, reading and organisation as line %d: registered twice?",
                                    "%d 行目と氏名・ふりがな・所属が同じです。二重登録ではありませんか？")
                               : TR("same name and organisation as line %d, and no reading to tell them apart: registered twice?",
                                    "%d 行目と氏名・所属が同じで、区別できるふりがなもありません。二重登録ではありませんか？"),
                     a->line);
        }
    }
    for (size_t i = 0; i < r->count; i++) {
        free(p[i].key);
        free(p[i].kana);
    }
    free(p);
}

static void check_requests(reading *rd, const tsunagu_roster *r)
{
    for (size_t i = 0; i < r->count; i++) {
        const tsunagu_attendee *a = &r->items[i];
        for (int pass = 0; pass < 2; pass++) {
            char **ids = pass ? a->apart : a->together;
            int n = pass ? a->n_apart : a->n_together;
            const char *col = column_label(pass ? ATTENDEE_APART : ATTENDEE_TOGETHER);
            for (int j = 0; j < n; j++) {
                long other = tsunagu_roster_find(r, ids[j]);
                if (other < 0)
                    err(rd, a->line, TR("%s: no attendee has id \"%s\"", "%s: 番号「%s」の参加者がいません"),
                        col, ids[j]);
                else if ((size_t)other == i)
                    err(rd, a->line, TR("%s: \"%s\" is this attendee", "%s: 「%s」は本人です"), col, ids[j]);
                else if (!tsunagu_roster_seated(r, (size_t)other))
                    warn(rd, a->line,
                         TR("%s: \"%s\" is not seated (profession %s)",
                            "%s: 「%s」は席のない参加者（職種 %s）です"),
                         col, ids[j],
                         tsunagu_professions_code(r->professions, r->items[other].profession));
                if (pass)
                    for (int k = 0; k < a->n_together; k++)
                        if (strcmp(a->together[k], ids[j]) == 0)
                            err(rd, a->line,
                                TR("\"%s\" is in both together and apart", "「%s」が同席希望と別席希望の両方にあります"),
                                ids[j]);
            }
        }
    }
}

void tsunagu_roster_free(tsunagu_roster *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++)
        tsunagu_attendee_clear(&r->items[i]);
    free(r->items);
    free(r->source);
    tsunagu_professions_free(r->professions);
    free(r);
}

/* Messages of one file in line order (cross-record checks come last
 * otherwise); the order among messages of one line is kept. */
static void append_by_line(tsunagu_diags *to, const tsunagu_diags *from)
{
    size_t n = tsunagu_diags_count(from);
    int max_line = 0;
    for (size_t i = 0; i < n; i++)
        if (tsunagu_diags_get(from, i)->line > max_line)
            max_line = tsunagu_diags_get(from, i)->line;
    size_t *order = malloc((n ? n : 1) * sizeof *order), k = 0;
    if (!order)
        abort();
    /* Counting sort by line keeps equal lines in order. */
    size_t *start = calloc((size_t)max_line + 2, sizeof *start);
    if (!start)
        abort();
    for (size_t i = 0; i < n; i++)
        start[tsunagu_diags_get(from, i)->line + 1]++;
    for (int l = 1; l <= max_line + 1; l++)
        start[l] += start[l - 1];
    for (size_t i = 0; i < n; i++)
        order[start[tsunagu_diags_get(from, i)->line]++] = i;
    for (k = 0; k < n; k++) {
        const tsunagu_diag *g = tsunagu_diags_get(from, order[k]);
        tsunagu_diags_add_at(to, g->severity, g->source, g->line, g->column, "%s",
                             g->text ? g->text : "");
    }
    free(start);
    free(order);
}

static tsunagu_roster *read_buffer(const char *data, size_t len, const char *source,
                                   const tsunagu_regions *regions,
                                   const tsunagu_professions *professions, tsunagu_diags *diags,
                                   bool *other_day);

/* True when the first line of text reads as a CSV header naming one of
 * our columns ("[id],name,..." is CSV, not broken JSON). */
static bool csv_header_first(const char *text, size_t len)
{
    size_t p = strspn(text, " \t\r\n");
    const char *nl = memchr(text + p, '\n', len - p);
    size_t n = nl ? (size_t)(nl - (text + p)) : len - p;
    tsunagu_diags *quiet = tsunagu_diags_new();
    if (!quiet)
        abort();
    tsunagu_csv_table t = {0};
    bool header = tsunagu_csv_read(text + p, n, "", &t, quiet) == 0 && t.count == 1 &&
                  names_a_column(&t.records[0]);
    tsunagu_csv_table_free(&t);
    tsunagu_diags_free(quiet);
    return header;
}

/* True when the file's name says CSV (or text): "[参加者名簿],,," in a
 * list.csv is a title row, not broken JSON. */
static bool named_csv(const char *source)
{
    size_t n = source ? strlen(source) : 0;
    return (n > 4 && strcasecmp(source + n - 4, ".csv") == 0) ||
           (n > 4 && strcasecmp(source + n - 4, ".txt") == 0);
}

/* The file as JSON when the whole document is JSON: text that begins with
 * [ or { and parses.  Text that begins so but does not parse is CSV when
 * its name ends in .csv or its first line is a CSV header, else broken
 * JSON: its errors are added and rd->failed set.  Returns the document
 * (new, with *pos) or NULL. */
static json_t *as_json(reading *rd, const char *text, size_t len, tsunagu_jsonpos **pos)
{
    size_t p = strspn(text, " \t\r\n");
    if (text[p] != '[' && text[p] != '{')
        return NULL;
    tsunagu_diags *json_errors = tsunagu_diags_new();
    if (!json_errors)
        abort();
    json_t *root = tsunagu_json_read_buffer(text, len, 0, rd->source, json_errors, pos);
    bool csv = !root && (named_csv(rd->source) || csv_header_first(text, len));
    if (!csv) {
        for (size_t i = 0; i < tsunagu_diags_count(json_errors); i++) {
            const tsunagu_diag *g = tsunagu_diags_get(json_errors, i);
            tsunagu_diags_add_at(rd->diags, g->severity, g->source, g->line, g->column, "%s",
                                 g->text ? g->text : "");
        }
        rd->failed = !root;
    }
    tsunagu_diags_free(json_errors);
    return root;
}

tsunagu_roster *tsunagu_roster_read_buffer(const char *data, size_t len, const char *source,
                                           const tsunagu_regions *regions,
                                           const tsunagu_professions *professions,
                                           tsunagu_diags *diags)
{
    tsunagu_diags *mine = tsunagu_diags_new();
    if (!mine)
        abort();
    bool other_day = false;
    tsunagu_roster *r = read_buffer(data, len, source, regions, professions, mine, &other_day);
    append_by_line(diags, mine);
    tsunagu_diags_free(mine);
    if (other_day) /* after the lines it explains: read against the bundled day's professions */
        tsunagu_diags_add(diags, TSUNAGU_WARNING, source, 0, "%s",
                          TR("if this list is for another kind of day, read it with that day's event file, "
                             "which names its professions (check and solve take --event FILE; the page "
                             "offers kinds of day)",
                             "別の種類の会の名簿なら、その会のイベントファイルで読み込んでください。職種はイベント"
                             "ファイルで決まります（check と solve は --event ファイル、ウェブページは「会の種類」）"));
    return r;
}

static tsunagu_roster *read_buffer(const char *data, size_t len, const char *source,
                                   const tsunagu_regions *regions,
                                   const tsunagu_professions *professions, tsunagu_diags *diags,
                                   bool *other_day)
{
    size_t errors_before = tsunagu_diags_errors(diags);
    tsunagu_professions *own = professions ? tsunagu_professions_copy(professions)
                                           : tsunagu_professions_load_default(diags);
    if (!own)
        return NULL;
    reading rd = {source, diags, false, false, NULL, 0, 0};
    if (len > MAX_FILE_BYTES) {
        err(&rd, 0, TR("file is larger than %u bytes", "ファイルが %u バイトを超えています"), MAX_FILE_BYTES);
        tsunagu_professions_free(own);
        return NULL;
    }
    size_t tlen;
    tsunagu_input_encoding enc;
    char *text = tsunagu_decode(data, len, source, &tlen, &enc, diags);
    if (!text) {
        tsunagu_professions_free(own);
        return NULL;
    }
    tsunagu_jsonpos *pos = NULL;
    json_t *json = as_json(&rd, text, tlen, &pos);
    if (json)
        rows_from_json(&rd, json, pos);
    else if (!rd.failed)
        rows_from_csv(&rd, text, tlen);
    free(text);
    if (rd.n_rows && !rd.has_id)
        warn(&rd, rd.header_line, "%s",
             TR("no id column: attendees are identified by name and organization",
                "番号の列がありません。氏名と所属で参加者を区別します"));

    tsunagu_roster *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    r->source = tsunagu_strdup(source);
    r->professions = own;
    tsunagu_sha256_hex(data, len, r->sha256);
    r->regions = regions;
    r->items = calloc(rd.n_rows ? rd.n_rows : 1, sizeof *r->items);
    if (!r->items)
        abort();
    attendee_checks checks = {.source = source,
                              .regions = regions,
                              .professions = own,
                              .diags = diags,
                              .has_id = rd.has_id,
                              .warn = true};
    for (size_t i = 0; i < rd.n_rows; i++) {
        attendee_build(&checks, &rd.rows[i], &r->items[r->count++]);
        attendee_record_free(&rd.rows[i]);
    }
    free(rd.rows);
    /* many professions the bundled day does not know, not one typo ("MWS") */
    if (other_day)
        *other_day = !professions && checks.unknown_professions >= 3 &&
                     (size_t)checks.unknown_professions * 5 >= rd.n_rows;
    check_duplicates(&rd, r);
    check_double_registrations(&rd, r);
    check_requests(&rd, r);
    if (tsunagu_diags_errors(diags) > errors_before) {
        tsunagu_roster_free(r);
        return NULL;
    }
    return r;
}

tsunagu_roster *tsunagu_roster_read_file(const char *path, const tsunagu_regions *regions,
                                         const tsunagu_professions *professions,
                                         tsunagu_diags *diags)
{
    size_t len = 0;
    char *data = tsunagu_file_read(path, MAX_FILE_BYTES, &len, diags);
    if (!data)
        return NULL;
    tsunagu_roster *r = tsunagu_roster_read_buffer(data, len, strcmp(path, "-") == 0 ? "<stdin>" : path,
                                                   regions, professions, diags);
    free(data);
    return r;
}

long tsunagu_roster_find(const tsunagu_roster *r, const char *id)
{
    for (size_t i = 0; r && id && i < r->count; i++)
        if (r->items[i].id && strcmp(r->items[i].id, id) == 0)
            return (long)i;
    return -1;
}
