/* As the writer types the subject: 常见问题 and published answers that may already answer it (a progressive
   enhancement; without JavaScript the first step "先看看常见问题" shows the same list). */
(function () {
  "use strict";
  var box = document.querySelector("[data-suggest]");
  if (!box || !window.fetch) { return; }
  var input = box.querySelector("input[name=subject]");
  var out = document.getElementById("live-suggestions");
  var org = document.querySelector("select[name=organization]");
  if (!input || !out) { return; }
  var timer = null;
  var last = "";

  function section(title, entries) {
    var wrap = document.createElement("div");
    var h = document.createElement("h3");
    h.textContent = title;
    wrap.appendChild(h);
    var ul = document.createElement("ul");
    entries.forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = entry.url;
      a.textContent = entry.title;
      a.target = "_blank";
      a.rel = "noopener";
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + entry.unit;
      li.appendChild(meta);
      ul.appendChild(li);
    });
    wrap.appendChild(ul);
    return wrap;
  }

  function show(data) {
    out.textContent = "";
    if (!data.faqs.length && !data.messages.length) { out.hidden = true; return; }
    var p = document.createElement("p");
    p.className = "suggest-title";
    p.textContent = out.getAttribute("data-title") || "这些常见问题和已答复的留言可能已经回答了您的问题（在新窗口打开）：";
    out.appendChild(p);
    if (data.faqs.length) { out.appendChild(section("常见问题", data.faqs)); }
    if (data.messages.length) { out.appendChild(section("已答复的留言", data.messages)); }
    out.hidden = false;
  }

  function ask() {
    var text = input.value.trim();
    if (text === last) { return; }
    last = text;
    if (text.length < 2) { out.hidden = true; return; }
    var url = box.getAttribute("data-suggest") + "?q=" + encodeURIComponent(text) +
      (org && org.value ? "&org=" + encodeURIComponent(org.value) : "");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { show(data); } })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 350);
  });
}());
