import InfinityCLI

/// The `infinity` executable: bootstraps logging and hands off to the command line.
@main
struct Entrypoint {
    static func main() async {
        InfinityLogging.bootstrap()
        await InfinityCommand.start()
    }
}
