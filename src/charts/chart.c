/* chart.c - chart dispatch and what the renderers share: the output
 * buffer, escaping, the reading order's headings, and the "changed since"
 * selection. */
#include "charts/chart_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "tsunagu/fileio.h"
#include "util/date.h"
#include "util/sort.h"
#include "util/tr.h"
#include "tsunagu/text.h"

void tsunagu_chart_options_init(tsunagu_chart_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->format = TSUNAGU_CHART_HTML;
    opt->encoding = TSUNAGU_ENC_UTF8_BOM;
}

int tsunagu_chart_format_parse(const char *s, tsunagu_chart_format *out)
{
    static const struct {
        const char *name;
        tsunagu_chart_format f;
    } names[] = {{"html", TSUNAGU_CHART_HTML}, {"text", TSUNAGU_CHART_TEXT},
                 {"txt", TSUNAGU_CHART_TEXT},  {"csv", TSUNAGU_CHART_CSV},
                 {"badges", TSUNAGU_CHART_BADGES}};
    for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(s, names[i].name) == 0) {
            *out = names[i].f;
            return 0;
        }
    return -1;
}

int tsunagu_chart_encoding_parse(const char *s, tsunagu_chart_encoding *out)
{
    static const char *utf8[] = {"utf-8", "utf8"};
    static const char *cp932[] = {"cp932", "sjis", "shift_jis", "windows-31j"};
    for (size_t i = 0; s && i < 2; i++)
        if (strcasecmp(s, utf8[i]) == 0) {
            *out = TSUNAGU_ENC_UTF8_BOM;
            return 0;
        }
    for (size_t i = 0; s && i < 4; i++)
        if (strcasecmp(s, cp932[i]) == 0) {
            *out = TSUNAGU_ENC_CP932;
            return 0;
        }
    return -1;
}

/* Walk s as UTF-8, calling emit for each character; invalid bytes and
 * control characters (other than tab) arrive as U+FFFD; bidirectional
 * controls are left out. */
static void each_char(const char *s, void (*emit)(strbuf *, int32_t, const char *, size_t),
                      strbuf *b)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            emit(b, 0xFFFD, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        bool control = (cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
        if (tsunagu_text_is_bidi_control(cp))
            ; /* dropped: no field may reorder its neighbours on paper */
        else if (control)
            emit(b, 0xFFFD, "\xEF\xBF\xBD", 3);
        else
            emit(b, cp, s + i, (size_t)k);
        i += (size_t)k;
    }
}

static void emit_html(strbuf *b, int32_t cp, const char *bytes, size_t n)
{
    switch (cp) {
    case '&': strbuf_add(b, "&amp;"); break;
    case '<': strbuf_add(b, "&lt;"); break;
    case '>': strbuf_add(b, "&gt;"); break;
    case '"': strbuf_add(b, "&quot;"); break;
    case '\'': strbuf_add(b, "&#39;"); break;
    default: strbuf_addn(b, bytes, n);
    }
}

void strbuf_add_html(strbuf *b, const char *s)
{
    if (s)
        each_char(s, emit_html, b);
}

/* ---- reading order ---------------------------------------------------- */

char *tsunagu_chart_reading_key(const char *s)
{
    char *key = tsunagu_text_key(s ? s : "");
    if (!key)
        return NULL;
    /* Katakana U+30A1..U+30F6 and the iteration marks ヽヾ sit 0x60 above
     * their hiragana; both are three UTF-8 bytes, so fold in place. */
    size_t len = strlen(key);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((utf8proc_uint8_t *)key + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        if ((cp >= 0x30A1 && cp <= 0x30F6) || cp == 0x30FD || cp == 0x30FE)
            utf8proc_encode_char(cp - 0x60, (utf8proc_uint8_t *)key + i);
        i += (size_t)k;
    }
    return key;
}

/* ---- what changed since an older plan ------------------------------- */

static const char *member_id(const tsunagu_plan *p, size_t m)
{
    return p->roster && m < p->roster->count ? p->roster->items[m].id : "";
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* True when the two tables seat the same set of attendee ids. */
static bool same_members(const tsunagu_plan *pa, const tsunagu_table *a, const tsunagu_plan *pb,
                         const tsunagu_table *b)
{
    if (a->n_members != b->n_members)
        return false;
    size_t n = a->n_members;
    const char **ia = malloc((n ? n : 1) * sizeof *ia);
    const char **ib = malloc((n ? n : 1) * sizeof *ib);
    if (!ia || !ib)
        abort();
    for (size_t i = 0; i < n; i++) {
        ia[i] = member_id(pa, a->members[i]);
        ib[i] = member_id(pb, b->members[i]);
    }
    qsort(ia, n, sizeof *ia, cmp_str);
    qsort(ib, n, sizeof *ib, cmp_str);
    bool same = true;
    for (size_t i = 0; i < n && same; i++)
        same = strcmp(ia[i], ib[i]) == 0;
    free(ia);
    free(ib);
    return same;
}

static const tsunagu_session_plan *find_session(const tsunagu_plan *p, const char *id)
{
    for (int s = 0; s < p->n_sessions; s++)
        if (p->sessions[s].spec && strcmp(p->sessions[s].spec->id, id) == 0)
            return &p->sessions[s];
    return NULL;
}

static const tsunagu_table *find_table(const tsunagu_session_plan *s, const char *id)
{
    for (int t = 0; s && t < s->n_tables; t++)
        if (strcmp(s->tables[t].id, id) == 0)
            return &s->tables[t];
    return NULL;
}

/* Table id of attendee a in session s, or NULL when not seated. */
static const char *seat_id(const tsunagu_session_plan *s, size_t a)
{
    if (!s || !s->seat)
        return NULL;
    int t = s->seat[a];
    return t >= 0 && t < s->n_tables ? s->tables[t].id : NULL;
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* True when attendee i of plan p has a seat in some session. */
static bool has_seat(const tsunagu_plan *p, size_t i)
{
    for (int s = 0; s < p->n_sessions; s++)
        if (p->sessions[s].seat && p->sessions[s].seat[i] >= 0)
            return true;
    return false;
}

/* Who had a seat in the old plan and has none now, in reading order. */
static void find_gone(chart_ctx *c)
{
    const tsunagu_plan *old = c->opt->only_changed_since, *now = c->plan;
    size_t n = old && old->roster ? old->roster->count : 0;
    size_t *order = tsunagu_attendees_reading_order(n ? old->roster->items : NULL, n);
    c->gone = malloc((n ? n : 1) * sizeof *c->gone);
    if (!c->gone)
        abort();
    for (size_t i = 0; i < n; i++) {
        size_t oi = order[i];
        long ni = tsunagu_roster_find(now->roster, old->roster->items[oi].id);
        if (has_seat(old, oi) && (ni < 0 || !has_seat(now, (size_t)ni)))
            c->gone[c->n_gone++] = oi;
    }
    free(order);
}

char *chart_gone_seat(const chart_ctx *c, size_t k, int s)
{
    const tsunagu_plan *old = c->opt->only_changed_since;
    const tsunagu_session_spec *spec = c->plan->sessions[s].spec;
    const tsunagu_session_plan *os = spec ? find_session(old, spec->id) : NULL;
    const char *id = seat_id(os, c->gone[k]);
    if (id && chart_round_count(os) > 1) /* every round's seat they had */
        return chart_itinerary_full(os, c->gone[k], TR(" → ", "→"));
    return id ? chart_seat_name(os->spec, find_table(os, id)) : NULL;
}

bool chart_gone_cancelled(const chart_ctx *c, size_t k)
{
    const char *id = c->opt->only_changed_since->roster->items[c->gone[k]].id;
    for (size_t q = 0; q < c->plan->n_cancelled; q++)
        if (c->plan->cancelled[q].id && strcmp(c->plan->cancelled[q].id, id) == 0)
            return true;
    return false;
}

/* What changed in session s against the older plan (everything without
 * one): per table, its members in any round or its role holders; per
 * round, whether any of its tables changed; the signs, when a table is
 * new or its place or role holders differ. */
static void mark_session(chart_ctx *c, int s)
{
    const tsunagu_plan *plan = c->plan, *old = c->opt->only_changed_since;
    const tsunagu_session_plan *sp = &plan->sessions[s];
    size_t nt = sp->n_tables ? (size_t)sp->n_tables : 1;
    int rounds = chart_round_count(sp);
    c->table_changed[s] = calloc(nt, sizeof(bool));
    c->sign_changed[s] = calloc(nt, sizeof(bool));
    c->round_changed[s] = calloc((size_t)rounds, sizeof(bool));
    if (!c->table_changed[s] || !c->sign_changed[s] || !c->round_changed[s])
        abort();
    const tsunagu_session_plan *os = old && sp->spec ? find_session(old, sp->spec->id) : NULL;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *ot = find_table(os, sp->tables[t].id);
        /* a roster or sign names the group's role holders */
        bool roles = ot && chart_same_roles(plan, sp, &sp->tables[t], old, os, ot);
        for (int r = 0; r < rounds; r++) {
            const tsunagu_session_plan *rp = chart_round(sp, r);
            if (t >= rp->n_tables) /* plans are read with the same tables in every round */
                continue;
            const tsunagu_table *rt = find_table(os ? chart_round(os, r) : NULL, rp->tables[t].id);
            bool changed = !old || !rt || !same_members(plan, &rp->tables[t], old, rt) ||
                           (r == 0 && !roles);
            c->round_changed[s][r] |= changed;
            c->table_changed[s][t] |= changed;
        }
        c->session_changed[s] |= c->table_changed[s][t];
        c->sign_changed[s][t] = !old || !ot;
        if (ot) {
            char *now = chart_table_place(plan, sp, &sp->tables[t]);
            char *before = chart_table_place(old, os, ot);
            c->sign_changed[s][t] = strcmp(now, before) != 0 || !roles;
            free(now);
            free(before);
        }
    }
}

chart_ctx *chart_ctx_new(const tsunagu_plan *plan, const tsunagu_chart_options *opt)
{
    chart_ctx *c = calloc(1, sizeof *c);
    int ns = plan->n_sessions;
    size_t na = plan->roster ? plan->roster->count : 0;
    if (!c)
        abort();
    c->plan = plan;
    c->opt = opt;
    c->table_changed = calloc(ns ? (size_t)ns : 1, sizeof *c->table_changed);
    c->sign_changed = calloc(ns ? (size_t)ns : 1, sizeof *c->sign_changed);
    c->session_changed = calloc(ns ? (size_t)ns : 1, sizeof *c->session_changed);
    c->round_changed = calloc(ns ? (size_t)ns : 1, sizeof *c->round_changed);
    c->attendee_changed = calloc(na ? na : 1, sizeof *c->attendee_changed);
    if (!c->table_changed || !c->sign_changed || !c->session_changed || !c->round_changed ||
        !c->attendee_changed)
        abort();
    const tsunagu_plan *old = opt->only_changed_since;
    for (int s = 0; s < ns; s++)
        mark_session(c, s);
    for (size_t a = 0; a < na; a++) {
        if (!old) {
            c->attendee_changed[a] = true;
            continue;
        }
        long oa = tsunagu_roster_find(old->roster, plan->roster->items[a].id);
        for (int s = 0; s < ns && !c->attendee_changed[a]; s++) {
            const tsunagu_session_plan *sp = &plan->sessions[s];
            const tsunagu_session_plan *os = sp->spec ? find_session(old, sp->spec->id) : NULL;
            int rounds = chart_round_count(sp), old_rounds = chart_round_count(os);
            /* every round's seat is on the badge and the list */
            for (int r = 0; r < (rounds > old_rounds ? rounds : old_rounds); r++)
                c->attendee_changed[a] |=
                    oa < 0 || !same_str(seat_id(chart_round(sp, r), a),
                                        seat_id(os ? chart_round(os, r) : NULL, (size_t)oa));
        }
        if (oa >= 0 && !c->attendee_changed[a]) /* the badge names their role */
            c->attendee_changed[a] = !chart_same_attendee_roles(plan, a, old, (size_t)oa);
    }
    find_gone(c);
    c->reading_order =
        tsunagu_attendees_reading_order(plan->roster ? plan->roster->items : NULL, na);
    c->reading_rank = malloc((na ? na : 1) * sizeof *c->reading_rank);
    if (!c->reading_rank)
        abort();
    for (size_t i = 0; i < na; i++)
        c->reading_rank[c->reading_order[i]] = i;
    return c;
}

void chart_ctx_free(chart_ctx *c)
{
    if (!c)
        return;
    for (int s = 0; s < c->plan->n_sessions; s++) {
        free(c->table_changed[s]);
        free(c->sign_changed[s]);
        free(c->round_changed[s]);
    }
    free(c->round_changed);
    free(c->table_changed);
    free(c->sign_changed);
    free(c->session_changed);
    free(c->attendee_changed);
    free(c->gone);
    free(c->reading_order);
    free(c->reading_rank);
    free(c);
}

size_t *chart_members_by_reading(const chart_ctx *c, const tsunagu_table *t)
{
    size_t n = t->n_members;
    size_t *m = malloc((n ? n : 1) * sizeof *m);
    if (!m)
        abort();
    memcpy(m, t->members, n * sizeof *m);
    sort_indices_by_rank(m, n, c->reading_rank);
    return m;
}

/* ---- labels ------------------------------------------------------------ */

const char *chart_track_label(const tsunagu_session_spec *spec, const char *track)
{
    if (!track)
        return "";
    for (int i = 0; spec && i < spec->n_tracks; i++)
        if (strcmp(spec->tracks[i].id, track) == 0)
            return tsunagu_track_label(&spec->tracks[i]);
    return track;
}

char *chart_table_place(const tsunagu_plan *plan, const tsunagu_session_plan *s,
                        const tsunagu_table *t)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    if (t->track) {
        strbuf_add(&b, chart_track_label(s->spec, t->track));
        return b.data;
    }
    for (int i = 0; i < t->n_regions; i++) {
        if (i)
            strbuf_add(&b, TR(" / ", "・"));
        strbuf_add(&b, tsunagu_regions_label(plan->regions, t->regions[i]));
    }
    return b.data;
}

/* 0-based index of a table from its id: "3" -> 2, "MSW-B" -> 1, "CSS-AA"
 * -> 26 (the letters of tsunagu_group_letter); -1 when the id has another form. */
static int table_index(const tsunagu_table *t)
{
    if (!t->track) {
        char *end;
        long n = strtol(t->id, &end, 10);
        return *t->id && !*end && n >= 1 && n <= 100000 ? (int)n - 1 : -1;
    }
    const char *dash = strrchr(t->id, '-');
    if (!dash || !dash[1] || strlen(dash + 1) > 4)
        return -1;
    int n = 0;
    for (const char *p = dash + 1; *p; p++) {
        if (*p < 'A' || *p > 'Z')
            return -1;
        n = n * 26 + (*p - 'A' + 1);
    }
    return n - 1;
}

char *chart_table_label(const tsunagu_session_spec *spec, const tsunagu_table *t)
{
    /* Rebuilt rather than copied: the plan's label is in the language of
     * the solve, the chart in the language asked for now. */
    int index = table_index(t);
    if (spec && index >= 0)
        return tsunagu_session_table_label(spec, chart_track_label(spec, t->track), index);
    return tsunagu_strdup(t->label && *t->label ? t->label : t->id);
}

/* Trim ASCII and ideographic spaces from both ends of s, in place. */
static char *trim_spaces(char *s)
{
    char *a = s;
    for (;;) {
        if (*a == ' ')
            a++;
        else if (strncmp(a, "\xE3\x80\x80", 3) == 0)
            a += 3;
        else
            break;
    }
    size_t n = strlen(a);
    for (;;) {
        if (n > 0 && a[n - 1] == ' ')
            n--;
        else if (n >= 3 && strncmp(a + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    memmove(s, a, n);
    s[n] = '\0';
    return s;
}

void chart_label_parts(const tsunagu_session_spec *spec, const tsunagu_table *t, char **head,
                       char **tail)
{
    int index = table_index(t);
    if (!t->track || !spec || index < 0) { /* a table, or a group id of another form */
        *head = tsunagu_strdup("");
        *tail = chart_table_label(spec, t);
        return;
    }
    /* The pattern's first %s is the track's label (event.c checks it), so
     * a mark in its place shows where the label ends. */
    char *marked = tsunagu_session_table_label(spec, "\x1f", index);
    char *mark = strchr(marked, '\x1f');
    strbuf h = {0};
    strbuf_add(&h, "");
    if (mark) {
        strbuf_addn(&h, marked, (size_t)(mark - marked));
        strbuf_add(&h, chart_track_label(spec, t->track));
    }
    *head = trim_spaces(h.data);
    *tail = trim_spaces(tsunagu_strdup(mark ? mark + 1 : marked));
    free(marked);
}

char *chart_seat_name(const tsunagu_session_spec *spec, const tsunagu_table *t)
{
    return t->track ? chart_table_label(spec, t) : tsunagu_strdup(t->id);
}

char *chart_seat_name_by_id(const tsunagu_plan *plan, const char *session, const char *id)
{
    const tsunagu_session_plan *sp = session ? find_session(plan, session) : NULL;
    const tsunagu_table *t = id ? find_table(sp, id) : NULL;
    return t ? chart_seat_name(sp->spec, t) : tsunagu_strdup(id ? id : "");
}

char *chart_profession_counts(const tsunagu_plan *plan, const tsunagu_table *t)
{
    size_t count[TSUNAGU_MAX_PROFESSIONS] = {0};
    for (size_t m = 0; m < t->n_members; m++)
        count[plan->roster->items[t->members[m]].profession]++;
    strbuf b = {0};
    strbuf_add(&b, "");
    for (int p = 0; p < tsunagu_professions_count(plan->roster->professions); p++) {
        if (!count[p])
            continue;
        strbuf_addf(&b, "%s%s %zu", b.len ? TR(", ", "、") : "",
                       chart_profession_short(plan, (tsunagu_profession)p), count[p]);
    }
    size_t newcomers = chart_newcomer_count(plan, t);
    if (newcomers)
        strbuf_addf(&b, TR(" (%zu in all, %zu new)", "（計 %zu 人、うち これから %zu 人）"),
                       t->n_members, newcomers);
    else
        strbuf_addf(&b, TR(" (%zu in all)", "（計 %zu 人）"), t->n_members);
    return b.data;
}

const char *chart_newcomer_mark(const tsunagu_attendee *a)
{
    return a->experience == TSUNAGU_PLANNING ? TR("new", "これから") : "";
}

const char *chart_newcomer_legend(void)
{
    return TR(": about to start (experience \"planning\" in the list); no mark: experienced.",
              ": これから始める人（参加者名簿の経験が「これから」）。印のない人は経験あり。");
}

size_t chart_newcomer_count(const tsunagu_plan *plan, const tsunagu_table *t)
{
    size_t n = 0;
    for (size_t m = 0; m < t->n_members; m++)
        n += *chart_newcomer_mark(&plan->roster->items[t->members[m]]) != '\0';
    return n;
}

const char *chart_profession_short(const tsunagu_plan *plan, tsunagu_profession p)
{
    return tsunagu_professions_short(plan->roster->professions, p);
}

const char *chart_unit_word(const tsunagu_session_spec *spec)
{
    return spec && spec->kind == TSUNAGU_WORKGROUP ? TR("Group", "グループ")
                                                    : TR("Table", "テーブル");
}

char *chart_event_date(const tsunagu_event *e)
{
    if (!e || !e->date)
        return tsunagu_strdup("");
    char *paper = date_for_paper(e->date);
    return paper ? paper : tsunagu_strdup(e->date);
}

const char *chart_profession_mark(const tsunagu_plan *plan, tsunagu_profession p)
{
    return tsunagu_professions_mark(plan->roster->professions, p);
}

/* ---- dispatch ---------------------------------------------------------- */

char *tsunagu_chart_render(const tsunagu_plan *plan, const tsunagu_chart_options *opt,
                           size_t *len, tsunagu_diags *diags)
{
    tsunagu_chart_options defaults;
    if (!opt) {
        tsunagu_chart_options_init(&defaults);
        opt = &defaults;
    }
    chart_ctx *c = chart_ctx_new(plan, opt);
    strbuf out = {0};
    strbuf_add(&out, "");
    int rc = 0;
    switch (opt->format) {
    case TSUNAGU_CHART_HTML: chart_render_html(c, &out); break;
    case TSUNAGU_CHART_TEXT: chart_render_text(c, &out); break;
    case TSUNAGU_CHART_CSV: rc = chart_render_csv(c, &out, diags); break;
    case TSUNAGU_CHART_BADGES: rc = chart_render_badges(c, &out, diags); break;
    default: break;
    }
    chart_ctx_free(c);
    if (rc != 0) {
        free(out.data);
        return NULL;
    }
    if (len)
        *len = out.len;
    return out.data;
}

int tsunagu_chart_write(const tsunagu_plan *plan, const tsunagu_chart_options *opt,
                        const char *path, tsunagu_diags *diags)
{
    size_t len = 0;
    char *data = tsunagu_chart_render(plan, opt, &len, diags);
    if (!data)
        return -1;
    int rc = tsunagu_file_write_atomic(path, data, len, diags);
    free(data);
    return rc;
}
