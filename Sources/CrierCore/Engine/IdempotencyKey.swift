import Crypto
import Foundation

/// Derives the idempotency key of a post from what identifies it, never from time or chance,
/// so that a retry after a crash presents the sink with the same key.
public enum IdempotencyKey {
    public static func derive(route: String, sink: String, group: String, source: String, itemKey: String, revision: Int) -> String {
        // Components are length-prefixed so that no two different tuples can join to the same string.
        let parts = [route, sink, group, source, itemKey, String(revision)]
        let joined = parts.map { "\($0.utf8.count):\($0)" }.joined()
        return "crier-" + ContentHash.hex(joined, bytes: 16)
    }
}

/// SHA-256 digests, hex-encoded and shortened, for fingerprints and keys.
public enum ContentHash {
    public static func hex(_ text: String, bytes: Int = 16) -> String {
        let digest = SHA256.hash(data: Data(text.utf8))
        return digest.prefix(bytes).map { String(format: "%02x", $0) }.joined()
    }
}
