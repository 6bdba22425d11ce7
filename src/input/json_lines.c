/* json_lines.c - where each element of a JSON array starts.
 *
 * jansson reports lines only for syntax errors, but users need "file:LINE"
 * for a bad attendee or region too.  This scanner walks already-valid JSON
 * text just far enough to note the line of each array element. */
#include <stdlib.h>
#include <string.h>

#include "input/input_private.h"

typedef struct {
    const char *s;
    size_t len, pos;
    int line;
} scanner;

static void skip_ws(scanner *sc)
{
    while (sc->pos < sc->len) {
        char c = sc->s[sc->pos];
        if (c == '\n')
            sc->line++;
        else if (c != ' ' && c != '\t' && c != '\r')
            return;
        sc->pos++;
    }
}

/* Skip a string starting at the opening quote; returns -1 if unterminated. */
static int skip_string(scanner *sc)
{
    sc->pos++; /* opening quote */
    while (sc->pos < sc->len) {
        char c = sc->s[sc->pos++];
        if (c == '\\')
            sc->pos++;
        else if (c == '"')
            return 0;
        else if (c == '\n')
            sc->line++; /* invalid JSON, but keep counting */
    }
    return -1;
}

/* Skip any value; nested containers are skipped by depth counting. */
static int skip_value(scanner *sc)
{
    skip_ws(sc);
    if (sc->pos >= sc->len)
        return -1;
    char c = sc->s[sc->pos];
    if (c == '"')
        return skip_string(sc);
    if (c != '[' && c != '{') {
        while (sc->pos < sc->len && !strchr(",]} \t\r\n", sc->s[sc->pos]))
            sc->pos++;
        return 0;
    }
    int depth = 0;
    while (sc->pos < sc->len) {
        c = sc->s[sc->pos];
        if (c == '"') {
            if (skip_string(sc) != 0)
                return -1;
            continue;
        }
        if (c == '\n')
            sc->line++;
        else if (c == '[' || c == '{')
            depth++;
        else if (c == ']' || c == '}') {
            if (--depth == 0) {
                sc->pos++;
                return 0;
            }
        }
        sc->pos++;
    }
    return -1;
}

static int expect(scanner *sc, char c)
{
    skip_ws(sc);
    if (sc->pos < sc->len && sc->s[sc->pos] == c) {
        sc->pos++;
        return 0;
    }
    return -1;
}

/* Position the scanner on the value of the top-level object's member. */
static int find_member(scanner *sc, const char *member)
{
    size_t mlen = strlen(member);
    if (expect(sc, '{') != 0)
        return -1;
    for (;;) {
        skip_ws(sc);
        if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
            return -1;
        size_t start = sc->pos + 1;
        if (skip_string(sc) != 0)
            return -1;
        size_t klen = sc->pos - 1 - start;
        if (expect(sc, ':') != 0)
            return -1;
        if (klen == mlen && memcmp(sc->s + start, member, mlen) == 0)
            return 0;
        if (skip_value(sc) != 0 || expect(sc, ',') != 0)
            return -1;
    }
}

long tsunagu_json_element_lines(const char *text, size_t len, const char *member, int **lines)
{
    scanner sc = {text, len, 0, 1};
    *lines = NULL;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        sc.pos = 3;
    if (member && find_member(&sc, member) != 0)
        return -1;
    if (expect(&sc, '[') != 0)
        return -1;
    long n = 0, cap = 0;
    int *out = NULL;
    skip_ws(&sc);
    if (sc.pos < sc.len && sc.s[sc.pos] == ']')
        return 0;
    for (;;) {
        skip_ws(&sc);
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            int *bigger = realloc(out, (size_t)cap * sizeof *out);
            if (!bigger)
                break;
            out = bigger;
        }
        out[n++] = sc.line;
        if (skip_value(&sc) != 0)
            break;
        skip_ws(&sc);
        if (sc.pos < sc.len && sc.s[sc.pos] == ',') {
            sc.pos++;
            continue;
        }
        if (sc.pos < sc.len && sc.s[sc.pos] == ']') {
            *lines = out;
            return n;
        }
        break;
    }
    free(out);
    return -1;
}

int tsunagu_line_of_offset(const char *text, size_t len, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off && i < len; i++)
        line += text[i] == '\n';
    return line;
}
