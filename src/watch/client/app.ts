/**
 * The script of flowc watch's pages (bundled by scripts/build.mjs to dist/watch/app.js; runs in the
 * browser). It follows the server's events: a file's page swaps in each new picture without a
 * reload, keeping the zoom and pan, and lays an error overlay (rule, line, message, source lines)
 * over the dimmed last good picture; the index page lists the watched diagrams as they come and go.
 *
 * Text from the server is only ever set as text (textContent); the one thing inserted as markup is
 * the SVG flowc drew, whose labels the SVG emitter escapes.
 */
import type {
  DiagramState,
  FileState,
  IndexEntry,
  IndexState,
  PageTheme,
  ShownDiagnostic,
} from '../protocol.js';

type ThemeChoice = 'auto' | 'light' | 'dark';

const THEME_KEY = 'flowc-watch-theme';
const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const FIT_PADDING = 24;
/** A Markdown block's pane is at least this tall (px): room for its error list. */
const MIN_PANE_HEIGHT = 200;
/** A small diagram is not blown up past this by "fit". */
const FIT_MAX_SCALE = 1.5;

const body = document.body;
const root = document.documentElement;

/** A notice, its options (`--layout layered`) as code kept on one line. */
function noticeItem(notice: string): HTMLParagraphElement {
  const item = el('p', 'fw-drawing-note');
  for (const [i, part] of notice.split(/(--[a-z-]+(?: [a-z]+)?)/).entries())
    if (part !== '') item.append(i % 2 === 1 ? el('code', undefined, part) : part);
  return item;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---- theme ------------------------------------------------------------------------------------

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

function storedChoice(): ThemeChoice {
  let stored: string | null;
  try {
    stored = localStorage.getItem(THEME_KEY);
  } catch {
    stored = null; // storage refused (a sandboxed page)
  }
  if (stored === 'light' || stored === 'dark' || stored === 'auto') return stored;
  const given = body.dataset['theme'];
  return given === 'light' || given === 'dark' ? given : 'auto';
}

let themeChoice: ThemeChoice = storedChoice();
const themeListeners: Array<() => void> = [];

function effectiveTheme(): PageTheme {
  if (themeChoice === 'auto') return darkQuery.matches ? 'dark' : 'light';
  return themeChoice;
}

function applyTheme(): void {
  root.dataset['theme'] = effectiveTheme();
  const button = document.getElementById('fw-theme');
  if (button) {
    const label = { auto: 'Auto', light: 'Light', dark: 'Dark' }[themeChoice];
    button.textContent = `${themeChoice === 'auto' ? '◐' : themeChoice === 'dark' ? '☾' : '☀'} ${label}`;
    button.title =
      themeChoice === 'auto'
        ? 'Theme: follows the system (click for light)'
        : `Theme: ${themeChoice} (click for ${themeChoice === 'light' ? 'dark' : 'auto'})`;
  }
}

function setupTheme(): void {
  applyTheme();
  let last = effectiveTheme();
  const changed = (): void => {
    applyTheme();
    const now = effectiveTheme();
    if (now !== last) {
      last = now;
      for (const listener of themeListeners) listener();
    }
  };
  darkQuery.addEventListener('change', changed);
  document.getElementById('fw-theme')?.addEventListener('click', () => {
    themeChoice = themeChoice === 'auto' ? 'light' : themeChoice === 'light' ? 'dark' : 'auto';
    try {
      localStorage.setItem(THEME_KEY, themeChoice);
    } catch {
      // private mode: the choice lasts for this page only
    }
    changed();
  });
}

// ---- connection status ----------------------------------------------------------------------

function setStatus(text: string, kind: 'live' | 'waiting' | 'lost'): void {
  const status = document.getElementById('fw-status');
  if (!status) return;
  status.textContent = text;
  status.dataset['kind'] = kind;
}

function follow(url: () => string, name: string, onData: (data: string) => void): void {
  let source: EventSource | null = null;
  const connect = (): void => {
    source?.close();
    source = new EventSource(url());
    source.addEventListener(name, (e) => onData((e as MessageEvent<string>).data));
    source.addEventListener('open', () => setStatus('live', 'live'));
    source.addEventListener('error', () => {
      setStatus(
        source?.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…',
        'lost',
      );
    });
  };
  themeListeners.push(connect);
  connect();
}

// ---- a diagram's pane: picture, zoom and pan, overlay --------------------------------------

class Pane {
  readonly element = el('section', 'fw-pane');
  private readonly titleText = el('h2', 'fw-pane-title');
  private readonly viewport = el('div', 'fw-viewport');
  private readonly canvas = el('div', 'fw-canvas');
  private readonly overlay = el('div', 'fw-overlay');
  /** What the drawing says beside its diagnostics (the lanes drawn in another direction, ...). */
  private readonly notices = el('div', 'fw-drawing-notes');
  private readonly badge = el('button', 'fw-badge');
  private readonly zoomLabel = el('button', 'fw-button fw-zoom-level');
  private readonly svgLink = el('a', 'fw-button fw-download', 'SVG');
  private readonly pngLink = el('a', 'fw-button fw-download', 'PNG');
  private svgVersion = -1;
  private width = 0;
  private height = 0;
  private x = 0;
  private y = 0;
  private k = 1;
  /** False until the user zooms or pans: until then each new picture is fitted to the pane. */
  private moved = false;
  private overlayHidden = false;
  private problemKey = '';

  constructor(
    readonly key: string,
    private readonly single: boolean,
  ) {
    this.element.dataset['key'] = key;
    const head = el('header', 'fw-pane-head');
    const tools = el('div', 'fw-tools');
    const button = (label: string, title: string, action: () => void): HTMLButtonElement => {
      const b = el('button', 'fw-button', label);
      b.type = 'button';
      b.title = title;
      b.setAttribute('aria-label', title);
      b.addEventListener('click', action);
      return b;
    };
    this.zoomLabel.type = 'button';
    this.zoomLabel.title = 'Actual size (1)';
    this.zoomLabel.addEventListener('click', () => this.zoomTo(1));
    for (const link of [this.svgLink, this.pngLink]) {
      link.setAttribute('download', '');
      link.title = `Download as ${link.textContent}`;
    }
    tools.append(
      button('−', 'Zoom out (-)', () => this.zoomBy(1 / 1.25)),
      this.zoomLabel,
      button('+', 'Zoom in (+)', () => this.zoomBy(1.25)),
      button('Fit', 'Fit to the pane (0, or double-click)', () => this.fit(true)),
      el('span', 'fw-tool-gap'),
      this.svgLink,
      this.pngLink,
    );
    head.append(this.titleText, tools);
    this.viewport.append(this.canvas);
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('aria-label', 'Diagram (drag to pan, wheel to zoom)');
    this.badge.type = 'button';
    this.badge.hidden = true;
    this.badge.addEventListener('click', () => {
      this.overlayHidden = false;
      this.overlay.hidden = false;
      this.badge.hidden = true;
    });
    this.overlay.hidden = true;
    const stage = el('div', 'fw-stage');
    stage.append(this.viewport, this.overlay, this.badge);
    this.notices.setAttribute('role', 'status');
    this.notices.hidden = true;
    this.element.append(head, this.notices, stage);
    this.interact();
  }

  update(diagram: DiagramState, file: FileState, theme: PageTheme): void {
    this.titleText.textContent = diagram.title;
    this.titleText.hidden = diagram.title === '';
    if (diagram.svgVersion !== this.svgVersion) {
      this.svgVersion = diagram.svgVersion;
      this.canvas.innerHTML = (diagram.svg ?? '').replace(/^<\?xml[^>]*>\s*/, '');
      const svg = this.canvas.querySelector('svg');
      this.width = svg ? Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width : 0;
      this.height = svg
        ? Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height
        : 0;
      this.element.dataset['svgVersion'] = String(diagram.svgVersion);
      if (!this.single) this.sizeViewport();
      if (!this.moved) this.fit(false);
      this.apply();
    }
    const stale = diagram.svg !== null && (!diagram.current || file.problem !== null);
    this.element.classList.toggle('fw-stale', stale);
    this.element.classList.toggle('fw-no-picture', diagram.svg === null);
    const params = (format: string) =>
      `/_flowc/download?${new URLSearchParams({ path: file.path, key: diagram.key, format, theme })}`;
    this.svgLink.href = params('svg');
    this.pngLink.href = params('png');
    this.svgLink.download = `${diagram.downloadName}.svg`;
    this.pngLink.download = `${diagram.downloadName}.png`;
    for (const link of [this.svgLink, this.pngLink])
      link.classList.toggle('fw-disabled', diagram.svg === null);
    this.showProblems(diagram, file);
    this.showNotices(diagram);
  }

  private showNotices(diagram: DiagramState): void {
    this.notices.replaceChildren(...diagram.notices.map(noticeItem));
    this.notices.hidden = diagram.notices.length === 0;
  }

  // -- overlay

  private showProblems(diagram: DiagramState, file: FileState): void {
    const errors = diagram.diagnostics.filter((d) => d.severity === 'error');
    const warnings = diagram.diagnostics.length - errors.length;
    const key = diagram.diagnostics.map((d) => `${d.ruleId}:${d.line}:${d.message}`).join('|');
    if (key !== this.problemKey) {
      // A different set of problems is shown again, even if the last one was hidden.
      if (this.problemKey === '' || errors.length > 0) this.overlayHidden = false;
      this.problemKey = key;
    }
    this.overlay.replaceChildren();
    this.element.classList.toggle('fw-has-errors', errors.length > 0);
    this.element.dataset['errors'] = String(errors.length);
    this.element.dataset['warnings'] = String(warnings);
    if (diagram.diagnostics.length === 0) {
      this.overlay.hidden = true;
      this.badge.hidden = true;
      return;
    }
    const summary =
      errors.length > 0
        ? `${plural(errors.length, 'error')}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}`
        : plural(warnings, 'warning');
    this.badge.textContent = `${errors.length > 0 ? '✖' : '⚠'} ${summary}`;
    this.badge.classList.toggle('fw-badge-error', errors.length > 0);
    this.overlay.classList.toggle('fw-overlay-warnings', errors.length === 0);
    const head = el('div', 'fw-overlay-head');
    const title = el('strong', 'fw-overlay-title', summary);
    const note = el(
      'span',
      'fw-overlay-note',
      errors.length === 0
        ? ''
        : diagram.svg === null
          ? 'Nothing could be drawn yet.'
          : !diagram.current || file.problem !== null
            ? 'The picture is the last version that could be drawn.'
            : 'Drawn with the offending nodes marked.',
    );
    const hide = el('button', 'fw-button fw-hide', 'Hide');
    hide.type = 'button';
    hide.title = 'Hide the list (the badge brings it back)';
    hide.addEventListener('click', () => {
      this.overlayHidden = true;
      this.overlay.hidden = true;
      this.badge.hidden = false;
    });
    head.append(title, note, hide);
    const list = el('ol', 'fw-problems');
    const ordered = [...diagram.diagnostics].sort(
      (a, b) =>
        (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.line - b.line,
    );
    for (const diagnostic of ordered) list.append(problemItem(diagnostic));
    this.overlay.append(head, list);
    this.overlay.setAttribute('role', errors.length > 0 ? 'alert' : 'status');
    this.overlay.hidden = this.overlayHidden;
    this.badge.hidden = !this.overlayHidden;
  }

  // -- zoom and pan

  private apply(): void {
    this.canvas.style.transform = `translate(${this.x}px, ${this.y}px) scale(${this.k})`;
    this.zoomLabel.textContent = this.width > 0 ? `${Math.round(this.k * 100)}%` : '–';
  }

  /** Markdown blocks stack: each pane is as tall as its picture needs, within the window. */
  private sizeViewport(): void {
    const wanted = Math.min(this.height + 2 * FIT_PADDING, window.innerHeight * 0.75);
    this.viewport.style.height = `${Math.max(MIN_PANE_HEIGHT, Math.round(wanted))}px`;
  }

  fit(byUser: boolean): void {
    if (byUser) this.moved = false;
    const box = this.viewport.getBoundingClientRect();
    if (this.width === 0 || this.height === 0 || box.width === 0) return;
    const k = Math.min(
      (box.width - 2 * FIT_PADDING) / this.width,
      (box.height - 2 * FIT_PADDING) / this.height,
      FIT_MAX_SCALE,
    );
    this.k = Math.max(MIN_SCALE, k);
    this.x = (box.width - this.width * this.k) / 2;
    this.y = (box.height - this.height * this.k) / 2;
    this.apply();
  }

  refit(): void {
    if (!this.moved) this.fit(false);
  }

  private zoomAt(px: number, py: number, factor: number): void {
    const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.k * factor));
    this.x = px - ((px - this.x) * k) / this.k;
    this.y = py - ((py - this.y) * k) / this.k;
    this.k = k;
    this.moved = true;
    this.apply();
  }

  zoomBy(factor: number): void {
    const box = this.viewport.getBoundingClientRect();
    this.zoomAt(box.width / 2, box.height / 2, factor);
  }

  zoomTo(k: number): void {
    this.zoomBy(k / this.k);
  }

  private interact(): void {
    const viewport = this.viewport;
    viewport.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const box = viewport.getBoundingClientRect();
        // A pinch on a trackpad arrives as a wheel event with ctrlKey, in larger steps.
        const factor = Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.0015));
        this.zoomAt(e.clientX - box.left, e.clientY - box.top, factor);
      },
      { passive: false },
    );
    let drag: { id: number; x: number; y: number } | null = null;
    viewport.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || (e.target as Element).closest('a')) return;
      drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
      viewport.setPointerCapture(e.pointerId);
      viewport.classList.add('fw-dragging');
    });
    viewport.addEventListener('pointermove', (e) => {
      if (drag === null || e.pointerId !== drag.id) return;
      this.x += e.clientX - drag.x;
      this.y += e.clientY - drag.y;
      drag.x = e.clientX;
      drag.y = e.clientY;
      this.moved = true;
      this.apply();
    });
    const end = (e: PointerEvent): void => {
      if (drag === null || e.pointerId !== drag.id) return;
      drag = null;
      viewport.classList.remove('fw-dragging');
    };
    viewport.addEventListener('pointerup', end);
    viewport.addEventListener('pointercancel', end);
    viewport.addEventListener('dblclick', () => this.fit(true));
    viewport.addEventListener('keydown', (e) => this.onKey(e));
  }

  onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = 40;
    const actions: Record<string, () => void> = {
      '+': () => this.zoomBy(1.25),
      '=': () => this.zoomBy(1.25),
      '-': () => this.zoomBy(1 / 1.25),
      '0': () => this.fit(true),
      '1': () => this.zoomTo(1),
      ArrowLeft: () => this.pan(step, 0),
      ArrowRight: () => this.pan(-step, 0),
      ArrowUp: () => this.pan(0, step),
      ArrowDown: () => this.pan(0, -step),
    };
    const action = actions[e.key];
    if (action === undefined) return;
    e.preventDefault();
    action();
  }

  private pan(dx: number, dy: number): void {
    this.x += dx;
    this.y += dy;
    this.moved = true;
    this.apply();
  }
}

function problemItem(d: ShownDiagnostic): HTMLLIElement {
  const item = el('li', `fw-problem fw-${d.severity}`);
  item.dataset['line'] = String(d.line);
  item.dataset['rule'] = d.ruleId;
  const head = el('div', 'fw-problem-head');
  head.append(
    el('span', 'fw-severity', d.severity === 'error' ? 'error' : 'warning'),
    el('code', 'fw-rule', d.ruleId),
    el('span', 'fw-where', `line ${d.line}, column ${d.column}`),
  );
  const excerpt = el('pre', 'fw-excerpt');
  const width = String(
    Math.max(d.excerpt.line.lineNumber, ...d.excerpt.after.map((l) => l.lineNumber)),
  ).length;
  const row = (n: number | null, text: string, className: string): HTMLSpanElement => {
    const line = el('span', `fw-line ${className}`);
    line.append(el('span', 'fw-ln', n === null ? ' '.repeat(width) : String(n).padStart(width)));
    line.append(el('span', 'fw-code', text));
    return line;
  };
  for (const l of d.excerpt.before) excerpt.append(row(l.lineNumber, l.text, 'fw-context'));
  excerpt.append(row(d.excerpt.line.lineNumber, d.excerpt.line.text, 'fw-target'));
  excerpt.append(row(null, d.excerpt.marker, 'fw-marker'));
  for (const l of d.excerpt.after) excerpt.append(row(l.lineNumber, l.text, 'fw-context'));
  item.append(head, el('p', 'fw-message', d.message), excerpt);
  if (d.notes.length > 0) {
    const notes = el('ul', 'fw-notes');
    for (const note of d.notes) notes.append(el('li', undefined, note));
    item.append(notes);
  }
  return item;
}

// ---- the pages -------------------------------------------------------------------------------

function viewPage(): void {
  const path = body.dataset['path'] ?? '';
  const kind = body.dataset['kind'];
  const container = document.getElementById('fw-diagrams')!;
  const notice = document.getElementById('fw-notice')!;
  const panes = new Map<string, Pane>();
  const single = kind === 'flow';
  let stamp = '';

  const apply = (state: FileState): void => {
    const theme = effectiveTheme();
    notice.hidden = state.problem === null;
    notice.textContent = state.problem ?? '';
    const seen = new Set<string>();
    state.diagrams.forEach((diagram, i) => {
      seen.add(diagram.key);
      let pane = panes.get(diagram.key);
      if (pane === undefined) {
        pane = new Pane(diagram.key, single);
        panes.set(diagram.key, pane);
      }
      if (container.children[i] !== pane.element)
        container.insertBefore(pane.element, container.children[i] ?? null);
      pane.update(diagram, state, theme);
    });
    for (const [key, pane] of panes) {
      if (seen.has(key)) continue;
      pane.element.remove();
      panes.delete(key);
    }
    container.classList.toggle('fw-none', state.diagrams.length === 0);
    container.dataset['version'] = String(state.version);
    if (state.diagrams.length === 0 && state.problem === null) {
      notice.hidden = false;
      notice.textContent = 'This file has no ```flow blocks yet: add one and save.';
    }
    stamp = new Date().toLocaleTimeString();
    const errors = state.diagrams.reduce(
      (n, d) => n + d.diagnostics.filter((x) => x.severity === 'error').length,
      0,
    );
    // The tab says it too, for a page left in the background next to the editor.
    const name = path.split('/').pop() ?? path;
    document.title = `${errors > 0 ? `✖ ${errors} · ` : state.problem !== null ? '⚠ ' : ''}${name} · flowc watch`;
    setStatus(
      `${errors > 0 ? plural(errors, 'error') : 'live'} · updated ${stamp} · drawn in ${state.renderMs} ms`,
      errors > 0 || state.problem !== null ? 'waiting' : 'live',
    );
  };

  follow(
    () => `/_flowc/events?${new URLSearchParams({ path, theme: effectiveTheme() })}`,
    'state',
    (data) => apply(JSON.parse(data) as FileState),
  );
  window.addEventListener('resize', () => {
    for (const pane of panes.values()) pane.refit();
  });
  if (single) {
    document.addEventListener('keydown', (e) => {
      const target = e.target as Element;
      if (target.closest('input, textarea, button, a')) return;
      panes.values().next().value?.onKey(e);
    });
  }
}

function indexPage(): void {
  const list = document.getElementById('fw-list')!;
  const empty = document.getElementById('fw-empty')!;
  const filter = document.getElementById('fw-filter') as HTMLInputElement | null;
  let entries: IndexEntry[] = [];

  const render = (): void => {
    const needle = (filter?.value ?? '').trim().toLowerCase();
    const shown = entries.filter((e) => e.path.toLowerCase().includes(needle));
    list.replaceChildren(...shown.map(indexItem));
    empty.hidden = entries.length > 0;
  };
  filter?.addEventListener('input', render);
  follow(
    () => '/_flowc/events?index',
    'index',
    (data) => {
      const state = JSON.parse(data) as IndexState;
      entries = state.entries;
      render();
      const errors = entries.filter((e) => e.errors > 0).length;
      setStatus(
        `${plural(entries.length, 'diagram file')}${errors > 0 ? ` · ${errors} with errors` : ''}`,
        'live',
      );
    },
  );
}

function indexItem(entry: IndexEntry): HTMLLIElement {
  const item = el('li', 'fw-entry');
  item.dataset['path'] = entry.path;
  const link = el('a', 'fw-entry-link');
  link.href = `/view/${entry.path.split('/').map(encodeURIComponent).join('/')}`;
  const slash = entry.path.lastIndexOf('/');
  link.append(
    el('span', 'fw-entry-dir', slash < 0 ? '' : entry.path.slice(0, slash + 1)),
    el('span', 'fw-entry-name', slash < 0 ? entry.path : entry.path.slice(slash + 1)),
  );
  const kind = el(
    'span',
    'fw-kind',
    entry.kind === 'markdown' ? `Markdown · ${plural(entry.blocks, 'block')}` : 'flow',
  );
  let status: HTMLSpanElement;
  if (entry.problem !== null) status = el('span', 'fw-state fw-state-problem', entry.problem);
  else if (entry.errors > 0)
    status = el('span', 'fw-state fw-state-error', plural(entry.errors, 'error'));
  else if (entry.warnings > 0)
    status = el('span', 'fw-state fw-state-warning', plural(entry.warnings, 'warning'));
  else status = el('span', 'fw-state fw-state-ok', 'ok');
  item.append(link, kind, status);
  return item;
}

setupTheme();
if (body.dataset['page'] === 'view') viewPage();
else if (body.dataset['page'] === 'index') indexPage();
