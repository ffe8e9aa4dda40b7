/// The four git object types.
enum GitObjectType: UInt8, Sendable, Hashable {
    case commit = 1, tree = 2, blob = 3, tag = 4

    /// The name used in loose object headers and messages.
    var name: String {
        switch self {
        case .commit: "commit"
        case .tree: "tree"
        case .blob: "blob"
        case .tag: "tag"
        }
    }

    /// Parses a loose object header's type word.
    init?(name: some Collection<UInt8>) {
        switch String(decoding: name, as: UTF8.self) {
        case "commit": self = .commit
        case "tree": self = .tree
        case "blob": self = .blob
        case "tag": self = .tag
        default: return nil
        }
    }
}

/// An inflated object: its type and content (without the loose header).
struct GitObject: Sendable {
    var type: GitObjectType
    var data: [UInt8]
}
