/* plan.c - the seating plan as data: its lifetime, its warnings, the
 * seating it holds.  Its JSON is written by plan_write.c and read by
 * plan_read.c; its scores are counted by score.c. */
#include "tsunagu/plan.h"
#include "plan/plan_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/tr.h"
#include "tsunagu/text.h"
#include "util/sort.h"


const char *const plan_status_names[4] = {"optimal", "feasible", "infeasible", "not_solved"};

const char *tsunagu_status_name(tsunagu_status s)
{
    return s >= 0 && s <= TSUNAGU_STATUS_NOT_SOLVED ? plan_status_names[s] : "?";
}

/* ---- freeing ---------------------------------------------------------- */

static void free_tables(tsunagu_table *tables, int n)
{
    for (int t = 0; t < n; t++) {
        free(tables[t].id);
        free(tables[t].label);
        free(tables[t].track);
        free(tables[t].regions);
        free(tables[t].members);
        free(tables[t].roles);
    }
    free(tables);
}

void plan_free_scores(tsunagu_score *scores, int n)
{
    for (int i = 0; i < n; i++) {
        free(scores[i].session);
        free(scores[i].key);
    }
    free(scores);
}

void tsunagu_plan_add_warning(tsunagu_plan *p, const char *text)
{
    char **w = realloc(p->warnings, (size_t)(p->n_warnings + 1) * sizeof *w);
    if (!w)
        abort();
    p->warnings = w;
    p->warnings[p->n_warnings++] = tsunagu_strdup(text ? text : "");
}

static void add_carried(tsunagu_plan *p, char *text, char *other)
{
    char **c = realloc(p->carried, (size_t)(p->n_carried + 1) * sizeof *c);
    char **o = c ? realloc(p->carried_other, (size_t)(p->n_carried + 1) * sizeof *o) : NULL;
    if (!c || !o)
        abort();
    p->carried = c;
    p->carried_other = o;
    p->carried_other[p->n_carried] = other;
    p->carried[p->n_carried++] = text;
}

void tsunagu_plan_add_carried(tsunagu_plan *p, const char *text)
{
    add_carried(p, tsunagu_strdup(text ? text : ""), NULL);
}

void tsunagu_plan_say_carried(tsunagu_plan *p, const char *en, const char *ja, ...)
{
    strbuf mine = {0}, other = {0};
    bool english = tsunagu_lang_get() == TSUNAGU_LANG_EN;
    va_list ap, aq;
    va_start(ap, ja);
    va_copy(aq, ap);
    strbuf_vaddf(&mine, english ? en : ja, ap);
    strbuf_vaddf(&other, english ? ja : en, aq);
    va_end(aq);
    va_end(ap);
    add_carried(p, mine.data, other.data);
}

void tsunagu_plan_clear_carried(tsunagu_plan *p)
{
    for (int i = 0; i < p->n_carried; i++) {
        free(p->carried[i]);
        free(p->carried_other[i]);
    }
    free(p->carried);
    free(p->carried_other);
    p->carried = p->carried_other = NULL;
    p->n_carried = 0;
}

static void free_pin(tsunagu_desk_pin *pin)
{
    free(pin->attendee_id);
    free(pin->session);
    free(pin->table);
}

void tsunagu_plan_add_pin(tsunagu_plan *p, const char *attendee_id, const char *session,
                          const char *table)
{
    tsunagu_plan_unpin(p, attendee_id, session);
    tsunagu_desk_pin *pins = realloc(p->pins, (size_t)(p->n_pins + 1) * sizeof *pins);
    if (!pins)
        abort();
    p->pins = pins;
    p->pins[p->n_pins++] = (tsunagu_desk_pin){tsunagu_strdup(attendee_id), tsunagu_strdup(session),
                                              tsunagu_strdup(table)};
}

int tsunagu_plan_unpin(tsunagu_plan *p, const char *attendee_id, const char *session)
{
    int kept = 0, gone = 0;
    for (int k = 0; k < p->n_pins; k++) {
        tsunagu_desk_pin *pin = &p->pins[k];
        if (strcmp(pin->attendee_id, attendee_id) == 0 && (!session || strcmp(pin->session, session) == 0)) {
            free_pin(pin);
            gone++;
        } else {
            p->pins[kept++] = *pin;
        }
    }
    p->n_pins = kept;
    return gone;
}

void tsunagu_plan_free(tsunagu_plan *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n_sessions; i++) {
        tsunagu_session_plan *sp = &p->sessions[i];
        for (int r = 0; r < sp->n_later; r++) {
            free_tables(sp->later[r].tables, sp->later[r].n_tables);
            free(sp->later[r].seat);
        }
        free(sp->later);
        free_tables(sp->tables, sp->n_tables);
        free(sp->seat);
    }
    free(p->sessions);
    plan_free_scores(p->scores, p->n_scores);
    for (int i = 0; i < p->n_pins; i++)
        free_pin(&p->pins[i]);
    free(p->pins);
    for (int i = 0; i < p->n_moves; i++) {
        free(p->moves[i].attendee_id);
        free(p->moves[i].session);
        free(p->moves[i].from);
        free(p->moves[i].to);
        free(p->moves[i].why);
    }
    free(p->moves);
    for (int i = 0; i < p->n_warnings; i++)
        free(p->warnings[i]);
    free(p->warnings);
    for (size_t i = 0; i < p->n_cancelled; i++)
        tsunagu_attendee_clear(&p->cancelled[i]);
    free(p->cancelled);
    tsunagu_plan_clear_carried(p);
    free(p->generator);
    free(p->input_file);
    /* The roster borrows the regions: free it first. */
    tsunagu_roster_free(p->roster);
    tsunagu_event_free(p->event);
    tsunagu_regions_free(p->regions);
    free(p);
}

/* Where everybody sits, from the tables' member lists: new arrays
 * where[s][i] (table index or -1), freed with free_seating. */
int **plan_seating(const tsunagu_plan *p)
{
    size_t n = p->roster->count;
    int **where = calloc((size_t)(p->n_sessions ? p->n_sessions : 1), sizeof *where);
    if (!where)
        abort();
    for (int s = 0; s < p->n_sessions; s++) {
        where[s] = malloc((n ? n : 1) * sizeof **where);
        if (!where[s])
            abort();
        for (size_t i = 0; i < n; i++)
            where[s][i] = -1;
        for (int t = 0; t < p->sessions[s].n_tables; t++)
            for (size_t k = 0; k < p->sessions[s].tables[t].n_members; k++)
                if (p->sessions[s].tables[t].members[k] < n)
                    where[s][p->sessions[s].tables[t].members[k]] = t;
    }
    return where;
}

void plan_free_seating(const tsunagu_plan *p, int **where)
{
    for (int s = 0; s < p->n_sessions; s++)
        free(where[s]);
    free(where);
}


char *tsunagu_plan_rounds_text(const tsunagu_plan *p, int s)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    if (sp->n_later <= 0)
        return NULL;
    bool proven = true;
    for (int r = 0; r < sp->n_later; r++)
        proven &= sp->later[r].status == TSUNAGU_STATUS_OPTIMAL;
    strbuf which = {0};
    if (sp->n_later == 1)
        strbuf_addf(&which, TR("round 2", "2回目"));
    else
        strbuf_addf(&which, TR("rounds 2-%d", "2〜%d回目"), sp->n_later + 1);
    strbuf b = {0};
    strbuf_addf(&b, TR("%d rounds, meetings again: %ld (lower bound %ld); %s %s",
                       "%1$d回の席替えで同じ人と二度同席した組: %2$ld（下限 %3$ld）、%4$sは%5$s"),
                sp->n_later + 1, sp->repeats, sp->repeats_bound, which.data,
                proven ? TR("proven optimal with round 1 as it is (the lower bound is reached)",
                            "1回目の席のもとで最適（下限に達しています）")
                : sp->repeats >= 0 && sp->repeats <= sp->repeats_bound
                    ? TR("found by search: the fewest meetings again with round 1 as it is (the lower bound is reached), the other rules not proven optimal",
                         "探索による席: 1回目の席のもとで再び同席する組は最少（下限に達しています）、ほかの条件の最適性は未証明")
                    : TR("found by search (not proven optimal)", "探索による席（最適性は未証明）"));
    free(which.data);
    return b.data;
}
