/* text.c - the facilitators' rosters for a terminal or a line printer.
 *
 * Columns are aligned by display width (full-width characters take two
 * columns), so every row of a session starts each column at the same
 * place whatever mix of Japanese and Latin names it holds. */
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

static void render_session(const chart_ctx *c, int s, strbuf *out)
{
    const tsunagu_plan *plan = c->plan;
    const tsunagu_session_plan *sp = &plan->sessions[s];
    const tsunagu_session_spec *spec = sp->spec;
    char *head[N_COLS] = {
        tsunagu_strdup(TR("Name", "氏名")),        tsunagu_strdup(TR("Reading", "ふりがな")),
        tsunagu_strdup(TR("Profession", "職種")),  tsunagu_strdup(TR("Experience", "経験")),
        tsunagu_strdup(TR("Organisation", "所属")), tsunagu_strdup(TR("Region", "地域")),
    };
    /* One set of widths for the whole session: a facilitator comparing two
     * tables on one sheet sees the same columns. */
    int width[N_COLS] = {0};
    widen(width, head);
    for (int t = 0; t < sp->n_tables; t++)
        for (size_t m = 0; m < sp->tables[t].n_members; m++) {
            char *cells[N_COLS];
            char *roles = chart_roles_of(sp, &sp->tables[t], sp->tables[t].members[m]);
            row_cells(plan, &plan->roster->items[sp->tables[t].members[m]], roles, cells);
            free(roles);
            widen(width, cells);
            free_cells(cells);
        }

    char *title = tsunagu_text_printable(spec ? spec->title : "");
    char *times = tsunagu_session_times(spec, "-");
    strbuf_addf(out, "== %s%s%s ==\n", title, *times ? "  " : "", times);
    free(times);
    free(title);
    bool newcomers = false;
    for (int t = 0; t < sp->n_tables && !newcomers; t++)
        newcomers = c->table_changed[s][t] && chart_newcomer_count(plan, &sp->tables[t]) > 0;
    if (newcomers)
        strbuf_addf(out, "%s%s\n", TR("new", "これから"), chart_newcomer_legend());
    for (int t = 0; t < sp->n_tables; t++) {
        const tsunagu_table *tb = &sp->tables[t];
        if (!c->table_changed[s][t])
            continue;
        char *label = chart_table_label(spec, tb);
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
            char *roles = chart_roles_of(sp, tb, members[m]);
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
    strbuf_add(out, "\n");
    free_cells(head);
}

/* Rounds 2 .. k of a session with rounds (a 席替え): each round's tables
 * with their members' names, and the repeated pairs against their bound. */
static void render_rounds(const chart_ctx *c, int s, strbuf *out)
{
    const tsunagu_plan *plan = c->plan;
    const tsunagu_session_plan *sp = &plan->sessions[s];
    if (sp->n_later <= 0)
        return;
    char *line = tsunagu_plan_rounds_text(plan, s);
    char *clean_line = tsunagu_text_printable(line);
    strbuf_addf(out, "%s\n", clean_line);
    free(clean_line);
    free(line);
    for (int r = 0; r < sp->n_later; r++) {
        const tsunagu_session_plan *rp = &sp->later[r];
        strbuf_addf(out, TR("\n-- Round %d --\n", "\n-- %d回目 --\n"), r + 2);
        for (int t = 0; t < rp->n_tables; t++) {
            const tsunagu_table *tb = &rp->tables[t];
            char *label = chart_table_label(sp->spec, tb);
            char *clean = tsunagu_text_printable(label);
            strbuf_addf(out, "%s: ", clean);
            for (size_t m = 0; m < tb->n_members; m++) {
                char *name = tsunagu_text_printable(plan->roster->items[tb->members[m]].name);
                strbuf_addf(out, "%s%s", m ? TR(", ", "、") : "", name);
                free(name);
            }
            strbuf_add(out, "\n");
            free(clean);
            free(label);
        }
    }
    strbuf_add(out, "\n");
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
        if (c->session_changed[s] && tsunagu_session_seats(plan->sessions[s].spec)) {
            render_session(c, s, out);
            if (!c->opt->only_changed_since)
                render_rounds(c, s, out);
        }
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
