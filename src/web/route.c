/* route.c - which handler a request goes to, and the checks every request
 * passes before any handler sees it.  Pure functions: unit-tested in
 * tests/unit/test_web.c. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/web_private.h"
#include "tsunagu/text.h"
#include "util/tr.h"

bool web_event_id_valid(const char *s)
{
    /* YYYYMMDD-HHMMSS-xxxx */
    if (!s || strlen(s) != WEB_ID_LEN)
        return false;
    for (int i = 0; i < WEB_ID_LEN; i++) {
        char c = s[i];
        bool ok;
        if (i == 8 || i == 15)
            ok = c == '-';
        else if (i < 15)
            ok = c >= '0' && c <= '9';
        else
            ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (!ok)
            return false;
    }
    return true;
}

/* Actions on one event: the path's last part and its method. */
static const struct {
    const char *name;
    const char *method;
    web_route_kind kind;
} actions[] = {
    {"attendees", "POST", WEB_R_ATTENDEES}, {"settings", "PUT", WEB_R_SETTINGS},
    {"solve", "POST", WEB_R_SOLVE},         {"job", "GET", WEB_R_JOB},
    {"move", "POST", WEB_R_MOVE},           {"unpin", "POST", WEB_R_UNPIN},
    {"add", "POST", WEB_R_ADD},             {"remove", "POST", WEB_R_REMOVE},
    {"plan.json", "GET", WEB_R_PLAN_JSON},  {"print.html", "GET", WEB_R_PRINT_HTML},
    {"badges.csv", "GET", WEB_R_BADGES_CSV}, {"history", "GET", WEB_R_HISTORY},
    {"undo", "POST", WEB_R_UNDO},           {"restore", "POST", WEB_R_RESTORE},
    {"role", "POST", WEB_R_ROLE},
    {"badges.html", "GET", WEB_R_BADGES_HTML}, {"name", "PUT", WEB_R_RENAME},
};

void web_route_match(const char *method, const char *path, web_route *out)
{
    memset(out, 0, sizeof *out);
    out->kind = WEB_R_NOT_FOUND;
    if (!method || !path)
        return;
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    static const char prefix[] = "/api/events";
    if (strncmp(path, prefix, sizeof prefix - 1) != 0) {
        const char *asset = strcmp(path, "/") == 0 ? "/index.html" : path;
        if (web_asset_find(asset))
            out->kind = get ? WEB_R_ASSET : WEB_R_BAD_METHOD, out->asset = asset;
        return;
    }
    const char *rest = path + sizeof prefix - 1;
    if (*rest == '\0') {
        if (get)
            out->kind = WEB_R_EVENT_LIST;
        else if (strcmp(method, "POST") == 0)
            out->kind = WEB_R_EVENT_NEW;
        else
            out->kind = WEB_R_BAD_METHOD;
        return;
    }
    if (*rest != '/')
        return;
    rest++;
    const char *slash = strchr(rest, '/');
    size_t idlen = slash ? (size_t)(slash - rest) : strlen(rest);
    if (idlen != WEB_ID_LEN)
        return;
    char id[WEB_ID_LEN + 1];
    memcpy(id, rest, WEB_ID_LEN);
    id[WEB_ID_LEN] = '\0';
    if (!web_event_id_valid(id))
        return;
    if (!slash) {
        out->kind = get                              ? WEB_R_EVENT_GET
                    : strcmp(method, "DELETE") == 0 ? WEB_R_EVENT_DELETE
                                                     : WEB_R_BAD_METHOD;
    } else {
        const char *action = slash + 1;
        for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
            if (strcmp(actions[i].name, action) != 0)
                continue;
            bool same = strcmp(actions[i].method, method) == 0 ||
                        (strcmp(actions[i].method, "GET") == 0 && get);
            out->kind = same ? actions[i].kind : WEB_R_BAD_METHOD;
            break;
        }
        if (out->kind == WEB_R_NOT_FOUND)
            return;
    }
    memcpy(out->event_id, id, sizeof id);
}

bool web_host_is_loopback(const char *host, unsigned port)
{
    if (!host)
        return false;
    size_t n = strlen(host);
    const char *colon = NULL;
    /* The port follows the last ':' outside brackets. */
    if (host[0] == '[') {
        const char *close = strchr(host, ']');
        if (!close)
            return false;
        if (close[1] == ':')
            colon = close + 1;
        else if (close[1] != '\0')
            return false;
    } else {
        colon = strrchr(host, ':');
    }
    size_t hlen = colon ? (size_t)(colon - host) : n;
    static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
    bool name_ok = false;
    for (size_t i = 0; i < 3; i++)
        if (strlen(names[i]) == hlen && strncasecmp(host, names[i], hlen) == 0)
            name_ok = true;
    if (!name_ok)
        return false;
    if (!colon)
        return port == 80;
    const char *p = colon + 1;
    if (*p == '\0' || strlen(p) > 5)
        return false;
    unsigned v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned)(*p - '0');
    }
    return v == port;
}

bool web_body_allowed(web_route_kind kind, size_t len, const tsunagu_web_options *opt)
{
    switch (kind) {
    case WEB_R_EVENT_NEW:
    case WEB_R_ATTENDEES:
        return len <= opt->max_upload;
    case WEB_R_SETTINGS:
    case WEB_R_SOLVE:
    case WEB_R_MOVE:
    case WEB_R_UNPIN:
    case WEB_R_ADD:
    case WEB_R_REMOVE:
    case WEB_R_UNDO:
    case WEB_R_RESTORE:
    case WEB_R_ROLE:
    case WEB_R_RENAME:
        return len <= opt->max_body;
    default:
        return len == 0; /* GETs carry no body */
    }
}

/* The code point of valid UTF-8 at s, its length in *n. */
static unsigned code_point(const unsigned char *s, size_t *n)
{
    if (s[0] < 0x80) {
        *n = 1;
        return s[0];
    }
    if (s[0] < 0xE0) {
        *n = 2;
        return (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu);
    }
    if (s[0] < 0xF0) {
        *n = 3;
        return (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
    }
    *n = 4;
    return (s[0] & 0x07u) << 18 | (s[1] & 0x3Fu) << 12 | (s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu);
}

/* What becomes of a code point in a name shown on one line: kept (0), a
 * space (' ': a line break, a tab, a separator some reader splits lines
 * at), or dropped (-1: other controls, text direction marks and
 * controls, invisible characters a name would hide behind). */
static int in_one_line(unsigned cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' ||
        (cp >= 0x1C && cp <= 0x1E) || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        return ' ';
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return -1;
    /* zero width space, LRM/RLM/ALM, the word joiner and invisible
     * operators, a BOM; U+202E would reverse the events list's row */
    if (cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0xFEFF ||
        (cp >= 0x2060 && cp <= 0x2064) || tsunagu_text_is_bidi_control((int32_t)cp))
        return -1;
    return 0;
}

/* Valid UTF-8 text (len bytes) as one line (in_one_line): breaks become
 * one space, however many come together.  New string. */
static char *one_line(const char *text, size_t len)
{
    char *out = malloc(len + 1);
    if (!out)
        abort();
    size_t k = 0, n;
    for (size_t i = 0; i < len; i += n) {
        unsigned cp = code_point((const unsigned char *)text + i, &n);
        int what = in_one_line(cp);
        if (what == ' ') {
            if (k > 0 && out[k - 1] != ' ')
                out[k++] = ' ';
        } else if (what == 0) {
            memcpy(out + k, text + i, n);
            k += n;
        }
    }
    out[k] = '\0';
    return out;
}

char *web_display_name(const char *name)
{
    const char *base = name ? name : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    size_t n = strlen(base);
    if (n == 0 || !tsunagu_utf8_valid(base, n, NULL))
        return tsunagu_strdup("upload");
    char *out = one_line(base, n);
    /* At most 100 bytes, cut at a character boundary. */
    size_t k = strlen(out);
    if (k > 100) {
        k = 100;
        while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
            k--;
        out[k] = '\0';
    }
    if (strspn(out, " ") == k) { /* nothing left to show */
        free(out);
        return tsunagu_strdup("upload");
    }
    return out;
}

/* Whether the code point at s (n bytes) is white space to trim: ASCII
 * space or tab, or the ideographic space U+3000 of a Japanese keyboard. */
static size_t space_at(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

char *web_event_name(const char *text, size_t len, char *why, size_t why_size)
{
    if (text && memchr(text, '\0', len)) {
        snprintf(why, why_size, "%s",
                 TR("the name holds a NUL character (U+0000, \\u0000): type it again without it",
                    "名前に NUL 文字（U+0000、\\u0000）が入っています。入れずにもう一度入力してください"));
        return NULL;
    }
    if (!text || !tsunagu_utf8_valid(text, len, NULL)) {
        snprintf(why, why_size, "%s", TR("the name is not text", "名前が文字になっていません"));
        return NULL;
    }
    char *out = one_line(text, len); /* a line break is a space: a name is one line */
    size_t n = strlen(out), start = 0, step;
    while ((step = space_at((unsigned char *)out + start, n - start)) > 0)
        start += step;
    for (bool cut = true; cut && n > start;) { /* trailing spaces, one at a time */
        cut = false;
        for (size_t w = 1; w <= 3 && w <= n - start; w++)
            if (space_at((unsigned char *)out + n - w, w) == w) {
                n -= w;
                cut = true;
                break;
            }
    }
    memmove(out, out + start, n - start);
    out[n - start] = '\0';
    size_t chars = 0;
    for (const unsigned char *c = (const unsigned char *)out; *c; c++)
        chars += (*c & 0xC0) != 0x80;
    if (chars == 0 || chars > WEB_NAME_MAX) {
        if (chars == 0)
            snprintf(why, why_size, "%s", TR("the name is empty", "名前が空です"));
        else
            snprintf(why, why_size,
                     TR("the name is %zu characters long: at most %d, please",
                        "名前が %zu 文字あります。%d 文字までにしてください"),
                     chars, WEB_NAME_MAX);
        free(out);
        return NULL;
    }
    return out;
}
