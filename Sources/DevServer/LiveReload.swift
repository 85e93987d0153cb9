import Foundation

/// The browser side of live reload: the script served pages load, and the
/// pages the server makes itself while there is no good build to show.
public enum LiveReload {
    public static let eventsPath = "/__unionpress/events"
    public static let scriptPath = "/__unionpress/live-reload.js"

    /// What `serve` adds to every page's `<head>`. The build's id lets the
    /// script tell whether a build finished while the page was loading.
    public static func scriptTag(buildID: String) -> String {
        #"<script src="\#(scriptPath)?build=\#(buildID)" defer></script>"#
    }

    /// Listens on the event stream: reloads on `reload`, shows the
    /// diagnostics of a failed build in an overlay on `build-error`, and
    /// reloads after reconnecting to a server that has built since.
    static let script = #"""
    (() => {
      "use strict";
      const script = document.currentScript;
      let buildID = script ? new URL(script.src).searchParams.get("build") : null;
      const errorPage = document.getElementById("unionpress-error-page");
      const source = new EventSource("/__unionpress/events");
      source.addEventListener("hello", (event) => {
        if (buildID !== null && buildID !== event.data) location.reload();
        buildID = event.data;
      });
      source.addEventListener("reload", () => location.reload());
      source.addEventListener("build-error", (event) => {
        if (!errorPage) {
          showOverlay(event.data);
        } else if (errorPage.textContent.trim() !== event.data.trim()) {
          location.reload();
        }
      });

      function showOverlay(text) {
        let overlay = document.getElementById("unionpress-build-error");
        if (!overlay) {
          overlay = document.createElement("div");
          overlay.id = "unionpress-build-error";
          overlay.setAttribute("role", "alert");
          overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
            "background:rgba(20,20,20,.94);color:#f5f5f5;padding:2em;font:14px/1.5 monospace;";
          const title = document.createElement("h2");
          title.textContent = "Build failed (unionpress serve)";
          title.style.cssText = "color:#ff8a80;font:bold 18px sans-serif;margin:0 0 1em;";
          const close = document.createElement("button");
          close.textContent = "×";
          close.setAttribute("aria-label", "Close");
          close.style.cssText = "position:absolute;top:1em;right:1em;font-size:20px;";
          close.addEventListener("click", () => overlay.remove());
          const details = document.createElement("pre");
          details.style.cssText = "white-space:pre-wrap;margin:0;";
          overlay.append(close, title, details);
          document.body.append(overlay);
        }
        overlay.querySelector("pre").textContent = text;
      }
    })();

    """#

    /// The page every HTML request gets while the last build failed. Its
    /// script carries the id of the build being served, so a good build
    /// that finishes before the script connects still reloads it.
    static func errorPage(diagnostics text: String, buildID: String) -> String {
        page(title: "Build failed", message: "The last build failed. Fix the file and save: this page reloads by itself.", details: text, buildID: buildID)
    }

    /// The page shown before the first build finished.
    static func buildingPage(buildID: String) -> String {
        page(title: "Building…", message: "The site is being built: this page reloads by itself when it is ready.", details: nil, buildID: buildID)
    }

    private static func page(title: String, message: String, details: String?, buildID: String) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(title) – unionpress serve</title>
        \(scriptTag(buildID: buildID))
        <style>body{font:16px/1.5 sans-serif;margin:2em;color:#222}pre{background:#1e1e1e;color:#f5f5f5;padding:1em;overflow:auto;white-space:pre-wrap;font:14px/1.5 monospace}</style>
        </head>
        <body>
        <h1>\(title)</h1>
        <p>\(message)</p>

        """
        if let details {
            html += "<pre id=\"unionpress-error-page\">\(escapeHTML(details))</pre>\n"
        }
        return html + "</body>\n</html>\n"
    }

    /// Adds the script to a page whose template has no `{{{extra_head}}}`
    /// (a site's own base template may leave it out): before `</body>`,
    /// or at the end.
    static func injectIfMissing(_ html: String, buildID: String) -> String {
        guard !html.contains(scriptPath) else { return html }
        let tag = scriptTag(buildID: buildID) + "\n"
        if let bodyEnd = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            var result = html
            result.insert(contentsOf: tag, at: bodyEnd.lowerBound)
            return result
        }
        return html + tag
    }

    static func escapeHTML(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
