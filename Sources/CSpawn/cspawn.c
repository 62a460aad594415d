// posix_spawn with the options Swift cannot reach without _GNU_SOURCE
// (posix_spawn_file_actions_addclosefrom_np, pipe2). See ChildProcess.swift for why.
#define _GNU_SOURCE
#include "cspawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

int cspawn_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC) == 0 ? 0 : errno;
}

int cspawn_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                 int stdin_fd, int stdout_fd, int stderr_fd) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int error = posix_spawn_file_actions_init(&actions);
    if (error) return error;
    error = posix_spawnattr_init(&attributes);
    if (error) {
        posix_spawn_file_actions_destroy(&actions);
        return error;
    }
    // dup2 clears close-on-exec on the target; everything else above 2 is closed, even
    // descriptors some library opened without O_CLOEXEC.
    if (!error) error = posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
    if (!error) error = posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    if (!error) error = posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    if (!error) error = posix_spawn_file_actions_addclosefrom_np(&actions, 3);

    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    // The grader ignores SIGPIPE; ignored dispositions survive exec, defaults must not be lost.
    if (!error) error = posix_spawnattr_setsigmask(&attributes, &none);
    if (!error) error = posix_spawnattr_setsigdefault(&attributes, &all);
    if (!error) error = posix_spawnattr_setpgroup(&attributes, 0);
    if (!error) {
        error = posix_spawnattr_setflags(
            &attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    }
    if (!error) error = posix_spawnp(pid, path, &actions, &attributes, argv, envp);

    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return error;
}
