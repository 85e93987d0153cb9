/* UnionPress site search. No dependencies, no server: the index under
   search/ is split into shards by term, so a query fetches only the shards of
   its terms and the fragments of the results it shows. Chinese text is
   indexed as single characters and character pairs, so any run of
   characters can be found without word segmentation; letters and digits
   form words matched whole, ignoring case. The rules mirror the Swift
   SearchIndex module (SearchCharacters, SearchQuery, SearchIndexReader). */
(function () {
  'use strict';
  var box = document.querySelector('[data-search-index]');
  if (!box || !window.fetch) return;
  var base = box.getAttribute('data-search-index');
  var form = box.querySelector('form');
  var input = box.querySelector('input[name=q]');
  var status = box.querySelector('.search-status');
  var list = box.querySelector('.search-results');
  var more = box.querySelector('.search-more');
  var PAGE = 10;
  var files = new Map();
  var shards = new Map();
  var generation = 0;
  var state = null;

  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c >= 0x41 && c <= 0x5A) return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c !== 0xD7) return c + 32;
    return c;
  }
  function isGram(v) {
    return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x323AF) ||
      (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x3040 && v <= 0x30FF) || (v >= 0xAC00 && v <= 0xD7AF) || v === 0x3007;
  }
  function isWord(v) {
    return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0xC0 && v <= 0x24F && v !== 0xD7 && v !== 0xF7);
  }
  // Characters of a text (code points) and their folded values.
  function scan(text) {
    var chars = Array.from(text);
    return { chars: chars, codes: chars.map(function (c) { return fold(c.codePointAt(0)); }) };
  }
  function str(codes) { return String.fromCodePoint.apply(null, codes); }

  // A query's parts: runs of letters, digits and Chinese characters (the
  // first 64 characters). Each part's terms are its words and enough bigrams
  // to cover its characters, at most 4; the fragment check confirms the rest.
  function parse(text) {
    var parts = [], run = [];
    function finish() {
      if (!run.length) return;
      var terms = [], segments = 0, i = 0;
      while (i < run.length) {
        var gram = isGram(run[i]), end = i + 1;
        while (end < run.length && isGram(run[end]) === gram) end++;
        var seg = run.slice(i, end);
        segments++;
        if (!gram || seg.length === 1) terms.push(str(seg));
        else {
          for (var s = 0; s + 1 < seg.length; s += 2) terms.push(str(seg.slice(s, s + 2)));
          if (seg.length % 2 === 1) terms.push(str(seg.slice(seg.length - 2)));
        }
        i = end;
      }
      parts.push({ codes: run, terms: terms.slice(0, 4), exact: segments === 1 && terms.length === 1 });
      run = [];
    }
    for (var ch of Array.from(text).slice(0, 64)) {
      var v = fold(ch.codePointAt(0));
      if (isGram(v) || isWord(v)) run.push(v); else finish();
    }
    finish();
    return parts;
  }

  function hash(term) {
    var h = 0x811c9dc5;
    for (var ch of term) h = Math.imul(h ^ ch.codePointAt(0), 16777619);
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  // Fetches an index file once; a failed fetch is forgotten, so the next
  // query tries again.
  function load(path) {
    if (!files.has(path)) {
      files.set(path, fetch(base + path).then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + path);
        return response.arrayBuffer();
      }).catch(function (error) {
        files.delete(path);
        shards.delete(path);
        throw error;
      }));
    }
    return files.get(path);
  }
  function manifest() {
    return load('index.json').then(function (buffer) { return JSON.parse(new TextDecoder().decode(buffer)); });
  }

  // A shard: term count, then (term, document count, postings length) per
  // term, then the postings. Postings: varint((delta << 1) | flag), and a
  // byte of field bits when flag is set (otherwise body only).
  function shard(buffer) {
    var bytes = new Uint8Array(buffer), pos = 0, decoder = new TextDecoder(), heads = [], terms = new Map();
    function varint() {
      var value = 0, scale = 1, b;
      do { b = bytes[pos++]; value += (b & 0x7F) * scale; scale *= 128; } while (b >= 0x80 && pos < bytes.length);
      return value;
    }
    var count = varint();
    for (var i = 0; i < count; i++) {
      var length = varint(), term = decoder.decode(bytes.subarray(pos, pos + length));
      pos += length;
      heads.push([term, varint(), varint()]);
    }
    heads.forEach(function (head) {
      terms.set(head[0], { count: head[1], start: pos, end: pos + head[2] });
      pos += head[2];
    });
    terms.postings = function (term) {
      var entry = terms.get(term), out = new Map();
      if (!entry) return out;
      var document = -1;
      pos = entry.start;
      while (pos < entry.end) {
        var value = varint(), delta = Math.floor(value / 2);
        document = document < 0 ? delta : document + delta;
        out.set(document, value % 2 ? bytes[pos++] : 1);
      }
      return out;
    };
    return terms;
  }
  function tier(bits) { return bits & 4 ? 2 : bits & 2 ? 1 : bits & 1 ? 0 : -1; }
  // Higher tier first, then the newer page: documents are numbered oldest first.
  function before(a, b) { return a.tier !== b.tier ? b.tier - a.tier : b.doc - a.doc; }

  // Where a folded phrase occurs in a scanned text: code point offsets,
  // whole words at its ends when it starts or ends with a letter or digit.
  function occurrences(codes, text, limit) {
    var found = [], n = codes.length, t = text.codes;
    if (!n) return found;
    var wordStart = isWord(codes[0]), wordEnd = isWord(codes[n - 1]);
    outer: for (var i = 0; i + n <= t.length; i++) {
      for (var k = 0; k < n; k++) if (t[i + k] !== codes[k]) continue outer;
      if (wordStart && i > 0 && isWord(t[i - 1])) continue;
      if (wordEnd && i + n < t.length && isWord(t[i + n])) continue;
      found.push([i, i + n]);
      if (found.length >= limit) break;
    }
    return found;
  }

  function fragment(doc, info) {
    var path = 'd/' + Math.floor(doc / info.per_folder) + '/' + doc + '.u16';
    return load(path).then(function (buffer) {
      var data = JSON.parse(new TextDecoder('utf-16le').decode(buffer));
      data.title = scan(data.t);
      data.names = scan(data.n.join('、'));
      data.meta = scan(data.m.join(' · '));
      data.body = scan(data.b);
      return data;
    });
  }
  // The best place every part occurs (2 title or names, 1 front matter, 0
  // body); -1 when some part is not in the page as a whole phrase.
  function verify(parts, data) {
    var worst = 2;
    for (var p = 0; p < parts.length; p++) {
      var codes = parts[p].codes, best = -1;
      if (occurrences(codes, data.title, 1).length || data.n.some(function (name) { return occurrences(codes, scan(name), 1).length; })) best = 2;
      else if (data.m.some(function (text) { return occurrences(codes, scan(text), 1).length; })) best = 1;
      else if (occurrences(codes, data.body, 1).length) best = 0;
      worst = Math.min(worst, best);
    }
    return worst;
  }

  function search(text) {
    var mine = ++generation;
    var parts = parse(text);
    list.textContent = '';
    more.hidden = true;
    if (!parts.length) { status.textContent = ''; state = null; return Promise.resolve(); }
    status.textContent = '正在搜索……';
    return manifest().then(function (info) {
      var terms = [];
      parts.forEach(function (part) { part.terms.forEach(function (t) { if (terms.indexOf(t) < 0) terms.push(t); }); });
      return Promise.all(terms.map(function (term) {
        var path = 's/' + (hash(term) % info.shards) + '.bin';
        if (!shards.has(path)) shards.set(path, load(path).then(shard));
        return shards.get(path).then(function (terms) { return [term, terms.postings(term)]; });
      })).then(function (pairs) {
        if (mine !== generation) return;
        var postings = new Map(pairs), upper = null;
        parts.forEach(function (part) {
          var shared = null;
          part.terms.slice().sort(function (a, b) { return postings.get(a).size - postings.get(b).size; }).forEach(function (term) {
            var list = postings.get(term);
            if (!shared) { shared = new Map(list); return; }
            var next = new Map();
            shared.forEach(function (bits, doc) { if (list.has(doc)) next.set(doc, bits & list.get(doc)); });
            shared = next;
          });
          var tiers = new Map();
          shared.forEach(function (bits, doc) {
            var t = tier(bits);
            if (t < 0) return;
            if (!upper) tiers.set(doc, t);
            else if (upper.has(doc)) tiers.set(doc, Math.min(upper.get(doc), t));
          });
          upper = tiers;
        });
        var candidates = [];
        upper.forEach(function (t, doc) { candidates.push({ doc: doc, tier: t }); });
        candidates.sort(before);
        state = { text: text, parts: parts, manifest: info, candidates: candidates, next: 0, verified: [], shown: 0,
          exact: parts.every(function (part) { return part.exact; }), generation: mine };
        return fill(PAGE);
      });
    }).catch(function (error) {
      if (mine !== generation) return;
      status.textContent = location.protocol === 'file:'
        ? '搜索需要通过网站地址（http）打开，不能直接打开本地文件。'
        : '搜索索引加载失败，请稍后再试。（' + error.message + '）';
    });
  }

  // Fetches and checks fragments in rank order until the first `want`
  // results are certain: no unchecked candidate can rank above them.
  function fill(want) {
    var s = state, limit = s.next + Math.max(50, want * 5);
    function step() {
      if (s.generation !== generation) return;
      s.verified.sort(before);
      var bound = s.candidates[s.next], certain = 0;
      while (certain < s.verified.length && (!bound || before(s.verified[certain], bound) <= 0)) certain++;
      if (certain >= want || s.next >= s.candidates.length || s.next >= limit) return show(want);
      var batch = s.candidates.slice(s.next, s.next + PAGE);
      s.next += batch.length;
      return Promise.all(batch.map(function (c) { return fragment(c.doc, s.manifest); })).then(function (datas) {
        datas.forEach(function (data, i) {
          var t = verify(s.parts, data);
          if (t >= 0) s.verified.push({ doc: batch[i].doc, tier: t, data: data });
        });
        return step();
      });
    }
    return step();
  }

  function show(want) {
    var s = state, end = Math.min(want, s.verified.length);
    for (var i = s.shown; i < end; i++) list.appendChild(result(s.verified[i].data, s.parts));
    s.shown = Math.max(s.shown, end);
    var done = s.next >= s.candidates.length;
    var total = done ? s.verified.length : s.candidates.length;
    if (!total) status.textContent = '没有找到与“' + s.text.trim() + '”相关的内容。';
    else status.textContent = (done || s.exact ? '找到 ' : '约 ') + total + ' 条结果';
    more.hidden = s.shown >= (done ? s.verified.length : s.candidates.length);
  }

  // Text with every occurrence of every part wrapped in <mark>; built with
  // text nodes only, so nothing from the index is parsed as HTML.
  function marked(parent, text, parts, from, to) {
    var ranges = [];
    var piece = { chars: text.chars.slice(from, to), codes: text.codes.slice(from, to) };
    parts.forEach(function (part) { ranges = ranges.concat(occurrences(part.codes, piece, 100)); });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at) return;
      if (r[0] > at) parent.appendChild(document.createTextNode(piece.chars.slice(at, r[0]).join('')));
      var mark = document.createElement('mark');
      mark.textContent = piece.chars.slice(r[0], r[1]).join('');
      parent.appendChild(mark);
      at = r[1];
    });
    if (at < piece.chars.length) parent.appendChild(document.createTextNode(piece.chars.slice(at).join('')));
    return parent;
  }

  function result(data, parts) {
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.className = 'search-title';
    link.href = data.u;
    item.appendChild(marked(link, data.title, parts, 0, data.title.chars.length));
    var meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = data.d + (data.s ? ' · ' + data.s : '');
    item.appendChild(meta);
    // The snippet comes from the body around the first match, else from the
    // names or front matter that matched, else it is the body's beginning.
    var source = data.body, at = -1;
    [data.body, data.names, data.meta].some(function (text) {
      for (var p = 0; p < parts.length; p++) {
        var found = occurrences(parts[p].codes, text, 1);
        if (found.length) { source = text; at = found[0][0]; return true; }
      }
      return false;
    });
    var from = Math.max(0, at - 30), to = Math.min(source.chars.length, from + 110);
    var snippet = document.createElement('p');
    snippet.className = 'snippet';
    if (from > 0) snippet.appendChild(document.createTextNode('…'));
    marked(snippet, source, parts, from, to);
    if (to < source.chars.length) snippet.appendChild(document.createTextNode('…'));
    item.appendChild(snippet);
    return item;
  }

  var timer = 0;
  function update(text) {
    var url = new URL(location.href);
    if (text.trim()) url.searchParams.set('q', text); else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    document.querySelectorAll('input[name=q]').forEach(function (field) { if (field !== input) field.value = text; });
    return search(text);
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { update(input.value); }, 200);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    update(input.value);
  });
  more.addEventListener('click', function () {
    if (state) fill(state.shown + PAGE);
  });
  var initial = new URLSearchParams(location.search).get('q') || '';
  document.querySelectorAll('input[name=q]').forEach(function (field) { field.value = initial; });
  if (initial) search(initial);
})();
