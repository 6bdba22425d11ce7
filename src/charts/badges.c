/* badges.c - name badges: one HTML file of A4 label sheets.
 *
 * A badge per attendee, in the reception list's order (あいうえお), on the
 * labels of a layout (badge_layout.c): a band in the profession's colour
 * (the room map's) with its mark and label and the event's title; the
 * reading; the name, large; the organisation; and a box per session that
 * seats people with its table or group in type about 14 mm high (on the
 * 10-up label), to read at arm's length, and the role held there; a
 * session with rounds shows the itinerary, 10→8→11, in one box.  People
 * seated nowhere (organisers) get the name and organisation larger and no
 * boxes.
 *
 * Nothing is ever cut: each text's size is worked out from its display
 * width (utf8proc, through badge_em), the name on one line, the
 * organisation on as many lines as make it largest, both shrinking as far
 * as they must.  Every box has a fixed size in millimetres, so the test
 * (tests/scripts/test_badges_print.sh) can hold each text to its box in
 * the browser and on the printed page. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charts/chart_private.h"
#include "tsunagu/text.h"
#include "util/tr.h"

#define H(b, s) strbuf_add_html((b), (s))

/* Seats printed on one badge at most (the sessions that seat people). */
#define MAX_SEATS 8
/* Line heights (of the font size) and the text's share of its row. */
#define LINE_HEIGHT 1.2
#define NUM_LINE_HEIGHT 1.1
#define FILL 0.97 /* of a row's width a line may take */

/* ---- widths ---------------------------------------------------------- */

/* Width in em of an ASCII character in a bold sans-serif, taken at the
 * wide end of Noto Sans CJK JP, Yu Gothic, Meiryo and Hiragino Sans (M and
 * W near 0.95, digits 0.6): over-estimated rather than under. */
static double ascii_em(int c)
{
    if (c == 'M' || c == 'W' || c == 'm' || c == 'w' || c == '@' || c == '%')
        return 0.95;
    if (c == 'I' || c == 'i' || c == 'l' || c == 'j' || c == '!' || c == '|' || c == '\'' ||
        c == '.' || c == ',' || c == ':' || c == ';')
        return 0.35;
    if (c == ' ')
        return 0.32;
    if (c == '-' || c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')')
        return 0.45;
    if (c >= '0' && c <= '9')
        return 0.62;
    if (c >= 'A' && c <= 'Z')
        return 0.8;
    if (c >= 'a' && c <= 'z')
        return 0.62;
    return 0.7;
}

/* Width in em of a character that is not ASCII: full-width ones 1 em,
 * and so are the narrow ones a Japanese font draws full-width (ambiguous:
 * ○, ①, Greek, Cyrillic) and what the escaping prints as U+FFFD (control
 * characters); accented Latin letters 0.7; marks that join the character
 * before them nothing. */
static double other_em(int32_t cp)
{
    if ((cp >= 0x80 && cp < 0xA0) || cp == 0xFFFD)
        return 1.0;
    int w = utf8proc_charwidth(cp);
    if (w >= 2)
        return 1.0;
    if (w == 0)
        return 0.0;
    return cp >= 0xA0 && cp < 0x250 ? 0.7 : 1.0;
}

/* Estimated width of s in em (ASCII by ascii_em, the rest by other_em),
 * and in *word the widest run a line cannot break inside (no space, no
 * full-width character), when asked. */
static double badge_em(const char *s, double *word)
{
    double em = 0, run = 0, widest = 0;
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            cp = 0xFFFD;
            k = 1;
        }
        i += (size_t)k;
        bool control = cp < 0x20 || cp == 0x7F;
        bool wide = cp >= 0x80 && utf8proc_charwidth(cp) >= 2;
        double w = control ? 1.0 : cp < 0x80 ? ascii_em((int)cp) : other_em(cp);
        em += w;
        run = wide || cp == ' ' ? 0 : run + w;
        widest = fmax(widest, wide ? 1.0 : run);
    }
    if (word)
        *word = widest;
    return em;
}

/* Lines that text of width em at size fills in a row of width w (mm),
 * breaking greedily; each line but the last may lose up to one unbreakable
 * run ("word") at its end. */
static int lines_needed(double em, double word, double size, double w)
{
    double line = w * FILL, waste = fmin(word * size, line * 0.5);
    double total = em * size;
    int n = 1;
    while (total > line && n < 1000) {
        total -= line - waste;
        n++;
    }
    return n;
}

/* True when text of width em (widest unbreakable run word) fits a row of
 * w × h at size in at most max_lines lines of LINE_HEIGHT; *lines gets
 * how many it takes. */
static bool text_fits(double em, double word, double size, double w, double h, int max_lines,
                      int *lines)
{
    *lines = lines_needed(em, word, size, w);
    return *lines <= max_lines && *lines * size * LINE_HEIGHT <= h;
}

/* The largest size (mm), at most max, at which text fits a row of w × h
 * in at most max_lines lines (bisection: a larger size never takes fewer
 * lines); *lines gets how many.  Never gives up: a text too long for the
 * row at any readable size gets a small one, not a cut. */
static double fit_text(const char *text, double w, double h, double max, int max_lines,
                       int *lines)
{
    double word, em = badge_em(text, &word);
    int n = 1;
    if (text_fits(em, word, max, w, h, max_lines, &n)) {
        if (lines)
            *lines = n;
        return max;
    }
    double lo = 0, hi = max;
    for (int i = 0; i < 40; i++) {
        double mid = (lo + hi) / 2;
        if (text_fits(em, word, mid, w, h, max_lines, &n))
            lo = mid;
        else
            hi = mid;
    }
    text_fits(em, word, lo, w, h, max_lines, &n);
    if (lines)
        *lines = n;
    return lo;
}

/* ---- geometry ------------------------------------------------------- */

/* A badge's rows, in millimetres, for a label of the layout. */
typedef struct {
    double pad, w;                          /* inner padding, inner width */
    double band, kana, name, org, seats;    /* row heights, top to bottom */
    double caption;                         /* a seat box's caption line */
    double box_pad, box_gap;                /* inside a seat box, between boxes */
} badge_rows;

/* Rows for the seated (with the boxes) or for those seated nowhere (the
 * name and organisation take the boxes' room). */
static badge_rows rows_for(const tsunagu_badge_layout *l, bool seated)
{
    badge_rows r;
    r.pad = fmin(fmax(fmin(l->label_w, l->label_h) * 0.05, 2.2), 5.0);
    r.w = l->label_w - 2 * r.pad;
    double h = l->label_h - 2 * r.pad;
    /* shares of the height: the seats' boxes first, then the name */
    static const double seated_share[] = {0.10, 0.09, 0.24, 0.13, 0.44};
    static const double alone_share[] = {0.12, 0.12, 0.44, 0.32, 0.0};
    const double *f = seated ? seated_share : alone_share;
    r.band = h * f[0];
    r.kana = h * f[1];
    r.name = h * f[2];
    r.org = h * f[3];
    r.seats = h * f[4];
    r.caption = fmin(fmax(r.seats * 0.17, 2.6), 5.0);
    r.box_pad = 0.6;
    r.box_gap = 1.0;
    return r;
}

/* ---- one badge ------------------------------------------------------ */

typedef struct {
    const tsunagu_session_spec *spec;
    const char *id;   /* what the box prints large: the table's number or
                       * the group's letter; NULL: not seated there */
    char *track;      /* a group's track as its signs print it ("MSW"), NULL
                       * for a table (new string) */
    char *role;       /* the role held there, NULL: none (new string) */
    /* A session with rounds: the id of every round's table (NULL where
     * none), printed 3 → 7 → 1; n_stops is 1 for a session of one round. */
    const char *stops[TSUNAGU_MAX_ROUNDS];
    int n_stops;
} badge_seat;

/* A group's letter ("A" of "MSW-A"): the signs print it large as
 * グループA under the track, so the badge prints the same letter large
 * under the track's name (not the id, which no sign shows). */
static const char *group_letter(const tsunagu_table *tb)
{
    size_t n = tb->track ? strlen(tb->track) : 0;
    if (n && strncmp(tb->id, tb->track, n) == 0 && tb->id[n] == '-' && tb->id[n + 1])
        return tb->id + n + 1;
    return tb->id;
}

/* The arrow between two stops: its own em at ARROW_SIZE of the number,
 * and the margins around it (.seat .to). */
#define ARROW_SIZE 0.55
#define ARROW_MARGIN 0.12
static const char arrow[] = "\xE2\x86\x92"; /* → */

/* Width in em of what a seat's box prints large: its id, or its stops
 * with the small arrows between them. */
static double seat_em(const badge_seat *st)
{
    if (st->n_stops <= 1)
        return fmax(badge_em(st->id ? st->id : "—", NULL), 1.0);
    double em = 0;
    for (int r = 0; r < st->n_stops; r++)
        em += badge_em(st->stops[r] ? st->stops[r] : "—", NULL);
    return em + (st->n_stops - 1) * (ARROW_SIZE * badge_em(arrow, NULL) + 2 * ARROW_MARGIN);
}

/* The role(s) attendee ai holds at table tb of sp ("司会", "書記・発表者"),
 * in the current language; NULL when none.  Caller frees. */
static char *badge_role(const tsunagu_session_plan *sp, const tsunagu_table *tb, size_t ai)
{
    char *roles = chart_roles_of(sp, tb, ai);
    if (*roles)
        return roles;
    free(roles);
    return NULL;
}

/* The sessions that seat people, and where ai sits in each; the count.
 * *seated: ai sits somewhere. */
static int badge_seats(const tsunagu_plan *p, size_t ai, badge_seat *out, bool *seated)
{
    int n = 0;
    *seated = false;
    for (int s = 0; s < p->n_sessions && n < MAX_SEATS; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        if (!sp->seat || sp->n_tables <= 0)
            continue;
        int t = sp->seat[ai];
        bool here = t >= 0 && t < sp->n_tables;
        out[n].spec = sp->spec;
        out[n].id = here ? group_letter(&sp->tables[t]) : NULL;
        out[n].track = NULL;
        if (here && sp->tables[t].track) {
            char *tail;
            chart_label_parts(sp->spec, &sp->tables[t], &out[n].track, &tail);
            free(tail);
        }
        out[n].role = here ? badge_role(sp, &sp->tables[t], ai) : NULL;
        out[n].n_stops = here ? chart_round_count(sp) : 1;
        for (int r = 0; r < out[n].n_stops && r < TSUNAGU_MAX_ROUNDS; r++) {
            const tsunagu_table *rt = chart_round_table(sp, r, ai);
            out[n].stops[r] = rt ? group_letter(rt) : NULL;
        }
        *seated |= here;
        n++;
    }
    return n;
}

/* A text row: a div of class cls holding text at its fitted size. */
static void text_row(strbuf *b, const char *cls, const char *text, double w, double h,
                     double max, int max_lines)
{
    int lines = 1;
    double size = fit_text(text, w, h, max, max_lines, &lines);
    strbuf_addf(b, "<div class=\"%s\" style=\"font-size:%.2fmm\">", cls, size);
    H(b, text);
    strbuf_add(b, "</div>\n");
}

/* The band: the profession's mark and short label in its colour, the
 * event's title at the right. */
static void badge_band(const chart_ctx *c, const badge_rows *r, const tsunagu_attendee *a,
                       strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    const char *mark = chart_profession_mark(p, a->profession);
    const char *label = chart_profession_short(p, a->profession);
    const char *title = p->event && p->event->title ? p->event->title : "";
    double inner = r->w - 2.4;       /* the band's own padding */
    double disc = r->band * 0.74;    /* the mark's disc */
    double size = fit_text(label, inner * 0.55 - disc - 1.2, r->band, r->band * 0.62, 1, NULL);
    double used = disc + 1.2 + badge_em(label, NULL) * size + 2.0;
    strbuf_addf(b, "<div class=\"band p%d\"><span class=\"mark\" style=\"width:%.2fmm;"
                   "height:%.2fmm;font-size:%.2fmm\">",
                (int)a->profession, disc, disc, disc * 0.7);
    H(b, mark);
    strbuf_addf(b, "</span><span class=\"prof\" style=\"font-size:%.2fmm\">", size);
    H(b, label);
    strbuf_add(b, "</span>");
    if (*title) {
        double tsize = fit_text(title, inner - used, r->band, r->band * 0.42, 1, NULL);
        strbuf_addf(b, "<span class=\"event\" style=\"font-size:%.2fmm\">", tsize);
        H(b, title);
        strbuf_add(b, "</span>");
    }
    strbuf_add(b, "</div>\n");
}

/* The caption of a seat box: what the seat is called and when ("グループ
 * 13:00"); the role's pill follows it.  New string. */
static char *seat_caption(const badge_seat *st)
{
    strbuf t = {0};
    if (st->track && *st->track)
        strbuf_addf(&t, "%s ", st->track);
    strbuf_add(&t, chart_unit_word(st->spec));
    if (st->spec && st->spec->start && *st->spec->start)
        strbuf_addf(&t, " %s", st->spec->start);
    return t.data;
}

/* The width the numbers em[] at size and the captions cap_em[] at
 * cap_size need side by side (each box the wider of the two). */
static double row_need(const double *em, const double *cap_em, int n, double size,
                       double cap_size)
{
    double need = 0;
    for (int i = 0; i < n; i++)
        need += fmax(em[i] * size, cap_em[i] * cap_size);
    return need;
}

/* The boxes: each as wide as its number or its caption needs, the numbers
 * at the largest common size the row allows, then the rest of the row
 * shared out evenly.  A caption gives way first: it counts at its smallest
 * size (CAP_FLOOR of the captions' size) when the numbers are sized, then
 * takes as much of its box as it can.  A long track (相談支援専門員・センター
 * グループ 13:00) once widened its box so far that the other box's route
 * (11→6→8) printed 5 mm high. */
#define CAP_FLOOR 0.6
static void badge_boxes(const badge_rows *r, const badge_seat *seats, int n, strbuf *b)
{
    double em[MAX_SEATS], cap_em[MAX_SEATS], caps = 0;
    char *cap[MAX_SEATS];
    double frame = 2 * r->box_pad + 0.5; /* padding and border, both sides */
    for (int i = 0; i < n; i++) {
        em[i] = seat_em(&seats[i]);
        cap[i] = seat_caption(&seats[i]);
        /* the caption's text and the role's pill (1.6 em of padding) share its line */
        cap_em[i] = badge_em(cap[i], NULL) +
                    (seats[i].role ? badge_em(seats[i].role, NULL) + 1.6 : 0);
        caps += cap_em[i];
    }
    /* the widths of the numbers and captions are over-estimated already
     * (badge_em): the row is filled to its end */
    double room = r->w - (n - 1) * r->box_gap - n * frame;
    double cap_size = fmin(r->caption / LINE_HEIGHT, room * 0.9 / caps);
    double cap_least = cap_size * CAP_FLOOR;
    /* the numbers' size: as tall as the box allows, else the largest at
     * which the row's widths (each the wider of number and least caption)
     * fit */
    double size = (r->seats - r->caption - 0.9) / NUM_LINE_HEIGHT;
    if (row_need(em, cap_em, n, size, cap_least) > room) {
        double lo = 0, hi = size;
        for (int k = 0; k < 40; k++) {
            double mid = (lo + hi) / 2;
            if (row_need(em, cap_em, n, mid, cap_least) <= room)
                lo = mid;
            else
                hi = mid;
        }
        size = lo;
    }
    /* widths: each box its number's, or its caption's at full size while
     * the row has room, shrinking the widest captions first */
    double width[MAX_SEATS], cap_at[MAX_SEATS];
    double lo = cap_least, hi = cap_size;
    for (int k = 0; k < 40 && row_need(em, cap_em, n, size, hi) > room; k++) {
        double mid = (lo + hi) / 2;
        if (row_need(em, cap_em, n, size, mid) <= room)
            lo = mid;
        else
            hi = mid;
    }
    double fit = row_need(em, cap_em, n, size, hi) <= room ? hi : lo;
    double need = row_need(em, cap_em, n, size, fit);
    double spare = (room - need) / n;
    for (int i = 0; i < n; i++) {
        width[i] = fmax(em[i] * size, cap_em[i] * fit) + spare;
        cap_at[i] = fmin(cap_size, width[i] / cap_em[i]);
    }
    strbuf_add(b, "<div class=\"seats\">");
    for (int i = 0; i < n; i++) {
        strbuf_addf(b, "<div class=\"seat\" style=\"width:%.2fmm\"><div class=\"cap\" "
                       "style=\"font-size:%.2fmm\">",
                    width[i] + frame, cap_at[i]);
        H(b, cap[i]);
        if (seats[i].role) {
            strbuf_add(b, " <span class=\"role\">");
            H(b, seats[i].role);
            strbuf_add(b, "</span>");
        }
        strbuf_addf(b, "</div><div class=\"num\" style=\"font-size:%.2fmm\">", size);
        if (seats[i].n_stops <= 1)
            H(b, seats[i].id ? seats[i].id : "—");
        for (int k = 0; seats[i].n_stops > 1 && k < seats[i].n_stops; k++) {
            if (k)
                strbuf_addf(b, "<span class=\"to\">%s</span>", arrow);
            H(b, seats[i].stops[k] ? seats[i].stops[k] : "—");
        }
        strbuf_add(b, "</div></div>");
        free(cap[i]);
    }
    strbuf_add(b, "</div>\n");
}

static void render_badge(const chart_ctx *c, size_t ai, double x, double y, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    const tsunagu_attendee *a = &p->roster->items[ai];
    badge_seat seats[MAX_SEATS];
    bool seated;
    int n = badge_seats(p, ai, seats, &seated);
    const tsunagu_badge_layout *l = c->opt->badge_layout;
    badge_rows r = rows_for(l, seated);
    strbuf_addf(b, "<div class=\"badge%s\" style=\"left:%.2fmm;top:%.2fmm\" data-id=\"",
                seated ? "" : " alone", x, y);
    H(b, a->id);
    strbuf_add(b, "\">\n");
    badge_band(c, &r, a, b);
    /* sizes at most: readings 9 pt, names 30 pt (40 pt without boxes),
     * organisations 12 pt (14 pt) */
    text_row(b, "kana", a->kana, r.w, r.kana, fmin(r.kana * 0.8, 3.2), 1);
    /* a name on one line always (never broken) */
    text_row(b, "name", a->name, r.w, r.name, fmin(r.name * 0.8, seated ? 10.5 : 14.0), 1);
    /* an organisation on as many lines as make it largest */
    text_row(b, "org", a->organization, r.w, r.org, fmin(r.org / LINE_HEIGHT, seated ? 4.2 : 4.9),
             50);
    if (seated)
        badge_boxes(&r, seats, n, b);
    for (int i = 0; i < n; i++) {
        free(seats[i].role);
        free(seats[i].track);
    }
    strbuf_add(b, "</div>\n");
}

/* ---- the document --------------------------------------------------- */

static bool has_rounds(const tsunagu_plan *p)
{
    for (int s = 0; s < p->n_sessions; s++)
        if (chart_round_count(&p->sessions[s]) > 1)
            return true;
    return false;
}

static void badge_css(const chart_ctx *c, strbuf *b)
{
    const tsunagu_badge_layout *l = c->opt->badge_layout;
    badge_rows s = rows_for(l, true), o = rows_for(l, false);
    strbuf_addf(b, "@page{size:%.2fmm %.2fmm;margin:0}\n", l->page_w, l->page_h);
    strbuf_add(b, "html{font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\","
                  "\"Meiryo\",sans-serif;color:#000;background:#fff}\n"
                  "body{margin:0}\n");
    /* a sheet a hair shorter than the page, so that rounding never adds a blank one */
    strbuf_addf(b, ".sheet{position:relative;width:%.2fmm;height:%.2fmm;overflow:hidden;"
                   "break-after:page}\n.sheet:last-of-type{break-after:auto}\n",
                l->page_w, l->page_h - 1.0);
    strbuf_addf(b, ".badge{position:absolute;box-sizing:border-box;width:%.2fmm;height:%.2fmm;"
                   "padding:%.2fmm;display:flex;flex-direction:column;overflow:hidden}\n",
                l->label_w, l->label_h, s.pad);
    strbuf_add(b, ".badge>div{flex:none;overflow:hidden;unicode-bidi:isolate;"
                  "white-space:nowrap}\n"
                  ".band{display:flex;align-items:center;gap:1.2mm;padding:0 1.2mm;"
                  "border-radius:1mm;color:#fff;font-weight:bold;"
                  "print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
                  ".band span{unicode-bidi:isolate;white-space:nowrap}\n"
                  ".band .mark{flex:none;display:flex;align-items:center;justify-content:center;"
                  "border-radius:50%;background:#fff;color:#000}\n"
                  ".band .event{margin-left:auto;font-weight:normal}\n");
    strbuf_addf(b, ".band{height:%.2fmm}.kana{height:%.2fmm}.name{height:%.2fmm}"
                   ".org{height:%.2fmm}.seats{height:%.2fmm}\n",
                s.band, s.kana, s.name, s.org, s.seats);
    strbuf_addf(b, ".alone .band{height:%.2fmm}.alone .kana{height:%.2fmm}"
                   ".alone .name{height:%.2fmm}.alone .org{height:%.2fmm}\n",
                o.band, o.kana, o.name, o.org);
    strbuf_addf(b, ".kana,.name,.org{line-height:%.2f;display:flex;align-items:center}\n"
                   ".kana{color:#222;align-items:flex-end}\n.name{font-weight:bold}\n"
                   ".org{white-space:normal!important;overflow-wrap:anywhere;"
                   "text-wrap:balance}\n",
                LINE_HEIGHT);
    strbuf_addf(b, ".seats{display:flex;gap:%.2fmm;align-items:stretch}\n"
                   ".seat{box-sizing:border-box;border:.25mm solid #555;border-radius:1.2mm;"
                   "padding:0 %.2fmm;display:flex;flex-direction:column;overflow:hidden}\n"
                   ".seat .cap{height:%.2fmm;line-height:%.2f;color:#333;white-space:nowrap;"
                   "overflow:hidden;padding-top:.3mm}\n"
                   ".seat .role{border:.2mm solid #000;border-radius:.8mm;padding:0 .3em;"
                   "font-weight:bold;color:#000}\n"
                   ".seat .num{flex:1;display:flex;align-items:center;justify-content:center;"
                   "font-weight:bold;line-height:%.2f;white-space:nowrap;overflow:hidden}\n",
                s.box_gap, s.box_pad, s.caption, LINE_HEIGHT, NUM_LINE_HEIGHT);
    if (has_rounds(c->plan)) /* the arrows of an itinerary (other plans keep their bytes) */
        strbuf_addf(b, ".seat .to{font-size:%.2fem;margin:0 %.2fem;font-weight:normal}\n",
                    ARROW_SIZE, ARROW_MARGIN / ARROW_SIZE);
    strbuf_add(b, ".screen{display:none}\n"
                  "@media screen{html{background:#888}body{padding:4mm 0}"
                  ".sheet{margin:0 auto 6mm;background:#fff;box-shadow:0 1mm 3mm #0006}"
                  ".badge{outline:.2mm dashed #aaa}"
                  ".screen{display:block;max-width:190mm;margin:0 auto 4mm;padding:3mm 5mm;"
                  "background:#fff;font-size:10pt}}\n");
    chart_html_profession_css(c, b);
}

/* What the screen shows above the sheets: which labels, how many, and to
 * print at 100 %. */
static void screen_note(const chart_ctx *c, size_t count, strbuf *b)
{
    const tsunagu_badge_layout *l = c->opt->badge_layout;
    int per = tsunagu_badge_layout_per_page(l);
    strbuf_add(b, "<div class=\"screen\"><strong>");
    H(b, TR("Name badges", "名札"));
    strbuf_add(b, "</strong>: ");
    H(b, tsunagu_badge_layout_title(l));
    strbuf_addf(b, TR(" · %zu badges on %zu sheets. ", "・%zu 人分、%zu 枚。"), count,
                (count + (size_t)per - 1) / (size_t)per);
    H(b, TR("Print at 100 % (actual size), without margins, headers or footers.",
            "倍率 100%（実際のサイズ）、余白なし、ヘッダーとフッターなしで印刷してください。"));
    strbuf_add(b, "</div>\n");
}

int chart_render_badges(const chart_ctx *c, strbuf *out, tsunagu_diags *diags)
{
    tsunagu_badge_layout *own = NULL;
    chart_ctx cc = *c;
    tsunagu_chart_options opt = *c->opt;
    if (!opt.badge_layout) {
        own = tsunagu_badge_layout_load(TSUNAGU_BADGE_LAYOUT_DEFAULT, diags);
        if (!own)
            return -1;
        opt.badge_layout = own;
    }
    cc.opt = &opt;
    const tsunagu_plan *p = c->plan;
    const tsunagu_badge_layout *l = opt.badge_layout;
    strbuf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                tsunagu_lang_get() == TSUNAGU_LANG_EN ? "en" : "ja");
    strbuf_add(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; img-src data:\">\n<title>");
    H(out, TR("Name badges", "名札"));
    if (p->event && p->event->title) {
        strbuf_add(out, " — ");
        H(out, p->event->title);
    }
    strbuf_add(out, "</title>\n<style>\n");
    badge_css(&cc, out);
    strbuf_add(out, "</style>\n</head>\n<body>\n");
    size_t count = 0, n = p->roster ? p->roster->count : 0;
    for (size_t i = 0; i < n; i++)
        count += c->attendee_changed[c->reading_order[i]];
    screen_note(&cc, count, out);
    int per = tsunagu_badge_layout_per_page(l), k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t ai = c->reading_order[i]; /* the reception list's order */
        if (!c->attendee_changed[ai])
            continue;
        if (k % per == 0)
            strbuf_add(out, k ? "</section>\n<section class=\"sheet\">\n"
                              : "<section class=\"sheet\">\n");
        int col = (k % per) % l->columns, row = (k % per) / l->columns;
        render_badge(&cc, ai, l->left + col * (l->label_w + l->gap_x),
                     l->top + row * (l->label_h + l->gap_y), out);
        k++;
    }
    if (k)
        strbuf_add(out, "</section>\n");
    strbuf_add(out, "</body>\n</html>\n");
    tsunagu_badge_layout_free(own);
    return 0;
}
