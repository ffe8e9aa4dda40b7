/// Collects npm packages keyed by `name@version` (or `name@commit`), merging dependency
/// groups the way npm's tree implies: a package that is anywhere a production dependency
/// is a production dependency.
struct NPMPackageCollector {
    private var order: [String] = []
    private var packages: [String: ScannedPackage] = [:]

    /// Adds `package` under `key`, merging its groups with an earlier entry of the same key.
    mutating func add(key: String, _ package: ScannedPackage) {
        guard var existing = packages[key] else {
            order.append(key)
            packages[key] = package
            return
        }
        if existing.groups.isEmpty || package.groups.isEmpty {
            existing.groups = []
        } else {
            existing.groups = Array(Set(existing.groups + package.groups)).sorted()
        }
        packages[key] = existing
    }

    /// The packages in first-seen order.
    var result: [ScannedPackage] { order.compactMap { packages[$0] } }
}
