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

#endif
