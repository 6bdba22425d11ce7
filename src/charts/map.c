/* map.c - the room map of each session: one SVG per printed page.
 *
 * Each table is a circle with its id and its place (regions, or a group's
 * track) inside, the seats around it with a profession mark and a name.
 * The place is never cut short: it wraps onto more lines and shrinks down
 * to a smallest size; a place that does not fit even then goes to a key
 * under the tables ("※1"), in the same SVG.  A session over several pages
 * spreads its tables evenly (13 tables: 7 + 6, not 12 + 1), every page at
 * the same scale.  A session with rounds has a map per round, headed with
 * the round's name and times. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charts/chart_private.h"
#include "tsunagu/text.h"
#include "util/tr.h"

#define H(b, s) strbuf_add_html((b), (s))
#define PI 3.14159265358979323846

#define MAP_COLS 4
#define MAP_ROWS 3
#define MAP_PER_PAGE (MAP_COLS * MAP_ROWS)
#define CELL_W 250.0
#define CELL_H 190.0
#define TABLE_R 40.0
#define SEAT_R 52.0
#define MARK_R 9.0
#define NAME_R 64.0
#define NAME_SIZE 11.0
#define MAP_W_MM 279.0  /* landscape A4 less 8 mm margins, a little spare */
#define MAP_H_MM 150.0  /* less the headings and the legend */
#define MAP_SCALE 0.55  /* mm per unit at most: names at about 17 pt */

/* The place inside a circle. */
#define PLACE_PAD 3.0       /* between a line's ends and the circle's edge */
#define PLACE_MAX_LINES 8
#define PLACE_SQUEEZE 0.85  /* at the smallest size a line may be squeezed to this */
#define KEY_SIZE 11.0       /* the key under the tables */
#define KEY_PITCH 15.0
#define KEY_MARGIN 8.0

/* ---- text ---------------------------------------------------------------- */

/* An SVG <text>; squeezed with textLength when it would be wider than maxw
 * user units, so long names never run into the next table. */
static void svg_text(strbuf *b, double x, double y, double size, const char *anchor,
                     const char *cls, double maxw, const char *text)
{
    strbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"%s\" "
                      "dominant-baseline=\"central\"",
                   x, y, size, anchor);
    if (cls)
        strbuf_addf(b, " class=\"%s\"", cls);
    if (chart_text_em(text) * size > maxw)
        strbuf_addf(b, " textLength=\"%.1f\" lengthAdjust=\"spacingAndGlyphs\"", maxw);
    strbuf_add(b, ">");
    H(b, text);
    strbuf_add(b, "</text>");
}

/* A place as pieces a line may break between: the regions of an exchange
 * table, or a track's label split at "・" (at spaces when it has none).
 * On one line, piece i is followed by join[i]; a line that breaks after
 * it ends with tail[i] instead (a "-" stays, a separator goes). */
typedef struct {
    char **piece;
    const char **join, **tail;
    int n;
} pieces;

static void pieces_add(pieces *pc, const char *s, size_t len, const char *join, const char *tail)
{
    if (len == 0)
        return;
    size_t n = (size_t)pc->n + 1;
    pc->piece = realloc(pc->piece, n * sizeof *pc->piece);
    pc->join = realloc(pc->join, n * sizeof *pc->join);
    pc->tail = realloc(pc->tail, n * sizeof *pc->tail);
    if (!pc->piece || !pc->join || !pc->tail)
        abort();
    pc->piece[pc->n] = str_ndup(s, len);
    if (!pc->piece[pc->n])
        abort();
    pc->join[pc->n] = join;
    pc->tail[pc->n] = tail;
    pc->n++;
}

/* Add s split at each sep (kept at a line's end when keep); the last part
 * is followed by join and tail. */
static void pieces_split(pieces *pc, const char *s, const char *sep, bool keep, const char *join,
                         const char *tail)
{
    for (const char *at = s;;) {
        const char *next = strstr(at, sep);
        if (!next) {
            pieces_add(pc, at, strlen(at), join, tail);
            return;
        }
        pieces_add(pc, at, (size_t)(next - at), sep, keep ? sep : "");
        at = next + strlen(sep);
    }
}

/* The place of table t as pieces (free with pieces_free).  words: a
 * region's name may break after a hyphen too ("Sanbu-" / "Chosei-Isumi");
 * otherwise every region stays whole on its line. */
static pieces place_pieces(const tsunagu_plan *p, const tsunagu_session_plan *s,
                           const tsunagu_table *t, bool words)
{
    pieces pc = {NULL, NULL, NULL, 0};
    if (t->track) { /* the label's track part; its own name is the number's line */
        char *head, *tail;
        chart_label_parts(s->spec, t, &head, &tail);
        pieces_split(&pc, head, strstr(head, "・") ? "・" : " ", false, "", "");
        free(head);
        free(tail);
        return pc;
    }
    for (int i = 0; i < t->n_regions; i++) {
        const char *r = chart_region_label(p, t->regions[i]);
        if (words)
            pieces_split(&pc, r, "-", true, TR(" / ", "・"), "");
        else
            pieces_add(&pc, r, strlen(r), TR(" / ", "・"), "");
    }
    return pc;
}

static void pieces_free(pieces *pc)
{
    for (int i = 0; i < pc->n; i++)
        free(pc->piece[i]);
    free(pc->piece);
    free(pc->join);
    free(pc->tail);
}

/* Pieces [a, b) as one line, after prefix.  Caller frees. */
static char *pieces_line(const pieces *pc, const char *prefix, int a, int b)
{
    strbuf l = {0};
    strbuf_add(&l, prefix);
    for (int i = a; i < b; i++) {
        strbuf_add(&l, pc->piece[i]);
        strbuf_add(&l, i + 1 < b ? pc->join[i] : b < pc->n ? pc->tail[i] : "");
    }
    return l.data;
}

/* The most pieces from a on that fit width user units at size after
 * prefix: returns the end b (b == a: not even one). */
static int pieces_fill(const pieces *pc, const char *prefix, int a, double width, double size)
{
    int b = a;
    while (b < pc->n) {
        char *line = pieces_line(pc, prefix, a, b + 1);
        bool fits = chart_text_em(line) * size <= width;
        free(line);
        if (!fits)
            break;
        b++;
    }
    return b;
}

/* ---- the place inside a circle ------------------------------------------- */

/* Where the number and the place's lines go, as offsets from the centre. */
typedef struct {
    double num_size, num_y; /* the number: a table's id, a group's own name */
    double size, y, pitch;  /* lines: size, first line's centre, distance between lines */
    int n;
    char *line[PLACE_MAX_LINES]; /* owned */
    int key;                     /* > 0: the place is in the key as ※key; line[0] says so */
} place_layout;

/* Width inside the circle of a band of text centred at y (offset from
 * the centre), size high; 0 when the band leaves the circle. */
static double chord(double y, double size)
{
    double dy = fmax(fabs(y - size / 2), fabs(y + size / 2));
    if (dy >= TABLE_R - 1)
        return 0;
    return 2 * sqrt(TABLE_R * TABLE_R - dy * dy) - 2 * PLACE_PAD;
}

/* Lay the pieces out in n lines of size size under a number of num_size,
 * the whole centred in the circle; squeeze: how much narrower than its
 * estimate a line may be made.  False when they do not fit. */
static bool place_try(const pieces *pc, double num_size, double size, int n, double squeeze,
                      place_layout *lay)
{
    double num_h = 0.75 * num_size, gap = 0.45 * size, pitch = 1.15 * size;
    double block = num_h + gap + (n - 1) * pitch + size;
    if (block > 2 * (TABLE_R - PLACE_PAD))
        return false;
    double top = -block / 2;
    place_layout l = {num_size, top + num_h / 2, size, top + num_h + gap + size / 2, pitch, 0,
                      {NULL}, 0};
    int a = 0;
    for (int i = 0; i < n && a < pc->n; i++) {
        double y = l.y + i * pitch;
        int b = pieces_fill(pc, "", a, chord(y, size) / squeeze, size);
        if (b == a)
            break;
        l.line[l.n++] = pieces_line(pc, "", a, b);
        a = b;
    }
    if (a < pc->n) {
        for (int i = 0; i < l.n; i++)
            free(l.line[i]);
        return false;
    }
    *lay = l;
    return true;
}

/* The largest lines that hold the whole place: first with the full-size
 * number down to 9 units, then with a smaller number down to 7 (the last
 * size squeezed a little); at each size regions kept whole first, then
 * broken after a hyphen (words).  key_no: the key's number should nothing
 * fit. */
static place_layout place_layout_new(const pieces *whole, const pieces *words, bool group,
                                     const char *num, int key_no)
{
    /* A group's own name (グループD) is longer than a number: as large as
     * the circle's width allows squeezed a little (svg_text), at most 20. */
    const double num_full =
        group ? fmin(20, (2 * (TABLE_R - PLACE_PAD) - 6) / (chart_text_em(num) * PLACE_SQUEEZE))
              : 28;
    place_layout lay = {num_full, -12, 12, 0, 0, 0, {NULL}, 0};
    if (whole->n == 0) {
        lay.num_y = 0;
        return lay;
    }
    static const struct {
        double num, size, squeeze;
    } tries[] = {{1, 12, 1}, {1, 11, 1}, {1, 10, 1}, {1, 9, 1}, {0.85, 9, 1}, {0.85, 8, 1},
                 {0.7, 8, 1}, {0.7, 7.5, 1}, {0.7, 7, 1}, {0.7, 7, PLACE_SQUEEZE}};
    for (size_t k = 0; k < sizeof tries / sizeof tries[0]; k++)
        for (int split = 0; split < 2; split++)
            for (int n = 1; n <= PLACE_MAX_LINES; n++)
                if (place_try(split ? words : whole, num_full * tries[k].num, tries[k].size, n,
                              tries[k].squeeze, &lay))
                    return lay;
    /* In the key: the number and its mark, as for one line. */
    lay = (place_layout){num_full, -7.5, 12, 11.5, 0, 1, {NULL}, key_no};
    strbuf mark = {0};
    strbuf_addf(&mark, TR("see *%d", "※%d"), key_no);
    lay.line[0] = mark.data;
    return lay;
}

/* Frees the lines of a layout from place_layout_new. */
static void place_layout_free(place_layout *lay)
{
    for (int i = 0; i < lay->n; i++)
        free(lay->line[i]);
}

static void place_draw(const place_layout *lay, const char *num, strbuf *b, double cx, double cy)
{
    double num_w = chord(lay->num_y, lay->num_size * 0.75);
    svg_text(b, cx, cy + lay->num_y, lay->num_size, "middle", "tid", num_w > 0 ? num_w : TABLE_R,
             num);
    for (int i = 0; i < lay->n; i++) {
        double y = lay->y + i * lay->pitch;
        svg_text(b, cx, cy + y, lay->size, "middle", lay->key ? "place keyed" : "place",
                 chord(y, lay->size), lay->line[i]);
    }
}

/* The number's line inside a table's circle: a table's id ("3"), a
 * group's own name ("グループD"; its track's part is the place below).
 * Caller frees. */
static char *table_number(const tsunagu_session_plan *sp, const tsunagu_table *t)
{
    if (!t->track)
        return tsunagu_strdup(t->id);
    char *head, *tail;
    chart_label_parts(sp->spec, t, &head, &tail);
    free(head);
    return tail;
}

/* ---- one table ----------------------------------------------------------- */

/* Seat order around a table: the mix rule's sides take turns as evenly
 * as their numbers allow, so neighbours meet another profession.  Takes
 * the n members (roster indices) in reading order; fills order[0..n) with
 * roster indices.  People on no side form a group of their own. */
static void seat_order(const tsunagu_plan *p, const tsunagu_session_spec *spec,
                       const size_t *members, size_t n, size_t *order)
{
    const int G = spec->n_sides + 1;
    size_t count[TSUNAGU_MAX_PROFESSIONS + 1] = {0}, taken[TSUNAGU_MAX_PROFESSIONS + 1] = {0};
    size_t next[TSUNAGU_MAX_PROFESSIONS + 1] = {0};
    int *group = malloc((n ? n : 1) * sizeof *group);
    if (!group)
        abort();
    for (size_t m = 0; m < n; m++) {
        int side = spec->side[p->roster->items[members[m]].profession];
        group[m] = side >= 0 ? side : G - 1;
        count[group[m]]++;
    }
    for (size_t k = 0; k < n; k++) {
        /* Take from the group furthest behind its share: the least
         * (2 taken + 1) / count, the first group on a tie. */
        int g = -1;
        for (int h = 0; h < G; h++)
            if (taken[h] < count[h] &&
                (g < 0 || (taken[h] * 2 + 1) * count[g] < (taken[g] * 2 + 1) * count[h]))
                g = h;
        while (group[next[g]] != g)
            next[g]++;
        order[k] = members[next[g]++];
        taken[g]++;
    }
    free(group);
}

static void map_seats(const chart_ctx *ctx, const tsunagu_session_plan *s, const tsunagu_table *t,
                      strbuf *b, double cx, double cy)
{
    const tsunagu_plan *p = ctx->plan;
    size_t n = t->n_members;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        abort();
    size_t *members = chart_members_by_reading(ctx, t);
    seat_order(p, s->spec, members, n, order);
    free(members);
    for (size_t k = 0; k < n; k++) {
        const tsunagu_attendee *a = &p->roster->items[order[k]];
        double th = (-90.0 + 360.0 * (double)k / (double)n) * PI / 180.0;
        double c = cos(th), sn = sin(th);
        /* data-attendee lets the web page (tsunagu serve) drag this seat. */
        strbuf_add(b, "<g class=\"seat\" data-attendee=\"");
        H(b, a->id);
        strbuf_add(b, "\">");
        strbuf_addf(b, "<circle class=\"mark p%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>",
                       (int)a->profession, cx + SEAT_R * c, cy + SEAT_R * sn, MARK_R);
        strbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" font-weight=\"bold\" "
                          "fill=\"#fff\" text-anchor=\"middle\" dominant-baseline=\"central\">"
                          "%s</text>",
                       cx + SEAT_R * c, cy + SEAT_R * sn, chart_profession_mark(p, a->profession));
        /* Names grow outwards from their seat; only the seats straight
         * above or below the table are centred, so two names near the
         * bottom never meet.  Names nearer the vertical sit a little
         * further out to clear their mark. */
        double r = NAME_R + 6 * fabs(sn);
        if (fabs(c) > 0.15) {
            double x = cx + NAME_R * c + (c > 0 ? 2 : -2);
            double room = CELL_W / 2 - fabs(x - cx) - 8; /* a gap to the next table's names */
            svg_text(b, x, cy + r * sn, NAME_SIZE, c > 0 ? "start" : "end", "name", room,
                     a->name);
        } else {
            svg_text(b, cx + r * c, cy + r * sn, NAME_SIZE, "middle", "name", CELL_W * 0.6,
                     a->name);
        }
        strbuf_add(b, "</g>");
    }
    free(order);
}

static void map_legend(const tsunagu_plan *p, strbuf *b)
{
    strbuf_add(b, "<div class=\"legend\">");
    for (int pr = 0; pr < tsunagu_professions_count(p->roster->professions); pr++) {
        if (!tsunagu_professions_seated(p->roster->professions, pr))
            continue;
        strbuf_addf(b, "<span class=\"m p%d\">", pr);
        H(b, chart_profession_mark(p, pr));
        strbuf_add(b, "</span>");
        H(b, tsunagu_professions_label(p->roster->professions, pr)); /* full name */
    }
    strbuf_add(b, "</div>\n");
}

/* ---- pages ----------------------------------------------------------------- */

/* A page of a session's map: tables [first, first + count) in a grid of
 * cols columns, and the key's lines under it. */
typedef struct {
    int first, count, cols, rows;
    int key_lines;
} map_page;

/* The scale (mm per unit) at which count tables print largest in a grid
 * of at most MAP_COLS x MAP_ROWS within the page, capped at MAP_SCALE. */
static double grid_scale(int count)
{
    double scale = 0;
    for (int k = 1; k <= MAP_COLS; k++) {
        int r = (count + k - 1) / k;
        double sx = MAP_W_MM / (k * CELL_W), sy = MAP_H_MM / (r * CELL_H);
        double sc = sx < sy ? sx : sy;
        if (r <= MAP_ROWS && sc > scale)
            scale = sc;
    }
    return scale < MAP_SCALE ? scale : MAP_SCALE;
}

/* Columns for count tables at scale: the grid that fits the page with the
 * fewest empty cells, the wider one on a tie (the page is landscape). */
static int grid_cols(int count, double scale)
{
    int best = MAP_COLS, best_empty = -1;
    for (int k = 1; k <= MAP_COLS; k++) {
        int r = (count + k - 1) / k;
        if (r > MAP_ROWS || k * CELL_W * scale > MAP_W_MM + 1e-6 ||
            r * CELL_H * scale > MAP_H_MM + 1e-6)
            continue;
        int empty = k * r - count;
        if (best_empty < 0 || empty <= best_empty) {
            best = k;
            best_empty = empty;
        }
    }
    return best;
}

int chart_map_page_count(int n_tables)
{
    return n_tables > 0 ? (n_tables + MAP_PER_PAGE - 1) / MAP_PER_PAGE : 0;
}

int chart_map_page_size(int n_tables, int page)
{
    int pages = chart_map_page_count(n_tables);
    if (page < 0 || page >= pages)
        return 0;
    return n_tables / pages + (page < n_tables % pages);
}

/* The key's entry for a table: "※1 テーブル11: 千葉・東葛南部・...", wrapped
 * between regions to width user units, later lines indented.  Drawn into
 * b from *y on (one line every KEY_PITCH) when b is not NULL.  Returns
 * its number of lines. */
static int key_entry(const tsunagu_session_plan *sp, const tsunagu_table *t, const pieces *pc,
                     int key_no, double width, strbuf *b, double *y)
{
    const double indent = 2 * KEY_SIZE;
    char *label = chart_table_label(sp->spec, t);
    strbuf prefix = {0};
    strbuf_addf(&prefix, TR("*%d %s: ", "※%d %s: "), key_no, label);
    free(label);
    int count = 0;
    for (int a = 0; a < pc->n; count++) {
        const char *pre = a == 0 ? prefix.data : "";
        double x = KEY_MARGIN + (a == 0 ? 0 : indent), w = width - (a == 0 ? 0 : indent);
        int end = pieces_fill(pc, pre, a, w, KEY_SIZE);
        if (end == a)
            end = a + 1; /* a region wider than the page: squeezed when drawn */
        if (b) {
            char *line = pieces_line(pc, pre, a, end);
            svg_text(b, x, *y, KEY_SIZE, "start", "key", w, line);
            free(line);
            *y += KEY_PITCH;
        }
        a = end;
    }
    free(prefix.data);
    return count;
}

/* One session's map (of one round: a session with rounds has a map per
 * round): its tables' layouts, then the pages. */
typedef struct {
    const chart_ctx *c;
    const tsunagu_session_plan *session; /* the session, for its heading */
    int round;                           /* 0-based */
    const tsunagu_session_plan *sp;      /* the round's seating (round 0: session) */
    place_layout *lay; /* per table */
    pieces *pc;        /* per table */
    map_page *page;
    int n_pages;
    double scale;
} session_map;

static void session_map_init(session_map *m, const chart_ctx *c, const tsunagu_session_plan *session,
                             int round)
{
    const tsunagu_session_plan *sp = chart_round(session, round);
    int nt = sp->n_tables;
    m->c = c;
    m->session = session;
    m->round = round;
    m->sp = sp;
    m->lay = calloc((size_t)nt, sizeof *m->lay);
    m->pc = calloc((size_t)nt, sizeof *m->pc);
    m->n_pages = chart_map_page_count(nt);
    m->page = calloc((size_t)m->n_pages, sizeof *m->page);
    if (!m->lay || !m->pc || !m->page)
        abort();
    int keys = 0;
    for (int t = 0; t < nt; t++) {
        m->pc[t] = place_pieces(c->plan, sp, &sp->tables[t], false);
        pieces words = place_pieces(c->plan, sp, &sp->tables[t], true);
        char *num = table_number(sp, &sp->tables[t]);
        m->lay[t] = place_layout_new(&m->pc[t], &words, sp->tables[t].track != NULL, num, keys + 1);
        free(num);
        pieces_free(&words);
        keys += m->lay[t].key > 0;
    }
    /* Pages as even as they go; the scale of the fullest, on every page. */
    m->scale = grid_scale(chart_map_page_size(nt, 0));
    double height = 0; /* the tallest page, in units */
    for (int pg = 0, first = 0; pg < m->n_pages; pg++) {
        map_page *p = &m->page[pg];
        p->first = first;
        p->count = chart_map_page_size(nt, pg);
        p->cols = grid_cols(p->count, m->scale);
        p->rows = (p->count + p->cols - 1) / p->cols;
        for (int t = first; t < first + p->count; t++)
            if (m->lay[t].key)
                p->key_lines += key_entry(sp, &sp->tables[t], &m->pc[t], m->lay[t].key,
                                          p->cols * CELL_W - 2 * KEY_MARGIN, NULL, NULL);
        double h = p->rows * CELL_H + (p->key_lines ? p->key_lines * KEY_PITCH + KEY_MARGIN : 0);
        height = fmax(height, h);
        first += p->count;
    }
    /* A key takes its room from the tables, alike on every page. */
    if (height * m->scale > MAP_H_MM)
        m->scale = MAP_H_MM / height;
}

static void session_map_free(session_map *m)
{
    for (int t = 0; t < m->sp->n_tables; t++) {
        place_layout_free(&m->lay[t]);
        pieces_free(&m->pc[t]);
    }
    free(m->lay);
    free(m->pc);
    free(m->page);
}

static void draw_key(const session_map *m, const map_page *pg, strbuf *b)
{
    double width = pg->cols * CELL_W - 2 * KEY_MARGIN;
    double y = pg->rows * CELL_H + KEY_MARGIN + KEY_PITCH / 2;
    for (int t = pg->first; t < pg->first + pg->count; t++)
        if (m->lay[t].key)
            key_entry(m->sp, &m->sp->tables[t], &m->pc[t], m->lay[t].key, width, b, &y);
}

static void draw_page(const session_map *m, int pgno, strbuf *b)
{
    const chart_ctx *c = m->c;
    const tsunagu_session_plan *sp = m->sp;
    const map_page *pg = &m->page[pgno];
    bool rounds = chart_round_count(m->session) > 1;
    chart_html_open_section(c, b, "map");
    strbuf_add(b, "<h2>");
    strbuf_add(b, TR("Room map: ", "会場図: "));
    if (rounds) { /* which round, first and boxed: three maps look alike */
        char *round = chart_round_heading(m->session, m->round, "–");
        strbuf_add(b, "<span class=\"round\">");
        H(b, round);
        strbuf_add(b, "</span> ");
        free(round);
    }
    chart_html_session_heading(b, sp->spec);
    if (m->n_pages > 1)
        strbuf_addf(b, " <small>(%d/%d)</small>", pgno + 1, m->n_pages);
    strbuf_add(b, "</h2>\n");
    double w = CELL_W * pg->cols;
    double h = CELL_H * pg->rows + (pg->key_lines ? pg->key_lines * KEY_PITCH + KEY_MARGIN : 0);
    strbuf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                      "style=\"width:%.1fmm;height:%.1fmm\" data-session=\"",
                   w, h, w * m->scale, h * m->scale);
    H(b, sp->spec ? sp->spec->id : "");
    /* a later round is named as its moves are ("morning#2"): the web page
     * drags the seats of the session's own map, round 1 */
    if (m->round > 0)
        strbuf_addf(b, "#%d", m->round + 1);
    strbuf_add(b, "\">");
    for (int i = 0; i < pg->count; i++) {
        const tsunagu_table *t = &sp->tables[pg->first + i];
        double cx = CELL_W * (i % pg->cols) + CELL_W / 2;
        double cy = CELL_H * (i / pg->cols) + CELL_H / 2;
        strbuf_add(b, "<g class=\"tbl\" data-table=\"");
        H(b, t->id);
        strbuf_add(b, "\">");
        strbuf_addf(b, "<circle class=\"table\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", cx, cy,
                       TABLE_R);
        char *num = table_number(sp, t);
        place_draw(&m->lay[pg->first + i], num, b, cx, cy);
        free(num);
        map_seats(c, sp, t, b, cx, cy);
        strbuf_add(b, "</g>\n");
    }
    if (pg->key_lines)
        draw_key(m, pg, b);
    strbuf_add(b, "</svg>\n");
    map_legend(c->plan, b);
    strbuf_add(b, "</section>\n");
}

void chart_render_map(const chart_ctx *c, strbuf *b)
{
    const tsunagu_plan *p = c->plan;
    for (int s = 0; s < p->n_sessions; s++) {
        const tsunagu_session_plan *sp = &p->sessions[s];
        if (!c->session_changed[s] || sp->n_tables == 0)
            continue;
        for (int r = 0; r < chart_round_count(sp); r++) {
            if (!c->round_changed[s][r])
                continue;
            session_map m;
            session_map_init(&m, c, sp, r);
            for (int pg = 0; pg < m.n_pages; pg++)
                draw_page(&m, pg, b);
            session_map_free(&m);
        }
    }
}
