// Contributors follow the byline the editor typed: an item whose byline was edited by hand (and
// whose contributors were not) gets its contributors re-read from that byline by the rule pack,
// the same parsing the engine applies to printed bylines. Without this an edit such as adding
// "通讯员 李明" changed the byline but not the contributors, and NITF and Markdown lost the name.
import type { Contributor } from '../../shared/segmentation.ts';
import type { ExportItem, IssueExport } from '../../shared/export.ts';
import type { ParsedByline, RulePack } from '../engine/rules/rule-pack.ts';
import { zhDailyRules } from '../engine/rules/zh-daily.ts';

/** The contributors a byline names, or null when the rule pack does not read it as a byline. */
export function contributorsOfByline(byline: string, pack: RulePack = zhDailyRules): Contributor[] | null {
  const out: Contributor[] = [];
  const seen = new Set<string>();
  let parsedAny = false;
  // Several bylines may have been joined with a space or a line break ("本报记者 张三 通讯员 李明").
  const add = (parsed: ParsedByline, printed: string, folded: string) => {
    parsedAny = true;
    for (const c of parsed.contributors) {
      // The fold keeps offsets: read each name back as printed (traditional stays traditional).
      const at = folded.indexOf(c.name);
      const name = at < 0 ? c.name : printed.slice(at, at + c.name.length);
      const key = `${c.role}\u0000${name}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ ...c, name });
      }
    }
  };
  // Several bylines may have been joined with a space or a line break: "本报讯（记者 彭斌） 通讯员 李明"
  // is a dateline byline followed by another one.
  for (const line of byline.split(/\n+/)) {
    let rest = line.trim();
    while (rest) {
      const folded = pack.fold(rest);
      const whole = pack.standaloneByline(folded) ?? pack.bulletSignature(folded);
      if (whole) {
        add(whole, rest, folded);
        break;
      }
      const lead = pack.leadingByline(folded);
      if (!lead || lead.end <= 0) break;
      add(lead, rest, folded);
      rest = rest.slice(lead.end).trim();
    }
  }
  return parsedAny ? out : null;
}

/** The item as exported: contributors re-read from a hand-edited byline. */
export function withBylineContributors(item: ExportItem, pack: RulePack = zhDailyRules): ExportItem {
  if (!item.editedFields.includes('byline') || item.editedFields.includes('contributors')) return item;
  if (!item.byline) return { ...item, contributors: [] };
  const parsed = contributorsOfByline(item.byline, pack);
  return parsed ? { ...item, contributors: parsed } : item;
}

export function applyBylineContributors(issue: IssueExport, pack: RulePack = zhDailyRules): IssueExport {
  return { ...issue, pages: issue.pages.map((p) => ({ ...p, items: p.items.map((it) => withBylineContributors(it, pack)) })) };
}
