import DiscoveryEngine
import Foundation
import InfinityModel
import Testing

@Suite("Build-system detection")
struct DetectionTests {
    func detect(_ files: [String: String]) -> (systems: [String], steps: [String: String]) {
        let r = BuildSystemDetector.detect(RepositoryFiles(paths: files.keys.sorted(), contents: files))
        return (r.systems, Dictionary(uniqueKeysWithValues: r.steps.map { ($0.name.rawValue, $0.run) }))
    }

    @Test("each ecosystem gets its commands", arguments: [
        (["Package.swift": "", "Tests/ATests/a.swift": ""], "swiftpm", "swift build", "swift test"),
        (["Package.swift": "let p = Package(name: \"x\")"], "swiftpm", "swift build", nil),
        (["package.json": #"{"scripts":{"build":"tsc","test":"jest"}}"#, "package-lock.json": "{}"], "npm", "npm run build", "npm test"),
        (["package.json": #"{"scripts":{"test":"jest"}}"#, "yarn.lock": ""], "yarn", nil, "yarn test"),
        (["package.json": #"{"scripts":{"build":"x"}}"#, "pnpm-lock.yaml": ""], "pnpm", "pnpm run build", nil),
        (["Cargo.toml": "[package]\nname='x'\n", "Cargo.lock": ""], "cargo", "cargo build --locked", "cargo test --locked"),
        (["go.mod": "module x\n"], "go", "go build ./...", "go test ./..."),
        (["pom.xml": "<project/>"], "maven", "mvn -B package -DskipTests", "mvn -B test"),
        (["build.gradle.kts": "", "gradlew": ""], "gradle", "./gradlew build -x test", "./gradlew test"),
        (["pyproject.toml": "[project]\nname='x'\n[tool.pytest.ini_options]\n"], "python", ".venv/bin/python -m compileall -q .", ".venv/bin/python -m pytest -q"),
        (["setup.py": "", "tests/test_a.py": ""], "python", ".venv/bin/python -m compileall -q .", ".venv/bin/python -m unittest discover -s tests -t ."),
        (["app.py": "", "tests/test_a.py": ""], "python", "python3 -m compileall -q .", "python3 -m unittest discover -s tests -t ."),
        (["Makefile": "all:\n\tcc x.c\ncheck:\n\t./t\n"], "make", "make", "make check"),
        (["CMakeLists.txt": ""], "cmake", "cmake --build build", "ctest --test-dir build --output-on-failure"),
        (["Gemfile": "", "Rakefile": ""], "bundler", nil, "bundle exec rake test"),
        (["App.sln": ""], "dotnet", "dotnet build --no-restore", "dotnet test --no-build"),
        (["Dockerfile": "FROM scratch\n"], "docker", "docker build .", nil),
        (["build.sh": "", "test.sh": ""], "shell", "sh ./build.sh", "sh ./test.sh"),
    ] as [([String: String], String, String?, String?)])
    func ecosystems(files: [String: String], system: String, build: String?, test: String?) {
        let r = detect(files)
        #expect(r.systems.first == system)
        #expect(r.steps["build"] == build)
        #expect(r.steps["test"] == test)
    }

    @Test("npm's default failing test script is not a test step")
    func npmDefaultTest() {
        let r = detect(["package.json": #"{"scripts":{"test":"echo \"Error: no test specified\" && exit 1"}}"#])
        #expect(r.steps["test"] == nil)
        #expect(r.steps["install"] == "npm install")
    }

    @Test("several systems are all listed, the most specific first")
    func multiple() {
        let r = detect(["go.mod": "module x\n", "Makefile": "test:\n\tgo test\n", "Dockerfile": ""])
        #expect(r.systems == ["go", "make", "docker"])
    }

    @Test("languages are counted by extension, vendored folders left out")
    func languages() {
        let counts = LanguageCounter.count(["a.swift", "b/c.swift", "x.py", "vendor/y.go", "node_modules/z.js", "Makefile", "README"])
        #expect(counts == ["Swift": 2, "Python": 1, "Makefile": 1])
    }
}

@Suite("Dependency extraction")
struct DependencyExtractionTests {
    func extract(_ files: [String: String]) -> (publishes: [String], requires: Set<String>) {
        let r = DependencyExtractor.extract(RepositoryFiles(paths: files.keys.sorted(), contents: files))
        return (r.publishes, Set(r.requires.map(\.identity)))
    }

    @Test("SwiftPM: package name, URL and path dependencies")
    func swiftpm() {
        let r = extract(["Package.swift": """
            let package = Package(
                name: "App",
                dependencies: [
                    .package(url: "https://github.com/acme/core.git", from: "1.0.0"),
                    .package(path: "../utils"),
                ]
            )
            """])
        #expect(r.publishes == ["swift:app"])
        #expect(r.requires == ["url:github.com/acme/core", "repo:utils"])
    }

    @Test("npm: name, dependencies, file: and git URLs")
    func npm() {
        let r = extract(["package.json": #"{"name":"@acme/web","dependencies":{"@acme/ui":"^1.0.0","local":"file:../local-lib"},"devDependencies":{"tool":"git+https://github.com/acme/tool.git"}}"#])
        #expect(r.publishes == ["npm:@acme/web"])
        #expect(r.requires == ["npm:@acme/ui", "npm:local", "repo:local-lib", "npm:tool", "url:github.com/acme/tool"])
    }

    @Test("Go: module, requires and local replaces")
    func go() {
        let r = extract(["go.mod": "module example.com/acme/api\n\ngo 1.22\n\nrequire (\n\texample.com/acme/lib v1.2.3 // indirect\n\tgithub.com/x/y v0.1.0\n)\nrequire example.com/acme/single v1.0.0\nreplace example.com/acme/lib => ../lib\n"])
        #expect(r.publishes == ["go:example.com/acme/api"])
        #expect(r.requires == ["go:example.com/acme/lib", "go:github.com/x/y", "go:example.com/acme/single", "repo:lib"])
    }

    @Test("Cargo: package name, renamed, path, git and table dependencies")
    func cargo() {
        let r = extract(["Cargo.toml": """
            [package]
            name = "acme-api"

            [dependencies]
            serde = "1"
            core = { package = "acme-core", path = "../core" }
            net = { git = "https://github.com/acme/net" }

            [dependencies.extra]
            version = "2"

            [dev-dependencies]
            helper = { path = "../helper" }
            """])
        #expect(r.publishes == ["cargo:acme-api"])
        #expect(r.requires == ["cargo:serde", "cargo:acme-core", "repo:core", "cargo:net", "url:github.com/acme/net", "cargo:extra", "cargo:helper", "repo:helper"])
    }

    @Test("Python: pyproject, setup.py and requirements.txt")
    func python() {
        let r = extract([
            "pyproject.toml": "[project]\nname = \"Acme_Utils\"\ndependencies = [\n  \"requests>=2\",\n  \"acme.core[extra]==1.0\",\n]\n",
            "requirements.txt": "# pinned\nflask==3.0\n-e ../shared-lib\ngit+https://github.com/acme/tool.git#egg=acme-tool\n",
        ])
        #expect(r.publishes == ["pypi:acme-utils"])
        #expect(r.requires == ["pypi:requests", "pypi:acme-core", "pypi:flask", "repo:shared-lib", "url:github.com/acme/tool", "pypi:acme-tool"])
        let s = extract(["setup.py": "setup(name='acme-x', install_requires=['numpy>=1', 'acme_core'])"])
        #expect(s.publishes == ["pypi:acme-x"] && s.requires == ["pypi:numpy", "pypi:acme-core"])
    }

    @Test("Maven and Gradle: coordinates")
    func jvm() {
        let m = extract(["pom.xml": """
            <project><parent><groupId>com.acme</groupId><artifactId>parent</artifactId></parent>
            <artifactId>api</artifactId>
            <dependencies><dependency><groupId>com.acme</groupId><artifactId>core</artifactId><version>1</version></dependency></dependencies>
            </project>
            """])
        #expect(m.publishes == ["maven:com.acme:api"] && m.requires == ["maven:com.acme:core"])
        let g = extract(["build.gradle": "group = 'com.acme'\ndependencies {\n  implementation 'com.acme:core:1.0'\n  testImplementation(\"junit:junit:4.13\")\n}\n",
                         "settings.gradle": "rootProject.name = 'web'\n"])
        #expect(g.publishes == ["maven:com.acme:web"] && g.requires == ["maven:com.acme:core", "maven:junit:junit"])
    }

    @Test("Bundler: gems, paths and gemspec names")
    func ruby() {
        let r = extract(["Gemfile": "gem 'rails'\ngem 'acme-core', path: '../acme-core'\n", "acme-web.gemspec": "spec.name = \"acme-web\"\nspec.add_dependency 'rack'\n"])
        #expect(r.publishes == ["gem:acme-web"])
        #expect(r.requires == ["gem:rails", "gem:acme-core", "repo:acme-core", "gem:rack"])
    }
}
