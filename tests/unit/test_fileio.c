/* test_fileio.c - atomic writes: the bytes, the permission bits of a new
 * and of a replaced file, and no temporary files left behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tsunagu/fileio.h"
#include "tsunagu/lang.h"

static char dir[] = "/tmp/tsunagu-fileio-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            char p[512];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    if (d)
        closedir(d);
    return rmdir(dir);
}

static const char *in_dir(const char *name)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* Only the named files: every temporary was renamed or removed. */
static int files_in_dir(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
            assert_null(strstr(e->d_name, ".tmp."));
            n++;
        }
    closedir(d);
    return n;
}

static void write_and_check(const char *path, const char *text)
{
    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(tsunagu_file_write_atomic(path, text, strlen(text), d), 0);
    assert_int_equal(tsunagu_diags_count(d), 0);
    size_t len;
    char *back = tsunagu_file_read(path, 1 << 20, &len, d);
    assert_non_null(back);
    assert_string_equal(back, text);
    free(back);
    tsunagu_diags_free(d);
}

static void new_file_gets_0666_less_the_umask(void **state)
{
    mode_t old = umask(022);
    write_and_check(in_dir("a.json"), "{}\n");
    assert_int_equal(mode_of(in_dir("a.json")), 0644);
    umask(077);
    write_and_check(in_dir("b.json"), "{}\n");
    assert_int_equal(mode_of(in_dir("b.json")), 0600);
    umask(old);
    assert_int_equal(files_in_dir(), 2);
}

static void replaced_file_keeps_its_permission_bits(void **state)
{
    mode_t old = umask(022);
    const char *p = in_dir("plan.json");
    write_and_check(p, "one\n");
    assert_int_equal(chmod(p, 0600), 0);
    write_and_check(p, "two\n");
    assert_int_equal(mode_of(p), 0600);
    /* Bits the umask would remove are kept too: the old file had them. */
    assert_int_equal(chmod(p, 0664), 0);
    write_and_check(p, "three\n");
    assert_int_equal(mode_of(p), 0664);
    umask(old);
}

static void staged_outputs_keep_permission_bits(void **state)
{
    mode_t old = umask(022);
    char p[512], fresh[512]; /* in_dir's buffer is reused */
    snprintf(p, sizeof p, "%s", in_dir("charts.html"));
    snprintf(fresh, sizeof fresh, "%s", in_dir("badges.csv"));
    write_and_check(p, "old\n");
    assert_int_equal(chmod(p, 0640), 0);
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_outputs *o = tsunagu_outputs_new();
    assert_int_equal(tsunagu_outputs_add(o, p, "new\n", 4, d), 0);
    assert_int_equal(tsunagu_outputs_add(o, fresh, "x\n", 2, d), 0);
    assert_int_equal(mode_of(p), 0640); /* not replaced before commit */
    assert_int_equal(tsunagu_outputs_commit(o, d), 0);
    tsunagu_outputs_free(o);
    assert_int_equal(tsunagu_diags_count(d), 0);
    tsunagu_diags_free(d);
    assert_int_equal(mode_of(p), 0640);
    assert_int_equal(mode_of(fresh), 0644);
    umask(old);
}

/* The examples of tsunagu_outputs_check's contract: a file of its own for
 * each output, never one that is read, and only regular files replaced. */
static int check(const tsunagu_named_path *outs, size_t n_outs, const tsunagu_named_path *ins,
                 size_t n_ins, const char *want_text)
{
    tsunagu_diags *d = tsunagu_diags_new();
    int rc = tsunagu_outputs_check(outs, n_outs, ins, n_ins, d);
    if (want_text) {
        assert_int_equal(tsunagu_diags_errors(d), 1);
        assert_non_null(strstr(tsunagu_diags_get(d, 0)->text, want_text));
    } else {
        assert_int_equal(tsunagu_diags_count(d), 0);
    }
    tsunagu_diags_free(d);
    return rc;
}

static void outputs_check_refuses_clashes_and_special_files(void **state)
{
    char list[512], link[512], fresh[512], fifo[512], sub[512];
    snprintf(list, sizeof list, "%s", in_dir("list.csv"));
    snprintf(link, sizeof link, "%s", in_dir("list-link.csv"));
    snprintf(fresh, sizeof fresh, "%s", in_dir("fresh.json"));
    snprintf(fifo, sizeof fifo, "%s", in_dir("fifo"));
    snprintf(sub, sizeof sub, "%s/./fresh.json", dir);
    tsunagu_lang_set(TSUNAGU_LANG_EN);
    write_and_check(list, "id\n");
    assert_int_equal(symlink("list.csv", link), 0);
    assert_int_equal(mkfifo(fifo, 0600), 0);

    tsunagu_named_path in[] = {{link, "the list"}, {NULL, "--event"}};
    tsunagu_named_path ok[] = {{fresh, "-o"}, {"-", "--html"}, {NULL, "--csv"}};
    assert_int_equal(check(ok, 3, in, 2, NULL), 0);

    tsunagu_named_path onto_input[] = {{list, "-o"}};
    assert_int_equal(check(onto_input, 1, in, 2, "-o names the same file as the list"), -1);
    tsunagu_named_path twice[] = {{fresh, "-o"}, {sub, "--html"}};
    assert_int_equal(check(twice, 2, NULL, 0, "--html names the same file as -o"), -1);
    tsunagu_named_path stdout_twice[] = {{"-", "-o"}, {"-", "--html"}};
    assert_int_equal(check(stdout_twice, 2, NULL, 0, "--html names the same file as -o -"), -1);
    tsunagu_named_path pipe[] = {{fifo, "-o"}};
    assert_int_equal(check(pipe, 1, NULL, 0, "-o names a named pipe (FIFO)"), -1);
    tsunagu_named_path through_link[] = {{link, "--csv"}};
    assert_int_equal(check(through_link, 1, NULL, 0, "--csv names a symbolic link (to list.csv)"), -1);
    tsunagu_named_path folder[] = {{dir, "-o"}};
    assert_int_equal(check(folder, 1, NULL, 0, "-o names a directory"), -1);

    /* The library's own writes refuse what is not a regular file too. */
    tsunagu_diags *d = tsunagu_diags_new();
    assert_int_equal(tsunagu_file_write_atomic(link, "x\n", 2, d), -1);
    assert_int_equal(tsunagu_file_write_atomic(fifo, "x\n", 2, d), -1);
    assert_int_equal(tsunagu_diags_errors(d), 2);
    tsunagu_diags_free(d);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    unlink(link);
    unlink(fifo);
    unlink(list);
}

/* What a signal handler does for an interrupted run: the staged files go,
 * the paths keep their old contents, and freeing the set afterwards is
 * harmless. */
static void staged_files_can_be_removed_from_a_handler(void **state)
{
    char p[512];
    int others = files_in_dir();
    snprintf(p, sizeof p, "%s", in_dir("kept.json"));
    write_and_check(p, "old\n");
    tsunagu_diags *d = tsunagu_diags_new();
    tsunagu_outputs *o = tsunagu_outputs_new();
    assert_int_equal(tsunagu_outputs_add(o, p, "new\n", 4, d), 0);
    assert_int_equal(tsunagu_outputs_add(o, in_dir("fresh.html"), "<p>\n", 4, d), 0);
    tsunagu_staged_unlink_all();
    assert_int_equal(files_in_dir(), others + 1); /* kept.json, no *.tmp.* */
    tsunagu_outputs_free(o);
    size_t len;
    char *back = tsunagu_file_read(p, 1 << 20, &len, d);
    assert_string_equal(back, "old\n");
    free(back);
    tsunagu_diags_free(d);
    unlink(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_file_gets_0666_less_the_umask),
        cmocka_unit_test(replaced_file_keeps_its_permission_bits),
        cmocka_unit_test(staged_outputs_keep_permission_bits),
        cmocka_unit_test(outputs_check_refuses_clashes_and_special_files),
        cmocka_unit_test(staged_files_can_be_removed_from_a_handler),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
