// Whether this machine can render and OCR a page (Tesseract with chi_sim, and Chromium): tests that
// need them are skipped where they are missing, and CI asserts they are there.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function hasTesseract(): boolean {
  try {
    return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('chi_sim');
  } catch {
    return false;
  }
}

export const OCR_TOOLS = hasTesseract() && existsSync(process.env.GALLEY_CHROMIUM ?? '/usr/bin/chromium');
