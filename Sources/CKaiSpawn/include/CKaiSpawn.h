// The GNU extensions KaiSpawn needs, which Swift's Glibc module leaves out (they need _GNU_SOURCE).
#ifndef CKAISPAWN_H
#define CKAISPAWN_H

#include <spawn.h>

/// pipe2(O_CLOEXEC): a pipe whose ends no other child inherits, made in one step.
int ckai_pipe_cloexec(int ends[2]);

/// posix_spawn_file_actions_addchdir_np: the child starts in `path`.
int ckai_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// posix_spawn_file_actions_addclosefrom_np: the child keeps no descriptor from `lowest` up
/// (on macOS, POSIX_SPAWN_CLOEXEC_DEFAULT does this instead and this does nothing).
int ckai_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

#endif
