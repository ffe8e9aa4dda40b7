/// A SARIF `tool`: the driver and any extensions (CodeQL keeps its rules in extensions).
public struct SARIFTool: Sendable, Hashable, Codable {
    /// `driver`.
    public var driver: SARIFToolComponent
    /// `extensions`.
    public var extensions: [SARIFToolComponent]?

    /// Creates a tool.
    public init(driver: SARIFToolComponent, extensions: [SARIFToolComponent]? = nil) {
        self.driver = driver
        self.extensions = extensions
    }
}

/// A SARIF `toolComponent` (the members we use).
public struct SARIFToolComponent: Sendable, Hashable, Codable {
    /// `name` (required).
    public var name: String
    /// `fullName`.
    public var fullName: String?
    /// `version`.
    public var version: String?
    /// `semanticVersion`.
    public var semanticVersion: String?
    /// `informationUri` (absolute URI).
    public var informationUri: String?
    /// `organization`.
    public var organization: String?
    /// `rules`.
    public var rules: [SARIFReportingDescriptor]?
    /// `properties`.
    public var properties: SARIFPropertyBag?

    /// Creates a tool component.
    public init(
        name: String,
        fullName: String? = nil,
        version: String? = nil,
        semanticVersion: String? = nil,
        informationUri: String? = nil,
        organization: String? = nil,
        rules: [SARIFReportingDescriptor]? = nil,
        properties: SARIFPropertyBag? = nil
    ) {
        self.name = name
        self.fullName = fullName
        self.version = version
        self.semanticVersion = semanticVersion
        self.informationUri = informationUri
        self.organization = organization
        self.rules = rules
        self.properties = properties
    }
}

/// A SARIF `reportingDescriptor`: one rule.
public struct SARIFReportingDescriptor: Sendable, Hashable, Codable {
    /// `id` (required).
    public var id: String
    /// `name`.
    public var name: String?
    /// `shortDescription`.
    public var shortDescription: SARIFMultiformatMessageString?
    /// `fullDescription`.
    public var fullDescription: SARIFMultiformatMessageString?
    /// `help`.
    public var help: SARIFMultiformatMessageString?
    /// `helpUri` (absolute URI).
    public var helpUri: String?
    /// `defaultConfiguration`.
    public var defaultConfiguration: SARIFReportingConfiguration?
    /// `messageStrings`: message templates that results refer to by `message.id`.
    public var messageStrings: [String: SARIFMultiformatMessageString]?
    /// `properties`: `tags`, `security-severity`, `precision`, …
    public var properties: SARIFPropertyBag?

    /// Creates a rule.
    public init(
        id: String,
        name: String? = nil,
        shortDescription: SARIFMultiformatMessageString? = nil,
        fullDescription: SARIFMultiformatMessageString? = nil,
        help: SARIFMultiformatMessageString? = nil,
        helpUri: String? = nil,
        defaultConfiguration: SARIFReportingConfiguration? = nil,
        messageStrings: [String: SARIFMultiformatMessageString]? = nil,
        properties: SARIFPropertyBag? = nil
    ) {
        self.id = id
        self.name = name
        self.shortDescription = shortDescription
        self.fullDescription = fullDescription
        self.help = help
        self.helpUri = helpUri
        self.defaultConfiguration = defaultConfiguration
        self.messageStrings = messageStrings
        self.properties = properties
    }
}

/// A SARIF `reportingConfiguration` (a rule's `defaultConfiguration`).
public struct SARIFReportingConfiguration: Sendable, Hashable, Codable {
    /// `level`.
    public var level: SARIFLevel?
    /// `enabled`.
    public var enabled: Bool?
    /// `rank`.
    public var rank: Double?
    /// `properties`.
    public var properties: SARIFPropertyBag?

    /// Creates a configuration.
    public init(
        level: SARIFLevel? = nil, enabled: Bool? = nil, rank: Double? = nil,
        properties: SARIFPropertyBag? = nil
    ) {
        self.level = level
        self.enabled = enabled
        self.rank = rank
        self.properties = properties
    }
}

/// A SARIF `multiformatMessageString`: plain text and optional Markdown.
public struct SARIFMultiformatMessageString: Sendable, Hashable, Codable {
    /// `text` (required).
    public var text: String
    /// `markdown`.
    public var markdown: String?

    /// Creates a message string.
    public init(text: String, markdown: String? = nil) {
        self.text = text
        self.markdown = markdown
    }
}
