/**
 * flowc's Mermaid reader against Mermaid's own (mermaid 11's parser and FlowDB): on every chart
 * of the corpus, on hand-written charts of each feature, and on random charts, both accept the
 * same charts and read the same vertices (ids, labels, shapes, classes), edges (ends, labels,
 * arrow kinds, strokes, lengths), subgraphs (ids, titles, members) and direction.
 *
 * Where flowc's reader is knowingly more lenient than Mermaid (an out-of-range `linkStyle`, an
 * unknown `@{ shape }`, YAML Mermaid rejects, `subgraph` with no title), Mermaid's error is
 * expected and the import reports a warning instead (tested in import.test.ts).
 *
 * @jest-environment node
 */
import fc from 'fast-check';
import { FlowGraph } from '../../src/import/mermaid/graph.js';
import { Lexer } from '../../src/import/mermaid/lexer.js';
import { parseFlowchart } from '../../src/import/mermaid/parser.js';
import { prepare } from '../../src/import/mermaid/source.js';
import { mermaidFlowchartArb, RANDOM_SEED } from './mermaid-arbitrary.js';
import {
  corpusFiles,
  installDom,
  mermaidDb,
  removeDom,
  sanitized,
  shownText,
  type FlowDb,
} from './mermaid-oracle.js';

beforeAll(installDom);
afterAll(removeDom);

function ours(text: string): FlowGraph | { error: string } {
  try {
    const prepared = prepare(text);
    const tokens = new Lexer(prepared.text.text).tokenize();
    return parseFlowchart(tokens, (o) => prepared.text.origin[o]!).graph;
  } catch (error) {
    return { error: String(error) };
  }
}

/** Mermaid errors flowc's reader deliberately does not share (it warns instead). */
const LENIENT = /linkStyle|No such shape|reading 'text'|setting 'style'|YAMLException/;

interface Reading {
  direction: string;
  vertices: string[];
  edges: string[];
  subgraphs: string[];
}

/** Mermaid's reading, as comparable lines (labels as a browser shows them). */
function theirReading(db: FlowDb): Reading {
  const vertices = [...db.getVertices().values()];
  const known = (id: string) =>
    db.getVertices().has(id) || db.getSubGraphs().some((s) => s.id === id);
  return {
    direction: db.getDirection(),
    vertices: vertices.map(
      (v) =>
        `${v.id} | ${shownText(v.text, v.labelType)} | ${v.type} | ${v.classes.filter((c) => c !== 'clickable').join(',')}`,
    ),
    edges: db
      .getEdges()
      .map(
        (e) =>
          `${e.start} -> ${e.end} | ${shownText(e.text, e.labelType)} | ${e.type} ${e.stroke} ${e.length} | ${e.classes.join(',')}`,
      ),
    subgraphs: db
      .getSubGraphs()
      .map(
        (s) => `${s.id} | ${shownText(s.title, s.labelType)} | ${s.nodes.filter(known).join(',')}`,
      ),
  };
}

function ourReading(graph: FlowGraph): Reading {
  return {
    direction: graph.direction,
    vertices: [...graph.vertices.values()].map(
      (v) =>
        `${v.id} | ${shownText(sanitized(v.text), v.labelType)} | ${v.type} | ${v.classes.map((c) => c.name).join(',')}`,
    ),
    edges: graph.edges.map(
      (e) =>
        `${e.start} -> ${e.end} | ${shownText(sanitized(e.text), e.labelType)} | ${e.type} ${e.stroke} ${e.length} | ${e.classes.map((c) => c.name).join(',')}`,
    ),
    subgraphs: graph.subgraphs.map(
      (s) => `${s.id} | ${shownText(sanitized(s.title), s.labelType)} | ${s.nodes.join(',')}`,
    ),
  };
}

/** Both readers on one chart: the same verdict, and when both accept it, the same reading. */
async function expectSameReading(text: string): Promise<'accepted' | 'rejected' | 'lenient'> {
  const theirs = await mermaidDb(text);
  const mine = ours(text);
  if ('error' in theirs) {
    if (LENIENT.test(theirs.error)) return 'lenient';
    expect({ mermaid: 'rejects', flowc: 'error' in mine ? 'rejects' : 'accepts', text }).toEqual({
      mermaid: 'rejects',
      flowc: 'rejects',
      text,
    });
    return 'rejected';
  }
  expect({ flowc: 'error' in mine ? mine.error : 'accepts', text }).toEqual({
    flowc: 'accepts',
    text,
  });
  expect(ourReading(mine as FlowGraph)).toEqual(theirReading(theirs));
  return 'accepted';
}

const corpus = corpusFiles();

describe('the corpus (../shared/corpus/diagrams)', () => {
  if (corpus === null) {
    test('skipped: ../shared/corpus/diagrams is not beside the repository', () => {
      console.log('skipped: the corpus ../shared/corpus/diagrams is not beside the repository');
    });
    return;
  }
  test.each(corpus.map((f) => [f.name, f.text]))('%s', async (_name, text) => {
    expect(await expectSameReading(text)).toBe('accepted');
  });
});

describe('each feature', () => {
  const charts: [string, string][] = [
    ['graph with no direction', 'graph\n  A --> B\n'],
    ['every direction spelling', 'flowchart RL\nA-->B\n'],
    ['TD and semicolons', 'graph TD;\n  A-->B;B-->C;\n'],
    [
      'every bracket shape',
      'flowchart LR\n a[sq] --> b(round) --> c([stadium]) --> d[[sub]] --> e[(db)]\n f((circle)) --> g>odd] --> h{diamond} --> i{{hex}}\n j[/lean r/] --> k[\\lean l\\] --> l[/trap\\] --> m[\\inv trap/]\n n(((double))) --> o(-ellipse-)\n',
    ],
    [
      'new shape syntax',
      'flowchart TD\n A@{ shape: cyl, label: "Data" }\n B@{ shape: doc }\n C@{\n  shape: diam\n  label: "Two\\nlines"\n}\n A --> B & C\n',
    ],
    [
      'every arrow',
      'flowchart LR\n a --> b\n a --- c\n a -.-> d\n a -.- e\n a ==> f\n a === g\n a <--> h\n a o--o i\n a x--x j\n a --o k\n a --x l\n a ----> m\n a -...-> n\n a ~~~ o\n a <-.-> p\n a <==> q\n',
    ],
    [
      'labelled edges in both forms',
      'flowchart LR\n a -->|one| b\n a -- two --> c\n a == three ==> d\n a -. four .-> e\n a -->|"quoted #quot;x#quot;"| f\n a -- "str" --> g\n',
    ],
    ['chains and &', 'flowchart LR\n a --> b --> c\n d & e --> f & g\n h --> i & j --> k\n'],
    [
      'nested subgraphs with ids and titles',
      'flowchart TB\n subgraph outer [Outer box]\n  a --> b\n  subgraph inner["Inner #amp; more"]\n   c --> d\n  end\n  b --> inner\n end\n subgraph "Title only"\n  e\n end\n subgraph plain\n  f\n end\n a --> f\n',
    ],
    [
      'a node mentioned in a later subgraph stays in the first',
      'flowchart TB\n subgraph one\n  a --> b\n end\n subgraph two\n  b --> c\n end\n',
    ],
    [
      'styles and classes',
      'flowchart LR\n classDef warn fill:#fde,stroke:#c33,color:darkred;\n classDef other stroke-dasharray: 5 5\n a:::warn --> b\n class b,c other\n style a fill:#f9f,stroke-width:4px\n linkStyle 0 stroke:red,stroke-width:3px\n linkStyle default stroke:#333\n c\n',
    ],
    [
      'clicks',
      'flowchart LR\n a --> b --> c --> d\n click a "https://example.com" "A tip" _blank\n click b href "docs/b.md"\n click c callback "Tip"\n click d call fn(1, "x")\n',
    ],
    [
      'comments, front matter, directives',
      '---\ntitle: My chart\nconfig:\n  theme: dark\n---\n%%{init: {"flowchart": {"curve": "basis"}}}%%\nflowchart LR\n %% a comment\n a --> b\n%% another\n',
    ],
    ['%% after a statement (rejected by both)', 'flowchart LR\n a --> b %% not a comment\n'],
    [
      'Markdown and HTML labels, entity codes',
      'flowchart LR\n a["`**bold** and *it*`"] --> b["line<br>break &amp; #9829; #lt;tag#gt;"]\n b --> c["`first\n second`"]\n',
    ],
    ['edge ids', 'flowchart LR\n a e1@--> b\n e1@{ animate: true }\n'],
    ['unicode ids', 'flowchart LR\n Début --> Prüfung --> 検証\n'],
    [
      'accessibility lines',
      'flowchart LR\n accTitle: The title\n accDescr: A description\n a --> b\n',
    ],
    ['a label mentioning a direction', 'flowchart LR\n a[set direction TB here] --> b\n'],
    ['unbalanced bracket (rejected by both)', 'flowchart LR\n a[one --> b\n'],
    [
      'parentheses inside an unquoted label (rejected by both)',
      'flowchart LR\n a[one (two)] --> b\n',
    ],
    ['end as a node id (rejected by both)', 'flowchart LR\n a --> end\n'],
  ];
  test.each(charts)('%s', async (name, text) => {
    const verdict = await expectSameReading(text);
    expect(verdict).toBe(name.includes('rejected by both') ? 'rejected' : 'accepted');
  });
});

describe('random charts', () => {
  test('both readers accept the same charts and read the same graph', async () => {
    const verdicts = { accepted: 0, rejected: 0, lenient: 0 };
    await fc.assert(
      fc.asyncProperty(mermaidFlowchartArb, async (text) => {
        verdicts[await expectSameReading(text)]++;
      }),
      { numRuns: 250, seed: RANDOM_SEED },
    );
    // The property must have compared readings, not only agreed on rejections.
    expect(verdicts.accepted).toBeGreaterThan(40);
  });
});
