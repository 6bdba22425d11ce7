/* server.c - HTTP plumbing over libmicrohttpd: one thread per connection,
 * request bodies collected up to the route's limit, the checks every
 * request passes (Host on loopback, a custom header and same Origin on
 * changes), security headers on every reply. */
#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "web/web_private.h"
#include "util/platform.h"
#include "util/platform_net.h"
#include "util/tr.h"

/* ---- slow clients ------------------------------------------------------
 * libmicrohttpd lets an idle connection go after 20 s, but a client that
 * sends a header line now and then is never idle: 192 of them from
 * 127.0.0.1 (the page's own address) once held every place the page
 * needed.  So every connection is watched (web_conn): its request's
 * headers must be in within WEB_HEADERS_SECONDS of its start (the accept,
 * or the end of the previous request on the connection), within
 * WEB_HEADERS_BUSY_SECONDS while more than WEB_BUSY connections are open,
 * and its body within WEB_BODY_SECONDS after them; a watchdog thread shuts
 * the socket of a connection that is late, and libmicrohttpd closes it. */
#define WEB_CONNECTIONS 256   /* open at once */
#define WEB_PER_ADDRESS 192   /* from one address */
#define WEB_BUSY 128          /* more open: headers have less time */
#define WEB_HEADERS_BUSY_SECONDS 5.0
#define WEB_BODY_SECONDS 120.0

typedef enum { CONN_HEADERS, CONN_BODY, CONN_ANSWERING } conn_phase;

typedef struct web_conn {
    struct web_conn *prev, *next;
    MHD_socket fd;
    conn_phase phase;
    double since; /* when the phase began (monotonic seconds) */
    bool cut;     /* shut down by the watchdog already */
} web_conn;

struct tsunagu_web {
    web_server srv; /* first: the callbacks' web_server is this server */
    pthread_mutex_t conns_lock; /* the list and each entry's phase */
    web_conn *conns;
    int n_conns;
    double headers_seconds;
    bool watching;              /* the watchdog runs */
    bool stopping;              /* it should end */
    pthread_cond_t wake;        /* to end it at once */
    pthread_t watchdog;
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Every connection, from its accept to its close: listed for the watchdog. */
static void connection_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                              enum MHD_ConnectionNotificationCode code)
{
    tsunagu_web *w = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        web_conn *c = calloc(1, sizeof *c);
        const union MHD_ConnectionInfo *fd = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!c || !fd) {
            free(c);
            return; /* not watched: the idle timeout still holds */
        }
        c->fd = fd->connect_fd;
        c->phase = CONN_HEADERS;
        c->since = now_seconds();
        pthread_mutex_lock(&w->conns_lock);
        c->next = w->conns;
        if (w->conns)
            w->conns->prev = c;
        w->conns = c;
        w->n_conns++;
        pthread_mutex_unlock(&w->conns_lock);
        *socket_context = c;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        /* before libmicrohttpd closes the socket: the watchdog never
         * shuts one that is closed (or reused) */
        web_conn *c = *socket_context;
        pthread_mutex_lock(&w->conns_lock);
        if (c->prev)
            c->prev->next = c->next;
        else
            w->conns = c->next;
        if (c->next)
            c->next->prev = c->prev;
        w->n_conns--;
        pthread_mutex_unlock(&w->conns_lock);
        free(c);
        *socket_context = NULL;
    }
}

/* The connection's request moved on to phase (its headers are in, its
 * body is in, or it ended and the connection waits for another). */
static void connection_phase(web_server *srv, struct MHD_Connection *conn, conn_phase phase)
{
    tsunagu_web *w = (tsunagu_web *)srv;
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    web_conn *c = info ? info->socket_context : NULL;
    if (!c)
        return;
    pthread_mutex_lock(&w->conns_lock);
    c->phase = phase;
    c->since = now_seconds();
    pthread_mutex_unlock(&w->conns_lock);
}

/* Shut the sockets of connections whose request is late, four times a
 * second, until the server stops. */
static void *watchdog(void *arg)
{
    tsunagu_web *w = arg;
    pthread_mutex_lock(&w->conns_lock);
    while (!w->stopping) {
        double now = now_seconds();
        double headers = w->n_conns > WEB_BUSY && w->headers_seconds > WEB_HEADERS_BUSY_SECONDS
                             ? WEB_HEADERS_BUSY_SECONDS
                             : w->headers_seconds;
        for (web_conn *c = w->conns; c; c = c->next) {
            double allowed = c->phase == CONN_HEADERS ? headers
                             : c->phase == CONN_BODY  ? WEB_BODY_SECONDS
                                                      : -1;
            if (c->cut || allowed < 0 || now - c->since <= allowed)
                continue;
            shutdown(c->fd, PLATFORM_SHUT_BOTH); /* its thread reads the end and closes it */
            c->cut = true;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->wake, &w->conns_lock, &until);
    }
    pthread_mutex_unlock(&w->conns_lock);
    return NULL;
}

/* Per-request state across libmicrohttpd's calls. */
typedef struct {
    web_route route;
    char *body;
    size_t len, cap;
    bool too_big;
    bool started;  /* handle has seen this request */
    bool nul_path; /* the raw path held %00: libmicrohttpd's decoded one ends there */
} request_state;

/* The raw request path, before decoding: a %00 would cut the decoded path
 * short (/index.html%00.png served index.html), so it is marked here and
 * refused.  The state made here is handle's. */
static void *raw_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    (void)conn;
    request_state *st = calloc(1, sizeof *st);
    if (st && uri) {
        const char *q = strchr(uri, '?');
        size_t n = q ? (size_t)(q - uri) : strlen(uri);
        for (size_t i = 0; i + 2 < n; i++)
            st->nul_path |= uri[i] == '%' && uri[i + 1] == '0' && uri[i + 2] == '0';
    }
    return st;
}

static enum MHD_Result count_host(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    (void)value;
    if (key && strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0)
        (*(int *)cls)++;
    return MHD_YES;
}

void tsunagu_web_options_init(tsunagu_web_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->listen = "127.0.0.1";
    opt->port = 8080;
    opt->max_upload = 16u << 20;
    opt->max_body = 1u << 20;
    opt->time_limit = 30;
    opt->headers_seconds = 30;
}

const web_asset *web_asset_find(const char *path)
{
    for (const web_asset *a = web_assets; a->path; a++)
        if (strcmp(a->path, path) == 0)
            return a;
    return NULL;
}

static bool listening_on_loopback(const web_server *srv)
{
    return strcmp(srv->opt.listen, "127.0.0.1") == 0 || strcmp(srv->opt.listen, "::1") == 0 ||
           strncmp(srv->opt.listen, "127.", 4) == 0;
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, web_reply *r)
{
    struct MHD_Response *resp =
        r->body_static
            ? MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_PERSISTENT)
            : MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        if (!r->body_static)
            free(r->body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/plain");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            r->csp ? r->csp
                                   : "default-src 'none'; frame-ancestors 'none'; sandbox");
    if (r->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    if (r->etag[0])
        MHD_add_response_header(resp, "ETag", r->etag);
    enum MHD_Result rc = MHD_queue_response(conn, r->status, resp);
    MHD_destroy_response(resp);
    return rc;
}

static enum MHD_Result send_error(struct MHD_Connection *conn, unsigned status, const char *text)
{
    web_reply r = {0};
    web_reply_error(&r, status, text);
    return send_reply(conn, &r);
}

/* The page itself: its own files only, scripts from this server only. */
static const char page_csp[] =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    web_server *srv = cls;
    request_state *st = *con_cls;
    if (!st || !st->started) {
        if (!st && !(st = calloc(1, sizeof *st)))
            return MHD_NO;
        *con_cls = st;
        st->started = true;
        connection_phase(srv, conn, CONN_BODY); /* the headers are in */
        web_route_match(method, url, &st->route);
        /* Refuse an announced oversized body before reading it. */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            unsigned long long n = strtoull(cl, &end, 10);
            if (*end || !web_body_allowed(st->route.kind, (size_t)n, &srv->opt))
                st->too_big = true;
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (st->too_big || !web_body_allowed(st->route.kind, st->len + n, &srv->opt)) {
            st->too_big = true; /* keep reading, discard, answer 413 at the end */
            return MHD_YES;
        }
        if (st->len + n + 1 > st->cap) {
            size_t cap = st->cap ? st->cap : 4096;
            while (cap < st->len + n + 1)
                cap *= 2;
            char *b = realloc(st->body, cap);
            if (!b)
                return MHD_NO;
            st->body = b;
            st->cap = cap;
        }
        memcpy(st->body + st->len, upload_data, n);
        st->len += n;
        st->body[st->len] = '\0';
        return MHD_YES;
    }

    /* The whole request is in: check it, then answer. */
    connection_phase(srv, conn, CONN_ANSWERING);
    int hosts = 0;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, count_host, &hosts);
    if (hosts > 1)
        return send_error(conn, 400, "one Host header, please");
    if (st->nul_path)
        return send_error(conn, 400, "a NUL byte (%00) in a path");
    if (listening_on_loopback(srv)) {
        const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
        if (!web_host_is_loopback(host, srv->port))
            return send_error(conn, 421, "this server answers only to 127.0.0.1 and localhost");
    }
    if (st->too_big) { /* in the page's language, like every other answer */
        const char *lang = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
        return send_error(conn, 413, lang && strcmp(lang, "en") == 0
                                         ? "the file or request is too large"
                                         : "ファイルまたはリクエストが大きすぎます");
    }
    if (st->route.kind == WEB_R_NOT_FOUND)
        return send_error(conn, 404, "not found");
    if (st->route.kind == WEB_R_BAD_METHOD)
        return send_error(conn, 405, "method not allowed");

    web_reply reply = {0};
    if (st->route.kind == WEB_R_ASSET) {
        const web_asset *a = web_asset_find(st->route.asset);
        reply.status = 200;
        reply.content_type = a->content_type;
        reply.body = (char *)a->data;
        reply.len = a->len;
        reply.body_static = true;
        reply.csp = page_csp;
        return send_reply(conn, &reply);
    }
    /* Changes need the page's own header (a cross-site form cannot send
     * it without a preflight we never grant) and, when sent, our origin. */
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (!get) {
        const char *mark = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Tsunagu");
        const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
        const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
        bool origin_ok = !origin || (host && strncmp(origin, "http://", 7) == 0 &&
                                     strcmp(origin + 7, host) == 0);
        if (!mark || strcmp(mark, "1") != 0 || !origin_ok)
            return send_error(conn, 403, "forbidden");
    }
    const char *lang = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
    web_request req = {
        .srv = srv,
        .route = &st->route,
        .lang = lang && strcmp(lang, "en") == 0 ? TSUNAGU_LANG_EN : TSUNAGU_LANG_JA,
        .body = st->body ? st->body : "",
        .body_len = st->len,
        .arg_name = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "name"),
        .arg_template = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "template"),
        .arg_download = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "download"),
        .arg_encoding = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "encoding"),
        .arg_roster_per_page =
            MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "roster_per_page"),
        .arg_layout = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "layout"),
        .if_match = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-Match"),
    };
    web_api_handle(&req, &reply);
    return send_reply(conn, &reply);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    request_state *st = *con_cls;
    if (st) {
        free(st->body);
        free(st);
        *con_cls = NULL;
    }
    connection_phase(cls, conn, CONN_HEADERS); /* the next request's, if the connection stays */
}

static int make_dir(const char *path, tsunagu_diags *diags)
{
    if (platform_mkdir(path) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
    }
    tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, "%s: %s",
                      TR("cannot make the data folder", "データ用のフォルダーを作れません"),
                      strerror(errno));
    return -1;
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (!s)
        abort();
    snprintf(s, n, "%s/%s", a, b);
    return s;
}

tsunagu_web *tsunagu_web_start(const tsunagu_web_options *opt, tsunagu_diags *diags)
{
    if (!opt->data_dir || !*opt->data_dir) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("no data folder given", "データ用のフォルダーが指定されていません"));
        return NULL;
    }
    /* The address: numeric only, IPv4 or IPv6. */
    struct addrinfo hints = {0}, *ai = NULL;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    char port[8];
    snprintf(port, sizeof port, "%u", opt->port);
    if (opt->port > 65535 || getaddrinfo(opt->listen, port, &hints, &ai) != 0 || !ai) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                          TR("cannot listen on %s port %u: not a numeric address and port",
                             "%s のポート %u では待ち受けできません（数字のアドレスとポートを指定してください）"),
                          opt->listen, opt->port);
        if (ai)
            freeaddrinfo(ai);
        return NULL;
    }
    tsunagu_web *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    pthread_mutex_init(&w->conns_lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    w->headers_seconds = opt->headers_seconds > 0 ? opt->headers_seconds : 30;
    web_server *srv = &w->srv;
    srv->opt = *opt;
    srv->opt.listen = NULL;
    srv->data_dir = tsunagu_strdup(opt->data_dir);
    srv->events_dir = join(opt->data_dir, "events");
    for (int k = 0; k < WEB_EVENT_LOCKS; k++)
        pthread_mutex_init(&srv->event_locks[k], NULL);
    pthread_mutex_init(&srv->jobs_lock, NULL);
    pthread_cond_init(&srv->solver_free, NULL);
    srv->free_solvers = opt->solvers;
    if (srv->free_solvers <= 0) {
        long n = platform_processors(); /* each solve keeps one processor busy */
        srv->free_solvers = n > 0 ? (int)n : 1;
    }
    srv->opt.listen = tsunagu_strdup(opt->listen);
    if (make_dir(srv->data_dir, diags) != 0 || make_dir(srv->events_dir, diags) != 0) {
        freeaddrinfo(ai);
        tsunagu_web_stop(w);
        return NULL;
    }
    /* Held while serving: `serve --delete-event` refuses meanwhile.  A
     * folder where locks cannot be had still serves (nothing else needs
     * it). */
    char *lock_path = join(srv->data_dir, WEB_SERVE_LOCK);
    /* Alone on the folder (no other server writes into it): what a killed
     * server left goes, an upload cut short (the attendee list in an
     * event being made, a staged file) as much as a deletion.  Else only
     * the hidden remains of deletions: another server's half-made event
     * may be on its way. */
    platform_lock *alone = platform_lock_take(lock_path, true, false);
    web_store_sweep(srv->events_dir, alone != NULL);
    platform_lock_release(alone);
    srv->data_lock = platform_lock_take(lock_path, false, true);
    free(lock_path);
    /* No MHD_USE_ERROR_LOG: libmicrohttpd would print its own English line
     * ("Failed to bind to port ...") before ours, which says the same in
     * the user's language. */
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    srv->daemon = MHD_start_daemon(
        flags, (uint16_t)opt->port, NULL, NULL, handle, srv, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_NOTIFY_COMPLETED, completed, srv, MHD_OPTION_URI_LOG_CALLBACK, raw_uri, srv,
        MHD_OPTION_NOTIFY_CONNECTION, connection_notify, w,
        /* Room for the page beside 64 slow clients on the same computer
         * (each sending a header line now and then: 32 of them had locked
         * the page out), idle ones let go after 20 s, late ones by the
         * watchdog (above). */
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)WEB_PER_ADDRESS, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)20, MHD_OPTION_END);
    int err = errno;
    freeaddrinfo(ai);
    if (!srv->daemon) {
        if (err == EADDRINUSE)
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("cannot listen on %s port %u: another program is using that port "
                                 "(choose another with --port)",
                                 "%s のポート %u で待ち受けできません: 他のプログラムがこのポートを"
                                 "使っています（--port で別のポートを指定してください）"),
                              opt->listen, opt->port);
        else
            tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0,
                              TR("cannot listen on %s port %u (%s); is another program using it?",
                                 "%s のポート %u で待ち受けできません（%s）。他のプログラムが使っていませんか"),
                              opt->listen, opt->port, strerror(err));
        tsunagu_web_stop(w);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : opt->port;
    w->watching = pthread_create(&w->watchdog, NULL, watchdog, w) == 0;
    return w;
}

unsigned tsunagu_web_port(const tsunagu_web *w)
{
    return w ? w->srv.port : 0;
}

void tsunagu_web_stop(tsunagu_web *w)
{
    if (!w)
        return;
    web_server *srv = &w->srv;
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon); /* every connection closed: the list is empty */
    if (w->watching) {
        pthread_mutex_lock(&w->conns_lock);
        w->stopping = true;
        pthread_cond_signal(&w->wake);
        pthread_mutex_unlock(&w->conns_lock);
        pthread_join(w->watchdog, NULL);
    }
    pthread_mutex_destroy(&w->conns_lock);
    pthread_cond_destroy(&w->wake);
    web_jobs_free(srv);
    platform_lock_release(srv->data_lock);
    for (int k = 0; k < WEB_EVENT_LOCKS; k++)
        pthread_mutex_destroy(&srv->event_locks[k]);
    pthread_mutex_destroy(&srv->jobs_lock);
    pthread_cond_destroy(&srv->solver_free);
    free((char *)srv->opt.listen);
    free(srv->data_dir);
    free(srv->events_dir);
    free(w);
}
