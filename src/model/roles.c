/* roles.c - who holds each role of a group (司会, 書記, 発表者 on the
 * bundled day): one small integer program per group, after the seating.
 *
 * For members k and roles r, a binary x[k][r] (k holds r) and, per role, a
 * binary u[r] (nobody holds it):
 *   fill:    sum_k x[k][r] + u[r] = 1
 *   load:    sum_r x[k][r] <= cap, cap = 1 unless the group has fewer
 *            members than roles (then ceil(roles / members)): nobody holds
 *            two roles unless the group is too small
 *   hard role rules: x[k][r] = 0 for a holder a rule forbids (a newcomer
 *            where an experienced holder is required); x[k][a] + x[k][b]
 *            <= 1 for two roles one person may not hold together; for
 *            colleagues k, l with hard spreading, h[k] + h[l] <= 1 where
 *            h[k] >= x[k][r] says k holds some role
 *   pins:    x[k][r] = 1 for a holder the organiser named.
 * It is solved three times, each stage keeping the optimum of the one
 * before as a row: (1) as few roles without a holder as the hard rules
 * allow; (2) the soft rules' weights (a newcomer in a role that prefers an
 * experienced holder; two colleagues both holding roles, y[k][l] >= h[k] +
 * h[l] - 1), less the session's stability weight for every holder who
 * keeps the role they held before; (3) a tie-break that ranks members per
 * role by a hash of their ids, so that the choice among equals is fixed by
 * the data alone and does not always favour the first in kana order.
 * Groups are a handful of people: each stage is solved to optimality in
 * milliseconds. */
#include "model_private.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"
#include "tsunagu/fileio.h"
#include "tsunagu/roles.h"
#include "tsunagu/text.h"
#include "util/strbuf.h"
#include "util/tr.h"

#define ROLE_STAGE_SECONDS 10.0 /* far above what a group's model takes */

/* One group to assign, and what it keeps from before. */
typedef struct {
    const tsunagu_plan *plan;
    const tsunagu_session_spec *spec;
    const tsunagu_table *tb;
    int n, R;
    const long *prev; /* per role: the member who held it before, -1 */
    const long *pin;  /* per role: the member the organiser named, -1 */
    bool verbose;
} role_group;

typedef struct {
    lp_builder lp;
    int *x; /* [k * R + r]: column, 0 when a hard rule forbids it */
    int *u; /* [r] */
    int *h; /* [k]: holds some role (only with the spread rule), 0 none */
    int *y; /* soft spread: a pair of colleagues both holding roles, n_y of them */
    double *y_cost;
    int n_y;
} role_model;

static const tsunagu_attendee *member(const role_group *g, int k)
{
    return &g->plan->roster->items[g->tb->members[k]];
}

static bool has_spread(const tsunagu_session_spec *spec)
{
    for (int k = 0; k < spec->n_role_rules; k++)
        if (spec->role_rules[k].kind == TSUNAGU_ROLE_RULE_SPREAD_ORGANISATIONS)
            return true;
    return false;
}

static int cap_of(const role_group *g)
{
    return g->n >= g->R ? 1 : (g->R + g->n - 1) / g->n;
}

/* Columns x, u and h, and the fill and load rows. */
static void build_columns(role_model *m, const role_group *g)
{
    char name[64];
    for (int k = 0; k < g->n; k++)
        for (int r = 0; r < g->R; r++) {
            int hard;
            rule_role_cost(g->spec, r, member(g, k), &hard);
            bool pinned = g->pin[r] == (long)g->tb->members[k];
            snprintf(name, sizeof name, "x_%d_%d", k, r);
            if (pinned) /* fixed at 1 */
                m->x[k * g->R + r] = lp_col(&m->lp, name, LP_IV, 1, 1, 0);
            else if (hard < 0)
                m->x[k * g->R + r] = lp_col(&m->lp, name, LP_BV, 0, 1, 0);
        }
    for (int r = 0; r < g->R; r++) {
        snprintf(name, sizeof name, "u_%d", r);
        m->u[r] = lp_col(&m->lp, name, LP_BV, 0, 1, 0);
        lp_row_begin(&m->lp);
        for (int k = 0; k < g->n; k++)
            lp_term(&m->lp, m->x[k * g->R + r], 1);
        lp_term(&m->lp, m->u[r], 1);
        snprintf(name, sizeof name, "fill_%d", r);
        lp_row_end(&m->lp, name, LP_FX, 1, 1);
    }
    for (int k = 0; k < g->n; k++) {
        lp_row_begin(&m->lp);
        for (int r = 0; r < g->R; r++)
            lp_term(&m->lp, m->x[k * g->R + r], 1);
        snprintf(name, sizeof name, "load_%d", k);
        lp_row_end(&m->lp, name, LP_UP, 0, cap_of(g));
    }
}

/* x[k][a] + x[k][b] <= 1 for roles one person may not hold together. */
static void build_exclusive(role_model *m, const role_group *g)
{
    char name[64];
    for (int a = 0; a < g->R; a++)
        for (int b = a + 1; b < g->R; b++) {
            if (rule_roles_exclusive(g->spec, a, b) < 0)
                continue;
            for (int k = 0; k < g->n; k++) {
                lp_row_begin(&m->lp);
                lp_term(&m->lp, m->x[k * g->R + a], 1);
                lp_term(&m->lp, m->x[k * g->R + b], 1);
                snprintf(name, sizeof name, "excl_%d_%d_%d", k, a, b);
                lp_row_end(&m->lp, name, LP_UP, 0, 1);
            }
        }
}

/* h[k] for members with a colleague in the group, and per colleague pair
 * either h[k] + h[l] <= 1 (hard) or y - h[k] - h[l] >= -1 with y's cost
 * (soft; y's cost is stage 2's, kept in m->y_cost). */
static void build_spread(role_model *m, const role_group *g)
{
    char name[64];
    if (!has_spread(g->spec))
        return;
    for (int k = 0; k < g->n; k++)
        for (int l = k + 1; l < g->n; l++) {
            int hard;
            double c = rule_role_pair_cost(g->spec, member(g, k), member(g, l), &hard);
            if (hard < 0 && c <= 0)
                continue;
            for (int q = 0; q < 2; q++) {
                int who = q ? l : k;
                if (m->h[who])
                    continue;
                snprintf(name, sizeof name, "h_%d", who);
                m->h[who] = lp_col(&m->lp, name, LP_BV, 0, 1, 0);
                for (int r = 0; r < g->R; r++) {
                    lp_row_begin(&m->lp);
                    lp_term(&m->lp, m->x[who * g->R + r], 1);
                    lp_term(&m->lp, m->h[who], -1);
                    snprintf(name, sizeof name, "holds_%d_%d", who, r);
                    lp_row_end(&m->lp, name, LP_UP, 0, 0);
                }
            }
            int y = 0;
            if (hard < 0) {
                snprintf(name, sizeof name, "y_%d_%d", k, l);
                y = m->y[m->n_y] = lp_col(&m->lp, name, LP_BV, 0, 1, 0);
                m->y_cost[m->n_y++] = c;
            }
            lp_row_begin(&m->lp);
            lp_term(&m->lp, m->h[k], 1);
            lp_term(&m->lp, m->h[l], 1);
            lp_term(&m->lp, y, -1);
            snprintf(name, sizeof name, "spread_%d_%d", k, l);
            lp_row_end(&m->lp, name, LP_UP, 0, 1);
        }
}

/* FNV-1a of the member's id and the role's: the tie-break's order. */
static uint64_t tie_hash(const char *id, const char *role)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *s = id; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    h = (h ^ 0x1f) * 1099511628211ull;
    for (const char *s = role; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Stage costs: 1, roles nobody holds; 2, the soft rules less stability;
 * 3, the tie-break (rank of the member's hash among the group's). */
static void stage_costs(role_model *m, const role_group *g, int stage, double keep)
{
    for (int j = 1; j <= lp_cols(&m->lp); j++)
        lp_set_cost(&m->lp, j, 0);
    for (int r = 0; r < g->R; r++) {
        lp_set_cost(&m->lp, m->u[r], stage == 1 ? 1 : 0);
        for (int k = 0; k < g->n; k++) {
            int j = m->x[k * g->R + r], hard;
            if (!j || stage == 1)
                continue;
            const tsunagu_attendee *a = member(g, k);
            double c = rule_role_cost(g->spec, r, a, &hard);
            if (stage == 2 && g->prev[r] == (long)g->tb->members[k])
                c -= keep;
            if (stage == 3) {
                uint64_t mine = tie_hash(a->id, g->spec->roles[r].id);
                c = 0;
                for (int l = 0; l < g->n; l++)
                    c += tie_hash(member(g, l)->id, g->spec->roles[r].id) < mine;
            }
            lp_set_cost(&m->lp, j, c);
        }
    }
}

/* The soft spread costs of stage 2, on the y columns. */
static void spread_costs(role_model *m)
{
    for (int i = 0; i < m->n_y; i++)
        lp_set_cost(&m->lp, m->y[i], m->y_cost[i]);
}

/* Solve the current stage; then keep its optimum as a row for the next. */
static int solve_stage(role_model *m, const role_group *g, double *value)
{
    lp_run_options ro = {.session = g->spec->id, .time_limit = ROLE_STAGE_SECONDS, .verbose = g->verbose,
                         .no_presolve = true};
    lp_result res;
    if (lp_solve(&m->lp, &ro, &res) != 0)
        return res.failure == LP_INFEASIBLE ? -2 : -1;
    *value = res.objective;
    lp_row_begin(&m->lp);
    for (int j = 1; j <= lp_cols(&m->lp); j++)
        if (lp_cost(&m->lp, j) != 0)
            lp_term(&m->lp, j, lp_cost(&m->lp, j));
    lp_row_end(&m->lp, "stage", LP_UP, 0, *value + 1e-6 * (1 + fabs(*value)));
    return 0;
}

/* Solve group g into holder[r] (roster indices, -1).  0; -2 when the
 * organiser's names cannot hold together; -1 when GLPK failed. */
static int solve_group(const role_group *g, double keep, long *holder)
{
    for (int r = 0; r < g->R; r++)
        holder[r] = -1;
    if (g->n == 0)
        return 0;
    role_model m = {0};
    lp_init(&m.lp, "roles");
    m.x = model_calloc((size_t)(g->n * g->R), sizeof *m.x);
    m.u = model_calloc((size_t)g->R, sizeof *m.u);
    m.h = model_calloc((size_t)g->n, sizeof *m.h);
    m.y = model_calloc((size_t)(g->n * g->n), sizeof *m.y);
    m.y_cost = model_calloc((size_t)(g->n * g->n), sizeof *m.y_cost);
    build_columns(&m, g);
    build_exclusive(&m, g);
    build_spread(&m, g);
    int rc = 0;
    double value;
    for (int stage = 1; stage <= 3 && rc == 0; stage++) {
        stage_costs(&m, g, stage, keep);
        if (stage == 2)
            spread_costs(&m);
        rc = solve_stage(&m, g, &value);
    }
    for (int r = 0; rc == 0 && r < g->R; r++)
        for (int k = 0; k < g->n; k++)
            if (m.x[k * g->R + r] && lp_value(&m.lp, m.x[k * g->R + r]) > 0.5)
                holder[r] = (long)g->tb->members[k];
    free(m.x);
    free(m.u);
    free(m.h);
    free(m.y);
    free(m.y_cost);
    lp_dispose(&m.lp);
    return rc;
}

/* ---- what the plan says about a group's roles ---------------------------------- */

/* Add text to the plan's warnings (once), and to diags when not NULL (the
 * desk's refresh: a solve's summary prints the plan's warnings). */
static void warn(tsunagu_plan *p, tsunagu_diags *diags, const char *text)
{
    bool known = false;
    for (int i = 0; i < p->n_warnings && !known; i++)
        known = strcmp(p->warnings[i], text) == 0;
    if (!known)
        tsunagu_plan_add_warning(p, text);
    if (diags)
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0, "%s", text);
}

/* Why nobody holds role r of group tb: nobody is in it, nobody the hard
 * rules allow, or the hard rules together. */
static void say_unfilled(tsunagu_plan *p, const tsunagu_session_spec *spec, const tsunagu_table *tb,
                         int r, tsunagu_diags *diags)
{
    int eligible = 0, rule = -1;
    for (size_t k = 0; k < tb->n_members; k++) {
        int hard;
        rule_role_cost(spec, r, &p->roster->items[tb->members[k]], &hard);
        eligible += hard < 0;
        rule = hard >= 0 ? hard : rule;
    }
    strbuf b = {0};
    const char *role = tsunagu_role_label(&spec->roles[r]);
    if (tb->n_members == 0)
        strbuf_addf(&b, TR("%s has nobody in it: no %s", "%s にはだれもいないため、%s がいません"), tb->label, role);
    else if (eligible == 0)
        strbuf_addf(&b, TR("%s: nobody may be the %s (the role rule \"%s\" must hold)",
                           "%s: %s を担える人がいません（必須の役割の規則「%s」）"),
                    tb->label, role, tsunagu_role_rule_label(spec->role_rules[rule].kind));
    else
        strbuf_addf(&b, TR("%s: nobody is left for the %s under the hard role rules",
                           "%s: 必須の役割の規則を守ると %s を担える人が残りません"),
                    tb->label, role);
    warn(p, diags, b.data);
    free(b.data);
}

/* "山田 一郎 (司会・書記)" for each member who holds several roles. */
static void doubled_text(const tsunagu_plan *p, const tsunagu_session_spec *spec, const tsunagu_table *tb,
                         strbuf *b)
{
    for (size_t k = 0; k < tb->n_members; k++) {
        int held = 0;
        for (int r = 0; r < spec->n_roles; r++)
            if (tb->roles[r] == (long)tb->members[k])
                held++;
        if (held < 2)
            continue;
        strbuf_addf(b, "%s%s (", b->len ? ", " : "", p->roster->items[tb->members[k]].name);
        for (int r = 0, n = 0; r < spec->n_roles; r++)
            if (tb->roles[r] == (long)tb->members[k])
                strbuf_addf(b, "%s%s", n++ ? TR(" and ", "・") : "", tsunagu_role_label(&spec->roles[r]));
        strbuf_add(b, ")");
    }
}

/* The warnings a group's roles call for: a group too small for its roles
 * (who holds two), a role nobody holds (why). */
static void say_group(tsunagu_plan *p, int s, int t, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    const tsunagu_table *tb = &p->sessions[s].tables[t];
    if (tb->n_members > 0 && (int)tb->n_members < spec->n_roles) {
        strbuf who = {0}, b = {0};
        doubled_text(p, spec, tb, &who);
        strbuf_addf(&b, TR("%s has %zu members for %d roles: %s", "%s は %zu 人で役割が %d つあるため兼任します: %s"),
                    tb->label, tb->n_members, spec->n_roles, who.data ? who.data : "-");
        warn(p, diags, b.data);
        free(b.data);
        free(who.data);
    }
    for (int r = 0; r < spec->n_roles; r++)
        if (tb->roles[r] < 0)
            say_unfilled(p, spec, tb, r, diags);
}

/* ---- who the organiser named, who held a role before --------------------------- */

/* "--role A0001=afternoon:facilitator" as the organiser wrote it. */
static void pin_text(const tsunagu_role_pin *q, char *out, size_t size)
{
    snprintf(out, size, "--role %s=%s%s%s", q->attendee_id, q->session ? q->session : "",
             q->session ? ":" : "", q->role);
}

/* The session that role pin q names (its own, or the one session with such
 * a role), or -1 after saying why. */
static int pin_session(const tsunagu_plan *p, const tsunagu_role_pin *q, tsunagu_diags *diags)
{
    int found = -1, n = 0;
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_spec *spec = p->sessions[s].spec;
        if (q->session ? strcmp(spec->id, q->session) == 0 : tsunagu_session_role_find(spec, q->role) >= 0)
            found = s, n++;
    }
    if (n == 1 && tsunagu_session_role_find(p->sessions[found].spec, q->role) >= 0)
        return found;
    char what[256];
    pin_text(q, what, sizeof what);
    if (n > 1)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%1$s: several sessions have that role: name one (--role %2$s=SESSION:%3$s)",
                             "%1$s: その役割のあるセッションが複数あります。セッションを指定してください（--role %2$s=セッション:%3$s）"),
                          what, q->attendee_id, q->role);
    else if (q->session && n == 1)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s: session %s has no such role", "%s: セッション %s にその役割はありません"), what,
                          q->session);
    else if (q->session)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s: the event has no session %s", "%s: イベントにセッション %s はありません"), what,
                          q->session);
    else
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s: no session has that role", "%s: その役割のあるセッションがありません"), what);
    return -1;
}

/* Record that member i holds role r of its group in session s (pins[s]:
 * per table and role).  -1 after saying why it cannot be. */
static int pin_one(const tsunagu_plan *p, int s, long i, int r, long **pins, const char *what,
                   tsunagu_diags *diags)
{
    const tsunagu_session_plan *sp = &p->sessions[s];
    const tsunagu_attendee *a = &p->roster->items[i];
    const char *role = tsunagu_role_label(&sp->spec->roles[r]);
    int t = sp->seat[i], hard;
    if (t < 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s: %s is named %s but is not seated in %s", "%s: %s さんが %s に指名されていますが、%s の席がありません"),
                          what, a->name, role, sp->spec->id);
        return -1;
    }
    rule_role_cost(sp->spec, r, a, &hard);
    long *slot = &pins[s][t * sp->spec->n_roles + r];
    if (hard >= 0 || (*slot >= 0 && *slot != i)) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          hard >= 0 ? TR("%1$s: %2$s cannot be the %3$s: the role rule \"%4$s\" must hold",
                                         "%1$s: %2$s さんは %3$s になれません（必須の役割の規則「%4$s」）")
                                    : TR("%1$s: %2$s and %4$s are both named %3$s of one group",
                                         "%1$s: %2$s さんと %4$s さんが同じグループの %3$s に指名されています"),
                          what, a->name, role,
                          hard >= 0 ? tsunagu_role_rule_label(sp->spec->role_rules[hard].kind)
                                    : p->roster->items[*slot].name);
        return -1;
    }
    *slot = i;
    return 0;
}

/* The organiser's pins (opt's --role, may be NULL) into pins[s][t * R + r].
 * 0, or -1 after saying what is wrong with each. */
static int gather_role_pins(const tsunagu_plan *p, const tsunagu_solve_options *opt, long **pins,
                            tsunagu_diags *diags)
{
    int rc = 0;
    for (int k = 0; opt && k < opt->n_role_pins; k++) {
        const tsunagu_role_pin *q = &opt->role_pins[k];
        long i = tsunagu_roster_find(p->roster, q->attendee_id);
        int s = pin_session(p, q, diags);
        char what[256];
        pin_text(q, what, sizeof what);
        if (i < 0 && s >= 0)
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, TR("%s: no attendee with that id", "%s: その番号の参加者はいません"), what);
        if (i < 0 || s < 0 || pin_one(p, s, i, tsunagu_session_role_find(p->sessions[s].spec, q->role), pins, what, diags) != 0)
            rc = -1;
    }
    return rc;
}

/* The roles the list's role columns name (tsunagu_event_role) into pins.
 * 0, or -1 after saying what is wrong with each. */
static int gather_list_roles(const tsunagu_plan *p, long **pins, tsunagu_diags *diags)
{
    int rc = 0;
    for (size_t i = 0; i < p->roster->count; i++) {
        const tsunagu_attendee *a = &p->roster->items[i];
        for (int s = 0; s < p->n_sessions && tsunagu_roster_seated(p->roster, i); s++) {
            int r = p->sessions[s].spec->n_roles > 0 ? tsunagu_event_role(p->event, s, a) : -1;
            if (r < 0)
                continue;
            char what[512];
            snprintf(what, sizeof what, "%s:%d", tsunagu_path_base(p->roster->source), a->line);
            if (pin_one(p, s, (long)i, r, pins, what, diags) != 0)
                rc = -1;
        }
    }
    return rc;
}

/* Who held the roles of group t in plan `from`'s group of the same id:
 * their ids ("" for nobody), borrowed from `from`. */
static void holders_before(const tsunagu_plan *p, int s, int t, const tsunagu_plan *from, const char **was)
{
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    for (int r = 0; r < spec->n_roles; r++)
        was[r] = "";
    for (int ps = 0; from && ps < from->n_sessions; ps++) {
        const tsunagu_session_plan *sp = &from->sessions[ps];
        if (strcmp(sp->spec->id, spec->id) != 0 || sp->spec->n_roles != spec->n_roles)
            continue;
        for (int u = 0; u < sp->n_tables; u++)
            for (int r = 0; sp->tables[u].roles && strcmp(sp->tables[u].id, p->sessions[s].tables[t].id) == 0 &&
                            r < spec->n_roles; r++)
                if (sp->tables[u].roles[r] >= 0)
                    was[r] = from->roster->items[sp->tables[u].roles[r]].id;
    }
}

/* Who held each role of group t before (in `prev`, which may be p
 * itself), of those still in it: roster indices of p, -1. */
static void previous_holders(const tsunagu_plan *p, int s, int t, const tsunagu_plan *prev, long *out)
{
    const tsunagu_table *tb = &p->sessions[s].tables[t];
    int R = p->sessions[s].spec->n_roles;
    const char **was = model_calloc((size_t)R, sizeof *was);
    holders_before(p, s, t, prev, was);
    for (int r = 0; r < R; r++) {
        long i = *was[r] ? tsunagu_roster_find(p->roster, was[r]) : -1;
        out[r] = -1;
        for (size_t k = 0; i >= 0 && k < tb->n_members; k++)
            if (tb->members[k] == (size_t)i)
                out[r] = i;
    }
    free(was);
}

/* Say who holds role r of group tb now: new (a roster index of p) in
 * place of the holder of that role before (was: an id of `before`, or ""). */
static void say_new_holder(const tsunagu_plan *p, const tsunagu_session_spec *spec, const tsunagu_table *tb,
                           int r, long now, const tsunagu_plan *before, const char *was, tsunagu_diags *diags)
{
    const char *role = tsunagu_role_label(&spec->roles[r]), *name = p->roster->items[now].name;
    long j = *was ? tsunagu_roster_find(before->roster, was) : -1;
    if (j >= 0)
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0,
                          TR("%1$s: %3$s is now the %2$s, in place of %4$s", "%1$s: %2$s を %4$s さんから %3$s さんに替えました"),
                          tb->label, role, name, before->roster->items[j].name);
    else
        tsunagu_diags_add(diags, TSUNAGU_WARNING, NULL, 0,
                          TR("%1$s: %3$s is now the %2$s", "%1$s: %2$s は %3$s さんになりました"), tb->label, role, name);
}

/* Say each role of group t that another holds than in `before`'s group of
 * the same id (ids: who held them); how many. */
static int say_changes(const tsunagu_plan *p, int s, int t, const tsunagu_plan *before,
                       const char *const *was, tsunagu_diags *diags)
{
    const tsunagu_table *tb = &p->sessions[s].tables[t];
    int changed = 0;
    for (int r = 0; r < p->sessions[s].spec->n_roles; r++) {
        long now = tb->roles[r];
        if (now < 0 || strcmp(p->roster->items[now].id, was[r]) == 0)
            continue;
        changed++;
        say_new_holder(p, p->sessions[s].spec, tb, r, now, before, was[r], diags);
    }
    return changed;
}

/* ---- every group of a plan ---------------------------------------------------------- */

/* Per session with roles, per table and role: -1 (new arrays, or NULL
 * for a session without roles).  Free with free_pins. */
static long **new_pins(const tsunagu_plan *p)
{
    long **pins = model_calloc((size_t)p->n_sessions + 1, sizeof *pins);
    for (int s = 0; s < p->n_sessions; s++) {
        size_t n = (size_t)p->sessions[s].n_tables * (size_t)p->sessions[s].spec->n_roles;
        if (n == 0)
            continue;
        pins[s] = model_calloc(n, sizeof **pins);
        for (size_t k = 0; k < n; k++)
            pins[s][k] = -1;
    }
    return pins;
}

static void free_pins(const tsunagu_plan *p, long **pins)
{
    for (int s = 0; s < p->n_sessions; s++)
        free(pins[s]);
    free(pins);
}

/* Assign group t of session s: holders kept from prev (may be NULL),
 * pins[s] the organiser's names.  0, or -1 after saying why not. */
static int assign_group(tsunagu_plan *p, int s, int t, const tsunagu_plan *prev, long *const *pins,
                        bool verbose, tsunagu_diags *diags)
{
    tsunagu_session_plan *sp = &p->sessions[s];
    tsunagu_table *tb = &sp->tables[t];
    int R = sp->spec->n_roles;
    long *before = model_calloc((size_t)R, sizeof *before);
    previous_holders(p, s, t, prev, before);
    role_group g = {p, sp->spec, tb, (int)tb->n_members, R, before, pins[s] + (size_t)t * R, verbose};
    long *holder = model_calloc((size_t)R, sizeof *holder);
    int rc = solve_group(&g, sp->spec->rules[TSUNAGU_RULE_STABILITY].weight, holder);
    if (rc == 0) {
        free(tb->roles);
        tb->roles = holder;
    } else {
        free(holder);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          rc == -2 ? TR("%s: the roles the organiser named cannot hold together",
                                        "%s: 指名された役割を同時には満たせません")
                                   : TR("%s: the roles could not be assigned (GLPK failed)",
                                        "%s: 役割を決められませんでした（GLPK の失敗）"),
                          tb->label);
    }
    free(before);
    return rc == 0 ? 0 : -1;
}

static void say_replan_changes(const tsunagu_plan *p, int s, int t, const tsunagu_plan *prev,
                               tsunagu_diags *diags)
{
    const char **was = model_calloc((size_t)p->sessions[s].spec->n_roles, sizeof *was);
    holders_before(p, s, t, prev, was); /* borrowed from prev, which does not change */
    say_changes(p, s, t, prev, was, diags);
    free(was);
}

int model_assign_roles(tsunagu_plan *p, const tsunagu_solve_options *opt, tsunagu_diags *diags)
{
    long **pins = new_pins(p);
    int rc = gather_list_roles(p, pins, diags);
    if (gather_role_pins(p, opt, pins, diags) != 0)
        rc = -1;
    for (int s = 0; s < p->n_sessions && rc == 0; s++)
        for (int t = 0; p->sessions[s].spec->n_roles > 0 && t < p->sessions[s].n_tables && rc == 0; t++) {
            rc = assign_group(p, s, t, opt ? opt->previous : NULL, pins, opt && opt->verbose, diags);
            if (rc == 0)
                say_group(p, s, t, NULL);
            if (rc == 0 && opt && opt->previous) /* a re-plan: who holds another's role now */
                say_replan_changes(p, s, t, opt->previous, diags);
        }
    free_pins(p, pins);
    return rc;
}

/* A group's roles need assigning again: none yet, a role nobody holds, a
 * holder who is not a member, or one person holding two where the group
 * has as many members as roles. */
static bool roles_stale(const tsunagu_plan *p, int s, int t)
{
    const tsunagu_table *tb = &p->sessions[s].tables[t];
    int R = p->sessions[s].spec->n_roles;
    if (!tb->roles)
        return true;
    for (int r = 0; r < R; r++) {
        bool member = false;
        for (size_t k = 0; k < tb->n_members; k++)
            member |= tb->members[k] == (size_t)tb->roles[r];
        if (tb->roles[r] < 0 || !member)
            return true;
        for (int q = r + 1; q < R && (int)tb->n_members >= R; q++)
            if (tb->roles[q] == tb->roles[r])
                return true;
    }
    return false;
}

int tsunagu_plan_refresh_roles(tsunagu_plan *p, tsunagu_diags *diags)
{
    long **pins = new_pins(p);
    int changed = 0, rc = gather_list_roles(p, pins, diags);
    for (int s = 0; s < p->n_sessions && rc == 0; s++) {
        int R = p->sessions[s].spec->n_roles;
        for (int t = 0; R > 0 && t < p->sessions[s].n_tables && rc == 0; t++) {
            if (!roles_stale(p, s, t))
                continue;
            const char **was = model_calloc((size_t)R, sizeof *was);
            char **ids = model_calloc((size_t)R, sizeof *ids);
            holders_before(p, s, t, p, was);
            for (int r = 0; r < R; r++) /* copies: the plan's roles change below */
                ids[r] = tsunagu_strdup(was[r]);
            rc = assign_group(p, s, t, p, pins, false, diags);
            if (rc == 0) {
                changed += say_changes(p, s, t, p, (const char *const *)ids, diags);
                say_group(p, s, t, diags);
            }
            for (int r = 0; r < R; r++)
                free(ids[r]);
            free(ids);
            free(was);
        }
    }
    free_pins(p, pins);
    if (rc == 0)
        tsunagu_plan_score(p); /* the roles' measures */
    return rc == 0 ? changed : -1;
}
