/**
 * The journal page (`GET /__standin/`): every request of every session, live, in a browser; and the same
 * view as a standalone file with the entries embedded (the Playwright report's attachment).
 *
 * One HTML string with inline CSS and a small vanilla script, no framework and no build step. Every value
 * from the journal is user or model content: the script builds the DOM with `textContent` only, never
 * `innerHTML`, and embedded entries sit in a JSON data block with `<` escaped. A Content-Security-Policy
 * allows only this page's own script and style (by hash) and requests to its own origin.
 *
 * The page holds no journal data itself: it reads `journal/events` (relative to itself, so under a
 * `/_s/<id>` prefix it shows that session), sending the control token when one is set. The token comes from
 * the address's fragment (`/__standin/#token=...`, never sent to the server nor logged) or a prompt, and is
 * kept in the tab's `sessionStorage`.
 * @module
 */
import { lazyRequire } from '../core/lazy-require'
import type { JournalEntry } from '../journal/journal'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#667085;--line:#e4e7ec;--row:#f8f9fb;
--ok:#0f7b3e;--miss:#b54708;--err:#c01048;--chaos:#7a2ee0;--rec:#155eef;--code:#f2f4f7}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8b949e;--line:#30363d;
--row:#161b22;--ok:#3fb950;--miss:#d29922;--err:#f85149;--chaos:#bc8cff;--rec:#58a6ff;--code:#1f242c}}
*{box-sizing:border-box}
body{margin:0;font:13px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
header{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;
padding:10px 16px;background:var(--bg);border-bottom:1px solid var(--line)}
h1{font-size:15px;margin:0 8px 0 0}
label{color:var(--muted)}
select,input{font:inherit;margin-left:4px;padding:2px 4px;background:var(--bg);color:var(--fg);
border:1px solid var(--line);border-radius:4px}
#status{margin-left:auto;color:var(--muted)}
#status[data-state=live]::before{content:"\\25CF ";color:var(--ok)}
#status[data-state=offline]::before{content:"\\25CF ";color:var(--err)}
main{padding:0 0 24px}
.entry{border-bottom:1px solid var(--line)}
.entry>summary{display:grid;grid-template-columns:92px 120px minmax(170px,1.2fr) 170px 44px 78px minmax(160px,2fr) 72px;
gap:10px;align-items:baseline;padding:5px 16px;cursor:pointer;list-style:none}
.entry>summary::-webkit-details-marker{display:none}
.entry>summary:hover,.entry[open]>summary{background:var(--row)}
.cols{display:grid;grid-template-columns:92px 120px minmax(170px,1.2fr) 170px 44px 78px minmax(160px,2fr) 72px;
gap:10px;padding:6px 16px;color:var(--muted);border-bottom:1px solid var(--line);font-size:12px}
.cell{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.badge{display:inline-block;padding:0 6px;border-radius:9px;font-size:11px;font-weight:600;color:#fff;background:var(--muted)}
.badge.matched{background:var(--ok)}.badge.miss{background:var(--miss)}.badge.error{background:var(--err)}
.badge.chaos{background:var(--chaos)}.badge.rate-limited{background:var(--miss)}.badge.recorded{background:var(--rec)}
.detail{padding:4px 16px 12px 118px;display:grid;grid-template-columns:110px 1fr;gap:4px 12px}
.detail dt{color:var(--muted)}
.detail dd{margin:0;min-width:0}
pre{margin:0;padding:6px 8px;background:var(--code);border-radius:4px;white-space:pre-wrap;word-break:break-word;
max-height:320px;overflow:auto}
.tag{margin-left:6px;padding:0 4px;border:1px solid var(--line);border-radius:3px;font-size:11px;color:var(--muted)}
.empty{padding:24px 16px;color:var(--muted)}
form.token{display:flex;gap:8px;padding:16px}
`

const SCRIPT = `
(function () {
  'use strict';
  var data = document.getElementById('standin-data');
  var snapshot = data ? JSON.parse(data.textContent || '[]') : null;
  var entries = [];
  var seen = {};
  var list = document.getElementById('entries');
  var shownCount = document.getElementById('count');
  var statusEl = document.getElementById('status');
  var filters = {
    session: document.getElementById('f-session'),
    provider: document.getElementById('f-provider'),
    outcome: document.getElementById('f-outcome')
  };
  var params = new URLSearchParams(location.search);
  var wanted = { session: params.get('session'), provider: params.get('provider'), outcome: params.get('outcome') };
  var TOKEN_KEY = 'standin-control-token';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function outcomeOf(e) {
    var r = e.response || {};
    if (r.chaos) return 'chaos';
    if (r.rateLimited) return 'rate-limited';
    if (r.upstream) return 'recorded';
    if (e.fixture) return 'matched';
    if (e.miss) return 'miss';
    if (r.status >= 400) return 'error';
    return 'other';
  }

  function clock(ms) {
    var d = new Date(ms);
    function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' + pad(d.getMilliseconds(), 3);
  }

  function ms(n) {
    return typeof n === 'number' ? (n < 10 ? n.toFixed(1) : Math.round(n)) + ' ms' : '';
  }

  function textOf(content) {
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) {
      return content.map(function (part) { return part && typeof part.text === 'string' ? part.text : ''; }).join('');
    }
    return '';
  }

  function lastUserMessage(e) {
    var req = e.request;
    if (req && Array.isArray(req.messages)) {
      for (var i = req.messages.length - 1; i >= 0; i--) {
        var m = req.messages[i];
        if (m && m.role === 'user') return typeof m.text === 'string' ? m.text : textOf(m.content);
      }
    }
    if (e.miss && e.miss.request) return e.miss.request.lastUserMessage || e.miss.request.inputText || '';
    return '';
  }

  function answerOf(e, outcome) {
    var r = e.response || {};
    if (r.chaos) return 'chaos: ' + r.chaos + (e.fixture ? ' (' + e.fixture.id + ')' : '');
    if (r.rateLimited) return 'rate limit: ' + r.rateLimited + ' quota spent';
    if (e.fixture) return e.fixture.id + ' \\u2190 ' + e.fixture.source;
    if (e.miss) return String(e.miss.message || 'no fixture matched').split('\\n')[0];
    if (r.error) return r.error.message;
    return outcome === 'recorded' ? r.upstream.url : '';
  }

  function field(dl, name, value, pre) {
    if (value === undefined || value === null || value === '') return;
    dl.appendChild(el('dt', '', name));
    var dd = el('dd');
    dd.appendChild(pre ? el('pre', 'mono', value) : el('span', '', value));
    dl.appendChild(dd);
  }

  function detail(e) {
    var r = e.response || {};
    var dl = el('dl', 'detail');
    field(dl, 'Time', new Date(e.time).toISOString() + ' \\u00b7 ' + e.durationMs + ' ms');
    field(dl, 'Session', e.session);
    field(dl, 'Surface', [e.surface, e.provider].filter(Boolean).join(' \\u00b7 '));
    var req = e.request || {};
    if (req.model) field(dl, 'Model', req.model);
    if (req.kind === 'tool-call') field(dl, 'Tool call', req.name + '(' + JSON.stringify(req.arguments) + ')', true);
    if (req.kind === 'rpc') field(dl, 'RPC', req.method + ' ' + JSON.stringify(req.params), true);
    if (req.kind === 'vector') field(dl, 'Vector', [req.dialect, req.operation, req.collection, req.namespace ? 'namespace ' + req.namespace : '', req.topK !== undefined ? 'topK ' + req.topK : '', req.filter !== undefined ? 'filter ' + JSON.stringify(req.filter) : '', req.canned ? 'canned' : ''].filter(Boolean).join(' '), true);
    if ((req.kind === 'embedding' || req.kind === 'moderation') && Array.isArray(req.inputs)) field(dl, 'Inputs', req.inputs.join('\\n'), true);
    if (req.kind === 'search' || req.kind === 'rerank') field(dl, 'Query', req.query, true);
    if (req.kind === 'rerank' && Array.isArray(req.documents)) field(dl, 'Documents', req.documents.map(function (d, i) { return i + ': ' + d; }).join('\\n'), true);
    if (req.kind === 'extract' && Array.isArray(req.urls)) field(dl, 'URLs', req.urls.join('\\n'), true);
    field(dl, 'User message', lastUserMessage(e), true);
    if (e.fixture) field(dl, 'Fixture', e.fixture.id + ' (' + e.fixture.source + ')');
    if (r.chaos) field(dl, 'Chaos', r.chaos);
    field(dl, 'Status', r.status + (r.stream ? ' \\u00b7 streamed' : ''));
    field(dl, 'Text', r.text, true);
    field(dl, 'Reasoning', r.reasoning, true);
    if (Array.isArray(r.toolCalls) && r.toolCalls.length) {
      field(dl, 'Tool calls', r.toolCalls.map(function (c) { return c.name + '(' + c.arguments + ')'; }).join('\\n'), true);
    }
    if (typeof r.vectors === 'number') field(dl, 'Vectors', r.vectors);
    if (typeof r.results === 'number') field(dl, 'Results', r.results);
    if (r.error) field(dl, 'Error', [r.error.code || r.error.type, r.error.message].filter(Boolean).join(': '), true);
    if (r.upstream) {
      field(dl, 'Upstream', r.upstream.mode + ' ' + r.upstream.url + ' \\u2192 ' + r.upstream.status +
        (r.upstream.file ? ' \\u00b7 ' + r.upstream.file : '') + (r.upstream.error ? ' \\u00b7 ' + r.upstream.error : ''));
    }
    if (e.miss) field(dl, 'Miss', e.miss.message, true);
    field(dl, 'Request body', e.body + (e.bodyTruncated ? '\\n\\u2026 (truncated)' : ''), true);
    return dl;
  }

  function row(e) {
    var outcome = outcomeOf(e);
    var item = el('details', 'entry');
    item.dataset.entryId = e.id;
    item.dataset.session = e.session;
    item.dataset.provider = e.provider || '';
    item.dataset.outcome = outcome;
    var s = el('summary');
    s.appendChild(el('span', 'cell mono', clock(e.time)));
    s.appendChild(el('span', 'cell', e.session));
    s.appendChild(el('span', 'cell mono', e.method + ' ' + e.path));
    var surface = el('span', 'cell', e.surface || '\\u2014');
    if ((e.response || {}).stream) surface.appendChild(el('span', 'tag', 'stream'));
    s.appendChild(surface);
    s.appendChild(el('span', 'cell num', (e.response || {}).status));
    var b = el('span', 'cell');
    b.appendChild(el('span', 'badge ' + outcome, outcome));
    s.appendChild(b);
    s.appendChild(el('span', 'cell', answerOf(e, outcome)));
    s.appendChild(el('span', 'cell num', ms(e.durationMs)));
    item.appendChild(s);
    item.addEventListener('toggle', function () {
      if (item.open && item.childNodes.length === 1) item.appendChild(detail(e));
    }, { once: false });
    return item;
  }

  function matches(e) {
    var o = outcomeOf(e);
    return (!filters.session.value || e.session === filters.session.value) &&
      (!filters.provider.value || (e.provider || '') === filters.provider.value) &&
      (!filters.outcome.value || o === filters.outcome.value);
  }

  function addOption(select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return;
    var option = el('option', '', value || '(none)');
    option.value = value;
    select.appendChild(option);
  }

  function refreshCount() {
    var shown = list.querySelectorAll('.entry').length;
    shownCount.textContent = shown + ' of ' + entries.length;
    var empty = document.getElementById('empty');
    empty.hidden = shown > 0;
  }

  function add(e) {
    if (!e || typeof e.id !== 'string' || seen[e.id]) return;
    seen[e.id] = true;
    entries.push(e);
    addOption(filters.session, e.session);
    addOption(filters.provider, e.provider || '');
    for (var k in wanted) {
      if (wanted[k] !== null && filters[k].value !== wanted[k]) {
        addOption(filters[k], wanted[k]);
        filters[k].value = wanted[k];
      }
    }
    if (matches(e)) list.appendChild(row(e));
    refreshCount();
  }

  function render() {
    while (list.firstChild) list.removeChild(list.firstChild);
    entries.forEach(function (e) { if (matches(e)) list.appendChild(row(e)); });
    refreshCount();
  }

  // A session's journal was cleared (a reset, journal.clear(), a closed session): its rows go, all of them
  // or those the clear names.
  function cleared(c) {
    if (!c || typeof c.session !== 'string') return;
    var ids = Array.isArray(c.removed) ? c.removed : null;
    entries = entries.filter(function (e) {
      var gone = e.session === c.session && (!ids || ids.indexOf(e.id) >= 0);
      if (gone) delete seen[e.id];
      return !gone;
    });
    render();
  }

  Object.keys(filters).forEach(function (k) {
    filters[k].addEventListener('change', function () {
      wanted[k] = null;
      render();
      // Kept in the address so a reload or a shared link shows the same view; a standalone file opened
      // from about:blank, a data: or a blob: URL cannot change its address, and keeps working without.
      try {
        var url = new URL(location.href);
        if (filters[k].value) url.searchParams.set(k, filters[k].value); else url.searchParams.delete(k);
        history.replaceState(null, '', url.pathname + url.search + url.hash);
      } catch (ignored) {}
    });
  });

  function setStatus(state, text) {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  }

  if (snapshot) {
    snapshot.forEach(add);
    setStatus('snapshot', 'snapshot of ' + snapshot.length + ' entries');
    refreshCount();
    return;
  }

  var hash = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (hash) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(hash[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }

  function askToken(message) {
    setStatus('offline', message);
    if (document.getElementById('token-form')) return;
    var form = el('form', 'token');
    form.id = 'token-form';
    var input = el('input');
    input.type = 'password';
    input.placeholder = 'control token';
    input.setAttribute('aria-label', 'control token');
    form.appendChild(el('label', '', 'This mock requires its control token:'));
    form.appendChild(input);
    form.appendChild(el('button', '', 'Connect'));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, input.value);
      form.remove();
      connect();
    });
    document.body.insertBefore(form, document.querySelector('main'));
  }

  function handle(block) {
    var name = 'message';
    var lines = [];
    block.split(/\\r?\\n/).forEach(function (line) {
      if (line.indexOf('event:') === 0) name = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) lines.push(line.slice(5).replace(/^ /, ''));
    });
    if (name === 'entry' && lines.length) add(JSON.parse(lines.join('\\n')));
    if (name === 'clear' && lines.length) cleared(JSON.parse(lines.join('\\n')));
  }

  var retry;
  function reconnect(text) {
    setStatus('offline', text);
    clearTimeout(retry);
    retry = setTimeout(connect, 1000);
  }

  function connect() {
    setStatus('connecting', 'connecting\\u2026');
    var headers = { accept: 'text/event-stream' };
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers['x-standin-token'] = token;
    fetch('journal/events', { headers: headers, cache: 'no-store' }).then(function (res) {
      if (res.status === 401) return askToken(token ? 'the control token was refused' : 'control token required');
      if (!res.ok || !res.body) return reconnect('the mock answered ' + res.status + '; retrying');
      setStatus('live', 'live');
      // The stream starts with the journal as it is now: what was cleared while disconnected goes.
      entries = [];
      seen = {};
      render();
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) return reconnect('disconnected; retrying');
          buffer += decoder.decode(chunk.value, { stream: true });
          var parts = buffer.split(/\\r?\\n\\r?\\n/);
          buffer = parts.pop();
          parts.forEach(handle);
          return pump();
        });
      }
      return pump();
    }).catch(function () { reconnect('mock unreachable; retrying'); });
  }
  connect();
})();
`

const sha256 = (text: string) =>
  `'sha256-${nodeCrypto().createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** Only this page's own script and style run; it may fetch only from its own origin. Hashed on first use:
 * hashing at import would load node:crypto in every process that imports standin. */
let policy: string[] | undefined
const POLICY = (): string[] =>
  (policy ??= [
    "default-src 'none'",
    `script-src ${sha256(SCRIPT)}`,
    `style-src ${sha256(STYLE)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ])

/** The policy the mock sends as a header; a `<meta>` copy in the page (for the standalone file) omits
 * `frame-ancestors`, which browsers ignore there. */
export const journalPageCsp = (): string => [...POLICY(), "frame-ancestors 'none'"].join('; ')

/** What {@link journalPageHtml} renders: the live page, or a standalone file of `entries`. */
export interface JournalPageOptions {
  /** Embeds these entries and shows them without connecting (a standalone file); else the page is live. */
  entries?: readonly JournalEntry[]
  /** The page's title (default "standin journal"). */
  title?: string
}

/** The journal page as one HTML document: live (served by the mock) or with `entries` embedded. */
export function journalPageHtml(options: JournalPageOptions = {}): string {
  const title = escapeHtml(options.title ?? 'standin journal')
  // A JSON data block is never executed; escaping `<` keeps `</script>` in an entry from closing it.
  const embedded = options.entries
    ? `<script type="application/json" id="standin-data">${JSON.stringify(options.entries).replace(/</g, '\\u003c')}</script>\n`
    : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(POLICY().join('; '))}">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<label>Session<select id="f-session"><option value="">all</option></select></label>
<label>Provider<select id="f-provider"><option value="">all</option></select></label>
<label>Outcome<select id="f-outcome"><option value="">all</option><option>matched</option><option>miss</option><option>error</option><option>chaos</option><option>rate-limited</option><option>recorded</option><option>other</option></select></label>
<span id="count">0 of 0</span>
<span id="status" data-state="connecting">loading…</span>
</header>
<main>
<div class="cols"><span>Time</span><span>Session</span><span>Request</span><span>Surface</span><span class="num">Status</span><span>Outcome</span><span>Fixture, miss or chaos</span><span class="num">Took</span></div>
<div id="entries"></div>
<p id="empty" class="empty">No requests yet.</p>
</main>
${embedded}<script>${SCRIPT}</script>
</body>
</html>
`
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}
