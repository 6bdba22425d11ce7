/* blocks.c - large sessions: a small model of where each kind of attendee
 * goes, then one counting model per block of tables.
 *
 * One counting model for a session of a few thousand people has hundreds
 * of thousands of columns: GLPK needs gigabytes and finds no bound in a
 * minute.  Tables with identical rules (same track, size range and region
 * costs; an exchange cluster, a workgroup track) form a table class, and
 * each class is cut into blocks of at most BLOCK_TABLES tables:
 *   1. master: attendees are aggregated over everything but their pair
 *      groups (side, experience, home region, track, region costs), and a
 *      small integer program decides how many of each aggregate go to each
 *      class (table sizes, both sides, experienced members and the region
 *      costs summed over the class).  It is a relaxation of the session's
 *      model (pairs count 0, per-table terms are summed), so its bound is a
 *      valid lower bound of the whole session;
 *   2. each class's people are dealt to its blocks in proportion to their
 *      tables, so that colleagues and earlier tablemates land in different
 *      blocks and every aggregate is spread evenly;
 *   3. each block is an ordinary counting model (seat_problem_solve) with
 *      its share of the time limit.
 * When every aggregate has exactly one class it may go to and every class
 * is one block (workgroup tracks of moderate size), the decomposition is
 * exact and the sum of the blocks' bounds is used as well.  See
 * docs/scaling.md for what the split costs, measured. */
#include "model_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/text.h"

/* Measured with tools/bench (docs/scaling.md): blocks of this many tables
 * are proven optimal or within a fraction of a percent in a few seconds. */
#define BLOCK_TABLES 40
/* Exchange sessions up to this many tables stay one model. */
#define SPLIT_TABLES 40
/* Beyond this many n[k][t] columns a whole-session model is not even built
 * (measured: 5,000 people, ~2 million, ran GLPK out of memory at 3 GB). */
#define WHOLE_MODEL_MAX_COLUMNS 1000000

static double cost_at(const seat_problem *sp, int k, int t)
{
    return model_cost(sp, k, t);
}

/* The shortest time limit worth giving GLPK for a block: below it GLPK's
 * own fixed work (presolve, the root LP, cut setup; about 0.05-0.1 s for
 * a block of 40 tables) is all it would do. */
#define BLOCK_MIN_SECONDS 0.05

/* The clock of a split session's blocks.  Each block gets its share (by
 * people) of the time left, less what the greedy seating of the blocks
 * after it costs; when that share cannot pay for a GLPK run, the block is
 * seated by the greedy heuristic alone.  Both costs are measured as the
 * blocks go: at 100,000 attendees a GLPK run per block would take twice
 * the whole time limit. */
typedef struct {
    double deadline;   /* model_now() by which the blocks must be done; 0 = no limit */
    double greedy_pp;  /* seconds per person of a greedy block */
    double overrun;    /* seconds a GLPK block takes beyond its limit */
    int greedy_blocks; /* blocks seated greedily for want of time */
} block_clock;

/* The limit for a block of `people` (0 = none), with `left` people still
 * to seat including these; *greedy when there is no time for GLPK. */
static double block_limit(const block_clock *bc, int people, int left, bool *greedy)
{
    *greedy = false;
    if (bc->deadline <= 0)
        return 0;
    double rest = bc->deadline - model_now();
    double avail = rest - bc->greedy_pp * (left - people);
    double limit = left > 0 ? avail * people / left : avail;
    if (limit < BLOCK_MIN_SECONDS)
        limit = BLOCK_MIN_SECONDS;
    if (limit > avail - bc->overrun) /* GLPK runs past its limit: keep room for that */
        limit = avail - bc->overrun;
    *greedy = limit < BLOCK_MIN_SECONDS;
    return *greedy ? BLOCK_MIN_SECONDS : limit;
}

/* Learn from a block that took `seconds` with `limit` (greedy or not). */
static void block_clock_update(block_clock *bc, int people, double limit, double seconds,
                               bool greedy)
{
    if (bc->deadline <= 0 || people <= 0)
        return;
    if (greedy) {
        double pp = seconds / people;
        bc->greedy_pp = bc->greedy_blocks++ ? 0.8 * bc->greedy_pp + 0.2 * pp : pp;
    } else {
        double over = seconds > limit ? seconds - limit : 0;
        bc->overrun = 0.8 * bc->overrun + 0.2 * over;
    }
}

/* Previous tables (re-plans) are left to the whole-session model: they tie
 * most people to single tables, and its 'nobody moves' stage is small
 * anyway.  Pins and requests concern a few people: they are split too. */
static bool splittable(const seat_problem *sp)
{
    if (sp->replan)
        return false;
    for (int k = 0; k < sp->n_types; k++)
        if (sp->types[k].previous >= 0)
            return false;
    if (sp->spec->kind == TSUNAGU_WORKGROUP)
        return sp->spec->n_tracks > 1 || sp->n_tables > BLOCK_TABLES;
    return sp->n_tables > SPLIT_TABLES;
}

/* Regions with someone allowed at table t, as the counting model counts
 * them for its regions_mixed offset. */
static int regions_present(const seat_problem *sp, int t, bool *seen, int nr)
{
    memset(seen, 0, (size_t)nr * sizeof *seen);
    int n = 0;
    for (int k = 0; k < sp->n_types; k++) {
        const seat_type *ty = &sp->types[k];
        if (ty->track != sp->table_track[t] || cost_at(sp, k, t) < 0 || seen[ty->region])
            continue;
        seen[ty->region] = true;
        n++;
    }
    return n < sp->hi[t] ? n : sp->hi[t];
}

typedef struct {
    int n_classes;
    int *class_of;    /* per table */
    int *rep;         /* per class: its first table */
    int *n_tables;    /* per class */
    int n_aggr;
    int *aggr_of;     /* per type */
    int *aggr_count;  /* per aggregate */
    int *aggr_rep;    /* per aggregate: a type */
    bool *aggr_solo;  /* per aggregate: one type of a risky pair group */
    bool *risky;      /* per pair group */
    int *m;           /* n_aggr x n_classes: people sent (master solution) */
    int *present;     /* per class: regions_present of its tables (all alike) */
    lp_result master;
} split_plan;

static void split_plan_dispose(split_plan *p)
{
    free(p->class_of);
    free(p->rep);
    free(p->n_tables);
    free(p->aggr_of);
    free(p->aggr_count);
    free(p->aggr_rep);
    free(p->aggr_solo);
    free(p->risky);
    free(p->m);
    free(p->present);
}

static void make_classes(const seat_problem *sp, split_plan *p)
{
    const int T = sp->n_tables;
    p->class_of = model_calloc((size_t)T, sizeof(int));
    p->rep = model_calloc((size_t)T, sizeof(int));
    p->n_tables = model_calloc((size_t)T, sizeof(int));
    p->n_classes = model_table_classes(sp, NULL, p->class_of);
    for (int t = T - 1; t >= 0; t--) {
        p->rep[p->class_of[t]] = t;
        p->n_tables[p->class_of[t]]++;
    }
    /* tables of a class share track, sizes and costs, so regions_present
     * is the same for all of them: once per class, not types x tables */
    const int nr = tsunagu_regions_count(sp->regions);
    bool *seen = model_calloc((size_t)nr + 1, sizeof(bool));
    p->present = model_calloc((size_t)p->n_classes, sizeof(int));
    for (int c = 0; c < p->n_classes; c++)
        p->present[c] = regions_present(sp, p->rep[c], seen, nr);
    free(seen);
}

/* Pair groups that a class could be too small to separate (more people
 * than its tables): their types stay apart in the master, which counts
 * the pairs such a class cannot avoid. */
static bool *risky_groups(const seat_problem *sp, const split_plan *p)
{
    bool *risky = model_calloc((size_t)sp->n_groups + 1, sizeof(bool));
    int smallest = sp->n_tables;
    for (int c = 0; c < p->n_classes; c++)
        if (p->n_tables[c] < smallest)
            smallest = p->n_tables[c];
    for (int g = 0; g < sp->n_groups; g++) {
        const tsunagu_rule *rule = &sp->spec->rules[sp->groups[g].weight_rule];
        risky[g] = (rule->hard || rule->weight > 0) && sp->groups[g].size > smallest;
    }
    return risky;
}

/* Aggregates: types equal in everything the master sees.  A type joins
 * the aggregate of its side, experience, home region, track and costs at
 * every class (looked up by a key); the types that must stay alone get an
 * aggregate of their own. */
static void make_aggregates(const seat_problem *sp, split_plan *p, const bool *risky)
{
    const int K = sp->n_types, C = p->n_classes;
    p->aggr_of = model_calloc((size_t)K, sizeof(int));
    p->aggr_count = model_calloc((size_t)K, sizeof(int));
    p->aggr_rep = model_calloc((size_t)K, sizeof(int));
    /* costs at the classes: one signature per cost row */
    int *signature = NULL;
    if (sp->cost_row) {
        strmap sigs = {0};
        char **texts = model_calloc((size_t)sp->n_cost_rows, sizeof(char *));
        signature = model_calloc((size_t)sp->n_cost_rows, sizeof(int));
        for (int q = 0; q < sp->n_cost_rows; q++) {
            strbuf text = {0};
            for (int c = 0; c < C; c++)
                strbuf_addf(&text, "%.17g,", sp->costs[(size_t)q * sp->n_tables + p->rep[c]]);
            signature[q] = strmap_get(&sigs, text.data);
            if (signature[q] < 0)
                strmap_put(&sigs, text.data, signature[q] = q);
            texts[q] = text.data;
        }
        strmap_dispose(&sigs);
        for (int q = 0; q < sp->n_cost_rows; q++)
            free(texts[q]);
        free(texts);
    }
    bool *solo_type = model_calloc((size_t)K, sizeof(bool));
    for (int q = 0; q < sp->n_requests; q++)
        solo_type[sp->requests[q].a] = solo_type[sp->requests[q].b] = true;
    strmap shared = {0};
    char **keys = model_calloc((size_t)K, sizeof(char *));
    int n_keys = 0;
    for (int k = 0; k < K; k++) {
        const seat_type *a = &sp->types[k];
        /* alone: a type of a risky pair group, a pinned type, a person
         * named in a request (the master and the deal place them alone) */
        bool solo = a->pin >= 0 || solo_type[k];
        for (int j = 0; j < a->n_groups; j++)
            solo |= risky[a->groups[j]];
        int g = -1;
        strbuf key = {0};
        if (!solo) {
            strbuf_addf(&key, "%d|%d|%d|%d|%d", a->side, a->experienced, a->region, a->track,
                        signature ? signature[sp->cost_row[k]] : 0);
            g = strmap_get(&shared, key.data);
        }
        if (g < 0) {
            g = p->n_aggr++;
            p->aggr_solo[g] = solo;
            p->aggr_rep[g] = k;
            if (!solo) {
                keys[n_keys++] = key.data;
                strmap_put(&shared, key.data, g);
                key.data = NULL;
            }
        }
        free(key.data);
        p->aggr_of[k] = g;
        p->aggr_count[g] += a->count;
    }
    strmap_dispose(&shared);
    for (int q = 0; q < n_keys; q++)
        free(keys[q]);
    free(keys);
    free(solo_type);
    free(signature);
}

/* The master model as it is built. */
typedef struct {
    const seat_problem *sp;
    const split_plan *p;
    lp_builder lp;
    int *col;               /* n_aggr x n_classes: column of m[a][c], 0 = not allowed */
    int *lo, *hi;           /* per class: its tables' size range, summed */
    int *band_lo, *band_hi; /* per side and class (side x C): the mix band, summed */
    int *slots;             /* per class: regions_mixed, sum of min(present, hi) */
    double offset;          /* the objective's constant term */
} master_model;

/* sum_a m[a][c] * coef over the aggregates that match, as the row being
 * built (uses locals A, C, col, p, sp, lp; ty is the aggregate's type). */
#define CLASS_ROW(match, coef)                                                     \
    do {                                                                           \
        lp_row_begin(lp);                                                          \
        for (int a = 0; a < A; a++) {                                              \
            const seat_type *ty = &sp->types[p->aggr_rep[a]];                      \
            (void)ty;                                                              \
            if (col[(size_t)a * C + c] && (match))                                 \
                lp_term(lp, col[(size_t)a * C + c], coef);                         \
        }                                                                          \
    } while (0)

/* The per-class sums, the columns m[a][c] and the rows "every aggregate
 * sent somewhere". */
static void master_columns(master_model *mm, bool regions_term)
{
    const seat_problem *sp = mm->sp;
    const split_plan *p = mm->p;
    const int C = p->n_classes, A = p->n_aggr;
    lp_builder *lp = &mm->lp;
    char nm[64];
    for (int t = 0; t < sp->n_tables; t++) {
        int c = p->class_of[t];
        mm->lo[c] += sp->lo[t];
        mm->hi[c] += sp->hi[t];
        for (int side = 0; side < model_banded_sides(sp); side++) {
            mm->band_lo[(size_t)side * C + c] += model_band_lo(sp, side, t);
            mm->band_hi[(size_t)side * C + c] += model_band_hi(sp, side, t);
        }
        if (regions_term)
            mm->slots[c] += p->present[c];
    }
    for (int a = 0; a < A; a++) {
        const seat_type *ty = &sp->types[p->aggr_rep[a]];
        for (int c = 0; c < C; c++) {
            double cost = cost_at(sp, p->aggr_rep[a], p->rep[c]);
            if (ty->track != sp->table_track[p->rep[c]] || cost < 0 ||
                (ty->pin >= 0 && p->class_of[ty->pin] != c))
                continue;
            snprintf(nm, sizeof nm, "m_%d_%d", a, c);
            mm->col[(size_t)a * C + c] = lp_col(lp, nm, LP_IV, 0, p->aggr_count[a], cost);
        }
        lp_row_begin(lp);
        for (int c = 0; c < C; c++)
            if (mm->col[(size_t)a * C + c])
                lp_term(lp, mm->col[(size_t)a * C + c], 1);
        snprintf(nm, sizeof nm, "sent_%d", a);
        lp_row_end(lp, nm, LP_FX, p->aggr_count[a], p->aggr_count[a]);
    }
}

/* The size row of class c. */
static void master_size_row(master_model *mm, int c)
{
    const seat_problem *sp = mm->sp;
    const split_plan *p = mm->p;
    const int C = p->n_classes, A = p->n_aggr;
    const int *col = mm->col;
    lp_builder *lp = &mm->lp;
    char nm[64];
    CLASS_ROW(true, 1);
    snprintf(nm, sizeof nm, "size_%d", c);
    lp_row_end(lp, nm, mm->lo[c] == mm->hi[c] ? LP_FX : LP_DB, mm->lo[c], mm->hi[c]);
}

/* The rules' rows (rules/rule_rows.h) over the classes: each class a
 * "table" standing for its tables, its people the aggregates sent there. */
static void mm_row_begin(void *m)
{
    lp_row_begin(&((master_model *)m)->lp);
}

static void mm_heads(void *m, int c, heads_who who, int value, double coef)
{
    master_model *mm = m;
    const split_plan *p = mm->p;
    const int C = p->n_classes;
    for (int a = 0; a < p->n_aggr; a++)
        if (mm->col[(size_t)a * C + c] && heads_match(&mm->sp->types[p->aggr_rep[a]], who, value))
            lp_term(&mm->lp, mm->col[(size_t)a * C + c], coef);
}

static bool mm_any(void *m, int c, heads_who who, int value)
{
    const master_model *mm = m;
    const split_plan *p = mm->p;
    for (int a = 0; a < p->n_aggr; a++)
        if (mm->col[(size_t)a * p->n_classes + c] && heads_match(&mm->sp->types[p->aggr_rep[a]], who, value))
            return true;
    return false;
}

static int mm_col(void *m, const char *name, int kind, double lb, double ub, double cost)
{
    return lp_col(&((master_model *)m)->lp, name, kind, lb, ub, cost);
}

static void mm_term(void *m, int col, double coef)
{
    lp_term(&((master_model *)m)->lp, col, coef);
}

static void mm_row_end(void *m, const char *name, int type, double lb, double ub)
{
    lp_row_end(&((master_model *)m)->lp, name, type, lb, ub);
}

static void master_rule_rows(master_model *mm)
{
    const seat_problem *sp = mm->sp;
    const split_plan *p = mm->p;
    const int C = p->n_classes;
    int *track = model_calloc((size_t)C, sizeof(int));
    for (int c = 0; c < C; c++)
        track[c] = sp->table_track[p->rep[c]];
    rule_rows m;
    model_rule_builder(&m, sp, mm);
    m.n_tables = C;
    m.lo = mm->lo;
    m.hi = mm->hi;
    m.track = track;
    m.stands_for = p->n_tables;
    m.band_lo = mm->band_lo;
    m.band_hi = mm->band_hi;
    m.slots = mm->slots;
    m.row_begin = mm_row_begin;
    m.heads = mm_heads;
    m.any = mm_any;
    m.col = mm_col;
    m.term = mm_term;
    m.row_end = mm_row_end;
    rules_model_rows(&m);
    mm->offset += m.offset;
    free(track);
}
#undef CLASS_ROW

/* A 'together' request (two one-person aggregates): hard, both in the
 * same class; soft, its weight when the classes differ, for then they sit
 * apart for certain (in one class they may still, so this stays a
 * relaxation). */
static void master_request_rows(master_model *mm)
{
    const seat_problem *sp = mm->sp;
    const split_plan *p = mm->p;
    const int C = p->n_classes;
    const tsunagu_rule *rq_rule = &sp->spec->rules[TSUNAGU_RULE_REQUESTS];
    lp_builder *lp = &mm->lp;
    char nm[64];
    for (int q = 0; q < sp->n_requests && (rq_rule->hard || rq_rule->weight > 0); q++) {
        const seat_request *rq = &sp->requests[q];
        if (!rq->together)
            continue;
        int aa = p->aggr_of[rq->a], ab = p->aggr_of[rq->b], d = 0;
        if (!rq_rule->hard) {
            snprintf(nm, sizeof nm, "split_%d", q);
            d = lp_col(lp, nm, LP_CV, 0, 1, rq_rule->weight);
        }
        for (int c = 0; c < C; c++) {
            int ca = mm->col[(size_t)aa * C + c], cb = mm->col[(size_t)ab * C + c];
            if (!ca && !cb)
                continue;
            lp_row_begin(lp); /* a missing column (0) counts 0 */
            lp_term(lp, ca, 1);
            lp_term(lp, cb, -1);
            snprintf(nm, sizeof nm, "together_%d_%d", q, c);
            if (rq_rule->hard) {
                lp_row_end(lp, nm, LP_FX, 0, 0);
            } else {
                lp_term(lp, d, -1);
                lp_row_end(lp, nm, LP_UP, 0, 0);
            }
        }
    }
}

/* Pairs a class cannot avoid: s members at n tables make at least
 * q s - n q (q + 1) / 2 pairs (tangents of the balanced split). */
static void master_pair_rows(master_model *mm)
{
    const seat_problem *sp = mm->sp;
    const split_plan *p = mm->p;
    const int C = p->n_classes, A = p->n_aggr;
    lp_builder *lp = &mm->lp;
    char nm[64];
    for (int g = 0; g < sp->n_groups; g++) {
        if (!p->risky[g])
            continue;
        const tsunagu_rule *rule = &sp->spec->rules[sp->groups[g].weight_rule];
        for (int c = 0; c < C; c++) {
            const int n = p->n_tables[c];
            if (sp->groups[g].size <= n)
                continue;
            int z = 0;
            if (!rule->hard) {
                snprintf(nm, sizeof nm, "pairs_%d_%d", g, c);
                z = lp_col(lp, nm, LP_CV, 0, -1, rule->weight);
            }
            for (int q = 1; q <= (rule->hard ? 1 : 3); q++) {
                lp_row_begin(lp);
                for (int a = 0; a < A; a++) {
                    const seat_type *ty = &sp->types[p->aggr_rep[a]];
                    bool in = false;
                    for (int j = 0; j < ty->n_groups; j++)
                        in |= ty->groups[j] == g;
                    if (in && p->aggr_solo[a] && mm->col[(size_t)a * C + c])
                        lp_term(lp, mm->col[(size_t)a * C + c], rule->hard ? 1 : q);
                }
                if (z)
                    lp_term(lp, z, -1);
                snprintf(nm, sizeof nm, "unavoidable_%d_%d_%d", g, c, q);
                lp_row_end(lp, nm, LP_UP, 0, rule->hard ? n : (double)n * q * (q + 1) / 2);
            }
        }
    }
}

/* The master model; fills p->m and p->master.  Returns 0 or -1 (no
 * solution: the caller falls back to the whole-session model). */
static int solve_master(const seat_problem *sp, split_plan *p, const tsunagu_solve_options *opt,
                        double time_limit)
{
    const int C = p->n_classes, A = p->n_aggr;
    char name[80];
    snprintf(name, sizeof name, "%s-master", sp->spec->id);
    master_model mm = {.sp = sp, .p = p};
    lp_init(&mm.lp, name);
    mm.col = model_calloc((size_t)A * (size_t)C, sizeof(int));
    mm.lo = model_calloc((size_t)C, sizeof(int));
    mm.hi = model_calloc((size_t)C, sizeof(int));
    mm.band_lo = model_calloc((size_t)sp->n_sides * (size_t)C + 1, sizeof(int));
    mm.band_hi = model_calloc((size_t)sp->n_sides * (size_t)C + 1, sizeof(int));
    mm.slots = model_calloc((size_t)C, sizeof(int));
    const bool regions_term = sp->spec->kind == TSUNAGU_WORKGROUP &&
                              sp->spec->rules[TSUNAGU_RULE_REGIONS_MIXED].weight > 0;
    master_columns(&mm, regions_term);
    for (int c = 0; c < C; c++)
        master_size_row(&mm, c);
    master_rule_rows(&mm);
    master_request_rows(&mm);
    master_pair_rows(&mm);
    lp_set_cost(&mm.lp, 0, mm.offset);
    lp_run_options ro = {.session = name, .time_limit = time_limit, .verbose = opt->verbose};
    int rc = lp_solve(&mm.lp, &ro, &p->master);
    if (rc == 0) {
        p->m = model_calloc((size_t)A * (size_t)C, sizeof(int));
        for (size_t q = 0; q < (size_t)A * C; q++)
            if (mm.col[q])
                p->m[q] = (int)lround(lp_value(&mm.lp, mm.col[q]));
    }
    lp_dispose(&mm.lp);
    free(mm.col);
    free(mm.lo);
    free(mm.hi);
    free(mm.band_lo);
    free(mm.band_hi);
    free(mm.slots);
    return rc;
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The people dealt to each block, as (type, roster index) in type order,
 * then member order: entries first[b] .. first[b + 1] - 1. */
typedef struct {
    int *first;     /* n_blocks + 1 */
    int *type;      /* per entry */
    size_t *member; /* per entry */
} block_people;

static void block_people_init(block_people *bp, const seat_problem *sp, const int *block_of,
                              int n_blocks)
{
    bp->first = model_calloc((size_t)n_blocks + 1, sizeof(int));
    bp->type = model_calloc((size_t)sp->n_seated + 1, sizeof(int));
    bp->member = model_calloc((size_t)sp->n_seated + 1, sizeof(size_t));
    for (int k = 0; k < sp->n_types; k++)
        for (int m = 0; m < sp->types[k].count; m++)
            bp->first[block_of[sp->types[k].members[m]] + 1]++;
    for (int b = 0; b < n_blocks; b++)
        bp->first[b + 1] += bp->first[b];
    int *fill = model_calloc((size_t)n_blocks, sizeof(int));
    for (int k = 0; k < sp->n_types; k++)
        for (int m = 0; m < sp->types[k].count; m++) {
            size_t i = sp->types[k].members[m];
            int e = bp->first[block_of[i]] + fill[block_of[i]]++;
            bp->type[e] = k;
            bp->member[e] = i;
        }
    free(fill);
}

static void block_people_dispose(block_people *bp)
{
    free(bp->first);
    free(bp->type);
    free(bp->member);
}

/* A block's own seat_problem: its tables, and for every type the members
 * dealt to it (bp, block b).  The block keeps only the pair groups its
 * types belong to, in the session's order; group_map (per session group,
 * all -1) is scratch and left all -1. */
static void make_block(const seat_problem *sp, const int *tables, int n_tables,
                       const block_people *bp, int b, int *group_map,
                       tsunagu_session_spec *spec, seat_problem *out)
{
    memset(out, 0, sizeof *out);
    out->roster = sp->roster;
    out->regions = sp->regions;
    out->spec = spec;
    out->index = sp->index;
    out->n_sides = sp->n_sides;
    memcpy(out->side_ratio, sp->side_ratio, sizeof out->side_ratio);
    seat_problem_tables(out, n_tables);
    for (int j = 0; j < n_tables; j++) {
        int t = tables[j];
        out->lo[j] = sp->lo[t];
        out->hi[j] = sp->hi[t];
        out->table_track[j] = sp->table_track[t];
        out->n_table_regions[j] = sp->n_table_regions[t];
        if (sp->n_table_regions[t] > 0) { /* workgroups have none (NULL) */
            out->table_regions[j] = model_calloc((size_t)sp->n_table_regions[t], sizeof(int));
            memcpy(out->table_regions[j], sp->table_regions[t],
                   (size_t)sp->n_table_regions[t] * sizeof(int));
        }
        out->table_ids[j] = tsunagu_strdup(sp->table_ids[t]);
        out->table_labels[j] = tsunagu_strdup(sp->table_labels[t]);
    }
    const int n = bp->first[b + 1] - bp->first[b];
    int *orig = model_calloc((size_t)n + 1, sizeof(int)); /* per block type: the session's */
    for (int e = bp->first[b]; e < bp->first[b + 1]; e++) {
        int k = bp->type[e];
        int q = seat_problem_add(out, bp->member[e], sp->keys[k], &sp->types[k]);
        if (q == out->n_types - 1 && out->types[q].count == 1)
            orig[q] = k;
    }
    out->n_seated = n;
    /* pair groups: those of the block's types, numbered in session order
     * (groups without a member here would make no row anyway) */
    int *used = model_calloc((size_t)sp->n_groups + 1, sizeof(int)), n_used = 0;
    for (int q = 0; q < out->n_types; q++)
        for (int j = 0; j < out->types[q].n_groups; j++) {
            int g = out->types[q].groups[j];
            if (group_map[g] < 0) {
                group_map[g] = 0;
                used[n_used++] = g;
            }
        }
    qsort(used, (size_t)n_used, sizeof *used, by_int); /* a block has hundreds */
    for (int u = 0; u < n_used; u++) {
        const pair_group *g = &sp->groups[used[u]];
        group_map[used[u]] = seat_problem_group(out, g->weight_rule, g->name);
        out->groups[group_map[used[u]]].size = g->size;
    }
    for (int q = 0; q < out->n_types; q++)
        for (int j = 0; j < out->types[q].n_groups; j++)
            out->types[q].groups[j] = group_map[out->types[q].groups[j]];
    for (int u = 0; u < n_used; u++)
        group_map[used[u]] = -1;
    free(used);
    if (sp->cost_row) { /* the session's cost rows, at the block's tables */
        out->n_cost_rows = sp->n_cost_rows;
        out->costs = model_calloc((size_t)sp->n_cost_rows * (size_t)n_tables, sizeof(double));
        for (int u = 0; u < sp->n_cost_rows; u++)
            for (int j = 0; j < n_tables; j++)
                out->costs[(size_t)u * n_tables + j] = sp->costs[(size_t)u * sp->n_tables + tables[j]];
        out->cost_row = model_calloc((size_t)out->n_types, sizeof(int));
        for (int q = 0; q < out->n_types; q++)
            out->cost_row[q] = sp->cost_row[orig[q]];
    }
    /* pins name the session's tables: the block's own index of that table
     * (the deal sent pinned people to the block holding it) */
    for (int q = 0; q < out->n_types; q++) {
        int pin = out->types[q].pin;
        out->types[q].pin = -1;
        for (int j = 0; j < n_tables && pin >= 0; j++)
            if (tables[j] == pin)
                out->types[q].pin = j;
        if (pin >= 0 && out->types[q].pin < 0)
            abort(); /* the deal keeps a pinned person in the pin's block */
    }
    /* requests between two people of this block */
    if (sp->n_requests == 0) {
        free(orig);
        return;
    }
    int *local = model_calloc((size_t)sp->n_types, sizeof(int));
    for (int k = 0; k < sp->n_types; k++)
        local[k] = -1;
    for (int q = 0; q < out->n_types; q++)
        local[orig[q]] = q;
    for (int q = 0; q < sp->n_requests; q++) {
        const seat_request *rq = &sp->requests[q];
        if (local[rq->a] >= 0 && local[rq->b] >= 0)
            seat_problem_request(out, local[rq->a], local[rq->b], rq->together, rq->hard, rq->what);
    }
    free(local);
    free(orig);
}

/* Send person i of aggregate a to block b of class c. */
static void deal_to(const split_plan *p, int a, int c, size_t i, int b, int *left, int *block_of,
                    int *got)
{
    left[(size_t)a * p->n_classes + c]--;
    block_of[i] = b;
    got[b]++;
}

/* The class the master sent a person of a one-person aggregate to. */
static int class_sent(const split_plan *p, const int *left, int a)
{
    for (int c = 0; c < p->n_classes; c++)
        if (left[(size_t)a * p->n_classes + c] > 0)
            return c;
    return -1;
}

/* Deal the people who are tied to others before the rest: pinned people to
 * the block of their table; the two of a 'together' request (each alone in
 * an aggregate) to one block of their class, the one with most room.
 * Block head counts then make room for them within each class.  Returns
 * false when the blocks cannot hold them as the rules ask (a pin's block
 * beyond its tables' sizes, a hard request across blocks): the caller then
 * solves the whole session. */
static bool predeal(const seat_problem *sp, const split_plan *p, const int *table_block,
                    const int *block_first, int *target, int *left, int *block_of, int *got)
{
    const int C = p->n_classes, n_blocks = block_first[C];
    int *block_class = model_calloc((size_t)n_blocks, sizeof(int));
    for (int c = 0; c < C; c++)
        for (int b = block_first[c]; b < block_first[c + 1]; b++)
            block_class[b] = c;
    bool ok = true;
    for (int k = 0; k < sp->n_types && ok; k++) {
        const seat_type *ty = &sp->types[k];
        if (ty->pin < 0)
            continue;
        int a = p->aggr_of[k], c = p->class_of[ty->pin];
        for (int m = 0; m < ty->count; m++) {
            if (left[(size_t)a * C + c] == 0) {
                ok = false; /* the master sent them elsewhere: cannot be */
                break;
            }
            deal_to(p, a, c, ty->members[m], table_block[ty->pin], left, block_of, got);
        }
    }
    const bool hard = sp->spec->rules[TSUNAGU_RULE_REQUESTS].hard;
    for (int q = 0; q < sp->n_requests && ok; q++) {
        const seat_request *r = &sp->requests[q];
        if (!r->together)
            continue; /* apart: blocks keep them apart, or they are apart anyway */
        size_t ia = sp->types[r->a].members[0], ib = sp->types[r->b].members[0];
        int aa = p->aggr_of[r->a], ab = p->aggr_of[r->b];
        int ca = block_of[ia] >= 0 ? block_class[block_of[ia]] : class_sent(p, left, aa);
        int cb = block_of[ib] >= 0 ? block_class[block_of[ib]] : class_sent(p, left, ab);
        int b = block_of[ia] >= 0 ? block_of[ia] : block_of[ib];
        bool both = block_of[ia] >= 0 && block_of[ib] >= 0;
        if (ca < 0 || cb < 0 || ca != cb || (both && block_of[ia] != block_of[ib])) {
            ok = !hard; /* soft: the split is counted in the objective */
            continue;
        }
        if (b < 0) /* neither dealt yet: the block of their class with most room */
            for (int j = block_first[ca]; j < block_first[ca + 1]; j++)
                if (b < 0 || target[j] - got[j] > target[b] - got[b])
                    b = j;
        if (block_of[ia] < 0)
            deal_to(p, aa, ca, ia, b, left, block_of, got);
        if (block_of[ib] < 0)
            deal_to(p, ab, ca, ib, b, left, block_of, got);
    }
    /* a block given more than its share takes the excess from the others of
     * its class, which still have room: the class's total is unchanged */
    for (int b = 0; b < n_blocks && ok; b++) {
        int c = block_class[b];
        while (got[b] > target[b]) {
            int from = -1;
            for (int j = block_first[c]; j < block_first[c + 1]; j++)
                if (target[j] > got[j] && (from < 0 || target[j] - got[j] > target[from] - got[from]))
                    from = j;
            if (from < 0)
                break;
            target[from]--;
            target[b]++;
        }
    }
    /* each block's head count within its tables' sizes */
    int *lo = model_calloc((size_t)n_blocks, sizeof(int)), *hi = model_calloc((size_t)n_blocks, sizeof(int));
    for (int t = 0; t < sp->n_tables; t++) {
        lo[table_block[t]] += sp->lo[t];
        hi[table_block[t]] += sp->hi[t];
    }
    for (int b = 0; b < n_blocks && ok; b++)
        ok = target[b] >= lo[b] && target[b] <= hi[b] && got[b] <= target[b];
    free(lo);
    free(hi);
    free(block_class);
    return ok;
}

/* How a split session's tables fall into blocks. */
typedef struct {
    int n_blocks;
    int *block_first;  /* per class + 1: its first block */
    int *table_block;  /* per table: its block */
    int *target;       /* per block: its head count */
    int *table_first;  /* per block + 1: its tables are tables[table_first[b]] ... */
    int *tables;       /* the tables of every block, each block's in table order */
} block_layout;

static void block_layout_dispose(block_layout *bl)
{
    free(bl->block_first);
    free(bl->table_block);
    free(bl->target);
    free(bl->table_first);
    free(bl->tables);
}

/* Blocks: each class cut into ceil(n / BLOCK_TABLES) even parts, with head
 * counts in proportion to their tables.  Cannot fail. */
static void make_blocks(const seat_problem *sp, const split_plan *p, block_layout *bl)
{
    const int T = sp->n_tables, C = p->n_classes;
    bl->block_first = model_calloc((size_t)C + 1, sizeof(int));
    int *block_tables = model_calloc((size_t)T, sizeof(int)); /* per block */
    int n_blocks = 0;
    for (int c = 0; c < C; c++) {
        int parts = (p->n_tables[c] + BLOCK_TABLES - 1) / BLOCK_TABLES;
        bl->block_first[c] = n_blocks;
        for (int j = 0; j < parts; j++)
            block_tables[n_blocks + j] = p->n_tables[c] / parts + (j < p->n_tables[c] % parts);
        n_blocks += parts;
    }
    bl->block_first[C] = n_blocks;
    bl->n_blocks = n_blocks;
    bl->table_block = model_calloc((size_t)T, sizeof(int));
    int *filled = model_calloc((size_t)n_blocks, sizeof(int));
    for (int t = 0; t < T; t++) {
        int c = p->class_of[t], b = bl->block_first[c];
        while (filled[b] == block_tables[b])
            b++;
        bl->table_block[t] = b;
        filled[b]++;
    }
    /* Head counts per block: the class's people in proportion to tables
     * (stays within the size range because the class total does). */
    bl->target = model_calloc((size_t)n_blocks, sizeof(int));
    for (int c = 0; c < C; c++) {
        int people = 0, given = 0;
        for (int a = 0; a < p->n_aggr; a++)
            people += p->m[(size_t)a * C + c];
        for (int b = bl->block_first[c]; b < bl->block_first[c + 1]; b++) {
            bl->target[b] = people * block_tables[b] / p->n_tables[c];
            given += bl->target[b];
        }
        for (int b = bl->block_first[c]; given < people; b++, given++)
            bl->target[b]++;
    }
    /* each block's tables, in table order */
    bl->tables = model_calloc((size_t)T, sizeof(int));
    bl->table_first = model_calloc((size_t)n_blocks + 1, sizeof(int));
    for (int t = 0; t < T; t++)
        bl->table_first[bl->table_block[t] + 1]++;
    for (int b = 0; b < n_blocks; b++)
        bl->table_first[b + 1] += bl->table_first[b];
    for (int t = 0; t < T; t++)
        filled[bl->table_block[t]] = 0;
    for (int t = 0; t < T; t++)
        bl->tables[bl->table_first[bl->table_block[t]] + filled[bl->table_block[t]]++] = t;
    free(filled);
    free(block_tables);
}

/* Deal people to blocks: aggregate by aggregate, type by type (colleagues
 * and earlier tablemates are consecutive), each person to the class the
 * master chose and, within it, to the block furthest below its share.
 * Fills block_of (per attendee, -1: not seated).  May move head counts
 * between blocks of a class (bl->target).  Returns false when the
 * blocks cannot take the people tied to others (predeal): the
 * whole-session model then decides. */
static bool deal_to_blocks(const seat_problem *sp, const split_plan *p, block_layout *bl,
                           int *block_of)
{
    const int C = p->n_classes, K = sp->n_types;
    const size_t N = sp->roster->count;
    for (size_t i = 0; i < N; i++)
        block_of[i] = -1;
    int *got = model_calloc((size_t)bl->n_blocks, sizeof(int));
    int *left = model_calloc((size_t)p->n_aggr * (size_t)C, sizeof(int));
    memcpy(left, p->m, (size_t)p->n_aggr * C * sizeof(int));
    /* Some people cannot be dealt like the rest: they go first. */
    bool whole = !predeal(sp, p, bl->table_block, bl->block_first, bl->target, left, block_of, got);
    /* the types of each aggregate, in type order (counting sort) */
    int *aggr_first = model_calloc((size_t)p->n_aggr + 1, sizeof(int));
    int *by_aggr = model_calloc((size_t)K, sizeof(int));
    int *fill = model_calloc((size_t)p->n_aggr, sizeof(int));
    for (int k = 0; k < K; k++)
        aggr_first[p->aggr_of[k] + 1]++;
    for (int a = 0; a < p->n_aggr; a++)
        aggr_first[a + 1] += aggr_first[a];
    for (int k = 0; k < K; k++)
        by_aggr[aggr_first[p->aggr_of[k]] + fill[p->aggr_of[k]]++] = k;
    free(fill);
    const int *target = bl->target, *block_first = bl->block_first;
    for (int a = 0; a < p->n_aggr && !whole; a++) {
        int c = 0;
        for (int e = aggr_first[a]; e < aggr_first[a + 1]; e++) {
            const int k = by_aggr[e];
            for (int m = 0; m < sp->types[k].count; m++) {
                if (block_of[sp->types[k].members[m]] >= 0)
                    continue; /* dealt already */
                while (c < C && left[(size_t)a * C + c] == 0)
                    c++;
                if (c == C)
                    abort(); /* the master's counts add up to the aggregate's */
                left[(size_t)a * C + c]--;
                int best = -1;
                double best_share = 0;
                for (int b = block_first[c]; b < block_first[c + 1]; b++) {
                    if (got[b] >= target[b])
                        continue;
                    double share = (double)got[b] / target[b];
                    if (best < 0 || share < best_share) {
                        best = b;
                        best_share = share;
                    }
                }
                block_of[sp->types[k].members[m]] = best;
                got[best]++;
            }
        }
    }
    free(aggr_first);
    free(by_aggr);
    free(got);
    free(left);
    return !whole;
}

/* What the blocks add up to. */
typedef struct {
    double objective, bounds; /* sums over the blocks */
    bool bounds_known, limit_hit;
    int greedy_blocks;
} block_sums;

/* Solve the blocks one after another, each with its share of the time
 * that is left (until t0 + time_limit), into seat_out.  Returns 0 with
 * the sums, or the first block's failure (rc and res). */
static int solve_blocks(const seat_problem *sp, const split_plan *p, const block_layout *bl,
                        const int *block_of, const tsunagu_solve_options *opt, double t0,
                        double time_limit, int *seat_out, lp_result *res, block_sums *sum,
                        tsunagu_diags *diags)
{
    const size_t N = sp->roster->count;
    int rc = 0, people_left = sp->n_seated;
    *sum = (block_sums){.bounds_known = true};
    int *local = model_calloc(N ? N : 1, sizeof(int));
    for (size_t i = 0; i < N; i++)
        local[i] = -1;
    block_people bp = {0};
    block_people_init(&bp, sp, block_of, bl->n_blocks);
    int *group_map = model_calloc((size_t)sp->n_groups + 1, sizeof(int));
    for (int g = 0; g < sp->n_groups; g++)
        group_map[g] = -1;
    int nr = tsunagu_regions_count(sp->regions);
    bool *seen = model_calloc((size_t)nr + 1, sizeof(bool));
    const tsunagu_rule *rm = &sp->spec->rules[TSUNAGU_RULE_REGIONS_MIXED];
    /* first guesses, replaced by measurements: 0.1 ms per person greedy,
     * GLPK 0.03 s late */
    block_clock clock = {.deadline = time_limit > 0 ? t0 + time_limit : 0, .greedy_pp = 1e-4,
                         .overrun = 0.03};
    for (int b = 0; b < bl->n_blocks && rc == 0; b++) {
        const double block_t0 = model_now();
        const int n = bl->table_first[b + 1] - bl->table_first[b];
        const int *at = bl->tables + bl->table_first[b];
        const int people = bp.first[b + 1] - bp.first[b];
        bool greedy;
        double limit = block_limit(&clock, people, people_left, &greedy);
        tsunagu_session_spec spec = *sp->spec;
        strbuf id = {0};
        strbuf_addf(&id, "%s.%d", sp->spec->id, b + 1);
        spec.id = id.data;
        seat_problem sub;
        make_block(sp, at, n, &bp, b, group_map, &spec, &sub);
        sub.greedy_only = greedy;
        lp_result r;
        model_progress(opt, sp->spec->id);
        rc = seat_problem_solve(&sub, opt, limit, local, &r, diags);
        for (int e = bp.first[b]; e < bp.first[b + 1]; e++) {
            size_t i = bp.member[e];
            if (rc == 0 && local[i] >= 0)
                seat_out[i] = at[local[i]];
            local[i] = -1;
        }
        if (rc == 0) {
            /* the block counts the regions_mixed offset over its own
             * people; the session's objective counts it over everyone */
            double correction = 0;
            if (sp->spec->kind == TSUNAGU_WORKGROUP && rm->weight > 0)
                for (int j = 0; j < n; j++)
                    correction += rm->weight * (p->present[p->class_of[at[j]]] -
                                                regions_present(&sub, j, seen, nr));
            sum->objective += r.objective + correction;
            sum->bounds += r.bound + correction;
            sum->bounds_known &= r.bound_known;
            sum->limit_hit |= r.time_limit_hit;
        } else {
            *res = r;
        }
        people_left -= sub.n_seated;
        seat_problem_dispose(&sub);
        free(id.data);
        block_clock_update(&clock, people, limit, model_now() - block_t0, greedy);
    }
    sum->greedy_blocks = clock.greedy_blocks;
    free(seen);
    block_people_dispose(&bp);
    free(group_map);
    free(local);
    return rc;
}

/* The session's result from its solved blocks: the objective (with the
 * soft 'together' requests split between blocks, which no block saw), the
 * master's bound, or the blocks' when the split is exact.  Cannot fail. */
static void split_result(const seat_problem *sp, const split_plan *p, const block_layout *bl,
                         const int *block_of, block_sums sum, lp_result *res)
{
    const int C = p->n_classes;
    double objective = sum.objective;
    const tsunagu_rule *rq = &sp->spec->rules[TSUNAGU_RULE_REQUESTS];
    if (!rq->hard && rq->weight > 0)
        for (int q = 0; q < sp->n_requests; q++) {
            const seat_request *r = &sp->requests[q];
            if (r->together &&
                block_of[sp->types[r->a].members[0]] != block_of[sp->types[r->b].members[0]])
                objective += rq->weight;
        }
    /* exact when nobody had a choice of class and no class was cut */
    bool exact = bl->n_blocks == C;
    for (int a = 0; a < p->n_aggr && exact; a++) {
        int choices = 0;
        for (int c = 0; c < C; c++) {
            const seat_type *ty = &sp->types[p->aggr_rep[a]];
            choices += ty->track == sp->table_track[p->rep[c]] &&
                       cost_at(sp, p->aggr_rep[a], p->rep[c]) >= 0;
        }
        exact = choices == 1;
    }
    memset(res, 0, sizeof *res);
    res->objective = objective;
    res->bound = p->master.bound_known ? p->master.bound : -INFINITY;
    if (exact && sum.bounds_known && sum.bounds > res->bound)
        res->bound = sum.bounds;
    res->bound_known = isfinite(res->bound);
    if (res->bound > objective)
        res->bound = objective;
    double denom = fabs(objective) > 1e-9 ? fabs(objective) : 1.0;
    res->gap = res->bound_known ? (objective - res->bound) / denom : NAN;
    if (!res->bound_known)
        res->bound = NAN;
    res->status = res->bound_known && objective - res->bound < 1e-6 ? TSUNAGU_STATUS_OPTIMAL
                                                                  : TSUNAGU_STATUS_FEASIBLE;
    if (res->status == TSUNAGU_STATUS_OPTIMAL)
        res->gap = 0;
    res->time_limit_hit = sum.limit_hit || p->master.time_limit_hit;
    res->blocks = bl->n_blocks;
    res->greedy_blocks = sum.greedy_blocks;
}

int seat_problem_solve_split(seat_problem *sp, const tsunagu_solve_options *opt, double time_limit,
                             int *seat_out, lp_result *res, tsunagu_diags *diags)
{
    if (opt->naive_model || !splittable(sp))
        return seat_problem_solve(sp, opt, time_limit, seat_out, res, diags);
    const double t0 = model_now();
    const int T = sp->n_tables, K = sp->n_types;
    const size_t N = sp->roster->count;
    split_plan p = {0};
    make_classes(sp, &p);
    p.risky = risky_groups(sp, &p);
    p.aggr_solo = model_calloc((size_t)K, sizeof(bool));
    make_aggregates(sp, &p, p.risky);
    const double master_limit = time_limit > 0 ? time_limit * 0.1 : 0;
    int master_rc = solve_master(sp, &p, opt, master_limit);
    if (master_rc != 0 && p.master.failure == LP_TIME_LIMIT && master_limit > 0)
        /* No seating within its share (a slow or busy machine, a very short
         * limit): the master is small, and without it a large session
         * would fall back to one huge model, so let it finish. */
        master_rc = solve_master(sp, &p, opt, 0);
    if (master_rc != 0) {
        /* no split seating: the whole model says why (or seats them).
         * The master is a relaxation, so when it is infeasible so is the
         * session; a session too large for one model (types x tables
         * columns: gigabytes at 100,000 people) takes the master's word
         * for why there is no seating. */
        if ((size_t)K * (size_t)T > WHOLE_MODEL_MAX_COLUMNS) {
            *res = p.master;
            split_plan_dispose(&p);
            return -1;
        }
        split_plan_dispose(&p);
        return seat_problem_solve(sp, opt, time_limit > 0 ? time_limit - (model_now() - t0) : 0,
                                  seat_out, res, diags);
    }
    block_layout bl = {0};
    make_blocks(sp, &p, &bl);
    int *block_of = model_calloc(N ? N : 1, sizeof(int));
    bool whole = !deal_to_blocks(sp, &p, &bl, block_of);
    int rc = 0;
    if (!whole) {
        block_sums sum;
        rc = solve_blocks(sp, &p, &bl, block_of, opt, t0, time_limit, seat_out, res, &sum, diags);
        if (rc == 0)
            split_result(sp, &p, &bl, block_of, sum, res);
    }
    res->seconds = model_now() - t0;
    free(block_of);
    block_layout_dispose(&bl);
    split_plan_dispose(&p);
    if (whole)
        return seat_problem_solve(sp, opt, time_limit > 0 ? time_limit - (model_now() - t0) : 0,
                                  seat_out, res, diags);
    return rc;
}
