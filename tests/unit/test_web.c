/* test_web.c - tsunagu serve's request checks: routes, event ids, the Host
 * header, body limits, upload names, If-Match revisions, pins, a change's
 * commit (all or nothing), a server started and stopped on a free
 * port, late headers closing their connection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "web/web_private.h"

#define ID "20250314-101530-7f3a"

static web_route route(const char *method, const char *path)
{
    web_route r;
    web_route_match(method, path, &r);
    return r;
}

static void routes_name_the_handler_and_the_event(void **state)
{
    assert_int_equal(route("GET", "/").kind, WEB_R_ASSET);
    assert_string_equal(route("GET", "/").asset, "/index.html");
    assert_int_equal(route("GET", "/app.js").kind, WEB_R_ASSET);
    assert_int_equal(route("GET", "/api/events").kind, WEB_R_EVENT_LIST);
    assert_int_equal(route("POST", "/api/events").kind, WEB_R_EVENT_NEW);
    web_route r = route("POST", "/api/events/" ID "/move");
    assert_int_equal(r.kind, WEB_R_MOVE);
    assert_string_equal(r.event_id, ID);
    assert_int_equal(route("GET", "/api/events/" ID).kind, WEB_R_EVENT_GET);
    assert_int_equal(route("GET", "/api/events/" ID "/plan.json").kind, WEB_R_PLAN_JSON);
    assert_int_equal(route("PUT", "/api/events/" ID "/settings").kind, WEB_R_SETTINGS);
    assert_int_equal(route("HEAD", "/api/events/" ID "/badges.csv").kind, WEB_R_BADGES_CSV);
    assert_int_equal(route("GET", "/api/events/" ID "/badges.html").kind, WEB_R_BADGES_HTML);
    assert_int_equal(route("POST", "/api/events/" ID "/badges.html").kind, WEB_R_BAD_METHOD);
}

static void wrong_methods_and_unknown_paths_are_refused(void **state)
{
    assert_int_equal(route("POST", "/api/events/" ID "/plan.json").kind, WEB_R_BAD_METHOD);
    assert_int_equal(route("GET", "/api/events/" ID "/solve").kind, WEB_R_BAD_METHOD);
    assert_int_equal(route("DELETE", "/api/events").kind, WEB_R_BAD_METHOD);
    assert_int_equal(route("POST", "/").kind, WEB_R_BAD_METHOD);
    assert_int_equal(route("GET", "/api/events/" ID "/nothing").kind, WEB_R_NOT_FOUND);
    assert_int_equal(route("GET", "/api/events/" ID "/plan.json/x").kind, WEB_R_NOT_FOUND);
    assert_int_equal(route("GET", "/api/eventsX").kind, WEB_R_NOT_FOUND);
    assert_int_equal(route("GET", "/index.html/../../etc/passwd").kind, WEB_R_NOT_FOUND);
    assert_int_equal(route("GET", "/etc/passwd").kind, WEB_R_NOT_FOUND);
    /* An event id that is not exactly ours never reaches a handler. */
    assert_int_equal(route("GET", "/api/events/../../etc/plan.json").kind, WEB_R_NOT_FOUND);
    assert_int_equal(route("GET", "/api/events/20250314-101530-7F3A").kind, WEB_R_NOT_FOUND);
    assert_int_equal(route("GET", "/api/events/20250314-101530-7f3a0").kind, WEB_R_NOT_FOUND);
    assert_int_equal(route("GET", "/api/events/").kind, WEB_R_NOT_FOUND);
}

static void event_ids_have_one_exact_form(void **state)
{
    assert_true(web_event_id_valid(ID));
    assert_false(web_event_id_valid(NULL));
    assert_false(web_event_id_valid(""));
    assert_false(web_event_id_valid("20250314-101530-7f3"));
    assert_false(web_event_id_valid("20250314_101530-7f3a"));
    assert_false(web_event_id_valid("2025031a-101530-7f3a"));
    assert_false(web_event_id_valid("20250314-101530-7g3a"));
    assert_false(web_event_id_valid("../../../../../etc/x"));
    assert_false(web_event_id_valid("20250314-101530/7f3a"));
}

static void only_loopback_hosts_on_our_port(void **state)
{
    assert_true(web_host_is_loopback("127.0.0.1:8080", 8080));
    assert_true(web_host_is_loopback("localhost:8080", 8080));
    assert_true(web_host_is_loopback("LOCALHOST:8080", 8080));
    assert_true(web_host_is_loopback("[::1]:8080", 8080));
    assert_true(web_host_is_loopback("localhost", 80));
    assert_false(web_host_is_loopback("localhost", 8080));
    assert_false(web_host_is_loopback(NULL, 8080));
    assert_false(web_host_is_loopback("127.0.0.1:8081", 8080));
    assert_false(web_host_is_loopback("evil.example:8080", 8080)); /* DNS rebinding */
    assert_false(web_host_is_loopback("localhost.evil.example:8080", 8080));
    assert_false(web_host_is_loopback("127.0.0.1:80x", 80));
    assert_false(web_host_is_loopback("[::1]x:8080", 8080));
    assert_false(web_host_is_loopback("127.0.0.1:", 8080));
}

static void bodies_have_limits_per_route(void **state)
{
    tsunagu_web_options opt;
    tsunagu_web_options_init(&opt);
    assert_int_equal(opt.max_upload, 16u << 20);
    assert_true(web_body_allowed(WEB_R_EVENT_NEW, 16u << 20, &opt));
    assert_false(web_body_allowed(WEB_R_EVENT_NEW, (16u << 20) + 1, &opt));
    assert_true(web_body_allowed(WEB_R_MOVE, 1000, &opt));
    assert_false(web_body_allowed(WEB_R_MOVE, (1u << 20) + 1, &opt));
    assert_false(web_body_allowed(WEB_R_PLAN_JSON, 1, &opt)); /* GETs carry none */
    assert_true(web_body_allowed(WEB_R_PLAN_JSON, 0, &opt));
}

static void upload_names_are_only_shown(void **state)
{
    struct {
        const char *in, *want;
    } cases[] = {
        {"attendees.csv", "attendees.csv"},
        {"../../etc/passwd", "passwd"},
        {"C:\\Users\\会\\名簿.csv", "名簿.csv"},
        {"a\nb\x1b[31m.csv", "a b[31m.csv"},
        {"名簿\xE2\x80\xA8\xE2\x80\x8B\xEF\xBB\xBF.csv", "名簿 .csv"}, /* U+2028, ZWSP, BOM */
        {"\xE2\x80\xA9", "upload"},
        {"", "upload"},
        {NULL, "upload"},
        {"dir/", "upload"},
        {"\xff\xfe.csv", "upload"},
        {"\xE2\x80\xAEvsc.exe", "vsc.exe"}, /* a U+202E reversed the events list's row */
        {"\xE2\x81\xA6", "upload"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = web_display_name(cases[i].in);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    /* Long names are cut at a character boundary. */
    char longname[400] = "";
    for (int i = 0; i < 60; i++)
        strcat(longname, "名");
    char *got = web_display_name(longname);
    assert_true(strlen(got) <= 100);
    assert_true(tsunagu_utf8_valid(got, strlen(got), NULL));
    free(got);
}

static void if_match_names_one_revision(void **state)
{
    long base = 0;
    assert_int_equal(web_if_match_parse("\"7\"", &base), 0);
    assert_int_equal(base, 7);
    assert_int_equal(web_if_match_parse("W/\"12\"", &base), 0);
    assert_int_equal(base, 12);
    assert_int_equal(web_if_match_parse(" 3 ", &base), 0);
    assert_int_equal(base, 3);
    assert_int_equal(web_if_match_parse("*", &base), 0);
    assert_int_equal(base, -1); /* any revision */
    assert_int_equal(web_if_match_parse("\"0\"", &base), 0);
    assert_int_equal(base, 0);
    const char *bad[] = {"", "\"\"", "\"7", "7\"", "\"-1\"", "x", "\"7\", \"8\"", "\"7x\"",
                         "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(web_if_match_parse(bad[i], &base), -1);
}

static void pins_keep_one_per_person_and_session(void **state)
{
    json_t *pins = json_pack("[{s:s, s:s, s:s}, {s:s, s:s, s:s}]", "attendee", "A1", "session",
                             "morning", "table", "3", "attendee", "A1", "session", "afternoon",
                             "table", "MSW-B");
    json_t *moved = web_pins_with(pins, "A1", "morning", "5");
    assert_int_equal(json_array_size(moved), 2);
    json_t *last = json_array_get(moved, 1);
    assert_string_equal(json_string_value(json_object_get(last, "table")), "5");
    assert_int_equal(json_array_size(pins), 2); /* the stored array is not changed */
    json_t *one = web_pins_without(moved, "A1", "afternoon");
    assert_int_equal(json_array_size(one), 1);
    json_t *none = web_pins_without(moved, "A1", NULL);
    assert_int_equal(json_array_size(none), 0);
    json_t *fresh = web_pins_with(NULL, "B2", "morning", "1");
    assert_int_equal(json_array_size(fresh), 1);
    json_decref(pins);
    json_decref(moved);
    json_decref(one);
    json_decref(none);
    json_decref(fresh);
}

static char *slurp(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/events/" ID "/%s", dir, name);
    size_t len;
    tsunagu_diags *d = tsunagu_diags_new();
    char *data = tsunagu_file_read(path, 1u << 20, &len, d);
    tsunagu_diags_free(d);
    return data;
}

/* A change's files are stored all together or not at all: a file that
 * cannot be staged leaves every file as it was, the revision included. */
static void a_commit_is_all_or_nothing(void **state)
{
    char dir[] = "/tmp/tsunagu-web-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char events[64], folder[96], blocked[128];
    snprintf(events, sizeof events, "%s/events", dir);
    snprintf(folder, sizeof folder, "%s/" ID, events);
    snprintf(blocked, sizeof blocked, "%s/plan-0002.json", folder);
    assert_int_equal(mkdir(events, 0700), 0);
    assert_int_equal(mkdir(folder, 0700), 0);
    assert_int_equal(mkdir(blocked, 0700), 0); /* a folder where the plan would go */
    web_server srv = {0};
    srv.events_dir = events;
    tsunagu_diags *d = tsunagu_diags_new();
    json_t *meta = json_pack("{s:i, s:i}", "revision", 3, "plan", 1);
    json_t *pins = json_array();
    assert_int_equal(web_event_json_write(&srv, ID, "meta.json", meta, d), 0);
    assert_int_equal(web_event_json_write(&srv, ID, "pins.json", pins, d), 0);
    char *meta_before = slurp(dir, "meta.json"), *pins_before = slurp(dir, "pins.json");

    json_t *moved = web_pins_with(pins, "A1", "morning", "5");
    json_t *entry = web_history_entry("move");
    web_commit *c = web_commit_new(&srv, ID);
    assert_int_equal(web_commit_add_json(c, "pins.json", moved, d), 0);
    assert_int_equal(web_commit_add(c, "plan-0002.json", "{}", 2, d), -1);
    assert_int_equal(web_commit_finish(c, meta, entry, d), -1);
    web_commit_free(c);
    char *meta_after = slurp(dir, "meta.json"), *pins_after = slurp(dir, "pins.json");
    assert_string_equal(meta_after, meta_before);
    assert_string_equal(pins_after, pins_before);
    assert_null(slurp(dir, "history.json"));
    assert_int_equal(web_revision(meta), 3);
    free(meta_after);
    free(pins_after);

    /* The same change without the blocked file: stored, revision 4, told
     * in history.json. */
    assert_int_equal(rmdir(blocked), 0);
    c = web_commit_new(&srv, ID);
    assert_int_equal(web_commit_add_json(c, "pins.json", moved, d), 0);
    assert_int_equal(web_commit_finish(c, meta, entry, d), 0);
    web_commit_free(c);
    assert_int_equal(web_revision(meta), 4);
    json_t *stored = web_event_json_read(&srv, ID, "meta.json");
    assert_int_equal(web_revision(stored), 4);
    json_t *history = web_event_json_read(&srv, ID, "history.json");
    assert_int_equal(json_array_size(history), 1);
    json_t *h = json_array_get(history, 0);
    assert_int_equal(json_integer_value(json_object_get(h, "revision")), 4);
    assert_string_equal(json_string_value(json_object_get(h, "kind")), "move");
    assert_null(json_object_get(entry, "revision")); /* the caller's entry is left as it was */
    json_t *stored_pins = web_event_json_read(&srv, ID, "pins.json");
    assert_true(json_equal(stored_pins, moved));

    json_decref(stored_pins);
    json_decref(history);
    json_decref(stored);
    json_decref(entry);
    json_decref(moved);
    json_decref(pins);
    json_decref(meta);
    free(meta_before);
    free(pins_before);
    tsunagu_diags_free(d);
    const char *names[] = {"meta.json", "pins.json", "history.json"};
    for (size_t i = 0; i < 3; i++) {
        char path[160];
        snprintf(path, sizeof path, "%s/%s", folder, names[i]);
        assert_int_equal(unlink(path), 0);
    }
    assert_int_equal(rmdir(folder), 0);
    assert_int_equal(rmdir(events), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void a_server_starts_on_a_free_port_and_stops(void **state)
{
    char dir[] = "/tmp/tsunagu-web-XXXXXX";
    assert_non_null(mkdtemp(dir));
    tsunagu_web_options opt;
    tsunagu_web_options_init(&opt);
    opt.port = 0;
    opt.data_dir = dir;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_web *w = tsunagu_web_start(&opt, d);
    assert_non_null(w);
    assert_true(tsunagu_web_port(w) > 0);
    tsunagu_web_stop(w);
    assert_int_equal(tsunagu_diags_count(d), 0);

    /* A name, not a numeric address: refused with a reason. */
    opt.listen = "localhost";
    assert_null(tsunagu_web_start(&opt, d));
    assert_int_equal(tsunagu_diags_errors(d), 1);
    tsunagu_diags_free(d);

    char events[64], lock[64];
    snprintf(events, sizeof events, "%s/events", dir);
    snprintf(lock, sizeof lock, "%s/" WEB_SERVE_LOCK, dir); /* the server's, kept: it is empty */
    assert_int_equal(rmdir(events), 0);
    assert_int_equal(unlink(lock), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* A client that sends a header line now and then is never idle: its
 * request's headers must still be in within headers_seconds, else the
 * server closes the connection.  A quick request is answered as ever. */
static void late_headers_close_the_connection(void **state)
{
    char dir[] = "/tmp/tsunagu-web-XXXXXX";
    assert_non_null(mkdtemp(dir));
    tsunagu_web_options opt;
    tsunagu_web_options_init(&opt);
    assert_true(opt.headers_seconds == 30);
    opt.port = 0;
    opt.data_dir = dir;
    opt.headers_seconds = 2;
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_web *w = tsunagu_web_start(&opt, d);
    assert_non_null(w);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)tsunagu_web_port(w))};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&to, sizeof to), 0);
    char line[64];
    snprintf(line, sizeof line, "GET / HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n", tsunagu_web_port(w));
    assert_true(send(fd, line, strlen(line), MSG_NOSIGNAL) > 0);
    struct timeval half = {.tv_sec = 0, .tv_usec = 500000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &half, sizeof half);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool closed = false;
    for (int i = 0; i < 20 && !closed; i++) { /* a line every half second, for 10 s at most */
        char buf[256];
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        closed = n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) ||
                 send(fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL) < 0;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double took = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    close(fd);
    assert_true(closed);
    assert_true(took > 1.5 && took < 4.0);

    fd = socket(AF_INET, SOCK_STREAM, 0); /* a quick request: answered */
    assert_int_equal(connect(fd, (struct sockaddr *)&to, sizeof to), 0);
    snprintf(line, sizeof line, "GET / HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n", tsunagu_web_port(w));
    assert_true(send(fd, line, strlen(line), MSG_NOSIGNAL) > 0);
    char head[16] = "";
    assert_true(recv(fd, head, sizeof head - 1, MSG_WAITALL) == (ssize_t)sizeof head - 1);
    assert_memory_equal(head, "HTTP/1.1 200", 12);
    close(fd);
    tsunagu_web_stop(w);
    assert_int_equal(tsunagu_diags_count(d), 0);
    tsunagu_diags_free(d);
    char path[64];
    snprintf(path, sizeof path, "%s/events", dir);
    assert_int_equal(rmdir(path), 0);
    snprintf(path, sizeof path, "%s/" WEB_SERVE_LOCK, dir);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* Deleting, renaming: the routes. */
static void an_event_is_deleted_and_renamed_by_its_own_routes(void **state)
{
    web_route r = route("DELETE", "/api/events/" ID);
    assert_int_equal(r.kind, WEB_R_EVENT_DELETE);
    assert_string_equal(r.event_id, ID);
    assert_int_equal(route("PUT", "/api/events/" ID "/name").kind, WEB_R_RENAME);
    assert_int_equal(route("GET", "/api/events/" ID "/name").kind, WEB_R_BAD_METHOD);
    assert_int_equal(route("DELETE", "/api/events/" ID "/plan.json").kind, WEB_R_BAD_METHOD);
    assert_int_equal(route("PUT", "/api/events/" ID).kind, WEB_R_BAD_METHOD);
    assert_int_equal(route("DELETE", "/api/events/..%2F" ID).kind, WEB_R_NOT_FOUND);
    tsunagu_web_options opt;
    tsunagu_web_options_init(&opt);
    assert_true(web_body_allowed(WEB_R_RENAME, 1000, &opt));
    assert_false(web_body_allowed(WEB_R_EVENT_DELETE, 1, &opt)); /* no body */
}

static char *name_of(const char *text, char *why)
{
    return web_event_name(text, strlen(text), why, 160);
}

/* A display name: one line, no text direction controls, trimmed, at most
 * 200 characters (as a title), never empty; a reason when refused. */
static void display_names_are_one_clean_line(void **state)
{
    char why[160];
    char *n = name_of("\u3000 秋の交流会\n2026 \t", why);
    assert_string_equal(n, "秋の交流会 2026");
    free(n);
    /* Line breaks and separators a reader splits lines at are a space,
     * one for a run; marks and invisible characters go. */
    n = name_of("A\nB", why);
    assert_string_equal(n, "A B");
    free(n);
    n = name_of("A\r\n\r\nB\u2028C\u2029D\x1e" "E\tF", why);
    assert_string_equal(n, "A B C D E F");
    free(n);
    n = name_of("\ufeff秋\u200b祭\u200e\u200f\u061c\u2060り", why);
    assert_string_equal(n, "秋祭り");
    free(n);
    n = name_of("\u202e\u2066交流会\u2069 (A)\x7f\xc2\x85", why);
    assert_string_equal(n, "交流会 (A)");
    free(n);
    char long_name[3 * 201 + 1] = "";
    for (int i = 0; i < 200; i++)
        strcat(long_name, "会");
    n = name_of(long_name, why);
    assert_non_null(n); /* 200 characters (600 bytes) are fine */
    free(n);
    strcat(long_name, "会");
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    assert_null(name_of(long_name, why));
    assert_string_equal(why, "the name is 201 characters long: at most 200, please");
    assert_null(name_of(" \u3000\u202e ", why));
    assert_string_equal(why, "the name is empty");
    assert_null(web_event_name("a\0b", 3, why, sizeof why));
    assert_string_equal(why, "the name holds a NUL character (U+0000, \\u0000): type it again without it");
    assert_null(name_of("\xff\xfe", why));
    assert_string_equal(why, "the name is not text");
    tsunagu_lang_set(TSUNAGU_LANG_JA);
}

static void make_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The names in a folder but . and .., sorted, joined by spaces. */
static void folder_names(const char *dir, char *out, size_t size)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | tr '\\n' ' '", dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    pclose(p);
}

/* Deleting removes the whole folder (nested ones, links not followed) and
 * leaves nothing behind; the list never shows a folder being deleted; the
 * leftovers of a deletion cut short are swept. */
static void a_deleted_event_leaves_nothing(void **state)
{
    char dir[] = "/tmp/tsunagu-web-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char events[64], folder[96], nested[128], other[96], hidden[128], outside[96], link[160];
    snprintf(events, sizeof events, "%s/events", dir);
    snprintf(folder, sizeof folder, "%s/" ID, events);
    snprintf(nested, sizeof nested, "%s/sub", folder);
    snprintf(other, sizeof other, "%s/20250314-101530-0000", events);
    snprintf(hidden, sizeof hidden, "%s/" WEB_DELETING "20250314-101530-1111-0a0b0c0d", events);
    snprintf(outside, sizeof outside, "%s/keep", dir);
    snprintf(link, sizeof link, "%s/to-keep", folder);
    assert_int_equal(mkdir(events, 0700), 0);
    assert_int_equal(mkdir(folder, 0700), 0);
    assert_int_equal(mkdir(nested, 0700), 0);
    assert_int_equal(mkdir(other, 0700), 0);
    assert_int_equal(mkdir(hidden, 0700), 0);
    assert_int_equal(mkdir(outside, 0700), 0);
    make_file(folder, "meta.json", "{\"name\": \"a\", \"updated\": \"2025-03-14T10:15:30\"}");
    make_file(folder, "event.json", "{\"date\": \"2026-12-02\"}");
    make_file(folder, "upload-0001.dat", "name\n山田\n");
    make_file(nested, "x", "x");
    make_file(other, "meta.json", "{\"name\": \"b\", \"updated\": \"2025-03-14T09:00:00\"}");
    make_file(hidden, "meta.json", "{\"name\": \"half gone\"}");
    make_file(outside, "data", "not the event's");
    assert_int_equal(symlink(outside, link), 0);

    json_t *list = web_store_list(events, false); /* newest first, the hidden one left out */
    assert_int_equal(json_array_size(list), 2);
    json_t *first = json_array_get(list, 0);
    assert_string_equal(json_string_value(json_object_get(first, "id")), ID);
    assert_string_equal(json_string_value(json_object_get(first, "date")), "2026-12-02");
    assert_int_equal(json_integer_value(json_object_get(first, "bytes")), 47 + 22 + 12 + 1);
    json_decref(list);

    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(web_store_delete(events, ID, d), WEB_DELETE_OK);
    assert_int_equal(tsunagu_diags_count(d), 0);
    char names[256];
    folder_names(events, names, sizeof names);
    assert_string_equal(names, WEB_DELETING "20250314-101530-1111-0a0b0c0d 20250314-101530-0000 ");
    folder_names(outside, names, sizeof names);
    assert_string_equal(names, "data "); /* the link went, not what it named */
    assert_int_equal(web_store_delete(events, ID, d), WEB_DELETE_MISSING);
    assert_int_equal(web_store_delete(events, "../keep", d), WEB_DELETE_MISSING);
    assert_int_equal(web_store_delete(events, WEB_DELETING "20250314-101530-1111-0a0b0c0d", d),
                     WEB_DELETE_MISSING);

    assert_int_equal(web_store_sweep(events, false), 1);
    folder_names(events, names, sizeof names);
    assert_string_equal(names, "20250314-101530-0000 ");
    assert_int_equal(web_store_delete(events, "20250314-101530-0000", d), WEB_DELETE_OK);
    assert_int_equal(tsunagu_diags_count(d), 0);
    tsunagu_diags_free(d);
    assert_int_equal(rmdir(events), 0);
    char keep[128];
    snprintf(keep, sizeof keep, "%s/data", outside);
    assert_int_equal(unlink(keep), 0);
    assert_int_equal(rmdir(outside), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* What a killed server left goes when nobody else writes (unfinished):
 * an event being made, a folder that never got its meta.json, the staged
 * files of a change; every event and every file of one stays.  Without
 * unfinished only the remains of deletions go (another server may be
 * making an event). */
static void what_a_killed_server_left_is_swept(void **state)
{
    char dir[] = "/tmp/tsunagu-web-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char events[64], event[96], creating[96], half[96];
    snprintf(events, sizeof events, "%s/events", dir);
    snprintf(event, sizeof event, "%s/" ID, events);
    snprintf(creating, sizeof creating, "%s/" WEB_CREATING "0a1b2c3d", events);
    snprintf(half, sizeof half, "%s/20250314-101530-0000", events);
    assert_int_equal(mkdir(events, 0700), 0);
    assert_int_equal(mkdir(event, 0700), 0);
    assert_int_equal(mkdir(creating, 0700), 0);
    assert_int_equal(mkdir(half, 0700), 0);
    make_file(event, "meta.json", "{\"name\": \"a\"}");
    make_file(event, "upload-0001.dat", "name\n山田\n");
    make_file(event, "upload-0002.dat.tmp.4242.7", "name\n山田\n佐藤\n"); /* a replacement cut short */
    make_file(event, "notes.tmp.txt", "not staged by us: kept");
    make_file(creating, "upload-0001.dat", "name\n山田\n");
    make_file(half, "upload-0001.dat.tmp.4242.3", "name\n山田\n"); /* made before .creating-* */

    json_t *list = web_store_list(events, true); /* neither hidden nor half-made is an event */
    assert_int_equal(json_array_size(list), 2);
    json_decref(list);
    char names[256];
    assert_int_equal(web_store_sweep(events, false), 0);
    folder_names(events, names, sizeof names);
    assert_string_equal(names, WEB_CREATING "0a1b2c3d 20250314-101530-0000 " ID " ");
    assert_int_equal(web_store_sweep(events, true), 3);
    folder_names(events, names, sizeof names);
    assert_string_equal(names, ID " ");
    folder_names(event, names, sizeof names);
    assert_string_equal(names, "meta.json notes.tmp.txt upload-0001.dat ");

    assert_true(web_staging_valid(WEB_CREATING "0a1b2c3d"));
    assert_false(web_staging_valid(WEB_CREATING "0a1b2c3"));
    assert_false(web_staging_valid(WEB_CREATING "0a1b2c3D"));
    assert_false(web_staging_valid(WEB_DELETING "0a1b2c3d"));
    assert_false(web_staging_valid(WEB_CREATING "../../x"));
    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(web_store_delete(events, ID, d), WEB_DELETE_OK);
    tsunagu_diags_free(d);
    assert_int_equal(rmdir(events), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* A link planted in the data folder in place of an event's folder is no
 * event: not on the page's list (on the administrator's, as not an event),
 * nothing read or written through it, and deleting it removes the link,
 * never what it names. */
static void a_linked_event_folder_is_never_followed(void **state)
{
    char dir[] = "/tmp/tsunagu-web-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char events[64], outside[64], link[96];
    snprintf(events, sizeof events, "%s/events", dir);
    snprintf(outside, sizeof outside, "%s/outside", dir);
    snprintf(link, sizeof link, "%s/" ID, events);
    assert_int_equal(mkdir(events, 0700), 0);
    assert_int_equal(mkdir(outside, 0700), 0);
    make_file(outside, "meta.json", "{\"name\": \"planted\", \"attendees\": 9}");
    make_file(outside, "upload-0001.dat.tmp.1.1", "not ours");
    assert_int_equal(symlink(outside, link), 0);

    web_server srv = {.events_dir = events};
    assert_false(web_event_exists(&srv, ID));
    json_t *list = web_store_list(events, false);
    assert_int_equal(json_array_size(list), 0);
    json_decref(list);
    list = web_store_list(events, true);
    assert_int_equal(json_array_size(list), 1);
    json_t *e = json_array_get(list, 0);
    assert_true(json_is_true(json_object_get(e, "broken")));
    assert_null(json_object_get(e, "name")); /* nothing read through it */
    assert_int_equal(json_integer_value(json_object_get(e, "bytes")), 0);
    json_decref(list);
    assert_int_equal(web_store_sweep(events, true), 0);
    char names[256];
    folder_names(outside, names, sizeof names);
    assert_string_equal(names, "meta.json upload-0001.dat.tmp.1.1 ");

    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(web_store_delete(events, ID, d), WEB_DELETE_OK);
    assert_int_equal(tsunagu_diags_count(d), 0);
    tsunagu_diags_free(d);
    folder_names(events, names, sizeof names);
    assert_string_equal(names, "");
    folder_names(outside, names, sizeof names);
    assert_string_equal(names, "meta.json upload-0001.dat.tmp.1.1 ");
    char path[128];
    snprintf(path, sizeof path, "%s/meta.json", outside);
    assert_int_equal(unlink(path), 0);
    snprintf(path, sizeof path, "%s/upload-0001.dat.tmp.1.1", outside);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(outside), 0);
    assert_int_equal(rmdir(events), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(routes_name_the_handler_and_the_event),
        cmocka_unit_test(wrong_methods_and_unknown_paths_are_refused),
        cmocka_unit_test(event_ids_have_one_exact_form),
        cmocka_unit_test(only_loopback_hosts_on_our_port),
        cmocka_unit_test(bodies_have_limits_per_route),
        cmocka_unit_test(upload_names_are_only_shown),
        cmocka_unit_test(if_match_names_one_revision),
        cmocka_unit_test(pins_keep_one_per_person_and_session),
        cmocka_unit_test(a_commit_is_all_or_nothing),
        cmocka_unit_test(a_server_starts_on_a_free_port_and_stops),
        cmocka_unit_test(late_headers_close_the_connection),
        cmocka_unit_test(an_event_is_deleted_and_renamed_by_its_own_routes),
        cmocka_unit_test(display_names_are_one_clean_line),
        cmocka_unit_test(a_deleted_event_leaves_nothing),
        cmocka_unit_test(what_a_killed_server_left_is_swept),
        cmocka_unit_test(a_linked_event_folder_is_never_followed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
