import Foundation
import SecurityCompliance
import Testing

@Suite("JSONValue and property bags")
struct JSONValueTests {
    @Test("every JSON type decodes to its own case and encodes back unchanged")
    func roundTrip() throws {
        let text = #"{"a":true,"b":1,"c":1.5,"d":null,"e":"s","f":[false,0,"0"],"g":{"h":-7}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == .object([
            "a": .bool(true), "b": .int(1), "c": .double(1.5), "d": .null, "e": .string("s"),
            "f": .array([.bool(false), .int(0), .string("0")]), "g": .object(["h": .int(-7)]),
        ]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(value), as: UTF8.self) == text)
    }

    @Test("property bags keep unknown members and read security-severity written as text or number")
    func propertyBag() throws {
        let bag = try JSONDecoder().decode(
            SARIFPropertyBag.self, from: Data(#"{"security-severity":7.8,"tags":["security",3],"x":{"y":1}}"#.utf8))
        #expect(bag.securitySeverityScore == 7.8)
        #expect(bag.securitySeverity == "7.8")
        #expect(bag.tags == ["security"])
        #expect(bag["x"] == .object(["y": .int(1)]))
        var text = SARIFPropertyBag()
        text.securitySeverity = " 9.1 "
        #expect(text.securitySeverityScore == 9.1)
        #expect(SecuritySeverity(securitySeverityScore: 9.0) == .critical)
        #expect(SecuritySeverity(securitySeverityScore: 8.99) == .high)
        #expect(SecuritySeverity(securitySeverityScore: 4.0) == .medium)
        #expect(SecuritySeverity(securitySeverityScore: 3.99) == .low)
        #expect(SecuritySeverity(level: SARIFLevel(rawValue: "fatal")) == nil)
    }
}
