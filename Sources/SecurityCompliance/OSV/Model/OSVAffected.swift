import InfinityJSON

/// An `affected[]` entry: one package, its affected ranges and explicit versions.
public struct OSVAffected: Sendable, Hashable, Codable {
    /// The package; absent for entries that only describe GIT commit ranges.
    public var package: OSVPackage?
    public var severity: [OSVSeverityScore]
    public var ranges: [OSVRange]
    /// Explicitly affected versions.
    public var versions: [String]
    public var ecosystemSpecific: OSVJSONValue?
    public var databaseSpecific: OSVJSONValue?

    public init(
        package: OSVPackage?, severity: [OSVSeverityScore] = [], ranges: [OSVRange] = [], versions: [String] = [],
        ecosystemSpecific: OSVJSONValue? = nil, databaseSpecific: OSVJSONValue? = nil
    ) {
        self.package = package
        self.severity = severity
        self.ranges = ranges
        self.versions = versions
        self.ecosystemSpecific = ecosystemSpecific
        self.databaseSpecific = databaseSpecific
    }

    enum CodingKeys: String, CodingKey {
        case package, severity, ranges, versions
        case ecosystemSpecific = "ecosystem_specific"
        case databaseSpecific = "database_specific"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        package = try container.decodeIfPresent(OSVPackage.self, forKey: .package)
        severity = try container.decodeIfPresent([OSVSeverityScore].self, forKey: .severity) ?? []
        ranges = try container.decodeIfPresent([OSVRange].self, forKey: .ranges) ?? []
        versions = try container.decodeIfPresent([String].self, forKey: .versions) ?? []
        ecosystemSpecific = try container.decodeIfPresent(OSVJSONValue.self, forKey: .ecosystemSpecific)
        databaseSpecific = try container.decodeIfPresent(OSVJSONValue.self, forKey: .databaseSpecific)
    }
}

/// `affected[].package`.
public struct OSVPackage: Sendable, Hashable, Codable {
    /// The OSV ecosystem string, possibly with a `:suffix` (`Debian:12`).
    public var ecosystem: String
    public var name: String
    public var purl: String?

    public init(ecosystem: String, name: String, purl: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
    }
}

/// `affected[].ranges[]`: a timeline of events in one version ordering.
public struct OSVRange: Sendable, Hashable, Codable {
    /// How versions in this range are ordered.
    public enum RangeType: String, Sendable, Hashable, Codable {
        /// SemVer 2.0 precedence, whatever the ecosystem.
        case semver = "SEMVER"
        /// The ecosystem's own ordering.
        case ecosystem = "ECOSYSTEM"
        /// Git commits; not evaluated against package versions.
        case git = "GIT"
    }

    public var type: RangeType
    public var repo: String?
    public var events: [OSVEvent]
    public var databaseSpecific: OSVJSONValue?

    public init(type: RangeType, repo: String? = nil, events: [OSVEvent], databaseSpecific: OSVJSONValue? = nil) {
        self.type = type
        self.repo = repo
        self.events = events
        self.databaseSpecific = databaseSpecific
    }

    enum CodingKeys: String, CodingKey {
        case type, repo, events
        case databaseSpecific = "database_specific"
    }
}

/// One event of a range: exactly one of `introduced`, `fixed`, `last_affected`, `limit`.
public enum OSVEvent: Sendable, Hashable, Codable {
    /// The first affected version; `"0"` means "before every version".
    case introduced(String)
    /// The first version no longer affected.
    case fixed(String)
    /// The last affected version (inclusive).
    case lastAffected(String)
    /// An upper bound on the range; `"*"` means no bound.
    case limit(String)

    enum CodingKeys: String, CodingKey {
        case introduced, fixed
        case lastAffected = "last_affected"
        case limit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var found: [OSVEvent] = []
        if let value = try container.decodeIfPresent(String.self, forKey: .introduced) { found.append(.introduced(value)) }
        if let value = try container.decodeIfPresent(String.self, forKey: .fixed) { found.append(.fixed(value)) }
        if let value = try container.decodeIfPresent(String.self, forKey: .lastAffected) {
            found.append(.lastAffected(value))
        }
        if let value = try container.decodeIfPresent(String.self, forKey: .limit) { found.append(.limit(value)) }
        guard found.count == 1, let event = found.first else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "an event must have exactly one of introduced, fixed, last_affected, limit "
                    + "(found \(found.count))"))
        }
        self = event
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .introduced(let value): try container.encode(value, forKey: .introduced)
        case .fixed(let value): try container.encode(value, forKey: .fixed)
        case .lastAffected(let value): try container.encode(value, forKey: .lastAffected)
        case .limit(let value): try container.encode(value, forKey: .limit)
        }
    }

    /// The event's version string.
    public var version: String {
        switch self {
        case .introduced(let value), .fixed(let value), .lastAffected(let value), .limit(let value): return value
        }
    }
}
