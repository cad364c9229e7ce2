/// Byte-level UTF-8 helpers for hot paths that work on `[UInt8]` instead of `String`.
enum UTF8Bytes {
    /// What one pass over a document found.
    struct Scan {
        /// Every sequence is well-formed UTF-8 (no overlongs, surrogates or truncation).
        var isValid = true
        /// At least one byte is >= 0x80.
        var hasNonASCII = false
        /// A C0 control other than tab, LF or CR occurs; XML 1.0 forbids them.
        var hasIllegalControls = false
    }

    /// Checks a buffer in one pass.
    ///
    /// Why word-at-a-time: feeds are mostly ASCII, and testing eight bytes per step keeps
    /// this pass a small fraction of the XML parse. Stops at the first invalid sequence,
    /// because the caller then repairs the whole buffer anyway.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> Scan {
        var result = Scan()
        guard let p = buffer.baseAddress else { return result }
        let n = buffer.count
        var i = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        let spaces: UInt64 = 0x2020_2020_2020_2020
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if w & high == 0 {
                    // Flags bytes below 0x20 (exact when no byte has its high bit set).
                    if (w &- spaces) & ~w & high != 0 {
                        for k in 0..<8 where isIllegalControl(p[i + k]) {
                            result.hasIllegalControls = true
                        }
                    }
                    i += 8
                    continue
                }
            }
            let b = p[i]
            if b < 0x80 {
                if isIllegalControl(b) { result.hasIllegalControls = true }
                i += 1
                continue
            }
            result.hasNonASCII = true
            let length = sequenceLength(p + i, n - i)
            if length == 0 {
                result.isValid = false
                return result
            }
            i += length
        }
        return result
    }

    /// C0 controls other than tab, LF and CR, which XML 1.0 does not allow anywhere.
    @inline(__always)
    static func isIllegalControl(_ b: UInt8) -> Bool {
        b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D
    }

    /// The length of the well-formed sequence starting at `p`, or 0 if it is ill-formed.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ available: Int) -> Int {
        let b0 = p[0]
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            k < available && p[k] >= lo && p[k] <= hi
        }
        switch b0 {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// Replaces ill-formed sequences with U+FFFD, the way `String(decoding:as:)` does
    /// (maximal subparts, as Unicode recommends).
    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// Replaces the C0 controls XML forbids with spaces, so libxml2 does not stop on them.
    static func replacingIllegalControls(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for i in out.indices where isIllegalControl(out[i]) { out[i] = 0x20 }
        return out
    }

    /// Appends the UTF-8 encoding of a scalar value (invalid values become U+FFFD).
    @inline(__always)
    static func append(scalar value: UInt32, to out: inout [UInt8]) {
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = withUnsafeMutableBytes(of: &buffer) { encode(scalar: value, into: $0) }
        withUnsafeBytes(of: buffer) { out.append(contentsOf: $0.prefix(count)) }
    }

    /// Writes the UTF-8 encoding of a scalar (invalid values become U+FFFD) into at least
    /// four bytes; returns how many were written.
    @inline(__always)
    static func encode(scalar value: UInt32, into out: UnsafeMutableRawBufferPointer) -> Int {
        let s = (Unicode.Scalar(value) ?? "\u{FFFD}").value
        switch s {
        case 0..<0x80:
            out[0] = UInt8(s)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | (s >> 6))
            out[1] = UInt8(0x80 | (s & 0x3F))
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | (s >> 12))
            out[1] = UInt8(0x80 | ((s >> 6) & 0x3F))
            out[2] = UInt8(0x80 | (s & 0x3F))
            return 3
        default:
            out[0] = UInt8(0xF0 | (s >> 18))
            out[1] = UInt8(0x80 | ((s >> 12) & 0x3F))
            out[2] = UInt8(0x80 | ((s >> 6) & 0x3F))
            out[3] = UInt8(0x80 | (s & 0x3F))
            return 4
        }
    }
}
