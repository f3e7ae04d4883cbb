import Foundation

/// Files only their owner may read (mode 0600): kubeconfigs and private keys.
enum PrivateFile {
    /// Replaces the file at `url` with `data` atomically, creating its folder if needed. The
    /// content goes into a file that is 0600 before it holds anything, then is renamed into
    /// place, so no other user can read it at any moment.
    static func write(_ data: Data, to url: URL) throws {
        let manager = FileManager.default
        let folder = url.deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let staging = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        try Data().write(to: staging)
        do {
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: staging.path)
            let handle = try FileHandle(forWritingTo: staging)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            guard rename(staging.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }
}
