/// An array addressed by one kind of index: `produced[chip]`, `buyerBudget[buyer]`.
///
/// The storage is a plain `Array` in index order, so iteration order and memory layout are those
/// of the array it replaces. As a collection its indices are `Index<Key>`; `indexed()` pairs
/// each value with its typed index.
struct IndexedArray<Key, Element>: RandomAccessCollection, MutableCollection {
  typealias Index = Simulation.Index<Key>
  typealias Indices = Range<Index>

  /// The values in index order.
  private(set) var elements: [Element]

  init(_ elements: [Element]) { self.elements = elements }

  init(repeating value: Element, count: Int) {
    elements = Array(repeating: value, count: count)
  }

  /// One value per index, computed in index order.
  init(count: Int, _ value: (Index) throws -> Element) rethrows {
    elements = []
    elements.reserveCapacity(count)
    for i in Index.all(count) { elements.append(try value(i)) }
  }

  var startIndex: Index { Index(0) }
  var endIndex: Index { Index(elements.count) }
  var indices: Range<Index> { startIndex..<endIndex }
  func index(after i: Index) -> Index { i + 1 }
  func index(before i: Index) -> Index { i + -1 }

  subscript(i: Index) -> Element {
    _read { yield elements[i.position] }
    _modify { yield &elements[i.position] }
  }

  /// The values with their typed indices, in index order.
  func indexed() -> Zip2Sequence<Range<Index>, [Element]> { zip(indices, elements) }
}

extension IndexedArray: Equatable where Element: Equatable {}
extension IndexedArray: Sendable where Element: Sendable {}

extension IndexedArray: ExpressibleByArrayLiteral {
  init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension IndexedArray {
  /// An empty array, to be filled with `append`.
  init() { elements = [] }

  /// Adds `value` at the next index.
  mutating func append(_ value: Element) { elements.append(value) }
}
