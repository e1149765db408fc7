/// The UI's only script (`/ui/app.js`; the Content-Security-Policy allows no inline
/// script): confirmation of destructive forms, the live charts (SVG drawn from the JSON
/// API, polled with the session cookie) and a running sync job's figures.
enum Script {
    static let javascript = """
    "use strict";
    // Destructive actions: <form data-confirm="Delete x?"> asks first.
    document.addEventListener("submit", function (event) {
      var message = event.target.getAttribute("data-confirm");
      if (message && !window.confirm(message)) { event.preventDefault(); }
    });

    var SVG = "http://www.w3.org/2000/svg";
    function el(name, attrs, text) {
      var node = document.createElementNS(SVG, name);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) { node.textContent = text; }
      return node;
    }
    // Draw in the element's own pixels (a fixed viewBox would be letterboxed in a wide box).
    function fit(svg) {
      var w = svg.clientWidth || 600, h = svg.clientHeight || 180;
      svg.setAttribute("viewBox", "0 0 " + w + " " + h);
      return w;
    }
    function clear(svg) { while (svg.firstChild) { svg.removeChild(svg.firstChild); } }
    function size(n) {
      var units = ["B", "KiB", "MiB", "GiB"], i = 0;
      while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
      return (i ? n.toFixed(1) : n) + " " + units[i];
    }

    // Queue length and total size over the last hour (GET /api/v1/queue/stats).
    function drawQueue(svg, stats) {
      clear(svg);
      var w = fit(svg), h = svg.clientHeight || 180, pad = 24, points = stats.samples.slice();
      points.push({ time: new Date().toISOString(), messages: stats.messages, bytes: stats.bytes });
      var maxM = Math.max(1, Math.max.apply(null, points.map(function (p) { return p.messages; })));
      var maxB = Math.max(1, Math.max.apply(null, points.map(function (p) { return p.bytes; })));
      var t0 = Date.parse(points[0].time), t1 = Date.parse(points[points.length - 1].time);
      var span = Math.max(1, t1 - t0);
      function x(p) { return pad + (Date.parse(p.time) - t0) / span * (w - 2 * pad); }
      function line(key, max) {
        return points.map(function (p) { return x(p).toFixed(1) + "," + (h - pad - p[key] / max * (h - 2 * pad)).toFixed(1); }).join(" ");
      }
      svg.appendChild(el("line", { x1: pad, y1: h - pad, x2: w - pad, y2: h - pad, stroke: "#d5dae3" }));
      svg.appendChild(el("polyline", { "class": "messages", points: line("messages", maxM) }));
      svg.appendChild(el("polyline", { "class": "bytes", points: line("bytes", maxB) }));
      svg.appendChild(el("text", { x: pad, y: 14 }, "max " + maxM + " messages / " + size(maxB)));
      svg.appendChild(el("text", { x: pad, y: h - 6 }, points.length > 1 ? new Date(t0).toLocaleTimeString() : ""));
      svg.appendChild(el("text", { x: w - pad, y: h - 6, "text-anchor": "end" }, "now"));
      document.querySelectorAll("[data-live=queue-messages]").forEach(function (n) { n.textContent = stats.messages; });
      document.querySelectorAll("[data-live=queue-bytes]").forEach(function (n) { n.textContent = size(stats.bytes); });
    }

    // Messages in / out / refused per hour over the last 24 h (bars).
    function drawTraffic(svg, data) {
      clear(svg);
      var hours = data.hours || [], w = fit(svg), h = svg.clientHeight || 180, pad = 24;
      var max = 1;
      hours.forEach(function (b) { max = Math.max(max, b.received || 0, b.sent || 0, b.refused || 0); });
      var slot = (w - 2 * pad) / Math.max(1, hours.length), bar = Math.max(1, slot / 3 - 1);
      hours.forEach(function (b, i) {
        [["received", "in"], ["sent", "out"], ["refused", "refused"]].forEach(function (k, j) {
          var v = b[k[0]] || 0, bh = v / max * (h - 2 * pad);
          svg.appendChild(el("rect", { "class": k[1], x: pad + i * slot + j * (bar + 1), y: h - pad - bh, width: bar, height: bh }));
        });
      });
      svg.appendChild(el("text", { x: pad, y: 14 }, "max " + max + " per hour"));
    }

    function poll(svg, draw) {
      var url = svg.getAttribute("data-source"), every = parseInt(svg.getAttribute("data-every") || "10", 10) * 1000;
      function tick() {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
          .then(function (json) { draw(svg, json); svg.setAttribute("data-drawn", "yes"); })
          .catch(function () { svg.setAttribute("data-drawn", "error"); });
      }
      tick();
      setInterval(tick, every);
    }

    // A running sync job: its figures follow the job's REST row (GET /api/v1/sync/USER,
    // the keys of `sync status --json`) every second until the run ends, without a reload.
    function followSync(box) {
      var url = box.getAttribute("data-source"), timer;
      function show(row) {
        Object.keys(row).forEach(function (key) {
          box.querySelectorAll("[data-field=" + key + "]").forEach(function (n) {
            n.textContent = row[key] === null ? "" : row[key];
          });
        });
        var done = (row.copied || 0) + (row.skipped || 0) + (row.failed || 0), total = row.messages_total || 0;
        var bar = box.querySelector("progress");
        if (bar) { bar.value = row.state === "finished" ? 100 : (total ? Math.min(100, Math.floor(done * 100 / total)) : 0); }
        box.setAttribute("data-state", row.state || "");
        if (row.state !== "running") { clearInterval(timer); }
      }
      function tick() {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
          .then(show)
          .catch(function () { box.setAttribute("data-poll", "error"); });
      }
      timer = setInterval(tick, 1000);
      tick();
    }

    document.addEventListener("DOMContentLoaded", function () {
      document.querySelectorAll(".sync-run[data-state=running]").forEach(followSync);
      document.querySelectorAll("svg[data-chart=queue]").forEach(function (svg) { poll(svg, drawQueue); });
      document.querySelectorAll("svg[data-chart=traffic]").forEach(function (svg) { poll(svg, drawTraffic); });
    });
    """
}
