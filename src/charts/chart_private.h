/* chart_private.h - what the chart renderers share: a growing output
 * buffer, escaping, attendee ordering and the "what to print" selection. */
#ifndef TSUNAGU_CHART_PRIVATE_H
#define TSUNAGU_CHART_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "tsunagu/badges.h"
#include "tsunagu/chart.h"

#include "util/strbuf.h"

/* Text for HTML or SVG, element content or quoted attribute value alike:
 * & < > " ' escaped; control characters and invalid UTF-8 become U+FFFD. */
void strbuf_add_html(strbuf *b, const char *s);

/* What to print.  With only_changed_since, table_changed[s][t] says which
 * tables of session s have a member set different from the old plan's
 * table with the same id (in any round of a session with rounds) or other
 * role holders; round_changed[s][r], which rounds have such a table;
 * otherwise every flag is true. */
typedef struct {
    const tsunagu_plan *plan;
    const tsunagu_chart_options *opt;
    bool **table_changed;   /* [n_sessions][n_tables] */
    bool **sign_changed;    /* table new, or its region/track differs: reprint the sign */
    bool *session_changed;  /* any table of the session changed */
    bool **round_changed;   /* [n_sessions][chart_round_count]: any table of the round changed */
    bool *attendee_changed; /* some seat of the attendee differs (or new) */
    size_t *gone;           /* with only_changed_since: people of the old plan who had a
                               seat there and have none now (cancelled, off the list),
                               as indices into the old plan's roster, in reading order */
    size_t n_gone;
    size_t *reading_order;  /* attendee indices in あいうえお order */
    size_t *reading_rank;   /* inverse: position of each attendee in that order */
} chart_ctx;

/* Build the context; NULL only on out of memory (aborts instead). */
chart_ctx *chart_ctx_new(const tsunagu_plan *plan, const tsunagu_chart_options *opt);
void chart_ctx_free(chart_ctx *c);

/* Where gone person k (c->gone[k]) sat in the old plan's session s: the
 * table's printed name (chart_seat_name; a session with rounds: every
 * round's, 3→7→1), or NULL.  Caller frees.  Why
 * they are gone: cancelled at the desk (in the new plan's cancelled) or
 * no longer on the list. */
char *chart_gone_seat(const chart_ctx *c, size_t k, int s);
bool chart_gone_cancelled(const chart_ctx *c, size_t k);

/* The table's members (roster indices) in あいうえお order, whatever
 * order the plan lists them in.  Caller frees. */
size_t *chart_members_by_reading(const chart_ctx *c, const tsunagu_table *t);

/* Region label(s) of an exchange table joined by "・", or the track's
 * label for a workgroup; "" when neither.  Caller frees. */
char *chart_table_place(const tsunagu_plan *plan, const tsunagu_session_plan *s,
                        const tsunagu_table *t);
/* Label of a track id in the current language, borrowed; the id itself
 * when the track is unknown. */
const char *chart_track_label(const tsunagu_session_spec *spec, const char *track);
/* Label of a table: the plan's label in Japanese, "Table 3" / "MSW group A"
 * rebuilt in English.  Caller frees. */
char *chart_table_label(const tsunagu_session_spec *spec, const tsunagu_table *t);
/* A group's label in two parts, as paper prints it: *head up to the end of
 * its track's label ("相談支援専門員・センター") and *tail the rest, the
 * group's own name ("グループD"), from the event's table_label pattern in
 * the current language.  For an exchange table *head is "" and *tail its
 * label.  Both new; caller frees. */
void chart_label_parts(const tsunagu_session_spec *spec, const tsunagu_table *t, char **head,
                       char **tail);
/* A table's name in a column headed テーブル / グループ (reception list,
 * changes, CSV): a table's id, its number ("3"); a group's label
 * ("相談支援専門員・センター グループD"), never its id ("CSS-D"), which is
 * for the command line.  Caller frees. */
char *chart_seat_name(const tsunagu_session_spec *spec, const tsunagu_table *t);
/* The same for a table given by id in session s of the plan (a move's
 * from and to); the id itself when the session has no such table. */
char *chart_seat_name_by_id(const tsunagu_plan *plan, const char *session, const char *id);
/* "MSW 4、相談支援専門員 3（計 7 人、うち これから 2 人）": members per
 * profession and newcomers, in the current language.  Caller frees. */
char *chart_profession_counts(const tsunagu_plan *plan, const tsunagu_table *t);
/* The rosters' mark for a newcomer (experience "planning"): "これから"
 * ("new"); "" for the experienced.  Borrowed; cannot fail. */
const char *chart_newcomer_mark(const tsunagu_attendee *a);
/* What that mark means, to follow the mark: ": これから始める人...".
 * Borrowed. */
const char *chart_newcomer_legend(void);
/* How many members of t are newcomers. */
size_t chart_newcomer_count(const tsunagu_plan *plan, const tsunagu_table *t);
/* Profession as a table cell: short enough for a column (MSW,
 * 相談支援専門員, センター職員); the legend gives the full names. */
const char *chart_profession_short(const tsunagu_plan *plan, tsunagu_profession p);
/* "テーブル" or "グループ" (Table, Group) by session kind, borrowed. */
const char *chart_unit_word(const tsunagu_session_spec *spec);
/* Short profession mark for the map: M, S, C, O. */
const char *chart_profession_mark(const tsunagu_plan *plan, tsunagu_profession p);

/* Roles and the running order (programme.c).  The roles member holds in
 * group tb ("司会・書記"; "" for none): a new string.  The same as a mark
 * beside a name in HTML (nothing for none); the group's holders on its
 * sign; attendee ai's roles in every session, for the badge list (a new
 * string).  The MC's sheet (進行表) of each sharing session, in HTML (a
 * page each) and text. */
char *chart_roles_of(const tsunagu_session_plan *sp, const tsunagu_table *tb, size_t member);
void chart_roles_html(strbuf *b, const tsunagu_session_plan *sp, const tsunagu_table *tb, size_t member);
void chart_sign_roles_html(strbuf *b, const tsunagu_plan *p, const tsunagu_session_plan *sp,
                           const tsunagu_table *tb);
char *chart_attendee_roles(const tsunagu_plan *p, size_t ai);
/* True when tables a (of plan pa) and b (of pb) have the same holders,
 * by attendee id, of the same roles; and when attendee a of pa holds the
 * same roles as attendee b of pb (a new badge otherwise). */
bool chart_same_roles(const tsunagu_plan *pa, const tsunagu_session_plan *sa, const tsunagu_table *a,
                      const tsunagu_plan *pb, const tsunagu_session_plan *sb, const tsunagu_table *b);
bool chart_same_attendee_roles(const tsunagu_plan *pa, size_t a, const tsunagu_plan *pb, size_t b);
void chart_render_programme_html(const chart_ctx *c, strbuf *b);
void chart_render_programme_text(const chart_ctx *c, strbuf *out);
/* The event's date as paper writes it in the current language:
 * 平成26年10月31日（金）, "31 October 2014 (Fri)" (util/date.c); the event
 * file's text as it is when it is no date ICU can read; "" without one.
 * Caller frees. */
char *chart_event_date(const tsunagu_event *e);

/* Rounds (rounds.c): a session with rounds (a 席替え) seats the same
 * tables chart_round_count(sp) times; round r (0-based) is sp itself for
 * r = 0, else sp->later[r - 1] (NULL past the last).  Cannot fail. */
int chart_round_count(const tsunagu_session_plan *sp);
const tsunagu_session_plan *chart_round(const tsunagu_session_plan *sp, int r);
/* Round r of k's start and end in minutes since midnight: round_minutes
 * each from the session's start, or its slot shared evenly.  False when
 * the event gives no times to work them out from. */
bool chart_round_times(const tsunagu_session_spec *spec, int r, int k, int *start, int *end);
/* "2回目" ("round 2") for round r; "2回目 11:30–11:50" ("Round 2,
 * 11:30–11:50") with the round's times joined by dash when known.  New
 * strings the caller frees. */
char *chart_round_name(int r);
char *chart_round_heading(const tsunagu_session_plan *sp, int r, const char *dash);
/* A round's minutes (the first round's when they differ by rounding); 0
 * when unknown. */
int chart_round_length(const tsunagu_session_plan *sp);
/* The table attendee ai sits at in round r of sp, borrowed; NULL when
 * none. */
const tsunagu_table *chart_round_table(const tsunagu_session_plan *sp, int r, size_t ai);
/* One stop of an itinerary: a table's number, a group's own name
 * (グループD); "—" for t NULL.  New string the caller frees. */
char *chart_round_stop(const tsunagu_session_spec *spec, const tsunagu_table *t);
/* Attendee ai's itinerary over sp's rounds, the stops joined by arrow:
 * "3 → 7 → 1"; a group by its own name, "グループA → グループC", its track
 * given once by chart_itinerary_head ("MSW"; "" for tables; NULL when the
 * stops lie in different tracks, and then every stop is a full label);
 * "—" for a round without a seat.  chart_itinerary_full: the head, a
 * space and the stops.  New strings the caller frees. */
char *chart_itinerary(const tsunagu_session_plan *sp, size_t ai, const char *arrow);
char *chart_itinerary_head(const tsunagu_session_plan *sp, size_t ai);
char *chart_itinerary_full(const tsunagu_session_plan *sp, size_t ai, const char *arrow);
/* The stops as HTML: each a span.stop, a small span.to arrow between
 * them, after which a line may break when breaks is set.  Appended to b. */
void chart_itinerary_html(strbuf *b, const tsunagu_session_plan *sp, size_t ai, bool breaks);

/* Estimated printed width of s in em, from each character's display
 * width (utf8proc): full-width 1 em, capitals 0.8, other narrow ones 0.6.
 * Cannot fail. */
double chart_text_em(const char *s);
/* Label of a region index in the current language, borrowed; "" when out
 * of range. */
const char *chart_region_label(const tsunagu_plan *plan, int region);

/* HTML pieces the sections share (html.c).  Open a page-starting
 * <section class="cls">; the document's first one carries the event's
 * title. */
void chart_html_open_section(const chart_ctx *c, strbuf *b, const char *cls);
/* The session's title and times, escaped. */
void chart_html_session_heading(strbuf *b, const tsunagu_session_spec *spec);

/* The room map (map.c): pages of at most 12 tables, as few pages as that
 * allows, the tables spread evenly over them (13: 7 + 6).  Pages for
 * n_tables, and how many tables page (0-based) holds; 0 outside. */
int chart_map_page_count(int n_tables);
int chart_map_page_size(int n_tables, int page);
/* Append the room map of every session (that changed) to b. */
void chart_render_map(const chart_ctx *c, strbuf *b);

/* A label sheet (badge_layout.c); millimetres throughout. */
struct tsunagu_badge_layout {
    char *name;             /* the bundled name, or the file's base name */
    char *title, *title_en; /* may be NULL */
    double page_w, page_h;
    double left, top;       /* the first label's top-left corner */
    double label_w, label_h;
    double gap_x, gap_y;    /* between columns, between rows */
    double radius;          /* the labels' corner radius (the screen's outline) */
    int columns, rows;
};

/* The name badges (badges.c): sheets of labels of the layout asked for
 * (the bundled default when none); -1 with a reason in diags when that
 * cannot be loaded. */
int chart_render_badges(const chart_ctx *c, strbuf *out, tsunagu_diags *diags);
/* The CSS rules .p0, .p1 ... giving each profession its colour (fill and
 * background), from the plan's professions table: the room map's marks,
 * the legend, the badges.  Appended to b. */
void chart_html_profession_css(const chart_ctx *c, strbuf *b);

/* Renderers: append the whole document to out.  0, or -1 with a reason in
 * diags (CSV in CP932 only). */
void chart_render_html(const chart_ctx *c, strbuf *out);
void chart_render_text(const chart_ctx *c, strbuf *out);
int chart_render_csv(const chart_ctx *c, strbuf *out, tsunagu_diags *diags);

#endif
