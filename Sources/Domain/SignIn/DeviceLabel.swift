import Foundation

/// A coarse name for the device a session was started on, for the person's list of where they are signed in:
/// the browser and the system, never the full User-Agent (store the minimum).
public enum DeviceLabel {
    public static func from(userAgent: String?) -> (browser: String?, system: String?) {
        guard let agent = userAgent?.lowercased(), !agent.isEmpty else { return (nil, nil) }
        let system: String? = if agent.contains("iphone") { "iPhone" }
            else if agent.contains("ipad") { "iPad" }
            else if agent.contains("android") { "Android" }
            else if agent.contains("windows") { "Windows" }
            else if agent.contains("mac os") || agent.contains("macintosh") { "Mac" }
            else if agent.contains("linux") { "Linux" }
            else { nil }
        let browser: String? = if agent.contains("edg/") { "Edge" }
            else if agent.contains("firefox/") || agent.contains("fxios/") { "Firefox" }
            else if agent.contains("chrome/") || agent.contains("crios/") || agent.contains("chromium/") { "Chrome" }
            else if agent.contains("safari/") { "Safari" }
            else { nil }
        return (browser, system)
    }
}
