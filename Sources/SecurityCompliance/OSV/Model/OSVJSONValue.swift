import InfinityJSON

/// Any JSON value, for the free-form `ecosystem_specific` and `database_specific` objects.
///
/// The shared `InfinityJSON.JSONValue` (integral numbers are `.int`, others `.double`); the
/// index cache's binary form of it lives in `BinaryWriter.json(_:)` / `BinaryReader.json()`.
public typealias OSVJSONValue = InfinityJSON.JSONValue
