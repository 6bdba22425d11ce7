/* rounds.c - what paper says of a session with rounds (a 席替え within its
 * slot): each round's seating and times, and a person's itinerary
 * ("3 → 7 → 1").  Round 1 is the session's own seating; rounds 2 .. k are
 * its `later` seatings, at the same tables (include/tsunagu/plan.h). */
#include <stdlib.h>
#include <string.h>

#include "charts/chart_private.h"
#include "event/event_private.h"
#include "tsunagu/text.h"
#include "util/tr.h"

int chart_round_count(const tsunagu_session_plan *sp)
{
    return 1 + (sp && sp->later && sp->n_later > 0 ? sp->n_later : 0);
}

const tsunagu_session_plan *chart_round(const tsunagu_session_plan *sp, int r)
{
    if (r <= 0)
        return sp;
    return r < chart_round_count(sp) ? &sp->later[r - 1] : NULL;
}

bool chart_round_times(const tsunagu_session_spec *spec, int r, int k, int *start, int *end)
{
    int from = spec ? event_minutes(spec->start) : -1;
    int to = spec ? event_minutes(spec->end) : -1;
    if (from < 0 || r < 0 || k <= 0 || r >= k)
        return false;
    if (spec->round_minutes > 0) { /* the event's length of a round */
        *start = from + r * spec->round_minutes;
        *end = *start + spec->round_minutes;
        return true;
    }
    if (to <= from) /* no end to share out */
        return false;
    *start = from + (to - from) * r / k;
    *end = from + (to - from) * (r + 1) / k;
    return true;
}

char *chart_round_name(int r)
{
    strbuf b = {0};
    strbuf_addf(&b, TR("round %d", "%d回目"), r + 1);
    return b.data;
}

char *chart_round_heading(const tsunagu_session_plan *sp, int r, const char *dash)
{
    int k = chart_round_count(sp), start, end;
    strbuf b = {0};
    strbuf_addf(&b, TR("Round %d", "%d回目"), r + 1);
    if (chart_round_times(sp->spec, r, k, &start, &end)) {
        char from[16], to[16];
        tsunagu_clock_text(start, from);
        tsunagu_clock_text(end, to);
        strbuf_addf(&b, TR(", %s%s%s", " %s%s%s"), from, dash, to);
    }
    return b.data;
}

int chart_round_length(const tsunagu_session_plan *sp)
{
    int start, end;
    if (!chart_round_times(sp->spec, 0, chart_round_count(sp), &start, &end))
        return 0;
    return end - start;
}

const tsunagu_table *chart_round_table(const tsunagu_session_plan *sp, int r, size_t ai)
{
    const tsunagu_session_plan *rp = chart_round(sp, r);
    int t = rp && rp->seat ? rp->seat[ai] : -1;
    return t >= 0 && t < rp->n_tables ? &rp->tables[t] : NULL;
}

char *chart_round_stop(const tsunagu_session_spec *spec, const tsunagu_table *t)
{
    if (!t)
        return tsunagu_strdup("—");
    if (!t->track)
        return tsunagu_strdup(t->id);
    char *head, *tail;
    chart_label_parts(spec, t, &head, &tail);
    free(head);
    return tail;
}

char *chart_itinerary_head(const tsunagu_session_plan *sp, size_t ai)
{
    char *first = NULL;
    for (int r = 0; r < chart_round_count(sp); r++) {
        const tsunagu_table *t = chart_round_table(sp, r, ai);
        if (!t)
            continue;
        char *head, *tail;
        chart_label_parts(sp->spec, t, &head, &tail);
        free(tail);
        if (!first) {
            first = head;
        } else {
            bool same = strcmp(first, head) == 0;
            free(head);
            if (!same) { /* tracks differ: every stop names its own */
                free(first);
                return NULL;
            }
        }
    }
    return first ? first : tsunagu_strdup("");
}

char *chart_itinerary(const tsunagu_session_plan *sp, size_t ai, const char *arrow)
{
    char *head = chart_itinerary_head(sp, ai);
    strbuf b = {0};
    strbuf_add(&b, "");
    for (int r = 0; r < chart_round_count(sp); r++) {
        const tsunagu_table *t = chart_round_table(sp, r, ai);
        char *stop = head || !t ? chart_round_stop(sp->spec, t) : chart_seat_name(sp->spec, t);
        strbuf_addf(&b, "%s%s", r ? arrow : "", stop);
        free(stop);
    }
    free(head);
    return b.data;
}

char *chart_itinerary_full(const tsunagu_session_plan *sp, size_t ai, const char *arrow)
{
    char *head = chart_itinerary_head(sp, ai);
    char *stops = chart_itinerary(sp, ai, arrow);
    strbuf b = {0};
    strbuf_add(&b, "");
    if (head && *head)
        strbuf_addf(&b, "%s ", head);
    strbuf_add(&b, stops);
    free(head);
    free(stops);
    return b.data;
}

void chart_itinerary_html(strbuf *b, const tsunagu_session_plan *sp, size_t ai, bool breaks)
{
    char *head = chart_itinerary_head(sp, ai);
    for (int r = 0; r < chart_round_count(sp); r++) {
        const tsunagu_table *t = chart_round_table(sp, r, ai);
        char *stop = head || !t ? chart_round_stop(sp->spec, t) : chart_seat_name(sp->spec, t);
        /* the arrow is small; a line may break only after it (Chromium
         * breaks at a <wbr> even where white-space forbids it) */
        if (r)
            strbuf_add(b, breaks ? "<span class=\"to\">\xE2\x86\x92</span><wbr>"
                                 : "<span class=\"to\">\xE2\x86\x92</span>");
        strbuf_add(b, "<span class=\"stop\">");
        strbuf_add_html(b, stop);
        strbuf_add(b, "</span>");
        free(stop);
    }
    free(head);
}
