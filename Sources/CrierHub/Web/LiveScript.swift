import Crypto
import Foundation

/// The web UI's only script, inline and allowed by its SHA-256 hash in the CSP: it refreshes
/// relative times every minute and, on pages with a `#live` list, subscribes to its
/// `data-src` Server-Sent Events and inserts each `post` event's server-rendered fragment
/// (newest first on timelines, in order on threads), skipping posts already shown.
enum LiveScript {
    /// The script's source, exactly as it appears between `<script>` and `</script>`.
    static let source = """
        (function(){function ago(t){var s=Math.round((Date.now()-t)/1e3);if(s<45)return"just now";\
        var m=Math.round(s/60);if(m<60)return m+" min ago";var h=Math.round(m/60);if(h<24)return h+" h ago";\
        var d=Math.round(h/24);return d<30?d+" d ago":null}\
        function tick(){var a=document.querySelectorAll("time[data-ms]");for(var i=0;i<a.length;i++){\
        var r=ago(+a[i].getAttribute("data-ms"));if(r)a[i].textContent=r}}\
        setInterval(tick,60000);var l=document.getElementById("live");if(!l||!window.EventSource)return;\
        var es=new EventSource(l.getAttribute("data-src"));es.addEventListener("post",function(e){\
        if(document.getElementById("s"+e.lastEventId))return;var t=document.createElement("template");\
        t.innerHTML=e.data;var n=t.content.firstElementChild;if(!n)return;var empty=document.getElementById("empty");\
        if(empty)empty.remove();if(l.getAttribute("data-order")==="newest")l.insertBefore(n,l.firstChild);\
        else l.appendChild(n);n.classList.add("new");tick()})})();
        """

    /// The Content-Security-Policy of every HTML page: nothing external; inline CSS; this one
    /// script; event streams from the hub itself.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; script-src 'sha256-\(hash)'; "
        + "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"

    private static let hash = Data(SHA256.hash(data: Data(source.utf8))).base64EncodedString()
}
