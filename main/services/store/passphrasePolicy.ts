import { createRequire } from 'node:module';

/**
 * Refuses passphrases an attacker with the file would guess first. Length is what matters most: at least 12
 * characters, not one repeated character or a keyboard run, not a well-known password; then a maintained
 * strength estimator (zxcvbn-ts with its common and English dictionaries, told the user's name, the case
 * references and "casewright") must put it beyond ten billion guesses. The reason is one sentence for the UI
 * and the CLI.
 */
const MIN_LENGTH = 12;
/** zxcvbn's score 4: "very unguessable", at least 10^10 guesses (days of GPU time against PBKDF2-SHA512 256,000). */
const MIN_GUESSES_LOG10 = 10;

interface Estimator {
  check(password: string, userInputs?: (string | number)[]): { guessesLog10: number; feedback: { warning: string | null } };
}

let estimator: Estimator | null = null;
/**
 * The estimator and its dictionaries (about 1.5 MB, half a second to load) are loaded on first use, so the
 * CLI and the app start without them; `require` keeps the check synchronous.
 */
function zxcvbn(): Estimator {
  if (!estimator) {
    const require = createRequire(import.meta.url);
    const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
    estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });
  }
  return estimator;
}

export interface PassphraseContext {
  /** Words an attacker would try first: the user's name, the case references, the store's name. */
  userInputs?: string[];
}

const COMMON = [
  'password', 'passphrase', 'qwerty', 'letmein', 'welcome', 'iloveyou', 'admin', 'monkey', 'dragon',
  'football', 'baseball', 'sunshine', 'princess', 'trustno1', 'casewright', 'changeme', 'secret',
  'abc123', '123456', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'children', 'council', 'complaint',
];

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopasdfghjklzxcvbnm'];

export function passphraseProblem(passphrase: string, context: PassphraseContext = {}): string | null {
  const p = passphrase.normalize('NFC');
  if (p.length < MIN_LENGTH) {
    return `The passphrase must be at least ${MIN_LENGTH} characters long; a short sentence you will remember works well.`;
  }
  const lower = p.toLowerCase();
  if (new Set(lower).size < 5) {
    return 'The passphrase repeats too few different characters to be safe; use a short sentence or several unrelated words.';
  }
  const squashed = lower.replace(/[^a-z0-9]/g, '');
  const isRun = SEQUENCES.some((s) => squashed.length >= 6 && (s.includes(squashed) || [...s].reverse().join('').includes(squashed)));
  if (isRun) {
    return 'The passphrase is a run of keys or letters that is guessed first; use a short sentence or several unrelated words.';
  }
  // Well-known words padded with digits or symbols ("Password123!!") are the first thing tried.
  const core = lower.replace(/[^a-z]/g, '');
  if (COMMON.some((w) => core === w || core === w + w || (core.length <= w.length + 2 && core.includes(w)))) {
    return 'The passphrase is built on a well-known password that is guessed first; use a short sentence or several unrelated words.';
  }
  // Names are split into their words too ("Amira Haddad" gives "Amira" and "Haddad").
  const inputs = ['casewright', ...(context.userInputs ?? [])].flatMap((w) => [w, ...w.split(/[\s/_.-]+/)]).map((w) => w.trim()).filter((w) => w.length >= 3);
  const r = zxcvbn().check(p, [...new Set(inputs)]);
  if (r.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  const warning = r.feedback.warning;
  if (warning && /personal/i.test(warning)) {
    return 'The passphrase is built on your name, a case reference or the name of the app, which are guessed first; use a short sentence or several unrelated words.';
  }
  const reason = warning ? warning.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()) : 'a computer could find it in fewer than ten billion guesses';
  return `The passphrase is too easy to guess (${reason}); use a short sentence or several unrelated words.`;
}
