// The live campaign page: joins the campaign's Socket.IO room, replays its history, follows it live,
// and swaps in the result when the terminal event arrives, all without reloading.
//
// Every event has a per-campaign `seq` (+1 each). Replayed and live events can overlap or arrive out
// of order (workers emit concurrently), so events are kept by seq: duplicates are dropped and the
// timeline is always in seq order. Event text is agent-written, so it only ever goes in via
// textContent.
(function () {
  "use strict";

  const root = document.getElementById("campaign");
  if (!root || typeof io !== "function") return;

  const id = root.dataset.campaignId;
  // The stages, their labels and the stepper come from the SUPERVISOR's pipeline table
  // (GET /api/pipeline), which MAIN put in the page: nothing here spells them.
  let pipeline = {};
  try {
    pipeline = JSON.parse(root.dataset.pipeline || "{}");
  } catch (_) { /* an empty table: states show as their names */ }
  const STAGES = pipeline.steps || [];
  const LABELS = pipeline.labels || {};
  const STEP_OF = pipeline.step_of || {};
  const ENDED = new Set((pipeline.terminal || ["done", "failed", "canceled"]).filter((s) => s !== "done"));
  const isTerminal = (stage) => stage === "done" || ENDED.has(stage);
  const el = {
    state: document.getElementById("state"),
    conn: document.getElementById("conn"),
    fill: document.getElementById("progress-fill"),
    bar: document.getElementById("progress"),
    pct: document.getElementById("pct"),
    step: document.getElementById("current-step"),
    stepper: document.getElementById("stepper"),
    timeline: document.getElementById("timeline"),
    empty: document.getElementById("timeline-empty"),
    count: document.getElementById("timeline-count"),
    result: document.getElementById("result"),
    resultError: document.getElementById("result-error"),
  };

  const seen = new Set();
  let contiguous = 0; // highest seq such that 1..seq have all arrived: what a rejoin asks to resume after
  let latest = null; // the event with the highest seq so far: drives the stepper and the caption
  let pct = Number(root.dataset.pct) || 0;
  let terminal = root.dataset.terminal === "true";
  let resultShown = terminal;

  function setState(state) {
    root.dataset.state = state;
    el.state.textContent = LABELS[state] || state;
    el.state.className = "state state-" + state;
  }

  function setPct(value) {
    pct = Math.max(pct, Math.min(100, Number(value) || 0)); // never goes back
    el.fill.style.width = pct + "%";
    el.bar.setAttribute("aria-valuenow", String(pct));
    el.pct.textContent = pct + "%";
  }

  function setStepper(stage) {
    const failed = ENDED.has(stage);
    let idx = STAGES.indexOf(STEP_OF[stage] || stage);
    if (idx < 0) {
      // failed or canceled: keep the stage that was current when it ended, and mark it.
      const cur = el.stepper.querySelector("li.current, li.failed");
      idx = cur ? STAGES.indexOf(cur.dataset.stage) : 0;
    }
    el.stepper.querySelectorAll("li").forEach((li, i) => {
      li.className = "";
      if (stage === "done" || i < idx) li.className = "done";
      else if (i === idx) li.className = failed ? "failed" : "current";
    });
  }

  function clock(ts) {
    const d = new Date(ts);
    return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString([], { hour12: false });
  }

  function span(cls, text) {
    const s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    return s;
  }

  function item(ev) {
    const li = document.createElement("li");
    li.className = "ev ev-" + ev.status + (isTerminal(ev.stage) ? " ev-terminal" : "");
    li.dataset.seq = String(ev.seq);
    li.dataset.stage = ev.stage;
    li.dataset.status = ev.status;
    const t = document.createElement("time");
    t.dateTime = ev.ts;
    t.textContent = clock(ev.ts);
    li.append(
      t,
      span("agent agent-" + ev.agent, ev.agent),
      span("step", ev.step),
      span("status status-" + ev.status, ev.status),
      span("msg", ev.message || ""),
    );
    return li;
  }

  function insert(li, seq) {
    // Usually appended at the end; an out-of-order event goes before the first higher seq.
    const later = Array.from(el.timeline.children).find((n) => Number(n.dataset.seq) > seq);
    const stick = el.timeline.scrollTop + el.timeline.clientHeight >= el.timeline.scrollHeight - 8;
    el.timeline.insertBefore(li, later || null);
    if (stick) el.timeline.scrollTop = el.timeline.scrollHeight; // follow, unless the user scrolled up
  }

  function onProgress(ev) {
    if (!ev || ev.campaign_id !== id || typeof ev.seq !== "number" || seen.has(ev.seq)) return;
    seen.add(ev.seq);
    while (seen.has(contiguous + 1)) contiguous += 1;
    insert(item(ev), ev.seq);
    el.empty.hidden = true;
    el.count.textContent = seen.size + " events";
    setPct(ev.pct);
    if (!latest || ev.seq > latest.seq) {
      latest = ev;
      el.step.textContent = ev.message || (ev.agent + ": " + ev.step + " " + ev.status);
      if (!terminal) {
        setState(ev.stage);
        setStepper(ev.stage);
      }
    }
    if (isTerminal(ev.stage)) {
      terminal = true;
      setState(ev.stage);
      setStepper(ev.stage);
      if (ev.stage === "done") setPct(100);
      showResult();
    }
  }

  async function showResult(attempt = 0) {
    if (resultShown) return;
    el.resultError.hidden = true;
    try {
      const resp = await fetch(root.dataset.resultUrl, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!resp.ok) {
        let msg = "Could not load the result (HTTP " + resp.status + ").";
        try {
          msg = (await resp.json()).message || msg;
        } catch (_) { /* not JSON */ }
        throw new Error(msg);
      }
      // The fragment is MAIN's own template output, in which Jinja has escaped every agent-written
      // value; DOMParser builds it inert (no scripts run) before it is adopted into the page.
      const doc = new DOMParser().parseFromString(await resp.text(), "text/html");
      const node = doc.querySelector(".result");
      if (!node || node.dataset.terminal !== "true") {
        // The terminal event can overtake the record's last write by a moment: ask again shortly.
        if (attempt < 8) return void setTimeout(() => showResult(attempt + 1), 250 * 2 ** Math.min(attempt, 4));
        throw new Error("The campaign finished but its result is not available yet.");
      }
      el.result.replaceChildren(document.importNode(node, true));
      resultShown = true;
      el.step.textContent = ENDED.has(root.dataset.state)
        ? "The campaign " + (root.dataset.state === "canceled" ? "was canceled" : "failed") + "; the reason is shown below."
        : "Campaign ready: the result is below.";
      if (socket.connected) socket.disconnect(); // nothing more will come: free the server's thread
      el.conn.textContent = "";
      el.conn.className = "conn";
    } catch (err) {
      el.resultError.replaceChildren(
        document.createTextNode(String(err.message || err) + " "),
      );
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "btn btn-small";
      retry.textContent = "Try again";
      retry.addEventListener("click", () => showResult(0));
      el.resultError.append(retry);
      el.resultError.hidden = false;
    }
  }

  // Same origin, default path: the page and the Socket.IO server are the same MAIN process.
  // Default transports (long-polling, upgraded to WebSocket) work through any proxy.
  const socket = io({ reconnectionDelayMax: 5000 });

  function join() {
    socket.emit("join", { campaign_id: id, after: contiguous }, (ack) => {
      if (!ack || !ack.ok) {
        const why = (ack && ack.error) || "refused";
        el.conn.textContent = "Cannot follow this campaign: " + why;
        el.conn.className = "conn conn-error";
        // A passing Redis outage is worth retrying; an unknown or invalid id is not.
        if (why.includes("unavailable")) setTimeout(() => socket.connected && join(), 3000);
        return;
      }
      el.conn.textContent = terminal ? "" : "Live";
      el.conn.className = terminal ? "conn" : "conn conn-live";
      // The replay has been delivered before this acknowledgement.
      if (resultShown) socket.disconnect();
      // The record can be terminal without a terminal event in the stream (a worker died between
      // writing the state and emitting): the record is the truth, so show the result anyway.
      if (!terminal && isTerminal(ack.state)) {
        terminal = true;
        setState(ack.state);
        setStepper(ack.state);
        if (ack.state === "done") setPct(100);
        showResult();
      }
      if (!seen.size) el.empty.textContent = "No events yet.";
    });
  }

  socket.on("connect", join);
  socket.on("progress", onProgress);
  socket.on("disconnect", (reason) => {
    if (resultShown || reason === "io client disconnect") return;
    el.conn.textContent = "Reconnecting…";
    el.conn.className = "conn conn-lost";
  });
  socket.on("connect_error", () => {
    el.conn.textContent = "Connection lost, retrying…";
    el.conn.className = "conn conn-lost";
  });
})();
