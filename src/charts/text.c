/* text.c - the facilitators' rosters for a terminal or a line printer.
 *
 * Columns are aligned by display width (full-width characters take two
 * columns), so every row of a session starts each column at the same
 * place whatever mix of Japanese and Latin names it holds.  A session
 * with rounds: each round's rosters under its name and times, then
 * everyone's itinerary. */
#include <stdlib.h>
#include <string.h>

#include "charts/chart_private.h"
#include "util/tr.h"
#include "tsunagu/text.h"

enum { COL_NAME, COL_KANA, COL_PROF, COL_NEW, COL_ORG, COL_REGION, N_COLS };
#define GAP "  "
#define INDENT "  "

/* The cells of one attendee's row, cleaned for a terminal; free with free_cells. */
/* The name cell carries the roles held in the group: "山田　太郎（司会）". */
static void row_cells(const tsunagu_plan *plan, const tsunagu_attendee *a, const char *roles,
                      char *cells[N_COLS])
{
    strbuf name = {0};
    strbuf_add(&name, a->name);
    if (roles && *roles)
        strbuf_addf(&name, TR(" (%s)", "（%s）"), roles);
    cells[COL_NAME] = tsunagu_text_printable(name.data);
    free(name.data);
    cells[COL_KANA] = tsunagu_text_printable(a->kana);
    cells[COL_PROF] = tsunagu_text_printable(chart_profession_short(plan, a->profession));
    cells[COL_NEW] = tsunagu_strdup(chart_newcomer_mark(a));
    cells[COL_ORG] = tsunagu_text_printable(a->organization);
    cells[COL_REGION] = tsunagu_text_printable(tsunagu_regions_label(plan->regions, a->region));
}

static void free_cells(char *cells[N_COLS])
{
    for (int i = 0; i < N_COLS; i++)
        free(cells[i]);
}

static void add_row(strbuf *out, char *const cells[N_COLS], const int width[N_COLS])
{
    strbuf_add(out, INDENT);
    for (int i = 0; i < N_COLS; i++) {
        if (i + 1 < N_COLS) {
            tsunagu_text_pad(&out->data, &out->len, &out->cap, cells[i], width[i]);
            strbuf_add(out, GAP);
        } else {
            strbuf_add(out, cells[i]); /* no trailing blanks */
        }
    }
    strbuf_add(out, "\n");
}

static void widen(int width[N_COLS], char *const cells[N_COLS])
{
    for (int i = 0; i < N_COLS; i++) {
        int w = tsunagu_text_width(cells[i]);
        if (w > width[i])
            width[i] = w;
    }
}

/* One table's roster (tb, of round `round` of session s): its label and
 * place, counts, a row per member in reading order. */
static void render_table(const chart_ctx *c, int s, int round, const tsunagu_table *tb,
                         char *const head[N_COLS], const int width[N_COLS], strbuf *out)
{
    const tsunagu_plan *plan = c->plan;
    const tsunagu_session_plan *sp = &plan->sessions[s];
    const tsunagu_session_plan *rp = chart_round(sp, round);
    char *label = chart_table_label(sp->spec, tb);
    /* A group's label already names its track. */
    char *place = tb->track ? tsunagu_strdup("") : chart_table_place(plan, sp, tb);
    char *counts = chart_profession_counts(plan, tb);
    char *clean_label = tsunagu_text_printable(label), *clean_place = tsunagu_text_printable(place);
    strbuf_addf(out, "\n%s%s%s\n", clean_label, *place ? "  " : "", clean_place);
    strbuf_addf(out, INDENT "%s\n", counts);
    add_row(out, head, width);
    strbuf_add(out, INDENT);
    int total = 0;
    for (int i = 0; i < N_COLS; i++)
        total += width[i] + (i + 1 < N_COLS ? (int)strlen(GAP) : 0);
    for (int i = 0; i < total; i++)
        strbuf_add(out, "-");
    strbuf_add(out, "\n");
    size_t *members = chart_members_by_reading(c, tb);
    for (size_t m = 0; m < tb->n_members; m++) {
        char *cells[N_COLS];
        char *roles = chart_roles_of(rp, tb, members[m]);
        row_cells(plan, &plan->roster->items[members[m]], roles, cells);
        free(roles);
        add_row(out, cells, width);
        free_cells(cells);
    }
    free(members);
    free(label);
    free(place);
    free(counts);
    free(clean_label);
    free(clean_place);
}

/* A session with rounds: everyone's itinerary, in reading order (only
 * those whose seats changed, with an older plan). */
static void render_itineraries(const chart_ctx *c, int s, strbuf *out)
{
    const tsunagu_plan *plan = c->plan;
    const tsunagu_session_plan *sp = &plan->sessions[s];
    int wname = 0, wkana = 0;
    for (size_t i = 0; i < plan->roster->count; i++) {
        size_t ai = c->reading_order[i];
        if (!chart_round_table(sp, 0, ai) || !c->attendee_changed[ai])
            continue;
        char *name = tsunagu_text_printable(plan->roster->items[ai].name);
        char *kana = tsunagu_text_printable(plan->roster->items[ai].kana);
        wname = tsunagu_text_width(name) > wname ? tsunagu_text_width(name) : wname;
        wkana = tsunagu_text_width(kana) > wkana ? tsunagu_text_width(kana) : wkana;
        free(name);
        free(kana);
    }
    strbuf_addf(out, TR("\n-- Itineraries: %s of each round --\n", "\n-- 各回の%s --\n"),
                chart_unit_word(sp->spec));
    for (size_t i = 0; i < plan->roster->count; i++) {
        size_t ai = c->reading_order[i];
        if (!chart_round_table(sp, 0, ai) || !c->attendee_changed[ai])
            continue;
        char *name = tsunagu_text_printable(plan->roster->items[ai].name);
        char *kana = tsunagu_text_printable(plan->roster->items[ai].kana);
        char *route = chart_itinerary_full(sp, ai, " → ");
        char *clean = tsunagu_text_printable(route);
        strbuf_add(out, INDENT);
        tsunagu_text_pad(&out->data, &out->len, &out->cap, name, wname);
        strbuf_add(out, GAP);
        tsunagu_text_pad(&out->data, &out->len, &out->cap, kana, wkana);
        strbuf_addf(out, GAP "%s\n", clean);
        free(name);
        free(kana);
        free(route);
        free(clean);
    }
}

static void render_session(const chart_ctx *c, int s, strbuf *out)
{
    const tsunagu_plan *plan = c->plan;
    const tsunagu_session_plan *sp = &plan->sessions[s];
    const tsunagu_session_spec *spec = sp->spec;
    int rounds = chart_round_count(sp);
    char *head[N_COLS] = {
        tsunagu_strdup(TR("Name", "氏名")),        tsunagu_strdup(TR("Reading", "ふりがな")),
        tsunagu_strdup(TR("Profession", "職種")),  tsunagu_strdup(TR("Experience", "経験")),
        tsunagu_strdup(TR("Organisation", "所属")), tsunagu_strdup(TR("Region", "地域")),
    };
    /* One set of widths for the whole session (every round): a facilitator
     * comparing two tables on one sheet sees the same columns. */
    int width[N_COLS] = {0};
    widen(width, head);
    for (int r = 0; r < rounds; r++) {
        const tsunagu_session_plan *rp = chart_round(sp, r);
        for (int t = 0; t < rp->n_tables; t++)
            for (size_t m = 0; m < rp->tables[t].n_members; m++) {
                char *cells[N_COLS];
                char *roles = chart_roles_of(rp, &rp->tables[t], rp->tables[t].members[m]);
                row_cells(plan, &plan->roster->items[rp->tables[t].members[m]], roles, cells);
                free(roles);
                widen(width, cells);
                free_cells(cells);
            }
    }

    char *title = tsunagu_text_printable(spec ? spec->title : "");
    char *times = tsunagu_session_times(spec, "-");
    strbuf_addf(out, "== %s%s%s ==\n", title, *times ? "  " : "", times);
    free(times);
    free(title);
    if (rounds > 1) { /* the repeated pairs against their bound */
        char *line = tsunagu_plan_rounds_text(plan, s);
        char *clean = tsunagu_text_printable(line);
        strbuf_addf(out, "%s\n", clean);
        free(clean);
        free(line);
    }
    bool newcomers = false;
    for (int r = 0; r < rounds; r++)
        for (int t = 0; t < sp->n_tables && !newcomers; t++)
            newcomers = c->table_changed[s][t] &&
                        chart_newcomer_count(plan, &chart_round(sp, r)->tables[t]) > 0;
    if (newcomers)
        strbuf_addf(out, "%s%s\n", TR("new", "これから"), chart_newcomer_legend());
    for (int r = 0; r < rounds; r++) {
        const tsunagu_session_plan *rp = chart_round(sp, r);
        if (rounds > 1) {
            if (!c->round_changed[s][r])
                continue;
            /* "-- 2回目 --  11:30-11:50" */
            int start, end;
            strbuf_addf(out, TR("\n-- Round %d --", "\n-- %d回目 --"), r + 1);
            if (chart_round_times(spec, r, rounds, &start, &end)) {
                char from[16], to[16];
                tsunagu_clock_text(start, from);
                tsunagu_clock_text(end, to);
                strbuf_addf(out, "  %s-%s", from, to);
            }
            strbuf_add(out, "\n");
        }
        for (int t = 0; t < rp->n_tables; t++)
            if (c->table_changed[s][t])
                render_table(c, s, r, &rp->tables[t], head, width, out);
    }
    if (rounds > 1)
        render_itineraries(c, s, out);
    strbuf_add(out, "\n");
    free_cells(head);
}

/* Who is gone since the older plan, with the seats they had: to strike
 * from the rosters printed before. */
static void render_gone(const chart_ctx *c, strbuf *out)
{
    const tsunagu_plan *plan = c->plan, *old = c->opt->only_changed_since;
    if (c->n_gone == 0)
        return;
    strbuf_add(out, TR("\nGone (strike them from the rosters printed before):\n",
                       "\nいなくなった人（前に印刷した名簿から消してください）:\n"));
    for (size_t k = 0; k < c->n_gone; k++) {
        char *name = tsunagu_text_printable(old->roster->items[c->gone[k]].name);
        strbuf_addf(out, INDENT "%s  ", name);
        free(name);
        for (int s = 0, shown = 0; s < plan->n_sessions; s++) {
            if (!tsunagu_session_seats(plan->sessions[s].spec))
                continue;
            char *seat = chart_gone_seat(c, k, s);
            char *clean = tsunagu_text_printable(seat ? seat : "—");
            strbuf_addf(out, "%s%s %s", shown++ ? TR(" / ", "／") : "",
                        chart_unit_word(plan->sessions[s].spec), clean);
            free(clean);
            free(seat);
        }
        strbuf_addf(out, "  (%s)\n", chart_gone_cancelled(c, k)
                                          ? TR("cancelled on the day", "当日欠席")
                                          : TR("no longer on the list", "名簿から外れた"));
    }
}

void chart_render_text(const chart_ctx *c, strbuf *out)
{
    const tsunagu_plan *plan = c->plan;
    if (plan->event) {
        char *title = tsunagu_text_printable(plan->event->title);
        char *paper = chart_event_date(plan->event);
        char *date = tsunagu_text_printable(paper);
        free(paper);
        char *venue = tsunagu_text_printable(plan->event->venue);
        strbuf_addf(out, "%s\n%s%s%s\n\n", title, date, *date && *venue ? "  " : "", venue);
        free(title);
        free(date);
        free(venue);
    }
    bool any = false;
    for (int s = 0; s < plan->n_sessions; s++)
        any |= c->session_changed[s];
    if (c->opt->only_changed_since)
        strbuf_add(out, any ? TR("Only the tables whose members changed.\n\n",
                                    "メンバーが変わったテーブルだけを表示しています。\n\n")
                               : TR("Nothing changed.\n", "変更はありません。\n"));
    for (int s = 0; s < plan->n_sessions; s++)
        if (c->session_changed[s] && tsunagu_session_seats(plan->sessions[s].spec))
            render_session(c, s, out);
    chart_render_programme_text(c, out);
    render_gone(c, out);

    /* Organisers and observers have no seat: say so rather than drop them. */
    any = false;
    for (size_t i = 0; !c->opt->only_changed_since && plan->roster && i < plan->roster->count;
         i++) {
        const tsunagu_attendee *a = &plan->roster->items[c->reading_order[i]];
        if (tsunagu_roster_seated(plan->roster, c->reading_order[i]))
            continue;
        if (!any)
            strbuf_add(out, TR("Not seated (organisers, observers):\n",
                                  "席なし（主催者・見学者）:\n"));
        any = true;
        char *name = tsunagu_text_printable(a->name), *org = tsunagu_text_printable(a->organization);
        strbuf_addf(out, INDENT "%s  %s\n", name, org);
        free(name);
        free(org);
    }
}
