/* roster.c - the attendee list: columns by header, validation, summary.
 *
 * Both formats become rows of column values first (CSV by header, JSON by
 * key), so one validator checks them and reports every bad record at once. */
#include "tsunagu/roster.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/input_private.h"
#include "util/jsonpos.h"
#include "util/sort.h"
#include "tsunagu/fileio.h"
#include "util/tr.h"
#include "tsunagu/text.h"

#define MAX_FILE_BYTES (64u << 20)

enum {
    COL_ID, COL_NAME, COL_KANA, COL_PROFESSION, COL_ORG, COL_REGION, COL_INTERESTS,
    COL_EXPERIENCE, COL_MUNI, COL_TOGETHER, COL_APART,
    COL_COUNT
};

/* Header names per column, as matching keys (NFKC, lower case, "_" for
 * spaces and hyphens); the first is the name shown in messages. */
static const char *const column_names[COL_COUNT][8] = {
    [COL_ID] = {"id", "番号", "no", "no.", "参加者番号"},
    [COL_NAME] = {"name", "氏名", "名前", "お名前"},
    [COL_KANA] = {"kana", "ふりがな", "フリガナ", "よみがな", "ヨミガナ", "かな"},
    [COL_PROFESSION] = {"profession", "職種"},
    [COL_ORG] = {"organization", "所属", "organisation", "所属機関", "所属先"},
    [COL_REGION] = {"region", "地域", "圏域", "医療圏"},
    [COL_INTERESTS] = {"interest_regions", "関心地域", "interests"},
    [COL_EXPERIENCE] = {"experience", "経験"},
    [COL_MUNI] = {"municipality", "市町村", "市区町村"},
    [COL_TOGETHER] = {"together", "同席希望"},
    [COL_APART] = {"apart", "別席希望"},
};
static const char *const column_ja[COL_COUNT] = {
    "番号", "氏名", "ふりがな", "職種", "所属", "地域", "関心地域", "経験", "市町村",
    "同席希望", "別席希望"};

static const char *column_label(int col)
{
    return TR(column_names[col][0], column_ja[col]);
}

/* A pin column: pin_<session id> / 固定_<session id>, or 午前指定 / 午後指定.
 * Sessions are the event's, which the list is read without: the column
 * keeps what it names (tsunagu_event_pin resolves it). */
typedef struct {
    char *column;  /* header as written */
    tsunagu_pin_when when;
    char *session; /* TSUNAGU_PIN_SESSION: the id after the prefix */
    char *value;
} row_pin;

/* The values of one record by column (NULL: absent), owned. */
typedef struct {
    int line;
    char *v[COL_COUNT];
    row_pin *pins;
    int n_pins;
} row;

typedef struct {
    const char *source;
    const tsunagu_regions *regions;
    tsunagu_diags *diags;
    const tsunagu_professions *professions; /* the roster's own copy */
    int unknown_professions; /* records whose profession the table does not know */
    bool has_id;       /* ids given; else identity is (name, organization) */
    bool failed;       /* the file could not be read as either format */
    row *rows;
    size_t n_rows;
    int header_line;
} reading;

static void free_row(row *r)
{
    for (int c = 0; c < COL_COUNT; c++)
        free(r->v[c]);
    for (int k = 0; k < r->n_pins; k++) {
        free(r->pins[k].column);
        free(r->pins[k].session);
        free(r->pins[k].value);
    }
    free(r->pins);
}

/* True when header names a pin column; sets *when and *session (new, or
 * NULL for a half-day column).  Matched as any column name is (NFKC, ASCII
 * case folded): the session is kept as such a key, and sessions are found
 * by theirs, so "PIN_AM" pins session "am". */
static bool pin_column(const char *header, tsunagu_pin_when *when, char **session)
{
    static const char *const prefixes[] = {"pin", "固定"};
    *session = NULL;
    char *k = tsunagu_text_key(header);
    if (!k)
        return false;
    bool found = false;
    if (strcmp(k, "午前指定") == 0 || strcmp(k, "午後指定") == 0) {
        *when = strcmp(k, "午前指定") == 0 ? TSUNAGU_PIN_BEFORE_NOON : TSUNAGU_PIN_FROM_NOON;
        found = true;
    }
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes && !found; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(k, prefixes[i], n) != 0 || !k[n] || !strchr("_- ", k[n]) || !k[n + 1])
            continue;
        *session = tsunagu_strdup(k + n + 1);
        *when = TSUNAGU_PIN_SESSION;
        found = true;
    }
    free(k);
    return found;
}

/* Add a pin column's value to a row; takes value. */
static void row_add_pin(row *r, const char *header, tsunagu_pin_when when, const char *session,
                        char *value)
{
    r->pins = realloc(r->pins, (size_t)(r->n_pins + 1) * sizeof *r->pins);
    if (!r->pins)
        abort();
    r->pins[r->n_pins++] = (row_pin){tsunagu_strdup(header), when,
                                     session ? tsunagu_strdup(session) : NULL, value};
}

/* Two pin columns for one session: same half day, or ids equal as keys. */
static bool same_pin_column(tsunagu_pin_when wa, const char *sa, tsunagu_pin_when wb,
                            const char *sb)
{
    return wa == wb && (wa != TSUNAGU_PIN_SESSION || strcmp(sa, sb) == 0);
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
    for (int c = 0; c < COL_COUNT && found < 0; c++)
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

/* ---- lists: "A;B", "A、B", "A，B", "A,B" ---- */

static size_t separator_at(const char *s)
{
    static const char *const seps[] = {";", ",", "、", "，", "；"};
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
        if (strncmp(s, seps[i], strlen(seps[i])) == 0)
            return strlen(seps[i]);
    return 0;
}

/* Split into trimmed, non-empty parts; returns a new array of new strings
 * (caller frees each and the array) and their number in *n. */
static char **split_list(const char *s, int *n)
{
    char **parts = NULL;
    *n = 0;
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
            parts = realloc(parts, (size_t)(*n + 1) * sizeof *parts);
            if (!parts)
                abort();
            parts[(*n)++] = t;
        } else {
            free(t);
        }
        i += k;
        start = i;
    }
    return parts;
}

static void free_list(char **list, int n)
{
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

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
        bool pin = pin_column(rec->fields[f], &when, &session);
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
static int map_header(reading *rd, const tsunagu_csv_record *h, int field_of[COL_COUNT],
                      pin_field *pins, int *n_pins)
{
    int errors = 0, known = 0;
    *n_pins = 0;
    for (int c = 0; c < COL_COUNT; c++)
        field_of[c] = -1;
    for (int f = 0; f < h->n_fields; f++) {
        int c = column_of(h->fields[f]);
        pin_field p = {f, TSUNAGU_PIN_SESSION, NULL};
        if (c < 0 && pin_column(h->fields[f], &p.when, &p.session)) {
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
    static const int required[] = {COL_NAME, COL_PROFESSION, COL_ORG, COL_REGION};
    char missing[256] = "";
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        int c = required[i];
        if (field_of[c] >= 0 || (c == COL_REGION && field_of[COL_MUNI] >= 0))
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

static void push_row(reading *rd, const row *r)
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
    int field_of[COL_COUNT];
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
    rd->has_id = field_of[COL_ID] >= 0;
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
        row r = {rec->line, {0}, NULL, 0};
        for (int c = 0; c < COL_COUNT; c++)
            if (field_of[c] >= 0)
                r.v[c] = tsunagu_strdup(rec->fields[field_of[c]]);
        for (int q = 0; q < n_pins; q++)
            row_add_pin(&r, t.records[head].fields[pins[q].field], pins[q].when, pins[q].session,
                        tsunagu_strdup(rec->fields[pins[q].field]));
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
    bool list = col == COL_INTERESTS || col == COL_TOGETHER || col == COL_APART;
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
                if (column_of(key) == COL_ID)
                    rd->has_id = true;
    }
    int rc = n ? 0 : -1;
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(root, i);
        char ptr[32];
        snprintf(ptr, sizeof ptr, "/%zu", i);
        row r = {tsunagu_jsonpos_line(pos, ptr), {0}, NULL, 0};
        if (!json_is_object(o)) {
            err(rd, r.line, "%s",
                TR("each attendee must be a JSON object {\"name\": ...}",
                   "参加者は JSON オブジェクト {\"name\": ...} で書いてください"));
            continue;
        }
        const char *key;
        json_t *v;
        const char *key_of[COL_COUNT] = {0};
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
            if (c < 0 && pin_column(key, &when, &session)) {
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
                row_add_pin(&r, key, when, session, text);
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
            if (json_text(rd, r.line, c, key, v, &r.v[c]) != 0)
                bad = true;
        }
        if (bad) {
            free_row(&r);
            continue;
        }
        push_row(rd, &r);
    }
    tsunagu_jsonpos_free(pos);
    json_decref(root);
    return rc;
}

/* ---- validation: rows to attendees ---- */

/* Trimmed value, or NULL when absent or blank; caller frees. */
static char *value(const row *r, int col)
{
    char *t = r->v[col] ? tsunagu_text_trim(r->v[col]) : NULL;
    if (t && !*t) {
        free(t);
        return NULL;
    }
    return t;
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

static int region_of(reading *rd, const row *r, tsunagu_attendee *a)
{
    char *region = value(r, COL_REGION);
    int idx = -1, rc = 0;
    if (region) {
        idx = tsunagu_regions_find(rd->regions, region);
        if (idx < 0) {
            char *names = region_names(rd->regions);
            err(rd, r->line,
                TR("unknown region \"%s\" (expected one of %s)", "不明な地域「%s」（%s のいずれか）"),
                region, names);
            free(names);
            rc = -1;
        }
    }
    if (a->municipality) {
        int m = tsunagu_regions_find_municipality(rd->regions, a->municipality);
        if (m < 0 && idx < 0 && !region) {
            err(rd, r->line,
                TR("municipality \"%s\" is not in the region table of %s; fill in the region",
                   "市町村「%s」が%sの地域表にありません。地域を書いてください"),
                a->municipality, tsunagu_regions_title(rd->regions));
            rc = -1;
        } else if (m < 0 && region) {
            warn(rd, r->line,
                 TR("municipality \"%s\" is not in the region table of %s; the region column is used",
                    "市町村「%s」が%sの地域表にありません。地域の列を使います"),
                 a->municipality, tsunagu_regions_title(rd->regions));
        } else if (m >= 0 && idx >= 0 && m != idx) {
            warn(rd, r->line,
                 TR("municipality \"%s\" is in %s but the region says %s; %s is used",
                    "市町村「%s」は%sですが、地域は%sと書かれています。%sを使います"),
                 a->municipality, tsunagu_regions_label(rd->regions, m),
                 tsunagu_regions_label(rd->regions, idx), tsunagu_regions_label(rd->regions, idx));
        } else if (m >= 0 && !region) {
            idx = m;
        }
    } else if (!region) {
        err(rd, r->line, "%s", TR("empty region (fill in region or municipality)",
                                  "地域が空です（地域か市町村を書いてください）"));
        rc = -1;
    }
    free(region);
    a->region = idx;
    return rc;
}

static int interests_of(reading *rd, const row *r, tsunagu_attendee *a)
{
    char *text = value(r, COL_INTERESTS);
    if (!text)
        return 0;
    int n, rc = 0;
    char **parts = split_list(text, &n);
    a->interests = calloc((size_t)n + 1, sizeof *a->interests);
    if (!a->interests)
        abort();
    for (int i = 0; i < n; i++) {
        int idx = tsunagu_regions_find(rd->regions, parts[i]);
        if (idx < 0) {
            char *names = region_names(rd->regions);
            err(rd, r->line,
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
            warn(rd, r->line, TR("interest region \"%s\" is listed twice", "関心地域「%s」が二度書かれています"),
                 parts[i]);
            continue;
        }
        a->interests[a->n_interests++] = idx;
    }
    free_list(parts, n);
    free(text);
    return rc;
}

static int build_attendee(reading *rd, const row *r, tsunagu_attendee *a)
{
    int rc = 0;
    memset(a, 0, sizeof *a);
    a->line = r->line;
    a->name = value(r, COL_NAME);
    if (!a->name) {
        err(rd, r->line, "%s", TR("empty name", "氏名が空です"));
        rc = -1;
    }
    a->id = value(r, COL_ID);
    if (rd->has_id && !a->id) {
        err(rd, r->line, "%s", TR("empty id", "番号が空です"));
        rc = -1;
    }
    char *kana = value(r, COL_KANA);
    a->kana = kana ? kana : tsunagu_strdup("");
    a->organization = value(r, COL_ORG);
    char *prof = value(r, COL_PROFESSION);
    bool prof_ok = false;
    if (prof)
        a->profession = tsunagu_professions_find(rd->professions, prof);
    if (!prof || a->profession < 0) {
        char *codes = tsunagu_professions_codes(rd->professions, false);
        if (!prof)
            err(rd, r->line, TR("empty profession (expected %s)", "職種が空です（%s のいずれか）"), codes);
        else
            err(rd, r->line, TR("unknown profession \"%s\" (expected %s)", "不明な職種「%s」（%s のいずれか）"),
                prof, codes);
        free(codes);
        a->profession = 0;
        rd->unknown_professions += prof != NULL;
        rc = -1;
    } else {
        prof_ok = true;
    }
    free(prof);
    if (!a->organization && prof_ok && tsunagu_professions_seated(rd->professions, a->profession)) {
        err(rd, r->line, "%s", TR("empty organization", "所属が空です"));
        rc = -1;
    }
    if (!a->organization)
        a->organization = tsunagu_strdup("");
    a->org_key = tsunagu_text_key(a->organization);
    if (!a->org_key)
        a->org_key = tsunagu_strdup("");
    a->municipality = value(r, COL_MUNI);
    rc |= region_of(rd, r, a);
    rc |= interests_of(rd, r, a);
    char *exp = value(r, COL_EXPERIENCE);
    a->experience = TSUNAGU_EXPERIENCED;
    if (exp && tsunagu_experience_parse(exp, &a->experience) != 0) {
        err(rd, r->line,
            TR("unknown experience \"%s\" (expected experienced/経験あり or planning/これから)",
               "不明な経験「%s」（経験あり/experienced か これから/planning）"),
            exp);
        rc = -1;
    }
    free(exp);
    for (int k = 0; k < r->n_pins; k++) {
        char *table = r->pins[k].value ? tsunagu_text_trim(r->pins[k].value) : NULL;
        if (!table || !*table) {
            free(table);
            continue;
        }
        a->pins = realloc(a->pins, (size_t)(a->n_pins + 1) * sizeof *a->pins);
        if (!a->pins)
            abort();
        const row_pin *p = &r->pins[k];
        a->pins[a->n_pins++] = (tsunagu_seat_pin){tsunagu_strdup(p->column), p->when,
                                                  p->session ? tsunagu_strdup(p->session) : NULL,
                                                  table};
    }
    char *list = value(r, COL_TOGETHER);
    if (list)
        a->together = split_list(list, &a->n_together);
    free(list);
    list = value(r, COL_APART);
    if (list)
        a->apart = split_list(list, &a->n_apart);
    free(list);
    if (!rd->has_id && a->name) {
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
        if (strcmp(k, want) == 0 && readings_agree(rk, want_kana))
            found = (long)i;
        free(k);
        free(rk);
    }
    free(org);
    free(want);
    free(want_kana);
    return found;
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
            const char *col = column_label(pass ? COL_APART : COL_TOGETHER);
            for (int j = 0; j < n; j++) {
                long other = tsunagu_roster_find(r, ids[j]);
                if (other < 0)
                    err(rd, a->line, TR("%s: no attendee has id \"%s\"", "%s: 番号「%s」の参加者がいません"),
                        col, ids[j]);
                else if ((size_t)other == i)
                    err(rd, a->line, TR("%s: \"%s\" is this attendee", "%s: 「%s」は本人です"), col, ids[j]);
                else if (!tsunagu_roster_seated(r, (size_t)other))
                    warn(rd, a->line,
                         TR("%s: \"%s\" is not seated (profession OTHER)",
                            "%s: 「%s」は席のない参加者（職種 OTHER）です"),
                         col, ids[j]);
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
    reading rd = {source, regions, diags, own, 0, false, false, NULL, 0, 0};
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
    for (size_t i = 0; i < rd.n_rows; i++) {
        build_attendee(&rd, &rd.rows[i], &r->items[r->count++]);
        free_row(&rd.rows[i]);
    }
    free(rd.rows);
    /* many professions the bundled day does not know, not one typo ("MWS") */
    if (other_day)
        *other_day = !professions && rd.unknown_professions >= 3 &&
                     (size_t)rd.unknown_professions * 5 >= rd.n_rows;
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
