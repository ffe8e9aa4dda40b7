import Foundation

/// Measures discovery and CI-status cost against the local GitHub test server.
@main
struct Entrypoint {
    static func main() async {
        let code = await DiscoveryBenchmark.run(arguments: Array(CommandLine.arguments.dropFirst()))
        exit(code)
    }
}
