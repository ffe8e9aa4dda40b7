import ArgumentParser
import Foundation
import InfinityStore
import InfinityModel
import InfinitySystem

/// `infinity init`: writes a commented starter configuration.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented starter config/orchestrator.yml.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The folder of git repositories that forms the organization.", valueName: "path"))
    var path: String = "repos"

    @Option(name: .long, help: "The organization's name.")
    var organization: String?

    @Flag(name: .long, help: "Replace an existing file.")
    var force = false

    func run() async throws {
        let fs = FileSystem.live
        let target = global.configPath(fs)
        if fs.exists(target) && !force {
            printError("error: \(target) already exists; pass --force to replace it")
            throw ExitCode(2)
        }
        let org = organization ?? Paths.basename(global.projectRoot(fs))
        let text = StarterConfiguration.text(organization: org, repositoriesPath: path)
        // The starter must itself be valid; check before writing.
        _ = try OrchestratorConfiguration.decode(yaml: text, file: target)
        try fs.writeText(text, to: target)
        print("wrote \(target)")
        print("next: `infinity config validate`, then `infinity run`")
    }
}
