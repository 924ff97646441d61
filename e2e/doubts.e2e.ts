// Doubts and learned profiles in the running app (browser host): a publication whose first page
// was corrected and proofed (its profile learned from it), the second page segmented with that profile; the
// doubts are marked in the OCR text and on the cards, F8 / Shift+F8 walk them, Confirm settles
// one, the library counts them; screenshots in English and Chinese.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { isDoubtful } from '../shared/segmentation.ts';
import { defaultModel, parseProfile, UNTRIED_PROFILE_BELOW } from '../core/engine/model/index.ts';
import { deriveItems } from '../core/engine/segment.ts';
import { goldStartLines } from '../core/eval/gold.ts';
import { SCREENSHOTS, hasChromium, openAppOnArchive, openEveryIssue, type AppOnArchive } from './support.ts';

const SAMPLE = fileURLToPath(new URL('../resources/training-sample/', import.meta.url));
/** Doubts the committed model (v8, as v7) leaves on page 2 (see prepareArchive); v6 left 2, v4 and v5 4, v2 and v3 3. */
const DOUBTS_ON_PAGE_2 = 3;

/**
 * The archive before the app starts, segmented and learned exactly as the app does it (the
 * archive's own segmenter and learner: the committed model and the publication's profile): a
 * 人民日报 page of real Tesseract OCR that the base model misreads (overall below
 * UNTRIED_PROFILE_BELOW against its hand annotation), corrected to that annotation's splits and
 * proofed (the profile learns it and, the base model having read it poorly, is used untried), then a page the model has never seen —
 * real Tesseract output of a rendered 人民日报 page 2 that the corpus builder could not align and
 * so left out of training (resources/training-sample/README.md). With the committed weights it
 * has DOUBTS_ON_PAGE_2 doubts; a retrained model that changes the count fails the first test,
 * which names it (the walk needs two or more).
 */
function prepareArchive(dir: string): { doubts: number; secondPageId: number } {
  const archive = openArchive(join(dir, 'archive.db'), { logger: { warn: () => {} } });
  try {
    const who = { name: 'e2e' };
    const page = (file: string) => ({
      sourceName: `人民日报/2019-10/${file.split('/').at(-1)}`,
      text: readFileSync(join(SAMPLE, file), 'utf8'),
      encoding: 'UTF-8',
      publicationHint: '人民日报',
      dateHint: '2019-10-11',
      folderHint: '人民日报/2019-10',
    });
    const first = archive.importPage(page('pages/pd-2020-02-05-p08-v1-ocr.txt'), who);
    const rec = archive.getPage(first.pageId);
    const gold = JSON.parse(readFileSync(join(SAMPLE, 'gold/pd-2020-02-05-p08-v1-ocr.json'), 'utf8'));
    const lines = rec.text.split('\n');
    const offsets = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0));
    const starts = goldStartLines(lines, gold).map((l) => offsets[l]!);
    const corrected = deriveItems(rec.text, starts, gold.items.map((i: { kind: string }) => i.kind)).map((i) => ({ ...i, editedFields: [], tags: [] }));
    archive.savePage({ pageId: first.pageId, baseRevision: rec.revision, text: rec.text, items: corrected }, who);
    archive.setPageState(first.pageId, 'proofed', who);
    const profile = parseProfile(archive.publicationProfileJson(archive.listPublicationProfiles()[0]!.publicationId));
    if (!(profile.firstPageBaseScore! < UNTRIED_PROFILE_BELOW)) throw new Error(`the base model scores ${profile.firstPageBaseScore} on the corrected first page: its profile would wait for a trial`);
    const second = archive.importPage(page('ocr-unaligned/pd-2019-10-11-p02-v1-ocr.txt'), who);
    return { doubts: archive.getPage(second.pageId).items.filter(isDoubtful).length, secondPageId: second.pageId };
  } finally {
    archive.close();
  }
}

describe.skipIf(!hasChromium)('doubts in the workspace', () => {
  let app: AppOnArchive;
  let page: Page;
  let doubts = 0;
  let secondPageId = 0;
  const selectedIndex = () => page.locator('[data-testid=item-card]').evaluateAll((cards) => cards.findIndex((c) => c.classList.contains('selected')));
  const doubtfulIndexes = () =>
    page.locator('[data-testid=item-card]').evaluateAll((cards) => cards.flatMap((c, i) => (c.querySelector('[data-testid=doubt-badge]') ? [i] : [])));

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-e2e-doubts-'));
    ({ doubts, secondPageId } = prepareArchive(dir));
    app = await openAppOnArchive(dir);
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('the library counts each page\'s doubts; the page shows its model and profile', async () => {
    // The committed model leaves DOUBTS_ON_PAGE_2 doubts on page 2; the walk below needs two or more.
    expect(doubts, `doubts on page 2 with the committed model ${defaultModel().version}`).toBe(DOUBTS_ON_PAGE_2);
    expect(doubts).toBeGreaterThan(1);
    await openEveryIssue(page);
    const row = page.locator(`[data-testid=page-row][data-page-id="${secondPageId}"]`);
    await expect.poll(() => row.getByTestId('page-doubts').getAttribute('data-count')).toBe(String(doubts));
    await expect.poll(() => row.getByTestId('page-doubts').textContent()).toBe(`? ${doubts} doubts`);
    // The proofed first page shows none: this is the only count in the library.
    expect(await page.getByTestId('page-doubts').count()).toBe(1);
    await row.click();
    await page.waitForSelector('[data-testid=item-card]');
    await expect.poll(() => page.getByTestId('model-chip').textContent()).toBe('Model: 人民日报 profile (learned from 1 page)');
    // The engine worker previews with the same profile (engine.profile), and the chip's tooltip says so.
    await expect.poll(() => page.getByTestId('model-chip').getAttribute('data-preview-profile')).toBe('人民日报');
    expect(await page.getByTestId('model-chip').getAttribute('title')).toMatch(/previewed with the 人民日报 profile \(learned from 1 page\)/);
  });

  it('marks doubtful splits in the OCR text and doubtful cards, with the confidence', async () => {
    await expect.poll(doubtfulIndexes).toHaveLength(doubts);
    expect(await page.locator('.split-zone[data-doubt="1"]').count()).toBe(doubts);
    const badge = page.getByTestId('doubt-badge').first();
    expect(await badge.getAttribute('title')).toMatch(/Doubtful (split|titles): the engine is \d+% sure/);
    expect(await page.getByTestId('doubt-counter').textContent()).toBe(`? ${doubts} doubts`);
    await page.screenshot({ path: join(SCREENSHOTS, 'doubts-en.tmp.png') });
  });

  it('F8 and Shift+F8 walk through the doubts, wrapping around', async () => {
    const want = await doubtfulIndexes();
    await page.locator('.page-title').click(); // focus out of the editor and fields
    for (const i of want) {
      await page.keyboard.press('F8');
      await expect.poll(selectedIndex).toBe(i);
    }
    await page.keyboard.press('F8');
    await expect.poll(selectedIndex).toBe(want[0]);
    await expect.poll(() => page.getByTestId('doubt-counter').textContent()).toBe(`? Doubt 1 of ${doubts}`);
    await page.keyboard.press('Shift+F8');
    await expect.poll(selectedIndex).toBe(want.at(-1));
    // The OCR pane follows: the cursor is on the selected item's first line.
    const line = await page.locator('[data-testid=item-card].selected').getAttribute('data-line-from');
    await expect.poll(() => page.getByTestId('raw-editor').getAttribute('data-cursor-line')).toBe(line);
  });

  it('Confirm settles a doubt, saved to the archive and counted in the library', async () => {
    await page.locator('[data-testid=item-card].selected [data-testid=doubt-confirm]').click();
    await expect.poll(doubtfulIndexes).toHaveLength(doubts - 1);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    await page.reload();
    await page.waitForSelector('[data-testid=item-card]');
    await expect.poll(doubtfulIndexes).toHaveLength(doubts - 1);
    const row = page.locator(`[data-testid=page-row][data-page-id="${secondPageId}"]`);
    await expect.poll(() => row.getByTestId('page-doubts').getAttribute('data-count')).toBe(String(doubts - 1));
  });

  it('in Chinese', async () => {
    await page.getByTestId('language-select').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('model-chip').textContent()).toBe('模型：人民日报 配置（学自 1 版）');
    await expect.poll(() => page.getByTestId('doubt-counter').textContent()).toBe(`? ${doubts - 1} 处存疑`);
    expect(await page.getByTestId('doubt-badge').first().textContent()).toMatch(/存疑.*(分条|标题) \d+%.*确认/);
    await page.locator('.page-title').click();
    await page.keyboard.press('F8');
    await page.screenshot({ path: join(SCREENSHOTS, 'doubts-zh-CN.tmp.png') });
    await page.keyboard.press('F1');
    await page.waitForSelector('[data-testid=help-overlay]');
    expect(await page.getByTestId('help-overlay').textContent()).toContain('下一处存疑');
    await page.keyboard.press('Escape');
  });
});
