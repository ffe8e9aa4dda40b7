/// A SARIF `result`: one finding.
public struct SARIFResult: Sendable, Hashable, Codable {
    /// `ruleId`.
    public var ruleId: String?
    /// `ruleIndex`: index into the driver's `rules`.
    public var ruleIndex: Int?
    /// `rule`: reference to a rule, possibly in an extension (CodeQL).
    public var rule: SARIFReportingDescriptorReference?
    /// `kind`: `fail` (default), `pass`, `notApplicable`, `open`, `review`, `informational`.
    public var kind: String?
    /// `level`.
    public var level: SARIFLevel?
    /// `message` (required).
    public var message: SARIFMessage
    /// `locations`: the first is the primary location.
    public var locations: [SARIFLocation]?
    /// `partialFingerprints`, for example `primaryLocationLineHash`.
    public var partialFingerprints: [String: String]?
    /// `fingerprints`.
    public var fingerprints: [String: String]?
    /// `baselineState`: `new`, `unchanged`, `updated`, `absent`.
    public var baselineState: String?
    /// `suppressions`.
    public var suppressions: [SARIFSuppression]?
    /// `properties`.
    public var properties: SARIFPropertyBag?

    /// Creates a result.
    public init(
        ruleId: String? = nil,
        ruleIndex: Int? = nil,
        rule: SARIFReportingDescriptorReference? = nil,
        kind: String? = nil,
        level: SARIFLevel? = nil,
        message: SARIFMessage,
        locations: [SARIFLocation]? = nil,
        partialFingerprints: [String: String]? = nil,
        fingerprints: [String: String]? = nil,
        baselineState: String? = nil,
        suppressions: [SARIFSuppression]? = nil,
        properties: SARIFPropertyBag? = nil
    ) {
        self.ruleId = ruleId
        self.ruleIndex = ruleIndex
        self.rule = rule
        self.kind = kind
        self.level = level
        self.message = message
        self.locations = locations
        self.partialFingerprints = partialFingerprints
        self.fingerprints = fingerprints
        self.baselineState = baselineState
        self.suppressions = suppressions
        self.properties = properties
    }
}

/// A SARIF `message`: text, Markdown, or a reference (`id`) to a rule's message string.
public struct SARIFMessage: Sendable, Hashable, Codable {
    /// `text`.
    public var text: String?
    /// `markdown`.
    public var markdown: String?
    /// `id`: key into the rule's `messageStrings`.
    public var id: String?
    /// `arguments`: values for `{0}`, `{1}`, … in the referenced message string.
    public var arguments: [String]?

    /// Creates a message.
    public init(text: String? = nil, markdown: String? = nil, id: String? = nil, arguments: [String]? = nil) {
        self.text = text
        self.markdown = markdown
        self.id = id
        self.arguments = arguments
    }
}

/// A SARIF `location`.
public struct SARIFLocation: Sendable, Hashable, Codable {
    /// `id`.
    public var id: Int?
    /// `physicalLocation`.
    public var physicalLocation: SARIFPhysicalLocation?
    /// `message`.
    public var message: SARIFMessage?

    /// Creates a location.
    public init(id: Int? = nil, physicalLocation: SARIFPhysicalLocation? = nil, message: SARIFMessage? = nil) {
        self.id = id
        self.physicalLocation = physicalLocation
        self.message = message
    }
}

/// A SARIF `physicalLocation`: a file and a region in it.
public struct SARIFPhysicalLocation: Sendable, Hashable, Codable {
    /// `artifactLocation`.
    public var artifactLocation: SARIFArtifactLocation?
    /// `region`.
    public var region: SARIFRegion?

    /// Creates a physical location.
    public init(artifactLocation: SARIFArtifactLocation? = nil, region: SARIFRegion? = nil) {
        self.artifactLocation = artifactLocation
        self.region = region
    }
}

/// A SARIF `artifactLocation`: a URI, optionally relative to a `uriBaseId`, or an index
/// into the run's `artifacts`.
public struct SARIFArtifactLocation: Sendable, Hashable, Codable {
    /// `uri` (a URI reference; relative paths are percent-encoded).
    public var uri: String?
    /// `uriBaseId`, for example `%SRCROOT%`.
    public var uriBaseId: String?
    /// `index` into the run's `artifacts`.
    public var index: Int?
    /// `description`.
    public var description: SARIFMessage?

    /// Creates an artifact location.
    public init(uri: String? = nil, uriBaseId: String? = nil, index: Int? = nil, description: SARIFMessage? = nil) {
        self.uri = uri
        self.uriBaseId = uriBaseId
        self.index = index
        self.description = description
    }
}

/// A SARIF `region` (line/column form; columns per the run's `columnKind`).
public struct SARIFRegion: Sendable, Hashable, Codable {
    /// `startLine` (1-based).
    public var startLine: Int?
    /// `startColumn` (1-based).
    public var startColumn: Int?
    /// `endLine` (1-based).
    public var endLine: Int?
    /// `endColumn` (1-based, exclusive).
    public var endColumn: Int?
    /// `charOffset`.
    public var charOffset: Int?
    /// `byteOffset`.
    public var byteOffset: Int?
    /// `snippet`.
    public var snippet: SARIFArtifactContent?

    /// Creates a region.
    public init(
        startLine: Int? = nil, startColumn: Int? = nil, endLine: Int? = nil, endColumn: Int? = nil,
        charOffset: Int? = nil, byteOffset: Int? = nil, snippet: SARIFArtifactContent? = nil
    ) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
        self.charOffset = charOffset
        self.byteOffset = byteOffset
        self.snippet = snippet
    }
}

/// A SARIF `artifactContent` (text only).
public struct SARIFArtifactContent: Sendable, Hashable, Codable {
    /// `text`.
    public var text: String?

    /// Creates content.
    public init(text: String? = nil) {
        self.text = text
    }
}

/// A SARIF `reportingDescriptorReference`.
public struct SARIFReportingDescriptorReference: Sendable, Hashable, Codable {
    /// `id`.
    public var id: String?
    /// `index` into the rules of ``toolComponent`` (the driver when absent).
    public var index: Int?
    /// `toolComponent`.
    public var toolComponent: SARIFToolComponentReference?

    /// Creates a reference.
    public init(id: String? = nil, index: Int? = nil, toolComponent: SARIFToolComponentReference? = nil) {
        self.id = id
        self.index = index
        self.toolComponent = toolComponent
    }
}

/// A SARIF `toolComponentReference`.
public struct SARIFToolComponentReference: Sendable, Hashable, Codable {
    /// `name`.
    public var name: String?
    /// `index` into the tool's `extensions`.
    public var index: Int?
    /// `guid`.
    public var guid: String?

    /// Creates a reference.
    public init(name: String? = nil, index: Int? = nil, guid: String? = nil) {
        self.name = name
        self.index = index
        self.guid = guid
    }
}

/// A SARIF `suppression`.
public struct SARIFSuppression: Sendable, Hashable, Codable {
    /// `kind`: `inSource` or `external`.
    public var kind: String
    /// `status`: `accepted`, `underReview`, `rejected` (absent means accepted).
    public var status: String?
    /// `justification`.
    public var justification: String?

    /// Creates a suppression.
    public init(kind: String, status: String? = nil, justification: String? = nil) {
        self.kind = kind
        self.status = status
        self.justification = justification
    }
}
