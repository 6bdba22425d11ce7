/* csv.c - one row per attendee for mail-merging name badges.
 *
 * A column per session that seats people (per round of a session with
 * rounds: テーブル 1回目, テーブル 2回目 ...).  RFC 4180 with CRLF, every
 * cell quoted.  UTF-8 with a BOM so Excel reads
 * it right, or CP932 for older office software.  A character CP932 cannot
 * hold (e.g. 𠮷) is an error naming the attendee and the field: replacing
 * it would print a wrong name on a badge without anyone noticing. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charts/chart_private.h"
#include "util/tr.h"
#include "tsunagu/text.h"

/* A quoted cell; a leading = + - @ gets an apostrophe so spreadsheets show
 * the text instead of evaluating it as a formula. */
static void add_cell(strbuf *out, const char *s, bool first)
{
    if (!first)
        strbuf_add(out, ",");
    strbuf_add(out, "\"");
    if (s && s[0] && strchr("=+-@\t\r", s[0]))
        strbuf_add(out, "'");
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"')
            strbuf_add(out, "\"\"");
        else
            strbuf_addn(out, p, 1);
    }
    strbuf_add(out, "\"");
}

/* Index of the first character of s that CP932 cannot hold, or -1. */
static long cp932_bad_offset(iconv_t cd, const char *s)
{
    char scratch[256];
    char *in = (char *)s;
    size_t inleft = strlen(s);
    iconv(cd, NULL, NULL, NULL, NULL);
    while (inleft > 0) {
        char *outp = scratch;
        size_t outleft = sizeof scratch;
        if (iconv(cd, &in, &inleft, &outp, &outleft) == (size_t)-1 && errno != E2BIG)
            return (long)(in - s);
    }
    return -1;
}

/* Check every field of every row before converting, so the user learns
 * about all the names at once. */
static int check_cp932(const chart_ctx *c, iconv_t cd, tsunagu_diags *diags)
{
    const tsunagu_roster *r = c->plan->roster;
    int bad = 0;
    for (size_t i = 0; r && i < r->count; i++) {
        const tsunagu_attendee *a = &r->items[i];
        const struct {
            const char *label;
            const char *text;
        } fields[] = {{TR("id", "番号"), a->id},
                      {TR("name", "氏名"), a->name},
                      {TR("kana", "ふりがな"), a->kana},
                      {TR("organization", "所属"), a->organization}};
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            if (!fields[f].text)
                continue;
            long off = cp932_bad_offset(cd, fields[f].text);
            if (off < 0)
                continue;
            utf8proc_int32_t cp = 0xFFFD;
            utf8proc_ssize_t k = utf8proc_iterate(
                (const utf8proc_uint8_t *)fields[f].text + off, -1, &cp);
            char ch[8] = "?";
            if (k > 0 && k < (utf8proc_ssize_t)sizeof ch) {
                memcpy(ch, fields[f].text + off, (size_t)k);
                ch[k] = '\0';
            }
            tsunagu_diags_add(
                diags, TSUNAGU_ERROR, r->source, a->line,
                TR("attendee %s: %s \"%s\" has a character CP932 cannot hold: U+%04X '%s' "
                   "(use --encoding utf-8, or write the name without it)",
                   "参加者 %s: %s「%s」に CP932 で表せない文字があります: U+%04X '%s'"
                   "（--encoding utf-8 を使うか、その文字を使わずに書いてください）"),
                a->id, fields[f].label, fields[f].text, (unsigned)cp, ch);
            bad++;
        }
    }
    return bad ? -1 : 0;
}

static int to_cp932(iconv_t cd, const strbuf *utf8, strbuf *out, tsunagu_diags *diags)
{
    char *in = utf8->data;
    size_t inleft = utf8->len;
    iconv(cd, NULL, NULL, NULL, NULL);
    while (inleft > 0) {
        char scratch[4096];
        char *outp = scratch;
        size_t outleft = sizeof scratch;
        size_t rc = iconv(cd, &in, &inleft, &outp, &outleft);
        strbuf_addn(out, scratch, sizeof scratch - outleft);
        if (rc == (size_t)-1 && errno != E2BIG) {
            /* Labels and region names: data that check_cp932 did not see. */
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("the chart holds text CP932 cannot represent (byte %zu); "
                                 "use --encoding utf-8",
                                 "CP932 で表せない文字が含まれています（%zu バイト目）。"
                                 "--encoding utf-8 を使ってください"),
                              (size_t)(in - utf8->data));
            return -1;
        }
    }
    return 0;
}

int chart_render_csv(const chart_ctx *c, strbuf *out, tsunagu_diags *diags)
{
    const tsunagu_plan *plan = c->plan;
    strbuf body = {0};
    strbuf_add(&body, "");
    add_cell(&body, TR("id", "番号"), true);
    add_cell(&body, TR("name", "氏名"), false);
    add_cell(&body, TR("kana", "ふりがな"), false);
    add_cell(&body, TR("profession", "職種"), false);
    add_cell(&body, TR("organization", "所属"), false);
    add_cell(&body, TR("region", "地域"), false);
    /* A session's column is headed by what its seat is called (テーブル,
     * グループ); the session id tells two sessions of one kind apart. */
    bool roles = false;
    for (int s = 0; s < plan->n_sessions; s++) {
        const tsunagu_session_spec *spec = plan->sessions[s].spec;
        const char *word = chart_unit_word(spec);
        roles |= spec->n_roles > 0;
        if (!tsunagu_session_seats(spec))
            continue;
        bool shared = false;
        for (int o = 0; o < plan->n_sessions; o++)
            shared |= o != s && tsunagu_session_seats(plan->sessions[o].spec) && strcmp(chart_unit_word(plan->sessions[o].spec), word) == 0;
        /* a session with rounds: a column per round, テーブル 2回目 */
        int rounds = chart_round_count(&plan->sessions[s]);
        for (int r = 0; r < rounds; r++) {
            strbuf head = {0};
            strbuf_add(&head, word);
            if (shared)
                strbuf_addf(&head, " (%s)", spec ? spec->id : "");
            if (rounds > 1) {
                char *name = chart_round_name(r);
                strbuf_addf(&head, " %s", name);
                free(name);
            }
            add_cell(&body, head.data, false);
            free(head.data);
        }
    }
    if (roles)
        add_cell(&body, TR("role", "役割"), false);
    strbuf_add(&body, "\r\n");
    for (size_t i = 0; plan->roster && i < plan->roster->count; i++) {
        size_t ai = c->reading_order[i];
        if (!c->attendee_changed[ai])
            continue;
        const tsunagu_attendee *a = &plan->roster->items[ai];
        add_cell(&body, a->id, true);
        add_cell(&body, a->name, false);
        add_cell(&body, a->kana, false);
        add_cell(&body, tsunagu_professions_label(plan->roster->professions, a->profession), false);
        add_cell(&body, a->organization, false);
        add_cell(&body, tsunagu_regions_label(plan->regions, a->region), false);
        for (int s = 0; s < plan->n_sessions; s++) {
            const tsunagu_session_plan *sp = &plan->sessions[s];
            if (!tsunagu_session_seats(sp->spec))
                continue;
            for (int r = 0; r < chart_round_count(sp); r++) {
                const tsunagu_table *t = chart_round_table(sp, r, ai);
                /* a group by its label, as every paper names it, not its id */
                char *name = t ? chart_seat_name(sp->spec, t) : tsunagu_strdup("");
                add_cell(&body, name, false);
                free(name);
            }
        }
        if (roles) {
            char *held = chart_attendee_roles(plan, ai);
            add_cell(&body, held, false);
            free(held);
        }
        strbuf_add(&body, "\r\n");
    }

    int rc = 0;
    if (c->opt->encoding == TSUNAGU_ENC_CP932) {
        iconv_t cd = iconv_open("CP932", "UTF-8");
        if (cd == (iconv_t)-1) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                              TR("this system cannot convert to CP932 (iconv)",
                                 "このシステムでは CP932 に変換できません（iconv）"));
            rc = -1;
        } else {
            rc = check_cp932(c, cd, diags);
            if (rc == 0)
                rc = to_cp932(cd, &body, out, diags);
            iconv_close(cd);
        }
    } else {
        strbuf_add(out, "\xEF\xBB\xBF");
        strbuf_addn(out, body.data, body.len);
    }
    free(body.data);
    return rc;
}
