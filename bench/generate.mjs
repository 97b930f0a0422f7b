/**
 * Deterministic generator of realistic clustered flowcharts in the .flow language, for benchmarks
 * and the layout geometry suite. Plain ESM JavaScript so bench scripts and tests import it as is.
 *
 *   generateFlow({ nodes: 200, groups: 8, seed: 1, edgesPerNode: 1.3 }) → .flow source text
 *
 * The diagram has one start circle, end circles, rectangles and diamonds (every branch labelled,
 * distinct labels per decision), edges within and across groups, some with handles, and a few
 * retry loops. Every node is reachable from the start and can reach an end, so it lints clean.
 * Runs in linear time (45k nodes in well under a second).
 */

const VERBS = [
  'Validate',
  'Load',
  'Check',
  'Store',
  'Send',
  'Build',
  'Parse',
  'Compute',
  'Notify',
  'Record',
  'Fetch',
  'Update',
  'Prepare',
  'Archive',
  'Review',
];
const OBJECTS = [
  'request',
  'order',
  'payment',
  'user profile',
  'session',
  'invoice',
  'report',
  'event',
  'token',
  'cart',
  'shipment',
  'audit entry',
  'snapshot',
  'query',
  'message',
];
const QUESTIONS = [
  'Valid?',
  'Approved?',
  'In stock?',
  'Authorised?',
  'Cached?',
  'Complete?',
  'Retry?',
  'Found?',
];
const BRANCHES = [
  ['Yes', 'No'],
  ['OK', 'Failed'],
  ['Hit', 'Miss'],
  ['Accept', 'Reject', 'Escalate'],
];
const AREAS = [
  'Client',
  'Gateway',
  'Orders',
  'Payments',
  'Shipping',
  'Billing',
  'Inventory',
  'Identity',
  'Reporting',
  'Audit',
  'Search',
  'Notifications',
];

/** mulberry32: a small, fast, seedable PRNG (same sequence on every platform). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {{ nodes: number, groups: number, seed?: number, edgesPerNode?: number }} options
 * @returns {string}
 */
export function generateFlow({ nodes, groups, seed = 1, edgesPerNode = 1.3 }) {
  const total = Math.max(2, Math.floor(nodes));
  const groupCount = Math.max(0, Math.min(Math.floor(groups), total));
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];

  // Nodes in flow order; node k belongs to group groupOf[k] (contiguous blocks), -1 = top level.
  const groupOf = new Int32Array(total);
  for (let k = 0; k < total; k++)
    groupOf[k] =
      groupCount === 0 ? -1 : Math.min(groupCount - 1, Math.floor((k * groupCount) / total));
  const endCount = total >= 40 ? 2 : 1;
  const isEnd = (k) => k >= total - endCount;
  const shapes = new Array(total);
  for (let k = 0; k < total; k++) {
    shapes[k] =
      k === 0 || isEnd(k)
        ? 'circle'
        : k + 3 < total - endCount && random() < 0.18
          ? 'diamond'
          : 'rectangle';
  }
  const localId = (k) => `n${k + 1}`;
  const groupName = (g) =>
    `${AREAS[g % AREAS.length]}${g >= AREAS.length ? Math.floor(g / AREAS.length) + 1 : ''}`;

  // Edges as [from, to, label]; built so every node has an earlier parent (reachable from the
  // start) and every non-end node a later child (reaches an end).
  const out = Array.from({ length: total }, () => []);
  const addEdge = (from, to) => out[from].push(to);
  for (let k = 1; k < total; k++) {
    if (isEnd(k) && k !== total - 1) {
      addEdge(k - 1, k);
      continue;
    }
    // Mostly the previous node, sometimes one a few steps back in the same neighbourhood.
    const back = random() < 0.7 ? 1 : 1 + Math.floor(random() * Math.min(6, k));
    let parent = Math.max(0, k - back);
    while (parent > 0 && isEnd(parent)) parent--;
    addEdge(parent, k);
  }
  const firstEnd = total - endCount;
  for (let k = 0; k < firstEnd; k++) {
    const wanted = shapes[k] === 'diamond' ? 2 + (random() < 0.2 ? 1 : 0) : 1;
    while (out[k].length < wanted) {
      // A forward edge to a nearby later node (never past the ends block's first end).
      const span = Math.min(8, firstEnd - k);
      const target = Math.min(firstEnd, k + 1 + Math.floor(random() * span));
      if (target === k || out[k].includes(target)) {
        if (!out[k].includes(firstEnd)) addEdge(k, firstEnd);
        else if (!out[k].includes(total - 1)) addEdge(k, total - 1);
        else break;
      } else addEdge(k, target);
    }
  }
  // Extra edges up to edgesPerNode, forward within a window, plus a few retry loops from decisions.
  let edgeTotal = out.reduce((sum, list) => sum + list.length, 0);
  const wantedEdges = Math.floor(total * edgesPerNode);
  for (let attempts = 0; edgeTotal < wantedEdges && attempts < wantedEdges * 3; attempts++) {
    const from = 1 + Math.floor(random() * Math.max(1, firstEnd - 1));
    if (isEnd(from) || from >= firstEnd) continue;
    const loop = shapes[from] === 'diamond' && random() < 0.3;
    const to = loop
      ? Math.max(1, from - 1 - Math.floor(random() * 4))
      : Math.min(firstEnd, from + 1 + Math.floor(random() * 10));
    if (to === from || out[from].includes(to) || (isEnd(to) && to !== firstEnd)) continue;
    if (shapes[from] === 'diamond' && out[from].length >= 3) continue;
    addEdge(from, to);
    edgeTotal++;
  }

  const label = (k) => {
    if (k === 0) return 'Start';
    if (isEnd(k)) return endCount > 1 ? (k === total - 1 ? 'Done' : 'End') : 'End';
    if (shapes[k] === 'diamond') return pick(QUESTIONS);
    return `${pick(VERBS)} ${pick(OBJECTS)}`;
  };
  const ref = (from, to) =>
    groupOf[to] === groupOf[from] || groupOf[to] === -1
      ? localId(to)
      : `${groupName(groupOf[to])}.${localId(to)}`;
  const sideOf = (from, to) => {
    if (groupOf[from] !== groupOf[to]) return random() < 0.5 ? ['bottom', 'top'] : null;
    return random() < 0.3 ? ['right', 'left'] : null;
  };

  // Emit group by group: nodes, then the edges whose source is in the group.
  const lines = [];
  const emitBlock = (g, from, to) => {
    for (let k = from; k < to; k++)
      lines.push(`${g >= 0 ? '  ' : ''}${localId(k)}: ${shapes[k]} label:"${label(k)}"`);
    for (let k = from; k < to; k++) {
      const branchLabels = shapes[k] === 'diamond' ? pick(BRANCHES) : null;
      out[k].forEach((target, i) => {
        const handles = target > k ? sideOf(k, target) : null;
        const source = handles ? `${localId(k)}.handle(${handles[0]})` : localId(k);
        const dest = handles ? `${ref(k, target)}.handle(${handles[1]})` : ref(k, target);
        const text = branchLabels ? (branchLabels[i] ?? `Case ${i + 1}`) : null;
        lines.push(`${g >= 0 ? '  ' : ''}${source} -> ${dest}${text ? ` [label="${text}"]` : ''}`);
      });
    }
  };
  if (groupCount === 0) {
    emitBlock(-1, 0, total);
  } else {
    let start = 0;
    for (let g = 0; g < groupCount; g++) {
      let end = start;
      while (end < total && groupOf[end] === g) end++;
      lines.push(`${groupName(g)} { # ${groupName(g)} service`);
      emitBlock(g, start, end);
      lines.push('}');
      start = end;
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `copies` copies of a sample diagram in one file, each copy's groups renamed (`Client` becomes
 * `Client7` in copy 7, in its references too), so the file is one valid diagram of many
 * components: the "repeated samples" inputs of the lint and large-render benchmarks (issue 15).
 * The sample's groups must be top-level `Name {` lines.
 */
export function repeatSample(sample, copies) {
  const groups = [...sample.matchAll(/^(\w+) \{/gm)].map((m) => m[1]);
  const body = sample.trimEnd();
  const out = [];
  for (let k = 1; k <= copies; k++) {
    let copy = body;
    for (const g of groups) copy = copy.replace(new RegExp(`\\b${g}\\b`, 'g'), `${g}${k}`);
    out.push(copy);
  }
  return out.join('\n') + '\n';
}

/**
 * A generated diagram of about `lines` lines (the generator works in nodes; one correction step is
 * enough, line count being close to linear in nodes): the "generated" inputs of the lint
 * benchmarks (issues 2 and 15).
 */
export function generatedLines(lines) {
  let nodes = Math.max(10, Math.round(lines / 2.3));
  let text = generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 7 });
  const count = text.split('\n').length;
  nodes = Math.max(10, Math.round((nodes * lines) / count));
  return generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 7 });
}
