// Reading and writing publication profile files (galley.profile/1) and hand-annotation sets for
// `galley learn` and `galley segment --profile`. One-line errors that name the file.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { GoldError, parseGold, type Gold } from '../../core/eval/gold.ts';
import { defaultModel, parseProfile, type LabelledPage, type Profile } from '../../core/engine/model/index.ts';
import { labelFromGold } from '../../core/engine/model/labels.ts';
import { normalizeNewlines } from '../../core/engine/index.ts';
import { readPageFile } from '../node/read-page-file.ts';

export class ProfileFileError extends Error {
  override readonly name = 'ProfileFileError';
}

function readJson(path: string, what: string): unknown {
  if (!existsSync(path)) throw new ProfileFileError(`${path}: no such ${what} file`);
  if (statSync(path).isDirectory()) throw new ProfileFileError(`${path}: is a directory, not a ${what} file`);
  const raw = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw new ProfileFileError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** A profile file, checked against the schema and against the model this Galley runs. */
export function readProfileFile(path: string): Profile {
  const json = readJson(path, 'profile');
  let profile: Profile;
  try {
    profile = parseProfile(json);
  } catch (e) {
    throw new ProfileFileError(`${path}: ${(e as Error).message}`);
  }
  const base = defaultModel();
  if (profile.baseVersion !== base.version || profile.featureSetHash !== base.featureSetHash) {
    throw new ProfileFileError(
      `${path}: this profile of ${profile.publication} was learned over model ${profile.baseVersion}; this Galley runs ${base.version} (learn it again with galley learn)`,
    );
  }
  return profile;
}

/** Writes a profile atomically (a crash leaves the old file or the new one, never half of one). */
export function writeProfileFile(path: string, profile: Profile): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ProfileFileError(`${path}: folder ${dir} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new ProfileFileError(`${path}: is a directory`);
  const tmp = `${resolve(path)}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(profile) + '\n');
  renameSync(tmp, path);
}

export interface GoldPage {
  goldPath: string;
  textPath: string;
  gold: Gold;
  text: string;
}

/**
 * A galley.gold/1 file and its page: the text is the gold's `text` path resolved from the folder
 * above the gold file's folder, exactly as the reference scorer (score-segmentation.mjs) finds it.
 */
export async function readGoldPage(goldPath: string): Promise<GoldPage> {
  const json = readJson(goldPath, 'gold');
  let gold: Gold;
  try {
    gold = parseGold(json, goldPath);
  } catch (e) {
    const problems = e instanceof GoldError ? e.problems : [(e as Error).message];
    throw new ProfileFileError(`${goldPath}: not a valid galley.gold/1 file: ${problems.join('; ')}`);
  }
  const textPath = resolve(dirname(goldPath), '..', gold.text);
  if (!existsSync(textPath)) {
    throw new ProfileFileError(`${goldPath}: its page text ${gold.text} is not at ${textPath} (the text path is read from the folder above the gold file's folder)`);
  }
  const page = await readPageFile(textPath);
  return { goldPath, textPath, gold, text: normalizeNewlines(page.text) };
}

/** The labelled training page of a gold page (line roles from the annotation). */
export function labelGoldPage(page: GoldPage, source: string): LabelledPage {
  try {
    return labelFromGold(page.text, page.gold, source, basename(page.goldPath).replace(/\.json$/i, ''));
  } catch (e) {
    throw new ProfileFileError(`${page.goldPath}: cannot label its page: ${(e as Error).message}`);
  }
}
