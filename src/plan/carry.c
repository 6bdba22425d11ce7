/* carry.c - the day's changes carried into a re-plan.
 *
 * Walk-ins and cancellations at the desk are recorded in the plan
 * (attendees with walkin set; plan->cancelled).  A re-plan starts from an
 * attendee list that knows neither, so before seating anyone the previous
 * plan's changes are applied on top of the list: a walk-in the list lacks
 * joins it, one it has (same id, or same person) is not seated twice, and
 * someone cancelled stays out unless the organiser restores them.  Each
 * decision is one sentence in plan->carried. */
#include "tsunagu/replan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/fileio.h"
#include "util/strbuf.h"
#include "util/tr.h"

long tsunagu_plan_carry_match(const tsunagu_roster *r, const tsunagu_attendee *a)
{
    long at = tsunagu_roster_find(r, a->id);
    if (at >= 0 || a->namesake)
        return at;
    at = tsunagu_roster_find_same_person(r, a->name, a->kana, a->organization);
    return at >= 0 && !r->items[at].walkin ? at : -1;
}

static void append(tsunagu_roster *r, const tsunagu_attendee *a)
{
    tsunagu_attendee *items = realloc(r->items, (r->count + 1) * sizeof *items);
    if (!items)
        abort();
    r->items = items;
    tsunagu_attendee_copy(&r->items[r->count++], a);
}

static bool restoring(const char *id, const char *const *restore, int n_restore)
{
    for (int k = 0; k < n_restore; k++)
        if (strcmp(restore[k], id) == 0)
            return true;
    return false;
}

/* A walk-in of the previous plan: matched in the list, or kept. */
static void carry_walkin(tsunagu_plan *into, const tsunagu_attendee *w, const char *list)
{
    tsunagu_roster *r = into->roster;
    long at = tsunagu_plan_carry_match(r, w);
    if (at >= 0 && r->items[at].walkin && strcmp(r->items[at].id, w->id) == 0)
        return; /* the list is a plan's roster (the web page's): the same walk-in */
    if (at >= 0 && strcmp(r->items[at].id, w->id) == 0)
        tsunagu_plan_say_carried(into, TR_BOTH("%s %s (walk-in) is in %s now: seated as listed",
                     "%s %s さん（当日参加）は %s に載りました: 名簿のとおり座ります"),
            w->id, w->name, list);
    else if (at >= 0)
        tsunagu_plan_say_carried(into, TR_BOTH("%s %s (walk-in) is in %s as %s: not seated twice",
                     "%s %s さん（当日参加）は %s に %s として載っています: 二重には座らせません"),
            w->id, w->name, list, r->items[at].id);
    else {
        append(r, w);
        tsunagu_plan_say_carried(into, TR_BOTH("%s %s (walk-in) is not in %s: kept", "%s %s さん（当日参加）は %s にいません: そのまま参加します"),
            w->id, w->name, list);
    }
}

/* Someone cancelled in the previous plan: out, unless restored. */
static void carry_cancelled(tsunagu_plan *into, const tsunagu_attendee *c, bool restore,
                            const char *list)
{
    tsunagu_roster *r = into->roster;
    long at = tsunagu_plan_carry_match(r, c);
    if (restore) {
        if (at < 0) { /* no longer on the list: seated from the desk's record */
            append(r, c);
            r->items[r->count - 1].walkin = true;
        }
        tsunagu_plan_say_carried(into, TR_BOTH("%s %s, cancelled at the desk, is restored and seated",
                     "%s %s さん: 当日の欠席を取り消して座らせます"),
            c->id, c->name);
        return;
    }
    tsunagu_attendee *k = realloc(into->cancelled, (into->n_cancelled + 1) * sizeof *k);
    if (!k)
        abort();
    into->cancelled = k;
    if (at >= 0) {
        tsunagu_plan_say_carried(into, TR_BOTH("%s %s was cancelled at the desk and is in %s again: stays cancelled (to seat them: restore %s)",
                     "%s %s さんは当日欠席にしましたが、%s にまた載っています: 欠席のままにします（座らせるには %s の欠席を取り消す）"),
            c->id, c->name, list, c->id);
        /* the list's record is the newer one (its line, its fields) */
        into->cancelled[into->n_cancelled] = r->items[at];
        into->cancelled[into->n_cancelled++].namesake |= c->namesake; /* still told apart */
        memmove(r->items + at, r->items + at + 1, (r->count - (size_t)at - 1) * sizeof *r->items);
        r->count--;
        return;
    }
    /* not in this list: restored later, they are the desk's to seat */
    tsunagu_attendee_copy(&into->cancelled[into->n_cancelled], c);
    into->cancelled[into->n_cancelled].walkin = true;
    into->cancelled[into->n_cancelled++].line = 0;
}

int tsunagu_plan_carry_changes(tsunagu_plan *into, const tsunagu_plan *from,
                               const char *const *restore, int n_restore, tsunagu_diags *diags)
{
    if (from) /* walk-in numbers stay given: W001 names one person all day */
        into->walkins_issued = from->walkins_issued;
    int rc = 0;
    for (int k = 0; k < n_restore; k++) {
        bool found = false;
        for (size_t i = 0; from && i < from->n_cancelled && !found; i++)
            found = strcmp(from->cancelled[i].id, restore[k]) == 0;
        if (!found) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("--restore %s: nobody with that id was cancelled in the previous plan",
                                 "--restore %s: 前回の計画にその番号の欠席者はいません"),
                              restore[k]);
            rc = -1;
        }
    }
    if (rc != 0 || !from)
        return rc;
    const char *list = tsunagu_path_base(into->roster->source);
    for (size_t i = 0; i < from->roster->count; i++)
        if (from->roster->items[i].walkin)
            carry_walkin(into, &from->roster->items[i], list);
    for (size_t i = 0; i < from->n_cancelled; i++)
        carry_cancelled(into, &from->cancelled[i],
                        restoring(from->cancelled[i].id, restore, n_restore), list);
    return 0;
}

void tsunagu_plan_relist_cancelled(tsunagu_roster *r, const tsunagu_plan *p)
{
    for (size_t k = 0; k < p->n_cancelled; k++)
        if (!p->cancelled[k].walkin && tsunagu_roster_find(r, p->cancelled[k].id) < 0)
            append(r, &p->cancelled[k]);
}

char *tsunagu_plan_carried_text(const tsunagu_plan *p, bool other_language)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    if (p->n_carried > 0)
        strbuf_add(&b, TR("The day's changes in the previous plan:\n", "前回の計画にある当日の変更:\n"));
    for (int i = 0; i < p->n_carried; i++)
        strbuf_addf(&b, "  %s\n", other_language && p->carried_other[i] ? p->carried_other[i] : p->carried[i]);
    return b.data;
}
