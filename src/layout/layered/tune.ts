// TEMPORARY experiment knobs (FLOWC_TUNE="name=value,..."); removed before landing.
const raw = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.FLOWC_TUNE ?? '';
const values = new Map(
  raw
    .split(',')
    .filter((p) => p.includes('='))
    .map((p) => [p.split('=')[0] as string, Number(p.split('=')[1])] as const),
);
export function tune(name: string, fallback: number): number {
  return values.get(name) ?? fallback;
}
