import Foundation
import InfinityModel
import Testing

@Suite("Configuration decoding")
struct ConfigurationTests {
    func errors(_ yaml: String) -> [ConfigurationError] {
        do {
            _ = try OrchestratorConfiguration.decode(yaml: yaml, file: "orchestrator.yml")
            return []
        } catch {
            return error.errors
        }
    }

    @Test("a minimal local configuration decodes with the design's defaults")
    func defaults() throws {
        let loaded = try OrchestratorConfiguration.decode(yaml: "organization: acme\nlocal:\n  path: repos\n", file: "o.yml")
        let c = loaded.configuration
        #expect(c.organization == "acme")
        #expect(c.provider == .local)
        #expect(c.local.path == "repos")
        #expect(c.schedules.repoSync.expression == "0 */6 * * *")
        #expect(c.schedules.build.expression == "0 0 * * *")
        #expect(c.schedules.health.expression == "*/15 * * * *")
        #expect(c.schedules.security.expression == "0 2 * * *")
        #expect(c.build.maxParallel == ProcessInfo.processInfo.activeProcessorCount)
        #expect(c.build.timeout == .seconds(1800))
        #expect(loaded.origin(of: "organization") == .file)
        #expect(loaded.origin(of: "build.max_parallel") == .default)
        #expect(loaded.origin(of: "local.path") == .file)
    }

    @Test("every section and override is read")
    func fullFile() throws {
        let yaml = """
            organization: acme
            provider: local
            local: { path: repos, repositories: ["https://example.com/a.git"] }
            include: ["svc-*"]
            exclude: ["svc-legacy"]
            skip_forks: true
            build: { max_parallel: 3, timeout: 1h30m, step_timeout: 90s, pass_env: [HOME], env: { CI: "true" } }
            schedules: { build: "30 1 * * 1-5" }
            health: { thresholds: { healthy: 90, degraded: 60 }, checks: { codeowners: { enabled: false, weight: 2 } } }
            healing: { max_attempts_per_repository: 5, window: 12h }
            security: { fail_on: critical, skip_paths: ["fixtures/**"] }
            overrides:
              svc-a: { build: make all, test: "", depends_on: [svc-b], timeout: 5m }
            """
        let c = try OrchestratorConfiguration.decode(yaml: yaml, file: "o.yml").configuration
        #expect(c.local.repositories == ["https://example.com/a.git"])
        #expect(c.admits(name: "svc-a") && !c.admits(name: "svc-legacy") && !c.admits(name: "web"))
        #expect(c.skipForks)
        #expect(c.build.maxParallel == 3 && c.build.timeout == .seconds(5400) && c.build.stepTimeout == .seconds(90))
        #expect(c.build.environment == ["CI": "true"] && c.build.passEnvironment == ["HOME"])
        #expect(c.schedules.build.expression == "30 1 * * 1-5")
        #expect(c.health.healthyThreshold == 90 && c.health.checks["codeowners"] == CheckSettings(enabled: false, weight: 2))
        #expect(c.healing.maxAttemptsPerRepository == 5 && c.healing.window == .seconds(43_200))
        #expect(c.security.failOn == "critical")
        let o = try #require(c.overrides["svc-a"])
        #expect(o.build == "make all" && o.test == "" && o.dependsOn == ["svc-b"] && o.timeout == .seconds(300))
    }

    @Test("an unknown key names file:line:column and suggests the nearest key")
    func unknownKey() {
        let e = errors("organization: a\nlocal:\n  path: r\nbuild:\n  max_paralel: 4\n")
        #expect(e.count == 1)
        #expect(e[0].code == .unknownKey)
        #expect(e[0].location == SourceLocation(file: "orchestrator.yml", line: 5, column: 3))
        #expect(e[0].description == "orchestrator.yml:5:3: error: unknown key `build.max_paralel` (did you mean `max_parallel`?)")
    }

    @Test("an unknown top-level key suggests the nearest one")
    func unknownTopLevel() {
        let e = errors("organisation: a\nlocal:\n  path: r\n")
        #expect(e.map(\.code) == [.unknownKey])
        #expect(e[0].remedy == "did you mean `organization`?")
        #expect(e[0].location.line == 1 && e[0].location.column == 1)
    }

    @Test("wrong types are errors with their position", arguments: [
        ("local:\n  path: r\nbuild:\n  max_parallel: many\n", "build.max_parallel", 4, 17),
        ("local:\n  path: r\nbuild:\n  max_parallel: 0\n", "build.max_parallel", 4, 17),
        ("local:\n  path: r\nskip_forks: maybe\n", "skip_forks", 3, 13),
        ("local:\n  path: r\nbuild:\n  timeout: forever\n", "build.timeout", 4, 12),
        ("local:\n  path: r\nbuild: 5\n", "build", 3, 8),
        ("local:\n  path: r\ninclude: { a: b }\n", "include", 3, 10),
        ("local:\n  path: r\nprovider: gitlab\n", "provider", 3, 11),
        ("local:\n  path: r\nschedules:\n  health: \"*/15 * * *\"\n", "schedules.health", 4, 11),
        ("local:\n  path: r\nschedules:\n  build: \"61 * * * *\"\n", "schedules.build", 4, 10),
        ("local:\n  path: r\nhealth:\n  thresholds: { healthy: 101 }\n", "health.thresholds.healthy", 4, 26),
        ("local:\n  path: r\ngithub:\n  api_url: ftp://x\n", "github.api_url", 4, 12),
        ("local:\n  path: r\noverrides:\n  a: { bild: make }\n", "overrides.a.bild", 4, 8),
    ])
    func wrongTypes(yaml: String, keyPath: String, line: Int, column: Int) {
        let e = errors(yaml)
        #expect(e.count == 1, "\(e)")
        #expect(e.first?.keyPath == keyPath)
        #expect(e.first?.location.line == line)
        #expect(e.first?.location.column == column)
    }

    @Test("a wrong choice suggests the nearest value")
    func wrongChoice() {
        let e = errors("provider: locl\nlocal:\n  path: r\n")
        #expect(e.first?.remedy?.hasPrefix("did you mean `local`?") == true)
    }

    @Test("YAML syntax errors carry their position")
    func syntax() {
        let e = errors("organization: [a\nlocal: x\n")
        #expect(e.first?.code == .syntax)
        #expect((e.first?.location.line ?? 0) >= 1)
    }

    @Test("duplicate keys are errors")
    func duplicates() {
        let e = errors("organization: a\norganization: b\nlocal:\n  path: r\n")
        #expect(e.contains { $0.code == .duplicateKey })
    }

    @Test("the local provider needs a path or a list; github needs an org or a user")
    func providerRequirements() {
        #expect(errors("organization: a\n").map(\.code) == [.missingKey])
        #expect(errors("provider: github\n").map(\.code) == [.missingKey])
        #expect(errors("provider: github\ngithub: { org: a, user: b }\n").map(\.code) == [.invalidValue])
        #expect(errors("provider: github\ngithub: { org: a, app: { id: 1 } }\n").filter { $0.code == .missingKey }.count == 2)
    }

    @Test("several problems are all reported at once")
    func collectsAll() {
        let e = errors("organisation: a\nlocal:\n  pth: r\nbuild:\n  timeout: x\n")
        #expect(e.count >= 3)
    }

    @Test("the starter file written by init is valid")
    func starterIsValid() throws {
        let loaded = try OrchestratorConfiguration.decode(yaml: StarterConfiguration.text(organization: "acme", repositoriesPath: "repos"), file: "s.yml")
        #expect(loaded.configuration.organization == "acme")
        #expect(loaded.configuration.local.path == "repos")
    }

    @Test("a repository's .infinity.yml decodes and rejects unknown keys")
    func repositoryFile() throws {
        let o = try RepositoryOverride.decode(yaml: "build: make\ntest: make check\n", file: "r/.infinity.yml")
        #expect(o.build == "make" && o.test == "make check")
        #expect(throws: ConfigurationErrors.self) { try RepositoryOverride.decode(yaml: "biuld: make\n", file: "r/.infinity.yml") }
    }
}
