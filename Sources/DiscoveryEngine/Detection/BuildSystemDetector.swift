import Foundation
import InfinityModel

/// Detects build systems from a commit's root files and writes the commands for the design's
/// steps — setup → install deps → build → test — for the most specific one.
public enum BuildSystemDetector {
    /// Root files whose text detection reads (lockfiles, `CMakeLists.txt`, `Rakefile` and the like
    /// matter only by being there): what a code host fetches along with its listing.
    public static let textFiles: [String] = [
        "Package.swift", "package.json", "Cargo.toml", "go.mod", "pom.xml", "build.gradle", "build.gradle.kts",
        "settings.gradle", "settings.gradle.kts", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt",
        "Makefile", "makefile", "GNUmakefile", "Gemfile", ".infinity.yml",
    ]

    /// One detected system with its commands.
    struct System {
        var id: String
        var steps: [(BuildStep.Name, String)]
    }

    /// Detected systems, most specific first, and the steps of the first.
    public static func detect(_ files: RepositoryFiles) -> (systems: [String], steps: [BuildStep]) {
        let root = Set(files.paths.filter { !$0.contains("/") })
        let dirs = Set(files.paths.compactMap { p -> String? in
            guard let slash = p.firstIndex(of: "/") else { return nil }
            return String(p[..<slash])
        })
        var systems: [System] = []

        if root.contains("Package.swift") {
            // `swift test` fails on a package without test targets, so it is a step only when there are some.
            let hasTests = dirs.contains("Tests") || (files.text("Package.swift")?.contains(".testTarget") ?? false)
            systems.append(System(id: "swiftpm", steps: [(.install, "swift package resolve"), (.build, "swift build")]
                + (hasTests ? [(.test, "swift test")] : [])))
        }
        if root.contains("Cargo.toml") {
            let locked = root.contains("Cargo.lock") ? " --locked" : ""
            systems.append(System(id: "cargo", steps: [(.install, "cargo fetch\(locked)"), (.build, "cargo build\(locked)"), (.test, "cargo test\(locked)")]))
        }
        if root.contains("go.mod") {
            systems.append(System(id: "go", steps: [(.install, "go mod download"), (.build, "go build ./..."), (.test, "go test ./...")]))
        }
        if root.contains("package.json") {
            let scripts = packageScripts(files.text("package.json"))
            let hasTest = scripts["test"].map { !$0.contains("no test specified") } ?? false
            let hasBuild = scripts["build"] != nil
            if root.contains("pnpm-lock.yaml") {
                systems.append(System(id: "pnpm", steps: [(.install, "pnpm install --frozen-lockfile")]
                    + (hasBuild ? [(.build, "pnpm run build")] : []) + (hasTest ? [(.test, "pnpm test")] : [])))
            } else if root.contains("yarn.lock") {
                systems.append(System(id: "yarn", steps: [(.install, "yarn install --frozen-lockfile")]
                    + (hasBuild ? [(.build, "yarn run build")] : []) + (hasTest ? [(.test, "yarn test")] : [])))
            } else {
                let install = root.contains("package-lock.json") || root.contains("npm-shrinkwrap.json") ? "npm ci" : "npm install"
                systems.append(System(id: "npm", steps: [(.install, install)]
                    + (hasBuild ? [(.build, "npm run build")] : []) + (hasTest ? [(.test, "npm test")] : [])))
            }
        }
        if root.contains("pom.xml") {
            let mvn = root.contains("mvnw") ? "./mvnw" : "mvn"
            systems.append(System(id: "maven", steps: [(.install, "\(mvn) -B -q dependency:resolve"), (.build, "\(mvn) -B package -DskipTests"), (.test, "\(mvn) -B test")]))
        }
        if root.contains("build.gradle") || root.contains("build.gradle.kts") {
            let gradle = root.contains("gradlew") ? "./gradlew" : "gradle"
            systems.append(System(id: "gradle", steps: [(.build, "\(gradle) build -x test"), (.test, "\(gradle) test")]))
        }
        if root.contains(where: { $0.hasSuffix(".sln") || $0.hasSuffix(".csproj") || $0.hasSuffix(".fsproj") }) {
            systems.append(System(id: "dotnet", steps: [(.install, "dotnet restore"), (.build, "dotnet build --no-restore"), (.test, "dotnet test --no-build")]))
        }
        if root.contains("pyproject.toml") || root.contains("setup.py") || root.contains("requirements.txt") || root.contains("setup.cfg") {
            systems.append(pythonSystem(files, root: root, dirs: dirs))
        }
        if root.contains("CMakeLists.txt") {
            systems.append(System(id: "cmake", steps: [(.setup, "cmake -S . -B build"), (.build, "cmake --build build"), (.test, "ctest --test-dir build --output-on-failure")]))
        }
        if root.contains("Gemfile") {
            let test: String
            if root.contains("Rakefile") { test = "bundle exec rake test" } else if dirs.contains("spec") { test = "bundle exec rspec" } else { test = "" }
            systems.append(System(id: "bundler", steps: [(.install, "bundle install")] + (test.isEmpty ? [] : [(.test, test)])))
        }
        if let makefile = ["GNUmakefile", "makefile", "Makefile"].first(where: { root.contains($0) }) {
            let targets = makeTargets(files.text(makefile))
            var steps: [(BuildStep.Name, String)] = [(.build, "make")]
            if targets.contains("test") { steps.append((.test, "make test")) } else if targets.contains("check") { steps.append((.test, "make check")) }
            systems.append(System(id: "make", steps: steps))
        }
        if systems.isEmpty, files.hasPython {
            // Python without packaging metadata: compile and run its tests with the standard library.
            systems.append(pythonSystem(files, root: root, dirs: dirs))
        }
        if systems.isEmpty, root.contains("build.sh") || root.contains("test.sh") {
            var steps: [(BuildStep.Name, String)] = []
            if root.contains("build.sh") { steps.append((.build, "sh ./build.sh")) }
            if root.contains("test.sh") { steps.append((.test, "sh ./test.sh")) }
            systems.append(System(id: "shell", steps: steps))
        }
        if root.contains("Dockerfile") {
            systems.append(System(id: "docker", steps: [(.build, "docker build .")]))
        }
        guard let primary = systems.first else { return ([], []) }
        let steps = primary.steps.map { BuildStep(name: $0.0, run: $0.1, source: "detected:\(primary.id)") }
        return (systems.map(\.id), steps)
    }

    static func pythonSystem(_ files: RepositoryFiles, root: Set<String>, dirs: Set<String>) -> System {
        var steps: [(BuildStep.Name, String)] = []
        let requirementsText = files.text("requirements.txt") ?? ""
        let pyproject = files.text("pyproject.toml") ?? ""
        let hasDeps = !requirementsText.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.hasPrefix("#") }
        let installable = root.contains("setup.py") || pyproject.contains("[build-system]") || pyproject.contains("[project]")
        if hasDeps || installable {
            steps.append((.setup, "python3 -m venv .venv"))
            var install: [String] = []
            if hasDeps { install.append(".venv/bin/pip install -r requirements.txt") }
            if installable { install.append(".venv/bin/pip install -e .") }
            steps.append((.install, install.joined(separator: " && ")))
        }
        let python = steps.isEmpty ? "python3" : ".venv/bin/python"
        steps.append((.build, "\(python) -m compileall -q ."))
        let usesPytest = root.contains("pytest.ini") || root.contains("conftest.py") || pyproject.contains("[tool.pytest")
            || requirementsText.lowercased().contains("pytest") || pyproject.lowercased().contains("\"pytest")
        if usesPytest {
            steps.append((.test, "\(python) -m pytest -q"))
        } else if dirs.contains("tests") || dirs.contains("test") || root.contains(where: { $0.hasPrefix("test_") && $0.hasSuffix(".py") }) {
            let start = dirs.contains("tests") ? " -s tests" : (dirs.contains("test") ? " -s test" : "")
            steps.append((.test, "\(python) -m unittest discover\(start) -t ."))
        }
        return System(id: "python", steps: steps)
    }

    /// `scripts` of a package.json.
    static func packageScripts(_ text: String?) -> [String: String] {
        guard let text, let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let scripts = obj["scripts"] as? [String: Any] else { return [:] }
        return scripts.compactMapValues { $0 as? String }
    }

    /// Target names defined in a Makefile (`name:` at the start of a line).
    static func makeTargets(_ text: String?) -> Set<String> {
        guard let text else { return [] }
        var out = Set<String>()
        for line in text.split(separator: "\n") {
            guard let first = line.first, first != "\t", first != "#", first != " ",
                  let colon = line.firstIndex(of: ":") else { continue }
            if line[colon...].hasPrefix(":=") { continue }
            for name in line[..<colon].split(separator: " ") { out.insert(String(name)) }
        }
        return out
    }
}
