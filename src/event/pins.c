/* pins.c - which session a pin names.  The attendee list is read before
 * the event is known, so a pin column keeps what it says (pin_<session id>,
 * 午前指定 / 午後指定); the event's own sessions decide here, the one place
 * that knows, for the command line, the web page and the model alike. */
#include "tsunagu/event.h"
#include "event/event_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/tr.h"
#include "tsunagu/text.h"
#include "util/strbuf.h"

/* Only a session that seats people takes a seat pin (not the afternoon's
 * sharing session, which also starts after noon). */
static bool half_day_is(const tsunagu_session_spec *s, tsunagu_pin_when when)
{
    int t = event_minutes(s->start);
    return tsunagu_session_seats(s) && t >= 0 && (when == TSUNAGU_PIN_BEFORE_NOON ? t < 12 * 60 : t >= 12 * 60);
}

static bool names_session(const tsunagu_session_spec *s, const char *session_key)
{
    char *k = tsunagu_text_key(s->id);
    bool same = k && strcmp(k, session_key) == 0;
    free(k);
    return same;
}

/* Index of the one session a pin names, -1 for none, -2 for several. */
static int session_of(const tsunagu_event *e, const tsunagu_seat_pin *p)
{
    int found = -1;
    for (int s = 0; s < e->n_sessions; s++) {
        bool match = p->when == TSUNAGU_PIN_ROLE
                         ? (p->session ? names_session(&e->sessions[s], p->session) : e->sessions[s].n_roles > 0)
                     : p->when == TSUNAGU_PIN_SESSION ? names_session(&e->sessions[s], p->session)
                                                      : half_day_is(&e->sessions[s], p->when);
        if (match)
            found = found == -1 ? s : -2;
    }
    return found;
}

const char *tsunagu_event_pin(const tsunagu_event *e, int s, const tsunagu_attendee *a)
{
    for (int k = 0; e && a && k < a->n_pins; k++)
        if (a->pins[k].when != TSUNAGU_PIN_ROLE && session_of(e, &a->pins[k]) == s)
            return a->pins[k].table;
    return NULL;
}

const char *tsunagu_event_role_written(const tsunagu_event *e, int s, const tsunagu_attendee *a)
{
    for (int k = 0; e && a && k < a->n_pins; k++)
        if (a->pins[k].when == TSUNAGU_PIN_ROLE && session_of(e, &a->pins[k]) == s)
            return a->pins[k].table;
    return NULL;
}

int tsunagu_event_role(const tsunagu_event *e, int s, const tsunagu_attendee *a)
{
    const char *written = tsunagu_event_role_written(e, s, a);
    return written ? tsunagu_session_role_find(&e->sessions[s], written) : -1;
}

static char *session_list(const tsunagu_event *e)
{
    strbuf b = {0};
    for (int s = 0; s < e->n_sessions; s++) {
        char *times = tsunagu_session_times(&e->sessions[s], "-");
        strbuf_addf(&b, "%s%s%s%s%s", s ? ", " : "", e->sessions[s].id, *times ? " (" : "",
                    times, *times ? ")" : "");
        free(times);
    }
    return b.data ? b.data : tsunagu_strdup("");
}

int tsunagu_event_check_pins(const tsunagu_event *e, const tsunagu_roster *r,
                             tsunagu_diags *diags)
{
    int errors = 0;
    /* once per column: a column is the same mistake on every line */
    strbuf seen = {0};
    strbuf_add(&seen, "\n");
    for (size_t i = 0; e && r && i < r->count; i++) {
        const tsunagu_attendee *a = &r->items[i];
        for (int k = 0; k < a->n_pins; k++) {
            const tsunagu_seat_pin *p = &a->pins[k];
            if (p->when == TSUNAGU_PIN_ROLE) /* tsunagu_event_check_roles */
                continue;
            int s = session_of(e, p);
            /* two columns for one session (pin_am and 午前指定) must agree */
            for (int j = 0; s >= 0 && j < k; j++)
                if (a->pins[j].when != TSUNAGU_PIN_ROLE && session_of(e, &a->pins[j]) == s &&
                    strcmp(a->pins[j].table, p->table) != 0) {
                    tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                                      TR("%s is pinned twice in session %s: \"%s\" says %s, \"%s\" says %s",
                                         "%s はセッション %s で二重に固定されています:「%s」は %s、「%s」は %s"),
                                      a->name, e->sessions[s].id, a->pins[j].column, a->pins[j].table,
                                      p->column, p->table);
                    errors++;
                }
            if (s >= 0 && tsunagu_session_seats(&e->sessions[s]))
                continue;
            strbuf mark = {0};
            strbuf_addf(&mark, "\n%s\n", p->column);
            bool told = strstr(seen.data, mark.data) != NULL;
            if (!told)
                strbuf_add(&seen, mark.data + 1);
            free(mark.data);
            errors++;
            if (told)
                continue;
            char *list = session_list(e);
            if (s >= 0) /* a sharing session */
                tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                                  TR("column \"%s\" pins session %s, which seats nobody (its groups present there)",
                                     "「%s」の列はセッション %s の固定ですが、そのセッションには席がありません（グループの発表の時間です）"),
                                  p->column, e->sessions[s].id);
            else if (p->when == TSUNAGU_PIN_SESSION)
                tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                                  TR("column \"%s\" pins a session \"%s\", but the event has no session of that id (sessions: %s)",
                                     "「%s」の列はセッション「%s」の固定ですが、イベントにその id のセッションはありません（セッション: %s）"),
                                  p->column, p->session, list);
            else
                tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                                  s == -2 ? TR("column \"%s\": several sessions start %s noon (%s); name one with a column pin_<session id>",
                                               "「%s」の列: 正午%sに始まるセッションが複数あります（%s）。pin_<セッション番号> の列で指定してください")
                                          : TR("column \"%s\": no session starts %s noon (%s); name one with a column pin_<session id>",
                                               "「%s」の列: 正午%sに始まるセッションがありません（%s）。pin_<セッション番号> の列で指定してください"),
                                  p->column,
                                  p->when == TSUNAGU_PIN_BEFORE_NOON ? TR("before", "より前")
                                                                     : TR("at or after", "以降"),
                                  list);
            free(list);
        }
    }
    free(seen.data);
    return errors;
}

const char *tsunagu_event_session_named(const tsunagu_event *e, const char *name)
{
    char *key = name ? tsunagu_text_key(name) : NULL;
    int found = -1;
    for (int s = 0; key && s < e->n_sessions && found < 0; s++) {
        char *title = e->sessions[s].title ? tsunagu_text_key(e->sessions[s].title) : NULL;
        if (names_session(&e->sessions[s], key) || (title && strcmp(title, key) == 0))
            found = s;
        free(title);
    }
    /* 午前 / 午後 (am / pm): the one session of that half of the day */
    static const char *const before[] = {"午前", "am", "a.m.", NULL}, *const after[] = {"午後", "pm", "p.m.", NULL};
    for (int h = 0; key && found < 0 && h < 2; h++)
        for (const char *const *w = h == 0 ? before : after; *w; w++) {
            if (strcmp(key, *w) != 0)
                continue;
            int one = -1;
            for (int s = 0; s < e->n_sessions; s++)
                if (half_day_is(&e->sessions[s], h == 0 ? TSUNAGU_PIN_BEFORE_NOON : TSUNAGU_PIN_FROM_NOON))
                    one = one == -1 ? s : -2;
            found = one >= 0 ? one : found;
        }
    free(key);
    return found >= 0 ? e->sessions[found].id : NULL;
}

char *tsunagu_event_session_names(const tsunagu_event *e)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    for (int s = 0; s < e->n_sessions; s++) {
        const tsunagu_session_spec *spec = &e->sessions[s];
        strbuf_addf(&b, "%s%s", s ? TR(", ", "、") : "", spec->id);
        if (spec->start)
            strbuf_addf(&b, TR(" (%s, from %s)", "（%s、%s〜）"), spec->title ? spec->title : spec->id, spec->start);
    }
    return b.data;
}

const char *tsunagu_event_pin_session(const tsunagu_event *e, const char *table)
{
    /* a workgroup whose track prefixes the group id ("MSW-B"), else the
     * first exchange session (tables "1", "2", ...) */
    char *key = table ? tsunagu_text_key(table) : NULL; /* ＭＳＷ－Ｂ as MSW-B */
    for (int s = 0; e && key && s < e->n_sessions; s++) {
        const tsunagu_session_spec *spec = &e->sessions[s];
        for (int k = 0; spec->kind == TSUNAGU_WORKGROUP && k < spec->n_tracks; k++) {
            char *track = tsunagu_text_key(spec->tracks[k].id);
            size_t n = track ? strlen(track) : 0;
            bool prefix = track && strncmp(key, track, n) == 0 && key[n] == '-';
            free(track);
            if (prefix) {
                free(key);
                return spec->id;
            }
        }
    }
    free(key);
    for (int s = 0; e && table && s < e->n_sessions; s++)
        if (e->sessions[s].kind == TSUNAGU_EXCHANGE)
            return e->sessions[s].id;
    return NULL;
}

/* The number of tables session spec would have for the seated people of
 * r (of track k for a workgroup). */
static int fresh_tables(const tsunagu_session_spec *spec, const tsunagu_roster *r, int k)
{
    int n = 0;
    for (size_t i = 0; i < r->count; i++)
        if (tsunagu_roster_seated(r, i) &&
            (k < 0 || (spec->tracks[k].professions & (1u << r->items[i].profession))))
            n++;
    bool exact;
    return spec->tables > 0 ? spec->tables : tsunagu_table_count(n, spec->min_size, spec->max_size, &exact);
}

/* 0 when table names one of the T tables of session spec (track t) by
 * its id or its printed label (tsunagu_table_named, as the solver reads
 * pins), else -1. */
static int has_table(const tsunagu_session_spec *spec, const tsunagu_track *t, int T, const char *table)
{
    for (int i = 0; i < T; i++) {
        char *id = tsunagu_session_table_id(spec, t, i);
        char *label = tsunagu_session_table_label(spec, t ? tsunagu_track_label(t) : NULL, i);
        bool same = tsunagu_table_named(id, label, table);
        free(id);
        free(label);
        if (same)
            return 0;
    }
    return -1;
}

/* The track of session spec whose groups table names ("MSW-B"), or NULL. */
static const tsunagu_track *track_named(const tsunagu_session_spec *spec, const char *table)
{
    char *key = tsunagu_text_key(table);
    const tsunagu_track *found = NULL;
    for (int k = 0; key && k < spec->n_tracks && !found; k++) {
        char *track = tsunagu_text_key(spec->tracks[k].id);
        size_t n = track ? strlen(track) : 0;
        if (track && strncmp(key, track, n) == 0 && key[n] == '-')
            found = &spec->tracks[k];
        free(track);
    }
    free(key);
    return found;
}

static int check_one_pin(const tsunagu_event *e, const tsunagu_roster *r, size_t i, int s,
                         const char *table, tsunagu_diags *diags)
{
    const tsunagu_session_spec *spec = &e->sessions[s];
    const tsunagu_attendee *a = &r->items[i];
    if (!tsunagu_roster_seated(r, i)) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                          TR("%s is pinned to %s in session %s, but %s attendees are not seated",
                             "%1$s はセッション %3$s の %2$s に固定されていますが、%4$s の参加者は席につきません"),
                          a->name, table, spec->id, tsunagu_professions_code(r->professions, a->profession));
        return 1;
    }
    const tsunagu_track *mine = spec->kind == TSUNAGU_WORKGROUP ? tsunagu_session_track_of(spec, a->profession) : NULL;
    if (spec->kind == TSUNAGU_WORKGROUP) {
        const tsunagu_track *theirs = track_named(spec, table);
        if (mine && theirs && theirs != mine) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                              TR("%1$s (%2$s) is pinned to group %3$s of session %4$s, a group of %5$s: pin them to a group of %6$s",
                                 "%1$s（%2$s）はセッション %4$s のグループ %3$s に固定されていますが、そこは%5$sのグループです。%6$sのグループに固定してください"),
                              a->name, tsunagu_professions_code(r->professions, a->profession), table,
                              spec->id, tsunagu_track_label(theirs), tsunagu_track_label(mine));
            return 1;
        }
    }
    int k = mine ? (int)(mine - spec->tracks) : -1;
    int T = fresh_tables(spec, r, k);
    if (T > 0 && has_table(spec, mine, T, table) == 0)
        return 0;
    char *first = tsunagu_session_table_id(spec, mine, 0), *last = tsunagu_session_table_id(spec, mine, T - 1);
    tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                      TR("%s is pinned to table \"%s\", but session %s has no such table (%s to %s)",
                         "%s の固定先「%s」はセッション %s にありません（%s〜%s）"),
                      a->name, table, spec->id, first, last);
    free(first);
    free(last);
    return 1;
}

int tsunagu_event_check_pin_tables(const tsunagu_event *e, const tsunagu_roster *r,
                                   tsunagu_diags *diags)
{
    int problems = 0;
    for (size_t i = 0; e && r && i < r->count; i++)
        for (int s = 0; s < e->n_sessions; s++) {
            const char *table = tsunagu_event_pin(e, s, &r->items[i]);
            if (table && *table)
                problems += check_one_pin(e, r, i, s, table, diags);
        }
    return problems;
}

/* "司会, 書記, 発表者": the roles of session s, for messages; caller frees. */
static char *role_list(const tsunagu_session_spec *spec)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    for (int k = 0; k < spec->n_roles; k++)
        strbuf_addf(&b, "%s%s", k ? ", " : "", tsunagu_role_label(&spec->roles[k]));
    return b.data;
}

/* What is wrong with a role column as such (no session, several, one
 * without roles), said once per column (seen marks them); 0 when it names
 * one session with roles. */
static int role_column_problem(const tsunagu_event *e, const tsunagu_roster *r, const tsunagu_attendee *a,
                               const tsunagu_seat_pin *p, strbuf *seen, tsunagu_diags *diags)
{
    int s = session_of(e, p);
    if (s >= 0 && e->sessions[s].n_roles > 0)
        return 0;
    strbuf mark = {0};
    strbuf_addf(&mark, "\n%s\n", p->column);
    bool told = strstr(seen->data, mark.data) != NULL;
    if (!told)
        strbuf_add(seen, mark.data + 1);
    free(mark.data);
    if (told)
        return 1;
    char *list = session_list(e);
    if (s >= 0)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                          TR("column \"%s\": session %s has no roles", "「%s」の列: セッション %s に役割はありません"),
                          p->column, e->sessions[s].id);
    else if (s == -2)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                          TR("column \"%s\": several sessions have roles (%s); name one with a column role_<session id>",
                             "「%s」の列: 役割のあるセッションが複数あります（%s）。role_<セッション番号> の列で指定してください"),
                          p->column, list);
    else if (p->session)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                          TR("column \"%s\" names a session \"%s\", but the event has no session of that id (sessions: %s)",
                             "「%s」の列はセッション「%s」の役割ですが、イベントにその id のセッションはありません（セッション: %s）"),
                          p->column, p->session, list);
    else
        tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                          TR("column \"%s\": no session of the event has roles (%s)",
                             "「%s」の列: イベントに役割のあるセッションがありません（%s）"),
                          p->column, list);
    free(list);
    return 1;
}

int tsunagu_event_check_roles(const tsunagu_event *e, const tsunagu_roster *r, tsunagu_diags *diags)
{
    int errors = 0;
    strbuf seen = {0};
    strbuf_add(&seen, "\n");
    for (size_t i = 0; e && r && i < r->count; i++) {
        const tsunagu_attendee *a = &r->items[i];
        if (!tsunagu_roster_seated(r, i)) /* organisers' own notes in 役割 (受付, ...) */
            continue;
        for (int k = 0; k < a->n_pins; k++) {
            const tsunagu_seat_pin *p = &a->pins[k];
            if (p->when != TSUNAGU_PIN_ROLE)
                continue;
            if (role_column_problem(e, r, a, p, &seen, diags) != 0) {
                errors++;
                continue;
            }
            const tsunagu_session_spec *spec = &e->sessions[session_of(e, p)];
            if (tsunagu_session_role_find(spec, p->table) >= 0)
                continue;
            char *roles = role_list(spec);
            tsunagu_diags_add(diags, TSUNAGU_ERROR, r->source, a->line,
                              TR("%s: \"%s\" is not a role of session %s (roles: %s)",
                                 "%s: 「%s」はセッション %s の役割ではありません（役割: %s）"),
                              a->name, p->table, spec->id, roles);
            free(roles);
            errors++;
        }
    }
    free(seen.data);
    return errors;
}
