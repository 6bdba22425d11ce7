/* test_web.c - tsunagu serve's request checks: routes, event ids, the Host
 * header, body limits, upload names, and a server started and stopped on a
 * free port. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
        {"a\nb\x1b[31m.csv", "ab[31m.csv"},
        {"", "upload"},
        {NULL, "upload"},
        {"dir/", "upload"},
        {"\xff\xfe.csv", "upload"},
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

    char events[64];
    snprintf(events, sizeof events, "%s/events", dir);
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
        cmocka_unit_test(a_server_starts_on_a_free_port_and_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
