/* test_roles.c - who holds each role of a group (src/model/roles.c), the
 * desk's refresh, an organiser's pick by hand, and the running order of a
 * sharing session (src/plan/presentations.c): small days solved by hand
 * through tsunagu_solve, each group made of one track so that the test
 * knows its members. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/tsunagu.h"

/* One group per track (tables 1), any size; roles chair (experienced,
 * hard), scribe, talk; chair and talk never one person; colleagues spread
 * (soft).  Then the groups present. */
static const char *event_text =
    "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"T\", \"sessions\": [\n"
    " {\"id\": \"wg\", \"title\": \"Groups\", \"kind\": \"workgroup\", \"tables\": 1,\n"
    "  \"size\": {\"min\": 1, \"max\": 20},\n"
    "  \"tracks\": [{\"id\": \"M\", \"professions\": [\"MSW\"]},\n"
    "             {\"id\": \"C\", \"professions\": [\"CSS\", \"CENTER\"]}],\n"
    "  \"rules\": {\"experienced\": {\"weight\": 0}},\n"
    "  \"roles\": [{\"id\": \"chair\", \"label\": \"司会\", \"label_en\": \"Chair\"},\n"
    "            {\"id\": \"scribe\", \"label\": \"書記\", \"label_en\": \"Scribe\"},\n"
    "            {\"id\": \"talk\", \"label\": \"発表者\", \"label_en\": \"Speaker\"}],\n"
    "  \"role_rules\": [{\"rule\": \"experienced\", \"role\": \"chair\"},\n"
    "                 {\"rule\": \"not_same_person\", \"roles\": [\"chair\", \"talk\"]},\n"
    "                 {\"rule\": \"spread_organisations\", \"weight\": 5}]},\n"
    " {\"id\": \"share\", \"title\": \"Sharing\", \"kind\": \"sharing\", \"start\": \"15:20\",\n"
    "  \"end\": \"%s\", \"presentations\": {\"minutes\": 7, \"qa_minutes\": 3,\n"
    "  \"order\": \"%s\", \"presenter\": \"talk\"}}]}\n";

#define HEAD "id,name,kana,profession,organization,region,experience\n"

static int setup_en(void **state)
{
    (void)state;
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    return 0;
}

/* Solve the list (CSV text) under the test event; opt may be NULL. */
static tsunagu_plan *solve_ending(const char *csv, const char *end, const char *order,
                                  tsunagu_solve_options *opt, tsunagu_diags *d)
{
    char event[4096];
    snprintf(event, sizeof event, event_text, end, order);
    tsunagu_regions *rg = tsunagu_regions_load_default(d);
    tsunagu_event *e = tsunagu_event_read_buffer(event, strlen(event), "event.json", d);
    assert_non_null(rg);
    assert_non_null(e);
    tsunagu_roster *r = tsunagu_roster_read_buffer(csv, strlen(csv), "list.csv", rg, e->professions, d);
    assert_non_null(r);
    tsunagu_solve_options o;
    tsunagu_solve_options_init(&o);
    if (!opt)
        opt = &o;
    tsunagu_plan *p = NULL;
    int rc = tsunagu_solve(r, rg, e, opt, &p, d);
    tsunagu_diags_print(d, stderr);
    return rc == 0 ? p : NULL;
}

static tsunagu_plan *solve_with(const char *csv, const char *order, tsunagu_solve_options *opt,
                                tsunagu_diags *d)
{
    return solve_ending(csv, "15:40", order, opt, d);
}

static tsunagu_plan *solve(const char *csv, tsunagu_diags *d)
{
    return solve_with(csv, "by_track", NULL, d);
}

/* The group of track index k (tables 1: table k of the workgroup). */
static const tsunagu_table *group(const tsunagu_plan *p, int k)
{
    return &p->sessions[0].tables[k];
}

/* Id of the holder of role r of group k, or "-" for nobody. */
static const char *holder(const tsunagu_plan *p, int k, int r)
{
    long i = group(p, k)->roles[r];
    return i >= 0 ? p->roster->items[i].id : "-";
}

static bool said(const tsunagu_diags *d, const char *needle)
{
    for (size_t i = 0; i < tsunagu_diags_count(d); i++)
        if (strstr(tsunagu_diags_get(d, i)->text, needle))
            return true;
    return false;
}

static bool warned(const tsunagu_plan *p, const char *needle)
{
    for (int i = 0; i < p->n_warnings; i++)
        if (strstr(p->warnings[i], needle))
            return true;
    return false;
}

/* E1, E2 experienced; N1..N3 newcomers; all of different organisations. */
static const char *five =
    HEAD "E1,E1,あ,MSW,病院1,千葉,experienced\n"
         "N1,N1,い,MSW,病院2,千葉,planning\n"
         "N2,N2,う,MSW,病院3,千葉,planning\n"
         "E2,E2,え,MSW,病院4,千葉,experienced\n"
         "N3,N3,お,MSW,病院5,千葉,planning\n";

static void every_role_held_once_the_chair_experienced(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(five, d);
    assert_non_null(p);
    const char *chair = holder(p, 0, 0), *scribe = holder(p, 0, 1), *talk = holder(p, 0, 2);
    assert_true(strcmp(chair, "E1") == 0 || strcmp(chair, "E2") == 0);
    assert_string_not_equal(scribe, "-");
    assert_string_not_equal(talk, "-");
    assert_string_not_equal(chair, scribe);
    assert_string_not_equal(chair, talk);
    assert_string_not_equal(scribe, talk);
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "roles_unfilled"), 0);
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "roles_doubled"), 0);
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "role_rule_breaks"), 0);
    /* the same list gives the same holders: the tie-break is the data's */
    tsunagu_diags *d2 = tsunagu_diags_new();
    tsunagu_plan *again = solve(five, d2);
    for (int r = 0; r < 3; r++)
        assert_string_equal(holder(p, 0, r), holder(again, 0, r));
    tsunagu_plan_free(again);
    tsunagu_diags_free(d2);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* Colleagues B1, B2 (病院B): the roles go to people of three organisations. */
static void roles_spread_across_organisations(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(HEAD "B1,B1,あ,MSW,病院B,千葉,experienced\n"
                                 "B2,B2,い,MSW,病院B,千葉,planning\n"
                                 "C1,C1,う,MSW,病院C,千葉,planning\n"
                                 "D1,D1,え,MSW,病院D,千葉,planning\n",
                            d);
    assert_non_null(p);
    assert_string_equal(holder(p, 0, 0), "B1"); /* the only one experienced */
    for (int r = 1; r < 3; r++)
        assert_string_not_equal(holder(p, 0, r), "B2");
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "role_rule_breaks"), 0);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* Two members for three roles: one holds two, never chair and talk, and
 * the plan says so. */
static void a_small_group_doubles_and_says_so(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(HEAD "E1,E1,あ,MSW,病院1,千葉,experienced\n"
                                 "N1,N1,い,MSW,病院2,千葉,planning\n",
                            d);
    assert_non_null(p);
    assert_string_equal(holder(p, 0, 0), "E1");
    assert_string_equal(holder(p, 0, 2), "N1");
    assert_string_not_equal(holder(p, 0, 1), "-");
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "roles_doubled"), 1);
    assert_true(warned(p, "has 2 members for 3 roles"));
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* Nobody experienced in the CSS group: no chair, and the plan says why;
 * the other roles are held. */
static void a_role_nobody_may_hold_is_explained(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(HEAD "E1,E1,あ,MSW,病院1,千葉,experienced\n"
                                 "N1,N1,い,CSS,相談1,千葉,planning\n"
                                 "N2,N2,う,CSS,相談2,千葉,planning\n"
                                 "N3,N3,え,CSS,相談3,千葉,planning\n",
                            d);
    assert_non_null(p);
    assert_string_equal(holder(p, 1, 0), "-");
    assert_string_not_equal(holder(p, 1, 1), "-");
    assert_string_not_equal(holder(p, 1, 2), "-");
    assert_true(warned(p, "nobody may be the Chair"));
    /* and E1 alone in M's group: chair and scribe, but the talk is never the chair's */
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "roles_unfilled"), 1 + 1);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* A re-plan keeps holders who stay in their group, even where a fresh
 * assignment would choose others. */
static void a_replan_keeps_the_holders(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *first = solve(five, d);
    assert_non_null(first);
    /* hand the roles to others than the solver chose (still within the rules) */
    tsunagu_table *tb = &first->sessions[0].tables[0];
    long chosen[3] = {tb->roles[0], tb->roles[1], tb->roles[2]};
    long e1 = tsunagu_roster_find(first->roster, "E1"), e2 = tsunagu_roster_find(first->roster, "E2");
    tb->roles[0] = tb->roles[0] == e1 ? e2 : e1;
    for (int r = 1; r < 3; r++)
        for (long i = 0; i < 5; i++) {
            bool taken = i == tb->roles[0] || (r == 2 && i == tb->roles[1]);
            if (!taken && i != chosen[r] && first->roster->items[i].experience == TSUNAGU_PLANNING) {
                tb->roles[r] = i;
                break;
            }
        }
    tsunagu_solve_options o;
    tsunagu_solve_options_init(&o);
    o.previous = first;
    tsunagu_plan *again = solve_with(five, "by_track", &o, d);
    assert_non_null(again);
    for (int r = 0; r < 3; r++)
        assert_string_equal(holder(again, 0, r), first->roster->items[tb->roles[r]].id);
    tsunagu_plan_free(again);
    tsunagu_plan_free(first);
    tsunagu_diags_free(d);
}

/* The chair is not on the new list: the re-plan gives the role to the other
 * experienced member and says in whose place. */
static void a_replan_says_who_took_a_role(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *first = solve(five, d);
    assert_non_null(first);
    assert_int_equal(tsunagu_plan_set_role(first, "wg", "E1", "chair", d), 0);
    tsunagu_solve_options o;
    tsunagu_solve_options_init(&o);
    o.previous = first;
    tsunagu_diags *d2 = tsunagu_diags_new();
    const char *without_e1 = HEAD "N1,N1,い,MSW,病院2,千葉,planning\n"
                                  "N2,N2,う,MSW,病院3,千葉,planning\n"
                                  "E2,E2,え,MSW,病院4,千葉,experienced\n"
                                  "N3,N3,お,MSW,病院5,千葉,planning\n";
    tsunagu_plan *again = solve_with(without_e1, "by_track", &o, d2);
    assert_non_null(again);
    assert_string_equal(holder(again, 0, 0), "E2");
    assert_true(said(d2, "M group A: E2 is now the Chair, in place of E1"));
    tsunagu_plan_free(again);
    tsunagu_plan_free(first);
    tsunagu_diags_free(d2);
    tsunagu_diags_free(d);
}

static void the_organiser_names_a_holder(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_role_pin pin = {"N3", NULL, "発表者"};
    tsunagu_solve_options o;
    tsunagu_solve_options_init(&o);
    o.role_pins = &pin;
    o.n_role_pins = 1;
    tsunagu_plan *p = solve_with(five, "by_track", &o, d);
    assert_non_null(p);
    assert_string_equal(holder(p, 0, 2), "N3");
    tsunagu_plan_free(p);
    /* a newcomer cannot be named to a role a hard rule keeps for the experienced */
    pin = (tsunagu_role_pin){"N1", "wg", "chair"};
    assert_null(solve_with(five, "by_track", &o, d));
    assert_true(said(d, "N1 cannot be the Chair"));
    pin = (tsunagu_role_pin){"N1", NULL, "host"};
    assert_null(solve_with(five, "by_track", &o, d));
    assert_true(said(d, "--role N1=host: no session has that role"));
    tsunagu_diags_free(d);
}

/* The chair is cancelled at the desk: someone else experienced chairs, the
 * others keep their roles, and the desk is told. */
static void a_cancelled_chair_is_replaced(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(five, d);
    assert_non_null(p);
    /* E1 chairs, N1 and N2 the rest: E2, the other experienced, holds nothing */
    assert_int_equal(tsunagu_plan_set_role(p, "wg", "E1", "chair", d), 0);
    assert_int_equal(tsunagu_plan_set_role(p, "wg", "N1", "scribe", d), 0);
    assert_int_equal(tsunagu_plan_set_role(p, "wg", "N2", "talk", d), 0);
    const char *chair = "E1", *scribe = "N1", *talk = "N2";
    assert_int_equal(tsunagu_plan_remove(p, chair, d), 0);
    assert_string_equal(holder(p, 0, 0), "-");
    assert_true(said(d, "was the Chair of"));
    assert_int_equal(tsunagu_plan_refresh_roles(p, d), 1);
    assert_string_equal(holder(p, 0, 0), "E2");
    assert_string_equal(holder(p, 0, 1), scribe);
    assert_string_equal(holder(p, 0, 2), talk);
    assert_true(said(d, "is now the Chair"));
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "roles_unfilled"), 0);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* A walk-in joins a group too small for its roles: nobody doubles any more. */
static void a_walkin_ends_a_double(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(HEAD "E1,E1,あ,MSW,病院1,千葉,experienced\n"
                                 "N1,N1,い,MSW,病院2,千葉,planning\n",
                            d);
    assert_non_null(p);
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "roles_doubled"), 1);
    tsunagu_walkin w = {.name = "W", .profession = "MSW", .organization = "病院9", .region = "千葉",
                        .experience = "planning"};
    const char *id = NULL;
    assert_int_equal(tsunagu_plan_add(p, &w, &id, d), 0);
    assert_true(tsunagu_plan_refresh_roles(p, d) >= 1);
    assert_int_equal(tsunagu_plan_score_get(p, "wg", "roles_doubled"), 0);
    assert_string_equal(holder(p, 0, 0), "E1");
    assert_true(strcmp(holder(p, 0, 1), id) == 0 || strcmp(holder(p, 0, 2), id) == 0);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

static void the_organiser_picks_a_holder_by_hand(void **state)
{
    (void)state;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(five, d);
    assert_non_null(p);
    char talk[8], scribe[8];
    snprintf(talk, sizeof talk, "%s", holder(p, 0, 2));
    snprintf(scribe, sizeof scribe, "%s", holder(p, 0, 1));
    /* the scribe becomes the speaker: the speaker takes the scribe's role */
    assert_int_equal(tsunagu_plan_set_role(p, "wg", scribe, "talk", d), 0);
    assert_string_equal(holder(p, 0, 2), scribe);
    assert_string_equal(holder(p, 0, 1), talk);
    /* a newcomer may not chair (hard); nobody outside the session's roles */
    assert_int_equal(tsunagu_plan_set_role(p, "wg", "N1", "chair", d), -1);
    assert_true(said(d, "held by someone experienced"));
    assert_int_equal(tsunagu_plan_set_role(p, "wg", "N1", "host", d), -1);
    assert_int_equal(tsunagu_plan_set_role(p, "nowhere", "N1", "talk", d), -1);
    assert_string_equal(holder(p, 0, 2), scribe);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* One group per track, alternating: M-A, then C-A; 7 + 3 minutes each
 * from 15:20, so the second ends at 15:40, the session's end. */
static void the_running_order_follows_the_settings(void **state)
{
    (void)state;
    const char *list = HEAD "E1,E1,あ,MSW,病院1,千葉,experienced\n"
                            "N1,N1,い,MSW,病院2,千葉,planning\n"
                            "E2,E2,う,CSS,相談1,千葉,experienced\n";
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve_with(list, "alternate", NULL, d);
    assert_non_null(p);
    int n = 0;
    tsunagu_presentation *turns = tsunagu_plan_presentations(p, 1, &n);
    assert_int_equal(n, 2);
    assert_string_equal(group(p, turns[0].table)->id, "M-A");
    assert_string_equal(group(p, turns[1].table)->id, "C-A");
    assert_int_equal(turns[0].start, 15 * 60 + 20);
    assert_int_equal(turns[0].qa, 15 * 60 + 27);
    assert_int_equal(turns[1].start, 15 * 60 + 30);
    assert_int_equal(turns[1].end, 15 * 60 + 40);
    assert_string_equal(p->roster->items[tsunagu_plan_presenter(p, 1, &turns[0])].id, "N1");
    assert_false(warned(p, "after the session's end"));
    free(turns);
    assert_null(tsunagu_plan_presentations(p, 0, &n)); /* not a sharing session */
    assert_int_equal(n, 0);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* Two groups of 7 + 3 minutes from 15:20 end at 15:40: after a 15:35 end
 * a warning names the session and when the last turn ends. */
static void an_order_past_the_end_is_a_warning(void **state)
{
    (void)state;
    const char *list = HEAD "E1,E1,あ,MSW,病院1,千葉,experienced\n"
                            "E2,E2,う,CSS,相談1,千葉,experienced\n";
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve_ending(list, "15:35", "by_track", NULL, d);
    assert_non_null(p);
    assert_true(warned(p, "Sharing: 2 groups of 7 + 3 minutes end at 15:40, after the session's end 15:35"));
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* ---- on paper ------------------------------------------------------------- */

static char *render(const tsunagu_plan *p, tsunagu_chart_format format)
{
    tsunagu_chart_options o;
    tsunagu_chart_options_init(&o);
    o.format = format;
    size_t len = 0;
    tsunagu_diags *d = tsunagu_diags_new();
    char *out = tsunagu_chart_render(p, &o, &len, d);
    tsunagu_diags_free(d);
    assert_non_null(out);
    return out;
}

/* The roles beside the names on rosters and signs, the badge list's role
 * column, and the MC's sheet with each group's presenter and times. */
static void roles_and_order_are_printed(void **state)
{
    (void)state;
    tsunagu_lang_set(TSUNAGU_LANG_JA);
    const char *list = HEAD "E1,山田 一郎,あ,MSW,病院1,千葉,experienced\n"
                            "N1,佐藤 花子,い,MSW,病院2,千葉,planning\n"
                            "N2,鈴木 次郎,う,MSW,病院3,千葉,planning\n"
                            "E2,田中 三郎,え,CSS,相談1,千葉,experienced\n";
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve_with(list, "by_track", NULL, d);
    assert_non_null(p);
    assert_int_equal(tsunagu_plan_set_role(p, "wg", "N1", "talk", d), 0);
    char *text = render(p, TSUNAGU_CHART_TEXT);
    assert_non_null(strstr(text, "山田 一郎（司会）"));
    assert_non_null(strstr(text, "佐藤 花子（発表者）"));
    assert_non_null(strstr(text, "== 進行表: Sharing  15:20-15:40 =="));
    assert_non_null(strstr(text, "   1  15:20  質疑 15:27"));
    assert_non_null(strstr(text, "発表者: 佐藤 花子"));
    assert_non_null(strstr(text, "   2  15:30  質疑 15:37"));
    char *html = render(p, TSUNAGU_CHART_HTML);
    assert_non_null(strstr(html, "山田 一郎 <span class=\"role\""));
    assert_non_null(strstr(html, "<section class=\"programme\">"));
    assert_non_null(strstr(html, "<td>佐藤 花子</td><td></td></tr>")); /* the topic to write in */
    assert_non_null(strstr(html, "司会 山田 一郎")); /* on M-A's sign */
    char *csv = render(p, TSUNAGU_CHART_CSV);
    assert_non_null(strstr(csv, "\"グループ\",\"役割\"\r\n"));
    assert_non_null(strstr(csv, "\"M グループA\",\"発表者\"\r\n"));
    assert_null(strstr(csv, "(share)")); /* a sharing session has no seat column */
    free(text);
    free(html);
    free(csv);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* A role given to someone else: the diff says so and names the group to
 * reprint, and the changed-only charts hold that group, its sign and the
 * two badges, nothing else. */
static void a_role_change_is_a_change_to_reprint(void **state)
{
    (void)state;
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    const char *list = HEAD "E1,E1,あ,MSW,病院1,千葉,experienced\n"
                            "N1,N1,い,MSW,病院2,千葉,planning\n"
                            "N2,N2,う,MSW,病院3,千葉,planning\n"
                            "E2,E2,え,CSS,相談1,千葉,experienced\n";
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *old = solve(list, d), *now = solve(list, d);
    assert_non_null(old);
    const char *holders[2][3] = {{"E1", "N2", "N1"}, {"E1", "N1", "N2"}}; /* chair, scribe, talk */
    const char *roles[3] = {"chair", "scribe", "talk"};
    for (int r = 0; r < 3; r++) {
        assert_int_equal(tsunagu_plan_set_role(old, "wg", holders[0][r], roles[r], d), 0);
        assert_int_equal(tsunagu_plan_set_role(now, "wg", holders[1][r], roles[r], d), 0);
    }
    char *diff = tsunagu_plan_diff_text(old, now);
    assert_non_null(strstr(diff, "Roles:\n  M group A, Scribe: N2 -> N1\n  M group A, Speaker: N1 -> N2\n"));
    assert_non_null(strstr(diff, "Tables to reprint:\n  Groups: M group A\n"));
    free(diff);
    tsunagu_chart_options o;
    tsunagu_chart_options_init(&o);
    o.format = TSUNAGU_CHART_CSV;
    o.only_changed_since = old;
    size_t len = 0;
    char *csv = tsunagu_chart_render(now, &o, &len, d);
    assert_non_null(strstr(csv, "\"N1\""));
    assert_non_null(strstr(csv, "\"N2\""));
    assert_null(strstr(csv, "\"E2\""));
    free(csv);
    o.format = TSUNAGU_CHART_HTML;
    char *html = tsunagu_chart_render(now, &o, &len, d);
    assert_non_null(strstr(html, "Speaker N2")); /* the sign again */
    assert_null(strstr(html, "C-A</div>"));      /* not the other group's */
    free(html);
    tsunagu_plan_free(old);
    tsunagu_plan_free(now);
    tsunagu_diags_free(d);
}

/* ---- the plan file: roles and the running order read back, checked ---- */

/* Read doc back as a plan; NULL expected with an error containing needle. */
static void refused(json_t *doc, const char *needle)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = tsunagu_plan_from_json(doc, "plan.json", d);
    if (p || !said(d, needle))
        tsunagu_diags_print(d, stderr);
    assert_null(p);
    assert_true(said(d, needle));
    tsunagu_diags_free(d);
    json_decref(doc);
}

static json_t *roles_of(json_t *doc, int table)
{
    json_t *s = json_array_get(json_object_get(doc, "sessions"), 0);
    return json_object_get(json_array_get(json_object_get(s, "tables"), (size_t)table), "roles");
}

static void roles_and_order_are_read_back_checked(void **state)
{
    (void)state;
    const char *list = HEAD "E1,E1,あ,MSW,病院1,千葉,experienced\n"
                            "N1,N1,い,MSW,病院2,千葉,planning\n"
                            "E2,E2,う,CSS,相談1,千葉,experienced\n"
                            "N2,N2,え,CSS,相談2,千葉,planning\n";
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve_with(list, "by_track", NULL, d);
    assert_non_null(p);
    size_t len = 0;
    char *bytes = tsunagu_plan_dump(p, &len);
    assert_non_null(strstr(bytes, "\"roles\": {\n"));
    assert_non_null(strstr(bytes, "\"presentations\": [\n"));
    tsunagu_plan *again = tsunagu_plan_read_buffer(bytes, len, "plan.json", d);
    assert_non_null(again);
    size_t len2 = 0;
    char *bytes2 = tsunagu_plan_dump(again, &len2);
    assert_string_equal(bytes, bytes2); /* the same bytes */
    free(bytes2);
    tsunagu_plan_free(again);

    json_t *doc = tsunagu_plan_to_json(p);
    json_object_set_new(roles_of(doc, 0), "chair", json_string("E2")); /* of the other group */
    refused(doc, "\"E2\" holds role \"chair\" of group \"M-A\" but is not a member of it");
    doc = tsunagu_plan_to_json(p);
    json_object_set_new(roles_of(doc, 0), "host", json_null());
    refused(doc, "unknown role \"host\"");
    doc = tsunagu_plan_to_json(p);
    json_object_del(roles_of(doc, 1), "talk");
    refused(doc, "role \"talk\" is missing");
    doc = tsunagu_plan_to_json(p);
    json_t *share = json_array_get(json_object_get(doc, "sessions"), 1);
    json_t *turns = json_object_get(share, "presentations");
    json_array_append(turns, json_array_get(turns, 0)); /* a group twice */
    refused(doc, "\"presentations\" should be the running order");
    doc = tsunagu_plan_to_json(p);
    share = json_array_get(json_object_get(doc, "sessions"), 1);
    json_array_append_new(json_object_get(share, "tables"), json_object());
    refused(doc, "a sharing session seats nobody");
    free(bytes);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(every_role_held_once_the_chair_experienced, setup_en),
        cmocka_unit_test_setup(roles_spread_across_organisations, setup_en),
        cmocka_unit_test_setup(a_small_group_doubles_and_says_so, setup_en),
        cmocka_unit_test_setup(a_role_nobody_may_hold_is_explained, setup_en),
        cmocka_unit_test_setup(a_replan_keeps_the_holders, setup_en),
        cmocka_unit_test_setup(a_replan_says_who_took_a_role, setup_en),
        cmocka_unit_test_setup(the_organiser_names_a_holder, setup_en),
        cmocka_unit_test_setup(a_cancelled_chair_is_replaced, setup_en),
        cmocka_unit_test_setup(a_walkin_ends_a_double, setup_en),
        cmocka_unit_test_setup(the_organiser_picks_a_holder_by_hand, setup_en),
        cmocka_unit_test_setup(the_running_order_follows_the_settings, setup_en),
        cmocka_unit_test_setup(an_order_past_the_end_is_a_warning, setup_en),
        cmocka_unit_test_setup(roles_and_order_are_read_back_checked, setup_en),
        cmocka_unit_test_setup(roles_and_order_are_printed, setup_en),
        cmocka_unit_test_setup(a_role_change_is_a_change_to_reprint, setup_en),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
