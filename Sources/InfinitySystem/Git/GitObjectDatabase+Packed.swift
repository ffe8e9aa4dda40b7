import Synchronization

extension GitObjectDatabase {
    /// Reads the packed object at `offset`, following its delta chain (offset and reference
    /// deltas, bases in other packs or loose) up to `limits.maxDeltaChainDepth`.
    func readPacked(pack: GitPack, offset: Int, id: GitObjectID, maxBytes: Int?) throws(GitReadError) -> GitObject {
        var deltas: [(data: [UInt8], path: String)] = []
        var currentPack = pack
        var currentOffset = offset
        var base: GitObject?
        while base == nil {
            if !deltas.isEmpty, let cached = state.withLock({ $0.baseCache.object(pack: currentPack.id, offset: currentOffset) }) {
                base = cached
                break
            }
            let entry = try currentPack.entry(at: currentOffset)
            guard entry.size <= limits.maxObjectBytes else {
                throw GitReadError(
                    code: .tooLarge, path: currentPack.packPath,
                    message: "object at offset \(currentOffset) inflates to \(entry.size) bytes, over the "
                        + "\(limits.maxObjectBytes)-byte limit (GitReadLimits.maxObjectBytes)")
            }
            switch entry.kind {
            case .object(let type):
                if deltas.isEmpty, let maxBytes { try Self.checkSize(entry.size, maxBytes, id: id, path: currentPack.packPath) }
                let object = GitObject(type: type, data: try currentPack.inflate(entry))
                if !deltas.isEmpty {
                    let budget = limits.deltaBaseCacheBytes
                    state.withLock { $0.baseCache.insert(object, pack: currentPack.id, offset: currentOffset, budget: budget) }
                }
                base = object
            case .offsetDelta(let baseOffset):
                try appendDelta(currentPack.inflate(entry), from: currentPack, to: &deltas, id: id, maxBytes: maxBytes)
                currentOffset = baseOffset
            case .referenceDelta(let baseID):
                try appendDelta(currentPack.inflate(entry), from: currentPack, to: &deltas, id: id, maxBytes: maxBytes)
                if let sameOffset = try currentPack.index.offset(of: baseID) {
                    currentOffset = sameOffset
                } else if let (otherPack, otherOffset) = try locate(baseID, in: packs()) {
                    currentPack = otherPack
                    currentOffset = otherOffset
                } else if let loose = try readLooseAnywhere(baseID) {
                    base = loose
                } else {
                    throw GitReadError(
                        code: .notFound, path: currentPack.packPath,
                        message: "delta base \(baseID.hex) of object \(id.hex) is missing (thin pack?); run `git fsck`")
                }
            }
            if deltas.count > limits.maxDeltaChainDepth {
                throw GitReadError(
                    code: .limitExceeded, path: pack.packPath,
                    message: "delta chain of object \(id.hex) is longer than \(limits.maxDeltaChainDepth) "
                        + "(GitReadLimits.maxDeltaChainDepth); raise the limit or use git")
            }
        }
        guard var object = base else {
            throw GitReadError.corrupt(pack.packPath, "delta chain of object \(id.hex) has no base")
        }
        for delta in deltas.reversed() {
            object.data = try GitDelta.apply(delta.data, to: object.data, path: delta.path, maxResultBytes: limits.maxObjectBytes)
        }
        return object
    }

    private func appendDelta(
        _ data: [UInt8], from pack: GitPack, to deltas: inout [(data: [UInt8], path: String)], id: GitObjectID,
        maxBytes: Int?
    ) throws(GitReadError) {
        if deltas.isEmpty, let maxBytes {
            // The outermost delta declares the final size: refuse before resolving any base.
            let header = try GitDelta.header(data, path: pack.packPath)
            try Self.checkSize(header.resultSize, maxBytes, id: id, path: pack.packPath)
        }
        deltas.append((data, pack.packPath))
    }

    static func checkSize(_ size: Int, _ maxBytes: Int, id: GitObjectID, path: String) throws(GitReadError) {
        guard size <= maxBytes else {
            throw GitReadError(
                code: .tooLarge, path: path,
                message: "object \(id.hex) has \(size) bytes, over the \(maxBytes)-byte limit asked for")
        }
    }
}

/// A small cache of inflated delta bases, keyed by pack and offset, bounded in bytes.
struct GitDeltaBaseCache {
    private struct Key: Hashable {
        var pack: Int
        var offset: Int
    }

    private var objects: [Key: GitObject] = [:]
    private var order: [Key] = []
    private var bytes = 0

    func object(pack: Int, offset: Int) -> GitObject? {
        objects[Key(pack: pack, offset: offset)]
    }

    /// Keeps `object` unless it is larger than a quarter of `budget`; evicts oldest first.
    mutating func insert(_ object: GitObject, pack: Int, offset: Int, budget: Int) {
        let key = Key(pack: pack, offset: offset)
        let size = object.data.count
        guard size <= budget / 4, objects[key] == nil else { return }
        var evicted = 0
        while bytes + size > budget, evicted < order.count {
            if let old = objects.removeValue(forKey: order[evicted]) { bytes -= old.data.count }
            evicted += 1
        }
        order.removeFirst(evicted)
        objects[key] = object
        order.append(key)
        bytes += size
    }
}
