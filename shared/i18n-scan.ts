// Strings of the scan pane (issue 11: the page image beside the text), kept apart from
// shared/i18n.ts so several people can add keys at once. Merged into the tables there as `scan`.

export const scanEn = {
  show: 'Scan',
  showTitle: 'Show the page image beside the raw text (the cursor line is highlighted on it)',
  hide: 'Hide scan',
  none: 'This page has no image. Import the scan (PNG, JPEG, TIFF, JPEG 2000 or PDF) to see it here.',
  noImageRegions: 'This page has line positions but no image.',
  loading: 'Loading the scan…',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fit: 'Fit width',
  zoom: '{{pct}}%',
  label: 'Page image',
  hint: 'Click a line on the image to move the cursor there; drag to pan, Ctrl+wheel to zoom.',
  unsupported: 'The browser cannot show this image format ({{mime}}).',
  error: 'The scan could not be loaded: {{message}}',
  cancelImport: 'Cancel import',
  cancelImportTitle: 'Stop after the file being imported (a running OCR is stopped)',
  importCancelled: 'Import cancelled: the files not yet imported were left out.',
  // A program a scan needs is missing (electron/importer/run-program.ts words it in English for
  // the CLI and logs; the import panel rewords it with these).
  missingOcr: 'OCR needs {{program}}, which is not installed: install the Debian package {{package}} (apt-get install {{package}})',
  missingJpeg2000: 'JPEG 2000 scans need {{program}}, which is not installed: install the Debian package {{package}} (apt-get install {{package}})',
  // Here {{program}} is the Tesseract language (chi_sim, chi_tra, …).
  missingOcrLanguage: 'OCR needs the Tesseract language {{program}}: install the Debian package {{package}} (apt-get install {{package}})',
};

export const scanZh: typeof scanEn = {
  show: '扫描图',
  showTitle: '在原文旁显示版面图像（光标所在行在图上高亮）',
  hide: '隐藏扫描图',
  none: '本版没有图像。导入扫描件（PNG、JPEG、TIFF、JPEG 2000 或 PDF）后即可在此查看。',
  noImageRegions: '本版有行位置，但没有图像。',
  loading: '正在载入扫描图……',
  zoomIn: '放大',
  zoomOut: '缩小',
  fit: '适合宽度',
  zoom: '{{pct}}%',
  label: '版面图像',
  hint: '点击图上的一行，光标即移到该行；拖动可平移，按住 Ctrl 滚动滚轮可缩放。',
  unsupported: '浏览器无法显示这种图像格式（{{mime}}）。',
  error: '无法载入扫描图：{{message}}',
  cancelImport: '取消导入',
  cancelImportTitle: '导入完当前文件后停止（正在进行的识别会被中止）',
  importCancelled: '导入已取消：尚未导入的文件未导入。',
  missingOcr: '文字识别需要 {{program}}，但尚未安装：请安装 Debian 软件包 {{package}}',
  missingJpeg2000: 'JPEG 2000 扫描件需要 {{program}}，但尚未安装：请安装 Debian 软件包 {{package}}',
  missingOcrLanguage: '文字识别需要 Tesseract 语言包 {{program}}：请安装 Debian 软件包 {{package}}',
};

export const MISSING_PROGRAM_KEYS = ['missingOcr', 'missingJpeg2000', 'missingOcrLanguage'] as const;
export type MissingProgramKey = (typeof MISSING_PROGRAM_KEYS)[number];

/** The English line for a missing program (what the main process and the CLI say). */
export function missingProgramLine(key: MissingProgramKey, program: string, pkg: string): string {
  return scanEn[key].replace(/\{\{program\}\}/g, program).replace(/\{\{package\}\}/g, pkg);
}
