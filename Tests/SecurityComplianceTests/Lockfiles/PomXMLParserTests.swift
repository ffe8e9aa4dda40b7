import Foundation
import SecurityCompliance
import Testing

@Suite("pom.xml declared dependencies")
struct PomXMLParserTests {
    static let pom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>org.example</groupId>
            <artifactId>parent</artifactId>
            <version>3.1.0</version>
          </parent>
          <artifactId>app</artifactId>
          <properties>
            <jackson.major>2.15</jackson.major>
            <jackson.version>${jackson.major}.3</jackson.version>
            <loop.a>${loop.b}</loop.a>
            <loop.b>${loop.a}</loop.b>
          </properties>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>org.slf4j</groupId>
                <artifactId>slf4j-api</artifactId>
                <version>2.0.9</version>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>com.fasterxml.jackson.core</groupId>
              <artifactId>jackson-databind</artifactId>
              <version>${jackson.version}</version>
            </dependency>
            <dependency>
              <groupId>${project.groupId}</groupId>
              <artifactId>sibling</artifactId>
              <version>${project.version}</version>
            </dependency>
            <dependency>
              <groupId>org.slf4j</groupId>
              <artifactId>slf4j-api</artifactId>
            </dependency>
            <dependency>
              <groupId>junit</groupId>
              <artifactId>junit</artifactId>
              <version>4.13.2</version>
              <scope>test</scope>
            </dependency>
            <dependency>
              <groupId>x</groupId>
              <artifactId>cyclic</artifactId>
              <version>${loop.a}</version>
            </dependency>
          </dependencies>
          <build><plugins><plugin><dependencies><dependency>
            <groupId>not</groupId><artifactId>reported</artifactId><version>1</version>
          </dependency></dependencies></plugin></plugins></build>
        </project>
        """

    @Test("versions are interpolated from properties, the project and the parent")
    func propertyInterpolation() throws {
        try withTemporaryFolder { folder in
            let path = try folder.write("pom.xml", Self.pom)
            let (packages, diagnostics) = LockfileScanner().parse(fileAt: path)
            #expect(packages.map { "\($0.name)@\($0.version)" } == [
                "com.fasterxml.jackson.core:jackson-databind@2.15.3",
                "org.example:sibling@3.1.0",
                "org.slf4j:slf4j-api@2.0.9",
                "junit:junit@4.13.2",
                "x:cyclic@",
            ])
            #expect(packages.allSatisfy { $0.ecosystem == "Maven" })
            #expect(packages.first?.line == 26)
            #expect(packages.first { $0.name == "junit:junit" }?.groups == ["test"])
            // The cyclic property cannot be resolved: a warning at that dependency.
            #expect(diagnostics.map(\.severity) == [.warning])
            #expect(diagnostics.first?.line == 46)
        }
    }

    @Test("malformed XML gives an error diagnostic with a line")
    func malformedXML() {
        let text = "<project>\n  <dependencies>\n    <dependency>\n  </dependencies>\n</project>\n"
        let (packages, diagnostics) = LockfileScanner().parse(contents: Array(text.utf8), path: "pom.xml", as: .pomXML)
        #expect(packages.isEmpty)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.line == 4)
    }
}
