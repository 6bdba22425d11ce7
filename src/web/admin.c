/* admin.c - the data folder for administrators, without a server: the
 * events it keeps (`serve --list-events`) and deleting one for good
 * (`serve --delete-event ID`), the same way the page deletes one
 * (store.c), refused while a server uses the folder. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web_private.h"
#include "util/platform.h"
#include "util/tr.h"

/* DATA/NAME, a new string. */
static char *in_data(const char *data_dir, const char *name)
{
    size_t n = strlen(data_dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path)
        abort();
    snprintf(path, n, "%s/%s", data_dir, name);
    return path;
}

static char *text_of(const json_t *doc, const char *key)
{
    const char *v = json_string_value(json_object_get(doc, key));
    return tsunagu_strdup(v ? v : "");
}

void tsunagu_web_events_list(const char *data_dir, tsunagu_web_event_info **list, size_t *n)
{
    char *events_dir = in_data(data_dir, "events");
    /* Housekeeping first, when no server uses the folder: what a killed
     * server left (an upload cut short) is no event and goes.  A folder
     * that was never made stays unmade (the lock file too). */
    if (platform_file_kind(events_dir, NULL, 0) == PLATFORM_DIRECTORY) {
        char *lock_path = in_data(data_dir, WEB_SERVE_LOCK);
        platform_lock *alone = platform_lock_take(lock_path, true, false);
        web_store_sweep(events_dir, alone != NULL);
        platform_lock_release(alone);
        free(lock_path);
    }
    json_t *doc = web_store_list(events_dir, true); /* every folder that may hold a list */
    free(events_dir);
    *n = json_array_size(doc);
    *list = *n ? calloc(*n, sizeof **list) : NULL;
    if (*n && !*list)
        abort();
    for (size_t i = 0; i < *n; i++) {
        const json_t *e = json_array_get(doc, i);
        tsunagu_web_event_info *info = &(*list)[i];
        snprintf(info->id, sizeof info->id, "%s", json_string_value(json_object_get(e, "id")));
        info->name = text_of(e, "name");
        info->broken = json_is_true(json_object_get(e, "broken"));
        info->date = text_of(e, "date");
        info->updated = text_of(e, "updated");
        info->attendees = (long)json_integer_value(json_object_get(e, "attendees"));
        info->bytes = (unsigned long long)json_integer_value(json_object_get(e, "bytes"));
    }
    json_decref(doc);
}

void tsunagu_web_events_free(tsunagu_web_event_info *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].name);
        free(list[i].date);
        free(list[i].updated);
    }
    free(list);
}

tsunagu_web_delete_status tsunagu_web_event_delete(const char *data_dir, const char *id,
                                                   tsunagu_diags *diags)
{
    char *events_dir = in_data(data_dir, "events");
    char *folder = web_event_id_valid(id) ? in_data(events_dir, id) : NULL;
    platform_kind kind = folder ? platform_file_kind(folder, NULL, 0) : PLATFORM_ABSENT;
    bool exists = kind == PLATFORM_DIRECTORY || kind == PLATFORM_LINK; /* a link: removed itself */
    free(folder);
    if (!exists) {
        free(events_dir);
        return TSUNAGU_WEB_NO_SUCH_EVENT;
    }
    /* A server holds the lock shared while it runs: its page may show the
     * event, and a solve of it would be lost half-way.  Held here until
     * the folder is gone, so no server starts meanwhile.  Where no lock
     * can be had at all (a file system without them), deleting is still
     * safe for the files: nothing recreates an event's folder. */
    char *lock_path = in_data(data_dir, WEB_SERVE_LOCK);
    platform_lock *lock = platform_lock_take(lock_path, true, false);
    int err = errno;
    free(lock_path);
    if (!lock && err == EAGAIN) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, data_dir, 0, "%s",
                          TR("a tsunagu serve is using this data folder: delete the event on its "
                             "page, or stop the server and try again; nothing was deleted",
                             "この保存先は tsunagu serve が使っています。そのページで削除するか、"
                             "サーバーを止めてからもう一度どうぞ。何も削除していません"));
        free(events_dir);
        return TSUNAGU_WEB_IN_USE;
    }
    int rc = web_store_delete(events_dir, id, diags);
    web_store_sweep(events_dir, lock != NULL); /* and what a killed server left */
    platform_lock_release(lock);
    free(events_dir);
    return rc == WEB_DELETE_OK        ? TSUNAGU_WEB_DELETED
           : rc == WEB_DELETE_MISSING ? TSUNAGU_WEB_NO_SUCH_EVENT
                                      : TSUNAGU_WEB_DELETE_FAILED;
}
