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
#include "tsunagu/solve.h"
#include "tsunagu/chart.h"
#include "tsunagu/replan.h"

/* "0.1.0" */
const char *tsunagu_version(void);

/* Exit statuses of the command line, documented in tsunagu(1). */
enum {
    TSUNAGU_EXIT_OK = 0,       /* done */
    TSUNAGU_EXIT_INPUT = 1,    /* the input cannot be used, or the hard rules cannot hold */
    TSUNAGU_EXIT_USAGE = 2,    /* bad command line */
    TSUNAGU_EXIT_SOFTWARE = 3  /* internal or solver failure, output not written */
};

#endif
