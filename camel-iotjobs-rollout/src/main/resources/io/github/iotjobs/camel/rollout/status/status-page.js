"use strict";
// Polls the rollouts' JSON beside this page and redraws a rollout only when it changed. Text goes in with
// textContent and attributes with setAttribute: nothing from the JSON is ever parsed as HTML.
(function () {
  const base = location.pathname.endsWith("/") ? location.pathname : location.pathname + "/";
  const jsonUrl = base + "rollouts.json";
  const main = document.getElementById("rollouts");
  const updated = document.getElementById("updated");
  const connection = document.getElementById("connection");
  const drawn = new Map();
  let refreshMillis = 2000;

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, String(value));
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function time(iso) {
    return iso ? el("time", { datetime: iso }, new Date(iso).toLocaleTimeString()) : "";
  }

  function bar(rolloutIndex, b, name) {
    const id = "r" + rolloutIndex + "-" + (b.stage < 0 ? "rollback" : "s" + b.stage);
    const text = name + " (" + b.state + "): " + b.succeeded + " of " + b.devices + " succeeded, "
      + b.failed + " failed";
    return el("li", { class: "bar bar-" + b.state + (b.failed > 0 ? " bar-failed" : ""), "data-stage": b.stage },
      el("label", { for: id }, text),
      el("progress", { id: id, max: Math.max(1, b.devices), value: b.succeeded },
        b.succeeded + " of " + b.devices));
  }

  function decision(d) {
    const where = d.stage === undefined || d.stage === null ? "" : " stage " + d.stage;
    return el("li", { "data-event": d.event }, time(d.at), " ",
      d.event + where + (d.detail ? ": " + d.detail : ""));
  }

  function section(r, index) {
    const titleId = "r" + index + "-title";
    const stages = el("ol", { class: "stages" });
    r.stages.forEach(b => stages.append(bar(index, b, "Stage " + b.stage)));
    if (r.rollback) {
      stages.append(bar(index, r.rollback, "Rollback"));
    }
    const decisions = el("ol", { class: "decisions", start: r.decisionCount - r.decisions.length + 1 });
    r.decisions.forEach(d => decisions.append(decision(d)));
    const shown = r.decisions.length < r.decisionCount ? " (latest " + r.decisions.length + " of "
      + r.decisionCount + ")" : "";
    return el("section", { class: "rollout", "data-rollout-id": r.rolloutId, "aria-labelledby": titleId },
      el("h2", { id: titleId }, el("span", { class: "rollout-id" }, r.rolloutId),
        el("span", { class: "status status-" + r.status }, r.status)),
      el("p", { class: "summary" }, r.action + ", " + r.targetDevices + " devices in " + r.stages.length
        + " stages, started ", time(r.createdAt), ", updated ", time(r.updatedAt)),
      r.reason ? el("p", { class: "reason" }, "Reason: " + r.reason) : "",
      stages,
      el("h3", {}, "Decisions" + shown),
      decisions);
  }

  function render(rollouts) {
    const seen = new Set();
    let previous = null;
    rollouts.forEach((r, index) => {
      const key = JSON.stringify(r);
      let node = drawn.get(r.rolloutId);
      if (!node || node.key !== key || node.index !== index) {
        const fresh = { key: key, index: index, element: section(r, index) };
        if (node) {
          node.element.replaceWith(fresh.element);
        }
        node = fresh;
        drawn.set(r.rolloutId, node);
      }
      const after = previous ? previous.nextSibling : main.firstChild;
      if (after !== node.element) {
        main.insertBefore(node.element, after);
      }
      previous = node.element;
      seen.add(r.rolloutId);
    });
    for (const [id, node] of drawn) {
      if (!seen.has(id)) {
        node.element.remove();
        drawn.delete(id);
      }
    }
    if (rollouts.length === 0) {
      main.replaceChildren(el("p", { class: "empty" }, "No rollout yet."));
      drawn.clear();
    } else {
      main.querySelectorAll("p.empty").forEach(p => p.remove());
    }
  }

  // Polls at a fixed rate (the next read starts one interval after this one started, not after it answered), so a
  // change waits at most one interval plus one answer.
  async function poll() {
    const started = performance.now();
    try {
      const response = await fetch(jsonUrl, { cache: "no-store", headers: { Accept: "application/json" } });
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      const snapshot = await response.json();
      refreshMillis = snapshot.refreshMillis || refreshMillis;
      render(snapshot.rollouts);
      updated.textContent = "Updated " + new Date().toLocaleTimeString() + ", every "
        + refreshMillis / 1000 + " s";
      connection.textContent = "";
    } catch (e) {
      connection.textContent = "Cannot read the rollouts (" + e.message + "); retrying.";
    }
    setTimeout(poll, Math.max(0, refreshMillis - (performance.now() - started)));
  }

  poll();
}());
