/* csv_read.c - RFC 4180 records with the line each one starts on (libcsv). */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "input/input_private.h"
#include "util/tr.h"
#include "tsunagu/text.h"

/* libcsv's parser state before any field of a record is seen; csv.h keeps
 * its state names private, and 0 is ROW_NOT_BEGUN in every release. */
#define CSV_ROW_NOT_BEGUN 0

typedef struct {
    tsunagu_csv_table *table;
    const char *source;
    tsunagu_diags *diags;
    int line;         /* line being fed to the parser */
    int record_line;  /* where the record being read started */
    tsunagu_csv_record cur;
    int cap_fields;
    int failed;       /* a limit was hit: stop collecting */
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->failed)
        return;
    if (len > TSUNAGU_MAX_FIELD_BYTES) {
        tsunagu_diags_add(r->diags, TSUNAGU_ERROR, r->source, r->record_line,
                          TR("field %d is longer than %d bytes", "%d 番目の項目が %d バイトを超えています"),
                          r->cur.n_fields + 1, TSUNAGU_MAX_FIELD_BYTES);
        r->failed = 1;
        return;
    }
    if (r->cur.n_fields == TSUNAGU_MAX_FIELDS) {
        tsunagu_diags_add(r->diags, TSUNAGU_ERROR, r->source, r->record_line,
                          TR("more than %d fields in one record", "1 行の項目が %d を超えています"),
                          TSUNAGU_MAX_FIELDS);
        r->failed = 1;
        return;
    }
    if (r->cur.n_fields == r->cap_fields) {
        r->cap_fields = r->cap_fields ? r->cap_fields * 2 : 16;
        r->cur.fields = realloc(r->cur.fields, (size_t)r->cap_fields * sizeof(char *));
        if (!r->cur.fields)
            abort();
    }
    char *f = malloc(len + 1);
    if (!f)
        abort();
    if (len)
        memcpy(f, s, len);
    f[len] = '\0';
    r->cur.fields[r->cur.n_fields++] = f;
}

static void drop_record(tsunagu_csv_record *rec)
{
    for (int i = 0; i < rec->n_fields; i++)
        free(rec->fields[i]);
    free(rec->fields);
}

static void on_record(int term, void *data)
{
    reader *r = data;
    if (r->failed) {
        drop_record(&r->cur);
    } else if (r->table->count == TSUNAGU_MAX_RECORDS + 1) { /* + the header */
        tsunagu_diags_add(r->diags, TSUNAGU_ERROR, r->source, r->record_line,
                          TR("more than %d attendees", "参加者が %d 人を超えています"),
                          TSUNAGU_MAX_RECORDS);
        drop_record(&r->cur);
        r->failed = 1;
    } else {
        size_t n = r->table->count;
        if ((n & (n - 1)) == 0) { /* grow at powers of two */
            tsunagu_csv_record *bigger =
                realloc(r->table->records, (n ? n * 2 : 1) * sizeof *bigger);
            if (!bigger)
                abort();
            r->table->records = bigger;
        }
        r->cur.line = r->record_line;
        r->table->records[r->table->count++] = r->cur;
    }
    memset(&r->cur, 0, sizeof r->cur);
    r->cap_fields = 0;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n", s[i]))
            return 0;
    return 1;
}

int tsunagu_csv_read(const char *text, size_t len, const char *source, tsunagu_csv_table *table,
                     tsunagu_diags *diags)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        abort();
    reader r = {table, source, diags, 0, 0, {0}, 0, 0};
    int rc = 0;
    /* Feed one line at a time: a record starts on the first non-blank line
     * fed while the parser is between records. */
    size_t pos = 0;
    while (pos < len && !r.failed) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
        r.line++;
        size_t control = n > TSUNAGU_MAX_LINE_BYTES ? tsunagu_control_byte(text, len) : len;
        if (control < len) { /* a long "line" of binary bytes */
            int line, column;
            tsunagu_text_position(text, len, control, &line, &column);
            tsunagu_diags_add_at(diags, TSUNAGU_ERROR, source, line, column,
                                 TR("control byte 0x%02X: this is not a text file (give the "
                                    "attendee list as CSV or JSON)",
                                    "制御バイト 0x%02X があります。テキストファイルではありません"
                                    "（参加者名簿は CSV か JSON で渡してください）"),
                                 (unsigned char)text[control]);
            rc = -1;
            break;
        }
        if (n > TSUNAGU_MAX_LINE_BYTES) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, source, r.line,
                              TR("line is longer than %d bytes: an attendee list has short lines "
                                 "(is this the right file?)",
                                 "1 行が %d バイトを超えています。参加者名簿の行はもっと短いはずです"
                                 "（ファイルを取り違えていませんか）"),
                              TSUNAGU_MAX_LINE_BYTES);
            rc = -1;
            break;
        }
        if (p.pstate == CSV_ROW_NOT_BEGUN && !is_blank(text + pos, n))
            r.record_line = r.line;
        if (csv_parse(&p, text + pos, n, on_field, on_record, &r) != n) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, source, r.line, "%s",
                              TR("malformed quotes: a quoted field must end right after its closing "
                                 "quote, and a quote inside it must be doubled (\"\")",
                                 "引用符（\"）の使い方が誤っています。引用符で囲んだ項目は閉じる引用符の"
                                 "直後で終わり、中の引用符は二つ重ねる（\"\"）必要があります"));
            rc = -1;
            break;
        }
        pos += n;
    }
    if (rc == 0 && !r.failed && csv_fini(&p, on_field, on_record, &r) != 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, r.record_line, "%s",
                          TR("unterminated quoted field: the quote opened in this record is never "
                             "closed",
                             "引用符（\"）が閉じられていません。この行で始まる項目の引用符が最後まで閉じていません"));
        rc = -1;
    }
    if (r.failed)
        rc = -1;
    drop_record(&r.cur);
    csv_free(&p);
    return rc;
}

void tsunagu_csv_table_free(tsunagu_csv_table *table)
{
    for (size_t i = 0; i < table->count; i++)
        drop_record(&table->records[i]);
    free(table->records);
    table->records = NULL;
    table->count = 0;
}
