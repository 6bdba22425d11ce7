/* stability.c - "stability": when re-planning, people keep the tables
 * printed on their badges; moves are made only where the other rules
 * cannot hold otherwise. */
#include "rules/rules_private.h"

#include <string.h>

/* Who moved is known to the re-planner alone, which compared the plans:
 * keep what it recorded. */
static bool moved(const rule_view *v, long *value, long *of)
{
    const tsunagu_plan *p = v->plan;
    const char *sid = p->sessions[v->s].spec->id;
    for (int k = 0; k < p->n_scores; k++)
        if (strcmp(p->scores[k].session, sid) == 0 && strcmp(p->scores[k].key, "moved") == 0) {
            *value = p->scores[k].value;
            *of = p->scores[k].of;
            return true;
        }
    return false;
}

static const rule_measure measures[] = {
    {{"moved", RULE_BOTH, TSUNAGU_RULE_STABILITY, 14, "People moved since the previous plan",
      "前の計画から席が変わった人", NULL, NULL, 0, 0},
     moved},
};

const rule_def rule_def_stability = {
    .id = TSUNAGU_RULE_STABILITY,
    .name = "stability",
    .kinds = RULE_BOTH,
    .defaults = {100, false},
    .label_en = "When re-planning, keep people where they were",
    .label_ja = "決め直すとき、今の席を変えない",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
};
