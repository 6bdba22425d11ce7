/* clock.c - time for the model: the wall clock, what is left of a time
 * limit, and progress between GLPK runs.  The bottom of model/ with
 * memory.c: it calls nothing of the model. */
#include "model_private.h"

#include <math.h>
#include <time.h>

double model_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double model_time_left(double time_limit, double since)
{
    if (time_limit <= 0)
        return 0;
    double left = time_limit - (model_now() - since);
    return left > 0.05 ? left : 0.05;
}

void model_progress(const tsunagu_solve_options *opt, const char *session)
{
    if (opt->progress)
        opt->progress(session, 0, NAN, NAN, NAN, opt->progress_user);
}

