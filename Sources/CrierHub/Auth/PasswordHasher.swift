import Crypto
import Foundation
import _CryptoExtras

/// Hashes and checks passwords with scrypt (swift-crypto's `_CryptoExtras`), a fresh random
/// 16-byte salt per password, and the parameters stored with the hash:
/// `$scrypt$ln=15,r=8,p=1$<salt, base64>$<key, base64>`. A hash made with other parameters keeps
/// verifying after the defaults change.
///
/// ```swift
/// let stored = try PasswordHasher().hash("correct horse")
/// PasswordHasher.verify("correct horse", against: stored)   // true
/// ```
struct PasswordHasher: Sendable {
    /// log2 of scrypt's N (CPU/memory cost): 2^15 with r = 8 uses 32 MiB and about 50–100 ms.
    var logRounds = 15
    /// scrypt's r (block size).
    var blockSize = 8
    /// scrypt's p (parallelism).
    var parallelism = 1

    private static let keyLength = 32
    private static let prefix = "$scrypt$"

    /// A new salted hash of `password`, with its parameters.
    func hash(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let key = try Self.derive(password, salt: salt, logRounds: logRounds, blockSize: blockSize, parallelism: parallelism)
        return "\(Self.prefix)ln=\(logRounds),r=\(blockSize),p=\(parallelism)$"
            + "\(salt.base64EncodedString())$\(key.base64EncodedString())"
    }

    /// A well-formed hash with this hasher's parameters that no password matches: checking it
    /// costs what a real check costs.
    var decoyHash: String {
        "\(Self.prefix)ln=\(logRounds),r=\(blockSize),p=\(parallelism)$AAAAAAAAAAAAAAAAAAAAAA==$AA=="
    }

    /// Whether `password` matches `stored` (compared in constant time); false for a malformed hash.
    static func verify(_ password: String, against stored: String) -> Bool {
        guard stored.hasPrefix(prefix) else { return false }
        let parts = stored.dropFirst(prefix.count).split(separator: "$")
        guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])),
            let expected = Data(base64Encoded: String(parts[2]))
        else { return false }
        var parameters: [Substring: Int] = [:]
        for pair in parts[0].split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { parameters[kv[0]] = Int(kv[1]) }
        }
        guard let ln = parameters["ln"], (1...22).contains(ln), let r = parameters["r"], (1...32).contains(r),
            let p = parameters["p"], (1...16).contains(p),
            let key = try? derive(password, salt: salt, logRounds: ln, blockSize: r, parallelism: p)
        else { return false }
        return constantTimeEqual(key, expected)
    }

    /// Byte-wise comparison whose time does not depend on where the inputs differ.
    static func constantTimeEqual(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: Data, logRounds: Int, blockSize: Int, parallelism: Int) throws -> Data {
        let rounds = 1 << logRounds
        let key = try KDF.Scrypt.deriveKey(
            from: Data(password.utf8), salt: salt, outputByteCount: keyLength, rounds: rounds,
            blockSize: blockSize, parallelism: parallelism,
            maxMemory: 128 * blockSize * (rounds + parallelism) + (1 << 20)
        )
        return key.withUnsafeBytes { Data($0) }
    }
}
