/* html.c - the day's paperwork as one self-contained HTML file for A4.
 *
 * Sections, each starting a new page: room map per session (landscape,
 * SVG; per round of a session with rounds), facilitators' rosters (every
 * round of a table together), reception list in あいうえお order (an
 * itinerary 3→7→1 for a session with rounds), one sign per table
 * (landscape), the regional directory (opt-in) and the plan report.  Nothing is fetched: CSS and SVG are inline, fonts are named by
 * family so the printer's Japanese font is used.  Every attendee-supplied
 * string goes through strbuf_add_html. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charts/chart_private.h"
#include "rules/rules_private.h"
#include "tsunagu/fileio.h"
#include "util/tr.h"
#include "tsunagu/text.h"

#define H(b, s) strbuf_add_html((b), (s))
#define PI 3.14159265358979323846

static const char css[] =
    "@page{size:A4;margin:12mm}\n"
    "@page landscape{size:A4 landscape;margin:8mm}\n"
    "html{font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",\"Meiryo\",sans-serif;"
    "font-size:10pt;color:#000;background:#fff}\n"
    "body{margin:0}\n"
    "section{break-before:page}\n"
    "section.first{break-before:auto}\n"
    "h1{font-size:16pt;margin:0 0 2mm}\n"
    "h2{font-size:14pt;margin:0 0 3mm;border-bottom:1.5pt solid #000;padding-bottom:1mm}\n"
    "h3{font-size:12pt;margin:4mm 0 1mm}\n"
    ".meta{color:#333;margin:0 0 3mm}\n"
    ".note{color:#333;font-size:9pt}\n"
    "table.list{width:100%;border-collapse:collapse;margin:1mm 0 3mm}\n"
    "table.list th,table.list td{border-bottom:.5pt solid #888;padding:.8mm 1.5mm;"
    "text-align:left;vertical-align:top;white-space:nowrap}\n"
    "table.list td.wrap{white-space:normal;overflow-wrap:anywhere}\n"
    /* a roster's profession and region may break between words, never
     * inside one (English regions are long); names and readings never */
    "table.list td.words{white-space:normal;word-break:keep-all}\n"
    "table.fixed{table-layout:fixed}\n"
    "table.fixed td{white-space:normal}\n"
    "table.list th{background:#e8e8e8;border-bottom:1pt solid #000}\n"
    "table.list td.num{text-align:right;white-space:nowrap}\n"
    "table.list td.seat{font-weight:bold;white-space:nowrap}\n"
    "thead{display:table-header-group}\n"
    "tr{break-inside:avoid}\n"
    ".roster{break-inside:avoid;margin-bottom:5mm}\n"
    ".roster.flow{break-inside:auto}\n"
    ".counts{font-size:9pt;color:#333;margin:0 0 1mm}\n"
    "span.new{display:inline-block;border:1pt solid #000;border-radius:1mm;padding:0 1mm;"
    "font-size:8.5pt;font-weight:bold;line-height:1.3;white-space:nowrap}\n"
    ".sheet .roster{break-inside:auto}\n" /* a sheet is a page of its own already */
    ".sheet h3{font-size:20pt;margin:3mm 0 2mm}\n"
    ".sheet .counts{font-size:11pt}\n"
    ".sheet table.list{font-size:12pt}\n"
    ".sheet table.list th,.sheet table.list td{padding:2mm 1.5mm}\n"
    ".sheet span.new{font-size:10.5pt}\n"
    "table.reception{font-size:9pt}\n"
    "table.reception td{padding:.4mm 1.5mm;vertical-align:middle}\n"
    "table.reception td.big{font-size:15pt;line-height:1.1;text-align:center}\n"
    "table.reception th.seat{text-align:center}\n"
    "table.reception small.track{display:block;font-size:7pt;line-height:1.15;white-space:nowrap}\n"
    "table.reception small.track span{display:inline-block;white-space:nowrap}\n"
    "table.reception th.tick,table.reception td.tick{width:6mm;text-align:center}\n"
    "span.box{display:inline-block;width:4.5mm;height:4.5mm;border:1pt solid #000;"
    "vertical-align:middle}\n"
    "table.reception tr.row-head th{background:#fff;border-bottom:1pt solid #000;"
    "font-size:11pt;padding-top:2mm}\n"
    ".map{page:landscape}\n"
    ".map h2{font-size:13pt;margin-bottom:1mm}\n"
    ".map svg{display:block;margin:0 auto}\n"
    ".map .table{fill:#fff;stroke:#000;stroke-width:2}\n"
    ".map .tid{font-weight:bold}\n"
    ".mark{stroke:#000;stroke-width:.6}\n"
    ".legend{font-size:9pt}\n"
    ".legend span.m{display:inline-block;width:4.2mm;height:4.2mm;border-radius:50%;color:#fff;"
    "text-align:center;line-height:4.2mm;font-size:7pt;font-weight:bold;margin:0 1mm 0 3mm;"
    "print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
    ".map svg,.mark{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
    ".sign{page:landscape;height:186mm;display:flex;flex-direction:column;"
    "justify-content:center;align-items:center;text-align:center;overflow:hidden}\n"
    ".sign .kind{line-height:1.2;white-space:nowrap}\n"
    ".sign .kind.track{font-weight:bold}\n"
    ".sign .num{font-weight:bold;line-height:1.2;white-space:nowrap}\n"
    ".sign .place{font-weight:bold;line-height:1.2;white-space:nowrap}\n"
    ".sign .foot{font-size:11pt;color:#444;margin-top:6mm}\n"
    ".good{color:#075}.bad{color:#b00;font-weight:bold}.so{color:#a60}\n"
    "@media screen{body{max-width:277mm;margin:8mm auto}section{border-top:2px dashed #aaa;"
    "padding-top:6mm;margin-top:6mm}}\n";

/* What only a plan with a session of several rounds needs (so that the
 * pages of other plans keep their bytes): the round's box in a map's
 * heading, the rounds of a roster, the itineraries' small arrows. */
static const char css_rounds[] =
    ".map h2 .round{display:inline-block;border:1.5pt solid #000;border-radius:1.5mm;"
    "padding:0 2mm;margin-right:1mm}\n"
    "h4{font-size:11pt;margin:2mm 0 .5mm}\n"
    "h4 .counts{font-weight:normal;margin-left:2mm}\n"
    ".roster.round{margin-bottom:2mm}\n"
    "table.list th.next,table.list td.next{text-align:center;font-weight:bold;"
    "border-left:.5pt solid #888}\n"
    "span.to{font-size:.6em;font-weight:normal;margin:0 .2em;vertical-align:.2em}\n"
    "table.reception td.route{white-space:nowrap}\n"
    /* the report's measure of pairs meeting again has a long name */
    ".report table.list:first-of-type td:first-child{white-space:normal}\n"
    /* a table's sheet holds all its rounds: smaller than a sheet of one
     * round, still larger than the overview; a page breaks between rounds */
    ".sheet.rounds .roster.round{break-inside:avoid}\n"
    ".sheet.rounds h3{font-size:18pt;margin:1mm 0 0}\n"
    ".sheet.rounds h4{font-size:12.5pt;margin:2mm 0 .5mm}\n"
    ".sheet.rounds h4 .counts{font-size:10pt}\n"
    ".sheet.rounds table.list{font-size:10pt;line-height:1.25;margin-bottom:1mm}\n"
    ".sheet.rounds table.list th,.sheet.rounds table.list td{padding:.6mm 1.5mm}\n";

static bool plan_has_rounds(const tsunagu_plan *p)
{
    for (int s = 0; s < p->n_sessions; s++)
        if (chart_round_count(&p->sessions[s]) > 1)
            return true;
    return false;
}

/* ---- small helpers --------------------------------------------------- */

void chart_html_profession_css(const chart_ctx *c, strbuf *b)
{
    /* each profession's colour, from the event's table (the marks and the legend) */
    const tsunagu_professions *pt = c->plan->roster ? c->plan->roster->professions : NULL;
    for (int pr = 0; pr < tsunagu_professions_count(pt); pr++) {
        const char *colour = tsunagu_professions_colour(pt, pr);
        strbuf_addf(b, ".p%d{fill:%s;background:%s}", pr, colour, colour);
    }
    strbuf_add(b, "\n");
}

/* Estimated width in em of s: full-width characters 1 em, the rest 0.6. */
double chart_text_em(const char *s)
{
    double em = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            em += 0.6;
            continue;
        }
        i += (size_t)k;
        /* Capitals are wider than the average Latin letter (bold M, W ~0.85). */
        em += utf8proc_charwidth(cp) >= 2 ? 1.0 : (cp >= 'A' && cp <= 'Z') ? 0.8 : 0.6;
    }
    return em;
}

static const tsunagu_attendee *member(const tsunagu_plan *p, const tsunagu_table *t, size_t m)
{
    return &p->roster->items[t->members[m]];
}

const char *chart_region_label(const tsunagu_plan *p, int region)
{
    return region >= 0 && region < tsunagu_regions_count(p->regions)
               ? tsunagu_regions_label(p->regions, region)
               : "";
}

void chart_html_session_heading(strbuf *b, const tsunagu_session_spec *spec)
{
    H(b, spec ? spec->title : "");
    if (spec && spec->start && *spec->start) {
        strbuf_add(b, " <small>");
        H(b, spec->start);
        strbuf_add(b, "–");
        H(b, spec->end ? spec->end : "");
        strbuf_add(b, "</small>");
    }
}

/* Open a page-starting section; the first one carries the event's title
 * so that no page holds the title alone. */
void chart_html_open_section(const chart_ctx *c, strbuf *b, const char *cls)
{
    bool first = strstr(b->data, "<section") == NULL;
    strbuf_addf(b, "<section class=\"%s%s\">\n", cls, first ? " first" : "");
    const tsunagu_event *e = c->plan->event;
    if (!first || !e)
        return;
    strbuf_add(b, "<header><h1>");
    H(b, e->title);
    strbuf_add(b, "</h1><p class=\"meta\">");
    char *date = chart_event_date(e);
    H(b, date);
    if (*date && e->venue && *e->venue)
        strbuf_add(b, "　");
    free(date);
    H(b, e->venue);
    strbuf_add(b, "</p></header>\n");
}

/* ---- 2. facilitators' rosters ---------------------------------------- */

/* The newcomers' legend, when table t of session s (t < 0: any table of
 * it to be printed) has one in any round. */
static void roster_legend(const chart_ctx *c, int s, int t, strbuf *b)
{
    const tsunagu_session_plan *sp = &c->plan->sessions[s];
    bool any = false;
    for (int k = t < 0 ? 0 : t; k < (t < 0 ? sp->n_tables : t + 1) && !any; k++)
        for (int r = 0; r < chart_round_count(sp) && !any; r++)
            any = c->table_changed[s][k] &&
                  chart_newcomer_count(c->plan, &chart_round(sp, r)->tables[k]) > 0;
    if (!any)
        return;
    strbuf_add(b, "<p class=\"note\"><span class=\"new\">");
    H(b, TR("new", "これから"));
    strbuf_add(b, "</span>");
    H(b, chart_newcomer_legend());
    strbuf_add(b, "</p>\n");
}

static void roster_heading(const chart_ctx *c, int s, strbuf *b)
{
    strbuf_add(b, "<h2>");
    strbuf_add(b, TR("Facilitators' rosters: ", "進行役用名簿: "));
    chart_html_session_heading(b, c->plan->sessions[s].spec);
    strbuf_add(b, "</h2>\n");
}

/* The heading of table tb's roster: its label and place. */
static void roster_title(const chart_ctx *c, const tsunagu_session_plan *sp,
                         const tsunagu_table *tb, strbuf *b)
{
    char *label = chart_table_label(sp->spec, tb);
    /* A group's label already names its track. */
    char *place = tb->track ? tsunagu_strdup("") : chart_table_place(c->plan, sp, tb);
    strbuf_add(b, "<h3>");
    H(b, label);
    if (*place) {
        strbuf_add(b, "　");
        H(b, place);
    }
    strbuf_add(b, "</h3>");
    free(label);
    free(place);
}

/* The members of tb (in round `round` of session sp; sp itself for a
 * session of one round): counts, then a row each in reading order; in a
 * round before the last a column says where each goes next. */
static void roster_members(const chart_ctx *c, const tsunagu_session_plan *sp, int round,
                           const tsunagu_table *tb, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    const tsunagu_session_plan *rp = chart_round(sp, round);
    int rounds = chart_round_count(sp);
    bool next = round + 1 < rounds;
    char *counts = chart_profession_counts(p, tb);
    if (rounds > 1) { /* the round's name and times, its counts beside them */
        char *heading = chart_round_heading(sp, round, "–");
        strbuf_add(b, "<h4>");
        H(b, heading);
        strbuf_add(b, " <span class=\"counts\">");
        H(b, counts);
        strbuf_add(b, "</span></h4>\n");
        free(heading);
    } else {
        strbuf_add(b, "<p class=\"counts\">");
        H(b, counts);
        strbuf_add(b, "</p>\n");
    }
    strbuf_addf(b, "<table class=\"list\"><thead><tr><th>#</th><th>%s</th>"
                      "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
                   TR("Name", "氏名"), TR("Reading", "ふりがな"), TR("Profession", "職種"),
                   TR("Experience", "経験"), TR("Organisation", "所属"), TR("Region", "地域"));
    if (next)
        strbuf_addf(b, "<th class=\"next\">%s</th>", TR("Next", "次"));
    strbuf_add(b, "</tr></thead><tbody>\n");
    size_t *members = chart_members_by_reading(c, tb);
    for (size_t m = 0; m < tb->n_members; m++) {
        const tsunagu_attendee *a = &p->roster->items[members[m]];
        strbuf_addf(b, "<tr><td class=\"num\">%zu</td><td>", m + 1);
        H(b, a->name);
        chart_roles_html(b, rp, tb, members[m]);
        strbuf_add(b, "</td><td>");
        H(b, a->kana);
        strbuf_add(b, "</td><td class=\"words\">");
        H(b, chart_profession_short(p, a->profession));
        strbuf_add(b, "</td><td>");
        if (*chart_newcomer_mark(a)) {
            strbuf_add(b, "<span class=\"new\">");
            H(b, chart_newcomer_mark(a));
            strbuf_add(b, "</span>");
        }
        strbuf_add(b, "</td><td class=\"wrap\">");
        H(b, a->organization);
        strbuf_add(b, "</td><td class=\"words\">");
        H(b, chart_region_label(p, a->region));
        if (next) {
            char *to = chart_round_stop(sp->spec, chart_round_table(sp, round + 1, members[m]));
            strbuf_add(b, "</td><td class=\"next\">");
            H(b, to);
            free(to);
        }
        strbuf_add(b, "</td></tr>\n");
    }
    strbuf_add(b, "</tbody></table>");
    free(members);
    free(counts);
}

/* One table's roster: label and place, counts, members in reading order;
 * a session with rounds: the table's members of every round, each under
 * the round's name and times. */
static void roster_table(const chart_ctx *c, const tsunagu_session_plan *sp, int t, strbuf *b)
{
    int rounds = chart_round_count(sp);
    if (rounds == 1) {
        strbuf_add(b, "<div class=\"roster\">");
        roster_title(c, sp, &sp->tables[t], b);
        roster_members(c, sp, 0, &sp->tables[t], b);
        strbuf_add(b, "</div>\n");
        return;
    }
    for (int r = 0; r < rounds; r++) {
        /* the table's name with its first round, so it never ends a page */
        strbuf_add(b, "<div class=\"roster round\">");
        if (r == 0)
            roster_title(c, sp, &sp->tables[t], b);
        roster_members(c, sp, r, &chart_round(sp, r)->tables[t], b);
        strbuf_add(b, "</div>\n");
    }
}

/* Per session one section of rosters, or with roster_per_page one sheet
 * per table, each with its session and the legend, to hand to its
 * facilitator. */
static void render_rosters(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    bool sheets = c->opt->roster_per_page;
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        if (!c->session_changed[s])
            continue;
        if (!sheets) {
            chart_html_open_section(c, b, "rosters");
            roster_heading(c, s, b);
            roster_legend(c, s, -1, b);
        }
        for (int t = 0; t < sp->n_tables; t++) {
            if (!c->table_changed[s][t])
                continue;
            if (sheets) {
                chart_html_open_section(c, b, chart_round_count(sp) > 1 ? "rosters sheet rounds"
                                                                         : "rosters sheet");
                roster_heading(c, s, b);
            }
            roster_table(c, sp, t, b);
            if (sheets) {
                roster_legend(c, s, t, b);
                strbuf_add(b, "</section>\n");
            }
        }
        if (!sheets)
            strbuf_add(b, "</section>\n");
    }
}

/* ---- 3. reception list ----------------------------------------------- */

/* Heading of the あいうえお row a reading key (tsunagu_chart_reading_key)
 * starts in: "あ", "か", ... by the plain letter, as the reading order
 * sorts (ゔ under あ, small ゕ under か, ヷ under わ); "A–Z" for Latin
 * readings, "他" for the rest. */
static const char *kana_row(const char *key)
{
    static const struct {
        int32_t last;
        const char *head;
    } rows[] = {{0x304A, "あ"}, {0x3054, "か"}, {0x305E, "さ"}, {0x3069, "た"},
                {0x306E, "な"}, {0x307D, "は"}, {0x3082, "ま"}, {0x3088, "や"},
                {0x308D, "ら"}, {0x3093, "わ"}};
    utf8proc_int32_t cp = -1;
    if (*key)
        utf8proc_iterate((const utf8proc_uint8_t *)key, -1, &cp);
    if (cp >= 0 && cp < 0x80)
        return "A–Z";
    if (cp == 0x3094) /* ゔ */
        return "あ";
    if (cp == 0x3095 || cp == 0x3096) /* ゕ ゖ */
        return "か";
    if (cp >= 0x30F7 && cp <= 0x30FA) /* ヷ ヸ ヹ ヺ: no hiragana to fold to */
        return "わ";
    if (cp >= 0x3041 && cp <= 0x3093)
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
            if (cp <= rows[i].last)
                return rows[i].head;
    return TR("Other", "他");
}

/* A seat in large type: a table's number; a group's label with its
 * track's part small above its own name (相談支援専門員・センター /
 * グループD), so the large part stays short enough to read out. */
static void seat_cell(const tsunagu_session_plan *sp, const tsunagu_table *t, strbuf *b)
{
    char *head, *tail;
    chart_label_parts(sp->spec, t, &head, &tail);
    if (!t->track) {
        H(b, t->id);
    } else {
        if (*head) { /* broken after a "・" only, never inside a word */
            strbuf_add(b, "<small class=\"track\"><span>");
            for (const char *at = head, *dot; *at; at = dot) {
                dot = strstr(at, "・");
                dot = dot ? dot + strlen("・") : at + strlen(at);
                char *piece = str_ndup(at, (size_t)(dot - at));
                H(b, piece);
                free(piece);
                if (*dot)
                    strbuf_add(b, "</span><span>");
            }
            strbuf_add(b, "</span></small>");
        }
        H(b, tail);
    }
    free(head);
    free(tail);
}

/* A session with rounds: attendee ai's itinerary in one cell, 3 → 7 → 1,
 * in the large type of a seat while it is at most ROUTE_PT wide, smaller
 * down to 10 pt, then broken after an arrow; a group's track small above
 * once, as in seat_cell. */
#define ROUTE_PT 113.0 /* 40 mm */
static void route_cell(const tsunagu_session_plan *sp, size_t ai, strbuf *b)
{
    int rounds = chart_round_count(sp);
    double em = (rounds - 1) * 1.0; /* an arrow: 0.6 em and its margins */
    for (int r = 0; r < rounds; r++) {
        char *stop = chart_round_stop(sp->spec, chart_round_table(sp, r, ai));
        em += chart_text_em(stop);
        free(stop);
    }
    double pt = fmin(15.0, ROUTE_PT / em);
    bool breaks = pt < 10.0;
    strbuf_add(b, "<td class=\"seat big route\"");
    if (breaks)
        strbuf_add(b, " style=\"font-size:10pt;white-space:normal\"");
    else if (pt < 15.0)
        strbuf_addf(b, " style=\"font-size:%.1fpt\"", floor(pt * 2) / 2);
    strbuf_add(b, ">");
    char *head = chart_itinerary_head(sp, ai);
    if (head && *head) {
        strbuf_add(b, "<small class=\"track\"><span>");
        H(b, head);
        strbuf_add(b, "</span></small>");
    }
    free(head);
    chart_itinerary_html(b, sp, ai, breaks);
    strbuf_add(b, "</td>");
}

static void render_reception(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    if (!p->roster)
        return;
    chart_html_open_section(c, b, "reception");
    strbuf_addf(b, "<h2>%s</h2>\n", TR("Reception list", "受付名簿"));
    strbuf_addf(b, "<p class=\"meta\">%s</p>\n",
                   TR("Everyone, in order of reading (あいうえお).",
                      "参加者全員をふりがなの五十音順に並べています。"));
    strbuf_addf(b, "<table class=\"list reception\"><thead><tr><th class=\"tick\">%s</th>"
                      "<th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
                   TR("In", "受付"), TR("Reading", "ふりがな"), TR("Name", "氏名"),
                   TR("Organisation", "所属"), TR("Profession", "職種"));
    int seating = 0; /* sessions that seat people: a column each */
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_spec *spec = p->sessions[s].spec;
        if (!tsunagu_session_seats(spec))
            continue;
        seating++;
        int rounds = chart_round_count(&p->sessions[s]);
        strbuf_addf(b, "<th class=\"seat\">%s", chart_unit_word(spec));
        if (spec && spec->start) {
            strbuf_add(b, "<br><small>");
            H(b, spec->start);
            if (rounds > 1) /* the cells give every round's seat */
                strbuf_addf(b, TR(", %d rounds", "・%d回"), rounds);
            strbuf_add(b, "</small>");
        } else if (rounds > 1) {
            strbuf_addf(b, TR("<br><small>%d rounds</small>", "<br><small>%d回</small>"), rounds);
        }
        strbuf_add(b, "</th>");
    }
    strbuf_add(b, "</tr></thead><tbody>\n");
    const char *row = NULL;
    for (size_t i = 0; i < p->roster->count; i++) {
        size_t ai = c->reading_order[i];
        const tsunagu_attendee *a = &p->roster->items[ai];
        char *key = tsunagu_chart_reading_key(*a->kana ? a->kana : a->name);
        const char *head = kana_row(key ? key : "");
        free(key);
        if (!row || strcmp(row, head) != 0) {
            strbuf_addf(b, "<tr class=\"row-head\"><th colspan=\"%d\">%s</th></tr>\n",
                           5 + seating, head);
            row = head;
        }
        /* An empty box to tick when the person arrives. */
        strbuf_add(b, "<tr><td class=\"tick\"><span class=\"box\"></span></td><td>");
        H(b, a->kana);
        strbuf_add(b, "</td><td>");
        H(b, a->name);
        strbuf_add(b, "</td><td class=\"wrap\">");
        H(b, a->organization);
        strbuf_add(b, "</td><td>");
        H(b, chart_profession_short(p, a->profession));
        strbuf_add(b, "</td>");
        for (int s = 0; s < p->n_sessions; s++) {
            const tsunagu_session_plan *sp = &p->sessions[s];
            int t = sp->seat ? sp->seat[ai] : -1;
            if (!tsunagu_session_seats(sp->spec))
                continue;
            if (chart_round_count(sp) > 1 && t >= 0) {
                route_cell(sp, ai, b);
                continue;
            }
            strbuf_add(b, "<td class=\"seat big\">");
            if (t >= 0 && t < sp->n_tables)
                seat_cell(sp, &sp->tables[t], b);
            else
                strbuf_add(b, "—");
            strbuf_add(b, "</td>");
        }
        strbuf_add(b, "</tr>\n");
    }
    strbuf_add(b, "</tbody></table>\n</section>\n");
}

/* ---- 4. table signs -------------------------------------------------- */

/* Largest font (pt) that keeps text within width_pt, capped at max_pt. */
static double fit_pt(const char *text, double width_pt, double max_pt)
{
    double em = chart_text_em(text) * 1.1; /* bold glyphs run wider than the estimate */
    double pt = em > 0 ? width_pt / em : max_pt;
    return pt < max_pt ? pt : max_pt;
}

static void render_signs(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    int total = 0, k = 0;
    for (int s = 0; s < p->n_sessions; s++)
        for (int t = 0; t < p->sessions[s].n_tables; t++)
            total += c->sign_changed[s][t];
    const double width_pt = 260.0 / 25.4 * 72.0; /* landscape A4 less margins */
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        for (int t = 0; t < sp->n_tables; t++) {
            const tsunagu_table *tb = &sp->tables[t];
            if (!c->sign_changed[s][t])
                continue;
            /* A table: テーブル, its number, its regions.  A group: its
             * label, the track's part above its own name (グループD), both
             * large: every track has a グループA, so the track tells the
             * signs apart across the room; it is not printed twice. */
            char *place = tb->track ? tsunagu_strdup("") : chart_table_place(p, sp, tb);
            char *head, *tail;
            chart_label_parts(sp->spec, tb, &head, &tail);
            const char *kind = tb->track ? head : TR("Table", "テーブル");
            const char *num = tb->track ? tail : tb->id;
            chart_html_open_section(c, b, "sign");
            strbuf_addf(b, "<div class=\"kind%s\" style=\"font-size:%.0fpt\">",
                           tb->track ? " track" : "", fit_pt(kind, width_pt, tb->track ? 96 : 36));
            H(b, kind);
            strbuf_addf(b, "</div>\n<div class=\"num\" style=\"font-size:%.0fpt\">",
                           fit_pt(num, width_pt, tb->track ? 200 : 280));
            H(b, num);
            strbuf_add(b, "</div>\n");
            free(head);
            free(tail);
            if (*place) {
                strbuf_addf(b, "<div class=\"place\" style=\"font-size:%.0fpt\">",
                               fit_pt(place, width_pt, 80));
                H(b, place);
                strbuf_add(b, "</div>\n");
            }
            chart_sign_roles_html(b, p, sp, tb);
            strbuf_add(b, "<div class=\"foot\">");
            chart_html_session_heading(b, sp->spec);
            strbuf_addf(b, TR(" · sign %d/%d", "　テーブル札 %d/%d"), ++k, total);
            strbuf_add(b, "</div>\n</section>\n");
            free(place);
        }
    }
}

/* ---- 5. regional directory ------------------------------------------- */

typedef struct {
    const char *org_key;
    size_t first; /* attendee index of the first member, for the printed name */
    bool hospital;
} org_item;

static int org_cmp(const void *pa, const void *pb)
{
    const org_item *a = pa, *b = pb;
    if (a->hospital != b->hospital)
        return a->hospital ? -1 : 1;
    int c = strcmp(a->org_key, b->org_key);
    return c ? c : (a->first < b->first ? -1 : a->first > b->first);
}

/* The directory lists the first side of the day's exchange (the
 * hospitals' MSWs) before the others (offices and centres). */
static bool is_hospital(const tsunagu_plan *p, const tsunagu_attendee *a)
{
    for (int s = 0; s < p->n_sessions; s++)
        if (p->sessions[s].spec->kind == TSUNAGU_EXCHANGE)
            return p->sessions[s].spec->side[a->profession] == 0;
    return a->profession == 0;
}

static void render_directory(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    const tsunagu_roster *r = p->roster;
    if (!r)
        return;
    chart_html_open_section(c, b, "directory");
    strbuf_addf(b, "<h2>%s</h2>\n<p class=\"meta\">%s</p>\n",
                   TR("Regional directory", "地域別 機関一覧"),
                   TR("Per region, the hospitals and offices present today and who came from each.",
                      "地域ごとに、本日参加の病院・事業所と参加者を示します。"));
    org_item *items = malloc((r->count ? r->count : 1) * sizeof *items);
    if (!items)
        abort();
    for (int reg = 0; reg < tsunagu_regions_count(p->regions); reg++) {
        size_t n = 0;
        /* One item per organisation (by key) of this region. */
        for (size_t i = 0; i < r->count; i++) {
            const tsunagu_attendee *a = &r->items[i];
            if (a->region != reg || !tsunagu_roster_seated(r, i))
                continue;
            bool hospital = is_hospital(p, a);
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++)
                seen = items[k].hospital == hospital && strcmp(items[k].org_key, a->org_key) == 0;
            if (!seen)
                items[n++] = (org_item){a->org_key ? a->org_key : "", i, hospital};
        }
        if (n == 0)
            continue;
        qsort(items, n, sizeof *items, org_cmp);
        strbuf_add(b, "<div class=\"roster\"><h3>");
        H(b, chart_region_label(p, reg));
        strbuf_addf(b, "</h3>\n<table class=\"list fixed\"><colgroup><col style=\"width:18%%\">"
                          "<col style=\"width:37%%\"><col style=\"width:45%%\"></colgroup>"
                          "<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
                       TR("Kind", "種別"), TR("Organisation", "所属"), TR("Attendees", "参加者"));
        for (size_t k = 0; k < n; k++) {
            strbuf_addf(b, "<tr><td>%s</td><td>",
                           items[k].hospital ? TR("Hospital", "病院")
                                             : TR("Office / centre", "事業所・センター"));
            H(b, r->items[items[k].first].organization);
            strbuf_add(b, "</td><td>");
            bool first = true;
            for (size_t i = 0; i < r->count; i++) {
                const tsunagu_attendee *a = &r->items[c->reading_order[i]];
                if (a->region != reg || !tsunagu_professions_seated(r->professions, a->profession) ||
                    is_hospital(p, a) != items[k].hospital ||
                    strcmp(a->org_key ? a->org_key : "", items[k].org_key) != 0)
                    continue;
                if (!first)
                    strbuf_add(b, TR(", ", "、"));
                first = false;
                H(b, a->name);
                strbuf_add(b, " <small>(");
                H(b, chart_profession_short(p, a->profession));
                strbuf_add(b, ")</small>");
            }
            strbuf_add(b, "</td></tr>\n");
        }
        strbuf_add(b, "</tbody></table></div>\n");
    }
    free(items);
    strbuf_add(b, "</section>\n");
}

/* ---- 6. plan report -------------------------------------------------- */

static const char *status_label(tsunagu_status s)
{
    switch (s) {
    case TSUNAGU_STATUS_OPTIMAL: return TR("optimal (proven best)", "最適（最善と証明済み）");
    case TSUNAGU_STATUS_FEASIBLE:
        return TR("feasible (every hard rule holds; not proven best)",
                  "実行可能（必須ルールはすべて満たす。最善かは未証明）");
    case TSUNAGU_STATUS_INFEASIBLE: return TR("infeasible", "解なし");
    default: return TR("not solved", "未計算");
    }
}

/* True when a session's meetings again in its rounds are as few as they
 * can be with round 1 as it is (they reach their lower bound): only then
 * are they "the best the other rules allow", round 1 proven or not. */
static bool repeats_at_bound(const tsunagu_plan *p, const char *session)
{
    for (int s = 0; s < p->n_sessions; s++)
        if (strcmp(p->sessions[s].spec->id, session) == 0)
            return p->sessions[s].repeats >= 0 && p->sessions[s].repeats <= p->sessions[s].repeats_bound;
    return false;
}

/* The report's rows of a session's scores, each with a verdict: in a
 * session proven optimal a shortfall is the best the other rules allow,
 * not something to check (the rounds' meetings again only at their
 * bound: the search behind them proves nothing else). */
static void score_rows(const tsunagu_plan *p, const char *session, bool proven, strbuf *b)
{
    for (int i = 0; i < p->n_scores; i++) {
        const tsunagu_score *sc = &p->scores[i];
        if (strcmp(sc->session, session) != 0)
            continue;
        const tsunagu_measure *info = tsunagu_measure_find(sc->key);
        strbuf_add(b, "<tr><td>");
        H(b, tsunagu_measure_label(sc->key));
        strbuf_addf(b, "</td><td class=\"num\">%ld", sc->value);
        if (sc->of >= 0)
            strbuf_addf(b, " / %ld", sc->of);
        strbuf_add(b, "</td><td class=\"num\">");
        if (sc->of > 0)
            strbuf_addf(b, "%.0f%%", 100.0 * (double)sc->value / (double)sc->of);
        strbuf_add(b, "</td><td>");
        int better = info ? info->better : 0;
        bool best = strcmp(sc->key, "repeated_pairs") == 0 ? repeats_at_bound(p, session) : proven;
        bool ideal = better > 0 ? sc->of >= 0 && sc->value >= sc->of : sc->value == 0;
        bool close = better > 0 ? sc->of > 0 && sc->value * 10 >= sc->of * 8
                                : sc->of > 0 && sc->value * 10 <= sc->of;
        if (better == 0)
            strbuf_add(b, "—");
        else if (ideal)
            strbuf_addf(b, "<span class=\"good\">○ %s</span>", TR("holds", "満たす"));
        else if (best)
            strbuf_addf(b, "<span class=\"so\">△ %s</span>",
                        TR("the best the other rules allow", "ほかの条件と両立する最善"));
        else if (close)
            strbuf_addf(b, "<span class=\"so\">△ %s</span>", TR("mostly", "おおむね"));
        else
            strbuf_addf(b, "<span class=\"bad\">× %s</span>", TR("check", "要確認"));
        strbuf_add(b, "</td></tr>\n");
    }
}

/* True when attendee a sits at table tb of session s because someone
 * pinned them there: the organiser on the day, or the list's pin column. */
static bool pinned_at(const tsunagu_plan *p, int s, const tsunagu_attendee *a,
                      const tsunagu_table *tb)
{
    const char *sid = p->sessions[s].spec->id;
    for (int q = 0; q < p->n_pins; q++)
        if (strcmp(p->pins[q].attendee_id, a->id) == 0 && strcmp(p->pins[q].session, sid) == 0)
            return strcmp(p->pins[q].table, tb->id) == 0;
    const char *listed = tsunagu_event_pin(p->event, s, a);
    return listed && strcmp(listed, tb->id) == 0;
}

/* Why table tb, one of attendee i's own or chosen regions' tables, does
 * not seat them, in words: a colleague there, the table full (for a
 * walk-in: nobody placed is moved for them), or for a walk-in a seat that
 * is free now (freed since).  False when there is no such fact (the
 * solver's trade-off between the rules). */
static bool own_table_reason(const tsunagu_plan *p, const tsunagu_session_plan *sp, size_t i,
                             const tsunagu_table *tb, strbuf *b)
{
    const tsunagu_attendee *a = &p->roster->items[i];
    int colleagues = 0;
    for (size_t m = 0; m < tb->n_members; m++) {
        const tsunagu_attendee *o = &p->roster->items[tb->members[m]];
        if (tb->members[m] == i || !rule_colleagues(a, o))
            continue;
        strbuf_add(b, colleagues++ ? TR(", ", "、") : TR(": their colleague ", ": 同僚の "));
        H(b, o->name);
    }
    if (colleagues)
        strbuf_add(b, TR(" sits there", " さんがいる"));
    if ((int)tb->n_members >= sp->spec->max_size) {
        strbuf_add(b, colleagues ? TR("; ", "。") : ": ");
        /* a walk-in is seated without moving anyone (tsunagu_plan_add) */
        strbuf_addf(b, a->walkin ? TR("full (%zu; people already placed keep their seats)",
                                 "満席（%zu 人。席の決まっていた人は動かさない）")
                            : TR("full (%zu)", "満席（%zu 人）"),
                    tb->n_members);
        return true;
    }
    if (!colleagues && a->walkin)
        strbuf_add(b, TR(": has a free seat now", ": いまは空席あり"));
    return colleagues || a->walkin;
}

/* The report's reason for attendee i away from every table of their own
 * or chosen regions: pinned, no such table, or per such table the real
 * reason (own_table_reason), led for a walk-in by how walk-ins are seated. */
static void away_reason(const tsunagu_plan *p, const tsunagu_session_plan *sp, size_t i, strbuf *b)
{
    const tsunagu_attendee *a = &p->roster->items[i];
    const int s = (int)(sp - p->sessions);
    if (pinned_at(p, s, a, &sp->tables[sp->seat[i]])) {
        strbuf_add(b, TR("pinned there by the organiser", "主催者がこのテーブルに固定した"));
        return;
    }
    if (a->walkin)
        strbuf_add(b, TR("walk-in, seated at a free seat without moving anyone. ",
                         "当日参加のため、ほかの人を動かさずに空いている席へ。"));
    bool any = false, generic = false;
    for (int k = 0; k < sp->n_tables; k++) {
        const tsunagu_table *tb = &sp->tables[k];
        if (rule_region_distance(p->regions, a, tb) != 0)
            continue;
        if (any)
            strbuf_add(b, TR("; ", "。"));
        any = true;
        char *label = chart_table_label(sp->spec, tb);
        H(b, label);
        free(label);
        if (!own_table_reason(p, sp, i, tb, b)) {
            strbuf_add(b, TR(": went to others", ": 他の人に割り当て"));
            generic = true;
        }
    }
    if (!any)
        strbuf_add(b, TR("no table for their region (too few people from it)",
                         "この地域のテーブルがない（参加者が少ない）"));
    else if (generic)
        strbuf_add(b, TR(" (table sizes, the mix of professions and keeping colleagues apart came first)",
                         "（人数・職種の混在・同僚分散の条件を優先した結果）"));
}

static void misplaced_exchange(const tsunagu_plan *p, const tsunagu_session_plan *sp, strbuf *b)
{
    bool any = false;
    for (size_t i = 0; i < p->roster->count; i++) {
        const tsunagu_attendee *a = &p->roster->items[i];
        int t = sp->seat ? sp->seat[i] : -1;
        if (t < 0 || t >= sp->n_tables || rule_region_distance(p->regions, a, &sp->tables[t]) == 0)
            continue;
        if (!any)
            strbuf_addf(b, "<h3>%s</h3>\n<table class=\"list\"><thead><tr><th>%s</th>"
                              "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
                           TR("Neither at their own region's table nor at a chosen region's",
                              "自地域・関心地域のどちらのテーブルにもいない人"),
                           TR("Name", "氏名"), TR("Region", "地域"), TR("Table", "テーブル"),
                           TR("Table's region", "テーブルの地域"), TR("Why", "理由"));
        any = true;
        const tsunagu_table *tb = &sp->tables[t];
        char *place = chart_table_place(p, sp, tb);
        strbuf_add(b, "<tr><td>");
        H(b, a->name);
        strbuf_add(b, "</td><td>");
        H(b, chart_region_label(p, a->region));
        strbuf_add(b, "</td><td class=\"seat\">");
        H(b, tb->id);
        strbuf_add(b, "</td><td class=\"wrap\">"); /* a table of many regions */
        H(b, place);
        strbuf_addf(b, " <small>(%s)</small></td><td class=\"wrap\">",
                       rule_region_distance(p->regions, a, tb) <= 1 ? TR("neighbour", "隣接")
                                                     : TR("further away", "遠方"));
        away_reason(p, sp, i, b);
        strbuf_add(b, "</td></tr>\n");
        free(place);
    }
    if (any)
        strbuf_add(b, "</tbody></table>\n");
}

static void misplaced_workgroup(const tsunagu_plan *p, const tsunagu_session_plan *sp,
                                strbuf *b)
{
    bool any = false;
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        for (size_t m = 0; m < tb->n_members; m++) {
            const tsunagu_attendee *a = member(p, tb, m);
            if (!sp->spec || rule_in_track(sp->spec, tb->track, a->profession))
                continue;
            if (!any)
                strbuf_addf(b, "<h3>%s</h3>\n<table class=\"list\"><thead><tr><th>%s</th>"
                                  "<th>%s</th><th>%s</th></tr></thead><tbody>\n",
                               TR("In a group of another profession", "職種の異なるグループにいる人"),
                               TR("Name", "氏名"), TR("Profession", "職種"), TR("Group", "グループ"));
            any = true;
            strbuf_add(b, "<tr><td>");
            H(b, a->name);
            strbuf_add(b, "</td><td>");
            H(b, chart_profession_short(p, a->profession));
            strbuf_add(b, "</td><td class=\"seat\">");
            char *name = chart_seat_name(sp->spec, tb);
            H(b, name);
            free(name);
            strbuf_add(b, "</td></tr>\n");
        }
    }
    if (any)
        strbuf_add(b, "</tbody></table>\n");
}

/* Colleagues who share a table, and tables with no experienced member. */
static void rule_details(const tsunagu_plan *p, const tsunagu_session_plan *sp, strbuf *b)
{
    strbuf pairs = {0}, lonely = {0};
    strbuf_add(&pairs, "");
    strbuf_add(&lonely, "");
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        char *label = chart_table_label(sp->spec, tb);
        bool experienced = false;
        for (size_t m = 0; m < tb->n_members; m++) {
            const tsunagu_attendee *a = member(p, tb, m);
            experienced |= a->experience == TSUNAGU_EXPERIENCED;
            for (size_t k = m + 1; k < tb->n_members; k++) {
                const tsunagu_attendee *o = member(p, tb, k);
                if (!rule_colleagues(a, o))
                    continue;
                strbuf_add(&pairs, "<li>");
                H(&pairs, label);
                strbuf_add(&pairs, ": ");
                H(&pairs, a->name);
                strbuf_add(&pairs, TR(" and ", "、"));
                H(&pairs, o->name);
                strbuf_add(&pairs, " (");
                H(&pairs, a->organization);
                strbuf_add(&pairs, ")</li>\n");
            }
        }
        if (!experienced && tb->n_members > 0) {
            if (lonely.len)
                strbuf_add(&lonely, TR(", ", "、"));
            H(&lonely, label);
        }
        free(label);
    }
    if (pairs.len)
        strbuf_addf(b, "<h3>%s</h3><ul>\n%s</ul>\n",
                       TR("Colleagues at the same table", "同席している同僚"), pairs.data);
    if (lonely.len)
        strbuf_addf(b, "<h3>%s</h3><p>%s</p>\n",
                       TR("Without an experienced member", "経験者のいないテーブル・グループ"),
                       lonely.data);
    free(pairs.data);
    free(lonely.data);
}

/* Who moved since the previous plan: sessions by title, tables and groups
 * by their printed names. */
static void report_moves(const tsunagu_plan *p, strbuf *b)
{
    if (p->n_moves == 0)
        return;
    strbuf_addf(b, "<h3>%s</h3>\n<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                   "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
                TR("Moves since the previous plan", "前の計画からの移動"), TR("Name", "氏名"),
                TR("Session", "セッション"), TR("From", "移動元"), TR("To", "移動先"),
                TR("Why", "理由"));
    for (int i = 0; i < p->n_moves; i++) {
        const tsunagu_move *mv = &p->moves[i];
        long ai = tsunagu_roster_find(p->roster, mv->attendee_id);
        /* a later round's move names its session "morning#2" */
        const char *hash = mv->session ? strchr(mv->session, '#') : NULL;
        char *session = hash ? str_ndup(mv->session, (size_t)(hash - mv->session))
                             : tsunagu_strdup(mv->session ? mv->session : "");
        const tsunagu_session_spec *spec = tsunagu_event_session(p->event, session);
        char *from = mv->from ? chart_seat_name_by_id(p, session, mv->from) : NULL;
        char *to = mv->to ? chart_seat_name_by_id(p, session, mv->to) : NULL;
        strbuf_add(b, "<tr><td>");
        H(b, ai >= 0 ? p->roster->items[ai].name : mv->attendee_id);
        strbuf_add(b, "</td><td>");
        H(b, spec && spec->title ? spec->title : mv->session);
        if (spec && hash) {
            char *round = chart_round_name(atoi(hash + 1) - 1);
            strbuf_add(b, " ");
            H(b, round);
            free(round);
        }
        free(session);
        strbuf_add(b, "</td><td class=\"seat\">");
        H(b, from ? from : "—");
        strbuf_add(b, "</td><td class=\"seat\">");
        H(b, to ? to : "—");
        strbuf_add(b, "</td><td>");
        H(b, mv->why);
        strbuf_add(b, "</td></tr>\n");
        free(from);
        free(to);
    }
    strbuf_add(b, "</tbody></table>\n");
}

static void render_report(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    chart_html_open_section(c, b, "report");
    strbuf_addf(b, "<h2>%s</h2>\n", TR("Plan report", "計画の評価"));
    strbuf_add(b, "<p class=\"meta\">");
    if (p->input_file) {
        strbuf_add(b, TR("Attendees: ", "参加者名簿: "));
        H(b, tsunagu_path_base(p->input_file)); /* as the plan file says it */
        strbuf_addf(b, " <small>(sha256 %.12s…)</small>", p->input_sha256);
    }
    if (p->generator) {
        strbuf_add(b, " · ");
        H(b, p->generator);
    }
    strbuf_add(b, "</p>\n");
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        if (!tsunagu_session_seats(sp->spec)) /* its page is the running order */
            continue;
        strbuf_add(b, "<div class=\"roster flow\"><h3>");
        chart_html_session_heading(b, sp->spec);
        strbuf_add(b, "</h3>\n<p>");
        char gap[160];
        if (isnan(sp->gap))
            snprintf(gap, sizeof gap, "%s", TR("how far from the best is unknown (no bound proven in time)",
                                               "最善との差は不明（時間内に下限が得られず）"));
        else
            snprintf(gap, sizeof gap, TR("at most %.2f%% from the best", "最善との差 %.2f%% 以内"), sp->gap * 100.0);
        strbuf_addf(b, TR("Solver: %s; %s; score %g (lower is better); %.2f s; %d %s.",
                             "ソルバー: %s、%s、評価値 %g（小さいほど良い）、%.2f 秒、%d %s。"),
                       status_label(sp->status), gap, sp->objective, sp->seconds,
                       sp->n_tables, sp->spec && sp->spec->kind == TSUNAGU_WORKGROUP
                                         ? TR("groups", "グループ")
                                         : TR("tables", "テーブル"));
        strbuf_add(b, "</p>\n");
        char *rounds = tsunagu_plan_rounds_text(p, s); /* NULL for one round */
        if (rounds) {
            strbuf_add(b, "<p>");
            H(b, rounds);
            strbuf_add(b, TR(". Below, the pairs meeting again count every round; the other rules round 1's tables.",
                             "。下の表の二度目の同席は全回、ほかの項目は1回目の席で数えています。"));
            strbuf_add(b, "</p>\n");
            free(rounds);
        }
        strbuf_addf(b, "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                          "<th>%s</th></tr></thead><tbody>\n",
                       TR("Rule", "項目"), TR("Count", "件数"), TR("Share", "割合"),
                       TR("Holds?", "評価"));
        if (sp->spec)
            score_rows(p, sp->spec->id, sp->status == TSUNAGU_STATUS_OPTIMAL, b);
        strbuf_add(b, "</tbody></table>\n");
        if (sp->spec && sp->spec->kind == TSUNAGU_EXCHANGE)
            misplaced_exchange(p, sp, b);
        else
            misplaced_workgroup(p, sp, b);
        rule_details(p, sp, b);
        strbuf_add(b, "</div>\n");
    }
    report_moves(p, b);
    if (p->n_warnings > 0) {
        strbuf_addf(b, "<h3>%s</h3><ul>\n", TR("Warnings", "警告"));
        for (int i = 0; i < p->n_warnings; i++) {
            strbuf_add(b, "<li>");
            H(b, p->warnings[i]);
            strbuf_add(b, "</li>\n");
        }
        strbuf_add(b, "</ul>\n");
    }
    strbuf_add(b, "</section>\n");
}

/* ---- changes since an older plan ------------------------------------- */

/* Who is gone since the older plan (cancelled at the desk, off the
 * list): the seats they had, struck through, so that a facilitator with
 * the old roster strikes them too. */
static void render_gone(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan, *old = c->opt->only_changed_since;
    if (c->n_gone == 0)
        return;
    strbuf_addf(b, "<h3>%s</h3>\n<p class=\"note\">%s</p>\n", TR("Gone", "いなくなった人"),
                TR("Strike them from the rosters and lists printed before.",
                   "前に印刷した名簿・受付名簿から線を引いて消してください。"));
    strbuf_addf(b, "<table class=\"list gone\"><thead><tr><th>%s</th><th>%s</th>",
                TR("Name", "氏名"), TR("Reading", "ふりがな"));
    for (int s = 0; s < p->n_sessions; s++)
        if (tsunagu_session_seats(p->sessions[s].spec))
            strbuf_addf(b, "<th>%s</th>", chart_unit_word(p->sessions[s].spec));
    strbuf_addf(b, "<th>%s</th></tr></thead><tbody>\n", TR("Why", "理由"));
    for (size_t k = 0; k < c->n_gone; k++) {
        const tsunagu_attendee *a = &old->roster->items[c->gone[k]];
        strbuf_add(b, "<tr><td><s>");
        H(b, a->name);
        strbuf_add(b, "</s></td><td>");
        H(b, a->kana);
        strbuf_add(b, "</td>");
        for (int s = 0; s < p->n_sessions; s++) {
            if (!tsunagu_session_seats(p->sessions[s].spec))
                continue;
            char *seat = chart_gone_seat(c, k, s);
            strbuf_add(b, "<td class=\"seat\">");
            if (seat) {
                strbuf_add(b, "<s>");
                H(b, seat);
                strbuf_add(b, "</s>");
            } else {
                strbuf_add(b, "—");
            }
            strbuf_add(b, "</td>");
            free(seat);
        }
        strbuf_addf(b, "<td>%s</td></tr>\n",
                    chart_gone_cancelled(c, k) ? TR("cancelled on the day", "当日欠席")
                                               : TR("no longer on the list", "名簿から外れた"));
    }
    strbuf_add(b, "</tbody></table>\n");
}

static void render_changes(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    chart_html_open_section(c, b, "changes");
    strbuf_addf(b, "<h2>%s</h2>\n<p class=\"meta\">%s</p>\n",
                   TR("Changes since the previous plan", "前の計画からの変更"),
                   TR("Only the maps, rosters and signs that changed follow; reprint these.",
                      "以下は変更のあった会場図・名簿・テーブル札だけです。これらを印刷し直してください。"));
    strbuf_addf(b, "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>",
                   TR("Name", "氏名"), TR("Reading", "ふりがな"));
    for (int s = 0; s < p->n_sessions; s++)
        if (tsunagu_session_seats(p->sessions[s].spec))
            strbuf_addf(b, "<th>%s</th>", chart_unit_word(p->sessions[s].spec));
    strbuf_add(b, "</tr></thead><tbody>\n");
    for (size_t i = 0; p->roster && i < p->roster->count; i++) {
        size_t ai = c->reading_order[i];
        if (!c->attendee_changed[ai])
            continue;
        const tsunagu_attendee *a = &p->roster->items[ai];
        strbuf_add(b, "<tr><td>");
        H(b, a->name);
        strbuf_add(b, "</td><td>");
        H(b, a->kana);
        strbuf_add(b, "</td>");
        for (int s = 0; s < p->n_sessions; s++) {
            const tsunagu_session_plan *sp = &p->sessions[s];
            int t = sp->seat ? sp->seat[ai] : -1;
            if (!tsunagu_session_seats(sp->spec))
                continue;
            bool seated = t >= 0 && t < sp->n_tables;
            char *name = !seated ? tsunagu_strdup("—")
                         : chart_round_count(sp) > 1 ? chart_itinerary_full(sp, ai, TR(" → ", "→"))
                                                     : chart_seat_name(sp->spec, &sp->tables[t]);
            strbuf_add(b, "<td class=\"seat\">");
            H(b, name);
            strbuf_add(b, "</td>");
            free(name);
        }
        strbuf_add(b, "</tr>\n");
    }
    strbuf_add(b, "</tbody></table>\n");
    render_gone(c, b);
    strbuf_add(b, "</section>\n");
}

/* ---- the document ---------------------------------------------------- */

void chart_render_html(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    const tsunagu_event *e = p->event;
    strbuf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                   tsunagu_lang_get() == TSUNAGU_LANG_EN ? "en" : "ja");
    /* No scripts, no fetches: a strict policy makes that hold even if some
     * text ever escaped its escaping. */
    strbuf_add(b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'unsafe-inline'; img-src data:\">\n<title>");
    H(b, e && e->title ? e->title : "tsunagu");
    strbuf_add(b, "</title>\n<style>\n");
    strbuf_add(b, css);
    if (plan_has_rounds(p))
        strbuf_add(b, css_rounds);
    chart_html_profession_css(c, b);
    strbuf_add(b, "</style>\n</head>\n<body>\n");
    bool any = false;
    for (int s = 0; s < p->n_sessions; s++)
        any |= c->session_changed[s];
    if (c->opt->only_changed_since) {
        render_changes(c, b);
        if (!any) {
            strbuf_add(b, "</body>\n</html>\n");
            return;
        }
    }
    chart_render_map(c, b);
    render_rosters(c, b);
    render_reception(c, b);
    render_signs(c, b);
    chart_render_programme_html(c, b);
    if (c->opt->directory)
        render_directory(c, b);
    if (!c->opt->only_changed_since)
        render_report(c, b);
    strbuf_add(b, "</body>\n</html>\n");
}
