/* plan_rounds.c - the rounds of a session read back from a plan: rounds
 * 2 .. k after the session's own tables (round 1), the repeated pairs and
 * their bound, and each attendee's itinerary.  Checked as the tables of
 * round 1 are, and against them: the same tables in the same order, as
 * many at each, everyone of round 1 once in every round. */
#include "plan/plan_private.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "util/tr.h"

/* "repeats" or "repeats_bound": a count, or -1 (not measured). */
static long read_count(jsonrd *r, const json_t *js, const char *sp_ptr, const char *key)
{
    const json_t *v = json_object_get(js, key);
    char q[JSONRD_PTR_MAX];
    jsonrd_key(q, sp_ptr, key);
    if (!v) {
        jsonrd_fail(r, sp_ptr, TR("\"%s\" is missing", "\"%s\" がありません"), key);
        return -1;
    }
    if (!json_is_integer(v) || json_integer_value(v) < -1 || json_integer_value(v) > (1L << 40)) {
        jsonrd_fail(r, q, TR("\"%s\" should be a count", "\"%s\" は件数のはずです"), key);
        return -1;
    }
    return (long)json_integer_value(v);
}

/* Round rp (at rptr) against round 1 (sp): same tables, same sizes,
 * everyone of round 1 seated. */
static void check_round(jsonrd *r, const tsunagu_plan *p, const tsunagu_session_plan *sp,
                        const tsunagu_session_plan *rp, const char *rptr, int round)
{
    char q[JSONRD_PTR_MAX];
    jsonrd_key(q, rptr, "tables");
    if (rp->n_tables != sp->n_tables) {
        jsonrd_fail(r, q, TR("round %d of session \"%s\" has %d tables, round 1 has %d: every round seats the same tables",
                             "セッション \"%2$s\" の %1$d 回目のテーブルは %3$d ですが、1回目は %4$d です（どの回も同じテーブルです）"),
                    round, sp->spec->id, rp->n_tables, sp->n_tables);
        return;
    }
    for (int t = 0; t < rp->n_tables; t++) {
        const tsunagu_table *a = &sp->tables[t], *b = &rp->tables[t];
        char tp[JSONRD_PTR_MAX];
        jsonrd_index(tp, q, (size_t)t);
        bool same = a->id && b->id && strcmp(a->id, b->id) == 0 && a->label && b->label &&
                    strcmp(a->label, b->label) == 0 && a->n_regions == b->n_regions &&
                    ((!a->track && !b->track) || (a->track && b->track && strcmp(a->track, b->track) == 0));
        for (int k = 0; same && k < a->n_regions; k++)
            same = a->regions[k] == b->regions[k];
        if (!same)
            jsonrd_fail(r, tp, TR("table %d of round %d of session \"%s\" is not round 1's table \"%s\" (the same id, label, regions or track, in the same order)",
                                  "セッション \"%3$s\" の %2$d 回目の %1$d 番目のテーブルが1回目のテーブル \"%4$s\" と違います（id、名前、地域・トラックが同じ順で同じはずです）"),
                        t + 1, round, sp->spec->id, a->id ? a->id : "?");
    }
    for (size_t i = 0; i < p->roster->count; i++)
        if ((sp->seat[i] >= 0) != (rp->seat[i] >= 0))
            jsonrd_fail(r, q, TR("attendee \"%s\" is seated in %s of session \"%s\" but not in %s",
                                 "参加者 \"%1$s\" はセッション \"%3$s\" の%2$sには席がありますが、%4$sにはありません"),
                        p->roster->items[i].id ? p->roster->items[i].id : "?",
                        sp->seat[i] >= 0 ? TR("round 1", "1回目") : TR("a later round", "席替え後の回"),
                        sp->spec->id, sp->seat[i] >= 0 ? TR("a later round", "席替え後の回") : TR("round 1", "1回目"));
}

/* Round `round` (2 ..) at rptr into rp. */
static void read_round(jsonrd *r, tsunagu_plan *p, const strmap *ids, const tsunagu_session_plan *sp,
                       tsunagu_session_plan *rp, const json_t *jr, const char *rptr, int round)
{
    static const char *const keys[] = {"round", "status", "seconds", "stopped_at_time_limit", "tables", NULL};
    char q[JSONRD_PTR_MAX];
    rp->spec = sp->spec;
    rp->repeats = rp->repeats_bound = -1;
    rp->objective = rp->bound = rp->gap = rp->seconds = NAN;
    rp->seat = malloc((p->roster->count + 1) * sizeof *rp->seat);
    if (!rp->seat)
        abort();
    for (size_t i = 0; i < p->roster->count; i++)
        rp->seat[i] = -1;
    if (!json_is_object(jr)) {
        jsonrd_fail(r, rptr, "%s", TR("a round should be an object", "席替えの回はオブジェクトのはずです"));
        return;
    }
    jsonrd_check_keys(r, jr, rptr, keys);
    const json_t *jn = json_object_get(jr, "round");
    jsonrd_key(q, rptr, "round");
    if (!json_is_integer(jn) || json_integer_value(jn) != round)
        jsonrd_fail(r, jn ? q : rptr, TR("\"round\" should be %d here (rounds 2, 3, ... in order)",
                                         "ここの \"round\" は %d のはずです（2, 3, ... の順）"), round);
    plan_read_status(r, jr, rptr, rp);
    const json_t *js = json_object_get(jr, "seconds");
    if (json_is_number(js))
        rp->seconds = json_number_value(js);
    else if (js && !json_is_null(js)) {
        jsonrd_key(q, rptr, "seconds");
        jsonrd_fail(r, q, TR("\"%s\" should be a number or null", "\"%s\" は数か null のはずです"), "seconds");
    }
    plan_read_stopped(r, jr, rptr, rp);
    const json_t *jt = json_object_get(jr, "tables");
    jsonrd_key(q, rptr, "tables");
    if (!json_is_array(jt)) {
        jsonrd_fail(r, jt ? q : rptr, "%s", TR("\"tables\" should be a list", "\"tables\" はリストのはずです"));
        return;
    }
    size_t n = json_array_size(jt);
    rp->tables = calloc(n + 1, sizeof *rp->tables);
    if (!rp->tables)
        abort();
    for (size_t t = 0; t < n; t++) {
        char tp[JSONRD_PTR_MAX];
        jsonrd_index(tp, q, t);
        const json_t *jtab = json_array_get(jt, t);
        if (!json_is_object(jtab)) {
            jsonrd_fail(r, tp, "%s", TR("a table should be an object", "テーブルはオブジェクトのはずです"));
            continue;
        }
        plan_read_table(r, p, ids, rp, jtab, tp, &rp->tables[rp->n_tables++], false);
    }
    check_round(r, p, sp, rp, rptr, round);
}

void plan_read_rounds(jsonrd *r, tsunagu_plan *p, const strmap *ids, tsunagu_session_plan *sp,
                      const json_t *js, const char *sp_ptr)
{
    const int k = sp->spec->rounds > 1 ? sp->spec->rounds : 1;
    const json_t *jr = json_object_get(js, "rounds");
    char q[JSONRD_PTR_MAX];
    jsonrd_key(q, sp_ptr, "rounds");
    sp->repeats = sp->repeats_bound = -1;
    if (k == 1) {
        const char *extra[] = {"rounds", "repeats", "repeats_bound"};
        for (int e = 0; e < 3; e++)
            if (json_object_get(js, extra[e])) {
                char x[JSONRD_PTR_MAX];
                jsonrd_key(x, sp_ptr, extra[e]);
                jsonrd_fail(r, x, TR("session \"%s\" has one round (the event says no \"rounds\"): \"%s\" does not belong here",
                                     "セッション \"%s\" は席替えなし（イベントに \"rounds\" がありません）: \"%s\" は書けません"),
                            sp->spec->id, extra[e]);
            }
        return;
    }
    if (!json_is_array(jr) || json_array_size(jr) != (size_t)(k - 1)) {
        jsonrd_fail(r, jr ? q : sp_ptr,
                    TR("session \"%s\" has %d rounds: \"rounds\" should list rounds 2 to %d (round 1 is \"tables\")",
                       "セッション \"%s\" は %d 回の席替えです: \"rounds\" には 2 回目から %d 回目までを並べます（1回目は \"tables\"）"),
                    sp->spec->id, k, k);
        return;
    }
    sp->later = calloc((size_t)k, sizeof *sp->later);
    if (!sp->later)
        abort();
    sp->n_later = k - 1;
    for (int i = 0; i < k - 1; i++) {
        char rp[JSONRD_PTR_MAX];
        jsonrd_index(rp, q, (size_t)i);
        read_round(r, p, ids, sp, &sp->later[i], json_array_get(jr, (size_t)i), rp, i + 2);
    }
    sp->repeats = read_count(r, js, sp_ptr, "repeats");
    sp->repeats_bound = read_count(r, js, sp_ptr, "repeats_bound");
}

/* Attendee i's itinerary for session s against the rounds (at ip). */
static void check_itinerary(jsonrd *r, const tsunagu_plan *p, size_t i, const tsunagu_session_plan *sp,
                            const json_t *route, const char *ip)
{
    const char *id = p->roster->items[i].id;
    bool seated = sp->seat[i] >= 0;
    if (!seated && route) {
        jsonrd_fail(r, ip, TR("attendee \"%s\" has an itinerary in session \"%s\" but no seat there",
                              "参加者 \"%s\" にはセッション \"%s\" の席がないのに席替えの順路があります"),
                    id, sp->spec->id);
        return;
    }
    if (!seated)
        return;
    bool ok = json_is_array(route) && json_array_size(route) == (size_t)sp->n_later + 1;
    for (int k = 0; ok && k <= sp->n_later; k++) {
        const tsunagu_session_plan *rp = k == 0 ? sp : &sp->later[k - 1];
        const char *said = json_string_value(json_array_get(route, (size_t)k));
        int t = rp->seat ? rp->seat[i] : -1;
        ok = said && t >= 0 && rp->tables[t].id && strcmp(said, rp->tables[t].id) == 0;
    }
    if (!ok)
        jsonrd_fail(r, ip, TR("attendee \"%s\": \"itinerary\" of session \"%s\" should list the table of each of its %d rounds, as the rounds' tables do",
                                           "参加者 \"%s\": セッション \"%s\" の \"itinerary\" には %d 回それぞれのテーブルを、各回のテーブルのとおりに並べます"),
                    id, sp->spec->id, sp->n_later + 1);
}

void plan_check_itineraries(jsonrd *r, const tsunagu_plan *p, const json_t *attendees, const char *ptr)
{
    for (size_t i = 0; i < p->roster->count && i < json_array_size(attendees); i++) {
        const json_t *ja = json_array_get(attendees, i);
        const json_t *it = json_object_get(ja, "itinerary");
        char ap[JSONRD_PTR_MAX], q[JSONRD_PTR_MAX];
        jsonrd_index(ap, ptr, i);
        jsonrd_key(q, ap, "itinerary");
        if (!p->roster->items[i].id)
            continue;
        if (it && !json_is_object(it)) {
            jsonrd_fail(r, q, "%s", TR("\"itinerary\" should be an object", "\"itinerary\" はオブジェクトのはずです"));
            continue;
        }
        const char *session;
        json_t *v;
        json_object_foreach((json_t *)it, session, v) {
            bool known = false;
            for (int s = 0; s < p->n_sessions; s++)
                known |= strcmp(p->sessions[s].spec->id, session) == 0 && p->sessions[s].n_later > 0;
            if (!known) {
                char x[JSONRD_PTR_MAX];
                jsonrd_key(x, q, session);
                jsonrd_fail(r, x, TR("attendee \"%s\": \"itinerary\" names \"%s\", which is no session with rounds",
                                     "参加者 \"%s\": \"itinerary\" の \"%s\" は席替えのあるセッションではありません"),
                            p->roster->items[i].id, session);
            }
        }
        for (int s = 0; s < p->n_sessions; s++) {
            const tsunagu_session_plan *sp = &p->sessions[s];
            if (sp->n_later <= 0 || !sp->seat)
                continue;
            char x[JSONRD_PTR_MAX];
            jsonrd_key(x, q, sp->spec->id);
            const json_t *route = json_object_get(it, sp->spec->id);
            check_itinerary(r, p, i, sp, route, route ? x : ap);
        }
    }
}

void plan_check_round_sizes(jsonrd *r, const tsunagu_plan *p)
{
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        for (int k = 0; k < sp->n_later; k++) {
            const tsunagu_session_plan *rp = &sp->later[k];
            for (int t = 0; t < rp->n_tables && t < sp->n_tables; t++) {
                long d = (long)rp->tables[t].n_members - (long)sp->tables[t].n_members;
                if (d <= p->desk_changes && -d <= p->desk_changes)
                    continue;
                char q[JSONRD_PTR_MAX];
                snprintf(q, sizeof q, "/sessions/%d/rounds/%d/tables/%d", s, k, t);
                jsonrd_fail(r, q, TR("table \"%s\" seats %zu in round %d of session \"%s\" and %zu in round 1: every round seats as many at each table (the desk's %d changes aside)",
                                     "セッション \"%4$s\" のテーブル \"%1$s\" は %3$d 回目に %2$zu 人、1回目に %5$zu 人です（受付での変更 %6$d 件を除き、どの回も同じ人数のはずです）"),
                            sp->tables[t].id ? sp->tables[t].id : "?", rp->tables[t].n_members, k + 2, sp->spec->id,
                            sp->tables[t].n_members, p->desk_changes);
            }
        }
    }
}

bool plan_round_named(const tsunagu_event *e, const char *name)
{
    const char *hash = strrchr(name, '#');
    if (!hash || hash == name)
        return false;
    char *end = NULL;
    long k = strtol(hash + 1, &end, 10);
    if (!end || *end || end == hash + 1)
        return false;
    for (int s = 0; s < e->n_sessions; s++) {
        const tsunagu_session_spec *spec = &e->sessions[s];
        if (strlen(spec->id) == (size_t)(hash - name) && strncmp(spec->id, name, (size_t)(hash - name)) == 0)
            return k >= 2 && k <= spec->rounds;
    }
    return false;
}
