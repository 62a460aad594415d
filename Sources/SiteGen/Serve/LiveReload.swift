/// The live-reload client `sitegen serve` adds to every HTML page it serves (never to built files): it listens
/// to the build events and reloads the page after a build that changed the site, or shows the build's error.
enum LiveReload {
    /// Server-sent events: one `build` event with the current `BuildStatus` on connect, then one per build.
    static let eventsPath = "/__sitegen/events"
    static let scriptPath = "/__sitegen/live-reload.js"

    /// `html` with the client script before `</body>`; `buildID` is the build the page came from.
    static func inject(into html: String, buildID: Int) -> String {
        let tag = #"<script src="\#(scriptPath)" data-build="\#(buildID)"></script>"#
        guard let body = html.range(of: "</body>", options: .backwards) else { return html + tag }
        return html.replacingCharacters(in: body, with: tag + "\n</body>")
    }

    /// A classic script (not a module) so `document.currentScript` names the build the page was served from.
    static let script = """
        (() => {
          const served = Number(document.currentScript.dataset.build);
          let overlay = null;
          function showError(message) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "sitegen-build-error";
              overlay.setAttribute("role", "alert");
              overlay.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;max-height:60vh;" +
                "overflow:auto;padding:1rem 1.25rem;background:#2b0b0b;color:#ffe9e9;border:2px solid #ff6b6b;" +
                "border-radius:8px;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 8px 30px #0008";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "✗ sitegen build failed (the page shows the last good build)\\n\\n" + message;
          }
          function connect() {
            const events = new EventSource("\(eventsPath)");
            events.addEventListener("build", (event) => {
              const status = JSON.parse(event.data);
              if (status.error) { showError(status.error); return; }
              if (status.id !== served) { location.reload(); return; }
              if (overlay) { overlay.remove(); overlay = null; }
            });
          }
          connect();
        })();

        """

    /// The page served for any HTML request while no build has succeeded yet.
    static func errorPage(_ message: String, buildID: Int) -> String {
        inject(
            into: """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed · sitegen</title></head>
                <body><h1>The site did not build</h1><pre>\(HTML.escape(message))</pre>
                <p>Fix the problem and save: this page reloads by itself.</p></body></html>
                """, buildID: buildID)
    }
}
