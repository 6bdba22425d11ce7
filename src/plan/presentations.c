/* presentations.c - the running order of a sharing session: the groups of
 * an earlier workgroup present one after another, each with its talk and
 * its questions, from the session's start (docs/event-format.md, "Sharing
 * sessions").  Computed from the groups and the event's settings whenever
 * it is needed, so it always follows the plan's groups and roles. */
#include "tsunagu/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/event_private.h"
#include "util/strbuf.h"
#include "util/tr.h"

void tsunagu_clock_text(int minutes, char out[16])
{
    if (minutes < 0)
        minutes = 0;
    snprintf(out, 16, "%d:%02d", minutes / 60, minutes % 60); /* past midnight: 24:10, as timetables say */
}

/* Groups of track k with members, in table order, into order[*n]. */
static void add_track(const tsunagu_session_plan *wg, const char *track, int *order, int *n)
{
    for (int t = 0; t < wg->n_tables; t++)
        if (wg->tables[t].n_members > 0 && wg->tables[t].track && strcmp(wg->tables[t].track, track) == 0)
            order[(*n)++] = t;
}

/* The groups in the order the settings ask; returns how many. */
static int group_order(const tsunagu_session_plan *wg, tsunagu_presentation_order how, int *order)
{
    const tsunagu_session_spec *spec = wg->spec;
    int n = 0;
    if (how == TSUNAGU_ORDER_BY_TRACK) {
        for (int k = 0; k < spec->n_tracks; k++)
            add_track(wg, spec->tracks[k].id, order, &n);
        return n;
    }
    /* alternate: the first group of each track, then the second of each, ... */
    int *each = calloc((size_t)wg->n_tables + 1, sizeof *each);
    if (!each)
        abort();
    for (int round = 0; round < wg->n_tables; round++)
        for (int k = 0; k < spec->n_tracks; k++) {
            int m = 0;
            add_track(wg, spec->tracks[k].id, each, &m);
            if (round < m)
                order[n++] = each[round];
        }
    free(each);
    return n;
}

tsunagu_presentation *tsunagu_plan_presentations(const tsunagu_plan *p, int s, int *n)
{
    *n = 0;
    if (s < 0 || s >= p->n_sessions || p->sessions[s].spec->kind != TSUNAGU_SHARING)
        return NULL;
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    const tsunagu_presentations *pr = &spec->presentations;
    int start = event_minutes(spec->start);
    if (pr->of_session < 0 || pr->of_session >= p->n_sessions || start < 0)
        return NULL;
    const tsunagu_session_plan *wg = &p->sessions[pr->of_session];
    int *order = calloc((size_t)wg->n_tables + 1, sizeof *order);
    tsunagu_presentation *out = calloc((size_t)wg->n_tables + 1, sizeof *out);
    if (!order || !out)
        abort();
    *n = group_order(wg, pr->order, order);
    for (int k = 0; k < *n; k++) {
        int at = start + k * (pr->minutes + pr->qa_minutes);
        out[k] = (tsunagu_presentation){order[k], at, at + pr->minutes, at + pr->minutes + pr->qa_minutes};
    }
    free(order);
    return out;
}

long tsunagu_plan_presenter(const tsunagu_plan *p, int s, const tsunagu_presentation *turn)
{
    const tsunagu_presentations *pr = &p->sessions[s].spec->presentations;
    const tsunagu_session_plan *wg = &p->sessions[pr->of_session];
    const tsunagu_table *tb = &wg->tables[turn->table];
    return pr->presenter_role >= 0 && tb->roles ? tb->roles[pr->presenter_role] : -1;
}

void tsunagu_plan_check_presentations(tsunagu_plan *p, tsunagu_diags *diags)
{
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_spec *spec = p->sessions[s].spec;
        int n = 0, end = event_minutes(spec->end);
        tsunagu_presentation *turns = tsunagu_plan_presentations(p, s, &n);
        if (n > 0 && end >= 0 && turns[n - 1].end > end) {
            char last[16];
            tsunagu_clock_text(turns[n - 1].end, last);
            strbuf b = {0};
            strbuf_addf(&b, TR("%s: %d groups of %d + %d minutes end at %s, after the session's end %s: shorten the minutes per group or the questions (\"presentations\" in the event)",
                               "%s: %d グループが発表 %d 分＋質疑 %d 分ずつで %s に終わり、終了時刻 %s を過ぎます。1 グループの時間か質疑を短くしてください（イベントの \"presentations\"）"),
                        spec->title ? spec->title : spec->id, n, spec->presentations.minutes,
                        spec->presentations.qa_minutes, last, spec->end);
            tsunagu_plan_add_warning(p, b.data);
            if (diags)
                tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0, "%s", b.data);
            free(b.data);
        }
        free(turns);
    }
}
