import InfinityJSON

/// A compact binary form of OSV records for the index cache: LEB128 lengths and counts,
/// UTF-8 strings, tagged free-form JSON (integers and floating-point numbers under their own
/// tags, so an `.int` reads back as `.int`). Reading is bounds-checked throughout; a damaged
/// cache is reported as ``BinaryReader/Damaged`` and never read past its end.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func count(_ value: Int) { unsigned(UInt64(max(0, value))) }

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func fixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    mutating func string(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional(_ value: String?) {
        guard let value else { return byte(0) }
        byte(1)
        string(value)
    }

    mutating func strings(_ values: [String]) {
        count(values.count)
        for value in values { string(value) }
    }

    mutating func json(_ value: OSVJSONValue?) {
        guard let value else { return byte(7) }
        switch value {
        case .null: byte(0)
        case .bool(let flag): byte(flag ? 2 : 1)
        case .double(let number):
            byte(3)
            fixed64(number.bitPattern)
        case .int(let number):
            byte(8)
            fixed64(UInt64(bitPattern: Int64(number)))
        case .string(let text):
            byte(4)
            string(text)
        case .array(let items):
            byte(5)
            count(items.count)
            for item in items { json(item) }
        case .object(let members):
            byte(6)
            count(members.count)
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                string(key)
                json(member)
            }
        }
    }
}

/// Reads what ``BinaryWriter`` wrote.
struct BinaryReader {
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Damaged() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func unsigned() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Damaged() }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A count of items that each take at least one byte, so never more than the bytes left.
    mutating func count() throws -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw Damaged() }
        return Int(value)
    }

    mutating func fixed64() throws -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Damaged() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
        offset += 8
        return value
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    mutating func optional() throws -> String? {
        switch try byte() {
        case 0: return nil
        case 1: return try string()
        default: throw Damaged()
        }
    }

    mutating func strings() throws -> [String] {
        let total = try count()
        var values: [String] = []
        values.reserveCapacity(total)
        for _ in 0..<total { values.append(try string()) }
        return values
    }

    mutating func json(depth: Int = 0) throws -> OSVJSONValue? {
        guard depth < 512 else { throw Damaged() }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .double(Double(bitPattern: try fixed64()))
        case 8: return .int(Int(Int64(bitPattern: try fixed64())))
        case 4: return .string(try string())
        case 5:
            let total = try count()
            var items: [OSVJSONValue] = []
            items.reserveCapacity(total)
            for _ in 0..<total { items.append(try json(depth: depth + 1) ?? .null) }
            return .array(items)
        case 6:
            let total = try count()
            var members: [String: OSVJSONValue] = [:]
            members.reserveCapacity(total)
            for _ in 0..<total {
                let key = try string()
                members[key] = try json(depth: depth + 1) ?? .null
            }
            return .object(members)
        case 7: return nil
        default: throw Damaged()
        }
    }
}

extension BinaryWriter {
    mutating func vulnerability(_ record: OSVVulnerability) {
        optional(record.schemaVersion)
        string(record.id)
        optional(record.modified)
        optional(record.published)
        optional(record.withdrawn)
        strings(record.aliases)
        strings(record.related)
        optional(record.summary)
        optional(record.details)
        severities(record.severity)
        count(record.affected.count)
        for affected in record.affected {
            if let package = affected.package {
                byte(1)
                string(package.ecosystem)
                string(package.name)
                optional(package.purl)
            } else {
                byte(0)
            }
            severities(affected.severity)
            count(affected.ranges.count)
            for range in affected.ranges {
                string(range.type.rawValue)
                optional(range.repo)
                count(range.events.count)
                for event in range.events {
                    switch event {
                    case .introduced: byte(0)
                    case .fixed: byte(1)
                    case .lastAffected: byte(2)
                    case .limit: byte(3)
                    }
                    string(event.version)
                }
                json(range.databaseSpecific)
            }
            strings(affected.versions)
            json(affected.ecosystemSpecific)
            json(affected.databaseSpecific)
        }
        count(record.references.count)
        for reference in record.references {
            optional(reference.type)
            string(reference.url)
        }
        json(record.databaseSpecific)
    }

    private mutating func severities(_ scores: [OSVSeverityScore]) {
        count(scores.count)
        for score in scores {
            string(score.type)
            string(score.score)
        }
    }
}

extension BinaryReader {
    mutating func vulnerability() throws -> OSVVulnerability {
        let schemaVersion = try optional()
        var record = OSVVulnerability(id: try string())
        record.schemaVersion = schemaVersion
        record.modified = try optional()
        record.published = try optional()
        record.withdrawn = try optional()
        record.aliases = try strings()
        record.related = try strings()
        record.summary = try optional()
        record.details = try optional()
        record.severity = try severities()
        let affectedCount = try count()
        for _ in 0..<affectedCount {
            var package: OSVPackage?
            switch try byte() {
            case 0: package = nil
            case 1: package = OSVPackage(ecosystem: try string(), name: try string(), purl: try optional())
            default: throw Damaged()
            }
            var affected = OSVAffected(package: package, severity: try severities())
            let rangeCount = try count()
            for _ in 0..<rangeCount {
                guard let type = OSVRange.RangeType(rawValue: try string()) else { throw Damaged() }
                let repo = try optional()
                let eventCount = try count()
                var events: [OSVEvent] = []
                events.reserveCapacity(eventCount)
                for _ in 0..<eventCount {
                    let kind = try byte()
                    let version = try string()
                    switch kind {
                    case 0: events.append(.introduced(version))
                    case 1: events.append(.fixed(version))
                    case 2: events.append(.lastAffected(version))
                    case 3: events.append(.limit(version))
                    default: throw Damaged()
                    }
                }
                affected.ranges.append(OSVRange(type: type, repo: repo, events: events,
                                                databaseSpecific: try json()))
            }
            affected.versions = try strings()
            affected.ecosystemSpecific = try json()
            affected.databaseSpecific = try json()
            record.affected.append(affected)
        }
        let referenceCount = try count()
        for _ in 0..<referenceCount {
            record.references.append(OSVReference(type: try optional(), url: try string()))
        }
        record.databaseSpecific = try json()
        return record
    }

    private mutating func severities() throws -> [OSVSeverityScore] {
        let total = try count()
        var scores: [OSVSeverityScore] = []
        for _ in 0..<total { scores.append(OSVSeverityScore(type: try string(), score: try string())) }
        return scores
    }
}
