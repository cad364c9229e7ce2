/// A growable byte buffer for the hot paths that collect text between SAX events.
///
/// Why not `[UInt8]`: text arrives in hundreds of thousands of small pieces per feed, and
/// `Array.append(contentsOf:)` pays a uniqueness check, a capacity check and a generic copy
/// loop on each. Here an append is a capacity check and a `memcpy`. Non-copyable, so exactly
/// one owner frees the memory. There is always room for one more byte after ``count``, so
/// the contents can be NUL-terminated for C without reallocating.
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes in use.
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The contents; valid until the next change.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base, count: count)
    }

    /// Room for `extra` more bytes, plus the spare one.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra >= capacity { grow(count + extra + 1) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// Appends `n` bytes. Escaped markup reaches here one entity at a time (`<` alone, then
    /// `p`, then `>`...), millions of pieces per feed, so pieces of up to 16 bytes are copied
    /// inline with two overlapping loads and stores instead of calling `memcpy`.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        let out = UnsafeMutableRawPointer(base + count)
        let source = UnsafeRawPointer(p)
        switch n {
        case 1:
            out.storeBytes(of: p[0], as: UInt8.self)
        case 2...3:
            out.storeBytes(of: source.loadUnaligned(as: UInt16.self), as: UInt16.self)
            out.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self), toByteOffset: n - 2, as: UInt16.self)
        case 4...7:
            out.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            out.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
        case 8...16:
            out.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            out.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        default:
            out.copyMemory(from: source, byteCount: n)
        }
        count += n
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ s: StaticString) {
        append(s.utf8Start, s.utf8CodeUnitCount)
    }

    /// Empties the buffer, keeping its memory.
    mutating func removeAll() {
        count = 0
    }

    /// Drops bytes from the end.
    mutating func truncate(to newCount: Int) {
        count = min(count, max(0, newCount))
    }

    /// Writes a NUL after the contents (not counted), for C functions that read a C string.
    mutating func terminate() {
        base[count] = 0
    }
}
