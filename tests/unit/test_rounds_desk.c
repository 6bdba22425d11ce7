/* test_rounds_desk.c - the desk on a session with rounds (席替え): a
 * cancellation that breaks a hard rule in a later round is seen
 * (tsunagu_plan_hard_breaks) and a re-plan mends it, with its moves in the
 * later rounds; a restoration seats the person in every round; the
 * pigeonhole count behind the rounds' lower bound; a walk-in's route is
 * refused when a hard no_pair_twice cannot hold for it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/rules_private.h"
#include "tsunagu/event.h"
#include "tsunagu/lang.h"
#include "tsunagu/plan.h"
#include "tsunagu/regions.h"
#include "tsunagu/replan.h"
#include "tsunagu/roster.h"
#include "tsunagu/solve.h"
#include "test_support.h"

/* The bundled rounds event with `from` replaced by `to`, into path. */
static void event_with(const char *path, const char *from, const char *to)
{
    char name[1024];
    FILE *in = fopen(data_file(name, sizeof name, "events/tsunagarou-rounds.json"), "r");
    assert_non_null(in);
    char *text = calloc(1, 1 << 16);
    size_t len = fread(text, 1, (1 << 16) - 1, in);
    fclose(in);
    text[len] = '\0';
    char *at = strstr(text, from);
    assert_non_null(at);
    FILE *out = fopen(path, "w");
    fwrite(text, 1, (size_t)(at - text), out);
    fputs(to, out);
    fputs(at + strlen(from), out);
    fclose(out);
    free(text);
}

static tsunagu_plan *solve(const char *event_path, tsunagu_diags *d)
{
    char list[1024];
    tsunagu_regions *rg = tsunagu_regions_load_default(d);
    tsunagu_event *e = tsunagu_event_load(event_path, d);
    assert_non_null(rg);
    assert_non_null(e);
    tsunagu_roster *r = tsunagu_roster_read_file(data_file(list, sizeof list, "samples/attendees.csv"), rg,
                                                 e->professions, d);
    assert_non_null(r);
    tsunagu_solve_options opt;
    tsunagu_solve_options_init(&opt);
    opt.time_limit = 20;
    tsunagu_plan *p = NULL;
    assert_int_equal(tsunagu_solve(r, rg, e, &opt, &p, d), 0);
    return p;
}

/* Tables of every round of the morning seating both sides of the mix,
 * counted here. */
static int unmixed_tables(const tsunagu_plan *p)
{
    const tsunagu_session_plan *sp = &p->sessions[0];
    int bad = 0;
    for (int r = 0; r <= sp->n_later; r++) {
        const tsunagu_session_plan *rp = r == 0 ? sp : &sp->later[r - 1];
        for (int t = 0; t < rp->n_tables; t++) {
            bool side[2] = {false, false};
            for (size_t m = 0; m < rp->tables[t].n_members; m++)
                side[sp->spec->side[p->roster->items[rp->tables[t].members[m]].profession] != 0] = true;
            bad += !(side[0] && side[1]);
        }
    }
    return bad;
}

/* The morning of the bundled day with tables of 2 to 10 (no size broken
 * by a few cancellations): every welfare-side member of one round-2 table
 * cancelled leaves it MSWs only.  Round 1 is fine, so only the later
 * round's check sees it; a re-plan mends it, moving people of the later
 * rounds only, each move recorded under its round. */
static void cancellation_breaking_a_later_round_is_mended(void **state)
{
    (void)state;
    char dir[] = "/tmp/tsunagu-rounds-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char ev[128];
    snprintf(ev, sizeof ev, "%s/ev.json", dir);
    event_with(ev, "\"size\": { \"min\": 6, \"max\": 10 }", "\"size\": { \"min\": 2, \"max\": 10 }");
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(ev, d);
    assert_int_equal(unmixed_tables(p), 0);
    assert_int_equal(tsunagu_plan_hard_breaks(p, NULL), 0);

    /* the round-2 table with the fewest of the welfare side */
    const tsunagu_session_plan *r2 = &p->sessions[0].later[0];
    const tsunagu_session_spec *spec = p->sessions[0].spec;
    int pick = -1, fewest = 1000;
    for (int t = 0; t < r2->n_tables; t++) {
        int w = 0;
        for (size_t m = 0; m < r2->tables[t].n_members; m++)
            w += spec->side[p->roster->items[r2->tables[t].members[m]].profession] != 0;
        if (w < fewest) {
            fewest = w;
            pick = t;
        }
    }
    char ids[16][16];
    int n = 0;
    for (size_t m = 0; m < r2->tables[pick].n_members; m++) {
        const tsunagu_attendee *a = &p->roster->items[r2->tables[pick].members[m]];
        if (spec->side[a->profession] != 0)
            snprintf(ids[n++], sizeof ids[0], "%s", a->id);
    }
    for (int k = 0; k < n; k++)
        assert_int_equal(tsunagu_plan_remove(p, ids[k], d), 0);
    assert_true(unmixed_tables(p) > 0);
    char *what = NULL;
    assert_true(tsunagu_plan_hard_breaks(p, &what) > 0);
    assert_non_null(strstr(what, "session morning, round 2: "));
    assert_non_null(strstr(what, "the rule \"Every profession to mix, at every table\" must hold"));
    free(what);

    assert_int_equal(tsunagu_plan_repair(&p, NULL, d), 0);
    assert_int_equal(unmixed_tables(p), 0);
    assert_int_equal(tsunagu_plan_hard_breaks(p, NULL), 0);
    int later = 0, first = 0;
    for (int m = 0; m < p->n_moves; m++) {
        bool round = strncmp(p->moves[m].session, "morning#", 8) == 0;
        later += round;
        first += strcmp(p->moves[m].session, "morning") == 0;
        if (round) /* why: the rounds, not "the hard rules and table sizes" of round 1 */
            assert_string_equal(p->moves[m].why, tsunagu_move_reason_text(TSUNAGU_MOVE_ROUNDS));
    }
    assert_true(later > 0);   /* the later rounds were mended */
    assert_int_equal(first, 0); /* round 1 was not broken: nobody moves there */
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
    remove(ev);
    rmdir(dir);
}

/* Someone cancelled and restored sits in every round again, and the
 * rounds' hard rules still hold. */
static void restoration_seats_every_round(void **state)
{
    (void)state;
    char ev[1024];
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = solve(data_file(ev, sizeof ev, "events/tsunagarou-rounds.json"), d);
    assert_int_equal(tsunagu_plan_remove(p, "A0010", d), 0);
    const char *id = NULL;
    assert_int_equal(tsunagu_plan_restore(p, "A0010", &id, d), 0);
    long i = tsunagu_roster_find(p->roster, "A0010");
    assert_true(i >= 0);
    const tsunagu_session_plan *am = &p->sessions[0];
    assert_true(am->seat[i] >= 0);
    for (int r = 0; r < am->n_later; r++)
        assert_true(am->later[r].seat[i] >= 0);
    assert_int_equal(am->repeats, 0);
    assert_int_equal(tsunagu_plan_hard_breaks(p, NULL), 0);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
}

/* A table's seats spread over the groups as evenly as their sizes allow. */
static void pigeonhole_counts_the_fewest_pairs(void **state)
{
    (void)state;
    int three[] = {7, 7, 6};
    assert_int_equal(rule_spread_pairs(7, three, 3), 5); /* 3 + 2 + 2: 3 + 1 + 1 */
    assert_int_equal(rule_spread_pairs(6, three, 3), 3); /* 2 + 2 + 2 */
    assert_int_equal(rule_spread_pairs(3, three, 3), 0);
    int small[] = {1, 4};
    assert_int_equal(rule_spread_pairs(5, small, 2), 6); /* 1 + 4: C(4, 2) */
    assert_int_equal(rule_spread_pairs(6, small, 2), -1);
    int none[] = {0, 0, 3};
    assert_int_equal(rule_spread_pairs(2, none, 3), 1);
    assert_int_equal(rule_spread_pairs(0, none, 3), 0);
}

/* Three tables of three, four rounds: everyone has met everyone once.  A
 * walk-in at a table of three meets someone again in round 2 whatever
 * table they take; with no_pair_twice hard the desk refuses them and
 * says why, the plan unchanged. */
static void walkin_no_route_keeps_a_hard_rule(void **state)
{
    (void)state;
    char dir[] = "/tmp/tsunagu-rounds-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char ev[128], list[128];
    snprintf(ev, sizeof ev, "%s/ev.json", dir);
    snprintf(list, sizeof list, "%s/list.csv", dir);
    FILE *f = fopen(ev, "w");
    fprintf(f, "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"Rounds\", \"sessions\": [\n"
               "  {\"id\": \"am\", \"title\": \"Exchange\", \"kind\": \"exchange\",\n"
               "   \"size\": {\"min\": 3, \"max\": 4}, \"rounds\": 4,\n"
               "   \"rules\": {\"mix\": {\"weight\": 0}, \"region\": {\"weight\": 0},\n"
               "             \"experienced\": {\"weight\": 0}, \"colleagues\": {\"weight\": 0},\n"
               "             \"no_pair_twice\": {\"weight\": 100, \"hard\": true}}}\n]}\n");
    fclose(f);
    f = fopen(list, "w");
    fprintf(f, "id,name,kana,profession,organization,region\n");
    for (int i = 1; i <= 9; i++)
        fprintf(f, "B%d,人%d,ヒト%d,MSW,病院%d,千葉\n", i, i, i, i);
    fclose(f);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_regions *rg = tsunagu_regions_load_default(d);
    tsunagu_event *e = tsunagu_event_load(ev, d);
    tsunagu_roster *r = tsunagu_roster_read_file(list, rg, e->professions, d);
    tsunagu_solve_options opt;
    tsunagu_solve_options_init(&opt);
    opt.time_limit = 20;
    tsunagu_plan *p = NULL;
    assert_int_equal(tsunagu_solve(r, rg, e, &opt, &p, d), 0);
    assert_int_equal(p->sessions[0].n_tables, 3);
    assert_int_equal(p->sessions[0].repeats, 0);
    size_t before = p->roster->count;
    tsunagu_walkin w = {.name = "来場　太郎", .profession = "MSW", .organization = "飛込病院", .region = "千葉"};
    tsunagu_diags *d2 = tsunagu_diags_new();
    assert_int_equal(tsunagu_plan_add(p, &w, NULL, d2), -1);
    char *text = all_text(d2);
    assert_non_null(strstr(text, "every route of 来場　太郎 through the rounds of session am meets someone again"));
    free(text);
    assert_int_equal(p->roster->count, before);
    assert_int_equal(p->sessions[0].repeats, 0);
    for (int k = 0; k < p->sessions[0].n_later; k++)
        for (int t = 0; t < 3; t++)
            assert_int_equal(p->sessions[0].later[k].tables[t].n_members, 3);

    /* soft: seated, with a warning that says how often */
    e = (tsunagu_event *)p->event;
    e->sessions[0].rules[TSUNAGU_RULE_NO_PAIR_TWICE].hard = false;
    tsunagu_diags *d3 = tsunagu_diags_new();
    assert_int_equal(tsunagu_plan_add(p, &w, NULL, d3), 0);
    text = all_text(d3);
    assert_non_null(strstr(text, "meets people they have already sat with"));
    assert_non_null(strstr(text, "every route through its tables does"));
    free(text);
    assert_true(p->sessions[0].repeats > 0);
    tsunagu_diags_free(d3);
    tsunagu_diags_free(d2);
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
    remove(ev);
    remove(list);
    rmdir(dir);
}

/* A round of session 0 set by hand: table t seats the people of who[t]
 * (roster indices, -1 ends a table). */
static void set_round(tsunagu_plan *p, int r, const long who[][4])
{
    tsunagu_session_plan *rp = &p->sessions[0].later[r];
    for (size_t i = 0; i < p->roster->count; i++)
        rp->seat[i] = -1;
    for (int t = 0; t < rp->n_tables; t++) {
        tsunagu_table *tb = &rp->tables[t];
        tb->members = realloc(tb->members, 4 * sizeof *tb->members);
        tb->n_members = 0;
        for (int k = 0; k < 4 && who[t][k] >= 0; k++) {
            tb->members[tb->n_members++] = (size_t)who[t][k];
            rp->seat[who[t][k]] = t;
        }
    }
}

/* A room of 4 tables of 3 chairs, 8 people in 2 rounds.  Round 2 is set
 * by hand: the two people of round 1's table 1 sit alone at tables 1 and
 * 2, the six others fill tables 3 and 4.  A walk-in at table 1 (the best
 * table of round 1: all cost alike) could only meet one of them again in
 * round 2; with no_pair_twice hard the desk takes the next best table of
 * round 1 instead, from which a route meets nobody again. */
static void walkin_takes_another_first_table_for_a_hard_rule(void **state)
{
    (void)state;
    char dir[] = "/tmp/tsunagu-rounds-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char ev[128], list[128];
    snprintf(ev, sizeof ev, "%s/ev.json", dir);
    snprintf(list, sizeof list, "%s/list.csv", dir);
    FILE *f = fopen(ev, "w");
    fprintf(f, "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"Rounds\", \"sessions\": [\n"
               "  {\"id\": \"am\", \"title\": \"Exchange\", \"kind\": \"exchange\", \"tables\": 4,\n"
               "   \"size\": {\"min\": 2, \"max\": 3}, \"rounds\": 2,\n"
               "   \"rules\": {\"mix\": {\"weight\": 0}, \"region\": {\"weight\": 0},\n"
               "             \"experienced\": {\"weight\": 0}, \"colleagues\": {\"weight\": 0},\n"
               "             \"no_pair_twice\": {\"weight\": 100, \"hard\": true}}}\n]}\n");
    fclose(f);
    f = fopen(list, "w");
    fprintf(f, "id,name,kana,profession,organization,region\n");
    for (int i = 1; i <= 8; i++)
        fprintf(f, "B%d,人%d,ヒト%d,MSW,病院%d,千葉\n", i, i, i, i);
    fclose(f);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_regions *rg = tsunagu_regions_load_default(d);
    tsunagu_event *e = tsunagu_event_load(ev, d);
    tsunagu_roster *r = tsunagu_roster_read_file(list, rg, e->professions, d);
    tsunagu_solve_options opt;
    tsunagu_solve_options_init(&opt);
    tsunagu_plan *p = NULL;
    assert_int_equal(tsunagu_solve(r, rg, e, &opt, &p, d), 0);
    const tsunagu_session_plan *am = &p->sessions[0];
    for (int t = 0; t < 4; t++)
        assert_int_equal(am->tables[t].n_members, 2);
    long t1[2] = {(long)am->tables[0].members[0], (long)am->tables[0].members[1]};
    long rest[6];
    int n = 0;
    for (int t = 1; t < 4; t++)
        for (int k = 0; k < 2; k++)
            rest[n++] = (long)am->tables[t].members[k];
    const long round2[4][4] = {{t1[0], -1}, {t1[1], -1}, {rest[0], rest[1], rest[2], -1},
                               {rest[3], rest[4], rest[5], -1}};
    set_round(p, 0, round2);

    tsunagu_walkin w = {.name = "来場　太郎", .profession = "MSW", .organization = "飛込病院", .region = "千葉"};
    const char *id = NULL;
    assert_int_equal(tsunagu_plan_add(p, &w, &id, d), 0);
    long i = tsunagu_roster_find(p->roster, id);
    assert_true(am->seat[i] > 0); /* not table 1 */
    int t2 = am->later[0].seat[i];
    assert_true(t2 == 0 || t2 == 1); /* the only chairs left in round 2 */
    for (size_t m = 0; m < am->tables[am->seat[i]].n_members; m++) { /* nobody of round 1 again */
        size_t j = am->tables[am->seat[i]].members[m];
        if (j != (size_t)i)
            assert_int_not_equal(am->later[0].seat[j], t2);
    }
    tsunagu_plan_free(p);
    tsunagu_diags_free(d);
    remove(ev);
    remove(list);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(cancellation_breaking_a_later_round_is_mended, setup_en),
        cmocka_unit_test_setup(restoration_seats_every_round, setup_en),
        cmocka_unit_test_setup(pigeonhole_counts_the_fewest_pairs, setup_en),
        cmocka_unit_test_setup(walkin_no_route_keeps_a_hard_rule, setup_en),
        cmocka_unit_test_setup(walkin_takes_another_first_table_for_a_hard_rule, setup_en),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
