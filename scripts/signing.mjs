#!/usr/bin/env node
// @ts-check
/**
 * Runs first in `npm run dist`: says what the installers will be signed and notarised with, from the
 * environment variables electron-builder reads itself, and warns (one sentence each) about what will be
 * skipped. Unsigned builds are allowed (for testing), but nobody should ship one by accident. Credentials that
 * are only half there stop the build before anything is built, with the missing variable named.
 *
 *   macOS signing        CSC_LINK (a .p12 file path, https URL or base64) and CSC_KEY_PASSWORD
 *   macOS notarisation   APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID
 *   Windows signing      WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD (else CSC_LINK / CSC_KEY_PASSWORD)
 *   Linux                AppImage and deb are not signed (distribute their SHA-256 sums instead)
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @param {NodeJS.ProcessEnv} env @param {NodeJS.Platform} platform the platform being built for
 * @returns {{ errors: string[], warnings: string[], notes: string[] }}
 */
export function signingPlan(env, platform) {
  /** @type {string[]} */ const errors = [];
  /** @type {string[]} */ const warnings = [];
  /** @type {string[]} */ const notes = [];
  const set = (/** @type {string} */ name) => typeof env[name] === 'string' && env[name] !== '';
  if (platform === 'darwin') {
    if (set('CSC_LINK')) {
      if (!set('CSC_KEY_PASSWORD')) errors.push('CSC_LINK is set but CSC_KEY_PASSWORD is not; set the certificate\'s password in CSC_KEY_PASSWORD and run npm run dist again.');
      else notes.push('macOS: signing with the certificate in CSC_LINK.');
    } else {
      // Without CSC_LINK, electron-builder still looks in this Mac's keychain unless told not to.
      warnings.push(
        env.CSC_IDENTITY_AUTO_DISCOVERY === 'false'
          ? 'macOS: no CSC_LINK, so the app will not be signed and Gatekeeper will block it; set CSC_LINK and CSC_KEY_PASSWORD to sign it.'
          : 'macOS: no CSC_LINK, so the app is signed only if this Mac\'s keychain holds a Developer ID Application certificate (otherwise Gatekeeper blocks it); set CSC_LINK and CSC_KEY_PASSWORD to sign it with a known certificate.',
      );
    }
    const apple = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
    const have = apple.filter(set);
    if (have.length === apple.length) notes.push('macOS: notarising with APPLE_ID and APPLE_TEAM_ID.');
    else if (have.length > 0) errors.push(`${have.join(' and ')} ${have.length === 1 ? 'is' : 'are'} set but ${apple.filter((n) => !set(n)).join(' and ')} ${apple.length - have.length === 1 ? 'is' : 'are'} not; set all three to notarise (or none to skip it) and run npm run dist again.`);
    else warnings.push('macOS: no APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID, so the app will not be notarised and macOS will warn on first open; set all three to notarise it.');
  } else if (platform === 'win32') {
    const link = set('WIN_CSC_LINK') ? 'WIN_CSC_LINK' : set('CSC_LINK') ? 'CSC_LINK' : null;
    const password = link === 'WIN_CSC_LINK' ? 'WIN_CSC_KEY_PASSWORD' : 'CSC_KEY_PASSWORD';
    if (!link) warnings.push('Windows: no WIN_CSC_LINK, so the installer will not be signed and SmartScreen will warn; set WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD to sign it.');
    else if (!set(password)) errors.push(`${link} is set but ${password} is not; set the certificate's password in ${password} and run npm run dist again.`);
    else notes.push(`Windows: signing with the certificate in ${link}.`);
  } else {
    notes.push('Linux: AppImage and deb are not code-signed; publish their SHA-256 sums with them.');
  }
  return { errors, warnings, notes };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const { errors, warnings, notes } = signingPlan(process.env, process.platform);
  for (const n of notes) console.log(n);
  for (const w of warnings) console.warn(`WARNING: ${w}`);
  for (const e of errors) console.error(e);
  process.exit(errors.length > 0 ? 1 : 0);
}
