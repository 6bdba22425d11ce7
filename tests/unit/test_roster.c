/* test_roster.c - attendee lists as organisers write them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tsunagu/tsunagu.h"
#include "tsunagarou.h"

static tsunagu_regions *chiba;

static int setup(void **state)
{
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    chiba = tsunagu_regions_load_default(NULL);
    return chiba ? 0 : -1;
}

static int teardown(void **state)
{
    tsunagu_regions_free(chiba);
    return 0;
}

static tsunagu_roster *read_text(const char *text, tsunagu_diags *d)
{
    return tsunagu_roster_read_buffer(text, strlen(text), "t.csv", chiba, NULL, d);
}

static void professions_parse_as_written(void **state)
{
    static const struct {
        const char *text;
        tsunagu_profession want;
    } cases[] = {
        {"MSW", TSUNAGU_MSW}, {"ＭＳＷ", TSUNAGU_MSW}, {"msw", TSUNAGU_MSW},
        {"医療ソーシャルワーカー", TSUNAGU_MSW}, {"CSS", TSUNAGU_CSS},
        {"相談支援専門員", TSUNAGU_CSS}, {"CENTER", TSUNAGU_CENTER},
        {"中核地域生活支援センター", TSUNAGU_CENTER},
        {"中核地域生活支援センター職員", TSUNAGU_CENTER}, {"OTHER", TSUNAGU_OTHER},
        {"事務局", TSUNAGU_OTHER}, {"見学", TSUNAGU_OTHER},
    };
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_professions *bundled = tsunagu_professions_load_default(d);
    assert_non_null(bundled);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(tsunagu_professions_find(bundled, cases[i].text), cases[i].want);
    assert_int_equal(tsunagu_professions_find(bundled, "MWS"), -1);
    assert_int_equal(tsunagu_professions_find(bundled, ""), -1);
    assert_string_equal(tsunagu_professions_code(bundled, TSUNAGU_CENTER), "CENTER");
    assert_false(tsunagu_professions_seated(bundled, TSUNAGU_OTHER));
    tsunagu_professions_free(bundled);
    tsunagu_diags_free(d);
}

/* Another day's professions: the list is read against the event's table. */
static void professions_come_from_the_table_given(void **state)
{
    const char *json = "[{\"code\": \"NURSE\", \"label\": \"訪問看護師\", \"aliases\": [\"看護師\"]},"
                       " {\"code\": \"PHN\", \"label\": \"保健師\"},"
                       " {\"code\": \"STAFF\", \"label\": \"事務局\", \"seated\": false}]";
    json_t *j = json_loads(json, 0, NULL);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_professions *table = tsunagu_professions_from_json(j, "t.json", d);
    json_decref(j);
    assert_non_null(table);
    const char *csv = "id,name,profession,organization,region\n"
                      "1,青木,看護師,A訪問看護,千葉\n2,伊藤,保健師,B市,千葉\n3,上田,事務局,事務局,千葉\n"
                      "4,江藤,MSW,C病院,千葉\n";
    tsunagu_roster *r = tsunagu_roster_read_buffer(csv, strlen(csv), "t.csv", chiba, table, d);
    assert_null(r); /* MSW is not a profession of this day */
    assert_string_equal(tsunagu_diags_get(d, 0)->text,
                        "unknown profession \"MSW\" (expected NURSE, PHN, STAFF)");
    tsunagu_diags_free(d);
    d = tsunagu_diags_new();
    r = tsunagu_roster_read_buffer(csv, strlen(csv) - strlen("4,江藤,MSW,C病院,千葉\n"), "t.csv",
                                   chiba, table, d);
    tsunagu_professions_free(table); /* the roster keeps its own copy */
    assert_non_null(r);
    assert_int_equal(r->items[0].profession, 0);
    assert_int_equal(r->items[1].profession, 1);
    assert_true(tsunagu_roster_seated(r, 1));
    assert_false(tsunagu_roster_seated(r, 2));
    assert_string_equal(tsunagu_professions_code(r->professions, 1), "PHN");
    tsunagu_roster_free(r);
    tsunagu_diags_free(d);
}

/* An organiser (OTHER, never seated) with a blank 経験 gets no warning:
 * once `check --strict` refused a list for that alone. */
static void blank_experience_of_someone_not_seated_is_fine(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_roster *r = read_text("id,name,profession,organization,region,experience\n"
                                  "1,A,OTHER,事務局,千葉,\n"
                                  "2,B,MSW,X,千葉,\n",
                                  d);
    assert_non_null(r);
    assert_int_equal(tsunagu_diags_count(d), 1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 3);
    tsunagu_roster_free(r);
    tsunagu_diags_free(d);
}

static void japanese_headers_and_values_are_read(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_roster *r = read_text("備考,経験,関心地域,所属,職種,ＩＤ,フリガナ,氏名,市町村,地域\n"
                                  "メモ,これから,千葉、印旛；君津,美浜病院,ＭＳＷ,A1,ナカムラ,中村　千尋,,千葉\n"
                                  ",,,稲毛相談室,相談支援専門員,A2,,鈴木　健,鎌ヶ谷市,\n",
                                  d);
    assert_non_null(r);
    /* A2's 経験 is blank: counted as experienced, with a word (FILE:LINE) */
    assert_int_equal(tsunagu_diags_count(d), 1);
    assert_int_equal(tsunagu_diags_get(d, 0)->severity, TSUNAGU_WARNING);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 3);
    assert_non_null(strstr(tsunagu_diags_get(d, 0)->text, "counted as experienced"));
    assert_int_equal(r->count, 2);
    const tsunagu_attendee *a = &r->items[0];
    assert_string_equal(a->id, "A1");
    assert_string_equal(a->name, "中村　千尋"); /* the original form, for printing */
    assert_int_equal(a->profession, TSUNAGU_MSW);
    assert_int_equal(a->experience, TSUNAGU_PLANNING);
    assert_int_equal(a->n_interests, 3);
    assert_int_equal(a->interests[2], tsunagu_regions_find(chiba, "君津"));
    assert_int_equal(a->line, 2);
    const tsunagu_attendee *b = &r->items[1];
    assert_int_equal(b->experience, TSUNAGU_EXPERIENCED); /* empty means experienced */
    assert_int_equal(b->region, tsunagu_regions_find(chiba, "東葛南部")); /* from 鎌ヶ谷市 */
    assert_string_equal(b->kana, "");
    assert_string_equal(b->municipality, "鎌ヶ谷市");
    assert_int_equal(tsunagu_roster_find(r, "A2"), 1);
    assert_int_equal(tsunagu_roster_find(r, "A3"), -1);
    tsunagu_roster_free(r);
    tsunagu_diags_free(d);
}

static void colleagues_share_a_normalised_organisation_key(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_roster *r = read_text("id,name,profession,organization,region\n"
                                  "1,A,MSW,ＫＯＫＯ　病院,千葉\n"
                                  "2,B,MSW, koko 病院 ,千葉\n",
                                  d);
    assert_non_null(r);
    assert_string_equal(r->items[0].org_key, r->items[1].org_key);
    assert_string_equal(r->items[1].organization, "koko 病院");
    char *s = tsunagu_roster_summary(r);
    assert_non_null(strstr(s, "ＫＯＫＯ　病院   2: A, B"));
    free(s);
    tsunagu_roster_free(r);
    tsunagu_diags_free(d);
}

static void every_problem_is_reported_with_its_line(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_roster *r = read_text("id,name,profession,organization,region,experience\n"
                                  "1,A,MWS,X,千葉,experienced\n"
                                  "2,,MSW,X,千葉,experienced\n"
                                  "3,C,MSW,\"multi\nline\",どこか,experienced\n"
                                  "1,D,CSS,Y,千葉,maybe\n",
                                  d);
    assert_null(r);
    assert_int_equal(tsunagu_diags_errors(d), 5);
    static const struct {
        int line;
        const char *text;
    } want[] = {
        {2, "unknown profession \"MWS\" (expected MSW, CSS, CENTER, OTHER)"},
        {3, "empty name"},
        {4, "unknown region \"どこか\" (expected one of 千葉, 東葛南部, 東葛北部, 印旛, 香取海匝, "
            "山武長生夷隅, 安房, 君津, 市原)"},
        {6, "unknown experience \"maybe\" (expected experienced/経験あり or planning/これから)"},
        {6, "duplicate id \"1\" (also on line 2)"},
    };
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(tsunagu_diags_get(d, i)->line, want[i].line);
        assert_string_equal(tsunagu_diags_get(d, i)->text, want[i].text);
    }
    tsunagu_diags_free(d);
}

static void without_ids_name_and_organisation_identify(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_roster *r = read_text("name,profession,organization,region\n"
                                  "中村　千尋,MSW,美浜病院,千葉\n"
                                  "中村 千尋,CSS,稲毛相談室,千葉\n",
                                  d);
    assert_non_null(r);
    assert_int_equal(tsunagu_diags_warnings(d), 1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 1);
    assert_string_equal(r->items[0].id, "中村 千尋 / 美浜病院");
    tsunagu_roster_free(r);
    r = read_text("name,profession,organization,region\n"
                  "中村　千尋,MSW,美浜病院,千葉\n"
                  "中村 千尋,MSW,美浜病院,千葉\n",
                  d);
    assert_null(r);
    assert_string_equal(tsunagu_diags_get(d, tsunagu_diags_count(d) - 1)->text,
                        "duplicate attendee \"中村 千尋\" of \"美浜病院\" (also on line 2)");
    tsunagu_diags_free(d);
}

static void json_lists_and_element_lines(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    const char *json = "[{\"id\": \"A1\", \"name\": \"X\", \"profession\": \"CSS\",\n"
                       "  \"organization\": \"O\", \"region\": \"印旛\", \"together\": [\"A2\"]},\n"
                       " {\"id\": 2, \"氏名\": \"Y\", \"職種\": \"OTHER\", \"所属\": \"\", \"地域\": \"市原\",\n"
                       "  \"interest_regions\": [\"千葉\", \"君津\"], \"apart\": \"A1\"}]";
    tsunagu_roster *r = tsunagu_roster_read_buffer(json, strlen(json), "a.json", chiba, NULL, d);
    assert_null(r); /* together names "A2" but the second id is 2 */
    assert_int_equal(tsunagu_diags_errors(d), 1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 1);
    assert_string_equal(tsunagu_diags_get(d, 0)->text, "together: no attendee has id \"A2\"");
    tsunagu_diags_free(d);
}

static void summary_counts_by_region_and_profession(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_roster *r = read_text("id,name,profession,organization,region\n"
                                  "1,A,MSW,X,千葉\n2,B,CSS,Y,千葉\n3,C,CENTER,Z,安房\n4,D,OTHER,,安房\n",
                                  d);
    assert_non_null(r);
    char *s = tsunagu_roster_summary(r);
    assert_non_null(strstr(s, "4 attendees: 3 to seat, 1 not seated (OTHER)"));
    assert_non_null(strstr(s, "  Chiba                  1     1      0     0     2\n"));
    assert_non_null(strstr(s, "  Awa                    0     0      1     1     2\n"));
    assert_non_null(strstr(s, "  Total                  1     1      1     1     4\n"));
    free(s);
    tsunagu_roster_free(r);
    tsunagu_diags_free(d);
}

/* The same person under two ids is a warning naming both lines, not an
 * error: two people can share a name.  Spaces and kana kind do not matter. */
static void double_registrations_are_warned_not_refused(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_roster *r = read_text("id,name,kana,profession,organization,region\n"
                                  "1,中村　千尋,ナカムラ　チヒロ,MSW,美浜病院,千葉\n"
                                  "2,中村 千尋,なかむら ちとせ,MSW,美浜病院,千葉\n" /* another reading */
                                  "3,中村 千尋,なかむら ちひろ,MSW,稲毛病院,千葉\n" /* another hospital */
                                  "１,中村千尋,なかむらちひろ,MSW,美浜病院,千葉\n",
                                  d);
    assert_non_null(r);
    assert_int_equal(r->count, 4);
    assert_int_equal(tsunagu_diags_errors(d), 0);
    assert_int_equal(tsunagu_diags_warnings(d), 1);
    const tsunagu_diag *g = tsunagu_diags_get(d, 0);
    assert_int_equal(g->line, 5);
    assert_string_equal(g->text, "same name, reading and organisation as line 2 (id 1): registered twice?");

    /* The desk asks the same question of a walk-in; a missing reading does
     * not tell two people apart, a different one does. */
    assert_int_equal(tsunagu_roster_find_same_person(r, "中村千尋", NULL, "美浜病院"), 0);
    assert_int_equal(tsunagu_roster_find_same_person(r, "中村 千尋", "ナカムラ チトセ", "美浜病院"), 1);
    assert_int_equal(tsunagu_roster_find_same_person(r, "中村 千尋", "なかむら ちあき", "美浜病院"), -1);
    assert_int_equal(tsunagu_roster_find_same_person(r, "中村 千尋", "", "松戸病院"), -1);
    tsunagu_roster_free(r);
    tsunagu_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(professions_parse_as_written),
        cmocka_unit_test(professions_come_from_the_table_given),
        cmocka_unit_test(japanese_headers_and_values_are_read),
        cmocka_unit_test(blank_experience_of_someone_not_seated_is_fine),
        cmocka_unit_test(colleagues_share_a_normalised_organisation_key),
        cmocka_unit_test(every_problem_is_reported_with_its_line),
        cmocka_unit_test(without_ids_name_and_organisation_identify),
        cmocka_unit_test(json_lists_and_element_lines),
        cmocka_unit_test(summary_counts_by_region_and_profession),
        cmocka_unit_test(double_registrations_are_warned_not_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
