/* roles.c - an organiser who picks a role's holder by hand (the page's
 * click on a name): the rest of the group's roles stay, a hard role rule
 * is never broken.  Who holds roles is otherwise the solver's
 * (src/model/roles.c). */
#include "tsunagu/roles.h"

#include <stdlib.h>
#include <string.h>

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
