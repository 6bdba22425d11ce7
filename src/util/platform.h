/* platform.h - what differs between Debian and Windows (private).
 *
 * The few operating-system calls whose form differs between POSIX and
 * Windows, behind one interface: platform.c is the POSIX side (Debian),
 * platform_win.c the Windows side (built by tools/windows/build.sh with
 * mingw-w64).  src/CMakeLists.txt compiles one or the other: a file
 * FOO_win.c replaces FOO.c on Windows.  No other file of the library tests
 * for Windows (tests/scripts/test_platform_confined.sh checks it).
 *
 * Paths are UTF-8 on both sides: on Windows the program's manifest sets
 * the process code page to UTF-8 (tools/windows/tsunagu.manifest), so the C
 * library's narrow calls (fopen, stat, ...) take UTF-8 names, and the calls
 * here convert to UTF-16 where Windows offers a wide form. */
#ifndef TSUNAGU_PLATFORM_H
#define TSUNAGU_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* What a path names, without following a symbolic link. */
typedef enum {
    PLATFORM_ABSENT, /* nothing there, or a folder we cannot see into */
    PLATFORM_REGULAR,
    PLATFORM_LINK,
    PLATFORM_DIRECTORY,
    PLATFORM_CHAR_DEVICE,
    PLATFORM_BLOCK_DEVICE,
    PLATFORM_FIFO,
    PLATFORM_SOCKET,
    PLATFORM_OTHER
} platform_kind;

/* The kind of path; for a link, its target in target (cut to size, NUL
 * ended) when target is not NULL.  Cannot fail. */
platform_kind platform_file_kind(const char *path, char *target, size_t size);

/* One file's identity: equal for two paths to the same file (hard links
 * included).  False when path cannot be looked at. */
typedef struct {
    uint64_t volume, index;
} platform_file_id;
bool platform_file_identity(const char *path, platform_file_id *id);

/* Create tmp, which must not exist, for writing bytes as they are (no
 * newline translation), with the permission bits of the file like (an
 * existing regular file it will replace) or the defaults when like is
 * NULL.  A file descriptor, or -1 with errno (EEXIST: pick another name). */
int platform_create_new(const char *tmp, const char *like);

/* fopen(path, "rb"): NULL with errno. */
FILE *platform_fopen_read(const char *path);

/* Flush fd's data to the disk.  0, or -1 with errno. */
int platform_sync(int fd);

/* Replace path by tmp in one step (the old file stays whole until then):
 * rename(2); MoveFileExW with MOVEFILE_REPLACE_EXISTING on Windows.  0, or
 * -1 with errno. */
int platform_replace(const char *tmp, const char *path);

/* Make the folder path, readable by its owner only where that can be
 * said.  0, or -1 with errno (EEXIST when it exists). */
int platform_mkdir(const char *path);

/* Rename the folder from to the name to, which must not exist, in one
 * step: rename(2); MoveFileExW on Windows.  0, or -1 with errno. */
int platform_rename_folder(const char *from, const char *to);

/* Remove a file or a symbolic link (never what it points to), or an empty
 * folder.  0, or -1 with errno. */
int platform_remove_file(const char *path);
int platform_remove_folder(const char *path);

/* A lock on a file, which is made when missing: shared (several holders)
 * or exclusive (one).  Other processes see it; it goes when released or
 * when the process ends, however it ends.  wait: block until it can be
 * had, else fail at once with errno EAGAIN when another process holds it
 * against us.  NULL with errno on failure.  Release with
 * platform_lock_release (accepts NULL). */
typedef struct platform_lock platform_lock;
platform_lock *platform_lock_take(const char *path, bool exclusive, bool wait);
void platform_lock_release(platform_lock *lock);

/* The last folder separator in path ('/'; '/' or '\\' on Windows), or NULL. */
const char *platform_last_separator(const char *path);

/* Whether c separates folders in a path. */
bool platform_is_separator(char c);

/* How many processors are online (at least 1). */
long platform_processors(void);

/* This process's id, for unique temporary names. */
long platform_pid(void);

/* The local time of t in *out (thread-safe); out. */
struct tm *platform_localtime(time_t t, struct tm *out);

/* n unpredictable bytes into buf; false when the system has none to give
 * (the caller falls back to the clock). */
bool platform_random(void *buf, size_t n);

/* The folder where a user's programs keep their data, without a trailing
 * separator: $XDG_DATA_HOME or ~/.local/share; %LOCALAPPDATA% on Windows.
 * New string the caller frees, or NULL when the environment names none. */
char *platform_user_data_dir(void);

/* The data folder that travels with the program: on Windows the folder
 * "data" beside tsunagu.exe (the portable zip); NULL on POSIX, where the
 * data is found at the paths compiled in.  New string or NULL. */
char *platform_program_data_dir(void);

/* Whether the standard error stream is a terminal (or console). */
bool platform_stderr_is_terminal(void);

/* Set up the console for UTF-8 text (Windows); nothing on POSIX.  Called
 * once at the start of main. */
void platform_console_init(void);

#endif
