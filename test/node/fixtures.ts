// Test fixtures are generated at test time (iconv-lite encodes them), so no binary file is committed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A short simplified-Chinese page: masthead-like lines, an article, ASCII digits and punctuation. */
export const SIMPLIFIED = [
  '衡阳日报',
  '2021年10月29日 星期五 农历辛丑年九月廿四',
  '加强两地交流合作 携手互促联动发展',
  '本报讯 (记者 彭斌) 立足新发展阶段、贯彻新发展理念、构建新发展格局,加强苏衡交流合作,携手互促联动发展。',
  '秦国文说,苏州经济发展强劲,创新活力迸发,在产业转型、创新发展等方面的做法值得衡阳学习借鉴。',
  '',
].join('\n');

/** The same text in traditional characters (Big5 cannot encode the simplified forms). */
export const TRADITIONAL = [
  '衡陽日報',
  '2021年10月29日 星期五 農曆辛丑年九月廿四',
  '加強兩地交流合作 攜手互促聯動發展',
  '本報訊 (記者 彭斌) 立足新發展階段、貫徹新發展理念、構建新發展格局,加強蘇衡交流合作,攜手互促聯動發展。',
  '秦國文說,蘇州經濟發展強勁,創新活力迸發,在產業轉型、創新發展等方面的做法值得衡陽學習借鑒。',
  '',
].join('\n');

export function makeTempDir(prefix: string): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `galley-${prefix}-`));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** Leading bytes of real binary formats (enough for magic-number detection) plus some filler. */
export const BINARY_SAMPLES: Record<string, { bytes: Uint8Array; what: RegExp }> = {
  png: { bytes: bytes([0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...ascii('IHDR')]), what: /PNG image/ },
  jpeg: { bytes: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...ascii('JFIF'), 0]), what: /JPEG image/ },
  gif: { bytes: bytes([...ascii('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0]), what: /GIF image/ },
  pdf: { bytes: bytes(ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')), what: /PDF document/ },
  zip: { bytes: zipHeader('notes.txt'), what: /ZIP archive/ },
  docx: { bytes: zipHeader('[Content_Types].xml'), what: /Office document \(\.docx/ },
  gzip: { bytes: bytes([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x4c]), what: /gzip archive/ },
};

function bytes(values: number[]): Uint8Array {
  return Uint8Array.from([...values, ...new Array(64).fill(0x20)]);
}

/** A ZIP local file header whose first entry has the given name. */
function zipHeader(name: string): Uint8Array {
  const header = [0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  header.push(name.length & 0xff, name.length >> 8, 0, 0, ...ascii(name));
  return bytes(header);
}
