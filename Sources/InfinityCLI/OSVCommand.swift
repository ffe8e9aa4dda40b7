import ArgumentParser
import Foundation
import InfinityModel
import InfinitySystem
import Logging
import OrchestrationEngine
import SecurityCompliance

/// `infinity osv`: the offline advisory database.
struct OSVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "osv", abstract: "Manage the offline OSV advisory database.", subcommands: [OSVImportCommand.self])
}

/// `infinity osv import FILE.zip…`.
struct OSVImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import osv.dev all.zip exports (one ecosystem each) into the OSV database folder.",
        discussion: "Each zip replaces the earlier import of its ecosystem atomically. A rejected zip (unsafe entry, too large, not a zip) writes nothing and makes the command exit 1; the other zips are still imported."
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @Argument(help: ArgumentHelp("osv.dev export zips.", valueName: "file.zip")) var zips: [String]
    @Option(name: .long, help: ArgumentHelp("The OSV database folder (default: security.osv_db, else .infinity/osv).", valueName: "path"))
    var osvDb: String?

    func validate() throws {
        if zips.isEmpty { throw ValidationError("pass at least one zip, e.g. `infinity osv import PyPI.zip`") }
    }

    func run() async throws {
        global.applyLogLevel()
        let fs = FileSystem.live
        let folder: String
        if let osvDb {
            folder = fs.absolute(osvDb)
        } else if fs.exists(global.configPath()) {
            folder = try ConfigurationLoading.context(global).osvDatabasePath(nil)
        } else {
            folder = Paths.join(global.projectRoot(), OSVDatabase.defaultFolder)
        }
        var failed = 0
        for result in OSVImporter().importZips(at: zips.map(fs.absolute), into: folder) {
            switch result {
            case .success(let s):
                print("\(Paths.basename(s.zipPath)): \(s.recordsWritten) advisories for \(s.ecosystem) into \(s.folder)"
                    + (s.entriesSkipped > 0 ? ", \(s.entriesSkipped) entries skipped" : "")
                    + (s.replacedExisting ? " (replaced the earlier import)" : ""))
                for d in s.diagnostics.prefix(5) { print("  \(d)") }
                if s.diagnostics.count > 5 { print("  … and \(s.diagnostics.count - 5) more") }
            case .failure(let error):
                failed += 1
                printError("rejected: \(error)")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
