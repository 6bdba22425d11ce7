/* test_event.c - the event file: defaults, errors with their lines, round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsunagu/event.h"
#include "tsunagu/lang.h"
#include "tsunagarou.h"

/* Write text to a scratch file and load it as an event file. */
static tsunagu_event *load_text(const char *text, tsunagu_diags *diags, char *path_out)
{
    char path[] = "/tmp/tsunagu-test-event-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    tsunagu_event *e = tsunagu_event_load(path, diags);
    if (path_out)
        strcpy(path_out, path);
    unlink(path);
    return e;
}

/* True when diags holds an error at this line whose text contains needle. */
static bool has_error(const tsunagu_diags *d, int line, const char *needle)
{
    for (size_t i = 0; i < tsunagu_diags_count(d); i++) {
        const tsunagu_diag *g = tsunagu_diags_get(d, i);
        if (g->severity == TSUNAGU_ERROR && g->line == line && strstr(g->text, needle))
            return true;
    }
    return false;
}

static void print_diags(const tsunagu_diags *d)
{
    tsunagu_diags_print(d, stderr);
}

static int setup_en(void **state)
{
    (void)state;
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    return 0;
}

static void bundled_event_follows_the_programme(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_event *e = tsunagu_event_load_default(d);
    print_diags(d);
    assert_non_null(e);
    assert_string_equal(e->date, "2014-10-31");
    assert_string_equal(e->venue, "千葉県教育会館501号室");
    assert_int_equal(e->n_sessions, 2);

    const tsunagu_session_spec *m = tsunagu_event_session(e, "morning");
    assert_ptr_equal(m, &e->sessions[0]);
    assert_int_equal(m->kind, TSUNAGU_EXCHANGE);
    assert_string_equal(m->start, "11:10");
    assert_string_equal(m->end, "12:10");
    assert_int_equal(m->tables, 0);
    assert_int_equal(m->min_size, 6);
    assert_int_equal(m->max_size, 10);
    assert_true(m->rules[TSUNAGU_RULE_MIX].hard);

    const tsunagu_session_spec *a = tsunagu_event_session(e, "afternoon");
    assert_non_null(a);
    assert_int_equal(a->kind, TSUNAGU_WORKGROUP);
    assert_string_equal(a->start, "13:00");
    assert_int_equal(a->n_tracks, 2);
    assert_string_equal(a->tracks[1].id, "CSS");
    assert_int_equal(a->tracks[1].professions, (1u << TSUNAGU_CSS) | (1u << TSUNAGU_CENTER));
    assert_ptr_equal(tsunagu_session_track_of(a, TSUNAGU_CENTER), &a->tracks[1]);
    assert_ptr_equal(tsunagu_session_track_of(a, TSUNAGU_MSW), &a->tracks[0]);
    assert_null(tsunagu_session_track_of(a, TSUNAGU_OTHER));
    assert_null(tsunagu_event_session(e, "evening"));
    tsunagu_event_free(e);
    tsunagu_diags_free(d);
}

/* Only what must be said: the rest comes from the defaults. */
static const char *minimal =
    "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"T\",\n"
    " \"sessions\": [\n"
    "  {\"id\": \"am\", \"title\": \"Exchange\", \"kind\": \"exchange\"},\n"
    "  {\"id\": \"pm\", \"title\": \"Groups\", \"kind\": \"workgroup\", \"tables\": 3,\n"
    "   \"rules\": {\"experienced\": {\"weight\": 7}, \"new_people\": {\"hard\": true}}}\n"
    " ]}\n";

static void defaults_fill_what_is_left_out(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_event *e = load_text(minimal, d, NULL);
    print_diags(d);
    assert_non_null(e);
    assert_null(e->date);
    const tsunagu_session_spec *am = &e->sessions[0], *pm = &e->sessions[1];
    assert_int_equal(am->min_size, 6);
    assert_int_equal(am->max_size, 10);
    assert_int_equal(pm->min_size, 5);
    assert_int_equal(pm->max_size, 8);
    assert_int_equal(am->tables, 0);
    assert_int_equal(pm->tables, 3);
    assert_null(am->start);

    /* Absent rules take the defaults of the format. */
    assert_true(am->rules[TSUNAGU_RULE_MIX].hard);
    assert_true(am->rules[TSUNAGU_RULE_MIX].weight == 10);
    assert_true(am->rules[TSUNAGU_RULE_REGION].weight == 5);
    assert_false(am->rules[TSUNAGU_RULE_REGION].hard);
    assert_true(am->rules[TSUNAGU_RULE_COLLEAGUES].weight == 20);
    assert_true(am->rules[TSUNAGU_RULE_REQUESTS].weight == 50);
    assert_true(am->rules[TSUNAGU_RULE_STABILITY].weight == 100);
    /* Workgroup rules mean nothing in the morning. */
    assert_true(am->rules[TSUNAGU_RULE_NEW_PEOPLE].weight == 0);
    assert_false(am->rules[TSUNAGU_RULE_NEW_PEOPLE].hard);
    assert_true(pm->rules[TSUNAGU_RULE_MIX].weight == 0);
    assert_true(pm->rules[TSUNAGU_RULE_REGIONS_MIXED].weight == 2);

    /* A rule object given: "hard" defaults to false, "weight" to the rule's. */
    assert_true(pm->rules[TSUNAGU_RULE_EXPERIENCED].weight == 7);
    assert_false(pm->rules[TSUNAGU_RULE_EXPERIENCED].hard);
    assert_true(pm->rules[TSUNAGU_RULE_NEW_PEOPLE].weight == 3);
    assert_true(pm->rules[TSUNAGU_RULE_NEW_PEOPLE].hard);

    /* Default tracks, from the professions table: MSW; CSS with CENTER
     * (CENTER is "with": "CSS"), named by their short labels. */
    assert_int_equal(pm->n_tracks, 2);
    assert_string_equal(pm->tracks[0].id, "MSW");
    assert_int_equal(pm->tracks[0].professions, 1u << TSUNAGU_MSW);
    assert_string_equal(pm->tracks[1].id, "CSS");
    assert_int_equal(pm->tracks[1].professions, (1u << TSUNAGU_CSS) | (1u << TSUNAGU_CENTER));
    assert_string_equal(pm->tracks[1].label, "相談支援専門員・センター職員");
    assert_string_equal(pm->tracks[1].label_en, "Specialist / Centre");
    /* and the same two sides of the mix rule */
    assert_int_equal(am->n_sides, 2);
    assert_int_equal(am->side[TSUNAGU_MSW], 0);
    assert_int_equal(am->side[TSUNAGU_CSS], 1);
    assert_int_equal(am->side[TSUNAGU_CENTER], 1);
    tsunagu_event_free(e);
    tsunagu_diags_free(d);
}

/* Line numbers below are those of the text as written: the comment at the
 * end of each line names the error expected there. */
static const char *broken =
    "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"T\",\n" /* 1 */
    " \"sessions\": [\n"                                                   /* 2 */
    "  {\"id\": \"am\", \"title\": \"A\", \"kind\": \"exchange\",\n"          /* 3 */
    "   \"size\": {\"min\": 9, \"max\": 4},\n"                              /* 4 min > max */
    "   \"rules\": {\"mix\": {\"weight\": 1},\n"                            /* 5 */
    "             \"colleages\": {\"weight\": 2}}},\n"                      /* 6 unknown rule */
    "  {\"id\": \"pm\", \"title\": \"P\", \"kind\": \"groupwork\"},\n"        /* 7 unknown kind */
    "  {\"id\": \"am\", \"title\": \"B\", \"kind\": \"workgroup\",\n"         /* 8 duplicate id */
    "   \"tracks\": [{\"id\": \"M\", \"professions\": [\"MSW\", \"CSS\"]},\n" /* 9 */
    "              {\"id\": \"C\", \"professions\": [\"CSS\",\n"            /* 10 CSS twice */
    "                                             \"NURSE\"]}],\n"          /* 11 unknown */
    "   \"tabels\": 4}\n"                                                   /* 12 unknown key */
    " ]}\n";

static void errors_name_their_lines(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    char path[64];
    tsunagu_event *e = load_text(broken, d, path);
    print_diags(d);
    assert_null(e);
    assert_true(has_error(d, 4, "min 9 is larger than max 4"));
    assert_true(has_error(d, 6, "unknown rule \"colleages\""));
    assert_true(has_error(d, 7, "unknown session kind \"groupwork\""));
    assert_true(has_error(d, 8, "duplicate session id \"am\""));
    assert_true(has_error(d, 10, "profession CSS is in two tracks: \"M\" and \"C\""));
    assert_true(has_error(d, 11, "unknown profession \"NURSE\" in track \"C\""));
    assert_true(has_error(d, 12, "unknown key \"tabels\""));
    assert_int_equal(tsunagu_diags_errors(d), 7);
    assert_string_equal(tsunagu_diags_get(d, 0)->source, path);
    tsunagu_diags_free(d);
}

static void more_errors(void **state)
{
    (void)state;
    const char *text =
        "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"T\", \"date\": \"31.10.2014\",\n"
        " \"sessions\": [\n"
        "  {\"id\": \"am\", \"title\": \"A\", \"kind\": \"exchange\", \"start\": \"12:10\",\n"
        "   \"end\": \"11:10\", \"tables\": 0, \"table_label\": \"Table\",\n"
        "   \"rules\": {\"new_people\": {\"weight\": 1}, \"mix\": {\"weight\": -1, \"hard\": 1}}},\n"
        "  {\"id\": \"pm\", \"title\": \"P\", \"kind\": \"workgroup\",\n"
        "   \"tracks\": [{\"id\": \"M\", \"professions\": [\"MSW\"]}]}\n"
        " ]}\n";
    tsunagu_diags *d = tsunagu_diags_new();
    assert_null(load_text(text, d, NULL));
    print_diags(d);
    assert_true(has_error(d, 1, "\"date\" should be a date like 2014-10-31"));
    assert_true(has_error(d, 4, "end 11:10 is not after start 12:10"));
    assert_true(has_error(d, 4, "\"tables\" should be a whole number"));
    assert_true(has_error(d, 4, "\"table_label\" of an exchange session needs one %d"));
    assert_true(has_error(d, 5, "rule \"new_people\" does not apply to exchange sessions"));
    assert_true(has_error(d, 5, "rule \"mix\": \"weight\" should be a number"));
    assert_true(has_error(d, 5, "rule \"mix\": \"hard\" should be true or false"));
    assert_true(has_error(d, 7, "profession CSS is in no track of session \"pm\""));
    assert_true(has_error(d, 7, "profession CENTER is in no track"));
    assert_int_equal(tsunagu_diags_errors(d), 9);
    tsunagu_diags_free(d);
}

static void syntax_errors_come_from_jansson_with_the_line(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    assert_null(load_text("{\"format\": \"tsunagu-event\",\n \"version\": 1,\n \"title\": \"T\"\n"
                          " \"sessions\": []}\n",
                          d, NULL));
    assert_int_equal(tsunagu_diags_errors(d), 1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 4);
    assert_non_null(strstr(tsunagu_diags_get(d, 0)->text, "invalid JSON"));
    tsunagu_diags_free(d);
}

static void another_file_is_not_an_event(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    assert_null(load_text("{\n \"format\": \"tsunagu-plan\", \"version\": 1}\n", d, NULL));
    assert_true(has_error(d, 2, "not an event file"));
    assert_int_equal(tsunagu_diags_errors(d), 1);
    tsunagu_diags_free(d);
    d = tsunagu_diags_new();
    assert_null(load_text("[1, 2]", d, NULL));
    assert_true(has_error(d, 1, "an event should be a JSON object"));
    tsunagu_diags_free(d);
}

static char *dump(const tsunagu_event *e)
{
    json_t *j = tsunagu_event_to_json(e);
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    return s;
}

static void round_trip_keeps_everything(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    const char *text =
        "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"T\", \"venue\": \"V\",\n"
        " \"sessions\": [\n"
        "  {\"id\": \"am\", \"title\": \"A\", \"kind\": \"exchange\", \"table_label\": \"卓%d\",\n"
        "   \"rules\": {\"region\": {\"weight\": 2.5, \"hard\": true}}},\n"
        "  {\"id\": \"pm\", \"title\": \"P\", \"kind\": \"workgroup\", \"size\": {\"max\": 6},\n"
        "   \"tracks\": [{\"id\": \"ALL\", \"label\": \"全員\", \"professions\": [\"CENTER\", \"MSW\", \"CSS\"]}]}\n"
        " ]}\n";
    tsunagu_event *e = load_text(text, d, NULL);
    print_diags(d);
    assert_non_null(e);
    char *first = dump(e);

    json_t *j = tsunagu_event_to_json(e);
    tsunagu_event *again = tsunagu_event_from_json(j, "<memory>", d);
    json_decref(j);
    assert_non_null(again);
    char *second = dump(again);
    assert_string_equal(first, second);

    /* The dump shows every default, so a plan says what was used. */
    assert_non_null(strstr(first, "\"min\": 5"));
    assert_non_null(strstr(first, "\"max\": 6"));
    assert_non_null(strstr(first, "\"weight\": 2.5"));
    assert_non_null(strstr(first, "\"label_en\": \"全員\""));
    assert_non_null(strstr(first, "\"professions\": [\n            \"MSW\",\n            \"CSS\",\n"
                                  "            \"CENTER\"\n"));
    assert_true(again->sessions[0].rules[TSUNAGU_RULE_REGION].hard);
    assert_true(again->sessions[0].rules[TSUNAGU_RULE_REGION].weight == 2.5);
    assert_string_equal(again->sessions[0].table_label, "卓%d");
    assert_string_equal(again->venue, "V");
    assert_null(again->date);
    free(first);
    free(second);
    tsunagu_event_free(e);
    tsunagu_event_free(again);
    tsunagu_diags_free(d);
}

static void bundled_event_round_trips(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_event *e = tsunagu_event_load_default(d);
    assert_non_null(e);
    char *first = dump(e);
    json_t *j = tsunagu_event_to_json(e);
    tsunagu_event *again = tsunagu_event_from_json(j, "<memory>", d);
    json_decref(j);
    assert_non_null(again);
    char *second = dump(again);
    assert_string_equal(first, second);
    free(first);
    free(second);
    tsunagu_event_free(e);
    tsunagu_event_free(again);
    tsunagu_diags_free(d);
}

/* Printed texts have a length limit: a 900 KB title once reached the page
 * and every printout (issue 18).  200 characters pass, 201 do not. */
static void printed_texts_are_limited(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_event *e = tsunagu_event_load_default(d);
    assert_non_null(e);
    json_t *j = tsunagu_event_to_json(e);
    tsunagu_event_free(e);
    char title[201 * 3 + 1] = "";
    for (int i = 0; i < 200; i++)
        strcat(title, "\xE3\x81\x82"); /* あ */
    json_object_set_new(j, "title", json_string(title));
    e = tsunagu_event_from_json(j, "<memory>", d);
    assert_non_null(e);
    tsunagu_event_free(e);
    strcat(title, "\xE3\x81\x82");
    json_object_set_new(j, "title", json_string(title));
    json_object_set_new(json_array_get(json_object_get(j, "sessions"), 0), "table_label",
                        json_string("0123456789012345678901234567890123456789012345678901234567890 %d"));
    e = tsunagu_event_from_json(j, "<memory>", d);
    assert_null(e);
    assert_int_equal(tsunagu_diags_errors(d), 2);
    json_decref(j);
    tsunagu_diags_free(d);
}

static void table_ids_and_labels(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_event *e = tsunagu_event_load_default(d);
    assert_non_null(e);
    const tsunagu_session_spec *m = &e->sessions[0], *a = &e->sessions[1];
    char *s;

    s = tsunagu_session_table_id(m, NULL, 2);
    assert_string_equal(s, "3");
    free(s);
    s = tsunagu_session_table_id(a, &a->tracks[0], 1);
    assert_string_equal(s, "MSW-B");
    free(s);
    s = tsunagu_group_letter(25);
    assert_string_equal(s, "Z");
    free(s);
    s = tsunagu_group_letter(26);
    assert_string_equal(s, "AA");
    free(s);
    s = tsunagu_group_letter(27);
    assert_string_equal(s, "AB");
    free(s);

    tsunagu_lang_set(TSUNAGU_LANG_JA);
    s = tsunagu_session_table_label(m, NULL, 2);
    assert_string_equal(s, "テーブル3");
    free(s);
    s = tsunagu_session_table_label(a, tsunagu_track_label(&a->tracks[1]), 0);
    assert_string_equal(s, "相談支援専門員・センター グループA");
    free(s);
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    s = tsunagu_session_table_label(m, NULL, 0);
    assert_string_equal(s, "Table 1");
    free(s);
    s = tsunagu_session_table_label(a, tsunagu_track_label(&a->tracks[1]), 1);
    assert_string_equal(s, "Specialists and centres group B");
    free(s);

    /* The organiser's own pattern wins in every language. */
    tsunagu_session_spec custom = *a;
    custom.table_label = "%s班%s (100%%)";
    s = tsunagu_session_table_label(&custom, "MSW", 2);
    assert_string_equal(s, "MSW班C (100%)");
    free(s);
    tsunagu_event_free(e);
    tsunagu_diags_free(d);
}

/* Professions "with" another share its default track and mix side; a
 * "with" that names no earlier seated profession is an error at its line. */
static void professions_with_group_defaults(void **state)
{
    (void)state;
    static const char *ok =
        "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"t\",\n"
        " \"professions\": [{\"code\": \"A\", \"label\": \"a\"}, {\"code\": \"B\", \"label\": \"b\"},\n"
        "                 {\"code\": \"C\", \"label\": \"c\", \"with\": \"A\"}],\n"
        " \"sessions\": [{\"id\": \"x\", \"title\": \"x\", \"kind\": \"exchange\"},\n"
        "              {\"id\": \"y\", \"title\": \"y\", \"kind\": \"workgroup\"}]}\n";
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_event *e = load_text(ok, d, NULL);
    print_diags(d);
    assert_non_null(e);
    const tsunagu_session_spec *x = tsunagu_event_session(e, "x"), *y = tsunagu_event_session(e, "y");
    assert_int_equal(x->n_sides, 2);
    assert_int_equal(x->side[0], 0);
    assert_int_equal(x->side[1], 1);
    assert_int_equal(x->side[2], 0);
    assert_int_equal(y->n_tracks, 2);
    assert_int_equal(y->tracks[0].professions, (1u << 0) | (1u << 2));
    assert_string_equal(y->tracks[0].label, "a・c");
    assert_int_equal(y->tracks[1].professions, 1u << 1);
    tsunagu_event_free(e);
    tsunagu_diags_free(d);

    static const char *bad =
        "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"t\",\n"
        " \"professions\": [{\"code\": \"A\", \"label\": \"a\", \"with\": \"B\"},\n"
        "                 {\"code\": \"B\", \"label\": \"b\"}],\n"
        " \"sessions\": [{\"id\": \"x\", \"title\": \"x\", \"kind\": \"exchange\"}]}\n";
    d = tsunagu_diags_new();
    assert_null(load_text(bad, d, NULL));
    assert_int_equal(tsunagu_diags_errors(d), 1);
    assert_int_equal(tsunagu_diags_get(d, 0)->line, 2);
    assert_non_null(strstr(tsunagu_diags_get(d, 0)->text, "\"with\": \"B\""));
    tsunagu_diags_free(d);
}

static void rule_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < TSUNAGU_RULE_COUNT; i++)
        assert_int_equal(tsunagu_rule_parse(tsunagu_rule_name((tsunagu_rule_id)i)), i);
    assert_string_equal(tsunagu_rule_name(TSUNAGU_RULE_NEW_PEOPLE), "new_people");
    assert_int_equal(tsunagu_rule_parse("colleages"), -1);
    assert_true(tsunagu_rule_applies(TSUNAGU_RULE_MIX, TSUNAGU_EXCHANGE));
    assert_false(tsunagu_rule_applies(TSUNAGU_RULE_MIX, TSUNAGU_WORKGROUP));
    assert_true(tsunagu_rule_applies(TSUNAGU_RULE_COLLEAGUES, TSUNAGU_WORKGROUP));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(bundled_event_follows_the_programme, setup_en),
        cmocka_unit_test_setup(defaults_fill_what_is_left_out, setup_en),
        cmocka_unit_test_setup(errors_name_their_lines, setup_en),
        cmocka_unit_test_setup(more_errors, setup_en),
        cmocka_unit_test_setup(syntax_errors_come_from_jansson_with_the_line, setup_en),
        cmocka_unit_test_setup(another_file_is_not_an_event, setup_en),
        cmocka_unit_test_setup(round_trip_keeps_everything, setup_en),
        cmocka_unit_test_setup(bundled_event_round_trips, setup_en),
        cmocka_unit_test_setup(printed_texts_are_limited, setup_en),
        cmocka_unit_test_setup(table_ids_and_labels, setup_en),
        cmocka_unit_test_setup(rule_names_round_trip, setup_en),
        cmocka_unit_test_setup(professions_with_group_defaults, setup_en),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
