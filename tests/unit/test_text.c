/* test_text.c - NFKC matching keys, trimming, display width. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tsunagu/text.h"

static void assert_key(const char *in, const char *want)
{
    char *k = tsunagu_text_key(in);
    assert_non_null(k);
    assert_string_equal(k, want);
    free(k);
}

static void keys_fold_full_width_and_case(void **state)
{
    assert_key("ＭＳＷ", "msw");
    assert_key("Ａ００１", "a001");
    assert_key("  美浜　総合病院 ", "美浜 総合病院"); /* U+3000 collapsed, ends trimmed */
    assert_key("ｶﾅ", "カナ");                         /* half-width kana composed */
    assert_key("医療法人\t\tみなと会", "医療法人 みなと会");
    assert_null(tsunagu_text_key("\xff"));
}

static void trim_keeps_the_inner_text(void **state)
{
    char *t = tsunagu_text_trim("　中村　千尋 \r\n");
    assert_string_equal(t, "中村　千尋");
    free(t);
    t = tsunagu_text_trim("   ");
    assert_string_equal(t, "");
    free(t);
}

static void width_counts_wide_characters_twice(void **state)
{
    assert_int_equal(tsunagu_text_width("abc"), 3);
    assert_int_equal(tsunagu_text_width("千葉"), 4);
    assert_int_equal(tsunagu_text_width("ＭＳＷ"), 6);
    assert_int_equal(tsunagu_text_width("ｶﾅ"), 2);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    tsunagu_text_pad(&buf, &len, &cap, "千葉", 6);
    tsunagu_text_pad(&buf, &len, &cap, "|", 0);
    assert_string_equal(buf, "千葉  |");
    free(buf);
}

static void utf8_validation_names_the_offset(void **state)
{
    size_t off = 99;
    assert_true(tsunagu_utf8_valid("千葉", 6, &off));
    assert_false(tsunagu_utf8_valid("ab\x82\xa0", 4, &off));
    assert_int_equal(off, 2);
    assert_false(tsunagu_utf8_valid("千\xe8\x91", 5, &off)); /* truncated sequence */
    assert_int_equal(off, 3);
}

static void positions_count_characters_not_bytes(void **state)
{
    (void)state;
    const char text[] = "id,name\n1,中村\xff!\n";
    int line, column;
    tsunagu_text_position(text, sizeof text - 1, strchr(text, '!') - text, &line, &column);
    assert_int_equal(line, 2);
    assert_int_equal(column, 6); /* 1 , 中 村 \xff: five before it */
    tsunagu_text_position(text, sizeof text - 1, 0, &line, &column);
    assert_int_equal(line, 1);
    assert_int_equal(column, 1);
}

static void name_keys_ignore_spaces_and_kana_kind(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        {"中村　千尋", "中村千尋"},  {"中村 千尋", " 中村　 千尋 "}, {"ナカムラ　チヒロ", "なかむらちひろ"},
        {"ﾅｶﾑﾗ ﾁﾋﾛ", "なかむら ちひろ"}, {"ヴィオラ", "ゔぃおら"},  {"Nakamura Chihiro", "ＮＡＫＡＭＵＲＡ　chihiro"},
        {"スーパー", "すーぱー"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char *a = tsunagu_text_name_key(same[i][0]), *b = tsunagu_text_name_key(same[i][1]);
        assert_non_null(a);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    char *a = tsunagu_text_name_key("中村千尋"), *b = tsunagu_text_name_key("中村千寿");
    assert_string_not_equal(a, b);
    free(a);
    free(b);
}

/* A right-to-left override in a name reversed whole rows of the page's
 * lists (issue 18): every bidirectional control goes, nothing else. */
static void bidi_controls_are_removed(void **state)
{
    (void)state;
    char s[] = "\xE2\x80\xAE" "\xE5\x90\x8D\xE5\x89\x8D" "\xE2\x81\xA6" "x" "\xE2\x80\xAA" "y"
               "\xE2\x81\xA9" "\xE2\x80\x8F";
    assert_int_equal(tsunagu_text_strip_bidi(s), 4);
    assert_string_equal(s, "\xE5\x90\x8D\xE5\x89\x8D" "xy" "\xE2\x80\x8F"); /* 名前xy, the RLM mark kept */
    char *p = tsunagu_text_printable("a" "\xE2\x80\xAE" "b" "\xE2\x81\xA7" "c");
    assert_string_equal(p, "abc");
    free(p);
    assert_true(tsunagu_text_is_bidi_control(0x202E));
    assert_true(tsunagu_text_is_bidi_control(0x2066));
    assert_false(tsunagu_text_is_bidi_control(0x200F));
    assert_false(tsunagu_text_is_bidi_control('a'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_fold_full_width_and_case),
        cmocka_unit_test(trim_keeps_the_inner_text),
        cmocka_unit_test(width_counts_wide_characters_twice),
        cmocka_unit_test(utf8_validation_names_the_offset),
        cmocka_unit_test(positions_count_characters_not_bytes),
        cmocka_unit_test(name_keys_ignore_spaces_and_kana_kind),
        cmocka_unit_test(bidi_controls_are_removed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
