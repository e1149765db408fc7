import Foundation

enum NSStringBridge {
    static func make(_ s: String) -> NSString { NSString(string: s) }
}
