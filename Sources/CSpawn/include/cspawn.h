#ifndef CODEALONG_CSPAWN_H
#define CODEALONG_CSPAWN_H

#include <sys/types.h>

/// Creates a pipe whose both ends are close-on-exec, so that a process spawned by another
/// thread at the same moment can never inherit them. Returns 0 or an errno value.
int cspawn_pipe(int fds[2]);

/// Starts `path` (searched on PATH when it has no slash) with `argv` and `envp`, its stdin,
/// stdout and stderr on the three given descriptors, every other descriptor closed, default
/// signal dispositions, an empty signal mask and its own process group.
/// Thread-safe: glibc's posix_spawn shares no state between calls. Returns 0 or an errno value.
int cspawn_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                 int stdin_fd, int stdout_fd, int stderr_fd);

#endif
