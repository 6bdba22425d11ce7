/* match.c - an earlier plan's people under the ids of a newer list.
 *
 * An organiser who re-sorts the list in Excel and numbers it again, or
 * whose list has no id column at all, gives the same people new ids.  A
 * re-plan and a diff compare people by id, so they would take everyone for
 * someone new: almost everyone reseated, pins dropped.  Here the earlier
 * plan is copied with each person's id replaced by the id the same person
 * has now (tsunagu_roster_match); whoever compares by id then compares the
 * right people. */
#include "tsunagu/replan.h"
#include "tsunagu/text.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/strmap.h"

/* old's id for person i of the copy: now's id of the same person, else
 * their own, primed until no one of now has it. */
static char *new_id(const tsunagu_roster *now, const long *match, size_t i, const char *id,
                    const strmap *now_ids)
{
    if (match[i] >= 0)
        return tsunagu_strdup(now->items[match[i]].id);
    strbuf b = {0};
    strbuf_add(&b, id);
    while (strmap_get(now_ids, b.data) >= 0)
        strbuf_add(&b, "'");
    return b.data;
}

/* Replace id `from` by `to` in the copy's moves and pins. */
static void rename_references(tsunagu_plan *p, const char *from, const char *to)
{
    for (int m = 0; m < p->n_moves; m++)
        if (strcmp(p->moves[m].attendee_id, from) == 0) {
            free(p->moves[m].attendee_id);
            p->moves[m].attendee_id = tsunagu_strdup(to);
        }
    for (int k = 0; k < p->n_pins; k++)
        if (strcmp(p->pins[k].attendee_id, from) == 0) {
            free(p->pins[k].attendee_id);
            p->pins[k].attendee_id = tsunagu_strdup(to);
        }
}

tsunagu_plan *tsunagu_plan_renumbered(const tsunagu_plan *old, const tsunagu_roster *now)
{
    long *match = tsunagu_roster_match(old->roster, now);
    strmap now_ids = {0};
    for (size_t j = 0; j < now->count; j++)
        strmap_put(&now_ids, now->items[j].id, (int)j);
    bool same = true; /* everyone keeps their id: nothing to copy */
    for (size_t i = 0; i < old->roster->count && same; i++) {
        const char *id = old->roster->items[i].id;
        same = match[i] >= 0 ? strcmp(now->items[match[i]].id, id) == 0 : strmap_get(&now_ids, id) < 0;
    }
    tsunagu_plan *copy = NULL;
    if (!same) {
        json_t *doc = tsunagu_plan_to_json(old);
        tsunagu_diags *quiet = tsunagu_diags_new();
        copy = tsunagu_plan_from_json(doc, "plan", quiet);
        tsunagu_diags_free(quiet);
        json_decref(doc);
    }
    /* two passes through temporary names: A -> B while B -> A */
    char **ids = copy ? calloc(copy->roster->count + 1, sizeof *ids) : NULL;
    for (size_t i = 0; copy && i < copy->roster->count; i++) {
        tsunagu_attendee *a = &copy->roster->items[i];
        ids[i] = new_id(now, match, i, a->id, &now_ids);
        strbuf tmp = {0};
        strbuf_addf(&tmp, "\x1f%zu", i);
        rename_references(copy, a->id, tmp.data);
        free(a->id);
        a->id = tmp.data;
    }
    for (size_t i = 0; copy && i < copy->roster->count; i++) {
        tsunagu_attendee *a = &copy->roster->items[i];
        rename_references(copy, a->id, ids[i]);
        free(a->id);
        a->id = ids[i];
    }
    free(ids);
    strmap_dispose(&now_ids);
    free(match);
    return copy;
}
