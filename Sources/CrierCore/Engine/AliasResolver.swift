import Foundation

/// Gives an item whose key changed form (see `Item.aliases`) the key it was stored under.
///
/// An alias is claimed at most once per poll, never when another item of the window has that key
/// itself, and first by the item whose content is unchanged, then by the one with the same link;
/// so two new entries sharing a guid cannot both inherit one stored entry, and none is dropped.
struct AliasResolver {
    let known: [String: ItemRecord]

    func resolve(_ items: [Item]) -> [Item] {
        var resolved = items
        var claimed = Set(items.map(\.key).filter { known[$0] != nil })
        let windowKeys = Set(items.map(\.key))
        for sameContentOnly in [true, false] {
            for index in resolved.indices where known[resolved[index].key] == nil {
                let item = resolved[index]
                for alias in item.aliases where !claimed.contains(alias) && !windowKeys.contains(alias) {
                    guard let stored = known[alias], matches(item, stored, sameContentOnly: sameContentOnly) else { continue }
                    resolved[index].key = alias
                    claimed.insert(alias)
                    break
                }
            }
        }
        return resolved
    }

    private func matches(_ item: Item, _ stored: ItemRecord, sameContentOnly: Bool) -> Bool {
        if sameContentOnly { return stored.fingerprint == item.fingerprint }
        let storedLink = (try? JSONDecoder.iso.decode(Item.self, from: stored.payload))?.link
        return storedLink == item.link
    }
}
