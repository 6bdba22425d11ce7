/* roster_summary.c - what `tsunagu check` prints about a usable list. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/tr.h"
#include "tsunagu/roster.h"
#include "tsunagu/text.h"
#include "util/sort.h"
#include "util/strbuf.h"

typedef struct {
    char *buf;
    size_t len, cap;
} out;

static void put(out *o, const char *s) { tsunagu_text_pad(&o->buf, &o->len, &o->cap, s, 0); }

static void putf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void putf(out *o, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(o, tmp);
}

/* s padded on the right to width columns (display width). */
/* Every text of the list is printed through here or put_user: a name may
 * hold anything, the terminal must not take it as a command. */
static void left(out *o, const char *s, int width)
{
    char *clean = tsunagu_text_printable(s);
    tsunagu_text_pad(&o->buf, &o->len, &o->cap, clean, width);
    free(clean);
}

static void put_user(out *o, const char *s)
{
    left(o, s, 0);
}

/* s padded on the left to width columns. */
static void right(out *o, const char *s, int width)
{
    int w = tsunagu_text_width(s);
    for (; w < width; w++)
        put(o, " ");
    put(o, s);
}

static void right_num(out *o, long n, int width)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%ld", n);
    right(o, tmp, width);
}

static int max_int(int a, int b) { return a > b ? a : b; }

static void professions(out *o, const tsunagu_roster *r, const long *by_prof)
{
    put(o, TR("By profession\n", "職種別\n"));
    int wl = 0;
    const tsunagu_professions *pt = r->professions;
    int np = tsunagu_professions_count(pt);
    for (int p = 0; p < np; p++)
        wl = max_int(wl, tsunagu_text_width(tsunagu_professions_label(pt, p)));
    for (int p = 0; p < np; p++) {
        put(o, "  ");
        left(o, tsunagu_professions_code(pt, p), 8);
        left(o, tsunagu_professions_label(pt, p), wl);
        right_num(o, by_prof[p], 6);
        put(o, "\n");
    }
}

static void region_table(out *o, const tsunagu_roster *r)
{
    int nr = tsunagu_regions_count(r->regions);
    const tsunagu_professions *pt = r->professions;
    const int NP = tsunagu_professions_count(pt);
    long *cells = calloc((size_t)(nr + 1) * (size_t)(NP + 1), sizeof *cells);
    if (!cells)
        abort();
#define CELL(reg, prof) cells[(size_t)(reg) * (size_t)(NP + 1) + (size_t)(prof)]
    for (size_t i = 0; i < r->count; i++) {
        int reg = r->items[i].region, p = r->items[i].profession;
        CELL(reg, p)++;
        CELL(reg, NP)++;
        CELL(nr, p)++;
        CELL(nr, NP)++;
    }
    const char *region_h = TR("Region", "地域"), *total_h = TR("Total", "計");
    int wl = max_int(tsunagu_text_width(region_h), tsunagu_text_width(total_h));
    for (int g = 0; g < nr; g++)
        wl = max_int(wl, tsunagu_text_width(tsunagu_regions_label(r->regions, g)));
    int wc[TSUNAGU_MAX_PROFESSIONS + 1];
    for (int p = 0; p <= NP; p++) {
        const char *h = p < NP ? tsunagu_professions_code(pt, p) : total_h;
        wc[p] = max_int(tsunagu_text_width(h), 5);
    }
    putf(o, TR("By region (%s)\n", "地域別（%s）\n"), tsunagu_regions_title(r->regions));
    put(o, "  ");
    left(o, region_h, wl);
    for (int p = 0; p <= NP; p++) {
        put(o, " ");
        right(o, p < NP ? tsunagu_professions_code(pt, p) : total_h, wc[p]);
    }
    put(o, "\n");
    for (int g = 0; g <= nr; g++) {
        put(o, "  ");
        left(o, g < nr ? tsunagu_regions_label(r->regions, g) : total_h, wl);
        for (int p = 0; p <= NP; p++) {
            put(o, " ");
            right_num(o, CELL(g, p), wc[p]);
        }
        put(o, "\n");
    }
#undef CELL
    free(cells);
}

static void experience(out *o, const tsunagu_roster *r)
{
    long planning = 0, seated = 0;
    for (size_t i = 0; i < r->count; i++)
        if (tsunagu_roster_seated(r, i)) {
            seated++;
            planning += r->items[i].experience == TSUNAGU_PLANNING;
        }
    const char *e = TR("experienced", "経験あり"), *p = TR("planning", "これから");
    int w = max_int(tsunagu_text_width(e), tsunagu_text_width(p));
    put(o, TR("Experience (seated attendees)\n", "経験（席を決める人）\n"));
    put(o, "  ");
    left(o, e, w);
    right_num(o, seated - planning, 6);
    put(o, "\n  ");
    left(o, p, w);
    right_num(o, planning, 6);
    put(o, "\n");
}

static void interests(out *o, const tsunagu_roster *r)
{
    int nr = tsunagu_regions_count(r->regions);
    long *count = calloc((size_t)nr + 1, sizeof *count);
    if (!count)
        abort();
    long any = 0;
    for (size_t i = 0; i < r->count; i++)
        for (int k = 0; k < r->items[i].n_interests; k++) {
            count[r->items[i].interests[k]]++;
            any++;
        }
    put(o, TR("Interest regions (people naming each)\n", "関心地域（挙げた人数）\n"));
    int wl = 0;
    for (int g = 0; g < nr; g++)
        if (count[g])
            wl = max_int(wl, tsunagu_text_width(tsunagu_regions_label(r->regions, g)));
    for (int g = 0; g < nr; g++) {
        if (!count[g])
            continue;
        put(o, "  ");
        left(o, tsunagu_regions_label(r->regions, g), wl);
        right_num(o, count[g], 6);
        put(o, "\n");
    }
    if (!any)
        put(o, TR("  (none)\n", "  （なし）\n"));
    free(count);
}

static int by_org_then_line(size_t x, size_t y, const void *ctx)
{
    const tsunagu_attendee *items = ctx;
    const tsunagu_attendee *a = &items[x], *b = &items[y];
    int c = strcmp(a->org_key, b->org_key);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

static void organisations(out *o, const tsunagu_roster *r)
{
    size_t *order = malloc((r->count ? r->count : 1) * sizeof *order);
    if (!order)
        abort();
    for (size_t i = 0; i < r->count; i++)
        order[i] = i;
    sort_indices(order, r->count, by_org_then_line, r->items);
    put(o, TR("Organisations sending several people\n", "複数名が参加する所属\n"));
    int wl = 0, groups = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t s = 0; s < r->count;) {
            size_t e = s + 1;
            while (e < r->count && strcmp(r->items[order[e]].org_key, r->items[order[s]].org_key) == 0)
                e++;
            const tsunagu_attendee *first = &r->items[order[s]];
            if (e - s >= 2 && *first->org_key) {
                if (pass == 0) {
                    wl = max_int(wl, tsunagu_text_width(first->organization));
                    groups++;
                } else {
                    put(o, "  ");
                    left(o, first->organization, wl);
                    right_num(o, (long)(e - s), 4);
                    put(o, TR(": ", "人: "));
                    for (size_t k = s; k < e; k++) {
                        if (k > s)
                            put(o, TR(", ", "、"));
                        put_user(o, r->items[order[k]].name);
                    }
                    put(o, "\n");
                }
            }
            s = e;
        }
    }
    if (!groups)
        put(o, TR("  (none)\n", "  （なし）\n"));
    free(order);
}

char *tsunagu_roster_summary(const tsunagu_roster *r)
{
    out o = {0};
    long by_prof[TSUNAGU_MAX_PROFESSIONS] = {0}, seated = 0;
    for (size_t i = 0; i < r->count; i++) {
        by_prof[r->items[i].profession]++;
        seated += tsunagu_roster_seated(r, i);
    }
    /* the day's unseated professions: "OTHER" / "その他", "STAFF" / "事務局" */
    strbuf unseated = {0};
    for (int p = 0; p < tsunagu_professions_count(r->professions); p++)
        if (!tsunagu_professions_seated(r->professions, p)) {
            strbuf_add(&unseated, unseated.len ? TR(", ", "・") : "");
            strbuf_add(&unseated, TR(tsunagu_professions_code(r->professions, p),
                                     tsunagu_professions_short(r->professions, p)));
        }
    putf(&o, TR("%1$zu attendees: %2$ld to seat, %3$ld not seated (%4$s)\n\n",
                "参加者 %1$zu 人（席を決める人 %2$ld 人、席なし（%4$s） %3$ld 人）\n\n"),
         r->count, seated, (long)r->count - seated, unseated.data ? unseated.data : "-");
    free(unseated.data);
    professions(&o, r, by_prof);
    put(&o, "\n");
    region_table(&o, r);
    put(&o, "\n");
    experience(&o, r);
    put(&o, "\n");
    interests(&o, r);
    put(&o, "\n");
    organisations(&o, r);
    return o.buf;
}
