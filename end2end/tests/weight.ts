import { BrowserContext, Request, expect } from '@playwright/test';
import * as http from 'node:http';

// The byte weight of a page's first view, as a phone on slow mobile data
// downloads it: every response brotli-compressed the way the server sends
// it. Sizes, not timings (scripts/lighthouse measures those).
export const KB = 1024;
export const BUDGET = { htmlCss: 40 * KB, jsWasm: 50 * KB };

export type Kind = 'html+css' | 'js+wasm' | 'font' | 'image' | 'other';
type Resource = { url: string; kind: Kind; encoding: string; bytes: number };
export type Measured = { name: string; path: string; resources: Resource[]; total: Record<Kind, number> };

function kindOf(url: string, contentType: string): Kind {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const path = new URL(url).pathname.toLowerCase();
  if (/javascript|ecmascript|wasm/.test(type) || /\.(m?js|wasm)$/.test(path)) return 'js+wasm';
  if (type === 'text/html' || type === 'text/css' || /\.(html?|css)$/.test(path)) return 'html+css';
  if (type.startsWith('font/') || /font/.test(type) || /\.(woff2?|ttf|otf|eot)$/.test(path)) return 'font';
  if (type.startsWith('image/') || /\.(png|jpe?g|gif|webp|avif|svg|ico)$/.test(path)) return 'image';
  return 'other';
}

/**
 * GETs `url` as the browser did, but accepting brotli, and counts the body's
 * bytes as they come over the wire: Node's http client leaves the content
 * encoding alone, so a compressed answer is counted compressed and one the
 * server does not compress is counted raw (that is what a phone downloads).
 */
function wireSize(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; contentType: string; encoding: string; bytes: number }>((resolve, reject) => {
    const request = http.get(url, { headers: { ...headers, 'accept-encoding': 'br' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          encoding: String(response.headers['content-encoding'] ?? 'none'),
          bytes,
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** The browser's request headers, minus those that would change the answer's encoding or status. */
async function replayHeaders(request: Request): Promise<Record<string, string>> {
  const headers = await request.allHeaders();
  const skip = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'if-none-match', 'if-modified-since', 'range']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':') && !skip.has(name.toLowerCase())));
}

/** Loads `path` in a fresh context (empty cache) and measures every response of its first view. */
export async function measure(context: BrowserContext, name: string, path: string, baseURL: string): Promise<Measured> {
  const page = await context.newPage();
  const seen: Array<Promise<{ url: string; method: string; status: number; headers: Record<string, string> }>> = [];
  page.on('response', (response) => {
    const request = response.request();
    seen.push(replayHeaders(request).then((headers) => ({ url: request.url(), method: request.method(), status: response.status(), headers })));
  });
  const response = await page.goto(path, { waitUntil: 'load' });
  expect(response?.status(), `${path} answers`).toBe(200);
  // The islands' module script and its WebAssembly load after `load`.
  await page.waitForLoadState('networkidle');
  const responses = await Promise.all(seen);
  await page.close();

  const resources: Resource[] = [];
  for (const { url, method, status, headers } of responses) {
    if (url.startsWith('data:')) continue;
    expect(url.startsWith(baseURL), `${path} loads nothing from another origin: ${url}`).toBe(true);
    if (method !== 'GET' || status < 200 || status >= 300) {
      // A redirect's or an error's few bytes are not part of the view.
      continue;
    }
    const wire = await wireSize(url, headers);
    expect(wire.status, `${url} answers again`).toBe(200);
    resources.push({ url: url.slice(baseURL.length), kind: kindOf(url, wire.contentType), encoding: wire.encoding, bytes: wire.bytes });
  }
  const total: Record<Kind, number> = { 'html+css': 0, 'js+wasm': 0, font: 0, image: 0, other: 0 };
  for (const r of resources) total[r.kind] += r.bytes;
  return { name, path, resources, total };
}

export function table(measured: Measured[]): string {
  const kb = (n: number) => (n / KB).toFixed(1);
  const head = `${'page'.padEnd(32)} ${'path'.padEnd(44)} ${'HTML+CSS'.padStart(9)} ${'JS+WASM'.padStart(9)} ${'fonts'.padStart(6)} ${'images'.padStart(6)} ${'other'.padStart(6)}  (KB, brotli as sent)`;
  const rows = measured.map(
    (m) =>
      `${m.name.padEnd(32)} ${m.path.padEnd(44)} ${kb(m.total['html+css']).padStart(9)} ${kb(m.total['js+wasm']).padStart(9)} ` +
      `${kb(m.total.font).padStart(6)} ${kb(m.total.image).padStart(6)} ${kb(m.total.other).padStart(6)}`,
  );
  const budget = `${'budget'.padEnd(32)} ${''.padEnd(44)} ${kb(BUDGET.htmlCss).padStart(9)} ${kb(BUDGET.jsWasm).padStart(9)}`;
  const files = measured.flatMap((m) => [
    `${m.name} (${m.path}):`,
    ...m.resources.map((r) => `  ${r.kind.padEnd(9)} ${String(r.bytes).padStart(7)} B  ${r.encoding.padEnd(5)} ${r.url.length > 70 ? `${r.url.slice(0, 67)}...` : r.url}`),
  ]);
  return [head, ...rows, budget, '', 'Responses of each first view (bytes as sent with Accept-Encoding: br):', ...files].join('\n');
}

