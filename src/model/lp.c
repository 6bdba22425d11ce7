/* lp.c - a thin builder over GLPK's problem object and a guarded solve.
 *
 * GLPK aborts the process on misuse; every index passed here is produced
 * by the builder itself, and glp_error_hook turns the remaining failures
 * (e.g. out of memory inside GLPK) into an error result. */
#include "model_private.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/platform.h"
#include "util/tr.h"

/* model_private.h spells GLPK's column kinds and row bounds without
 * <glpk.h>: they must stay GLPK's numbers. */
_Static_assert(LP_CV == GLP_CV && LP_IV == GLP_IV && LP_BV == GLP_BV, "column kinds");
_Static_assert(LP_LO == GLP_LO && LP_UP == GLP_UP && LP_DB == GLP_DB && LP_FX == GLP_FX,
               "row bounds");

void lp_init(lp_builder *lp, const char *name)
{
    memset(lp, 0, sizeof *lp);
    lp->P = glp_create_prob();
    /* GLPK aborts on names over 255 bytes or with control characters;
     * the name comes from the event file, so pass a tame copy. */
    char tame[64];
    size_t n = 0;
    for (const char *c = name; *c && n + 1 < sizeof tame; c++)
        tame[n++] = (unsigned char)*c < 0x21 || *c == 0x7f ? '_' : *c;
    tame[n] = '\0';
    if (n)
        glp_set_prob_name(lp->P, tame);
    glp_set_obj_dir(lp->P, GLP_MIN);
}

void lp_dispose(lp_builder *lp)
{
    if (lp->P)
        glp_delete_prob(lp->P);
    free(lp->ind);
    free(lp->val);
    free(lp->slot);
    memset(lp, 0, sizeof *lp);
}

int lp_col(lp_builder *lp, const char *name, int kind, double lb, double ub, double cost)
{
    int j = glp_add_cols(lp->P, 1);
    glp_set_col_name(lp->P, j, name);
    glp_set_col_kind(lp->P, j, kind);
    if (kind != GLP_BV) { /* GLP_BV sets its own bounds */
        if (ub < 0)
            glp_set_col_bnds(lp->P, j, GLP_LO, lb, 0.0);
        else if (ub == lb)
            glp_set_col_bnds(lp->P, j, GLP_FX, lb, lb);
        else
            glp_set_col_bnds(lp->P, j, GLP_DB, lb, ub);
    }
    glp_set_obj_coef(lp->P, j, cost);
    return j;
}

static void clear_slots(lp_builder *lp)
{
    for (int i = 1; i <= lp->n; i++)
        lp->slot[lp->ind[i]] = 0;
    lp->n = 0;
}

void lp_row_begin(lp_builder *lp) { clear_slots(lp); }

void lp_term(lp_builder *lp, int col, double coef)
{
    /* Column 0 is "no column": a seating type that may not sit at that
     * table (a pin, a previous table) counts 0 there. */
    if (coef == 0.0 || col <= 0)
        return;
    /* Merge repeated columns: GLPK rejects duplicate indices in a row.  A
     * slot per column finds them in O(1); rows reach 10^5 terms. */
    if (col >= lp->slot_cap) {
        int cap = lp->slot_cap ? lp->slot_cap : 1024;
        while (cap <= col)
            cap *= 2;
        int *slot = realloc(lp->slot, (size_t)cap * sizeof *slot);
        if (!slot)
            abort();
        memset(slot + lp->slot_cap, 0, (size_t)(cap - lp->slot_cap) * sizeof *slot);
        lp->slot = slot;
        lp->slot_cap = cap;
    }
    if (lp->slot[col]) {
        lp->val[lp->slot[col]] += coef;
        return;
    }
    if (lp->n + 2 > lp->cap) {
        lp->cap = lp->cap ? lp->cap * 2 : 64;
        lp->ind = realloc(lp->ind, (size_t)lp->cap * sizeof *lp->ind);
        lp->val = realloc(lp->val, (size_t)lp->cap * sizeof *lp->val);
        if (!lp->ind || !lp->val)
            abort();
    }
    lp->n++;
    lp->ind[lp->n] = col;
    lp->val[lp->n] = coef;
    lp->slot[col] = lp->n;
}

int lp_row_end(lp_builder *lp, const char *name, int type, double lb, double ub)
{
    int i = glp_add_rows(lp->P, 1);
    glp_set_row_name(lp->P, i, name);
    glp_set_row_bnds(lp->P, i, type, lb, ub);
    if (lp->n > 0)
        glp_set_mat_row(lp->P, i, lp->n, lp->ind, lp->val);
    clear_slots(lp);
    return i;
}

/* ---- reading and changing the built problem ----------------------------
 * Indices come from the builder; one out of range is a bug of ours, and
 * GLPK would end the process for it: reads give 0, writes are dropped. */

static bool col_ok(const lp_builder *lp, int j)
{
    return lp->P && j >= 0 && j <= glp_get_num_cols(lp->P);
}

int lp_cols(const lp_builder *lp)
{
    return lp->P ? glp_get_num_cols(lp->P) : 0;
}

bool lp_alive(const lp_builder *lp)
{
    return lp->P != NULL;
}

double lp_cost(const lp_builder *lp, int j)
{
    return col_ok(lp, j) ? glp_get_obj_coef(lp->P, j) : 0.0;
}

void lp_set_cost(lp_builder *lp, int j, double cost)
{
    if (col_ok(lp, j))
        glp_set_obj_coef(lp->P, j, cost);
}

double lp_objective(const lp_builder *lp)
{
    return lp->P ? glp_mip_obj_val(lp->P) : 0.0;
}

double lp_value(const lp_builder *lp, int j)
{
    return col_ok(lp, j) && j > 0 ? glp_mip_col_val(lp->P, j) : 0.0;
}

void tsunagu_solve_thread_end(void)
{
    glp_free_env();
}

int lp_complete_start(const lp_builder *lp, const bool *is_count, double *v)
{
    glp_prob *P = lp->P;
    if (!P)
        return -1;
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    int *ind = model_calloc((size_t)n + 1, sizeof(int));
    double *val = model_calloc((size_t)n + 1, sizeof(double));
    int *rind = model_calloc((size_t)m + 1, sizeof(int));
    double *rval = model_calloc((size_t)m + 1, sizeof(double));
    int rc = 0;
    for (int j = 1; j <= n; j++) {
        if (is_count[j])
            continue;
        double cost = glp_get_obj_coef(P, j);
        double lo = glp_get_col_lb(P, j);
        int type = glp_get_col_type(P, j);
        double hi = type == GLP_DB || type == GLP_FX ? glp_get_col_ub(P, j) : 1e30;
        double need_lo = lo, need_hi = hi;
        int len = glp_get_mat_col(P, j, rind, rval);
        for (int q = 1; q <= len; q++) {
            int i = rind[q];
            double a = rval[q], act = 0;
            int rl = glp_get_mat_row(P, i, ind, val);
            bool alone = true;
            for (int e = 1; e <= rl; e++) {
                if (ind[e] == j)
                    continue;
                if (!is_count[ind[e]])
                    alone = false;
                act += val[e] * v[ind[e]];
            }
            if (!alone)
                continue;
            int rt = glp_get_row_type(P, i);
            double rlb = glp_get_row_lb(P, i), rub = glp_get_row_ub(P, i);
            /* act + a * v_j within [rlb, rub] */
            if (rt == GLP_LO || rt == GLP_DB || rt == GLP_FX) {
                double b = (rlb - act) / a;
                if (a > 0 && b > need_lo)
                    need_lo = b;
                if (a < 0 && b < need_hi)
                    need_hi = b;
            }
            if (rt == GLP_UP || rt == GLP_DB || rt == GLP_FX) {
                double b = (rub - act) / a;
                if (a > 0 && b < need_hi)
                    need_hi = b;
                if (a < 0 && b > need_lo)
                    need_lo = b;
            }
        }
        double x = cost >= 0 ? need_lo : need_hi;
        if (glp_get_col_kind(P, j) != GLP_CV)
            x = cost >= 0 ? ceil(x - 1e-9) : floor(x + 1e-9);
        v[j] = x;
    }
    /* verify every row and bound */
    for (int j = 1; j <= n && rc == 0; j++) {
        int type = glp_get_col_type(P, j);
        if ((type != GLP_FR && type != GLP_UP && v[j] < glp_get_col_lb(P, j) - 1e-9) ||
            ((type == GLP_DB || type == GLP_FX || type == GLP_UP) && v[j] > glp_get_col_ub(P, j) + 1e-9))
            rc = -1;
    }
    for (int i = 1; i <= m && rc == 0; i++) {
        int rl = glp_get_mat_row(P, i, ind, val);
        double act = 0;
        for (int e = 1; e <= rl; e++)
            act += val[e] * v[ind[e]];
        int rt = glp_get_row_type(P, i);
        if ((rt == GLP_LO || rt == GLP_DB || rt == GLP_FX) && act < glp_get_row_lb(P, i) - 1e-6)
            rc = -1;
        if ((rt == GLP_UP || rt == GLP_DB || rt == GLP_FX) && act > glp_get_row_ub(P, i) + 1e-6)
            rc = -1;
    }
    free(ind);
    free(val);
    free(rind);
    free(rval);
    return rc;
}

char *model_lp_path(const tsunagu_solve_options *opt, const char *session, const char *suffix)
{
    if (!opt->write_model_dir)
        return NULL;
    /* a failure to make the folder shows when the file is written */
    (void)platform_mkdir(opt->write_model_dir);
    size_t n = strlen(opt->write_model_dir) + strlen(session) + strlen(suffix) + 6;
    char *path = model_calloc(n, 1);
    snprintf(path, n, "%s/%s%s.lp", opt->write_model_dir, session, suffix);
    return path;
}

/* ---- guarded solve ------------------------------------------------------ */

typedef struct {
    const lp_run_options *opt;
    double t0;
    double last_report;
    double bound;
    bool have_bound;
    bool start_given;
} run_state;

/* Per thread, as GLPK's own environment is (Debian builds it with
 * _Thread_local: glp_config("TLS")): two solves on two threads each catch
 * their own GLPK's errors. */
static _Thread_local jmp_buf glpk_jump;
static _Thread_local char glpk_message[256];

static int glpk_capture(void *info, const char *s)
{
    /* Keep the last line GLPK printed: on an error it says what went wrong. */
    (void)info;
    /* After an error GLPK names its own source line; the reason came before. */
    if (strncmp(s, "Error detected in file", 22) == 0 && glpk_message[0])
        return 1;
    size_t n = strlen(s);
    if (n >= sizeof glpk_message)
        n = sizeof glpk_message - 1;
    memcpy(glpk_message, s, n);
    glpk_message[n] = '\0';
    while (n > 0 && (glpk_message[n - 1] == '\n' || glpk_message[n - 1] == '\r'))
        glpk_message[--n] = '\0';
    return 1; /* suppress GLPK's own printing */
}

static void glpk_error(void *info)
{
    (void)info;
    longjmp(glpk_jump, 1);
}

static void callback(glp_tree *T, void *info)
{
    run_state *st = info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IHEUR && st->opt->start && !st->start_given) {
        st->start_given = true;
        glp_ios_heur_sol(T, st->opt->start);
    }
    if (reason != GLP_ISELECT && reason != GLP_IBINGO)
        return;
    int best = glp_ios_best_node(T);
    if (best) {
        st->bound = glp_ios_node_bound(T, best);
        st->have_bound = true;
    }
    double now = model_now();
    if (st->opt->progress && now - st->t0 > 1.0 && now - st->last_report >= 0.5) {
        st->last_report = now;
        glp_prob *P = glp_ios_get_prob(T);
        st->opt->progress(st->opt->session, now - st->t0, glp_mip_obj_val(P), st->bound,
                          glp_ios_mip_gap(T), st->opt->progress_user);
    }
}

/* Whether GLPK's integer solution holds every row and column bound of the
 * model as built.  Cut short by its time limit with the presolver on, GLPK
 * can report a solution that does not (seen: a block's type seated 12 of
 * 14): such a "solution" is not used. */
static bool mip_solution_holds(glp_prob *P)
{
    const int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    int *ind = malloc(((size_t)n + 1) * sizeof *ind);
    double *val = malloc(((size_t)n + 1) * sizeof *val);
    if (!ind || !val)
        abort();
    bool ok = true;
    for (int j = 1; ok && j <= n; j++) {
        double x = glp_mip_col_val(P, j), lb = glp_get_col_lb(P, j), ub = glp_get_col_ub(P, j);
        int type = glp_get_col_type(P, j);
        ok = (type == GLP_FR || type == GLP_UP || x >= lb - 1e-6) && (type == GLP_FR || type == GLP_LO || x <= ub + 1e-6) &&
             (glp_get_col_kind(P, j) == GLP_CV || fabs(x - round(x)) < 1e-6);
    }
    for (int i = 1; ok && i <= m; i++) {
        int len = glp_get_mat_row(P, i, ind, val);
        double a = 0;
        for (int k = 1; k <= len; k++)
            a += val[k] * glp_mip_col_val(P, ind[k]);
        int type = glp_get_row_type(P, i);
        double lb = glp_get_row_lb(P, i), ub = glp_get_row_ub(P, i);
        ok = (type == GLP_FR || type == GLP_UP || a >= lb - 1e-6) && (type == GLP_FR || type == GLP_LO || a <= ub + 1e-6);
    }
    free(ind);
    free(val);
    return ok;
}

/* glp_intopt without its presolver starts from an optimal basis: solve
 * the relaxation (parm's messages), presolver off.  0, or -1 with res
 * saying why (no seating at all, or the simplex failed). */
static int relaxation_first(lp_builder *lp, glp_iocp *parm, lp_result *res)
{
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = parm->msg_lev;
    parm->presolve = GLP_OFF;
    if (glp_simplex(lp->P, &sm) == 0 && glp_get_status(lp->P) == GLP_OPT)
        return 0;
    bool none = glp_get_status(lp->P) == GLP_NOFEAS;
    res->status = none ? TSUNAGU_STATUS_INFEASIBLE : TSUNAGU_STATUS_NOT_SOLVED;
    res->failure = none ? LP_INFEASIBLE : LP_NUMERICAL;
    return -1;
}

int lp_solve(lp_builder *lp, const lp_run_options *opt, lp_result *res)
{
    memset(res, 0, sizeof *res);
    res->status = TSUNAGU_STATUS_NOT_SOLVED;
    run_state st = {.opt = opt, .t0 = model_now()};
    glpk_message[0] = '\0';

    if (opt->write_lp_path && glp_write_lp(lp->P, NULL, opt->write_lp_path) != 0)
        snprintf(res->glpk_error, sizeof res->glpk_error, "%s: %s", opt->write_lp_path,
                 TR("cannot write the model", "モデルを書き込めません"));

    glp_term_hook(opt->verbose ? NULL : glpk_capture, NULL);
    if (setjmp(glpk_jump)) {
        /* GLPK failed inside; its environment is unusable until freed. */
        glp_error_hook(NULL, NULL);
        snprintf(res->glpk_error, sizeof res->glpk_error, "%s",
                 glpk_message[0] ? glpk_message : "GLPK error");
        res->failure = LP_GLPK_ERROR;
        glp_free_env();
        lp->P = NULL; /* freed with the environment */
        res->seconds = model_now() - st.t0;
        return -1;
    }
    glp_error_hook(glpk_error, NULL);

    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    /* Errors only: glpk_capture keeps the last one for the explanation. */
    parm.msg_lev = opt->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    parm.fp_heur = GLP_ON;
    parm.mir_cuts = GLP_ON;
    parm.gmi_cuts = GLP_ON;
    parm.clq_cuts = GLP_ON;
    parm.cov_cuts = GLP_ON;
    parm.cb_func = callback;
    parm.cb_info = &st;
    if (opt->time_limit > 0) {
        double ms = opt->time_limit * 1000.0;
        parm.tm_lim = ms > 2e9 ? 2000000000 : (int)ms;
        if (parm.tm_lim < 1)
            parm.tm_lim = 1;
    }
    if (opt->no_presolve && relaxation_first(lp, &parm, res) != 0) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
        res->seconds = model_now() - st.t0;
        return -1;
    }
    int rc = glp_intopt(lp->P, &parm);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    res->seconds = model_now() - st.t0;
    if (st.have_bound) {
        res->bound = st.bound;
        res->bound_known = true;
    } else if (glp_get_status(lp->P) == GLP_OPT) {
        /* the LP relaxation bounds every seating from below */
        res->bound = glp_get_obj_val(lp->P);
        res->bound_known = true;
    }

    int status = glp_mip_status(lp->P);
    if ((status == GLP_OPT || status == GLP_FEAS) && !mip_solution_holds(lp->P))
        status = GLP_UNDEF; /* as if GLPK had found none: the caller's start is the plan */
    if (status == GLP_OPT && rc == 0) {
        res->status = TSUNAGU_STATUS_OPTIMAL;
        res->objective = glp_mip_obj_val(lp->P);
        res->bound = res->objective;
        res->bound_known = true;
        return 0;
    }
    if (status == GLP_FEAS || status == GLP_OPT) {
        res->status = TSUNAGU_STATUS_FEASIBLE;
        res->time_limit_hit = rc == GLP_ETMLIM;
        res->objective = glp_mip_obj_val(lp->P);
        if (st.have_bound)
            res->bound = st.bound;
        if (!res->bound_known) {
            /* no bound proven: say so (null in the plan) rather than gap 0 */
            res->bound = res->gap = NAN;
            return 0;
        }
        if (res->bound > res->objective)
            res->bound = res->objective;
        double denom = res->objective > 0 ? res->objective : -res->objective;
        res->gap = denom > 1e-9 ? (res->objective - res->bound) / denom : 0.0;
        if (res->objective - res->bound < 1e-6) {
            res->gap = 0.0;
            res->status = TSUNAGU_STATUS_OPTIMAL;
        }
        return 0;
    }
    if (status == GLP_NOFEAS || rc == GLP_ENOPFS || rc == GLP_ENODFS) {
        res->status = TSUNAGU_STATUS_INFEASIBLE;
        res->failure = LP_INFEASIBLE;
        return -1;
    }
    res->time_limit_hit = rc == GLP_ETMLIM;
    switch (rc) {
    case GLP_ETMLIM: res->failure = LP_TIME_LIMIT; break;
    case GLP_EFAIL: res->failure = LP_NUMERICAL; break;
    case GLP_EBOUND:
    case GLP_EROOT: res->failure = LP_BAD_MODEL; break;
    default: res->failure = LP_STOPPED; break;
    }
    /* GLPK's last line says what went wrong; keep it for the explanation. */
    if (!res->glpk_error[0])
        snprintf(res->glpk_error, sizeof res->glpk_error, "glp_intopt: %d%s%.200s", rc,
                 glpk_message[0] ? ": " : "", glpk_message);
    return -1;
}
