import InfinityJSON

/// Any JSON value; used for GraphQL variables and loosely typed fields.
///
/// The one shared type from `InfinityJSON`, named here so `GitHubKit.JSONValue` keeps working.
public typealias JSONValue = InfinityJSON.JSONValue
