/* test_plan.c - a small plan built by hand: its scores counted by hand,
 * its JSON round trip, and broken plans refused with their reasons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsunagu/event.h"
#include "tsunagu/fileio.h"
#include "tsunagu/lang.h"
#include "tsunagu/plan.h"
#include "tsunagu/roster.h"
#include "tsunagu/text.h"
#include "tsunagarou.h"

/* Four regions: 北 - 中 - 南 in a row, 島 on its own. */
static const char *regions_json =
    "{\"format\": \"tsunagu-regions\", \"version\": 1, \"name\": \"Test\","
    " \"regions\": [{\"name\": \"北\", \"municipalities\": [\"北市\"]},"
    "               {\"name\": \"中\", \"municipalities\": [\"中市\"]},"
    "               {\"name\": \"南\", \"municipalities\": [\"南市\"]},"
    "               {\"name\": \"島\", \"municipalities\": [\"島町\"]}],"
    " \"borders\": [[\"北\", \"中\"], [\"中\", \"南\"]]}";
enum { NORTH, MIDDLE, SOUTH, ISLAND };

static const char *event_json =
    "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"Test day\","
    " \"sessions\": ["
    "  {\"id\": \"morning\", \"title\": \"Exchange\", \"start\": \"11:10\", \"end\": \"12:10\","
    "   \"kind\": \"exchange\", \"size\": {\"min\": 2, \"max\": 3}},"
    "  {\"id\": \"afternoon\", \"title\": \"Groups\", \"kind\": \"workgroup\","
    "   \"size\": {\"min\": 2, \"max\": 3}}]}";

typedef struct {
    const char *id, *kana, *organization;
    tsunagu_profession profession;
    int region, interest; /* interest -1 = none */
    tsunagu_experience experience;
} person;

/* Index in this table = index in the roster. */
static const person people[] = {
    {"A1", "アオキ", "北病院A", TSUNAGU_MSW, NORTH, -1, TSUNAGU_EXPERIENCED},
    /* same key as A1; texts come trimmed, as the attendee list has them */
    {"A2", "イトウ", "北病院ａ", TSUNAGU_CSS, NORTH, -1, TSUNAGU_PLANNING},
    {"A3", "ウエダ", "南病院", TSUNAGU_MSW, SOUTH, NORTH, TSUNAGU_EXPERIENCED},
    {"A4", "エンドウ", "中センター", TSUNAGU_CENTER, MIDDLE, -1, TSUNAGU_PLANNING},
    {"A5", "オオタ", "島相談室", TSUNAGU_CSS, ISLAND, -1, TSUNAGU_PLANNING},
    {"A6", "カトウ", "南病院", TSUNAGU_MSW, SOUTH, -1, TSUNAGU_PLANNING},
    {"A7", "キムラ", "事務局", TSUNAGU_OTHER, MIDDLE, -1, TSUNAGU_EXPERIENCED},
};
enum { N_PEOPLE = 7 };

typedef struct {
    const char *track; /* workgroups */
    int region;        /* exchange */
    int members[4];    /* -1 terminated */
} table_spec;

/* Morning (sizes 2-3):
 *   1 [北]: A1 A2 A5   A1, A2 own region; A5 (島, no border) far.  MSW + CSS: mixed.
 *                      A1-A2 colleagues (北病院A).  A1 experienced.
 *   2 [中]: A3 A4      A3 (南, interest 北) both border 中: neighbour.  A4 own.  Mixed.
 *   3 [南]: A6         own.  MSW only: not mixed.  Nobody experienced.  Size 1 < 2.
 * Afternoon (sizes 2-3):
 *   MSW-A: A3 A6       colleagues (南病院); one region (南); did not meet in the morning.
 *   MSW-B: A1 A4       A4 is CENTER: wrong track.  Regions 北, 中.
 *   CSS-A: A2 A5       both planning; they shared table 1: a repeat pair.  Regions 北, 島. */
static const table_spec morning[] = {
    {NULL, NORTH, {0, 1, 4, -1}}, {NULL, MIDDLE, {2, 3, -1}}, {NULL, SOUTH, {5, -1}}};
static const table_spec afternoon[] = {
    {"MSW", 0, {2, 5, -1}}, {"MSW", 0, {0, 3, -1}}, {"CSS", 0, {1, 4, -1}}};

static void build_session(tsunagu_plan *p, int s, const table_spec *specs, int n)
{
    tsunagu_session_plan *sp = &p->sessions[s];
    sp->spec = &p->event->sessions[s];
    sp->status = s == 0 ? TSUNAGU_STATUS_OPTIMAL : TSUNAGU_STATUS_FEASIBLE;
    sp->objective = 12.5;
    sp->bound = s == 0 ? 12.5 : NAN; /* NAN: written as null */
    sp->gap = s == 0 ? 0.0 : 0.25;
    sp->seconds = 0.125;
    sp->n_tables = n;
    sp->tables = calloc((size_t)n, sizeof *sp->tables);
    sp->seat = malloc(N_PEOPLE * sizeof *sp->seat);
    for (int i = 0; i < N_PEOPLE; i++)
        sp->seat[i] = -1;
    int per_track[2] = {0, 0};
    for (int t = 0; t < n; t++) {
        tsunagu_table *tb = &sp->tables[t];
        const tsunagu_track *track = NULL;
        if (specs[t].track) {
            int k = strcmp(specs[t].track, "MSW") == 0 ? 0 : 1;
            track = &sp->spec->tracks[k];
            tb->track = tsunagu_strdup(track->id);
            tb->id = tsunagu_session_table_id(sp->spec, track, per_track[k]);
            tb->label = tsunagu_session_table_label(sp->spec, tsunagu_track_label(track),
                                                    per_track[k]);
            per_track[k]++;
        } else {
            tb->id = tsunagu_session_table_id(sp->spec, NULL, t);
            tb->label = tsunagu_session_table_label(sp->spec, NULL, t);
            tb->regions = malloc(sizeof *tb->regions);
            tb->regions[0] = specs[t].region;
            tb->n_regions = 1;
        }
        tb->members = calloc(4, sizeof *tb->members);
        for (int k = 0; specs[t].members[k] >= 0; k++) {
            tb->members[tb->n_members++] = (size_t)specs[t].members[k];
            sp->seat[specs[t].members[k]] = t;
        }
    }
}

static tsunagu_plan *build_plan(void)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = calloc(1, sizeof *p);
    json_t *j = json_loads(regions_json, 0, NULL);
    p->regions = tsunagu_regions_from_json(j, "<regions>", d);
    json_decref(j);
    j = json_loads(event_json, 0, NULL);
    p->event = tsunagu_event_from_json(j, "<event>", d);
    json_decref(j);
    tsunagu_diags_print(d, stderr);
    assert_int_equal(tsunagu_diags_count(d), 0);
    tsunagu_diags_free(d);

    p->generator = tsunagu_strdup("tsunagu test");
    p->input_file = tsunagu_strdup("attendees.csv");
    tsunagu_sha256_hex("x", 1, p->input_sha256);
    tsunagu_roster *ro = calloc(1, sizeof *ro);
    ro->source = tsunagu_strdup("attendees.csv");
    ro->regions = p->regions;
    tsunagu_diags *pd = tsunagu_diags_new();
    ro->professions = tsunagu_professions_load_default(pd); /* the bundled table: MSW, CSS, ... */
    assert_int_equal(tsunagu_diags_count(pd), 0);
    tsunagu_diags_free(pd);
    ro->items = calloc(N_PEOPLE, sizeof *ro->items);
    for (int i = 0; i < N_PEOPLE; i++) {
        tsunagu_attendee *a = &ro->items[ro->count++];
        a->id = tsunagu_strdup(people[i].id);
        char name[32];
        snprintf(name, sizeof name, "参加者%d", i + 1);
        a->name = tsunagu_strdup(name);
        a->kana = tsunagu_strdup(people[i].kana);
        a->organization = tsunagu_strdup(people[i].organization);
        a->org_key = tsunagu_text_key(people[i].organization);
        a->profession = people[i].profession;
        a->region = people[i].region;
        if (people[i].interest >= 0) {
            a->interests = malloc(sizeof *a->interests);
            a->interests[0] = people[i].interest;
            a->n_interests = 1;
        }
        a->experience = people[i].experience;
        a->line = i + 2;
    }
    ro->items[0].municipality = tsunagu_strdup("北市");
    ro->items[1].n_together = 1;
    ro->items[1].together = malloc(sizeof(char *));
    ro->items[1].together[0] = tsunagu_strdup("A5");
    p->roster = ro;

    p->n_sessions = 2;
    p->sessions = calloc(2, sizeof *p->sessions);
    build_session(p, 0, morning, 3);
    build_session(p, 1, afternoon, 3);

    p->n_warnings = 1;
    p->warnings = malloc(sizeof(char *));
    p->warnings[0] = tsunagu_strdup("テーブル3 は 1 人です");
    p->n_moves = 1;
    p->moves = calloc(1, sizeof *p->moves);
    p->moves[0].attendee_id = tsunagu_strdup("A6");
    p->moves[0].session = tsunagu_strdup("morning");
    p->moves[0].from = tsunagu_strdup("2");
    p->moves[0].to = tsunagu_strdup("3");
    p->moves[0].why = tsunagu_strdup("test");
    /* The re-planner's "moved" count survives rescoring. */
    p->n_scores = 1;
    p->scores = calloc(1, sizeof *p->scores);
    p->scores[0].session = tsunagu_strdup("morning");
    p->scores[0].key = tsunagu_strdup("moved");
    p->scores[0].value = 1;
    p->scores[0].of = 6;
    tsunagu_plan_score(p);
    return p;
}

static int setup_en(void **state)
{
    (void)state;
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    return 0;
}

static void expect_score(const tsunagu_plan *p, const char *session, const char *key, long count,
                         long of)
{
    for (int i = 0; i < p->n_scores; i++)
        if (strcmp(p->scores[i].session, session) == 0 && strcmp(p->scores[i].key, key) == 0) {
            if (p->scores[i].value != count || p->scores[i].of != of)
                fail_msg("%s.%s: expected %ld of %ld, got %ld of %ld", session, key, count, of,
                         p->scores[i].value, p->scores[i].of);
            return;
        }
    fail_msg("%s.%s: missing", session, key);
}

static void scores_match_the_hand_count(void **state)
{
    (void)state;
    tsunagu_plan *p = build_plan();
    /* Counts worked out in the comment above the tables. */
    expect_score(p, "morning", "seated", 6, 6); /* A7 is OTHER */
    expect_score(p, "morning", "own_region", 4, 6);       /* A1 A2 A4 A6 */
    expect_score(p, "morning", "interest_region", 0, 6);  /* A3's interest 北 is not table 2's */
    expect_score(p, "morning", "neighbour_region", 1, 6); /* A3 */
    expect_score(p, "morning", "far_region", 1, 6);       /* A5 */
    expect_score(p, "morning", "mixed_tables", 2, 3);
    expect_score(p, "morning", "colleague_pairs", 1, 2); /* A1-A2 of {A1-A2, A3-A6} */
    expect_score(p, "morning", "tables_without_experienced", 1, 3);
    expect_score(p, "morning", "size_out_of_range", 1, 3);
    expect_score(p, "morning", "moved", 1, 6);
    expect_score(p, "afternoon", "seated", 6, 6);
    expect_score(p, "afternoon", "colleague_pairs", 1, 2); /* A3-A6 */
    expect_score(p, "afternoon", "size_out_of_range", 0, 3);
    expect_score(p, "afternoon", "groups_without_experienced", 1, 3); /* CSS-A */
    expect_score(p, "afternoon", "repeat_pairs", 1, 3);               /* A2-A5 */
    expect_score(p, "afternoon", "distinct_regions", 5, -1);          /* 1 + 2 + 2 */
    expect_score(p, "afternoon", "wrong_track", 1, 6);                /* A4 */
    /* Exactly the keys of the format, nothing else. */
    assert_int_equal(p->n_scores, 10 + 7);
    assert_int_equal(tsunagu_plan_score_get(p, "afternoon", "repeat_pairs"), 1);
    assert_int_equal(tsunagu_plan_score_get(p, "afternoon", "own_region"), -1);
    assert_int_equal(tsunagu_plan_score_get(p, "evening", "seated"), -1);

    /* Scores follow the seating: move A5 from table 1 to table 2. */
    tsunagu_table *t1 = &p->sessions[0].tables[0], *t2 = &p->sessions[0].tables[1];
    t1->n_members = 2;
    t2->members[t2->n_members++] = 4;
    tsunagu_plan_score(p);
    expect_score(p, "morning", "far_region", 1, 6); /* 島 borders nothing */
    expect_score(p, "afternoon", "repeat_pairs", 0, 3);
    tsunagu_plan_free(p);
}

static char *read_all(const char *path)
{
    size_t len;
    tsunagu_diags *d = tsunagu_diags_new();
    char *s = tsunagu_file_read(path, 1 << 24, &len, d);
    tsunagu_diags_free(d);
    assert_non_null(s);
    return s;
}

static void input_file_is_written_as_its_base_name(void **state)
{
    (void)state;
    tsunagu_plan *p = build_plan();
    size_t len;
    char *a = tsunagu_plan_dump(p, &len);
    free(p->input_file);
    p->input_file = tsunagu_strdup("../../lists/2026/attendees.csv");
    char *b = tsunagu_plan_dump(p, &len);
    /* The same list by another path: the same bytes. */
    assert_string_equal(a, b);
    assert_non_null(strstr(b, "\"file\": \"attendees.csv\""));
    free(a);
    free(b);
    tsunagu_plan_free(p);
}

static void round_trip_gives_the_same_bytes(void **state)
{
    (void)state;
    char dir[] = "/tmp/tsunagu-test-plan-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char first[128], second[128];
    snprintf(first, sizeof first, "%s/first.json", dir);
    snprintf(second, sizeof second, "%s/second.json", dir);

    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = build_plan();
    assert_int_equal(tsunagu_plan_write(p, first, d), 0);
    tsunagu_plan *q = tsunagu_plan_read(first, d);
    tsunagu_diags_print(d, stderr);
    assert_non_null(q);
    assert_int_equal(tsunagu_plan_write(q, second, d), 0);
    char *a = read_all(first), *b = read_all(second);
    assert_string_equal(a, b);

    /* What came back is the plan, not only the same text. */
    assert_int_equal(q->roster->count, N_PEOPLE);
    assert_ptr_equal(q->roster->regions, q->regions);
    assert_string_equal(q->roster->items[1].org_key, q->roster->items[0].org_key);
    assert_int_equal(q->roster->items[2].interests[0], NORTH);
    assert_int_equal(q->roster->items[3].profession, TSUNAGU_CENTER);
    assert_int_equal(q->roster->items[5].experience, TSUNAGU_PLANNING);
    assert_string_equal(q->roster->items[1].together[0], "A5");
    assert_string_equal(q->input_sha256, p->input_sha256);
    assert_int_equal(q->sessions[0].seat[4], 0);
    assert_int_equal(q->sessions[1].seat[3], 1);
    assert_int_equal(q->sessions[1].seat[6], -1);
    assert_string_equal(q->sessions[1].tables[1].id, "MSW-B");
    assert_int_equal(q->sessions[1].status, TSUNAGU_STATUS_FEASIBLE);
    assert_true(isnan(q->sessions[1].bound));
    assert_true(q->sessions[1].gap == 0.25);
    assert_string_equal(q->moves[0].to, "3");
    assert_int_equal(tsunagu_plan_score_get(q, "afternoon", "distinct_regions"), 5);

    /* The promised shape, in the promised order. */
    assert_non_null(strstr(a, "{\n  \"format\": \"tsunagu-plan\",\n  \"version\": 1,\n"
                              "  \"generator\": \"tsunagu test\",\n  \"event\": {"));
    assert_non_null(strstr(a, "\"seats\": {\n        \"morning\": \"1\",\n"
                              "        \"afternoon\": \"CSS-A\"\n      }"));
    assert_non_null(strstr(a, "\"label\": \"MSW group B\""));
    assert_non_null(strstr(a, "\"repeat_pairs\": {\n        \"count\": 1,\n        \"of\": 3\n"));
    assert_non_null(strstr(a, "\"bound\": null"));
    free(a);
    free(b);
    unlink(first);
    unlink(second);
    rmdir(dir);
    tsunagu_plan_free(p);
    tsunagu_plan_free(q);
    tsunagu_diags_free(d);
}

static void members_are_written_sorted_by_kana(void **state)
{
    (void)state;
    tsunagu_plan *p = build_plan();
    tsunagu_table *t = &p->sessions[0].tables[0];
    t->members[0] = 4; /* オオタ, イトウ, アオキ */
    t->members[2] = 0;
    json_t *j = tsunagu_plan_to_json(p);
    json_t *members = json_object_get(
        json_array_get(json_object_get(json_array_get(json_object_get(j, "sessions"), 0), "tables"),
                       0),
        "members");
    assert_string_equal(json_string_value(json_array_get(members, 0)), "A1");
    assert_string_equal(json_string_value(json_array_get(members, 1)), "A2");
    assert_string_equal(json_string_value(json_array_get(members, 2)), "A5");
    json_decref(j);
    tsunagu_plan_free(p);
}

/* ---- broken plans ---------------------------------------------------- */

/* Dump json to a file, read it as a plan, expect failure with an error
 * whose text holds needle, on the line where `marker` first appears in the
 * file after `after` (0: the whole file). */
static void expect_refused_after(json_t *json, const char *needle, const char *after,
                                 const char *marker)
{
    char path[] = "/tmp/tsunagu-test-plan-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(json_dump_file(json, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER), 0);
    int line = 0;
    if (marker) {
        char *text = read_all(path);
        char *from = after ? strstr(text, after) : text;
        assert_non_null(from);
        char *at = strstr(from, marker);
        assert_non_null(at);
        line = 1;
        for (char *c = text; c < at; c++)
            line += *c == '\n';
        free(text);
    }
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = tsunagu_plan_read(path, d);
    if (p)
        fail_msg("plan accepted; expected \"%s\"", needle);
    bool found = false;
    for (size_t i = 0; i < tsunagu_diags_count(d); i++) {
        const tsunagu_diag *g = tsunagu_diags_get(d, i);
        found = found || (g->line == line && strstr(g->text, needle) &&
                          strcmp(g->source, path) == 0);
    }
    if (!found) {
        tsunagu_diags_print(d, stderr);
        fail_msg("no error \"%s\" at line %d", needle, line);
    }
    tsunagu_diags_free(d);
    unlink(path);
}

static void expect_refused(json_t *json, const char *needle, const char *marker)
{
    expect_refused_after(json, needle, NULL, marker);
}

static json_t *good_json(void)
{
    tsunagu_plan *p = build_plan();
    json_t *j = tsunagu_plan_to_json(p);
    tsunagu_plan_free(p);
    return j;
}

static json_t *table_of(json_t *j, int session, int table)
{
    return json_array_get(
        json_object_get(json_array_get(json_object_get(j, "sessions"), (size_t)session), "tables"),
        (size_t)table);
}

static void unknown_member_is_refused(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_array_set_new(json_object_get(table_of(j, 0, 1), "members"), 1, json_string("ZZ99"));
    expect_refused(j, "unknown attendee id \"ZZ99\" at table \"2\" of session \"morning\"",
                   "\"ZZ99\"");
    json_decref(j);
}

/* A session cut short by --time-limit says so; one that finished writes
 * no such key at all (plans of small events keep their bytes). */
static void stopped_at_time_limit_round_trips(void **state)
{
    (void)state;
    tsunagu_plan *p = build_plan();
    size_t len;
    char *before = tsunagu_plan_dump(p, &len);
    assert_null(strstr(before, "stopped_at_time_limit"));
    p->sessions[1].stopped_at_time_limit = true;
    char *after = tsunagu_plan_dump(p, &len);
    const char *key = strstr(after, "\"stopped_at_time_limit\": true");
    assert_non_null(key);
    assert_null(strstr(key + 2, "stopped_at_time_limit")); /* the afternoon only */
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *q = tsunagu_plan_read_buffer(after, len, "stopped.json", d);
    tsunagu_diags_print(d, stderr);
    assert_non_null(q);
    assert_false(q->sessions[0].stopped_at_time_limit);
    assert_true(q->sessions[1].stopped_at_time_limit);
    tsunagu_plan_free(q);
    tsunagu_diags_free(d);
    free(before);
    free(after);
    tsunagu_plan_free(p);

    json_t *j = good_json();
    json_object_set_new(json_array_get(json_object_get(j, "sessions"), 0), "stopped_at_time_limit",
                        json_string("yes"));
    expect_refused(j, "\"stopped_at_time_limit\" should be true or false", "\"yes\"");
    json_decref(j);
}

static void seat_disagreeing_with_its_table_is_refused(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_t *seats = json_object_get(json_array_get(json_object_get(j, "attendees"), 0), "seats");
    json_object_set_new(seats, "morning", json_string("2"));
    expect_refused(j,
                   "attendee \"A1\": \"seats\" says table \"2\" in session \"morning\", but they "
                   "are listed at table \"1\"",
                   "\"morning\": \"2\"");
    json_decref(j);
}

static void attendee_at_two_tables_is_refused(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_array_append_new(json_object_get(table_of(j, 1, 2), "members"), json_string("A6"));
    expect_refused_after(j, "attendee \"A6\" is at two tables of session \"afternoon\": "
                            "\"MSW-A\" and \"CSS-A\"",
                         "\"id\": \"CSS-A\"", "\"A6\"");
    json_decref(j);
}

static void wrong_format_is_refused(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_object_set_new(j, "format", json_string("tsunagu-event"));
    expect_refused(j, "not a plan: \"format\" should be \"tsunagu-plan\"", "\"tsunagu-event\"");
    json_decref(j);
    j = good_json();
    json_object_set_new(j, "version", json_integer(2));
    expect_refused(j, "unsupported plan version", "\"version\": 2");
    json_decref(j);
}

static void sessions_must_match_the_event(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_object_set_new(json_array_get(json_object_get(j, "sessions"), 1), "id",
                        json_string("evening"));
    expect_refused(j, "session 2 is \"evening\" but the plan's event has \"afternoon\" there",
                   "\"evening\"");
    json_decref(j);
}

static void broken_embedded_event_is_reported_at_its_line(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_t *size = json_object_get(
        json_array_get(json_object_get(json_object_get(j, "event"), "sessions"), 1), "size");
    json_object_set_new(size, "min", json_integer(7));
    /* Reported at the size object, inside the embedded event. */
    expect_refused_after(j, "size: min 7 is larger than max 3", "\"id\": \"afternoon\"",
                         "\"size\"");
    json_decref(j);
}

static void other_attendee_with_a_seat_is_refused(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_array_append_new(json_object_get(table_of(j, 0, 2), "members"), json_string("A7"));
    json_t *seats = json_object_get(json_array_get(json_object_get(j, "attendees"), 6), "seats");
    json_object_set_new(seats, "morning", json_string("3"));
    expect_refused_after(j, "attendee \"A7\" is OTHER (not seated) but sits at table \"3\"",
                         "\"キムラ\"", "\"morning\": \"3\"");
    json_decref(j);
}

static void messages_in_japanese_keep_their_arguments(void **state)
{
    (void)state;
    tsunagu_lang_set(TSUNAGU_LANG_JA);
    json_t *j = good_json();
    json_array_set_new(json_object_get(table_of(j, 0, 1), "members"), 1, json_string("ZZ99"));
    /* Japanese word order puts the arguments in another order. */
    expect_refused(j, "セッション \"morning\" のテーブル \"2\" に不明な参加者 id \"ZZ99\" があります",
                   "\"ZZ99\"");
    json_decref(j);
}

/* Leaving out any required key is reported, never a crash. */
static void every_required_key_is_checked(void **state)
{
    (void)state;
    static const char *const top[] = {"format", "version", "generator", "event", "regions",
                                      "input", "attendees", "sessions", "scores", NULL};
    static const char *const attendee[] = {"id", "name", "kana", "profession", "organization",
                                           "region", "experience", "seats", NULL};
    static const char *const session[] = {"id", "kind", "status", "objective", "bound", "gap",
                                          "seconds", "tables", NULL};
    static const char *const table[] = {"id", "label", "regions", "members", NULL};
    const char *const *lists[] = {top, attendee, session, table};
    for (int l = 0; l < 4; l++)
        for (const char *const *k = lists[l]; *k; k++) {
            json_t *j = good_json();
            json_t *obj = l == 0 ? j
                          : l == 1 ? json_array_get(json_object_get(j, "attendees"), 2)
                          : l == 2 ? json_array_get(json_object_get(j, "sessions"), 0)
                                   : table_of(j, 0, 0);
            assert_int_equal(json_object_del(obj, *k), 0);
            tsunagu_diags *d = tsunagu_diags_new();
            tsunagu_plan *p = tsunagu_plan_from_json(j, "<memory>", d);
            if (p)
                fail_msg("plan without \"%s\" accepted", *k);
            assert_true(tsunagu_diags_errors(d) > 0);
            tsunagu_diags_free(d);
            json_decref(j);
        }
}

/* ---- a plan's attendees are read as the attendee list is ------------- */

/* The first error reading a one-person list (CSV, the test's regions, the
 * bundled professions) whose column col holds value instead of a good one.
 * New string. */
static char *list_error(int col, const char *value)
{
    const char *fields[] = {"X1", "テスト", "テスト", "MSW", "北病院", "北", "", "experienced"};
    fields[col] = value;
    char csv[512];
    snprintf(csv, sizeof csv,
             "id,name,kana,profession,organization,region,interest_regions,experience\n"
             "%s,%s,%s,%s,%s,%s,%s,%s\n",
             fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7]);
    tsunagu_diags *d = tsunagu_diags_new();
    json_t *j = json_loads(regions_json, 0, NULL);
    tsunagu_regions *rg = tsunagu_regions_from_json(j, "<regions>", d);
    json_decref(j);
    tsunagu_roster *r = tsunagu_roster_read_buffer(csv, strlen(csv), "list.csv", rg, NULL, d);
    assert_null(r);
    char *text = NULL;
    for (size_t i = 0; !text && i < tsunagu_diags_count(d); i++)
        if (tsunagu_diags_get(d, i)->severity == TSUNAGU_ERROR)
            text = tsunagu_strdup(tsunagu_diags_get(d, i)->text);
    assert_non_null(text);
    tsunagu_regions_free(rg);
    tsunagu_diags_free(d);
    return text;
}

/* A profession, region, interest region or experience the list would
 * refuse is refused in a plan with the list's own words, at the line of
 * the value: one reader checks both (input/attendee_read.c). */
static void attendee_is_checked_as_the_list_checks_it(void **state)
{
    (void)state;
    static const struct {
        const char *key;
        int col;
        const char *value;
    } cases[] = {{"profession", 3, "MWS"},
                 {"region", 5, "火星"},
                 {"interest_regions", 6, "月"},
                 {"experience", 7, "veteran"}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char *expected = list_error(cases[c].col, cases[c].value);
        json_t *j = good_json();
        json_t *a = json_array_get(json_object_get(j, "attendees"), 2);
        if (strcmp(cases[c].key, "interest_regions") == 0)
            json_array_append_new(json_object_get(a, cases[c].key), json_string(cases[c].value));
        else
            json_object_set_new(a, cases[c].key, json_string(cases[c].value));
        char marker[64];
        snprintf(marker, sizeof marker, "\"%s\"", cases[c].value);
        expect_refused(j, expected, marker);
        json_decref(j);
        free(expected);
    }
}

/* What the list accepts a plan accepts too, normalised the same way; its
 * warnings were said when the list was read and are not repeated. */
static void attendee_values_are_normalised_as_the_list_does(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_t *as = json_object_get(j, "attendees");
    json_t *a = json_array_get(as, 2);
    json_object_set_new(a, "experience", json_string("これから"));
    json_object_set_new(a, "profession", json_string("医療ソーシャルワーカー"));
    json_object_set_new(a, "organization", json_string("  南病院  "));
    json_object_set_new(a, "together", json_pack("[s]", "A1; A2"));
    json_object_set_new(a, "pin_afternoon", json_string("MSW-A")); /* an older plan's key */
    /* the list would warn: 北市 is in 北, not in 南 */
    json_object_set_new(a, "municipality", json_string("北市"));
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = tsunagu_plan_from_json(j, "<memory>", d);
    tsunagu_diags_print(d, stderr);
    assert_non_null(p);
    assert_int_equal(tsunagu_diags_count(d), 0);
    const tsunagu_attendee *at = &p->roster->items[2];
    assert_int_equal(at->experience, TSUNAGU_PLANNING);
    assert_int_equal(at->profession, TSUNAGU_MSW);
    assert_string_equal(at->organization, "南病院");
    assert_string_equal(at->org_key, p->roster->items[5].org_key);
    assert_int_equal(at->n_together, 2);
    assert_string_equal(at->together[1], "A2");
    assert_int_equal(at->n_pins, 1);
    assert_string_equal(at->pins[0].column, "pin_afternoon");
    assert_string_equal(at->pins[0].session, "afternoon");
    assert_string_equal(tsunagu_event_pin(p->event, 1, at), "MSW-A");
    assert_int_equal(at->region, SOUTH);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
    json_decref(j);
}

static void duplicate_attendee_id_is_refused(void **state)
{
    (void)state;
    json_t *j = good_json();
    json_object_set_new(json_array_get(json_object_get(j, "attendees"), 1), "id", json_string("A1"));
    /* at the second "A1", after the first attendee's name */
    expect_refused_after(j, "duplicate attendee id \"A1\"", "\"参加者1\"", "\"id\": \"A1\"");
    json_decref(j);
    /* a request naming nobody of the plan */
    j = good_json();
    json_object_set_new(json_array_get(json_object_get(j, "attendees"), 3), "apart",
                        json_pack("[s]", "ZZ9"));
    expect_refused(j, "unknown attendee id \"ZZ9\" in \"apart\"", "\"apart\"");
    json_decref(j);
}

static void seats_are_written_from_the_tables(void **state)
{
    (void)state;
    tsunagu_plan *p = build_plan();
    p->sessions[0].seat[0] = 2; /* a stale cache: A1 is listed at table 1 */
    json_t *j = tsunagu_plan_to_json(p);
    json_t *seats = json_object_get(json_array_get(json_object_get(j, "attendees"), 0), "seats");
    assert_string_equal(json_string_value(json_object_get(seats, "morning")), "1");
    json_decref(j);
    tsunagu_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(scores_match_the_hand_count, setup_en),
        cmocka_unit_test_setup(round_trip_gives_the_same_bytes, setup_en),
        cmocka_unit_test_setup(input_file_is_written_as_its_base_name, setup_en),
        cmocka_unit_test_setup(members_are_written_sorted_by_kana, setup_en),
        cmocka_unit_test_setup(unknown_member_is_refused, setup_en),
        cmocka_unit_test_setup(seat_disagreeing_with_its_table_is_refused, setup_en),
        cmocka_unit_test_setup(stopped_at_time_limit_round_trips, setup_en),
        cmocka_unit_test_setup(attendee_at_two_tables_is_refused, setup_en),
        cmocka_unit_test_setup(wrong_format_is_refused, setup_en),
        cmocka_unit_test_setup(sessions_must_match_the_event, setup_en),
        cmocka_unit_test_setup(broken_embedded_event_is_reported_at_its_line, setup_en),
        cmocka_unit_test_setup(other_attendee_with_a_seat_is_refused, setup_en),
        cmocka_unit_test_setup(messages_in_japanese_keep_their_arguments, setup_en),
        cmocka_unit_test_setup(every_required_key_is_checked, setup_en),
        cmocka_unit_test_setup(seats_are_written_from_the_tables, setup_en),
        cmocka_unit_test_setup(attendee_is_checked_as_the_list_checks_it, setup_en),
        cmocka_unit_test_setup(attendee_values_are_normalised_as_the_list_does, setup_en),
        cmocka_unit_test_setup(duplicate_attendee_id_is_refused, setup_en),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
