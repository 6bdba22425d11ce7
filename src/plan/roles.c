/* roles.c - an organiser who picks a role's holder by hand (the page's
 * click on a name): the rest of the group's roles stay, a hard role rule
 * is never broken.  Who holds roles is otherwise the solver's
 * (src/model/roles.c). */
#include "tsunagu/roles.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan_private.h"
#include "rules/rules_private.h"
#include "util/strbuf.h"
#include "util/tr.h"

static int session_of(const tsunagu_plan *p, const char *id)
{
    for (int s = 0; id && s < p->n_sessions; s++)
        if (strcmp(p->sessions[s].spec->id, id) == 0)
            return s;
    return -1;
}

/* The role (index) of session s named `role`, or -1 after saying so. */
static int role_of(const tsunagu_plan *p, int s, const char *role, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = s >= 0 ? p->sessions[s].spec : NULL;
    int r = spec ? tsunagu_session_role_find(spec, role) : -1;
    if (r >= 0)
        return r;
    strbuf known = {0};
    for (int k = 0; spec && k < spec->n_roles; k++)
        strbuf_addf(&known, "%s%s", k ? ", " : "", tsunagu_role_label(&spec->roles[k]));
    tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                      TR("no role \"%s\" in that session (roles: %s)", "そのセッションに役割「%s」はありません（役割: %s）"),
                      role ? role : "", known.data ? known.data : "-");
    free(known.data);
    return -1;
}

int tsunagu_plan_set_role(tsunagu_plan *p, const char *session, const char *id, const char *role,
                          tsunagu_diags *diags)
{
    int s = session_of(p, session);
    int r = role_of(p, s, role, diags);
    long i = tsunagu_roster_find(p->roster, id);
    int t = r >= 0 && i >= 0 ? p->sessions[s].seat[i] : -1;
    if (r < 0)
        return -1;
    if (t < 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s is not seated in %s", "%s さんは %s に席がありません"),
                          i >= 0 ? p->roster->items[i].name : id, p->sessions[s].spec->title);
        return -1;
    }
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    tsunagu_table *tb = &p->sessions[s].tables[t];
    long *was = tb->roles, *now = calloc((size_t)spec->n_roles, sizeof *now);
    if (!now)
        abort();
    int theirs = -1; /* a role they held, which the former holder takes */
    for (int k = 0; k < spec->n_roles; k++) {
        now[k] = was ? was[k] : -1;
        if (now[k] == i && theirs < 0 && k != r)
            theirs = k;
    }
    bool held = now[r] == i;
    if (theirs >= 0 && !held)
        now[theirs] = now[r];
    now[r] = i;
    tb->roles = now;
    char *broken = NULL;
    rule_roles_breaks(p, s, t, &broken);
    if (broken) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("%s cannot be the %s of %s: %s (a role rule that must hold)",
                             "%s さんは %s の %s になれません: %s（必須の役割の規則）"),
                          p->roster->items[i].name, tb->label, tsunagu_role_label(&spec->roles[r]), broken);
        free(broken);
        tb->roles = was;
        free(now);
        return -1;
    }
    free(was);
    tsunagu_plan_score(p);
    return 0;
}

/* ---- what changed between two plans ---------------------------------------------- */

static const char *holder_id(const tsunagu_plan *p, const tsunagu_table *t, int r)
{
    long who = t && t->roles ? t->roles[r] : -1;
    return who >= 0 ? p->roster->items[who].id : "";
}

bool plan_same_roles(const tsunagu_plan *a, const tsunagu_session_plan *sa, const tsunagu_table *ta,
                     const tsunagu_plan *b, const tsunagu_session_plan *sb, const tsunagu_table *tb)
{
    if (sa->spec->n_roles != sb->spec->n_roles)
        return false;
    for (int r = 0; r < sa->spec->n_roles; r++)
        if (strcmp(holder_id(a, ta, r), holder_id(b, tb, r)) != 0)
            return false;
    return true;
}

/* The table of that id in session sid of p, or NULL. */
static const tsunagu_table *find_table(const tsunagu_plan *p, const char *sid, const char *id)
{
    for (int s = 0; s < p->n_sessions; s++)
        for (int t = 0; strcmp(p->sessions[s].spec->id, sid) == 0 && t < p->sessions[s].n_tables; t++)
            if (strcmp(p->sessions[s].tables[t].id, id) == 0)
                return &p->sessions[s].tables[t];
    return NULL;
}

static const char *name_of(const tsunagu_plan *p, const char *id)
{
    long i = *id ? tsunagu_roster_find(p->roster, id) : -1;
    return i >= 0 ? p->roster->items[i].name : "—";
}

size_t plan_role_changes_text(const tsunagu_plan *old, const tsunagu_plan *now, strbuf *b)
{
    size_t changed = 0;
    for (int s = 0; s < now->n_sessions; s++) {
        const tsunagu_session_plan *ns = &now->sessions[s];
        for (int t = 0; t < ns->n_tables; t++) {
            const tsunagu_table *nt = &ns->tables[t], *ot = find_table(old, ns->spec->id, nt->id);
            for (int r = 0; r < ns->spec->n_roles; r++) {
                const char *was = holder_id(old, ot, r), *is = holder_id(now, nt, r);
                if (strcmp(was, is) == 0)
                    continue;
                if (!changed++)
                    strbuf_addf(b, "%s\n", TR("Roles:", "役割が変わったグループ:"));
                strbuf_addf(b, TR("  %s, %s: %s -> %s\n", "  %sの%s: %s -> %s\n"), nt->label,
                            tsunagu_role_label(&ns->spec->roles[r]), name_of(old, was), name_of(now, is));
            }
        }
    }
    return changed;
}
