import Foundation

/// The file-system operations the scanner needs, as closures with a live default.
///
/// Tests and callers that scan something other than the local disk pass their own.
public struct LockfileFileSystem: Sendable {
    /// One entry of a directory listing.
    public struct Entry: Sendable, Hashable {
        /// The entry's name (last path component).
        public var name: String
        /// True for a directory that is not a symbolic link.
        public var isDirectory: Bool

        /// Creates an entry.
        public init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }

    /// Reads a whole file.
    public var readFile: @Sendable (_ path: String) throws -> [UInt8]
    /// The size of a file in bytes, or nil when it does not exist or is not a regular file.
    public var fileSize: @Sendable (_ path: String) -> Int?
    /// Lists a directory (symbolic links to directories are reported as non-directories).
    public var listDirectory: @Sendable (_ path: String) throws -> [Entry]

    /// Creates a file system from closures.
    public init(
        readFile: @escaping @Sendable (_ path: String) throws -> [UInt8],
        fileSize: @escaping @Sendable (_ path: String) -> Int?,
        listDirectory: @escaping @Sendable (_ path: String) throws -> [Entry]
    ) {
        self.readFile = readFile
        self.fileSize = fileSize
        self.listDirectory = listDirectory
    }

    /// The local disk, through Foundation.
    public static let live = LockfileFileSystem(
        readFile: { path in
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
            return [UInt8](data)
        },
        fileSize: { path in
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let size = attributes[.size] as? NSNumber
            else { return nil }
            return size.intValue
        },
        listDirectory: { path in
            let url = URL(fileURLWithPath: path, isDirectory: true)
            let urls = try FileManager.default.contentsOfDirectory(
                at: url, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey], options: [])
            return urls.map { child in
                let values = try? child.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
                let isDirectory = (values?.isDirectory ?? false) && !(values?.isSymbolicLink ?? false)
                return Entry(name: child.lastPathComponent, isDirectory: isDirectory)
            }
        }
    )
}
