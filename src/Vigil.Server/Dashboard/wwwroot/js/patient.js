// A patient's charts: one uPlot chart per kind over the chosen range, Suspect readings marked
// with their reasons on hover or tap, calibration points on the glucose chart, new readings live.
(function () {
  "use strict";
  const host = document.getElementById("charts");
  if (!host || !window.uPlot) { return; }
  const patient = host.dataset.patient;
  const unit = host.dataset.unit;
  const from = new Date(Number(host.dataset.from));
  const to = new Date(Number(host.dataset.to));
  const v = window.vigil;

  const kinds = [
    // "band": the range a chart always shows (in the reading's own unit), widened by the data, so
    // that a small wobble never looks like a collapse.
    { kind: "Glucose", title: "Glucose", series: [{ label: "Glucose", index: 0, color: "#0b4f8a" }], glucose: true, band: [54, 250] },
    { kind: "OxygenSaturation", title: "SpO₂", series: [{ label: "SpO₂", index: 0, color: "#136b2f" }], band: [85, 100] },
    { kind: "PulseRate", title: "Pulse (oximeter)", series: [{ label: "Pulse", index: 0, color: "#6a1b9a" }], band: [40, 140] },
    { kind: "HeartRate", title: "Heart rate (ECG)", series: [{ label: "Heart rate", index: 0, color: "#8a3b0b" }], band: [40, 140] },
    { kind: "BloodPressure", title: "Blood pressure", series: [{ label: "Systolic", index: 0, color: "#a3171f" }, { label: "Diastolic", index: 1, color: "#0b4f8a" }], band: [50, 180] },
    { kind: "BodyTemperature", title: "Temperature", series: [{ label: "Temperature", index: 0, color: "#7a4a00" }], band: [35, 39] },
    { kind: "RespiratoryRate", title: "Respiration", series: [{ label: "Respiration", index: 0, color: "#33475b" }], band: [8, 30] },
  ];

  function url(kind) {
    return "/api/v1/patients/" + encodeURIComponent(patient) + "/readings?kind=" + kind + "&from=" + encodeURIComponent(from.toISOString()) +
      "&to=" + encodeURIComponent(to.toISOString()) + "&limit=50000";
  }

  function scale(kind, value, readingUnit) {
    return kind === "Glucose" && unit === "mmol/L" && readingUnit === "mg/dL" ? value / v.mgPerMmol : value;
  }

  function unitOf(spec, readings) {
    if (spec.glucose && unit === "mmol/L") { return "mmol/L"; }
    return readings.length ? readings[0].unit : "";
  }

  // Columns for uPlot: time (s), each series, then the not-verified markers, then calibrations.
  function columns(spec, readings, calibrations) {
    const rows = readings.map(function (r) { return { t: Date.parse(r.at) / 1000, r: r }; });
    (calibrations || []).forEach(function (c) { rows.push({ t: Date.parse(c.at) / 1000, c: c }); });
    rows.sort(function (a, b) { return a.t - b.t; });
    const data = [rows.map(function (x) { return x.t; })];
    spec.series.forEach(function (s) {
      data.push(rows.map(function (x) { return x.r && x.r.values.length > s.index ? scale(spec.kind, x.r.values[s.index], x.r.unit) : null; }));
    });
    data.push(rows.map(function (x) { return x.r && x.r.status !== "Verified" && x.r.values.length ? scale(spec.kind, x.r.values[0], x.r.unit) : null; }));
    if (spec.glucose) {
      data.push(rows.map(function (x) { return x.c ? scale("Glucose", x.c.value, "mg/dL") : null; }));
    }

    return { data: data, rows: rows };
  }

  function chart(spec, readings, calibrations) {
    const section = document.createElement("section");
    section.className = "chart";
    section.dataset.kind = spec.kind;
    const title = spec.title + " (" + unitOf(spec, readings) + ")";
    section.innerHTML = '<h2 id="chart-' + spec.kind + '">' + v.escapeHtml(title) + '</h2><div class="plot" role="img" aria-labelledby="chart-' + spec.kind +
      '"></div><p class="readout" aria-live="polite"></p>';
    host.appendChild(section);
    const plot = section.querySelector(".plot");
    const readout = section.querySelector(".readout");
    let built = columns(spec, readings, calibrations);
    const series = [{}];
    // Sparse data (a few cuff readings a day) is drawn as points as well as lines.
    const sparse = readings.length < 60;
    spec.series.forEach(function (s) { series.push({ label: s.label, stroke: s.color, width: 1.5, spanGaps: true, points: { show: sparse, size: 6, fill: s.color } }); });
    series.push({ label: "Suspect", stroke: "#a3171f", fill: "#a3171f", paths: function () { return null; }, points: { show: true, size: 8, stroke: "#a3171f", fill: "#ffffff", width: 2 } });
    if (spec.glucose) {
      series.push({ label: "Fingerstick", stroke: "#000000", paths: function () { return null; }, points: { show: true, size: 9, stroke: "#000000", fill: "#ffbf47", width: 2 } });
    }

    const options = {
      width: Math.max(280, plot.clientWidth || host.clientWidth || 600),
      height: 220,
      scales: {
        x: { time: true, range: [from.getTime() / 1000, to.getTime() / 1000] },
        y: {
          range: function (u, min, max) {
            const lo = scale(spec.kind, spec.band[0], "mg/dL");
            const hi = scale(spec.kind, spec.band[1], "mg/dL");
            return [Math.min(lo, min == null ? lo : min), Math.max(hi, max == null ? hi : max)];
          },
        },
      },
      series: series,
      legend: { show: true },
      cursor: { points: { show: true }, drag: { x: false, y: false } },
      hooks: {
        setCursor: [function (u) {
          const i = u.cursor.idx;
          const row = i == null ? null : built.rows[i];
          if (!row) { readout.textContent = ""; return; }
          const when = v.timeFormat.format(new Date(row.t * 1000));
          if (row.c) {
            readout.textContent = when + " — fingerstick " + v.formatValue("Glucose", [row.c.value], "mg/dL", null, unit) +
              (row.c.deviceValue != null ? " (sensor " + v.formatValue("Glucose", [row.c.deviceValue], "mg/dL", null, unit) + ")" : "");
          } else {
            const r = row.r;
            readout.innerHTML = v.escapeHtml(when + " — " + v.formatValue(spec.kind, r.values, r.unit, r.code, unit) + " ") + v.badge(r.status, r.reasons);
          }
        }],
      },
    };
    const u = new uPlot(options, built.data, plot);
    new ResizeObserver(function () { u.setSize({ width: Math.max(280, plot.clientWidth), height: 220 }); }).observe(plot);

    const suspect = readings.filter(function (r) { return r.status !== "Verified"; });
    const details = document.createElement("details");
    details.className = "suspect-list";
    details.innerHTML = "<summary>" + suspect.length + " reading(s) not verified in this range</summary><ul>" +
      suspect.slice(-200).reverse().map(function (r) {
        return '<li><time datetime="' + v.escapeHtml(r.at) + '"></time> ' + v.escapeHtml(v.formatValue(spec.kind, r.values, r.unit, r.code, unit)) + " " + v.badge(r.status, r.reasons) + "</li>";
      }).join("") + "</ul>";
    v.localTimes(details);
    section.appendChild(details);

    // New readings of this patient arrive over the live stream.
    document.addEventListener("vigil:readings", function (e) {
      if (e.detail.patient !== patient) { return; }
      const fresh = e.detail.readings.filter(function (r) { return r.kind === spec.kind; });
      if (fresh.length === 0) { return; }
      readings = readings.concat(fresh);
      built = columns(spec, readings, calibrations);
      u.setData(built.data);
    });
    return u;
  }

  function get(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(path + ": " + r.status); }
      return r.json();
    });
  }

  const started = performance.now();
  Promise.all(kinds.map(function (k) { return get(url(k.kind)); }).concat([get("/api/v1/patients/" + encodeURIComponent(patient) + "/calibrations")]))
    .then(function (results) {
      const calibrations = results.pop().filter(function (c) { return Date.parse(c.at) >= from.getTime(); });
      host.innerHTML = "";
      let drawn = 0;
      let points = 0;
      kinds.forEach(function (spec, i) {
        const readings = results[i].slice().reverse();
        if (readings.length === 0 && !(spec.glucose && calibrations.length)) { return; }
        chart(spec, readings, spec.glucose ? calibrations : null);
        drawn++;
        points += readings.length;
      });
      if (drawn === 0) { host.innerHTML = "<p>No readings in this range.</p>"; }
      host.dataset.points = points;
      host.dataset.renderMs = Math.round(performance.now() - started);
      host.dataset.rendered = drawn;
      performance.mark("vigil-charts-rendered");
    })
    .catch(function (error) {
      host.innerHTML = '<p class="error" role="alert">The charts could not be loaded: ' + v.escapeHtml(error.message) + "</p>";
      host.dataset.rendered = "error";
    });
})();
