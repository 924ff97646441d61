// UI latency in Debian Chromium against the browser host (playwright-core):
//   ui.open-page  click on a page of 200 lines -> raw text and item cards painted (goal < 300 ms)
//   ui.split      Ctrl+Enter in the raw text -> updated cards and the OCR pane's new split rule painted
//                 (goal <= 50 ms, p50 of 32 splits; also to the frame's presentation, Event Timing,
//                 which must come no later than a typed character's),
//                 beside a baseline in the same run: one character typed in the OCR pane -> painted
//   ui.big-page   click on a page of 10,000 items -> both panes painted (goal < 1 s)
// The profile picker is dismissed first; any step that does not happen fails the bench (it
// never reports a figure for a UI that did not paint).
// Times are taken inside the page (the keydown's timeStamp, when the browser received the key ->
// the first task after the frame that painted the change; and that frame's presentation).
// On a machine shared with other work those times mostly measure the wait for a core, so the
// split and the big page also report the CPU they cost: the browser's renderer processes (CDP
// SystemInfo) and this process (the host, its archive worker and Playwright's client).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAGE, clickLine, hasChromium, launchChromium, skipProfilePicker, startTestHost } from '../e2e/support.ts';
import { bigPageText } from './_big-page.ts';
import { median } from './timing.ts';
import { HTTP_TOKEN_HEADER } from '../shared/ipc.ts';
import type { BenchResult } from './types.ts';

const RUNS = 15;
/** Splits timed (each merged back before the next), after two untimed ones. */
const SPLITS = 32;
const BIG_ITEMS = 10_000;
/** The big pages opened, each timed BIG_OPENS times after one cold open. */
const BIG_SIZES = [1_000, 3_000, BIG_ITEMS];
const BIG_OPENS = 3;

function pageOf200Lines(seed: number): string {
  const sample = readFileSync(SAMPLE_PAGE, 'utf8').replace(/\r\n?/g, '\n').split('\n');
  const lines = [...sample];
  for (let i = 0; lines.length < 200; i++) lines.push(sample[(i * 7 + seed) % sample.length]!);
  return lines.slice(0, 200).join('\n');
}

/** CPU seconds so far of the browser's renderer processes and of this process. */
async function cpuNow(browser: Browser): Promise<{ renderer: number; host: number }> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; cpuTime: number }[] };
    const renderer = info.processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
    const own = process.cpuUsage();
    return { renderer, host: (own.user + own.system) / 1e6 };
  } finally {
    await cdp.detach();
  }
}

/** CPU milliseconds each side spent between two readings. */
const cpuSpent = (a: { renderer: number; host: number }, b: { renderer: number; host: number }) => ({
  renderer: (b.renderer - a.renderer) * 1000,
  host: (b.host - a.host) * 1000,
});

function p90(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]!;
}

/** Clicks a library row and times (in the page) until both panes show the page and a frame passed. */
async function timeOpen(page: Page, pageId: number): Promise<number> {
  return page.evaluate(async (id) => {
    const row = document.querySelector<HTMLButtonElement>(`[data-testid=page-row][data-page-id="${id}"]`)!;
    const done = () => {
      const card = document.querySelector('[data-testid=item-card]');
      const cur = document.querySelector('[data-testid=page-row][aria-current=page]') as HTMLElement | null;
      const lines = document.querySelectorAll('[data-testid=raw-editor] .view-line').length;
      const list = document.querySelector<HTMLElement>('[data-testid=item-cards]');
      const items = Number(list?.dataset.count ?? -1);
      const zones = document.querySelectorAll('.split-zone').length;
      // Small pages get a labelled rule per item; big ones (over 400 items) only decorations.
      return !!card && cur?.dataset.pageId === String(id) && lines > 0 && (items > 400 || zones === items);
    };
    const t0 = performance.now();
    row.click();
    await new Promise<void>((resolve) => {
      const check = () => (done() ? resolve() : undefined);
      const mo = new MutationObserver(() => {
        if (done()) {
          mo.disconnect();
          resolve();
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
      check();
    });
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, pageId);
}

/**
 * The baseline of a page's open, in the same run: the tab fetching page.get and parsing its JSON,
 * nothing checked or painted (the token is the one the app keeps in sessionStorage, 'galley.token').
 */
async function timeFetch(page: Page, pageId: number): Promise<number> {
  return page.evaluate(
    async ({ id, header }) => {
      const t0 = performance.now();
      const res = await fetch('/api/page.get', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [header]: sessionStorage.getItem('galley.token') ?? '' },
        body: JSON.stringify({ pageId: id }),
      });
      const body = (await res.json()) as { ok: boolean };
      if (!body.ok) throw new Error(`page.get ${id} failed: ${JSON.stringify(body).slice(0, 200)}`);
      return performance.now() - t0;
    },
    { id: pageId, header: HTTP_TOKEN_HEADER },
  );
}

/** What one timed keystroke measured (ms from the keydown's timeStamp, the browser's receipt of the key). */
interface KeyTiming {
  /** The first task after the frame that painted the change (the main thread's work for it done). */
  paintedMs: number;
  /**
   * The Event Timing API's duration for the keydown (as INP counts it): to the presentation of
   * the next frame after its handlers, in Chromium's 8 ms steps. NaN when that frame did not hold
   * the change (it was painted a frame later) or no entry came.
   */
  presentedMs: number;
}

/**
 * Arms a timer in the page for the next non-modifier keydown: until the frame that paints the
 * change — for a split or merge, the cards' new count and (`zones`) the OCR pane's split rule shown
 * or hidden (Monaco positions a new view zone in its own animation frame); for typing, the OCR
 * pane's lines. The end is the first task after the frame in which the last of them changed: when
 * that change happened inside an animation frame callback (Monaco's render), that same frame paints
 * it, otherwise the next one does. `limitMs`: on the 10,000-item page a split waits for the host's
 * derivation of the change before it (derivations run one at a time), which took over 10 s on the
 * loaded machine.
 */
async function armKeyTimer(page: Page, what: { cards: boolean; zones: boolean; lines: boolean }, limitMs = 10_000): Promise<void> {
  await page.evaluate(
    ({ what, limit }) => {
      const w = window as unknown as { __benchResult?: Promise<{ paintedMs: number; presentedMs: number }> };
      const list = document.querySelector<HTMLElement>('[data-testid=item-cards]')!;
      const editor = document.querySelector<HTMLElement>('[data-testid=raw-editor]')!;
      const lines = editor.querySelector<HTMLElement>('.view-lines')!;
      const shownZones = () => {
        let n = 0;
        for (const z of editor.querySelectorAll<HTMLElement>('.split-zone')) if (z.style.display !== 'none') n++;
        return n;
      };
      const cards0 = list.dataset.count;
      const zones0 = what.zones ? shownZones() : 0;
      const entries: PerformanceEventTiming[] = [];
      const po = new PerformanceObserver((l) => entries.push(...(l.getEntries() as PerformanceEventTiming[])));
      po.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
      w.__benchResult = new Promise((resolve, reject) => {
        let t0 = 0;
        // Frames after the key, counted by an animation-frame loop started at the keydown (its
        // callback runs first in each frame); `inFrame` from that callback until the frame's first task after.
        let frame = 0;
        let inFrame = false;
        let looping = true;
        const loop = () => {
          frame++;
          inFrame = true;
          setTimeout(() => (inFrame = false), 0);
          if (looping) requestAnimationFrame(loop);
        };
        const pending = new Set<string>([...(what.cards ? ['cards'] : []), ...(what.zones ? ['zones'] : []), ...(what.lines ? ['lines'] : [])]);
        let lastFrame = 0;
        const timer = setTimeout(() => reject(new Error(`the change was not painted within ${limit / 1000} s of the key (waiting for ${[...pending].join(', ')})`)), limit);
        const seen = (part: string) => {
          if (!pending.delete(part)) return;
          // A change made inside a frame's callbacks is painted by that frame, otherwise by the next.
          lastFrame = Math.max(lastFrame, inFrame ? frame : frame + 1);
          if (pending.size > 0) return;
          mo.disconnect();
          clearTimeout(timer);
          const finish = () =>
            setTimeout(() => {
              const paintedMs = performance.now() - t0;
              looping = false;
              // Event Timing entries come after the frame is presented: wait for the keydown's.
              const started = performance.now();
              const collect = () => {
                entries.push(...(po.takeRecords() as PerformanceEventTiming[]));
                const kd = entries.find((e) => e.name === 'keydown' && Math.abs(e.startTime - t0) < 0.5);
                if (!kd && performance.now() - started < 2000) return void setTimeout(collect, 20);
                po.disconnect();
                // Valid when the next paint after the handlers is the frame that painted the change.
                const valid = kd !== undefined && lastFrame === 1;
                resolve({ paintedMs, presentedMs: valid ? kd.duration : Number.NaN });
              };
              collect();
            }, 0);
          if (inFrame) finish();
          else requestAnimationFrame(finish);
        };
        const check = () => {
          if (t0 === 0) return;
          if (what.cards && list.dataset.count !== cards0) seen('cards');
          if (what.zones && shownZones() !== zones0) seen('zones');
        };
        const onKey = (e: KeyboardEvent) => {
          // From the keystroke that acts (Enter of Ctrl+Enter), not the modifier pressed before it.
          if (['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) return;
          t0 = e.timeStamp;
          window.removeEventListener('keydown', onKey, true);
          requestAnimationFrame(loop);
        };
        window.addEventListener('keydown', onKey, true);
        const mo = new MutationObserver((records) => {
          if (t0 === 0) return;
          if (what.lines && records.some((r) => r.type !== 'attributes' && lines.contains(r.target))) seen('lines');
          check();
        });
        mo.observe(list, { attributes: true, attributeFilter: ['data-count'] });
        mo.observe(editor, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['style'] });
      });
    },
    { what, limit: limitMs },
  );
}

const keyResult = (page: Page): Promise<KeyTiming> => page.evaluate(() => (window as unknown as { __benchResult: Promise<KeyTiming> }).__benchResult);

/**
 * Presses `key` with `modifier` held and times it: the key is released after the result, as a
 * person's key is (~100 ms down): Playwright's press() sends the keyup a millisecond after the
 * keydown, and the tab then handles it before the frame — harness work no user's keystroke has.
 */
async function timedKey(page: Page, key: string, modifier?: string): Promise<KeyTiming> {
  if (modifier) await page.keyboard.down(modifier);
  await page.keyboard.down(key);
  try {
    return await keyResult(page);
  } finally {
    await page.keyboard.up(key);
    if (modifier) await page.keyboard.up(modifier);
  }
}

const finite = (values: number[]) => values.filter((v) => Number.isFinite(v));

export async function bench(): Promise<BenchResult[]> {
  if (!hasChromium) throw new Error('Chromium not found at /usr/bin/chromium');
  const host = await startTestHost();
  const browser = await launchChromium();
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-ui-'));
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    // tsx compiles the callbacks below with esbuild's keepNames, which calls __name in the page.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(host.host.url);
    await page.waitForSelector('[data-testid=library]');
    await skipProfilePicker(page);
    const files = [1, 2].map((n) => {
      const path = join(dir, `bench-daily-2021-11-0${n}-p1.txt`);
      writeFileSync(path, pageOf200Lines(n));
      return path;
    });
    // Big pages of 1,000, 3,000 and 10,000 items, one issue each (told apart by file name below).
    const bigFiles = BIG_SIZES.map((items, i) => {
      const path = join(dir, `bench-big-${items}-daily-2021-11-0${7 + i}-p1.txt`);
      writeFileSync(path, bigPageText(items));
      return path;
    });
    files.push(...bigFiles);
    await page.setInputFiles('[data-testid=import-input]', files);
    await page.waitForSelector('[data-testid=import-done]', { timeout: 300_000 });
    await page.click('[data-testid=import-panel] button');
    await page.getByTestId('issue-row').first().waitFor();
    for (const row of await page.getByTestId('issue-row').all()) await row.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=page-row]').length >= n, files.length);
    // Page rows carry the file name as their title.
    const rows = await page
      .getByTestId('page-row')
      .evaluateAll((rs) => rs.map((r) => ({ id: Number((r as HTMLElement).dataset.pageId), name: (r as HTMLElement).title })));
    const idOf = (name: string) => {
      const id = rows.find((r) => r.name === name)?.id;
      if (id === undefined) throw new Error(`no library row for ${name}: ${JSON.stringify(rows)}`);
      return id;
    };
    const bigIds = bigFiles.map((f) => idOf(f.slice(dir.length + 1)));
    const bigId = bigIds[BIG_SIZES.indexOf(BIG_ITEMS)]!;
    const ids = [1, 2].map((n) => idOf(`bench-daily-2021-11-0${n}-p1.txt`));

    const open: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const ms = await timeOpen(page, ids[i % 2]!);
      if (i >= 2) open.push(ms); // first two: cold caches
    }

    // Split and merge back on one line of the open page, timing the split.
    await page.waitForSelector('[data-testid=item-card]');
    const starts = await page.locator('[data-testid=item-card]').evaluateAll((cs) => cs.map((c) => Number((c as HTMLElement).dataset.lineFrom)));
    const line = starts[1]! + 3;
    const split: number[] = [];
    const splitPresented: number[] = [];
    const merge: number[] = [];
    const splitCpu: { renderer: number; host: number }[] = [];
    // The baseline, interleaved with the splits so both meet the same load: one character typed.
    const typed: number[] = [];
    const typedPresented: number[] = [];
    const typedCpu: { renderer: number; host: number }[] = [];
    // The split as Playwright's press() sends it (keyup a millisecond after the keydown), for the
    // comparison with the held key in the same run; every fourth round.
    const pressed: number[] = [];
    // The machine's load beside the figures: on a shared 2-core machine wall time is mostly the wait for a core.
    const loadStart = loadavg()[0]!;
    const structural = { cards: true, zones: true, lines: false };
    for (let i = 0; i < SPLITS + 2; i++) {
      await clickLine(page, line);
      await armKeyTimer(page, structural);
      const c0 = await cpuNow(browser);
      const s = await timedKey(page, 'Enter', 'Control');
      if (i >= 2) splitCpu.push(cpuSpent(c0, await cpuNow(browser)));
      await armKeyTimer(page, structural);
      const m = await timedKey(page, 'Backspace', 'Control');
      if (i >= 2) {
        split.push(s.paintedMs);
        splitPresented.push(s.presentedMs);
        merge.push(m.paintedMs);
      }
      if (i >= 2 && i % 4 === 0) {
        await clickLine(page, line);
        await armKeyTimer(page, structural);
        await page.keyboard.press('Control+Enter');
        pressed.push((await keyResult(page)).paintedMs);
        await armKeyTimer(page, structural);
        await page.keyboard.press('Control+Backspace');
        await keyResult(page);
      }
      await clickLine(page, line);
      await page.keyboard.press('End');
      await armKeyTimer(page, { cards: false, zones: false, lines: true });
      const t0 = await cpuNow(browser);
      const ty = await timedKey(page, 'x');
      if (i >= 2) {
        typedCpu.push(cpuSpent(t0, await cpuNow(browser)));
        typed.push(ty.paintedMs);
        typedPresented.push(ty.presentedMs);
      }
      await page.keyboard.press('Backspace');
      // The page's host derivation after typing runs before the next split is timed.
      await page.waitForFunction(() => document.querySelector('[data-testid=save-state]')?.getAttribute('data-state') === 'saved', null, { timeout: 60_000 });
    }
    const loadEnd = loadavg()[0]!;
    if (split.length < 30) throw new Error(`only ${split.length} splits were timed`);
    const openMs = median(open);
    const splitMs = median(split);
    const splitP90 = p90(split);
    const rendererCpu = median(splitCpu.map((c) => c.renderer));
    const hostCpu = median(splitCpu.map((c) => c.host));
    const typedMs = median(typed);
    const typedRendererCpu = median(typedCpu.map((c) => c.renderer));
    const presented = finite(splitPresented);
    const presentedMs = presented.length ? median(presented) : Number.NaN;
    const typedPresentedMs = finite(typedPresented).length ? median(finite(typedPresented)) : Number.NaN;
    const pressedMs = median(pressed);

    // Big pages: open to both panes painted (goal < 1 s at 10,000 items), each beside its baseline
    // in the same run: the tab fetching and parsing the same page.get answer, with nothing painted.
    const bigRuns = BIG_SIZES.map(() => ({ open: [] as number[], fetch: [] as number[], cpu: [] as { renderer: number; host: number }[] }));
    for (let i = 0; i < BIG_OPENS + 1; i++) {
      for (const [s, id] of bigIds.entries()) {
        const c0 = await cpuNow(browser);
        const ms = await timeOpen(page, id);
        const cpu = cpuSpent(c0, await cpuNow(browser));
        const fetched = await timeFetch(page, id);
        await timeOpen(page, ids[0]!);
        if (i === 0) continue; // cold
        bigRuns[s]!.open.push(ms);
        bigRuns[s]!.cpu.push(cpu);
        bigRuns[s]!.fetch.push(fetched);
      }
    }
    const big = bigRuns[BIG_SIZES.indexOf(BIG_ITEMS)]!.open;
    const bigCpu = bigRuns[BIG_SIZES.indexOf(BIG_ITEMS)]!.cpu;
    await timeOpen(page, bigId);
    // The page has the most items a page may have (a split on it is refused): merge the second
    // item (line 4) into the first, then time the split that makes it again.
    await clickLine(page, 4);
    const bigSplit: number[] = [];
    const bigSplitCpu: { renderer: number; host: number }[] = [];
    for (let i = 0; i < 5; i++) {
      // A page over 400 items has no labelled rules in the OCR pane: the cards' count is the change.
      await armKeyTimer(page, { cards: true, zones: false, lines: false }, 60_000);
      await timedKey(page, 'Backspace', 'Control');
      await armKeyTimer(page, { cards: true, zones: false, lines: false }, 60_000);
      const c0 = await cpuNow(browser);
      bigSplit.push((await timedKey(page, 'Enter', 'Control')).paintedMs);
      bigSplitCpu.push(cpuSpent(c0, await cpuNow(browser)));
    }
    const bigMs = median(big);
    return [
      {
        name: 'ui.open-page',
        figures: { lines: 200, runs: open.length, medianMs: openMs, p90Ms: p90(open), minMs: Math.min(...open) },
        summary: `open a 200-line page to both panes painted: median ${openMs.toFixed(1)} ms (goal < 300 ms)`,
        goal: { description: 'median < 300 ms', met: openMs < 300 },
      },
      {
        name: 'ui.split',
        figures: {
          runs: split.length,
          medianMs: splitMs,
          p90Ms: splitP90,
          minMs: Math.min(...split),
          presentedMedianMs: presentedMs,
          presentedP90Ms: presented.length ? p90(presented) : Number.NaN,
          presentedRuns: presented.length,
          pressReleasedAtOnceMedianMs: pressedMs,
          pressReleasedAtOnceRuns: pressed.length,
          mergeMedianMs: median(merge),
          rendererCpuMs: rendererCpu,
          hostCpuMs: hostCpu,
          typedMedianMs: typedMs,
          typedRendererCpuMs: typedRendererCpu,
          typedPresentedMedianMs: typedPresentedMs,
          splitOverTyped: splitMs / typedMs,
          rendererCpuOverTyped: rendererCpu / typedRendererCpu,
          load1Start: loadStart,
          load1End: loadEnd,
        },
        summary: `Ctrl+Enter (Enter's keydown timeStamp) to the cards and the OCR pane's split rule painted: p50 ${splitMs.toFixed(1)} ms, p90 ${splitP90.toFixed(1)} ms over ${split.length} splits at load ${loadStart.toFixed(1)}–${loadEnd.toFixed(1)} (goal p50 ≤ 50 ms); to that frame presented (Event Timing, 8 ms steps, ${presented.length} of ${split.length} splits): p50 ${presentedMs.toFixed(0)} ms; the key released at once (Playwright's press, ${pressed.length} splits): p50 ${pressedMs.toFixed(1)} ms; CPU per split to the paint: browser renderer ${rendererCpu.toFixed(0)} ms, host ${hostCpu.toFixed(0)} ms; baseline in the same run, one character typed in the OCR pane: p50 ${typedMs.toFixed(1)} ms (presented ${typedPresentedMs.toFixed(0)} ms), renderer CPU ${typedRendererCpu.toFixed(0)} ms (split ${(splitMs / typedMs).toFixed(2)}× its wall, ${(rendererCpu / typedRendererCpu).toFixed(2)}× its CPU)`,
        // The issue's figure is the painted one. Presentation adds the compositor's frames after it, which
        // no page code shortens: a character typed in the same editor presents 48–56 ms after its key on
        // this machine. So the split must also reach the screen no later than a typed character does.
        goal: {
          description: 'p50 <= 50 ms painted, and presented no later than a typed character in the same run',
          met: splitMs <= 50 && presentedMs <= typedPresentedMs,
        },
      },
      {
        name: 'ui.big-page',
        figures: {
          items: BIG_ITEMS,
          runs: big.length,
          medianMs: bigMs,
          maxMs: Math.max(...big),
          splitMedianMs: median(bigSplit),
          splitRendererCpuMs: median(bigSplitCpu.map((c) => c.renderer)),
          splitHostCpuMs: median(bigSplitCpu.map((c) => c.host)),
          rendererCpuMs: median(bigCpu.map((c) => c.renderer)),
          hostCpuMs: median(bigCpu.map((c) => c.host)),
          ...Object.fromEntries(
            BIG_SIZES.flatMap((n, s) => [
              [`open${n}Ms`, median(bigRuns[s]!.open)],
              [`fetch${n}Ms`, median(bigRuns[s]!.fetch)],
              [`open${n}OverFetch`, median(bigRuns[s]!.open) / median(bigRuns[s]!.fetch)],
              [`open${n}CpuMs`, median(bigRuns[s]!.cpu.map((c) => c.renderer + c.host))],
            ]),
          ),
          load1: loadavg()[0]!,
        },
        summary: `open a page to both panes painted, median (page.get fetched and parsed in the tab, same run; CPU browser + host): ${BIG_SIZES.map((n, s) => `${n.toLocaleString('en')} items ${median(bigRuns[s]!.open).toFixed(0)} ms (fetch ${median(bigRuns[s]!.fetch).toFixed(0)} ms; CPU ${median(bigRuns[s]!.cpu.map((c) => c.renderer + c.host)).toFixed(0)} ms)`).join(', ')} at load ${loadavg()[0]!.toFixed(1)} (goal < 1 s at ${BIG_ITEMS.toLocaleString('en')}); split on the ${BIG_ITEMS.toLocaleString('en')}-item page ${median(bigSplit).toFixed(0)} ms (CPU to the paint: renderer ${median(bigSplitCpu.map((c) => c.renderer)).toFixed(0)} ms, host ${median(bigSplitCpu.map((c) => c.host)).toFixed(0)} ms)`,
        goal: { description: 'median < 1000 ms', met: bigMs < 1000 },
      },
    ];
  } finally {
    await browser.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
