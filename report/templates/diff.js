// Match decisions on the diff page: reject a matched pair, confirm a candidate of an
// uncertain step, save the match-decisions file (docs/diff-schema.md#match-decisions).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("diff-data").textContent);
  var rejected = {};   // match index -> true
  var confirmed = {};  // uncertain index -> candidate index
  var models = [data.a.name, data.b.name];
  // the page's words in its language (processes/diff/diffwords.py)
  var words = {{ w | tojson }};

  // written as `diff --save-matches` writes them ("[\"a\", \"b\"]", a space after each comma), so that the
  // two files of one diff read alike and compare line by line
  function listed(list) {
    return "[" + list.map(function (x) { return JSON.stringify(x); }).join(", ") + "]";
  }
  function ids(list) {
    return list.length === 1 ? JSON.stringify(list[0]) : listed(list);
  }
  // the labels beside the ids, as `diff --save-matches` writes them: the file is read by people too; an
  // unnamed step as the diff says it ("unnamed end event Event_1")
  var names = [{}, {}];
  [data.a, data.b].forEach(function (model, side) {
    var unnamed = (data.unnamed || [{}, {}])[side];
    (model.steps || []).forEach(function (step) { names[side][step.id] = step.name || unnamed[step.id] || step.id; });
  });
  function label(side, list) {
    return list.map(function (id) { return (names[side][id] || id).split(/\s+/).join(" ").trim(); }).join(" + ");
  }
  function entry(a, b, why) {
    return "  - {a: " + ids(a) + ", b: " + ids(b) + ", models: " + listed(models) + "}  # \"" +
      label(0, a) + "\" = \"" + label(1, b) + "\" (" + why + ")";
  }
  // the pairs confirmed on the page, each once (a pair confirmed from both of its steps is one pair), and the
  // matched pair (not rejected) each shares a step with, if any: a candidate "already matched to another step"
  // is joined to that pair, one step drawn as two, as the next run's note asks (two pairs sharing a step: the
  // second is not used); to pair it one to one instead, reject that pair
  function chosen() {
    var out = [], listed = {};
    data.uncertain.forEach(function (u, k) {
      if (!(k in confirmed)) return;
      var c = u.candidates[confirmed[k]];
      var a = u.side === "a" ? [u.step] : c.ids, b = u.side === "a" ? c.ids : [u.step];
      var key = JSON.stringify([a, b]);
      if (listed[key]) return;
      listed[key] = true;
      var joined = -1;
      data.matches.forEach(function (m, j) {
        if (!rejected[j] && (m.a.some(function (x) { return a.indexOf(x) >= 0; }) ||
                             m.b.some(function (y) { return b.indexOf(y) >= 0; }))) joined = j;
      });
      out.push({a: a, b: b, joined: joined});
    });
    return out;
  }
  function extra(p, m) {  // the steps of pair p that matched pair m does not hold, named
    return [label(0, p.a.filter(function (x) { return m.a.indexOf(x) < 0; })),
            label(1, p.b.filter(function (y) { return m.b.indexOf(y) < 0; }))].filter(Boolean).join(" + ");
  }
  function union(list, more) {
    return list.concat(more.filter(function (x) { return list.indexOf(x) < 0; }));
  }
  function yaml() {
    var confirm = [], reject = [], pairs = chosen();
    data.matches.forEach(function (m, k) {
      var why = m.how + ", confidence " + m.confidence.toFixed(2), a = m.a, b = m.b;
      pairs.forEach(function (p) {
        if (p.joined !== k) return;
        a = union(a, p.a);
        b = union(b, p.b);
        why += "; \"" + extra(p, m) + "\" joined on the page";
      });
      (rejected[k] ? reject : confirm).push(entry(a, b, why));
    });
    // pairs the --matches file of this run rejected: kept, or the matcher would pair them again
    (data.rejected || []).forEach(function (r) { reject.push(entry(r.a, r.b, "rejected before")); });
    pairs.forEach(function (p) { if (p.joined < 0) confirm.push(entry(p.a, p.b, "confirmed on the page")); });
    return "# Match decisions for " + models[0] + " (a) vs " + models[1] + " (b), saved from the diff page.\n" +
      "# Move a wrong pair to reject (or delete it), add a missing pair to confirm, then run again\n" +
      "# with --matches THIS_FILE; models: names the two models as on the command line.\n" +
      "schema_version: 1\n" +
      "confirm:" + (confirm.length ? "\n" + confirm.join("\n") : " []") + "\n" +
      "reject:" + (reject.length ? "\n" + reject.join("\n") : " []") + "\n";
  }
  // the counts at the top and in the headings follow the decisions made on the page; the
  // differences and the scores are the run's until the saved file is passed back with --matches
  function counts() {
    var rejects = Object.keys(rejected).filter(function (k) { return rejected[k]; }).length;
    var settled = {};
    Object.keys(confirmed).forEach(function (k) {
      var u = data.uncertain[k], c = u.candidates[confirmed[k]];
      var a = u.side === "a" ? [u.step] : c.ids, b = u.side === "a" ? c.ids : [u.step];
      a.forEach(function (id) { settled["a " + id] = true; });
      b.forEach(function (id) { settled["b " + id] = true; });
    });
    var pairs = chosen(), confirms = pairs.length;
    var added = pairs.filter(function (p) { return p.joined < 0; }).length;  // a joined one adds no pair
    var open = data.uncertain.filter(function (u) { return !settled[u.side + " " + u.step]; }).length;
    var matched = data.matches.length - rejects + added;
    document.getElementById("count-matched").textContent = matched;
    document.getElementById("count-uncertain").textContent = open;
    document.querySelectorAll(".count-matched").forEach(function (e) { e.textContent = matched; });
    document.querySelectorAll(".count-uncertain").forEach(function (e) { e.textContent = open; });
    document.getElementById("count-decided").textContent = rejects || confirms
      ? " " + words.decided.replace("{confirms}", confirms).replace("{rejects}", rejects)
      : "";
  }
  function refresh() {
    document.getElementById("matches-yaml").value = yaml();
    counts();
    // a matched pair a confirmed candidate joins says so in its row
    document.querySelectorAll("#matches .joined").forEach(function (e) { e.remove(); });
    chosen().forEach(function (p) {
      if (p.joined < 0) return;
      var m = data.matches[p.joined], side = p.a.some(function (x) { return m.a.indexOf(x) < 0; }) ? 0 : 1;
      var note = document.createElement("span");
      note.className = "joined";
      note.textContent = " + " + extra(p, m) + " (" + words.confirmed + ")";
      document.querySelector('tr[data-match="' + p.joined + '"]').cells[side].appendChild(note);
    });
  }
  function reject(k, on) {  // matched pair k rejected (on) or not
    var button = document.querySelector('button.reject[data-match="' + k + '"]');
    rejected[k] = on;
    button.textContent = on ? words.undo : words.reject;
    button.closest("tr").classList.toggle("rejected", on);
  }
  document.querySelectorAll("button.reject").forEach(function (button) {
    button.addEventListener("click", function () {
      reject(Number(button.dataset.match), !rejected[Number(button.dataset.match)]);
      refresh();
    });
  });
  function choose(k, n) {  // uncertain step k: confirm its candidate n, or none (n < 0)
    var item = document.querySelector('li[data-uncertain="' + k + '"]');
    item.querySelectorAll("li[data-candidate]").forEach(function (li) { li.classList.remove("confirmed"); });
    item.querySelectorAll("button.confirm").forEach(function (b) { b.textContent = words.confirm; });
    if (n < 0) {
      delete confirmed[k];
      return;
    }
    confirmed[k] = n;
    var button = item.querySelector('button.confirm[data-candidate="' + n + '"]');
    button.closest("li").classList.add("confirmed");
    button.textContent = words.undo;
  }
  function mirror(k, n) {  // the same pair listed from its other step: [uncertain index, candidate index]
    var u = data.uncertain[k], c = u.candidates[n];
    if (c.ids.length !== 1) return null;
    for (var k2 = 0; k2 < data.uncertain.length; k2++) {
      var v = data.uncertain[k2];
      if (v.side === u.side || v.step !== c.ids[0]) continue;
      for (var n2 = 0; n2 < v.candidates.length; n2++) {
        var ids = v.candidates[n2].ids;
        if (ids.length === 1 && ids[0] === u.step) return [k2, n2];
      }
    }
    return null;
  }
  function unpair(k) {  // uncertain step k's confirmed pair, if any, undone on its entry and its mirror's
    if (!(k in confirmed)) return;
    var other = mirror(k, confirmed[k]);
    if (other && confirmed[other[0]] === other[1]) choose(other[0], -1);
    choose(k, -1);
  }
  document.querySelectorAll("button.confirm").forEach(function (button) {
    button.addEventListener("click", function () {
      var k = Number(button.dataset.uncertain), n = Number(button.dataset.candidate);
      var again = confirmed[k] === n, other = mirror(k, n);
      // a pair chosen before on either step is undone on both its entries: choosing another candidate
      // replaces it (it stayed confirmed on its other step's entry, and the file paired the step twice)
      unpair(k);
      if (other) unpair(other[0]);
      if (!again) {
        choose(k, n);
        // the other step of the pair shows the same choice (confirming it once is one pair)
        if (other) choose(other[0], other[1]);
      }
      refresh();
    });
  });
  document.getElementById("save-matches").addEventListener("click", function () {
    var text = yaml();
    document.getElementById("matches-yaml").value = text;
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type: "application/x-yaml"}));
    link.download = "matches.yaml";
    document.body.appendChild(link);
    link.click();
    link.remove();
    document.getElementById("saved-note").textContent = words.saved;
  });
  refresh();
})();
