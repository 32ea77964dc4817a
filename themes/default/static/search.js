// Static search client. Loads the index the build exported under
// search/<lang>/ as script files (so it also works from disk, where fetch()
// is blocked), and only the shards a query needs. fold() and shardOf()
// must match internal/search/search.go.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var base = root.getAttribute("data-index"), site = root.getAttribute("data-root");
  var lang = document.documentElement.lang, msgs = JSON.parse(root.getAttribute("data-messages"));
  var form = root.querySelector("form"), input = form.elements.q;
  var status = document.getElementById("search-status"), list = document.getElementById("search-results");
  var facetBox = document.getElementById("search-facets");
  var waiting = {}, loaded = {}, meta = null, docs = {};

  window.BPSearch = {
    add: function (kind, l, n, data) {
      var key = kind + n;
      loaded[key] = data;
      (waiting[key] || []).forEach(function (f) { f(data); });
      delete waiting[key];
    }
  };
  function load(kind, n, file) {
    return new Promise(function (resolve, reject) {
      var key = kind + n;
      if (key in loaded) return resolve(loaded[key]);
      if (waiting[key]) return waiting[key].push(resolve);
      waiting[key] = [resolve];
      var s = document.createElement("script");
      s.src = base + file;
      s.onerror = function () { delete waiting[key]; reject(new Error(file)); };
      document.head.appendChild(s);
    });
  }
  function fold(s) {
    return s.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  }
  function shardOf(key, n) {
    var prefix = Array.from(key).slice(0, 3).join(""), bytes = new TextEncoder().encode(prefix), h = 2166136261;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h % n;
  }
  // Words as the index saw them; runs of Han, kana or hangul become bigrams
  // like bleve's CJK analyzer makes.
  function words(q) {
    var out = [], m, re = /[\p{L}\p{N}\p{M}]+/gu;
    while ((m = re.exec(q))) {
      var w = m[0], cjk = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
      if (!cjk.test(w)) { out.push(fold(w)); continue; }
      var chars = Array.from(w);
      if (chars.length === 1) out.push(fold(w));
      for (var i = 0; i + 1 < chars.length; i++) out.push(fold(chars[i] + chars[i + 1]));
    }
    return out.slice(0, 12);
  }
  // terms finds the analyzed terms of a word: the exact word, its
  // completions when the reader is still typing it (from three characters,
  // which choose the shard), or the longest indexed stem it begins with
  // (so "incubators" finds "incubator").
  function terms(shard, w, typing) {
    var found = {}, k;
    (shard.w[w] || []).forEach(function (t) { found[t] = 1; });
    if (typing && Array.from(w).length >= 3) {
      var n = 0;
      for (k in shard.w) {
        if (n < 20 && k !== w && k.lastIndexOf(w, 0) === 0) { shard.w[k].forEach(function (t) { found[t] = 1; }); n++; }
      }
    }
    if (Object.keys(found).length === 0) {
      var best = -1;
      shard.t.forEach(function (t, i) {
        var f = fold(t);
        if (f.length >= 3 && w.length - f.length <= 4 && w.lastIndexOf(f, 0) === 0 && (best < 0 || f.length > fold(shard.t[best]).length)) best = i;
      });
      if (best >= 0) found[best] = 1;
    }
    return Object.keys(found).map(Number);
  }
  function params() {
    var p = new URLSearchParams(location.search), f = {};
    meta.facets.forEach(function (fm) { var v = p.get(fm.name); if (v) f[fm.name] = v; });
    return { q: p.get("q") || "", f: f };
  }
  var seq = 0, page = 20; // page must match pageSize in internal/search/export.go
  function row(d) { return loaded["docs" + Math.floor(d / meta.perFile)][d % meta.perFile]; }
  function loadRows(ids) {
    var files = {};
    ids.forEach(function (d) { files[Math.floor(d / meta.perFile)] = 1; });
    return Promise.all(Object.keys(files).map(function (n) { return load("docs", n, "docs-" + n + ".min.js"); }));
  }
  // run searches for what the box holds; typing says the reader is still
  // writing the last word, so its completions count too.
  function run(typing) {
    var my = ++seq, q = input.value, ws = words(q), filters = {};
    typing = typing === true && !/\s$/.test(q);
    meta.facets.forEach(function (fm) {
      var sel = facetBox.querySelector("select[name=" + fm.name + "]");
      if (sel && sel.value !== "") filters[fm.name] = sel.value;
    });
    var filtered = Object.keys(filters).length > 0;
    var shards = ws.map(function (w) { var n = shardOf(w, meta.shards); return load("shard", n, "shard-" + n + ".min.js"); });
    Promise.all(shards).then(function (loadedShards) {
      if (my !== seq) return;
      var picked = ws.map(function (w, i) { return terms(loadedShards[i], w, typing && i === ws.length - 1); });
      // One word standing for one term, unfiltered, is answered from its
      // shard: the heaviest documents, the total and the facet counts are
      // there. Anything else needs every posting (the shards' tails).
      var single = ws.length === 1 && picked[0].length === 1 && !filtered;
      var none = ws.length > 0 && picked.every(function (p) { return !p.length; });
      var tails = [];
      if (!single) ws.forEach(function (w, i) {
        var s = loadedShards[i], n = shardOf(w, meta.shards);
        if (picked[i].some(function (t) { return 2 * s.n[t] > s.p[t].length; })) tails.push(load("tail", n, "tail-" + n + ".min.js"));
      });
      return Promise.all(tails).then(function () {
        if (my !== seq) return;
        var score = {}, hits = {}, stems = ws.slice();
        ws.forEach(function (w, i) {
          var s = loadedShards[i], tail = loaded["tail" + shardOf(w, meta.shards)] || {}, best = {};
          picked[i].forEach(function (t) {
            var p = single ? s.p[t] : s.p[t].concat(tail[t] || []);
            stems.push(fold(s.t[t]));
            for (var j = 0; j < p.length; j += 2) best[p[j]] = Math.max(best[p[j]] || 0, p[j + 1]);
          });
          for (var d in best) { score[d] = (score[d] || 0) + best[d]; hits[d] = (hits[d] || 0) + 1; }
        });
        var ids = Object.keys(score).map(Number);
        if (!ws.length) for (var d = 0; d < meta.docs; d++) ids.push(d);
        // Every document's facets, when more documents match than the
        // rows of one page of results carry.
        var all = !none && !single && (filtered || ids.length > page);
        return (all ? load("facets", 0, "facets.min.js") : Promise.resolve()).then(function (df) {
          if (my !== seq) return;
          if (filtered) ids = ids.filter(function (d) {
            return meta.facets.every(function (fm, f) {
              return !(fm.name in filters) || df[d][f].indexOf(fm.values.indexOf(filters[fm.name])) >= 0;
            });
          });
          ids.forEach(function (d) { score[d] = (score[d] || 0) * (hits[d] || 0) / Math.max(ws.length, 1); });
          ids.sort(function (a, b) { return (score[b] - score[a]) || (a - b); });
          var top = ids.slice(0, page), s0 = loadedShards[0], t0 = single && picked[0][0];
          return loadRows(top).then(function () {
            if (my !== seq) return;
            var counts = meta.facets.map(function (fm) { return fm.values.map(function () { return 0; }); });
            if (single && s0.c[t0]) {
              s0.c[t0].forEach(function (pairs, f) { for (var j = 0; j < pairs.length; j += 2) counts[f][pairs[j]] = pairs[j + 1]; });
            } else {
              ids.forEach(function (d) {
                var facetsOf = all ? df[d] : row(d)[3];
                facetsOf.forEach(function (vs, f) { vs.forEach(function (v) { counts[f][v]++; }); });
              });
            }
            facets(counts, filters);
            show(top, single ? s0.n[t0] : ids.length, ws, stems);
          });
        });
      });
    }).catch(function (e) { status.textContent = msgs.error + " (" + e.message + ")"; });
    var url = "?" + new URLSearchParams(Object.assign({ q: q }, filters)).toString();
    try { history.replaceState(null, "", url); } catch (e) { /* file:// may refuse; the search still runs */ }
  }
  function facets(counts, filters) {
    meta.facets.forEach(function (fm, f) {
      var sel = facetBox.querySelector("select[name=" + fm.name + "]");
      while (sel.options.length > 1) sel.remove(1);
      fm.values.forEach(function (v, i) {
        if (!counts[f][i] && filters[fm.name] !== v) return;
        var o = new Option(fm.labels[i] + " (" + counts[f][i] + ")", v);
        o.selected = filters[fm.name] === v;
        sel.add(o);
      });
    });
  }
  function show(top, total, ws, stems) {
    list.textContent = "";
    top.forEach(function (d) {
      var r = row(d), li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a"), p = document.createElement("p");
      a.href = site + r[0] + meta.index;
      mark(a, r[1], stems);
      mark(p, r[2], stems);
      h.appendChild(a); li.appendChild(h); li.appendChild(p); list.appendChild(li);
    });
    status.textContent = (ws.length || total < meta.docs ? msgs.found : msgs.all).replace("%d", total);
  }
  // mark writes text into el, wrapping words that begin with a query word
  // or a matched stem in <mark>; only text nodes are made, so no title can
  // inject markup.
  function mark(el, text, stems) {
    text.split(/([\p{L}\p{N}\p{M}]+)/u).forEach(function (part) {
      var f = fold(part), hit = part && stems.some(function (w) { return w.length > 1 && f.lastIndexOf(w, 0) === 0; });
      if (hit) { var m = document.createElement("mark"); m.textContent = part; el.appendChild(m); }
      else el.appendChild(document.createTextNode(part));
    });
  }
  var timer;
  load("meta", 0, "meta.min.js").then(function (m) {
    meta = m;
    meta.facets.forEach(function (fm) {
      var label = document.createElement("label"), sel = document.createElement("select");
      sel.name = fm.name;
      sel.add(new Option(msgs.any, ""));
      label.appendChild(document.createTextNode(msgs[fm.name] + " "));
      label.appendChild(sel);
      facetBox.appendChild(label);
      sel.addEventListener("change", run);
    });
    var p = params();
    input.value = p.q;
    meta.facets.forEach(function (fm) {
      var sel = facetBox.querySelector("select[name=" + fm.name + "]");
      if (p.f[fm.name]) sel.add(new Option(p.f[fm.name], p.f[fm.name], true, true));
    });
    run();
  }).catch(function (e) { status.textContent = msgs.error + " (" + e.message + ")"; });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run(true); }, 120); });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(false); });
})();
