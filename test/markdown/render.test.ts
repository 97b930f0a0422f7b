/**
 * Rendering a Markdown file's flow blocks: the images, their names and links, positions of
 * diagnostics in the `.md`, the `<details>` option, and idempotence (a second run changes nothing).
 */
import * as path from 'node:path';
import { checkMarkdown } from '../../src/markdown/check.js';
import {
  imageHref,
  imagePath,
  renderMarkdown,
  type MarkdownRenderOptions,
} from '../../src/markdown/render.js';

import { BROKEN, fence, GOOD, md, OTHER } from '../support/markdown.js';

const FILE = path.resolve('/docs/guide/README.md');
const options = (extra: Partial<MarkdownRenderOptions> = {}): MarkdownRenderOptions => ({
  file: FILE,
  formats: ['svg'],
  ...extra,
});

const THREE_BLOCKS = md(
  '# Guide',
  '',
  ...fence(GOOD, 'flow id=checkout'),
  '',
  'Some text.',
  '',
  ...fence(BROKEN),
  '',
  ...fence(OTHER),
);

describe('renderMarkdown', () => {
  test('three blocks, one broken: two images, the error at its .md line, two links', async () => {
    const result = await renderMarkdown(THREE_BLOCKS, options());
    expect(result.images.map((i) => [path.basename(i.file), i.format])).toEqual([
      ['README-checkout.svg', 'svg'],
      ['README-3.svg', 'svg'],
    ]);
    expect(result.images.every((i) => String(i.data).includes('<svg'))).toBe(true);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        ruleId: 'syntax',
        span: expect.objectContaining({ line: 15, column: 20 }),
      }),
    ]);
    expect(THREE_BLOCKS.split('\n')[14]).toBe('w: rectangle label:"Work');
    expect(result.text).toBe(
      md(
        '# Guide',
        '',
        ...fence(GOOD, 'flow id=checkout'),
        '',
        '![checkout](README-checkout.svg)',
        '',
        'Some text.',
        '',
        ...fence(BROKEN),
        '',
        ...fence(OTHER),
        '',
        '![Diagram 3](README-3.svg)',
      ),
    );
  });

  test('a second run changes no byte, of the text or of an image', async () => {
    const first = await renderMarkdown(THREE_BLOCKS, options({ formats: ['svg', 'png'] }));
    const second = await renderMarkdown(first.text, options({ formats: ['svg', 'png'] }));
    expect(second.text).toBe(first.text);
    expect(second.images.map((i) => i.file)).toEqual(first.images.map((i) => i.file));
    second.images.forEach((image, i) => expect(image.data).toEqual(first.images[i]!.data));
  });

  test('a link flowc wrote is updated (png instead of svg); another image after the block is kept', async () => {
    const text = md(
      ...fence(GOOD),
      '',
      '![old](README-1.svg)',
      '',
      ...fence(OTHER),
      '![mine](photo.png)',
    );
    const result = await renderMarkdown(text, options({ formats: ['png'] }));
    expect(result.text).toBe(
      md(
        ...fence(GOOD),
        '',
        '![Diagram 1](README-1.png)',
        '',
        ...fence(OTHER),
        '',
        '![Diagram 2](README-2.png)',
        '',
        '![mine](photo.png)',
      ),
    );
  });

  test('details: the block is folded, the image follows; keep unfolds it again', async () => {
    const original = md('Intro', '', ...fence(GOOD, 'flow id=a alt="The flow"'), 'After.');
    const folded = await renderMarkdown(original, options({ mode: 'details' }));
    expect(folded.text).toBe(
      md(
        'Intro',
        '',
        '<details><summary>Diagram source</summary>',
        '',
        ...fence(GOOD, 'flow id=a alt="The flow"'),
        '',
        '</details>',
        '',
        '![The flow](README-a.svg)',
        '',
        'After.',
      ),
    );
    expect((await renderMarkdown(folded.text, options({ mode: 'details' }))).text).toBe(
      folded.text,
    );
    const kept = await renderMarkdown(folded.text, options({ mode: 'keep' }));
    expect(kept.text).toBe(
      md(
        'Intro',
        '',
        ...fence(GOOD, 'flow id=a alt="The flow"'),
        '',
        '![The flow](README-a.svg)',
        '',
        'After.',
      ),
    );
  });

  test("a writer's own <details> around a block is left as it is, the image after it", async () => {
    const text = md('<details><summary>Source</summary>', '', ...fence(GOOD), '', '</details>');
    const result = await renderMarkdown(text, options({ mode: 'keep' }));
    expect(result.text).toBe(text + md('', '![Diagram 1](README-1.svg)'));
  });

  test('blocks in list items and block quotes get their image inside the same container', async () => {
    const numbered = ['1. Step one:', '', ...fence(GOOD, 'flow', '   ')];
    const [firstLine, ...rest] = fence(OTHER);
    const bulleted = ['2. Step two', '', `- ${firstLine!}`, ...rest.map((l) => `  ${l}`)];
    const quoted = ['> Quoted:', '>', ...fence(OTHER, 'flow id=q').map((l) => `> ${l}`)];
    const text = md(...numbered, ...bulleted, '', ...quoted);
    const result = await renderMarkdown(text, options());
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe(
      md(
        ...numbered,
        '',
        '   ![Diagram 1](README-1.svg)',
        '',
        ...bulleted,
        '',
        '  ![Diagram 2](README-2.svg)',
        '',
        ...quoted,
        '>',
        '> ![q](README-q.svg)',
      ),
    );
    expect((await renderMarkdown(result.text, options())).text).toBe(result.text);
  });

  test('a list item that starts with its block keeps its marker on the <details> line', async () => {
    const text = md(
      `- ${fence(OTHER)[0]}`,
      ...fence(OTHER)
        .slice(1)
        .map((l) => `  ${l}`),
    );
    const folded = await renderMarkdown(text, options({ mode: 'details' }));
    expect(folded.text).toBe(
      md(
        '- <details><summary>Diagram source</summary>',
        '',
        ...fence(OTHER).map((l) => `  ${l}`),
        '',
        '  </details>',
        '',
        '  ![Diagram 1](README-1.svg)',
      ),
    );
    expect((await renderMarkdown(folded.text, options({ mode: 'keep' }))).text).toBe(
      md(
        `- ${fence(OTHER)[0]}`,
        ...fence(OTHER)
          .slice(1)
          .map((l) => `  ${l}`),
        '',
        '  ![Diagram 1](README-1.svg)',
      ),
    );
  });

  test('CRLF stays CRLF, and a file without a final newline stays without one', async () => {
    const crlf = fence(GOOD).join('\r\n') + '\r\n';
    const result = await renderMarkdown(crlf, options());
    expect(result.text).toBe(crlf + '\r\n![Diagram 1](README-1.svg)\r\n');
    expect(result.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect((await renderMarkdown(result.text, options())).text).toBe(result.text);

    const bare = fence(GOOD).join('\n');
    expect((await renderMarkdown(bare, options())).text).toBe(
      bare + '\n\n![Diagram 1](README-1.svg)',
    );
  });

  test('tilde fences and indented fences are rendered too', async () => {
    const text = md(
      '~~~flow',
      ...OTHER,
      '~~~',
      '',
      '  ```flow id=x',
      ...OTHER.map((l) => '  ' + l),
      '  ```',
    );
    const result = await renderMarkdown(text, options());
    expect(result.images.map((i) => path.basename(i.file))).toEqual([
      'README-1.svg',
      'README-x.svg',
    ]);
    expect(result.text).toContain('~~~\n\n![Diagram 1](README-1.svg)\n');
    expect(result.text).toContain('  ```\n\n  ![x](README-x.svg)\n');
  });

  test('a block with errors that can still be drawn gets its image, marked, and its errors', async () => {
    // A diamond with an unlabelled branch: drawn, with the rule error reported.
    const text = md(
      ...fence([
        's: circle label:"Start"',
        'd: diamond label:"OK?"',
        'e: circle label:"End"',
        'f: circle label:"Fail"',
        's -> d',
        'd -> e',
        'd -> f [label="no"]',
      ]),
    );
    const result = await renderMarkdown(text, options());
    expect(result.images).toHaveLength(1);
    expect(result.diagnostics.some((d) => d.severity === 'error' && d.span.line === 7)).toBe(true);
  });

  test('no image format asked for (-f mermaid): the files are made, the text is not touched', async () => {
    const text = md(...fence(GOOD));
    const result = await renderMarkdown(text, options({ formats: ['mermaid'] }));
    expect(result.images.map((i) => path.basename(i.file))).toEqual(['README-1.mmd']);
    expect(result.text).toBe(text);
  });
});

describe('checkMarkdown', () => {
  test('diagnostics are at .md lines and columns, container prefixes counted', async () => {
    const text = md('- item', '', ...fence(['a: circle', 'a -> zz'], 'flow', '  '));
    const { diagnostics } = await checkMarkdown(text);
    const unresolved = diagnostics.find((d) => d.ruleId === 'unresolved-reference');
    expect(unresolved?.span).toEqual({ line: 5, column: 8, endLine: 5, endColumn: 10 });
    expect(text.split('\n')[4]!.slice(7, 9)).toBe('zz');
  });

  test('rule settings apply to block problems too', async () => {
    const text = md('```flow idd=x', ...GOOD, '```');
    expect((await checkMarkdown(text)).diagnostics.map((d) => d.ruleId)).toEqual([
      'unknown-attribute',
    ]);
    expect(
      (await checkMarkdown(text, { rules: { 'unknown-attribute': 'off' } })).diagnostics,
    ).toEqual([]);
  });

  test('a skipped block is not checked', async () => {
    const text = md('<!-- flowc-skip -->', '', ...fence(BROKEN));
    expect((await checkMarkdown(text)).diagnostics).toEqual([]);
  });
});

describe('image paths and links', () => {
  test('beside the .md, or mirrored under an output folder', () => {
    expect(imagePath('/r/docs/a/README.md', 'x', 'svg', null)).toBe('/r/docs/a/README-x.svg');
    expect(imagePath('/r/docs/a/README.md', 'x', 'png', '/r/out', '/r/docs')).toBe(
      '/r/out/a/README-x.png',
    );
    expect(imagePath('/elsewhere/README.md', '2', 'svg', '/r/out', '/r/docs')).toBe(
      '/r/out/README-2.svg',
    );
  });

  test('links are relative, /-separated and URL-encoded', () => {
    expect(imageHref('/r/docs/README.md', '/r/out/my pics (1)/README-1.svg')).toBe(
      '../out/my%20pics%20%281%29/README-1.svg',
    );
  });
});
