import Administration

/// A form field's problem, shown next to that field when the page is drawn again.
struct UIFieldError: Error, Sendable {
    var field: String
    var message: String
}

/// Runs a step of a form's handling and names the field its `AdminError` belongs to.
@discardableResult
func field<T>(_ name: String, _ body: () throws(AdminError) -> T) throws(UIFieldError) -> T {
    do { return try body() } catch { throw UIFieldError(field: name, message: error.message) }
}
