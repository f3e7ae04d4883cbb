import Foundation

/// Reads the small local files a connection needs (kubeconfigs, certificates, tokens) with
/// the operating system's own reason when that fails, and resolves paths as client-go does.
enum LocalFile {
    /// Why a file could not be read: the system's words, e.g. "No such file or directory".
    struct Failure: Error, Sendable {
        /// The file (or a folder on its path) does not exist.
        let isMissing: Bool
        let reason: String
    }

    /// What identifies one version of a file cheaply: a change in any part means it was rewritten
    /// or replaced (projected service-account tokens are swapped in through a symlink).
    struct Identity: Sendable, Hashable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modifiedSeconds: Int
        let modifiedNanoseconds: Int
    }

    /// The whole content of the file at `path`.
    static func contents(of path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The identity of the file at `path` now, or nil when it cannot be examined.
    static func identity(_ path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                        modifiedSeconds: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec))
    }

    /// `path` with a leading `~` replaced by `home`, made absolute against `directory` when relative.
    static func resolve(_ path: String, against directory: String, home: String?) -> String {
        var path = path
        if let home, path == "~" || path.hasPrefix("~/") {
            path = home + path.dropFirst()
        }
        guard !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(path).standardizedFileURL.path
    }

    /// The folder that holds `path`.
    static func directory(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    private static func failure(_ code: Int32) -> Failure {
        Failure(isMissing: code == ENOENT || code == ENOTDIR, reason: String(cString: strerror(code)))
    }
}
