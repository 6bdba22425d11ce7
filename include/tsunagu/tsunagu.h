/* tsunagu.h - seat the attendees of a networking day (umbrella header). */
#ifndef TSUNAGU_H
#define TSUNAGU_H

#include "tsunagu/lang.h"
#include "tsunagu/diag.h"
#include "tsunagu/text.h"
#include "tsunagu/fileio.h"
#include "tsunagu/regions.h"
#include "tsunagu/roster.h"
#include "tsunagu/event.h"
#include "tsunagu/plan.h"
#include "tsunagu/rules.h"
#include "tsunagu/solve.h"
#include "tsunagu/chart.h"
#include "tsunagu/replan.h"
#include "tsunagu/roles.h"

/* "0.1.0" */
const char *tsunagu_version(void);

/* Exit statuses of the command line, documented in tsunagu(1). */
enum {
    TSUNAGU_EXIT_OK = 0,       /* done */
    TSUNAGU_EXIT_INPUT = 1,    /* the input cannot be used, or the hard rules cannot hold */
    TSUNAGU_EXIT_USAGE = 2,    /* bad command line, or an output path that may not be written
                                  (not a regular file, or the same file as an input or output) */
    TSUNAGU_EXIT_SOFTWARE = 3, /* internal or solver failure, an output file that cannot be
                                  written (output not written; also past ulimit -f), or
                                  standard output that cannot be written */
    TSUNAGU_EXIT_INTERRUPTED = 128 /* plus the signal: 129 SIGHUP, 130 SIGINT, 143 SIGTERM;
                                      staged files removed, nothing written */
};

#endif
