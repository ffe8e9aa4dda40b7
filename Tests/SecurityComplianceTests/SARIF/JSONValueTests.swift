import Foundation
import InfinityJSON
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

    @Test("integers stay integers up to Int64's limits; other numbers are doubles")
    func integersAndDoubles() throws {
        let text = #"{"id":9223372036854775807,"min":-9223372036854775808,"over":9223372036854775808,"whole":3.0,"half":0.5}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value["id"] == .int(Int.max))
        #expect(value["min"] == .int(Int.min))
        #expect(value["over"] == .double(9_223_372_036_854_775_808))
        #expect(value["whole"] == .int(3))
        #expect(value["half"] == .double(0.5))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let again = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(again.contains(#""id":9223372036854775807"#))
        #expect(again.contains(#""min":-9223372036854775808"#))
        #expect(again.hasSuffix(#""whole":3}"#))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(again.utf8)) == value)
    }

    @Test("accessors answer only for their own kind; intValue takes exact whole doubles")
    func accessors() {
        let value: JSONValue = .object([
            "s": "text", "i": 7, "b": true, "n": nil, "d": .double(2.0), "f": .double(2.5),
            "a": .array([1, "x"]), "o": .object(["k": "v"]), "score": " 8.8 ",
        ])
        #expect(value["s"]?.stringValue == "text")
        #expect(value["i"]?.stringValue == nil)
        #expect(value["i"]?.intValue == 7)
        #expect(value["d"]?.intValue == 2)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.numberValue == 2.5)
        #expect(value["score"]?.numberValue == 8.8)
        #expect(value["b"]?.boolValue == true)
        #expect(value["s"]?.boolValue == nil)
        #expect(value["n"] == .null)
        #expect(value["a"]?.arrayValue == [.int(1), .string("x")])
        #expect(value["o"]?["k"] == "v")
        #expect(value["o"]?.objectValue == ["k": .string("v")])
        #expect(value["missing"] == nil)
        #expect(value["s"]?["k"] == nil)
    }

    @Test("sorted-key output is the same bytes whatever order the members were built in")
    func sortedOutputIsStable() throws {
        var forward: [String: JSONValue] = [:]
        var backward: [String: JSONValue] = [:]
        let keys = (0..<50).map { "key\($0)" }
        for key in keys { forward[key] = .string(key) }
        for key in keys.reversed() { backward[key] = .object(["x": .string(key)]) }
        for key in keys.reversed() { backward[key] = .string(key) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let one = try encoder.encode(JSONValue.object(forward))
        let two = try encoder.encode(JSONValue.object(backward))
        #expect(one == two)
        #expect(String(decoding: one, as: UTF8.self).hasPrefix(#"{"key0":"key0","key1":"key1","key10":"#))
    }

    @Test("the SARIF, OSV and shared names are one type")
    func oneType() {
        let shared: InfinityJSON.JSONValue = .int(1)
        let sarif: SecurityCompliance.JSONValue = shared
        let osv: OSVJSONValue = sarif
        #expect(osv == shared)
    }
}
