/// The version of Crier, shared by the default `User-Agent` and the command line's `--version`.
public enum CrierVersion {
    /// The semantic version string, for example `"0.1.0"`.
    public static let string = "0.1.0"
}
