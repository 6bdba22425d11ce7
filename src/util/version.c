/* version.c - the library's version, set by CMake from the project version. */
#include "tsunagu/tsunagu.h"

const char *tsunagu_version(void) { return TSUNAGU_VERSION; }
