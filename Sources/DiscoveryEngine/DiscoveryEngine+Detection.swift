import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem

extension DiscoveryEngine {
    /// Most files listed per repository for language counts.
    static let fileListLimit = 50_000
    /// Largest build file read.
    static let buildFileLimit = 1 << 20

    /// Detection per repository name: from the cache when the head did not move, else read anew.
    func detect(_ repositories: [HostedRepository], diagnostics: inout [Diagnostic]) async -> [String: Detection] {
        var cached: [String: (sha: String, version: Int, payload: Data)] = [:]
        if let store {
            do { cached = try store.detectionCache() } catch { diagnostics.append(Diagnostic(.warning, "detection cache unavailable: \(error)")) }
        }
        var out: [String: Detection] = [:]
        var toRead: [HostedRepository] = []
        let decoder = JSONDecoder()
        for repo in repositories {
            if let sha = repo.headSHA, let hit = cached[repo.name], hit.sha == sha, hit.version == Detection.version,
               let detection = try? decoder.decode(Detection.self, from: hit.payload) {
                out[repo.name] = detection
            } else {
                toRead.append(repo)
            }
        }
        let host = self.host
        let fresh = await BoundedConcurrency.map(toRead, limit: max(2, configuration.build.maxParallel)) { repo -> (String, String?, Detection) in
            (repo.name, repo.headSHA, await Self.detect(repo, host: host))
        }
        var toCache: [(repository: String, sha: String, version: Int, payload: Data)] = []
        let encoder = JSONEncoder.sorted
        for (name, sha, detection) in fresh {
            out[name] = detection
            if let sha, let payload = try? encoder.encode(detection) {
                toCache.append((repository: name, sha: sha, version: Detection.version, payload: payload))
            }
        }
        if let store {
            do { try store.storeDetections(toCache) } catch { diagnostics.append(Diagnostic(.warning, "cannot update the detection cache: \(error)")) }
        }
        return out
    }

    /// Reads one repository's head and detects what it is.
    static func detect(_ repo: HostedRepository, host: any CodeHost) async -> Detection {
        var detection = Detection()
        guard repo.headSHA != nil, let content = host.content(of: repo) else { return detection }
        do {
            let files: RepositoryFiles
            if let overview = (content as? any RootOverviewProviding)?.rootOverview() {
                files = try await Self.files(from: overview, content: content)
                detection.languages = overview.languageBytes
            } else {
                files = try await Self.files(listing: content)
                detection.languages = LanguageCounter.count(files.paths)
            }
            let contents = files.contents
            (detection.buildSystems, detection.steps) = BuildSystemDetector.detect(files)
            let (publishes, requires) = DependencyExtractor.extract(files)
            detection.publishes = publishes
            detection.requires = requires
            if let text = contents[".infinity.yml"] {
                do {
                    let o = try RepositoryOverride.decode(yaml: text, file: "\(repo.name)/.infinity.yml")
                    detection.repositoryOverride = o
                } catch {
                    for e in error.errors {
                        detection.diagnostics.append(Diagnostic(.warning, repository: repo.name, location: e.location.description, e.message + "; the file is ignored", remedy: e.remedy))
                    }
                }
            }
        } catch {
            detection.diagnostics.append(Diagnostic(.warning, repository: repo.name, "cannot read the head commit's files: \(error)"))
        }
        return detection
    }

    /// The files detection needs from a full listing of the commit: every path, and the text of
    /// the build files at the root.
    static func files(listing content: any RepositoryContent) async throws -> RepositoryFiles {
        let paths = try await content.listFiles(limit: fileListLimit)
        let root = Set(paths.filter { !$0.contains("/") })
        var contents: [String: String] = [:]
        for file in wantedTexts(root: root) {
            if let data = try await content.readFile(file, maxBytes: buildFileLimit) {
                contents[file] = String(decoding: data, as: UTF8.self)
            }
        }
        return RepositoryFiles(paths: paths, contents: contents)
    }

    /// The files detection needs from a host's overview of the top level: root files and
    /// `folder/` entries, the texts the host already sent, the rest read on demand.
    static func files(from overview: RootOverview, content: any RepositoryContent) async throws -> RepositoryFiles {
        var contents: [String: String] = [:]
        for file in wantedTexts(root: Set(overview.files)) {
            if let text = overview.texts[file] {
                if text.utf8.count <= buildFileLimit { contents[file] = text }
            } else if let data = try await content.readFile(file, maxBytes: buildFileLimit) {
                contents[file] = String(decoding: data, as: UTF8.self)
            }
        }
        return RepositoryFiles(paths: overview.files + overview.folders.map { $0 + "/" }, contents: contents,
                               languages: Set(overview.languageBytes.keys))
    }

    /// Root files whose text detection reads, among those present.
    static func wantedTexts(root: Set<String>) -> [String] {
        BuildSystemDetector.textFiles.filter { root.contains($0) } + root.filter { $0.hasSuffix(".gemspec") }.sorted()
    }

    /// The manifest entry: host facts, detection, overrides, and health carried over.
    func entry(for repo: HostedRepository, detection: Detection, previous: ManifestRepository?) -> ManifestRepository {
        var steps = detection.steps
        let fileOverride = detection.repositoryOverride
        let configOverride = configuration.overrides[repo.name]
        apply(fileOverride, source: ".infinity.yml", to: &steps)
        apply(configOverride, source: "orchestrator.yml", to: &steps)
        if (fileOverride?.overlaid(by: configOverride) ?? configOverride)?.skip == true { steps = [] }
        return ManifestRepository(
            name: repo.name, fullName: repo.fullName, location: repo.location, defaultBranch: repo.defaultBranch,
            headSHA: repo.headSHA, lastCommitAt: repo.lastCommitAt, archived: repo.archived, fork: repo.fork,
            languages: detection.languages, buildSystems: detection.buildSystems, steps: steps.sorted { $0.name < $1.name },
            dependencies: [], publishes: detection.publishes, health: previous?.health ?? HealthSummary()
        )
    }

    /// Replaces detected steps with an override's; an empty command removes the step.
    func apply(_ override: RepositoryOverride?, source: String, to steps: inout [BuildStep]) {
        guard let override else { return }
        let values: [(BuildStep.Name, String?)] = [(.setup, override.setup), (.install, override.install), (.build, override.build), (.test, override.test)]
        for (name, command) in values {
            guard let command else { continue }
            steps.removeAll { $0.name == name }
            if !command.trimmingCharacters(in: .whitespaces).isEmpty {
                steps.append(BuildStep(name: name, run: command, source: source))
            }
        }
    }
}
