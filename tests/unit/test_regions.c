/* test_regions.c - the bundled Chiba table and region-file errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsunagu/tsunagu.h"

static tsunagu_regions *chiba;

static int setup(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    chiba = tsunagu_regions_load_default(d);
    if (!chiba)
        tsunagu_diags_print(d, stderr);
    tsunagu_diags_free(d);
    return chiba ? 0 : -1;
}

static int teardown(void **state)
{
    tsunagu_regions_free(chiba);
    return 0;
}

static void chiba_has_nine_areas_and_54_municipalities(void **state)
{
    assert_int_equal(tsunagu_regions_count(chiba), 9);
    assert_string_equal(tsunagu_regions_name(chiba, 0), "千葉");
    assert_string_equal(tsunagu_regions_name_en(chiba, 1), "Tokatsu-Nanbu");
    json_t *j = tsunagu_regions_to_json(chiba);
    size_t munis = 0;
    json_t *reg;
    size_t i;
    json_array_foreach(json_object_get(j, "regions"), i, reg)
        munis += json_array_size(json_object_get(reg, "municipalities"));
    assert_int_equal(munis, 54);
    assert_int_equal(json_array_size(json_object_get(j, "borders")), 15);
    json_decref(j);
}

static void names_match_after_normalisation(void **state)
{
    int inba = tsunagu_regions_find(chiba, "印旛");
    assert_true(inba >= 0);
    assert_int_equal(tsunagu_regions_find(chiba, "印旛保健医療圏"), inba);
    assert_int_equal(tsunagu_regions_find(chiba, "印旛医療圏"), inba);
    assert_int_equal(tsunagu_regions_find(chiba, "　印旛　"), inba);
    assert_int_equal(tsunagu_regions_find(chiba, "INBA"), inba);
    assert_int_equal(tsunagu_regions_find(chiba, "ｉｎｂａ"), inba); /* full-width */
    assert_int_equal(tsunagu_regions_find(chiba, "tokatsu nanbu"),
                     tsunagu_regions_find(chiba, "東葛南部"));
    assert_int_equal(tsunagu_regions_find(chiba, "印西"), -1);
    assert_int_equal(tsunagu_regions_find(chiba, ""), -1);
}

static void municipalities_map_to_their_area(void **state)
{
    int nanbu = tsunagu_regions_find(chiba, "東葛南部");
    int kimitsu = tsunagu_regions_find(chiba, "君津");
    assert_int_equal(tsunagu_regions_find_municipality(chiba, "鎌ケ谷市"), nanbu);
    assert_int_equal(tsunagu_regions_find_municipality(chiba, "鎌ヶ谷市"), nanbu);
    assert_int_equal(tsunagu_regions_find_municipality(chiba, "鎌ケ谷"), nanbu);
    assert_int_equal(tsunagu_regions_find_municipality(chiba, "袖ヶ浦市"), kimitsu);
    assert_int_equal(tsunagu_regions_find_municipality(chiba, "千葉県袖ケ浦市"), kimitsu);
    assert_int_equal(tsunagu_regions_find_municipality(chiba, "長生村"),
                     tsunagu_regions_find(chiba, "山武長生夷隅"));
    assert_int_equal(tsunagu_regions_find_municipality(chiba, "千葉市"),
                     tsunagu_regions_find(chiba, "千葉"));
    assert_int_equal(tsunagu_regions_find_municipality(chiba, "取手市"), -1); /* Ibaraki */
}

static void distances_are_hop_counts(void **state)
{
    int chiba_c = tsunagu_regions_find(chiba, "千葉");
    int nanbu = tsunagu_regions_find(chiba, "東葛南部");
    int hokubu = tsunagu_regions_find(chiba, "東葛北部");
    int awa = tsunagu_regions_find(chiba, "安房");
    int katori = tsunagu_regions_find(chiba, "香取海匝");
    assert_int_equal(tsunagu_regions_distance(chiba, awa, awa), 0);
    assert_int_equal(tsunagu_regions_distance(chiba, chiba_c, nanbu), 1);
    assert_int_equal(tsunagu_regions_distance(chiba, chiba_c, hokubu), 2);
    assert_int_equal(tsunagu_regions_distance(chiba, hokubu, awa), 3); /* 北部-印旛-山武長生夷隅-安房 */
    assert_int_equal(tsunagu_regions_distance(chiba, awa, hokubu),
                     tsunagu_regions_distance(chiba, hokubu, awa));
    assert_int_equal(tsunagu_regions_distance(chiba, katori, awa), 2);
}

/* Write text to a temporary file and load it as a region table. */
static tsunagu_regions *load_text(const char *text, tsunagu_diags *d, char *path)
{
    strcpy(path, "/tmp/tsunagu-regions-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    tsunagu_regions *r = tsunagu_regions_load(path, d);
    unlink(path);
    return r;
}

static void semantic_errors_name_the_line(void **state)
{
    char path[64], want[128];
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_regions *r = load_text("{\"format\": \"tsunagu-regions\", \"version\": 1, \"name\": \"X\",\n"
                                   " \"regions\": [\n"
                                   "  {\"name\": \"A\", \"municipalities\": [\"a市\"]},\n"
                                   "  {\"name\": \"B\", \"municipalities\": [\"a市\"]},\n"
                                   "  {\"name\": \"A\"}\n"
                                   " ],\n"
                                   " \"borders\": [[\"A\", \"B\"],\n"
                                   "   [\"A\", \"C\"]]}\n",
                                   d, path);
    assert_null(r);
    assert_int_equal(tsunagu_diags_errors(d), 3);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 5);
    assert_string_equal(tsunagu_diags_get(d, 0)->text, "region \"A\" is listed twice");
    assert_int_equal(tsunagu_diags_get(d, 1)->line, 4);
    assert_string_equal(tsunagu_diags_get(d, 1)->text,
                        "municipality \"a市\" is listed in both \"A\" and \"B\"");
    assert_int_equal(tsunagu_diags_get(d, 2)->line, 8);
    snprintf(want, sizeof want, "border names unknown region \"C\"");
    assert_string_equal(tsunagu_diags_get(d, 2)->text, want);
    tsunagu_diags_free(d);
    tsunagu_lang_set(TSUNAGU_LANG_JA);
}

static void syntax_errors_name_the_line(void **state)
{
    char path[64];
    tsunagu_diags *d = tsunagu_diags_new();
    assert_null(load_text("{\"format\": \"tsunagu-regions\",\n\"version\": 1,\n\"regions\": [,]}\n", d, path));
    assert_int_equal(tsunagu_diags_errors(d), 1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 3);
    tsunagu_diags_free(d);
}

static void unconnected_regions_are_far(void **state)
{
    char path[64];
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_regions *r = load_text("{\"format\": \"tsunagu-regions\", \"version\": 1, \"name\": \"島\",\n"
                                   " \"regions\": [{\"name\": \"A\"}, {\"name\": \"B\"}, {\"name\": \"C\"}],\n"
                                   " \"borders\": [[\"A\", \"B\"]]}\n",
                                   d, path);
    assert_non_null(r);
    assert_int_equal(tsunagu_regions_distance(r, 0, 1), 1);
    assert_int_equal(tsunagu_regions_distance(r, 0, 2), TSUNAGU_FAR);
    assert_string_equal(tsunagu_regions_name_en(r, 2), "C"); /* falls back */
    /* Round trip through the plan's embedded copy. */
    json_t *j = tsunagu_regions_to_json(r);
    tsunagu_regions *copy = tsunagu_regions_from_json(j, "plan.json", d);
    assert_non_null(copy);
    assert_int_equal(tsunagu_regions_count(copy), 3);
    assert_int_equal(tsunagu_regions_distance(copy, 1, 0), 1);
    json_decref(j);
    tsunagu_regions_free(copy);
    tsunagu_regions_free(r);
    tsunagu_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chiba_has_nine_areas_and_54_municipalities),
        cmocka_unit_test(names_match_after_normalisation),
        cmocka_unit_test(municipalities_map_to_their_area),
        cmocka_unit_test(distances_are_hop_counts),
        cmocka_unit_test(semantic_errors_name_the_line),
        cmocka_unit_test(syntax_errors_name_the_line),
        cmocka_unit_test(unconnected_regions_are_far),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
