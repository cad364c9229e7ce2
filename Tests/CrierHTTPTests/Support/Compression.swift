import Foundation

/// Compression for fixtures. Foundation on Linux has no gzip API, so the system `gzip` does it.
enum Compression {
    /// `data` compressed by `gzip -c -n` (no name or time stamp, so the header is exactly 10 bytes).
    static func gzip(_ data: [UInt8]) throws -> [UInt8] {
        try self.run("gzip -c -n", input: data)
    }

    /// `data` compressed by the `brotli` command (Debian package brotli).
    static func brotli(_ data: [UInt8]) throws -> [UInt8] {
        try self.run("brotli -c", input: data)
    }

    /// `data` compressed by the `zstd` command (Debian package zstd).
    static func zstd(_ data: [UInt8]) throws -> [UInt8] {
        try self.run("zstd -q -c", input: data)
    }

    /// `count` zero bytes gzipped, streamed from /dev/zero so the test never holds them in memory.
    static func gzippedZeros(count: Int) throws -> [UInt8] {
        try self.run("head -c \(count) /dev/zero | gzip -c -n", input: nil)
    }

    /// `data` in the zlib format that HTTP calls `deflate`: the raw deflate stream from gzip's
    /// output, wrapped in a zlib header and an Adler-32 trailer.
    static func deflate(_ data: [UInt8]) throws -> [UInt8] {
        let gzipped = try self.gzip(data)
        let raw = gzipped[10..<(gzipped.count - 8)]
        var adlerA: UInt32 = 1
        var adlerB: UInt32 = 0
        for byte in data {
            adlerA = (adlerA + UInt32(byte)) % 65521
            adlerB = (adlerB + adlerA) % 65521
        }
        let adler = (adlerB << 16) | adlerA
        return [0x78, 0x9C] + raw + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
    }

    private static func run(_ command: String, input: [UInt8]?) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        let inputPipe = Pipe()
        if input != nil { process.standardInput = inputPipe }
        try process.run()
        if let input {
            // Small inputs only: gzip's output for them fits in the pipe while we write.
            inputPipe.fileHandleForWriting.write(Data(input))
            try inputPipe.fileHandleForWriting.close()
        }
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CompressionError.failed(command) }
        return [UInt8](result)
    }

    enum CompressionError: Error {
        case failed(String)
    }
}
