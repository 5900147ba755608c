// The explorer's map: states coloured by stance (or by vote), a month
// slider, a hover/focus label per state, and a text table of the month.
// Data come from data.js (window.STANCES) and vendor/countries-50m.js
// (window.WORLD); nothing is fetched.
function stancesMap(opts) {
  "use strict";
  var D = window.STANCES, up = "../".repeat(opts.depth || 0);
  var svg = d3.select("#map");
  var world = topojson.feature(window.WORLD, window.WORLD.objects.countries);
  var projection = d3.geoNaturalEarth1().fitSize([960, 500], world);
  var path = d3.geoPath(projection);
  var byNumeric = {}, byId = {};
  D.states.forEach(function (s) { byId[s.id] = s; if (s.numeric) byNumeric[s.numeric] = s; });
  var stateOf = function (f) {
    return byNumeric[f.id] || (f.properties.name === "Kosovo" ? byId.XKX : undefined);
  };

  var defs = svg.append("defs");
  var hatch = defs.append("pattern").attr("id", "hatch").attr("width", 6).attr("height", 6)
    .attr("patternUnits", "userSpaceOnUse").attr("patternTransform", "rotate(45)");
  hatch.append("rect").attr("width", 6).attr("height", 6).attr("fill", "#ffffff");
  hatch.append("line").attr("x1", 0).attr("y1", 0).attr("x2", 0).attr("y2", 6)
    .attr("stroke", "#9e9e9e").attr("stroke-width", 2);

  var features = world.features;
  var others = features.filter(function (f) { return !stateOf(f); });
  svg.append("g").selectAll("path").data(others).join("path")
    .attr("d", path).attr("class", "other");
  var links = svg.append("g").selectAll("a")
    .data(features.filter(function (f) { return stateOf(f); })).join("a")
    .attr("href", function (f) { return up + "states/" + stateOf(f).id + ".html"; })
    .attr("class", "state");
  links.append("path").attr("d", path);
  links.append("title");

  var monthIndex = function () { return +document.getElementById("month").value; };
  var issue = function () { return document.querySelector("input[name=issue]:checked").value; };
  var evidenceMonth = function (m, age) {
    var parts = D.months[m].split("-").map(Number);
    var total = parts[0] * 12 + parts[1] - 1 - age;
    return Math.floor(total / 12) + "-" + String(total % 12 + 1).padStart(2, "0");
  };

  function describe(s) {
    if (opts.mode === "votes") {
      var v = opts.votes[s.id];
      return { fill: v && opts.colours[v] ? opts.colours[v] : "url(#hatch)",
               stale: false, text: s.name + ": " + (v ? v.replace("_", " ") : "not a member") };
    }
    var m = monthIndex(), grid = D.issues[issue()];
    var score = grid.score[s.id] ? grid.score[s.id][m] : null;
    if (score === null || score === undefined) {
      return { fill: "url(#hatch)", stale: false, text: s.name + ": no evidence", label: "no evidence", from: "" };
    }
    var age = grid.age[s.id][m], label = D.labels[issue()][String(score)];
    var from = evidenceMonth(m, age);
    return { fill: D.colours[String(score)], stale: grid.stale[s.id][m] === 1,
             text: s.name + ": " + label + " (" + (score > 0 ? "+" : "") + score + "), evidence from " + from,
             label: label, from: from };
  }

  function update() {
    links.each(function (f) {
      var d = describe(stateOf(f)), a = d3.select(this);
      a.select("path").attr("fill", d.fill).classed("stale", d.stale);
      a.select("title").text(d.text);
      a.attr("aria-label", d.text);
    });
    if (opts.mode !== "stances") { return; }
    document.getElementById("month-label").textContent = D.months[monthIndex()];
    document.querySelectorAll(".legend[data-issue]").forEach(function (l) {
      l.hidden = l.dataset.issue !== issue();
    });
    var rows = D.states.map(function (s) {
      var d = describe(s);
      return "<tr><td><a href=\"states/" + s.id + ".html\">" + s.name + "</a></td><td>" +
        d.label + (d.stale ? " (stale)" : "") + "</td><td>" + d.from + "</td></tr>";
    });
    document.querySelector("#month-table tbody").innerHTML = rows.join("");
  }

  if (opts.mode === "stances") {
    document.getElementById("month").addEventListener("input", update);
    document.querySelectorAll("input[name=issue]").forEach(function (r) {
      r.addEventListener("change", update);
    });
  }
  update();
}
