/* test_csv.c - encodings and RFC 4180 records with their start lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "input/input_private.h"
#include "util/jsonpos.h"
#include "tsunagu/tsunagu.h"

/* UTF-8 text as CP932 bytes, made here with iconv so no fixture is needed. */
static char *to_cp932(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("CP932", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), outleft = inleft * 2 + 1;
    char *out = malloc(outleft), *o = out, *in = (char *)utf8;
    assert_int_not_equal(iconv(cd, &in, &inleft, &o, &outleft), (size_t)-1);
    iconv_close(cd);
    *len = (size_t)(o - out);
    return out;
}

static void decode_tells_the_encodings_apart(void **state)
{
    const char *text = "氏名,所属\n中村　千尋,鎌ケ谷病院\n";
    size_t len, n;
    tsunagu_input_encoding enc;
    tsunagu_diags *d = tsunagu_diags_new();

    char *out = tsunagu_decode(text, strlen(text), "a.csv", &n, &enc, d);
    assert_int_equal(enc, TSUNAGU_INPUT_UTF8);
    assert_string_equal(out, text);
    free(out);

    char bom[128] = "\xEF\xBB\xBF";
    strcat(bom, text);
    out = tsunagu_decode(bom, strlen(bom), "a.csv", &n, &enc, d);
    assert_int_equal(enc, TSUNAGU_INPUT_UTF8_BOM);
    assert_string_equal(out, text); /* BOM dropped */
    free(out);

    char *sjis = to_cp932(text, &len);
    assert_false(tsunagu_utf8_valid(sjis, len, NULL));
    out = tsunagu_decode(sjis, len, "a.csv", &n, &enc, d);
    assert_int_equal(enc, TSUNAGU_INPUT_CP932);
    assert_string_equal(out, text);
    assert_int_equal(n, strlen(text));
    free(out);
    free(sjis);
    assert_int_equal(tsunagu_diags_count(d), 0);
    tsunagu_diags_free(d);
}

static void undecodable_bytes_are_named_once_per_line_with_column(void **state)
{
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    tsunagu_diags *d = tsunagu_diags_new();
    size_t n;
    tsunagu_input_encoding enc;
    /* Two bad bytes on line 3, after "中b" (two characters): one message. */
    const char bad[] = "name\nok\n中b\xff\x80z\n";
    assert_null(tsunagu_decode(bad, sizeof bad - 1, "a.csv", &n, &enc, d));
    assert_int_equal(tsunagu_diags_errors(d), 1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 3);
    assert_int_equal(tsunagu_diags_get(d, 0)->column, 3);
    assert_non_null(strstr(tsunagu_diags_get(d, 0)->text, "invalid byte 0xFF"));
    tsunagu_diags_free(d);

    d = tsunagu_diags_new();
    assert_null(tsunagu_decode("\xff\xfen\0a\0", 6, "u16.csv", &n, &enc, d));
    assert_non_null(strstr(tsunagu_diags_get(d, 0)->text, "UTF-16"));
    tsunagu_diags_free(d);
    tsunagu_lang_set(TSUNAGU_LANG_JA);
}

static tsunagu_csv_table read_ok(const char *text)
{
    tsunagu_csv_table t = {0};
    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(tsunagu_csv_read(text, strlen(text), "t.csv", &t, d), 0);
    assert_int_equal(tsunagu_diags_count(d), 0);
    tsunagu_diags_free(d);
    return t;
}

static void quoted_fields_hold_commas_quotes_and_newlines(void **state)
{
    tsunagu_csv_table t = read_ok("a,b,c\r\n"
                                  "\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
                                  "\r\n"
                                  "\"\nstarts with a newline\",2,3\n"
                                  "last,,\n");
    assert_int_equal(t.count, 4);
    assert_int_equal(t.records[0].line, 1);
    assert_int_equal(t.records[1].line, 2);
    assert_string_equal(t.records[1].fields[0], "x,y");
    assert_string_equal(t.records[1].fields[1], "say \"hi\"");
    assert_string_equal(t.records[1].fields[2], "two\r\nlines");
    assert_int_equal(t.records[2].line, 5); /* blank line 4 skipped */
    assert_string_equal(t.records[2].fields[0], "\nstarts with a newline");
    assert_int_equal(t.records[3].line, 7);
    assert_int_equal(t.records[3].n_fields, 3);
    assert_string_equal(t.records[3].fields[1], "");
    tsunagu_csv_table_free(&t);
}

static void last_line_without_newline_is_read(void **state)
{
    tsunagu_csv_table t = read_ok("a,b\n1,2");
    assert_int_equal(t.count, 2);
    assert_string_equal(t.records[1].fields[1], "2");
    tsunagu_csv_table_free(&t);
}

static void bad_quoting_names_the_line(void **state)
{
    tsunagu_csv_table t = {0};
    tsunagu_diags *d = tsunagu_diags_new();
    const char *stray = "a,b\n1,2\n\"x\"y,3\n";
    assert_int_equal(tsunagu_csv_read(stray, strlen(stray), "t.csv", &t, d), -1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 3);
    assert_int_equal(t.count, 2); /* records before it are kept */
    tsunagu_csv_table_free(&t);

    const char *open_quote = "a,b\n1,\"2\n3,4\n5,6\n";
    assert_int_equal(tsunagu_csv_read(open_quote, strlen(open_quote), "t.csv", &t, d), -1);
    assert_int_equal(tsunagu_diags_get(d, 1)->line, 2); /* where the quote opened */
    tsunagu_csv_table_free(&t);
    tsunagu_diags_free(d);
}

static void oversized_fields_are_refused(void **state)
{
    size_t n = TSUNAGU_MAX_FIELD_BYTES + 10;
    char *text = malloc(n + 8);
    memcpy(text, "a\nb\n", 4);
    memset(text + 4, 'x', n);
    text[n + 4] = '\0';
    tsunagu_csv_table t = {0};
    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(tsunagu_csv_read(text, strlen(text), "t.csv", &t, d), -1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 3);
    tsunagu_csv_table_free(&t);
    tsunagu_diags_free(d);
    free(text);
}

static void json_value_lines_are_found(void **state)
{
    (void)state;
    const char *text = "[\n {\"a\": \"x]\\\"\"},\n\n [1, {\"b\": 2}],\n \"s\"\n]";
    tsunagu_jsonpos *pos = tsunagu_jsonpos_scan(text, strlen(text));
    assert_non_null(pos);
    assert_int_equal(tsunagu_jsonpos_line(pos, "/0"), 2);
    assert_int_equal(tsunagu_jsonpos_line(pos, "/1"), 4);
    assert_int_equal(tsunagu_jsonpos_line(pos, "/1/1/b"), 4);
    assert_int_equal(tsunagu_jsonpos_line(pos, "/2"), 5);
    tsunagu_jsonpos_free(pos);
    const char *obj = "{\"x\": [1,2],\n \"regions\": [\n {},\n {}]}";
    pos = tsunagu_jsonpos_scan(obj, strlen(obj));
    assert_int_equal(tsunagu_jsonpos_line(pos, "/regions/1"), 4);
    /* a pointer not in the text: its nearest ancestor's line */
    assert_int_equal(tsunagu_jsonpos_line(pos, "/borders/0"), 1);
    tsunagu_jsonpos_free(pos);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_tells_the_encodings_apart),
        cmocka_unit_test(undecodable_bytes_are_named_once_per_line_with_column),
        cmocka_unit_test(quoted_fields_hold_commas_quotes_and_newlines),
        cmocka_unit_test(last_line_without_newline_is_read),
        cmocka_unit_test(bad_quoting_names_the_line),
        cmocka_unit_test(oversized_fields_are_refused),
        cmocka_unit_test(json_value_lines_are_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
