// Vigil console: local times, confirmations, and live updates over server-sent events.
(function () {
  "use strict";

  const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

  // Every time is sent in UTC and shown in the reader's own time zone.
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (t) {
      const at = new Date(t.getAttribute("datetime"));
      if (!isNaN(at)) {
        t.textContent = timeFormat.format(at);
        t.title = at.toISOString();
      }
    });
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function badge(status, reasons) {
    const css = status === "Verified" ? "verified" : status === "Suspect" ? "suspect" : "rejected";
    const mark = status === "Verified" ? "✓" : status === "Suspect" ? "⚠" : "✕";
    const why = (reasons || []).join(", ");
    const text = status === "Verified" ? "Verified" : status + ": " + why;
    return '<span class="badge ' + css + '" title="' + escapeHtml(why) + '">' + mark + " " + escapeHtml(text) + "</span>";
  }

  const mgPerMmol = 18.016;
  function formatValue(kind, values, unit, code, glucoseUnit) {
    const n = function (v) { return Math.abs(v) >= 100 ? v.toFixed(0) : (Math.round(v * 10) / 10).toString(); };
    if (!values || values.length === 0) { return code || "-"; }
    if (kind === "Glucose" && glucoseUnit === "mmol/L" && unit === "mg/dL") { return (values[0] / mgPerMmol).toFixed(1) + " mmol/L"; }
    if (kind === "BloodPressure" && values.length >= 2) { return n(values[0]) + "/" + n(values[1]) + " " + unit; }
    if (kind === "BreathDiagnosis") { return (code || "result") + " (" + n(values[0] * 100) + " %)"; }
    return n(values[0]) + " " + unit;
  }

  window.vigil = { localTimes: localTimes, badge: badge, formatValue: formatValue, escapeHtml: escapeHtml, mgPerMmol: mgPerMmol, timeFormat: timeFormat };

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    const zone = document.getElementById("zone");
    if (zone) { zone.textContent = Intl.DateTimeFormat().resolvedOptions().timeZone || "your time zone"; }
    document.querySelectorAll("[data-timezone-offset]").forEach(function (input) { input.value = new Date().getTimezoneOffset(); });

    // An unconfirmed alert asks for confirmation before it can be escalated.
    document.querySelectorAll('button[data-needs-confirm="true"]').forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        const dialog = document.getElementById("confirm-escalation");
        if (dialog && dialog.showModal) {
          dialog.querySelector("[data-reasons]").textContent = button.dataset.reasons || "not verified";
          dialog.showModal();
        } else {
          window.alert("This alert rests on data that is not verified (" + (button.dataset.reasons || "") + "). Confirm it first.");
        }
      });
    });

    // Quarantine and revocation ask before they act.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        const action = event.submitter ? event.submitter.value : "change";
        if (!window.confirm(action.charAt(0).toUpperCase() + action.slice(1) + " device " + form.dataset.confirm + "? " +
            (action === "revoke" ? "Revocation is final." : "Its readings stay stored but are no longer trusted."))) {
          event.preventDefault();
        }
      });
    });

    connectLive();
    refreshFleet();
  });

  function connectLive() {
    const status = document.getElementById("live-status");
    if (!status || !window.EventSource) { return; }
    const source = new EventSource("/api/v1/live");
    source.addEventListener("watching", function () { status.textContent = "live"; status.classList.add("on"); });
    source.addEventListener("error", function () { status.textContent = "reconnecting"; status.classList.remove("on"); });
    source.addEventListener("readings", function (e) {
      const update = JSON.parse(e.data);
      updatePatientRow(update);
      document.dispatchEvent(new CustomEvent("vigil:readings", { detail: update }));
    });
    source.addEventListener("alerts", function (e) { updateAlertCell(JSON.parse(e.data)); });
    source.addEventListener("security", function (e) { prependTimeline(JSON.parse(e.data), "event"); });
    source.addEventListener("incident", function (e) { prependTimeline(JSON.parse(e.data), "incident"); });
  }

  function updatePatientRow(update) {
    const row = document.querySelector('tr[data-patient="' + CSS.escape(update.patient) + '"]');
    if (!row) { return; }
    const latest = {};
    update.readings.forEach(function (r) { if (!latest[r.kind] || latest[r.kind].at < r.at) { latest[r.kind] = r; } });
    Object.keys(latest).forEach(function (kind) {
      const cell = row.querySelector('td[data-kind="' + kind + '"]');
      if (!cell) { return; }
      const r = latest[kind];
      cell.innerHTML = '<span class="value">' + escapeHtml(formatValue(kind, r.values, r.unit, null, row.dataset.unit)) + "</span>" + badge(r.status, r.reasons) +
        '<small><time datetime="' + escapeHtml(r.at) + '"></time></small>';
      localTimes(cell);
    });
  }

  function updateAlertCell(summary) {
    const cell = document.querySelector('tr[data-patient="' + CSS.escape(summary.patient) + '"] td[data-alerts]');
    if (!cell) { return; }
    cell.innerHTML = summary.active === 0 ? '<span class="none">none</span>'
      : '<a href="/alerts#patient-' + encodeURIComponent(summary.patient) + '">' + summary.active + " open</a>" +
        (summary.unconfirmed > 0 ? ' <span class="badge suspect">' + summary.unconfirmed + " unconfirmed</span>" : "");
  }

  function prependTimeline(item, kind) {
    const list = document.querySelector('[data-live="timeline"]');
    if (!list) { return; }
    const li = document.createElement("li");
    li.className = kind + " fresh";
    const at = kind === "incident" ? item.openedAt : item.at;
    const label = kind === "incident" ? "incident: " + item.kind : item.code;
    const subject = kind === "incident" ? (item.subject || item.deviceId || "-") : (item.deviceId || item.principal);
    li.innerHTML = '<time datetime="' + escapeHtml(at) + '"></time> <span class="badge ' + (kind === "incident" ? "rejected" : "suspect") + '">' +
      escapeHtml(label) + "</span> <strong>" + escapeHtml(subject) + '</strong> <span class="detail">' + escapeHtml(item.detail) + "</span>";
    localTimes(li);
    list.insertBefore(li, list.firstChild);
  }

  // The fleet's counters follow the record every ten seconds.
  function refreshFleet() {
    const table = document.querySelector('[data-live="fleet"]');
    if (!table) { return; }
    window.setInterval(function () {
      fetch("/api/v1/devices", { headers: { Accept: "application/json" } }).then(function (r) { return r.ok ? r.json() : []; }).then(function (devices) {
        devices.forEach(function (d) {
          const row = table.querySelector('tr[data-device="' + CSS.escape(d.id) + '"]');
          if (!row) { return; }
          if (d.lastSeen) {
            row.querySelector("[data-last-seen]").innerHTML = '<time datetime="' + escapeHtml(d.lastSeen) + '"></time>';
            localTimes(row);
          }
          row.querySelector("[data-batches]").textContent = d.batches;
        });
      }).catch(function () { });
    }, 10000);
  }
})();
