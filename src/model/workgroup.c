/* workgroup.c - the afternoon: groups of one profession track each,
 * regions mixed, colleagues apart, an experienced member in every group,
 * and as few pairs as possible who already shared a table earlier. */
#include "model_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/tr.h"
#include "tsunagu/text.h"

static int track_of(const tsunagu_session_spec *spec, tsunagu_profession p)
{
    const tsunagu_track *t = tsunagu_session_track_of(spec, p);
    return t ? (int)(t - spec->tracks) : -1;
}

/* A workgroup session being laid out: per attendee and per track. */
typedef struct {
    const tsunagu_session_spec *spec;
    const tsunagu_session_plan *prev; /* re-planning: the previous plan's session */
    int NT;            /* tracks */
    bool *seated;      /* per attendee */
    int *track;        /* per attendee: track index, -1 */
    int *count;        /* per track: people seated */
    int *experienced;  /* per track: experienced people */
    int *groups;       /* per track: groups */
    int N, T;          /* people seated, groups in all */
} workgroup;

static void workgroup_dispose(workgroup *wg)
{
    free(wg->seated);
    free(wg->track);
    free(wg->count);
    free(wg->experienced);
    free(wg->groups);
}

/* Who is seated in which track.  Returns true when someone's profession
 * has no track (the error is in diags). */
static bool count_tracks(workgroup *wg, const tsunagu_roster *r, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = wg->spec;
    const int NT = wg->NT;
    bool impossible = false;
    wg->seated = calloc(r->count ? r->count : 1, sizeof(bool));
    wg->track = malloc((r->count ? r->count : 1) * sizeof(int));
    wg->count = calloc((size_t)NT + 1, sizeof(int));
    wg->experienced = calloc((size_t)NT + 1, sizeof(int));
    wg->groups = calloc((size_t)NT + 1, sizeof(int));
    if (!wg->seated || !wg->track || !wg->count || !wg->experienced || !wg->groups)
        abort();
    for (size_t i = 0; i < r->count; i++) {
        const tsunagu_attendee *a = &r->items[i];
        wg->track[i] = -1;
        if (!tsunagu_roster_seated(r, i))
            continue;
        wg->track[i] = track_of(spec, a->profession);
        if (wg->track[i] < 0) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                              TR("%s: profession %s has no track in session %s: add it to a track in the event file",
                                 "%s: 職種 %s はセッション %s のどのトラックにもありません。イベントファイルでトラックに加えてください"),
                              a->name, tsunagu_professions_code(r->professions, a->profession), spec->id);
            impossible = true;
            continue;
        }
        wg->seated[i] = true;
        wg->N++;
        wg->count[wg->track[i]]++;
        wg->experienced[wg->track[i]] += a->experience == TSUNAGU_EXPERIENCED;
    }
    return impossible;
}

/* Track k has fewer experienced people than groups and the rule is hard:
 * say what would help. */
static void explain_experienced(const workgroup *wg, int k, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = wg->spec;
    const int *experienced = wg->experienced, *groups = wg->groups, *count = wg->count;
    if (experienced[k] == 0)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("session %s, track %s: every group needs an experienced member, but nobody in the track is experienced: make the rule soft (\"experienced\": {\"hard\": false})",
                             "セッション %s のトラック %s: すべてのグループに経験者が必要ですが、このトラックに経験者がいません: ルールを努力目標にしてください（\"experienced\": {\"hard\": false}）"),
                          spec->id, spec->tracks[k].id);
    else
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          experienced[k] * spec->max_size < count[k]
                              ? TR("session %1$s, track %2$s: %3$d groups need an experienced member each and the track has %4$d; fewer groups cannot hold all %5$d people (at most %6$d each): make the rule soft (\"experienced\": {\"hard\": false})",
                                   "セッション %1$s のトラック %2$s: %3$d グループですが、経験者は %4$d 人しかいません。グループを減らすと %5$d 人が入りきりません（1 グループ最大 %6$d 人）: ルールを努力目標にしてください（\"experienced\": {\"hard\": false}）")
                          : experienced[k] == 1
                              ? TR("session %1$s, track %2$s: %3$d groups but only %4$d experienced member, one for each group: form at most %4$d group or make the rule soft (\"experienced\": {\"hard\": false})",
                                   "セッション %1$s のトラック %2$s: %3$d グループですが、経験者は %4$d 人しかいません: グループを %4$d 以下にするか、ルールを努力目標にしてください（\"experienced\": {\"hard\": false}）")
                              : TR("session %1$s, track %2$s: %3$d groups but only %4$d experienced members, one for each group: form at most %4$d groups or make the rule soft (\"experienced\": {\"hard\": false})",
                                   "セッション %1$s のトラック %2$s: %3$d グループですが、経験者は %4$d 人しかいません: グループを %4$d 以下にするか、ルールを努力目標にしてください（\"experienced\": {\"hard\": false}）"),
                          spec->id, spec->tracks[k].id, groups[k], experienced[k], count[k],
                          spec->max_size);
}

/* How many groups each track gets (when re-planning, the previous ones),
 * with the warnings and the errors the numbers alone show.  Returns true
 * when a hard rule or the room cannot hold (errors in diags). */
static bool size_groups(workgroup *wg, tsunagu_plan *plan, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = wg->spec;
    const tsunagu_session_plan *prev = wg->prev;
    int *count = wg->count, *groups = wg->groups;
    bool impossible = false;
    for (int k = 0; k < wg->NT; k++) {
        bool exact = true;
        if (!prev && spec->tables > count[k] && count[k] > 0) {
            /* as an exchange session does: a fixed count is the organiser's
             * word, never quietly replaced by a derived one */
            tsunagu_diags_add(diags, TSUNAGU_ERROR, plan->event->source, 0,
                              TR("session %s asks for %d groups in track %s, but only %d people of the track are seated: lower \"tables\" in the event file",
                                 "セッション %1$s はトラック %3$s に %2$d グループを求めていますが、そのトラックで席につくのは %4$d 人です。イベントファイルの \"tables\" を減らしてください"),
                              spec->id, spec->tables, spec->tracks[k].id, count[k]);
            impossible = true;
            continue;
        }
        groups[k] = spec->tables > 0 && count[k] > 0
                        ? spec->tables
                        : tsunagu_table_count(count[k], spec->min_size, spec->max_size, &exact);
        int before = 0; /* re-planning keeps the previous groups of the track while people fit them */
        for (int t = 0; prev && t < prev->n_tables; t++)
            before += prev->tables[t].track && strcmp(prev->tables[t].track, spec->tracks[k].id) == 0;
        if (before > 0 && count[k] > 0 && spec->tables <= 0 && exact) /* as few changes as the sizes need */
            groups[k] = model_nearest_count(before, count[k], spec->min_size, spec->max_size);
        else if (before > 0 && count[k] > 0 && (spec->tables > count[k] || spec->tables <= 0))
            groups[k] = before; /* no count fits the sizes: keep the groups there are */
        if (before > 0 && groups[k] != before && count[k] > 0)
            plan_warn(plan,
                      TR("session %s, track %s: %d people at %d-%d to a group need %d groups, not the previous plan's %d; some people move for this",
                         "セッション %1$s のトラック %2$s: %3$d 人を 1 グループ %4$d〜%5$d 人にするには、前の計画の %7$d グループでなく %6$d グループが必要です。そのために席を移る人がいます"),
                      spec->id, spec->tracks[k].id, count[k], spec->min_size, spec->max_size, groups[k],
                      before);
        wg->T += groups[k];
        if (groups[k] == 0)
            continue;
        if (spec->tables > 0 && count[k] > spec->tables * spec->max_size) {
            /* A fixed number of groups is the room: its chairs are a limit. */
            tsunagu_diags_add(diags, TSUNAGU_ERROR, plan->event->source, 0,
                              TR("session %s, track %s: %d people to seat but only %d seats (%d groups of at most %d): raise \"tables\" or \"size\" \"max\" in the event file",
                                 "セッション %s のトラック %s: 席につくのは %d 人ですが、席は %d しかありません（%d グループ × 最大 %d 人）。イベントファイルの \"tables\" か \"size\" の \"max\" を増やしてください"),
                              spec->id, spec->tracks[k].id, count[k], spec->tables * spec->max_size,
                              spec->tables, spec->max_size);
            impossible = true;
            continue;
        }
        int lo = count[k] / groups[k], hi = (count[k] + groups[k] - 1) / groups[k];
        if (!exact || lo < spec->min_size || hi > spec->max_size)
            plan_warn(plan,
                      TR("session %s, track %s: %d people cannot form groups of %d-%d; %d group(s) of %d-%d are used",
                         "セッション %s のトラック %s: %d 人は %d〜%d 人のグループに分けられないため、%d グループ（%d〜%d 人）にしました"),
                      spec->id, spec->tracks[k].id, count[k], spec->min_size, spec->max_size,
                      groups[k], lo, hi);
        if (spec->rules[TSUNAGU_RULE_EXPERIENCED].hard && wg->experienced[k] < groups[k]) {
            explain_experienced(wg, k, diags);
            impossible = true;
        }
    }
    return impossible;
}

/* Hard colleagues: no organisation may send more people to a track than
 * it has groups.  Returns true when one does (errors in diags). */
static bool colleagues_fit(const workgroup *wg, const seat_problem *sp, const int *group_of,
                           tsunagu_diags *diags)
{
    const tsunagu_roster *r = sp->roster;
    bool impossible = false;
    for (int g = 0; g < sp->n_groups; g++) {
        /* per track: colleagues of one organisation may sit in different tracks */
        for (int k = 0; k < wg->NT; k++) {
            int in_track = 0;
            for (size_t i = 0; i < r->count; i++)
                in_track += group_of[i] == g && wg->track[i] == k;
            if (in_track > wg->groups[k]) {
                tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                                  TR("%s sends %d people to track %s of session %s, which has only %d groups: colleagues cannot all sit apart; make the rule soft (\"colleagues\": {\"hard\": false})",
                                     "%s から %d 人がセッション %s のトラック %s に参加していますが、グループは %d です。同僚を全員別のグループにはできません: ルールを努力目標にしてください"),
                                  sp->groups[g].name, in_track, wg->spec->tracks[k].id, wg->spec->id,
                                  wg->groups[k]);
                impossible = true;
            }
        }
    }
    return !impossible;
}

/* Tables: the groups of each track (when re-planning, the previous ones). */
static void make_group_tables(const workgroup *wg, seat_problem *sp)
{
    const tsunagu_session_spec *spec = wg->spec;
    const tsunagu_session_plan *prev = wg->prev;
    const int *count = wg->count, *groups = wg->groups;
    seat_problem_tables(sp, wg->T);
    sp->replan = prev != NULL;
    int t = 0;
    for (int k = 0; k < wg->NT; k++) {
        int j = 0;
        for (int p = 0; prev && p < prev->n_tables; p++) {
            const tsunagu_table *pt = &prev->tables[p];
            if (!pt->track || strcmp(pt->track, spec->tracks[k].id) != 0 || j >= groups[k])
                continue;
            sp->table_ids[t + j] = tsunagu_strdup(pt->id);
            sp->table_labels[t + j] = tsunagu_strdup(pt->label);
            j++;
        }
        for (int n = 0; j < groups[k]; n++) { /* new groups: a letter no group of the track had */
            char *id = tsunagu_session_table_id(spec, &spec->tracks[k], n);
            bool used = false;
            for (int p = 0; prev && p < prev->n_tables; p++)
                used |= strcmp(prev->tables[p].id, id) == 0;
            if (used) {
                free(id);
                continue;
            }
            sp->table_ids[t + j] = id;
            sp->table_labels[t + j] = tsunagu_session_table_label(spec, tsunagu_track_label(&spec->tracks[k]), n);
            j++;
        }
        for (j = 0; j < groups[k]; j++, t++) {
            sp->lo[t] = count[k] / groups[k];
            sp->hi[t] = (count[k] + groups[k] - 1) / groups[k];
            if (prev) { /* sizes may drift within the range instead of moving people */
                sp->lo[t] = sp->lo[t] < spec->min_size ? sp->lo[t] : spec->min_size;
                sp->hi[t] = sp->hi[t] > spec->max_size ? sp->hi[t] : spec->max_size;
            }
            sp->table_track[t] = k;
        }
    }
}

/* Every pin names a group of the person's own track.  Returns 0, or -1
 * with the first pin that does not in diags. */
static int check_pin_tracks(const workgroup *wg, const seat_problem *sp, const int *pin,
                            const tsunagu_solve_options *opt, tsunagu_diags *diags)
{
    const tsunagu_roster *r = sp->roster;
    const tsunagu_session_spec *spec = wg->spec;
    for (size_t i = 0; i < r->count; i++)
        if (pin[i] >= 0 && wg->seated[i] && sp->table_track[pin[i]] != wg->track[i]) {
            /* A pin from the command line is not the list's fault: name the pin. */
            bool given = false;
            for (int q = 0; opt && q < opt->n_pins; q++)
                given |= strcmp(opt->pins[q].attendee_id, r->items[i].id) == 0 &&
                         strcmp(opt->pins[q].session, spec->id) == 0;
            strbuf where = {0};
            strbuf_addf(&where, "--pin %s=%s", r->items[i].id, sp->table_ids[pin[i]]);
            tsunagu_diags_add(diags, TSUNAGU_ERROR, given ? where.data : r->source,
                              given ? 0 : r->items[i].line,
                              TR("%s cannot sit in %s, a group for %s: their groups are those for %s",
                                 "%s さんは %s（%s のグループ）には座れません。この人のグループは %s のグループです"),
                              r->items[i].name, sp->table_labels[pin[i]],
                              tsunagu_track_label(&spec->tracks[sp->table_track[pin[i]]]),
                              tsunagu_track_label(&spec->tracks[wg->track[i]]));
            free(where.data);
            return -1;
        }
    return 0;
}

/* Seating types: track, profession, region, experience, colleagues, the
 * tables of the earlier sessions (pair groups: meeting again is a cost)
 * and the marks (pins, previous tables, requests). */
static void add_types(const workgroup *wg, seat_problem *sp, const tsunagu_plan *plan, int s,
                      const int *group_of, type_marks *marks)
{
    const tsunagu_roster *r = sp->roster;
    /* earlier[e][k * n_tables + m]: the pair group of table m of round k
     * (0: the session's own tables) of session e */
    int **earlier = calloc((size_t)s + 1, sizeof(int *));
    int rounds_in_all = 0;
    for (int e = 0; e < s; e++) {
        const tsunagu_session_plan *ep = &plan->sessions[e];
        rounds_in_all += ep->n_later + 1;
        earlier[e] = malloc(((size_t)(ep->n_later + 1) * (size_t)ep->n_tables + 1) * sizeof(int));
        for (int k = 0; k <= ep->n_later; k++)
            for (int m = 0; m < ep->n_tables; m++) {
                const tsunagu_session_plan *rp = k == 0 ? ep : &ep->later[k - 1];
                strbuf name = {0};
                if (k == 0)
                    strbuf_addf(&name, "%s/%s", ep->spec->id, ep->tables[m].id);
                else
                    strbuf_addf(&name, "%s#%d/%s", ep->spec->id, k + 1, ep->tables[m].id);
                int g = seat_problem_group(sp, TSUNAGU_RULE_NEW_PEOPLE, name.data);
                earlier[e][k * ep->n_tables + m] = g;
                free(name.data);
                sp->groups[g].size = (int)rp->tables[m].n_members;
            }
    }
    int *gbuf = malloc(((size_t)rounds_in_all + 2) * sizeof(int));
    strbuf key = {0};
    for (size_t i = 0; i < r->count; i++) {
        if (!wg->seated[i])
            continue;
        const tsunagu_attendee *a = &r->items[i];
        key.len = 0;
        strbuf_addf(&key, "%d|%d|%d|%d|%d|", wg->track[i], a->profession, a->region,
                    a->experience, group_of[i]);
        type_marks_key(marks, r, i, &key);
        int ng = 0;
        if (group_of[i] >= 0)
            gbuf[ng++] = group_of[i];
        for (int e = 0; e < s; e++) /* every round of it: a table shared in any is a meeting */
            for (int k = 0; k <= plan->sessions[e].n_later; k++) {
                const tsunagu_session_plan *rp = k == 0 ? &plan->sessions[e] : &plan->sessions[e].later[k - 1];
                int m = rp->seat ? rp->seat[i] : -1;
                strbuf_addf(&key, "%d,", m);
                if (m >= 0)
                    gbuf[ng++] = earlier[e][k * plan->sessions[e].n_tables + m];
            }
        seat_type proto = {.side = wg->spec->side[a->profession],
                           .experienced = a->experience == TSUNAGU_EXPERIENCED,
                           .region = a->region, .track = wg->track[i], .pin = marks->pin[i],
                           .previous = marks->previous[i], .groups = gbuf, .n_groups = ng};
        marks->type_of[i] = seat_problem_add(sp, i, key.data, &proto);
    }
    free(key.data);
    free(gbuf);
    for (int e = 0; e < s; e++)
        free(earlier[e]);
    free(earlier);
}

int seat_workgroup(tsunagu_plan *plan, int s, const tsunagu_solve_options *opt, double time_limit,
                   tsunagu_diags *diags)
{
    const double started = model_now(); /* building the model counts against the limit */
    const tsunagu_roster *r = plan->roster;
    const tsunagu_session_spec *spec = &plan->event->sessions[s];
    int rc = -1;
    workgroup wg = {.spec = spec, .NT = spec->n_tracks};
    bool impossible = count_tracks(&wg, r, diags);
    wg.prev = model_previous_session(opt, spec->id);
    impossible |= size_groups(&wg, plan, diags);
    if (wg.N == 0 && !impossible) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, 0,
                          TR("nobody to seat in session %s", "セッション %s で席につく人がいません"),
                          spec->id);
        impossible = true;
    }

    seat_problem sp = {.roster = r, .regions = plan->regions, .spec = spec, .index = s, .event = plan->event,
                       .n_seated = wg.N};
    int *group_of = NULL;
    model_colleague_groups(&sp, wg.seated, &group_of);
    if (spec->rules[TSUNAGU_RULE_COLLEAGUES].hard && !colleagues_fit(&wg, &sp, group_of, diags))
        impossible = true;
    if (impossible)
        goto out;
    make_group_tables(&wg, &sp);
    type_marks marks;
    if (type_marks_init(&marks, &sp, opt, wg.seated, diags) != 0 ||
        check_pin_tracks(&wg, &sp, marks.pin, opt, diags) != 0 ||
        model_check_named_roles(&sp, &marks, wg.seated, diags) != 0) {
        type_marks_dispose(&marks);
        goto out;
    }
    add_types(&wg, &sp, plan, s, group_of, &marks);
    model_add_requests(&sp, wg.seated, &marks, plan);
    type_marks_dispose(&marks);

    rc = model_seat_session(plan, s, &sp, opt, model_time_left(time_limit, started), diags);
out:
    free(group_of);
    seat_problem_dispose(&sp);
    workgroup_dispose(&wg);
    return rc;
}
