/// Templates used when a route sets none. Posts are plain text.
public enum DefaultTemplates {
    /// Title, summary and link, separated by blank lines; empty parts leave no gap.
    public static let item = """
        {{title}}{{#summary}}

        {{summary}}{{/summary}}{{#link}}

        {{link}}{{/link}}
        """
}
