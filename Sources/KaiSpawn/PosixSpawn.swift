import CKaiSpawn
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one call that starts a program: `posix_spawn` with an empty blocked-signal mask, every
/// signal back at its default action, a process group of its own, and no file descriptor of
/// kai's but its standard input, output and error.
///
/// Threads of Swift's runtime and Dispatch block most signals; a child started from one of them
/// by `fork`/`exec` (or Foundation's `Process`) inherits that mask and ignores `SIGTERM`. A child
/// that leads its own group can be stopped together with whatever it started.
enum PosixSpawn {
    /// Where the child's standard streams go: descriptors of this process, or nothing for input.
    struct Streams {
        var input: Int32?
        var output: Int32
        var error: Int32
    }

    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String], directory: String?,
                      streams: Streams) throws(SpawnError) -> pid_t {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input = streams.input {
            posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, streams.output, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, streams.error, STDERR_FILENO)
        if let directory { ckai_spawn_addchdir(&actions, directory) }
        ckai_spawn_addclosefrom(&actions, STDERR_FILENO + 1)

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(executable: executable, code: result) }
        return pid
    }

    /// A pipe whose ends are closed in every child but the one they are handed to; nil (and
    /// `errno` set) when the system has no descriptors left.
    static func pipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        return ckai_pipe_cloexec(&ends) == 0 ? (ends[0], ends[1]) : nil
    }
}
