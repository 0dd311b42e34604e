import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// SVG files converted to PDF in this process through librsvg and cairo, the libraries
/// `rsvg-convert` (Debian package librsvg2-bin) is built on, loaded at run time: a LaTeX
/// report's figures then cost one library start-up instead of one process each (14 figures:
/// about 0.23 s of CPU instead of 0.57 s). The page is the SVG's size at 96 pixels per inch, in
/// points, as rsvg-convert makes it.
public final class SVGToPDF: @unchecked Sendable {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  private typealias NewFromData =
    @convention(c) (
      UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> UnsafeMutableRawPointer?
  private typealias IntrinsicSize =
    @convention(c) (
      UnsafeMutableRawPointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?
    ) -> Int32
  private typealias RenderDocument =
    @convention(c) (
      UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafePointer<Double>?,
      UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> Int32
  private typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
  private typealias SurfaceCreate =
    @convention(c) (UnsafePointer<CChar>?, Double, Double) -> UnsafeMutableRawPointer?
  private typealias Create = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
  private typealias Status = @convention(c) (UnsafeMutableRawPointer?) -> Int32

  private let newFromData: NewFromData
  private let intrinsicSize: IntrinsicSize
  private let renderDocument: RenderDocument
  private let objectUnref: Free
  private let errorFree: Free
  private let pdfSurfaceCreate: SurfaceCreate
  private let cairoCreate: Create
  private let cairoDestroy: Free
  private let cairoStatus: Status
  private let surfaceFinish: Free
  private let surfaceStatus: Status
  private let surfaceDestroy: Free

  /// The libraries loaded once per process; nil when one of them or a function is missing
  /// (librsvg before 2.52, or not installed): then convert with the rsvg-convert command.
  public static let shared: SVGToPDF? = SVGToPDF()

  private init?() {
    func open(_ name: String) -> UnsafeMutableRawPointer? { dlopen(name, RTLD_NOW | RTLD_LOCAL) }
    guard let rsvg = open("librsvg-2.so.2"), let cairo = open("libcairo.so.2"),
      let gobject = open("libgobject-2.0.so.0"), let glib = open("libglib-2.0.so.0")
    else { return nil }
    func function<T>(_ library: UnsafeMutableRawPointer, _ name: String, as _: T.Type) -> T? {
      dlsym(library, name).map { unsafeBitCast($0, to: T.self) }
    }
    guard
      let newFromData = function(rsvg, "rsvg_handle_new_from_data", as: NewFromData.self),
      let intrinsicSize = function(
        rsvg, "rsvg_handle_get_intrinsic_size_in_pixels", as: IntrinsicSize.self),
      let renderDocument = function(rsvg, "rsvg_handle_render_document", as: RenderDocument.self),
      let objectUnref = function(gobject, "g_object_unref", as: Free.self),
      let errorFree = function(glib, "g_error_free", as: Free.self),
      let pdfSurfaceCreate = function(cairo, "cairo_pdf_surface_create", as: SurfaceCreate.self),
      let cairoCreate = function(cairo, "cairo_create", as: Create.self),
      let cairoDestroy = function(cairo, "cairo_destroy", as: Free.self),
      let cairoStatus = function(cairo, "cairo_status", as: Status.self),
      let surfaceFinish = function(cairo, "cairo_surface_finish", as: Free.self),
      let surfaceStatus = function(cairo, "cairo_surface_status", as: Status.self),
      let surfaceDestroy = function(cairo, "cairo_surface_destroy", as: Free.self)
    else { return nil }
    self.newFromData = newFromData
    self.intrinsicSize = intrinsicSize
    self.renderDocument = renderDocument
    self.objectUnref = objectUnref
    self.errorFree = errorFree
    self.pdfSurfaceCreate = pdfSurfaceCreate
    self.cairoCreate = cairoCreate
    self.cairoDestroy = cairoDestroy
    self.cairoStatus = cairoStatus
    self.surfaceFinish = surfaceFinish
    self.surfaceStatus = surfaceStatus
    self.surfaceDestroy = surfaceDestroy
  }

  /// The message of a GError (its third field, after the domain and the code), and frees it.
  private func message(_ error: UnsafeMutableRawPointer?) -> String {
    guard let error else { return "unknown error" }
    defer { errorFree(error) }
    let text = error.load(fromByteOffset: 8, as: UnsafePointer<CChar>?.self)
    return text.map { String(cString: $0) } ?? "unknown error"
  }

  /// Writes the PDF of the SVG file `svg` to `pdf`.
  public func convert(_ svg: URL, to pdf: URL) throws {
    let name = svg.lastPathComponent
    guard let data = FileManager.default.contents(atPath: svg.path) else {
      throw Failure(description: "cannot read \(name)")
    }
    var error: UnsafeMutableRawPointer?
    let handle = data.withUnsafeBytes { bytes in
      newFromData(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &error)
    }
    guard let handle else { throw Failure(description: "\(name): \(message(error))") }
    defer { objectUnref(handle) }
    var width = 0.0
    var height = 0.0
    guard intrinsicSize(handle, &width, &height) != 0, width > 0, height > 0 else {
      throw Failure(description: "\(name) has no size in pixels")
    }
    let viewport = [0, 0, width * 72 / 96, height * 72 / 96]
    guard let surface = pdfSurfaceCreate(pdf.path, viewport[2], viewport[3]) else {
      throw Failure(description: "cannot create \(pdf.lastPathComponent)")
    }
    defer { surfaceDestroy(surface) }
    // A PDF that cannot be opened for writing gives a surface in an error state, not nil.
    guard surfaceStatus(surface) == 0 else {
      throw Failure(description: "cannot write \(pdf.lastPathComponent)")
    }
    let context = cairoCreate(surface)
    let rendered = viewport.withUnsafeBufferPointer {
      renderDocument(handle, context, $0.baseAddress, &error)
    }
    let drawn = cairoStatus(context)
    cairoDestroy(context)
    surfaceFinish(surface)
    guard rendered != 0 else { throw Failure(description: "\(name): \(message(error))") }
    guard drawn == 0, surfaceStatus(surface) == 0 else {
      throw Failure(description: "cannot write \(pdf.lastPathComponent)")
    }
  }
}
