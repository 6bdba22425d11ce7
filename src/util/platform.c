/* platform.c - the POSIX side of platform.h (Debian).  Windows:
 * platform_win.c. */
#include "util/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tsunagu/text.h"

platform_kind platform_file_kind(const char *path, char *target, size_t size)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return PLATFORM_ABSENT;
    if (S_ISREG(st.st_mode))
        return PLATFORM_REGULAR;
    if (S_ISLNK(st.st_mode)) {
        if (target && size > 0) {
            ssize_t n = readlink(path, target, size - 1);
            target[n > 0 ? n : 0] = '\0';
        }
        return PLATFORM_LINK;
    }
    if (S_ISDIR(st.st_mode))
        return PLATFORM_DIRECTORY;
    if (S_ISCHR(st.st_mode))
        return PLATFORM_CHAR_DEVICE;
    if (S_ISBLK(st.st_mode))
        return PLATFORM_BLOCK_DEVICE;
    if (S_ISFIFO(st.st_mode))
        return PLATFORM_FIFO;
    if (S_ISSOCK(st.st_mode))
        return PLATFORM_SOCKET;
    return PLATFORM_OTHER;
}

bool platform_file_identity(const char *path, platform_file_id *id)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    id->volume = (uint64_t)st.st_dev;
    id->index = (uint64_t)st.st_ino;
    return true;
}

int platform_create_new(const char *tmp, const char *like)
{
    /* open() with 0666 rather than mkstemp's 0600: a new file gets the
     * usual 0666 & ~umask from the kernel, without calling umask(), which
     * would race with the web server's other threads.  Replacing a file
     * keeps its permission bits: a plan someone made private (0600) stays
     * private after a re-plan.  The temporary is created no more open than
     * the old file, so nobody can open it in the moment before fchmod sets
     * the exact bits. */
    struct stat st;
    bool keep = like && stat(like, &st) == 0 && S_ISREG(st.st_mode);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, keep ? (st.st_mode & 0777) : 0666);
    if (fd >= 0 && keep)
        fchmod(fd, st.st_mode & 07777);
    return fd;
}

FILE *platform_fopen_read(const char *path)
{
    return fopen(path, "rb");
}

int platform_sync(int fd)
{
    return fsync(fd);
}

int platform_replace(const char *tmp, const char *path)
{
    return rename(tmp, path);
}

int platform_mkdir(const char *path)
{
    return mkdir(path, 0700);
}

int platform_rename_folder(const char *from, const char *to)
{
    return rename(from, to);
}

int platform_remove_file(const char *path)
{
    return unlink(path);
}

int platform_remove_folder(const char *path)
{
    return rmdir(path);
}

struct platform_lock {
    int fd;
};

platform_lock *platform_lock_take(const char *path, bool exclusive, bool wait)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return NULL;
    /* fcntl's record locks: POSIX, and seen by every process (flock's are
     * not on every file system) */
    struct flock fl = {.l_type = exclusive ? F_WRLCK : F_RDLCK, .l_whence = SEEK_SET};
    int rc;
    do
        rc = fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl);
    while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        int err = errno == EACCES ? EAGAIN : errno; /* held by another process */
        close(fd);
        errno = err;
        return NULL;
    }
    platform_lock *lock = malloc(sizeof *lock);
    if (!lock)
        abort();
    lock->fd = fd;
    return lock;
}

void platform_lock_release(platform_lock *lock)
{
    if (!lock)
        return;
    close(lock->fd); /* the lock goes with the descriptor */
    free(lock);
}

const char *platform_last_separator(const char *path)
{
    return strrchr(path, '/');
}

bool platform_is_separator(char c)
{
    return c == '/';
}

long platform_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

long platform_pid(void)
{
    return (long)getpid();
}

struct tm *platform_localtime(time_t t, struct tm *out)
{
    return localtime_r(&t, out);
}

bool platform_random(void *buf, size_t n)
{
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = read(fd, buf, n) == (ssize_t)n;
    close(fd);
    return ok;
}

char *platform_user_data_dir(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char buf[4096];
    if (xdg && *xdg)
        snprintf(buf, sizeof buf, "%s", xdg);
    else if (home && *home)
        snprintf(buf, sizeof buf, "%s/.local/share", home);
    else
        return NULL;
    return tsunagu_strdup(buf);
}

char *platform_program_data_dir(void)
{
    return NULL;
}

bool platform_stderr_is_terminal(void)
{
    return isatty(STDERR_FILENO);
}

void platform_console_init(void)
{
}
