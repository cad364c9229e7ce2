import Foundation

/// Looks up HTML named character references (`nbsp`, `eacute`, ...) by their bytes.
///
/// The XML entity rewriter and the HTML parser input (``HTMLParserInput``) call this for
/// every `&` they meet, so it is an open-addressing hash table over raw bytes: no `String`
/// is built and nothing is allocated per lookup.
struct HTMLEntities: Sendable {
    /// What a name stands for: one or two Unicode scalars.
    struct Entity: Sendable {
        /// The first (usually only) scalar.
        var first: UInt32
        /// The second scalar, or 0; a few HTML5 entities expand to two code points.
        var second: UInt32
        /// True for the legacy names HTML accepts without a final semicolon (`&copy`).
        var legacy: Bool
    }

    private struct Slot: Sendable {
        var nameStart: Int32
        var nameLength: Int32
        var entity: Entity
    }

    /// The table, parsed once from ``HTMLEntityData/table``.
    static let shared = HTMLEntities()

    /// No HTML entity name is longer than this ("CounterClockwiseContourIntegral").
    static let maxNameLength = 31

    private let names: [UInt8]
    private let slots: [Slot]
    private let index: [Int32]
    private let mask: Int

    private init() {
        var names: [UInt8] = []
        var slots: [Slot] = []
        for token in HTMLEntityData.table.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            guard let eq = token.firstIndex(of: "=") else { continue }
            let name = token[..<eq]
            var value = token[token.index(after: eq)...]
            let legacy = value.hasSuffix("!")
            if legacy { value = value.dropLast() }
            let points = value.split(separator: ",").compactMap { UInt32($0) }
            guard let first = points.first else { continue }
            let start = Int32(names.count)
            names.append(contentsOf: Array(name.utf8))
            slots.append(Slot(
                nameStart: start, nameLength: Int32(name.utf8.count),
                entity: Entity(first: first, second: points.count > 1 ? points[1] : 0, legacy: legacy)))
        }
        var size = 1
        while size < slots.count * 2 { size <<= 1 }
        var index = [Int32](repeating: -1, count: size)
        for (i, slot) in slots.enumerated() {
            var h = names.withUnsafeBufferPointer {
                Self.hash($0.baseAddress! + Int(slot.nameStart), Int(slot.nameLength))
            } & (size - 1)
            while index[h] >= 0 { h = (h + 1) & (size - 1) }
            index[h] = Int32(i)
        }
        self.names = names
        self.slots = slots
        self.index = index
        self.mask = size - 1
    }

    /// FNV-1a: short names, few collisions, trivially cheap.
    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var h: UInt32 = 2_166_136_261
        for i in 0..<count {
            h = (h ^ UInt32(p[i])) &* 16_777_619
        }
        return Int(h)
    }

    /// The entity named by `count` bytes at `p` (without `&` and `;`), or nil.
    func lookup(_ p: UnsafePointer<UInt8>, _ count: Int) -> Entity? {
        guard count > 0, count <= Self.maxNameLength else { return nil }
        var h = Self.hash(p, count) & mask
        return names.withUnsafeBufferPointer { nameBytes in
            while true {
                let i = index[h]
                if i < 0 { return nil }
                let slot = slots[Int(i)]
                if Int(slot.nameLength) == count,
                   memcmp(nameBytes.baseAddress! + Int(slot.nameStart), p, count) == 0 {
                    return slot.entity
                }
                h = (h + 1) & mask
            }
        }
    }

    /// Maps a numeric character reference to the scalar HTML would produce, or nil when the
    /// result must be dropped.
    ///
    /// Why: feeds often write Windows-1252 code points as references (`&#150;` for an en dash),
    /// which HTML5 maps back to the intended character; NUL, surrogates and out-of-range
    /// values become U+FFFD; other C0/C1 controls are invisible junk, and illegal in XML.
    static func sanitizeCodePoint(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x09, 0x0A, 0x0D: return value
        case 0: return 0xFFFD
        case 0x01...0x1F, 0x7F: return nil
        case 0x80...0x9F:
            let mapped = Windows1252.scalar(for: UInt8(value))
            return mapped < 0xA0 ? nil : mapped
        case 0xD800...0xDFFF, 0x110000...: return 0xFFFD
        case 0xFFFE, 0xFFFF: return 0xFFFD
        default: return value
        }
    }
}
