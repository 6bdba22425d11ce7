/* roles.h - who holds each role of each group (司会, 書記, 発表者 on the
 * bundled day).
 *
 * The roles and their rules are data of the event file
 * (docs/event-format.md, "Roles"); tsunagu_solve assigns them after the
 * seating, one small integer program per group (src/model/roles.c), and
 * records them on each group (tsunagu_table.roles, "roles" in the plan
 * file).  These calls are for what comes after: the desk's walk-ins and
 * cancellations, and an organiser who picks a holder by hand. */
#ifndef TSUNAGU_ROLES_H
#define TSUNAGU_ROLES_H

#include "tsunagu/diag.h"
#include "tsunagu/plan.h"

/* A role the organiser names for someone (solve --role ID=ROLE; the
 * attendee list's role columns come with the attendees). */
typedef struct {
    const char *attendee_id;
    const char *session; /* session id; NULL: the one session that has the role */
    const char *role;    /* a role's id or label ("facilitator", "司会") */
} tsunagu_role_pin;

/* After the desk changed a plan without re-planning (a walk-in, a
 * cancellation, a restoration): assign again the roles of each group whose
 * roles no longer stand - a role nobody holds, one person holding two in
 * a group with as many members as roles - keeping every other holder
 * where the rules allow.  Each change is said as a warning in diags
 * ("MSW グループA: 司会 is now 山田 一郎 (nobody held it)"), since someone
 * must be told.  Returns how many roles changed hands, or -1 with the
 * reason in diags (GLPK failed) and the plan as it was. */
int tsunagu_plan_refresh_roles(tsunagu_plan *p, tsunagu_diags *diags);

/* The organiser gives role `role` (an id or label) of session `session` to
 * attendee `id`, in the group they sit in.  When they held another role
 * of the group, the role's former holder takes that one (a swap); else
 * the former holder holds nothing.  Nobody else changes.  Refused (-1,
 * the reason in diags, the plan unchanged) when the person is not seated
 * in that session, the session has no such role, or a hard role rule would
 * break; 0 otherwise (also when they hold it already). */
int tsunagu_plan_set_role(tsunagu_plan *p, const char *session, const char *id, const char *role,
                          tsunagu_diags *diags);

#endif
