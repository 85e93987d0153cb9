extension ListRenderer {
    /// Whether a job's output shows the summary (the only part of a page's
    /// rendering that lists use) of any of these pages: after a change to
    /// page bodies, only such lists are rendered again.
    func showsSummary(of pages: Set<Int>, _ job: Job, lists: [PagedList]) -> Bool {
        switch job {
        case .home:
            homeLatest.contains(where: pages.contains) || homeRosters.contains(where: pages.contains)
        case .list(let index, let number):
            slice(lists[index], number: number).contains(where: pages.contains)
        case .notFound, .people, .taxonomyIndex, .alias, .search:
            false
        }
    }
}
