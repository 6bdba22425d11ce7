/* programme.c - the groups' roles and the sharing session on paper: the
 * role beside a name on rosters and signs, the role column of the badge
 * list, and the MC's sheet (進行表) in HTML and text: each group's turn,
 * its presenter, a line to write the topic on, and the times. */
#include <stdlib.h>
#include <string.h>

#include "charts/chart_private.h"
#include "tsunagu/text.h"
#include "util/tr.h"

#define H(b, s) strbuf_add_html((b), (s))

char *chart_roles_of(const tsunagu_session_plan *sp, const tsunagu_table *tb, size_t member)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    for (int r = 0; tb->roles && r < sp->spec->n_roles; r++)
        if (tb->roles[r] == (long)member)
            strbuf_addf(&b, "%s%s", b.len ? TR(", ", "・") : "", tsunagu_role_label(&sp->spec->roles[r]));
    return b.data;
}

void chart_roles_html(strbuf *b, const tsunagu_session_plan *sp, const tsunagu_table *tb, size_t member)
{
    char *roles = chart_roles_of(sp, tb, member);
    if (*roles) {
        strbuf_add(b, " <span class=\"role\" style=\"font-weight:bold;border:1pt solid #000;"
                      "border-radius:1mm;padding:0 1mm;white-space:nowrap\">");
        H(b, roles);
        strbuf_add(b, "</span>");
    }
    free(roles);
}

void chart_sign_roles_html(strbuf *b, const tsunagu_plan *p, const tsunagu_session_plan *sp,
                           const tsunagu_table *tb)
{
    if (!tb->roles || sp->spec->n_roles == 0)
        return;
    strbuf_add(b, "<div class=\"roles\" style=\"font-size:18pt;margin-top:4mm\">");
    for (int r = 0; r < sp->spec->n_roles; r++) {
        strbuf_add(b, r ? "　" : "");
        H(b, tsunagu_role_label(&sp->spec->roles[r]));
        strbuf_add(b, " ");
        H(b, tb->roles[r] >= 0 ? p->roster->items[tb->roles[r]].name : "—");
    }
    strbuf_add(b, "</div>\n");
}

char *chart_attendee_roles(const tsunagu_plan *p, size_t ai)
{
    strbuf b = {0};
    strbuf_add(&b, "");
    int with_roles = 0;
    for (int s = 0; s < p->n_sessions; s++)
        with_roles += p->sessions[s].spec->n_roles > 0;
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        int t = sp->seat ? sp->seat[ai] : -1;
        char *roles = t >= 0 && t < sp->n_tables ? chart_roles_of(sp, &sp->tables[t], ai) : NULL;
        if (roles && *roles)
            strbuf_addf(&b, "%s%s%s%s", b.len ? "; " : "", with_roles > 1 ? sp->spec->id : "",
                        with_roles > 1 ? ": " : "", roles);
        free(roles);
    }
    return b.data;
}

/* The holder's id of role r of table t, "" for nobody. */
static const char *holder_id(const tsunagu_plan *p, const tsunagu_table *t, int r)
{
    long who = t->roles ? t->roles[r] : -1;
    return who >= 0 && p->roster && (size_t)who < p->roster->count ? p->roster->items[who].id : "";
}

bool chart_same_roles(const tsunagu_plan *pa, const tsunagu_session_plan *sa, const tsunagu_table *a,
                      const tsunagu_plan *pb, const tsunagu_session_plan *sb, const tsunagu_table *b)
{
    if (!sa->spec || !sb->spec || sa->spec->n_roles != sb->spec->n_roles)
        return false;
    for (int r = 0; r < sa->spec->n_roles; r++)
        if (strcmp(holder_id(pa, a, r), holder_id(pb, b, r)) != 0)
            return false;
    return true;
}

bool chart_same_attendee_roles(const tsunagu_plan *pa, size_t a, const tsunagu_plan *pb, size_t b)
{
    char *x = chart_attendee_roles(pa, a), *y = chart_attendee_roles(pb, b);
    bool same = strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}

/* ---- the MC's sheet ----------------------------------------------------- */

/* "Talks 4 min and questions 2 min each, tracks one after another." */
static void settings_text(strbuf *b, const tsunagu_session_spec *spec)
{
    const tsunagu_presentations *pr = &spec->presentations;
    strbuf_addf(b, TR("Talks %d min and questions %d min each, ", "発表 %d 分・質疑 %d 分ずつ、"),
                pr->minutes, pr->qa_minutes);
    strbuf_add(b, pr->order == TSUNAGU_ORDER_ALTERNATE ? TR("the tracks taking turns.", "トラックを交互に。")
                                                       : TR("one track after another.", "トラックごとに。"));
}

/* The presenter of a turn as printed: their name, or "" to write in. */
static const char *presenter_name(const tsunagu_plan *p, int s, const tsunagu_presentation *turn)
{
    long who = tsunagu_plan_presenter(p, s, turn);
    return who >= 0 ? p->roster->items[who].name : "";
}

static bool programme_wanted(const chart_ctx *c, int s)
{
    const tsunagu_presentations *pr = &c->plan->sessions[s].spec->presentations;
    return c->plan->sessions[s].spec->kind == TSUNAGU_SHARING && pr->of_session >= 0 &&
           (!c->opt->only_changed_since || c->session_changed[pr->of_session]);
}

static void programme_row_html(strbuf *b, const tsunagu_plan *p, int s, int k,
                               const tsunagu_presentation *turn)
{
    const tsunagu_session_plan *wg = &p->sessions[p->sessions[s].spec->presentations.of_session];
    char start[16], qa[16];
    tsunagu_clock_text(turn->start, start);
    tsunagu_clock_text(turn->qa, qa);
    char *label = chart_table_label(wg->spec, &wg->tables[turn->table]);
    strbuf_addf(b, "<tr style=\"height:12mm\"><td class=\"num\">%d</td><td class=\"seat\">%s</td><td>%s</td><td>",
                k + 1, start, qa);
    H(b, label);
    strbuf_add(b, "</td><td>");
    H(b, presenter_name(p, s, turn));
    strbuf_add(b, "</td><td></td></tr>\n");
    free(label);
}

static void programme_html(const chart_ctx *c, int s, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    int n = 0;
    tsunagu_presentation *turns = tsunagu_plan_presentations(p, s, &n);
    chart_html_open_section(c, b, "programme");
    char *times = tsunagu_session_times(spec, "–");
    strbuf_add(b, "<h2>");
    strbuf_add(b, TR("Running order: ", "進行表: "));
    H(b, spec->title);
    strbuf_add(b, " <small>");
    H(b, times);
    strbuf_add(b, "</small></h2>\n<p class=\"meta\">");
    strbuf settings = {0};
    settings_text(&settings, spec);
    H(b, settings.data);
    if (n > 0) {
        char end[16];
        tsunagu_clock_text(turns[n - 1].end, end);
        strbuf_addf(b, TR(" The last group ends at %s.", "最後のグループは %s に終わります。"), end);
        /* past the session's end: said on the MC's own sheet, not only in the report */
        int stop = -1, hh, mm;
        if (spec->end && sscanf(spec->end, "%d:%d", &hh, &mm) == 2)
            stop = hh * 60 + mm;
        if (stop >= 0 && turns[n - 1].end > stop)
            strbuf_addf(b, TR(" <strong class=\"bad\">⚠ %d minutes past the end (%s): shorten the talks or the questions.</strong>",
                              " <strong class=\"bad\">⚠ 終了時刻 %2$s を %1$d 分過ぎます。発表か質疑の時間を短くしてください。</strong>"),
                        turns[n - 1].end - stop, spec->end);
    }
    strbuf_addf(b, "</p>\n<table class=\"list fixed\"><thead><tr><th style=\"width:8mm\">%s</th>"
                   "<th style=\"width:15mm\">%s</th><th style=\"width:15mm\">%s</th>"
                   "<th style=\"width:45mm\">%s</th><th style=\"width:38mm\">%s</th><th>%s</th></tr></thead><tbody>\n",
                TR("#", "順"), TR("Starts", "開始"), TR("Questions", "質疑"), TR("Group", "グループ"),
                TR("Presenter", "発表者"), TR("Topic (write in)", "テーマ（記入）"));
    for (int k = 0; k < n; k++)
        programme_row_html(b, p, s, k, &turns[k]);
    strbuf_add(b, "</tbody></table>\n</section>\n");
    free(settings.data);
    free(times);
    free(turns);
}

void chart_render_programme_html(const chart_ctx *c, strbuf *b)
{
    for (int s = 0; s < c->plan->n_sessions; s++)
        if (programme_wanted(c, s))
            programme_html(c, s, b);
}

static void programme_text(const chart_ctx *c, int s, strbuf *out)
{
    const tsunagu_plan *p = c->plan;
    const tsunagu_session_spec *spec = p->sessions[s].spec;
    const tsunagu_session_plan *wg = &p->sessions[spec->presentations.of_session];
    int n = 0;
    tsunagu_presentation *turns = tsunagu_plan_presentations(p, s, &n);
    char *title = tsunagu_text_printable(spec->title);
    char *times = tsunagu_session_times(spec, "-");
    strbuf_addf(out, "== %s%s%s%s ==\n", TR("Running order: ", "進行表: "), title, *times ? "  " : "", times);
    settings_text(out, spec);
    strbuf_add(out, "\n\n");
    int width = 0, who_width = 10; /* the group and the presenter columns */
    for (int k = 0; k < n; k++) {
        char *label = chart_table_label(wg->spec, &wg->tables[turns[k].table]);
        int w = tsunagu_text_width(label), v = tsunagu_text_width(presenter_name(p, s, &turns[k]));
        width = w > width ? w : width;
        who_width = v > who_width ? v : who_width;
        free(label);
    }
    for (int k = 0; k < n; k++) {
        char start[16], qa[16];
        tsunagu_clock_text(turns[k].start, start);
        tsunagu_clock_text(turns[k].qa, qa);
        char *label = chart_table_label(wg->spec, &wg->tables[turns[k].table]);
        char *who = tsunagu_text_printable(presenter_name(p, s, &turns[k]));
        char *clean = tsunagu_text_printable(label);
        strbuf_addf(out, "  %2d  %5s  %s %5s  ", k + 1, start, TR("Q&A", "質疑"), qa);
        tsunagu_text_pad(&out->data, &out->len, &out->cap, clean, width);
        strbuf_addf(out, "  %s: ", TR("Presenter", "発表者"));
        tsunagu_text_pad(&out->data, &out->len, &out->cap, *who ? who : "__________", who_width);
        strbuf_addf(out, "  %s: ____________________\n", TR("Topic", "テーマ"));
        free(label);
        free(who);
        free(clean);
    }
    strbuf_add(out, "\n");
    free(title);
    free(times);
    free(turns);
}

void chart_render_programme_text(const chart_ctx *c, strbuf *out)
{
    for (int s = 0; s < c->plan->n_sessions; s++)
        if (programme_wanted(c, s))
            programme_text(c, s, out);
}
