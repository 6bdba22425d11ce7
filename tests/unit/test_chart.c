/* test_chart.c - printable charts: escaping, あいうえお order, aligned
 * text, CSV encodings, reprinting only what changed.
 *
 * The plan is built in memory from a small roster with a fixed seating,
 * so these tests need neither the solver nor the plan reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/tsunagu.h"
#include "charts/chart_private.h"
#include "tsunagarou.h"

static const char roster_csv[] =
    "id,name,kana,profession,organization,region,experience\n"
    "A01,中村　千尋,ナカムラ　チヒロ,CSS,我孫子相談支援センター,東葛北部,experienced\n"
    "A02,<script>alert(1)</script>,すくりぷと,MSW,\"Tom & Jerry's \"\"Clinic\"\"\",千葉,experienced\n"
    "A03,Maria Garcia-Lopez,ガルシア　マリア,MSW,船橋中央病院,東葛南部,experienced\n"
    "A04,伊藤　悠,ｲﾄｳ ﾊﾙｶ,MSW,美浜総合病院,千葉,experienced\n"
    "A05,加藤　陽子,かとう　ようこ,CENTER,\"=HYPERLINK(\"\"http://x\"\")\",千葉,planning\n"
    "A06,安部　一郎,アベ　イチロウ,CSS,船橋中央病院,東葛南部,experienced\n"
    "A07,John Smith,すみす　じょん,CSS,Chiba Support Office,千葉,experienced\n"
    "A08,佐藤　和也,サトウ　カズヤ,MSW,柏の葉病院,東葛北部,experienced\n"
    "A09,森　事務局,モリ　ジムキョク,OTHER,協会,千葉,experienced\n";

/* Morning: two exchange tables; afternoon: one group per track. */
static const char *const morning[2][5] = {{"A02", "A04", "A05", "A07", NULL},
                                          {"A01", "A03", "A06", "A08", NULL}};
static const char *const afternoon[2][5] = {{"A02", "A03", "A04", "A08", NULL},
                                            {"A01", "A05", "A06", "A07", NULL}};

static tsunagu_regions *chiba;

static void fill_table(tsunagu_plan *p, tsunagu_session_plan *s, int t, const char *id,
                       const char *label, const char *track, const char *region,
                       const char *const *ids)
{
    tsunagu_table *tb = &s->tables[t];
    tb->id = strdup(id);
    tb->label = strdup(label);
    tb->track = track ? strdup(track) : NULL;
    if (region) {
        tb->regions = malloc(sizeof(int));
        tb->regions[0] = tsunagu_regions_find(p->regions, region);
        tb->n_regions = 1;
    }
    tb->members = calloc(5, sizeof(size_t));
    for (; ids[tb->n_members]; tb->n_members++) {
        long a = tsunagu_roster_find(p->roster, ids[tb->n_members]);
        assert_true(a >= 0);
        tb->members[tb->n_members] = (size_t)a;
        s->seat[a] = t;
    }
}

static void fill_session(tsunagu_plan *p, int si, const char *id, const char *title,
                         tsunagu_session_kind kind)
{
    tsunagu_session_spec *spec = &p->event->sessions[si];
    spec->id = strdup(id);
    spec->title = strdup(title);
    spec->start = strdup(si == 0 ? "11:10" : "13:00");
    spec->end = strdup(si == 0 ? "12:10" : "15:00");
    spec->kind = kind;
    tsunagu_session_plan *s = &p->sessions[si];
    s->spec = spec;
    s->tables = calloc(2, sizeof *s->tables);
    s->n_tables = 2;
    s->seat = malloc(p->roster->count * sizeof(int));
    for (size_t i = 0; i < p->roster->count; i++)
        s->seat[i] = -1;
}

/* Caller frees with free_plan.  swap: exchange A04 and A01 in the morning
 * (a re-plan that changes both morning tables). */
static tsunagu_plan *make_plan(const char *csv, bool swap)
{
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_plan *p = calloc(1, sizeof *p);
    p->regions = chiba;
    p->roster = tsunagu_roster_read_buffer(csv, strlen(csv), "attendees.csv", chiba, NULL, d);
    if (!p->roster)
        tsunagu_diags_print(d, stderr);
    assert_non_null(p->roster);
    tsunagu_diags_free(d);
    p->event = calloc(1, sizeof *p->event);
    p->event->title = strdup("つながろう会");
    p->event->date = strdup("2014-10-31");
    p->event->venue = strdup("千葉県教育会館");
    p->event->sessions = calloc(2, sizeof(tsunagu_session_spec));
    p->event->n_sessions = 2;
    p->sessions = calloc(2, sizeof *p->sessions);
    p->n_sessions = 2;
    fill_session(p, 0, "morning", "意見交換", TSUNAGU_EXCHANGE);
    fill_session(p, 1, "afternoon", "グループワーク", TSUNAGU_WORKGROUP);
    tsunagu_session_spec *pm = &p->event->sessions[1];
    pm->tracks = calloc(2, sizeof *pm->tracks);
    pm->n_tracks = 2;
    pm->tracks[0] = (tsunagu_track){.id = strdup("MSW"), .label = strdup("MSW"),
                                    .professions = 1u << TSUNAGU_MSW};
    pm->tracks[1] = (tsunagu_track){.id = strdup("CSS"), .label = strdup("相談支援専門員・センター"),
                                    .label_en = strdup("Specialists and centres"),
                                    .professions = 1u << TSUNAGU_CSS | 1u << TSUNAGU_CENTER};
    const char *m0[5], *m1[5];
    memcpy(m0, morning[0], sizeof m0);
    memcpy(m1, morning[1], sizeof m1);
    if (swap) {
        m0[1] = "A01";
        m1[0] = "A04";
    }
    fill_table(p, &p->sessions[0], 0, "1", "テーブル1", NULL, "千葉", m0);
    fill_table(p, &p->sessions[0], 1, "2", "テーブル2", NULL, "東葛南部", m1);
    fill_table(p, &p->sessions[1], 0, "MSW-A", "MSW グループA", "MSW", NULL, afternoon[0]);
    fill_table(p, &p->sessions[1], 1, "CSS-A", "相談支援専門員・センター グループA", "CSS", NULL,
               afternoon[1]);
    return p;
}

static void free_plan(tsunagu_plan *p)
{
    for (int i = 0; i < p->n_scores; i++) { /* when a test scored it */
        free(p->scores[i].session);
        free(p->scores[i].key);
    }
    free(p->scores);
    p->scores = NULL;
    p->n_scores = 0;
    for (int s = 0; s < p->n_sessions; s++) {
        for (int t = 0; t < p->sessions[s].n_tables; t++) {
            tsunagu_table *tb = &p->sessions[s].tables[t];
            free(tb->id);
            free(tb->label);
            free(tb->track);
            free(tb->regions);
            free(tb->members);
        }
        free(p->sessions[s].tables);
        free(p->sessions[s].seat);
        tsunagu_session_spec *spec = &p->event->sessions[s];
        free(spec->id);
        free(spec->title);
        free(spec->start);
        free(spec->end);
        for (int k = 0; k < spec->n_tracks; k++) {
            free(spec->tracks[k].id);
            free(spec->tracks[k].label);
            free(spec->tracks[k].label_en);
        }
        free(spec->tracks);
    }
    free(p->sessions);
    free(p->event->sessions);
    free(p->event->title);
    free(p->event->date);
    free(p->event->venue);
    free(p->event);
    tsunagu_roster_free(p->roster);
    free(p);
}

static char *render(const tsunagu_plan *p, tsunagu_chart_format f, size_t *len)
{
    tsunagu_chart_options opt;
    tsunagu_chart_options_init(&opt);
    opt.format = f;
    opt.directory = true;
    tsunagu_diags *d = tsunagu_diags_new();
    char *out = tsunagu_chart_render(p, &opt, len, d);
    assert_non_null(out);
    assert_int_equal(tsunagu_diags_count(d), 0);
    tsunagu_diags_free(d);
    return out;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static int setup(void **state)
{
    tsunagu_diags *d = tsunagu_diags_new();
    chiba = tsunagu_regions_load_default(d);
    if (!chiba)
        tsunagu_diags_print(d, stderr);
    tsunagu_diags_free(d);
    return chiba ? 0 : -1;
}

static int teardown(void **state)
{
    tsunagu_regions_free(chiba);
    return 0;
}

static void reset_lang(void)
{
    tsunagu_lang_set(TSUNAGU_LANG_JA);
}

/* ---- escaping ---------------------------------------------------------- */

static void html_shows_markup_in_names_as_text(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    assert_int_equal(strlen(html), len);
    /* The chart has no script of its own, so any <script is an injection. */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "alert(1)</"));
    /* Map (SVG), roster, reception, directory: the name shows everywhere. */
    assert_true(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;") >= 4);
    assert_non_null(strstr(html, "Tom &amp; Jerry&#39;s &quot;Clinic&quot;"));
    assert_null(strstr(html, "Jerry's"));
    /* Self-contained: nothing to fetch. */
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "@import"));
    assert_null(strstr(html, "url("));
    free(html);
    free_plan(p);
}

static void text_and_csv_keep_markup_as_plain_text(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *text = render(p, TSUNAGU_CHART_TEXT, &len);
    assert_non_null(strstr(text, "<script>alert(1)</script>"));
    free(text);
    char *csv = render(p, TSUNAGU_CHART_CSV, &len);
    assert_non_null(strstr(csv, "\"A02\",\"<script>alert(1)</script>\""));
    assert_non_null(strstr(csv, "\"Tom & Jerry's \"\"Clinic\"\"\""));
    /* A cell that a spreadsheet would evaluate is guarded. */
    assert_non_null(strstr(csv, "\"'=HYPERLINK(\"\"http://x\"\")\""));
    free(csv);
    free_plan(p);
}

static void text_replaces_control_characters(void **state)
{
    /* An escape sequence in a name must not reach the terminal. */
    char csv[sizeof roster_csv + 16];
    snprintf(csv, sizeof csv, "%s", roster_csv);
    char *at = strstr(csv, "John Smith");
    at[4] = '\x1b';
    tsunagu_plan *p = make_plan(csv, false);
    size_t len;
    char *text = render(p, TSUNAGU_CHART_TEXT, &len);
    assert_null(strchr(text, '\x1b'));
    assert_non_null(strstr(text, "John\xEF\xBF\xBDSmith"));
    free(text);
    free_plan(p);
}

/* ---- あいうえお order -------------------------------------------------- */

static void reading_key_folds_katakana_and_width(void **state)
{
    char *a = tsunagu_chart_reading_key("カトウ　ヨウコ");
    char *b = tsunagu_chart_reading_key("かとう ようこ");
    char *c = tsunagu_chart_reading_key("ｶﾄｳ ﾖｳｺ");
    assert_string_equal(a, "かとう ようこ");
    assert_string_equal(b, a);
    assert_string_equal(c, a);
    free(a);
    free(b);
    free(c);
    char *v = tsunagu_chart_reading_key("ヴァイオリン");
    assert_string_equal(v, "ゔぁいおりん");
    free(v);
}

static void reception_and_csv_follow_reading_order(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *csv = render(p, TSUNAGU_CHART_CSV, &len);
    /* あべ いとう(half-width ｲﾄｳ) かとう がるしあ さとう すくりぷと すみす なかむら もり */
    static const char *const want[] = {"A06", "A04", "A05", "A03", "A08",
                                       "A02", "A07", "A01", "A09"};
    const char *at = csv;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char cell[16];
        snprintf(cell, sizeof cell, "\r\n\"%s\"", want[i]);
        const char *next = strstr(at, cell);
        assert_non_null(next);
        at = next + 1;
    }
    free(csv);
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    const char *rec = strstr(html, "class=\"list reception\"");
    assert_non_null(rec);
    const char *abe = strstr(rec, "安部"), *ito = strstr(rec, "伊藤"), *mori = strstr(rec, "森　");
    assert_true(abe && ito && mori && abe < ito && ito < mori);
    /* Row headings of the gojūon table. */
    assert_non_null(strstr(rec, "<th colspan=\"7\">あ</th>"));
    assert_non_null(strstr(rec, "<th colspan=\"7\">ま</th>"));
    free(html);
    free_plan(p);
}

/* Issue 15's names on the same seats (ids and professions as above). */
static const char issue15_csv[] =
    "id,name,kana,profession,organization,region,experience\n"
    "A01,近藤　一郎,コンドウ　イチロウ,CSS,我孫子相談支援センター,東葛北部,experienced\n"
    "A02,後藤　花子,ゴトウ　ハナコ,MSW,美浜総合病院,千葉,experienced\n"
    "A03,小林　翔太,コバヤシ　ショウタ,MSW,船橋中央病院,東葛南部,experienced\n"
    "A04,渡辺　大輔,ワタナベ　ダイスケ,MSW,千葉中央病院,千葉,experienced\n"
    "A05,和田　誠,わだ　まこと,CENTER,中核センター,千葉,planning\n"
    "A06,鈴木　達也,スズキ　タツヤ,CSS,船橋相談室,東葛南部,experienced\n"
    "A07,鈴木　大地,すずき　だいち,CSS,千葉相談室,千葉,experienced\n"
    "A08,ヴォーン　エマ,ヴォーン　エマ,MSW,柏の葉病院,東葛北部,experienced\n"
    "A09,森　事務局,モリ　ジムキョク,OTHER,協会,千葉,experienced\n";

/* The names appear in this order in the text from `from` to the first
 * `end` after it. */
static void assert_names_in_order(const char *from, const char *end, const char *const *names,
                                  size_t n)
{
    assert_non_null(from);
    const char *stop = strstr(from, end);
    char *block = strndup(from, stop ? (size_t)(stop - from) : strlen(from));
    const char *at = block;
    for (size_t i = 0; i < n; i++) {
        const char *next = strstr(at, names[i]);
        if (!next)
            fail_msg("%s is missing or out of order (after %s)", names[i], i ? names[i - 1] : "start");
        at = next + strlen(names[i]);
    }
    free(block);
}

static void lists_in_dictionary_order(void **state)
{
    /* A dictionary's order: ヴ as ウ (under あ), ご as こ (ごとう before
     * こばやし before こんどう), すずき だいち before すずき たつや, わだ
     * before わたなべ; hiragana and katakana alike.  Code point order put
     * ヴ last, ごとう after こんどう, たつや before だいち, わたなべ first. */
    tsunagu_plan *p = make_plan(issue15_csv, false);
    static const char *const everyone[] = {"A08", "A02", "A03", "A01", "A07",
                                           "A06", "A09", "A05", "A04"};
    size_t len;
    char *csv = render(p, TSUNAGU_CHART_CSV, &len);
    const char *at = csv;
    for (size_t i = 0; i < sizeof everyone / sizeof everyone[0]; i++) {
        char cell[16];
        snprintf(cell, sizeof cell, "\r\n\"%s\"", everyone[i]);
        const char *next = strstr(at, cell);
        if (!next)
            fail_msg("badge CSV: %s is out of reading order", everyone[i]);
        at = next + 1;
    }
    free(csv);
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    const char *rec = strstr(html, "class=\"list reception\"");
    /* headings as "...">あ</th>", whatever the table's width */
    static const char *const reception[] = {
        "\">あ</th>", "ヴォーン", "\">か</th>", "後藤", "小林",
        "近藤", "\">さ</th>", "鈴木　大地", "鈴木　達也", "森", "和田", "渡辺"};
    assert_names_in_order(rec, "</table>", reception, sizeof reception / sizeof reception[0]);
    assert_null(strstr(rec, "\">他</th>"));
    free(html);
    /* Rosters: table 1 seats A02 A04 A05 A07; CSS-A A01 A05 A06 A07. */
    char *text = render(p, TSUNAGU_CHART_TEXT, &len);
    static const char *const table1[] = {"後藤", "鈴木　大地", "和田", "渡辺"};
    assert_names_in_order(strstr(text, "テーブル1"), "\n\n", table1, 4);
    static const char *const groupa[] = {"近藤", "鈴木　大地", "鈴木　達也", "和田"};
    assert_names_in_order(strstr(text, "相談支援専門員・センター グループA"), "\n\n", groupa, 4);
    free(text);
    free_plan(p);
}

/* ---- text alignment ---------------------------------------------------- */

/* Display width of line[0..at). */
static int width_before(const char *line, const char *at)
{
    char *prefix = strndup(line, (size_t)(at - line));
    int w = tsunagu_text_width(prefix);
    free(prefix);
    return w;
}

/* Start columns (display width before each of cells[1..n)) of the row in
 * line that holds the cells in order; false when they are not all there. */
static bool cell_columns(const char *line, const char *const *cells, int n, int *cols)
{
    const char *at = strstr(line, cells[0]);
    if (!at)
        return false;
    for (int i = 1; i < n; i++) {
        at = strstr(at + strlen(cells[i - 1]), cells[i]);
        if (!at)
            return false;
        cols[i - 1] = width_before(line, at);
    }
    return true;
}

static void text_columns_align_with_mixed_scripts(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *text = render(p, TSUNAGU_CHART_TEXT, &len);
    const char *afternoon_at = strstr(text, "== グループワーク");
    assert_non_null(afternoon_at);
    /* Each session: the header row and every member's row start each
     * column at the same display column. */
    for (int s = 0; s < 2; s++) {
        int want[4], got[4], rows = 0;
        static const char *const head[] = {"氏名", "ふりがな", "職種", "所属", "地域"};
        char *copy = strdup(text);
        size_t from = s == 0 ? 0 : (size_t)(afternoon_at - text);
        size_t to = s == 0 ? (size_t)(afternoon_at - text) : len;
        copy[to] = '\0';
        bool have_head = false;
        for (char *line = strtok(copy + from, "\n"); line; line = strtok(NULL, "\n")) {
            if (!have_head && cell_columns(line, head, 5, want)) {
                have_head = true;
                continue;
            }
            for (size_t i = 0; i < p->roster->count; i++) {
                const tsunagu_attendee *a = &p->roster->items[i];
                const char *cells[] = {a->name, a->kana, chart_profession_short(p, a->profession),
                                       a->organization, tsunagu_regions_label(chiba, a->region)};
                if (strncmp(line, "  ", 2) != 0 || !cell_columns(line, cells, 5, got))
                    continue;
                assert_true(have_head);
                for (int k = 0; k < 4; k++)
                    assert_int_equal(got[k], want[k]);
                rows++;
            }
        }
        assert_int_equal(rows, 8); /* every seated attendee, once per session */
        free(copy);
    }
    /* The widest name decides: "<script>alert(1)</script>" is 25 columns,
     * wider than any Japanese name here, so readings start at 2 + 25 + 2. */
    int cols[4];
    const char *maria[] = {"Maria Garcia-Lopez", "ガルシア　マリア"};
    assert_true(cell_columns(strstr(text, "  Maria"), maria, 2, cols));
    assert_int_equal(cols[0], 2 + 25 + 2);
    free(text);
    free_plan(p);
}

/* ---- CSV encodings ----------------------------------------------------- */

static void csv_is_utf8_with_bom_and_one_row_per_attendee(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *csv = render(p, TSUNAGU_CHART_CSV, &len);
    assert_memory_equal(csv, "\xEF\xBB\xBF\"番号\",\"氏名\",\"ふりがな\"", 3 + 20);
    assert_int_equal(count(csv, "\r\n"), 1 + p->roster->count);
    /* id, name, kana, profession, organisation, region, then each session's table */
    assert_non_null(strstr(csv, "\"A04\",\"伊藤　悠\",\"ｲﾄｳ ﾊﾙｶ\",\"医療ソーシャルワーカー\","
                                "\"美浜総合病院\",\"千葉\",\"1\",\"MSW グループA\"\r\n"));
    /* a group by its label, as every paper names it; its id is for the command line */
    assert_non_null(strstr(csv, "\"東葛北部\",\"2\",\"相談支援専門員・センター グループA\"\r\n"));
    assert_null(strstr(csv, "MSW-A"));
    assert_null(strstr(csv, "CSS-A"));
    /* Not seated: empty session cells. */
    assert_non_null(strstr(csv, "\"協会\",\"千葉\",\"\",\"\"\r\n"));
    free(csv);
    free_plan(p);
}

static void csv_heads_session_columns_by_kind(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *csv = render(p, TSUNAGU_CHART_CSV, &len);
    assert_non_null(strstr(csv, "\"地域\",\"テーブル\",\"グループ\"\r\n"));
    free(csv);
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    csv = render(p, TSUNAGU_CHART_CSV, &len);
    reset_lang();
    assert_non_null(strstr(csv, "\"region\",\"Table\",\"Group\"\r\n"));
    free(csv);
    /* Two sessions of one kind: the session id tells them apart. */
    p->event->sessions[1].kind = TSUNAGU_EXCHANGE;
    csv = render(p, TSUNAGU_CHART_CSV, &len);
    assert_non_null(strstr(csv, "\"地域\",\"テーブル (morning)\",\"テーブル (afternoon)\"\r\n"));
    free(csv);
    p->event->sessions[1].kind = TSUNAGU_WORKGROUP;
    free_plan(p);
}

static void csv_in_cp932_converts_back_to_the_same_text(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t ulen, slen;
    char *utf8 = render(p, TSUNAGU_CHART_CSV, &ulen);
    tsunagu_chart_options opt;
    tsunagu_chart_options_init(&opt);
    opt.format = TSUNAGU_CHART_CSV;
    opt.encoding = TSUNAGU_ENC_CP932;
    tsunagu_diags *d = tsunagu_diags_new();
    char *sjis = tsunagu_chart_render(p, &opt, &slen, d);
    assert_non_null(sjis);
    assert_int_equal(tsunagu_diags_count(d), 0);
    assert_true((unsigned char)sjis[0] != 0xEF); /* no BOM in CP932 */
    /* 番 is 0x94 0xD4 in Shift_JIS. */
    assert_memory_equal(sjis, "\"\x94\xd4", 3);
    iconv_t cd = iconv_open("UTF-8", "CP932");
    assert_true(cd != (iconv_t)-1);
    char *back = calloc(ulen + 1, 1), *in = sjis, *out = back;
    size_t inleft = slen, outleft = ulen;
    assert_int_equal(iconv(cd, &in, &inleft, &out, &outleft), 0);
    iconv_close(cd);
    assert_int_equal(inleft, 0);
    assert_string_equal(back, utf8 + 3);
    free(back);
    free(sjis);
    free(utf8);
    tsunagu_diags_free(d);
    free_plan(p);
}

static void csv_in_cp932_names_the_attendee_it_cannot_encode(void **state)
{
    /* 𠮷 (U+20BB7, the "tsuchi-yoshi") is outside CP932. */
    char csv[sizeof roster_csv + 16];
    snprintf(csv, sizeof csv, "%s", roster_csv);
    char *at = strstr(csv, "加藤");
    assert_non_null(at);
    char *fixed = malloc(strlen(csv) + 8);
    sprintf(fixed, "%.*s\xF0\xA0\xAE\xB7田%s", (int)(at - csv), csv, at + strlen("加藤"));
    tsunagu_plan *p = make_plan(fixed, false);
    tsunagu_chart_options opt;
    tsunagu_chart_options_init(&opt);
    opt.format = TSUNAGU_CHART_CSV;
    opt.encoding = TSUNAGU_ENC_CP932;
    tsunagu_diags *d = tsunagu_diags_new();
    size_t len = 0;
    assert_null(tsunagu_chart_render(p, &opt, &len, d));
    assert_int_equal(tsunagu_diags_errors(d), 1);
    const tsunagu_diag *g = tsunagu_diags_get(d, 0);
    assert_string_equal(g->source, "attendees.csv");
    assert_int_equal(g->line, 6);
    assert_non_null(strstr(g->text, "A05"));
    assert_non_null(strstr(g->text, "U+20BB7"));
    assert_non_null(strstr(g->text, "--encoding utf-8"));
    /* UTF-8 keeps it. */
    opt.encoding = TSUNAGU_ENC_UTF8_BOM;
    char *utf8 = tsunagu_chart_render(p, &opt, &len, d);
    assert_non_null(strstr(utf8, "\xF0\xA0\xAE\xB7田　陽子"));
    free(utf8);
    tsunagu_diags_free(d);
    free_plan(p);
    free(fixed);
}

/* ---- HTML sections ----------------------------------------------------- */

static void html_has_one_sign_per_table_and_english_labels(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    assert_int_equal(count(html, "<section class=\"sign"), 4);
    assert_int_equal(count(html, "テーブル札 "), 4);
    assert_null(strstr(html, "席札")); /* a name place card: not what a sign is */
    assert_non_null(strstr(html, "テーブル札 4/4"));
    assert_non_null(strstr(html, "<th>氏名</th>"));
    assert_non_null(strstr(html, "地域別 機関一覧")); /* opt.directory */
    assert_non_null(strstr(html, "<html lang=\"ja\">"));
    free(html);
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    html = render(p, TSUNAGU_CHART_HTML, &len);
    reset_lang();
    assert_non_null(strstr(html, "<th>Name</th>"));
    assert_non_null(strstr(html, "sign 4/4"));
    assert_non_null(strstr(html, "Table 1"));
    assert_non_null(strstr(html, "Chiba")); /* region names in English */
    assert_non_null(strstr(html, "Specialists and centres group A")); /* track label_en */
    assert_null(strstr(html, "<th>氏名</th>"));
    free(html);
    free_plan(p);
}

/* The day's date as the announcement writes it: era and weekday in
 * Japanese, day month year in English; the event file's ISO date nowhere. */
static void html_and_text_write_the_date_as_paper_does(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    char *text = render(p, TSUNAGU_CHART_TEXT, &len);
    assert_non_null(strstr(html, "<p class=\"meta\">平成26年10月31日（金）　千葉県教育会館</p>"));
    assert_non_null(strstr(text, "平成26年10月31日（金）  千葉県教育会館\n"));
    assert_null(strstr(html, "2014-10-31"));
    assert_null(strstr(text, "2014-10-31"));
    free(html);
    free(text);
    free(p->event->date);
    p->event->date = strdup("2019-05-01");
    html = render(p, TSUNAGU_CHART_HTML, &len);
    assert_non_null(strstr(html, "令和元年5月1日（水）"));
    free(html);
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    html = render(p, TSUNAGU_CHART_HTML, &len);
    reset_lang();
    assert_non_null(strstr(html, "<p class=\"meta\">1 May 2019 (Wed)　千葉県教育会館</p>"));
    free(html);
    free_plan(p);
}

/* A shortfall in a session proven optimal is the best the other rules
 * allow: once the report said "要確認" beside 最適 (77 % at their own
 * region's table, proven best). */
static void html_report_verdict_follows_the_proof(void **state)
{
    (void)state;
    tsunagu_plan *p = make_plan(roster_csv, false);
    tsunagu_plan_score(p);
    assert_true(tsunagu_plan_score_get(p, "morning", "own_region") < (long)p->roster->count);
    for (int s = 0; s < p->n_sessions; s++)
        p->sessions[s].status = TSUNAGU_STATUS_OPTIMAL;
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    const char *report = strstr(html, "<section class=\"report");
    assert_non_null(report);
    assert_non_null(strstr(report, "ほかの条件と両立する最善"));
    assert_null(strstr(report, "要確認"));
    free(html);
    for (int s = 0; s < p->n_sessions; s++)
        p->sessions[s].status = TSUNAGU_STATUS_FEASIBLE;
    html = render(p, TSUNAGU_CHART_HTML, &len);
    report = strstr(html, "<section class=\"report");
    assert_non_null(report);
    assert_null(strstr(report, "ほかの条件と両立する最善"));
    free(html);
    free_plan(p);
}

static void html_report_names_people_away_from_their_region(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    const char *report = strstr(html, "<section class=\"report");
    assert_non_null(report);
    /* Table 2 is 東葛南部: 中村 and 佐藤 come from 東葛北部 (a neighbour). */
    const char *away = strstr(report, "自地域・関心地域のどちらのテーブルにもいない人");
    assert_non_null(away);
    assert_non_null(strstr(away, "中村　千尋"));
    assert_non_null(strstr(away, "佐藤　和也"));
    assert_non_null(strstr(away, "隣接"));
    assert_null(strstr(away, "伊藤　悠</td>")); /* at 千葉's table */
    /* Colleagues from 船橋中央病院 share table 2. */
    assert_non_null(strstr(report, "同席している同僚"));
    free(html);
    free_plan(p);
}

/* The report's reason for 伊藤　悠 (千葉), at 東葛南部's table 2 in the
 * swapped plan.  Caller frees. */
static char *away_reason_of(const tsunagu_plan *p)
{
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    const char *away = strstr(html, "自地域・関心地域のどちらのテーブルにもいない人");
    assert_non_null(away);
    const char *row = strstr(away, "<tr><td>伊藤　悠</td>");
    assert_non_null(row);
    const char *end = strstr(row, "</tr>");
    char *out = strndup(row, (size_t)(end - row));
    free(html);
    return out;
}

/* A late-comer away from their region gets the real reason: how walk-ins
 * are seated (nobody moves), their region's table full, a colleague there,
 * a pin; the solver's trade-off only when there is no such fact. */
static void report_says_why_a_late_comer_is_away(void **state)
{
    /* 加藤　陽子 works at 伊藤　悠's hospital and sits at table 1 (千葉) */
    char csv[sizeof roster_csv + 64];
    snprintf(csv, sizeof csv, "%s", roster_csv);
    char *org = strstr(csv, "\"=HYPERLINK(\"\"http://x\"\")\"");
    memcpy(org, "美浜総合病院", strlen("美浜総合病院"));
    memmove(org + strlen("美浜総合病院"), org + strlen("\"=HYPERLINK(\"\"http://x\"\")\""),
            strlen(org + strlen("\"=HYPERLINK(\"\"http://x\"\")\"")) + 1);
    tsunagu_plan *p = make_plan(csv, true);
    p->event->sessions[0].max_size = 4; /* table 1 holds 4: full */
    long ito = tsunagu_roster_find(p->roster, "A04");
    p->roster->items[ito].walkin = true;
    char *why = away_reason_of(p);
    assert_non_null(strstr(why, "当日参加のため、ほかの人を動かさずに空いている席へ。"));
    assert_non_null(strstr(why, "テーブル1: 同僚の 加藤　陽子 さんがいる。"
                                "満席（4 人。席の決まっていた人は動かさない）"));
    assert_null(strstr(why, "優先した結果"));
    free(why);
    /* on the list, not a walk-in: the same facts, no walk-in's words */
    p->roster->items[ito].walkin = false;
    why = away_reason_of(p);
    assert_non_null(strstr(why, "テーブル1: 同僚の 加藤　陽子 さんがいる。満席（4 人）"));
    assert_null(strstr(why, "当日参加"));
    free(why);
    /* room at table 1: a walk-in is told there is a seat now; the list's
     * person gets the solver's trade-off */
    p->event->sessions[0].max_size = 10;
    free_plan(p);
    p = make_plan(roster_csv, true);
    p->event->sessions[0].max_size = 10;
    ito = tsunagu_roster_find(p->roster, "A04");
    why = away_reason_of(p);
    assert_non_null(strstr(why, "テーブル1: 他の人に割り当て（人数・職種の混在・同僚分散の条件を優先した結果）"));
    free(why);
    p->roster->items[ito].walkin = true;
    why = away_reason_of(p);
    assert_non_null(strstr(why, "テーブル1: いまは空席あり"));
    free(why);
    /* pinned there by the organiser */
    tsunagu_plan_add_pin(p, "A04", "morning", "2");
    why = away_reason_of(p);
    assert_non_null(strstr(why, "主催者がこのテーブルに固定した"));
    free(why);
    tsunagu_plan_unpin(p, "A04", NULL);
    free(p->pins);
    p->pins = NULL;
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    p->event->sessions[0].max_size = 4;
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    reset_lang();
    assert_non_null(strstr(html, "walk-in, seated at a free seat without moving anyone. "
                                 "Table 1: full (4; people already placed keep their seats)"));
    free(html);
    free_plan(p);
}

/* ---- room map ------------------------------------------------------------ */

/* The text of every <text> inside the map page's SVG that holds table id
 * of the first session, tags stripped, lines run together.  Caller frees. */
static char *map_text_of(const char *html, const char *id)
{
    char want[64];
    snprintf(want, sizeof want, "<g class=\"tbl\" data-table=\"%s\">", id);
    const char *g = strstr(html, want);
    assert_non_null(g);
    const char *from = g;
    while (from > html && strncmp(from, "<svg", 4) != 0)
        from--;
    const char *to = strstr(g, "</svg>");
    assert_non_null(to);
    char *out = calloc((size_t)(to - from) + 1, 1);
    size_t n = 0;
    for (const char *at = strstr(from, "<text"); at && at < to; at = strstr(at, "<text")) {
        const char *open_end = strchr(at, '>'), *close = strstr(at, "</text>");
        memcpy(out + n, open_end + 1, (size_t)(close - open_end - 1));
        n += (size_t)(close - open_end - 1);
        at = close;
    }
    return out;
}

/* Text of the HTML with every tag's attributes dropped (data-table holds
 * ids for the web page; what is printed is between the tags).  Caller frees. */
static char *printed_text(const char *html)
{
    char *out = calloc(strlen(html) + 1, 1);
    size_t n = 0;
    for (const char *at = html; *at; at++) {
        if (*at == '<') {
            const char *end = strchr(at, '>');
            if (!end)
                break;
            at = end;
            out[n++] = ' ';
            continue;
        }
        out[n++] = *at;
    }
    return out;
}

/* The sign section of the k-th sign (0-based), up to its end.  Caller frees. */
static char *sign_of(const char *html, int k)
{
    const char *sign = strstr(html, "<section class=\"sign");
    for (; sign && k > 0; k--)
        sign = strstr(sign + 1, "<section class=\"sign");
    assert_non_null(sign);
    const char *end = strstr(sign, "</section>");
    return strndup(sign, (size_t)(end - sign));
}

/* A group has one name on paper, its label (相談支援専門員・センター
 * グループA): signs, map, reception list, report; never its id (CSS-A) and
 * never its track twice (MSW-A / MSW). */
static void groups_are_named_by_their_label_on_paper(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    char *text = printed_text(html);
    assert_null(strstr(text, "MSW-A"));
    assert_null(strstr(text, "CSS-A"));
    /* the sign: the track's part, then the group's own name in large type;
     * the track is not printed again under it */
    char *sign = sign_of(html, 2);
    assert_non_null(strstr(sign, ">MSW</div>\n<div class=\"num\""));
    assert_non_null(strstr(sign, ">グループA</div>"));
    assert_null(strstr(sign, "class=\"place\""));
    assert_int_equal(count(sign, "MSW"), 1);
    free(sign);
    sign = sign_of(html, 3);
    assert_non_null(strstr(sign, ">相談支援専門員・センター</div>\n<div class=\"num\""));
    free(sign);
    /* the map's circle: the group's own name, the track's part under it */
    char *circle = map_text_of(strstr(html, "data-session=\"afternoon\""), "CSS-A");
    assert_non_null(strstr(circle, "グループA"));
    assert_non_null(strstr(circle, "相談支援専門員"));
    free(circle);
    /* the reception list: the track's part small above the group's name */
    const char *reception = strstr(html, "<section class=\"reception");
    assert_non_null(strstr(reception, "<td class=\"seat big\"><small class=\"track\"><span>"
                                      "相談支援専門員・</span><span>センター</span></small>グループA</td>"));
    assert_non_null(strstr(reception, "<td class=\"seat big\"><small class=\"track\"><span>MSW"
                                      "</span></small>グループA</td>"));
    free(text);
    free(html);
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    html = render(p, TSUNAGU_CHART_HTML, &len);
    reset_lang();
    text = printed_text(html);
    assert_null(strstr(text, "CSS-A"));
    assert_non_null(strstr(html, ">Specialists and centres</div>\n<div class=\"num\""));
    assert_non_null(strstr(html, ">group A</div>"));
    free(text);
    free(html);
    free_plan(p);
}

/* Give morning table t every region of the table (Chiba's nine). */
static void all_regions(tsunagu_plan *p, int t)
{
    tsunagu_table *tb = &p->sessions[0].tables[t];
    free(tb->regions);
    tb->n_regions = tsunagu_regions_count(chiba);
    tb->regions = malloc((size_t)tb->n_regions * sizeof(int));
    for (int r = 0; r < tb->n_regions; r++)
        tb->regions[r] = r;
}

static void map_shows_every_region_of_a_table(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    all_regions(p, 0);
    assert_int_equal(p->sessions[0].tables[0].n_regions, 9);
    for (int lang = 0; lang < 2; lang++) {
        tsunagu_lang_set(lang ? TSUNAGU_LANG_EN : TSUNAGU_LANG_JA);
        size_t len;
        char *html = render(p, TSUNAGU_CHART_HTML, &len);
        char *text = map_text_of(html, "1");
        for (int r = 0; r < 9; r++) {
            const char *name = tsunagu_regions_label(chiba, r);
            if (!strstr(text, name))
                fail_msg("the map's SVG lacks region %s: %s", name, text);
        }
        /* In Japanese all nine fit in the circle itself, no key. */
        if (!lang)
            assert_null(strstr(html, "class=\"key\""));
        free(text);
        free(html);
    }
    reset_lang();
    free_plan(p);
}

static void map_pages_hold_tables_evenly(void **state)
{
    for (int n = 1; n <= 100; n++) {
        int pages = chart_map_page_count(n), sum = 0, lo = n, hi = 0;
        assert_int_equal(pages, (n + 11) / 12);
        for (int pg = 0; pg < pages; pg++) {
            int k = chart_map_page_size(n, pg);
            assert_true(k >= 1 && k <= 12);
            sum += k;
            lo = k < lo ? k : lo;
            hi = k > hi ? k : hi;
        }
        assert_int_equal(sum, n);
        assert_true(hi - lo <= 1);
        assert_true(n == 1 || lo >= 2); /* never a page holding one table */
    }
    assert_int_equal(chart_map_page_size(13, 0), 7);
    assert_int_equal(chart_map_page_size(13, 1), 6);
    assert_int_equal(chart_map_page_size(15, 0), 8);
    assert_int_equal(chart_map_page_size(15, 1), 7);
    assert_int_equal(chart_map_page_size(13, 2), 0);
}

/* Replace the first session's tables by n tables "1".."n" of 千葉, the
 * plan's members spread over the first two. */
static void many_tables(tsunagu_plan *p, int n)
{
    tsunagu_session_plan *s = &p->sessions[0];
    tsunagu_table *old = s->tables;
    s->tables = calloc((size_t)n, sizeof *s->tables);
    for (int t = 0; t < n; t++) {
        char id[16], label[32];
        snprintf(id, sizeof id, "%d", t + 1);
        snprintf(label, sizeof label, "テーブル%d", t + 1);
        static const char *const none[] = {NULL};
        fill_table(p, s, t, id, label, NULL, "千葉", t < 2 ? morning[t] : none);
    }
    for (int t = 0; t < s->n_tables; t++) {
        free(old[t].id);
        free(old[t].label);
        free(old[t].track);
        free(old[t].regions);
        free(old[t].members);
    }
    free(old);
    s->n_tables = n;
}

static void map_of_13_tables_prints_7_and_6(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    many_tables(p, 13);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    int pages = 0, sizes[4] = {0};
    for (const char *at = strstr(html, "data-session=\"morning\""); at;
         at = strstr(at + 1, "data-session=\"morning\"")) {
        const char *end = strstr(at, "</svg>");
        assert_true(pages < 4);
        for (const char *g = strstr(at, "<g class=\"tbl\""); g && g < end;
             g = strstr(g + 1, "<g class=\"tbl\""))
            sizes[pages]++;
        pages++;
    }
    assert_int_equal(pages, 2);
    assert_int_equal(sizes[0], 7);
    assert_int_equal(sizes[1], 6);
    /* Both pages print their tables at one scale: mm per unit alike. */
    double scale[2];
    const char *at = html;
    for (int k = 0; k < 2; k++) {
        double w, mm;
        at = strstr(at, "<svg xmlns");
        assert_int_equal(sscanf(at, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %lf %*f\" "
                                    "style=\"width:%lfmm",
                                &w, &mm),
                         2);
        scale[k] = mm / w;
        at++;
    }
    assert_true(fabs(scale[0] - scale[1]) < 1e-3);
    free(html);
    free_plan(p);
}

/* ---- rosters and reception ------------------------------------------------ */

static void rosters_mark_newcomers(void **state)
{
    /* A05 加藤　陽子 is "planning": marked on both her rosters, with the
     * legend; nobody else is. */
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    const char *rosters = strstr(html, "<section class=\"rosters");
    const char *reception = strstr(html, "<section class=\"reception");
    assert_true(rosters && reception);
    size_t marks = 0;
    for (const char *at = strstr(rosters, "<span class=\"new\">これから</span>"); at && at < reception;
         at = strstr(at + 1, "<span class=\"new\">これから</span>"))
        marks++;
    assert_int_equal(marks, 2 + 2); /* her two rows and each session's legend */
    const char *row = strstr(rosters, "加藤　陽子");
    assert_non_null(row);
    const char *mark = strstr(row, "これから"), *row_end = strstr(row, "</tr>");
    assert_true(mark && mark < row_end);
    assert_non_null(strstr(rosters, "うち これから 1 人"));
    free(html);

    char *text = render(p, TSUNAGU_CHART_TEXT, &len);
    size_t lines = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        if (strstr(line, "これから") && strncmp(line, "  ", 2) == 0 && !strstr(line, "うち")) {
            assert_non_null(strstr(line, "加藤　陽子"));
            lines++;
        }
    assert_int_equal(lines, 2);
    free(text);
    free_plan(p);
}

static void roster_per_page_gives_each_table_a_sheet(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    tsunagu_chart_options opt;
    tsunagu_chart_options_init(&opt);
    size_t len;
    char *html = tsunagu_chart_render(p, &opt, &len, NULL);
    assert_int_equal(count(html, "<section class=\"rosters\""), 2);
    assert_int_equal(count(html, "<section class=\"rosters sheet"), 0);
    free(html);
    opt.roster_per_page = true;
    html = tsunagu_chart_render(p, &opt, &len, NULL);
    /* Four tables, four sheets, each naming its session. */
    assert_int_equal(count(html, "<section class=\"rosters sheet"), 4);
    assert_int_equal(count(html, "<div class=\"roster\">"), 4);
    const char *at = html;
    for (int k = 0; k < 4; k++) {
        at = strstr(at, "<section class=\"rosters sheet");
        const char *end = strstr(at, "</section>");
        const char *h2 = strstr(at, "<h2>進行役用名簿: ");
        assert_true(h2 && h2 < end);
        assert_int_equal(count(at, "<div class=\"roster\">") - count(end, "<div class=\"roster\">"),
                         1);
        at = end;
    }
    free(html);
    free_plan(p);
}

static void reception_has_a_box_to_tick_and_large_seats(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_HTML, &len);
    const char *rec = strstr(html, "<section class=\"reception");
    const char *end = strstr(rec, "</section>");
    assert_non_null(strstr(rec, "<th class=\"tick\">受付</th>"));
    size_t boxes = 0, seats = 0;
    for (const char *at = strstr(rec, "<span class=\"box\">"); at && at < end;
         at = strstr(at + 1, "<span class=\"box\">"))
        boxes++;
    for (const char *at = strstr(rec, "<td class=\"seat big\">"); at && at < end;
         at = strstr(at + 1, "<td class=\"seat big\">"))
        seats++;
    assert_int_equal(boxes, p->roster->count);
    assert_int_equal(seats, 2 * p->roster->count);
    free(html);
    free_plan(p);
}

/* ---- reprinting only what changed ---------------------------------------- */

static void only_changed_renders_the_changed_tables(void **state)
{
    tsunagu_plan *old = make_plan(roster_csv, false);
    tsunagu_plan *now = make_plan(roster_csv, true);
    tsunagu_chart_options opt;
    tsunagu_chart_options_init(&opt);
    opt.format = TSUNAGU_CHART_TEXT;
    opt.only_changed_since = old;
    size_t len;
    char *text = tsunagu_chart_render(now, &opt, &len, NULL);
    assert_non_null(strstr(text, "テーブル1"));
    assert_non_null(strstr(text, "テーブル2"));
    assert_null(strstr(text, "グループA")); /* the afternoon did not change */
    free(text);

    opt.format = TSUNAGU_CHART_CSV;
    char *csv = tsunagu_chart_render(now, &opt, &len, NULL);
    assert_int_equal(count(csv, "\r\n"), 1 + 2); /* A01 and A04 moved */
    assert_non_null(strstr(csv, "\"A01\""));
    assert_non_null(strstr(csv, "\"A04\""));
    free(csv);

    opt.format = TSUNAGU_CHART_HTML;
    char *html = tsunagu_chart_render(now, &opt, &len, NULL);
    /* The tables keep their regions: their signs need no reprint. */
    assert_int_equal(count(html, "<section class=\"sign"), 0);
    assert_non_null(strstr(html, "前の計画からの変更"));
    free(html);

    /* Against itself nothing changed. */
    opt.format = TSUNAGU_CHART_TEXT;
    opt.only_changed_since = now;
    text = tsunagu_chart_render(now, &opt, &len, NULL);
    assert_null(strstr(text, "テーブル1"));
    assert_null(strstr(text, "テーブル2"));
    assert_non_null(strstr(text, "変更はありません"));
    free(text);
    free_plan(now);
    free_plan(old);
}

/* Take attendee id out of every table of p (a cancellation at the desk:
 * the plan keeps them in cancelled when cancelled is true). */
static void unseat(tsunagu_plan *p, const char *id, bool cancelled)
{
    long a = tsunagu_roster_find(p->roster, id);
    assert_true(a >= 0);
    for (int s = 0; s < p->n_sessions; s++) {
        tsunagu_session_plan *sp = &p->sessions[s];
        for (int t = 0; t < sp->n_tables; t++) {
            tsunagu_table *tb = &sp->tables[t];
            size_t kept = 0;
            for (size_t m = 0; m < tb->n_members; m++)
                if (tb->members[m] != (size_t)a)
                    tb->members[kept++] = tb->members[m];
            tb->n_members = kept;
        }
        sp->seat[a] = -1;
    }
    if (cancelled) {
        p->cancelled = calloc(1, sizeof *p->cancelled);
        p->cancelled[0].id = (char *)id; /* borrowed; cleared before free_plan */
        p->n_cancelled = 1;
    }
}

/* The changed-only reprint says who is gone, with the seats to strike:
 * someone cancelled at the desk, someone no longer on the list. */
static void only_changed_lists_who_is_gone(void **state)
{
    tsunagu_plan *old = make_plan(roster_csv, false);
    tsunagu_plan *now = make_plan(roster_csv, false);
    unseat(now, "A04", true);  /* 伊藤　悠: table 1, MSW グループA */
    unseat(now, "A06", false); /* 安部　一郎: table 2, 相談支援専門員・センター グループA */
    tsunagu_chart_options opt;
    tsunagu_chart_options_init(&opt);
    opt.only_changed_since = old;
    size_t len;
    char *html = tsunagu_chart_render(now, &opt, &len, NULL);
    const char *gone = strstr(html, "<h3>いなくなった人</h3>");
    assert_non_null(gone);
    assert_true(gone < strstr(html, "</section>"));
    assert_non_null(strstr(gone, "<tr><td><s>伊藤　悠</s></td><td>ｲﾄｳ ﾊﾙｶ</td><td class=\"seat\"><s>1</s>"
                                 "</td><td class=\"seat\"><s>MSW グループA</s></td><td>当日欠席</td></tr>"));
    assert_non_null(strstr(gone, "<s>安部　一郎</s>"));
    assert_non_null(strstr(gone, "<s>相談支援専門員・センター グループA</s></td><td>名簿から外れた</td>"));
    assert_int_equal(count(gone, "<tr><td><s>"), 2);
    free(html);
    opt.format = TSUNAGU_CHART_TEXT;
    char *text = tsunagu_chart_render(now, &opt, &len, NULL);
    assert_non_null(strstr(text, "いなくなった人（前に印刷した名簿から消してください）:\n"
                                 "  安部　一郎  テーブル 2／グループ 相談支援専門員・センター グループA  (名簿から外れた)\n"
                                 "  伊藤　悠  テーブル 1／グループ MSW グループA  (当日欠席)\n"));
    free(text);
    /* a plan printed whole lists nobody as gone */
    opt.only_changed_since = NULL;
    text = tsunagu_chart_render(now, &opt, &len, NULL);
    assert_null(strstr(text, "いなくなった人"));
    free(text);
    now->cancelled[0].id = NULL;
    free(now->cancelled);
    free_plan(now);
    free_plan(old);
}

static void format_and_encoding_names_parse(void **state)
{
    tsunagu_chart_format f;
    tsunagu_chart_encoding e;
    assert_int_equal(tsunagu_chart_format_parse("HTML", &f), 0);
    assert_int_equal(f, TSUNAGU_CHART_HTML);
    assert_int_equal(tsunagu_chart_format_parse("csv", &f), 0);
    assert_int_equal(f, TSUNAGU_CHART_CSV);
    assert_int_equal(tsunagu_chart_format_parse("pdf", &f), -1);
    assert_int_equal(tsunagu_chart_encoding_parse("Shift_JIS", &e), 0);
    assert_int_equal(e, TSUNAGU_ENC_CP932);
    assert_int_equal(tsunagu_chart_encoding_parse("utf-8", &e), 0);
    assert_int_equal(e, TSUNAGU_ENC_UTF8_BOM);
    assert_int_equal(tsunagu_chart_encoding_parse("latin1", &e), -1);
}

/* The ids of the badges in document order, ", "-joined.  Caller frees. */
static char *badge_ids(const char *html)
{
    char *out = calloc(1, strlen(html) + 1);
    for (const char *at = strstr(html, "data-id=\""); at; at = strstr(at + 1, "data-id=\"")) {
        const char *start = at + 9, *end = strchr(start, '"');
        if (*out)
            strcat(out, ", ");
        strncat(out, start, (size_t)(end - start));
    }
    return out;
}

static void badges_in_reception_order_with_seats_and_escaped_names(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    size_t len;
    char *html = render(p, TSUNAGU_CHART_BADGES, &len);
    char *csv = render(p, TSUNAGU_CHART_CSV, &len);
    /* the CSV rows are in the reception list's order: so are the badges */
    char *ids = badge_ids(html), *order = calloc(1, strlen(csv) + 1);
    for (const char *line = strstr(csv, "\r\n"); line && line[2]; line = strstr(line + 2, "\r\n")) {
        if (*order)
            strcat(order, ", ");
        strncat(order, line + 3, (size_t)(strchr(line + 3, '"') - (line + 3)));
    }
    assert_string_equal(ids, order);
    assert_int_equal(count(html, "<div class=\"badge"), 9);
    assert_int_equal(count(html, "<section class=\"sheet\">"), 1); /* 9 people, 10 labels */
    /* markup in a name is text; no script anywhere */
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_null(strstr(html, "<script"));
    /* eight seated people have a box per session; the organiser none */
    assert_int_equal(count(html, "<div class=\"seat\""), 16);
    assert_int_equal(count(html, "<div class=\"badge alone\""), 1);
    const char *org = strstr(html, "data-id=\"A09\"");
    assert_non_null(org);
    assert_true(strstr(org, "<div class=\"seat\"") == NULL || strstr(org, "<div class=\"badge") <
                                                                 strstr(org, "<div class=\"seat\""));
    /* the profession's colour, as on the map; captions in Japanese */
    assert_non_null(strstr(html, ".p0{fill:#1f5fbf;background:#1f5fbf}"));
    assert_non_null(strstr(html, "<div class=\"band p0\">"));
    assert_non_null(strstr(html, "グループ"));
    free(ids);
    free(order);
    free(csv);
    free(html);
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    html = render(p, TSUNAGU_CHART_BADGES, &len);
    assert_non_null(strstr(html, "Group"));
    assert_non_null(strstr(html, "<title>Name badges"));
    free(html);
    reset_lang();
    free_plan(p);
}

/* A layout of 4 labels a sheet with gaps that fill the page's width
 * exactly: 9 badges on 3 sheets, the labels where the gaps put them. */
static void badges_follow_the_layout(void **state)
{
    tsunagu_plan *p = make_plan(roster_csv, false);
    json_error_t err;
    json_t *j = json_loads("{\"page\": {\"width\": 210, \"height\": 297},"
                           " \"label\": {\"width\": 90, \"height\": 120},"
                           " \"columns\": 2, \"rows\": 2, \"margin\": {\"left\": 20, \"top\": 20},"
                           " \"gap\": {\"column\": 10, \"row\": 5}}", 0, &err);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_badge_layout *l = tsunagu_badge_layout_from_json(j, "four.json", d);
    assert_non_null(l);
    assert_int_equal(tsunagu_badge_layout_per_page(l), 4);
    tsunagu_chart_options opt;
    tsunagu_chart_options_init(&opt);
    opt.format = TSUNAGU_CHART_BADGES;
    opt.badge_layout = l;
    size_t len;
    char *html = tsunagu_chart_render(p, &opt, &len, d);
    assert_int_equal(count(html, "<section class=\"sheet\">"), 3);
    assert_non_null(strstr(html, "style=\"left:20.00mm;top:20.00mm\""));
    assert_non_null(strstr(html, "style=\"left:120.00mm;top:20.00mm\""));
    assert_non_null(strstr(html, "style=\"left:20.00mm;top:145.00mm\""));
    assert_non_null(strstr(html, "@page{size:210.00mm 297.00mm;margin:0}"));
    free(html);
    tsunagu_badge_layout_free(l);
    json_decref(j);
    /* one millimetre more between the columns and they pass the page's edge */
    j = json_loads("{\"page\": {\"width\": 210, \"height\": 297},"
                   " \"label\": {\"width\": 90, \"height\": 120},"
                   " \"columns\": 2, \"rows\": 2, \"margin\": {\"left\": 20, \"top\": 20},"
                   " \"gap\": {\"column\": 11, \"row\": 5}}", 0, &err);
    assert_null(tsunagu_badge_layout_from_json(j, "wide.json", d));
    assert_int_equal(tsunagu_diags_count(d), 1);
    json_decref(j);
    tsunagu_diags_free(d);
    free_plan(p);
}

static void badge_layouts_are_bundled_and_named_safely(void **state)
{
    char *names = tsunagu_badge_layout_names();
    assert_string_equal(names, "a4-10, a4-10-meishi, a4-8");
    free(names);
    static const struct {
        const char *name;
        int per_page;
    } bundled[] = {{"a4-10", 10}, {"a4-10-meishi", 10}, {"a4-8", 8}, {NULL, 10}};
    for (size_t i = 0; i < sizeof bundled / sizeof bundled[0]; i++) {
        tsunagu_diags *d = tsunagu_diags_new();
        tsunagu_badge_layout *l = tsunagu_badge_layout_load(bundled[i].name, d);
        assert_non_null(l);
        assert_int_equal(tsunagu_badge_layout_per_page(l), bundled[i].per_page);
        tsunagu_badge_layout_free(l);
        tsunagu_diags_free(d);
    }
    assert_true(tsunagu_badge_layout_name_valid("a4-10"));
    assert_false(tsunagu_badge_layout_name_valid("../events/tsunagarou"));
    assert_false(tsunagu_badge_layout_name_valid("a4 10"));
    assert_false(tsunagu_badge_layout_name_valid(""));
    tsunagu_diags *d = tsunagu_diags_new();
    assert_null(tsunagu_badge_layout_load("a4-99", d));
    assert_int_equal(tsunagu_diags_count(d), 1);
    tsunagu_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_shows_markup_in_names_as_text),
        cmocka_unit_test(text_and_csv_keep_markup_as_plain_text),
        cmocka_unit_test(text_replaces_control_characters),
        cmocka_unit_test(reading_key_folds_katakana_and_width),
        cmocka_unit_test(reception_and_csv_follow_reading_order),
        cmocka_unit_test(lists_in_dictionary_order),
        cmocka_unit_test(text_columns_align_with_mixed_scripts),
        cmocka_unit_test(csv_is_utf8_with_bom_and_one_row_per_attendee),
        cmocka_unit_test(csv_heads_session_columns_by_kind),
        cmocka_unit_test(csv_in_cp932_converts_back_to_the_same_text),
        cmocka_unit_test(csv_in_cp932_names_the_attendee_it_cannot_encode),
        cmocka_unit_test(html_has_one_sign_per_table_and_english_labels),
        cmocka_unit_test(html_and_text_write_the_date_as_paper_does),
        cmocka_unit_test(groups_are_named_by_their_label_on_paper),
        cmocka_unit_test(html_report_names_people_away_from_their_region),
        cmocka_unit_test(html_report_verdict_follows_the_proof),
        cmocka_unit_test(report_says_why_a_late_comer_is_away),
        cmocka_unit_test(map_shows_every_region_of_a_table),
        cmocka_unit_test(map_pages_hold_tables_evenly),
        cmocka_unit_test(map_of_13_tables_prints_7_and_6),
        cmocka_unit_test(rosters_mark_newcomers),
        cmocka_unit_test(roster_per_page_gives_each_table_a_sheet),
        cmocka_unit_test(reception_has_a_box_to_tick_and_large_seats),
        cmocka_unit_test(only_changed_renders_the_changed_tables),
        cmocka_unit_test(only_changed_lists_who_is_gone),
        cmocka_unit_test(format_and_encoding_names_parse),
        cmocka_unit_test(badges_in_reception_order_with_seats_and_escaped_names),
        cmocka_unit_test(badges_follow_the_layout),
        cmocka_unit_test(badge_layouts_are_bundled_and_named_safely),
    };
    reset_lang();
    return cmocka_run_group_tests(tests, setup, teardown);
}
