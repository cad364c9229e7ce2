import CLibXML2

/// Process-wide libxml2 setup, done once before the first parse.
///
/// Why here and not per parse: `xmlInitParser` must run once before libxml2 is used from
/// several threads, and the external entity loader is a process global. A `static let`
/// initialiser runs exactly once even when several threads race to it (`swift_once`).
enum LibXML2Setup {
    private static let done: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
        return true
    }()

    /// Runs the one-time setup if it has not run yet; cheap afterwards.
    @inline(__always)
    static func ensureInitialized() {
        _ = done
    }
}

/// The external entity loader: refuses everything.
///
/// Why: with it, no parse can ever read a file or a URL named by a DTD (XXE through a
/// general entity, a parameter entity or an external subset), whatever options a future
/// caller passes. The parse options already say NONET and never DTDLOAD/NOENT; this is the
/// belt to those braces.
private func refuseExternalEntity(
    _ url: UnsafePointer<CChar>?, _ id: UnsafePointer<CChar>?, _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    nil
}
