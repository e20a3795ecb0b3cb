import Domain
import Foundation
import OpenAPIKit
import Vapor

/// The OpenAPI 3.1 description of `/api/v1`, built from the same route enum the routes are registered from.
enum OpenAPIDocument {
    static func response() throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(document())))
        response.headers.contentType = .json
        return response
    }

    static func document() -> OpenAPI.Document {
        var paths: OpenAPI.PathItem.Map = [:]
        for route in APIRoute.allCases {
            let path = OpenAPI.Path(rawValue: route.template)
            var item = paths[path]?.b ?? OpenAPI.PathItem()
            let operation = operation(for: route)
            switch route.method {
            case "POST": item.post = operation
            case "DELETE": item.delete = operation
            case "PUT": item.put = operation
            default: item.get = operation
            }
            item.parameters = route.segments.compactMap { segment -> Either<OpenAPI.Reference<OpenAPI.Parameter>, OpenAPI.Parameter>? in
                guard case .parameter(let name, _) = segment else { return nil }
                let schema: JSONSchema = switch name {
                case RouteParameter.stepKey: .string(allowedValues: Values.of(StepKey.self))
                case RouteParameter.instrumentKey: .string(pattern: "^[a-z][a-z0-9_]{0,39}$")
                default: .string(format: .uuid)
                }
                return .b(.path(name: name, schema: schema))
            }
            paths[path] = .pathItem(item)
        }
        return OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: .init(title: "Ivareta API", version: "1"),
            servers: [],
            paths: paths,
            components: .init(
                schemas: [
                    "Error": .object(properties: [
                        "error": .object(properties: ["code": .string, "message": .string]),
                    ]),
                ],
                securitySchemes: ["bearer": .b(.http(scheme: "bearer"))]),
            security: [[.component(named: "bearer"): []]])
    }

    /// The body each route takes, closed: a field the document does not name is refused (`APIBody`), so the
    /// server does exactly what the document says.
    static let requestBodies: [APIRoute: JSONSchema] = Dictionary(uniqueKeysWithValues: APIRoute.allCases.compactMap { route in
        describe(route).body.map { (route, closed($0)) }
    })

    /// An object schema that allows no other properties, down through its nested objects.
    private static func closed(_ schema: JSONSchema) -> JSONSchema {
        if let array = schema.arrayContext, let items = array.items {
            return .array(required: schema.required, nullable: schema.nullable, minItems: array.minItems, maxItems: array.maxItems, items: closed(items))
        }
        guard let object = schema.objectContext else { return schema }
        // A map (`answers`: item key → value) names its keys at run time; its values are checked as it is decoded.
        if case .b = object.additionalProperties { return schema }
        return .object(required: schema.required, nullable: schema.nullable,
                       properties: object.properties.mapValues(closed), additionalProperties: .a(false))
    }

    private static func describe(_ route: APIRoute) -> (summary: String, body: JSONSchema?, success: JSONSchema, status: Int) {
        switch route {
        case .token: ("Exchange a username and password for a bearer token",
                      .object(properties: ["username": .string(minLength: 1), "password": .string(minLength: 1),
                                           "code": .string(required: false, minLength: 1)]),
                      .object(properties: ["token": .string, "expiresAt": .string(format: .dateTime)]), 200)
        case .revokeToken: ("End the bearer token this request is made with", nil, .object, 204)
        case .me: ("Who the token belongs to", nil,
                   .object(properties: ["personId": .string(format: .uuid), "organizationId": .string(format: .uuid), "roles": .array(items: .string)]), 200)
        case .units: ("The organization's units", nil, page(.object(properties: ["id": .string(format: .uuid), "name": .string, "parentId": .string(format: .uuid, required: false)])), 200)
        case .people: ("The people the caller may see", nil,
                       page(.object(properties: ["id": .string(format: .uuid), "name": .string, "profession": .string, "unitIds": .array(items: .string(format: .uuid))])), 200)
        case .events: ("Register an event and open a case for each involved person", eventBody,
                       .object(properties: ["id": .string(format: .uuid), "cases": .array(items: .object(properties: ["id": .string(format: .uuid), "personId": .string(format: .uuid)])),
                                            "defusingRecommendedBy": .array(items: .string)]), 201)
        case .caseDetail: ("A case with its pathway", nil, caseSchema, 200)
        case .caseStep: ("Move a step to another status", .object(properties: ["status": .string(allowedValues: Values.of(StepStatus.self)),
                                                                                  "version": versionField]), stepSchema, 200)
        case .supportRequests: ("Ask for support for oneself, with up to three suggested peer supporters",
                                .object(properties: ["caseId": .string(format: .uuid, required: false, nullable: true),
                                                     "involveLeader": .boolean(required: false, nullable: true),
                                                     "sameProfession": .boolean(required: false, nullable: true),
                                                     "outsideUnit": .boolean(required: false, nullable: true),
                                                     "language": .string(required: false, nullable: true, pattern: "^[a-z]{2,3}$"),
                                                     "reachBy": .string(required: false, nullable: true, allowedValues: Values.of(ReachBy.self)),
                                                     "reachAt": .string(required: false, nullable: true, maxLength: Reach.maxLength)]),
                                .object(properties: ["id": .string(format: .uuid), "caseId": .string(format: .uuid),
                                                     "status": .string(allowedValues: Values.of(SupportRequestStatus.self)),
                                                     "suggestions": .array(items: .object(properties: [
                                                         "supporterId": .string(format: .uuid), "name": .string,
                                                         "reasons": .array(items: .string(allowedValues: Values.of(MatchReason.self)))]))]), 201)
        case .supportRequestList: ("Your own requests for peer support, and those offered to you as a supporter", nil,
                                   .object(properties: ["items": .array(items: supportRequestSchema)]), 200)
        case .supportRequestDetail: ("A request for peer support", nil, supportRequestSchema, 200)
        case .chooseSupporter: ("Choose a suggested supporter, or anyone, for your request",
                                .object(properties: ["supporterId": .string(format: .uuid, required: false, nullable: true),
                                                     "anyone": .boolean(required: false, nullable: true),
                                                     "version": versionField]), supportRequestSchema, 200)
        case .acceptSupportRequest: ("Take on a request offered to you as a supporter",
                                     .object(properties: ["version": versionField]), supportRequestSchema, 200)
        case .passSupportRequest: ("Hand a request offered to you on to the next supporter",
                                   .object(properties: ["version": versionField]), .object, 204)
        case .declineSupportRequest: ("Say not now to the offer of peer support; it can be taken back", .object(properties: ["version": versionField]),
                                      supportRequestSchema, 200)
        case .reopenSupportRequest: ("Take back a \"not now\": the request is open again", .object(properties: ["version": versionField]),
                                     supportRequestSchema, 200)
        case .proposeHandover: ("Propose that a colleague take over a request you have taken on; the person decides",
                                .object(properties: ["supporterId": .string(format: .uuid), "version": versionField]), supportRequestSchema, 200)
        case .answerHandover: ("Say yes or no to a proposed hand-over of your request",
                               .object(properties: ["agrees": .boolean, "version": versionField]), supportRequestSchema, 200)
        case .contactList: ("The contacts logged for a request: when, how, how long — never what was said", nil,
                            .object(properties: ["items": .array(items: contactSchema)]), 200)
        case .logContact: ("Log that a contact took place (the request's supporter, once they have taken it on)",
                           .object(properties: ["date": .string(format: .dateTime), "channel": .string(allowedValues: Values.of(ContactChannel.self)),
                                                "durationMinutes": .integer(maximum: (SupportContact.durations.upperBound, exclusive: false),
                                                                            minimum: (SupportContact.durations.lowerBound, exclusive: false)),
                                                "nextContactAt": .string(format: .dateTime, required: false, nullable: true)]), contactSchema, 201)
        case .peerSupporters: ("The peer supporters, with their load against their cap (coordinators only)", nil,
                               .object(properties: ["items": .array(items: peerSupporterSchema)]), 200)
        case .rotaCoverage: ("The stretches when no team has anyone on call, by default in the coming four weeks (coordinators only)", nil,
                             .object(properties: ["from": .string(format: .dateTime), "to": .string(format: .dateTime),
                                                  "gaps": .array(items: .object(properties: ["from": .string(format: .dateTime),
                                                                                             "to": .string(format: .dateTime)]))]), 200)
        case .recordDefusing: ("Record a defusing conversation held after the event, with each participant's three answers (a leader of its unit)",
                               defusingBody, .object(properties: ["id": .string(format: .uuid)]), 201)
        case .defusingList: ("The defusing conversations recorded for the event (a leader of its unit)", nil,
                             .object(properties: ["items": .array(items: defusingSchema)]), 200)
        case .leaderContact: ("Record that the responsible leader was in touch with the person (never what was said)",
                              .object(properties: ["date": .string(format: .dateTime), "channel": .string(allowedValues: Values.of(ContactChannel.self))]),
                              .object(properties: ["id": .string(format: .uuid)]), 201)
        case .followUpMeeting: ("Record a follow-up meeting: its date, the subjects it covered, and the next one",
                                .object(properties: ["date": .string(format: .dateTime),
                                                     "topics": .array(minItems: 1, items: .string(allowedValues: Values.of(MeetingTopic.self))),
                                                     "nextAt": .string(format: .dateTime, required: false, nullable: true)]),
                                .object(properties: ["id": .string(format: .uuid)]), 201)
        case .adjustment: ("Record an adjustment to the person's work, with the date it is reviewed",
                           .object(properties: ["kind": .string(allowedValues: Values.of(AdjustmentKind.self)), "startsOn": .string(format: .dateTime),
                                                "reviewOn": .string(format: .dateTime)]),
                           .object(properties: ["id": .string(format: .uuid)]), 201)
        case .createReview: ("Register the learning review of an event (quality advisors); its facilitator may support nobody involved",
                             .object(properties: ["eventId": .string(format: .uuid), "facilitatorId": .string(format: .uuid),
                                                  "scheduledAt": .string(format: .dateTime)]),
                             .object(properties: ["id": .string(format: .uuid)]), 201)
        case .reviewList: ("The organization's learning reviews (quality advisors); ?unanswered=true keeps those with proposals waiting", nil,
                           .object(properties: ["items": .array(items: reviewSchema)]), 200)
        case .addReviewProposal: ("Record an improvement proposal from the review, with who proposed it",
                                  .object(properties: ["text": .string(minLength: 1, maxLength: LearningReviewRules.proposalLimit),
                                                       "proposedBy": .string(format: .uuid)]),
                                  .object(properties: ["id": .string(format: .uuid)]), 201)
        case .answerReviewProposal: ("Answer an improvement proposal; not adopted needs a reason",
                                     .object(properties: ["answer": .string(allowedValues: Values.of(ProposalAnswer.self)),
                                                          "reason": .string(required: false, nullable: true, maxLength: LearningReviewRules.reasonLimit),
                                                          "version": versionField]),
                                     proposalSchema, 200)
        case .concludeReview: ("Record what the review concluded about the service; an established failure offers the involved the apology step",
                               .object(properties: ["conclusion": .string(allowedValues: Values.of(ReviewConclusion.self))]), .object, 204)
        case .familyMeeting: ("Record the meeting with the patient and family: apology or regret, who attended by role, the employee's support person",
                              .object(properties: [
                                  "heldAt": .string(format: .dateTime), "kind": .string(allowedValues: Values.of(FamilyMeetingKind.self)),
                                  "attendeeRoles": .array(minItems: 1, items: .string(allowedValues: Values.of(AttendeeRole.self))),
                                  "supportPersonId": .string(format: .uuid, required: false, nullable: true),
                                  "adoptedProposalIds": .array(required: false, nullable: true, items: .string(format: .uuid)),
                              ]),
                              .object(properties: ["id": .string(format: .uuid)]), 201)
        case .instrument: ("A check-in instrument's items and answer scales, in the caller's language (the shipped check-in is checkin)", nil,
                           .object(properties: [
                               "key": .string, "title": .string,
                               "items": .array(items: .object(properties: [
                                   "key": .string, "text": .string,
                                   "scale": .array(items: .object(properties: ["value": .integer, "label": .string(required: false, nullable: true)])),
                               ])),
                           ]), 200)
        case .checkInList: ("Your own check-ins: when each is due and whether you answered or skipped it; nobody else's", nil,
                            .object(properties: ["items": .array(items: checkInSchema)]), 200)
        case .answerCheckIn: ("Answer one of your own check-ins, every item; a red flag or strong reactions give the crisis numbers at once, and a yes to being contacted reaches the one chosen in contactBy (a peer supporter when left out)",
                              .object(properties: ["answers": .object(additionalProperties: .b(.integer)), "version": versionField,
                                                   "contactBy": .string(required: false, nullable: true, allowedValues: Values.of(ContactChoice.self))]),
                              .object(properties: ["redFlag": .boolean,
                                                   "crisisContacts": .array(items: .object(properties: ["kind": .string(allowedValues: ["emergency", "out_of_hours"]),
                                                                                                       "number": .string])),
                                                   "suggestExternalHelp": .boolean,
                                                   "contact": .object(required: false, nullable: true, properties: [
                                                       "by": .string(allowedValues: Values.of(ContactChoice.self)),
                                                       "name": .string(required: false, nullable: true)])]), 200)
        case .referrals: ("Refer a pathway to a professional service: by the person (who may share some of their answered check-ins), or by their leader when the person agrees",
                          .object(properties: ["serviceId": .string(format: .uuid),
                                               "shareCheckInIds": .array(required: false, nullable: true, items: .string(format: .uuid)),
                                               "personAgrees": .boolean(required: false, nullable: true),
                                               "reachBy": .string(required: false, nullable: true, allowedValues: Values.of(ReachBy.self)),
                                               "reachAt": .string(required: false, nullable: true, maxLength: Reach.maxLength)]),
                          .object(properties: ["id": .string(format: .uuid)]), 201)
        case .consents: ("Your consents: for all your pathways, and for single ones (which win); no answer is no", nil, consentsSchema(required: true), 200)
        case .changeConsents: ("Change your consents; only the fields sent change", consentsSchema(required: false), consentsSchema(required: true), 200)
        case .importUnits: ("Check units.csv from HR against the units stored (administrators); ?apply=true applies it in one transaction. A file with any bad line changes nothing and answers 422 with every line's problem",
                            nil, importOutcome, 200)
        case .importPeople: ("Check people.csv from HR against the people stored (administrators): matched by employee number; someone no longer in the file is deactivated, never deleted; ?apply=true applies it in one transaction",
                             nil, importOutcome, 200)
        case .openAPI: ("This document", nil, .object, 200)
        }
    }

    private static func operation(for route: APIRoute) -> OpenAPI.Operation {
        let error: OpenAPI.Content.Map = [.json: .content(OpenAPI.Content(schema: JSONSchema.reference(.component(named: "Error"))))]
        var responses: OpenAPI.Response.Map = [:]
        let (summary, _, success, status) = describe(route)
        let body = requestBodies[route]
        responses[OpenAPI.Response.StatusCode(integerLiteral: status)] = .response(
            description: "Success", content: status == 204 ? [:] : [.json: .content(.init(schema: success))])
        for code in errorStatuses(route) {
            responses[OpenAPI.Response.StatusCode(integerLiteral: code)] = .response(description: "Error", content: error)
        }
        let imports = route == .importUnits || route == .importPeople
        if imports {
            responses[422] = .response(description: "The file is not valid; nothing was written", content: [.json: .content(.init(schema: importOutcome))])
        }
        let query: OpenAPI.Parameter.Array = switch route {
        case .rotaCoverage: ["from", "to"].map { .b(.query(name: $0, required: false, schema: .string(format: .dateTime))) }
        case .importUnits, .importPeople: [.b(.query(name: "apply", required: false, schema: .string(allowedValues: ["true", "false"])))]
        default: []
        }
        return OpenAPI.Operation(
            summary: summary,
            parameters: query,
            // Asking for support, or taking a request on, needs no details: the body may be left out altogether.
            requestBody: imports ? OpenAPI.Request(content: [.csv: .content(OpenAPI.Content(schema: .string))], required: true)
                : body.map { OpenAPI.Request(content: [.json: .content(OpenAPI.Content(schema: $0))],
                                             required: ![.supportRequests, .acceptSupportRequest, .passSupportRequest,
                                                         .declineSupportRequest, .reopenSupportRequest].contains(route)) },
            responses: responses,
            security: route == .token || route == .openAPI ? [] : nil)
    }

    /// The errors an operation can answer with; every operation can be sent with a method it does not take.
    private static func errorStatuses(_ route: APIRoute) -> [Int] {
        var codes = [405]
        if route != .openAPI && route != .token { codes += [401] }
        if route.method != "GET" || route == .people || route == .units { codes += [400] }
        switch route {
        case .token: codes += [400, 401, 413, 415, 422, 429]
        case .revokeToken, .me, .openAPI: break
        case .units, .people: break
        case .caseDetail: codes += [400, 403, 404]
        case .caseStep: codes += [403, 404, 409, 413, 415, 422]
        case .events: codes += [403, 409, 413, 415, 422]
        case .supportRequests: codes += [403, 404, 409, 413, 415, 422]
        case .supportRequestList: break
        case .supportRequestDetail: codes += [400, 404]
        case .chooseSupporter, .acceptSupportRequest, .passSupportRequest, .logContact, .declineSupportRequest, .reopenSupportRequest,
             .proposeHandover, .answerHandover:
            codes += [403, 404, 409, 413, 415, 422]
        case .contactList: codes += [400, 404]
        case .peerSupporters: codes += [403]
        case .rotaCoverage: codes += [400, 403]
        case .recordDefusing: codes += [403, 404, 409, 413, 415, 422]
        case .defusingList: codes += [400, 403, 404]
        case .leaderContact, .followUpMeeting, .adjustment: codes += [403, 404, 409, 413, 415, 422]
        case .createReview, .addReviewProposal, .answerReviewProposal: codes += [403, 404, 409, 413, 415, 422]
        case .reviewList: codes += [400, 403]
        case .concludeReview, .familyMeeting: codes += [403, 404, 413, 415, 422]
        case .instrument: codes += [404]
        case .checkInList, .consents: break
        case .answerCheckIn: codes += [404, 409, 413, 415, 422]
        case .referrals: codes += [403, 404, 409, 413, 415, 422]
        case .changeConsents: codes += [413, 415, 422]
        case .importUnits, .importPeople: codes += [400, 403, 409, 413, 415]
        }
        return Array(Set(codes)).sorted()
    }

    private static var checkInSchema: JSONSchema {
        .object(properties: ["id": .string(format: .uuid), "caseId": .string(format: .uuid), "instrument": .string,
                             "dueAt": .string(format: .dateTime), "status": .string(allowedValues: Values.of(CheckInStatus.self)),
                             "purpose": .string(allowedValues: Values.of(CheckInPurpose.self))])
    }

    private static var importOutcome: JSONSchema {
        let count = JSONSchema.integer(minimum: (0, exclusive: false))
        return .object(properties: [
            "added": count, "changed": count, "moved": count, "deactivated": count, "reactivated": count, "unchanged": count,
            "errors": .array(items: .object(properties: ["line": .integer(minimum: (1, exclusive: false)), "column": .string, "message": .string])),
        ])
    }

    private static func consentsSchema(required: Bool) -> JSONSchema {
        let answer = JSONSchema.boolean(required: false, nullable: true)
        return .object(properties: [
            "attentionSignalToOwner": answer, "earlierCasesToOwner": answer,
            "cases": .array(required: required, nullable: !required, items: .object(properties: ["caseId": .string(format: .uuid), "attentionSignalToOwner": answer,
                                                                            "earlierCasesToOwner": answer])),
        ])
    }

    private static func page(_ item: JSONSchema) -> JSONSchema {
        .object(properties: ["items": .array(items: item), "page": .integer, "perPage": .integer, "hasMore": .boolean])
    }

    private static var contactSchema: JSONSchema {
        .object(properties: ["id": .string(format: .uuid), "date": .string(format: .dateTime),
                             "channel": .string(allowedValues: Values.of(ContactChannel.self)), "durationMinutes": .integer,
                             "nextContactAt": .string(format: .dateTime, required: false)])
    }

    /// The version a client decided from: what it read, a positive 32-bit number.
    private static var versionField: JSONSchema {
        .integer(required: false, nullable: true, maximum: (Int(Int32.max), exclusive: false), minimum: (0, exclusive: false))
    }

    private static var supportRequestSchema: JSONSchema {
        let named = JSONSchema.object(properties: ["id": .string(format: .uuid), "name": .string])
        return .object(properties: [
            "id": .string(format: .uuid), "status": .string(allowedValues: Values.of(SupportRequestStatus.self)),
            "person": named, "supporter": .object(required: false, properties: ["id": .string(format: .uuid), "name": .string]),
            "sameProfession": .boolean, "outsideUnit": .boolean, "language": .string(required: false),
            "event": .object(required: false, properties: ["kind": .string(allowedValues: Values.of(EventKind.self)), "occurredAt": .string(format: .dateTime)]),
            "createdAt": .string(format: .dateTime), "offeredAt": .string(format: .dateTime, required: false),
            "respondBy": .string(format: .dateTime, required: false), "acceptedAt": .string(format: .dateTime, required: false),
            "handoverTo": .object(required: false, properties: ["id": .string(format: .uuid), "name": .string]),
            "version": .integer,
        ])
    }

    private static var peerSupporterSchema: JSONSchema {
        .object(properties: [
            "id": .string(format: .uuid), "personId": .string(format: .uuid), "name": .string, "profession": .string,
            "teams": .array(items: .object(properties: ["id": .string(format: .uuid), "name": .string])),
            "languages": .array(items: .string), "cap": .integer, "load": .integer, "onCallNow": .boolean, "onLeave": .boolean,
            "trainedOn": .string(format: .dateTime, required: false), "nextSupervisionAt": .string(format: .dateTime, required: false),
            "supervisionOverdue": .boolean,
        ])
    }

    private static var stepSchema: JSONSchema {
        .object(properties: ["key": .string, "phase": .string, "status": .string,
                             "dueAt": .string(format: .dateTime, required: false), "doneAt": .string(format: .dateTime, required: false),
                             "version": .integer])
    }

    private static var caseSchema: JSONSchema {
        .object(properties: ["id": .string(format: .uuid), "personId": .string(format: .uuid), "eventId": .string(format: .uuid, required: false),
                             "status": .string, "steps": .array(items: stepSchema)])
    }

    /// Optional fields may also be sent as null, which means the same as leaving them out.
    private static var reviewSchema: JSONSchema {
        .object(properties: [
            "id": .string(format: .uuid), "eventId": .string(format: .uuid), "eventKind": .string(allowedValues: Values.of(EventKind.self)),
            "eventAt": .string(format: .dateTime), "facilitator": .string, "scheduledAt": .string(format: .dateTime), "dueAt": .string(format: .dateTime),
            "invited": .integer, "declined": .integer, "proposalsWaiting": .integer, "proposalsOverdue": .integer,
        ])
    }

    private static var proposalSchema: JSONSchema {
        .object(properties: [
            "id": .string(format: .uuid), "text": .string, "proposedBy": .string(format: .uuid), "answerDue": .string(format: .dateTime),
            "answer": .string(required: false, nullable: true, allowedValues: Values.of(ProposalAnswer.self)),
            "reason": .string(required: false, nullable: true), "version": .integer,
        ])
    }

    private static var defusingBody: JSONSchema {
        .object(properties: [
            "heldAt": .string(format: .dateTime),
            "durationMinutes": .integer(maximum: (DefusingRules.minutes.upperBound, exclusive: false), minimum: (DefusingRules.minutes.lowerBound, exclusive: false)),
            "timeline": .array(required: false, nullable: true, maxItems: DefusingRules.mostFacts,
                               items: .object(properties: ["at": .string(format: .dateTime), "fact": .string(minLength: 1, maxLength: DefusingRules.factLimit)])),
            "remindersGiven": .array(required: false, nullable: true, items: .string(allowedValues: Values.of(DefusingReminder.self))),
            "participants": .array(minItems: 1, items: .object(properties: [
                "personId": .string(format: .uuid), "wantsColleague": .boolean, "needsPracticalHelp": .boolean,
                "practicalHelp": .string(required: false, nullable: true, allowedValues: Values.of(PracticalHelp.self)), "hasSomeoneTonight": .boolean,
            ])),
        ])
    }

    private static var defusingSchema: JSONSchema {
        .object(properties: [
            "id": .string(format: .uuid), "heldAt": .string(format: .dateTime), "durationMinutes": .integer, "heldBy": .string,
            "timeline": .array(items: .object(properties: ["at": .string(format: .dateTime), "fact": .string])),
            "remindersGiven": .array(items: .string(allowedValues: Values.of(DefusingReminder.self))),
            "participants": .array(items: .object(properties: [
                "personId": .string(format: .uuid), "name": .string, "wantsColleague": .boolean,
                "practicalHelp": .string(required: false, nullable: true, allowedValues: Values.of(PracticalHelp.self)), "hasSomeoneTonight": .boolean,
            ])),
        ])
    }

    private static var eventBody: JSONSchema {
        .object(properties: [
            "kind": .string(allowedValues: Values.of(EventKind.self)),
            "severity": .string(allowedValues: Values.of(Severity.self)),
            "occurredAt": .string(format: .dateTime),
            "unitId": .string(format: .uuid),
            "summary": .string(minLength: 1, maxLength: EventRules.summaryLimit),
            "incidentReportRef": .string(required: false, nullable: true, maxLength: EventRules.referenceLimit),
            "involvedPersonIds": .array(minItems: 1, items: .string(format: .uuid)),
            "tags": .array(required: false, nullable: true, items: .string(allowedValues: Values.of(EventTag.self))),
            "oldDateConfirmed": .boolean(required: false, nullable: true),
            "defusingAsked": .boolean(required: false, nullable: true),
            "checklist": .object(properties: [
                "patientSafe": .boolean, "staffSafe": .boolean, "premisesSafe": .boolean, "everyoneInformed": .boolean,
                "relievedPersonIds": .array(required: false, nullable: true, items: .string(format: .uuid)),
            ]),
        ])
    }
}
