/* seat_problem.c - the seating problem as data: tables, seating types and
 * their members, pair groups, requests; what the session kinds fill in
 * and the models read, and the two questions every model asks of it: who
 * may sit where, and which tables are alike. */
#include "model_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/text.h"

void seat_problem_tables(seat_problem *sp, int n)
{
    sp->n_tables = n;
    sp->lo = model_calloc((size_t)n, sizeof(int));
    sp->hi = model_calloc((size_t)n, sizeof(int));
    sp->table_track = model_calloc((size_t)n, sizeof(int));
    sp->table_regions = model_calloc((size_t)n, sizeof(int *));
    sp->n_table_regions = model_calloc((size_t)n, sizeof(int));
    sp->table_ids = model_calloc((size_t)n, sizeof(char *));
    sp->table_labels = model_calloc((size_t)n, sizeof(char *));
}

void seat_problem_sides(seat_problem *sp, const bool *seated)
{
    const tsunagu_roster *r = sp->roster;
    int n = 0, count[TSUNAGU_MAX_PROFESSIONS] = {0};
    sp->n_sides = sp->spec->n_sides;
    for (size_t i = 0; i < r->count; i++) {
        int side = seated[i] ? sp->spec->side[r->items[i].profession] : -1;
        if (side >= 0) {
            count[side]++;
            n++;
        }
    }
    for (int c = 0; c < sp->n_sides; c++)
        sp->side_ratio[c] = n ? (double)count[c] / n : 0.0;
}

bool model_mixing(const seat_problem *sp)
{
    int present = 0;
    for (int c = 0; c < sp->n_sides; c++)
        present += sp->side_ratio[c] > 0;
    return sp->spec->kind == TSUNAGU_EXCHANGE && present >= 2;
}

int model_banded_sides(const seat_problem *sp)
{
    return sp->n_sides == 2 ? 1 : sp->n_sides;
}

int model_band_lo(const seat_problem *sp, int side, int t)
{
    return (int)floor(sp->side_ratio[side] * sp->lo[t] + 1e-9);
}

int model_band_hi(const seat_problem *sp, int side, int t)
{
    return (int)ceil(sp->side_ratio[side] * sp->hi[t] - 1e-9);
}

void seat_problem_dispose(seat_problem *sp)
{
    for (int k = 0; k < sp->n_types; k++) {
        free(sp->types[k].members);
        free(sp->types[k].groups);
    }
    free(sp->types);
    for (int g = 0; g < sp->n_groups; g++)
        free(sp->groups[g].name);
    free(sp->groups);
    for (int t = 0; t < sp->n_tables; t++) {
        free(sp->table_regions[t]);
        free(sp->table_ids[t]);
        free(sp->table_labels[t]);
    }
    free(sp->lo);
    free(sp->hi);
    free(sp->table_track);
    free(sp->table_regions);
    free(sp->n_table_regions);
    free(sp->table_ids);
    free(sp->table_labels);
    free(sp->cost_row);
    free(sp->costs);
    for (int q = 0; q < sp->n_requests; q++)
        free(sp->requests[q].what);
    free(sp->requests);
    for (int k = 0; k < sp->n_types; k++)
        free(sp->keys[k]);
    free(sp->keys);
    strmap_dispose(&sp->type_index);
    memset(sp, 0, sizeof *sp);
}

int seat_problem_add(seat_problem *sp, size_t i, const char *key, const seat_type *proto)
{
    int k = strmap_get(&sp->type_index, key);
    if (k < 0)
        k = sp->n_types;
    if (k == sp->n_types) {
        if (sp->n_types == sp->cap_types) {
            sp->cap_types = sp->cap_types ? sp->cap_types * 2 : 64;
            sp->types = model_realloc(sp->types, (size_t)sp->cap_types * sizeof *sp->types);
            sp->keys = model_realloc(sp->keys, (size_t)sp->cap_types * sizeof *sp->keys);
        }
        seat_type *t = &sp->types[k];
        *t = *proto;
        t->members = NULL;
        t->count = 0;
        t->groups = NULL;
        if (proto->n_groups) {
            t->groups = model_calloc((size_t)proto->n_groups, sizeof(int));
            memcpy(t->groups, proto->groups, (size_t)proto->n_groups * sizeof(int));
        }
        sp->keys[k] = tsunagu_strdup(key);
        strmap_put(&sp->type_index, sp->keys[k], k);
        sp->n_types++;
    }
    seat_type *t = &sp->types[k];
    if ((t->count & (t->count - 1)) == 0) /* 0, 1, 2, 4, ...: double */
        t->members = model_realloc(t->members, (size_t)(t->count ? 2 * t->count : 1) * sizeof(size_t));
    t->members[t->count++] = i;
    return k;
}

void seat_problem_request(seat_problem *sp, int a, int b, bool together, bool hard, const char *what)
{
    sp->requests = model_realloc(sp->requests, (size_t)(sp->n_requests + 1) * sizeof *sp->requests);
    sp->requests[sp->n_requests++] = (seat_request){a, b, together, hard, tsunagu_strdup(what)};
}

int seat_problem_group(seat_problem *sp, int rule, const char *name)
{
    if ((sp->n_groups & (sp->n_groups - 1)) == 0) /* 0, 1, 2, 4, ...: double */
        sp->groups = model_realloc(sp->groups,
                                   (size_t)(sp->n_groups ? 2 * sp->n_groups : 1) * sizeof *sp->groups);
    pair_group *g = &sp->groups[sp->n_groups];
    g->weight_rule = rule;
    g->size = 0;
    g->name = tsunagu_strdup(name);
    return sp->n_groups++;
}

/* ---- who may sit where, which tables are alike ------------------------- */

static bool same_table_rules(const seat_problem *sp, int u, int t)
{
    if (sp->table_track[u] != sp->table_track[t] || sp->lo[u] != sp->lo[t] ||
        sp->hi[u] != sp->hi[t] || sp->n_table_regions[u] != sp->n_table_regions[t])
        return false;
    for (int i = 0; i < sp->n_table_regions[t]; i++)
        if (sp->table_regions[u][i] != sp->table_regions[t][i])
            return false;
    for (int q = 0; q < sp->n_cost_rows && sp->cost_row; q++)
        if (sp->costs[(size_t)q * sp->n_tables + u] != sp->costs[(size_t)q * sp->n_tables + t])
            return false;
    return true;
}

int model_table_classes(const seat_problem *sp, const bool *alone, int *class_of)
{
    const int T = sp->n_tables;
    /* a hash of each table's rules, so that only likely twins are compared
     * in full (cost rows x tables at thousands of tables) */
    unsigned *hash = model_calloc((size_t)T, sizeof(unsigned));
    int *rep = model_calloc((size_t)T, sizeof(int)); /* per class: its first table */
    int n = 0;
    for (int t = 0; t < T; t++) {
        unsigned h = 2166136261u;
        h = (h ^ (unsigned)sp->table_track[t]) * 16777619u;
        h = (h ^ (unsigned)sp->lo[t]) * 16777619u;
        h = (h ^ (unsigned)sp->hi[t]) * 16777619u;
        for (int i = 0; i < sp->n_table_regions[t]; i++)
            h = (h ^ (unsigned)sp->table_regions[t][i]) * 16777619u;
        for (int q = 0; q < sp->n_cost_rows && sp->cost_row; q++)
            h = (h ^ (unsigned)(long)(sp->costs[(size_t)q * T + t] * 64)) * 16777619u;
        hash[t] = h;
        int c = n;
        for (int j = 0; j < n && !(alone && alone[t]); j++) {
            int u = rep[j];
            if (!(alone && alone[u]) && hash[u] == h && same_table_rules(sp, u, t)) {
                c = j;
                break;
            }
        }
        if (c == n)
            rep[n++] = t;
        class_of[t] = c;
    }
    free(rep);
    free(hash);
    return n;
}

bool model_allowed(const seat_problem *sp, int k, int t)
{
    const seat_type *ty = &sp->types[k];
    if (ty->track != sp->table_track[t])
        return false;
    if (model_cost(sp, k, t) < 0)
        return false; /* a hard rule forbids it */
    if (ty->pin >= 0)
        return ty->pin == t;
    if (ty->previous >= 0 && (sp->stay_only || sp->spec->rules[TSUNAGU_RULE_STABILITY].hard))
        return ty->previous == t;
    if (ty->previous >= 0 && sp->local)
        return sp->local[ty->previous] ? sp->local[t] : ty->previous == t;
    return true;
}
