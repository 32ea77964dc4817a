// Static search client. Loads the index the build exported under
// search/<lang>/ as script files (so it also works from disk, where fetch()
// is blocked), and only the files a query needs. fold(), shardOf(),
// parse() and arabicStem() must match internal/search (search.go,
// query.go, bleve's Arabic analyzer); the query rules are written down in
// query.go.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var base = root.getAttribute("data-index"), site = root.getAttribute("data-root");
  var msgs = JSON.parse(root.getAttribute("data-messages"));
  var form = root.querySelector("form"), input = form.elements.q;
  var status = document.getElementById("search-status"), list = document.getElementById("search-results");
  var facetBox = document.getElementById("search-facets"), more = document.getElementById("search-more");
  var suggestBox = document.getElementById("search-suggest");
  var waiting = {}, loaded = {}, meta = null, stop = {};
  var page = 20; // must match pageSize in internal/search/export.go

  window.BPSearch = {
    add: function (kind, l, n, data) {
      var key = kind + n;
      loaded[key] = data;
      (waiting[key] || []).forEach(function (f) { f(data); });
      delete waiting[key];
    }
  };
  function load(kind, n) {
    return new Promise(function (resolve, reject) {
      var key = kind + n, file = kind + "-" + n + ".min.js";
      if (kind === "meta" || kind === "facets") file = kind + ".min.js";
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
  function hash(s, n) {
    var bytes = new TextEncoder().encode(s), h = 2166136261;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h % n;
  }
  function shardOf(key) { return hash(Array.from(key).slice(0, 3).join(""), meta.shards); }
  // suffixShard picks a word's vocabulary file by its last three
  // characters, as suffixShard in suggest.go does.
  function suffixShard(key) { return hash(Array.from(key).slice(-3).join(""), meta.vocab); }
  var cjk = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

  // bleve's Arabic normalizer and light stemmer (analysis/lang/ar), on a
  // folded word: one prefix, then each suffix in turn.
  var arPrefixes = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
  var arSuffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];
  function arabicStem(w) {
    var r = Array.from(w.replace(/[\u0622\u0623\u0625]/g, "\u0627").replace(/\u0649/g, "\u064A").replace(/\u0629/g, "\u0647").replace(/[\u0640\u064B-\u0652]/g, ""));
    for (var i = 0; i < arPrefixes.length; i++) {
      var p = Array.from(arPrefixes[i]);
      if ((p.length === 1 && r.length < 4) || r.length - p.length < 2) continue;
      if (r.slice(0, p.length).join("") === arPrefixes[i]) { r = r.slice(p.length); break; }
    }
    arSuffixes.forEach(function (s) {
      var x = Array.from(s);
      if (r.length - x.length >= 2 && r.slice(r.length - x.length).join("") === s) r = r.slice(0, r.length - x.length);
    });
    return r.join("");
  }

  // parse splits a query as splitQuery in query.go does: words and
  // "quoted phrases", either perhaps excluded by a leading "-".
  function parse(q) {
    var parts = [], rs = Array.from(q), i = 0, quote = /["“”„«»]/, space = /\s/;
    while (i < rs.length) {
      if (space.test(rs[i])) { i++; continue; }
      var p = { text: "", phrase: false, exclude: false }, start;
      if (rs[i] === "-" && i + 1 < rs.length && !space.test(rs[i + 1]) && rs[i + 1] !== "-") { p.exclude = true; i++; }
      if (quote.test(rs[i])) {
        p.phrase = true; start = ++i;
        while (i < rs.length && !quote.test(rs[i])) i++;
        p.text = rs.slice(start, i++).join("");
      } else {
        start = i;
        while (i < rs.length && !space.test(rs[i]) && !quote.test(rs[i])) i++;
        p.text = rs.slice(start, i).join("");
      }
      if (p.text.trim()) parts.push(p);
    }
    return parts;
  }
  // tokens are a text's words as the analyzer sees them, with their
  // places: runs of Han, kana or hangul become bigrams as bleve's CJK
  // analyzer makes them; an elided article or possessive ending (d'…,
  // …'s) is not a word of its own; dropped words keep their place.
  function tokens(text) {
    var out = [], m, re = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu, off = 0;
    while ((m = re.exec(text))) {
      var w = m[0];
      if (cjk.test(w)) {
        var chars = Array.from(w);
        if (chars.length === 1) out.push({ w: fold(w), off: off++ });
        for (var i = 0; i + 1 < chars.length; i++) out.push({ w: fold(chars[i] + chars[i + 1]), off: off++ });
        continue;
      }
      var parts = fold(w).split(/['’]/), long = parts.filter(function (p) { return Array.from(p).length > 1; });
      if (long.length) parts = long;
      var key = parts.reduce(function (a, b) { return b.length > a.length ? b : a; });
      if (!stop[fold(w)] && !stop[key]) out.push({ w: key, off: off });
      off++;
    }
    return out.slice(0, 16);
  }
  // lookup finds the analyzed terms of a word, as [shard, term] pairs:
  // the word as the site wrote it; its completions when the reader is
  // still typing it; for Arabic, its stem, and without a joined
  // preposition (بتونس → تونس) when the index lacks the word; else the
  // longest indexed term it extends by a common ending the stemmer
  // would remove ("fundings" → "fund"), never by other letters or digits
  // ("ICT4D" is not "ICT", "incubtor" not "incub").
  var endings = ["s", "es", "ed", "ing", "ings", "e", "x"];
  function lookup(w, typing) {
    function keyed(key) {
      var n = shardOf(key);
      return load("shard", n).then(function (s) {
        var found = {};
        (s.w[key] || []).forEach(function (t) { found[t] = 1; });
        if (typing && Array.from(key).length >= 3) {
          var c = 0;
          for (var k in s.w) {
            if (c < 20 && k !== key && k.lastIndexOf(key, 0) === 0) { s.w[k].forEach(function (t) { found[t] = 1; }); c++; }
          }
        }
        return Object.keys(found).map(function (t) { return [n, +t]; });
      });
    }
    function stemmed(key) {
      return keyed(key).then(function (ts) {
        if (ts.length || !meta.stems) return ts;
        var st = fold(arabicStem(key));
        return st === key ? ts : keyed(st);
      });
    }
    return stemmed(w).then(function (ts) {
      var chars = Array.from(w);
      if (ts.length) return ts;
      if (meta.stems) return chars.length >= 4 && "بلكفو".indexOf(chars[0]) >= 0 ? stemmed(chars.slice(1).join("")) : ts;
      var n = shardOf(w), s = loaded["shard" + n], best = -1, bestLen = 0;
      s.t.forEach(function (t, i) {
        var f = fold(t), rest = w.slice(f.length);
        if (f.length >= 3 && f.length > bestLen && endings.indexOf(rest) >= 0 && w.lastIndexOf(f, 0) === 0) { best = i; bestLen = f.length; }
      });
      return best >= 0 ? [[n, best]] : [];
    });
  }
  // suggest is the closest word the site uses to w, which it does not:
  // among the keys of w's shard with its first three characters and, for
  // a word of four or more, those of its vocabulary file with its last
  // three (loaded by run), the fewest edits away (one for up to five
  // characters, two beyond), then the first in byte order. suggest() in
  // suggest.go is the same.
  function suggest(w) {
    var chars = Array.from(w), prefix = chars.slice(0, 3).join(""), suffix = chars.length > 3 ? chars.slice(-3).join("") : null;
    if (chars.length < 3) return "";
    var s = loaded["shard" + shardOf(w)], limit = chars.length > 5 ? 2 : 1, best = "", bestDist = limit + 1;
    var candidates = Object.keys(s.w).filter(function (k) { return k.lastIndexOf(prefix, 0) === 0; });
    if (suffix) candidates = candidates.concat(loaded["vocab" + suffixShard(w)].filter(function (k) { return Array.from(k).slice(-3).join("") === suffix; }));
    candidates.filter(function (k) { return k !== w; }).sort(bytewise).forEach(function (k) {
      var d = distance(Array.from(k), chars);
      if (d < bestDist) { best = k; bestDist = d; }
    });
    return best;
  }
  function bytewise(a, b) {
    var x = new TextEncoder().encode(a), y = new TextEncoder().encode(b);
    for (var i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }
  function distance(a, b) {
    var prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  }
  // suggestion writes the query again with its unknown words replaced,
  // as plan.suggestion in query.go does, or returns "".
  function suggestion(parts, must) {
    var replace = {}, any = false;
    must.forEach(function (c) {
      var w = c.words[0];
      if (c.phrase || w.terms.length) return;
      var s = suggest(w.w);
      if (s) { replace[w.w] = s; any = true; }
    });
    if (!any) return "";
    return parts.map(function (p) {
      var text = p.text;
      if (!p.phrase && !p.exclude) text = text.split(/\s+/).filter(Boolean).map(function (w) { return replace[fold(w)] || w; }).join(" ");
      if (p.phrase) text = '"' + text + '"';
      if (p.exclude) text = "-" + text;
      return text;
    }).join(" ");
  }
  // postings returns a term's documents and weights (doc, weight, …):
  // its shard's heaviest, and with all, the rest from the tail file.
  function postings(nt, all) {
    var s = loaded["shard" + nt[0]], head = s.p[nt[1]];
    if (!all || 2 * s.n[nt[1]] <= head.length) return head;
    return head.concat(loaded["tail" + nt[0]][nt[1]]);
  }
  function needsTail(nt) {
    var s = loaded["shard" + nt[0]];
    return 2 * s.n[nt[1]] > s.p[nt[1]].length;
  }
  // scores of a clause (a word, or a phrase's words): doc → summed weight,
  // for the documents that have every word.
  function clauseScores(c) {
    var sum = null;
    c.words.forEach(function (word) {
      var best = {};
      word.terms.forEach(function (nt) {
        var p = postings(nt, true);
        for (var j = 0; j < p.length; j += 2) best[p[j]] = Math.max(best[p[j]] || 0, p[j + 1]);
      });
      if (sum === null) { sum = best; return; }
      var next = {};
      for (var d in sum) if (d in best) next[d] = sum[d] + best[d];
      sum = next;
    });
    if (c.phrase) for (var d in sum) if (!inOrder(c, +d)) delete sum[d];
    return sum || {};
  }
  // positions decodes a term's positions in a document from its position
  // file (see appendPositions in export.go) as field·2²⁰ + position.
  function positions(nt, d, set) {
    var s = loaded["shard" + nt[0]], p = loaded["pos" + s.q[nt[1]]][nt[1]];
    for (var j = 0; j < p.length; j += 2) {
      if (p[j] !== d) continue;
      var field = 0, at = 0;
      p[j + 1].forEach(function (x) {
        if (x < 0) { field = -x - 1; at = 0; return; }
        at += x;
        set[field * 1048576 + at] = 1;
      });
    }
    return set;
  }
  // inOrder checks that a phrase's words stand in a document at their
  // places.
  function inOrder(c, d) {
    var sets = c.words.map(function (word) {
      var set = {};
      word.terms.forEach(function (nt) { positions(nt, d, set); });
      return set;
    });
    var off0 = c.words[0].off;
    return Object.keys(sets[0]).some(function (x) {
      return c.words.every(function (word, i) { return sets[i][+x + word.off - off0]; });
    });
  }

  function selected() {
    var filters = {};
    meta.facets.forEach(function (fm) {
      var vs = Array.from(facetBox.querySelectorAll("input[name=" + fm.name + "]:checked")).map(function (b) { return b.value; });
      if (vs.length) filters[fm.name] = vs;
    });
    return filters;
  }
  var seq = 0, state = null;
  function row(d) { return loaded["docs" + Math.floor(d / meta.perFile)][d % meta.perFile]; }
  function loadRows(ids) {
    var files = {};
    ids.forEach(function (d) { files[Math.floor(d / meta.perFile)] = 1; });
    return Promise.all(Object.keys(files).map(function (n) { return load("docs", n); }));
  }
  function group(d) { return meta.groups[d] || 0; }

  // run searches for what the box holds; typing says the reader is still
  // writing the last word, so its completions count too.
  // A filter or "clear all" keeps the mode of the words in the box: a
  // word still being typed stays a prefix until the reader submits.
  var typed = false;
  function rerun() { run(typed); }
  function run(typing) {
    typed = typing === true;
    var my = ++seq, q = input.value, parts = parse(q), filters = selected(), filtered = Object.keys(filters).length > 0;
    typing = typing === true && !/\s$/.test(q);
    var must = [], not = [], words = [];
    parts.forEach(function (part, pi) {
      var toks = tokens(part.text);
      if (!toks.length) return;
      var last = typing && pi === parts.length - 1 && !part.phrase && !part.exclude;
      toks.forEach(function (t, i) { t.typing = last && i === toks.length - 1; words.push(t); });
      if (part.exclude) not.push({ words: toks, phrase: toks.length > 1 });
      else if (part.phrase && toks.length > 1) must.push({ words: toks, phrase: true });
      else toks.forEach(function (t) { must.push({ words: [t], phrase: false }); });
    });
    Promise.all(words.map(function (w) { return lookup(w.w, w.typing); })).then(function (found) {
      if (my !== seq) return;
      words.forEach(function (w, i) { w.terms = found[i]; });
      // One word standing for one term, unfiltered, is answered from its
      // shard: the heaviest documents, the total and the facet counts are
      // there. Anything else needs every posting (the shards' tails).
      var single = must.length === 1 && !must[0].phrase && !not.length && !filtered && must[0].words[0].terms.length === 1;
      var files = [];
      words.forEach(function (w) {
        w.terms.forEach(function (nt) {
          if (!single && needsTail(nt)) files.push(load("tail", nt[0]));
        });
        // A word the site does not use gets a "did you mean" (suggest).
        if (!w.terms.length && Array.from(w.w).length > 3) files.push(load("vocab", suffixShard(w.w)));
      });
      must.concat(not).forEach(function (c) {
        if (c.phrase) c.words.forEach(function (w) { w.terms.forEach(function (nt) { files.push(load("pos", loaded["shard" + nt[0]].q[nt[1]])); }); });
      });
      return Promise.all(files).then(function () {
        if (my !== seq) return;
        var ids, total, score = {}, matched = must.length, head = null;
        if (single) {
          var nt = must[0].words[0].terms[0];
          head = postings(nt, false);
          ids = [];
          for (var j = 0; j < head.length; j += 2) { ids.push(head[j]); score[head[j]] = head[j + 1]; }
          total = loaded["shard" + nt[0]].n[nt[1]];
        } else {
          var hits = {};
          must.forEach(function (c) {
            var s = clauseScores(c);
            for (var d in s) { score[d] = (score[d] || 0) + s[d]; hits[d] = (hits[d] || 0) + 1; }
          });
          ids = Object.keys(score).map(Number);
          // No page has every word: the pages with the most of them.
          matched = ids.reduce(function (m, d) { return Math.max(m, hits[d]); }, 0);
          ids = ids.filter(function (d) { return hits[d] === matched; });
          if (!must.length && (!parts.length || not.length)) for (var d = 0; d < meta.docs; d++) ids.push(d);
          var out = {};
          not.forEach(function (c) { for (var d in clauseScores(c)) out[d] = 1; });
          ids = ids.filter(function (d) { return !out[d]; });
        }
        var all = !single && (filtered || ids.length > page);
        return (all ? load("facets", 0) : Promise.resolve()).then(function (df) {
          if (my !== seq) return;
          // passes says whether a document has one of the checked values
          // of every facet but skip.
          function passes(d, skip) {
            return meta.facets.every(function (fm, f) {
              return f === skip || !(fm.name in filters) || filters[fm.name].some(function (v) { return df[d][f].indexOf(fm.values.indexOf(v)) >= 0; });
            });
          }
          var unfiltered = ids;
          if (filtered) ids = ids.filter(function (d) { return passes(d, -1); });
          if (!single) {
            ids.sort(function (a, b) { return (group(a) - group(b)) || ((score[b] || 0) - (score[a] || 0)) || (a - b); });
            total = ids.length;
          }
          var marks = [];
          words.forEach(function (w) {
            marks.push(w.w);
            w.terms.forEach(function (nt) { marks.push(fold(loaded["shard" + nt[0]].t[nt[1]])); });
          });
          var better = (matched < must.length || !total) ? suggestion(parts, must) : "";
          state = { my: my, ids: ids, total: total, shown: 0, better: better, single: single && must[0].words[0].terms[0], marks: marks, df: df, words: must.length, matched: matched, all: !parts.length };
          return loadRows(ids.slice(0, page)).then(function () {
            if (my !== seq) return;
            var counts = meta.facets.map(function (fm) { return fm.values.map(function () { return 0; }); });
            var s0 = single && loaded["shard" + state.single[0]];
            if (single && s0.c[state.single[1]]) {
              s0.c[state.single[1]].forEach(function (pairs, f) { for (var j = 0; j < pairs.length; j += 2) counts[f][pairs[j]] = pairs[j + 1]; });
            } else if (filtered) {
              // A facet's counts ignore its own checked values, so its
              // other values stay offered: checking one more widens.
              unfiltered.forEach(function (d) {
                df[d].forEach(function (vs, f) { if (passes(d, f)) vs.forEach(function (v) { counts[f][v]++; }); });
              });
            } else {
              ids.forEach(function (d) {
                (df ? df[d] : row(d)[3]).forEach(function (vs, f) { vs.forEach(function (v) { counts[f][v]++; }); });
              });
            }
            facets(counts, filters);
            offer(state.better);
            list.textContent = "";
            showMore(false);
          });
        });
      });
    }).catch(function (e) { status.textContent = msgs.error + " (" + e.message + ")"; });
    var params = new URLSearchParams({ q: q });
    Object.keys(filters).forEach(function (name) { filters[name].forEach(function (v) { params.append(name, v); }); });
    try { history.replaceState(null, "", "?" + params.toString()); } catch (e) { /* file:// may refuse; the search still runs */ }
  }
  // showMore shows the next page of results, loading only their rows
  // (and, past a word's heaviest documents, its tail file); byReader says
  // the reader asked, so focus moves to the first new result.
  function showMore(byReader) {
    var st = state, from = st.shown, until = Math.min(st.total, from + page);
    var tail = st.single && until > st.ids.length ? load("tail", st.single[0]) : Promise.resolve();
    return tail.then(function () {
      if (st.single && until > st.ids.length) {
        var rest = loaded["tail" + st.single[0]][st.single[1]] || [];
        for (var j = 0; j < rest.length; j += 2) st.ids.push(rest[j]);
      }
      var ids = st.ids.slice(from, until);
      return loadRows(ids).then(function () {
        if (st !== state) return;
        var first = null;
        ids.forEach(function (d) {
          var li = result(d, st.marks);
          list.appendChild(li);
          first = first || li.querySelector("a");
        });
        st.shown = until;
        var text = st.all ? msgs.all.replace("%d", st.total) : msgs.found.replace("%d", st.total);
        if (st.matched < st.words && st.total > 0) text = msgs.partial.replace("{words}", st.words).replace("{matched}", st.matched) + " " + text;
        if (st.shown < st.total) text += " " + msgs.shown.replace("{shown}", st.shown).replace("{total}", st.total);
        status.textContent = text;
        more.hidden = st.shown >= st.total;
        if (byReader && first) first.focus();
      });
    }).catch(function (e) { status.textContent = msgs.error + " (" + e.message + ")"; });
  }
  function result(d, marks) {
    var r = row(d), li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a"), p = document.createElement("p");
    a.href = site + r[0] + meta.index;
    mark(a, r[1], marks);
    mark(p, passage(r, marks), marks);
    h.appendChild(a); li.appendChild(h); li.appendChild(what(r)); li.appendChild(p);
    return li;
  }
  // offer shows "did you mean" with a link that runs the better query.
  function offer(better) {
    suggestBox.textContent = "";
    suggestBox.hidden = !better;
    if (!better) return;
    var a = document.createElement("a");
    a.href = "?" + new URLSearchParams({ q: better }).toString();
    a.textContent = better;
    a.addEventListener("click", function (e) { e.preventDefault(); input.value = better; run(); input.focus(); });
    suggestBox.appendChild(document.createTextNode(msgs.suggest + " "));
    suggestBox.appendChild(a);
  }
  // what says what a result is: its type, countries and first year, or
  // that it is a page of another kind.
  var listFormat = window.Intl && Intl.ListFormat ? new Intl.ListFormat(document.documentElement.lang, { type: "unit", style: "short" }) : null;
  function what(r) {
    var p = document.createElement("p"), parts = [];
    p.className = "search-what";
    ["type", "country"].forEach(function (name) {
      var f = meta.facets.findIndex(function (fm) { return fm.name === name; });
      var labels = (r[3][f] || []).map(function (v) { return meta.facets[f].labels[v]; });
      if (labels.length) parts.push(listFormat ? listFormat.format(labels) : labels.join(", "));
    });
    if (!parts.length) parts.push(msgs.page);
    if (r[4]) parts.push(String(r[4]));
    p.textContent = parts.join(" · ");
    return p;
  }
  // passage is what a result quotes: the sentence of its body's opening
  // (row[5], excerptSource in excerpt.go) with the most query words, the
  // earliest on a tie, cut to about 200 characters around its first; or,
  // when no sentence has one, the summary.
  function passage(r, marks) {
    var best = null, most = 0;
    (r[5] || []).forEach(function (s) {
      var n = matches(s, marks).length;
      if (n > most) { best = s; most = n; }
    });
    if (!best) return r[2];
    var chars = Array.from(best), at = matches(best, marks)[0].at;
    if (chars.length <= 200) return best;
    var from = Math.max(0, at - 60), to = Math.min(chars.length, from + 200);
    return (from > 0 ? "…" : "") + chars.slice(from, to).join("").trim() + (to < chars.length ? "…" : "");
  }
  // matches lists the query words (marks) text has, each once, with the
  // character offset of its first occurrence, by the rule mark() uses.
  function matches(text, marks) {
    var found = [], seen = {}, at = 0;
    text.split(/([\p{L}\p{N}\p{M}]+)/u).forEach(function (part) {
      var f = fold(part);
      marks.forEach(function (w) {
        if (seen[w] || w.length < 1) return;
        var i = cjk.test(w) ? part.indexOf(w) : (w.length > 1 && f.lastIndexOf(w, 0) === 0 ? 0 : -1);
        if (i >= 0) { seen[w] = 1; found.push({ w: w, at: at + Array.from(part.slice(0, i)).length }); }
      });
      at += Array.from(part).length;
    });
    return found.sort(function (a, b) { return a.at - b.at; });
  }
  // mark writes text into el, wrapping in <mark> the words that begin
  // with a query word or a matched term, and in Chinese and other CJK
  // text every character a query bigram covers: the bigrams of one word
  // overlap (孵化, 化器), so each is looked for on its own, not as
  // alternatives of one pattern, which would mark 孵化 and leave 器.
  // Only text nodes are made, so no title can inject markup.
  function mark(el, text, marks) {
    var han = marks.filter(function (w) { return cjk.test(w); });
    text.split(/([\p{L}\p{N}\p{M}]+)/u).forEach(function (part) {
      if (han.length && cjk.test(part)) return markRuns(el, part, covered(part, han));
      var f = fold(part);
      var hit = marks.some(function (w) { return w.length > 1 && !cjk.test(w) && f.lastIndexOf(w, 0) === 0; });
      markRuns(el, part, part.split("").map(function () { return hit; }));
    });
  }
  // covered says, for each UTF-16 unit of part, whether a CJK mark covers it.
  function covered(part, han) {
    var on = part.split("").map(function () { return false; });
    han.forEach(function (w) {
      for (var i = part.indexOf(w); i >= 0; i = part.indexOf(w, i + 1)) {
        for (var j = i; j < i + w.length; j++) on[j] = true;
      }
    });
    return on;
  }
  // markRuns appends part to el, runs whose units are on inside <mark>.
  function markRuns(el, part, on) {
    for (var i = 0; i < part.length;) {
      var j = i;
      while (j < part.length && on[j] === on[i]) j++;
      var piece = part.slice(i, j);
      if (on[i]) { var m = document.createElement("mark"); m.textContent = piece; el.appendChild(m); }
      else el.appendChild(document.createTextNode(piece));
      i = j;
    }
  }
  // facets draws each facet as a group of checkboxes, values with
  // results or checked, in the order the build gave (by meaning).
  function facets(counts, filters) {
    meta.facets.forEach(function (fm, f) {
      var box = facetBox.querySelector("fieldset[data-facet=" + fm.name + "]"), ul = box.querySelector("ul");
      ul.textContent = "";
      fm.values.forEach(function (v, i) {
        var on = (filters[fm.name] || []).indexOf(v) >= 0;
        if (!counts[f][i] && !on) return;
        var li = document.createElement("li"), label = document.createElement("label"), cb = document.createElement("input");
        cb.type = "checkbox"; cb.name = fm.name; cb.value = v; cb.checked = on;
        label.appendChild(cb);
        label.appendChild(document.createTextNode(" " + fm.labels[i] + " (" + counts[f][i] + ")"));
        li.appendChild(label); ul.appendChild(li);
      });
      box.hidden = !ul.firstChild;
    });
    clear.hidden = Object.keys(filters).length === 0;
    document.getElementById("search-filters").hidden = clear.hidden && !facetBox.querySelector("fieldset:not([hidden])");
  }
  var timer, clear = document.createElement("button");
  clear.type = "button";
  clear.textContent = msgs.clear;
  clear.hidden = true;
  clear.addEventListener("click", function () {
    facetBox.querySelectorAll("input:checked").forEach(function (b) { b.checked = false; });
    rerun();
  });
  more.addEventListener("click", function () { showMore(true); });
  load("meta", 0).then(function (m) {
    meta = m;
    meta.stop.forEach(function (w) { stop[w] = 1; });
    var p = new URLSearchParams(location.search);
    meta.facets.forEach(function (fm) {
      var box = document.createElement("fieldset"), legend = document.createElement("legend"), ul = document.createElement("ul");
      box.setAttribute("data-facet", fm.name);
      legend.textContent = msgs[fm.name];
      box.appendChild(legend); box.appendChild(ul);
      facetBox.appendChild(box);
      // Checked values from the URL, shown before the first counts.
      p.getAll(fm.name).forEach(function (v) {
        var cb = document.createElement("input");
        cb.type = "checkbox"; cb.name = fm.name; cb.value = v; cb.checked = true; cb.hidden = true;
        ul.appendChild(cb);
      });
    });
    facetBox.appendChild(clear);
    // Filters stand open beside the results on a wide screen; on a phone
    // they wait behind their summary, so the results come first.
    if (window.matchMedia("(min-width: 50rem)").matches || meta.facets.some(function (fm) { return p.has(fm.name); })) document.getElementById("search-filters").open = true;
    facetBox.addEventListener("change", rerun);
    input.value = p.get("q") || "";
    run();
  }).catch(function (e) { status.textContent = msgs.error + " (" + e.message + ")"; });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run(true); }, 120); });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(false); });
})();
