import { describe, expect, it } from 'vitest';

interface SigningModule {
  signingPlan(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): { errors: string[]; warnings: string[]; notes: string[] };
}
const { signingPlan } = (await import(/* @vite-ignore */ new URL('../../../scripts/signing.mjs', import.meta.url).href)) as SigningModule;

const APPLE = { APPLE_ID: 'io@example.org', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh', APPLE_TEAM_ID: 'TEAM123456' };

describe('signing and notarisation from the environment', () => {
  it('macOS with everything: signs and notarises, no warnings', () => {
    const plan = signingPlan({ CSC_LINK: '/certs/dev.p12', CSC_KEY_PASSWORD: 'pw', ...APPLE }, 'darwin');
    expect(plan).toEqual({ errors: [], warnings: [], notes: ['macOS: signing with the certificate in CSC_LINK.', 'macOS: notarising with APPLE_ID and APPLE_TEAM_ID.'] });
  });

  it('macOS with nothing: warns that only a keychain certificate would sign it', () => {
    expect(signingPlan({}, 'darwin').warnings[0]).toBe(
      "macOS: no CSC_LINK, so the app is signed only if this Mac's keychain holds a Developer ID Application certificate (otherwise Gatekeeper blocks it); set CSC_LINK and CSC_KEY_PASSWORD to sign it with a known certificate.",
    );
  });

  it('macOS with nothing and keychain discovery off: builds unsigned, with one warning each for signing and notarisation', () => {
    const plan = signingPlan({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, 'darwin');
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([
      'macOS: no CSC_LINK, so the app will not be signed and Gatekeeper will block it; set CSC_LINK and CSC_KEY_PASSWORD to sign it.',
      'macOS: no APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID, so the app will not be notarised and macOS will warn on first open; set all three to notarise it.',
    ]);
  });

  it('half-set credentials stop the build, naming what is missing', () => {
    expect(signingPlan({ CSC_LINK: '/c.p12' }, 'darwin').errors).toEqual(["CSC_LINK is set but CSC_KEY_PASSWORD is not; set the certificate's password in CSC_KEY_PASSWORD and run npm run dist again."]);
    expect(signingPlan({ CSC_LINK: '/c.p12', CSC_KEY_PASSWORD: 'x', APPLE_ID: 'a@b' }, 'darwin').errors).toEqual([
      'APPLE_ID is set but APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are not; set all three to notarise (or none to skip it) and run npm run dist again.',
    ]);
    expect(signingPlan({ WIN_CSC_LINK: 'c.pfx' }, 'win32').errors).toEqual(["WIN_CSC_LINK is set but WIN_CSC_KEY_PASSWORD is not; set the certificate's password in WIN_CSC_KEY_PASSWORD and run npm run dist again."]);
  });

  it('Windows: WIN_CSC_LINK, else CSC_LINK, else a warning', () => {
    expect(signingPlan({ WIN_CSC_LINK: 'c.pfx', WIN_CSC_KEY_PASSWORD: 'pw' }, 'win32').notes).toEqual(['Windows: signing with the certificate in WIN_CSC_LINK.']);
    expect(signingPlan({ CSC_LINK: 'c.pfx', CSC_KEY_PASSWORD: 'pw' }, 'win32').notes).toEqual(['Windows: signing with the certificate in CSC_LINK.']);
    expect(signingPlan({}, 'win32').warnings).toEqual(['Windows: no WIN_CSC_LINK, so the installer will not be signed and SmartScreen will warn; set WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD to sign it.']);
  });

  it('Linux: nothing to sign, said plainly', () => {
    expect(signingPlan({}, 'linux')).toEqual({ errors: [], warnings: [], notes: ['Linux: AppImage and deb are not code-signed; publish their SHA-256 sums with them.'] });
  });
});
