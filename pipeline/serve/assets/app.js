// l10n serve: the editor's conveniences. The pages work without this
// script (each unit is a form); it saves in place, checks as you type,
// refreshes the preview and adds the keyboard.
(function () {
  "use strict";
  var body = document.body;
  if (!body.classList.contains("editor")) return;
  var slug = body.dataset.slug, locale = body.dataset.locale, token = body.dataset.token;
  var base = "/" + encodeURIComponent(slug) + "/" + encodeURIComponent(locale);

  function post(path, data) {
    return fetch(path + base, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-L10n-Token": token },
      body: JSON.stringify(data),
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function units() { return Array.prototype.slice.call(document.querySelectorAll("article.unit")); }
  function unitOf(node) { return node.closest("article.unit"); }
  function field(unit, name) { return unit.querySelector("[name='" + name + "']"); }

  function showFindings(unit, findings) {
    var list = unit.querySelector(".findings");
    if (!list) return;
    list.textContent = "";
    if (!findings || findings.length === 0) {
      list.appendChild(el("li", "ok", body.dataset.noFindings));
      return;
    }
    findings.forEach(function (f) {
      var li = el("li", "sev-" + f.severity);
      li.appendChild(el("span", "check", f.check));
      li.appendChild(document.createTextNode(" " + f.message));
      list.appendChild(li);
    });
  }

  function setState(unit, state) {
    unit.classList.remove("state-missing", "state-stale", "state-translated");
    unit.classList.add("state-" + state);
    unit.dataset.state = state;
    var badge = unit.querySelector(".state-badge");
    var label = body.dataset["state" + state.charAt(0).toUpperCase() + state.slice(1)];
    if (badge && label) badge.textContent = label;
    if (state !== "stale") {
      var c = unit.querySelector(".confirm");
      if (c) c.remove();
    }
    updateNext();
  }

  function saveState(unit, cls, text) {
    var s = unit.querySelector(".save-state");
    if (!s) return;
    s.className = "save-state " + cls;
    s.textContent = text;
  }

  // Checks as the translator types, a moment after the last key.
  var timers = new WeakMap();
  function later(unit, key, ms, fn) {
    var t = timers.get(unit) || {};
    clearTimeout(t[key]);
    t[key] = setTimeout(fn, ms);
    timers.set(unit, t);
  }
  var checkSeq = 0;
  function check(unit) {
    var ta = field(unit, "text");
    var seq = ++checkSeq;
    unit.dataset.checkSeq = seq;
    post("/api/check", { unit: unit.dataset.unit, text: ta.value }).then(function (r) {
      if (unit.dataset.checkSeq !== String(seq) || r.status !== 200) return;
      showFindings(unit, r.body.findings);
      unit.dataset.checked = ta.value;
    });
  }

  // The preview, with the texts being edited; rendered again, it stays
  // where the translator had scrolled it.
  var previewTimer, previewScroll = 0;
  var frame = document.getElementById("preview");
  frame.addEventListener("load", function () {
    try { frame.contentWindow.scrollTo(0, previewScroll); } catch (e) { /* another origin */ }
  });
  function refreshPreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      try { previewScroll = frame.contentWindow.scrollY; } catch (e) { previewScroll = 0; }
      var form = document.getElementById("preview-form");
      form.querySelectorAll(".draft").forEach(function (d) { d.remove(); });
      units().forEach(function (unit) {
        var ta = field(unit, "text");
        if (ta && ta.value !== field(unit, "base").value) {
          var i = el("input", "draft");
          i.type = "hidden";
          i.name = "u." + unit.dataset.unit;
          i.value = ta.value;
          form.appendChild(i);
        }
      });
      form.submit();
    }, 700);
  }

  function save(unit, then) {
    var ta = field(unit, "text");
    var confirm = unit.querySelector("[name='confirm']");
    var req = {
      unit: unit.dataset.unit, text: ta.value,
      base: field(unit, "base").value, base_hash: field(unit, "base_hash").value,
      source: field(unit, "source").value, confirm: !!(confirm && confirm.checked)
    };
    return post("/save", req).then(function (r) {
      var old = unit.querySelector(".conflict");
      if (old) old.remove();
      if (r.status === 200 && r.body.saved) {
        field(unit, "base").value = r.body.text;
        field(unit, "base_hash").value = r.body.hash;
        setState(unit, r.body.state);
        var todo = document.getElementById("todo-count");
        if (todo && r.body.to_do) todo.textContent = r.body.to_do;
        showFindings(unit, r.body.findings);
        saveState(unit, "saved", body.dataset.saved);
        refreshPreview();
        if (then) then();
        return;
      }
      if (r.status === 409) {
        conflict(unit, req, r.body);
        return;
      }
      saveState(unit, "unsaved", (r.body && r.body.error) || String(r.status));
    });
  }

  // A refused save: both texts, and the two ways on.
  function conflict(unit, req, res) {
    var box = el("div", "conflict");
    box.setAttribute("role", "alert");
    box.appendChild(el("strong", "", body.dataset.conflict));
    if (res.source_changed) {
      box.appendChild(el("p", "", res.message));
    } else {
      box.appendChild(el("p", "", body.dataset.conflictYours + ":"));
      box.appendChild(el("pre", "yours", req.text));
      box.appendChild(el("p", "", body.dataset.conflictDisk + ":"));
      box.appendChild(el("pre", "disk", res.disk));
      var keep = el("button", "keep-mine", body.dataset.conflictKeep);
      keep.type = "button";
      keep.addEventListener("click", function () {
        field(unit, "base").value = res.disk;
        field(unit, "base_hash").value = res.disk_hash;
        save(unit);
      });
      var take = el("button", "take-disk", body.dataset.conflictTake);
      take.type = "button";
      take.addEventListener("click", function () {
        field(unit, "text").value = res.disk;
        field(unit, "base").value = res.disk;
        field(unit, "base_hash").value = res.disk_hash;
        box.remove();
        saveState(unit, "", "");
        check(unit);
      });
      box.appendChild(keep);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(take);
    }
    unit.querySelector(".actions").after(box);
    saveState(unit, "unsaved", body.dataset.unsaved);
  }

  function toDo() {
    return units().filter(function (u) {
      return (u.dataset.state === "missing" || u.dataset.state === "stale") && field(u, "text");
    });
  }
  function go(from, step) {
    var all = toDo();
    if (all.length === 0) return;
    var list = units();
    var at = from ? list.indexOf(from) : -1;
    var pick = null;
    for (var i = 0; i < all.length; i++) {
      var k = list.indexOf(all[step > 0 ? i : all.length - 1 - i]);
      if (step > 0 ? k > at : k < at) { pick = all[step > 0 ? i : all.length - 1 - i]; break; }
    }
    if (!pick) pick = step > 0 ? all[0] : all[all.length - 1];
    focusUnit(pick);
  }
  function focusUnit(unit) {
    units().forEach(function (u) { u.classList.remove("current"); });
    unit.classList.add("current");
    unit.scrollIntoView({ block: "center" });
    field(unit, "text").focus();
  }
  function updateNext() {
    var link = document.getElementById("next-todo");
    if (link) link.hidden = toDo().length === 0;
  }

  document.addEventListener("input", function (ev) {
    if (ev.target.name !== "text") return;
    var unit = unitOf(ev.target);
    saveState(unit, "unsaved", body.dataset.unsaved);
    later(unit, "check", 250, function () { check(unit); });
    refreshPreview();
  });
  document.addEventListener("submit", function (ev) {
    var unit = unitOf(ev.target);
    if (!unit) return;
    ev.preventDefault();
    save(unit);
  });
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.insert");
    if (b) {
      var unit = unitOf(b);
      var ta = field(unit, "text");
      ta.value = b.dataset.text;
      ta.dispatchEvent(new Event("input", { bubbles: true }));
      ta.focus();
      return;
    }
    if (ev.target.id === "next-todo") {
      ev.preventDefault();
      go(unitOf(document.activeElement), 1);
    }
  });
  document.addEventListener("keydown", function (ev) {
    var unit = unitOf(ev.target);
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey) && unit && ev.target.name === "text") {
      ev.preventDefault();
      save(unit, function () { go(unit, 1); });
      return;
    }
    if (ev.altKey && (ev.key === "ArrowDown" || ev.key === "ArrowUp")) {
      ev.preventDefault();
      go(unit, ev.key === "ArrowDown" ? 1 : -1);
    }
  });
  window.addEventListener("beforeunload", function (ev) {
    var dirty = units().some(function (u) {
      var ta = field(u, "text");
      return ta && ta.value !== field(u, "base").value;
    });
    if (dirty) ev.preventDefault();
  });
  updateNext();
})();
