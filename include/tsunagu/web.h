/* web.h - `tsunagu serve`: a local web page for organisers who do not use a
 * terminal.  Drop the attendee list in, adjust the settings, solve, drag
 * people between tables, seat walk-ins, print.
 *
 * The server (libmicrohttpd) listens on the loopback address unless told
 * otherwise, serves one page embedded in the binary, and keeps every upload
 * and every plan as files in a data directory (one folder per event, named
 * by an id the server makes), written atomically.  Everything it computes
 * comes from the library: roster reading, event settings, solving, charts
 * and re-planning. */
#ifndef TSUNAGU_WEB_H
#define TSUNAGU_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include "tsunagu/diag.h"

typedef struct {
    const char *listen;   /* numeric IPv4 or IPv6 address; default "127.0.0.1" */
    unsigned port;        /* default 8080; 0 = any free port (see tsunagu_web_port) */
    const char *data_dir; /* required: where events and plans are kept */
    size_t max_upload;    /* attendee file bytes; default 16 MiB */
    size_t max_body;      /* any other request body; default 1 MiB */
    double time_limit;    /* seconds per solve; default 30 */
    int solvers;          /* solves of different events at once; default 0 = one per
                           * processor.  More wait their turn ("queued"). */
    const char *const *event_files; /* the organiser's own event files, offered as kinds of
                                     * day beside the bundled ones; borrowed, may be NULL */
    int n_event_files;
    double headers_seconds; /* a request's headers must be in this long after it began
                             * (the connection's accept, or its previous request's end),
                             * else the connection is closed: slow clients cannot hold
                             * the places the page needs; default 30 (5 while more than
                             * 128 connections are open) */
} tsunagu_web_options;

/* Defaults as documented above (data_dir NULL).  Cannot fail. */
void tsunagu_web_options_init(tsunagu_web_options *opt);

typedef struct tsunagu_web tsunagu_web;

/* Create the data directory if needed and start listening; requests are
 * served on the server's own threads until tsunagu_web_stop.  Returns the
 * new server, or NULL with the reason in diags (address in use, bad
 * address, data directory not writable). */
tsunagu_web *tsunagu_web_start(const tsunagu_web_options *opt, tsunagu_diags *diags);

/* The port actually listened on (useful with port 0). */
unsigned tsunagu_web_port(const tsunagu_web *w);

/* Stop listening, wait for running solves to finish (each is bounded by
 * time_limit) and free everything.  Accepts NULL. */
void tsunagu_web_stop(tsunagu_web *w);

/* ---- the data folder, for administrators ------------------------------
 * `tsunagu serve --list-events` and `--delete-event ID`: what a data folder
 * holds and how to delete an event of it for good, without a server. */

/* One event kept in a data folder (DATA/events/ID/). */
typedef struct {
    char id[21];              /* its folder's name: YYYYMMDD-HHMMSS-xxxx */
    char *name;               /* the display name of the page's list */
    char *date;               /* the day's date from its settings (YYYY-MM-DD), "" when none */
    char *updated;            /* its last change, local time YYYY-MM-DDTHH:MM:SS */
    long attendees;           /* people on its list (its plan's, once there is one) */
    unsigned long long bytes; /* the size of the files in its folder */
    bool broken;              /* no readable meta.json (made half-way): name and
                               * updated "", not on the page, deletable */
} tsunagu_web_event_info;

/* Every event of data_dir, the last changed first (the page's order),
 * broken ones too (last); no events, or no such folder, is an empty list.  *list is a new array of *n
 * events (NULL for none): free it with tsunagu_web_events_free.  Cannot
 * fail. */
void tsunagu_web_events_list(const char *data_dir, tsunagu_web_event_info **list, size_t *n);
void tsunagu_web_events_free(tsunagu_web_event_info *list, size_t n); /* accepts NULL */

typedef enum {
    TSUNAGU_WEB_DELETED = 0,       /* gone: every list, plan and chart of it */
    TSUNAGU_WEB_NO_SUCH_EVENT = 1, /* no event of that id in data_dir */
    TSUNAGU_WEB_IN_USE = 2,        /* a tsunagu serve uses data_dir: nothing deleted */
    TSUNAGU_WEB_DELETE_FAILED = 3  /* the folder stays as it was; the reason in diags */
} tsunagu_web_delete_status;

/* Delete event id of data_dir for good: its folder is renamed out of
 * sight in one step (DATA/events/.deleting-ID-xxxxxxxx), then removed with
 * everything in it, so no list ever shows half an event; what a crash
 * leaves hidden goes at the next deletion or server start.  Refused while
 * a server runs on data_dir (it holds DATA/serve.lock): delete on its page
 * then.  Files that cannot be removed yet are a warning in diags
 * (TSUNAGU_WEB_DELETED: the event is gone from every list). */
tsunagu_web_delete_status tsunagu_web_event_delete(const char *data_dir, const char *id,
                                                   tsunagu_diags *diags);

#endif
