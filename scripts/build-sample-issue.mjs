// Builds resources/sample-issue/ (the first-run sample issue) from the annotated Yunxi Daily pages
// in resources/pages/: the masthead is renamed 示例日报 (so the sample never joins a real
// publication) and each page gets OCR faults of the kinds the engine gets wrong: a missing blank
// line between two items, a byline glued to its headline, a headline broken over two lines,
// look-alike characters (日/曰, 0/O, 己/已) and a stray page-furniture line. Deterministic; run
// with `node scripts/build-sample-issue.mjs` after changing the rules below.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pages = fileURLToPath(new URL('../resources/pages/', import.meta.url));
const out = fileURLToPath(new URL('../resources/sample-issue/', import.meta.url));
mkdirSync(out, { recursive: true });

/** [find, replace] applied once each; a rule that finds nothing stops the build. */
const FAULTS = {
  p1: [
    ['云溪日报', '示例日报'],
    ['YUNXI DAILY', 'SHILI DAILY'],
    // The headline's two decks read as one line, then the byline is glued to the subheadline.
    ['抓项目稳投资 拼经济促发展\n\n一季度全市52个重点项目集中开工 总投资386亿元\n\n本报讯', '抓项目稳投资 拼经济促发展\n一季度全市52个重点项目集中开工 总投资386亿元本报讯'],
    ['3月13日上午', '3月13曰上午'],
    ['1至2月', '1至2曰'],
    ['11.3%', '11.3％'],
    // The blank line between the end of one story and the next headline is lost.
    ['市领导刘建华、孙莉、王光明参加。\n\n让“家门口”', '市领导刘建华、孙莉、王光明参加。\n让“家门口”'],
    ['72岁', '7２岁'],
  ],
  p2: [
    ['第2版', '第2版\n示例日报·要闻'],
    ['云溪日报', '示例日报'],
  ],
  p4: [
    ['云溪日报　责任编辑 王芳　校对 刘洋', '示例日报　责任编辑 王芳　校对 刘洋'],
    ['(上接第2版)', '(上接第2版）'],
  ],
};

for (const [page, faults] of Object.entries(FAULTS)) {
  let text = readFileSync(`${pages}yunxi-daily-2023-03-14-${page}.txt`, 'utf8').replace(/\r\n?/g, '\n');
  for (const [find, replace] of faults) {
    if (!text.includes(find)) throw new Error(`${page}: "${find.slice(0, 30)}" not found`);
    text = text.replace(find, replace);
  }
  // Every page: a run of look-alikes in the body (己 for 已, O for 0 in a figure) where present.
  text = text.replace('已经', '己经').replace(/(\d)0(\d)/, '$1O$2');
  writeFileSync(`${out}shili-daily-2023-03-14-${page}.txt`, text);
}
console.log(`sample issue written to ${out}`);
