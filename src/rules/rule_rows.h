/* rule_rows.h - the rows a rule adds to a seating model (private).
 *
 * The models (src/model/: the counting model, the master of its blocks,
 * the benchmark's naive model) seat people by seating type: columns that
 * count the members of one type at one table.  A rule that looks at a
 * table's headcount - by side, experience or region - is a few rows over
 * those counts.  The rule writes them in its own file (mix.c,
 * experienced.c, regions_mixed.c) through the builder below; each model
 * implements the builder over its LP (src/model/rule_rows.c, blocks.c), so
 * no rule sees GLPK and no model knows what a rule means.
 *
 * Rules that price a seat (region), count pairs (colleagues, new_people),
 * keep people in place (stability) or join two people (requests) reach the
 * model as data instead: a cost per seat, pair groups, previous tables and
 * requests of the seating problem (docs/architecture.md). */
#ifndef TSUNAGU_RULE_ROWS_H
#define TSUNAGU_RULE_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "tsunagu/event.h"
#include "tsunagu/regions.h"

/* Column kinds and row bounds, as GLPK numbers them (src/model/lp.c
 * checks): continuous, integer, binary; lower, upper, double-bounded,
 * fixed. */
enum { LP_CV = 1, LP_IV = 2, LP_BV = 3 };
enum { LP_LO = 2, LP_UP = 3, LP_DB = 4, LP_FX = 5 };

/* Attendees who are interchangeable for every rule of a session. */
typedef struct {
    size_t *members;   /* roster indices, in roster order */
    int count;
    int side;          /* side of the mix rule (0 = the first, e.g. MSWs) */
    bool experienced;
    int region;        /* home region index */
    int track;         /* workgroups: track index; exchange: 0 */
    int *groups;       /* pair groups the type belongs to (colleagues, earlier tables) */
    int n_groups;
    int pin;           /* table the members must take, -1 none */
    int previous;      /* table they had in the previous plan, -1 none */
} seat_type;

/* Which of a table's people a sum counts. */
typedef enum { HEADS_ANYONE, HEADS_EXPERIENCED, HEADS_SIDE, HEADS_REGION } heads_who;

/* True when type ty is counted by (who, value): value is the side or the
 * region asked for. */
static inline bool heads_match(const seat_type *ty, heads_who who, int value)
{
    return who == HEADS_ANYONE        ? true
           : who == HEADS_EXPERIENCED ? ty->experienced
           : who == HEADS_SIDE        ? ty->side == value
                                      : ty->region == value;
}

typedef struct rule_rows rule_rows;
struct rule_rows {
    /* the session and its seating types */
    const tsunagu_session_spec *spec;
    const tsunagu_regions *regions;
    const seat_type *types;
    int n_types;
    /* The tables.  In the master of the blocks a "table" is a class of
     * alike tables: stands_for[t] tables, lo/hi/bands summed, and the
     * rows are the relaxation the class allows (NULL: one table each,
     * the rows exact). */
    int n_tables;
    const int *lo, *hi, *track;
    const int *stands_for;
    /* The mix rule: its sides, and the band of each of the first n_banded
     * sides at each table (band_lo[side * n_tables + t]).  mixing is false
     * when the rule has nothing to mix (a workgroup, one side present). */
    bool mixing;
    int n_sides, n_banded;
    const int *band_lo, *band_hi;
    /* regions_mixed: the master's slots per class (regions it can show);
     * region_cut adds the rows "a region of p people shows in at most p
     * groups" to the exact model. */
    const int *slots;
    bool region_cut;
    double offset;     /* the objective's constant term: rules add to it */

    /* The builder, the model's.  heads adds coef times the columns of
     * table t that (who, value) counts; any says whether t has one. */
    void *model;
    void (*row_begin)(void *model);
    void (*heads)(void *model, int t, heads_who who, int value, double coef);
    bool (*any)(void *model, int t, heads_who who, int value);
    int (*col)(void *model, const char *name, int kind, double lb, double ub, double cost);
    void (*term)(void *model, int col, double coef);
    void (*row_end)(void *model, const char *name, int type, double lb, double ub);
};

/* A rule's rows, for every table of m.  Called only when the rule applies
 * to the session's kind. */
typedef void (*rule_rows_fn)(rule_rows *m, const tsunagu_rule *rule);

/* Every rule's rows, in tsunagu_rule_id order (registry.c). */
void rules_model_rows(rule_rows *m);

#endif
