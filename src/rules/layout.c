/* layout.c - what every seating must be, whatever the weights: everyone
 * seated, tables within the size range, workgroups of the right track.
 * Not rules one can weigh, but measured in every plan like the rules. */
#include "rules/rules_private.h"

#include <string.h>

bool rule_in_track(const tsunagu_session_spec *spec, const char *track, tsunagu_profession p)
{
    for (int k = 0; track && k < spec->n_tracks; k++)
        if (strcmp(spec->tracks[k].id, track) == 0)
            return (spec->tracks[k].professions & (1u << p)) != 0;
    return false;
}

static bool seated(const rule_view *v, long *value, long *of)
{
    *value = v->seated;
    *of = v->eligible;
    return true;
}

static bool size_out_of_range(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    *value = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        long n = (long)sp->tables[t].n_members;
        *value += n < sp->spec->min_size || n > sp->spec->max_size;
    }
    *of = sp->n_tables;
    return true;
}

static bool wrong_track(const rule_view *v, long *value, long *of)
{
    const tsunagu_session_plan *sp = &v->plan->sessions[v->s];
    const tsunagu_roster *ro = v->plan->roster;
    *value = 0;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        for (size_t k = 0; k < tb->n_members; k++)
            *value += !rule_in_track(sp->spec, tb->track, ro->items[tb->members[k]].profession);
    }
    *of = v->seated;
    return true;
}

static const rule_measure measures[] = {
    {{"seated", RULE_BOTH, -1, 1, "Seated", "着席した人", "seated", "着席", 1, +1}, seated},
    {{"size_out_of_range", RULE_BOTH, -1, 9, "Tables outside the size range",
      "人数が範囲外のテーブル", NULL, NULL, 0, -1},
     size_out_of_range},
    {{"wrong_track", RULE_KIND(TSUNAGU_WORKGROUP), -1, 13, "Members outside their profession's track",
      "職種の合わないグループの人", NULL, NULL, 0, -1},
     wrong_track},
};

const rule_def rule_def_layout = {
    .id = -1,
    .name = "layout",
    .kinds = RULE_BOTH,
    .label_en = "Seats, table sizes and tracks",
    .label_ja = "席・テーブルの人数・トラック",
    .measures = measures,
    .n_measures = sizeof measures / sizeof *measures,
};
