import InfinityJSON

/// Any JSON value, kept as parsed: used for SARIF property bags and for editing a SARIF
/// document without losing the properties our typed model does not know.
///
/// The one shared type from `InfinityJSON`, named here so `SecurityCompliance.JSONValue`
/// keeps working.
public typealias JSONValue = InfinityJSON.JSONValue
