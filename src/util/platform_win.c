/* platform_win.c - the Windows side of platform.h (mingw-w64).  POSIX:
 * platform.c.  Paths arrive as UTF-8 and go to Windows' wide (UTF-16)
 * calls, so Japanese file and folder names work whatever the code page. */
#include "util/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <windows.h>
#include <bcrypt.h>

#include "tsunagu/text.h"

/* UTF-8 to a new UTF-16 string (NULL for invalid UTF-8, errno EINVAL). */
static wchar_t *wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0) {
        errno = EINVAL;
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (!w)
        abort();
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
    return w;
}

/* GetLastError() as the nearest errno. */
static int errno_of(DWORD e)
{
    switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        return ENOENT;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return EEXIST;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return EACCES;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    case ERROR_NOT_SAME_DEVICE:
        return EXDEV;
    default:
        return EIO;
    }
}

platform_kind platform_file_kind(const char *path, char *target, size_t size)
{
    if (target && size > 0)
        target[0] = '\0';
    wchar_t *w = wide(path);
    DWORD attr = w ? GetFileAttributesW(w) : INVALID_FILE_ATTRIBUTES;
    platform_kind kind = PLATFORM_ABSENT;
    if (attr == INVALID_FILE_ATTRIBUTES)
        kind = PLATFORM_ABSENT;
    else if (attr & FILE_ATTRIBUTE_REPARSE_POINT)
        kind = PLATFORM_LINK; /* a symbolic link or junction: not followed */
    else if (attr & FILE_ATTRIBUTE_DIRECTORY)
        kind = PLATFORM_DIRECTORY;
    else if (attr & FILE_ATTRIBUTE_DEVICE)
        kind = PLATFORM_CHAR_DEVICE;
    else
        kind = PLATFORM_REGULAR;
    if (kind == PLATFORM_REGULAR && w) {
        /* CON, NUL, COM1: devices whose names look like files */
        HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                               OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
        if (h != INVALID_HANDLE_VALUE) {
            if (GetFileType(h) == FILE_TYPE_CHAR)
                kind = PLATFORM_CHAR_DEVICE;
            else if (GetFileType(h) == FILE_TYPE_PIPE)
                kind = PLATFORM_FIFO;
            CloseHandle(h);
        }
    }
    free(w);
    return kind;
}

bool platform_file_identity(const char *path, platform_file_id *id)
{
    /* stat() on Windows has no inode (st_ino is 0): the volume's serial
     * number and the file index are what tell two names of one file. */
    wchar_t *w = wide(path);
    if (!w)
        return false;
    HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return false;
    BY_HANDLE_FILE_INFORMATION info;
    bool ok = GetFileInformationByHandle(h, &info) != 0;
    CloseHandle(h);
    if (!ok)
        return false;
    id->volume = info.dwVolumeSerialNumber;
    id->index = ((uint64_t)info.nFileIndexHigh << 32) | info.nFileIndexLow;
    return true;
}

int platform_create_new(const char *tmp, const char *like)
{
    (void)like; /* no permission bits to carry: the folder's ACL applies */
    wchar_t *w = wide(tmp);
    if (!w)
        return -1;
    /* _O_BINARY: the bytes as they are, no LF to CRLF */
    int fd = _wopen(w, _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT, _S_IREAD | _S_IWRITE);
    free(w);
    return fd;
}

FILE *platform_fopen_read(const char *path)
{
    wchar_t *w = wide(path);
    if (!w)
        return NULL;
    FILE *f = _wfopen(w, L"rb");
    free(w);
    return f;
}

int platform_sync(int fd)
{
    return _commit(fd);
}

int platform_replace(const char *tmp, const char *path)
{
    wchar_t *wt = wide(tmp), *wp = wide(path);
    bool ok = wt && wp &&
              MoveFileExW(wt, wp, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) != 0;
    DWORD e = GetLastError();
    free(wt);
    free(wp);
    if (ok)
        return 0;
    errno = errno_of(e);
    return -1;
}

int platform_mkdir(const char *path)
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    bool ok = CreateDirectoryW(w, NULL) != 0;
    DWORD e = GetLastError();
    free(w);
    if (ok)
        return 0;
    errno = errno_of(e);
    return -1;
}

int platform_rename_folder(const char *from, const char *to)
{
    wchar_t *wf = wide(from), *wt = wide(to);
    bool ok = wf && wt && MoveFileExW(wf, wt, MOVEFILE_WRITE_THROUGH) != 0;
    DWORD e = GetLastError();
    free(wf);
    free(wt);
    if (ok)
        return 0;
    errno = errno_of(e);
    return -1;
}

/* fn (DeleteFileW, RemoveDirectoryW) on path as UTF-16: 0, or -1 with
 * errno from Windows' error. */
static int on_wide_path(const char *path, BOOL(WINAPI *fn)(LPCWSTR))
{
    wchar_t *w = wide(path);
    if (!w)
        return -1;
    bool ok = fn(w) != 0;
    DWORD e = GetLastError();
    free(w);
    if (ok)
        return 0;
    errno = errno_of(e);
    return -1;
}

int platform_remove_file(const char *path)
{
    return on_wide_path(path, DeleteFileW);
}

int platform_remove_folder(const char *path)
{
    return on_wide_path(path, RemoveDirectoryW);
}

struct platform_lock {
    HANDLE file;
};

platform_lock *platform_lock_take(const char *path, bool exclusive, bool wait)
{
    wchar_t *w = wide(path);
    if (!w)
        return NULL;
    HANDLE h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD e = GetLastError();
    free(w);
    if (h == INVALID_HANDLE_VALUE) {
        errno = errno_of(e);
        return NULL;
    }
    OVERLAPPED at = {0};
    DWORD flags = (exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0) | (wait ? 0 : LOCKFILE_FAIL_IMMEDIATELY);
    if (!LockFileEx(h, flags, 0, 1, 0, &at)) {
        e = GetLastError();
        CloseHandle(h);
        errno = e == ERROR_LOCK_VIOLATION || e == ERROR_IO_PENDING ? EAGAIN : errno_of(e);
        return NULL;
    }
    platform_lock *lock = malloc(sizeof *lock);
    if (!lock)
        abort();
    lock->file = h;
    return lock;
}

void platform_lock_release(platform_lock *lock)
{
    if (!lock)
        return;
    CloseHandle(lock->file); /* the lock goes with the handle */
    free(lock);
}

const char *platform_last_separator(const char *path)
{
    const char *slash = strrchr(path, '/'), *back = strrchr(path, '\\');
    return slash > back ? slash : back;
}

bool platform_is_separator(char c)
{
    return c == '/' || c == '\\';
}

long platform_processors(void)
{
    DWORD n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
    return n > 0 ? (long)n : 1;
}

long platform_pid(void)
{
    return (long)GetCurrentProcessId();
}

struct tm *platform_localtime(time_t t, struct tm *out)
{
    return localtime_s(out, &t) == 0 ? out : NULL;
}

bool platform_random(void *buf, size_t n)
{
    return BCRYPT_SUCCESS(BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG));
}

char *platform_user_data_dir(void)
{
    /* %LOCALAPPDATA%: per user, not roaming, writable without
     * administrator rights */
    const wchar_t *w = _wgetenv(L"LOCALAPPDATA");
    if (!w || !*w)
        return NULL;
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return NULL;
    char *s = malloc((size_t)n);
    if (!s)
        abort();
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    return s;
}

char *platform_program_data_dir(void)
{
    wchar_t w[32768];
    DWORD n = GetModuleFileNameW(NULL, w, 32768 - 6);
    if (n == 0 || n >= 32768 - 6)
        return NULL;
    wchar_t *slash = wcsrchr(w, L'\\');
    if (!slash)
        return NULL;
    wcscpy(slash + 1, L"data");
    int len = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    if (len <= 0)
        return NULL;
    char *s = malloc((size_t)len);
    if (!s)
        abort();
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, len, NULL, NULL);
    return s;
}

bool platform_stderr_is_terminal(void)
{
    return _isatty(_fileno(stderr)) != 0;
}

void platform_console_init(void)
{
    /* Messages are UTF-8: the console shows them as such. */
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
}
