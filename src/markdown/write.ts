/**
 * Writing what `renderMarkdown` made: the images (each by src/files/write.ts's rules, and only
 * when its bytes differ from the file there, so a second run touches nothing), then the Markdown
 * file with its links, atomically and only if it still holds the text that was rendered: an edit
 * made in the meantime is never overwritten.
 */
import type { FileSystem } from '../files/fs.js';
import { writeOutput } from '../files/write.js';
import { MAX_INPUT_BYTES } from '../limits.js';
import type { MarkdownRenderResult } from './render.js';

export interface MarkdownWrite {
  /** Image files written (their content changed or they were missing). */
  written: string[];
  /** True when the Markdown file was rewritten with new links. */
  textWritten: boolean;
  /** True when the Markdown file changed on disk after it was read: its links were left alone. */
  textChanged: boolean;
}

export async function writeMarkdownResult(
  fs: FileSystem,
  file: string,
  originalText: string,
  result: Pick<MarkdownRenderResult, 'images' | 'text'>,
): Promise<MarkdownWrite> {
  const written: string[] = [];
  for (const image of result.images) {
    const data = typeof image.data === 'string' ? Buffer.from(image.data, 'utf8') : image.data;
    if (await sameContent(fs, image.file, data)) continue;
    await writeOutput(fs, image.file, data);
    written.push(image.file);
  }
  if (result.text === originalText) return { written, textWritten: false, textChanged: false };
  const now = (await fs.readFile(file, MAX_INPUT_BYTES)).toString('utf8');
  if (now !== originalText) return { written, textWritten: false, textChanged: true };
  // Atomically, keeping its permissions; through a symbolic link, the file it leads to.
  await writeOutput(fs, file, result.text);
  return { written, textWritten: true, textChanged: false };
}

async function sameContent(fs: FileSystem, file: string, data: Buffer): Promise<boolean> {
  try {
    return (await fs.readFile(file)).equals(data);
  } catch {
    return false;
  }
}
