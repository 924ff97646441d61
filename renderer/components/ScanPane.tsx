// The scan beside the text: the page image in a pane of its own next to the raw text, zoomable
// and pannable, with the cursor's line highlighted and the selected item's lines outlined (boxes
// from the hOCR/ALTO/PAGE coordinates, shared/scan.ts). Clicking a line on the image moves the
// editor's cursor there. A page without a scan shows a short note; the rest of the page view is
// unchanged.
import { useEffect, useMemo, useRef, useState, type PointerEvent, type ReactNode, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { currentLineOf, type PageScan, type ScanLine } from '../../shared/scan.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { useDesk } from '../state/desk.ts';
import { focusTargets } from '../focus.ts';
import { lineOfOffset, lineStarts } from '../model/page-model.ts';
import './scan-pane.css';

const VISIBLE_KEY = 'galley.scanVisible';

interface ScanUi {
  visible: boolean;
  /** 1 = the image fills the pane's width. */
  zoom: number;
}

const initialVisible = (): boolean => {
  try {
    return globalThis.localStorage?.getItem(VISIBLE_KEY) === '1';
  } catch {
    return false;
  }
};

export const scanUi = createStore<ScanUi>()(() => ({ visible: initialVisible(), zoom: 1 }));

function setVisible(visible: boolean): void {
  scanUi.setState({ visible });
  try {
    globalThis.localStorage?.setItem(VISIBLE_KEY, visible ? '1' : '0');
  } catch {
    // Private windows may refuse storage; the toggle still works for this session.
  }
}

/** The toolbar button that shows or hides the scan pane. */
export function ScanToggle() {
  const { t } = useTranslation();
  const visible = useStore(scanUi, (s) => s.visible);
  return (
    <button data-testid="scan-toggle" aria-pressed={visible} title={t('scan.showTitle')} onClick={() => setVisible(!visible)}>
      {visible ? t('scan.hide') : t('scan.show')}
    </button>
  );
}

/** Wraps the raw-text editor: with the scan shown, image and text sit side by side. */
export function ScanSplit({ children }: { children: ReactNode }) {
  const visible = useStore(scanUi, (s) => s.visible);
  if (!visible) return <>{children}</>;
  return (
    <div className="scan-split">
      <ScanView />
      <div className="scan-split-text">{children}</div>
    </div>
  );
}

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; scan: PageScan | null; url: string | null };

function useScan(pageId: number | null): Loaded {
  const store = useStoreApi();
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    if (pageId === null) return;
    let live = true;
    setState({ status: 'loading' });
    store.getState().pageScan(pageId).then(
      (scan) => {
        if (!live) return;
        // A data: URL, which the content security policy allows for images (blob: it does not).
        const url = scan?.image ? `data:${scan.image.mime};base64,${scan.image.data}` : null;
        setState({ status: 'ready', scan, url });
      },
      (e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [store, pageId]);
  return state;
}

function ScanView() {
  const { t } = useTranslation();
  const pageId = useApp((s) => s.session?.pageId ?? null);
  const text = useApp((s) => s.session?.history.present.text ?? '');
  const items = useApp((s) => s.session?.history.present.items ?? []);
  const selected = useApp((s) => s.session?.selected ?? 0);
  const cursorLine = useDesk((s) => s.cursor?.line ?? null);
  const zoom = useStore(scanUi, (s) => s.zoom);
  const loaded = useScan(pageId);
  const viewport = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [paneWidth, setPaneWidth] = useState(400);
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | null>(null);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setPaneWidth(Math.max(100, el.clientWidth - 2)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [loaded.status]);

  const scan = loaded.status === 'ready' ? loaded.scan : null;
  const space = scan && scan.width > 0 && scan.height > 0 ? { w: scan.width, h: scan.height } : natural;
  // Each region's line in the text as it is now (edits may have moved lines).
  const regions = useMemo(() => {
    const lines = text.split('\n');
    return (scan?.lines ?? []).map((r: ScanLine) => ({ ...r, current: currentLineOf(r, lines) }));
  }, [scan, text]);
  const starts = useMemo(() => lineStarts(text), [text]);
  const item = items[selected];
  const itemLines = item ? [lineOfOffset(starts, item.start), lineOfOffset(starts, Math.max(item.start, item.end - 1))] : null;
  const cursorRegion = cursorLine === null ? undefined : regions.find((r) => r.current === cursorLine - 1);

  // Keep the cursor's line in view as the cursor moves.
  useEffect(() => {
    const el = viewport.current;
    if (!el || !cursorRegion || !space) return;
    const scale = (paneWidth * zoom) / space.w;
    const top = cursorRegion.box[1] * scale;
    const bottom = cursorRegion.box[3] * scale;
    if (top < el.scrollTop || bottom > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  }, [cursorRegion, space, paneWidth, zoom]);

  if (pageId === null) return null;
  const setZoom = (z: number) => scanUi.setState({ zoom: Math.min(8, Math.max(0.25, Math.round(z * 100) / 100)) });
  const header = (
    <div className="scan-toolbar" role="toolbar" aria-label={t('scan.label')}>
      <button onClick={() => setZoom(zoom / 1.25)} title={t('scan.zoomOut')} aria-label={t('scan.zoomOut')} data-testid="scan-zoom-out">
        −
      </button>
      <span className="scan-zoom" data-testid="scan-zoom">
        {t('scan.zoom', { pct: Math.round(zoom * 100) })}
      </span>
      <button onClick={() => setZoom(zoom * 1.25)} title={t('scan.zoomIn')} aria-label={t('scan.zoomIn')} data-testid="scan-zoom-in">
        +
      </button>
      <button onClick={() => setZoom(1)} data-testid="scan-fit">
        {t('scan.fit')}
      </button>
    </div>
  );
  let body: ReactNode;
  if (loaded.status === 'loading') body = <p className="scan-note">{t('scan.loading')}</p>;
  else if (loaded.status === 'error') body = <p className="scan-note error">{t('scan.error', { message: loaded.message })}</p>;
  else if (!scan) body = <p className="scan-note" data-testid="scan-none">{t('scan.none')}</p>;
  else if (!loaded.url) body = <p className="scan-note">{t('scan.noImageRegions')}</p>;
  else if (scan.image?.mime === 'image/tiff') body = <p className="scan-note">{t('scan.unsupported', { mime: 'TIFF' })}</p>;
  else {
    const width = paneWidth * zoom;
    const height = space ? (width * (natural ? natural.h / natural.w : space.h / space.w)) : undefined;
    const toSpace = (e: { clientX: number; clientY: number }, svg: SVGSVGElement) => {
      const r = svg.getBoundingClientRect();
      return { x: ((e.clientX - r.left) / r.width) * (space?.w ?? 1), y: ((e.clientY - r.top) / r.height) * (space?.h ?? 1) };
    };
    body = (
      <div className="scan-canvas" style={{ width, height }}>
        <img src={loaded.url} alt={t('scan.label')} draggable={false} onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} data-testid="scan-image" />
        {space && (
          <svg
            className="scan-overlay"
            viewBox={`0 0 ${space.w} ${space.h}`}
            preserveAspectRatio="none"
            data-testid="scan-overlay"
            onClick={(e) => {
              if (drag.current?.moved) return;
              const p = toSpace(e, e.currentTarget);
              // The line under the click, else the nearest line above or below it.
              const hit =
                regions.find((r) => p.x >= r.box[0] && p.x <= r.box[2] && p.y >= r.box[1] && p.y <= r.box[3]) ??
                [...regions].sort((a, b) => Math.abs((a.box[1] + a.box[3]) / 2 - p.y) - Math.abs((b.box[1] + b.box[3]) / 2 - p.y))[0];
              if (hit) focusTargets.gotoLine?.(hit.current + 1);
            }}
          >
            {itemLines &&
              regions
                .filter((r) => r.current >= itemLines[0]! && r.current <= itemLines[1]!)
                .map((r) => <rect key={`i${r.line}`} className="scan-item" x={r.box[0]} y={r.box[1]} width={r.box[2] - r.box[0]} height={r.box[3] - r.box[1]} data-testid="scan-item-region" />)}
            {cursorRegion && (
              <rect
                className="scan-cursor"
                x={cursorRegion.box[0]}
                y={cursorRegion.box[1]}
                width={cursorRegion.box[2] - cursorRegion.box[0]}
                height={cursorRegion.box[3] - cursorRegion.box[1]}
                data-testid="scan-cursor-line"
                data-line={cursorRegion.current + 1}
              />
            )}
          </svg>
        )}
      </div>
    );
  }
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = viewport.current;
    if (!el || e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    const el = viewport.current;
    if (!d || !el) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) d.moved = true;
    if (d.moved) {
      el.scrollLeft = d.left - dx;
      el.scrollTop = d.top - dy;
    }
  };
  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    setZoom(e.deltaY < 0 ? zoom * 1.1 : zoom / 1.1);
  };
  return (
    <section className="scan-pane" aria-label={t('scan.label')} data-testid="scan-pane" title={t('scan.hint')}>
      {header}
      <div
        className="scan-viewport"
        ref={viewport}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => setTimeout(() => (drag.current = null), 0)}
        onPointerLeave={() => (drag.current = null)}
        onWheel={onWheel}
      >
        {body}
      </div>
    </section>
  );
}
