/**
 * Refuses passphrases an attacker with the file would guess first. Length is what matters most, so the
 * rule is short: at least 12 characters, not one repeated character or a keyboard run, not a well-known
 * password, and some variety. The reason is returned as one sentence for the UI and the CLI.
 */
const MIN_LENGTH = 12;

const COMMON = [
  'password', 'passphrase', 'qwerty', 'letmein', 'welcome', 'iloveyou', 'admin', 'monkey', 'dragon',
  'football', 'baseball', 'sunshine', 'princess', 'trustno1', 'casewright', 'changeme', 'secret',
  'abc123', '123456', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'children', 'council', 'complaint',
];

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopasdfghjklzxcvbnm'];

export function passphraseProblem(passphrase: string): string | null {
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
  return null;
}
