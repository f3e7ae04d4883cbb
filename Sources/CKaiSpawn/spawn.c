#define _GNU_SOURCE
#include "CKaiSpawn.h"

#include <fcntl.h>
#include <unistd.h>

int ckai_pipe_cloexec(int ends[2]) {
#ifdef __APPLE__
    if (pipe(ends) != 0) return -1;
    fcntl(ends[0], F_SETFD, FD_CLOEXEC);
    fcntl(ends[1], F_SETFD, FD_CLOEXEC);
    return 0;
#else
    return pipe2(ends, O_CLOEXEC);
#endif
}

int ckai_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int ckai_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest) {
#ifdef __APPLE__
    (void)actions;
    (void)lowest;
    return 0;
#else
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#endif
}
