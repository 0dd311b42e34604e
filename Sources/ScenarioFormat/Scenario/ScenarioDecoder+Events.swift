import LocatedYAML
import Simulation

/// The event kinds a file may name, one case per variant of `ScenarioFields.eventVariants` (a
/// test checks the two agree), so the decoder's switch over them is exhaustive.
public enum EventKindTag: String, CaseIterable, Sendable {
  case supplyMultiplier, demandMultiplier, exportBan, priceCap, chipDelay, siteDelay, newSite
  case newContract
}

/// Events: a list of mappings with `at`, optional `months` and `note`, and a `kind` that decides
/// the other keys.
extension ScenarioDecoder {
  /// Keys each event kind takes besides `kind` (from `ScenarioFields.eventVariants`).
  public static let eventKindKeys: [(kind: String, keys: [String])] =
    ScenarioFields.eventVariants.map { ($0.tag, $0.fields.names) }

  func event(_ node: DocumentNode) -> (value: Event, node: DocumentNode)? {
    let kinds = Self.eventKindKeys.map(\.kind)
    guard case .mapping = node.value else {
      log.error("expected an event mapping with at and kind, got \(node.kindDescription)", at: node)
      return nil
    }
    guard let kindNode = node["kind"], let kindName = kindNode.choice(log, among: kinds),
      let kind = EventKindTag(rawValue: kindName)
    else {
      if node["kind"] == nil { log.error("missing required key 'kind'", at: node) }
      return nil
    }
    let own = Self.eventKindKeys.first { $0.kind == kindName }!.keys
    guard let map = node.mapping(log, allowedKeys: ["kind"] + own) else {
      return nil
    }
    let at = map.required("at").flatMap(month)
    let months = map.integer(ScenarioFields.eventCommon.field("months"), log)
    let fields = ScenarioFields.eventVariants.first { $0.tag == kindName }!.fields
    let note = map.optional("note")?.string(log) ?? ""
    let eventKind: EventKind?
    switch kind {
    case .supplyMultiplier:
      let target = supplyTarget(map)
      let factor = map.number(fields.field("factor"), log)
      eventKind = target.flatMap { t in factor.map { .supplyMultiplier(target: t, factor: $0) } }
    case .demandMultiplier:
      let buyer = map.optional("buyer")?.string(log)
      eventKind = map.number(fields.field("factor"), log).map {
        .demandMultiplier(buyer: buyer, factor: $0)
      }
    case .exportBan:
      let region = map.required("region")?.string(log)
      let chips = (map.optional("chips")?.sequence(log) ?? []).compactMap { $0.string(log) }
      let cloud = map.optional("cloud")?.bool(log) ?? false
      let leakage = map.number(defaulted: fields.field("leakage"), log)
      let markup = map.number(defaulted: fields.field("markup"), log)
      eventKind = region.map {
        .exportBan(region: $0, chips: chips, cloud: cloud, leakage: leakage, markup: markup)
      }
    case .priceCap:
      let chip = map.required("chip")?.string(log)
      let cap = map.number(fields.field("usdPerGPUHour"), log)
      eventKind = chip.flatMap { c in cap.map { .priceCap(chip: c, usdPerGPUHour: $0) } }
    case .chipDelay:
      let chip = map.required("chip")?.string(log)
      let by = map.integer(fields.field("delayMonths"), log)
      eventKind = chip.flatMap { c in by.map { .chipDelay(chip: c, months: $0) } }
    case .siteDelay:
      let site = map.required("site")?.string(log)
      let by = map.integer(fields.field("delayMonths"), log)
      eventKind = site.flatMap { s in by.map { .siteDelay(site: s, months: $0) } }
    case .newSite:
      let id = map.required("id")?.string(log)
      eventKind = id.flatMap { site($0, node.withoutKeys(["at", "months", "kind", "note", "id"])) }
        .map { .newSite($0) }
    case .newContract:
      let id = map.required("id")?.string(log)
      eventKind = id.flatMap {
        contract($0, node.withoutKeys(["at", "kind", "id"]))
      }.map { .newContract($0) }
    }
    guard let at, let eventKind else { return nil }
    return (Event(at: at, months: months, kind: eventKind, note: note), node)
  }
}

extension DocumentNode {
  /// The same mapping without `keys` (to read the rest with another entity's reader).
  func withoutKeys(_ keys: [String]) -> DocumentNode {
    guard case .mapping(let entries) = value else { return self }
    var copy = self
    copy.value = .mapping(entries.filter { !keys.contains($0.key) })
    return copy
  }
}
