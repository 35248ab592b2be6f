// The what-if page: builds the form from api/setup, runs, polls, draws the answer. Every address the page asks
// is relative to the page itself: a proxy may serve it under a prefix (https://intranet/permitflow/).
// Plain JavaScript, no library, nothing fetched from elsewhere.
"use strict";

// uploads: upload key -> its values as they are (shown beside the levers, as a library municipality's)
// uploadTexts: upload key -> its words for its deadline; deadlineTexts: the chosen processes' (see chooseDeadlineTexts)
// uploadLevels: upload key -> its decision levels; uploadNames: upload key -> its name as shown
const state = { lang: "sv", setup: null, run: null, answer: null, message: null, uploads: {}, uploadTexts: {},
  deadlineTexts: null, uploadLevels: {}, uploadNames: {}, said: [] };
const $ = (sel) => document.querySelector(sel);
const SVGNS = "http://www.w3.org/2000/svg";

function t(key) {
  const entry = state.setup && ((state.deadlineTexts && state.deadlineTexts[key]) || state.setup.texts[key]);
  return entry ? entry[state.lang] : key;
}

// The fixed words that name the deadline ("Andel beslut inom 4 månader") follow the chosen processes':
// one deadline for all of them names it, several say "the deadline"; a process without a legal clock
// has none to name, so with one chosen they say "the deadline" too (they said "4 months" for a model with
// no clock: the manager's second journey); nothing chosen: the words as written
function chooseDeadlineTexts() {
  const own = selectedPlaces().map((n) => (state.setup.library.find((m) => m.name === n) || {}).deadline_texts)
    .concat(selectedUploads().map((u) => state.uploadTexts[u] || null));
  const distinct = new Set(own.map((x) => JSON.stringify(x)));
  state.deadlineTexts = distinct.size === 0 ? null : distinct.size === 1 && own[0] ? own[0] : state.setup.deadline_generic;
  document.querySelectorAll("[data-t]").forEach((n) => { n.textContent = t(n.dataset.t); });
}

// A number as the page's language writes it, as report/numbers.py does: Swedish 1 234,5 (a non-breaking
// space, a decimal comma, − for minus), English 1,234.5.
function num(value, digits, lang = state.lang) {
  const options = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return value.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", options);
}

// Per cent as the page's language writes it, as report/numbers.py does: "95 %" in Swedish (a non-breaking space),
// "95%" in English.
function pct(value, digits, lang = state.lang) {
  return num(value, digits, lang) + (lang === "sv" ? "\u00a0%" : "%");
}

// A share (0–1) as report/numbers.py's share() writes it, the one rule of the report and the answers: whole per
// cent, one decimal below 1 % and above 99 %, 100 % and 0 % only for all and none ("> 99,9 %"); an interval's
// end (end) rounds to them. The goal table wrote every share whole ("100 %" of 0,996), the answers "99,6 %".
function share(value, end = false, lang = state.lang) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const size = 100 * value;
  const digits = (size > 0 && size < 1) || (size > 99 && size < 100) ? 1 : 0;
  const rounded = Number(size.toFixed(digits));
  if (digits && (rounded === 0 || rounded === 100)) {
    if (end) return pct(rounded, 0, lang);
    return (rounded === 0 ? "<\u00a0" : ">\u00a0") + pct(rounded === 0 ? 0.1 : 99.9, 1, lang);
  }
  return pct(size, digits, lang);
}

// A number typed as either language writes it (spaces between thousands, − for minus)
function plainNumber(text) {
  return text.trim().replace(/[\s\u00a0\u202f]/g, "").replace("\u2212", "-");
}

// A decimal typed as either language writes it ("0,8" or "0.8"); null when it is not a number.
function parseDecimal(text) {
  const s = plainNumber(text);
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return null;
  return Number(s.replace(",", "."));
}

function leverOf(key) {
  return state.setup.levers.find((l) => l.key === key);
}

function leverLabel(lever, lang) {  // a share is shown, and typed, as per cent
  return lever[lang] + (lever.share ? " (%)" : "");
}

// A value the page refuses before asking the server, in both languages (shown in the page's).
function formError(lever, en, sv) {
  return { error: `${leverLabel(lever, "en")}: ${en}`, error_sv: `${leverLabel(lever, "sv")}: ${sv}`, field: lever.key };
}

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  children.forEach((c) => node.append(c));
  return node;
}

// A message of the page's own words (both languages, shown in the page's), "{status}" replaced
function ownMessage(key, status = "") {
  const words = state.setup.texts[key];
  return { error: words.en.replace("{status}", status), error_sv: words.sv.replace("{status}", status), field: "" };
}

// A request's answer: { ok, status, data } with data the JSON or the file; a request the server did not answer
// (stopped, restarted, the network down: status 0) or refused without its one message (a proxy's page, a
// "500 Internal Server Error") gets the page's own words as its message, so the page never waits on or shows nothing
// (file: an answer that is a file to save, JSON too, comes as it is: a blob)
async function api(method, url, body, file = false) {
  const init = { method, headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  try {
    const response = await fetch(url, init);
    const type = response.headers.get("content-type") || "";
    const json = type.includes("json");
    if (!response.ok && !json) return { ok: false, status: response.status, data: ownMessage("no_answer", response.status) };
    const data = json && !(file && response.ok) ? await response.json() : await response.blob();
    if (!response.ok && !(data && typeof data.error === "string")) {
      return { ok: false, status: response.status, data: ownMessage("no_answer", response.status) };
    }
    // a server too busy for the request says when to ask again (503, Retry-After): patient() does
    return { ok: response.ok, status: response.status, data, retryAfter: Number(response.headers.get("retry-after")) };
  } catch (failed) {
    if (!state.setup) throw failed;  // the page's own words are not there yet
    return { ok: false, status: 0, data: ownMessage("unreachable") };
  }
}

// A request the server may be too busy for (runs, goal seeks, uploads: 503 with Retry-After, when it runs or
// checks as many as it takes): asked again by itself after Retry-After seconds, then longer (the multiples of
// BUSY_TRIES: 5, 10, 15, 20, 30 and 40 s, about two minutes in all, the "minute or two" the server's words ask
// for), saying so in the page's language with a button that stops it. A click was dropped with "try again" before;
// the page asks again, not the server queueing it: a page that waits holds nothing of the server's (no thread,
// no plan, no upload), its bounds stay as they are, and a manager who leaves the page leaves nothing waiting.
// One wait at a time: a new request that finds the server busy takes the place of the one waiting (as a second
// Räkna takes the place of the first run): the latest click wins, what a manager who clicks again means, and the
// line says which earlier click no longer waits (it went without a word before; qaweb3). A button disabled while
// its request waits would have left the manager no way to change the question but "Stop trying" first.
// what: the text key of the button clicked. The reply, or null when the wait was stopped or replaced.
const BUSY_TRIES = [1, 2, 3, 4, 6, 8];
async function patient(method, url, body, what) {
  const ticket = { stopped: false, what };
  for (let i = 0; ; i++) {
    const reply = await api(method, url, body);
    if (reply.status !== 503 || !(reply.retryAfter > 0) || i >= BUSY_TRIES.length) {
      if (state.busy === ticket) showBusy(null);
      return reply;
    }
    if (i > 0 && state.busy !== ticket) return null;  // replaced by a newer request while this one asked
    if (i === 0 && state.busy && state.busy !== ticket) ticket.dropped = state.busy.what;  // this one replaces it
    state.busy = ticket;
    ticket.reply = reply;
    ticket.tried = i + 1;
    for (ticket.left = reply.retryAfter * BUSY_TRIES[i]; ticket.left > 0; ticket.left--) {
      showBusy(ticket);
      await new Promise((r) => setTimeout(r, 1000));
      if (ticket.stopped || state.busy !== ticket) return null;
    }
  }
}

// The line that says the page will ask again, and when (null: hidden). It counts down each second, so it is no live
// region itself (a screen reader read it out every second, drowning what else it had to say, as the count of
// finished runs did): the status line says it once per try, and again in the other language when switched.
function showBusy(ticket) {
  const box = $("#busy");
  box.hidden = !ticket;
  if (!ticket) {
    if (state.busy) state.busy = null;
    if (!state.said[0]) say();  // the status line said the wait (nothing of say's since): it is over
    return;
  }
  const dropped = ticket.dropped
    ? " " + t("busy_dropped").replace("{earlier}", t(ticket.dropped)).replace("{latest}", t(ticket.what)) : "";
  $("#busy-said").textContent = t("busy_wait").replace("{seconds}", ticket.left)
    .replace("{try}", ticket.tried + 1).replace("{tries}", BUSY_TRIES.length + 1) + dropped;
  const told = `${ticket.tried} ${state.lang}`;
  if (ticket.told !== told) {
    ticket.told = told;
    state.said = [];
    $("#status").textContent = $("#busy-said").textContent;
  }
}

// Stop asking again: the server's own words say it was busy
function stopBusy() {
  const ticket = state.busy;
  if (!ticket) return;
  ticket.stopped = true;
  showBusy(null);
  showMessage(ticket.reply.data);
  $("#progress").hidden = true;
}

// ------------------------------------------------------------------ the form

function selectedPlaces() {
  return [...document.querySelectorAll("#places input[data-place]:checked")].map((i) => i.dataset.place);
}

function selectedUploads() {
  return [...document.querySelectorAll("#places input[data-upload]:checked")].map((i) => i.dataset.upload);
}

// The levers the form sets (an empty field keeps the status quo); a number field's text is read
// here (a decimal with a comma or a point), a share from per cent; a value the page cannot take throws formError.
// Every number field is text: a browser's number field, in an English-locale browser, made "2,5" "25" and
// "95,5" "955" without a word (qapolish), and kept "-" or "1e" as "" (the manager's QA evening).
function leverValues() {
  const values = {};
  for (const input of document.querySelectorAll("[data-lever]")) {
    const lever = leverOf(input.dataset.lever);
    if (input.value.trim() === "") continue;
    if (lever.kind === "int") {
      if (!/^[-+]?\d+$/.test(plainNumber(input.value))) {
        throw formError(lever, "what is typed is not a whole number", "det som står i fältet är inte ett heltal");
      }
      values[lever.key] = plainNumber(input.value);
      continue;
    }
    if (lever.kind !== "float") { values[lever.key] = input.value; continue; }
    const typed = input.value.trim();
    const shown = parseDecimal(typed);
    if (shown === null) throw formError(lever, `"${typed}" is not a number`, `"${typed}" är inte ett tal`);
    const k = lever.share ? 100 : 1;
    if (shown < lever.low * k || shown > lever.high * k) {
      const range = (lang) => `${num(lever.low * k, undefined, lang)}–${num(lever.high * k, undefined, lang)}`;
      // a share typed as a fraction ("0,8" for 80 %): say how it is written
      const asPercent = lever.share && shown > 0 && shown <= 1 && shown * 100 >= lever.low * k ? shown * 100 : null;
      const hint = (lang) => (asPercent === null ? "" : lang === "sv"
        ? ` (skriv andelen i procent: ${num(asPercent, undefined, "sv")} för ${pct(asPercent, undefined, "sv")})`
        : ` (write the share as per cent: ${num(asPercent, undefined, "en")} for ${pct(asPercent, undefined, "en")})`);
      throw formError(lever, `${num(shown, undefined, "en")} is outside the allowed range ${range("en")}${hint("en")}`,
        `${num(shown, undefined, "sv")} ligger utanför det tillåtna intervallet ${range("sv")}${hint("sv")}`);
    }
    values[lever.key] = lever.share ? Number((shown / 100).toFixed(6)) : shown;
  }
  return values;
}

function question(replaces) {
  return { municipalities: selectedPlaces(), uploads: selectedUploads(), levers: leverValues(), replaces };
}

// A library process's name in the page's language (a profile's names:, else its name as written).
function placeName(m) {
  return (m.names && m.names[state.lang]) || m.display;
}

function buildForm() {
  const places = $("#places");
  state.setup.library.forEach((m, i) => {
    const box = el("input", { type: "checkbox", "data-place": m.name, id: `place-${m.name}` });
    box.checked = i === 0 || m.name === "helsingborg";
    box.addEventListener("change", showStatusQuo);
    // the name in the page's language (found by QA: "Nationell referens" on the English page)
    places.append(el("label", { for: `place-${m.name}` }, box, " ", el("span", { "data-name": m.name, text: placeName(m) })));
  });
  state.setup.library.forEach((m) => {
    $("#log-library").append(el("option", { value: m.name, "data-name": m.name, text: placeName(m) }));
  });
  state.setup.library.forEach((m) => {
    if (m.name !== "helsingborg") document.getElementById(`place-${m.name}`).checked = false;
  });
  for (const lever of state.setup.levers) {
    const target = ["replications", "years", "seed"].includes(lever.key) ? $("#settings") : $("#levers");
    let input;
    if (lever.kind === "choice") {
      input = el("select", { "data-lever": lever.key, id: `lever-${lever.key}` }, el("option", { value: "" }));
      lever.choices.forEach((c) => input.append(el("option", { value: c, "data-choice": c })));
    } else {  // a text field, read by leverValues: a number field turns "0,8" into "08"
      input = el("input", { type: "text", inputmode: lever.kind === "float" ? "decimal" : "numeric",
        "data-lever": lever.key, id: `lever-${lever.key}` });
    }
    target.append(el("label", { for: input.id }, el("span", { "data-lever-label": lever.key }), input));
  }
  $("#lever-replications").placeholder = "10";
  $("#lever-seed").placeholder = "2025";
  // what the run settings are and what an empty one means (they had no default shown and no word)
  $("#settings").append(el("p", { class: "note settings-hint", "data-t": "run_settings_hint" }));
}

// The first chosen process's own values beside the levers, in grey (the library's first, as a run
// lists them, else the first upload's)
function showStatusQuo() {
  chooseDeadlineTexts();
  markLevels();
  const place = state.setup.library.find((m) => m.name === selectedPlaces()[0]);
  const first = place ? place.status_quo : state.uploads[selectedUploads()[0]];
  for (const lever of state.setup.levers) {
    const input = document.getElementById(`lever-${lever.key}`);
    const value = first ? first[lever.key] : null;
    if (lever.kind === "choice") {
      input.options[0].textContent = value ? `${t("keep")} (${t(value)})` : t("keep");
    } else if (lever.key !== "replications" && lever.key !== "seed") {  // their defaults: buildForm
      const shown = lever.share && typeof value === "number" ? Number((100 * value).toFixed(4)) : value;
      // every number as the page's language writes it: a calibrated profile's 21.43 applications a year and
      // 13.58 days were shown with a point on the Swedish page (QA serve)
      input.placeholder = shown === null || shown === undefined ? "" : typeof shown === "number" ? num(shown) : String(shown);
    }
  }
}

// The decision levels the chosen processes do not all have: not offered, the option saying which lacks it
// (they were offered and refused only after Räkna)
function markLevels() {
  const chosen = selectedPlaces().map((n) => state.setup.library.find((m) => m.name === n))
    .map((m) => [placeName(m), m.levels || []])
    .concat(selectedUploads().map((u) => [state.uploadNames[u] || u, state.uploadLevels[u] || []]));
  for (const key of ["grant_level", "refusal_level"]) {
    for (const option of document.querySelectorAll(`#lever-${key} option[data-choice]`)) {
      const lacking = chosen.filter(([, levels]) => !levels.includes(option.value)).map(([name]) => name);
      option.disabled = lacking.length > 0;
      option.dataset.lacking = lacking.join(", ");
      option.textContent = t(option.value) + (lacking.length ? ` (${t("level_lacking")} ${lacking.join(", ")})` : "");
    }
  }
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = t("page_title");
  document.querySelectorAll("[data-t]").forEach((n) => { n.textContent = t(n.dataset.t); });
  document.querySelectorAll("[data-label]").forEach((n) => { n.setAttribute("aria-label", t(n.dataset.label)); });
  document.querySelectorAll("[data-placeholder]").forEach((n) => { n.placeholder = t(n.dataset.placeholder); });
  for (const lever of state.setup.levers) {
    document.querySelector(`[data-lever-label="${lever.key}"]`).textContent = leverLabel(lever, state.lang);
  }
  document.querySelectorAll("[data-choice]").forEach((o) => { o.textContent = t(o.dataset.choice); });  // then markLevels
  document.querySelectorAll(".lang button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang)));
  document.querySelectorAll("[data-file]").forEach(showChosen);
  document.querySelectorAll("#places [data-name]").forEach((n) => {
    n.textContent = placeName(state.setup.library.find((m) => m.name === n.dataset.name));
  });
  document.querySelectorAll("#log-library [data-name]").forEach((o) => {
    o.textContent = placeName(state.setup.library.find((m) => m.name === o.dataset.name));
  });
  drawLogSaid();
  showStatusQuo();
  showMessage(state.message);
  if (state.answer) drawAnswer(state.answer);
  if (state.goal) drawGoal(state.goal);
  say(...state.said);
  if (state.busy) showBusy(state.busy);  // after say: a wait's words take the status line, in this language
}

// The status line, and so what a screen reader is told (role="status"): that a calculation started or replaced
// another, that its answer has come and under which heading, that an upload was taken: once each (the count of
// finished runs stands beside the progress bar, outside it); kept to be said again in the other language
function say(key = "", name = "") {
  state.said = [key, name];
  $("#status").textContent = key ? t(key).replace("{name}", name) : "";
}

// A file field's chosen file, by its name, or the page's words for none (the browser's own were English)
function showChosen(shown) {
  const file = document.getElementById(shown.dataset.file).files[0];
  shown.textContent = file ? file.name : t("no_file");
}

function showMessage(error) {
  const fresh = !!error && error !== state.message;  // not the same message again, in another language
  state.message = error;
  const box = $("#message");
  box.hidden = !error;
  box.textContent = error ? (state.lang === "sv" ? error.error_sv : error.error) : "";
  // a refused field is marked for the eye (red) and for a screen reader (aria-invalid), the message names it
  const mark = (field, bad) => { field.classList.toggle("bad", bad); field.toggleAttribute("aria-invalid", bad); };
  document.querySelectorAll("[data-lever]").forEach((i) => mark(i, !!error && error.field === i.dataset.lever));
  mark($("#goal-percent"), !!error && error.field === "percent");
  mark($("#goal-who"), !!error && error.field === "levels");
  if (!error) $("#again").hidden = true;  // the offer to run again goes with its message
  // the message stands under the form: a refused upload's, far below its button, was out of sight on a laptop's
  // screen, and the page seemed to do nothing (found by QA); a new one is brought into view
  if (fresh) box.scrollIntoView({ block: "nearest" });
}

// ------------------------------------------------------------------ running

async function startRun(event) {
  event.preventDefault();
  await launch("api/runs", { uncertainty: $("#uncertainty").checked }, "run");
}

async function startGoal() {
  showMessage(null);
  const percent = goalPercent();
  if (percent === null) return;
  await launch("api/goal", { goal: { percent, joint: $("#goal-joint").checked, who: $("#goal-who").value } }, "goal");
}

// The goal seek asked again as it was, with the closest combination run n fresh times more (the sentence's
// "about n more runs"), not the form as it may be now
async function settleGoal(n) {
  if (!state.goalAsked) return;
  await launch("api/goal", null, "goal", { ...state.goalAsked, goal: { ...state.goalAsked.goal, settle: n } });
}

// no municipality and no upload chosen: say so (true)
function nothingChosen() {
  if (selectedPlaces().length + selectedUploads().length > 0) return false;
  showMessage({ error: t("choose"), error_sv: t("choose"), field: "" });
  return true;
}

// question(), or null with the form's refusal shown
function checkedQuestion(replaces) {
  try {
    return question(replaces);
  } catch (refused) {
    if (!refused || refused.field === undefined) throw refused;
    showMessage(refused);
    return null;
  }
}

// The goal's share as typed, a comma or a point ("95,5"); empty, "" (the server asks for one); null with the
// refusal shown, in the field's words (they name the chosen processes' deadline), for a text that is no number
function goalPercent() {
  const typed = $("#goal-percent").value.trim();
  if (typed === "") return "";
  const value = parseDecimal(typed);
  if (value !== null) return value;
  const label = (lang) => ((state.deadlineTexts && state.deadlineTexts.goal_percent) || state.setup.texts.goal_percent)[lang]
    .replace(/ \(%\)$/, "");
  showMessage({ error: `${label("en")}: "${typed}" is not a number`, error_sv: `${label("sv")}: "${typed}" är inte ett tal`,
    field: "percent" });
  return null;
}

// again: a finished run's question, asked once more (its report was no longer kept); its report
// downloads when it is done
async function launch(url, extra, kind, again = null) {
  showMessage(null);
  if (!again && nothingChosen()) return;
  const previous = state.run;  // a second click cancels the first run (the server drops its queued work)
  const asked = again ? { ...again, replaces: previous } : checkedQuestion(previous);
  if (!asked) return;
  state.run = null;
  const body = again ? asked : { ...asked, ...extra };
  const reply = await patient("POST", url, body, kind === "goal" ? "goal_run" : again ? $("#again").dataset.t : "run");
  if (reply === null) return;  // stopped, or replaced by a newer click
  if (!reply.ok) { showMessage(reply.data); $("#progress").hidden = true; return; }
  say(previous ? "cancelled" : "running");
  state.run = reply.data.id;
  state.kind = kind;
  state.asked = body;
  if (kind === "goal") state.goalLevers = body.levers;
  state.downloadAfter = again !== null ? state.againFor : null;
  if (kind === "run") document.querySelectorAll(".finished").forEach((b) => { b.disabled = true; });
  const bar = $("#progress");
  bar.hidden = false;
  if (reply.data.total) { bar.max = reply.data.total; bar.value = 0; } else bar.removeAttribute("value");
  poll(reply.data.id);
}

async function poll(id) {
  while (state.run === id) {
    const reply = await api("GET", `api/runs/${id}`);
    if (state.run !== id) return;
    if (!reply.ok) { showMessage(reply.data); state.run = null; $("#progress").hidden = true; say(); return; }
    const run = reply.data;
    if (run.total) $("#progress").value = run.done;
    $("#progress-said").textContent = t("progress").replace("{done}", run.done).replace("{total}", run.total || "?");
    if (run.state === "done" && state.kind === "goal") {
      state.goal = run.answer;
      state.goalRun = id;
      state.goalAsked = state.asked;  // the settle-it button asks this again, with its runs
      $("#progress").hidden = true;
      drawGoal(run.answer);
      say("goal_ready");
      document.body.dataset.goals = String(Number(document.body.dataset.goals || 0) + 1);
      return;
    }
    if (run.state === "done") {
      state.answer = run.answer;
      state.finished = id;
      state.finishedAsked = state.asked;
      $("#progress").hidden = true;
      document.querySelectorAll(".finished").forEach((b) => { b.disabled = false; });
      await drawAnswer(run.answer);  // its diagrams fetched first, each from its own address
      say("answer_ready");
      document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
      if (state.downloadAfter === "report") downloadReport();
      else if (state.downloadAfter) downloadFigures(state.downloadAfter);
      return;
    }
    if (run.state !== "running") { $("#progress").hidden = true; say(); return; }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function downloadReport() {
  await downloadOf("report", `api/runs/${state.finished}/report`, "report.html");
}

// The finished what-if's figures, as permitflow run writes them of the same question: "csv", a spreadsheet in the
// page's language (Swedish: semicolons and decimal commas; English: commas and points), or "json"
async function downloadFigures(kind) {
  const csvName = state.lang === "sv" ? "resultat.csv" : "results.csv";
  await downloadOf(kind, kind === "csv" ? `api/runs/${state.finished}/results.csv?lang=${state.lang}`
    : `api/runs/${state.finished}/results.json`, kind === "csv" ? csvName : "results.json");
}

async function downloadOf(what, url, name) {
  if (!state.finished) return;
  const reply = await api("GET", url, undefined, true);
  if (!reply.ok) {
    showMessage(reply.data);
    // the server no longer keeps the run (its memory is bounded, or it restarted): offer to run it again, then
    // to download what was asked for
    if (reply.status === 404 && state.finishedAsked) {
      state.againFor = what;
      $("#again").dataset.t = what === "report" ? "again" : "again_figures";
      $("#again").textContent = t($("#again").dataset.t);
      $("#again").hidden = false;
    }
    return;
  }
  download(reply.data, name);
}

async function saveScenario() {
  showMessage(null);
  if (nothingChosen()) return;  // as Räkna says it (the server said it in lower case, with other words)
  const asked = checkedQuestion(null);
  if (!asked) return;
  const reply = await api("POST", "api/scenario", asked);
  if (!reply.ok) { showMessage(reply.data); return; }
  download(reply.data, "what-if.yaml");
}

function download(blob, name) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

async function upload() {
  showMessage(null);
  const form = new FormData();
  const name = $("#up-name").value.trim();
  form.append("name", name);
  const model = $("#up-model").files[0], profile = $("#up-profile").files[0];
  if (model) form.append("model", model);
  if (profile) form.append("profile", profile);
  const reply = await patient("POST", "api/uploads", form, "upload_button");
  if (reply === null) return;  // stopped, or replaced by a newer click
  if (!reply.ok) { showMessage(reply.data); return; }
  addUpload(reply.data, name);
  say("upload_ready", reply.data.display);
}

// An uploaded process the server kept (a model and profile, or a model calibrated to a case log), among the
// municipalities, chosen
function addUpload(data, name) {
  // the server's key for this upload (a safe name made from the name typed, plus a random part: no other
  // page sees it); a new upload under a name this page used before takes the place of the earlier one
  document.querySelectorAll("#places input[data-upload-name]").forEach((old) => {
    if (old.dataset.uploadName !== name) return;
    delete state.uploads[old.dataset.upload];
    delete state.uploadTexts[old.dataset.upload];
    old.closest("label").remove();
  });
  state.uploads[data.id] = data.status_quo || {};
  state.uploadTexts[data.id] = data.deadline_texts || null;
  state.uploadLevels[data.id] = data.levels || [];
  state.uploadNames[data.id] = data.display;
  const box = el("input", { type: "checkbox", "data-upload": data.id, "data-upload-name": name,
    id: `upload-${data.id}` });
  box.addEventListener("change", showStatusQuo);
  $("#places").append(el("label", { for: box.id }, box, ` ${data.display}`));
  box.checked = true;
  showStatusQuo();
}

// A case log: the chosen model (a library municipality's, or an uploaded BPMN model) calibrated to it and
// tested on its later cases by the server; kept as an upload, with what was fitted and a link to the
// validation page
async function uploadLog() {
  showMessage(null);
  const form = new FormData();
  const name = $("#log-name").value.trim();
  form.append("name", name);
  form.append("library", $("#log-library").value);
  const log = $("#log-file").files[0], model = $("#log-model").files[0];
  if (log) form.append("log", log);
  if (model && !$("#log-library").value) form.append("model", model);
  document.querySelectorAll("[data-column]").forEach((i) => {
    if (i.value.trim()) form.append(i.dataset.column, i.value.trim());
  });
  state.logSaid = null;
  $("#log-said").textContent = t("log_working");
  $("#log-send").disabled = true;
  const reply = await patient("POST", "api/logs", form, "log_button");
  $("#log-send").disabled = false;
  $("#log-said").textContent = "";
  if (reply === null) return;  // stopped, or replaced by a newer click
  if (!reply.ok) {
    showMessage(reply.data);
    if (reply.data.field === "columns") $("#log-columns").open = true;
    return;
  }
  addUpload(reply.data, name || `log:${reply.data.display}`);
  state.logSaid = reply.data;
  drawLogSaid();
}

function drawLogSaid() {
  const box = $("#log-said");
  box.textContent = "";
  const data = state.logSaid;
  if (!data) return;
  const list = el("ul", { class: "log-said" });
  data.calibration[state.lang].forEach((line) => list.append(el("li", { text: line })));
  list.append(el("li", { text: data.validation[state.lang] }));
  box.append(el("p", { text: data.names[state.lang] }), list);
  if (data.validation.page) {
    const href = `api/uploads/${encodeURIComponent(data.id)}/validation`;
    box.append(el("p", {}, el("a", { href, target: "_blank", rel: "noopener", id: "log-validation",
      text: t("log_validation_link") })));
  }
}

function showLogModel() {
  $("#log-model-field").hidden = !!$("#log-library").value;
}

// ------------------------------------------------------------------ the answer

// A diagram the answer names by its address (its drawing, up to megabytes for a large model, is not in
// the answer that polling moves): fetched once, kept in the answer for a redraw (the language switch).
// A fetch that fails (the network, a restarted server, a proxy's page) leaves one line where the drawing
// would be, the server's own words when it sent them; the answer is drawn anyway, the next answer fetches again.
const DRAWING_FAILED = { error: "The diagram could not be fetched. It is fetched again with the next answer.",
  error_sv: "Processkartan kunde inte hämtas. Den hämtas igen med nästa svar." };
async function fetchDrawing(d) {
  if (!d.url || d.svg !== undefined) return;
  try {
    const response = await fetch(d.url);
    if (response.ok) { d.svg = await response.text(); return; }
    const type = response.headers.get("content-type") || "";
    const said = type.includes("json") ? await response.json() : null;
    d.gone = said && said.error && said.error_sv ? said : DRAWING_FAILED;
  } catch (err) {
    d.gone = DRAWING_FAILED;
  }
  d.svg = "";
}

async function drawAnswer(answer) {
  await Promise.all(answer.municipalities.map((m) => fetchDrawing(m.diagram)));
  if (state.answer !== answer) return;  // another answer came meanwhile
  const results = $("#results");
  results.replaceChildren(el("h2", { text: t("answer") }));
  for (const m of answer.municipalities) {
    const section = el("section", { class: "place", "data-process": m.process });
    section.append(el("h3", { text: (m.names && m.names[state.lang]) || m.name }),
      el("p", { class: "sentence", text: m.sentence[state.lang] }));
    const sure = answer.how_sure && answer.how_sure[m.process];
    if (sure) section.append(el("p", { class: "how-sure", text: sure.sentence[state.lang] }));
    section.append(el("h4", { text: t(m.deadline_days ? "distribution" : "distribution_arrival") }), ecdf(m));
    // a deadline in calendar months: each case's own date, 120-123 days for 4 months, the line their mean
    if (m.deadline_rule) {
      section.append(el("p", { class: "note deadline-rule", text: m.deadline_rule[state.lang] }));
    }
    // nothing changed: the badges are today's waits, and the table has today's column alone (two equal columns
    // under "with the changes" read as a change that did nothing)
    section.append(el("h4", { text: t(m.changed === false ? "diagram_today" : "diagram") }), diagram(m.diagram));
    section.append(waits(m.diagram.waits, m.changed !== false));
    results.append(section);
  }
  results.append(el("p", { class: "note", text: t("noise") }));
}

function drawGoal(goal) {
  let box = $("#goal-result");
  if (!box) { box = el("section", { id: "goal-result" }); $("#results").before(box); }
  // the control in focus in the answer is drawn anew: the focus goes to its new self, or to the heading when it
  // is gone (the settle button, once pressed); it fell to the page's top, a keyboard's place lost (WCAG 2.4.3)
  const focused = box.contains(document.activeElement) ? document.activeElement.id : null;
  const heading = el("h2", { text: t("goal"), tabindex: "-1" });
  box.replaceChildren(heading, el("p", { class: "sentence", text: goal.sentence[state.lang] }));
  const head = el("tr", {}, ...["goal_officers", "goal_fte", "goal_level", "goal_cost", "goal_days", "goal_share", "goal_low"]
    .map((k) => el("th", { text: t(k) })));
  const body = el("tbody");
  // the low end the answer rests on, and the municipality whose few cases set it (a joint unit's)
  const names = (state.lang === "en" && goal.names_en) || goal.names || {};
  const low = (c) => share(c.target_figure.low) + (c.limit ? ` (${names[c.limit.process] || c.limit.process})` : "");
  const shown = goal.candidates.filter((c) => c.status !== "not run");
  for (const c of shown) {
    const days = c.complete_to_decision_mean_days.mean;
    // frontier null: dearer than one that surely reaches the target, not run on to place it (not needed)
    body.append(el("tr", { class: c.frontier ? "frontier" : c.frontier === null ? "not-needed" : "" }, el("td", { text: String(c.officers) }),
      el("td", { text: pct(100 * c.fte) }), el("td", { text: t(c.level) }),  // per cent, as the lever (it said 0.3)
      // to the thousand, as the sentence (goalseek._kr); no price on the work: –, not 0 (goalseek.unpriced)
      el("td", { text: goal.unpriced ? "–" : num(Math.round(c.cost / 1000) * 1000, 0) }),
      // a tenth of a day: the frontier is marked by the days unrounded, and two rows of 31 days
      // each, the dearer one marked, looked wrong (found by the manager's QA journey)
      el("td", { text: days === null ? "–" : num(days, 1) }), el("td", { text: share(c.target_figure.mean) }),
      el("td", { class: "goal-low", text: low(c) })));
  }
  // "in brackets the municipality …" only under a table that has one in brackets
  const lowNote = t("goal_low_note") + (shown.some((c) => c.limit) ? ` ${t("goal_low_limit")}` : "");
  box.append(el("div", { class: "goal-table" }, el("table", { class: "goal" }, el("thead", {}, head), body)),
    el("p", { class: "note goal-frontier", text: t("goal_note") }), el("p", { class: "note goal-low-note", text: lowNote }),
    el("p", { class: "note goal-cost", text: t(goal.unpriced ? "goal_cost_unpriced" : "goal_cost_note") }));
  if (goal.candidates.some((c) => c.status !== "not run" && c.frontier === null)) {
    box.querySelector(".goal-frontier").after(el("p", { class: "note goal-not-needed", text: t("goal_not_needed") }));
  }
  // the levers the goal seek was asked with (run settings aside) are not part of it: say so
  const settings = ["replications", "years", "seed"];
  if (Object.keys(state.goalLevers || {}).some((k) => !settings.includes(k))) {
    box.querySelector(".sentence").after(el("p", { class: "note goal-levers", text: t("goal_levers_unused") }));
  }
  // the table as files, as permitflow optimise writes them (--csv, -o): the CSV in the page's language
  const csvButton = el("button", { type: "button", id: "goal-csv", text: t("goal_csv") });
  const jsonButton = el("button", { type: "button", id: "goal-json", text: t("goal_json") });
  csvButton.addEventListener("click", () => downloadGoal("csv"));
  jsonButton.addEventListener("click", () => downloadGoal("json"));
  box.append(el("p", { class: "goal-files" }, csvButton, " ", jsonButton), el("p", { class: "note", text: t("figures_rule") }));
  // none sure: the closest combination's fresh runs, as many as the sentence says would settle it
  const settle = goal.closest && !goal.settled ? goal.closest.replications_to_settle : null;
  if (settle) {
    const button = el("button", { type: "button", id: "goal-settle", text: t("goal_settle").replace("{n}", num(settle, 0)) });
    button.addEventListener("click", () => settleGoal(settle));
    box.querySelector(".sentence").after(el("p", { class: "goal-settle" }, button));
  }
  if (focused !== null) (document.getElementById(focused) || heading).focus();
}

// The finished goal seek's table: "csv" the rows permitflow optimise --csv writes as a spreadsheet in the
// page's language (its heads and codes in words; Swedish: semicolons and decimal commas for a Swedish Excel),
// or "json" as its -o does
async function downloadGoal(kind) {
  if (!state.goalRun) return;
  const url = `api/runs/${state.goalRun}/goal-seek.${kind}` + (kind === "csv" ? `?lang=${state.lang}` : "");
  const reply = await api("GET", url, undefined, true);
  if (!reply.ok) { showMessage(reply.data); return; }
  download(reply.data, kind === "json" ? "goal-seek.json" : state.lang === "sv" ? "målsökning.csv" : "goal-seek.csv");
}

function cumulative(counts) {
  const total = counts.reduce((a, b) => a + b, 0);
  let sum = 0;
  return counts.map((c) => { sum += c; return total ? sum / total : 0; });
}

function ecdf(m) {
  // a phone (375 px) drew the 640-wide chart at half its size, its words 6 px high (found by QA): a narrower
  // drawing there, its words at 9–10 px
  const W = matchMedia("(max-width: 30rem)").matches ? 400 : 640, H = 240, L = 48, B = 36, T = 12, R = 16;
  const bin = m.bin_days, deadline = m.deadline_days || 0;
  // nothing changed: today's line alone (an "I dag" / "Med ändringarna" legend said a change was drawn)
  // today's grey readable as text too, its legend's words: #888 was 3.5:1 on white, under WCAG's 4.5:1
  const lines = [["now", "#767676", t("today")], ...(m.changed === false ? [] : [["then", "#1f5fbf", t("changed")]])];
  const bins = Math.max(m.histogram.now.length, m.histogram.then.length);
  const maxX = Math.max(bins * bin, deadline * 1.1, 7);
  const x = (d) => L + (W - L - R) * d / maxX, y = (p) => T + (H - T - B) * (1 - p);
  // an image needs a name for a screen reader (it said "image" alone: QA serve): what it draws, its lines and the
  // deadline's line, in the page's language; the sentence above it says the figures
  const named = [t(deadline ? "distribution" : "distribution_arrival"), lines.map((line) => line[2]).join(", ")];
  if (deadline) named.push(m.deadline_words ? m.deadline_words[state.lang] : t("deadline"));
  const svg = el("svg:svg", { viewBox: `0 0 ${W} ${H}`, class: "ecdf", role: "img", "aria-label": named.join("; ") });
  for (let p = 0; p <= 1.0001; p += 0.25) {
    svg.append(el("svg:line", { x1: L, x2: W - R, y1: y(p), y2: y(p), class: "grid" }));
    svg.append(el("svg:text", { x: L - 6, y: y(p) + 4, "text-anchor": "end", text: pct(Math.round(p * 100), 0) }));
  }
  // a tick a month; a process of a few days or weeks a tick every 1, 2, 5 or 10 days (it showed "0" alone, no scale)
  const tick = maxX >= 60 ? 30 : [1, 2, 5, 10].find((s) => maxX / s <= 8);
  for (let d = 0; d <= maxX; d += tick) {
    svg.append(el("svg:text", { x: x(d), y: H - B + 16, "text-anchor": "middle", text: String(d) }));
  }
  svg.append(el("svg:text", { x: W - R, y: H - 4, "text-anchor": "end", text: t("days") }));
  lines.forEach(([key, colour, label], i) => {
    const cum = cumulative(m.histogram[key]);
    let path = `M${x(0)},${y(0)}`;
    cum.forEach((p, j) => { path += ` H${x((j + 1) * bin)} V${y(p)}`; });
    path += ` H${x(maxX)}`;
    svg.append(el("svg:path", { d: path, stroke: colour, fill: "none", "stroke-width": 2, "data-series": key }));
    svg.append(el("svg:text", { x: L + 10, y: T + 14 + 16 * i, fill: colour, text: label }));
  });
  if (deadline) {
    svg.append(el("svg:line", { x1: x(deadline), x2: x(deadline), y1: T, y2: H - B, class: "deadline" }));
    svg.append(el("svg:text", { x: x(deadline) - 4, y: H - B - 6, "text-anchor": "end", class: "deadline-label",
      text: m.deadline_words ? m.deadline_words[state.lang] : t("deadline") }));
  }
  return svg;
}

let diagrams = 0;  // numbers each drawn diagram's hint (aria-describedby)

// The process diagram: zoom with the wheel or + / −, move by dragging or with the arrow keys, 0 resets.
// The keys work only while the diagram itself has focus (Tab to it), never in the form's fields.
function diagram(d) {
  const box = el("div", { class: "diagram" });
  if (!d.svg) { box.textContent = d.gone ? (state.lang === "sv" ? d.gone.error_sv : d.gone.error) : d.problem; return box; }
  box.innerHTML = d.svg;
  // the drawing's own <style> ("text{…fill:#000}", ".badge rect{…}") applies to the whole page once inline: the
  // chart's legend above it lost its colours to it, "I dag" and "Med ändringarna" both black (found by QA); each of
  // its rules is kept to this drawing
  box.querySelectorAll("style").forEach((s) => {
    s.textContent = s.textContent.replace(/([^{}]+)\{/g,
      (_, selectors) => selectors.split(",").map((one) => `.diagram ${one.trim()}`).join(",") + "{");
  });
  const svg = box.querySelector("svg");
  svg.removeAttribute("width"); svg.removeAttribute("height");
  const start = svg.getAttribute("viewBox");
  const view = start.split(/\s+/).map(Number);
  const set = () => svg.setAttribute("viewBox", view.join(" "));
  const zoom = (k, fx = 0.5, fy = 0.5) => {  // k < 1 zooms in, about the point at (fx, fy) of the frame
    const w = view[2] * k, h = view[3] * k;
    view[0] += (view[2] - w) * fx; view[1] += (view[3] - h) * fy; view[2] = w; view[3] = h;
    set();
  };
  const reset = () => { start.split(/\s+/).map(Number).forEach((v, i) => { view[i] = v; }); svg.setAttribute("viewBox", start); };
  box.addEventListener("wheel", (e) => {  // zoom about the pointer
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 0.8 : 1.25, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  }, { passive: false });
  let drag = null;
  box.addEventListener("pointerdown", (e) => { drag = [e.clientX, e.clientY]; box.setPointerCapture(e.pointerId); });
  box.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    view[0] -= (e.clientX - drag[0]) * view[2] / r.width; view[1] -= (e.clientY - drag[1]) * view[3] / r.height;
    drag = [e.clientX, e.clientY];
    set();
  });
  box.addEventListener("pointerup", () => { drag = null; });

  const hint = el("p", { class: "diagram-hint", id: `diagram-hint-${++diagrams}`, text: t("diagram_keys") });
  box.setAttribute("tabindex", "0");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", t("diagram_label"));
  box.setAttribute("aria-describedby", hint.id);
  const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  box.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;  // Ctrl + / − stay the browser's page zoom
    if (e.key === "+" || e.key === "=") zoom(0.8);
    else if (e.key === "-" || e.key === "\u2212") zoom(1.25);
    else if (e.key === "0") reset();
    else if (moves[e.key]) {  // a tenth of what is shown; the arrow shows what lies that way
      view[0] += moves[e.key][0] * view[2] / 10; view[1] += moves[e.key][1] * view[3] / 10;
      set();
    } else return;
    e.preventDefault();  // the page does not scroll under the diagram
  });
  const button = (text, label, act) => {
    const b = el("button", { type: "button", "aria-label": label, title: label, text });
    b.addEventListener("click", act);
    return b;
  };
  const tools = el("div", { class: "diagram-tools" },
    button("+", t("zoom_in"), () => zoom(0.8)), button("\u2212", t("zoom_out"), () => zoom(1.25)),
    button(t("zoom_reset"), t("zoom_reset"), reset), hint);
  return el("div", { class: "diagram-frame" }, box, tools);
}

function waits(rows, changed = true) {
  // a tenth of a day; a wait that is not zero never reads "0,0": the fewest decimals that show it, as the report
  const fmt = (v) => (v === null || v === undefined ? "–"
    : num(v, v !== 0 && Math.abs(v) < 0.05 ? Math.min(6, -Math.floor(Math.log10(Math.abs(v)))) : 1));
  const table = el("table", { class: "waits" },
    el("thead", {}, el("tr", {}, el("th", { text: t("step") }), el("th", { text: t("wait_now") }),
      ...(changed ? [el("th", { text: t("wait_then") })] : []))));
  const body = el("tbody");
  rows.forEach((r) => body.append(el("tr", {}, el("td", { text: r.step[state.lang] }), el("td", { text: fmt(r.now) }),
    ...(changed ? [el("td", { text: fmt(r.then) })] : []))));
  table.append(body);
  return table;
}

// ------------------------------------------------------------------ start

async function main() {
  const reply = await api("GET", "api/setup");
  state.setup = reply.data;
  state.lang = (navigator.language || "sv").startsWith("en") && !location.search.includes("lang=sv") ? "en" : "sv";
  if (location.search.includes("lang=en")) state.lang = "en";
  buildForm();
  applyLanguage();
  document.querySelectorAll(".lang button").forEach((b) => b.addEventListener("click", () => { state.lang = b.dataset.lang; applyLanguage(); }));
  $("#form").addEventListener("submit", startRun);
  $("#save").addEventListener("click", saveScenario);
  $("#goal-run").addEventListener("click", startGoal);
  // Enter in the goal's fields seeks the goal: the browser would submit the form, a what-if run
  $("#goal").addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.target.tagName !== "INPUT") return;
    e.preventDefault();
    startGoal();
  });
  $("#up-send").addEventListener("click", upload);
  $("#log-send").addEventListener("click", uploadLog);
  $("#log-library").addEventListener("change", showLogModel);
  document.querySelectorAll("[data-file]").forEach((shown) => {
    document.getElementById(shown.dataset.file).addEventListener("change", () => showChosen(shown));
  });
  // and Enter in the upload's name uploads (it ran a what-if too)
  $("#up-name").addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    upload();
  });
  $("#report").addEventListener("click", downloadReport);
  $("#figures-csv").addEventListener("click", () => downloadFigures("csv"));
  $("#figures-json").addEventListener("click", () => downloadFigures("json"));
  $("#busy-stop").addEventListener("click", stopBusy);
  $("#again").addEventListener("click", () => launch("api/runs", {}, "run", state.finishedAsked));
  // a page that is left or closed cancels its run still going: nobody is there to read the answer,
  // and the workers go to the other pages (keepalive: the request outlives the page)
  window.addEventListener("pagehide", () => {
    if (state.run) fetch(`api/runs/${state.run}`, { method: "DELETE", keepalive: true });
  });
  document.body.dataset.ready = "1";
}

main();
