/* test_round_move.c - moving someone in a later round of a session with
 * rounds (tsunagu_plan_move_in_round): the bundled day with a 3-round
 * morning (hard mix, experienced and no_pair_twice) solved, then many
 * moves tried.  Each one made is a swap with one person of the table asked
 * for, the round's sizes and hard rules kept (counted here, from the
 * seats), nobody else moved, the meetings again as few as any allowed
 * swap leaves (every other candidate swapped here by hand); each one
 * refused changes nothing and names the rule. */
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
#include "tsunagu/plan.h"
#include "tsunagu/regions.h"
#include "tsunagu/replan.h"
#include "tsunagu/roster.h"
#include "tsunagu/rules.h"
#include "tsunagu/solve.h"
#include "test_support.h"

/* The bundled day with a 3-round morning and the sample list, solved. */
static tsunagu_plan *solved(void)
{
    const char *root = getenv("TSUNAGU_DATA");
    char ev[1024], list[1024];
    snprintf(ev, sizeof ev, "%s/events/tsunagarou-rounds.json", root ? root : "data");
    snprintf(list, sizeof list, "%s/samples/attendees.csv", root ? root : "data");
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_regions *rg = tsunagu_regions_load_default(d);
    tsunagu_event *e = tsunagu_event_load(ev, d);
    assert_non_null(rg);
    assert_non_null(e);
    tsunagu_roster *r = tsunagu_roster_read_file(list, rg, e->professions, d);
    assert_non_null(r);
    tsunagu_solve_options opt;
    tsunagu_solve_options_init(&opt);
    opt.time_limit = 20;
    tsunagu_plan *p = NULL;
    assert_int_equal(tsunagu_solve(r, rg, e, &opt, &p, d), 0);
    assert_int_equal(p->sessions[0].n_later, 2);
    tsunagu_diags_free(d);
    return p;
}

/* The morning's seats, round by round, as the test's own copy:
 * seat[r * n + i] (r = 0 round 1). */
typedef struct {
    int rounds, tables;
    size_t n;
    int *seat;
} seats;

static seats seats_of(const tsunagu_plan *p)
{
    const tsunagu_session_plan *sp = &p->sessions[0];
    seats s = {sp->n_later + 1, sp->n_tables, p->roster->count, NULL};
    s.seat = calloc((size_t)s.rounds * s.n, sizeof *s.seat);
    for (int r = 0; r < s.rounds; r++) {
        const tsunagu_session_plan *rp = r == 0 ? sp : &sp->later[r - 1];
        for (size_t i = 0; i < s.n; i++)
            s.seat[(size_t)r * s.n + i] = rp->seat[i];
    }
    return s;
}

/* Meetings beyond the first over the morning's rounds. */
static long repeats_of(const seats *s)
{
    long repeats = 0;
    for (size_t a = 0; a < s->n; a++)
        for (size_t b = a + 1; b < s->n; b++) {
            int m = 0;
            for (int r = 0; r < s->rounds; r++)
                m += s->seat[(size_t)r * s->n + a] >= 0 && s->seat[(size_t)r * s->n + a] == s->seat[(size_t)r * s->n + b];
            repeats += m > 1 ? m - 1 : 0;
        }
    return repeats;
}

/* Every table of round r has both sides of the mix (MSW; the others) and
 * someone experienced: the event's hard rules, counted from the seats. */
static bool round_keeps_rules(const tsunagu_plan *p, const seats *s, int r)
{
    const tsunagu_session_spec *spec = p->sessions[0].spec;
    for (int t = 0; t < s->tables; t++) {
        int side[2] = {0, 0}, experienced = 0;
        for (size_t i = 0; i < s->n; i++) {
            if (s->seat[(size_t)r * s->n + i] != t)
                continue;
            const tsunagu_attendee *a = &p->roster->items[i];
            side[spec->side[a->profession] == 0 ? 0 : 1]++;
            experienced += a->experience == TSUNAGU_EXPERIENCED;
        }
        if (!side[0] || !side[1] || !experienced)
            return false;
    }
    return true;
}

/* The fewest meetings again any swap of a (round r, to table t) with one
 * person there leaves while the hard rules hold, counted by swapping here. */
static long fewest_repeats(const tsunagu_plan *p, const seats *s, int r, size_t a, int t)
{
    long best = -1;
    int *row = s->seat + (size_t)r * s->n;
    int from = row[a];
    for (size_t b = 0; b < s->n; b++) {
        if (row[b] != t)
            continue;
        row[a] = t, row[b] = from;
        if (round_keeps_rules(p, s, r)) {
            long k = repeats_of(s);
            best = best < 0 || k < best ? k : best;
        }
        row[a] = from, row[b] = t;
    }
    return best;
}

/* A small day (one exchange session of 2 rounds) and a list, written to a
 * folder and solved: session is the session's keys after "rounds" (tables,
 * size, rules), rows the list's rows. */
#define THREE_OF_THREE "\"tables\": 3, \"size\": {\"min\": 3, \"max\": 3},\n"
static tsunagu_plan *solved_day(const char *sessions, const char *rows);

static tsunagu_plan *solved_small(const char *session, const char *rows)
{
    char text[4096];
    snprintf(text, sizeof text,
             "  {\"id\": \"am\", \"title\": \"Exchange\", \"kind\": \"exchange\", \"rounds\": 2,\n"
             "   %s}", session);
    return solved_day(text, rows);
}

/* A day of these sessions (the JSON of each, comma-separated) and a list,
 * written to a folder and solved. */
static tsunagu_plan *solved_day(const char *sessions, const char *rows)
{
    char dir[] = "/tmp/tsunagu-round-move-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char ev[128], list[128];
    snprintf(ev, sizeof ev, "%s/ev.json", dir);
    snprintf(list, sizeof list, "%s/list.csv", dir);
    FILE *f = fopen(ev, "w");
    fprintf(f, "{\"format\": \"tsunagu-event\", \"version\": 1, \"title\": \"Small\", \"sessions\": [\n"
               "%s]}\n", sessions);
    fclose(f);
    f = fopen(list, "w");
    fprintf(f, "id,name,kana,profession,organization,region,experience\n%s", rows);
    fclose(f);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_regions *rg = tsunagu_regions_load_default(d);
    tsunagu_event *e = tsunagu_event_load(ev, d);
    assert_non_null(e);
    tsunagu_roster *r = tsunagu_roster_read_file(list, rg, e->professions, d);
    assert_non_null(r);
    tsunagu_solve_options opt;
    tsunagu_solve_options_init(&opt);
    opt.time_limit = 20;
    tsunagu_plan *p = NULL;
    int rc = tsunagu_solve(r, rg, e, &opt, &p, d);
    tsunagu_diags_print(d, stderr);
    assert_int_equal(rc, 0);
    tsunagu_diags_free(d);
    remove(ev);
    remove(list);
    rmdir(dir);
    return p;
}

/* Attendee id's table in round `round` of the plan's first session. */
static const char *table_in(const tsunagu_plan *p, int round, const char *id)
{
    const tsunagu_session_plan *sp = &p->sessions[0];
    const tsunagu_session_plan *rp = round == 1 ? sp : &sp->later[round - 2];
    long i = tsunagu_roster_find(p->roster, id);
    return rp->tables[rp->seat[i]].id;
}

/* Every table seats one MSW (new to this), one experienced specialist and
 * one specialist new to this, in both rounds (mix and experienced hard).
 * Whoever moves, the only one they may change places with is the one of
 * their kind: an MSW with the MSW (any other swap leaves their table
 * without one), the experienced with the experienced. */
static void a_swap_keeps_each_table_mixed_and_experienced(void **state)
{
    (void)state;
    tsunagu_plan *p = solved_small(THREE_OF_THREE
        "\"rules\": {\"mix\": {\"weight\": 10, \"hard\": true}, \"experienced\": {\"weight\": 10, \"hard\": true},\n"
        "            \"region\": {\"weight\": 0}, \"colleagues\": {\"weight\": 0}, \"no_pair_twice\": {\"weight\": 100}}",
        "M1,病院一,ビョウインイチ,MSW,病院1,千葉,planning\nM2,病院二,ビョウインニ,MSW,病院2,千葉,planning\n"
        "M3,病院三,ビョウインサン,MSW,病院3,千葉,planning\nE1,相談一,ソウダンイチ,CSS,相談1,千葉,experienced\n"
        "E2,相談二,ソウダンニ,CSS,相談2,千葉,experienced\nE3,相談三,ソウダンサン,CSS,相談3,千葉,experienced\n"
        "P1,支援一,シエンイチ,CSS,支援1,千葉,planning\nP2,支援二,シエンニ,CSS,支援2,千葉,planning\n"
        "P3,支援三,シエンサン,CSS,支援3,千葉,planning\n");
    const tsunagu_session_plan *rp = &p->sessions[0].later[0];
    int made = 0;
    for (size_t i = 0; i < p->roster->count; i++)
        for (int t = 0; t < rp->n_tables; t++) {
            const char *id = p->roster->items[i].id;
            if (rp->seat[i] == t)
                continue;
            char from[16];
            snprintf(from, sizeof from, "%s", table_in(p, 2, id));
            tsunagu_diags *d = tsunagu_diags_new();
            const char *partner = NULL;
            assert_int_equal(tsunagu_plan_move_in_round(p, "am", 2, id, rp->tables[t].id, &partner, d), 0);
            assert_int_equal(partner[0], id[0]); /* M with M, E with E, P with P */
            assert_string_equal(table_in(p, 2, partner), from);
            tsunagu_diags_free(d);
            made++;
        }
    assert_true(made >= 18); /* every try made (two or more each) */
    tsunagu_plan_free(p);
}

/* Colleagues apart (hard), one of them at each table: someone moved to a
 * colleague's table may only change places with that colleague. */
static void a_swap_keeps_colleagues_apart(void **state)
{
    (void)state;
    tsunagu_plan *p = solved_small(THREE_OF_THREE
        "\"rules\": {\"mix\": {\"weight\": 0}, \"experienced\": {\"weight\": 0}, \"region\": {\"weight\": 0},\n"
        "            \"colleagues\": {\"weight\": 20, \"hard\": true}, \"no_pair_twice\": {\"weight\": 100}}",
        "C1,同僚一,ドウリョウイチ,CSS,同じ相談室,千葉,experienced\nC2,同僚二,ドウリョウニ,CSS,同じ相談室,千葉,experienced\n"
        "C3,同僚三,ドウリョウサン,CSS,同じ相談室,千葉,experienced\nX1,別一,ベツイチ,CSS,相談1,千葉,experienced\n"
        "X2,別二,ベツニ,CSS,相談2,千葉,experienced\nX3,別三,ベツサン,CSS,相談3,千葉,experienced\n"
        "X4,別四,ベツヨン,CSS,相談4,千葉,experienced\nX5,別五,ベツゴ,CSS,相談5,千葉,experienced\n"
        "X6,別六,ベツロク,CSS,相談6,千葉,experienced\n");
    const tsunagu_session_plan *rp = &p->sessions[0].later[0];
    long c1 = tsunagu_roster_find(p->roster, "C1");
    int to = (rp->seat[c1] + 1) % rp->n_tables;
    const char *partner = NULL;
    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(tsunagu_plan_move_in_round(p, "am", 2, "C1", rp->tables[to].id, &partner, d), 0);
    assert_int_equal(partner[0], 'C');
    tsunagu_diags_free(d);
    tsunagu_plan_free(p);
}

/* What changed, after a swap in round 2: both people under the round, and
 * both tables to reprint (a table's sheet lists every round); a walk-in's
 * line gives their itinerary. */
static void the_changes_name_the_round(void **state)
{
    (void)state;
    tsunagu_plan *p = solved_small("\"tables\": null, \"size\": {\"min\": 3, \"max\": 4},\n"
        "\"rules\": {\"mix\": {\"weight\": 0}, \"experienced\": {\"weight\": 0}, \"region\": {\"weight\": 0},\n"
        "            \"colleagues\": {\"weight\": 0}, \"no_pair_twice\": {\"weight\": 100}}",
        "A1,一,イチ,CSS,所1,千葉,experienced\nA2,二,ニ,CSS,所2,千葉,experienced\nA3,三,サン,CSS,所3,千葉,experienced\n"
        "A4,四,ヨン,CSS,所4,千葉,experienced\nA5,五,ゴ,CSS,所5,千葉,experienced\nA6,六,ロク,CSS,所6,千葉,experienced\n"
        "A7,七,ナナ,CSS,所7,千葉,experienced\nA8,八,ハチ,CSS,所8,千葉,experienced\nA9,九,キュウ,CSS,所9,千葉,experienced\n");
    size_t len;
    char *text = tsunagu_plan_dump(p, &len);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *old = tsunagu_plan_read_buffer(text, len, "old.json", d);
    assert_non_null(old);
    const tsunagu_session_plan *rp = &p->sessions[0].later[0];
    long a1 = tsunagu_roster_find(p->roster, "A1");
    int from = rp->seat[a1], to = (from + 1) % rp->n_tables;
    const char *partner = NULL;
    assert_int_equal(tsunagu_plan_move_in_round(p, "am", 2, "A1", rp->tables[to].id, &partner, d), 0);
    char *diff = tsunagu_plan_diff_text(old, p);
    char want[256];
    snprintf(want, sizeof want, "Moved:\n  A1 一 Exchange round 2: %s -> %s\n", rp->tables[from].label,
             rp->tables[to].label);
    assert_non_null(strstr(diff, want));
    long b = tsunagu_roster_find(p->roster, partner);
    snprintf(want, sizeof want, "  %s %s Exchange round 2: %s -> %s\n", partner, p->roster->items[b].name,
             rp->tables[to].label, rp->tables[from].label);
    assert_non_null(strstr(diff, want));
    assert_non_null(strstr(diff, "Tables to reprint:\n"));
    assert_non_null(strstr(diff, rp->tables[from].label));
    assert_non_null(strstr(diff, "0 new, 0 left, 2 moves, 2 tables changed"));
    free(diff);
    /* a walk-in: where they sit in round 1, then each later round */
    tsunagu_walkin w = {.name = "十", .kana = "ジュウ", .profession = "CSS", .organization = "所10", .region = "千葉"};
    const char *id = NULL;
    assert_int_equal(tsunagu_plan_add(p, &w, &id, d), 0);
    diff = tsunagu_plan_diff_text(old, p);
    long k = tsunagu_roster_find(p->roster, id);
    snprintf(want, sizeof want, "  + %s 十 (所10)  %s -> %s\n", id,
             p->sessions[0].tables[p->sessions[0].seat[k]].label, rp->tables[rp->seat[k]].label);
    assert_non_null(strstr(diff, want));
    free(diff);
    free(text);
    tsunagu_plan_free(old);
    tsunagu_diags_free(d);
    tsunagu_plan_free(p);
}

/* Pairs of the afternoon's groups who sat together in any round of the
 * morning: what a hard new_people forbids, counted here. */
static int afternoon_repeats(const tsunagu_plan *p)
{
    const tsunagu_session_plan *am = &p->sessions[0], *pm = &p->sessions[1];
    int n = 0;
    for (size_t a = 0; a < p->roster->count; a++)
        for (size_t b = a + 1; b < p->roster->count; b++) {
            if (pm->seat[a] < 0 || pm->seat[a] != pm->seat[b])
                continue;
            bool met = false;
            for (int r = 0; r <= am->n_later; r++) {
                const tsunagu_session_plan *rp = r == 0 ? am : &am->later[r - 1];
                met |= rp->seat[a] >= 0 && rp->seat[a] == rp->seat[b];
            }
            n += met;
        }
    return n;
}

/* The afternoon's groups must bring together people who have not met
 * (new_people hard): every swap made in the morning's round 2 leaves the
 * afternoon as the rule wants it (the swap that would not is passed over),
 * and one that cannot is refused for it, nothing changed. */
static void a_swap_keeps_the_afternoons_rules(void **state)
{
    (void)state;
    tsunagu_plan *p = solved_day(
        "  {\"id\": \"am\", \"title\": \"Morning\", \"kind\": \"exchange\", \"rounds\": 2, \"tables\": 3,\n"
        "   \"size\": {\"min\": 3, \"max\": 3}, \"rules\": {\"mix\": {\"weight\": 0}, \"experienced\": {\"weight\": 0},\n"
        "   \"region\": {\"weight\": 0}, \"colleagues\": {\"weight\": 0}, \"no_pair_twice\": {\"weight\": 100}}},\n"
        "  {\"id\": \"pm\", \"title\": \"Afternoon\", \"kind\": \"workgroup\", \"tables\": 3, \"size\": {\"min\": 3, \"max\": 3},\n"
        "   \"tracks\": [{\"id\": \"all\", \"label\": \"All\", \"professions\": [\"MSW\", \"CSS\", \"CENTER\"]}],\n"
        "   \"rules\": {\"experienced\": {\"weight\": 0}, \"colleagues\": {\"weight\": 0}, \"regions_mixed\": {\"weight\": 0},\n"
        "             \"new_people\": {\"weight\": 3, \"hard\": true}}}",
        "A1,一,イチ,CSS,所1,千葉,experienced\nA2,二,ニ,CSS,所2,千葉,experienced\nA3,三,サン,CSS,所3,千葉,experienced\n"
        "A4,四,ヨン,CSS,所4,千葉,experienced\nA5,五,ゴ,CSS,所5,千葉,experienced\nA6,六,ロク,CSS,所6,千葉,experienced\n"
        "A7,七,ナナ,CSS,所7,千葉,experienced\nA8,八,ハチ,CSS,所8,千葉,experienced\nA9,九,キュウ,CSS,所9,千葉,experienced\n");
    assert_int_equal(afternoon_repeats(p), 0);
    const tsunagu_session_plan *rp = &p->sessions[0].later[0];
    int made = 0, refused = 0;
    for (size_t i = 0; i < p->roster->count; i++)
        for (int t = 0; t < rp->n_tables; t++) {
            if (rp->seat[i] == t)
                continue;
            size_t len0, len1;
            char *before = tsunagu_plan_dump(p, &len0);
            tsunagu_diags *d = tsunagu_diags_new();
            if (tsunagu_plan_move_in_round(p, "am", 2, p->roster->items[i].id, rp->tables[t].id, NULL, d) == 0) {
                assert_int_equal(afternoon_repeats(p), 0);
                made++;
            } else {
                char *text = all_text(d), *after = tsunagu_plan_dump(p, &len1);
                assert_non_null(strstr(text, "a rule that must hold later in the day breaks"));
                assert_non_null(strstr(text, tsunagu_rule_label(TSUNAGU_RULE_NEW_PEOPLE)));
                assert_string_equal(before, after);
                free(text);
                free(after);
                refused++;
            }
            free(before);
            tsunagu_diags_free(d);
        }
    fprintf(stderr, "moves made %d, refused for the afternoon %d\n", made, refused);

    /* Groups made by hand so that someone's two afternoon group-mates sit
     * at one table of the morning's round 2 (the rule already broken):
     * moving them there, whoever they change places with, they sit
     * with a group-mate, one pair more.  Refused, nothing changed. */
    const tsunagu_session_plan *pm = &p->sessions[1];
    const tsunagu_table *to = &rp->tables[0];
    size_t a = 0;
    while (rp->seat[a] == 0)
        a++;
    size_t groups[3][3] = {{a, to->members[0], to->members[1]}}, fill[3] = {3, 0, 0};
    for (size_t i = 0; i < p->roster->count; i++)
        if (i != a && i != to->members[0] && i != to->members[1]) {
            int g = fill[1] < 3 ? 1 : 2;
            groups[g][fill[g]++] = i;
        }
    for (int g = 0; g < 3; g++)
        for (int k = 0; k < 3; k++) {
            pm->tables[g].members[k] = groups[g][k];
            pm->seat[groups[g][k]] = g;
        }
    tsunagu_plan_score(p);
    assert_true(afternoon_repeats(p) >= 1);
    size_t len0, len1;
    char *before = tsunagu_plan_dump(p, &len0);
    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(tsunagu_plan_move_in_round(p, "am", 2, p->roster->items[a].id, to->id, NULL, d), -1);
    char *text = all_text(d), *after = tsunagu_plan_dump(p, &len1);
    char want[512];
    snprintf(want, sizeof want, "%s cannot move to %s in round 2 of Morning: whoever there changes places with them, "
             "a rule that must hold later in the day breaks (session pm: %s ", p->roster->items[a].name,
             to->label, tsunagu_measure_label("repeat_pairs"));
    if (!strstr(text, want))
        fprintf(stderr, "said: %s", text);
    assert_non_null(strstr(text, want));
    assert_string_equal(before, after);
    free(text);
    free(before);
    free(after);
    tsunagu_diags_free(d);
    tsunagu_plan_free(p);
}

static void moves_are_swaps_that_keep_the_round(void **state)
{
    (void)state;
    tsunagu_plan *p = solved();
    const tsunagu_session_plan *sp = &p->sessions[0];
    int made = 0, refused = 0;
    for (size_t i = 0; i < p->roster->count; i++) {
        if (sp->seat[i] < 0)
            continue;
        for (int round = 2; round <= 3; round++) {
            seats before = seats_of(p);
            const tsunagu_session_plan *rp = &sp->later[round - 2];
            int t = (rp->seat[i] + 1 + (int)(i % 5)) % rp->n_tables;
            if (t == rp->seat[i])
                t = (t + 1) % rp->n_tables;
            long want = fewest_repeats(p, &before, round - 1, i, t);
            size_t len0;
            char *dump0 = tsunagu_plan_dump(p, &len0);
            tsunagu_diags *d = tsunagu_diags_new();
            const char *partner = NULL;
            int rc = tsunagu_plan_move_in_round(p, "morning", round, p->roster->items[i].id,
                                                rp->tables[t].id, &partner, d);
            seats after = seats_of(p);
            if (rc != 0) {
                /* nothing changed, and the reason names a hard rule */
                size_t len1;
                char *dump1 = tsunagu_plan_dump(p, &len1);
                assert_string_equal(dump0, dump1);
                char *text = all_text(d);
                assert_non_null(strstr(text, "cannot move to"));
                assert_non_null(strstr(text, "must hold"));
                /* refused only when no allowed swap keeps the meetings again from growing */
                assert_true(want < 0 || want > repeats_of(&before));
                free(text);
                free(dump1);
                refused++;
            } else {
                long j = tsunagu_roster_find(p->roster, partner);
                assert_true(j >= 0);
                size_t off = (size_t)(round - 1) * before.n;
                assert_int_equal(after.seat[off + i], t);
                assert_int_equal(after.seat[off + (size_t)j], before.seat[off + i]);
                /* nobody else moved, in any round */
                for (size_t k = 0; k < (size_t)before.rounds * before.n; k++)
                    if (k != off + i && k != off + (size_t)j)
                        assert_int_equal(after.seat[k], before.seat[k]);
                /* the sizes stay, the hard rules hold, no meeting more */
                for (int u = 0; u < rp->n_tables; u++)
                    assert_int_equal(rp->tables[u].n_members, sp->tables[u].n_members);
                assert_true(round_keeps_rules(p, &after, round - 1));
                long repeats = repeats_of(&after);
                assert_int_equal(sp->repeats, repeats);
                assert_int_equal(tsunagu_plan_score_get(p, "morning", "repeated_pairs"), repeats);
                assert_true(repeats <= repeats_of(&before));
                assert_int_equal(repeats, want); /* as few as any allowed swap */
                made++;
            }
            free(dump0);
            free(before.seat);
            free(after.seat);
            tsunagu_diags_free(d);
        }
    }
    fprintf(stderr, "moves made %d, refused %d\n", made, refused);
    assert_true(made >= 5);
    /* the plan as changed reads back (itineraries, sizes, rounds) */
    size_t len;
    char *text = tsunagu_plan_dump(p, &len);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *q = tsunagu_plan_read_buffer(text, len, "moved.json", d);
    tsunagu_diags_print(d, stderr);
    assert_non_null(q);
    tsunagu_plan_free(q);
    tsunagu_diags_free(d);
    free(text);
    tsunagu_plan_free(p);
}

/* Someone moved in round 2 to a table holding two people they meet in
 * another round: whoever they change places with, they meet one of them
 * again, which a hard no_pair_twice forbids. */
static void a_move_that_meets_again_is_refused(void **state)
{
    (void)state;
    tsunagu_plan *p = solved();
    const tsunagu_session_plan *sp = &p->sessions[0], *rp = &sp->later[0];
    seats s = seats_of(p);
    assert_int_equal(repeats_of(&s), 0);
    long who = -1;
    int to = -1;
    for (size_t i = 0; i < s.n && who < 0; i++)
        for (int t = 0; rp->seat[i] >= 0 && t < rp->n_tables && who < 0; t++) {
            int met = 0;
            for (size_t j = 0; t != rp->seat[i] && j < s.n; j++)
                met += rp->seat[j] == t && ((sp->seat[i] == sp->seat[j]) || (sp->later[1].seat[i] == sp->later[1].seat[j]));
            if (met >= 2)
                who = (long)i, to = t;
        }
    assert_true(who >= 0);
    size_t len0, len1;
    char *before = tsunagu_plan_dump(p, &len0);
    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(tsunagu_plan_move_in_round(p, "morning", 2, p->roster->items[who].id, rp->tables[to].id, NULL, d), -1);
    char *text = all_text(d);
    char want[512];
    snprintf(want, sizeof want, "%s cannot move to %s in round 2 of %s: nobody there can take their place while the rule \"%s\" must hold",
             p->roster->items[who].name, rp->tables[to].label, sp->spec->title,
             tsunagu_rule_label(TSUNAGU_RULE_NO_PAIR_TWICE));
    assert_non_null(strstr(text, want));
    char *after = tsunagu_plan_dump(p, &len1);
    assert_string_equal(before, after);
    free(text);
    free(before);
    free(after);
    free(s.seat);
    tsunagu_diags_free(d);
    tsunagu_plan_free(p);
}

static void what_is_no_later_round_is_refused(void **state)
{
    (void)state;
    tsunagu_plan *p = solved();
    const tsunagu_session_plan *rp = &p->sessions[0].later[0];
    size_t i = p->sessions[0].tables[0].members[0];
    const char *id = p->roster->items[i].id;
    const char *own = rp->tables[rp->seat[i]].id;
    struct {
        const char *session;
        int round;
        const char *table;
        const char *said;
    } cases[] = {
        {"morning", 1, own, "session \"morning\" has no round 1"},
        {"morning", 4, own, "session \"morning\" has no round 4"},
        {"afternoon", 2, own, "session \"afternoon\" has no round 2"},
        {"morning", 2, "no-such-table", "or no table \"no-such-table\", in round 2 of session \"morning\""},
        {"morning", 2, own, "already sits at"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        tsunagu_diags *d = tsunagu_diags_new();
        assert_int_equal(tsunagu_plan_move_in_round(p, cases[k].session, cases[k].round, id, cases[k].table, NULL, d), -1);
        char *text = all_text(d);
        if (!strstr(text, cases[k].said))
            fprintf(stderr, "case %zu said: %s", k, text);
        assert_non_null(strstr(text, cases[k].said));
        free(text);
        tsunagu_diags_free(d);
    }
    tsunagu_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(moves_are_swaps_that_keep_the_round, setup_en),
        cmocka_unit_test_setup(a_move_that_meets_again_is_refused, setup_en),
        cmocka_unit_test_setup(what_is_no_later_round_is_refused, setup_en),
        cmocka_unit_test_setup(a_swap_keeps_each_table_mixed_and_experienced, setup_en),
        cmocka_unit_test_setup(a_swap_keeps_colleagues_apart, setup_en),
        cmocka_unit_test_setup(the_changes_name_the_round, setup_en),
        cmocka_unit_test_setup(a_swap_keeps_the_afternoons_rules, setup_en),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
