import GazetteCore

/// `gazette actors --with ACTOR --format json` (schema in the README).
struct CooccurrenceJSON: Encodable {
    var actor: ActorJSON
    var query: String
    var documents: Int
    var actors: [ActorJSON]

    init(_ report: ActorRelations.Cooccurrence) {
        actor = ActorJSON(actor: report.actor, documents: nil)
        query = report.query
        documents = report.documents
        actors = report.actors.map(ActorJSON.init)
    }
}

/// `gazette actors --timeline ACTOR --format json` (schema in the README).
struct TimelineJSON: Encodable {
    var actor: ActorJSON
    var query: String
    var documents: Int
    var undated: Int
    var months: [Month]

    struct Month: Encodable {
        var month: String
        var documents: Int

        init(_ count: ActorRelations.MonthCount) {
            month = count.month
            documents = count.documents
        }
    }

    init(_ report: ActorRelations.Timeline) {
        actor = ActorJSON(actor: report.actor, documents: nil)
        query = report.query
        documents = report.documents
        undated = report.undated
        months = report.months.map(Month.init)
    }
}
