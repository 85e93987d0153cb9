/// What a page is; each kind has its own fields and its own template.
public enum PageKind: String, Sendable, Hashable, CaseIterable {
    case article
    case profile
    case roster
    case event
}
