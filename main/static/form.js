// The campaign form: submits JSON with fetch() and shows the API's own messages next to each field.
// The SUPERVISOR validates; this script only shapes the body and places the messages, so the form and
// the API can never disagree about what is valid.
(function () {
  "use strict";

  const form = document.getElementById("campaign-form");
  if (!form) return;
  const formError = document.getElementById("form-error");
  const status = document.getElementById("form-status");
  const submit = document.getElementById("submit");
  const BRIEF = ["company", "audience", "strengths", "weaknesses", "differentiators", "competitors"];

  function value(name) {
    const el = form.elements.namedItem(name);
    return el ? el.value.trim() : "";
  }

  function checked(name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map((el) => el.value);
  }

  function list(text) {
    // "US, gb ,," -> ["US", "gb"]: the API upper/lower-cases and names any bad code by index.
    return text.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
  }

  function body() {
    const out = {
      artist: value("artist"),
      goals: checked("goals"),
      currency: value("currency"),
      countries: list(value("countries")),
      languages: list(value("languages")),
      platforms: checked("platforms"),
    };
    const release = value("release");
    if (release) out.release = release;
    const budget = value("daily_budget");
    if (budget) {
      // Send what was typed when it is not a number, so the API's message names daily_budget.
      const n = Number(budget);
      out.daily_budget = Number.isFinite(n) ? n : budget;
    }
    const url = value("final_url");
    if (url) out.final_url = url;
    const brief = {};
    BRIEF.forEach((k) => {
      const v = value("brief." + k);
      if (v) brief[k] = v;
    });
    if (Object.keys(brief).length) out.brief = brief;
    return out;
  }

  // "countries[0]" -> "countries", "brief.company" -> "brief.company", "goals[1]" -> "goals".
  function fieldOf(path) {
    const base = String(path || "").replace(/\[\d+\]/g, "");
    return form.querySelector('[data-error-for="' + CSS.escape(base) + '"]') ? base : null;
  }

  function clearErrors() {
    formError.hidden = true;
    formError.textContent = "";
    form.querySelectorAll(".field-error").forEach((p) => {
      p.hidden = true;
      p.textContent = "";
    });
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    form.querySelectorAll(".field.invalid").forEach((el) => el.classList.remove("invalid"));
  }

  function collect(payload) {
    // Prefer the full list (several bad countries each get named), then the map, then the single field.
    if (Array.isArray(payload.errors) && payload.errors.length) return payload.errors;
    if (payload.fields && typeof payload.fields === "object") {
      return Object.keys(payload.fields).map((f) => ({ field: f, message: payload.fields[f] }));
    }
    return [{ field: payload.field || "body", message: payload.message || "The request was rejected." }];
  }

  function showErrors(payload) {
    const byField = new Map();
    const general = [];
    collect(payload).forEach((e) => {
      const name = fieldOf(e.field);
      if (!name) {
        general.push(e.field && e.field !== "body" ? e.field + ": " + e.message : e.message);
        return;
      }
      if (!byField.has(name)) byField.set(name, []);
      const msgs = byField.get(name);
      if (!msgs.includes(e.message)) msgs.push(e.message);
    });
    let first = null;
    byField.forEach((msgs, name) => {
      const p = form.querySelector('[data-error-for="' + CSS.escape(name) + '"]');
      p.textContent = msgs.join(" · ");
      p.hidden = false;
      const box = form.querySelector('[data-field="' + CSS.escape(name) + '"]') || p.closest(".field");
      if (box) {
        box.classList.add("invalid");
        const input = box.matches("input, textarea") ? box : box.querySelector("input, textarea");
        if (input) {
          input.setAttribute("aria-invalid", "true");
          first = first || input;
        }
      }
      if (name.startsWith("brief")) document.getElementById("brief-section").open = true;
    });
    if (general.length) {
      formError.textContent = general.join(" ");
      formError.hidden = false;
    }
    if (first) first.focus();
    else if (general.length) formError.focus();
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors();
    submit.disabled = true;
    status.textContent = "Submitting…";
    try {
      const resp = await fetch(form.dataset.endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          // Flask-WTF's CSRF check for session-authenticated requests (main/auth.py).
          "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').content,
        },
        body: JSON.stringify(body()),
        credentials: "same-origin",
      });
      let payload = {};
      try {
        payload = await resp.json();
      } catch (_) {
        payload = { message: "Unexpected answer from the server (HTTP " + resp.status + ")." };
      }
      if (resp.status === 202 || resp.ok) {
        status.textContent = "Campaign started, opening its live page…";
        window.location.assign("/campaigns/" + encodeURIComponent(payload.id));
        return;
      }
      showErrors(payload);
      status.textContent = "";
    } catch (_) {
      formError.textContent = "Could not reach the server. Check your connection and try again.";
      formError.hidden = false;
      status.textContent = "";
    } finally {
      submit.disabled = false;
    }
  });
})();
