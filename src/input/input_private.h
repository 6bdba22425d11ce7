/* input_private.h - helpers shared by the readers in src/input/. */
#ifndef TSUNAGU_INPUT_PRIVATE_H
#define TSUNAGU_INPUT_PRIVATE_H

#include <stddef.h>

#include "tsunagu/diag.h"

/* Encodings an attendee file may come in, detected from its bytes. */
typedef enum { TSUNAGU_INPUT_UTF8, TSUNAGU_INPUT_UTF8_BOM, TSUNAGU_INPUT_CP932 } tsunagu_input_encoding;

/* Decode a file's bytes to UTF-8: valid UTF-8 (a BOM is dropped) is taken
 * as it is, anything else is tried as CP932 (Japanese Excel's Shift_JIS).
 * Line breaks are kept, so line numbers still match the file.  On success
 * returns a new NUL-terminated buffer (caller frees with free()), its length
 * in *out_len and the encoding in *enc.  Returns NULL and adds errors when
 * the file is not text (a spreadsheet, an image: named; NUL bytes) or when
 * neither encoding fits (LINE:COLUMN of the first bad byte of each line, for
 * the first few lines). */
char *tsunagu_decode(const char *data, size_t len, const char *source, size_t *out_len,
                     tsunagu_input_encoding *enc, tsunagu_diags *diags);

/* Offset of the first control byte that text never holds (C0 controls
 * other than BEL, BS, TAB, LF, VT, FF, CR and ESC, as file(1) judges), or
 * len when there is none.  Readers use it to tell a binary file from a
 * damaged text file when the bytes cannot be read otherwise. */
size_t tsunagu_control_byte(const char *data, size_t len);

/* One CSV record as read: its fields (NUL-terminated, untrimmed) and the
 * line where it starts. */
typedef struct {
    int line;
    int n_fields;
    char **fields;
} tsunagu_csv_record;

typedef struct {
    tsunagu_csv_record *records;
    size_t count;
} tsunagu_csv_table;

/* Limits on what an attendee file may hold; beyond them the file is refused
 * with a message rather than read slowly or partly. */
#define TSUNAGU_MAX_LINE_BYTES 65536  /* one physical line of a CSV file */
#define TSUNAGU_MAX_FIELD_BYTES 4096  /* one CSV field or JSON value */
#define TSUNAGU_MAX_FIELDS 256        /* columns of a CSV record, keys of a JSON attendee */
#define TSUNAGU_MAX_RECORDS 100000    /* attendees */

/* Read RFC 4180 CSV (comma, double quotes, CRLF or LF, quoted commas,
 * quotes and line breaks; blank lines skipped) from UTF-8 text.  Fills
 * table with every record read; on malformed quoting or a limit exceeded,
 * adds an error naming the line and returns -1 (table keeps the records
 * before it, still to be freed).  Returns 0 otherwise. */
int tsunagu_csv_read(const char *text, size_t len, const char *source, tsunagu_csv_table *table,
                     tsunagu_diags *diags);
void tsunagu_csv_table_free(tsunagu_csv_table *table);
#endif
