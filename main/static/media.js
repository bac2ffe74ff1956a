// The media section of a finished campaign: directions A and B side by side, the client's three
// choices (Pick A, Pick B, New iteration with a comment), a dual video player that can play both in
// sync. Data from GET /api/campaigns/<id>/media (MAIN proxies MEDIA); kept live by the campaign's
// Socket.IO room: every "media" event reloads the JSON. The DOM is built node by node (no innerHTML),
// so nothing an agent wrote can run as markup.
(() => {
  "use strict";
  const root = document.getElementById("campaign");
  if (!root) return;
  const id = root.dataset.campaignId;
  const SETS = { images: "Images", videos: "Videos" };
  const EXPORTS = { images: [["zip", "Approved files (zip)"], ["display-csv", "Display ads (Editor CSV)"]],
                    videos: [["zip", "Approved files (zip)"], ["youtube", "YouTube metadata (JSON)"]] };
  let section = null;
  let socket = null;
  let loading = false;
  let again = false;

  function h(tag, attrs, ...kids) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") n.textContent = v;
      else if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids.flat()) if (kid) n.append(kid);
    return n;
  }

  function attach() {
    const s = document.getElementById("media");
    if (s && s !== section) {
      section = s;
      load();
    }
  }

  async function load() {
    if (!section) return;
    if (loading) { again = true; return; }
    loading = true;
    try {
      const resp = await fetch(section.dataset.mediaUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      const body = await resp.json().catch(() => ({}));
      if (!resp.ok) throw new Error(body.message || "Could not load the media (HTTP " + resp.status + ").");
      render(body);
      section.querySelector("#media-error").hidden = true;
      follow(body);
    } catch (err) {
      const e = section.querySelector("#media-error");
      e.textContent = String(err.message || err);
      e.hidden = false;
    } finally {
      loading = false;
      if (again) { again = false; load(); }
    }
  }

  function busy(body) {
    const sets = body.media ? Object.values(body.media.sets) : [];
    return !body.media || sets.some((s) => s.state === "rendering" || s.state === "iterating");
  }

  // Live while something renders; the socket is closed once every set waits for the client.
  function follow(body) {
    if (!busy(body)) {
      if (socket && socket.connected) socket.disconnect();
      return;
    }
    if (typeof io !== "function") return;
    if (!socket) {
      socket = io({ reconnectionDelayMax: 5000 });
      socket.on("connect", () => socket.emit("join", { campaign_id: id, after: 0 }, () => load()));
      socket.on("progress", (ev) => { if (ev && ev.campaign_id === id && ev.stage === "media") load(); });
    } else if (!socket.connected) socket.connect();
  }

  async function post(url, payload) {
    const resp = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json",
                 "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').content },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const body = await resp.json().catch(() => ({}));
    if (!resp.ok) throw new Error(body.message || "HTTP " + resp.status);
    return body;
  }

  function fail(err) {
    const e = section.querySelector("#media-error");
    e.textContent = String(err.message || err);
    e.hidden = false;
  }

  function kb(n) { return n >= 1e6 ? (n / 1e6).toFixed(1) + " MB" : Math.round(n / 1000) + " KB"; }

  function fileFigure(dir, f) {
    const label = f.name.replace("_", " ") + " · " + f.width + "×" + f.height + " · " + kb(f.bytes) +
      (f.spec && f.spec.ok ? " · spec ✓" : "");
    return h("figure", { class: "media-file" },
      h("a", { href: f.url, target: "_blank", rel: "noopener" },
        h("img", { src: f.url, alt: "Direction " + dir + ": " + f.name.replace("_", " "), loading: "lazy",
                   "data-testid": "media-img-" + dir + "-" + f.name })),
      h("figcaption", { class: "small muted", text: label }));
  }

  function variantColumn(set, dir, v) {
    const col = h("div", { class: "media-variant", "data-testid": "variant-" + set.name + "-" + dir });
    col.append(h("h4", { text: "Direction " + dir }));
    if (v.concept) col.append(h("p", { class: "small", text: v.concept }));
    if (v.state === "rendering") col.append(h("p", { class: "muted", text: "Rendering…" }));
    if (v.state === "failed") col.append(h("p", { class: "notice notice-error", text: v.error || "Failed" }));
    const p = v.provenance;
    if (p) {
      let line = "By " + p.provider + " (" + p.model + "), seed " + p.seed + ", " + p.renderer_version;
      if (p.voice && p.voice.provider) line += "; voice " + p.voice.provider + " (" + p.voice.model + ")";
      col.append(h("p", { class: "small muted", text: line }));
      if (p.notes && p.notes.length) col.append(h("p", { class: "small muted", text: "Notes: " + p.notes.join("; ") }));
    }
    if (set.name === "videos") {
      const vert = v.files.find((f) => f.name === "video_vertical");
      const land = v.files.find((f) => f.name === "video_landscape");
      // "#t=1": the browser shows a frame past the fade-in instead of a black box.
      if (vert) col.append(h("video", { src: vert.url + "#t=1", controls: true, preload: "metadata", playsinline: true,
                                         class: "media-video", "data-testid": "video-" + dir,
                                         "aria-label": "Direction " + dir + ", vertical video" }));
      if (land) col.append(h("p", { class: "small" }, h("a", { href: land.url, target: "_blank", rel: "noopener",
                                                              text: "16:9 version (" + kb(land.bytes) + ")" })));
    } else {
      col.append(h("div", { class: "media-grid" }, v.files.map((f) => fileFigure(dir, f))));
    }
    return col;
  }

  function syncButton(card) {
    return h("button", { type: "button", class: "btn btn-small", "data-testid": "play-sync", text: "Play both in sync",
      onclick: () => {
        const [a, b] = card.querySelectorAll("video");
        if (!a || !b) return;
        a.currentTime = 0; b.currentTime = 0;
        a.muted = false; b.muted = true; // one voice at a time
        Promise.all([a.play(), b.play()]).catch(() => {});
        const keep = () => { if (Math.abs(b.currentTime - a.currentTime) > 0.15) b.currentTime = a.currentTime; };
        a.addEventListener("timeupdate", keep);
        a.addEventListener("pause", () => b.pause(), { once: true });
      } });
  }

  function reviewControls(set) {
    const url = "/api/campaigns/" + id + "/media/" + set.name + "/review";
    const pick = (dir) => h("button", { type: "button", class: "btn btn-primary", "data-testid": "pick-" + set.name + "-" + dir,
      text: "Pick " + dir, onclick: () => post(url, { pick: dir }).then(load, fail) });
    const comment = h("textarea", { rows: 2, maxlength: 500, "aria-label": "Comment for the next " + set.name + " round",
      placeholder: "What should change in the next round? (e.g. darker, bigger name, no photo)",
      "data-testid": "comment-" + set.name });
    const iterate = h("button", { type: "button", class: "btn", "data-testid": "iterate-" + set.name, text: "New iteration",
      onclick: () => {
        if (!comment.value.trim()) { fail(new Error("Write a comment to steer the next round.")); return; }
        post(url, { iterate: comment.value }).then(load, fail);
      } });
    return h("div", { class: "media-review" }, pick("A"), pick("B"), h("div", { class: "media-iterate" }, comment, iterate));
  }

  function setCard(set) {
    const card = h("div", { class: "card media-set", "data-testid": "media-set-" + set.name, "data-state": set.state,
                            "data-round": set.round });
    const state = set.state.replace("_", " ");
    card.append(h("div", { class: "card-head" },
      h("h3", { text: SETS[set.name] + " · round " + set.round }),
      h("span", { class: "state state-media-" + set.state, "data-testid": "media-state-" + set.name, text: state })));
    if (set.comment) card.append(h("p", { class: "small", text: "This round was steered by: “" + set.comment + "”" }));
    if (set.state === "failed") card.append(h("p", { class: "notice notice-error", text: set.error || "The set failed." }));
    card.append(h("div", { class: "ab" }, ["A", "B"].map((d) => variantColumn(set, d, set.variants[d]))));
    if (set.name === "videos" && set.variants.A.state === "ready" && set.variants.B.state === "ready") card.append(syncButton(card));
    if (set.state === "in_review") card.append(reviewControls(set));
    if (set.state.startsWith("approved")) {
      const last = set.reviews[set.reviews.length - 1] || {};
      card.append(h("p", { class: "notice", "data-testid": "approved-" + set.name,
        text: "Approved: direction " + set.state.slice(-1) + (last.by ? " by " + last.by : "") + (last.at ? " at " + last.at.slice(0, 19).replace("T", " ") + " UTC" : "") + ". Archived with its manifest." }));
      card.append(h("div", { class: "downloads" }, EXPORTS[set.name].map(([fmt, label]) =>
        h("a", { class: "btn btn-small", href: "/api/campaigns/" + id + "/media/export/" + fmt, download: true, text: label })),
        set.archive ? h("a", { class: "btn btn-small", href: set.archive.manifest_url, target: "_blank", rel: "noopener", text: "Manifest" }) : null));
    }
    return card;
  }

  function bedForm(body) {
    const input = h("input", { type: "file", accept: "audio/mpeg,audio/wav,audio/x-wav,audio/mp4,audio/x-m4a",
                               "aria-label": "Audio bed", "data-testid": "bed-file" });
    const bed = body.media && body.media.audio_bed;
    const status = h("span", { class: "small muted", "data-testid": "bed-status",
                               text: bed ? "Audio bed: your upload (" + kb(bed.bytes) + "), used from the next video round." : "" });
    const send = h("button", { type: "button", class: "btn btn-small", text: "Upload audio bed",
      onclick: async () => {
        if (!input.files.length) { fail(new Error("Choose an audio file first.")); return; }
        const form = new FormData();
        form.append("file", input.files[0]);
        const resp = await fetch("/api/campaigns/" + id + "/media/audio-bed", { method: "POST", credentials: "same-origin",
          headers: { "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').content }, body: form });
        const out = await resp.json().catch(() => ({}));
        if (!resp.ok) { fail(new Error(out.message || "HTTP " + resp.status)); return; }
        status.textContent = "Audio bed uploaded; it is mixed under the voice from the next video round.";
      } });
    return h("div", { class: "media-bed small" },
      h("span", { text: "Optional: your own audio bed (MP3, WAV or M4A, ≤ 20 MB; only a track you have the rights to). " }),
      input, send, status);
  }

  function render(body) {
    const out = section.querySelector("#media-body");
    if (!body.media) {
      out.replaceChildren(h("p", { class: "muted", text: "The media have not been rendered for this campaign yet." }),
        h("button", { type: "button", class: "btn btn-primary", "data-testid": "media-start", text: "Render media A/B",
          onclick: () => post("/api/campaigns/" + id + "/media").then(() => { follow({ media: null }); load(); }, fail) }),
        bedForm(body));
      return;
    }
    // Keep playing videos alive: only rebuild a set whose state or round changed.
    const cards = Object.values(body.media.sets).map((s) => {
      const old = out.querySelector('[data-testid="media-set-' + s.name + '"]');
      const sig = s.state + ":" + s.round + ":" + Object.values(s.variants).map((v) => v.state).join(",");
      if (old && old.dataset.sig === sig) return old;
      const card = setCard(s);
      card.dataset.sig = sig;
      return card;
    });
    const bed = out.querySelector(".media-bed") || bedForm(body);
    out.replaceChildren(...cards, bed);
  }

  new MutationObserver(attach).observe(document.body, { childList: true, subtree: true });
  attach();
})();
