/**
 * Output is deterministic: the same file rendered in two separate processes (with different
 * locales, time zones and working folders) gives byte-identical files. `render --check` and the
 * batch cache depend on it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './helpers.js';

const BIN = path.join(REPO, 'bin/flowc.js');
const samples = fs
  .readdirSync(path.join(REPO, 'samples'))
  .filter((f) => f.endsWith('.flow'))
  .sort();

function renderAll(env: Record<string, string>): Map<string, Buffer> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-determinism-'));
  try {
    const outputs = new Map<string, Buffer>();
    for (const sample of samples) {
      for (const ext of ['svg', 'json', 'png']) {
        const file = path.join(out, `${sample}.${ext}`);
        const r = spawnSync(
          process.execPath,
          [BIN, 'render', path.join(REPO, 'samples', sample), '-o', file],
          {
            cwd: out,
            env: { PATH: process.env['PATH'] ?? '', ...env },
            encoding: 'utf8',
          },
        );
        expect({ sample, ext, status: r.status, stderr: r.stderr }).toEqual({
          sample,
          ext,
          status: 0,
          stderr: '',
        });
        outputs.set(`${sample}.${ext}`, fs.readFileSync(file));
      }
    }
    return outputs;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

test('every sample renders byte for byte the same in two processes', () => {
  const first = renderAll({ TZ: 'UTC', LANG: 'C' });
  const second = renderAll({ TZ: 'Pacific/Auckland', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' });
  expect([...second.keys()]).toEqual([...first.keys()]);
  for (const [name, bytes] of first)
    expect({ name, same: bytes.equals(second.get(name)!) }).toEqual({ name, same: true });
});
