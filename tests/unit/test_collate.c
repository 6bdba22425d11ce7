/* test_collate.c - あいうえお order as a Japanese dictionary has it (ICU's
 * "ja" collator through util/collate), and people in that order with the
 * ties broken by name, then id.
 *
 * The examples are issue 15's: code point order puts voiced kana after
 * every plain one (ごとう after こんどう), た before だ (わたなべ before
 * わだ), ー after every kana.  JIS X 4061 and a dictionary compare the plain
 * letters first (ご as こ, だ as た, ー as the vowel it lengthens) and the
 * marks only when the letters are equal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/roster.h"
#include "util/collate.h"

/* Each text's key sorts strictly before the next one's. */
static void assert_ascending(const char *const *texts, size_t n)
{
    collator *c = collator_new();
    char *prev = collator_key(c, texts[0]);
    for (size_t i = 1; i < n; i++) {
        char *k = collator_key(c, texts[i]);
        if (strcmp(prev, k) >= 0)
            fail_msg("\"%s\" does not sort before \"%s\"", texts[i - 1], texts[i]);
        free(prev);
        prev = k;
    }
    free(prev);
    collator_free(c);
}

static void assert_same_key(const char *a, const char *b)
{
    collator *c = collator_new();
    char *ka = collator_key(c, a), *kb = collator_key(c, b);
    if (strcmp(ka, kb) != 0)
        fail_msg("\"%s\" and \"%s\" should sort alike", a, b);
    free(ka);
    free(kb);
    collator_free(c);
}

static void voiced_kana_count_as_their_plain_letter(void **state)
{
    static const char *const go[] = {"ごとう", "こばやし", "こんどう"};
    assert_ascending(go, 3);
    /* わだ is わた first, and わた comes before わたな */
    static const char *const wa[] = {"わだ", "わたなべ"};
    assert_ascending(wa, 2);
    static const char *const suzuki[] = {"すずき だいち", "すずき たつや"};
    assert_ascending(suzuki, 2);
    /* the plain letters equal: plain, then voiced, then semi-voiced */
    static const char *const haha[] = {"はは", "はば", "ばば", "ぱぱ"};
    assert_ascending(haha, 4);
    /* small kana as the large letter (きゃく and きやく tie at first) */
    static const char *const kyaku[] = {"きゃく", "きやく", "きゆう"};
    assert_ascending(kyaku, 3);
}

static void long_vowel_mark_reads_as_its_vowel(void **state)
{
    /* こーひー is こおひい: after こえだ, before こおり (code point
     * order puts ー after every kana: こおり < こーひー) */
    static const char *const ko[] = {"こうもり", "こえだ", "こーひー", "こおり"};
    assert_ascending(ko, 4);
    static const char *const su[] = {"すーざん", "すずき", "すずらん"};
    assert_ascending(su, 3); /* すー is すう */
}

static void hiragana_katakana_and_width_are_alike(void **state)
{
    assert_same_key("かとう ようこ", "カトウ　ヨウコ");
    assert_same_key("かとう ようこ", "ｶﾄｳ ﾖｳｺ");
    assert_same_key("ゔぁいおりん", "ヴァイオリン");
    assert_same_key("  すずき　　たつや ", "すずき たつや"); /* white space as one space */
    static const char *const mixed[] = {"アベ", "いとう", "カトウ", "さとう", "スズキ"};
    assert_ascending(mixed, 5);
}

static void latin_before_kana_before_kanji(void **state)
{
    static const char *const scripts[] = {"smith", "あべ", "山田"};
    assert_ascending(scripts, 3);
    /* a space before every letter: the family name いし before いしかわ */
    static const char *const family[] = {"いし たろう", "いしかわ あい"};
    assert_ascending(family, 2);
}

/* ---- people ------------------------------------------------------------ */

typedef struct {
    const char *id, *name, *kana;
} person;

static tsunagu_attendee *people(const person *p, size_t n)
{
    tsunagu_attendee *a = calloc(n, sizeof *a);
    assert_non_null(a);
    for (size_t i = 0; i < n; i++) {
        a[i].id = (char *)p[i].id;
        a[i].name = (char *)p[i].name;
        a[i].kana = (char *)p[i].kana;
    }
    return a;
}

static void assert_order(const person *p, size_t n, const char *const *want)
{
    tsunagu_attendee *a = people(p, n);
    size_t *order = tsunagu_attendees_reading_order(a, n);
    size_t *rank = tsunagu_attendees_reading_rank(a, n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(a[order[i]].id, want[i]) != 0)
            fail_msg("position %zu: %s, expected %s", i, a[order[i]].id, want[i]);
        assert_int_equal(rank[order[i]], i);
    }
    free(order);
    free(rank);
    free(a);
}

static void people_in_dictionary_order(void **state)
{
    static const person p[] = {
        {"1", "近藤　一郎", "コンドウ　イチロウ"}, {"2", "渡辺　大輔", "わたなべ　だいすけ"},
        {"3", "鈴木　達也", "スズキ　タツヤ"},     {"4", "後藤　花子", "ゴトウ　ハナコ"},
        {"5", "和田　誠", "ワダ　マコト"},         {"6", "鈴木　大地", "すずき　だいち"},
        {"7", "小林　翔太", "コバヤシ　ショウタ"},
    };
    static const char *const want[] = {"4", "7", "1", "6", "3", "5", "2"};
    assert_order(p, 7, want);
}

static void ties_by_name_then_id(void **state)
{
    /* One reading (in either kana): by name in dictionary order (a name in
     * kana before one in kanji), then by id in byte order ("10" < "9"). */
    static const person p[] = {
        {"2", "斎藤　直樹", "サイトウ　ナオキ"},
        {"9", "さいとう　なおき", "さいとう　なおき"},
        {"1", "斎藤　直樹", "さいとう　なおき"},
        {"10", "サイトウ　ナオキ", "サイトウ　ナオキ"},
    };
    static const char *const want[] = {"10", "9", "1", "2"};
    assert_order(p, 4, want);
}

static void without_a_reading_the_name_counts(void **state)
{
    /* a kanji name after every kana reading, a Latin one before, a kana
     * name among the readings */
    static const person p[] = {
        {"k", "山田　太郎", ""},       {"a", "安部　一郎", "アベ　イチロウ"},
        {"l", "John Smith", ""},      {"s", "さとう　ゆき", ""},
        {"z", "渡辺　大輔", "ワタナベ　ダイスケ"},
    };
    static const char *const want[] = {"l", "a", "s", "z", "k"};
    assert_order(p, 5, want);
}

static void empty_list(void **state)
{
    size_t *order = tsunagu_attendees_reading_order(NULL, 0);
    assert_non_null(order);
    free(order);
}

/* Four threads order the same people at once, each with collators of its
 * own (run under ThreadSanitizer by .ci/run): every result is the same. */
static void *order_many_times(void *arg)
{
    static const person p[] = {
        {"1", "近藤", "こんどう"}, {"2", "後藤", "ごとう"}, {"3", "小林", "こばやし"},
        {"4", "和田", "わだ"},     {"5", "渡辺", "わたなべ"},
    };
    tsunagu_attendee *a = people(p, 5);
    size_t *out = arg;
    for (int round = 0; round < 200; round++) {
        size_t *order = tsunagu_attendees_reading_order(a, 5);
        memcpy(out, order, 5 * sizeof *out);
        free(order);
    }
    free(a);
    return NULL;
}

static void reentrant_across_threads(void **state)
{
    pthread_t th[4];
    size_t out[4][5];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, order_many_times, out[i]), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    static const size_t want[5] = {1, 2, 0, 3, 4}; /* ごとう こばやし こんどう わだ わたなべ */
    for (int i = 0; i < 4; i++)
        assert_memory_equal(out[i], want, sizeof want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(voiced_kana_count_as_their_plain_letter),
        cmocka_unit_test(long_vowel_mark_reads_as_its_vowel),
        cmocka_unit_test(hiragana_katakana_and_width_are_alike),
        cmocka_unit_test(latin_before_kana_before_kanji),
        cmocka_unit_test(people_in_dictionary_order),
        cmocka_unit_test(ties_by_name_then_id),
        cmocka_unit_test(without_a_reading_the_name_counts),
        cmocka_unit_test(empty_list),
        cmocka_unit_test(reentrant_across_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
