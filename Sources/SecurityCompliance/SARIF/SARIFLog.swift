/// A SARIF 2.1.0 log (`sarifLog`): the top-level object of a `.sarif` file.
///
/// The model covers what Infinity writes and what it reads from CodeQL, Trivy, Semgrep and
/// similar tools. Members it does not model are ignored when decoding; use ``JSONValue``
/// (see ``SARIFFingerprinter``) to edit a document without dropping them.
public struct SARIFLog: Sendable, Hashable, Codable {
    /// The SARIF version we write and accept.
    public static let supportedVersion = "2.1.0"
    /// The schema URI we write in `$schema`.
    public static let schemaURI =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// `version`: always `"2.1.0"` for files we accept.
    public var version: String
    /// `$schema`.
    public var schema: String?
    /// `runs`: one per tool invocation (and category).
    public var runs: [SARIFRun]
    /// `properties`.
    public var properties: SARIFPropertyBag?

    /// Creates a log; `version` and `$schema` default to SARIF 2.1.0.
    public init(
        version: String = SARIFLog.supportedVersion,
        schema: String? = SARIFLog.schemaURI,
        runs: [SARIFRun],
        properties: SARIFPropertyBag? = nil
    ) {
        self.version = version
        self.schema = schema
        self.runs = runs
        self.properties = properties
    }

    enum CodingKeys: String, CodingKey {
        case version
        case schema = "$schema"
        case runs
        case properties
    }
}

/// A SARIF `run`: the results of one tool over one analysis target.
public struct SARIFRun: Sendable, Hashable, Codable {
    /// `tool`.
    public var tool: SARIFTool
    /// `automationDetails`: its `id` carries the GitHub code-scanning category.
    public var automationDetails: SARIFRunAutomationDetails?
    /// `artifacts`: files that results may point at by `index`.
    public var artifacts: [SARIFArtifact]?
    /// `results`.
    public var results: [SARIFResult]?
    /// `originalUriBaseIds`: what each `uriBaseId` (such as `%SRCROOT%`) stands for.
    public var originalUriBaseIds: [String: SARIFArtifactLocation]?
    /// `invocations`.
    public var invocations: [SARIFInvocation]?
    /// `columnKind`: `utf16CodeUnits` or `unicodeCodePoints`.
    public var columnKind: String?
    /// `properties`.
    public var properties: SARIFPropertyBag?

    /// Creates a run.
    public init(
        tool: SARIFTool,
        automationDetails: SARIFRunAutomationDetails? = nil,
        artifacts: [SARIFArtifact]? = nil,
        results: [SARIFResult]? = nil,
        originalUriBaseIds: [String: SARIFArtifactLocation]? = nil,
        invocations: [SARIFInvocation]? = nil,
        columnKind: String? = nil,
        properties: SARIFPropertyBag? = nil
    ) {
        self.tool = tool
        self.automationDetails = automationDetails
        self.artifacts = artifacts
        self.results = results
        self.originalUriBaseIds = originalUriBaseIds
        self.invocations = invocations
        self.columnKind = columnKind
        self.properties = properties
    }
}

/// A SARIF `runAutomationDetails`.
public struct SARIFRunAutomationDetails: Sendable, Hashable, Codable {
    /// `id`: `category/runId`; with a trailing `/` the whole string is the category.
    public var id: String?
    /// `guid`.
    public var guid: String?
    /// `properties`.
    public var properties: SARIFPropertyBag?

    /// Creates automation details.
    public init(id: String? = nil, guid: String? = nil, properties: SARIFPropertyBag? = nil) {
        self.id = id
        self.guid = guid
        self.properties = properties
    }
}

/// A SARIF `invocation` (the members we use).
public struct SARIFInvocation: Sendable, Hashable, Codable {
    /// `executionSuccessful` (required by the schema).
    public var executionSuccessful: Bool
    /// `exitCode`.
    public var exitCode: Int?
    /// `startTimeUtc` (ISO 8601).
    public var startTimeUtc: String?
    /// `endTimeUtc` (ISO 8601).
    public var endTimeUtc: String?
    /// `properties`.
    public var properties: SARIFPropertyBag?

    /// Creates an invocation.
    public init(
        executionSuccessful: Bool,
        exitCode: Int? = nil,
        startTimeUtc: String? = nil,
        endTimeUtc: String? = nil,
        properties: SARIFPropertyBag? = nil
    ) {
        self.executionSuccessful = executionSuccessful
        self.exitCode = exitCode
        self.startTimeUtc = startTimeUtc
        self.endTimeUtc = endTimeUtc
        self.properties = properties
    }
}

/// A SARIF `artifact` (the members we use).
public struct SARIFArtifact: Sendable, Hashable, Codable {
    /// `location`.
    public var location: SARIFArtifactLocation?
    /// `properties`.
    public var properties: SARIFPropertyBag?

    /// Creates an artifact.
    public init(location: SARIFArtifactLocation? = nil, properties: SARIFPropertyBag? = nil) {
        self.location = location
        self.properties = properties
    }
}
