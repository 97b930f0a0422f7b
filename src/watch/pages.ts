/**
 * The HTML of the watch server's pages: a shell the page's script (client/app.ts) fills from the
 * server's events. Every value written into it is escaped; nothing is loaded from another host.
 */

export interface ViewPage {
  path: string;
  kind: 'flow' | 'markdown';
  theme: 'light' | 'dark' | 'auto';
  /** Link back to the folder's index; null when a single file is watched. */
  indexUrl: string | null;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shell(title: string, theme: string, body: string, data: Record<string, string>): string {
  const attributes = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${escapeHtml(value)}"`)
    .join('');
  return `<!doctype html>
<html lang="en" data-theme="${escapeHtml(theme)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/_flowc/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/_flowc/app.css">
<script src="/_flowc/app.js" defer></script>
</head>
<body${attributes}>
${body}
</body>
</html>
`;
}

const THEME_BUTTON = `<button type="button" class="fw-button fw-theme" id="fw-theme" title="Theme: follows the system (click to switch)" aria-label="Switch theme"></button>`;

export function viewPage(page: ViewPage): string {
  const name = page.path.split('/').pop() ?? page.path;
  const crumbs = page.path
    .split('/')
    .map((part) => `<span class="fw-crumb">${escapeHtml(part)}</span>`)
    .join('<span class="fw-sep">/</span>');
  const home = page.indexUrl
    ? `<a class="fw-home" href="${escapeHtml(page.indexUrl)}" title="All diagrams">flowc</a><span class="fw-sep">/</span>`
    : `<span class="fw-home">flowc</span><span class="fw-sep">/</span>`;
  const body = `<header class="fw-bar">
  <nav class="fw-path">${home}${crumbs}</nav>
  <span class="fw-status" id="fw-status" role="status" aria-live="polite">connecting…</span>
  <span class="fw-spacer"></span>
  ${THEME_BUTTON}
</header>
<div class="fw-notice" id="fw-notice" hidden></div>
<main class="fw-diagrams fw-${page.kind}" id="fw-diagrams"></main>`;
  return shell(`${name} · flowc watch`, page.theme, body, {
    page: 'view',
    path: page.path,
    kind: page.kind,
    theme: page.theme,
  });
}

export function indexPage(root: string, theme: 'light' | 'dark' | 'auto'): string {
  const body = `<header class="fw-bar">
  <nav class="fw-path"><span class="fw-home">flowc</span><span class="fw-sep">/</span><span class="fw-crumb">${escapeHtml(root)}</span></nav>
  <span class="fw-status" id="fw-status" role="status" aria-live="polite">connecting…</span>
  <span class="fw-spacer"></span>
  <input class="fw-filter" id="fw-filter" type="search" placeholder="Filter" aria-label="Filter diagrams">
  ${THEME_BUTTON}
</header>
<main class="fw-index">
  <ul class="fw-list" id="fw-list" aria-label="Diagrams"></ul>
  <p class="fw-empty" id="fw-empty" hidden>No .flow files (or Markdown files with <code>\`\`\`flow</code> blocks) here yet. New ones appear as soon as they are saved.</p>
</main>`;
  return shell(`${root} · flowc watch`, theme, body, { page: 'index', theme });
}

export function notFoundPage(indexUrl: string | null): string {
  const back = indexUrl ? `<p><a href="${escapeHtml(indexUrl)}">All diagrams</a></p>` : '';
  const body = `<main class="fw-missing"><h1>Not found</h1><p>flowc watch serves only the diagrams of the folder it watches.</p>${back}</main>`;
  return shell('Not found · flowc watch', 'auto', body, { page: 'none', theme: 'auto' });
}
