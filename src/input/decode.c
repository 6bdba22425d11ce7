/* decode.c - UTF-8, UTF-8 with BOM or CP932, told apart by the bytes. */
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "input/input_private.h"
#include "util/tr.h"
#include "tsunagu/text.h"

#define MAX_REPORTED_LINES 5

size_t tsunagu_control_byte(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        /* C0 controls except BEL BS TAB LF VT FF CR and ESC: the bytes file(1)
         * takes as never appearing in text.  CP932 and UTF-8 never use bytes
         * below 0x20 inside a character, so this holds for both. */
        if (c < 0x20 && !(c >= 0x07 && c <= 0x0D) && c != 0x1B)
            return i;
    }
    return len;
}

static char *copy(const char *data, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1);
    if (!out)
        abort();
    memcpy(out, data, len);
    out[len] = '\0';
    *out_len = len;
    return out;
}

/* CP932 to UTF-8 with iconv; NULL when some byte sequence is not CP932. */
static char *from_cp932(const char *data, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 3 + 1; /* a CP932 byte never becomes more than 3 UTF-8 bytes */
    char *out = malloc(cap);
    if (!out)
        abort();
    char *in = (char *)data, *o = out;
    size_t inleft = len, outleft = cap - 1;
    size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    if (rc == (size_t)-1) {
        free(out);
        return NULL;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* After the listed lines: one message at the first line not listed,
 * counting the lines with invalid bytes that were not listed. */
static void report_more(const char *source, int more_line, size_t more, tsunagu_diags *diags)
{
    if (more)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, more_line,
                          more == 1 ? TR("this line also holds invalid bytes (not listed)",
                                         "この行にも不正なバイトがあります（省略）")
                                    : TR("this line and %zu more hold invalid bytes (not listed)",
                                         "この行から先の %zu 行にも不正なバイトがあります（省略）"),
                          more == 1 ? more : more - 1);
}

/* One message per line holding bytes that are not UTF-8, at the line and
 * column (in characters) of its first such byte, for the first few lines;
 * then one message at the next such line counting the lines not listed.
 * text is the file after any BOM, so columns match what an editor shows. */
static void report_invalid(const char *text, size_t len, const char *source, tsunagu_diags *diags)
{
    int line = 1, column = 1, last_bad_line = 0, listed = 0, more_line = 0;
    size_t more = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n > 0 && cp >= 0) {
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += (size_t)n;
            continue;
        }
        if (line != last_bad_line) {
            last_bad_line = line;
            if (listed < MAX_REPORTED_LINES) {
                tsunagu_diags_add_at(
                    diags, TSUNAGU_ERROR, source, line, column,
                    TR("invalid byte 0x%02X: the file is neither UTF-8 nor Shift_JIS (CP932); "
                       "save it as \"CSV UTF-8\"",
                       "不正なバイト 0x%02X があります。UTF-8 でも Shift_JIS (CP932) でもありません。"
                       "「CSV UTF-8」形式で保存し直してください"),
                    (unsigned char)text[i]);
                listed++;
            } else {
                if (!more)
                    more_line = line;
                more++;
            }
        }
        column++;
        i++;
    }
    report_more(source, more_line, more, diags);
}

/* Offset of the first byte of line that is not CP932, or len when it all is. */
static size_t cp932_bad_offset(const char *line, size_t len)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        return 0;
    char buf[4096];
    char *in = (char *)line;
    size_t inleft = len;
    while (inleft > 0) {
        char *o = buf;
        size_t outleft = sizeof buf;
        if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 && errno != E2BIG)
            break;
    }
    iconv_close(cd);
    return len - inleft;
}

/* True when more lines of the file read as CP932 than as UTF-8, among the
 * lines that are not plain ASCII: a Shift_JIS list with a few damaged
 * lines (or a row pasted in from a UTF-8 file) is told by its own lines. */
static bool mostly_cp932(const char *text, size_t len)
{
    long utf8 = 0, cp932 = 0;
    for (size_t start = 0; start < len;) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t n = nl ? (size_t)(nl - (text + start)) : len - start;
        bool ascii = true;
        for (size_t k = 0; k < n && ascii; k++)
            ascii = (unsigned char)text[start + k] < 0x80;
        if (!ascii) {
            utf8 += tsunagu_utf8_valid(text + start, n, NULL);
            cp932 += cp932_bad_offset(text + start, n) == n;
        }
        start += n + 1;
    }
    return cp932 > utf8;
}

/* report_invalid for a file that is mostly Shift_JIS: the lines that are
 * not, at the column of their first bad byte. */
static size_t report_invalid_cp932(const char *text, size_t len, const char *source,
                                   tsunagu_diags *diags)
{
    int line = 1, listed = 0, more_line = 0;
    size_t more = 0;
    for (size_t start = 0; start < len; line++) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t n = nl ? (size_t)(nl - (text + start)) : len - start;
        size_t bad = cp932_bad_offset(text + start, n);
        if (bad < n) {
            if (listed < MAX_REPORTED_LINES) {
                /* the column in characters: decode the good part before it */
                size_t good_len = 0;
                char *good = from_cp932(text + start, bad, &good_len);
                int column = 1;
                for (size_t k = 0; good && k < good_len; k++)
                    column += ((unsigned char)good[k] & 0xC0) != 0x80;
                free(good);
                tsunagu_diags_add_at(
                    diags, TSUNAGU_ERROR, source, line, column,
                    TR("invalid byte 0x%02X: the file is Shift_JIS (CP932) but this line is not "
                       "(damaged, or pasted from a UTF-8 file); save the list again as \"CSV UTF-8\"",
                       "不正なバイト 0x%02X があります。ファイルは Shift_JIS (CP932) ですが、この行は違います"
                       "（壊れているか、UTF-8 のファイルから貼り付けた行）。「CSV UTF-8」形式で保存し直してください"),
                    (unsigned char)text[start + bad]);
                listed++;
            } else {
                if (!more)
                    more_line = line;
                more++;
            }
        }
        start += n + 1;
    }
    report_more(source, more_line, more, diags);
    return (size_t)listed + more;
}

/* Bytes that fit no encoding: a binary file says so once, a damaged text
 * file has its bad lines listed. */
static void report_unreadable(const char *text, size_t len, const char *source,
                              bool may_be_cp932, tsunagu_diags *diags)
{
    size_t off = tsunagu_control_byte(text, len);
    if (off == len) {
        /* a file with a BOM says UTF-8; else the file's own lines tell */
        if (!may_be_cp932 || !mostly_cp932(text, len) ||
            report_invalid_cp932(text, len, source, diags) == 0)
            report_invalid(text, len, source, diags);
        return;
    }
    int line, column;
    tsunagu_text_position(text, len, off, &line, &column);
    tsunagu_diags_add_at(diags, TSUNAGU_ERROR, source, line, column,
                         TR("control byte 0x%02X and bytes that are neither UTF-8 nor Shift_JIS: "
                            "this is not a text file (give the attendee list as CSV or JSON)",
                            "制御バイト 0x%02X と、UTF-8 でも Shift_JIS でもないバイトがあります。"
                            "テキストファイルではありません（参加者名簿は CSV か JSON で渡してください）"),
                         (unsigned char)text[off]);
}

/* Files that are plainly not text, told by their first bytes. */
static const struct {
    const char *magic;
    size_t len;
    bool spreadsheet;
    const char *en, *ja;
} signatures[] = {
    {"PK\x03\x04", 4, true, "an Excel workbook (.xlsx) or another zip archive",
     "Excel ブック（.xlsx）または ZIP 圧縮ファイル"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, true, "an Excel 97-2003 workbook (.xls)",
     "Excel 97-2003 ブック（.xls）"},
    {"%PDF-", 5, false, "a PDF document", "PDF 文書"},
    {"\x89PNG\r\n\x1A\n", 8, false, "a PNG image", "PNG 画像"},
    {"\xFF\xD8\xFF", 3, false, "a JPEG image", "JPEG 画像"},
    {"GIF8", 4, false, "a GIF image", "GIF 画像"},
    {"\x1F\x8B", 2, false, "a gzip archive", "gzip 圧縮ファイル"},
};

/* Refuse a file that is not text; 0 when it may be. */
static int refuse_binary(const char *data, size_t len, const char *source, tsunagu_diags *diags)
{
    for (size_t i = 0; i < sizeof signatures / sizeof *signatures; i++) {
        if (len < signatures[i].len || memcmp(data, signatures[i].magic, signatures[i].len) != 0)
            continue;
        if (signatures[i].spreadsheet)
            tsunagu_diags_add(diags, TSUNAGU_ERROR, source, 0,
                              TR("this is %s, not a CSV file: open it in Excel and save it with "
                                 "\"Save As\", type \"CSV UTF-8 (Comma delimited)\"",
                                 "このファイルは「%s」で、CSV ではありません。Excel で開き、「名前を付けて保存」で"
                                 "「CSV UTF-8 (コンマ区切り)」を選んで保存してください"),
                              TR(signatures[i].en, signatures[i].ja));
        else
            tsunagu_diags_add(diags, TSUNAGU_ERROR, source, 0,
                              TR("this is %s, not a text file: give the attendee list as CSV or JSON",
                                 "このファイルは「%s」で、テキストファイルではありません。参加者名簿は CSV か JSON で"
                                 "渡してください"),
                              TR(signatures[i].en, signatures[i].ja));
        return -1;
    }
    const char *nul = memchr(data, '\0', len);
    if (!nul)
        return 0;
    int line, column;
    tsunagu_text_position(data, len, (size_t)(nul - data), &line, &column);
    tsunagu_diags_add_at(diags, TSUNAGU_ERROR, source, line, column, "%s",
                         TR("NUL byte: this is not a text file",
                            "NUL バイトがあります。テキストファイルではありません"));
    return -1;
}

char *tsunagu_decode(const char *data, size_t len, const char *source, size_t *out_len,
                     tsunagu_input_encoding *enc, tsunagu_diags *diags)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, 1, "%s",
                          TR("the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"",
                             "UTF-16（Unicode テキスト）のファイルです。「CSV UTF-8」形式で保存し直してください"));
        return NULL;
    }
    if (refuse_binary(data, len, source, diags) != 0)
        return NULL;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        /* A BOM says UTF-8: do not guess further. */
        if (!tsunagu_utf8_valid(data + 3, len - 3, NULL)) {
            report_unreadable(data + 3, len - 3, source, false, diags);
            return NULL;
        }
        *enc = TSUNAGU_INPUT_UTF8_BOM;
        return copy(data + 3, len - 3, out_len);
    }
    if (tsunagu_utf8_valid(data, len, NULL)) {
        *enc = TSUNAGU_INPUT_UTF8;
        return copy(data, len, out_len);
    }
    char *text = from_cp932(data, len, out_len);
    if (text) {
        *enc = TSUNAGU_INPUT_CP932;
        return text;
    }
    report_unreadable(data, len, source, true, diags);
    return NULL;
}
